//! Coder behaviour on small invented sentences with hand-written parses, one test per feature.

use dyad_code::conformance::document_from_conllu;
use dyad_code::{Coder, CoderOptions, Dictionaries};
use dyad_dict::{actors, agents, discards, issues, verbs};

const VERBS2: &str = "\
&GOODS
+GRAIN
+MEDICINE

--- ATTACK [190] ---
ATTACK

--- SEND [070] ---
SEND {SENDS SENT SENDING}
- * &GOODS (TO +) [073]
- * {PEACE ENVOY} [036]

--- MEET [040:040] ---
MEET {MEETS MET MEETING}

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- VOW [030] ---
VOW

--- URGE [023] ---
URGE

--- CRITICIZE [111] ---
CRITICIZE

--- CLASH [110] ---
CLASH

--- RENEW [---] ---
RENEW
- % * TIES [050]
";

const VERBS1: &str = "\
--- SEND [070] ---
SEND {SENDS SENT SENDING}
- * GRAIN TO + [073]
- * PEACE_ENVOY [036]
";

const ACTORS: &str = "\
FREEDONIA [FRE]
SYLVANIA [SYL]
GRAND_FENWICK [GFW]
MARSOVIA [MRS]
\t[MRSREB <100101]
";

const AGENTS: &str = "\
SOLDIER [~MIL]
MINISTER [~GOV]
MILITARY [~MIL]
";

const DISCARDS: &str = "\
FOOTBALL
+HOROSCOPE
";

fn dicts_with(verb_text: &str) -> Dictionaries {
    let (v, mut d) = verbs::read("test.verbs.txt", verb_text);
    let (a, d2) = actors::read("test.actors.txt", ACTORS);
    let (g, d3) = agents::read("test.agents.txt", AGENTS);
    let (x, d4) = discards::read("test.discards.txt", DISCARDS);
    d.extend(d2);
    d.extend(d3);
    d.extend(d4);
    assert!(d.is_empty(), "{d:?}");
    Dictionaries::from_parts(vec![v], a, g, x, issues::IssueDictionary::default(), d)
}

fn dicts() -> Dictionaries {
    dicts_with(VERBS2)
}

/// CoNLL-U from (form, lemma, upos, head, deprel) rows.
fn conllu(rows: &[(&str, &str, &str, u32, &str)]) -> String {
    let mut s = String::new();
    for (i, (f, l, u, h, r)) in rows.iter().enumerate() {
        s.push_str(&format!("{}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{r}\t_\t_\n", i + 1));
    }
    s
}

fn code_on(
    d: &Dictionaries,
    opts: CoderOptions,
    rows: &[(&str, &str, &str, u32, &str)],
    date: &str,
) -> Vec<String> {
    let date: jiff::civil::Date = date.parse().expect("test date");
    let mut doc = document_from_conllu("t", &conllu(rows), Some(date)).expect("test parse");
    Coder::new(d, opts).code(&mut doc);
    doc.events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}{}{} @{}",
                e.source.code.as_deref().unwrap_or("?"),
                e.target
                    .as_ref()
                    .and_then(|t| t.code.as_deref())
                    .unwrap_or("-"),
                e.cameo,
                if e.modality.negated { " neg" } else { "" },
                e.attribution
                    .as_ref()
                    .and_then(|a| a.speaker.as_deref())
                    .map(|s| format!(" by:{s}"))
                    .unwrap_or_default(),
                e.rule.line
            )
        })
        .collect()
}

fn code(rows: &[(&str, &str, &str, u32, &str)]) -> Vec<String> {
    code_on(&dicts(), CoderOptions::default(), rows, "2015-06-01")
}

#[test]
fn simple_transitive_verb_uses_the_block_code() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
        (".", ".", "PUNCT", 2, "punct"),
    ]);
    assert_eq!(got, vec!["FRE SYL 190 @6"]);
}

#[test]
fn agent_in_an_of_phrase_attaches_to_the_actor() {
    let got = code(&[
        ("Soldiers", "soldier", "NOUN", 4, "nsubj"),
        ("of", "of", "ADP", 3, "case"),
        ("Freedonia", "Freedonia", "PROPN", 1, "nmod"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["FREMIL SYL 190 @6"]);
}

#[test]
fn possessive_agent_and_paired_code() {
    let got = code(&[
        ("Sylvania", "Sylvania", "PROPN", 3, "nmod:poss"),
        ("'s", "'s", "PART", 1, "case"),
        ("minister", "minister", "NOUN", 4, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["SYLGOV FRE 040 @14", "FRE SYLGOV 040 @14"]);
}

#[test]
fn synset_and_prepositional_target_choose_the_pattern() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("sent", "send", "VERB", 0, "root"),
        ("grain", "grain", "NOUN", 2, "obj"),
        ("to", "to", "ADP", 5, "case"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obl"),
    ]);
    assert_eq!(got, vec!["FRE SYL 073 @10"]);
}

#[test]
fn braced_noun_phrase_needs_its_modifier() {
    let rows = |adj: &'static str| {
        vec![
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("sent", "send", "VERB", 0, "root"),
            ("a", "a", "DET", 5, "det"),
            (adj, adj, "ADJ", 5, "amod"),
            ("envoy", "envoy", "NOUN", 2, "obj"),
            ("to", "to", "ADP", 7, "case"),
            ("Sylvania", "Sylvania", "PROPN", 2, "obl"),
        ]
    };
    assert_eq!(code(&rows("peace")), vec!["FRE SYL 036 @11"]);
    // Without the modifier only the verb's own code applies.
    assert_eq!(code(&rows("special")), vec!["FRE SYL 070 @9"]);
}

#[test]
fn ud_v1_labels_code_like_v2() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("sent", "send", "VERB", 0, "root"),
        ("medicine", "medicine", "NOUN", 2, "dobj"),
        ("to", "to", "ADP", 5, "case"),
        ("Sylvania", "Sylvania", "PROPN", 2, "nmod"),
    ]);
    assert_eq!(got, vec!["FRE SYL 073 @10"]);
}

#[test]
fn compound_subject_gives_one_event_per_actor() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 5, "nsubj"),
        ("and", "and", "CCONJ", 4, "cc"),
        ("Grand", "Grand", "PROPN", 4, "compound"),
        ("Fenwick", "Fenwick", "PROPN", 1, "conj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 190 @6", "GFW SYL 190 @6"]);
}

#[test]
fn passive_agent_is_the_source() {
    let got = code(&[
        ("Sylvania", "Sylvania", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("by", "by", "ADP", 5, "case"),
        ("Freedonia", "Freedonia", "PROPN", 3, "obl:agent"),
    ]);
    assert_eq!(got, vec!["FRE SYL 190 @6"]);
}

#[test]
fn negated_verb_is_flagged() {
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("did", "do", "AUX", 4, "aux"),
        ("not", "not", "PART", 4, "advmod"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ];
    assert_eq!(code(&rows), vec!["FRE SYL 190 neg @6"]);
    let opts = CoderOptions {
        keep_negated: false,
        ..CoderOptions::default()
    };
    assert!(code_on(&dicts(), opts, &rows, "2015-06-01").is_empty());
}

#[test]
fn reported_speech_codes_the_inner_event_with_the_speaker() {
    let got = code(&[
        ("Marsovia", "Marsovia", "PROPN", 2, "nsubj"),
        ("said", "say", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 2, "ccomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 190 by:Marsovia @6"]);
}

#[test]
fn date_restricted_actor_codes_follow_the_article_date() {
    let rows = [
        ("Marsovia", "Marsovia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
    ];
    let d = dicts();
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2005-03-01"),
        vec!["MRSREB SYL 190 @6"]
    );
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2015-03-01"),
        vec!["MRS SYL 190 @6"]
    );
}

#[test]
fn missing_target_only_with_the_option() {
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("yesterday", "yesterday", "NOUN", 2, "obl:tmod"),
    ];
    assert!(code(&rows).is_empty());
    let opts = CoderOptions {
        allow_missing_target: true,
        ..CoderOptions::default()
    };
    assert_eq!(
        code_on(&dicts(), opts, &rows, "2015-06-01"),
        vec!["FRE - 190 @6"]
    );
}

#[test]
fn discards_drop_sentences_and_stories() {
    let d = dicts();
    let mut text = conllu(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
    ]);
    text.push('\n');
    text.push_str(&conllu(&[
        ("Sylvania", "Sylvania", "PROPN", 2, "nsubj"),
        ("played", "play", "VERB", 0, "root"),
        ("football", "football", "NOUN", 2, "obj"),
    ]));
    let mut doc = document_from_conllu("t", &text, None).expect("parse");
    Coder::new(&d, CoderOptions::default()).code(&mut doc);
    assert_eq!(doc.events.len(), 1);
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.contains("sentence 1 discarded")));

    text.push('\n');
    text.push_str(&conllu(&[("horoscope", "horoscope", "NOUN", 0, "root")]));
    let mut doc = document_from_conllu("t", &text, None).expect("parse");
    Coder::new(&d, CoderOptions::default()).code(&mut doc);
    assert!(doc.events.is_empty());
    assert!(doc.warnings.iter().any(|w| w.contains("story discarded")));
}

#[test]
fn petrarch1_patterns_match_words_in_order() {
    let d = dicts_with(VERBS1);
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("sent", "send", "VERB", 0, "root"),
        ("grain", "grain", "NOUN", 2, "obj"),
        ("to", "to", "ADP", 5, "case"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obl"),
    ];
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2015-06-01"),
        vec!["FRE SYL 073 @3"]
    );
}

#[test]
fn events_are_traceable_and_complete() {
    let d = dicts();
    let date: jiff::civil::Date = "2015-06-01".parse().expect("date");
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
    ];
    let mut doc = document_from_conllu("a1", &conllu(&rows), Some(date)).expect("parse");
    Coder::new(&d, CoderOptions::default()).code(&mut doc);
    let e = &doc.events[0];
    assert_eq!(e.rule.dictionary, "test.verbs.txt");
    assert_eq!(e.rule.pattern, "ATTACK [190]");
    assert_eq!(e.evidence.verb.text, "attacked");
    assert_eq!(
        e.evidence.source.as_ref().map(|s| s.text.as_str()),
        Some("Freedonia")
    );
    assert_eq!(
        e.evidence
            .target
            .as_ref()
            .map(|s| (s.token_start, s.token_end)),
        Some((2, 3))
    );
    assert_eq!(
        (e.cameo_root.as_str(), e.quad_class, e.goldstein),
        ("19", 4, -10.0)
    );
    assert_eq!(e.date.as_deref(), Some("2015-06-01"));
    assert_eq!(e.plover.event.as_deref(), Some("ASSAULT"));
    assert_eq!(doc.actors.len(), 2);
    assert_eq!(doc.actors[0].code.as_deref(), Some("FRE"));
    // Same input, same ids.
    let mut again = document_from_conllu("a1", &conllu(&rows), Some(date)).expect("parse");
    Coder::new(&d, CoderOptions::default()).code(&mut again);
    assert_eq!(again.events[0].id, e.id);
}

#[test]
fn robustness_never_panics() {
    let d = dicts();
    let coder = Coder::new(&d, CoderOptions::default());
    // Empty document.
    let mut doc = dyad_doc::Document::new(dyad_doc::Article::new("e", ""));
    coder.code(&mut doc);
    assert!(doc.events.is_empty());
    // Tokens without syntax.
    let mut doc =
        dyad_doc::Document::new(dyad_doc::Article::new("n", "Freedonia attacked Sylvania"));
    doc.text = doc.article.text.clone();
    dyad_segment::segment(&mut doc);
    coder.code(&mut doc);
    assert!(doc.events.is_empty());
    // A 1,000-token sentence, a chain, with actors everywhere.
    let mut rows = Vec::new();
    for i in 0..1000u32 {
        let (f, u, r) = match i % 3 {
            0 => ("Freedonia", "PROPN", "nsubj"),
            1 => ("attacked", "VERB", "conj"),
            _ => ("Sylvania", "PROPN", "obj"),
        };
        rows.push((
            f,
            f,
            u,
            if i == 0 { 0 } else { i },
            if i == 0 { "root" } else { r },
        ));
    }
    let mut doc = document_from_conllu("long", &conllu(&rows), None).expect("parse");
    coder.code(&mut doc);
    // Unknown actors, bad heads and cycles.
    let text = "1\tZembla\tZembla\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\t_\t_\t3\troot\t_\t_\n3\tQux\tQux\tPROPN\t_\t_\t2\tobj\t_\t_\n";
    let mut doc = document_from_conllu("cyc", text, None).expect("parse");
    coder.code(&mut doc);
    assert!(doc.events.is_empty());
    let text = "1\tZembla\tZembla\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\t_\t_\t0\troot\t_\t_\n3\tQux\tQux\tPROPN\t_\t_\t99\tobj\t_\t_\n";
    let mut doc = document_from_conllu("bad", text, None).expect("parse");
    coder.code(&mut doc);
    assert!(doc.events.is_empty());
}

#[test]
fn controlled_complement_gives_way_to_the_lower_event() {
    // "Freedonia vowed to attack Sylvania": the attack, not the vow.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("vowed", "vow", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 190 @6"]);
}

#[test]
fn request_with_its_own_target_absorbs_the_requested_act() {
    // "Freedonia urged Sylvania to attack Marsovia": a request to Sylvania, no attack yet.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("urged", "urge", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Marsovia", "Marsovia", "PROPN", 5, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 023 @23"]);
}

#[test]
fn believing_verb_takes_the_complement_subject_as_target() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("that", "that", "SCONJ", 5, "mark"),
        ("Sylvania", "Sylvania", "PROPN", 5, "nsubj"),
        ("left", "leave", "VERB", 2, "ccomp"),
    ]);
    assert_eq!(got, vec!["FRE SYL 111 @26"]);
}

#[test]
fn negated_code_uses_the_ontology_counterpart() {
    let mut d = dicts();
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("did", "do", "AUX", 4, "aux"),
        ("not", "not", "PART", 4, "advmod"),
        ("clash", "clash", "VERB", 0, "root"),
        ("with", "with", "ADP", 6, "case"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obl"),
    ];
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2015-06-01"),
        vec!["FRE SYL 110 neg @29"]
    );
    let (neg, diags) =
        dyad_code::ontology::read("onto.txt", "050:0x0080\n110:0x1007f#0xFFFF+0x0080\n");
    assert!(diags.is_empty());
    d.negations = neg;
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2015-06-01"),
        vec!["FRE SYL 050 @29"]
    );
}

#[test]
fn split_subject_from_a_parser_is_one_actor() {
    // A parser gave "Sylvania" and "Tarn" both as subjects.
    let got = code(&[
        ("Sylvania", "Sylvania", "PROPN", 4, "nsubj"),
        ("Minister", "minister", "PROPN", 3, "compound"),
        ("Tarn", "Tarn", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["SYLGOV FRE 190 @6"]);
}

#[test]
fn agent_word_modifying_a_thing_is_not_an_actor() {
    let rows = [
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("military", "military", "ADJ", 4, "amod"),
        ("positions", "position", "NOUN", 2, "obj"),
    ];
    assert!(code(&rows).is_empty());
    // PETRARCH reads it as an actor; compatibility mode does too.
    let opts = CoderOptions {
        petrarch_compat: true,
        ..CoderOptions::default()
    };
    assert_eq!(
        code_on(&dicts(), opts, &rows, "2015-06-01"),
        vec!["FRE ---MIL 190 @6"]
    );
}

#[test]
fn participle_with_by_agent_is_passive() {
    // "Soldiers attacked by Freedonia fled": Freedonia attacked the soldiers. The participle
    // needs its VBN tag, so the parse is written out in full.
    let text = "1\tSoldiers\tsoldier\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBN\t_\t1\tacl\t_\t_\n3\tby\tby\tADP\tIN\t_\t4\tcase\t_\t_\n4\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t2\tobl\t_\t_\n5\tfled\tflee\tVERB\tVBD\t_\t0\troot\t_\t_\n";
    let d = dicts();
    let mut doc = document_from_conllu("p", text, None).expect("parse");
    Coder::new(&d, CoderOptions::default()).code(&mut doc);
    let got: Vec<String> = doc
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.code.as_deref().unwrap_or("?"),
                e.target
                    .as_ref()
                    .and_then(|t| t.code.as_deref())
                    .unwrap_or("-"),
                e.cameo
            )
        })
        .collect();
    assert_eq!(got, vec!["FRE ---MIL 190"]);
}

#[test]
fn dictionary_folder_prefers_real_dictionaries_over_validation_ones() {
    let dir = std::env::temp_dir().join(format!("dyad-code-dicts-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for (name, text) in [
        ("PETR.Validate.actors.txt", "GONDOR [GON]\n"),
        ("Real.actors.txt", "FREEDONIA [FRE]\n"),
        ("Real.agents.txt", "SOLDIER [~MIL]\n"),
        ("PETR.Validate.verbs.txt", "--- ATTACK [190] ---\nATTACK\n"),
        (
            "CAMEO.2.0.txt",
            "--- ATTACK [190] ---\nATTACK\n- * (WITH +) [193]\n",
        ),
    ] {
        std::fs::write(dir.join(name), text).expect("write test dictionary");
    }
    let files = dyad_code::DictionaryFiles::from_dir(&dir).expect("read dir");
    let names = |v: &[std::path::PathBuf]| -> Vec<String> {
        v.iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(names(&files.actors), vec!["Real.actors.txt"]);
    assert_eq!(names(&files.verbs), vec!["CAMEO.2.0.txt"]);
    let d = Dictionaries::load(&files).expect("load");
    assert_eq!(d.actors.entries.len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dictionaries_and_coder_are_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Dictionaries>();
    shareable::<Coder<'static>>();
}

#[test]
fn petrarch1_source_target_markers_and_adjacency() {
    let verbs = "\
--- ACCUSE [112] ---
ACCUSE
- + WAS * BY $ [1121]
- * + OF_SPYING [1125]
";
    let d = dicts_with(verbs);
    // `+ WAS * BY $`: the passive word order names the target before and the source after.
    let rows = [
        ("Sylvania", "Sylvania", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("accused", "accuse", "VERB", 0, "root"),
        ("by", "by", "ADP", 5, "case"),
        ("Freedonia", "Freedonia", "PROPN", 3, "obl:agent"),
    ];
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows, "2015-06-01"),
        vec!["FRE SYL 1121 @3"]
    );
    // `OF_SPYING`: "spying" must follow "of" immediately.
    let rows = |w: &'static str| {
        vec![
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("accused", "accuse", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
            ("of", "of", "SCONJ", 6, "mark"),
            (w, w, "ADV", 6, "advmod"),
            ("spying", "spy", "VERB", 2, "advcl"),
        ]
    };
    assert_eq!(
        code_on(&d, CoderOptions::default(), &rows("really"), "2015-06-01"),
        vec!["FRE SYL 112 @2"]
    );
    let adjacent = [
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("accused", "accuse", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
        ("of", "of", "SCONJ", 5, "mark"),
        ("spying", "spy", "VERB", 2, "advcl"),
    ];
    assert_eq!(
        code_on(&d, CoderOptions::default(), &adjacent, "2015-06-01"),
        vec!["FRE SYL 1125 @4"]
    );
}

#[test]
fn compound_marker_needs_a_compound_and_pairs_its_members() {
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("Sylvania", "Sylvania", "PROPN", 1, "conj"),
        ("renewed", "renew", "VERB", 0, "root"),
        ("ties", "tie", "NOUN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 050 @33", "SYL FRE 050 @33"]);
    let single = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("renewed", "renew", "VERB", 0, "root"),
        ("ties", "tie", "NOUN", 2, "obj"),
    ]);
    assert!(single.is_empty(), "{single:?}");
}
