//! Text rules shared by every input and output: what a name or note may contain, how a handle
//! is made from a name, and how user text is made safe to print in a terminal.
//!
//! The same rules hold for text typed on the command line or in the UI and for text read
//! from the file ([`check_stored`]), so nothing input refuses can enter by the file.
//!
//! In parts, each named for what it holds: what text may hold (`check`), how near a typo is
//! (`typos`), names compared and made handles (`names`), columns and line breaks (`wrap`),
//! text made safe and short to show (`shown`), and the pieces of sentences (`prose`). Every
//! caller names them through this module.

mod check;
mod names;
mod prose;
mod shown;
mod typos;
mod wrap;

pub use check::*;
pub use names::*;
pub use prose::*;
pub use shown::*;
pub use typos::*;
pub use wrap::*;

#[cfg(test)]
mod tests;
