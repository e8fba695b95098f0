//! The pure core: the model, its validation, date words and the ladder. Nothing here reads the
//! clock, the file system or the terminal, so every result can be reproduced from its inputs.

pub mod agenda;
pub mod as_of;
pub mod change;
pub mod dates;
pub mod decimal;
pub mod demo;
pub mod generate;
pub mod import;
pub mod ladder;
pub mod ledger;
pub mod lineage;
pub mod lookup;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod numbering;
pub mod parallel;
pub mod prep;
pub mod settings;
pub mod text;
pub mod touch;
pub mod validate;

pub use change::{Applied, Change, Moment};
pub use ledger::{Ledger, LedgerError};
pub use model::{
    Direction, Level, Person, PersonId, Promise, PromiseId, Status, Timestamp, Tombstone, Uid,
};
pub use settings::Settings;
