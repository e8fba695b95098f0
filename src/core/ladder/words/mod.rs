//! The ladder in words: every sentence `review`, `review --json` and the UI show about a
//! standing is made here from its figures, so they always say the same thing.
//!
//! Plain counts come first ("16 of 16 kept, 2 released"), then the weighted score with its
//! evidence, and a rung with no evidence shows `–`, never 50%. Every comparison is printed so
//! that it holds as shown.
//!
//! In parts: the figures (`figures`), the rules a rung is held by and the reasons (`rules`),
//! how a colleague is called (`names`), the advice and notes (`advice`), and the settings and
//! the legend (`legend`). Every caller names them through this module.

mod advice;
mod figures;
mod legend;
mod names;
mod rules;

pub use advice::*;
pub use figures::*;
pub use legend::*;
pub use names::*;
pub use rules::*;

#[cfg(test)]
mod tests;
