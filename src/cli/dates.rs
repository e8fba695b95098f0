//! `trustladder dates`: the table of date words, or the day each word given means, and the
//! same table at the end of `dates --help`.

use chrono::NaiveDate;

use super::{CliError, Context, args};
use crate::core::dates::{parse_due, parse_past_date};

/// `trustladder dates`: the table of words, or the day each given word means.
pub(super) fn dates(a: &args::DatesArgs, ctx: &Context) -> Result<String, CliError> {
    use crate::core::dates::{DateError, Direction, words};
    use crate::core::text::{quoted_back, visibly};
    // The words take values that begin with a dash (`-3d`), so a flag after them arrives as
    // a word: `--past` is taken wherever it is, any other flag is named, not read as a date.
    let past = a.past || a.words.iter().any(|w| w == "--past");
    let words: Vec<&String> = a.words.iter().filter(|w| *w != "--past").collect();
    if let Some(flag) = words
        .iter()
        .find(|w| w.starts_with("--") || w.as_str() == "-h")
    {
        // One `dates` takes before its words (the parser took it there) is said to go there;
        // any other is no option of it, where "put it before them" would be refused again.
        let name = flag.split('=').next().unwrap_or_default();
        let taken = ["--past", "--help", "-h", "--file", "--config", "--today"];
        if !taken.contains(&name) {
            let flag = visibly(&quoted_back(flag));
            let long = taken.iter().copied().filter(|t| t.starts_with("--"));
            return Err(CliError::Usage(format!(
                "'{flag}' is no option of dates (it takes --past, and --file, --config and --today before its words){}",
                crate::core::text::did_you_mean(name, long)
            )));
        }
        return Err(CliError::Usage(format!(
            "'{flag}' comes after the date words, where it reads as one of them; put it before them (trustladder dates {flag} WORD…)"
        )));
    }
    if words.is_empty() {
        let direction = if past {
            Direction::Back
        } else {
            Direction::Ahead
        };
        // On a terminal narrower than the table, wrapped to its width, as every table and
        // paragraph the command line prints is.
        let width = ctx
            .width()
            .map_or(words::TABLE_WIDTH, |w| w.min(words::TABLE_WIDTH));
        return Ok(words::table(ctx.today, direction, width));
    }
    let read = |word: &str| {
        if past {
            parse_past_date(word, ctx.today).map(Some)
        } else {
            parse_due(word, ctx.today)
        }
    };
    // Words of one date typed apart (`dates next fri`, `dates dec 15th`): the shell split
    // them. Adjacent words that read as one date together are refused, the longest run
    // first, even where each also reads alone (`dec` and `15th` are two days, not the one
    // meant), so the words are never printed as days nobody asked for; a comma after a word
    // ends its date (`eom, +3d` reads as no one date), which is how the words are asked for
    // one by one.
    let one_date = |run: &[&String]| {
        // A blank word (an empty variable in a script) is no part of a date: said to be
        // blank, never quoted with its neighbour as if the two were one.
        if run.iter().any(|w| w.trim().is_empty()) {
            return None;
        }
        let joined = run.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
        let one = match read(&joined) {
            Ok(_) => true,
            // Words too long to be one together are none.
            Err(DateError::Bad { .. } | DateError::TooLong { .. }) => false,
            // At least one, refused (`next fri` on a Tuesday asks which Friday, `30 feb`):
            // where a word is no date word alone; words of their own (`9am`, `fri` past
            // 9999) are told what is wrong with them, and so is a typo of one (`tomorow`,
            // which quoted with the rest would be refused again).
            Err(_) => {
                let suggested: Vec<Option<bool>> = run
                    .iter()
                    .map(|w| match read(w.as_str()) {
                        Err(DateError::Bad { suggestion, .. }) => Some(suggestion.is_some()),
                        // A number is no date alone (`dec 15` typed apart).
                        Err(DateError::NumberAlone { .. }) => Some(false),
                        _ => None,
                    })
                    .collect();
                suggested.contains(&Some(false)) && !suggested.contains(&Some(true))
            }
        };
        one.then_some(joined)
    };
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        let run = (2..=4).rev().find_map(|n| {
            words
                .get(i..i + n)
                .and_then(|run| Some((run, one_date(run)?)))
        });
        if let Some((run, typed)) = run {
            let joined = visibly(&quoted_back(&typed));
            return Err(CliError::Usage(
                match run.iter().find(|w| read(w.as_str()).is_err()) {
                    Some(alone) => format!(
                        "'{}' is no date alone: each word is read as a date of its own, so quote the words of one (trustladder dates '{joined}')",
                        visibly(&quoted_back(alone))
                    ),
                    // Each word reads alone too, so which was meant is the user's to say:
                    // both readings are named, and how to ask for either. A comma after a
                    // word ends its date (`eom, +3d` is no date), as in any list.
                    None => {
                        let day = read(&typed)
                            .ok()
                            .flatten()
                            .map_or_else(|| "none".to_string(), |d| d.to_string());
                        let apart = run
                            .iter()
                            .enumerate()
                            .map(|(at, w)| {
                                let w = visibly(&quoted_back(w));
                                let w = if at + 1 < run.len() {
                                    format!("{w},")
                                } else {
                                    w
                                };
                                crate::core::text::shell_word(&w)
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        format!(
                            "'{joined}' reads both as one date ({day}) and word by word: quote the words of one (trustladder dates '{joined}'), or put a comma after each word of its own (trustladder dates {apart})"
                        )
                    }
                },
            ));
        }
        match read(word) {
            // As `--on` and `--since` refuse it: a script checking a word here is told what
            // they would say.
            Ok(Some(day)) if past && day > ctx.today => {
                return Err(CliError::Usage(format!(
                    "'{}' looking back is {day}, after today ({}): a day something happened (--on, --since) cannot be one to come",
                    visibly(&quoted_back(word)),
                    ctx.today
                )));
            }
            Ok(day) => {
                out.push_str(&day.map_or_else(|| "none".to_string(), |d| d.to_string()));
                out.push('\n');
            }
            Err(e) => return Err(CliError::DateWord(e)),
        }
    }
    Ok(out)
}

/// The grammar with the table of date words, read for `today`, at the end of `dates --help`
/// (and so of `help dates`).
pub(super) fn with_date_table(command: clap::Command, today: NaiveDate) -> clap::Command {
    command.mut_subcommand("dates", |dates| {
        dates.after_help(crate::core::dates::words::table(
            today,
            crate::core::dates::Direction::Ahead,
            crate::core::dates::words::TABLE_WIDTH,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `dates` for a terminal `width` columns wide (`None`: a pipe), on 24 November 2026.
    fn dates_at(width: Option<usize>, past: bool) -> String {
        let ctx = Context {
            path: "team.json".into(),
            today: crate::core::dates::parse_iso("2026-11-24").expect("a day"),
            looking_back: false,
            config: Err("no config folder".into()),
            width: std::sync::OnceLock::from(width),
            missing_noted: std::sync::OnceLock::new(),
        };
        let args = args::DatesArgs {
            words: Vec::new(),
            past,
        };
        match dates(&args, &ctx) {
            Ok(text) => text,
            Err(e) => panic!("{e:?}"),
        }
    }

    /// The table of date words was wrapped to 78 columns whatever the terminal, so on one of
    /// 60 or 40 columns its lines ran past the edge, where every other table and paragraph
    /// fits: it now takes a narrower terminal's width, the same words in the same order, and
    /// a pipe or a terminal of 80 columns gets it as before.
    #[test]
    fn the_date_words_fit_a_narrow_terminal() {
        use crate::core::text::columns;
        for past in [false, true] {
            let piped = dates_at(None, past);
            assert_eq!(dates_at(Some(80), past), piped);
            assert!(piped.lines().any(|l| columns(l) > 60), "{piped}");
            let words = |text: &str| -> Vec<String> {
                // The dots between examples stay within a line.
                (text.split_whitespace())
                    .filter(|w| *w != "·")
                    .map(str::to_string)
                    .collect()
            };
            for width in [60, 40, 20] {
                let shown = dates_at(Some(width), past);
                for line in shown.lines() {
                    assert!(columns(line) <= width, "{width}: {line:?}\n{shown}");
                }
                assert_eq!(words(&shown), words(&piped), "{width}\n{shown}");
            }
        }
        // An example of two days, asked which, goes on further in; a row's spellings too.
        let narrow = dates_at(Some(40), false);
        assert!(
            narrow.contains(
                "      next fri → Fri 2026-11-27 or Fri\n        2026-12-04, asked which\n"
            ),
            "{narrow}"
        );
        assert!(
            narrow.contains("\n  mon, tues, wednesday, thurs, fri,\n    sat, sun\n"),
            "{narrow}"
        );
    }
}
