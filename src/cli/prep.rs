//! `trustladder prep`: the Markdown agenda of the next 1:1 with a colleague, and with `--save`
//! the record that it happened, so the next prep starts there.

use std::io::Write;

use super::args::PrepArgs;
use super::table::prose;
use super::{CliError, Context, emit};
use crate::core::LedgerError;
use crate::core::dates::parse_past_date;
use crate::core::ledger::Among;
use crate::core::prep::{self, markdown::markdown};
use crate::core::text::sanitize;

/// Prints the prep; `--save` then records that it happened, once it is printed: a prep that
/// could not be printed (a full disk under `>`) is not recorded, so the next one does not
/// start after it. A file that cannot be saved (no write permission, a newer version) is
/// refused before anything is printed, so `prep x --save > notes.md` never leaves notes of a
/// prep that was not recorded.
pub fn run(a: &PrepArgs, ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let since = a
        .since
        .as_deref()
        .map(|word| {
            parse_past_date(word, ctx.today).map_err(|source| CliError::Date {
                flag: "since",
                source,
            })
        })
        .transpose()?;
    if let Some(day) = since.filter(|day| *day > ctx.today) {
        return Err(CliError::FutureDay {
            flag: "since",
            day,
            today: ctx.today,
            why: "a prep lists what has already happened",
        });
    }
    let mut store = if a.save { ctx.open()? } else { ctx.show()? };
    let (saved, text, recorded_later, again) = {
        // As it stood on the day shown: `--today` on a past day sees that day's ledger.
        let ledger = ctx.shown(store.ledger());
        let id = ctx.find_shown(&ledger, store.ledger(), &a.person)?;
        let last_recorded = store.ledger().person(id).and_then(|p| p.last_prep);
        let agenda = prep::prep_shown(&ledger, id, ctx.today, since, last_recorded)
            .ok_or(LedgerError::NoSuchPerson(id))?;
        // A prep recorded after the day shown (looking back, or a clock behind another
        // machine's) is not moved back to it.
        let recorded_later = store
            .ledger()
            .person(id)
            .and_then(|p| p.last_prep.map(|day| (sanitize(&p.name), day)))
            .filter(|(_, day)| *day > ctx.today);
        // A prep saved on the day shown starts the window there, so a second one that day
        // lists nothing the first listed from before it: the file keeps only the day of the
        // last prep, not where its window began. Said, with the flag that looks further back.
        let again = (agenda.since == prep::Since::LastPrep(ctx.today)).then(|| {
            let among = if agenda.person.archived {
                Among::Archived
            } else {
                Among::Active
            };
            (
                sanitize(&agenda.titled),
                ledger.typed_as(agenda.person, among),
            )
        });
        // The last prep as it was when read: a prep saved meanwhile elsewhere is a conflict.
        (
            prep::saved(agenda.person, ctx.today),
            fitted(&markdown(&agenda), ctx.width()),
            recorded_later,
            again,
        )
    };
    // Said once the prep is to be printed: a refusal is the one line on stderr.
    let say_again = || {
        if let Some((name, typed)) = &again {
            stderr_line!(
                "trustladder: note: a prep with {name} was saved on this day already ({}), so this one starts there and leaves out what that one listed from before it; `trustladder prep {typed} --since DATE` looks further back",
                ctx.today.format("%A %-d %B %Y")
            );
        }
    };
    if !a.save {
        say_again();
        return emit(out, text.as_bytes());
    }
    if recorded_later.is_none() {
        store.refuse_unsavable()?;
    }
    say_again();
    // A prep to be recorded must have been printed whole: a reader gone (a closed pipe) saw
    // none of it, so that is a failure here, where a plain prep takes it quietly.
    let printed = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    if let Err(e) = printed {
        return Err(CliError::Write(format!("{e}; the prep was not recorded")));
    }
    if let Some((name, day)) = recorded_later {
        stderr_line!(
            "trustladder: note: this prep was not recorded: the last one recorded with {name} is on {}, after {}",
            day.format("%A %-d %B %Y"),
            ctx.today.format("%A %-d %B %Y")
        );
        return Ok(());
    }
    store.apply_with(ctx.today, |_| Ok(saved.clone()))?;
    Ok(())
}

/// The Markdown as it is to a pipe or a file; on a terminal, each paragraph and list item
/// wrapped between words to its width, an item's lines after the first under its text (as
/// Markdown reads them still). Headings stay whole.
fn fitted(text: &str, width: Option<usize>) -> String {
    if width.is_none() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let marker = ["- [ ] ", "- "]
            .into_iter()
            .find(|m| line.starts_with(m))
            .unwrap_or("");
        let hang = " ".repeat(marker.len());
        let text = &line[marker.len()..];
        // A word that would begin a list, a quote, a heading or a code block at the start of
        // a line is held to the word before it, so that no wrap turns it into one.
        if text.contains(GLUE) {
            prose(&mut out, marker, &hang, text, width);
        } else {
            let mut wrapped = String::new();
            prose(&mut wrapped, marker, &hang, &glued(text), width);
            out.push_str(&wrapped.replace(GLUE, " "));
        }
    }
    out
}

/// The space that holds a word to the one before it while [`fitted`] wraps: a character of
/// Unicode's private use, one column wide like a space, which the wrap never breaks at and
/// no promise is written with (a no-break space, common before `:` in French, is); put
/// back as a space after.
const GLUE: char = '\u{e000}';

/// `text` with the spaces before each word that starts a Markdown block at a line's start,
/// and before the `—` of an outcome's note and the `·` between an open promise's parts (a
/// line begun with `— note:` read as apart from the item it ends, as the UI's prep keeps
/// them too), made [`GLUE`]s: every space of the run, as the wrap breaks at any of them
/// (`board.  -` broken after its first space would begin the next line with ` -`).
fn glued(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if starts_a_block(word) || matches!(word, "—" | "·") {
            let held = out.trim_end_matches(' ').len();
            let run = out.len() - held;
            out.truncate(held);
            out.extend(std::iter::repeat_n(GLUE, run));
        }
        out.push_str(word);
    }
    out
}

/// Whether `word`, first on a line, would make the line something else than the paragraph
/// or list item it continues: a bullet (`-`, `+`, `*`), a numbered item (`1.`, `2)`), a
/// quote, a heading, a code fence, or a heading's underline (`===`, `---`).
fn starts_a_block(word: &str) -> bool {
    let digits = word.trim_end_matches(['.', ')']);
    matches!(word, "-" | "+" | "*")
        || word.starts_with('>')
        || word.starts_with('#')
        || word.starts_with("```")
        || word.starts_with("~~~")
        || (!word.is_empty() && word.chars().all(|c| c == '=' || c == '-'))
        || (digits.len() + 1 == word.len()
            && (1..=9).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn on_a_terminal_items_wrap_under_their_text_and_headings_stay_whole() {
        let text = "# 1:1 with Priya Raman, Tuesday 24 November 2026\n\n\
                    - [ ] #12 Send the deck to the board, due 2026-11-27 (theirs, task)\n\
                    - Trust: tasks. Entrust them with a result next.\n\n\
                    Restore them before entrusting them with anything new.\n";
        assert_eq!(
            fitted(text, None),
            text,
            "a pipe gets the Markdown as it is"
        );
        assert_eq!(
            fitted(text, Some(30)),
            "# 1:1 with Priya Raman, Tuesday 24 November 2026\n\n\
             - [ ] #12 Send the deck to the\n      board, due 2026-11-27\n      (theirs, task)\n\
             - Trust: tasks. Entrust them\n  with a result next.\n\n\
             Restore them before entrusting\nthem with anything new.\n"
        );
    }

    /// Chinese, Japanese and Korean break between ideographs, as every table does: a text
    /// written without spaces went whole to a line of its own and ran past the edge.
    #[test]
    fn on_a_terminal_ideographs_wrap_under_their_item() {
        let text = "- [ ] #1 审查拉取请求并写下详细的反馈意见以及后续的改进计划和时间安排\n";
        assert_eq!(
            fitted(text, Some(30)),
            "- [ ] #1 审查拉取请求并写下详\n      细的反馈意见以及后续的改\n      进计划和时间安排\n"
        );
    }

    /// A wrapped line never begins with what Markdown reads as a new list item, a quote, a
    /// heading or a code fence: such a word stays with the one before it.
    #[test]
    fn no_wrapped_line_begins_a_markdown_block() {
        let text = "- Ship the report - then 1. tidy - and + more > quoted # not ``` fenced\n\
                    Then 12) is fine but ---- and === are underlines\n";
        for width in 12..60 {
            let fitted = fitted(text, Some(width));
            for line in fitted.lines() {
                let rest = line.strip_prefix("- ").unwrap_or(line).trim_start();
                let first = rest.split(' ').next().unwrap_or("");
                assert!(
                    !super::starts_a_block(first) || line.starts_with("- Ship"),
                    "at {width}: {line:?}\n{fitted}"
                );
            }
            assert_eq!(
                fitted.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "every word kept, in order"
            );
        }
        // Nor where two spaces or more come before the word: the whole run holds it.
        for (text, widths) in [
            (
                "- #1 Sent the deck to the board.  - Next: the budget review with finance\n",
                40..60,
            ),
            ("- #2 Sign the lease and    + plus the deposit\n", 12..60),
        ] {
            for width in widths {
                for line in fitted(text, Some(width)).lines().skip(1) {
                    let first = line.trim_start().split(' ').next().unwrap_or("");
                    assert!(!super::starts_a_block(first), "at {width}: {line:?}");
                }
            }
        }
        // A no-break space of the text's own stays one, and the words after it are still held.
        assert_eq!(fitted("- a\u{a0}b c\n", Some(40)), "- a\u{a0}b c\n");
        let french = "- Réunion à 10 h\u{a0}: envoyer le compte rendu - then 1. tidy\n";
        for width in 12..70 {
            for line in fitted(french, Some(width)).lines().skip(1) {
                let first = line.trim_start().split(' ').next().unwrap_or("");
                assert!(!super::starts_a_block(first), "at {width}: {line:?}");
            }
        }
    }

    /// An outcome's note and an open promise's parts stay with the word before their
    /// separator: a line begun with `— note:` read as apart from the item it ends.
    #[test]
    fn no_wrapped_line_begins_with_a_separator() {
        let text = "- broken, 2026-11-02: #56 Cut p95 latency below 200 ms (theirs, result) — note: Missed without warning.\n\
                    - [ ] #12 Send the deck to the board · due 2026-11-27 · theirs, task\n";
        for width in 12..90 {
            let fitted = fitted(text, Some(width));
            for line in fitted.lines() {
                let first = line.trim_start().split(' ').next().unwrap_or("");
                assert!(
                    !matches!(first, "—" | "·"),
                    "at {width}: {line:?}\n{fitted}"
                );
            }
            assert_eq!(
                fitted.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "every word kept, in order"
            );
        }
    }

    proptest::proptest! {
        /// However the words of an item are spaced (runs of spaces too), at any width no line
        /// but the first begins with a word that starts a Markdown block, and every word is
        /// kept, in order.
        #[test]
        fn no_wrapped_line_begins_a_block_however_the_words_are_spaced(
            words in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        proptest::strategy::Just("-"),
                        proptest::strategy::Just("+"),
                        proptest::strategy::Just("*"),
                        proptest::strategy::Just("1."),
                        proptest::strategy::Just(">"),
                        proptest::strategy::Just("#"),
                        proptest::strategy::Just("```"),
                        proptest::strategy::Just("==="),
                        proptest::strategy::Just("the"),
                        proptest::strategy::Just("budget"),
                        proptest::strategy::Just("review"),
                    ],
                    1..5usize,
                ),
                1..16,
            ),
            width in 12..60usize,
        ) {
            let text: String = words
                .iter()
                .map(|(word, spaces)| format!("{word}{}", " ".repeat(*spaces)))
                .collect();
            let item = format!("- Start {}\n", text.trim_end());
            let fitted = fitted(&item, Some(width));
            for line in fitted.lines().skip(1) {
                let first = line.trim_start().split(' ').next().unwrap_or("");
                proptest::prop_assert!(!super::starts_a_block(first), "at {}: {:?}\n{}", width, line, fitted);
            }
            proptest::prop_assert_eq!(
                fitted.split_whitespace().collect::<Vec<_>>(),
                item.split_whitespace().collect::<Vec<_>>()
            );
        }
    }
}
