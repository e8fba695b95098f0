//! The `trustladder` binary: everything lives in the library; this only hands over.

/// mimalloc instead of the system's allocator: a command builds a ledger of many small
/// records and lets it go at once, and with the system's allocator a good part of a
/// command's time went into the kernel handing out and taking back pages (at 100,000
/// promises `review` took 59 ms, and 36 ms with this one). docs/PERFORMANCE.md has the figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    trustladder::cli::main()
}
