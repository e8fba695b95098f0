//! trustladder: a ledger of the promises between you and your colleagues, scored on a
//! three-rung trust ladder (tasks, results, ongoing impact).
//!
//! The crate is layered so that each part can be tested without the ones above it:
//! - [`core`] is pure: the model, validation, date words and the ladder scoring. It never reads
//!   the clock or touches a terminal; "today" is always an argument.
//! - [`store`] keeps the ledger in one JSON file, safely.
//! - [`sync`] shares that file between machines through git, merging with the core's merge.
//! - [`config`] reads the config file (keys, theme, mouse, defaults), apart from the data.
//! - [`cli`] and [`tui`] drive the core, the store and sync; `main.rs` only picks one of them.

// The library is the program's inside, not an interface for other crates: its documentation
// is read with `cargo doc --document-private-items`, where a link to a private item is the
// point, and with that flag every link resolves.
#![allow(rustdoc::private_intra_doc_links)]

/// `eprintln!` that never panics: where standard error cannot be written (a full disk under
/// `2>`, a closed descriptor), the line is lost, not the exit code the command owes its caller
/// or the output of a change already saved.
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics; see [`stderr_line`].
macro_rules! stderr_text {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod cli;
pub mod config;
pub mod core;
pub mod crypt;
pub mod store;
pub mod sync;
pub mod tui;
