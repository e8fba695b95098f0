use super::*;
use crate::core::change::{Moment, NewPromise};
use crate::core::dates::parse_iso;

fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

fn at() -> Moment {
    Moment::fixed(d("2026-11-02"), "ledger tests")
}

#[test]
fn a_record_is_found_by_its_number_as_a_search_of_the_whole_list_finds_it() {
    // Numbers from 0 or 1 with runs of gaps of every length, as deletions leave them.
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        state >> 33
    };
    for case in 0..200 {
        let mut numbers = Vec::new();
        let mut n = case % 2;
        for _ in 0..(case * 3) {
            numbers.push(n);
            n += 1 + match next() % 10 {
                0..=6 => 0,
                7 | 8 => next() % 5,
                _ => next() % 300,
            };
        }
        for id in 0..n + 3 {
            assert_eq!(
                index_of(&numbers, id, |n| *n),
                numbers.binary_search(&id).ok(),
                "{id} in {numbers:?}"
            );
        }
        assert_eq!(index_of(&numbers, u64::MAX, |n| *n), None);
    }
}

#[test]
fn handles_are_unique_slugs() {
    let mut l = Ledger::default();
    let a = l.add_person("Priya Raman", "", "", at()).unwrap();
    let b = l.add_person("priya raman", "", "", at()).unwrap();
    let c = l.add_person("Priya  Raman!", "", "", at()).unwrap();
    assert_eq!(l.person(a).unwrap().handle, "priya-raman");
    assert_eq!(l.person(b).unwrap().handle, "priya-raman-2");
    assert_eq!(l.person(c).unwrap().handle, "priya-raman-3");
}

#[test]
fn numbers_are_never_reused() {
    let mut l = Ledger::default();
    let p = l.add_person("A", "", "", at()).unwrap();
    let made = d("2026-11-01");
    let first = l
        .add_promise(NewPromise::task(p, "one", made), at())
        .unwrap();
    let second = l
        .add_promise(NewPromise::task(p, "two", made), at())
        .unwrap();
    let delete = crate::core::Change::DeletePromise {
        promise: crate::core::change::Target::id(second),
        seen: None,
    };
    l.apply(&delete, &at()).unwrap();
    let third = l
        .add_promise(NewPromise::task(p, "three", made), at())
        .unwrap();
    assert_eq!(
        (first, second, third),
        (PromiseId(1), PromiseId(2), PromiseId(3))
    );
}

#[test]
fn the_largest_number_in_a_file_ends_new_numbers_with_an_error() {
    // A file may hold any u64 as a number; after the largest one there is none left.
    let mut l = Ledger::default();
    let p = l.add_person("Max", "", "", at()).unwrap();
    l.add_promise(NewPromise::task(p, "last", d("2026-11-01")), at())
        .unwrap();
    l.people[0].id = PersonId(u64::MAX);
    l.promises[0].id = PromiseId(u64::MAX);
    l.promises[0].person = PersonId(u64::MAX);
    assert_eq!(
        l.add_person("B", "", "", at()),
        Err(LedgerError::IdsExhausted)
    );
    assert_eq!(
        l.add_promise(
            NewPromise::task(PersonId(u64::MAX), "one more", d("2026-11-01")),
            at()
        ),
        Err(LedgerError::IdsExhausted)
    );
    assert_eq!((l.people.len(), l.promises.len()), (1, 1));
}

#[test]
fn find_person_leaves_out_marks_where_nothing_matches_as_typed() {
    let mut l = Ledger::default();
    let sean = l.add_person("Seán O'Brien", "", "", at()).unwrap();
    let mary = l.add_person("Mary-Jane Watts", "", "", at()).unwrap();
    let obi = l.add_person("Obi Brown", "", "", at()).unwrap();
    assert_eq!(l.find_person("obrien"), Ok(sean));
    assert_eq!(l.find_person("O BRIEN"), Ok(sean));
    assert_eq!(l.find_person("seanobr"), Ok(sean));
    assert_eq!(l.find_person("maryjane"), Ok(mary));
    assert_eq!(l.find_person("mary.jane"), Ok(mary));
    // What matches as typed is never widened: `ob` begins Obi alone, not O'Brien too.
    assert_eq!(l.find_person("ob"), Ok(obi));
    assert_eq!(l.find_person("o'b"), Ok(sean));
    let one = l.add_person("#1", "", "", at()).unwrap();
    assert_eq!(l.find_person("1"), Ok(one));
    assert!(matches!(
        l.find_person("#+1"),
        Err(LedgerError::UnknownPerson { .. })
    ));
    assert!(matches!(
        l.find_person("'-."),
        Err(LedgerError::UnknownPerson { .. })
    ));
}

#[test]
fn find_person_by_prefix() {
    let mut l = Ledger::default();
    let priya = l.add_person("Priya Raman", "", "", at()).unwrap();
    let pat = l.add_person("Pat Lee", "", "", at()).unwrap();
    let wang = l.add_person("王芳", "", "", at()).unwrap();
    assert_eq!(l.find_person("priya-raman"), Ok(priya));
    assert_eq!(l.find_person("PRI"), Ok(priya));
    assert_eq!(l.find_person("pat"), Ok(pat));
    assert_eq!(l.find_person("王"), Ok(wang));
    assert_eq!(l.find_person("#2"), Ok(pat));
    match l.find_person("p") {
        Err(LedgerError::AmbiguousPerson { candidates, .. }) => assert_eq!(
            candidates,
            vec!["priya-raman (Priya Raman)", "pat-lee (Pat Lee)"]
        ),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(
        l.find_person("p").unwrap_err().to_string(),
        "'p' could mean priya-raman (Priya Raman), pat-lee (Pat Lee); type more of the name, \
         or the handle"
    );
    assert_eq!(
        l.find_person("zed"),
        Err(LedgerError::UnknownPerson {
            query: "zed".into(),
            nearest: None,
            nobody: false
        })
    );
    // A typo is answered with the one person it is near: a letter missing, two letters
    // swapped (one edit), and two edits when what was typed is six letters or more,
    // though the word is shorter.
    for typed in ["prya", "pryia", "rman", "rammaan"] {
        assert_eq!(
            l.find_person(typed).unwrap_err().to_string(),
            format!("no person matches '{typed}'; did you mean priya-raman (Priya Raman)?")
        );
    }
    assert_eq!(
        l.find_person("zed").unwrap_err().to_string(),
        "no person matches 'zed' (see `trustladder person list --all`)"
    );
    // One archived is said to be so: the lists leave them out, and a new promise is
    // refused them until they are restored.
    l.set_archived(pat, true, at()).unwrap();
    assert_eq!(
        l.find_person("pta-lee").unwrap_err().to_string(),
        "no person matches 'pta-lee'; did you mean pat-lee (Pat Lee, archived)?"
    );
}

/// Two people of one name, named by a prefix of it: more of the name would fit both, so
/// the error says to type a handle, which tells them apart (the first's handle, the name
/// whole, names them).
#[test]
fn a_prefix_of_a_name_two_people_share_asks_for_a_handle() {
    let mut l = Ledger::default();
    let first = l.add_person("张伟", "", "", at()).unwrap();
    let second = l.add_person("张伟", "", "", at()).unwrap();
    assert_eq!(
        l.find_person("张").unwrap_err().to_string(),
        "'张' could mean 张伟 (张伟), 张伟-2 (张伟); they have the same name: type the \
         handle of the one you mean"
    );
    assert_eq!(l.find_person("张伟"), Ok(first));
    assert_eq!(l.find_person("张伟-2"), Ok(second));
    // Among other names, more of the name is a way out.
    l.add_person("张芳", "", "", at()).unwrap();
    match l.find_person("张") {
        Err(LedgerError::AmbiguousPerson { tip, .. }) => {
            assert_eq!(tip, "type more of the name, or the handle")
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

/// A prefix that fits many people names the first eight and counts the rest, so the
/// error stays one short line on a large ledger.
#[test]
fn an_ambiguous_prefix_names_a_handful_and_counts_the_rest() {
    let mut l = Ledger::default();
    for n in 1..=30 {
        l.add_person(&format!("Ann {n:02}"), "", "", at()).unwrap();
    }
    let error = l.find_person("an").unwrap_err();
    match &error {
        LedgerError::AmbiguousPerson { candidates, .. } => assert_eq!(candidates.len(), 30),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "'an' could mean ann-01 (Ann 01), ann-02 (Ann 02), ann-03 (Ann 03), ann-04 (Ann 04), \
         ann-05 (Ann 05), ann-06 (Ann 06), ann-07 (Ann 07), ann-08 (Ann 08) and 22 more; \
         type more of the name, or the handle"
    );
}

/// Names and handles are compared with full case folding: ß is ss and ς is σ, so a name
/// typed in capitals finds its person, and a handle made with σ where ς ends a word (as
/// earlier versions made them) is found by either.
#[test]
fn names_and_handles_match_with_full_case_folding() {
    let mut l = Ledger::default();
    let strasse = l.add_person("Straße Meißner", "", "", at()).unwrap();
    let nikos = l.add_person("Νίκος Παπαδόπουλος", "", "", at()).unwrap();
    assert_eq!(l.person(nikos).unwrap().handle, "νίκος-παπαδόπουλος");
    assert_eq!(l.find_person("ΝΙΚΟΣ"), Ok(nikos));
    assert_eq!(l.find_person("STRASSE"), Ok(strasse));
    assert_eq!(l.find_person("meiss"), Ok(strasse));
    assert_eq!(l.same_name("STRASSE MEISSNER").len(), 1);
    assert_eq!(l.same_name("ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ").len(), 1);
    // A handle stored as an earlier version made it.
    l.people[1].handle = "νίκοσ-παπαδόπουλοσ".into();
    assert_eq!(l.find_person("νίκος-παπαδόπουλος"), Ok(nikos));
    assert_eq!(l.find_person("νίκοσ-παπαδόπουλοσ"), Ok(nikos));
}

/// A letter that is two to Unicode's compatibility decomposition is found by those two:
/// `dzemal` found no one beside `ǅemal Hodžić`, whose ǅ is one letter, only a guess at
/// them; nor `ijsbrand` Ĳsbrand.
#[test]
fn a_compatibility_letter_is_found_by_its_letters() {
    let mut l = Ledger::default();
    let dzemal = l.add_person("ǅemal Hodžić", "", "", at()).unwrap();
    let ijsbrand = l.add_person("Ĳsbrand Kok", "", "", at()).unwrap();
    for typed in ["dzemal", "DZEMAL", "ǆemal", "Džemal", "dzemal-hodzic"] {
        assert_eq!(l.find_person(typed), Ok(dzemal), "{typed}");
    }
    assert_eq!(l.find_person("ijsbrand"), Ok(ijsbrand));
    assert_eq!(l.same_name("Dzemal Hodzic").len(), 1);
}

/// Æ, Œ and Þ, which no decomposition takes apart, are found by the two letters typed for
/// them, and ð by d: `aero` found no one beside Ærø Dahl, nor `thordur` Þórður.
#[test]
fn a_letter_typed_as_two_is_found_by_them() {
    let mut l = Ledger::default();
    let aero = l.add_person("Ærø Dahl", "", "", at()).unwrap();
    let thordur = l.add_person("Þórður Œlund", "", "", at()).unwrap();
    for typed in ["aero", "AERO", "ærø", "aero-dahl"] {
        assert_eq!(l.find_person(typed), Ok(aero), "{typed}");
    }
    assert_eq!(l.find_person("thordur"), Ok(thordur));
    assert_eq!(l.find_person("oelund"), Ok(thordur));
    assert_eq!(l.same_name("Aero Dahl").len(), 1);
}

/// A name a dozen people here have is refused naming the first eight of them and how many
/// more, as every other list of people in a message: not a paragraph of handles.
#[test]
fn a_name_many_have_is_refused_naming_a_handful_of_them() {
    use crate::core::Change;
    let mut l = Ledger::default();
    for _ in 0..12 {
        l.add_person("Wei Zhang", "", "", at()).unwrap();
    }
    let add = Change::AddPerson {
        name: "wei zhang".into(),
        role: String::new(),
        note: String::new(),
        cadence_days: None,
        again: false,
    };
    assert_eq!(
        l.apply(&add, &at()).map(|_| ()).unwrap_err().to_string(),
        "Wei Zhang is already here as wei-zhang, wei-zhang-2, wei-zhang-3, wei-zhang-4, \
         wei-zhang-5, wei-zhang-6, wei-zhang-7, wei-zhang-8 and 4 more; to add another \
         person of that name, say so (--again)"
    );
}

/// Characters that draw nothing make no other name: a name with a zero-width space, a
/// byte-order mark, a word joiner or a soft hyphen in it is the name without them, to the
/// same-name check and to a lookup, and a refusal says to type it without them.
#[test]
fn characters_that_draw_nothing_make_no_other_name() {
    use crate::core::Change;
    let mut l = Ledger::default();
    let priya = l
        .add_person("\u{feff}Priya Raman\u{200b}", "", "", at())
        .unwrap();
    assert_eq!(l.person(priya).unwrap().name, "Priya Raman", "ends trimmed");
    for name in [
        "Priya Raman",
        "Pri\u{ad}ya Ra\u{2060}man",
        "Priya\u{200b} Raman",
    ] {
        let add = Change::AddPerson {
            name: name.into(),
            role: String::new(),
            note: String::new(),
            cadence_days: None,
            again: false,
        };
        assert_eq!(
            l.apply(&add, &at()).map(|_| ()),
            Err(LedgerError::SameName {
                name: "Priya Raman".into(),
                handles: "priya-raman".into(),
                archived: Vec::new(),
            }),
            "{name:?}"
        );
    }
    // Stored with one inside (a name edited in the file), named without it.
    l.people[0].name = "Pri\u{200b}ya Raman".into();
    assert_eq!(l.find_person("priya raman"), Ok(priya));
    l.add_person("Zora", "", "", at()).unwrap();
    l.people[1].name = "Zo\u{200b}ra Quinn".into();
    l.add_person("Zora", "", "", at()).unwrap();
    match l.find_person("zora") {
        Err(LedgerError::AmbiguousPerson { tip, .. }) => assert_eq!(
            tip,
            "it is the handle of the first and the whole name of the other: \
             type 'Zora Quinn' for the first, or zora-2"
        ),
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

/// A handle that is someone else's whole name too (Zora, renamed Zora Quinn, keeps the
/// handle zora; the Zora added since is zora-2) names neither alone; where both have that
/// name, the handle is the one way to name its person and wins. Handles alike but for
/// accents are told apart by the one typed, in any case.
#[test]
fn a_handle_that_is_another_s_whole_name_names_neither_alone() {
    let mut l = Ledger::default();
    let quinn = l.add_person("Zora", "", "", at()).unwrap();
    // Renamed: the handle stays.
    l.people[0].name = "Zora Quinn".into();
    let zora = l.add_person("Zora", "", "", at()).unwrap();
    assert_eq!(l.person(zora).unwrap().handle, "zora-2");
    match l.find_person("Zora") {
        Err(e @ LedgerError::AmbiguousPerson { .. }) => assert_eq!(
            e.to_string(),
            "'Zora' could mean zora (Zora Quinn), zora-2 (Zora); it is the handle of the \
             first and the whole name of the other: type 'Zora Quinn' for the first, or zora-2"
        ),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(l.find_person("zora-2"), Ok(zora));
    assert_eq!(l.find_person("zora quinn"), Ok(quinn));
    // Both named Sam: the handle is the way to the first.
    let mut l = Ledger::default();
    let sam = l.add_person("Sam", "", "", at()).unwrap();
    let twin = l.add_person("Sam", "", "", at()).unwrap();
    assert_eq!(l.find_person("sam"), Ok(sam));
    assert_eq!(l.find_person("sam-2"), Ok(twin));
    // Accents aside alike: the handle as typed, in any case.
    let mut l = Ledger::default();
    let plain = l.add_person("Jose Alvarez", "", "", at()).unwrap();
    let accented = l.add_person("José Álvarez", "", "", at()).unwrap();
    assert_eq!(l.find_person("JOSE-ALVAREZ"), Ok(plain));
    assert_eq!(l.find_person("JOSÉ-ÁLVAREZ"), Ok(accented));
}

/// The word a message gives for a command to name someone is one that finds them: a
/// handle that is someone else's whole name too (the Zora rule) names neither, so the
/// hints said `person restore zora`, which was refused as ambiguous.
#[test]
fn the_word_a_message_gives_for_someone_finds_them() {
    let mut l = Ledger::default();
    let quinn = l.add_person("Zora", "", "", at()).unwrap();
    l.people[0].name = "Zora Quinn".into();
    let zora = l.add_person("Zora", "", "", at()).unwrap();
    let sam = l.add_person("Sam", "", "", at()).unwrap();
    let word = |l: &Ledger, id| l.typed_as(l.person(id).unwrap(), Among::Archived);
    assert_eq!(word(&l, quinn), "'Zora Quinn'");
    assert_eq!(word(&l, zora), "zora-2");
    assert_eq!(word(&l, sam), "sam");
    for id in [quinn, zora, sam] {
        let typed = word(&l, id).replace('\'', "");
        assert_eq!(l.find_person_among(&typed, Among::Archived), Ok(id));
    }
    // A name another shares, and a handle that is someone's whole name: the number.
    l.people[2].name = "Zora Quinn".into();
    assert_eq!(word(&l, quinn), "'#1'");
    assert_eq!(l.find_person_among("#1", Among::Archived), Ok(quinn));
}

/// A name of nothing but what draws nothing is quoted so it shows: a zero-width space
/// pasted alone was said as no person matches '', as if nothing had been typed. A blank
/// (nothing, or spaces) is said to name no one: it too was no person matches ''.
#[test]
fn a_name_of_nothing_visible_is_quoted_so_it_shows() {
    let mut l = Ledger::default();
    l.add_person("Ann", "", "", at()).unwrap();
    assert_eq!(
        l.find_person("\u{200b}").unwrap_err().to_string(),
        "no person matches '\\u{200b}' (see `trustladder person list --all`)"
    );
    for blank in ["", "  ", "\t", "\u{3000}"] {
        for among in [Among::Active, Among::Archived, Among::Everyone] {
            assert_eq!(
                l.find_person_among(blank, among),
                Err(LedgerError::BlankPerson),
                "{blank:?}"
            );
        }
    }
    assert_eq!(
        LedgerError::BlankPerson.to_string(),
        "a blank names no one: give a handle or a name (see `trustladder person list --all`)"
    );
}

/// Handles alike but for accents are told apart by the one typed in either Unicode form:
/// typed with combining accents (as text pasted from some places is), the accented handle
/// was refused as fitting both, with "type the handle" as the way out.
#[test]
fn a_handle_typed_with_combining_accents_is_the_accented_one() {
    let mut l = Ledger::default();
    let plain = l.add_person("Jose Alvarez", "", "", at()).unwrap();
    let accented = l.add_person("José Álvarez", "", "", at()).unwrap();
    assert_eq!(l.find_person("jose\u{301}-a\u{301}lvarez"), Ok(accented));
    assert_eq!(l.find_person("JOSE\u{301}-A\u{301}LVAREZ"), Ok(accented));
    // A zero-width space pasted inside it is left out, as the fold leaves it out.
    assert_eq!(l.find_person("josé-\u{200b}álvarez"), Ok(accented));
    assert_eq!(l.find_person("jose-\u{200b}alvarez"), Ok(plain));
}

/// An exact handle wins in any case; a prefix that fits an archived and an active person
/// means the one the command acts on, or, for a command that could act on either, no one.
#[test]
fn an_exact_handle_wins_in_any_case_and_a_shared_prefix_goes_by_the_command() {
    let mut l = Ledger::default();
    let ann = l.add_person("Ann", "", "", at()).unwrap();
    let anna = l.add_person("Anna Lee", "", "", at()).unwrap();
    let bob = l.add_person("Bob Stone", "", "", at()).unwrap();
    let bobby = l.add_person("Bobby Tables", "", "", at()).unwrap();
    for id in [ann, bob] {
        let i = l.people.iter().position(|p| p.id == id).unwrap();
        l.people[i].archived = true;
    }
    for query in ["ann", "Ann", "ANN"] {
        for among in [Among::Active, Among::Archived, Among::Everyone] {
            assert_eq!(
                l.find_person_among(query, among),
                Ok(ann),
                "{query} {among:?}"
            );
        }
    }
    assert_eq!(l.find_person("anna"), Ok(anna));
    assert_eq!(l.find_person_among("bob", Among::Active), Ok(bobby));
    assert_eq!(l.find_person_among("bob", Among::Archived), Ok(bob));
    assert!(matches!(
        l.find_person_among("bob", Among::Everyone),
        Err(LedgerError::AmbiguousPerson { .. })
    ));
    assert_eq!(l.find_person_among("bob-stone", Among::Everyone), Ok(bob));
}

/// `person restore Ann`, `ann` the handle of someone active (renamed Bob Ray) and `Ann`
/// the start of an archived Ann Lee's name, found the active one, and the restore said
/// nothing changed: a restore now names both and restores neither. Where the handle's
/// own is archived, or no one archived fits, the handle still wins.
#[test]
fn a_restore_by_the_handle_of_someone_active_that_begins_an_archived_name_names_both() {
    let mut l = Ledger::default();
    let ann = l.add_person("Ann", "", "", at()).unwrap();
    let lee = l.add_person("Ann Lee", "", "", at()).unwrap();
    l.people[0].name = "Bob Ray".into();
    l.people[1].archived = true;
    for typed in ["Ann", "ann", "ANN"] {
        match l.find_person_among(typed, Among::Archived) {
            Err(LedgerError::AmbiguousPerson {
                candidates, tip, ..
            }) => {
                assert_eq!(candidates, ["ann (Bob Ray)", "ann-lee (Ann Lee)"]);
                assert_eq!(
                    tip,
                    "it is the handle of the first, who is not archived, and the start of \
                     the other's name or handle: type ann-lee to restore them"
                );
            }
            other => panic!("expected ambiguity for {typed}, got {other:?}"),
        }
        assert_eq!(l.find_person_among(typed, Among::Active), Ok(ann));
    }
    assert_eq!(l.find_person_among("ann-lee", Among::Archived), Ok(lee));
    // Two archived fit: both named after the first.
    let li = l.add_person("Ann Li", "", "", at()).unwrap();
    l.people[2].archived = true;
    match l.find_person_among("ann", Among::Archived) {
        Err(LedgerError::AmbiguousPerson { tip, .. }) => assert!(
            tip.ends_with("type ann-lee or ann-li to restore one of them"),
            "{tip}"
        ),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(l.find_person_among("ann-li", Among::Archived), Ok(li));
    // The handle's own archived too: the handle wins, as ever.
    l.people[0].archived = true;
    assert_eq!(l.find_person_among("ann", Among::Archived), Ok(ann));
    // No one archived that it begins: the handle wins.
    let mut plain = Ledger::default();
    let zed = plain.add_person("Zed", "", "", at()).unwrap();
    plain.add_person("Ann Lee", "", "", at()).unwrap();
    plain.people[1].archived = true;
    assert_eq!(plain.find_person_among("zed", Among::Archived), Ok(zed));
}

/// `person rm Ann`, `ann` the handle of someone renamed Bob Ray and `Ann` the start of Ann
/// Lee's name (archived or not), deleted Bob Ray: a delete now names both and deletes
/// neither, saying how to name each. A handle that begins its own person's name, or the
/// handle that name makes, still wins.
#[test]
fn a_delete_by_the_handle_of_someone_renamed_that_begins_another_name_names_both() {
    let mut l = Ledger::default();
    let ann = l.add_person("Ann", "", "", at()).unwrap();
    let lee = l.add_person("Ann Lee", "", "", at()).unwrap();
    l.people[0].name = "Bob Ray".into();
    for archived in [true, false] {
        l.people[1].archived = archived;
        for typed in ["Ann", "ann", "ANN"] {
            match l.find_person_among(typed, Among::Everyone) {
                Err(LedgerError::AmbiguousPerson {
                    candidates, tip, ..
                }) => {
                    assert_eq!(candidates, ["ann (Bob Ray)", "ann-lee (Ann Lee)"]);
                    assert_eq!(
                        tip,
                        "it is the handle of the first, whose name it does not begin, and \
                         the start of the other's name or handle: type 'Bob Ray' for the \
                         first, or ann-lee"
                    );
                }
                other => panic!("expected ambiguity for {typed}, got {other:?}"),
            }
            // Other commands still take the handle.
            assert_eq!(l.find_person_among(typed, Among::Active), Ok(ann));
        }
    }
    assert_eq!(l.find_person_among("Bob Ray", Among::Everyone), Ok(ann));
    assert_eq!(l.find_person_among("ann-lee", Among::Everyone), Ok(lee));
    // His name someone else's too: his number.
    let twin = l.add_person("Bob Ray", "", "", at()).unwrap();
    match l.find_person_among("ann", Among::Everyone) {
        Err(LedgerError::AmbiguousPerson { tip, .. }) => {
            assert!(
                tip.ends_with("type '#1' for the first, or ann-lee"),
                "{tip}"
            )
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    l.people.retain(|p| p.id != twin);
    // Renamed Ann Ray, or Anne: the handle begins the name (or the handle it makes), and
    // wins.
    for name in ["Ann Ray", "Ray Ann", "Ann"] {
        l.people[0].name = name.into();
        assert_eq!(
            l.find_person_among("ann", Among::Everyone),
            Ok(ann),
            "{name}"
        );
    }
    // Twins by name: each handle is its own.
    let mut twins = Ledger::default();
    let first = twins.add_person("Ann Lee", "", "", at()).unwrap();
    let second = twins.add_person("Ann Lee", "", "", at()).unwrap();
    assert_eq!(
        twins.find_person_among("ann-lee", Among::Everyone),
        Ok(first)
    );
    assert_eq!(
        twins.find_person_among("ann-lee-2", Among::Everyone),
        Ok(second)
    );
    // No one else it begins: the handle wins.
    let mut plain = Ledger::default();
    let zed = plain.add_person("Zed", "", "", at()).unwrap();
    plain.people[0].name = "Bob Ray".into();
    plain.add_person("Ann Lee", "", "", at()).unwrap();
    assert_eq!(plain.find_person_among("zed", Among::Everyone), Ok(zed));
}

/// `person archive Ann`, `ann` the handle of someone archived already and `Ann` the start
/// of an active Ann Lee's name, found the archived one, and the archive said nothing
/// changed: it now names both and archives neither, as a restore does the other way.
/// Other commands on the active still take the handle.
#[test]
fn an_archive_by_the_handle_of_someone_archived_that_begins_an_active_name_names_both() {
    let mut l = Ledger::default();
    let ann = l.add_person("Ann", "", "", at()).unwrap();
    let lee = l.add_person("Ann Lee", "", "", at()).unwrap();
    l.people[0].archived = true;
    match l.find_person_among("ANN", Among::ToArchive) {
        Err(LedgerError::AmbiguousPerson {
            candidates, tip, ..
        }) => {
            assert_eq!(candidates, ["ann (Ann)", "ann-lee (Ann Lee)"]);
            assert_eq!(
                tip,
                "it is the handle of the first, who is archived already, and the start of \
                 the other's name or handle: type ann-lee to archive them"
            );
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(l.find_person_among("ann", Among::Active), Ok(ann));
    assert_eq!(l.find_person_among("ann-lee", Among::ToArchive), Ok(lee));
    assert_eq!(l.find_person_among("ann l", Among::ToArchive), Ok(lee));
    // Ann active too: the handle is hers to archive.
    l.people[0].archived = false;
    assert_eq!(l.find_person_among("ann", Among::ToArchive), Ok(ann));
}

/// A whole name said in full is that person, though it begins someone else's name too
/// (Chen Li beside Chen Lin, Person 1 beside Person 10); two of that very name go by the
/// command, as a prefix does, or by their handles.
#[test]
fn a_whole_name_is_its_person_though_it_begins_another_s() {
    let mut l = Ledger::default();
    let li = l.add_person("Chen Li", "", "", at()).unwrap();
    let lin = l.add_person("Chen Lin", "", "", at()).unwrap();
    let one = l.add_person("Person 1", "", "", at()).unwrap();
    l.add_person("Person 10", "", "", at()).unwrap();
    assert_eq!(l.find_person("Chen Li"), Ok(li));
    assert_eq!(l.find_person("chen  LI"), Ok(li));
    assert_eq!(l.find_person("Chen Lin"), Ok(lin));
    assert_eq!(l.find_person("person 1"), Ok(one));
    assert!(matches!(
        l.find_person("chen l"),
        Err(LedgerError::AmbiguousPerson { .. })
    ));
    // Archived, the whole name still names them; beside an active namesake, the command
    // decides, as for a prefix.
    let i = l.people.iter().position(|p| p.id == li).unwrap();
    l.people[i].archived = true;
    assert_eq!(l.find_person_among("Chen Li", Among::Active), Ok(li));
    let twin = l.add_person("Chen Li", "", "", at()).unwrap();
    assert_eq!(l.find_person_among("Chen Li", Among::Active), Ok(twin));
    assert_eq!(l.find_person_among("Chen Li", Among::Archived), Ok(li));
    match l.find_person_among("Chen Li", Among::Everyone) {
        Err(LedgerError::AmbiguousPerson { candidates, .. }) => {
            assert_eq!(candidates, ["chen-li (Chen Li)", "chen-li-2 (Chen Li)"]);
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

/// A new name is close to a colleague's a letter away, or two where both names are long
/// enough for two letters to be a slip: `Xu Nan` was said to be close to `Wu Yan`, two
/// letters of five apart, which is another name.
#[test]
fn a_short_name_two_letters_from_another_is_not_close_to_it() {
    let near = |new: &str, here: &str| {
        let mut l = Ledger::default();
        l.add_person(here, "", "", at()).unwrap();
        !l.near_names(new).is_empty()
    };
    for (new, here) in [
        ("Ann Lee", "Anne Lee"),
        ("Anne Lee", "Ann Lee"),
        ("Jon Smith", "John Smith"),
        ("Priya Rmaan", "Priya Raman"),
        ("Jon Smith", "John Smyth"),
        ("Priya Ramn", "Priya Rmaan"),
        ("Wu Yann", "Wu Yan"),
    ] {
        assert!(near(new, here), "{new} should be close to {here}");
    }
    for (new, here) in [
        ("Xu Nan", "Wu Yan"),
        ("Xu Nan", "Hu Wan"),
        ("Sam Lee", "Sam Leeds"),
        ("Ann Lee", "Ana Leo"),
        ("Jo Smith", "Joe Smyth"),
        ("Pair 1", "Pair 2"),
    ] {
        assert!(!near(new, here), "{new} should not be close to {here}");
    }
}

/// A name alone that begins someone's (`priya`, any case, any accents) names them, and so
/// does a whole name that begins with someone's only word; two whole names that begin
/// alike, the same name, or a first name that only begins theirs, name no one.
#[test]
fn a_first_name_alone_names_whoever_goes_by_it() {
    let mut l = Ledger::default();
    for name in [
        "Priya Raman",
        "José Álvarez",
        "Pat",
        "Priya Shah",
        "Ann Lee",
    ] {
        l.add_person(name, "", "", at()).unwrap();
    }
    let by_first = |name: &str| -> Vec<String> {
        l.same_first_name(name)
            .iter()
            .map(|p| p.handle.clone())
            .collect()
    };
    assert_eq!(by_first("priya"), ["priya-raman", "priya-shah"]);
    assert_eq!(by_first("  PRIYA "), ["priya-raman", "priya-shah"]);
    assert_eq!(by_first("jose"), ["josé-álvarez"]);
    assert_eq!(by_first("Pat Quinn"), ["pat"]);
    assert_eq!(by_first("pat"), Vec::<String>::new(), "the same name");
    for name in [
        "Priya Kaur",
        "priya  raman",
        "Priyanka",
        "Pri",
        "Ann Li",
        "",
        "  ",
    ] {
        assert!(
            by_first(name).is_empty(),
            "{name:?} names {:?}",
            by_first(name)
        );
    }
}

#[test]
fn any_word_matches_ignoring_case_and_accents() {
    let mut l = Ledger::default();
    let jose = l.add_person("José Álvarez", "", "", at()).unwrap();
    let priya = l.add_person("Priya Raman", "", "", at()).unwrap();
    l.add_person("Pat Ramos", "", "", at()).unwrap();
    assert_eq!(l.find_person("jose"), Ok(jose));
    assert_eq!(l.find_person("ALVAR"), Ok(jose));
    assert_eq!(l.find_person("raman"), Ok(priya));
    assert_eq!(l.find_person("priya ra"), Ok(priya));
    match l.find_person("ram") {
        Err(LedgerError::AmbiguousPerson { candidates, .. }) => assert_eq!(
            candidates,
            vec!["priya-raman (Priya Raman)", "pat-ramos (Pat Ramos)"]
        ),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(l.same_name("priya  RAMAN").len(), 1);
    // A typo of one or two letters in the whole name, not the same name, not a word alike,
    // and not a number: numbered names differ on purpose.
    l.add_person("Pair 1", "", "", at()).unwrap();
    let near = |name: &str| -> Vec<String> {
        l.near_names(name)
            .iter()
            .map(|p| p.handle.clone())
            .collect()
    };
    assert_eq!(near("Priya Rmaan"), ["priya-raman"]);
    assert!(near("Pair 2").is_empty());
    assert_eq!(near("Piar 1"), ["pair-1"]);
    assert_eq!(near("pat  RAMSO"), ["pat-ramos"]);
    assert!(
        near("Priya Raman").is_empty(),
        "the same name is not a typo"
    );
    assert!(near("Priyanka Raman").is_empty());
    assert!(l.named_alike().is_empty());
    let again = l
        .apply(
            &crate::core::Change::AddPerson {
                name: "priya  RAMAN".into(),
                role: String::new(),
                note: String::new(),
                cadence_days: None,
                again: true,
            },
            &at(),
        )
        .unwrap();
    let twin = again.person().unwrap();
    // Each with the longest handle of the two, priya-raman-2.
    assert_eq!(
        l.named_alike(),
        [(priya, 13), (twin, 13)].into_iter().collect()
    );
}

#[test]
fn refusals_name_a_status_in_the_tables_words() {
    let refused = LedgerError::AlreadyResolved {
        id: PromiseId(3),
        status: Status::KeptLate,
        on: Some(d("2026-11-20")),
    };
    assert_eq!(
        refused.to_string(),
        "promise #3 is already kept late on 2026-11-20; `trustladder reopen 3` forgets that outcome first"
    );
    let refused = LedgerError::OutcomeWithoutDay {
        status: Status::KeptLate,
    };
    assert_eq!(
        refused.to_string(),
        "a promise that is kept late needs the day it was resolved"
    );
}

#[test]
fn exact_handle_beats_longer_prefix_match() {
    let mut l = Ledger::default();
    let al = l.add_person("Al", "", "", at()).unwrap();
    l.add_person("Alice", "", "", at()).unwrap();
    assert_eq!(l.find_person("al"), Ok(al));
}

#[test]
fn check_names_the_json_path() {
    let mut l = Ledger::default();
    let p = l.add_person("A", "", "", at()).unwrap();
    let id = l
        .add_promise(NewPromise::task(p, "x", d("2026-11-01")), at())
        .unwrap();
    l.promises[0].person = PersonId(99);
    assert_eq!(
        l.normalize_and_check(),
        Err((
            "$.promises[0].person".into(),
            "99 is not the id of any person".into()
        ))
    );
    l.promises[0].person = p;
    l.promises[0].status = Status::Kept;
    assert_eq!(
        l.normalize_and_check().unwrap_err().0,
        "$.promises[0].resolved"
    );
    l.promises[0].resolved = Some(d("2026-11-03"));
    l.next_promise_id = PromiseId(0);
    assert_eq!(l.normalize_and_check(), Ok(()));
    assert_eq!(l.next_promise_id, PromiseId(id.0 + 1));
    l.promises[0].uid = l.people[0].uid;
    assert_eq!(l.normalize_and_check().unwrap_err().0, "$.promises[0].uid");
}

/// A ledger of one person, A, and a task of theirs made on 1 November for each of `whats`.
fn one_with(whats: &[&str]) -> Ledger {
    let mut l = Ledger::default();
    let p = l.add_person("A", "", "", at()).unwrap();
    for what in whats {
        l.add_promise(NewPromise::task(p, what, d("2026-11-01")), at())
            .unwrap();
    }
    l
}

/// A list checked in order whole names its first number out of order, as each number
/// checked on its own did: one not above its left neighbour, one not below its right,
/// a 0, and one not below the next number to hand out.
#[test]
fn the_first_number_out_of_order_is_named() {
    let mut l = one_with(&["a", "b", "c", "d"]);
    assert_eq!(l.check_in_order(), Ok(()));
    let fault = |l: &Ledger| l.check_in_order().unwrap_err();
    l.promises[2].id = PromiseId(2);
    assert_eq!(
        fault(&l),
        (
            "$.promises[1].id".to_string(),
            "2 is out of order or used twice".to_string()
        )
    );
    l.promises[2].id = PromiseId(3);
    l.promises[0].id = PromiseId(0);
    assert_eq!(fault(&l).0, "$.promises[0].id");
    l.promises[0].id = PromiseId(1);
    l.promises[3].id = l.next_promise_id;
    assert_eq!(fault(&l).0, "$.promises[3].id");
    l.promises[3].id = PromiseId(4);
    l.people[0].id = PersonId(0);
    assert_eq!(fault(&l).0, "$.people[0].id");
}

/// Uids are told apart folded to 64 bits first: two that fold alike but differ are no
/// fault, and two that are the same are one, in a live record or a tombstone.
#[test]
fn uids_that_fold_alike_are_still_told_apart() {
    let mut l = one_with(&["a"]);
    let uid = |high: u64, low: u64| Uid(uuid::Uuid::from_u64_pair(high, low));
    // Both fold to 0.
    l.people[0].uid = uid(1, 1);
    l.promises[0].uid = uid(2, 2);
    assert_eq!(l.check_in_order(), Ok(()));
    assert_eq!(l.normalize_and_check(), Ok(()));
    l.tombstones.push(Tombstone {
        uid: uid(3, 3),
        deleted: crate::core::Timestamp::start_of(d("2026-11-02")),
        into: None,
    });
    assert_eq!(l.check_in_order(), Ok(()));
    l.tombstones[0].uid = uid(2, 2);
    assert_eq!(l.check_in_order().unwrap_err().0, "$.tombstones[0].uid");
    l.tombstones.clear();
    l.promises[0].uid = uid(1, 1);
    assert_eq!(l.check_in_order().unwrap_err().0, "$.promises[0].uid");
}

#[test]
fn a_fault_in_a_file_out_of_order_names_its_place_in_the_file() {
    let mut l = one_with(&["a", "b", "c", "d"]);
    // The file holds #1 #2 #3 #4 #2: the copy is last, the 5th record.
    l.promises.push(l.promises[1].clone());
    let mut copy = l.clone();
    assert_eq!(
        copy.normalize_and_check(),
        Err(("$.promises[4].id".into(), "2 is used twice".into()))
    );
    // #4 moved first: the file holds #4 #1 #2 #3, and #2 has no person.
    l.promises.pop();
    l.promises.rotate_right(1);
    l.promises[2].person = PersonId(99);
    assert_eq!(
        l.normalize_and_check(),
        Err((
            "$.promises[2].person".into(),
            "99 is not the id of any person".into()
        ))
    );
}

/// A handle with a capital in it, typed into the file by hand, is refused where it is: a
/// person added after it got the same handle in lowercase, which names them both.
#[test]
fn a_handle_is_lowercase_in_a_file_as_everywhere() {
    let mut l = Ledger::default();
    for name in ["Rob", "ΝΙΚΟΣ Παπάς", "王芳"] {
        l.add_person(name, "", "", at()).unwrap();
    }
    assert_eq!(l.clone().normalize_and_check(), Ok(()), "handles made here");
    l.people[0].handle = "Rob".into();
    assert_eq!(
        l.normalize_and_check(),
        Err((
            "$.people[0].handle".into(),
            "must be a lowercase slug of at most 168 characters, in person 1".into()
        ))
    );
}
