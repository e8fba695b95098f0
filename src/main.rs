//! The `trustladder` binary: everything lives in the library; this only hands over.

fn main() -> std::process::ExitCode {
    trustladder::cli::main()
}

/// Looks at standard output before `main`, where the Rust runtime puts /dev/null in place of
/// a closed one (`>&-`): after that, writing to it succeeds, and a change made so could not
/// tell that its report went nowhere.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

#[cfg(target_os = "linux")]
extern "C" fn look_at_stdout() {
    // SAFETY: F_GETFD only reads the descriptor's flags; it fails with EBADF when closed.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
    trustladder::cli::stdout_closed_at_start(closed);
}
