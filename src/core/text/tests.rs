use super::*;

/// An empty name or promise says what goes there with an example, on the command line
/// with the quotes a shell wants, in a form without them; other faults say no more.
#[test]
fn an_empty_name_or_promise_says_what_goes_there() {
    let name = TextError::Empty { field: "name" };
    assert_eq!(
        name.typed(),
        "name is empty; give the colleague's name, quoted if it has a space, as in \"Priya Raman\""
    );
    assert_eq!(
        name.in_a_form(),
        "name is empty; give the colleague's name, as in: Priya Raman"
    );
    let what = TextError::Invisible { field: "what" };
    assert_eq!(
        what.in_a_form(),
        "what has no visible characters; say what was promised, as in: send the Q3 deck by Friday"
    );
    let role = TextError::Empty { field: "role" };
    assert_eq!(role.in_a_form(), "role is empty");
    assert_eq!(role.typed(), "role is empty");
}

#[test]
fn a_handle_taken_twice_keeps_its_number_when_cut() {
    assert_eq!(fit_keeping_number("priya-raman-2", 13), "priya-raman-2");
    assert_eq!(fit_keeping_number("priya-raman-2", 12), "priya-ram…-2");
    assert_eq!(fit_keeping_number("priya-raman-12", 8), "priy…-12");
    // Too narrow for the number and a letter before it, or no number: cut at the end.
    assert_eq!(fit_keeping_number("priya-raman-12", 4), "pri…");
    assert_eq!(fit_keeping_number("priya-raman", 8), "priya-r…");
    assert_eq!(fit_keeping_number("ann-", 3), "an…");
}

#[test]
fn fit_cuts_by_display_width_without_splitting_wide_characters() {
    assert_eq!(fit("Priya", 10), "Priya");
    assert_eq!(fit("Priya Raman", 6), "Priya…");
    assert_eq!(fit("王芳王芳", 5), "王芳…");
    assert_eq!(fit("王芳王芳", 4), "王…");
    assert_eq!(fit("🚀🚀", 3), "🚀…");
    assert_eq!(fit("abc", 0), "");
    // Cut just after a space: no gap before the `…`.
    assert_eq!(fit("Bob the Builder", 9), "Bob the…");
    assert_eq!(fit("Bob   the Builder", 7), "Bob…");
    // An emoji joined from three is kept or cut whole, never left as a bare joiner.
    let family = "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let cut = fit(&format!("ab{family}{family}"), 5);
    assert!(!cut.contains("\u{200d}\u{2026}"), "{cut:?}");
    assert!(cut == "ab…" || cut == format!("ab{family}…"), "{cut:?}");
}

/// A name begun with its marks left out: the whole name and each word, never the middle
/// of one, and nothing for a query of marks alone.
#[test]
fn mark_free_starts_are_the_whole_and_each_word() {
    let sean = MarkFree::of(&[&folded("Seán O'Brien"), &folded("sean-obrien")]);
    let mary = MarkFree::of(&[&folded("Mary-Jane Watts"), "mary-jane-watts"]);
    let start = |typed: &str| MarkFreeStart::of(&folded(typed)).unwrap();
    assert!(sean.begun_by(&start("obrien")));
    assert!(sean.begun_by(&start("O BRI")));
    assert!(sean.begun_by(&start("seanobr")));
    assert!(!sean.begun_by(&start("brien")));
    assert!(mary.begun_by(&start("maryjane")));
    assert!(mary.begun_by(&start("mary.jane")));
    assert!(!mary.begun_by(&start("janewatts")));
    assert!(!mary.begun_by(&start("obrien")));
    let anne = MarkFree::of(&[&folded("Anne Mary-Jane")]);
    assert!(anne.begun_by(&start("maryjane")));
    assert!(anne.begun_by(&start("jane")));
    assert_eq!(MarkFreeStart::of("'-."), None);
    assert_eq!(MarkFreeStart::of("#+1"), None);
}

/// Emoji keep their joiners and variation selectors; what must not reach a terminal, a
/// quote mark and a backslash are escaped, as `{:?}` escapes them.
#[test]
fn text_is_quoted_as_text() {
    let family = "👨\u{200d}👩\u{200d}👧 ✔\u{fe0f}";
    assert_eq!(quoted(family), format!("\"{family}\""));
    assert_eq!(
        quoted("a \"b\" \\ c\nd\u{202e}e"),
        "\"a \\\"b\\\" \\\\ c\\nd\\u{202e}e\""
    );
}

/// serde_json says a hex escape ended where a lone surrogate was the fault: said so.
#[test]
fn a_lone_surrogate_escape_is_named_as_one() {
    for text in [r#""\ud800 ""#, r#""\ud800\u0041""#, r#""x\udc00""#] {
        let e = serde_json::from_str::<String>(text)
            .unwrap_err()
            .to_string();
        let said = json_in_words(&e[..e.rfind(" at line ").unwrap_or(e.len())]);
        assert!(
            said.starts_with("a lone surrogate escape (\\uD800 to \\uDFFF"),
            "{text}: {said}"
        );
    }
}

#[test]
fn a_cut_text_ends_with_an_ellipsis_within_its_length() {
    assert_eq!(cut("héllo", 5), "héllo");
    assert_eq!(cut("héllo!", 5), "héll…");
    assert_eq!(cut("héllo!", 1), "…");
}

/// Cut by characters, a long text lost the accent of a letter written with a combining
/// mark, or kept half an emoji and its joiner, where the cut fell between them; it is
/// now cut between what a terminal draws as one, within the same length.
#[test]
fn a_cut_never_falls_inside_what_is_drawn_as_one() {
    let family = "👨\u{200d}👩\u{200d}👧";
    let typed = format!("{}{family}{}", "a".repeat(58), "b".repeat(30));
    assert_eq!(
        quoted_back(&typed),
        format!("{}… (93 characters)", "a".repeat(58))
    );
    let typed = format!("{}e\u{301}{}", "a".repeat(59), "b".repeat(30));
    assert_eq!(
        quoted_back(&typed),
        format!("{}… (91 characters)", "a".repeat(59))
    );
    assert_eq!(cut("ae\u{301}bc", 3), "a…");
    assert_eq!(cut(&format!("ok {family} done"), 6), "ok…");
    // A letter under more marks than the room is cut all the same, within it.
    let piled = format!("a{}", "\u{301}".repeat(100));
    assert_eq!(
        quoted_back(&piled).chars().count(),
        60 + "… (101 characters)".chars().count()
    );
    assert_eq!(cut(&piled, 5).chars().count(), 5);
}

#[test]
fn something_typed_is_quoted_back_whole_when_short_and_by_its_start_when_long() {
    assert_eq!(quoted_back("priya"), "priya");
    let eighty = "é".repeat(80);
    assert_eq!(quoted_back(&eighty), eighty);
    let long = "é".repeat(81);
    assert_eq!(
        quoted_back(&long),
        format!("{}… (81 characters)", "é".repeat(60))
    );
}

#[test]
fn a_count_takes_the_noun_of_its_number() {
    assert_eq!(counted(1, "person", "people"), "1 person");
    assert_eq!(counted(0, "person", "people"), "0 people");
    assert_eq!(counted(12, "promise", "promises"), "12 promises");
}

#[test]
fn a_slip_is_one_edit_or_two_for_a_word_of_six_letters() {
    assert_eq!(typo("pryia", "priya"), Some(1), "two letters swapped");
    assert_eq!(typo("prya", "priya"), Some(1));
    assert_eq!(typo("pria", "priyaa"), Some(2), "two for six letters meant");
    assert_eq!(typo("parkkk", "park"), Some(2), "two for six letters typed");
    assert_eq!(
        typo("pra", "priya"),
        None,
        "two are too many for five letters"
    );
    assert_eq!(typo("ab", "abc"), None, "too short to tell");
    assert_eq!(typo("priya", "priya"), Some(0));
}

#[test]
fn items_are_listed_as_a_sentence_lists_them() {
    assert_eq!(listed(&[], "and"), "");
    assert_eq!(listed(&["Rung"], "and"), "Rung");
    assert_eq!(listed(&["Rung", "Due"], "and"), "Rung and Due");
    assert_eq!(listed(&["a", "b", "c"], "or"), "a, b or c");
}

#[test]
fn required_trims_and_refuses_empty() {
    assert_eq!(required("name", "  Priya  ", MAX_NAME).unwrap(), "Priya");
    assert_eq!(
        required("name", "   ", MAX_NAME),
        Err(TextError::Empty { field: "name" })
    );
}

#[test]
fn length_is_counted_in_characters() {
    let ok = "é".repeat(MAX_NAME);
    assert!(required("name", &ok, MAX_NAME).is_ok());
    let long = "é".repeat(MAX_NAME + 1);
    assert_eq!(
        required("name", &long, MAX_NAME).unwrap_err().to_string(),
        "name is too long (81 characters, at most 80)"
    );
}

#[test]
fn control_characters_are_refused_and_named() {
    let err = required("what", "ship\u{1b}[31m it", MAX_WHAT).unwrap_err();
    assert_eq!(
        err.to_string(),
        "what contains a control character (\\u{1b}); type plain text"
    );
    assert!(optional("note", "a\nb", MAX_NOTE).is_err());
}

#[test]
fn folded_names_ignore_case_accents_and_spacing() {
    assert_eq!(folded("José  Álvarez"), "jose alvarez");
    assert_eq!(folded("JOSE\u{301} alvarez"), "jose alvarez");
    assert_eq!(folded("王芳"), "王芳");
    assert_eq!(folded("Ørjan Łukasz Đurić"), "orjan lukasz duric");
    assert_eq!(folded("Işıl Yılmaz İsmail"), "isil yilmaz ismail");
    assert_eq!(folded("Ærø ŒUVRE Þórður"), "aero oeuvre thordur");
    assert_ne!(folded("Ana Lu"), folded("Ana-Lu"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]
    /// ASCII names are folded without decomposing them: to the same words as any text.
    #[test]
    fn an_ascii_name_folds_as_any_text_does(name in "[ -~\t\n\x0b\x0c\r]{0,24}") {
        proptest::prop_assert_eq!(folded(&name), folded_unicode(&name));
    }

    /// Printable ASCII is checked in one pass, to what the rules for any text say of it:
    /// spaces around it, only spaces, nothing at all, too long by a space or two.
    #[test]
    fn printable_ascii_is_checked_as_any_text_is(
        text in "[ a~\t\u{a0}\u{200b}]{0,7}",
        max in 0usize..6,
        needed in proptest::bool::ANY,
    ) {
        proptest::prop_assert_eq!(
            check_stored("what", &text, max, needed),
            check::check_stored_in_full("what", &text, max, needed),
            "{:?}", text
        );
    }

    /// A text folds to a fold exactly when its own fold is that fold: to its own, to one
    /// with a letter, a space or an end changed, and to another text's.
    #[test]
    fn a_text_folds_to_its_own_fold_and_to_no_other(
        text in "[ a-cA-C\t\x0bé\u{a0}\u{200b}\u{301}ß]{0,8}",
        other in "[ a-cA-C\t\x0bé\u{a0}\u{200b}ß-]{0,8}",
        cut in 0usize..10,
    ) {
        let own = folded(&text);
        proptest::prop_assert!(folds_to(&text, &own));
        let shorter: String = own.chars().take(cut).collect();
        for changed in [folded(&other), other.clone(), shorter, format!("{own} "), format!("{own}a")] {
            proptest::prop_assert_eq!(folds_to(&text, &changed), own == changed, "{:?} {:?}", text, changed);
        }
    }

    /// Printable ASCII and Latin letters are measured without segmenting them, to what
    /// segmenting gives, and text with anything else in it (a tab, a soft hyphen, a
    /// combining accent, a lam-alef) to what segmenting gives too.
    #[test]
    fn latin_text_takes_the_columns_its_graphemes_do(
        text in "[ -~\u{a0}-\u{24f}]{0,24}",
        other in "[ -~\t\r\n\u{ad}\u{300}\u{644}\u{627}é✔\u{fe0f}王]{0,12}"
    ) {
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::UnicodeWidthStr;
        let segmented = |t: &str| t.graphemes(true).map(UnicodeWidthStr::width).sum::<usize>();
        proptest::prop_assert_eq!(columns(&text), segmented(&text));
        proptest::prop_assert_eq!(columns(&other), segmented(&other));
    }

    /// A word is a typo of another only within the edits their lengths allow.
    #[test]
    fn a_typo_is_what_the_edit_distance_says(typed in "[a-zé]{0,9}", meant in "[a-zé]{0,9}") {
        let most = if typed.chars().count().max(meant.chars().count()) >= 6 { 2 } else { 1 };
        let expected = Some(edits(&typed, &meant))
            .filter(|d| *d <= most && typed.chars().count() >= 3);
        proptest::prop_assert_eq!(typo(&typed, &meant), expected);
    }

    /// The distance in a band, given up on early, is the whole distance whenever that is
    /// within the band: on words of few letters, so that many are swaps and near misses.
    #[test]
    fn the_distance_within_a_band_is_the_whole_one(
        a in "[abé]{0,9}",
        b in "[abé]{0,9}",
        most in 0usize..4,
    ) {
        let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let expected = Some(edits(&a, &b)).filter(|d| *d <= most);
        proptest::prop_assert_eq!(edits_within(&ac, &bc, most), expected);
    }
}

#[test]
fn folded_names_leave_out_what_draws_nothing() {
    for name in [
        "Ana\u{200b}",
        "\u{feff}Ana",
        "A\u{2060}na",
        "An\u{ad}a",
        "ANA\u{200d}",
    ] {
        assert_eq!(folded(name), "ana", "{name:?}");
    }
    assert_eq!(folded("Ana\u{200b} Lu"), "ana lu");
}

#[test]
fn what_draws_nothing_is_trimmed_from_the_ends_but_an_emoji_keeps_its_selector() {
    assert_eq!(
        required(
            "name",
            "\u{feff}Priya Raman\u{200b}\u{2060}\u{ad} ",
            MAX_NAME
        )
        .unwrap(),
        "Priya Raman"
    );
    assert_eq!(
        required("name", "Ana ❤\u{fe0f}", MAX_NAME).unwrap(),
        "Ana ❤\u{fe0f}"
    );
    assert_eq!(
        required("name", "Ana\u{200b}Lu", MAX_NAME).unwrap(),
        "Ana\u{200b}Lu",
        "inside, left alone"
    );
    assert!(matches!(
        required("name", "Ana\u{202e}", MAX_NAME),
        Err(TextError::Reordering { .. })
    ));
    assert_eq!(to_type("Zo\u{200b}ra Quinn"), "Zora Quinn");
}

#[test]
fn folded_names_take_apart_what_full_case_folding_does() {
    assert_eq!(folded("Großes"), folded("GROSSES"));
    assert_eq!(folded("Straße Meißner"), folded("STRASSE MEISSNER"));
    assert_eq!(folded("GROẞES"), "grosses");
    assert_eq!(folded("Νίκος"), folded("ΝΙΚΟΣ"));
    assert_eq!(folded("νίκος-παπαδόπουλος"), folded("νίκοσ-παπαδόπουλοσ"));
    assert_eq!(folded("ﬁnn ﬂoß"), "finn floss");
    assert_eq!(folded("Carſten"), "carsten");
}

/// A letter that is two to the compatibility decomposition is those two letters: `ǅemal`
/// (the one letter ǅ) was not found by `dzemal`, as typed on a keyboard. A spacing
/// accent, which that decomposition makes a space, still parts no words.
#[test]
fn folded_names_take_compatibility_letters_apart() {
    for name in ["ǅemal", "Ǆemal", "ǆemal", "DŽEMAL", "Džemal"] {
        assert_eq!(folded(name), "dzemal", "{name:?}");
    }
    assert_eq!(folded("Ĳsbrand ĳsselmeer"), "ijsbrand ijsselmeer");
    assert_eq!(folded("ǈuba ǋive"), "ljuba njive");
    assert_eq!(folded("ﬃon ﬅeen"), "ffion steen");
    assert_eq!(folded("Ａｎｎ Ｌｅｅ"), "ann lee");
    assert_eq!(folded("O´Brien"), "o´brien");
    assert_eq!(folded("Ann\u{a0}Lee"), "ann lee");
}

#[test]
fn invisible_only_text_and_reordering_characters_are_refused() {
    for name in [
        "\u{ad}",
        "\u{200b}\u{feff}",
        " \u{ad} \u{200b} ",
        "\u{3164}",
        "\u{2800}",
    ] {
        assert_eq!(
            required("name", name, MAX_NAME),
            Err(TextError::Invisible { field: "name" }),
            "{name:?}"
        );
    }
    assert_eq!(
        required("name", "\u{200b}", MAX_NAME)
            .unwrap_err()
            .to_string(),
        "name has no visible characters"
    );
    for c in [
        '\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}', '\u{2028}', '\u{2029}',
    ] {
        let err = optional("note", &format!("a{c}b"), MAX_NOTE).unwrap_err();
        assert!(matches!(err, TextError::Reordering { .. }), "{c:?}");
    }
    assert_eq!(
        required("what", "ship \u{202e}it", MAX_WHAT)
            .unwrap_err()
            .to_string(),
        "what contains a character that reorders or breaks the text on screen (\\u{202e}); type plain text"
    );
    // Visible text may hold invisible characters: emoji need their joiners.
    assert_eq!(
        required("name", "👩\u{200d}💻 Ana", MAX_NAME).unwrap(),
        "👩\u{200d}💻 Ana"
    );
    assert!(required("name", "Ana\u{ad}", MAX_NAME).is_ok());
}

#[test]
fn stored_text_follows_the_input_rules_but_may_keep_its_spaces() {
    assert_eq!(check_stored("name", " Priya ", MAX_NAME, true), Ok(()));
    assert_eq!(
        check_stored("what", "", MAX_WHAT, true),
        Err(TextError::Empty { field: "what" })
    );
    assert_eq!(check_stored("note", "", MAX_NOTE, false), Ok(()));
    assert!(matches!(
        check_stored("name", &"x".repeat(MAX_NAME + 1), MAX_NAME, true),
        Err(TextError::TooLong { .. })
    ));
    assert!(matches!(
        check_stored("note", "a\nb", MAX_NOTE, false),
        Err(TextError::Control { .. })
    ));
    // Nor at either end: only spaces are let through there.
    for text in ["x\n", "\tx", "x\r", "\u{85}x"] {
        assert!(
            matches!(
                check_stored("note", text, MAX_NOTE, false),
                Err(TextError::Control { .. })
            ),
            "{text:?}"
        );
    }
    for text in ["x\u{2028}", "\u{2029}x"] {
        assert!(
            matches!(
                check_stored("note", text, MAX_NOTE, false),
                Err(TextError::Reordering { .. })
            ),
            "{text:?}"
        );
    }
    assert_eq!(
        check_stored("note", "\u{a0}x\u{3000}", MAX_NOTE, false),
        Ok(())
    );
}

#[test]
fn text_is_kept_composed() {
    let combining = "Jose\u{301}";
    let composed = "Jos\u{e9}";
    assert_eq!(required("name", combining, MAX_NAME).unwrap(), composed);
    assert_eq!(required("name", composed, MAX_NAME).unwrap(), composed);
    assert_eq!(nfc("plain"), "plain");
}

#[test]
fn slugs() {
    assert_eq!(slug("Priya Raman"), "priya-raman");
    assert_eq!(slug("  O'Brien, Seán "), "o-brien-seán");
    assert_eq!(slug("王芳"), "王芳");
    assert_eq!(slug("🚀"), "person");
    assert_eq!(slug("Ana--Lu"), "ana-lu");
    assert_eq!(slug("Zo\u{200b}ra Mar\u{ad}tin"), "zora-martin");
    assert_eq!(slug("İsmail Kaya"), "ismail-kaya");
    // A combining mark stays in its word, and a word of marks alone is no word.
    assert_eq!(slug("प्रिया शर्मा"), "प्रिया-शर्मा");
    assert_eq!(slug("Lef\u{300}vre"), "lef\u{300}vre");
    assert_eq!(slug("Ana \u{301}\u{301} Lu"), "ana-lu");
    assert_eq!(slug("\u{301}"), "person");
    assert_eq!(slug("ΝΊΚΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ"), "νίκος-παπαδόπουλος");
    assert_eq!(slug("ΣΟΦΙΑ Σ."), "σοφια-σ");
    assert_eq!(slug("Straße"), "straße");
}

#[test]
fn text_is_wrapped_between_words_by_the_columns_drawn() {
    let lines = |text: &str, first, rest, break_words| -> Vec<String> {
        wrapped(text, first, rest, break_words)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    };
    assert_eq!(
        lines("ask anna-lee first", 10, 10, true),
        ["ask", "anna-lee", "first"]
    );
    assert_eq!(
        lines("  indented  text ", 40, 40, true),
        ["  indented  text"]
    );
    assert_eq!(lines("", 10, 10, true), [""]);
    assert_eq!(lines("one\ntwo", 10, 10, true), ["one", "two"]);
    assert_eq!(columns("✔️❤️1️⃣"), 6);
    assert_eq!(lines("✔️ ✔️ ✔️", 5, 5, true), ["✔️ ✔️", "✔️"]);
    assert_eq!(lines("王芳王芳王", 4, 4, true), ["王芳", "王芳", "王"]);
    assert_eq!(
        lines("a verylongword b", 4, 4, false),
        ["a", "verylongword", "b"]
    );
    // A first line too short for a word broken to the others' width is left empty.
    assert_eq!(lines("abcdef", 2, 6, true), ["", "abcdef"]);
    // Ideographs break between any two, words never, with words broken or not.
    for break_words in [false, true] {
        assert_eq!(
            lines("审查拉取请求并写下", 8, 8, break_words),
            ["审查拉取", "请求并写", "下"]
        );
        assert_eq!(
            lines("见 pull-request 审查", 14, 14, break_words),
            ["见", "pull-request", "审查"]
        );
        assert_eq!(
            lines("ask 王芳王芳 now", 9, 9, break_words),
            ["ask 王芳", "王芳 now"]
        );
        // Never before a comma or a closing bracket, nor after an opening one: the
        // ideograph before it goes down with it.
        assert_eq!(
            lines("修好测试，然后部署", 8, 8, break_words),
            ["修好测", "试，然后", "部署"]
        );
        assert_eq!(
            lines("先看「设计」文档", 6, 6, break_words),
            ["先看", "「设", "计」文", "档"]
        );
    }
}

/// A run of emoji with no space in it ran past the edge, a word too wide for any line;
/// it breaks between any two emoji, as ideographs do, but never inside one: a family
/// joined with U+200D, a skin tone, ❤️ and its selector, a flag stay whole.
#[test]
fn a_run_of_emoji_breaks_between_emoji_never_inside_one() {
    let lines = |text: &str, width: usize| -> Vec<String> {
        wrapped(text, width, width, false)
            .into_iter()
            .map(|range| text[range].to_string())
            .collect()
    };
    assert_eq!(lines("🎉🎉🎉🎉🎉", 4), ["🎉🎉", "🎉🎉", "🎉"]);
    assert_eq!(
        lines("party 🎉🎉🎉🎉 now", 7),
        ["party", "🎉🎉🎉", "🎉 now"]
    );
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(
        lines(&format!("{family}{family}{family}"), 4),
        [format!("{family}{family}"), family.to_string()]
    );
    assert_eq!(lines("👍🏽👍🏽👍🏽", 4), ["👍🏽👍🏽", "👍🏽"]);
    assert_eq!(
        lines("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}", 4),
        ["❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}"]
    );
    // A flag is two regional indicators, and is not broken.
    assert_eq!(lines("🇩🇪🇫🇷", 2), ["🇩🇪🇫🇷"]);
    for line in lines("🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉", 38)
    {
        assert!(columns(&line) <= 38, "{line}");
    }
}

#[test]
fn numbers_sort_by_their_value() {
    let mut names = ["zed 10", "zed 2", "zed 1", "ann", "zed 02b", "zed"];
    names.sort_by_cached_key(|n| numbers_by_value(n));
    assert_eq!(names, ["ann", "zed", "zed 1", "zed 2", "zed 02b", "zed 10"]);
}

#[test]
fn sanitize_makes_controls_and_bidi_visible() {
    assert_eq!(sanitize("plain 王芳 🚀"), "plain 王芳 🚀");
    assert_eq!(sanitize("a\tb"), "a b");
    assert_eq!(sanitize("red\u{1b}[31m"), "red\\u{1b}[31m");
    assert_eq!(sanitize("x\ny"), "x\\ny");
    assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
    assert_eq!(sanitize("\u{9b}"), "\\u{9b}");
}

#[test]
fn sanitize_leaves_no_control_bidi_or_separator_unescaped() {
    let mut unsafe_chars: Vec<char> = (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .collect();
    unsafe_chars.extend([
        '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{2028}', '\u{2029}',
    ]);
    for c in unsafe_chars {
        let out = sanitize(&format!("a{c}b"));
        assert!(!out.contains(c), "{c:?} came through as {out:?}");
        let expected = if c == '\t' {
            "a b".to_string()
        } else {
            format!("a{}b", escape_char(c))
        };
        assert_eq!(out, expected, "{c:?}");
    }
    assert_eq!(sanitize("a\u{2028}b"), "a\\u{2028}b");
    assert_eq!(sanitize("a\rb"), "a\\rb");
    assert_eq!(
        sanitize("👩\u{200d}💻 ok"),
        "👩\u{200d}💻 ok",
        "joiners in emoji stay"
    );
}

#[test]
fn a_word_quoted_visibly_shows_what_draws_nothing() {
    for (c, shown) in [
        ('\u{200b}', "\\u{200b}"),
        ('\u{200c}', "\\u{200c}"),
        ('\u{200d}', "\\u{200d}"),
        ('\u{2060}', "\\u{2060}"),
        ('\u{feff}', "\\u{feff}"),
        ('\u{ad}', "\\u{ad}"),
        ('\u{202e}', "\\u{202e}"),
        ('\u{1b}', "\\u{1b}"),
    ] {
        assert_eq!(visibly(&format!("fri{c}")), format!("fri{shown}"), "{c:?}");
    }
    assert_eq!(visibly("dec 15"), "dec 15");
    assert_eq!(visibly("dec\t15"), "dec\t15", "a tab is sanitize's to show");
    // Names are shown by `sanitize`, which leaves an emoji's joiner alone.
    assert_eq!(sanitize("👩\u{200d}💻"), "👩\u{200d}💻");
}
