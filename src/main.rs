//! The `trustladder` binary: everything lives in the library; this only hands over.

fn main() -> std::process::ExitCode {
    trustladder::cli::main()
}

/// mimalloc rather than the system's allocator. Reading a large ledger fills tens of
/// megabytes of fresh memory, and the system's allocator hands it out a 4 KiB page at a time,
/// each page a fault into the kernel on first touch (9,400 for a change to 100,000 promises);
/// mimalloc takes its memory in 2 MiB pages where the system allows (900 faults), and is
/// quicker for the many small blocks of a small ledger too. See docs/PERFORMANCE.md,
/// "The allocator".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
