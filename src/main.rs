//! The `trustladder` binary: everything lives in the library; this only hands over.

fn main() -> std::process::ExitCode {
    trustladder::cli::main()
}

/// mimalloc rather than the system's allocator: as quick at 10,000 promises, a little
/// quicker at 100,000 (`review` 70 to 73 ms against 75 to 79). Built not to ask the kernel
/// for 2 MiB pages (`no_thp`): on a virtual machine whose host takes freed memory back, as
/// the one measured, a fresh huge page was slow to come by, so that commands run a second
/// apart took up to 1.8 times as long as with 4 KiB pages, and a change to 1,000,000
/// promises 1.6 times as long. See docs/PERFORMANCE-LOG.md, "This machine, 6 December, evening:
/// huge pages".
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
