//! `trustladder review`: the ladder for one colleague or everyone, with every figure and the
//! rule that decided it.

use std::fmt::Write as _;
use std::io::Write;

use super::args::ReviewArgs;
use super::json::{self, ReviewJson, level_name};
use super::table::{Align, Table};
use super::{CliError, Context, emit, emitted};
use crate::core::ladder::{Review, Standing, review_all, review_person, words};
use crate::core::parallel;
use crate::core::text::sanitize;
use crate::core::{Person, Settings};

/// Reviews the named colleague (archived ones too), or every active colleague.
pub fn run(a: &ReviewArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let store = ctx.show()?;
    let ledger = store.ledger();
    let settings = &ledger.settings;
    let reviews: Vec<(&Person, Review)> = match a.person.as_deref() {
        Some(query) => {
            let id = ledger.find_person(query)?;
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
            .map(|(p, r)| ReviewJson::new(p, r, settings))
            .collect();
        let text = match (a.person.is_some(), items.as_slice()) {
            (true, [one]) => json::to_text(one),
            _ => json::to_text(&items),
        }?;
        return emit(out, text.as_bytes());
    }
    if reviews.is_empty() {
        return emit(
            out,
            b"No colleagues to review; add one with `trustladder person add NAME`.\n",
        );
    }
    // Each colleague's text on its own, on several cores from fifty colleagues on: at a
    // hundred, two cores take 1.4 ms off `review`'s 8.7 (at ten thousand promises).
    let parts = parallel::map_parts(&reviews, 50, |_, part| {
        // About the size of a colleague's page each, so it is rarely grown.
        let mut text = String::with_capacity(part.len() * (3 << 10));
        for (person, review) in part {
            person_text(&mut text, person, review, settings);
            text.push('\n');
        }
        text
    });
    // Written part by part, not copied into one text first.
    let mut legend = String::from("How the figures are made:\n");
    for part in words::legend(settings) {
        let options = textwrap::Options::new(92)
            .initial_indent("- ")
            .subsequent_indent("  ");
        for line in textwrap::wrap(&part, options) {
            legend.push_str(&line);
            legend.push('\n');
        }
    }
    let written = parts
        .iter()
        .chain([&legend])
        .try_for_each(|text| out.write_all(text.as_bytes()));
    emitted(written.and_then(|()| out.flush()))
}

/// One colleague's page, added to `out`.
fn person_text(out: &mut String, person: &Person, r: &Review, settings: &Settings) {
    out.push_str(&sanitize(&person.name));
    let _ = write!(out, " ({})", sanitize(&person.handle));
    if !person.role.is_empty() {
        let _ = write!(out, ", {}", sanitize(&person.role));
    }
    if person.archived {
        out.push_str(" [archived]");
    }
    out.push('\n');
    let name = words::first_name(&person.name);
    let _ = writeln!(
        out,
        "  Trust level: {}   trend {} ({})   {} open, {} overdue",
        level_name(r.theirs.trust_level),
        r.theirs.trend.arrow(),
        words::trend_text(&r.theirs, settings),
        r.open,
        r.overdue
    );
    standing_text(out, &r.theirs, settings, &name, "  ");
    let _ = writeln!(
        out,
        "  My credibility with them: {}, level {} (from the promises I made to them)",
        words::plain_record(&r.mine.record()),
        level_name(r.mine.trust_level)
    );
    standing_text(out, &r.mine, settings, &name, "    ");
}

/// The rungs table, slipping and ready, the advice, the notes and the full explanation of
/// one standing, added to `out`.
fn standing_text(out: &mut String, s: &Standing, settings: &Settings, name: &str, indent: &str) {
    let mut table = Table::new(&[
        ("RUNG", Align::Left),
        ("KEPT", Align::Left),
        ("SCORE", Align::Right),
        ("EVIDENCE", Align::Right),
        ("HELD", Align::Left),
        ("OPEN", Align::Right),
    ]);
    for rung in &s.rungs {
        table.row([
            rung.level.title(),
            &words::rung_record(rung),
            &words::score(rung, settings.hold_threshold),
            &words::evidence(rung),
            yes_no(rung.held),
            &s.open_at[rung.level.index()].to_string(),
        ]);
    }
    out.push_str(&table.render(indent));
    let _ = write!(out, "{indent}Failing: ");
    if s.slipping_rungs.is_empty() {
        out.push_str("no");
    } else {
        let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
        let _ = write!(out, "at {}", rungs.join(" and "));
    }
    let _ = match (&s.ready_check, s.trust_level) {
        (Some(check), _) => writeln!(
            out,
            "   Ready for {}: {}",
            check.next.title(),
            yes_no(s.ready)
        ),
        (None, Some(_)) => writeln!(out, "   Ready: top rung reached"),
        (None, None) => writeln!(out, "   Ready: no (no rung held yet)"),
    };
    let _ = writeln!(out, "{indent}Advice: {}", words::advice(s, name, settings));
    if !s.notes.is_empty() {
        let _ = writeln!(out, "{indent}Notes: {}", words::notes_text(s));
    }
    let _ = writeln!(out, "{indent}Why:");
    for line in words::explain(s, settings) {
        let _ = writeln!(out, "{indent}  {line}");
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
