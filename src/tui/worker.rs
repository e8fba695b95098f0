//! The thread that owns the data file while the UI runs: it carries out the effects `update`
//! returns (saves and reloads) in the order they were sent and reports each outcome as a
//! message, with the ledger it brings back already scored, and frees what the UI let go of;
//! so neither a slow save nor what follows it holds up a key press.

use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::keeper::perform;
use super::message::{Effect, Message};
use crate::store::{Patience, Store};

/// The worker thread and its two channels.
pub struct Worker {
    requests: Option<Sender<Effect>>,
    outcomes: Receiver<Message>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread on `store`. `saving` is held around every effect, so the signal
    /// watcher can wait for a save under way before it ends the process. A save that waits
    /// for another process's lock says so with [`Message::Waiting`] (keys keep working
    /// meanwhile), and gives up at once when `abandon` is set: the UI is stopping, and a save
    /// that has not started writing can be given up without harm.
    pub fn start(
        mut store: Store,
        saving: Arc<Mutex<()>>,
        abandon: Arc<AtomicBool>,
    ) -> std::io::Result<Worker> {
        let (requests, inbox) = mpsc::channel::<Effect>();
        let (outbox, outcomes) = mpsc::channel();
        let waiting = outbox.clone();
        store.set_patience(
            Patience::default()
                .on_wait(move |pid| {
                    let _ = waiting.send(Message::Waiting { pid });
                })
                .abandoned_by(abandon),
        );
        // A thread the system cannot make (memory running low, this user's limit reached)
        // stops the UI with one line saying so, not with a panic.
        let thread = std::thread::Builder::new()
            .spawn(move || {
                for effect in inbox {
                    let _saving = saving.lock();
                    if let Some(message) = perform(&mut store, effect)
                        && outbox.send(message).is_err()
                    {
                        break;
                    }
                }
            })
            .map_err(|e| not_started("the thread that saves its changes", e))?;
        Ok(Worker {
            requests: Some(requests),
            outcomes,
            thread: Some(thread),
        })
    }

    /// Hands an effect to the thread.
    pub fn send(&self, effect: Effect) {
        if let Some(requests) = &self.requests {
            // The thread only stops once `finish` dropped the sender.
            let _ = requests.send(effect);
        }
    }

    /// The next outcome that is ready, without waiting.
    pub fn outcome(&self) -> Option<Message> {
        self.outcomes.try_recv().ok()
    }

    /// Waits for every effect sent to be carried out, then stops the thread; returns the
    /// outcomes the UI had not taken yet (a save given up as it quit, say), so that it can
    /// still say what was not saved.
    pub fn finish(mut self) -> Vec<Message> {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.outcomes.try_iter().collect()
    }
}

/// The error of a thread the UI needs that the system would not make, naming `what` it is
/// and what to do: the system's words alone, "Resource temporarily unavailable", named
/// neither. EAGAIN is the limit on this user's processes and threads (`ulimit -u`) reached,
/// or the system's; another cause is given as the system said it.
pub fn not_started(what: &str, e: std::io::Error) -> std::io::Error {
    let said = if e.raw_os_error() == Some(libc::EAGAIN) {
        format!(
            "the UI could not start {what}: this user may start no more processes or threads ({e}). Raise the limit (`ulimit -u`, say `ulimit -u 4096`) or end some of this user's programs, and start it again"
        )
    } else {
        format!("the UI could not start {what}: {e}")
    };
    std::io::Error::new(e.kind(), said)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread the system would not make for want of room under a limit is named, with the
    /// limit to raise; the system's words alone had said only "Resource temporarily
    /// unavailable".
    #[test]
    fn a_thread_not_made_is_named_with_the_limit_to_raise() {
        let said = not_started(
            "its signal watcher",
            std::io::Error::from_raw_os_error(libc::EAGAIN),
        );
        assert_eq!(
            said.to_string(),
            "the UI could not start its signal watcher: this user may start no more processes or threads (Resource temporarily unavailable (os error 11)). Raise the limit (`ulimit -u`, say `ulimit -u 4096`) or end some of this user's programs, and start it again"
        );
        assert_eq!(said.kind(), std::io::ErrorKind::WouldBlock);
        assert_eq!(
            not_started(
                "the thread that saves its changes",
                std::io::Error::from_raw_os_error(libc::ENOMEM)
            )
            .to_string(),
            "the UI could not start the thread that saves its changes: Cannot allocate memory (os error 12)"
        );
    }
}
