//! dyad's built-in dictionaries (crates/dyad-knowledge): they load without a problem, and the
//! facts every analyst relies on come out right. Parses are written by hand so that these
//! tests check the dictionaries, not the parser.

use dyad_code::conformance::document_from_conllu;
use dyad_code::{Coder, CoderOptions, Dictionaries};

fn builtin() -> &'static Dictionaries {
    static D: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
    D.get_or_init(Dictionaries::builtin)
}

/// A one-sentence article from (form, lemma, upos, head, deprel) rows, coded with the
/// built-in dictionaries.
fn coded(rows: &[(&str, &str, &str, u32, &str)], date: &str) -> dyad_doc::Document {
    let mut text = String::new();
    for (i, (f, l, u, h, r)) in rows.iter().enumerate() {
        text.push_str(&format!("{}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{r}\t_\t_\n", i + 1));
    }
    let date: jiff::civil::Date = date.parse().expect("test date");
    let mut doc = document_from_conllu("t", &text, Some(date)).expect("test parse");
    Coder::new(builtin(), CoderOptions::default()).code(&mut doc);
    doc
}

/// Actor codes found in a one-sentence parse of (form, upos, head, deprel) rows.
fn actors(rows: &[(&str, &str, u32, &str)], date: &str) -> Vec<(String, String)> {
    let rows: Vec<(&str, &str, &str, u32, &str)> =
        rows.iter().map(|&(f, u, h, r)| (f, f, u, h, r)).collect();
    coded(&rows, date)
        .actors
        .iter()
        .map(|a| (a.text.clone(), a.code.clone().unwrap_or_default()))
        .collect()
}

fn code_of(word: &str, date: &str) -> String {
    actors(&[(word, "PROPN", 0, "root")], date)
        .into_iter()
        .find(|(t, _)| t == word)
        .map(|(_, c)| c)
        .unwrap_or_default()
}

#[test]
fn builtin_dictionaries_load_without_problems() {
    let d = builtin();
    assert!(d.diagnostics().is_empty(), "{:?}", d.diagnostics());
    let texts: Vec<(String, &str)> = dyad_knowledge::files().collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let (native, diags) = dyad_dict::native::read(&refs);
    assert!(diags.is_empty(), "{diags:?}");
    let problems = dyad_dict::native::check(&native);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        native.actors.entries.len() > 500,
        "{}",
        native.actors.entries.len()
    );
}

#[test]
fn niger_is_not_nigeria() {
    let d = "2023-08-05";
    assert_eq!(code_of("Niger", d), "NER");
    assert_eq!(code_of("Nigeria", d), "NGA");
    assert_eq!(code_of("Nigerien", d), "NER");
    assert_eq!(code_of("Nigerian", d), "NGA");
    assert_eq!(code_of("Niamey", d), "NERGOV");
    assert_eq!(code_of("Abuja", d), "NGAGOV");
    assert_eq!(code_of("Mali", d), "MLI");
    assert_eq!(code_of("ECOWAS", d), "IGOWAFWAS");
}

#[test]
fn a_short_acronym_matches_only_in_capitals() {
    let d = "2023-08-05";
    assert_eq!(code_of("UN", d), "IGOUNO");
    assert_eq!(code_of("un", d), "");
    assert_eq!(code_of("us", d), "");
}

#[test]
fn codes_follow_the_article_date() {
    // The Taliban were insurgents until they took Kabul on 15 August 2021.
    assert_eq!(code_of("Taliban", "2019-01-01"), "AFGINS");
    assert_eq!(code_of("Taliban", "2023-01-01"), "AFGGOV");
}

#[test]
fn a_user_folder_overrides_the_builtin_entries() {
    let dir = std::env::temp_dir().join(format!("dyad-builtin-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("mine.actors.txt"), "NIGER [XYZ]\n").expect("write");
    std::fs::write(
        dir.join("mine.dyad"),
        "actor my.niamey\n  code: XYZGOV\n  name: Niamey\n",
    )
    .expect("write");
    let merged = Dictionaries::load_with(true, Some(&dir)).expect("load");
    let alone = Dictionaries::load_with(false, Some(&dir)).expect("load");
    let _ = std::fs::remove_dir_all(&dir);
    let code = |d: &Dictionaries, w: &str| {
        let text = format!("1\t{w}\t{w}\tPROPN\t_\t_\t0\troot\t_\t_\n");
        let date: jiff::civil::Date = "2023-08-05".parse().expect("date");
        let mut doc = document_from_conllu("t", &text, Some(date)).expect("parse");
        Coder::new(d, CoderOptions::default()).code(&mut doc);
        doc.actors.first().and_then(|a| a.code.clone())
    };
    assert_eq!(code(&merged, "Niger").as_deref(), Some("XYZ"));
    assert_eq!(code(&merged, "Niamey").as_deref(), Some("XYZGOV"));
    // Everything the user did not claim is still built in.
    assert_eq!(code(&merged, "Nigeria").as_deref(), Some("NGA"));
    assert_eq!(code(&alone, "Nigeria"), None);
}

/// Events of a hand-parsed sentence as "cameo source target".
fn events(rows: &[(&str, &str, &str, u32, &str)], date: &str) -> Vec<String> {
    coded(rows, date)
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.cameo,
                e.source.code.as_deref().unwrap_or("?"),
                e.target
                    .as_ref()
                    .and_then(|t| t.code.as_deref())
                    .unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn event_nouns_code_with_their_possessor_or_adjective_as_source() {
    let d = "2023-08-05";
    let request = events(
        &[
            ("Niger", "Niger", "PROPN", 3, "nmod:poss"),
            ("'s", "'s", "PART", 1, "case"),
            ("request", "request", "NOUN", 0, "root"),
            ("for", "for", "ADP", 6, "case"),
            ("military", "military", "ADJ", 6, "amod"),
            ("help", "help", "NOUN", 3, "nmod"),
            ("from", "from", "ADP", 10, "case"),
            ("the", "the", "DET", 10, "det"),
            ("Wagner", "Wagner", "PROPN", 10, "compound"),
            ("group", "group", "NOUN", 6, "nmod"),
        ],
        d,
    );
    assert_eq!(request, vec!["0232 NER RUSUAF"]);
    let attack = events(
        &[
            ("The", "the", "DET", 3, "det"),
            ("Russian", "Russian", "ADJ", 3, "amod"),
            ("attack", "attack", "NOUN", 6, "nsubj"),
            ("on", "on", "ADP", 5, "case"),
            ("Kyiv", "Kyiv", "PROPN", 3, "nmod"),
            ("killed", "kill", "VERB", 0, "root"),
            ("five", "five", "NUM", 8, "nummod"),
            ("people", "people", "NOUN", 6, "obj"),
        ],
        d,
    );
    assert_eq!(attack, vec!["190 RUS UKRGOV"]);
    // Nobody named as attacker: no event from the noun.
    let bare = events(
        &[
            ("The", "the", "DET", 2, "det"),
            ("attack", "attack", "NOUN", 3, "nsubj"),
            ("killed", "kill", "VERB", 0, "root"),
            ("five", "five", "NUM", 5, "nummod"),
            ("people", "people", "NOUN", 3, "obj"),
        ],
        d,
    );
    assert!(bare.is_empty(), "{bare:?}");
}

#[test]
fn a_military_title_counts_only_at_the_start_of_a_name() {
    let d = "2023-08-05";
    // "General Salifou Mody visited Mali": a general of Niger (the built-in entry).
    let visit = events(
        &[
            ("General", "General", "PROPN", 3, "compound"),
            ("Salifou", "Salifou", "PROPN", 3, "flat"),
            ("Mody", "Mody", "PROPN", 4, "nsubj"),
            ("visited", "visit", "VERB", 0, "root"),
            ("Mali", "Mali", "PROPN", 4, "obj"),
        ],
        d,
    );
    assert_eq!(visit, vec!["042 NERMIL MLI"]);
    // An unknown general: the title gives the role.
    let unknown = events(
        &[
            ("General", "General", "PROPN", 3, "compound"),
            ("Ondo", "Ondo", "PROPN", 3, "flat"),
            ("Blatvik", "Blatvik", "PROPN", 4, "nsubj"),
            ("visited", "visit", "VERB", 0, "root"),
            ("Mali", "Mali", "PROPN", 4, "obj"),
        ],
        d,
    );
    assert_eq!(unknown, vec!["042 ---MIL MLI"]);
    // "Secretary-General Blatvik": no general.
    let sg = events(
        &[
            ("Secretary", "Secretary", "PROPN", 5, "compound"),
            ("-", "-", "PUNCT", 3, "punct"),
            ("General", "General", "PROPN", 1, "compound"),
            ("Ondo", "Ondo", "PROPN", 5, "flat"),
            ("Blatvik", "Blatvik", "PROPN", 6, "nsubj"),
            ("visited", "visit", "VERB", 0, "root"),
            ("Mali", "Mali", "PROPN", 6, "obj"),
        ],
        d,
    );
    assert!(sg.iter().all(|e| !e.contains("MIL")), "{sg:?}");
}

#[test]
fn an_ultimatum_survives_the_usual_misparses() {
    let d = "2023-08-05";
    // "ECOWAS gave the junta one week to leave", parsed as one object "the junta one week".
    let one_phrase = events(
        &[
            ("ECOWAS", "ECOWAS", "PROPN", 2, "nsubj"),
            ("gave", "give", "VERB", 0, "root"),
            ("the", "the", "DET", 6, "det"),
            ("junta", "junta", "NOUN", 6, "compound"),
            ("one", "one", "NUM", 4, "flat"),
            ("week", "week", "NOUN", 2, "obj"),
            ("to", "to", "PART", 8, "mark"),
            ("leave", "leave", "VERB", 6, "acl"),
        ],
        d,
    );
    assert_eq!(one_phrase, vec!["139 IGOWAFWAS ---MIL"]);
    // "ECOWAS gave the soldiers who seized power a week to leave", the span in the relative
    // clause.
    let relative = events(
        &[
            ("ECOWAS", "ECOWAS", "PROPN", 2, "nsubj"),
            ("gave", "give", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"),
            ("soldiers", "soldier", "NOUN", 2, "obj"),
            ("who", "who", "PRON", 6, "nsubj"),
            ("seized", "seize", "VERB", 4, "acl:relcl"),
            ("power", "power", "NOUN", 6, "obj"),
            ("a", "a", "DET", 9, "det"),
            ("week", "week", "NOUN", 6, "obl:unmarked"),
            ("to", "to", "PART", 11, "mark"),
            ("leave", "leave", "VERB", 6, "advcl"),
        ],
        d,
    );
    assert!(
        relative.contains(&"139 IGOWAFWAS ---MIL".to_string()),
        "{relative:?}"
    );
}

#[test]
fn a_coup_in_a_country_is_against_its_government() {
    let got = events(
        &[
            ("Soldiers", "soldier", "NOUN", 2, "nsubj"),
            ("staged", "stage", "VERB", 0, "root"),
            ("a", "a", "DET", 4, "det"),
            ("coup", "coup", "NOUN", 2, "obj"),
            ("in", "in", "ADP", 6, "case"),
            ("Niger", "Niger", "PROPN", 4, "nmod"),
        ],
        "2023-08-05",
    );
    assert_eq!(got, vec!["170 ---MIL NERGOV"]);
}

#[test]
fn a_fronted_time_phrase_and_the_country_named_before() {
    // "On Saturday, the Senate of Nigeria advised the president of the country", with the
    // subject misparsed as a conjunct of "Saturday".
    let got = events(
        &[
            ("On", "on", "ADP", 2, "case"),
            ("Saturday", "Saturday", "PROPN", 8, "obl"),
            (",", ",", "PUNCT", 5, "punct"),
            ("the", "the", "DET", 5, "det"),
            ("Senate", "Senate", "PROPN", 2, "conj"),
            ("of", "of", "ADP", 7, "case"),
            ("Nigeria", "Nigeria", "PROPN", 5, "nmod"),
            ("advised", "advise", "VERB", 0, "root"),
            ("the", "the", "DET", 10, "det"),
            ("president", "president", "NOUN", 8, "obj"),
            ("of", "of", "ADP", 13, "case"),
            ("the", "the", "DET", 13, "det"),
            ("country", "country", "NOUN", 10, "nmod"),
        ],
        "2023-08-05",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with("NGALEG NGAGOV"), "{got:?}");
}

#[test]
fn robust_to_three_common_misparses() {
    let d = "2023-08-05";
    // "Niger asked for help from Mali": the one asked hangs on "help".
    let asked = events(
        &[
            ("Niger", "Niger", "PROPN", 2, "nsubj"),
            ("asked", "ask", "VERB", 0, "root"),
            ("for", "for", "ADP", 4, "case"),
            ("help", "help", "NOUN", 2, "obl"),
            ("from", "from", "ADP", 6, "case"),
            ("Mali", "Mali", "PROPN", 4, "nmod"),
        ],
        d,
    );
    assert_eq!(asked, vec!["023 NER MLI"]);
    // "Nasr said Mali, a neighbour, visited Niger and contacted Chad", with "visited" a
    // parataxis of "Mali": Mali visited Niger, and both events are Nasr's report.
    let doc = coded(
        &[
            ("Nasr", "Nasr", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("Mali", "Mali", "PROPN", 11, "nsubj"),
            (",", ",", "PUNCT", 6, "punct"),
            ("a", "a", "DET", 6, "det"),
            ("neighbour", "neighbour", "NOUN", 3, "appos"),
            (",", ",", "PUNCT", 8, "punct"),
            ("visited", "visit", "VERB", 3, "parataxis"),
            ("Niger", "Niger", "PROPN", 8, "obj"),
            ("and", "and", "CCONJ", 11, "cc"),
            ("contacted", "contact", "VERB", 2, "ccomp"),
            ("Chad", "Chad", "PROPN", 11, "obj"),
        ],
        d,
    );
    let got: Vec<(String, String, String)> = doc
        .events
        .iter()
        .map(|e| {
            (
                e.cameo.clone(),
                e.target
                    .as_ref()
                    .and_then(|t| t.code.clone())
                    .unwrap_or_default(),
                e.attribution
                    .as_ref()
                    .and_then(|a| a.speaker.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        got.contains(&("042".into(), "NER".into(), "Nasr".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("040".into(), "TCD".into(), "Nasr".into())),
        "{got:?}"
    );
}

#[test]
fn an_event_takes_the_date_of_its_own_clause() {
    let rows = [
        ("Niger", "Niger", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Mali", "Mali", "PROPN", 2, "obj"),
        ("on", "on", "ADP", 5, "case"),
        ("Sunday", "Sunday", "PROPN", 2, "obl"),
        ("and", "and", "CCONJ", 7, "cc"),
        ("said", "say", "VERB", 2, "conj"),
    ];
    let mut text = String::new();
    for (i, (f, l, u, h, r)) in rows.iter().enumerate() {
        text.push_str(&format!("{}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{r}\t_\t_\n", i + 1));
    }
    let date: jiff::civil::Date = "2023-08-05".parse().expect("date");
    let mut doc = document_from_conllu("t", &text, Some(date)).expect("parse");
    dyad_time::recognize(&mut doc);
    assert_eq!(doc.times.len(), 1);
    Coder::new(builtin(), CoderOptions::default()).code(&mut doc);
    let e = doc.events.first().expect("an event");
    assert_eq!(e.date.as_deref(), Some("2023-07-30"));
    assert_eq!(e.date_precision, dyad_doc::DatePrecision::Day);
    assert_eq!(e.date_text.as_deref(), Some("Sunday"));
    // Without the time stage the publication date stands in.
    let mut plain = document_from_conllu("t", &text, Some(date)).expect("parse");
    Coder::new(builtin(), CoderOptions::default()).code(&mut plain);
    let e = plain.events.first().expect("an event");
    assert_eq!(e.date.as_deref(), Some("2023-08-05"));
    assert_eq!(e.date_precision, dyad_doc::DatePrecision::Publication);
}

#[test]
fn hedged_reports_are_flagged_with_their_cue() {
    let d = "2023-08-05";
    let attribution = |rows: &[(&str, &str, &str, u32, &str)]| {
        coded(rows, d)
            .events
            .first()
            .and_then(|e| e.attribution.clone())
            .map(|a| (a.hedged, a.cue.unwrap_or_default()))
    };
    let claimed = attribution(&[
        ("Analysts", "analyst", "NOUN", 2, "nsubj"),
        ("claimed", "claim", "VERB", 0, "root"),
        ("Niger", "Niger", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 2, "ccomp"),
        ("Mali", "Mali", "PROPN", 4, "obj"),
    ]);
    assert_eq!(claimed, Some((true, "claimed".to_string())));
    let reportedly = attribution(&[
        ("Niger", "Niger", "PROPN", 3, "nsubj"),
        ("reportedly", "reportedly", "ADV", 3, "advmod"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Mali", "Mali", "PROPN", 3, "obj"),
    ]);
    assert_eq!(reportedly, Some((true, "reportedly".to_string())));
    let plain = attribution(&[
        ("Niger", "Niger", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Mali", "Mali", "PROPN", 2, "obj"),
    ]);
    assert_eq!(plain, None);
}
