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

/// How many days before `today` a generated ledger reaches: five years.
const BEFORE: u64 = 5 * 365;
/// How many days after `today` a promise made in the last days may fall due, at most.
const AFTER: u64 = 59;

/// Whether `people` colleagues can hold `promises` promises on `today`, and the reason when
/// they cannot: every promise is with one of them, so promises asked for without people were
/// none, and a file with no one in it was written as if that had been asked for; and a
/// `today` near an end of the calendar put the five years before it, or the days due after
/// it, outside the years 1 to 9999, in a file that could not be read back.
pub fn check(people: usize, promises: usize, today: NaiveDate) -> Result<(), String> {
    if people == 0 && promises > 0 {
        return Err(format!(
            "--promises {promises} with --people 0: each promise is with someone; give \
             --people 1 or more, or --promises 0"
        ));
    }
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let from = first.checked_add_days(Days::new(BEFORE)).unwrap_or(first);
    let to = last.checked_sub_days(Days::new(AFTER)).unwrap_or(last);
    if !(from..=to).contains(&today) {
        return Err(format!(
            "--today {today}: the five years of promises before it and the {AFTER} days they \
             may fall due after it must be in the years 1 to 9999; give a --today from {from} \
             to {to}"
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
    let start = today - Days::new(BEFORE);
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
            check(0, 10, today()),
            Err(
                "--promises 10 with --people 0: each promise is with someone; give \
                 --people 1 or more, or --promises 0"
                    .to_string()
            )
        );
        assert_eq!(realistic(0, 10, today(), 1).promises.len(), 0);
        for (people, promises) in [(0, 0), (1, 10), (100, 0)] {
            assert_eq!(
                check(people, promises, today()),
                Ok(()),
                "{people} {promises}"
            );
        }
    }

    /// A `today` whose five years before it, or whose due dates after it, fall outside the
    /// years 1 to 9999 is refused, naming the days it may be: `--today 0001-01-01` wrote a
    /// file no command could read. On the first and last of those days every date fits.
    #[test]
    fn a_today_whose_years_fall_outside_the_calendar_is_refused() {
        let (first, last) = (
            parse_iso("0005-12-31").unwrap(),
            parse_iso("9999-11-02").unwrap(),
        );
        for day in [first, last] {
            assert_eq!(check(20, 2_000, day), Ok(()), "{day}");
            let l = realistic(20, 2_000, day, 1);
            let mut checked = l.clone();
            assert_eq!(checked.normalize_and_check(), Ok(()), "{day}");
            let dates = l.people.iter().map(|p| p.created).chain(
                l.promises
                    .iter()
                    .flat_map(|p| [Some(p.made), p.due, p.resolved].into_iter().flatten()),
            );
            for date in dates {
                assert!(crate::core::dates::in_range(date), "{date} on {day}");
            }
        }
        assert!(
            realistic(20, 2_000, today(), 1)
                .promises
                .iter()
                .any(|p| p.due.is_some_and(|d| d > today() + Days::new(AFTER / 2))),
            "promises fall due in the days after today"
        );
        for day in [
            first.pred_opt().unwrap(),
            last.succ_opt().unwrap(),
            parse_iso("0001-01-01").unwrap(),
        ] {
            assert_eq!(
                check(20, 2_000, day),
                Err(format!(
                    "--today {day}: the five years of promises before it and the 59 days they \
                     may fall due after it must be in the years 1 to 9999; give a --today from \
                     0005-12-31 to 9999-11-02"
                )),
            );
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
