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
        // A thread the system cannot make (memory running low) stops the UI with one line
        // saying so, not with a panic.
        let thread = std::thread::Builder::new().spawn(move || {
            for effect in inbox {
                let _saving = saving.lock();
                if let Some(message) = perform(&mut store, effect)
                    && outbox.send(message).is_err()
                {
                    break;
                }
            }
        })?;
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
