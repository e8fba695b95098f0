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

pub mod cli;
pub mod config;
pub mod core;
pub mod crypt;
pub mod store;
pub mod sync;
pub mod tui;
