//! `trustladder review`: the ladder for one colleague or everyone, with every figure and the
//! rule that decided it.

use super::args::ReviewArgs;
use super::json::{self, ReviewJson, level_name};
use super::table::{Align, Table};
use super::{CliError, Context};
use crate::core::ladder::{Review, Standing, review_all, review_person, words};
use crate::core::parallel;
use crate::core::text::sanitize;
use crate::core::{Person, Settings};

/// Reviews the named colleague (archived ones too), or every active colleague.
pub fn run(a: &ReviewArgs, ctx: &Context) -> Result<String, CliError> {
    let mut store = ctx.read()?;
    // The file's bytes are not needed to show it: their memory is better spent on the text.
    store.release_bytes();
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
        return match (a.person.is_some(), items.as_slice()) {
            (true, [one]) => json::to_text(one),
            _ => json::to_text(&items),
        };
    }
    if reviews.is_empty() {
        return Ok("No colleagues to review; add one with `trustladder person add NAME`.\n".into());
    }
    // Each colleague's text on its own, on several cores when there are many.
    let parts = parallel::map_parts(&reviews, 200, |_, part| {
        let mut text = String::new();
        for (person, review) in part {
            text.push_str(&person_text(person, review, settings));
            text.push('\n');
        }
        text
    });
    let mut out = parts.concat();
    out.push_str("How the figures are made:\n");
    for part in words::legend(settings) {
        let options = textwrap::Options::new(92)
            .initial_indent("- ")
            .subsequent_indent("  ");
        for line in textwrap::wrap(&part, options) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out)
}

fn person_text(person: &Person, r: &Review, settings: &Settings) -> String {
    let mut out = sanitize(&person.name);
    out.push_str(&format!(" ({})", sanitize(&person.handle)));
    if !person.role.is_empty() {
        out.push_str(&format!(", {}", sanitize(&person.role)));
    }
    if person.archived {
        out.push_str(" [archived]");
    }
    out.push('\n');
    let name = words::first_name(&person.name);
    out.push_str(&format!(
        "  Trust level: {}   trend {} ({})   {} open, {} overdue\n",
        level_name(r.theirs.trust_level),
        r.theirs.trend.arrow(),
        words::trend_text(&r.theirs, settings),
        r.open,
        r.overdue
    ));
    out.push_str(&standing_text(&r.theirs, settings, &name, "  "));
    out.push_str(&format!(
        "  My credibility with them: {}, level {} (from the promises I made to them)\n",
        words::plain_record(&r.mine.record()),
        level_name(r.mine.trust_level)
    ));
    out.push_str(&standing_text(&r.mine, settings, &name, "    "));
    out
}

/// The rungs table, slipping and ready, the advice, the notes and the full explanation of
/// one standing.
fn standing_text(s: &Standing, settings: &Settings, name: &str, indent: &str) -> String {
    let mut table = Table::new(&[
        ("RUNG", Align::Left),
        ("KEPT", Align::Left),
        ("SCORE", Align::Right),
        ("EVIDENCE", Align::Right),
        ("HELD", Align::Left),
        ("OPEN", Align::Right),
    ]);
    for rung in &s.rungs {
        table.row(vec![
            rung.level.title().to_string(),
            words::rung_record(rung),
            words::score(rung),
            words::evidence(rung),
            if rung.held { "yes" } else { "no" }.to_string(),
            s.open_at[rung.level.index()].to_string(),
        ]);
    }
    let mut out = table.render(indent);
    let slipping = if s.slipping_rungs.is_empty() {
        "no".to_string()
    } else {
        let rungs: Vec<&str> = s.slipping_rungs.iter().map(|l| l.title()).collect();
        format!("at {}", rungs.join(" and "))
    };
    let ready = match (&s.ready_check, s.trust_level) {
        (Some(check), _) => format!("Ready for {}: {}", check.next.title(), yes_no(s.ready)),
        (None, Some(_)) => "Ready: top rung reached".to_string(),
        (None, None) => "Ready: no (no rung held yet)".to_string(),
    };
    out.push_str(&format!("{indent}Slipping: {slipping}   {ready}\n"));
    let advice = words::advice(s, name, settings);
    out.push_str(&format!("{indent}Advice: {advice}\n"));
    if !s.notes.is_empty() {
        out.push_str(&format!("{indent}Notes: {}\n", words::notes_text(s)));
    }
    out.push_str(&format!("{indent}Why:\n"));
    for line in words::explain(s, settings) {
        out.push_str(&format!("{indent}  {line}\n"));
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
