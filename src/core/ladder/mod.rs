//! The ladder engine: turns a record of promises into a trust level per rung, the verdicts a
//! manager acts on (slipping, ready, notes, trend), and the words for them.
//!
//! Everything here is a pure function of (promises, settings, today), as docs/LADDER.md
//! requires. The figures and reasons are data ([`Standing`], [`Advice`], [`Note`],
//! [`Blocker`]); [`words`] makes every sentence from them, so `review`, `review --json` and
//! the UI always agree.
//!
//! - [`scoring`]: weights, values, each rung's evidence, score and held, and the level;
//! - [`verdicts`]: slipping checks, the ready check, notes and trend;
//! - [`mod@standing`]: one direction put together;
//! - [`explain`]: the advice, decided as data;
//! - [`mod@review`]: both directions for each colleague;
//! - [`timeline`]: scores month by month for the chart;
//! - [`words`]: the sentences.

pub mod explain;
pub mod review;
pub mod scoring;
pub mod standing;
pub mod timeline;
pub mod verdicts;
pub mod words;

#[cfg(test)]
mod histories;
#[cfg(test)]
mod tests;

pub use explain::{Advice, Unheld};
pub use review::{Review, review, review_all, review_person};
pub use scoring::{Counts, Later, RungScore, Verdict, level_of, score, value, weight};
pub use standing::{Standing, standing};
pub use timeline::{Point, history};
pub use verdicts::{Blocker, Note, ReadyCheck, SlipCheck, Trend};
