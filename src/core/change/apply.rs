//! [`Ledger::apply`]: the rules of every change, each stated once.

use super::fields::Outcome;
use super::records::same_promise;
use super::{Applied, Change, Done, Left, Moment, NewPromise, OnConflict, Set, Target};
use crate::core::ledger::{Among, Ledger, LedgerError, a_few};
use crate::core::model::{Person, PersonId, Promise, PromiseId, Status, Timestamp, Tombstone};
use crate::core::text::{self, MAX_NAME, MAX_NOTE, MAX_WHAT};
use crate::core::touch;

/// How long a tombstone is kept, in days: long enough for any copy of the ledger that still
/// has the record to be merged.
pub const TOMBSTONE_DAYS: i64 = 365;

impl Ledger {
    /// Applies one change, or refuses it and leaves the ledger exactly as it was: every rule
    /// is checked before the first record is touched.
    pub fn apply(&mut self, change: &Change, moment: &Moment) -> Result<Applied, LedgerError> {
        let applied = self.apply_in_place(change, moment)?;
        if applied.changed() {
            self.prune_tombstones(moment.now);
        }
        Ok(applied)
    }

    fn apply_in_place(&mut self, change: &Change, m: &Moment) -> Result<Applied, LedgerError> {
        match change {
            Change::AddPerson {
                name,
                role,
                note,
                cadence_days,
                again,
            } => self.new_person(name, role, note, *cadence_days, *again, m),
            Change::EditPerson {
                person,
                patch,
                on_conflict,
            } => {
                let Some(i) = self.locate_person(person, *on_conflict)? else {
                    let done = Done::EditedPerson {
                        id: person.id,
                        fields: Vec::new(),
                    };
                    return Ok(left_alone_as(done, vec![deleted_person()]));
                };
                let patch = patch.checked()?;
                // A new name someone else has. Their own name in another spelling (case,
                // accents) stays theirs, even where two were added under one name, unless
                // someone else is spelled just so: two exactly alike no table tells apart.
                let me = &self.people[i];
                let renamed =
                    (patch.name.as_ref().map(|set| set.to.as_str())).filter(|n| *n != me.name);
                let taken = |n: &str, p: &Person| {
                    p.id != me.id && (p.name == n || text::folded(n) != text::folded(&me.name))
                };
                if let Some(same) =
                    renamed.and_then(|n| self.same_name(n).into_iter().find(|p| taken(n, p)))
                {
                    return Err(LedgerError::NameTaken {
                        name: same.name.clone(),
                        handle: same.handle.clone(),
                        archived: same.archived,
                    });
                }
                let mut person = self.people[i].clone();
                let landed = patch.land(&mut person, *on_conflict)?;
                let id = person.id;
                let inverse = (!landed.changed.is_empty()).then(|| {
                    person.changed = m.now;
                    Change::EditPerson {
                        person: Target::exact(id, person.uid),
                        patch: landed.inverse,
                        on_conflict: OnConflict::KeepTheirs,
                    }
                });
                self.people[i] = person;
                Ok(Applied {
                    done: Done::EditedPerson {
                        id,
                        fields: landed.changed,
                    },
                    inverse,
                    left: landed.left.into_iter().map(Left::Field).collect(),
                })
            }
            Change::DeletePerson {
                person,
                force,
                promises,
            } => self.delete_person(person, *force, *promises, m.now),
            Change::AddPromise(new) => self.new_promise(new, m),
            Change::EditPromise {
                promise,
                patch,
                on_conflict,
            } => {
                let Some(i) = self.locate_promise(promise, *on_conflict)? else {
                    let done = Done::EditedPromise {
                        id: promise.id,
                        fields: Vec::new(),
                    };
                    return Ok(left_alone_as(done, vec![deleted_promise(promise)]));
                };
                let patch = lateness_follows_due(patch.checked()?, &self.promises[i]);
                let patch = outcome_follows_due(patch, &self.promises[i]);
                let before = &self.promises[i];
                let mut promise = before.clone();
                let landed = patch.land(&mut promise, *on_conflict)?;
                check_outcome(&promise)?;
                let id = promise.id;
                let mut undo = landed.inverse;
                // A keep this edit takes away (an undo's) that agreed with its dates is put
                // back by the redo as the dates say then.
                undo.outcome_follows_due = undo
                    .outcome
                    .as_ref()
                    .and_then(|set| set.to.on.map(|on| (set.to.status, on)))
                    .is_some_and(|(status, on)| {
                        matches!(status, Status::Kept | Status::KeptLate)
                            && before.kept_on(on) == status
                    });
                // The undo puts the outcome back as it was: where the due date it sets back
                // would turn it (one chosen against the dates, left alone by this edit), the
                // outcome is pinned in it, a set from itself to itself, which changes nothing
                // and keeps the due date from turning it, whatever it is by then.
                if undo.due.is_some()
                    && undo.outcome.is_none()
                    && lateness_follows_due(undo.clone(), &promise)
                        .outcome
                        .is_some()
                {
                    let now = Outcome::of(&promise);
                    undo.outcome = Some(Set::from(now, now));
                }
                let inverse = (!landed.changed.is_empty()).then(|| {
                    promise.changed = m.now;
                    Change::EditPromise {
                        promise: Target::exact(id, promise.uid),
                        patch: undo,
                        on_conflict: OnConflict::KeepTheirs,
                    }
                });
                self.promises[i] = promise;
                Ok(Applied {
                    done: Done::EditedPromise {
                        id,
                        fields: landed.changed,
                    },
                    inverse,
                    left: landed.left.into_iter().map(Left::Field).collect(),
                })
            }
            Change::Resolve {
                promise,
                status,
                on,
                note,
            } => self.resolve(promise, *status, *on, note.as_deref(), m),
            Change::Reopen { promise } => {
                let i = self.promise_at(promise)?;
                let p = &self.promises[i];
                if p.status == Status::Open {
                    return Err(LedgerError::AlreadyOpen(p.id));
                }
                check_reopen_day(p, m.today)?;
                // The note stays: whether it was given with the outcome or written before it
                // (an edit's) is not known, and one written before would be lost. The command
                // line and the UI say it stays, and how to clear it.
                let patch = super::PromisePatch {
                    outcome: Some(Set::from(Outcome::of(p), Outcome::OPEN)),
                    ..Default::default()
                };
                let edit = Change::EditPromise {
                    promise: Target::exact(p.id, p.uid),
                    patch,
                    on_conflict: OnConflict::Refuse,
                };
                let mut applied = self.apply_in_place(&edit, m)?;
                applied.done = Done::Reopened(self.promises[i].id);
                Ok(applied)
            }
            Change::DeletePromise { promise, seen } => {
                let i = self.promise_at(promise)?;
                let live = &self.promises[i];
                if seen.as_ref().is_some_and(|seen| !same_promise(live, seen)) {
                    return Err(LedgerError::PromiseChanged(live.id));
                }
                let gone = self.promises.remove(i);
                self.bury(gone.uid, m.now);
                let owners = self
                    .person(gone.person)
                    .map(|p| p.uid)
                    .into_iter()
                    .collect();
                Ok(Applied {
                    done: Done::DeletedPromise(gone.id),
                    inverse: Some(Change::PutBack {
                        people: Vec::new(),
                        promises: vec![gone],
                        owners,
                    }),
                    left: Vec::new(),
                })
            }
            Change::EditSettings {
                settings,
                on_conflict,
            } => self.edit_settings(settings, *on_conflict),
            Change::PutBack {
                people,
                promises,
                owners,
            } => Ok(self.put_back(people, promises, owners, m.now)),
            Change::TakeBack { people, promises } => Ok(self.take_back(people, promises, m.now)),
            Change::Import { people, promises } => self.import(people, promises, m),
        }
    }

    /// Where the person a change names is, or `None` when it is gone and the change keeps
    /// what others did (an undo); a change that refuses conflicts refuses that too.
    fn locate_person(
        &self,
        target: &Target<PersonId>,
        mode: OnConflict,
    ) -> Result<Option<usize>, LedgerError> {
        match (self.find_target_person(target), mode) {
            (Some(i), _) => Ok(Some(i)),
            (None, OnConflict::KeepTheirs) => Ok(None),
            (None, OnConflict::Refuse) => Err(LedgerError::NoSuchPerson(target.id)),
        }
    }

    fn locate_promise(
        &self,
        target: &Target<PromiseId>,
        mode: OnConflict,
    ) -> Result<Option<usize>, LedgerError> {
        match (self.find_target_promise(target), mode) {
            (Some(i), _) => Ok(Some(i)),
            (None, OnConflict::KeepTheirs) => Ok(None),
            (None, OnConflict::Refuse) => Err(LedgerError::NoSuchPromise(target.id)),
        }
    }

    fn promise_at(&self, target: &Target<PromiseId>) -> Result<usize, LedgerError> {
        self.find_target_promise(target)
            .ok_or(LedgerError::NoSuchPromise(target.id))
    }

    fn person_at(&self, target: &Target<PersonId>) -> Result<usize, LedgerError> {
        self.find_target_person(target)
            .ok_or(LedgerError::NoSuchPerson(target.id))
    }

    /// By uid when the target has one (checking the number first, the usual case), else by
    /// number.
    pub(crate) fn find_target_person(&self, target: &Target<PersonId>) -> Option<usize> {
        let by_id = self.person_index(target.id);
        match target.uid {
            None => by_id,
            Some(uid) => by_id
                .filter(|i| self.people[*i].uid == uid)
                .or_else(|| self.people.iter().position(|p| p.uid == uid)),
        }
    }

    pub(crate) fn find_target_promise(&self, target: &Target<PromiseId>) -> Option<usize> {
        let by_id = self.promise_index(target.id);
        match target.uid {
            None => by_id,
            Some(uid) => by_id
                .filter(|i| self.promises[*i].uid == uid)
                .or_else(|| self.promises.iter().position(|p| p.uid == uid)),
        }
    }

    fn new_person(
        &mut self,
        name: &str,
        role: &str,
        note: &str,
        cadence_days: Option<u32>,
        again: bool,
        m: &Moment,
    ) -> Result<Applied, LedgerError> {
        let name = text::required("name", name, MAX_NAME)?;
        let same = self.same_name(&name);
        if !again && let Some(first) = same.first() {
            let handles: Vec<String> = same
                .iter()
                .map(|p| match p.archived {
                    true => format!("{} (archived)", p.handle),
                    false => p.handle.clone(),
                })
                .collect();
            let handles: Vec<&str> = handles.iter().map(String::as_str).collect();
            // As `person restore` finds them, which a handle that is another's whole name
            // too does not.
            let archived = (same.iter().filter(|p| p.archived))
                .map(|p| self.typed_as(p, Among::Archived))
                .collect();
            return Err(LedgerError::SameName {
                name: first.name.clone(),
                // A dozen of one name would make the refusal a paragraph: the first few, as
                // every list of people in a message, and how many more.
                handles: a_few(&handles, "and"),
                archived,
            });
        }
        let role = text::optional("role", role, MAX_NAME)?;
        let note = text::optional("note", note, MAX_NOTE)?;
        if let Some(days) = cadence_days.filter(|days| !touch::cadence_fits(*days)) {
            return Err(LedgerError::BadCadence { days });
        }
        let handle = self.unique_handle(&name);
        let id = self.take_person_id()?;
        let person = Person {
            id,
            uid: m.uid_for("person", id.0),
            handle,
            name,
            role,
            note,
            created: m.today,
            archived: false,
            changed: m.now,
            cadence_days,
            last_prep: None,
        };
        self.insert_person(person.clone());
        Ok(Applied {
            done: Done::AddedPerson(id),
            inverse: Some(Change::TakeBack {
                people: vec![person],
                promises: Vec::new(),
            }),
            left: Vec::new(),
        })
    }

    fn delete_person(
        &mut self,
        target: &Target<PersonId>,
        force: bool,
        seen: Option<usize>,
        now: Timestamp,
    ) -> Result<Applied, LedgerError> {
        let i = self.person_at(target)?;
        let id = self.people[i].id;
        let count = self.promises_of(id).count();
        if let Some(seen) = seen.filter(|seen| *seen != count) {
            return Err(LedgerError::PromisesChanged {
                name: self.people[i].name.clone(),
                seen,
                count,
            });
        }
        if count > 0 && !force {
            let person = &self.people[i];
            return Err(LedgerError::PersonHasPromises {
                handle: person.handle.clone(),
                count,
                archive: (!person.archived).then(|| self.typed_as(person, Among::ToArchive)),
                rm: self.typed_as(person, Among::Everyone),
            });
        }
        let (promises, kept): (Vec<Promise>, Vec<Promise>) = std::mem::take(&mut self.promises)
            .into_iter()
            .partition(|p| p.person == id);
        self.promises = kept;
        let person = self.people.remove(i);
        for p in &promises {
            self.bury(p.uid, now);
        }
        self.bury(person.uid, now);
        Ok(Applied {
            done: Done::DeletedPerson {
                id,
                handle: person.handle.clone(),
                name: person.name.clone(),
                promises: count,
            },
            inverse: Some(Change::PutBack {
                owners: vec![person.uid; promises.len()],
                people: vec![person],
                promises,
            }),
            left: Vec::new(),
        })
    }

    fn new_promise(&mut self, new: &NewPromise, m: &Moment) -> Result<Applied, LedgerError> {
        let what = text::required("what", &new.what, MAX_WHAT)?;
        let person = &self.people[self.person_at(&new.person)?];
        if person.archived {
            return Err(LedgerError::Archived {
                handle: person.handle.clone(),
                restore: self.typed_as(person, Among::Archived),
            });
        }
        let person = person.id;
        if let Some((status, on)) = new.outcome {
            check_new_outcome(self.next_promise_id, status, on, new.made, m)?;
        }
        let id = self.take_promise_id()?;
        let (status, resolved) = new
            .outcome
            .map_or((Status::Open, None), |(status, on)| (status, Some(on)));
        let promise = Promise {
            id,
            uid: m.uid_for("promise", id.0),
            person,
            direction: new.direction,
            level: new.level,
            what,
            made: new.made,
            due: new.due,
            status,
            resolved,
            note: String::new(),
            changed: m.now,
        };
        self.insert_promise(promise.clone());
        Ok(Applied {
            done: Done::AddedPromise {
                id,
                person,
                outcome: new.outcome.map(|(status, _)| status),
            },
            inverse: Some(Change::TakeBack {
                people: Vec::new(),
                promises: vec![promise],
            }),
            left: Vec::new(),
        })
    }

    fn resolve(
        &mut self,
        target: &Target<PromiseId>,
        status: Status,
        on: chrono::NaiveDate,
        note: Option<&str>,
        m: &Moment,
    ) -> Result<Applied, LedgerError> {
        let i = self.promise_at(target)?;
        let p = &self.promises[i];
        if p.status.is_resolved() {
            return Err(LedgerError::AlreadyResolved {
                id: p.id,
                status: p.status,
                on: p.resolved,
            });
        }
        check_new_outcome(p.id, status, on, p.made, m)?;
        let patch = super::PromisePatch {
            outcome: Some(Set::from(
                Outcome::OPEN,
                Outcome {
                    status,
                    on: Some(on),
                },
            )),
            note: note.map(|n| Set::from(p.note.clone(), n.to_string())),
            ..Default::default()
        };
        let edit = Change::EditPromise {
            promise: Target::exact(p.id, p.uid),
            patch,
            on_conflict: OnConflict::Refuse,
        };
        let mut applied = self.apply_in_place(&edit, m)?;
        applied.done = Done::Resolved {
            id: self.promises[i].id,
            status,
        };
        Ok(applied)
    }

    fn edit_settings(
        &mut self,
        set: &Set<crate::core::Settings>,
        mode: OnConflict,
    ) -> Result<Applied, LedgerError> {
        if let Some(problem) = set.to.problem() {
            return Err(LedgerError::BadSettings(problem));
        }
        let done = Done::EditedSettings;
        if self.settings == set.to {
            return Ok(left_alone_as(done, Vec::new()));
        }
        if set.was.as_ref().is_some_and(|was| *was != self.settings) {
            let conflict = super::Conflict {
                record: "settings".into(),
                field: "settings".into(),
                mine: format!("{:?}", set.to),
                theirs: format!("{:?}", self.settings),
            };
            return match mode {
                OnConflict::Refuse => Err(LedgerError::Conflict(vec![conflict])),
                OnConflict::KeepTheirs => Ok(left_alone_as(done, vec![Left::Field(conflict)])),
            };
        }
        let old = std::mem::replace(&mut self.settings, set.to.clone());
        Ok(Applied {
            done,
            inverse: Some(Change::EditSettings {
                settings: Set::from(set.to.clone(), old),
                on_conflict: OnConflict::KeepTheirs,
            }),
            left: Vec::new(),
        })
    }

    /// Leaves a tombstone for a deleted record.
    pub(super) fn bury(&mut self, uid: crate::core::Uid, now: Timestamp) {
        self.tombstones.retain(|t| t.uid != uid);
        self.tombstones.push(Tombstone {
            uid,
            deleted: now,
            into: None,
        });
    }

    /// Forgets tombstones older than [`TOMBSTONE_DAYS`].
    fn prune_tombstones(&mut self, now: Timestamp) {
        let cutoff = now.at() - chrono::Duration::days(TOMBSTONE_DAYS);
        self.tombstones.retain(|t| t.deleted.at() >= cutoff);
    }
}

/// The rules of an outcome being recorded now: a real outcome, not after today, not before
/// the promise was made.
pub(super) fn check_new_outcome(
    id: PromiseId,
    status: Status,
    on: chrono::NaiveDate,
    made: chrono::NaiveDate,
    m: &Moment,
) -> Result<(), LedgerError> {
    if status == Status::Open {
        return Err(LedgerError::ResolveAsOpen);
    }
    check_outcome_day(id, on, made, m.today)
}

/// The day of an outcome being recorded on `today`: not after it, not before the promise was
/// made. Forms check it as they check their fields, in these words.
pub fn check_outcome_day(
    id: PromiseId,
    on: chrono::NaiveDate,
    made: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), LedgerError> {
    if on > today {
        return Err(LedgerError::FutureOutcome { on, today });
    }
    // Made on a day still to come: no day `--on` can give is both after it and not in the
    // future, so the refusal names the `--today` that takes it.
    if made > today {
        return Err(LedgerError::MadeAfterToday { id, today, made });
    }
    if on < made {
        return Err(LedgerError::ResolvedBeforeMade { id, on, made });
    }
    Ok(())
}

/// A resolved promise being reopened on `today`: looking back at a day before it was made, or
/// before its outcome, there was no outcome to forget. Forms and keys check it first, in these
/// words.
pub fn check_reopen_day(p: &Promise, today: chrono::NaiveDate) -> Result<(), LedgerError> {
    if p.made > today {
        return Err(LedgerError::ReopenedBeforeMade {
            id: p.id,
            today,
            made: p.made,
        });
    }
    match p.resolved {
        Some(on) if on > today => Err(LedgerError::ReopenedBeforeOutcome {
            id: p.id,
            today,
            status: p.status,
            on,
        }),
        _ => Ok(()),
    }
}

/// An outcome set by an edit (an undo or redo) must still be whole: a day with every
/// resolved status, none while open, and not before the promise was made.
fn check_outcome(p: &Promise) -> Result<(), LedgerError> {
    match (p.status, p.resolved) {
        (Status::Open, Some(_)) => Err(LedgerError::OpenWithDay),
        (status, None) if status.is_resolved() => Err(LedgerError::OutcomeWithoutDay { status }),
        (_, Some(on)) if on < p.made => Err(LedgerError::ResolvedBeforeMade {
            id: p.id,
            on,
            made: p.made,
        }),
        _ => Ok(()),
    }
}

/// A person deleted elsewhere: their name went with them, and their number is shown nowhere.
fn deleted_person() -> Left {
    Left::Deleted("the person".to_string())
}

fn deleted_promise(target: &Target<PromiseId>) -> Left {
    Left::Deleted(format!("#{}", target.id))
}

/// A change that did nothing, and what it left alone.
fn left_alone_as(done: Done, left: Vec<Left>) -> Applied {
    Applied {
        done,
        inverse: None,
        left,
    }
}

/// A patch whose kept outcome follows the due date ([`super::PromisePatch::outcome_follows_due`])
/// sets kept or kept late as the due date the promise will have says.
fn outcome_follows_due(mut patch: super::PromisePatch, p: &Promise) -> super::PromisePatch {
    if !patch.outcome_follows_due {
        return patch;
    }
    let due = patch.due.as_ref().map_or(p.due, |set| set.to);
    if let Some(set) = &mut patch.outcome
        && let Some(on) = set.to.on
        && matches!(set.to.status, Status::Kept | Status::KeptLate)
    {
        set.to.status = Promise { due, ..p.clone() }.kept_on(on);
    }
    patch
}

/// A kept promise whose due date is changed is kept late, or kept on time, as its new due
/// date says ([`Promise::kept_on`]), unless the edit sets the outcome itself, or the outcome
/// was chosen against the old dates (`--on-time`, `--late`): a kept record that contradicts
/// its own dates would count wrong, but a person's word on it stands. The outcome goes into
/// the patch, so that undo puts back the old one with the old date.
fn lateness_follows_due(mut patch: super::PromisePatch, p: &Promise) -> super::PromisePatch {
    let (Some(due), None, Some(on)) = (&patch.due, &patch.outcome, p.resolved) else {
        return patch;
    };
    if !matches!(p.status, Status::Kept | Status::KeptLate) || p.kept_on(on) != p.status {
        return patch;
    }
    let now = Promise {
        due: due.to,
        ..p.clone()
    }
    .kept_on(on);
    if now != p.status {
        let to = Outcome {
            status: now,
            on: Some(on),
        };
        patch.outcome = Some(Set::from(Outcome::of(p), to));
    }
    patch
}
