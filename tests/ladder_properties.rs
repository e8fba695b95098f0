//! Properties of the ladder engine that must hold for any record, checked on generated ones:
//! a new kept promise never lowers a rung's reliability (nor a broken one raises it), no rung
//! is held above one that is not, the explanation never contradicts its own comparisons, and
//! scoring is a deterministic function of its inputs (order of the record included).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use trustladder::core::ladder::standing;
use trustladder::core::{
    Direction, Level, PersonId, Promise, PromiseId, Settings, Status, Timestamp, Uid,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// One more promise of person 1, made and resolved `age` days before today.
fn resolved(direction: Direction, level: Level, status: Status, age: u64) -> Promise {
    let on = today() - Days::new(age);
    Promise {
        id: PromiseId(1000),
        uid: Uid::derived("the added promise"),
        changed: Timestamp::start_of(on),
        person: PersonId(1),
        direction,
        level,
        what: status.label().into(),
        made: on,
        due: None,
        status,
        resolved: Some(on),
        note: String::new(),
    }
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Open,
        Status::Kept,
        Status::KeptLate,
        Status::Released,
        Status::Broken,
    ])
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![Direction::Theirs, Direction::Mine])
}

/// A promise resolved (or not) `age` days before today; a few are dated after today, which
/// scoring must ignore.
fn promise() -> impl Strategy<Value = Promise> {
    (level(), status(), direction(), -5i64..900).prop_map(|(level, status, direction, age)| {
        let on = if age >= 0 {
            today() - Days::new(age as u64)
        } else {
            today() + Days::new(age.unsigned_abs())
        };
        Promise {
            id: PromiseId(0),
            uid: Uid::derived("a promise"),
            changed: Timestamp::start_of(on),
            person: PersonId(1),
            direction,
            level,
            what: "p".into(),
            made: on - Days::new(3),
            due: None,
            status,
            resolved: status.is_resolved().then_some(on),
            note: String::new(),
        }
    })
}

fn record() -> impl Strategy<Value = Vec<Promise>> {
    prop::collection::vec(promise(), 0..40).prop_map(|mut v| {
        for (i, p) in v.iter_mut().enumerate() {
            p.id = PromiseId(i as u64 + 1);
            p.uid = Uid::derived(&format!("promise {i}"));
        }
        v
    })
}

/// Settings anywhere in their valid ranges, so the properties do not lean on the defaults.
fn settings() -> impl Strategy<Value = Settings> {
    (
        30.0f64..720.0,
        0.0f64..8.0,
        0.0f64..=1.0,
        0.0f64..=1.0,
        0.0f64..=1.0,
    )
        .prop_map(
            |(half_life_days, min_evidence, hold_threshold, kept_late_value, slip_threshold)| {
                Settings {
                    half_life_days,
                    min_evidence,
                    hold_threshold,
                    kept_late_value,
                    slip_threshold,
                    ..Settings::default()
                }
            },
        )
}

proptest! {
    #[test]
    fn a_new_kept_promise_never_lowers_reliability(
        record in record(),
        settings in settings(),
        dir in direction(),
        level in level(),
        age in 0u64..900,
    ) {
        let before = standing(&record, dir, &settings, today());
        let mut more = record.clone();
        more.push(resolved(dir, level, Status::Kept, age));
        let after = standing(&more, dir, &settings, today());
        for (b, a) in before.rungs.iter().zip(&after.rungs) {
            prop_assert!(
                a.reliability >= b.reliability - 1e-12,
                "{}: {} fell to {}", b.level, b.reliability, a.reliability
            );
        }
        let i = level.index();
        prop_assert!(after.rungs[i].evidence > before.rungs[i].evidence);
        prop_assert_eq!(after.rungs[i].resolved, before.rungs[i].resolved + 1);
    }

    #[test]
    fn a_new_broken_promise_never_raises_reliability(
        record in record(),
        settings in settings(),
        dir in direction(),
        level in level(),
        age in 0u64..900,
    ) {
        let before = standing(&record, dir, &settings, today());
        let mut more = record.clone();
        more.push(resolved(dir, level, Status::Broken, age));
        let after = standing(&more, dir, &settings, today());
        for (b, a) in before.rungs.iter().zip(&after.rungs) {
            prop_assert!(a.reliability <= b.reliability + 1e-12);
        }
    }

    #[test]
    fn explanations_never_contradict_their_own_comparisons(
        record in record(),
        settings in settings(),
        dir in direction(),
    ) {
        // Every "a < b" and "a ≥ b" between two numbers in the explanation holds as printed:
        // rounding must never show "85% < 85%" or "3.00 < 3.0".
        let s = standing(&record, dir, &settings, today());
        let number = |t: &str| t.trim_end_matches([',', '.', ')', '%']).parse::<f64>().ok();
        for line in s.explain(&settings) {
            let words: Vec<&str> = line.split_whitespace().collect();
            for (i, w) in words.iter().enumerate().filter(|(_, w)| ["<", "≥"].contains(w)) {
                let (Some(a), Some(b)) = (
                    i.checked_sub(1).and_then(|j| number(words[j])),
                    words.get(i + 1).and_then(|t| number(t)),
                ) else {
                    continue;
                };
                if *w == "<" {
                    prop_assert!(a < b, "{}", line);
                } else {
                    prop_assert!(a >= b, "{}", line);
                }
            }
        }
    }

    #[test]
    fn no_rung_is_held_above_one_that_is_not(
        record in record(),
        settings in settings(),
        dir in direction(),
    ) {
        let s = standing(&record, dir, &settings, today());
        for pair in s.rungs.windows(2) {
            prop_assert!(!pair[1].held || pair[0].held, "{} held above {}", pair[1].level, pair[0].level);
        }
        // The level is the highest held rung, and everything up to it is held.
        let held: Vec<Level> = s.rungs.iter().filter(|r| r.held).map(|r| r.level).collect();
        prop_assert_eq!(s.trust_level, held.last().copied());
        prop_assert_eq!(held.len(), s.trust_level.map_or(0, |l| l.index() + 1));
        // Ready and slipping only ever describe a held top rung, and never together.
        prop_assert!(!(s.ready && s.slipping));
        prop_assert!(!s.ready || s.trust_level.is_some());
        prop_assert!(!s.slipping || s.trust_level.is_some());
    }

    #[test]
    fn scoring_is_deterministic(
        record in record(),
        settings in settings(),
        dir in direction(),
        seed in any::<u64>(),
    ) {
        let first = standing(&record, dir, &settings, today());
        let again = standing(&record.clone(), dir, &settings, today());
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(first.explain(&settings), again.explain(&settings));
        prop_assert_eq!(first.advice(&settings), again.advice(&settings));

        // The order promises are stored in does not matter (up to float rounding of sums).
        let mut shuffled = record.clone();
        let n = shuffled.len();
        if n > 1 {
            let mut state = seed;
            for i in (1..n).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
        }
        let other = standing(&shuffled, dir, &settings, today());
        for (a, b) in first.rungs.iter().zip(&other.rungs) {
            prop_assert!((a.evidence - b.evidence).abs() < 1e-9);
            prop_assert!((a.kept - b.kept).abs() < 1e-9);
            prop_assert_eq!(a.resolved, b.resolved);
        }
        prop_assert_eq!(first.open_at, other.open_at);
    }
}
