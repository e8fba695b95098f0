//! `trustladder review`: the ladder for one colleague or everyone, with every figure and the
//! rule that decided it.

use std::fmt::Write as _;
use std::io::Write;

use super::args::ReviewArgs;
use super::json::{self, ReviewJson, level_name};
use super::table::{self, Align, Table};
use super::{CliError, Context, emit, emitted};
use crate::core::ladder::words::{self, Shown};
use crate::core::ladder::{Review, Standing, review_all, review_person};
use crate::core::ledger::Among;
use crate::core::parallel;
use crate::core::text::{columns, fit_keeping_number, sanitize};
use crate::core::{Ledger, Person, Settings};

/// Reviews the named colleague (archived ones too), or every active colleague.
pub fn run(a: &ReviewArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let store = ctx.show()?;
    // As it stood on the day shown: `--today` on a past day sees that day's ledger.
    let ledger = ctx.shown(store.ledger());
    let ledger = &*ledger;
    let settings = &ledger.settings;
    let names = words::FirstNames::of(&ledger.people);
    let reviews: Vec<(&Person, Review)> = match a.person.as_deref() {
        Some(query) => {
            let id = ctx.find_shown(ledger, store.ledger(), query)?;
            ledger
                .person(id)
                .map(|p| (p, review_person(ledger, id, ctx.today)))
                .into_iter()
                .collect()
        }
        None => ledger
            .people
            .iter()
            .zip(review_all(ledger, ctx.today))
            .filter(|(p, _)| !p.archived)
            .collect(),
    };
    if a.json {
        let items: Vec<ReviewJson> = reviews
            .iter()
            .map(|(p, r)| ReviewJson::new(p, r, ledger, names.called(p)))
            .collect();
        let text = match (a.person.is_some(), items.as_slice()) {
            (true, [one]) => json::to_text(one),
            _ => json::to_text(&items),
        }?;
        return emit(out, text.as_bytes());
    }
    if reviews.is_empty() {
        let archived = ledger.people.iter().filter(|p| p.archived).count();
        let none = match super::people::added_later(ledger, store.ledger(), ctx.today, false) {
            Some(later) => later + "\n",
            // Told to add one, a user would add someone who is here, archived.
            None if archived > 0 => format!(
                "No active colleagues to review ({archived} archived; `trustladder review PERSON` reviews one of them).\n"
            ),
            None => "No colleagues to review; add one with `trustladder person add NAME`.\n".into(),
        };
        return emit(out, none.as_bytes());
    }
    let width = ctx.width();
    // Each colleague's text on its own, on several cores from fifty colleagues on: at a
    // hundred, two cores take 1.4 ms off `review`'s 8.7 (at ten thousand promises).
    let parts = parallel::map_parts(&reviews, 50, |_, part| {
        // A little over a colleague's page each (3.2 KB at a hundred promises), so it is
        // rarely grown: pages it does not fill are never touched.
        let mut text = String::with_capacity(part.len() * (4 << 10));
        let mut gone = Vec::new();
        for (person, review) in part {
            let left_out = person_text(
                &mut text,
                ledger,
                person,
                &names.called(person),
                review,
                width,
            );
            for header in left_out {
                if !gone.contains(&header) {
                    gone.push(header);
                }
            }
            text.push('\n');
        }
        (text, gone)
    });
    // Written part by part, not copied into one text first.
    let mut legend = String::new();
    let narrower = Some(width.map_or(LEGEND, |w| w.min(LEGEND)));
    table::prose(&mut legend, "", "", "How the figures are made:", narrower);
    for part in words::legend(settings) {
        table::prose(&mut legend, "- ", "  ", &part, narrower);
    }
    // The columns a narrow terminal left out of any page's tables, named once at the end, as
    // `agenda` and `list` name theirs.
    let gone: Vec<&str> = RUNG_COLUMNS
        .iter()
        .map(|(header, _)| *header)
        .filter(|header| {
            parts
                .iter()
                .any(|(_, gone)| gone.iter().any(|g| g == header))
        })
        .collect();
    let note = table::left_out_note(&gone, width);
    let written = (parts.iter().map(|(text, _)| text))
        .chain([&legend, &note])
        .try_for_each(|text| out.write_all(text.as_bytes()));
    emitted(written.and_then(|()| out.flush()))
}

/// The width the legend is wrapped to, narrower on a narrower terminal.
const LEGEND: usize = 92;

/// A line of prose, `first` then `text`, added to `out`: whole, or on a terminal `width`
/// columns wide wrapped to it, the lines after the first indented two more than `indent`.
fn prose(out: &mut String, indent: &str, first: &str, text: &str, width: Option<usize>) {
    // Unwrapped, as when written to a pipe, the line is its parts: `review` writes thousands.
    if width.is_none() {
        for part in [indent, first, text, "\n"] {
            out.push_str(part);
        }
        return;
    }
    let rest = format!("{indent}  ");
    table::prose(out, &format!("{indent}{first}"), &rest, text, width);
}

/// `text` (a name, a role, a handle with `extra` columns of brackets and comma around it) as
/// a page's heading shows it: whole, or on a terminal `width` columns wide, each word of it
/// that does not fit a line (indented two columns) cut with `…`, as `person list` cuts a
/// handle, which has no space to wrap at and ran past the edge (so did a name's long word,
/// `Konstantinopoulou-Papadimitriou` at 30 columns); what is left of a handle is the start
/// of the handle commands take, and the number it ends in (`-2`, someone else having the
/// name) after the `…`, as the UI keeps it.
fn in_heading(text: &str, extra: usize, width: Option<usize>) -> String {
    let text = sanitize(text);
    let Some(room) = width.map(|width| width.saturating_sub(2 + extra).max(table::MIN_CUT)) else {
        return text;
    };
    text.split(' ')
        .map(|word| {
            if columns(word) > room {
                fit_keeping_number(word, room)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns of a standing's table of rungs.
const RUNG_COLUMNS: [(&str, Align); 6] = [
    ("RUNG", Align::Left),
    ("KEPT", Align::Left),
    ("SCORE", Align::Right),
    ("EVIDENCE", Align::Right),
    ("HELD", Align::Left),
    ("OPEN", Align::Right),
];

/// A standing's table of rungs, fitted to a terminal `width` wide when there is one: KEPT
/// wraps, and where the columns still do not fit, EVIDENCE and then HELD are left out, which
/// the reasons under the table (Why) give for every rung too; where even that is too wide
/// (my side's table, further in, at 30 columns), the rung's name is cut with `…`, the
/// reasons naming it whole.
/// Its rungs' figures are those `shown` keeps, which the reasons under the table quote again.
fn rungs_table(
    s: &Standing,
    shown: &[Shown; 3],
    settings: &Settings,
    width: Option<usize>,
) -> Table {
    let mut table = Table::new(&RUNG_COLUMNS)
        .fit_to(width)
        .wrapping("KEPT")
        .may_leave_out(&[], &["EVIDENCE", "HELD"])
        .may_cut(&["RUNG"]);
    let mut open = itoa::Buffer::new();
    for (rung, shown) in s.rungs.iter().zip(shown) {
        table.row([
            rung.level.title(),
            shown.record(),
            &words::score(rung, settings),
            shown.evidence(),
            yes_no(rung.held),
            open.format(s.open_at[rung.level.index()]),
        ]);
    }
    table
}

/// One colleague's page in `ledger`, added to `out`, its prose wrapped to `width` when there
/// is one.
/// Returns the headers of the columns its tables left out to fit the terminal, the same in
/// both.
fn person_text(
    out: &mut String,
    ledger: &Ledger,
    person: &Person,
    name: &str,
    r: &Review,
    width: Option<usize>,
) -> Vec<String> {
    let settings = &ledger.settings;
    let theirs = Shown::each(&r.theirs, settings);
    let mine = Shown::each(&r.mine, settings);
    // Both tables show the same columns: those either must leave out, both leave out (the
    // one further in may need to leave out more).
    let mut tables = [
        rungs_table(&r.theirs, &theirs, settings, width),
        rungs_table(&r.mine, &mine, settings, width),
    ];
    let (shown, gone) = loop {
        let shown = [
            tables[0].render_noting("  "),
            tables[1].render_noting("    "),
        ];
        let gone: Vec<String> = RUNG_COLUMNS
            .iter()
            .map(|(header, _)| *header)
            .filter(|header| shown.iter().any(|(_, gone)| gone.contains(header)))
            .map(str::to_string)
            .collect();
        if shown.iter().all(|(_, left_out)| *left_out == gone) {
            break (shown.map(|(text, _)| text), gone);
        }
        tables = tables.map(|table| table.without(&gone));
    };
    let [theirs_table, mine_table] = shown;
    // The handle between brackets, a comma after it: three columns more.
    let mut heading = format!(
        "{} ({})",
        in_heading(&person.name, 0, width),
        in_heading(&person.handle, 3, width)
    );
    if !person.role.is_empty() {
        let _ = write!(heading, ", {}", in_heading(&person.role, 0, width));
    }
    if person.archived {
        heading.push_str(" [archived]");
    }
    prose(out, "", "", &heading, width);
    let level = format!(
        "{}   trend {} ({})   {} open, {} overdue",
        level_name(r.theirs.trust_level),
        r.theirs.trend.arrow(),
        words::trend_text(&r.theirs, settings),
        r.open,
        r.overdue
    );
    prose(out, "  ", "Trust level: ", &level, width);
    // Someone archived gets no advice to act on, on either side: only how they come back.
    let archived = person.archived.then(|| {
        words::archived_advice(Some(&format!(
            "`trustladder person restore {}`",
            ledger.typed_as(person, Among::Archived)
        )))
    });
    standing_text(
        out,
        &r.theirs,
        &theirs,
        &theirs_table,
        settings,
        name,
        archived.as_deref(),
        "  ",
        width,
    );
    let my_word = format!(
        "{}, from the promises I made to them",
        words::my_word(&r.mine)
    );
    prose(out, "  ", "My credibility with them: ", &my_word, width);
    standing_text(
        out,
        &r.mine,
        &mine,
        &mine_table,
        settings,
        name,
        archived.as_deref(),
        "    ",
        width,
    );
    gone
}

/// The rungs table (`table`, as rendered), slipping and ready, the advice (`advice` in its
/// place, when given), the notes and the full explanation of one standing (its rungs as
/// `shown` has them), added to `out`, the prose wrapped to `width` when there is one.
#[allow(clippy::too_many_arguments)]
fn standing_text(
    out: &mut String,
    s: &Standing,
    shown: &[Shown; 3],
    table: &str,
    settings: &Settings,
    name: &str,
    advice: Option<&str>,
    indent: &str,
    width: Option<usize>,
) {
    out.push_str(table);
    let mut verdicts = String::new();
    if s.slipping_rungs.is_empty() {
        verdicts.push_str("no");
    } else {
        let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
        let _ = write!(verdicts, "at {}", rungs.join(" and "));
    }
    let _ = match (&s.ready_check, s.trust_level) {
        // Someone archived is promised nothing new until restored, as the advice says.
        (Some(check), _) if s.ready && advice.is_some() => write!(
            verdicts,
            "   Ready for {}: yes, once restored",
            check.next.title()
        ),
        (Some(check), _) => write!(
            verdicts,
            "   Ready for {}: {}",
            check.next.title(),
            yes_no(s.ready)
        ),
        (None, Some(_)) => write!(verdicts, "   Ready: top rung reached"),
        (None, None) => write!(verdicts, "   Ready: no (no rung held yet)"),
    };
    prose(out, indent, "Failing: ", &verdicts, width);
    let advice = advice.map_or_else(|| words::advice_sentence(s, name, settings), str::to_string);
    prose(out, indent, "Advice: ", &advice, width);
    if !s.notes.is_empty() {
        prose(out, indent, "Notes: ", &words::notes_text(s), width);
    }
    let _ = writeln!(out, "{indent}Why:");
    let why = format!("{indent}  ");
    words::explain_each(s, shown, |line| prose(out, &why, "", line, width));
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    /// Every colleague's page of the demo team, with its prose wrapped to `width` or whole.
    fn pages(width: Option<usize>) -> String {
        let today = parse_iso("2026-11-24").unwrap();
        let ledger = crate::core::demo::generate(today);
        let mut out = String::new();
        for (person, review) in ledger.people.iter().zip(review_all(&ledger, today)) {
            let name = words::FirstNames::of(&ledger.people).called(person);
            person_text(&mut out, &ledger, person, &name, &review, width);
        }
        out
    }

    /// On a terminal of 40 columns, a rungs table with every column took 45 (47 for my
    /// credibility's, further in), so the terminal broke each of its lines in two; EVIDENCE,
    /// which the reasons give too, is now left out of both tables of every page, and said.
    #[test]
    fn on_a_narrow_terminal_the_rungs_tables_leave_out_evidence() {
        let today = parse_iso("2026-11-24").unwrap();
        let ledger = crate::core::demo::generate(today);
        let names = words::FirstNames::of(&ledger.people);
        for (person, review) in ledger.people.iter().zip(review_all(&ledger, today)) {
            let name = names.called(person);
            let page = |width| {
                let mut out = String::new();
                let gone = person_text(&mut out, &ledger, person, &name, &review, width);
                (out, gone)
            };
            let (narrow, gone) = page(Some(40));
            assert_eq!(gone, ["EVIDENCE"], "{narrow}");
            let headers: Vec<&str> = (narrow.lines())
                .filter(|l| l.trim_start().starts_with("RUNG"))
                .collect();
            assert_eq!(
                headers,
                [
                    "  RUNG            SCORE  HELD  OPEN",
                    "    RUNG            SCORE  HELD  OPEN"
                ],
                "{narrow}"
            );
            for line in narrow.lines() {
                assert!(columns(line) <= 40, "{line:?} is {} columns", columns(line));
            }
            // Where the columns fit, or to a pipe, none is left out.
            for width in [Some(80), None] {
                let (whole, gone) = page(width);
                assert!(gone.is_empty(), "{whole}");
                assert_eq!(whole.matches("EVIDENCE  HELD  OPEN").count(), 2, "{whole}");
            }
        }
    }

    /// At 30 columns my credibility's rungs table, two columns further in than theirs, took
    /// 31 with EVIDENCE and HELD left out: the name of a rung (`ongoing impact`) is now cut
    /// with `…` as far as it must be, there alone, and the reasons under it name it whole.
    #[test]
    fn at_thirty_columns_my_rungs_table_cuts_a_rung_name_to_fit() {
        let today = parse_iso("2026-11-24").unwrap();
        let ledger = crate::core::demo::generate(today);
        let names = words::FirstNames::of(&ledger.people);
        for (person, review) in ledger.people.iter().zip(review_all(&ledger, today)) {
            let mut page = String::new();
            let name = names.called(person);
            let gone = person_text(&mut page, &ledger, person, &name, &review, Some(30));
            assert_eq!(gone, ["EVIDENCE", "HELD"], "{page}");
            for line in page.lines() {
                assert!(
                    columns(line) <= 30,
                    "{line:?} is {} columns\n{page}",
                    columns(line)
                );
            }
            assert!(page.contains("\n  ongoing impact  "), "{page}");
            assert!(page.contains("\n    ongoing impa…  "), "{page}");
            assert!(
                page.contains("\n    RUNG           SCORE  OPEN\n"),
                "{page}"
            );
        }
    }

    /// At 28 columns `My credibility with them: ` took the whole line, so the first word
    /// after it ran one column past the edge: the label now stands on its own line where
    /// it leaves no room for a word, what it introduces going on under it.
    #[test]
    fn at_twenty_eight_columns_my_credibility_fits() {
        for width in [27, 28, 29, 30] {
            let page = pages(Some(width));
            for line in page.lines() {
                assert!(
                    columns(line) <= width,
                    "{line:?} is {} columns\n{page}",
                    columns(line)
                );
            }
        }
        let page = pages(Some(28));
        assert!(
            page.contains("\n  My credibility with them:\n    "),
            "{page}"
        );
        // Where there is room, the record begins on the label's line.
        assert!(
            pages(Some(40)).contains("\n  My credibility with them: "),
            "the label keeps its line's words"
        );
    }

    /// A handle wider than the terminal (it has no space to wrap at), or a word of a name or
    /// a role, ran the page's heading past the edge; each is cut with `…` where it does not
    /// fit, as `person list` cuts a handle, and shown whole where it fits or the page is not
    /// for a terminal.
    #[test]
    fn a_handle_wider_than_the_terminal_is_cut_in_the_heading() {
        let today = parse_iso("2026-11-24").unwrap();
        let mut ledger = crate::core::demo::generate(today);
        let long = "alexandrina-konstantinopoulou-papadimitriou";
        ledger.people[0].handle = long.to_string();
        ledger.people[0].name = "Alexandrina Konstantinopoulou-Papadimitriou".to_string();
        ledger.people[0].role = "Backend-and-platform-infrastructure-lead".to_string();
        let person = &ledger.people[0];
        let review = review_person(&ledger, person.id, today);
        let name = words::FirstNames::of(&ledger.people).called(person);
        let page = |width| {
            let mut out = String::new();
            person_text(&mut out, &ledger, person, &name, &review, width);
            out
        };
        for width in [30, 40] {
            let shown = page(Some(width));
            for line in shown.lines() {
                assert!(columns(line) <= width, "{width}: {line:?}\n{shown}");
            }
        }
        assert!(
            page(Some(40)).contains("\n  (alexandrina-konstantinopoulou-papa…),"),
            "{}",
            page(Some(40))
        );
        assert!(
            page(Some(30)).contains("\n  Konstantinopoulou-Papadimit…\n"),
            "{}",
            page(Some(30))
        );
        for width in [Some(60), None] {
            assert!(page(width).contains(&format!("({long}),")), "{width:?}");
        }
        assert!(page(None).starts_with(
            "Alexandrina Konstantinopoulou-Papadimitriou (alexandrina-konstantinopoulou-\
             papadimitriou), Backend-and-platform-infrastructure-lead\n"
        ));
    }

    #[test]
    fn on_a_terminal_every_line_fits_its_width() {
        let whole = pages(None);
        let wrapped = pages(Some(60));
        assert!(
            whole.lines().any(|l| columns(l) > 60 && l.contains("KEPT")),
            "the demo team has tables to fit"
        );
        assert!(
            whole
                .lines()
                .any(|l| columns(l) > 60 && l.contains("Level ")),
            "the demo team has long prose to wrap"
        );
        // The same words, only placed differently (a record's rest comes after its figures, or
        // the whole record under its row, without the KEPT header).
        let words = |text: &str| {
            let mut words: Vec<String> = (text.split_whitespace())
                .filter(|w| *w != "KEPT")
                .map(str::to_string)
                .collect();
            words.sort();
            words
        };
        assert!(words(&wrapped) == words(&whole), "{wrapped}");
        for line in wrapped.lines() {
            assert!(columns(line) <= 60, "{line:?} is {} columns", columns(line));
        }
        // A rung's record goes on under its column, the figures after it on its first line; or
        // it goes under its row, from where its column began.
        let lines: Vec<&str> = wrapped.lines().collect();
        let mut records_continued = 0;
        let mut table_lines = Vec::new();
        let headers = lines.iter().enumerate();
        for (i, header) in headers.filter(|(_, l)| l.trim_start().starts_with("RUNG")) {
            table_lines.push(*header);
            let after_rung = header.find("RUNG").unwrap_or_default() + "RUNG".len();
            let column = header.len() - header[after_rung..].trim_start().len();
            for line in lines[i + 1..]
                .iter()
                .take_while(|l| !l.contains("Failing:"))
            {
                table_lines.push(*line);
                let indent = line.len() - line.trim_start().len();
                if indent == column {
                    records_continued += 1;
                } else {
                    assert!(line.contains('%') || line.contains('–'), "{line:?}");
                }
            }
        }
        assert!(records_continued > 0, "{wrapped}");
        // A line of prose that a wrap began goes on two columns further in than the prose it
        // continues: at least four, under the two of a page's first level.
        let whole_lines: Vec<&str> = whole.lines().collect();
        let continued: Vec<&str> = wrapped
            .lines()
            .filter(|l| !whole_lines.contains(l) && !table_lines.contains(l))
            .filter(|l| !whole_lines.iter().any(|w| w.starts_with(*l)))
            .collect();
        assert!(!continued.is_empty());
        for line in continued {
            assert!(line.starts_with("    "), "{line:?}");
        }
    }
}
