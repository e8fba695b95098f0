//! The terminal's own state around the UI, below what crossterm keeps: the shell's modes as
//! they were when the UI started (given back on every way out, whatever an editor killed
//! half-way left behind), one lock for changing modes (so the signal watcher's last restore
//! never interleaves with the loop taking the terminal back), and whether the terminal is on
//! the UI's screen or lent to the editor.

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use nix::sys::termios::{SetArg, Termios, tcgetattr, tcsetattr};

/// The terminal's modes when the UI started: cooked, echoing, as the shell left them.
static SHELL_MODES: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Held by whoever changes the terminal's modes (the loop lending it out or taking it back,
/// the signal watcher's last restore).
static MODES: Mutex<()> = Mutex::new(());

/// Whether the UI has the terminal on its alternate screen. Leaving it when not on it would
/// still move the cursor back to where it was saved, over what an editor printed since.
static ALTERNATE: AtomicBool = AtomicBool::new(false);

/// Whether the terminal is lent to `$EDITOR`, in the modes it had for the shell: then, and only
/// then, a Ctrl-c typed reaches the UI as SIGINT from the terminal (in raw mode it is a key).
static LENT: AtomicBool = AtomicBool::new(false);

/// How many SIGINTs came while the terminal was lent that the signal watcher has not looked at.
static INTERRUPTS_WHILE_LENT: AtomicUsize = AtomicUsize::new(0);

/// Notes that the terminal is lent to the editor, or taken back from it.
pub fn set_lent(on: bool) {
    LENT.store(on, Ordering::SeqCst);
}

/// Counts each SIGINT that comes while the terminal is lent, as it comes: the signal watcher
/// sees it later, when the editor (which the same Ctrl-c may have ended) can be gone and the
/// terminal taken back. The count is made in the signal handler itself, before the main
/// thread's wait for the editor returns. Registered before the watcher, so it counts a
/// signal before the watcher is told of it.
pub fn count_interrupts_while_lent() -> std::io::Result<()> {
    let count = || {
        if LENT.load(Ordering::SeqCst) {
            INTERRUPTS_WHILE_LENT.fetch_add(1, Ordering::SeqCst);
        }
    };
    // SAFETY: the action only reads and adds to atomics, which is async-signal-safe.
    unsafe { signal_hook::low_level::register(signal_hook::consts::SIGINT, count) }.map(|_| ())
}

/// Whether the SIGINT the watcher looks at came while the terminal was lent (taking it off
/// the count): call once for each.
pub fn interrupt_came_while_lent() -> bool {
    INTERRUPTS_WHILE_LENT
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

/// Notes that the UI entered (or left) the alternate screen.
pub fn set_alternate(on: bool) {
    ALTERNATE.store(on, Ordering::SeqCst);
}

/// Whether the UI is on the alternate screen.
pub fn alternate() -> bool {
    ALTERNATE.load(Ordering::SeqCst)
}

/// The controlling terminal, as crossterm finds it: `/dev/tty`, else standard input.
fn with_tty<T>(f: impl FnOnce(&dyn std::os::fd::AsFd) -> nix::Result<T>) -> nix::Result<T> {
    match File::options().read(true).write(true).open("/dev/tty") {
        Ok(tty) => f(&tty),
        Err(_) => f(&std::io::stdin()),
    }
}

/// Notes the terminal's modes now, before the UI changes any, for [`give_back_shell_modes`].
pub fn remember_shell_modes() {
    if let Ok(modes) = with_tty(|fd| tcgetattr(fd.as_fd())) {
        *SHELL_MODES.lock().unwrap_or_else(|e| e.into_inner()) = Some(modes.into());
    }
}

/// Puts back the modes [`remember_shell_modes`] noted: the shell's cooked, echoing line,
/// whatever was set since (raw mode, or an editor's modes when it was killed before it could
/// put back its own). The terminal may be gone: nothing is reported.
pub fn give_back_shell_modes() {
    let Some(modes) = *SHELL_MODES.lock().unwrap_or_else(|e| e.into_inner()) else {
        return;
    };
    let _ = with_tty(|fd| tcsetattr(fd.as_fd(), SetArg::TCSANOW, &Termios::from(modes)));
}

/// The lock on changing the terminal's modes, held while they change.
pub fn hold() -> MutexGuard<'static, ()> {
    MODES.lock().unwrap_or_else(|e| e.into_inner())
}
