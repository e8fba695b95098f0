//! `trustladder agenda`: open promises by when they are due.

use chrono::{Datelike, NaiveDate};

use super::json::{self, AgendaItem, AgendaJson, TouchJson};
use super::table::{Align, Table, left_out_note, paragraph, prose};
use super::{CliError, Context};
use crate::core::agenda::{Bucket, agenda_of, archived_open};
use crate::core::dates::{Iso, days_between};
use crate::core::ladder::Later;
use crate::core::text::days;
use crate::core::touch::{Overdue, keep_in_touch};
use crate::core::{Ledger, Promise};

/// The columns of an agenda group's table.
const COLUMNS: [(&str, Align); 7] = [
    ("ID", Align::Right),
    ("WHOSE", Align::Left),
    ("PERSON", Align::Left),
    ("LEVEL", Align::Left),
    ("DUE", Align::Left),
    ("WHEN", Align::Left),
    ("WHAT", Align::Left),
];

/// Prints the five groups, each always present so a reader (or script) sees an empty one as
/// empty rather than missing.
pub fn run(as_json: bool, ctx: &Context) -> Result<String, CliError> {
    let store = ctx.show()?;
    // As it stood on the day shown: `--today` on a past day sees that day's ledger.
    let ledger = ctx.shown(store.ledger());
    let ledger = &*ledger;
    let defaults = super::config::defaults(ctx);
    let groups = agenda_of(ledger, ctx.today, defaults.week_ends, false);
    let handle = |person| ledger.person(person).map_or("", |p| p.handle.as_str());
    let touch = keep_in_touch(ledger, ctx.today, defaults.keep_in_touch, Later::Today);
    if as_json {
        let mut out = AgendaJson {
            keep_in_touch: touch
                .iter()
                .filter_map(|due| Some(TouchJson::new(ledger.person(due.person)?, due)))
                .collect(),
            archived_open: archived_open(ledger),
            ..AgendaJson::default()
        };
        for (bucket, ids) in &groups {
            let items = ids
                .iter()
                .filter_map(|id| ledger.promise(*id))
                .map(|promise| AgendaItem {
                    promise,
                    handle: handle(promise.person),
                })
                .collect();
            match bucket {
                Bucket::Overdue => out.overdue = items,
                Bucket::Today => out.today = items,
                Bucket::ThisWeek => out.this_week = items,
                Bucket::Later => out.later = items,
                Bucket::NoDate => out.no_date = items,
            }
        }
        return json::to_text(&out);
    }
    let mut tables = Vec::new();
    for (bucket, ids) in &groups {
        let promises: Vec<&Promise> = ids.iter().filter_map(|id| ledger.promise(*id)).collect();
        let theirs = promises
            .iter()
            .filter(|p| p.direction == crate::core::Direction::Theirs)
            .count();
        // A heading wraps as prose does: `This week (0 theirs, 0 mine)` is 28 columns.
        let title = paragraph(
            &format!(
                "{} ({} theirs, {} mine)",
                bucket.title(),
                theirs,
                ids.len() - theirs
            ),
            ctx.width(),
        );
        let mut table = Table::new(&COLUMNS)
            .fit_to(ctx.width())
            .may_leave_out(&["DUE"], &["LEVEL", "WHOSE"])
            // The ID is what a command takes to act on a promise; the person's handle beside
            // it is cut short before the table runs past the terminal's edge.
            .may_cut(&["PERSON"]);
        for p in promises {
            let due = p.due.map(Iso::new);
            table.row([
                format!("#{}", p.id).as_str(),
                p.direction.as_str(),
                handle(p.person),
                p.level.as_str(),
                due.as_deref().unwrap_or("-"),
                &p.due.map_or_else(String::new, |d| when(d, ctx.today)),
                &p.what,
            ]);
        }
        tables.push((title, table));
    }
    // Every group shows the same columns: those any group must leave out, all leave out,
    // until they agree (a group fitted without what another left out may leave out more).
    let (shown, gone) = loop {
        let shown: Vec<(String, Vec<&str>)> =
            tables.iter().map(|(_, t)| t.render_noting("  ")).collect();
        let all: Vec<&str> = shown.iter().flat_map(|(_, g)| g.iter().copied()).collect();
        let gone: Vec<String> = (COLUMNS.iter().map(|(h, _)| *h))
            .filter(|h| all.contains(h))
            .map(str::to_string)
            .collect();
        let agreed = (tables.iter().zip(&shown)).all(|((_, t), (_, g))| t.is_empty() || *g == gone);
        if agreed {
            break (
                shown.into_iter().map(|(text, _)| text).collect::<Vec<_>>(),
                gone,
            );
        }
        tables = (tables.into_iter())
            .map(|(title, table)| (title, table.without(&gone)))
            .collect();
    };
    let mut gone = gone;
    let mut out = String::new();
    for ((title, table), text) in tables.iter().zip(&shown) {
        out.push_str(title);
        if table.is_empty() {
            out.push_str("  nothing\n");
        } else {
            out.push_str(text);
        }
    }
    if defaults.keep_in_touch.is_some()
        || ledger
            .people
            .iter()
            .any(|p| !p.archived && p.cadence_days.is_some())
    {
        let (text, left_out) = touch_text(ledger, &touch, ctx.width());
        out.push_str(&text);
        gone.extend(left_out);
    }
    let hidden = match archived_open(ledger) {
        0 => String::new(),
        1 => "1 open promise of an archived person is not shown (`list --all --open` lists it)"
            .to_string(),
        n => format!(
            "{n} open promises of archived people are not shown (`list --all --open` lists them)"
        ),
    };
    out.push_str(&paragraph(&hidden, ctx.width()));
    out.push_str(&left_out_note(&gone, ctx.width()));
    Ok(out)
}

/// The colleagues past their keep-in-touch cadence, longest past it first, fitted to a
/// terminal `width` wide when there is one, and the headers of the columns left out to fit
/// it: LAST and then EVERY, which SINCE gives too (the days since, and how many over); a
/// handle still too wide is cut with `…`, as the promises' PERSON is.
fn touch_text(ledger: &Ledger, touch: &[Overdue], width: Option<usize>) -> (String, Vec<String>) {
    let mut out = paragraph(&format!("Keep in touch ({})", touch.len()), width);
    let mut table = Table::new(&[
        ("PERSON", Align::Left),
        ("LAST", Align::Left),
        ("EVERY", Align::Left),
        ("SINCE", Align::Left),
    ])
    .fit_to(width)
    .may_leave_out(&[], &["LAST", "EVERY"])
    .may_cut(&["PERSON"]);
    for due in touch {
        let Some(person) = ledger.person(due.person) else {
            continue;
        };
        let last = if due.last.logged {
            due.last.day.to_string()
        } else {
            format!("never (added {})", due.last.day)
        };
        table.row(vec![
            person.handle.clone(),
            last,
            days(i64::from(due.every)),
            format!("{} ({} over)", days(due.days), days(due.over())),
        ]);
    }
    let (text, gone) = table.render_noting("  ");
    if table.is_empty() {
        let mut nobody = String::new();
        prose(&mut nobody, "  ", "  ", "nobody past their cadence", width);
        out.push_str(&nobody);
    } else {
        out.push_str(&text);
    }
    (out, gone.into_iter().map(str::to_string).collect())
}

/// A due date in words relative to today: `3 days overdue`, `today`, `Fri`, `in 12 days`.
fn when(due: NaiveDate, today: NaiveDate) -> String {
    let days = days_between(today, due);
    match days {
        d if d < -1 => format!("{} days overdue", -d),
        -1 => "1 day overdue".to_string(),
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        2..=6 => due.weekday().to_string(),
        d => format!("in {d} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    #[test]
    fn due_dates_in_words() {
        let today = parse_iso("2026-11-24").unwrap();
        let cases = [
            ("2026-11-20", "4 days overdue"),
            ("2026-11-23", "1 day overdue"),
            ("2026-11-24", "today"),
            ("2026-11-25", "tomorrow"),
            ("2026-11-27", "Fri"),
            ("2026-12-06", "in 12 days"),
        ];
        for (due, want) in cases {
            assert_eq!(when(parse_iso(due).unwrap(), today), want, "{due}");
        }
    }

    /// The agenda of a ledger with Ann's promise overdue and archived Eve's open, for a
    /// terminal `width` wide, as text and as JSON.
    fn with_one_archived(width: usize) -> (String, String) {
        use crate::core::change::{Moment, NewPromise};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        let today = parse_iso("2026-11-24").unwrap();
        let m = Moment::fixed(today, "agenda");
        let mut store = crate::store::Store::open(&path).unwrap();
        store
            .update(|l| {
                let ann = l.add_person("Ann", "", "", m)?;
                let eve = l.add_person("Eve", "", "", m)?;
                let made = parse_iso("2026-11-01").unwrap();
                let due = NewPromise {
                    due: parse_iso("2026-11-20"),
                    ..NewPromise::task(ann, "Ship the migration of the billing tables", made)
                };
                l.add_promise(due, m)?;
                l.add_promise(NewPromise::task(eve, "Old thing", made), m)?;
                l.set_archived(eve, true, m)
            })
            .unwrap();
        let ctx = Context {
            path,
            today,
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(Some(width)),
            missing_noted: std::sync::OnceLock::new(),
        };
        (run(false, &ctx).unwrap(), run(true, &ctx).unwrap())
    }

    /// The count of archived colleagues' open promises comes after the lists and before the
    /// line naming the columns left out, which is last, as `--help` says; `--json` gives the
    /// count too (`archived_open`), where only the text said it.
    #[test]
    fn the_archived_open_promises_are_counted_after_the_lists_and_in_json() {
        let (text, json) = with_one_archived(40);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[lines.len() - 3..],
            [
                "1 open promise of an archived person is",
                "not shown (`list --all --open` lists it)",
                "(Left out at this width: LEVEL and DUE.)",
            ],
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["archived_open"], 1);
        assert_eq!(json["overdue"].as_array().map(Vec::len), Some(1));
        let cli = <crate::cli::args::Cli as clap::CommandFactory>::command();
        let help = (cli.find_subcommand("agenda"))
            .and_then(clap::Command::get_long_about)
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            help.contains("and a line after the lists counts")
                && help.contains("a last line names what was left out"),
            "{help}"
        );
    }
}
