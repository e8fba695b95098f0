//! A sample team for `trustladder --demo`: a dozen colleagues with a year of promises both
//! ways, chosen so that every rung of the ladder, a slipping record, a ready one and every
//! kind of note all show up on the first screen.
//!
//! The data is a pure function of `today` (a tiny fixed generator spreads the dates), so the
//! demo looks the same on every run and the tests can score it.

use chrono::{Days, NaiveDate};

use super::change::{Moment, NewPromise, Target};
use super::ledger::Ledger;
use super::model::{Direction, Level, PersonId, Status};

/// The seed of the sample team's uids, so the same day gives the same file.
const SEED: &str = "trustladder demo team";

/// A fixed linear congruential generator: enough to spread dates, and identical everywhere.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A batch of resolved promises: `count` at `level`, with `status`, resolved between
/// `oldest` and `newest` days ago.
struct Batch {
    direction: Direction,
    level: Level,
    status: Status,
    count: u64,
    oldest: u64,
    newest: u64,
}

const fn theirs(level: Level, status: Status, count: u64, oldest: u64, newest: u64) -> Batch {
    Batch {
        direction: Direction::Theirs,
        level,
        status,
        count,
        oldest,
        newest,
    }
}

const fn mine(level: Level, status: Status, count: u64, oldest: u64, newest: u64) -> Batch {
    Batch {
        direction: Direction::Mine,
        level,
        status,
        count,
        oldest,
        newest,
    }
}

/// An open promise: direction, rung, and due in this many days (negative: overdue).
struct Open(Direction, Level, Option<i64>);

struct Colleague {
    name: &'static str,
    role: &'static str,
    note: &'static str,
    record: &'static [Batch],
    open: &'static [Open],
}

use Direction::{Mine, Theirs};
use Level::{Impact, Result as Res, Task};
use Status::{Broken, Kept, KeptLate, Released};

const TEAM: &[Colleague] = &[
    Colleague {
        name: "Priya Raman",
        role: "Backend lead",
        note: "Owns the billing platform.",
        record: &[
            theirs(Task, Kept, 10, 330, 20),
            theirs(Res, Kept, 7, 300, 15),
            theirs(Impact, Kept, 5, 200, 10),
            mine(Task, Kept, 6, 300, 5),
            mine(Res, Kept, 2, 200, 40),
        ],
        open: &[
            Open(Theirs, Impact, None),
            Open(Mine, Task, Some(3)),
            Open(Theirs, Res, Some(20)),
        ],
    },
    Colleague {
        name: "Marcus Chen",
        role: "Frontend",
        note: "",
        record: &[
            theirs(Task, Kept, 8, 200, 10),
            theirs(Res, Kept, 14, 200, 95),
            theirs(Res, Broken, 2, 40, 12),
            mine(Task, Kept, 3, 120, 10),
            mine(Task, KeptLate, 1, 60, 60),
        ],
        open: &[Open(Theirs, Res, Some(-3)), Open(Theirs, Task, Some(0))],
    },
    Colleague {
        name: "王芳",
        role: "Data science",
        note: "Prefers written briefs.",
        record: &[
            theirs(Task, Kept, 7, 150, 5),
            mine(Task, Kept, 2, 90, 20),
            mine(Task, Broken, 1, 30, 30),
        ],
        open: &[Open(Theirs, Task, Some(2)), Open(Mine, Task, Some(-2))],
    },
    Colleague {
        name: "Seán O'Brien",
        role: "SRE",
        note: "",
        record: &[
            theirs(Task, Kept, 6, 250, 20),
            theirs(Task, KeptLate, 1, 100, 100),
            theirs(Res, Kept, 4, 150, 20),
            theirs(Res, Released, 1, 80, 80),
            mine(Task, Kept, 5, 200, 3),
            mine(Res, Kept, 1, 50, 50),
        ],
        open: &[Open(Theirs, Res, Some(9)), Open(Theirs, Task, Some(-6))],
    },
    Colleague {
        name: "Zoë Park",
        role: "Design",
        note: "",
        record: &[
            theirs(Task, Kept, 4, 120, 10),
            theirs(Res, Broken, 1, 100, 100),
            mine(Task, Kept, 4, 200, 14),
        ],
        open: &[Open(Theirs, Task, Some(5)), Open(Mine, Res, Some(30))],
    },
    Colleague {
        name: "Diego Ruiz",
        role: "Mobile",
        note: "Joined in September.",
        record: &[theirs(Task, Kept, 2, 50, 8), mine(Task, Kept, 1, 30, 30)],
        open: &[Open(Theirs, Task, Some(4)), Open(Theirs, Task, None)],
    },
    Colleague {
        name: "Amara Okafor",
        role: "Product",
        note: "",
        record: &[
            theirs(Task, Kept, 9, 340, 30),
            theirs(Res, Kept, 6, 300, 40),
            theirs(Impact, Kept, 12, 200, 95),
            theirs(Impact, Broken, 2, 45, 15),
            mine(Task, Kept, 4, 300, 20),
            mine(Res, Broken, 2, 80, 25),
        ],
        open: &[Open(Theirs, Impact, Some(-10)), Open(Mine, Res, Some(1))],
    },
    Colleague {
        name: "Tomás Silva",
        role: "QA",
        note: "",
        record: &[
            theirs(Task, Kept, 3, 100, 20),
            theirs(Task, Broken, 3, 90, 6),
            mine(Task, Kept, 2, 100, 40),
        ],
        open: &[Open(Theirs, Task, Some(-1)), Open(Theirs, Task, Some(12))],
    },
    Colleague {
        name: "Hannah Weiss",
        role: "Security",
        note: "",
        record: &[
            theirs(Task, Kept, 2, 200, 25),
            theirs(Task, Released, 3, 150, 40),
            theirs(Res, Kept, 3, 140, 30),
            mine(Task, Kept, 3, 150, 10),
            mine(Task, Broken, 2, 60, 5),
        ],
        open: &[Open(Mine, Task, Some(-4)), Open(Theirs, Res, None)],
    },
    Colleague {
        name: "Kenji Watanabe",
        role: "Infrastructure",
        note: "",
        record: &[
            theirs(Task, Kept, 2, 300, 200),
            theirs(Task, KeptLate, 6, 170, 10),
            mine(Task, Kept, 2, 200, 100),
        ],
        open: &[Open(Theirs, Task, Some(1))],
    },
    Colleague {
        name: "Lena Novak",
        role: "Support",
        note: "",
        record: &[theirs(Task, Kept, 1, 150, 150), mine(Task, Kept, 1, 15, 15)],
        open: &[Open(Theirs, Task, Some(6)), Open(Mine, Task, None)],
    },
    Colleague {
        name: "Ravi Iyer",
        role: "Platform",
        note: "",
        record: &[
            theirs(Task, Kept, 7, 260, 12),
            theirs(Res, Kept, 5, 220, 60),
            theirs(Res, KeptLate, 1, 30, 30),
            mine(Task, Kept, 5, 220, 10),
            mine(Res, Kept, 3, 200, 30),
        ],
        open: &[Open(Theirs, Res, Some(15)), Open(Mine, Task, Some(0))],
    },
];

const TASKS: &[&str] = &[
    "Review PR 412",
    "Send the Q3 deck",
    "Fix the flaky login test",
    "Write up the incident notes",
    "Update the runbook",
    "Reply to the vendor about pricing",
    "Pair on the schema change",
    "Triage the bug backlog",
    "Share the interview feedback",
    "Ship the 🚀 launch checklist",
];

const RESULTS: &[&str] = &[
    "Cut p95 latency below 200 ms",
    "Migrate the billing tables",
    "Get the mobile release through review",
    "Halve the support queue",
    "Move CI to the new runners",
    "Launch the self-serve onboarding",
];

const IMPACTS: &[&str] = &[
    "Own the on-call rotation",
    "Run the hiring budget",
    "Keep the design system healthy",
    "Own the quarterly planning",
];

fn what(level: Level, rng: &mut Lcg) -> String {
    let pool = match level {
        Level::Task => TASKS,
        Level::Result => RESULTS,
        Level::Impact => IMPACTS,
    };
    pool[rng.below(pool.len() as u64) as usize].to_string()
}

fn back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(today)
}

/// How many days before `today` the sample team reaches: the day its colleagues were added,
/// before any promise of theirs was made.
pub const BEFORE: u64 = 400;
/// How many days after `today` the last of the sample team's promises falls due, at most.
pub const AFTER: u64 = 30;

/// The first and the last day the sample team can stand on: a `today` nearer the ends of the
/// years 1 to 9999 than [`BEFORE`] and [`AFTER`] would put its dates where no date may fall,
/// and the file holding them could not be written.
pub fn days() -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    (
        first.checked_add_days(Days::new(BEFORE)).unwrap_or(first),
        last.checked_sub_days(Days::new(AFTER)).unwrap_or(last),
    )
}

/// The sample team as it stands on `today`; its dates are all days only from the first to
/// the last of [`days`].
pub fn generate(today: NaiveDate) -> Ledger {
    let mut ledger = Ledger::default();
    let mut rng = Lcg(0x7275_7374_6c61_6464);
    let now = Moment::fixed(today, SEED);
    for colleague in TEAM {
        let Ok(id) = ledger.add_person(
            colleague.name,
            colleague.role,
            colleague.note,
            Moment::fixed(back(today, BEFORE), SEED),
        ) else {
            continue;
        };
        for batch in colleague.record {
            add_batch(&mut ledger, id, batch, &now, &mut rng);
        }
        for Open(direction, level, due) in colleague.open {
            // Made before it fell due: an overdue one that much earlier.
            let lead = 5 + rng.below(20);
            let made = back(today, lead + due.map_or(0, |d| d.min(0).unsigned_abs()));
            let new = NewPromise {
                person: Target::id(id),
                direction: *direction,
                level: *level,
                what: what(*level, &mut rng),
                made,
                due: due.map(|d| shift(today, d)),
                outcome: None,
            };
            let _ = ledger.add_promise(new, now);
        }
    }
    ledger
}

/// A ledger of `promises` promises spread over `people` colleagues and the two years before
/// `today`, a fifth of them open: the scale benchmarks and the UI's no-rescoring test run on.
/// Deterministic like [`generate`].
pub fn large(people: usize, promises: usize, today: NaiveDate) -> Ledger {
    let mut ledger = Ledger::default();
    let start = back(today, 730);
    let now = Moment::fixed(today, SEED);
    let ids: Vec<PersonId> = (0..people)
        .filter_map(|i| {
            ledger
                .add_person(
                    &format!("Colleague {i:05}"),
                    "Team",
                    "",
                    Moment::fixed(start, SEED),
                )
                .ok()
        })
        .collect();
    if ids.is_empty() {
        return ledger;
    }
    let mut rng = Lcg(0x2545_f491_4f6c_dd1d);
    const OUTCOMES: [Status; 5] = [
        Status::Open,
        Status::Kept,
        Status::Kept,
        Status::KeptLate,
        Status::Broken,
    ];
    for _ in 0..promises {
        let person = ids[rng.below(ids.len() as u64) as usize];
        let level = Level::ALL[rng.below(3) as usize];
        let made = start + Days::new(rng.below(700));
        let direction = if rng.below(2) == 0 {
            Direction::Theirs
        } else {
            Direction::Mine
        };
        let what = what(level, &mut rng);
        let due = Some(made + Days::new(7 + rng.below(30)));
        let status = OUTCOMES[rng.below(5) as usize];
        let on = (made + Days::new(rng.below(30))).min(today);
        let new = NewPromise {
            person: Target::id(person),
            direction,
            level,
            what,
            made,
            due,
            outcome: (status != Status::Open).then_some((status, on)),
        };
        let _ = ledger.add_promise(new, now);
    }
    ledger
}

fn add_batch(ledger: &mut Ledger, person: PersonId, batch: &Batch, now: &Moment, rng: &mut Lcg) {
    let today = now.today;
    let span = batch.oldest.saturating_sub(batch.newest);
    for i in 0..batch.count {
        // Spread evenly over the span, with a little jitter that stays inside it.
        let step = span / batch.count.max(1);
        let ago = batch.newest + step * i + rng.below(step.max(1));
        let resolved = back(today, ago.min(batch.oldest));
        let lead = 7 + rng.below(21);
        let made = back(resolved, lead);
        let due = match batch.status {
            Status::KeptLate => back(resolved, 1 + rng.below(5)),
            _ => shift(resolved, rng.below(4) as i64),
        };
        let new = NewPromise {
            person: Target::id(person),
            direction: batch.direction,
            level: batch.level,
            what: what(batch.level, rng),
            made,
            due: Some(due.max(made)),
            outcome: None,
        };
        let Ok(id) = ledger.add_promise(new, now) else {
            continue;
        };
        let note = match batch.status {
            Status::Broken => Some("Missed without warning."),
            Status::Released => Some("Dropped by agreement when priorities changed."),
            _ => None,
        };
        let _ = ledger.resolve_promise(id, batch.status, resolved, note, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;
    use crate::core::ladder::review_all;

    fn today() -> NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    #[test]
    fn large_has_the_size_asked_for_and_no_outcome_after_today() {
        let l = large(50, 2_000, today());
        assert_eq!((l.people.len(), l.promises.len()), (50, 2_000));
        assert_eq!(l, large(50, 2_000, today()));
        let open = l
            .promises
            .iter()
            .filter(|p| p.status == Status::Open)
            .count();
        assert!((300..500).contains(&open), "about a fifth open, got {open}");
        assert!(
            l.promises
                .iter()
                .all(|p| p.resolved.is_none_or(|d| d <= today()))
        );
        assert!(large(0, 10, today()).promises.is_empty());
    }

    /// Every date of the team falls within [`BEFORE`] and [`AFTER`] of today, so on the first
    /// and last of [`days`] all are in the years a date may fall in: on 0001-01-05 they were
    /// not, and the demo failed naming its throwaway file.
    #[test]
    fn the_team_spans_the_days_it_says_and_fits_on_the_first_and_last_day() {
        let (first, last) = days();
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("0002-02-05".into(), "9999-12-01".into())
        );
        for today in [today(), first, last] {
            let l = generate(today);
            let dates = l.people.iter().map(|p| p.created).chain(
                l.promises
                    .iter()
                    .flat_map(|p| [Some(p.made), p.due, p.resolved].into_iter().flatten()),
            );
            for day in dates {
                assert!(
                    back(today, BEFORE) <= day && day <= shift(today, AFTER as i64),
                    "{day} on {today}"
                );
                assert!(crate::core::dates::in_range(day), "{day} on {today}");
            }
            let mut checked = l.clone();
            assert_eq!(checked.normalize_and_check(), Ok(()), "{today}");
        }
        assert!(
            generate(today())
                .promises
                .iter()
                .any(|p| p.due == Some(shift(today(), AFTER as i64)))
        );
    }

    #[test]
    fn same_day_same_team() {
        assert_eq!(generate(today()), generate(today()));
    }

    #[test]
    fn a_dozen_colleagues_with_varied_names() {
        let l = generate(today());
        assert_eq!(l.people.len(), 12);
        assert!(l.people.iter().any(|p| p.name == "王芳"));
        assert!(
            l.people
                .iter()
                .any(|p| !p.name.is_ascii() && p.name != "王芳")
        );
        let mut checked = l.clone();
        assert_eq!(checked.normalize_and_check(), Ok(()));
    }

    #[test]
    fn every_level_a_slipping_and_a_ready_case_and_every_note() {
        let l = generate(today());
        let reviews = review_all(&l, today());
        let levels: Vec<Option<Level>> = reviews.iter().map(|r| r.theirs.trust_level).collect();
        for want in [
            None,
            Some(Level::Task),
            Some(Level::Result),
            Some(Level::Impact),
        ] {
            assert!(levels.contains(&want), "no one at {want:?}: {levels:?}");
        }
        assert!(
            reviews.iter().any(|r| r.theirs.slipping),
            "no slipping case"
        );
        assert!(reviews.iter().any(|r| r.theirs.ready), "no ready case");
        assert!(reviews.iter().any(|r| r.overdue > 0), "nothing overdue");
        let name = |r: &crate::core::ladder::Review| l.person(r.person).unwrap().name.clone();
        let slipping: Vec<String> = reviews
            .iter()
            .filter(|r| r.theirs.slipping)
            .map(name)
            .collect();
        assert!(
            slipping.contains(&"Marcus Chen".to_string()),
            "{slipping:?}"
        );
        for kind in ["quiet", "renegotiates", "late", "overdue", "tried"] {
            assert!(
                reviews.iter().any(|r| r.theirs.note(kind).is_some()),
                "no one with the {kind} note"
            );
        }
    }

    #[test]
    fn a_year_of_promises_both_ways() {
        let l = generate(today());
        let oldest = l.promises.iter().filter_map(|p| p.resolved).min().unwrap();
        assert!(oldest <= back(today(), 300), "oldest {oldest}");
        assert!(l.promises.iter().any(|p| p.direction == Direction::Mine));
        assert!(
            l.promises
                .iter()
                .all(|p| p.resolved.is_none_or(|r| r <= today() && r >= p.made))
        );
        // Made on or before the day it is due, as a promise is.
        assert!(
            l.promises.iter().all(|p| p.due.is_none_or(|d| d >= p.made)),
            "{:?}",
            l.promises
                .iter()
                .find(|p| p.due.is_some_and(|d| d < p.made))
        );
        assert!(
            l.promises
                .iter()
                .any(|p| p.status == Status::Open && p.due == Some(today()))
        );
    }
}
