//! The terminal's own state around the UI, below what crossterm keeps: the shell's modes as
//! they were when the UI started (given back on every way out, whatever an editor killed
//! half-way left behind), one lock for changing modes (so the signal watcher's last restore
//! never interleaves with the loop taking the terminal back), whether the terminal is on the
//! UI's screen or lent to the editor, and stopping the job as the terminal's Ctrl-z would, for
//! the UI's own Ctrl-z.

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
use nix::sys::termios::{SetArg, Termios, tcgetattr, tcsetattr};
use nix::unistd::{Pid, getpgid, getpgrp, getppid, getsid, tcgetpgrp};

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

/// Whether the UI's job is the terminal's foreground job. In the background (continued with
/// `bg`, or with SIGCONT from `kill %1` while the shell has the terminal) the terminal is the
/// shell's: the UI's modes are not on it, and setting any would stop the UI (SIGTTOU). A
/// terminal that is gone (its window closed) has no foreground job either.
pub fn foreground() -> bool {
    with_tty(|fd| tcgetpgrp(fd.as_fd())).is_ok_and(|group| group == getpgrp())
}

/// The lock on changing the terminal's modes, held while they change.
pub fn hold() -> MutexGuard<'static, ()> {
    MODES.lock().unwrap_or_else(|e| e.into_inner())
}

/// SIGTSTP with its default action for as long as this lives, the UI's own handling after.
/// While `$EDITOR` has the terminal, its Ctrl-z (vim's `kill(0, SIGTSTP)`, or the terminal's)
/// stops the UI with it, as it would stop any program waiting for its editor, and the UI takes
/// the terminal back only when the editor is done.
pub struct DefaultStop {
    before: Option<SigAction>,
}

impl DefaultStop {
    pub fn new() -> DefaultStop {
        let default = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
        // SAFETY: the default action runs no code of ours; the action it replaces is put back
        // as it was, so the handler signal-hook installed stays its own.
        let before = unsafe { sigaction(Signal::SIGTSTP, &default) }.ok();
        DefaultStop { before }
    }
}

impl Drop for DefaultStop {
    fn drop(&mut self) {
        if let Some(before) = &self.before {
            // SAFETY: the action put back is the one that was there before.
            let _ = unsafe { sigaction(Signal::SIGTSTP, before) };
        }
    }
}

/// Whether a shell with job control started the UI and can bring it back from a stop (`fg`):
/// its parent is in the same session but another process group. A UI run straight by a
/// terminal or tmux, or by a script without job control, would stay stopped for good.
pub fn can_stop() -> bool {
    let parent = getppid();
    match (getpgid(Some(parent)), getsid(Some(parent)), getsid(None)) {
        (Ok(group), Ok(session), Ok(ours)) => group != getpgrp() && session == ours,
        _ => false,
    }
}

/// Stops the UI's job as the terminal's Ctrl-z does (SIGTSTP, with its default action, to its
/// whole process group, so the shell sees the job stopped and gives its prompt back) and
/// returns once it is continued (`fg`). Called from the main thread, which takes the signal
/// as it returns from sending it. (A job whose group is orphaned, with no shell to continue
/// it, is not stopped by the system, and this returns at once.)
pub fn stop_job() {
    let _default = DefaultStop::new();
    let _ = nix::sys::signal::kill(Pid::from_raw(0), Signal::SIGTSTP);
}
