//! Upgrading files written by older versions of the program.
//!
//! Each format change bumps `version` and adds one [`Step`] to [`STEPS`], which turns a
//! document of version `from` into one of version `from + 1`. A file of any older version is
//! brought up to date by running the steps in turn on its JSON, before it is read as a
//! ledger. The store keeps the original bytes in the backups folder before it writes the
//! upgraded file (see `Store::update`), so an upgrade can always be undone by hand.

use serde_json::{Map, Value};

use crate::core::ledger::FORMAT_VERSION;
use crate::core::model::{Timestamp, Uid};

/// One upgrade, from version `from` to `from + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The version this step reads.
    pub from: u32,
    /// What the step changes, for the record and for error messages.
    pub what: &'static str,
    /// Rewrites the document in place; an error says what in the document stopped it.
    pub apply: fn(&mut Value) -> Result<(), StepError>,
}

/// Why a document could not be upgraded.
#[derive(Debug, Clone, PartialEq)]
pub enum StepError {
    /// The document is not of the shape a step reads: what the step found, with the step
    /// named once [`Format::upgrade`] has passed it on.
    Shape(String),
    /// A value the older version refused too, at its JSON path as the file names it: the
    /// user's to correct, as any wrong value of a current file is.
    Value { path: String, message: String },
}

impl From<&str> for StepError {
    fn from(message: &str) -> Self {
        StepError::Shape(message.to_string())
    }
}

/// Every upgrade step, oldest first: `STEPS[i]` upgrades version `i + 1`. A format change adds
/// its step here.
pub const STEPS: &[Step] = &[Step {
    from: 1,
    what: "every record gets a uid and a changed time; deletions leave tombstones",
    apply: add_identity,
}];

/// Version 1 to 2: gives every person and promise a `uid` and a `changed` time, and the
/// document an empty list of tombstones; settings left at version 1's defaults move to
/// version 2's.
///
/// The uid is derived from the record's kind, number and first day, so two copies of one
/// version 1 file upgraded on two machines agree on every record's uid and can be merged.
/// `changed` is the start of the last day the record is known to have changed (a promise's
/// resolution, else the day it was made; a person's first day). A value of the wrong type is
/// left for the reader after the upgrade, which names its JSON path.
fn add_identity(doc: &mut Value) -> Result<(), StepError> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    for (key, kind, day_fields) in [
        ("people", "person", &["created"][..]),
        ("promises", "promise", &["resolved", "made"][..]),
    ] {
        let Some(records) = obj.get_mut(key).and_then(Value::as_array_mut) else {
            continue;
        };
        for record in records.iter_mut().filter_map(Value::as_object_mut) {
            add_record_identity(record, kind, day_fields);
        }
    }
    obj.entry("tombstones")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(settings) = obj.get_mut("settings").and_then(Value::as_object_mut) {
        crate::core::settings::upgrade_from_v1(settings)
            .map_err(|(path, message)| StepError::Value { path, message })?;
    }
    Ok(())
}

fn add_record_identity(record: &mut Map<String, Value>, kind: &str, day_fields: &[&str]) {
    let id = record.get("id").map_or(String::new(), Value::to_string);
    let first_day = day_fields.last().and_then(|f| record.get(*f));
    let first_day = first_day.and_then(Value::as_str).unwrap_or_default();
    let uid = Uid::derived(&format!("v1/{kind}/{id}/{first_day}"));
    let last_day = day_fields
        .iter()
        .filter_map(|f| record.get(*f).and_then(Value::as_str))
        .find_map(crate::core::dates::parse_iso);
    let changed = last_day.map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |day| Timestamp::start_of(day).to_string(),
    );
    record
        .entry("uid")
        .or_insert_with(|| Value::from(uid.to_string()));
    record
        .entry("changed")
        .or_insert_with(|| Value::from(changed));
}

/// The version a program writes and the steps that bring older files up to it. The store is
/// built on one, so tests can drive the whole upgrade path with a made-up next version.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub version: u32,
    pub steps: &'static [Step],
}

impl Format {
    /// The format this program reads and writes.
    pub const CURRENT: Format = Format {
        version: FORMAT_VERSION,
        steps: STEPS,
    };

    /// Checks that the steps cover every version from 1 up to `version`, one each, in order,
    /// so a missing or misplaced step is caught by a test rather than by a user's file.
    pub fn problem(&self) -> Option<String> {
        let expected = self.version.saturating_sub(1) as usize;
        if self.steps.len() != expected {
            return Some(format!(
                "version {} needs {expected} upgrade steps, found {}",
                self.version,
                self.steps.len()
            ));
        }
        self.steps
            .iter()
            .zip(1..)
            .find(|(step, from)| step.from != *from)
            .map(|(step, from)| {
                format!(
                    "step {from} should upgrade version {from}, but reads version {}",
                    step.from
                )
            })
    }

    /// Brings `doc`, of version `from`, up to this format's version, and sets its `version`.
    pub fn upgrade(&self, doc: &mut Value, from: u32) -> Result<(), StepError> {
        for version in from..self.version {
            let step = self
                .steps
                .iter()
                .find(|s| s.from == version)
                .ok_or_else(|| {
                    StepError::Shape(format!("no upgrade from version {version} is known"))
                })?;
            (step.apply)(doc).map_err(|e| match e {
                StepError::Shape(e) => StepError::Shape(format!(
                    "upgrading from version {version} ({}) failed: {e}",
                    step.what
                )),
                value => value,
            })?;
            if let Some(obj) = doc.as_object_mut() {
                obj.insert("version".into(), Value::from(version + 1));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_format_has_one_step_per_older_version() {
        assert_eq!(Format::CURRENT.problem(), None);
    }

    fn rename_role_to_title(doc: &mut Value) -> Result<(), StepError> {
        let people = doc
            .get_mut("people")
            .and_then(Value::as_array_mut)
            .ok_or("$.people is missing")?;
        for person in people {
            let obj = person.as_object_mut().ok_or("a person is not an object")?;
            let role = obj.remove("role").unwrap_or_default();
            obj.insert("title".into(), role);
        }
        Ok(())
    }

    fn upper_title(doc: &mut Value) -> Result<(), StepError> {
        for person in doc["people"].as_array_mut().ok_or("no people")? {
            let title = person["title"].as_str().unwrap_or_default().to_uppercase();
            person["title"] = Value::from(title);
        }
        Ok(())
    }

    const TWO_STEPS: &[Step] = &[
        Step {
            from: 1,
            what: "role becomes title",
            apply: rename_role_to_title,
        },
        Step {
            from: 2,
            what: "titles in capitals",
            apply: upper_title,
        },
    ];

    #[test]
    fn steps_run_in_order_from_the_file_version() {
        let format = Format {
            version: 3,
            steps: TWO_STEPS,
        };
        assert_eq!(format.problem(), None);
        let mut doc = serde_json::json!({"version": 1, "people": [{"role": "Backend"}]});
        format.upgrade(&mut doc, 1).unwrap();
        assert_eq!(
            doc,
            serde_json::json!({"version": 3, "people": [{"title": "BACKEND"}]})
        );
        let mut doc = serde_json::json!({"version": 2, "people": [{"title": "ops"}]});
        format.upgrade(&mut doc, 2).unwrap();
        assert_eq!(
            doc,
            serde_json::json!({"version": 3, "people": [{"title": "OPS"}]})
        );
    }

    #[test]
    fn a_failing_step_is_named() {
        let format = Format {
            version: 3,
            steps: TWO_STEPS,
        };
        let mut doc = serde_json::json!({"version": 1});
        assert_eq!(
            format.upgrade(&mut doc, 1).unwrap_err(),
            StepError::Shape(
                "upgrading from version 1 (role becomes title) failed: $.people is missing".into()
            )
        );
    }

    #[test]
    fn gaps_in_the_table_are_caught() {
        let gap = Format {
            version: 3,
            steps: &TWO_STEPS[1..],
        };
        assert!(gap.problem().unwrap().contains("needs 2 upgrade steps"));
        let misplaced = Format {
            version: 2,
            steps: &TWO_STEPS[1..],
        };
        assert_eq!(
            misplaced.problem().unwrap(),
            "step 1 should upgrade version 1, but reads version 2"
        );
        assert_eq!(
            gap.upgrade(&mut serde_json::json!({}), 1).unwrap_err(),
            StepError::Shape("no upgrade from version 1 is known".into())
        );
    }
}
