//! Trust over time: each rung's score at the end of each month, for the person view's chart.

use chrono::{Datelike, Months, NaiveDate};

use super::scoring::{Later, rungs};
use super::words;
use crate::core::dates::end_of_month;
use crate::core::model::{Direction, Promise};
use crate::core::settings::Settings;

/// One point of the chart: a day and each rung's score on it, `None` where the rung had no
/// evidence yet, or only a record faded to evidence shown as 0.00, which the tables show as
/// `–` (so no line is drawn at the 50% of nothing known).
pub type Point = (NaiveDate, [Option<f64>; 3]);

/// Each rung's score at the end of each of the last `months` months (the current month
/// ending today), oldest first.
pub fn history(
    promises: &[&Promise],
    direction: Direction,
    settings: &Settings,
    today: NaiveDate,
    months: u32,
) -> Vec<Point> {
    let mut points = Vec::with_capacity(months as usize);
    for back in (0..months).rev() {
        let Some(month) = today
            .with_day(1)
            .and_then(|first| first.checked_sub_months(Months::new(back)))
        else {
            continue;
        };
        let (day, later) = if back == 0 {
            (today, Later::Today)
        } else {
            (end_of_month(month).unwrap_or(month), Later::NotYet)
        };
        let scores = rungs(promises.iter().copied(), direction, settings, day, later)
            .map(|r| (!words::shows_nothing(&r, settings)).then_some(r.reliability));
        points.push((day, scores));
    }
    points
}
