//! Realistic colleague histories, each with the verdict a thoughtful manager would reach,
//! written down before running the rules, and a comment saying why. These are the cases
//! version 1 of the rules got wrong; version 2 must read them as a manager would.

use super::tests::{P, TODAY, d, record};
use super::*;
use crate::core::model::{Direction, Level, Status};
use crate::core::settings::Settings;

use Direction::{Mine, Theirs};
use Level::{Impact, Result as Res, Task};
use Status::{Broken, Kept, KeptLate, Open, Released};

/// `count` promises at `level` with `status`, the newest `newest` days ago and one every
/// `every` days before it.
fn every(
    direction: Direction,
    level: Level,
    status: Status,
    count: usize,
    newest: i64,
    every: i64,
) -> Vec<P> {
    (0..count as i64)
        .map(|i| P {
            direction,
            level,
            status,
            ago: newest + i * every,
        })
        .collect()
}

/// What a manager concludes about one direction of a colleague's record.
struct Verdict {
    level: Option<Level>,
    slipping: &'static [Level],
    ready_for: Option<Level>,
    /// The kinds of the notes, in their order.
    notes: &'static [&'static str],
    trend: Trend,
    /// The advice, word for word, as `review` and the person view show it.
    advice: &'static str,
}

struct History {
    name: &'static str,
    direction: Direction,
    record: Vec<P>,
    /// Text of promises to rename, by their position in `record`.
    what: &'static [(usize, &'static str)],
    verdict: Verdict,
}

fn histories() -> Vec<History> {
    vec![
        // Steady: a task a week for a year, all kept but two long ago, and a result kept
        // every quarter. A manager trusts her with results and would like a longer run of
        // them before handing over a standing responsibility; nothing to worry about.
        History {
            name: "steady",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 50, 3, 7),
                every(Theirs, Task, Broken, 2, 200, 50),
                every(Theirs, Res, Kept, 4, 30, 90),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Res),
                slipping: &[],
                ready_for: None,
                notes: &[],
                trend: Trend::Flat,
                advice: "Holding results: more kept results build the record toward ongoing \
                         impact.",
            },
        },
        // Rising: joined eight months ago, every task kept, and the first three results,
        // all kept, in the last quarter. A manager sees someone newly trusted with results:
        // up, and not yet asked for more than the next few results.
        History {
            name: "rising",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 16, 5, 15),
                every(Theirs, Res, Kept, 3, 10, 30),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Res),
                slipping: &[],
                ready_for: None,
                notes: &[],
                trend: Trend::Up,
                advice: "Holding results: more kept results build the record toward ongoing \
                         impact.",
            },
        },
        // A recent slipper at results: thirty kept tasks and six kept results, then three
        // results broken in two months. A manager stops handing out results, looks at how
        // the tasks are going, and certainly does not call this "ready for results".
        History {
            name: "slipping at results",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 30, 4, 7),
                every(Theirs, Res, Kept, 6, 100, 50),
                every(Theirs, Res, Broken, 3, 8, 25),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[Res],
                ready_for: None,
                notes: &[],
                trend: Trend::Down,
                advice: "Results failing: 0 of the last 3 kept since 27 Sep. Look at how their \
                         tasks are delivered; hold off new results.",
            },
        },
        // A slipper at tasks: fifteen tasks kept through the spring, then three of the last
        // four broken. Still holding tasks on the whole record, but a manager talks to them
        // now and gives smaller, clearer tasks.
        History {
            name: "slipping at tasks",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 15, 100, 7),
                every(Theirs, Task, Kept, 1, 50, 1),
                every(Theirs, Task, Broken, 3, 5, 12),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[Task],
                ready_for: None,
                notes: &[],
                trend: Trend::Down,
                advice: "Tasks failing: 1 of the last 4 kept since 5 Oct. Talk now; give \
                         smaller, clearer tasks.",
            },
        },
        // A late deliverer: 22 of 22 tasks delivered over five months, every one late. They
        // do deliver, so tasks are held (and have been for months: flat); a manager wants
        // deliveries on time before trusting them with a result, and the late note says why.
        History {
            name: "late deliverer",
            direction: Theirs,
            record: every(Theirs, Task, KeptLate, 22, 2, 7),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[],
                ready_for: None,
                notes: &["late"],
                trend: Trend::Flat,
                advice: "Holding tasks; for results the last 3 must be kept, 2 on time.",
            },
        },
        // A renegotiator: of sixteen promises this year, ten were released by agreement.
        // What they do deliver, they deliver, so tasks are held; a manager asks for fewer,
        // firmer promises before anything bigger.
        History {
            name: "renegotiator",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 6, 10, 20),
                every(Theirs, Task, Released, 10, 5, 30),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[],
                ready_for: None,
                notes: &["renegotiates"],
                trend: Trend::Up,
                advice: "Holding tasks; 10 of 16 released lately: ask for fewer, firmer \
                         promises.",
            },
        },
        // Quiet for months: eight tasks kept, the last one eight months ago. The tasks rung
        // was held three months ago and has faded with age since, which is not a fall (the
        // trend stays flat); a manager starts again small and knows why.
        History {
            name: "quiet",
            direction: Theirs,
            record: every(Theirs, Task, Kept, 8, 245, 14),
            what: &[],
            verdict: Verdict {
                level: None,
                slipping: &[],
                ready_for: None,
                notes: &["quiet"],
                trend: Trend::Flat,
                advice: "Quiet since 24 Mar: their record has faded; start again with small \
                         tasks.",
            },
        },
        // A senior with only impact promises: five standing responsibilities taken on over
        // sixteen months, all kept. Keeping them shows they deliver results and tasks too; a
        // manager trusts them with ongoing impact and does not send them back to small tasks.
        History {
            name: "senior with only impact",
            direction: Theirs,
            record: every(Theirs, Impact, Kept, 5, 20, 120),
            what: &[],
            verdict: Verdict {
                level: Some(Impact),
                slipping: &[],
                ready_for: None,
                notes: &[],
                trend: Trend::Flat,
                advice: "Trusted with ongoing impact: keep them there.",
            },
        },
        // One failure after a long record: a year of kept tasks and results, and one task
        // missed last week. A manager shrugs: one miss does not undo a year, and they are
        // still the person to offer a standing responsibility to.
        History {
            name: "one failure after a long record",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 40, 10, 9),
                every(Theirs, Res, Kept, 6, 15, 55),
                every(Theirs, Task, Broken, 1, 6, 1),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Res),
                slipping: &[],
                ready_for: Some(Impact),
                notes: &[],
                trend: Trend::Flat,
                advice: "Ready for ongoing impact: entrust them with a continuing \
                         responsibility with its own targets.",
            },
        },
        // Tried at results and failed, half a year ago: solid tasks since, but one of four
        // results kept. Not slipping now (the breaks are old), yet a manager would not hand
        // them another result without saying why, and the tried note does.
        History {
            name: "tried at results",
            direction: Theirs,
            record: [
                every(Theirs, Task, Kept, 20, 3, 8),
                every(Theirs, Res, Kept, 1, 200, 1),
                every(Theirs, Res, Broken, 3, 120, 30),
            ]
            .concat(),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[],
                ready_for: None,
                notes: &["tried"],
                trend: Trend::Flat,
                advice: "Holding tasks; tried at results: 1 of 4 kept.",
            },
        },
        // A colleague I keep letting down: my early promises kept, my last three broken and
        // the budget sign-off 8 days overdue. My word to them is failing, and the first thing
        // to do is keep that overdue promise.
        History {
            name: "a colleague I keep letting down",
            direction: Mine,
            record: [
                every(Mine, Task, Kept, 4, 150, 20),
                every(Mine, Task, Broken, 3, 20, 15),
                every(Mine, Task, Open, 1, 8, 1),
                every(Theirs, Task, Kept, 6, 5, 10),
            ]
            .concat(),
            what: &[(7, "the budget sign-off")],
            verdict: Verdict {
                level: None,
                slipping: &[Task],
                ready_for: None,
                notes: &["overdue"],
                trend: Trend::Down,
                advice: "your word to Leo is failing: 0 of the last 4 kept since 5 Oct, 1 of \
                         them still open and long overdue; keep your next promise to Leo: \"the \
                         budget sign-off\" is 8 days overdue",
            },
        },
        // My word kept: seven of seven promises to them kept over the year. Trusted at
        // tasks, and what I have said I did; my side reads as my plain record.
        History {
            name: "my word kept",
            direction: Mine,
            record: every(Mine, Task, Kept, 7, 12, 40),
            what: &[],
            verdict: Verdict {
                level: Some(Task),
                slipping: &[],
                ready_for: None,
                notes: &[],
                trend: Trend::Flat,
                advice: "your word holds at tasks",
            },
        },
        // A stranger: nothing resolved yet. Start with small tasks.
        History {
            name: "new colleague",
            direction: Theirs,
            record: every(Theirs, Task, Open, 2, -5, 3),
            what: &[],
            verdict: Verdict {
                level: None,
                slipping: &[],
                ready_for: None,
                notes: &[],
                trend: Trend::Flat,
                advice: "Building: entrust them with small tasks and log how they go.",
            },
        },
    ]
}

#[test]
fn histories_read_as_a_manager_would_conclude() {
    let settings = Settings::default();
    let mut failures = Vec::new();
    for h in histories() {
        let mut promises = record(&h.record);
        for &(i, what) in h.what {
            promises[i].what = what.to_string();
        }
        let s = standing(&promises, h.direction, &settings, d(TODAY));
        let v = &h.verdict;
        let notes: Vec<&str> = s.notes.iter().map(Note::kind).collect();
        let advice = words::advice(&s, "Leo", &settings);
        let got = (
            s.trust_level,
            s.slipping_rungs.as_slice(),
            s.ready_for,
            notes.as_slice(),
            s.trend,
            advice.as_str(),
        );
        let want = (v.level, v.slipping, v.ready_for, v.notes, v.trend, v.advice);
        if got != want {
            failures.push(format!(
                "{}:\n  got  {got:?}\n  want {want:?}\n  {:#?}",
                h.name,
                words::explain(&s, &settings)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
