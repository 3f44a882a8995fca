use super::*;
use dyad_doc::{Article, Paragraph, ParagraphKind};

fn toks(text: &str) -> Vec<&str> {
    let (_, t) = segment_text(text);
    t.iter()
        .map(|t| &text[t.start as usize..t.end as usize])
        .collect()
}

fn sents(text: &str) -> Vec<&str> {
    let (s, _) = segment_text(text);
    s.iter()
        .map(|s| &text[s.start as usize..s.end as usize])
        .collect()
}

/// Tokens with clitics marked by a leading `+`.
fn marked(text: &str) -> Vec<String> {
    let (_, t) = segment_text(text);
    t.iter()
        .map(|t| {
            let s = &text[t.start as usize..t.end as usize];
            if t.clitic {
                format!("+{s}")
            } else {
                s.to_string()
            }
        })
        .collect()
}

/// Checks every structural promise of the module docs.
fn check_invariants(text: &str) {
    let (sentences, tokens) = segment_text(text);
    let mut prev_end = 0u32;
    for t in &tokens {
        assert!(t.start < t.end, "empty token in {text:?}");
        assert!(t.start >= prev_end, "overlap or disorder in {text:?}");
        prev_end = t.end;
        let s = text
            .get(t.start as usize..t.end as usize)
            .expect("token off char boundary");
        assert!(!s.chars().any(char::is_whitespace), "whitespace in {s:?}");
    }
    let mut next_tok = 0u32;
    for s in &sentences {
        assert!(!s.is_empty(), "empty sentence in {text:?}");
        assert_eq!(s.token_start, next_tok, "sentences must tile the tokens");
        next_tok = s.token_end;
        let first = &tokens[s.token_start as usize];
        let last = &tokens[s.token_end as usize - 1];
        assert_eq!((s.start, s.end), (first.start, last.end));
    }
    assert_eq!(next_tok as usize, tokens.len());
    if let Some(t) = tokens.first() {
        assert!(!t.clitic, "first token cannot be a clitic");
    }
}

// --- abbreviations and initials -------------------------------------------------------------

#[test]
fn titles_keep_their_period_and_never_end_a_sentence() {
    let t = "Gen. Smith met Lt. Col. Jones, Mr. Brown and Dr. Who on Friday.";
    assert_eq!(sents(t).len(), 1);
    let tk = toks(t);
    for a in ["Gen.", "Lt.", "Col.", "Mr.", "Dr."] {
        assert!(tk.contains(&a), "{a} missing from {tk:?}");
    }
}

#[test]
fn dates_and_company_abbreviations() {
    let t = "On Jan. 5 and Sept. 12, Acme Corp. and Foo Inc. signed in the U.S. capital.";
    assert_eq!(sents(t).len(), 1);
    let tk = toks(t);
    for a in ["Jan.", "Sept.", "Corp.", "Inc.", "U.S."] {
        assert!(tk.contains(&a), "{a} missing from {tk:?}");
    }
    assert!(toks("Feb. 3, U.N. envoys").contains(&"U.N."));
}

#[test]
fn abbreviation_then_sentence_starter_ends_the_sentence_and_loses_its_period() {
    let t = "He works for Apple Inc. The company declined to comment.";
    assert_eq!(
        sents(t),
        vec![
            "He works for Apple Inc.",
            "The company declined to comment."
        ]
    );
    let tk = toks(t);
    assert!(tk.contains(&"Inc") && tk[tk.iter().position(|x| *x == "Inc").unwrap() + 1] == ".");
    // A name after the abbreviation is not a sentence start.
    assert_eq!(sents("Apple Inc. Chief Executive Tim Cook spoke.").len(), 1);
    assert_eq!(
        sents("Troops left the U.S. They returned later.").len(),
        2,
        "U.S. before a pronoun"
    );
    assert_eq!(sents("The U.S. Army said so.").len(), 1);
}

#[test]
fn number_abbreviations_only_before_numbers() {
    assert!(toks("He is ranked No. 5 in the world.").contains(&"No."));
    assert_eq!(
        sents("She said no. Then she left."),
        vec!["She said no.", "Then she left."]
    );
    assert!(toks("See Fig. 3 below.").contains(&"Fig."));
}

#[test]
fn initials_stay_with_names() {
    let t = "J. R. R. Tolkien met George W. Bush.";
    assert_eq!(sents(t).len(), 1);
    assert_eq!(
        toks(t),
        vec!["J.", "R.", "R.", "Tolkien", "met", "George", "W.", "Bush", "."]
    );
}

#[test]
fn dotted_abbreviations_and_etc() {
    assert_eq!(
        sents("We met at 10 p.m. on Monday, e.g. near Washington, D.C. today.").len(),
        1
    );
    assert_eq!(
        toks("apples, pears, etc. are sold"),
        vec!["apples", ",", "pears", ",", "etc.", "are", "sold"]
    );
    // Sentence-final: the period is split off, EWT style.
    assert_eq!(
        toks("apples, pears etc."),
        vec!["apples", ",", "pears", "etc", "."]
    );
    assert_eq!(sents("We sell fruit etc. But not meat.").len(), 2);
}

// --- sentence ends ---------------------------------------------------------------------------

#[test]
fn terminal_punctuation_ends_sentences() {
    assert_eq!(
        sents("He left. She stayed! Why? Nobody knows."),
        vec!["He left.", "She stayed!", "Why?", "Nobody knows."]
    );
    // Runs of terminal marks are one token.
    assert_eq!(toks("Really?! Yes!!!"), vec!["Really", "?!", "Yes", "!!!"]);
}

#[test]
fn quotes_close_the_sentence_they_end() {
    assert_eq!(
        sents("\"We will win.\" Then they left."),
        vec!["\"We will win.\"", "Then they left."]
    );
    assert_eq!(sents("\"Why?\" he asked."), vec!["\"Why?\" he asked."]);
    assert_eq!(
        sents("\"Why now?\" Gen. Mark Smith asked. Nobody knew.").len(),
        2
    );
    assert_eq!(sents("\"We won.\" Smith said the war was over.").len(), 2);
    assert_eq!(sents("\"We won.\" He added, \"Now we rest.\"").len(), 2);
    assert_eq!(
        sents("“We will win.” Then they left. ‘Go!’ He ran."),
        vec!["“We will win.”", "Then they left.", "‘Go!’", "He ran."]
    );
    assert_eq!(toks("“Yes.”"), vec!["“", "Yes", ".", "”"]);
    assert_eq!(
        toks("'Stop,' he said"),
        vec!["'", "Stop", ",", "'", "he", "said"]
    );
}

#[test]
fn parentheses() {
    assert_eq!(
        sents("(He left early.) Then she came (at last!) and sat."),
        vec!["(He left early.)", "Then she came (at last!) and sat."]
    );
    assert_eq!(toks("(AP)"), vec!["(", "AP", ")"]);
}

#[test]
fn ellipses() {
    assert_eq!(sents("Wait... what happened?").len(), 1);
    assert_eq!(sents("He paused... Then he left.").len(), 2);
    assert_eq!(toks("so…"), vec!["so", "…"]);
    assert_eq!(toks("well...."), vec!["well", "...."]);
}

#[test]
fn continuation_punctuation_does_not_start_a_sentence() {
    assert_eq!(sents("It was fun. :) See you.").len(), 2);
    assert_eq!(sents("It was fun. :) See you.")[0], "It was fun. :)");
}

#[test]
fn unpunctuated_ends_in_messages() {
    assert_eq!(sents("Sent 01/24/2001 11:42 AM Please call me.").len(), 2);
    assert_eq!(sents("We meet at 10 AM EST on Monday.").len(), 1);
    assert_eq!(sents("see http://example.com/x The next point").len(), 2);
    assert_eq!(
        sents("I attached the file Thanks for the help"),
        vec!["I attached the file", "Thanks for the help"]
    );
    assert_eq!(sents("Regards, Anne"), vec!["Regards,", "Anne"]);
    assert_eq!(sents("He wrote “Regards, Anne” at the end.").len(), 1);
}

#[test]
fn list_numbers_do_not_form_sentences() {
    assert_eq!(
        sents("Notes: 1. The first item is done."),
        vec!["Notes: 1. The first item is done."]
    );
    assert_eq!(sents("1. The first item.\n\n2. The second item.").len(), 2);
}

#[test]
fn no_punctuation_is_one_sentence() {
    assert_eq!(
        sents("this is text without any punctuation at all").len(),
        1
    );
    assert_eq!(toks("a b c"), vec!["a", "b", "c"]);
}

#[test]
fn all_caps_headlines() {
    let t = "U.S. TROOPS LEAVE IRAQ. PRESIDENT SAYS WAR IS OVER.";
    assert_eq!(
        sents(t),
        vec!["U.S. TROOPS LEAVE IRAQ.", "PRESIDENT SAYS WAR IS OVER."]
    );
    assert!(toks("GEN. SMITH ARRIVES").contains(&"GEN."));
}

#[test]
fn blank_lines_are_hard_boundaries() {
    assert_eq!(
        sents("Hello there\n\nworld is big"),
        vec!["Hello there", "world is big"]
    );
    assert_eq!(sents("A b\n \t\nc d").len(), 2);
}

#[test]
fn line_breaks_inside_a_paragraph() {
    // A short unpunctuated line above running text is a headline: boundary.
    let t = "Rebels seize town\nRebels seized the border town of Qaim on Monday, officials said in a statement.";
    assert_eq!(sents(t).len(), 2);
    // Evenly hard-wrapped text: no boundary at the wrap.
    let t = "The council of ministers met in the capital on Monday and after a long\nDebate agreed to the plan drawn up by the ministers of the interior.";
    assert_eq!(sents(t).len(), 1);
    let t = "The council met on Monday and\nagreed to the plan.";
    assert_eq!(sents(t).len(), 1);
    // Lists: bullets or short lines.
    let t = "Key points of the long and detailed plan agreed on Monday\n- More troops\n- Fewer checkpoints";
    assert_eq!(sents(t).len(), 3);
    assert_eq!(sents("Name Jane Doe\nAge 42\nCity Paris").len(), 3);
}

#[test]
fn non_english_text() {
    assert_eq!(
        toks("Der Präsident sagte: «Wir schaffen das.»"),
        vec![
            "Der",
            "Präsident",
            "sagte",
            ":",
            "«",
            "Wir",
            "schaffen",
            "das",
            ".",
            "»"
        ]
    );
    assert_eq!(sents("Él llegó. Ella se fue.").len(), 2);
    assert_eq!(
        sents("中国很大。美国也很大。"),
        vec!["中国很大。", "美国也很大。"]
    );
    assert_eq!(toks("Москва, Россия"), vec!["Москва", ",", "Россия"]);
}

#[test]
fn very_long_sentences_are_cut() {
    let t = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 5);
    let (s, _) = segment_text(&t);
    assert_eq!(s.len(), 3);
    assert!(s.iter().all(|s| s.len() <= MAX_SENTENCE_TOKENS));
}

// --- numbers, URLs, symbols -------------------------------------------------------------------

#[test]
fn numbers_stay_whole() {
    assert_eq!(
        toks("3.5 and 1,000 and $4.2 billion at 10:30, 5% on 2023-08-05."),
        vec![
            "3.5",
            "and",
            "1,000",
            "and",
            "$",
            "4.2",
            "billion",
            "at",
            "10:30",
            ",",
            "5",
            "%",
            "on",
            "2023-08-05",
            "."
        ]
    );
    assert_eq!(
        toks("call 713-853-3989 or 555-1234"),
        vec!["call", "713-853-3989", "or", "555-1234"]
    );
    assert_eq!(
        toks("on 11/28/2000 and 9/11"),
        vec!["on", "11/28/2000", "and", "9/11"]
    );
    assert_eq!(toks("1/2 cup"), vec!["1", "/", "2", "cup"]);
    assert_eq!(toks(".5 inch"), vec![".5", "inch"]);
    assert_eq!(
        toks("the 1990s, 3rd and 4G"),
        vec!["the", "1990s", ",", "3rd", "and", "4G"]
    );
    assert_eq!(toks("5kg at 7:30pm"), vec!["5", "kg", "at", "7:30", "pm"]);
    assert_eq!(toks("1,000,000"), vec!["1,000,000"]);
    assert_eq!(toks("1,00"), vec!["1", ",", "00"]);
}

#[test]
fn urls_and_emails_are_one_token() {
    assert_eq!(
        toks("See https://example.com/a?b=c&d=1. Then"),
        vec!["See", "https://example.com/a?b=c&d=1", ".", "Then"]
    );
    assert_eq!(toks("(www.example.org)"), vec!["(", "www.example.org", ")"]);
    assert_eq!(
        toks("mail john.doe@example.com."),
        vec!["mail", "john.doe@example.com", "."]
    );
    assert_eq!(
        toks("http://en.wikipedia.org/wiki/Foo_(bar)"),
        vec!["http://en.wikipedia.org/wiki/Foo_(bar)"]
    );
    assert_eq!(sents("Visit www.example.org. It is new.").len(), 2);
    assert_eq!(toks("report.doc"), vec!["report.doc"]);
    assert_eq!(
        toks("<joe...@example.com>"),
        vec!["<", "joe...@example.com", ">"]
    );
}

#[test]
fn hyphens_follow_ewt() {
    assert_eq!(toks("15-year"), vec!["15", "-", "year"]);
    assert_eq!(toks("al-Qaeda"), vec!["al", "-", "Qaeda"]);
    assert_eq!(toks("well-known"), vec!["well", "-", "known"]);
    assert_eq!(toks("Bush-Cheney"), vec!["Bush", "-", "Cheney"]);
    for w in [
        "e-mail",
        "non-stop",
        "anti-war",
        "co-workers",
        "pre-war",
        "E-mail",
    ] {
        assert_eq!(toks(w), vec![w]);
    }
    assert_eq!(toks("anti-war-protest"), vec!["anti-war", "-", "protest"]);
    assert_eq!(toks("U.S.-led"), vec!["U.S.", "-", "led"]);
}

#[test]
fn dashes() {
    assert_eq!(toks("peace—now"), vec!["peace", "—", "now"]);
    assert_eq!(toks("war -- and"), vec!["war", "--", "and"]);
    assert_eq!(toks("war--and"), vec!["war", "--", "and"]);
    assert_eq!(toks("2–3"), vec!["2", "–", "3"]);
}

#[test]
fn emoticons() {
    assert_eq!(
        toks("great :-) thanks ;)"),
        vec!["great", ":-)", "thanks", ";)"]
    );
}

#[test]
fn symbols_are_split() {
    assert_eq!(toks("AT&T and B & W"), vec!["AT&T", "and", "B", "&", "W"]);
    assert_eq!(toks("and/or"), vec!["and", "/", "or"]);
    assert_eq!(toks("#1 ***"), vec!["#", "1", "***"]);
    assert_eq!(toks("tea w/o milk"), vec!["tea", "w/o", "milk"]);
    assert_eq!(toks("==---- *~*~*"), vec!["==----", "*~*~*"]);
    assert_eq!(toks("-$5"), vec!["-", "$", "5"]);
}

// --- clitics ----------------------------------------------------------------------------------

#[test]
fn possessives() {
    assert_eq!(marked("Russia's army"), vec!["Russia", "+'s", "army"]);
    assert_eq!(marked("Russia’s army"), vec!["Russia", "+’s", "army"]);
    assert_eq!(
        marked("the Russians' plan"),
        vec!["the", "Russians", "+'", "plan"]
    );
    // A closing quote, not a possessive.
    assert_eq!(
        marked("the 'Russians', they"),
        vec!["the", "'", "Russians", "'", ",", "they"]
    );
    assert_eq!(marked("in the 1960's"), vec!["in", "the", "1960's"]);
    assert_eq!(marked("O'Brien's"), vec!["O'Brien", "+'s"]);
}

#[test]
fn contractions() {
    let cases: &[(&str, &[&str])] = &[
        ("don't", &["do", "+n't"]),
        ("can't", &["ca", "+n't"]),
        ("won't", &["wo", "+n't"]),
        ("isn’t", &["is", "+n’t"]),
        ("DON'T", &["DO", "+N'T"]),
        ("I'm", &["I", "+'m"]),
        ("they're", &["they", "+'re"]),
        ("we've", &["we", "+'ve"]),
        ("he'll", &["he", "+'ll"]),
        ("she'd", &["she", "+'d"]),
        ("cannot", &["can", "+not"]),
        ("gonna", &["gon", "+na"]),
        ("dont", &["do", "+nt"]),
        ("Im", &["I", "+m"]),
    ];
    for (w, want) in cases {
        assert_eq!(marked(w), *want, "{w}");
    }
    assert_eq!(marked("its not"), vec!["it", "+s", "not"]);
    assert_eq!(marked("its army"), vec!["its", "army"]);
    assert_eq!(marked("rock 'n' roll"), vec!["rock", "'n", "'", "roll"]);
    assert_eq!(marked("in '98"), vec!["in", "'98"]);
}

// --- documents and robustness ----------------------------------------------------------------

#[test]
fn segment_fills_a_document_by_paragraph() {
    let mut d = Document::new(Article::new("a", "t"));
    d.text = "Rebels seize town\n\nThey attacked at dawn. Two died.".to_string();
    d.paragraphs = vec![
        Paragraph {
            start: 0,
            end: 17,
            kind: ParagraphKind::Headline,
        },
        Paragraph {
            start: 19,
            end: d.text.len() as u32,
            kind: ParagraphKind::Body,
        },
    ];
    segment(&mut d);
    let s: Vec<&str> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
    assert_eq!(
        s,
        vec!["Rebels seize town", "They attacked at dawn.", "Two died."]
    );
    assert_eq!(d.tokens.len(), 3 + 5 + 3);

    // Without paragraphs, blank lines split.
    d.paragraphs.clear();
    segment(&mut d);
    assert_eq!(d.sentences.len(), 3);

    // Nonsense paragraph spans do not panic or overlap.
    d.text = "é é. x".to_string();
    d.paragraphs = vec![
        Paragraph {
            start: 1,
            end: 99,
            kind: ParagraphKind::Body,
        },
        Paragraph {
            start: 0,
            end: 3,
            kind: ParagraphKind::Body,
        },
    ];
    segment(&mut d);
    assert!(d.tokens.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn degenerate_inputs_do_not_panic() {
    for t in [
        "",
        " ",
        "\n\n\n",
        " \t\r\n \u{a0}\u{3000}",
        ".",
        "...",
        "?!?!",
        "'",
        "''",
        "\"",
        "-",
        "--- *** ===",
        "'s",
        "n't",
        "e\u{301}\u{301}\u{301}",
        "\u{301}",
        ".\u{301}",
        "a\u{200d}b",
        "\u{feff}x",
        "\u{fffd}\u{fffd}",
        "👍🏽 👨‍👩‍👧",
        "x.",
        "A.",
        "Inc.",
        "etc.",
        "www.",
        "http://",
        "https://x",
        "1,",
        "1,000,",
        "s'",
        "s' x",
        "’",
        "a'",
        "-a-",
        "a--",
        "12-",
        "9/",
        "/9",
        "7:30PM.",
        "its",
        "No.",
        "No. 1",
        "U.S.",
        ")",
        "(",
        ":)",
    ] {
        check_invariants(t);
    }
}

#[test]
fn a_megabyte_line_is_fine() {
    let mut t = String::with_capacity(1 << 20);
    while t.len() < 1 << 20 {
        t.push_str("Gen. Smith's 15-year-old can't go to www.x.org... ");
    }
    check_invariants(&t);
    let one_word = "a".repeat(1 << 20);
    check_invariants(&one_word);
}

mod properties {
    use super::check_invariants;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_string(s in any::<String>()) {
            check_invariants(&s);
        }

        #[test]
        fn punctuation_heavy(s in "[a-zA-Z0-9 .,;:!?'\"’‘“”()\\[\\]\\-—–/&@_%$#*…\n\t\u{301}é中]{0,80}") {
            check_invariants(&s);
        }

        #[test]
        fn word_salad(words in prop::collection::vec(
            prop::sample::select(vec![
                "Gen.", "U.S.", "don't", "Russia's", "Russians'", "e-mail", "15-year", "3.5",
                "1,000", "$", "10:30", "http://a.b/c", "a@b.com", "...", "?", "!", "\"", "'",
                "(", ")", "—", "--", ":)", "The", "he", "said", "\n", "\n\n", ".", ",", "A.",
                "its", "lets", "cannot", "1.", "*", "etc.", "’s", "No.", "5", "p.m.", "«", "»",
            ]),
            0..60,
        ), seps in prop::collection::vec(prop::sample::select(vec!["", " ", "\n"]), 60)) {
            let mut s = String::new();
            for (w, sep) in words.iter().zip(seps.iter()) {
                s.push_str(w);
                s.push_str(sep);
            }
            check_invariants(&s);
        }
    }
}
