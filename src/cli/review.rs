//! `trustladder review`: the ladder for one colleague or everyone, with every figure and the
//! rule that decided it.

use super::args::ReviewArgs;
use super::json::{self, ReviewJson, level_name};
use super::percent;
use super::table::{Align, Table};
use super::{CliError, Context};
use crate::core::ladder::{Review, Standing, review_all, review_person};
use crate::core::text::sanitize;
use crate::core::{Person, Settings};

/// Reviews the named colleague (archived ones too), or every active colleague.
pub fn run(a: &ReviewArgs, ctx: &Context) -> Result<String, CliError> {
    let store = ctx.read()?;
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
    let mut out = String::new();
    for (person, review) in &reviews {
        out.push_str(&person_text(person, review, settings));
        out.push('\n');
    }
    for line in textwrap::wrap(&legend(settings), 92) {
        out.push_str(&line);
        out.push('\n');
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
    out.push_str(&format!(
        "  Trust level: {}   trend {} ({})   {} open, {} overdue\n",
        level_name(r.theirs.trust_level),
        r.trend.arrow(),
        trend_word(r),
        r.open,
        r.overdue
    ));
    out.push_str(&standing_text(&r.theirs, settings, "  "));
    out.push_str(&format!(
        "  My credibility with them: {} (from the promises I made to them)\n",
        level_name(r.mine.trust_level)
    ));
    out.push_str(&standing_text(&r.mine, settings, "    "));
    out
}

fn trend_word(r: &Review) -> &'static str {
    match r.trend {
        crate::core::ladder::Trend::Up => "up since 30 days ago",
        crate::core::ladder::Trend::Flat => "same as 30 days ago",
        crate::core::ladder::Trend::Down => "down since 30 days ago",
    }
}

/// The rungs table, slipping and ready, the advice and the full explanation of one standing.
fn standing_text(s: &Standing, settings: &Settings, indent: &str) -> String {
    let mut table = Table::new(&[
        ("RUNG", Align::Left),
        ("RESOLVED", Align::Right),
        ("EVIDENCE", Align::Right),
        ("KEPT", Align::Right),
        ("RELIABILITY", Align::Right),
        ("HELD", Align::Left),
        ("OPEN", Align::Right),
    ]);
    for rung in &s.rungs {
        table.row(vec![
            rung.level.title().to_string(),
            rung.resolved.to_string(),
            format!("{:.2}", rung.evidence),
            format!("{:.2}", rung.kept),
            percent(rung.reliability),
            if rung.held { "yes" } else { "no" }.to_string(),
            s.open_at[rung.level.index()].to_string(),
        ]);
    }
    let mut out = table.render(indent);
    let ready = match s.trust_level.and_then(|l| l.up()) {
        Some(next) => format!("Ready for {}: {}", next.title(), yes_no(s.ready)),
        None if s.trust_level.is_some() => "Ready: top rung reached".to_string(),
        None => "Ready: no (no rung held yet)".to_string(),
    };
    out.push_str(&format!(
        "{indent}Slipping: {}   {ready}\n",
        yes_no(s.slipping)
    ));
    out.push_str(&format!("{indent}Advice: {}\n", s.advice(settings)));
    out.push_str(&format!("{indent}Why:\n"));
    for line in s.explain(settings) {
        out.push_str(&format!("{indent}  {line}\n"));
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// How every figure in the tables is computed, with this file's settings.
fn legend(s: &Settings) -> String {
    format!(
        "How the figures are made: each resolved promise weighs 0.5^(age in days / {hl}), so one \
         {hl} days old counts half. EVIDENCE is the sum of the weights; KEPT the weighted sum of \
         outcomes (kept 1, kept late {late}, broken 0; released and open promises do not count); \
         RELIABILITY is (kept + 1) / (evidence + 2), 50% with no evidence. A rung is HELD at \
         evidence ≥ {min:.1} and reliability ≥ {hold}, and only when every rung below is held. \
         The top rung is slipping when, in the last {win} days, at least {slip_n} promises there \
         were resolved with plain reliability below {slip}; it is ready for the next rung at \
         evidence ≥ {rev:.1} and reliability ≥ {rr}, not slipping and nothing open one rung up.",
        hl = s.half_life_days,
        late = s.kept_late_value,
        min = s.min_evidence,
        hold = percent(s.hold_threshold),
        win = s.slip_window_days,
        slip_n = s.slip_min_resolved,
        slip = percent(s.slip_threshold),
        rev = s.ready_evidence,
        rr = percent(s.ready_threshold),
    )
}
