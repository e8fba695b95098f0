//! Field by field: a change on one side is taken; a change on both sides to different values
//! goes to the side whose record changed later.

use serde_json::{Map, Value};

use super::report::{Decided, Report, Why};
use super::{changed_of, object};
use crate::core::ledger::Ledger;
use crate::core::model::Uid;
use crate::core::settings::Settings;

/// Fields merged as one, so a promise never gets its status from one side and its day from
/// the other, with the name the report gives them.
const UNITS: &[(&str, &[&str])] = &[("outcome", &["status", "resolved"])];

/// Fields that are not merged as fields: the identity, and the change time (the later one).
const NOT_FIELDS: &[&str] = &["uid", "changed"];

/// The groups of keys a record's fields are merged in.
fn units(keys: impl Iterator<Item = String>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut keys: Vec<String> = keys.filter(|k| !NOT_FIELDS.contains(&k.as_str())).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if out.iter().any(|u| u.contains(&key)) {
            continue;
        }
        match UNITS.iter().find(|(_, keys)| keys.contains(&key.as_str())) {
            Some((_, keys)) => out.push(keys.iter().map(|k| k.to_string()).collect()),
            None => out.push(vec![key]),
        }
    }
    out
}

fn values<'a>(record: Option<&'a Map<String, Value>>, unit: &[String]) -> Vec<Option<&'a Value>> {
    unit.iter().map(|k| record.and_then(|r| r.get(k))).collect()
}

/// What a side decided about a unit, as the merge weighs it. Kept and kept late are one
/// decision here: an edit of the due date moves a kept promise between them without anyone
/// deciding its outcome anew, so such a side changed the outcome only if nothing else did (and
/// the dates settle the lateness after the merge, [`super::lateness_follows_dates`]).
fn decided<'a>(unit: &[String], values: &[Option<&'a Value>]) -> Vec<Option<&'a Value>> {
    static KEPT: Value = Value::String(String::new());
    unit.iter()
        .zip(values)
        .map(|(key, v)| match v {
            Some(Value::String(s)) if key == "status" && (s == "kept_late" || s == "kept") => {
                Some(&KEPT)
            }
            other => *other,
        })
        .collect()
}

/// Which side a unit comes from when one side alone changed it (`None` when neither or
/// both did): `Some(true)` for theirs.
fn one_side_changed(
    base: Option<&[Option<&Value>]>,
    o: &[Option<&Value>],
    t: &[Option<&Value>],
) -> Option<bool> {
    match base {
        _ if o == t => Some(false),
        Some(b) if b == o => Some(true),
        Some(b) if b == t => Some(false),
        _ => None,
    }
}

/// A unit's values as the report quotes them: "kept on 2026-12-01", "open" (a part with no
/// value is left out, rather than read as "on none"), or "none" when nothing is set.
fn shown(values: &[Option<&Value>]) -> String {
    let parts: Vec<String> = values
        .iter()
        .filter_map(|v| match v {
            Some(Value::String(s)) if s == "kept_late" => Some("kept late".to_string()),
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(" on ")
    }
}

/// The side that wins a field changed on both, and why: the side whose record changed later
/// (in any field: no time is kept per field); on the same
/// second, the side whose whole record is the greater (in its JSON text), for every such field
/// of the record, so the result is the same whichever side merges and never mixes the two
/// records into one neither side had.
fn theirs_win(ours: &Map<String, Value>, theirs: &Map<String, Value>) -> (bool, Why) {
    match changed_of(theirs).cmp(&changed_of(ours)) {
        std::cmp::Ordering::Greater => (true, Why::Later),
        std::cmp::Ordering::Less => (false, Why::Later),
        std::cmp::Ordering::Equal => {
            let text =
                |record: &Map<String, Value>| serde_json::to_string(record).unwrap_or_default();
            (text(theirs) > text(ours), Why::SameSecond)
        }
    }
}

/// Merges one record present on both sides; `name` is how the report names it (until the
/// merge names it by `uid` as it ends).
pub(super) fn merge_record(
    name: &str,
    uid: Uid,
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    report: &mut Report,
) -> Map<String, Value> {
    let mut out = Map::new();
    for key in ["uid"] {
        if let Some(v) = ours.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let mut took_theirs = false;
    for unit in units(ours.keys().chain(theirs.keys()).cloned()) {
        let (o, t, b) = (
            values(Some(ours), &unit),
            values(Some(theirs), &unit),
            values(base, &unit),
        );
        let base_values = base.map(|_| b.as_slice());
        let (od, td) = (decided(&unit, &o), decided(&unit, &t));
        let by_decision = one_side_changed(base.map(|_| decided(&unit, &b)).as_deref(), &od, &td)
            .filter(|_| od != td);
        let pick_theirs = if let Some(theirs) = by_decision {
            theirs
        } else if let Some(theirs) = one_side_changed(base_values, &o, &t) {
            theirs
        } else if unit == ["id"] {
            // A number differing on both sides (a record each side holds under a number of
            // its own) is no value anyone chose, so no field of conflict: the later record's
            // is taken, and a number here that moves is said as any that moves
            // ([`super::moved::numbers_moved`]).
            theirs_win(ours, theirs).0
        } else {
            let (os, ts) = (shown(&o), shown(&t));
            let (wins, why) = theirs_win(ours, theirs);
            let (kept, lost) = if wins { (ts, os) } else { (os, ts) };
            let field = UNITS
                .iter()
                .find(|(_, keys)| keys.iter().eq(unit.iter()))
                .map_or_else(|| unit.join("/"), |(name, _)| name.to_string());
            report.decided.push(Decided {
                record: name.to_string(),
                uid: Some(uid),
                field,
                kept,
                lost,
                why,
            });
            wins
        };
        let chosen = if pick_theirs { &t } else { &o };
        took_theirs |= pick_theirs;
        for (key, value) in unit.iter().zip(chosen) {
            if let Some(value) = value {
                out.insert(key.clone(), (*value).clone());
            }
        }
    }
    let later = changed_of(ours).max(changed_of(theirs));
    if let Some(later) = later {
        out.insert("changed".into(), Value::from(later.to_string()));
    }
    if took_theirs {
        report.changed += 1;
    }
    out
}

/// The settings, merged setting by setting like fields; a setting changed on both sides to
/// different values keeps the larger (there is no change time to go by).
pub(super) fn merge_settings(
    base: Option<&Ledger>,
    ours: &Ledger,
    theirs: &Ledger,
    report: &mut Report,
) -> Settings {
    let (o, t) = (object(&ours.settings), object(&theirs.settings));
    let b = base.map(|b| object(&b.settings));
    let mut out = Map::new();
    let mut keys: Vec<&String> = o.keys().chain(t.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (ov, tv, bv) = (o.get(key), t.get(key), b.as_ref().and_then(|b| b.get(key)));
        let chosen = if ov == tv || (b.is_some() && bv == tv) {
            ov
        } else if b.is_some() && bv == ov {
            tv
        } else {
            let larger = |a: Option<&Value>, c: Option<&Value>| match (
                a.and_then(Value::as_f64),
                c.and_then(Value::as_f64),
            ) {
                (Some(x), Some(y)) => x >= y,
                _ => a.map(Value::to_string) >= c.map(Value::to_string),
            };
            let (kept, lost) = if larger(ov, tv) { (ov, tv) } else { (tv, ov) };
            report.decided.push(Decided {
                record: "settings".into(),
                uid: None,
                field: key.clone(),
                kept: shown(&[kept]),
                lost: shown(&[lost]),
                why: Why::Larger,
            });
            kept
        };
        if let Some(v) = chosen {
            out.insert(key.clone(), v.clone());
        }
    }
    let merged = serde_json::from_value::<Settings>(Value::Object(out))
        .ok()
        .filter(|settings| settings.problem().is_none());
    merged.unwrap_or_else(|| whole_settings(b.as_ref(), &o, &t, ours, theirs, report))
}

/// One side's settings, whole: what a merge keeps when the settings taken one by one from
/// both would break a rule that ties two of them together (`ready_streak_on_time` at most
/// `ready_streak`), as each side's own settings keep it. The same side on both machines (the
/// greater in its JSON text), and the report names every setting the other side loses: a
/// change it alone made, dropped, or one both made, decided. A setting only the kept side
/// changed loses nothing, as any change on one side, and is not named.
fn whole_settings(
    b: Option<&Map<String, Value>>,
    o: &Map<String, Value>,
    t: &Map<String, Value>,
    ours: &Ledger,
    theirs: &Ledger,
    report: &mut Report,
) -> Settings {
    let text = |settings: &Map<String, Value>| serde_json::to_string(settings).unwrap_or_default();
    let ours_kept = text(o) >= text(t);
    let (kept, lost, settings) = if ours_kept {
        (o, t, &ours.settings)
    } else {
        (t, o, &theirs.settings)
    };
    report.decided.retain(|d| d.record != "settings");
    let mut keys: Vec<&String> = kept.keys().chain(lost.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (k, l) = (kept.get(key), lost.get(key));
        let was = b.map(|b| b.get(key));
        let why = match was {
            _ if k == l => continue,
            Some(was) if was == l => continue,
            Some(was) if was == k => Why::Dropped,
            _ => Why::Together,
        };
        report.decided.push(Decided {
            record: "settings".into(),
            uid: None,
            field: key.clone(),
            kept: shown(&[k]),
            lost: shown(&[l]),
            why,
        });
    }
    settings.clone()
}
