//! The messages the status line showed, kept so that one it cut to fit, or one the next
//! message replaced before it was read, can still be read whole (the `messages` key). Only
//! what the model holds goes in: no clock, no disk. The log lives in the model, so it goes
//! with it when an encrypted ledger locks: its messages name colleagues and what they promised.

use std::collections::VecDeque;

use super::app::StatusLine;

/// How many messages are kept; past it the oldest goes.
pub const KEPT: usize = 50;

/// One message as the status line showed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// As it was said, before it is made safe to draw.
    pub text: String,
    /// An error or a refusal, drawn as the status line draws one.
    pub error: bool,
    /// How many times in a row it was said: one message said again is kept once, counted.
    pub times: u32,
}

impl Logged {
    /// The message as the log shows it: with ` (×N)` when it was said N times in a row.
    pub fn shown(&self) -> String {
        if self.times > 1 {
            format!("{} (×{})", self.text, self.times)
        } else {
            self.text.clone()
        }
    }
}

/// The last [`KEPT`] messages, oldest first.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MessageLog {
    kept: VecDeque<Logged>,
    /// The status line when it was last noted, and how many messages had been said by then:
    /// the same text said again counts once more, the same one left standing does not.
    noted: Option<(StatusLine, u64)>,
    /// How many messages were taken in, ever: one said again adds none, and one gone for
    /// being the oldest still counts. The popup measures by it what came in above its
    /// reader.
    taken: u64,
}

impl MessageLog {
    /// Notes what the status line shows now, `said` being how many messages had been put on
    /// it so far ([`super::app::App::say`] and its kin count them). A new message is kept; one
    /// the same as the last kept, said again, counts once more; an empty line keeps nothing.
    pub fn note(&mut self, status: &StatusLine, said: u64) {
        let now = (status.clone(), said);
        if self.noted.as_ref() == Some(&now) {
            return;
        }
        let changed = self
            .noted
            .as_ref()
            .is_none_or(|(was, _)| was.text != status.text || was.error != status.error);
        let again = self.noted.as_ref().is_some_and(|(_, was)| *was != said);
        self.noted = Some(now);
        if status.text.is_empty() || !(changed || again) {
            return;
        }
        match self.kept.back_mut() {
            Some(last) if last.text == status.text && last.error == status.error => {
                last.times = last.times.saturating_add(1);
            }
            _ => {
                if self.kept.len() == KEPT {
                    self.kept.pop_front();
                }
                self.kept.push_back(Logged {
                    text: status.text.clone(),
                    error: status.error,
                    times: 1,
                });
                self.taken = self.taken.saturating_add(1);
            }
        }
    }

    /// The messages kept, the newest first, as the log shows them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Logged> {
        self.kept.iter().rev()
    }

    /// How many messages were taken in since the log began (one said again adds none): those
    /// taken in after a given count are the newest, listed first.
    pub fn taken(&self) -> u64 {
        self.taken
    }

    /// How many messages are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no message was kept yet.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, error: bool) -> StatusLine {
        StatusLine {
            text: text.to_string(),
            error,
            only_in: None,
            short: None,
        }
    }

    fn texts(log: &MessageLog) -> Vec<String> {
        log.newest_first().map(Logged::shown).collect()
    }

    /// A message left standing is kept once however often it is noted; said again it counts
    /// once more, and a different one is a new entry.
    #[test]
    fn a_message_said_again_is_counted_and_one_left_standing_is_not() {
        let mut log = MessageLog::default();
        log.note(&line("Saved.", false), 1);
        log.note(&line("Saved.", false), 1);
        assert_eq!(texts(&log), ["Saved."]);
        log.note(&line("Saved.", false), 2);
        log.note(&line("Saved.", false), 3);
        assert_eq!(texts(&log), ["Saved. (×3)"]);
        assert_eq!(log.taken(), 1, "said again, it is not taken in again");
        log.note(&line("Saved.", true), 4);
        assert_eq!(log.taken(), 2);
        assert_eq!(
            texts(&log),
            ["Saved.", "Saved. (×3)"],
            "an error is another"
        );
    }

    /// An empty status line keeps nothing, and the same message after it is the one before
    /// it said again.
    #[test]
    fn an_empty_line_is_not_kept() {
        let mut log = MessageLog::default();
        log.note(&line("", false), 0);
        assert!(log.is_empty());
        log.note(&line("Filter cleared.", false), 1);
        log.note(&line("", false), 1);
        log.note(&line("Filter cleared.", false), 2);
        assert_eq!(texts(&log), ["Filter cleared. (×2)"]);
    }

    #[test]
    fn past_the_most_kept_the_oldest_goes() {
        let mut log = MessageLog::default();
        for n in 1..=KEPT + 1 {
            log.note(&line(&format!("message {n}"), false), n as u64);
        }
        assert_eq!(log.len(), KEPT);
        assert_eq!(log.taken(), KEPT as u64 + 1, "the one gone still counts");
        let newest: Vec<String> = texts(&log);
        assert_eq!(newest.first().map(String::as_str), Some("message 51"));
        assert_eq!(newest.last().map(String::as_str), Some("message 2"));
    }
}
