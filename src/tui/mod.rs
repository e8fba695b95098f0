//! The terminal UI, in the Elm shape: an [`App`] model, [`Message`]s, a pure
//! [`update`](update::update) and views that only draw. This module owns the terminal: it sets
//! it up, feeds key presses, clicks and ticks to `update`, draws, lends the terminal to the
//! user's editor and takes it back, lends it to the shell while the UI is suspended (Ctrl-z,
//! SIGTSTP) and takes it back on `fg`, and puts it back as it was on every way out (quit,
//! panic, SIGTERM, SIGHUP, SIGINT, the editor running or not).

pub mod app;
pub mod draft;
pub mod editor;
mod external;
pub mod forms;
pub mod history;
pub mod keeper;
pub mod keymap;
pub mod message;
pub mod message_log;
pub mod paste;
mod prep;
pub mod setup;
mod term;
pub mod theme;
pub mod unlock;
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
use ratatui::crossterm::event::{self, Event, MouseEventKind};

pub use app::App;
pub use message::Message;
pub use setup::Setup;
pub use theme::Theme;

use crate::config::Location;
use crate::core::demo;
use crate::crypt::{self, CryptError};
use crate::store::{Store, StoreError};

/// What the UI is opened on.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The data file.
    pub path: PathBuf,
    /// The day the UI acts as if it were (`--today`); `None` follows the clock, so a UI left
    /// open past midnight moves to the new day.
    pub today: Option<NaiveDate>,
    /// `today` is a day before the real one: the levels, figures and prep show the ledger as
    /// it stood then ([`App::looking_back`](app::App::looking_back)).
    pub looking_back: bool,
    /// Open a generated sample team in a temporary file instead of `path`.
    pub demo: bool,
    /// The config file, when there is somewhere to look for one.
    pub config: Option<Location>,
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
/// How long a UI continued in the background waits for a signal that ends it before it takes
/// the terminal back.
const BACKGROUND_GRACE: Duration = Duration::from_millis(100);
/// How long `$EDITOR` has to end after the signal that ends the UI is passed on to it, before
/// it is killed.
const EDITOR_PATIENCE: Duration = Duration::from_secs(1);

/// Runs the terminal UI until the person quits.
pub fn run(launch: Launch) -> Result<(), Box<dyn std::error::Error>> {
    let today = launch.today();
    // The UI asks for an encrypted ledger's passphrase in its own masked field, never on the
    // terminal below it.
    crypt::unlock::ui_opening();
    // A note an earlier UI killed outright left in its editor's folder goes first.
    external::clear_leftovers();
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
        (Some(store), Some(dir))
    } else {
        match Store::open(&launch.path) {
            Ok(store) => (Some(store), None),
            // Locked: the unlock screen asks once the terminal is set up.
            Err(StoreError::Crypt {
                source: CryptError::Locked,
                ..
            }) => (None, None),
            Err(e) => return Err(e.into()),
        }
    };
    // NO_COLOR (any value but empty, as no-color.org says) beats the config file's theme.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // A terminal without colour takes mono, unless the config file picks a theme.
    let monochrome = setup::monochrome(std::env::var("TERM").ok().as_deref());
    let setup = match &launch.config {
        Some(location) => {
            let loaded = crate::config::load(location);
            Setup::of(&loaded, no_color).on_terminal(Some(&loaded), monochrome)
        }
        None => Setup::defaults(no_color).on_terminal(None, monochrome),
    };

    let stop = Arc::new(AtomicBool::new(false));
    let saving = Arc::new(Mutex::new(()));
    let abandon = Arc::new(AtomicBool::new(false));
    let lent = Arc::new(external::Lent::default());
    let demo_path = demo_dir.as_ref().map(|dir| dir.path().to_path_buf());
    watch_signals(
        Arc::clone(&stop),
        Arc::clone(&saving),
        Arc::clone(&abandon),
        Arc::clone(&lent),
        demo_path,
    )?;
    let job = JobSignals::register()?;
    // The shell's modes, given back on every way out whatever changed them since.
    term::remember_shell_modes();
    // An abort (an allocation that failed) ends the process past the panic hook.
    term::give_back_on_abort()?;
    // Nothing is written below the UI from here on, not even a passphrase command's notice.
    crypt::unlock::ui_on_screen();
    // Installs the panic hook that restores the terminal before the message is printed.
    let mut terminal = ratatui::try_init()?;
    term::set_alternate(true);
    restore_modes_on_panic();
    let session = Session {
        launch: &launch,
        setup: &setup,
        stop: &stop,
        saving: &saving,
        abandon: &abandon,
        lent: &lent,
        job: &job,
    };
    let result = enter_modes(setup.mouse)
        .map_err(Into::into)
        .and_then(|()| session.run(&mut terminal, store));
    result
        .and(give_back(&lent).map_err(Into::into))
        .map_err(term::input_reader_explained)
}

/// Gives the terminal back as the shell had it when the UI started, on every way out: the
/// UI's modes off (the mouse, bracketed paste), the cursor shown, the main screen, and the
/// shell's cooked, echoing line, whatever set other modes since (raw mode, or an editor
/// killed before it could put back its own, whose alternate screen is left too).
fn give_back(lent: &external::Lent) -> std::io::Result<()> {
    let _modes = term::hold();
    // Ending in the background (`kill %1` on a suspended UI): the terminal is the shell's
    // already, given back when the UI was suspended.
    if !term::foreground() {
        return Ok(());
    }
    let modes = leave_modes();
    // Raw mode first, as ratatui's restore does: it has more effects than the screen.
    let raw = ratatui::crossterm::terminal::disable_raw_mode();
    let screen = if term::alternate() || lent.killed() {
        term::set_alternate(false);
        leave_alternate_screen()
    } else {
        Ok(())
    };
    term::give_back_shell_modes();
    modes.and(raw).and(screen)
}

/// What stays the same for the whole time the UI is open, across the times an encrypted
/// ledger locks itself and is unlocked again.
struct Session<'a> {
    launch: &'a Launch,
    setup: &'a Setup,
    stop: &'a Arc<AtomicBool>,
    saving: &'a Arc<Mutex<()>>,
    abandon: &'a Arc<AtomicBool>,
    lent: &'a external::Lent,
    job: &'a JobSignals,
}

impl Session<'_> {
    /// Runs the UI on `store` (asking for the passphrase first when it is `None`, a locked
    /// ledger) until the person quits. An encrypted ledger left unused for the idle time is put
    /// away whole (the UI's model, the store, the keys) behind the unlock screen, and opened
    /// anew when the passphrase is given again.
    fn run(
        &self,
        terminal: &mut DefaultTerminal,
        store: Option<Store>,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (lock_after, lock_note) = crypt::unlock::lock_after();
        let mut store = match store {
            Some(store) => store,
            None => match self.unlock(terminal, None, 0)? {
                Some(store) => store,
                None => return Ok(()),
            },
        };
        let mut first = true;
        // Changes whose failure to save the person may not have seen when the UI locked: said
        // once it is unlocked again, or when it is left from the lock screen.
        let mut unseen: Vec<String> = Vec::new();
        loop {
            let encrypted = store.is_encrypted();
            // The day now: an unlock the next morning opens on that morning.
            let mut app = App::configured(
                &store,
                self.launch.today(),
                self.setup.theme,
                self.setup.keys.clone(),
                self.setup.defaults,
            );
            app.mouse = self.setup.mouse;
            // A past day given with `--today` shows the ledger as it stood then.
            if self.launch.looking_back {
                app.looking_back = true;
                app.rebuild();
            }
            if first {
                self.greet(&mut app);
                if let (true, Some(note)) = (encrypted, &lock_note) {
                    app.complain(note.clone());
                }
                first = false;
            }
            if !unseen.is_empty() {
                app.complain(not_saved_before_the_lock(&unseen));
                app.unsaved_unseen = std::mem::take(&mut unseen);
            }
            let worker =
                worker::Worker::start(store, Arc::clone(self.saving), Arc::clone(self.abandon))?;
            let loop_ = Loop {
                launch: self.launch,
                stop: self.stop,
                worker: &worker,
                mouse: self.setup.mouse,
                lock_after,
                encrypted: std::cell::Cell::new(encrypted),
                lent: self.lent,
                job: self.job,
                suspended: std::cell::Cell::new(false),
            };
            let ended = loop_.run(terminal, &mut app);
            // Quitting waits for every change sent to be saved; Ctrl-c or a signal gives up
            // those still waiting for another process's lock.
            if app.quit_now || self.stop.load(Ordering::SeqCst) {
                self.abandon.store(true, Ordering::SeqCst);
            }
            // The outcomes of the last saves, which the loop did not wait for when Ctrl-c quit
            // at once: a save given up is named after the UI has closed, as any unsaved change
            // is when quitting. (A signal ends the UI as quietly as it always did: the signal
            // watcher may end the process first, and its terminal may be gone.)
            for message in worker.finish() {
                update::update(&mut app, message);
            }
            let ended = ended?;
            if ended == Ended::Quit {
                return quit_with(&app.unsaved_at_quit);
            }
            // Locked after the idle time, or encrypted elsewhere: nothing of the ledger is
            // kept, and the keys go; what was not saved, unseen, is kept to be said.
            unseen = std::mem::take(&mut app.unsaved_unseen);
            drop(app);
            crypt::unlock::forget_all();
            let idle = (ended == Ended::Idle).then_some(lock_after);
            store = match self.unlock(terminal, idle, unseen.len()) {
                Ok(Some(store)) => store,
                // A signal ends the UI as quietly as it always did.
                Ok(None) if self.stop.load(Ordering::SeqCst) => return Ok(()),
                // Left from the lock screen: as a quit with changes not saved.
                Ok(None) => return quit_with(&unseen),
                Err(e) if unseen.is_empty() => return Err(e),
                Err(e) => return Err(format!("{e}; {}", quit_error(&unseen)).into()),
            };
        }
    }

    /// What the UI says when it first opens: the demo's note, the config file's problems.
    fn greet(&self, app: &mut App) {
        if self.launch.demo {
            let help = app
                .keys
                .keys_of(keymap::Action::Help, &app.view_contexts())
                .unwrap_or_default();
            // One line at the narrowest screen, so the page below keeps its rows.
            app.say(format!(
                "Demo: a temporary file, not your data. {help} lists the keys."
            ));
        } else if !self.launch.path.exists() {
            // Named where it goes, so that a mistyped --file or TRUSTLADDER_FILE, which opens
            // an empty ledger as a new one would, is seen before anything is typed into it.
            let path = crate::core::text::sanitize(&self.launch.path.display().to_string());
            let keys = app.first_keys().unwrap_or_default();
            app.say(format!(
                "No ledger at {path} yet: the first change makes it. {keys}"
            ));
        }
        let note = self
            .launch
            .config
            .as_ref()
            .and_then(|location| self.setup.note(&location.path));
        if let Some((note, error)) = note {
            if error {
                app.complain(note);
            } else {
                app.say(note);
            }
        }
    }

    /// The unlock screen, until the passphrase opens the ledger (its store), the person leaves
    /// (`None`) or three passphrases were wrong (an error, nothing changed). The keys are then
    /// held for this process and handed to the agent, as a command that asked would.
    fn unlock(
        &self,
        terminal: &mut DefaultTerminal,
        locked_after: Option<Duration>,
        unsaved: usize,
    ) -> Result<Option<Store>, Box<dyn std::error::Error>> {
        let path = &self.launch.path;
        // A backup opened read-only is sealed to its ledger's keys: its key file and agent.
        let keys_of = &crate::store::backups::keys_owner(path);
        let name = path
            .file_name()
            .map(|n| crate::core::text::sanitize(&n.to_string_lossy()))
            .unwrap_or_default();
        // A key file missing or damaged is no passphrase's to fix: the UI ends saying what
        // is wrong and the way back, as every command does.
        crypt::unlock::key_file_to_ask(keys_of)?;
        let mut prompt = unlock::Prompt::new(&name, locked_after);
        prompt.unsaved = unsaved;
        // An agent that did not answer (the UI waited for it), or whose folder no agent can
        // start in, is said where it was met, with what to do: the next UI asks again.
        prompt.error = crypt::unlock::agent_fault().map(|why| {
            format!(
                "{}; the passphrase opens the ledger without it.",
                crate::core::text::capitalized(&crate::core::text::sanitize(&why))
            )
        });
        terminal.clear()?;
        while !self.stop.load(Ordering::Relaxed) {
            if self.job.stop_asked.swap(false, Ordering::SeqCst) && term::can_stop() {
                suspend(terminal, self.setup.mouse, self.stop, self.job)?;
            }
            if self.job.continued.swap(false, Ordering::SeqCst) {
                take_back(terminal, self.setup.mouse, self.stop)?;
            }
            terminal.draw(|frame| unlock::view(&prompt, &self.setup.theme, frame))?;
            if !event::poll(POLL)? {
                continue;
            }
            let key = match event::read()? {
                Event::Key(key) => key,
                Event::Paste(text) => {
                    prompt.paste(&text);
                    continue;
                }
                _ => continue,
            };
            // The suspend key works here too: the prompt shows nothing of the ledger.
            let suspending = key.kind == event::KeyEventKind::Press
                && self
                    .setup
                    .keys
                    .action_for(&key, &[keymap::Context::Everywhere])
                    == Some(keymap::Action::Suspend);
            if suspending {
                if term::can_stop() {
                    suspend(terminal, self.setup.mouse, self.stop, self.job)?;
                } else {
                    prompt.failed(not_suspended(&self.setup.keys));
                }
                continue;
            }
            let secret = match unlock::update(&mut prompt, &key) {
                unlock::Step::Continue => continue,
                unlock::Step::Quit => return Ok(None),
                unlock::Step::Try(secret) => secret,
            };
            // The key derivation takes about a second: the screen says so meanwhile.
            terminal.draw(|frame| unlock::view(&prompt, &self.setup.theme, frame))?;
            match crypt::unlock::key_file(keys_of)
                .and_then(|file| crypt::unlock::unwrap_any(&file, keys_of, &secret.0))
            {
                Ok(keys) => {
                    // The agent is a convenience: a UI that cannot start one still works. It
                    // holds the key for the UI's own idle time, so a UI locked after it unused
                    // cannot be opened again without the passphrase by quitting it.
                    let _ = crypt::holder(keys_of).put(
                        &keys.key_id(),
                        &keys.secret(),
                        crypt::unlock::lock_after().0,
                    );
                    // As after `unlock`: a large ledger's text kept for the commands run
                    // beside the UI, and the file watched (docs/PRIVACY.md, "The agent");
                    // opened once the UI has gone a moment without asking, so that the agent
                    // does not decrypt the file beside the UI decrypting it to start.
                    if std::fs::metadata(path).is_ok_and(|meta| crypt::text_kept_for(meta.len())) {
                        crypt::keep_text(path, &keys, true);
                    }
                    crypt::unlock::remember(keys);
                    terminal.clear()?;
                    return Ok(Some(Store::open(path)?));
                }
                // The last wrong one ends the UI naming the ledger, as a command's message does.
                Err(CryptError::WrongPassphrase(_)) => {
                    if prompt.wrong_passphrase() {
                        return Err(StoreError::crypt(
                            path,
                            CryptError::WrongPassphrase(crypt::Leaves::Unchanged),
                        )
                        .into());
                    }
                }
                // A key file damaged is no passphrase's to fix: the UI ends naming it and the
                // way back, as a command does.
                Err(CryptError::KeyDamaged(why)) => {
                    return Err(CryptError::KeyFileDamaged {
                        key: crate::crypt::keyfile::key_path(keys_of)
                            .display()
                            .to_string(),
                        why,
                    }
                    .into());
                }
                Err(e) => prompt.failed(e.to_string()),
            }
        }
        Ok(None)
    }
}

/// What a quit says of the changes not saved (`unsaved`, each named): nothing when all were
/// saved, else an error, so the UI exits with 1 saying them once it has closed.
fn quit_with(unsaved: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    if unsaved.is_empty() {
        Ok(())
    } else {
        Err(quit_error(unsaved).into())
    }
}

fn quit_error(unsaved: &[String]) -> String {
    listed(unsaved, "quit with a change not saved", |n| {
        format!("quit with {n} changes not saved")
    })
}

/// What the status line says, once the UI is unlocked again, of the changes that failed to
/// save before it locked, unseen.
fn not_saved_before_the_lock(unsaved: &[String]) -> String {
    listed(unsaved, "Before the lock, a change was not saved", |n| {
        format!("Before the lock, {n} changes were not saved")
    })
}

/// The changes not saved (`unsaved`, each named) after words for one, or for how many.
fn listed(unsaved: &[String], one: &str, many: impl FnOnce(usize) -> String) -> String {
    match unsaved {
        [why] => format!("{one}: {why}"),
        all => format!("{}: {}", many(all.len()), all.join("; ")),
    }
}

/// Turns on what the UI needs beyond raw mode and the alternate screen: bracketed paste (a
/// paste arrives as one event with its text, never as keys that would run commands) and, when
/// the config asks, the mouse.
fn enter_modes(mouse: bool) -> std::io::Result<()> {
    use ratatui::crossterm::event::{EnableBracketedPaste, EnableMouseCapture};
    ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste)?;
    if mouse {
        ratatui::crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Puts back what the UI changed beyond ratatui's raw mode and alternate screen: the cursor,
/// hidden while the views draw, bracketed paste and mouse reporting, which the shell must not
/// be left with. Turning the mouse off when it was never on does no harm, so every way out
/// (quit, panic, signal) does the same.
fn leave_modes() -> std::io::Result<()> {
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableMouseCapture,
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    )
}

/// Back to the shell's screen, the UI's wiped first and the cursor put at its top: tmux, a
/// window grown while the UI was open, kept the UI's top rows (names, scores, advice) on the
/// shell's screen, above its prompt, when the cursor was left low on a full screen.
fn leave_alternate_screen() -> std::io::Result<()> {
    use ratatui::crossterm::{cursor, terminal};
    ratatui::crossterm::execute!(
        std::io::stdout(),
        terminal::Clear(terminal::ClearType::All),
        cursor::MoveTo(0, 0),
        terminal::LeaveAlternateScreen
    )
}

/// Lends the terminal out (to the user's editor, or to the shell while the UI is stopped):
/// the shell's screen and modes, the cursor shown, no mouse reporting or bracketed paste.
fn lend() -> std::io::Result<()> {
    let _modes = term::hold();
    leave_modes()?;
    leave_alternate_screen()?;
    term::set_alternate(false);
    ratatui::crossterm::terminal::disable_raw_mode()
}

/// Takes the terminal back for the UI, whatever was done with it meanwhile: raw mode (set
/// again even where crossterm takes it to be on still, as a shell may have changed the modes
/// of a stopped UI), the alternate screen, the UI's modes, and a whole frame drawn anew. Not
/// once the UI is ending: its way out gives the terminal back as the shell had it.
fn take_back(
    terminal: &mut DefaultTerminal,
    mouse: bool,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
    // Continued in the background, by `kill %1` (SIGTERM, then SIGCONT) say: a moment for
    // that signal to be seen, so that a UI that is ending does not wait to be brought to the
    // foreground first. One that is not ending takes the terminal back as usual, which stops
    // it (SIGTTOU) until `fg`, as any full-screen program continued with `bg` stops.
    if !term::foreground() {
        std::thread::sleep(BACKGROUND_GRACE);
    }
    let _modes = term::hold();
    if stop.load(Ordering::SeqCst) {
        return Ok(());
    }
    disable_raw_mode()?;
    enable_raw_mode()?;
    ratatui::crossterm::execute!(std::io::stdout(), EnterAlternateScreen)?;
    term::set_alternate(true);
    enter_modes(mouse)?;
    terminal.clear()
}

/// Lends the terminal to the user's editor on `text` and takes it back: the shell's screen
/// and modes while the editor runs, the UI's after, whatever the editor did. A signal that
/// ends the UI meanwhile ends the editor too (see [`watch_signals`]); the terminal then stays
/// the shell's.
fn edit_outside(
    terminal: &mut DefaultTerminal,
    lending: &Loop,
    field: forms::Key,
    text: &str,
    place: external::Place,
) -> std::io::Result<Message> {
    term::set_lent(true);
    if let Err(e) = lend() {
        term::set_lent(false);
        return Err(e);
    }
    let edited = {
        let _stops_with_the_editor = term::DefaultStop::new();
        external::edit_with(&external::command(), text, place, lending.lent)
    };
    let taken = take_back(terminal, lending.mouse, lending.stop);
    term::set_lent(false);
    taken?;
    // The editor stopped and continued with the UI (its Ctrl-z, then `fg`) was taken back
    // from just now.
    lending.job.continued.store(false, Ordering::SeqCst);
    Ok(Message::Edited {
        field,
        text: edited,
    })
}

/// Suspends the UI as the terminal's Ctrl-z suspends a program: the terminal goes back to the
/// shell as it was (main screen, cooked mode, cursor shown, no mouse reporting or bracketed
/// paste), the job stops, and once `fg` continues it the UI takes the terminal back and draws
/// it all again. A save under way on the worker thread stops with the process and goes on
/// once it is continued.
fn suspend(
    terminal: &mut DefaultTerminal,
    mouse: bool,
    stop: &AtomicBool,
    job: &JobSignals,
) -> std::io::Result<()> {
    lend()?;
    term::give_back_shell_modes();
    term::stop_job();
    take_back(terminal, mouse, stop)?;
    // The SIGCONT that continued the UI asks for what was just done.
    job.continued.store(false, Ordering::SeqCst);
    Ok(())
}

/// Why the suspend key did nothing, naming it.
fn not_suspended(keys: &keymap::Keymap) -> String {
    let key = keys
        .key_of(keymap::Action::Suspend, &[keymap::Context::Everywhere])
        .unwrap_or_else(|| keymap::Action::Suspend.name().to_string());
    format!(
        "Not suspended: {key} suspends only a UI started from a shell with job control, which brings it back with fg."
    )
}

/// SIGTSTP and SIGCONT as the loop sees them: a stop asked for from outside (`kill -TSTP`),
/// which the loop carries out as the suspend key does, and a stopped UI continued (by `fg`, or
/// SIGCONT after a SIGSTOP), which takes the terminal back and draws it all again.
struct JobSignals {
    stop_asked: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
}

impl JobSignals {
    fn register() -> std::io::Result<JobSignals> {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        let job = JobSignals {
            stop_asked: Arc::new(AtomicBool::new(false)),
            continued: Arc::new(AtomicBool::new(false)),
        };
        signal_hook::flag::register(SIGTSTP, Arc::clone(&job.stop_asked))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&job.continued))?;
        Ok(job)
    }
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
///
/// While `$EDITOR` has the terminal, the loop waits for it: the signal is passed on to the
/// editor and every process it started (SIGHUP as SIGHUP, the others as SIGTERM), and those
/// still there after [`EDITOR_PATIENCE`] are killed, so the loop gets its turn, removes the
/// editor's folder and exits as above; what was typed in the editor is not kept. The folder
/// is removed here too should the loop not get that far. A Ctrl-c typed in an editor that
/// leaves it to the terminal (or Emacs's C-g, which it makes the terminal's interrupt key)
/// reaches the whole job from the terminal itself: that SIGINT is the editor's, as git leaves
/// it, and the UI carries on.
fn watch_signals(
    stop: Arc<AtomicBool>,
    saving: Arc<Mutex<()>>,
    abandon: Arc<AtomicBool>,
    lent: Arc<external::Lent>,
    demo_dir: Option<PathBuf>,
) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::{SignalsInfo, exfiltrator::WithRawSiginfo};
    term::count_interrupts_while_lent()?;
    let mut signals = SignalsInfo::<WithRawSiginfo>::new([SIGTERM, SIGHUP, SIGINT])?;
    // A thread the system cannot make (memory running low, this user's limit reached) is an
    // error said in one line, naming it and the limit, as the other failures to start are, not
    // a panic.
    std::thread::Builder::new()
        .spawn(move || {
            for info in signals.forever() {
                let while_lent = info.si_signo == SIGINT && term::interrupt_came_while_lent();
                // From the terminal itself, not sent by a process (`kill`).
                let typed = info.si_code == libc::SI_KERNEL;
                if while_lent && typed {
                    continue;
                }
                stop.store(true, Ordering::SeqCst);
                abandon.store(true, Ordering::SeqCst);
                let passed_on = if info.si_signo == SIGHUP {
                    nix::sys::signal::Signal::SIGHUP
                } else {
                    nix::sys::signal::Signal::SIGTERM
                };
                lent.end(passed_on, EDITOR_PATIENCE);
                std::thread::sleep(SIGNAL_GRACE);
                let _no_save_under_way = saving.lock();
                lent.remove_folder();
                if let Some(dir) = &demo_dir {
                    let _ = std::fs::remove_dir_all(dir);
                }
                // The terminal may be gone: nothing here may print (printing to a dead terminal
                // panics), so the restore's error is dropped rather than reported.
                let _ = give_back(&lent);
                // Kept to the end, so the loop cannot take the terminal back after.
                let _modes = term::hold();
                std::process::exit(0);
            }
        })
        .map_err(|e| worker::not_started("its signal watcher", e))?;
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

/// What the event loop works with besides the terminal and the model.
struct Loop<'a> {
    launch: &'a Launch,
    stop: &'a AtomicBool,
    worker: &'a worker::Worker,
    mouse: bool,
    /// How long an encrypted ledger may go without a key or a click before the UI locks.
    lock_after: Duration,
    /// Whether the ledger is encrypted: it then locks when left alone, and its text goes to
    /// `$EDITOR` in memory. A plain ledger encrypted elsewhere while the UI is open becomes
    /// one at the next look at the file (each tick).
    encrypted: std::cell::Cell<bool>,
    /// The editor while it runs, for the signal watcher.
    lent: &'a external::Lent,
    job: &'a JobSignals,
    /// Set when a key suspended the UI: the time it spent stopped is not use.
    suspended: std::cell::Cell<bool>,
}

/// Why the event loop stopped.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    /// The person quit, or a signal came.
    Quit,
    /// The encrypted ledger went unused for the idle time.
    Idle,
    /// The plain ledger was encrypted elsewhere, and cannot be read without its passphrase.
    Sealed,
}

impl Loop<'_> {
    /// Whether the ledger is encrypted, looking at the file when it was not yet: once it is,
    /// it stays so for this sitting (a lock too many costs a passphrase, one too few the
    /// privacy the person chose).
    fn is_encrypted(&self) -> bool {
        if !self.encrypted.get() && crypt::envelope::sealed_on_disk(&self.launch.path) {
            self.encrypted.set(true);
        }
        self.encrypted.get()
    }

    /// Hands `message` to `update` and carries out what it asks for: saves and reloads go to
    /// the worker; what needs the terminal (a copy, the editor) happens here, between frames,
    /// and the editor's outcome goes back to `update` at once.
    fn dispatch(
        &self,
        terminal: &mut DefaultTerminal,
        app: &mut App,
        message: Message,
    ) -> std::io::Result<()> {
        let mut queue = vec![message];
        while let Some(message) = queue.pop() {
            for effect in update::update(app, message) {
                match effect {
                    message::Effect::Copy { text } => copy(&text),
                    message::Effect::Edit { field, text } => {
                        let place = if self.is_encrypted() {
                            external::Place::InMemory
                        } else {
                            external::Place::Temporary
                        };
                        queue.push(edit_outside(terminal, self, field, &text, place)?);
                    }
                    message::Effect::Suspend => {
                        if term::can_stop() {
                            suspend(terminal, self.mouse, self.stop, self.job)?;
                            self.suspended.set(true);
                            let size = terminal.size()?;
                            queue.push(Message::Resize {
                                width: size.width,
                                height: size.height,
                            });
                        } else {
                            queue.push(Message::NotSuspended);
                        }
                    }
                    effect => self.worker.send(effect),
                }
            }
        }
        Ok(())
    }

    /// Tells `update` the terminal's size, at the start and after the UI was stopped (the
    /// window may have changed meanwhile).
    fn resized(&self, terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
        let size = terminal.size()?;
        self.dispatch(
            terminal,
            app,
            Message::Resize {
                width: size.width,
                height: size.height,
            },
        )
    }

    /// Whether an encrypted ledger has gone unused for the idle time since `last_used` (a
    /// reading of the agent's [`crypt::agent::idle_clock`], which counts time asleep, as
    /// `Instant` does not), and locks now. A save under way finishes first: the lock never
    /// costs a change.
    fn locks(&self, app: &App, last_used: Duration) -> bool {
        self.encrypted.get()
            && crypt::agent::idle_over(last_used, crypt::agent::idle_clock(), self.lock_after)
            && app.saving == 0
    }

    fn run(
        &self,
        terminal: &mut DefaultTerminal,
        app: &mut App,
    ) -> Result<Ended, Box<dyn std::error::Error>> {
        self.resized(terminal, app)?;
        let mut last_tick = Instant::now();
        let mut last_used = crypt::agent::idle_clock();
        let mut changed = true;
        // A plain quit waits, drawing and taking keys, for the changes sent to be saved.
        while !(app.quit && (app.saving == 0 || app.quit_now)) && !self.stop.load(Ordering::Relaxed)
        {
            // A stop asked for from outside is carried out as the suspend key's; one that no
            // shell could bring back from is dropped, as the system drops it then.
            let stopped = self.job.stop_asked.swap(false, Ordering::SeqCst) && term::can_stop();
            if stopped {
                suspend(terminal, self.mouse, self.stop, self.job)?;
            }
            let continued = self.job.continued.swap(false, Ordering::SeqCst);
            if continued {
                take_back(terminal, self.mouse, self.stop)?;
            }
            // The window may have changed size while the UI was stopped.
            if stopped || continued {
                // Time spent stopped is not use: an encrypted ledger left for longer than the
                // idle time locks before anything of it is drawn again.
                if self.locks(app, last_used) {
                    return Ok(Ended::Idle);
                }
                self.resized(terminal, app)?;
                changed = true;
            }
            if app.redraw {
                terminal.clear()?;
                app.redraw = false;
                changed = true;
            }
            // Views depend on the model alone: a pass that handed nothing to `update` would
            // draw the same frame again.
            if changed {
                terminal.draw(|frame| views::view(app, frame))?;
                changed = false;
            }
            let wait = if app.saving > 0 { POLL_SAVING } else { POLL };
            if event::poll(wait)? {
                // Take every event that is waiting before drawing again, so a burst of keys
                // (a paste, a held key) costs one redraw, not one per key.
                loop {
                    // `update` ignores everything but presses (releases and repeats on
                    // terminals that report them), so the loop hands over every key event.
                    let message = match event::read()? {
                        Event::Key(key) => Some(Message::Key(key)),
                        Event::Paste(text) => Some(Message::Paste(text)),
                        Event::Resize(width, height) => Some(Message::Resize { width, height }),
                        // Only clicks and the wheel: moves and drags would only cost redraws.
                        Event::Mouse(mouse)
                            if matches!(
                                mouse.kind,
                                MouseEventKind::Down(_)
                                    | MouseEventKind::ScrollUp
                                    | MouseEventKind::ScrollDown
                            ) =>
                        {
                            Some(Message::Mouse(mouse))
                        }
                        _ => None,
                    };
                    if let Some(message) = message {
                        let used = !matches!(message, Message::Resize { .. });
                        let pressed = crypt::agent::idle_clock();
                        self.dispatch(terminal, app, message)?;
                        changed = true;
                        // Counted from when the key's work ended: time spent in `$EDITOR`
                        // is use, not idleness, so its text is never locked away at once.
                        // Time spent suspended is not: the UI was put away.
                        if used {
                            last_used = if self.suspended.replace(false) {
                                pressed
                            } else {
                                crypt::agent::idle_clock()
                            };
                        }
                        // Back from a stop longer than the idle time: locked before any
                        // key typed since acts on what cannot be seen.
                        if self.locks(app, last_used) {
                            return Ok(Ended::Idle);
                        }
                    }
                    if app.quit || !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            }
            while let Some(outcome) = self.worker.outcome() {
                self.dispatch(terminal, app, outcome)?;
                changed = true;
            }
            if last_tick.elapsed() >= TICK_EVERY {
                let today = self.launch.today();
                self.dispatch(terminal, app, Message::Tick { today })?;
                changed = true;
                last_tick = Instant::now();
                self.is_encrypted();
            }
            if self.locks(app, last_used) {
                return Ok(Ended::Idle);
            }
            // Encrypted elsewhere (`trustladder encrypt` in another terminal, once or again
            // after a `decrypt`) and no key at hand to read it: the passphrase is asked here,
            // as at the start, rather than every reload failing until the UI is started again.
            // Not over an open form, or a question that holds one ("Same name"), whose text
            // would go with the rest: its save says what to do, and the prompt comes once it
            // is closed. Nor while this process holds the key: the file is then damaged or cut
            // off, which the status line says, with the key that keeps the ledger shown, where
            // the prompt dropped that ledger to ask for a passphrase that could not help.
            if app.reload_failing.is_some()
                && app.saving == 0
                && !app.holds_typing()
                && crypt::envelope::sealed_on_disk(&self.launch.path)
                && !crypt::unlock::holds_key_of(&crate::store::backups::keys_owner(
                    &self.launch.path,
                ))
            {
                self.encrypted.set(true);
                return Ok(Ended::Sealed);
            }
        }
        Ok(Ended::Quit)
    }
}
