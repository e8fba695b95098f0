//! The terminal's own state around the UI, below what crossterm keeps: the shell's modes as
//! they were when the UI started (given back on every way out, whatever an editor killed
//! half-way left behind), one lock for changing modes (so the signal watcher's last restore
//! never interleaves with the loop taking the terminal back), whether the terminal is on the
//! UI's screen or lent to the editor, and stopping the job as the terminal's Ctrl-z would, for
//! the UI's own Ctrl-z; and why the terminal's keys could not be read, where crossterm does not
//! say.

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
use nix::sys::termios::{SetArg, Termios, tcgetattr, tcsetattr};
use nix::unistd::{Pid, getpgrp, getsid, tcgetpgrp};

/// The terminal's modes when the UI started: cooked, echoing, as the shell left them. Set
/// once, and read without a lock, so the handler of SIGABRT may read them too.
static SHELL_MODES: OnceLock<libc::termios> = OnceLock::new();

/// Whether the terminal was given back already by the handler of SIGABRT: once is enough.
static GIVEN_BACK_ON_ABORT: AtomicBool = AtomicBool::new(false);

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
        let _ = SHELL_MODES.set(modes.into());
    }
}

/// Puts back the modes [`remember_shell_modes`] noted: the shell's cooked, echoing line,
/// whatever was set since (raw mode, or an editor's modes when it was killed before it could
/// put back its own). The terminal may be gone: nothing is reported.
pub fn give_back_shell_modes() {
    let Some(modes) = SHELL_MODES.get() else {
        return;
    };
    let _ = with_tty(|fd| tcsetattr(fd.as_fd(), SetArg::TCSANOW, &Termios::from(*modes)));
}

/// What the UI's way out writes to give the terminal back, as bytes a signal handler may
/// write: the mouse reporting and bracketed paste off and the cursor shown (`leave_modes`).
const LEAVE_MODES: &[u8] =
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?25h";

/// The UI's screen wiped, the cursor at its top and the shell's screen back
/// (`leave_alternate_screen`).
const LEAVE_ALTERNATE: &[u8] = b"\x1b[2J\x1b[1;1H\x1b[?1049l";

/// Gives the terminal back as the shell had it when the process aborts, then ends it as
/// SIGABRT does (a core dump where the system keeps one, the status a shell shows as 134).
/// An allocation that fails for want of memory aborts the process past the panic hook, and
/// had left the user on the UI's screen, the cursor hidden and nothing echoed, to type `reset`
/// blind. The handler runs inside the signal, on whatever thread aborted, so it takes no lock
/// and allocates nothing: `write` of fixed bytes and `tcsetattr` with the modes noted at start,
/// both async-signal-safe. An editor running on the terminal lent to it is ended first, with
/// all it started ([`super::external::end_on_abort`]), where it had been left running, orphaned,
/// with the terminal; the UI's screen is not on then, so the editor's is left only where it
/// had to be killed. Nothing when the UI is not the foreground job.
pub fn give_back_on_abort() -> std::io::Result<()> {
    let action = || {
        let editor = super::external::end_on_abort();
        let lent = LENT.load(Ordering::SeqCst) && editor.is_none();
        if !GIVEN_BACK_ON_ABORT.swap(true, Ordering::SeqCst) && !lent {
            give_back_in_handler(editor == Some(true));
        }
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGABRT);
    };
    // SAFETY: the action reads atomics and the modes set before it was registered, and makes
    // only async-signal-safe calls (`open`, `read`, `getdents64`, `kill`, `nanosleep`,
    // `tcgetpgrp`, `getpgrp`, `write`, `tcsetattr`, `close`, then the default action of
    // SIGABRT).
    unsafe { signal_hook::low_level::register(signal_hook::consts::SIGABRT, action) }.map(|_| ())
}

/// [`give_back_on_abort`]'s work: on the controlling terminal (`/dev/tty`, else standard
/// input, as crossterm takes it), with the UI's bytes to standard output, where it draws;
/// the alternate screen left too when an editor killed on it (`killed`) may have left it on.
fn give_back_in_handler(killed: bool) {
    // SAFETY: each call is async-signal-safe and given a descriptor this function opened or
    // one of the standard ones, and memory that lives for the whole call.
    unsafe {
        let tty = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        let fd = if tty >= 0 { tty } else { libc::STDIN_FILENO };
        if libc::tcgetpgrp(fd) == libc::getpgrp() {
            write_all_raw(libc::STDOUT_FILENO, LEAVE_MODES);
            if ALTERNATE.load(Ordering::SeqCst) || killed {
                write_all_raw(libc::STDOUT_FILENO, LEAVE_ALTERNATE);
            }
            if let Some(modes) = SHELL_MODES.get() {
                libc::tcsetattr(fd, libc::TCSANOW, modes);
            }
        }
        if tty >= 0 {
            libc::close(tty);
        }
    }
}

/// Writes `bytes` to `fd` with `write(2)` alone, again where it was interrupted or wrote part;
/// gives up on any other failure (the terminal may be gone).
fn write_all_raw(fd: libc::c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: `bytes` is valid for its length for the whole call.
        let written = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match usize::try_from(written) {
            Ok(0) => return,
            Ok(n) => bytes = &bytes[n.min(bytes.len())..],
            Err(_) if nix::errno::Errno::last() == nix::errno::Errno::EINTR => {}
            Err(_) => return,
        }
    }
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

/// Whether a shell with job control started the UI and can bring it back from a stop (`fg`).
/// See [`a_job_of_a_shell`]; a terminal that cannot be asked has no job to stop.
pub fn can_stop() -> bool {
    match (getsid(None), with_tty(|fd| tcgetpgrp(fd.as_fd()))) {
        (Ok(session), Ok(foreground)) => a_job_of_a_shell(getpgrp(), session, foreground),
        _ => false,
    }
}

/// Whether the process group `group`, in the session led by `session`, is a job a shell with
/// job control started, given the terminal's `foreground` group: a shell with job control
/// puts each job in a group of its own, apart from its own group (the session leader's), and
/// makes it the terminal's foreground group. That holds however many processes stand between
/// the shell and the UI (`sh -c`, `faketime`), which share the job's group; run straight by
/// a terminal or tmux, or by a script without job control that they run, the UI is in the
/// session leader's group, and would stay stopped for good with no shell to say `fg`.
fn a_job_of_a_shell(group: Pid, session: Pid, foreground: Pid) -> bool {
    group != session && group == foreground
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

/// All crossterm says when its reader of the terminal's keys could not be made: it drops the
/// system's error.
const NO_INPUT_READER: &str = "Failed to initialize input reader";

/// The UI's error, where it is crossterm's bare [`NO_INPUT_READER`], with its cause found and
/// named, and what to do: the user had been told only that, with too few file descriptors
/// left (`ulimit -n 6`), where the command line names "Too many open files".
pub fn input_reader_explained(e: Box<dyn std::error::Error>) -> Box<dyn std::error::Error> {
    match e.downcast_ref::<std::io::Error>() {
        Some(io) if io.to_string() == NO_INPUT_READER => {
            input_reader_failed(reader_descriptors()).into()
        }
        _ => e,
    }
}

/// Makes, and closes again, the descriptors crossterm's reader makes, to find the system's
/// error it dropped: the terminal (where standard input is not one), an epoll and the socket
/// pair that carries SIGWINCH.
fn reader_descriptors() -> std::io::Result<()> {
    use std::io::IsTerminal;
    use std::os::fd::{FromRawFd, OwnedFd};
    let _tty = if std::io::stdin().is_terminal() {
        None
    } else {
        Some(File::options().read(true).write(true).open("/dev/tty")?)
    };
    // SAFETY: epoll_create1 takes a flag and touches no memory of this process.
    let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if epoll < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a descriptor just made, owned by nothing else.
    let _epoll = unsafe { OwnedFd::from_raw_fd(epoll) };
    let _pair = std::os::unix::net::UnixStream::pair()?;
    Ok(())
}

/// The message for a reader of keys that could not be made, from what making its descriptors
/// again `found`.
fn input_reader_failed(found: std::io::Result<()>) -> String {
    let cannot = "the UI cannot read the terminal's keys";
    match found {
        Err(e) if e.raw_os_error() == Some(libc::EMFILE) => format!(
            "{cannot}: this program may open no more files ({e}). Raise its limit (`ulimit -n`, say `ulimit -n 1024`) and start it again"
        ),
        Err(e) if e.raw_os_error() == Some(libc::ENFILE) => format!(
            "{cannot}: the system has too many files open ({e}). Close some programs and start it again"
        ),
        Err(e) => format!("{cannot}: {NO_INPUT_READER} ({e})"),
        Ok(()) => format!("{cannot}: {NO_INPUT_READER}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job of a shell with job control may be stopped, however many processes stand
    /// between the shell and the UI in its group (`sh -c`, `faketime`); the session leader's
    /// own group (run by a terminal, tmux, or a script they run) or a group the terminal is
    /// not giving its keys to may not.
    #[test]
    fn only_a_foreground_job_apart_from_the_session_leader_may_stop() {
        let (shell, job, other) = (Pid::from_raw(100), Pid::from_raw(200), Pid::from_raw(300));
        assert!(
            a_job_of_a_shell(job, shell, job),
            "the shell's foreground job"
        );
        assert!(
            !a_job_of_a_shell(shell, shell, shell),
            "the session leader's group"
        );
        assert!(!a_job_of_a_shell(job, shell, other), "another job in front");
        assert!(!a_job_of_a_shell(job, shell, shell), "in the background");
    }

    /// crossterm's bare "Failed to initialize input reader" becomes the cause and what to do:
    /// too many open files, for this program or the system; another cause is given as found.
    #[test]
    fn a_key_reader_not_made_names_its_cause_and_what_to_do() {
        let bare: Box<dyn std::error::Error> = Box::new(std::io::Error::other(NO_INPUT_READER));
        let said = input_reader_explained(bare).to_string();
        assert!(
            said.starts_with("the UI cannot read the terminal's keys"),
            "{said}"
        );

        let emfile = std::io::Error::from_raw_os_error(libc::EMFILE);
        assert_eq!(
            input_reader_failed(Err(emfile)),
            "the UI cannot read the terminal's keys: this program may open no more files (Too many open files (os error 24)). Raise its limit (`ulimit -n`, say `ulimit -n 1024`) and start it again"
        );
        let enfile = std::io::Error::from_raw_os_error(libc::ENFILE);
        assert_eq!(
            input_reader_failed(Err(enfile)),
            "the UI cannot read the terminal's keys: the system has too many files open (Too many open files in system (os error 23)). Close some programs and start it again"
        );
        let other = std::io::Error::from_raw_os_error(libc::ENXIO);
        assert_eq!(
            input_reader_failed(Err(other)),
            "the UI cannot read the terminal's keys: Failed to initialize input reader (No such device or address (os error 6))"
        );
        let unrelated: Box<dyn std::error::Error> = Box::new(std::io::Error::other("disk on fire"));
        assert_eq!(
            input_reader_explained(unrelated).to_string(),
            "disk on fire"
        );
    }
}
