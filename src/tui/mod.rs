//! The terminal UI, in the Elm shape: an [`App`] model, [`Message`]s, a pure
//! [`update`](update::update) and views that only draw. This module owns the terminal: it sets
//! it up, feeds key presses and ticks to `update`, draws, and puts the terminal back on every
//! way out (quit, panic, SIGTERM, SIGHUP).

pub mod app;
pub mod editor;
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

use std::os::unix::fs::PermissionsExt;
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
        // Private whatever the umask, like every folder the store makes: the sample team is
        // made up, but the folder says who runs what.
        std::fs::set_permissions(
            dir.path(),
            std::fs::Permissions::from_mode(crate::store::DIR_MODE),
        )?;
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
    let abandon = Arc::new(AtomicBool::new(false));
    let demo_path = demo_dir.as_ref().map(|dir| dir.path().to_path_buf());
    watch_signals(
        Arc::clone(&stop),
        Arc::clone(&saving),
        Arc::clone(&abandon),
        demo_path,
    )?;
    let worker = worker::Worker::start(store, saving, Arc::clone(&abandon));
    // Installs the panic hook that restores the terminal before the message is printed.
    let mut terminal = ratatui::try_init()?;
    restore_modes_on_panic();
    // A paste arrives as one event with its text, never as keys that would run commands.
    let pasting = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    let result = pasting
        .map_err(Into::into)
        .and_then(|()| event_loop(&mut terminal, &mut app, &launch, &stop, &worker));
    // Quitting waits for every change sent to be saved; Ctrl-c or a signal gives up those
    // still waiting for another process's lock.
    if app.quit_now || stop.load(Ordering::SeqCst) {
        abandon.store(true, Ordering::SeqCst);
    }
    worker.finish();
    let modes = leave_modes();
    let restored = ratatui::try_restore();
    result
        .and(modes.map_err(Into::into))
        .and(restored.map_err(Into::into))
}

/// Puts back what the UI changed beyond ratatui's raw mode and alternate screen: the cursor,
/// hidden while the views draw, and bracketed paste, which the shell must not be left with.
fn leave_modes() -> std::io::Result<()> {
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    )
}

/// ratatui's hook leaves raw mode and the alternate screen; [`leave_modes`] runs first.
fn restore_modes_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave_modes();
        previous(info);
    }));
}

/// Stops the UI on SIGTERM, SIGHUP or SIGINT. Normally the loop sees `stop` within a poll and
/// exits through the usual restore. But when the terminal itself is gone (a closed window or
/// tmux pane), crossterm's event reading can spin without ever returning (crossterm issue
/// 793), and the loop never looks at `stop` again. So after a grace period this thread
/// restores what it can and ends the process itself, once no change is being saved (`saving`
/// is held around every update), so a save in progress always completes. A save still waiting
/// for another process's lock (one stopped with Ctrl-Z, say) is given up at once (`abandon`),
/// so the wait cannot hold the exit back. The demo's temporary folder, which the normal way
/// out removes, is removed here too.
fn watch_signals(
    stop: Arc<AtomicBool>,
    saving: Arc<Mutex<()>>,
    abandon: Arc<AtomicBool>,
    demo_dir: Option<PathBuf>,
) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop.store(true, Ordering::SeqCst);
            abandon.store(true, Ordering::SeqCst);
            std::thread::sleep(SIGNAL_GRACE);
            let _no_save_under_way = saving.lock();
            if let Some(dir) = &demo_dir {
                let _ = std::fs::remove_dir_all(dir);
            }
            // The terminal may be gone: nothing here may print (printing to a dead terminal
            // panics), so the restore's error is dropped rather than reported.
            let _ = leave_modes();
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
    let size = terminal.size()?;
    dispatch(
        app,
        Message::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut last_tick = Instant::now();
    // A plain quit waits, drawing and taking keys, for the changes sent to be saved.
    while !(app.quit && (app.saving == 0 || app.quit_now)) && !stop.load(Ordering::Relaxed) {
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
                match event::read()? {
                    Event::Key(key) => dispatch(app, Message::Key(key)),
                    Event::Paste(text) => dispatch(app, Message::Paste(text)),
                    Event::Resize(width, height) => {
                        dispatch(app, Message::Resize { width, height });
                    }
                    _ => {}
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
