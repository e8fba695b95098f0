//! `trustladder person …`: colleagues.

use chrono::NaiveDate;

use super::args::{PersonCommand, PersonOrder};
use super::json::{self, level_name};
use super::table::{Align, Table, left_out_note};
use super::{CliError, Context};
use crate::core::change::{Done, OnConflict, PersonPatch, Set, Target};
use crate::core::ladder::{Later, review_all, words};
use crate::core::ledger::Among;
use crate::core::text::sanitize;
use crate::core::touch::{CadenceError, last_contacts, last_text, parse_cadence};
use crate::core::{Change, Ledger, PersonId};

/// Runs one `person` subcommand.
pub fn run(cmd: PersonCommand, ctx: &Context) -> Result<String, CliError> {
    match cmd {
        PersonCommand::Add {
            name,
            role,
            note,
            every,
            again,
        } => {
            let cadence = typed_cadence(every.as_deref())?;
            let done = add(&name, role, note, cadence.flatten(), again, ctx)?;
            note_the_config_cadence(cadence, ctx);
            Ok(done)
        }
        PersonCommand::List { all, sort, json } => list(all, sort, json, ctx),
        PersonCommand::Edit {
            person,
            name,
            role,
            note,
            every,
        } => {
            let cadence = typed_cadence(every.as_deref())?;
            let patch = PersonPatch {
                name: name.map(Set::to),
                role: role.map(Set::to),
                note: note.map(Set::to),
                cadence_days: cadence.map(Set::to),
                ..PersonPatch::default()
            };
            let done = edit(ctx, &person, "edited", patch, Among::Active)?.0;
            note_the_config_cadence(cadence, ctx);
            Ok(done)
        }
        PersonCommand::Archive { person } => {
            let (done, open) = edit(ctx, &person, "archived", archived(true), Among::ToArchive)?;
            let Some((listed_as, open)) = open.filter(|(_, open)| *open > 0) else {
                return Ok(done);
            };
            let (count, it) = if open == 1 {
                ("1 open promise".to_string(), "it")
            } else {
                (format!("{open} open promises"), "them")
            };
            Ok(format!(
                "{}; {count} left the agenda (`list {listed_as}` still shows {it})\n",
                done.trim_end()
            ))
        }
        PersonCommand::Restore { person } => {
            edit(ctx, &person, "restored", archived(false), Among::Archived).map(|(done, _)| done)
        }
        PersonCommand::Rm { person, force } => remove(&person, force, ctx),
    }
}

/// `--every` as typed: `None` where it was not given, `Some(None)` for `none`. Typed on a
/// command line, an empty value is a mistake (a script's empty variable), not "no cadence":
/// that is `none`.
fn typed_cadence(every: Option<&str>) -> Result<Option<Option<u32>>, CadenceError> {
    every
        .map(|word| match word.trim() {
            "" => Err(CadenceError {
                word: String::new(),
                days: None,
                two_ways: None,
            }),
            _ => parse_cadence(word),
        })
        .transpose()
}

/// No cadence of their own is the config file's, where it sets one: said after `--every
/// none`, so that it is not taken for "never".
fn note_the_config_cadence(cadence: Option<Option<u32>>, ctx: &Context) {
    if cadence == Some(None)
        && let Some(days) = super::config::defaults(ctx).keep_in_touch
    {
        stderr_line!(
            "trustladder: note: with no cadence of their own, the config file's keep_in_touch applies to them ({}); one of their own (--every) overrides it",
            crate::core::touch::cadence_text(days)
        );
    }
}

fn archived(archived: bool) -> PersonPatch {
    PersonPatch {
        archived: Some(Set::to(archived)),
        ..PersonPatch::default()
    }
}

fn add(
    name: &str,
    role: Option<String>,
    note: Option<String>,
    cadence_days: Option<u32>,
    again: bool,
    ctx: &Context,
) -> Result<String, CliError> {
    let mut store = ctx.open()?;
    let change = Change::AddPerson {
        name: name.to_string(),
        role: role.unwrap_or_default(),
        note: note.unwrap_or_default(),
        cadence_days,
        again,
    };
    let saved = store.apply(&change, ctx.today)?;
    let added = saved.value.person();
    let ledger = store.ledger();
    let handle = handle_of(ledger, added);
    // Said beside the handle, not instead of it: the person is added, as asked, and a
    // script still reads one handle from standard output.
    let removed_as = || {
        (added.and_then(|id| ledger.person(id)))
            .map_or_else(|| handle.clone(), |p| ledger.typed_as(p, Among::Everyone))
    };
    if let Some(who) = near(ledger, name) {
        stderr_line!(
            "trustladder: note: the name is close to {who}; if that is who you meant, `trustladder person rm {}` takes the new one back",
            removed_as()
        );
    }
    if let Some(who) = by_first_name(ledger, name, added) {
        stderr_line!(
            "trustladder: note: already in the ledger by that first name: {who}; if that is who you meant, `trustladder person rm {}` takes the new one back",
            removed_as()
        );
    }
    Ok(format!("{handle}\n"))
}

/// Who else goes by the first name in `name`, or by whose only word it begins
/// ([`Ledger::same_first_name`]), but for `named` (the person who now has it): their handles
/// and names, or none. One a typo away is named by [`near`] already.
fn by_first_name(ledger: &Ledger, name: &str, named: Option<PersonId>) -> Option<String> {
    let near_them = ledger.near_names(name);
    let by_first: Vec<String> = ledger
        .same_first_name(name)
        .into_iter()
        .filter(|p| Some(p.id) != named && !near_them.iter().any(|n| n.id == p.id))
        .map(|p| format!("{} ({})", sanitize(&p.handle), sanitize(&p.name)))
        .collect();
    let by_first: Vec<&str> = by_first.iter().map(String::as_str).collect();
    (!by_first.is_empty()).then(|| crate::core::ledger::a_few(&by_first, "and"))
}

/// Whom someone named `name` may be confused with, a typo away (the person of that very name
/// is not): their handles and names, the nearest first and no more than a handful of many
/// (in a large team a name is a letter or two from a dozen), or none when no one's name is
/// that near.
fn near(ledger: &Ledger, name: &str) -> Option<String> {
    let near: Vec<String> = ledger
        .near_names(name)
        .into_iter()
        .map(|p| format!("{} ({})", sanitize(&p.handle), sanitize(&p.name)))
        .collect();
    let near: Vec<&str> = near.iter().map(String::as_str).collect();
    (!near.is_empty()).then(|| crate::core::ledger::a_few(&near, "or"))
}

fn handle_of(ledger: &Ledger, id: Option<PersonId>) -> String {
    id.and_then(|id| ledger.person(id))
        .map(|p| sanitize(&p.handle))
        .unwrap_or_default()
}

/// Finds the person inside the change, so the lookup sees the file as it is under the lock,
/// and confirms with their handle. With the message, when it changed something: how `list`
/// names them ([`Ledger::typed_as`]) and how many open promises the person has in the ledger
/// as saved.
fn edit(
    ctx: &Context,
    query: &str,
    done: &str,
    patch: PersonPatch,
    among: Among,
) -> Result<(String, Option<(String, usize)>), CliError> {
    let mut store = ctx.open()?;
    let mut found = None;
    let mut was_named = String::new();
    let saved = store.apply_with(ctx.today, |l| {
        let id = l.find_person_among(query, among)?;
        found = Some(id);
        was_named = l.person(id).map(|p| p.name.clone()).unwrap_or_default();
        Ok(Change::EditPerson {
            person: Target::id(id),
            patch: patch.clone(),
            on_conflict: OnConflict::Refuse,
        })
    })?;
    let ledger = store.ledger();
    let handle = handle_of(ledger, found);
    // Said, so a script or a person does not take it for a change.
    if saved.value.inverse.is_none() {
        let already = match done {
            "archived" => "was archived already",
            "restored" => "was not archived",
            _ => "reads so already",
        };
        return Ok((format!("{handle} {already}; nothing changed\n"), None));
    }
    // A new name a typo away from someone else's is said, as `person add` says it; a name
    // that is new only in its case or accents was said when it was given.
    let renamed = patch.name.filter(|name| {
        crate::core::text::folded(&name.to) != crate::core::text::folded(&was_named)
    });
    if let Some(name) = renamed {
        if let Some(who) = near(ledger, &name.to) {
            stderr_line!("trustladder: note: the new name is close to {who}");
        }
        if let Some(who) = by_first_name(ledger, &name.to, found) {
            stderr_line!("trustladder: note: already in the ledger by that first name: {who}");
        }
    }
    let open = found.map_or(0, |id| {
        ledger
            .promises_of(id)
            .filter(|p| p.status == crate::core::Status::Open)
            .count()
    });
    let listed_as = (found.and_then(|id| ledger.person(id)))
        .map_or_else(|| handle.clone(), |p| ledger.typed_as(p, Among::Active));
    Ok((format!("{handle} {done}\n"), Some((listed_as, open))))
}

fn remove(query: &str, force: bool, ctx: &Context) -> Result<String, CliError> {
    let mut store = ctx.open()?;
    let saved = store.apply_with(ctx.today, |l| {
        // A prefix that fits an archived and an active person names neither: `rm` deletes
        // for good.
        Ok(Change::DeletePerson {
            person: Target::id(l.find_person_among(query, Among::Everyone)?),
            force,
            promises: None,
        })
    })?;
    let Done::DeletedPerson {
        handle, promises, ..
    } = saved.value.done
    else {
        return Ok(String::new());
    };
    let handle = sanitize(&handle);
    let mut said = match promises {
        0 => format!("{handle} deleted\n"),
        1 => format!("{handle} deleted, with 1 promise\n"),
        n => format!("{handle} deleted, with {n} promises\n"),
    };
    said.push_str(&super::undone_by(store.last_backup()));
    Ok(said)
}

/// What a list of colleagues as they stood on a past day (`--today`) says when that day is
/// before any of them was added: the ledger is not empty, so "add one" would mislead. `None`
/// where someone in `whole` was there on the day `shown` stands for. Without `all`, the
/// archived are counted apart, as the list leaves them out (it said "the 3 here" where it
/// lists two).
pub(crate) fn added_later(
    shown: &Ledger,
    whole: &Ledger,
    today: NaiveDate,
    all: bool,
) -> Option<String> {
    if !shown.people.is_empty() || whole.people.is_empty() {
        return None;
    }
    let archived = if all {
        0
    } else {
        whole.people.iter().filter(|p| p.archived).count()
    };
    let here = whole.people.len() - archived;
    let one_or = |n: usize| match n {
        1 => "one".to_string(),
        n => n.to_string(),
    };
    let were = |n: usize| if n == 1 { "was" } else { "were" };
    let who = match (here, archived) {
        (_, 0) => format!("the {} here {} added later", one_or(here), were(here)),
        (0, _) => format!(
            "the {} here, archived, {} added later",
            one_or(archived),
            were(archived)
        ),
        _ => format!(
            "the {} here {} added later, as {} the {} archived",
            one_or(here),
            were(here),
            were(archived),
            one_or(archived)
        ),
    };
    Some(format!("No colleagues yet on {today}: {who}."))
}

fn list(all: bool, order: PersonOrder, as_json: bool, ctx: &Context) -> Result<String, CliError> {
    let store = ctx.show()?;
    // As it stood on the day shown: `--today` on a past day sees that day's ledger.
    let ledger = ctx.shown(store.ledger());
    let ledger = &*ledger;
    let shown = |archived: bool| all || !archived;
    let reviews = review_all(ledger, ctx.today);
    let contacts = last_contacts(ledger, ctx.today, Later::Today);
    let mut rows: Vec<_> = ledger
        .people
        .iter()
        .zip(&reviews)
        .filter(|(p, _)| shown(p.archived))
        .filter_map(|(p, r)| Some((p, r, *contacts.get(&p.id)?)))
        .collect();
    if order == PersonOrder::Last {
        rows.sort_by_key(|(p, _, last)| (last.day, p.id));
    }
    if as_json {
        let people: Vec<json::PersonListJson> = rows
            .iter()
            .map(|(p, r, last)| json::PersonListJson::new(p, r, *last))
            .collect();
        return json::to_text(&people);
    }
    let mut columns = vec![
        ("HANDLE", Align::Left),
        ("NAME", Align::Left),
        ("ROLE", Align::Left),
        ("LEVEL", Align::Left),
        ("TASKS", Align::Right),
        ("RESULTS", Align::Right),
        ("IMPACT", Align::Right),
        ("TREND", Align::Left),
        ("OPEN", Align::Right),
        ("OVERDUE", Align::Right),
        ("MY CREDIBILITY", Align::Left),
        ("LAST", Align::Left),
    ];
    if all {
        columns.push(("ARCHIVED", Align::Left));
    }
    columns.push(("NOTES", Align::Left));
    // On a narrow terminal the notes go under their rows before a column goes, then the name,
    // and last of all the counts (`review` gives them) and whether one is archived. The
    // handle stays (commands take it), cut with `…` only where it is still too wide, as
    // `list` cuts its PERSON: what is left of it begins the handle, which commands take too.
    let spare = [
        "ROLE",
        "TREND",
        "MY CREDIBILITY",
        "IMPACT",
        "LAST",
        "RESULTS",
        "TASKS",
        "NAME",
        "OPEN",
        "OVERDUE",
        "ARCHIVED",
    ];
    let mut table = Table::new(&columns)
        .fit_to(ctx.width())
        .may_leave_out(&[], &spare)
        .may_cut(&["HANDLE"]);
    for (person, review, last) in rows {
        let mut row = vec![
            person.handle.clone(),
            person.name.clone(),
            person.role.clone(),
            level_name(review.theirs.trust_level).to_string(),
        ];
        row.extend((review.theirs.rungs.iter()).map(|r| words::score(r, &ledger.settings)));
        // My credibility: the level once a rung is held, my plain record until then.
        let mine = match review.mine.trust_level {
            Some(level) => level.as_str().to_string(),
            None => words::short_record(&review.mine.record()),
        };
        row.extend([
            review.theirs.trend.arrow().to_string(),
            review.open.to_string(),
            review.overdue.to_string(),
            mine,
            last_text(last, ctx.today),
        ]);
        if all {
            row.push(if person.archived { "yes" } else { "" }.to_string());
        }
        row.push(words::notes_text(&review.theirs));
        table.row(row);
    }
    if table.is_empty() {
        let hidden = ledger.people.iter().filter(|p| p.archived).count();
        return Ok(if hidden > 0 {
            format!("No active colleagues ({hidden} archived; see --all).\n")
        } else if let Some(later) = added_later(ledger, store.ledger(), ctx.today, all) {
            later + "\n"
        } else {
            "No colleagues yet; add one with `trustladder person add NAME`.\n".to_string()
        });
    }
    let (text, left_out) = table.render_noting("");
    Ok(text + &left_out_note(&left_out, ctx.width()))
}
