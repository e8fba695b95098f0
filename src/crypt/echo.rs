//! The terminal's modes given back when a signal ends the program at a passphrase prompt.
//!
//! The prompt turns the terminal's echo, line editing and signal keys off while the
//! passphrase is typed, and puts them back when the asking ends. A Ctrl-c typed there is read as a
//! key and raised as SIGINT by the prompt itself, before it puts anything back; SIGTERM or
//! SIGHUP from elsewhere end it as abruptly. The program then ended with the terminal still
//! in those modes: in `sh`, or in a script that went on, nothing typed was shown and Ctrl-c
//! did nothing until `stty sane`. [`Guard`] keeps the modes as they were before the prompt
//! and, for as long as it lives, a handler for those signals puts them back before the
//! signal ends the program as it would have.
//!
//! One guard lives across every prompt of one asking (the tries of a passphrase, a new one
//! and the same again), and across the askings of a command that asks for several (the
//! ledger's, then an older key's kept in the backups folder; the current, then a new one):
//! made at the first prompt, it is shared while an [`Asking`] lives. Between two prompts,
//! while a passphrase is checked or the next key looked for, echo stays off
//! ([`Guard::between`]), where it came back on and showed what was typed ahead, the next try
//! often. What is typed ahead but never read is dropped from the input when the modes are
//! put back, whichever way the asking ends, so it is neither shown nor left for the shell to
//! read and show once the program ends (as `readpassphrase` does, with `TCSAFLUSH`).

use std::os::fd::AsRawFd;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, AtomicU8, AtomicU32, Ordering};

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

/// The terminal whose modes the handler puts back, or -1 when no prompt is on.
static TTY: AtomicI32 = AtomicI32::new(-1);
/// The modes the prompt changes, as they were before it: its local flags, and the two
/// control characters it sets (`VMIN`, `VTIME`). Atomics, as a signal handler may read them.
static LOCAL_FLAGS: AtomicU32 = AtomicU32::new(0);
static MIN: AtomicU8 = AtomicU8::new(0);
static TIME: AtomicU8 = AtomicU8::new(0);

/// The signals that end the program while it waits for the passphrase.
const ENDING: [Signal; 4] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
];

/// The guard every prompt shares while an [`Asking`] lives, and how many live.
static SHARED: Mutex<(usize, Option<Guard>)> = Mutex::new((0, None));

/// An asking for passphrases, one or several in a row. While any lives, every prompt shares
/// one [`Guard`], made at the first: a guard of each asking's own gave the terminal back
/// echoing between a command's two askings, for as long as the next key was looked for,
/// showing what was typed then. The last to end drops the guard, putting the modes back,
/// whichever way it ends: a return, an error, a panic unwinding. (The binary ends by
/// returning from `main`, never by `std::process::exit`, which would skip that drop.)
pub struct Asking(());

impl Asking {
    pub fn begin() -> Asking {
        shared().0 += 1;
        Asking(())
    }

    /// Runs `f` with the shared guard, made now at the first prompt; `None` with no terminal
    /// to note (the prompt then goes on without it).
    pub fn with_guard<T>(&self, f: impl FnOnce(Option<&mut Guard>) -> T) -> T {
        let mut shared = shared();
        if shared.1.is_none() {
            shared.1 = Guard::new();
        }
        f(shared.1.as_mut())
    }
}

impl Drop for Asking {
    fn drop(&mut self) {
        let mut shared = shared();
        shared.0 -= 1;
        if shared.0 == 0 {
            shared.1 = None;
        }
    }
}

/// [`SHARED`], whole even where a panic left it poisoned: its guard still puts the modes back.
fn shared() -> std::sync::MutexGuard<'static, (usize, Option<Guard>)> {
    SHARED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Puts the terminal's modes back should one of [`ENDING`] come, while it lives, and when it
/// is dropped after [`Guard::quiet`].
pub struct Guard {
    /// The terminal, open for as long as the handler may use its descriptor: dropped after
    /// the handlers are taken away.
    tty: std::fs::File,
    /// Each signal's action before, put back on drop.
    before: Vec<(Signal, SigAction)>,
    /// Whether [`Guard::quiet`] changed the modes, for drop to put them back.
    quieted: bool,
}

impl Guard {
    /// Notes the controlling terminal's modes and sets the handlers; `None` with no terminal
    /// to note (the prompt then fails on its own).
    pub fn new() -> Option<Guard> {
        let tty = std::fs::File::open("/dev/tty").ok()?;
        let modes = nix::sys::termios::tcgetattr(&tty).ok()?;
        let modes = libc::termios::from(modes);
        LOCAL_FLAGS.store(modes.c_lflag, Ordering::SeqCst);
        MIN.store(modes.c_cc[libc::VMIN], Ordering::SeqCst);
        TIME.store(modes.c_cc[libc::VTIME], Ordering::SeqCst);
        TTY.store(tty.as_raw_fd(), Ordering::SeqCst);
        let action = SigAction::new(
            SigHandler::Handler(give_back),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        let mut before = Vec::new();
        for signal in ENDING {
            // SAFETY: the handler makes only async-signal-safe calls (see `give_back`).
            if let Ok(old) = unsafe { sigaction(signal, &action) } {
                // A signal ignored before (started under `nohup`) stays ignored.
                if matches!(old.handler(), SigHandler::SigIgn) {
                    // SAFETY: puts back the action that was there.
                    let _ = unsafe { sigaction(signal, &old) };
                } else {
                    before.push((signal, old));
                }
            }
        }
        Some(Guard {
            tty,
            before,
            quieted: false,
        })
    }

    /// Turns echo, line editing and the signal keys off, as the prompt's reader does, before
    /// the prompt is written: turned off only once it showed, a Ctrl-c typed at once was the
    /// terminal's, ending the shell that ran the command too, and the first keys of a
    /// passphrase typed at once were echoed. What was typed meanwhile stays to be read.
    pub fn quiet(&mut self) -> std::io::Result<()> {
        use nix::sys::termios::{LocalFlags, SetArg, SpecialCharacterIndices, tcgetattr};
        let mut modes = tcgetattr(&self.tty)?;
        modes.local_flags &=
            !(LocalFlags::ECHO | LocalFlags::ICANON | LocalFlags::ECHONL | LocalFlags::ISIG);
        modes.control_chars[SpecialCharacterIndices::VMIN as usize] = 1;
        modes.control_chars[SpecialCharacterIndices::VTIME as usize] = 0;
        nix::sys::termios::tcsetattr(&self.tty, SetArg::TCSANOW, &modes)?;
        self.quieted = true;
        Ok(())
    }

    /// Between two prompts, after [`Guard::quiet`]: the modes as they were before the prompt
    /// but echo, so what is typed ahead while the passphrase is checked is not shown, and a
    /// Ctrl-c ends the command then, as it would have before (the handler puts the modes
    /// back). What is typed stays to be read by the next prompt.
    pub fn between(&mut self) -> std::io::Result<()> {
        let mut modes = libc::termios::from(nix::sys::termios::tcgetattr(&self.tty)?);
        modes.c_lflag = LOCAL_FLAGS.load(Ordering::SeqCst) & !(libc::ECHO | libc::ECHONL);
        modes.c_cc[libc::VMIN] = MIN.load(Ordering::SeqCst);
        modes.c_cc[libc::VTIME] = TIME.load(Ordering::SeqCst);
        nix::sys::termios::tcsetattr(&self.tty, nix::sys::termios::SetArg::TCSANOW, &modes.into())?;
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if self.quieted {
            put_back(self.tty.as_raw_fd());
        }
        TTY.store(-1, Ordering::SeqCst);
        for (signal, old) in &self.before {
            // SAFETY: puts back the action that was there before `new`.
            let _ = unsafe { sigaction(*signal, old) };
        }
    }
}

/// The handler: the modes noted before the prompt put back on the terminal, then the
/// signal's own default action (the program ends as the signal would have ended it, its exit
/// status saying so). Only `tcflush`, `tcgetattr`, `tcsetattr`, `signal` and `raise`, all
/// async-signal-safe, and atomics.
extern "C" fn give_back(signal: libc::c_int) {
    let fd = TTY.load(Ordering::SeqCst);
    if fd >= 0 {
        put_back(fd);
    }
    // SAFETY: the default action back, and the signal again: it is blocked while this runs,
    // and ends the program once this returns.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

/// The modes noted before the prompt put back on the terminal `fd`, which [`Guard`] holds
/// open, once what was typed and not read is dropped: echoed, it would show what was typed
/// ahead while echo was off. Only `tcflush`, `tcgetattr`, `tcsetattr` and atomics, as the
/// signal handler calls it.
fn put_back(fd: libc::c_int) {
    let mut modes = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: `fd` is the terminal `Guard` holds open; `modes` is written by tcgetattr
    // before it is read.
    unsafe {
        libc::tcflush(fd, libc::TCIFLUSH);
        if libc::tcgetattr(fd, modes.as_mut_ptr()) == 0 {
            let mut modes = modes.assume_init();
            modes.c_lflag = LOCAL_FLAGS.load(Ordering::SeqCst);
            modes.c_cc[libc::VMIN] = MIN.load(Ordering::SeqCst);
            modes.c_cc[libc::VTIME] = TIME.load(Ordering::SeqCst);
            libc::tcsetattr(fd, libc::TCSANOW, &modes);
        }
    }
}
