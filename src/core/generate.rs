//! Realistic ledgers of any size for benchmarks and the performance script: people and five
//! years of promises both ways, at every rung and with every outcome in the proportions a real
//! ledger has. The same arguments give the same ledger, byte for byte.

use chrono::{Days, NaiveDate};

use super::change::{Moment, NewPromise, Target};
use super::ledger::Ledger;
use super::model::{Direction, Level, PersonId, Status};

/// A small fixed generator (a PCG-style LCG): enough to spread values, identical everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: [&str; 16] = [
    "Priya", "Marcus", "Lena", "José", "Aiko", "Sean", "Fatima", "Wang", "Olu", "Ines", "Tomás",
    "Zoë", "Ravi", "Anna", "Kwame", "Mia",
];
const LAST: [&str; 12] = [
    "Raman", "Chen", "Novak", "Álvarez", "Sato", "O'Brien", "Khan", "Fang", "Adeyemi", "Costa",
    "Berg", "Park",
];
const WORK: [&str; 12] = [
    "Review PR",
    "Send the deck for",
    "Migrate the tables of",
    "Write up the incident",
    "Cut latency of",
    "Ship the release of",
    "Own the rotation of",
    "Fix the flaky test in",
    "Reply to the vendor about",
    "Plan the quarter for",
    "Run the hiring loop for",
    "Update the runbook of",
];

/// Whether `people` colleagues can hold `promises` promises: every promise is with one of
/// them, so promises asked for without people were none, and a file with no one in it was
/// written as if that had been asked for. The reason, when they cannot.
pub fn check(people: usize, promises: usize) -> Result<(), String> {
    if people == 0 && promises > 0 {
        return Err(format!(
            "--promises {promises} with --people 0: each promise is with someone; give \
             --people 1 or more, or --promises 0"
        ));
    }
    Ok(())
}

/// A ledger of `people` colleagues and `promises` promises over the five years before
/// `today`: about 15% open (a few overdue), the rest kept, kept late, broken or released in
/// realistic shares; three in four tasks, one in five results, the rest impact; two in three
/// theirs. `seed` picks another ledger of the same shape.
pub fn realistic(people: usize, promises: usize, today: NaiveDate, seed: u64) -> Ledger {
    let mut rng = Rng(seed ^ 0x7472_7573_746c_6164);
    let mut ledger = Ledger::default();
    let start = today - Days::new(5 * 365);
    let seed_name = format!("generated {seed}");
    let ids: Vec<PersonId> = (0..people)
        .filter_map(|i| {
            let name = format!(
                "{} {} {i}",
                FIRST[rng.below(FIRST.len() as u64) as usize],
                LAST[rng.below(LAST.len() as u64) as usize]
            );
            let created = start + Days::new(rng.below(365));
            ledger
                .add_person(&name, "Team", "", Moment::fixed(created, &seed_name))
                .ok()
        })
        .collect();
    if ids.is_empty() {
        return ledger;
    }
    let now = Moment::fixed(today, &seed_name);
    let span = (today - start).num_days().max(1) as u64;
    for n in 0..promises {
        // Spread evenly over the five years, so the newest are recent.
        let made = start + Days::new((n as u64 * span) / promises.max(1) as u64);
        let person = ids[rng.below(ids.len() as u64) as usize];
        let level = match rng.below(100) {
            0..=74 => Level::Task,
            75..=94 => Level::Result,
            _ => Level::Impact,
        };
        let direction = if rng.chance(66) {
            Direction::Theirs
        } else {
            Direction::Mine
        };
        let due = rng.chance(85).then(|| made + Days::new(3 + rng.below(57)));
        let what = format!(
            "{} {} #{n}",
            WORK[rng.below(WORK.len() as u64) as usize],
            ["billing", "search", "mobile", "the API", "onboarding"][rng.below(5) as usize]
        );
        let age = (today - made).num_days();
        let status = match rng.below(100) {
            // Recent promises are more often still open.
            _ if age < 30 && rng.chance(70) => Status::Open,
            0..=9 => Status::Open,
            10..=64 => Status::Kept,
            65..=79 => Status::KeptLate,
            80..=91 => Status::Broken,
            _ => Status::Released,
        };
        let outcome = (status != Status::Open).then(|| {
            let target = due.unwrap_or(made + Days::new(14));
            let on = match status {
                Status::KeptLate => target + Days::new(1 + rng.below(10)),
                Status::Kept => target - Days::new(rng.below(3)),
                _ => target + Days::new(rng.below(5)),
            };
            (status, on.clamp(made, today))
        });
        let new = NewPromise {
            person: Target::id(person),
            direction,
            level,
            what,
            made,
            due,
            outcome,
        };
        let _ = ledger.add_promise(new, now);
    }
    ledger
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::parse_iso;

    fn today() -> NaiveDate {
        parse_iso("2026-11-24").unwrap()
    }

    /// Promises without people are refused, with what to give instead: they made an empty
    /// ledger, written as if asked for.
    #[test]
    fn promises_without_people_are_refused() {
        assert_eq!(
            check(0, 10),
            Err(
                "--promises 10 with --people 0: each promise is with someone; give \
                 --people 1 or more, or --promises 0"
                    .to_string()
            )
        );
        assert_eq!(realistic(0, 10, today(), 1).promises.len(), 0);
        for (people, promises) in [(0, 0), (1, 10), (100, 0)] {
            assert_eq!(check(people, promises), Ok(()), "{people} {promises}");
        }
    }

    #[test]
    fn the_same_arguments_give_the_same_ledger_of_the_size_asked() {
        let l = realistic(20, 1_000, today(), 7);
        assert_eq!((l.people.len(), l.promises.len()), (20, 1_000));
        assert_eq!(l, realistic(20, 1_000, today(), 7));
        assert_ne!(l, realistic(20, 1_000, today(), 8));
        let mut checked = l.clone();
        assert_eq!(checked.normalize_and_check(), Ok(()));
    }

    #[test]
    fn the_shares_are_those_of_a_real_ledger() {
        let l = realistic(50, 10_000, today(), 1);
        let share = |f: &dyn Fn(&crate::core::Promise) -> bool| {
            l.promises.iter().filter(|p| f(p)).count() * 100 / l.promises.len()
        };
        let open = share(&|p| p.status == Status::Open);
        assert!((8..=20).contains(&open), "open {open}%");
        assert!((60..=85).contains(&share(&|p| p.level == Level::Task)));
        assert!((55..=75).contains(&share(&|p| p.direction == Direction::Theirs)));
        for status in [
            Status::Kept,
            Status::KeptLate,
            Status::Broken,
            Status::Released,
        ] {
            assert!(share(&|p| p.status == status) >= 3, "{status:?}");
        }
        let oldest = l.promises.iter().map(|p| p.made).min().unwrap();
        assert!(oldest <= today() - Days::new(4 * 365));
        assert!(
            l.promises
                .iter()
                .all(|p| p.resolved.is_none_or(|r| r <= today()))
        );
    }
}
