//! The terminal UI, in the Elm shape: an [`App`] model, [`Message`]s, a pure
//! [`update`](update::update) and views that only draw. This module owns the terminal: it sets
//! it up, feeds key presses and ticks to `update`, draws, and puts the terminal back on every
//! way out (quit, panic, SIGTERM, SIGHUP).

pub mod app;
pub mod forms;
pub mod history;
pub mod keeper;
pub mod keymap;
pub mod message;
mod prep;
pub mod theme;
pub mod update;
pub mod views;
mod words;
mod worker;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

pub use app::App;
pub use message::Message;
pub use theme::Theme;

use crate::core::demo;
use crate::store::Store;

/// What the UI is opened on.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The data file.
    pub path: PathBuf,
    /// The day the UI acts as if it were (`--today`); `None` follows the clock, so a UI left
    /// open past midnight moves to the new day.
    pub today: Option<NaiveDate>,
    /// Open a generated sample team in a temporary file instead of `path`.
    pub demo: bool,
}

impl Launch {
    /// The day it is for the UI now.
    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// How often the clock and the file are looked at.
const TICK_EVERY: Duration = Duration::from_secs(1);
/// The longest wait for a key before looking at signals, saves and the clock again.
const POLL: Duration = Duration::from_millis(200);
/// The wait for a key while a save is under way, so its outcome shows at once.
const POLL_SAVING: Duration = Duration::from_millis(10);
/// How long the loop has after SIGTERM or SIGHUP to stop by itself before the signal watcher
/// ends the process.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Runs the terminal UI until the person quits.
pub fn run(launch: Launch) -> Result<(), Box<dyn std::error::Error>> {
    let today = launch.today();
    // The demo's folder lives until the UI closes and is then removed with its file.
    let (store, demo_dir) = if launch.demo {
        let dir = tempfile::Builder::new()
            .prefix("trustladder-demo")
            .tempdir()?;
        let mut store = Store::open(dir.path().join("demo-team.json"))?;
        let team = demo::generate(today);
        store.update(|ledger| {
            *ledger = team.clone();
            Ok(())
        })?;
        (store, Some(dir))
    } else {
        (Store::open(&launch.path)?, None)
    };
    let mut app = App::new(&store, today, Theme::from_env());
    if launch.demo {
        app.say("Demo team in a temporary file; your own data is untouched. ? lists the keys.");
    }

    let stop = Arc::new(AtomicBool::new(false));
    let saving = Arc::new(Mutex::new(()));
    let demo_path = demo_dir.as_ref().map(|dir| dir.path().to_path_buf());
    watch_signals(Arc::clone(&stop), Arc::clone(&saving), demo_path)?;
    let worker = worker::Worker::start(store, saving);
    // Installs the panic hook that restores the terminal before the message is printed.
    let mut terminal = ratatui::try_init()?;
    show_cursor_on_panic();
    let result = event_loop(&mut terminal, &mut app, &launch, &stop, &worker);
    // Quitting waits for every change sent to be saved.
    worker.finish();
    let shown = terminal.show_cursor();
    let restored = ratatui::try_restore();
    result
        .and(shown.map_err(Into::into))
        .and(restored.map_err(Into::into))
}

/// ratatui's hook leaves raw mode and the alternate screen; the cursor, hidden while the
/// views draw, must come back too or the shell is left without one.
fn show_cursor_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
        previous(info);
    }));
}

/// Stops the UI on SIGTERM or SIGHUP. Normally the loop sees `stop` within a poll and exits
/// through the usual restore. But when the terminal itself is gone (a closed window or tmux
/// pane), crossterm's event reading can spin without ever returning (crossterm issue 793), and
/// the loop never looks at `stop` again. So after a grace period this thread restores what it
/// can and ends the process itself, once no change is being saved (`saving` is held around
/// every update), so a save in progress always completes. The demo's temporary folder, which
/// the normal way out removes, is removed here too.
fn watch_signals(
    stop: Arc<AtomicBool>,
    saving: Arc<Mutex<()>>,
    demo_dir: Option<PathBuf>,
) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop.store(true, Ordering::SeqCst);
            std::thread::sleep(SIGNAL_GRACE);
            let _no_save_under_way = saving.lock();
            if let Some(dir) = &demo_dir {
                let _ = std::fs::remove_dir_all(dir);
            }
            // The terminal may be gone: nothing here may print (printing to a dead terminal
            // panics), so the restore's error is dropped rather than reported.
            let _ =
                ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
            let _ = ratatui::try_restore();
            std::process::exit(0);
        }
    });
    Ok(())
}

/// Puts `text` on the clipboard with OSC 52. A terminal that does not allow it ignores the
/// sequence, and says nothing either way, so there is nothing to report.
fn copy(text: &str) {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    launch: &Launch,
    stop: &AtomicBool,
    worker: &worker::Worker,
) -> Result<(), Box<dyn std::error::Error>> {
    let dispatch = |app: &mut App, message: Message| {
        for effect in update::update(app, message) {
            match effect {
                // The terminal is this thread's: a copy goes out between two frames.
                message::Effect::Copy { text } => copy(&text),
                effect => worker.send(effect),
            }
        }
    };
    let mut last_tick = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if app.redraw {
            terminal.clear()?;
            app.redraw = false;
        }
        terminal.draw(|frame| views::view(app, frame))?;
        let wait = if app.saving > 0 { POLL_SAVING } else { POLL };
        if event::poll(wait)? {
            // Take every event that is waiting before drawing again, so a burst of keys (a
            // paste, a held key) costs one redraw, not one per key.
            loop {
                // `update` ignores everything but presses (releases and repeats on terminals
                // that report them), so the loop hands over every key event.
                if let Event::Key(key) = event::read()? {
                    dispatch(app, Message::Key(key));
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        while let Some(outcome) = worker.outcome() {
            dispatch(app, outcome);
        }
        if last_tick.elapsed() >= TICK_EVERY {
            dispatch(
                app,
                Message::Tick {
                    today: launch.today(),
                },
            );
            last_tick = Instant::now();
        }
    }
    Ok(())
}
