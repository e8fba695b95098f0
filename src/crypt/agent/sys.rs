//! The operating system's part: who is on the other end of a socket, a clock that counts
//! suspended time, refusing core dumps, and detaching from whatever started the agent.

use std::fs::{self, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use nix::sys::resource::{Resource, getrlimit, setrlimit};
use nix::time::{ClockId, clock_gettime};
use nix::unistd::{ForkResult, chdir, dup2_stderr, dup2_stdin, dup2_stdout, fork, setsid};

/// This process's effective user id: the only user the agent serves and the only one a client
/// hands a secret to.
pub(crate) fn my_uid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

/// Connects to the Unix socket `path`, giving up at `until` with [`io::ErrorKind::WouldBlock`]:
/// an agent that takes no connection (stopped or stuck, its queue full) kept a plain
/// `connect` waiting for ever. The socket is closed on exec, as the standard library's are.
pub(crate) fn connect_by(path: &Path, until: Instant) -> io::Result<UnixStream> {
    use nix::sys::socket::{
        AddressFamily, SockFlag, SockType, UnixAddr, connect, setsockopt, socket,
        sockopt::SendTimeout,
    };
    use nix::sys::time::{TimeVal, TimeValLike};
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let flags = SockFlag::SOCK_CLOEXEC;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let flags = SockFlag::empty();
    let fd = socket(AddressFamily::Unix, SockType::Stream, flags, None)?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    nix::fcntl::fcntl(
        &fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )?;
    let address = UnixAddr::new(path)?;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        // The send timeout bounds a connect that waits for room in the agent's queue; one of
        // zero would mean no bound at all.
        let micros = i64::try_from(left.as_micros()).unwrap_or(i64::MAX).max(1);
        setsockopt(&fd, SendTimeout, &TimeVal::microseconds(micros))?;
        match connect(fd.as_raw_fd(), &address) {
            Ok(()) => return Ok(UnixStream::from(fd)),
            Err(nix::Error::EINTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// The user id of the process at the other end of a Unix socket, as the kernel vouches for it
/// (SO_PEERCRED), not as the peer claims.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn peer_uid(stream: &UnixStream) -> nix::Result<u32> {
    use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
    getsockopt(stream, PeerCredentials).map(|creds| creds.uid())
}

/// The user id of the process at the other end of a Unix socket (`getpeereid`).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn peer_uid(stream: &UnixStream) -> nix::Result<u32> {
    nix::unistd::getpeereid(stream).map(|(uid, _)| uid.as_raw())
}

/// A clock for idle times that keeps counting while the machine sleeps (`CLOCK_BOOTTIME`): a
/// laptop closed for the night comes back locked. Elsewhere, and should the clock fail, a
/// monotonic clock.
pub(crate) fn now() -> Duration {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let clock = ClockId::CLOCK_BOOTTIME;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let clock = ClockId::CLOCK_MONOTONIC;
    clock_gettime(clock).map_or_else(
        |_| {
            static START: OnceLock<Instant> = OnceLock::new();
            START.get_or_init(Instant::now).elapsed()
        },
        Duration::from,
    )
}

/// Makes this process refuse core dumps (`RLIMIT_CORE` 0 and, on Linux, not dumpable, which
/// also keeps other processes of the same user from attaching a debugger or reading its
/// memory through /proc), and raises its limit of locked memory as far as allowed, so that
/// the secret buffers can be locked.
pub(crate) fn harden() -> nix::Result<()> {
    setrlimit(Resource::RLIMIT_CORE, 0, 0)?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    nix::sys::prctl::set_dumpable(false)?;
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_MEMLOCK)
        && soft < hard
    {
        // Failing only means the buffers may not be locked; see `memory`.
        let _ = setrlimit(Resource::RLIMIT_MEMLOCK, hard, hard);
    }
    Ok(())
}

/// Has the scheduler let a command that wakes the agent run on rather than give its core to
/// the agent at once: a change's last message (the text to write over, see `edits`) would
/// otherwise have the agent take the core the change runs on and move the text while the
/// change waits to end. Batch scheduling keeps the agent's share of the processor and never
/// preempts on waking; a command waiting for an answer has left its core idle anyway.
/// Failing leaves the agent scheduled as it was.
pub(crate) fn never_preempt() {
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: sets the policy of this process only; `param` is read, not kept.
    let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_BATCH, &param) };
}

/// Which side of [`detach`] this is.
pub(crate) enum Side {
    /// The process that was started: it may exit, the agent runs on.
    Starter,
    /// The agent, detached.
    Agent,
}

/// Forks the agent off: the child gets a session of its own (no controlling terminal, no
/// signals from the starter's terminal), `/` as its folder (it keeps no folder busy),
/// /dev/null as its standard streams and no other inherited file except `keep`, so that no
/// shell, script or test run that started it waits for it or has a pipe held open by it.
///
/// Must be called while the process runs a single thread (the `agent` subcommand, before it
/// starts any).
pub(crate) fn detach(keep: &[RawFd]) -> nix::Result<Side> {
    // SAFETY: the `agent` subcommand calls this before it starts any thread, so the child is a
    // complete copy of a single-threaded process, free to do anything.
    match unsafe { fork() }? {
        ForkResult::Parent { .. } => return Ok(Side::Starter),
        ForkResult::Child => {}
    }
    setsid()?;
    chdir("/")?;
    let null = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .map_err(|e| {
            e.raw_os_error()
                .map_or(nix::Error::EIO, nix::Error::from_raw)
        })?;
    dup2_stdin(&null)?;
    dup2_stdout(&null)?;
    dup2_stderr(&null)?;
    drop(null);
    close_inherited(keep);
    Ok(Side::Agent)
}

/// Closes every file descriptor above the standard streams but `keep`: one that the starter
/// inherited without close-on-exec (a test harness's pipe, a build tool's jobserver) would
/// otherwise stay open as long as the agent runs.
fn close_inherited(keep: &[RawFd]) {
    let Ok(entries) = fs::read_dir("/proc/self/fd").or_else(|_| fs::read_dir("/dev/fd")) else {
        return;
    };
    let open: Vec<RawFd> = entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    for fd in open {
        if fd > 2 && !keep.contains(&fd) {
            // The folder listing's own descriptor is among them, already closed: EBADF.
            let _ = nix::unistd::close(fd);
        }
    }
}
