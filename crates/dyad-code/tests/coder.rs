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
    dicts_from(verb_text, ACTORS)
}

/// Dictionaries from the given verb and actor texts and the shared agents and discards.
fn dicts_from(verb_text: &str, actor_text: &str) -> Dictionaries {
    let (v, mut d) = verbs::read("test.verbs.txt", verb_text);
    let (a, d2) = actors::read("test.actors.txt", actor_text);
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
    // "Freedonia vowed to attack Sylvania": the lower event, not the vow, coded as what a vow
    // to attack is: a threat of force (138), not an attack.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("vowed", "vow", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["FRE SYL 138 @6"]);
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

#[test]
fn passive_agent_conjuncts_are_sources_never_targets() {
    // "The envoy was criticized by Freedonia, Sylvania and Marsovia at a meeting."
    let rows = [
        ("The", "the", "DET", 2, "det"),
        ("envoy", "envoy", "NOUN", 4, "nsubj:pass"),
        ("was", "be", "AUX", 4, "aux:pass"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("by", "by", "ADP", 6, "case"),
        ("Freedonia", "Freedonia", "PROPN", 4, "obl:agent"),
        (",", ",", "PUNCT", 8, "punct"),
        ("Sylvania", "Sylvania", "PROPN", 6, "conj"),
        ("and", "and", "CCONJ", 10, "cc"),
        ("Marsovia", "Marsovia", "PROPN", 6, "conj"),
        ("at", "at", "ADP", 13, "case"),
        ("a", "a", "DET", 13, "det"),
        ("meeting", "meeting", "NOUN", 4, "obl"),
    ];
    // The patient (the uncoded envoy) is the target: no event, and no conjunct of the agent
    // becomes a target of another.
    assert!(code(&rows).is_empty(), "{:?}", code(&rows));
    let opts = CoderOptions {
        allow_missing_target: true,
        ..CoderOptions::default()
    };
    assert_eq!(
        code_on(&dicts(), opts, &rows, "2015-06-01"),
        vec!["FRE - 111 @26", "SYL - 111 @26", "MRS - 111 @26"]
    );
}

#[test]
fn members_of_one_participle_agent_do_not_act_on_each_other() {
    // "a battle joined by Freedonia, Sylvania and Grand Fenwick" (the participle's noun is
    // its patient).
    let got = code(&[
        ("a", "a", "DET", 2, "det"),
        ("battle", "battle", "NOUN", 0, "root"),
        ("joined", "criticize", "VERB", 2, "acl"),
        ("by", "by", "ADP", 5, "case"),
        ("Freedonia", "Freedonia", "PROPN", 3, "obl:agent"),
        (",", ",", "PUNCT", 7, "punct"),
        ("Sylvania", "Sylvania", "PROPN", 5, "conj"),
        ("and", "and", "CCONJ", 10, "cc"),
        ("Grand", "Grand", "PROPN", 10, "compound"),
        ("Fenwick", "Fenwick", "PROPN", 5, "conj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_place_phrase_is_not_a_target_even_when_deeper_words_name_an_actor() {
    // "Freedonia attacked in the capital of Sylvania on Monday."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("in", "in", "ADP", 5, "case"),
        ("the", "the", "DET", 5, "det"),
        ("capital", "capital", "NOUN", 2, "obl"),
        ("of", "of", "ADP", 7, "case"),
        ("Sylvania", "Sylvania", "PROPN", 5, "nmod"),
        ("on", "on", "ADP", 9, "case"),
        ("Monday", "Monday", "PROPN", 2, "obl"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn things_that_mention_an_actor_neither_act_nor_stand_for_it() {
    // "Sylvania attacked Freedonia weapons."
    let weapons = code(&[
        ("Sylvania", "Sylvania", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 4, "compound"),
        ("weapons", "weapon", "NOUN", 2, "obj"),
    ]);
    assert!(weapons.is_empty(), "{weapons:?}");
    // A reaction to a policy reaches whoever the adjective names: "Sylvania criticized the
    // Freedonia proposal".
    let proposal = code(&[
        ("Sylvania", "Sylvania", "PROPN", 2, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("the", "the", "DET", 5, "det"),
        ("Freedonia", "Freedonia", "PROPN", 5, "compound"),
        ("proposal", "proposal", "NOUN", 2, "obj"),
    ]);
    assert_eq!(proposal, vec!["SYL FRE 111 @26"]);
    // "Sylvania criticized Freedonia's plan": the possessor is what is criticized.
    let plan = code(&[
        ("Sylvania", "Sylvania", "PROPN", 2, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 5, "nmod:poss"),
        ("'s", "'s", "PART", 3, "case"),
        ("plan", "plan", "NOUN", 2, "obj"),
    ]);
    assert_eq!(plan, vec!["SYL FRE 111 @26"]);
    // "Freedonia's plan criticized Sylvania": a plan does not speak.
    let source = code(&[
        ("Freedonia", "Freedonia", "PROPN", 3, "nmod:poss"),
        ("'s", "'s", "PART", 1, "case"),
        ("plan", "plan", "NOUN", 4, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert!(source.is_empty(), "{source:?}");
    // An agent noun still names its actor: "Freedonia soldiers attacked Sylvania".
    let soldiers = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "compound"),
        ("soldiers", "soldier", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
    ]);
    assert_eq!(soldiers, vec!["FREMIL SYL 190 @6"]);
}

#[test]
fn a_statement_takes_no_target_from_what_it_is_about() {
    // "Freedonia said nothing about refugees sent back to Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("said", "say", "VERB", 0, "root"),
        ("nothing", "nothing", "PRON", 2, "obj"),
        ("about", "about", "ADP", 5, "case"),
        ("refugees", "refugee", "NOUN", 3, "nmod"),
        ("sent", "send", "VERB", 5, "acl"),
        ("back", "back", "ADV", 6, "advmod"),
        ("to", "to", "ADP", 9, "case"),
        ("Sylvania", "Sylvania", "PROPN", 6, "obl"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn questions_and_conditions_are_not_events() {
    // "Will Freedonia attack Sylvania?"
    let question = code(&[
        ("Will", "will", "AUX", 3, "aux"),
        ("Freedonia", "Freedonia", "PROPN", 3, "nsubj"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
        ("?", "?", "PUNCT", 3, "punct"),
    ]);
    assert!(question.is_empty(), "{question:?}");
    // "If Freedonia attacks Sylvania, Marsovia will respond."
    let conditional = code(&[
        ("If", "if", "SCONJ", 3, "mark"),
        ("Freedonia", "Freedonia", "PROPN", 3, "nsubj"),
        ("attacks", "attack", "VERB", 8, "advcl"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
        (",", ",", "PUNCT", 3, "punct"),
        ("Marsovia", "Marsovia", "PROPN", 8, "nsubj"),
        ("will", "will", "AUX", 8, "aux"),
        ("respond", "respond", "VERB", 0, "root"),
    ]);
    assert!(conditional.is_empty(), "{conditional:?}");
}

#[test]
fn a_phrase_coded_dashes_names_no_actor() {
    let dicts = dicts_from(VERBS2, &format!("{ACTORS}SYLVANIA_SEA [---]\n"));
    // "Freedonia attacked Sylvania Sea ports."
    let got = code_on(
        &dicts,
        CoderOptions::default(),
        &[
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 4, "compound"),
            ("Sea", "Sea", "PROPN", 5, "compound"),
            ("ports", "port", "NOUN", 2, "obj"),
        ],
        "2015-06-01",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_place_misparsed_as_object_is_not_a_target() {
    // "Freedonia attacked in Sylvania Monday", with "in" hung on "Sylvania" and the phrase
    // parsed as the object.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("in", "in", "ADP", 4, "case"),
        ("Sylvania", "Sylvania", "PROPN", 5, "compound"),
        ("Monday", "Monday", "PROPN", 2, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_coded_phrase_beats_an_uncoded_one_of_the_same_words() {
    let dicts = dicts_from(VERBS2, &format!("U.N._\n\n{ACTORS}U.N. [IGOUNO]\n"));
    // "The U.N. minister for Sylvania criticized Freedonia": the head's own actor wins over
    // the `for` phrase.
    let got = code_on(
        &dicts,
        CoderOptions::default(),
        &[
            ("The", "the", "DET", 3, "det"),
            ("U.N.", "U.N.", "PROPN", 3, "compound"),
            ("minister", "minister", "NOUN", 6, "nsubj"),
            ("for", "for", "ADP", 5, "case"),
            ("Sylvania", "Sylvania", "PROPN", 3, "nmod"),
            ("criticized", "criticize", "VERB", 0, "root"),
            ("Freedonia", "Freedonia", "PROPN", 6, "obj"),
        ],
        "2015-06-01",
    );
    assert_eq!(got, vec!["IGOUNOGOV FRE 111 @26"]);
}

#[test]
fn the_consequence_of_a_condition_is_not_an_event() {
    // "If talks fail, Freedonia will attack Sylvania."
    let got = code(&[
        ("If", "if", "SCONJ", 3, "mark"),
        ("talks", "talk", "NOUN", 3, "nsubj"),
        ("fail", "fail", "VERB", 7, "advcl"),
        (",", ",", "PUNCT", 3, "punct"),
        ("Freedonia", "Freedonia", "PROPN", 7, "nsubj"),
        ("will", "will", "AUX", 7, "aux"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 7, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn an_agent_owned_by_a_pronoun_belongs_to_the_source() {
    // "Freedonia urged its soldiers."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("urged", "urge", "VERB", 0, "root"),
        ("its", "its", "PRON", 4, "nmod:poss"),
        ("soldiers", "soldier", "NOUN", 2, "obj"),
    ]);
    assert_eq!(got, vec!["FRE FREMIL 023 @23"]);
}

#[test]
fn an_actor_naming_the_head_beats_a_compound_before_it() {
    let dicts = dicts_from(VERBS2, &format!("{ACTORS}SENATE [SYLLEG]\n"));
    // "The Sylvania Senate criticized Freedonia."
    let got = code_on(
        &dicts,
        CoderOptions::default(),
        &[
            ("The", "the", "DET", 3, "det"),
            ("Sylvania", "Sylvania", "PROPN", 3, "compound"),
            ("Senate", "Senate", "PROPN", 4, "nsubj"),
            ("criticized", "criticize", "VERB", 0, "root"),
            ("Freedonia", "Freedonia", "PROPN", 4, "obj"),
        ],
        "2015-06-01",
    );
    assert_eq!(got, vec!["SYLLEG FRE 111 @26"]);
}

#[test]
fn a_topic_is_not_whom_one_meets_or_speaks_to() {
    // "Freedonia met Sylvania's plan" is not a meeting with Sylvania (a verb of consultation
    // takes people, not topics); "a resolution in Freedonia attacked Sylvania" has no source.
    let met = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 5, "nmod:poss"),
        ("'s", "'s", "PART", 3, "case"),
        ("plan", "plan", "NOUN", 2, "obj"),
    ]);
    assert!(met.is_empty(), "{met:?}");
    let resolution = code(&[
        ("a", "a", "DET", 2, "det"),
        ("resolution", "resolution", "NOUN", 5, "nsubj"),
        ("in", "in", "ADP", 4, "case"),
        ("Freedonia", "Freedonia", "PROPN", 2, "nmod"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert!(resolution.is_empty(), "{resolution:?}");
    // People of a country still act: "soldiers of Freedonia attacked Sylvania" is covered by
    // agent_in_an_of_phrase_attaches_to_the_actor.
}

#[test]
fn a_relative_clause_is_not_done_by_the_main_verb() {
    // "Freedonia criticized those who attacked Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("those", "those", "PRON", 2, "obj"),
        ("who", "who", "PRON", 5, "nsubj"),
        ("attacked", "attack", "VERB", 3, "acl:relcl"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_place_named_after_a_country_is_not_the_country() {
    // "Freedonia met the Grand Hotel in Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("the", "the", "DET", 5, "det"),
        ("Grand", "Grand", "PROPN", 5, "compound"),
        ("Hotel", "Hotel", "PROPN", 2, "obj"),
        ("in", "in", "ADP", 7, "case"),
        ("Sylvania", "Sylvania", "PROPN", 5, "nmod"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn telling_reporters_is_a_statement_not_an_event_with_the_press() {
    let (v, mut d) = verbs::read(
        "test.verbs.txt",
        &format!("{VERBS2}\n--- TELL [010] ---\nTELL {{TELLS TOLD}}\n"),
    );
    let (a, d2) = actors::read("test.actors.txt", ACTORS);
    let (g, d3) = agents::read("test.agents.txt", &format!("{AGENTS}REPORTER [~MED]\n"));
    let (x, d4) = discards::read("test.discards.txt", DISCARDS);
    d.extend(d2);
    d.extend(d3);
    d.extend(d4);
    assert!(d.is_empty(), "{d:?}");
    let dicts = Dictionaries::from_parts(vec![v], a, g, x, issues::IssueDictionary::default(), d);
    let rows = |obj: &'static str, lemma: &'static str| {
        vec![
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("told", "tell", "VERB", 0, "root"),
            (obj, lemma, "NOUN", 2, "iobj"),
        ]
    };
    let press = code_on(
        &dicts,
        CoderOptions::default(),
        &rows("reporters", "reporter"),
        "2015-06-01",
    );
    assert!(press.is_empty(), "{press:?}");
    let told = code_on(
        &dicts,
        CoderOptions::default(),
        &rows("Sylvania", "Sylvania"),
        "2015-06-01",
    );
    assert_eq!(told.len(), 1, "{told:?}");
}

#[test]
fn the_object_of_the_governing_verb_does_what_it_is_pressed_to_do() {
    // "Freedonia kept troops near them to press them to attack Sylvania" is simplified to
    // "Freedonia pressed them to attack Sylvania": the pressed ones attack, not Freedonia.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("pressed", "press", "VERB", 0, "root"),
        ("them", "they", "PRON", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
    // "Freedonia vowed to attack Sylvania" keeps its subject (a threat of force).
    let vowed = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("vowed", "vow", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert_eq!(vowed, vec!["FRE SYL 138 @6"]);
}

#[test]
fn what_could_or_should_happen_has_not_happened() {
    // "Freedonia could attack Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 3, "nsubj"),
        ("could", "could", "AUX", 3, "aux"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn an_agent_word_before_a_thing_does_not_reach_its_modifier() {
    // "Freedonia sent military aid to Sylvanian rivals" -- "Sylvanian rivals" are not
    // Sylvania, and "military aid to X" is not X's military. Simplified: "Freedonia criticized
    // military support for Sylvania".
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("criticized", "criticize", "VERB", 0, "root"),
        ("military", "military", "ADJ", 4, "amod"),
        ("support", "support", "NOUN", 2, "obj"),
        ("for", "for", "ADP", 6, "case"),
        ("Sylvania", "Sylvania", "PROPN", 4, "nmod"),
    ]);
    assert_eq!(got, vec!["FRE SYL 111 @26"]);
    let rivals = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 4, "compound"),
        ("rivals", "rival", "NOUN", 2, "obj"),
    ]);
    assert!(rivals.is_empty(), "{rivals:?}");
}

#[test]
fn what_is_said_is_not_whom_it_is_said_to() {
    // "Marsovia said Sylvania", a parse that makes the content the object of "said".
    let got = code(&[
        ("Marsovia", "Marsovia", "PROPN", 2, "nsubj"),
        ("said", "say", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_person_keeps_the_organisation_named_before_the_name() {
    let dicts = dicts_from(VERBS2, &format!("{ACTORS}BORIS_BADENOV [MRSELI]\n"));
    // "Freedonia envoy Boris Badenov criticized Sylvania": Freedonia's envoy, not Marsovia.
    let got = code_on(
        &dicts,
        CoderOptions::default(),
        &[
            ("Freedonia", "Freedonia", "PROPN", 4, "compound"),
            ("minister", "minister", "NOUN", 4, "compound"),
            ("Boris", "Boris", "PROPN", 4, "compound"),
            ("Badenov", "Badenov", "PROPN", 5, "nsubj"),
            ("criticized", "criticize", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
        ],
        "2015-06-01",
    );
    assert_eq!(got, vec!["FREGOV SYL 111 @26"]);
}

#[test]
fn urging_someone_to_act_on_x_is_not_an_appeal_to_x() {
    // "Freedonia urged them to attack Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("urged", "urge", "VERB", 0, "root"),
        ("them", "they", "PRON", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_generic_statement_code_needs_a_verb_of_speaking() {
    // "Freedonia saw Sylvania" with SEE coded only 010 is not a statement.
    let d = dicts_with(&format!("{VERBS2}\n--- SEE [010] ---\nSEE {{SEES SAW}}\n"));
    let got = code_on(
        &d,
        CoderOptions::default(),
        &[
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("saw", "see", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
        ],
        "2015-06-01",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn people_take_their_country_only_from_of_from_in() {
    // "Soldiers with Sylvania attacked Marsovia": the soldiers are not Sylvania's.
    let got = code(&[
        ("Soldiers", "soldier", "NOUN", 4, "nsubj"),
        ("with", "with", "ADP", 3, "case"),
        ("Sylvania", "Sylvania", "PROPN", 1, "nmod"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Marsovia", "Marsovia", "PROPN", 4, "obj"),
    ]);
    assert_eq!(got, vec!["---MIL MRS 190 @6"]);
}

#[test]
fn a_named_person_is_not_where_they_are() {
    // "Freedonia attacked Smith in Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Smith", "Smith", "PROPN", 2, "obj"),
        ("in", "in", "ADP", 5, "case"),
        ("Sylvania", "Sylvania", "PROPN", 3, "nmod"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn what_is_hoped_for_has_not_happened() {
    // "Freedonia hopes to meet Sylvania."
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("hopes", "hope", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("meet", "meet", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert!(got.is_empty(), "{got:?}");
}

/// "Freedonia soldiers attacked Sylvania." as CoNLL-U.
fn freedonia_soldiers_attacked_sylvania() -> String {
    conllu(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "compound"),
        ("soldiers", "soldier", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
    ])
}

/// Codes a whole CoNLL-U text (several sentences make one article).
fn code_text(d: &Dictionaries, text: &str, opts: CoderOptions) -> dyad_doc::Document {
    let date: jiff::civil::Date = "2015-06-01".parse().expect("test date");
    let mut doc = document_from_conllu("t", text, Some(date)).expect("test parse");
    Coder::new(d, opts).code(&mut doc);
    doc
}

#[test]
fn a_role_alone_takes_the_country_the_article_gave_it() {
    let first = freedonia_soldiers_attacked_sylvania();
    let second = conllu(&[
        ("The", "the", "DET", 2, "det"),
        ("soldiers", "soldier", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Marsovia", "Marsovia", "PROPN", 3, "obj"),
    ]);
    let d = dicts();
    let run = |text: &str, opts: CoderOptions| {
        let doc = code_text(&d, text, opts);
        let codes: Vec<String> = doc
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e.source.code.as_deref().unwrap_or("?"),
                    e.target
                        .as_ref()
                        .and_then(|t| t.code.as_deref())
                        .unwrap_or("-")
                )
            })
            .collect();
        (codes, doc.warnings)
    };
    let (codes, warnings) = run(&format!("{first}\n{second}"), CoderOptions::default());
    assert_eq!(codes, vec!["FREMIL SYL", "FREMIL MRS"]);
    assert!(
        warnings.iter().any(|w| w.contains("taken as FREMIL")),
        "{warnings:?}"
    );
    // Named later in the article: the first later naming is used.
    let (codes, _) = run(&format!("{second}\n{first}"), CoderOptions::default());
    assert_eq!(codes, vec!["FREMIL MRS", "FREMIL SYL"]);
    // Alone, or in PETRARCH's mode, the role stays unresolved.
    let (codes, _) = run(&second, CoderOptions::default());
    assert_eq!(codes, vec!["---MIL MRS"]);
    let compat = CoderOptions {
        petrarch_compat: true,
        ..CoderOptions::default()
    };
    let (codes, _) = run(&format!("{first}\n{second}"), compat);
    assert_eq!(codes, vec!["FREMIL SYL", "---MIL MRS"]);
}

#[test]
fn a_threat_or_refusal_is_coded_not_what_it_threatens_or_refuses() {
    let d = dicts_with(&format!(
        "{VERBS2}\n--- THREATEN [130] ---\nTHREATEN\n\n--- REFUSE [120] ---\nREFUSE\n"
    ));
    let rows = |verb: &'static str, lemma: &'static str| {
        vec![
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            (verb, lemma, "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("attack", "attack", "VERB", 2, "xcomp"),
            ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
        ]
    };
    let opts = CoderOptions::default;
    let threat = code_on(&d, opts(), &rows("threatened", "threaten"), "2015-06-01");
    assert_eq!(threat.len(), 1, "{threat:?}");
    assert!(threat[0].starts_with("FRE SYL 130"), "{threat:?}");
    let refusal = code_on(&d, opts(), &rows("refused", "refuse"), "2015-06-01");
    assert!(
        refusal.len() == 1 && refusal[0].starts_with("FRE SYL 120"),
        "{refusal:?}"
    );
    // A vow still gives way to what it vows (PETRARCH's convention), as the threat it is.
    let vow = code_on(&d, opts(), &rows("vowed", "vow"), "2015-06-01");
    assert!(
        vow.len() == 1 && vow[0].starts_with("FRE SYL 138"),
        "{vow:?}"
    );
}

#[test]
fn what_is_urged_or_believed_is_not_coded_and_what_will_happen_is_flagged_future() {
    // "We urged Freedonia to attack Sylvania": nobody attacked.
    let urged = code(&[
        ("We", "we", "PRON", 2, "nsubj"),
        ("urged", "urge", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
    ]);
    assert!(urged.iter().all(|e| !e.contains(" 190")), "{urged:?}");
    // "Analysts believe Freedonia attacked Sylvania": a belief, not a report.
    let believed = code(&[
        ("Analysts", "analyst", "NOUN", 2, "nsubj"),
        ("believe", "believe", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 2, "ccomp"),
        ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
    ]);
    assert!(believed.is_empty(), "{believed:?}");
    // "Freedonia will attack Sylvania": coded, flagged as announced.
    let text = conllu(&[
        ("Freedonia", "Freedonia", "PROPN", 3, "nsubj"),
        ("will", "will", "AUX", 3, "aux"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Sylvania", "Sylvania", "PROPN", 3, "obj"),
    ]);
    let doc = code_text(&dicts(), &text, CoderOptions::default());
    assert_eq!(doc.events.len(), 1);
    assert!(doc.events[0].modality.future);
}

#[test]
fn a_later_conjunct_of_its_own_lends_no_country() {
    let (v, _) = verbs::read("test.verbs.txt", VERBS2);
    let (a, _) = actors::read("test.actors.txt", ACTORS);
    let (g, _) = agents::read(
        "test.agents.txt",
        "MILITIA [~UAF]\nMILITARY [~MIL]\nMEDIA [~MED]\nGOVERNMENT [~GOV]\n",
    );
    let d = Dictionaries::from_parts(
        vec![v],
        a,
        g,
        discards::DiscardList::default(),
        issues::IssueDictionary::default(),
        Vec::new(),
    );
    // "Militias and the Freedonia military attacked Sylvania": the militias are not Freedonia's.
    let got = code_on(
        &d,
        CoderOptions::default(),
        &[
            ("Militias", "militia", "NOUN", 6, "nsubj"),
            ("and", "and", "CCONJ", 5, "cc"),
            ("the", "the", "DET", 5, "det"),
            ("Freedonia", "Freedonia", "PROPN", 5, "compound"),
            ("military", "military", "NOUN", 1, "conj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 6, "obj"),
        ],
        "2015-06-01",
    );
    assert!(got.iter().any(|e| e.starts_with("---UAF SYL")), "{got:?}");
    assert!(got.iter().any(|e| e.starts_with("FREMIL SYL")), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("FREUAF")), "{got:?}");
    // "Freedonia media and government": the modifier is shared.
    let shared = code_on(
        &d,
        CoderOptions::default(),
        &[
            ("Freedonia", "Freedonia", "PROPN", 2, "compound"),
            ("media", "media", "NOUN", 5, "nsubj"),
            ("and", "and", "CCONJ", 4, "cc"),
            ("government", "government", "NOUN", 2, "conj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 5, "obj"),
        ],
        "2015-06-01",
    );
    assert!(
        shared.iter().any(|e| e.starts_with("FREGOV SYL")),
        "{shared:?}"
    );
}

#[test]
fn obligations_and_forecasts_are_not_events() {
    for (word, rel, upos) in [("must", "aux", "AUX"), ("likely", "advmod", "ADV")] {
        let got = code(&[
            ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
            ("will", "will", "AUX", 4, "aux"),
            (word, word, upos, 4, rel),
            ("attack", "attack", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
        ]);
        assert!(got.is_empty(), "{word}: {got:?}");
    }
}

#[test]
fn a_role_resolved_to_its_own_source_is_no_event() {
    // "Freedonia soldiers attacked Sylvania. Freedonia attacked the soldiers."
    let first = freedonia_soldiers_attacked_sylvania();
    let second = conllu(&[
        ("The", "the", "DET", 2, "det"),
        ("soldiers", "soldier", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Freedonia", "Freedonia", "PROPN", 5, "compound"),
        ("soldiers", "soldier", "NOUN", 3, "obj"),
    ]);
    let doc = code_text(
        &dicts(),
        &format!("{first}\n{second}"),
        CoderOptions::default(),
    );
    assert_eq!(doc.events.len(), 1, "{:?}", doc.events);
    assert!(doc.warnings.iter().any(|w| w.contains("same actor")));
}

#[test]
fn a_name_and_its_apposition_are_no_compound_actor() {
    // "Freedonia, a Sylvania ally, renewed ties": no ties between Freedonia and Sylvania.
    let got = code(&[
        ("Freedonia", "Freedonia", "PROPN", 6, "nsubj"),
        (",", ",", "PUNCT", 4, "punct"),
        ("Sylvania", "Sylvania", "PROPN", 4, "compound"),
        ("ally", "ally", "NOUN", 1, "appos"),
        (",", ",", "PUNCT", 4, "punct"),
        ("renewed", "renew", "VERB", 0, "root"),
        ("ties", "tie", "NOUN", 6, "obj"),
    ]);
    assert!(got.iter().all(|e| !e.contains(" 050")), "{got:?}");
    // "Freedonia and Sylvania renewed ties": both ways.
    let both = code(&[
        ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("Sylvania", "Sylvania", "PROPN", 1, "conj"),
        ("renewed", "renew", "VERB", 0, "root"),
        ("ties", "tie", "NOUN", 4, "obj"),
    ]);
    assert_eq!(both.len(), 2, "{both:?}");
}

#[test]
fn plans_are_coded_as_the_threat_or_intent_they_express() {
    // "Freedonia plans to attack Sylvania": a threat of force, marked future, and the rule says
    // how the pattern's code was changed.
    let rows = |verb: &'static str, lemma: &'static str, rel: &'static str| {
        vec![
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            (verb, lemma, "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("attack", "attack", "VERB", 2, rel),
            ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
        ]
    };
    let doc = code_doc_with(&rows("plans", "plan", "xcomp"), |_| {});
    assert_eq!(doc.events.len(), 1, "{:?}", doc.events);
    let e = &doc.events[0];
    assert_eq!(e.cameo, "138");
    assert!(e.modality.future);
    assert_eq!(e.rule.transform.as_deref(), Some("intent 190 -> 138"));
    // "Freedonia agreed to a plan to attack Sylvania": whoever agreed to the plan threatens.
    let agreed = code(&[
        ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
        ("agreed", "agree", "VERB", 0, "root"),
        ("to", "to", "ADP", 5, "case"),
        ("a", "a", "DET", 5, "det"),
        ("plan", "plan", "NOUN", 2, "obl"),
        ("to", "to", "PART", 7, "mark"),
        ("attack", "attack", "VERB", 5, "acl"),
        ("Sylvania", "Sylvania", "PROPN", 7, "obj"),
    ]);
    assert_eq!(agreed, vec!["FRE SYL 138 @6"]);
    // "Freedonia hopes to attack Sylvania" is only hoped: nothing is coded.
    let hoped = code(&rows("hopes", "hope", "xcomp"));
    assert!(hoped.is_empty(), "{hoped:?}");
}

/// Codes CoNLL-U rows with the shared test dictionaries after `prepare` adds layers of earlier
/// stages (places) to the document.
fn code_doc_with(
    rows: &[(&str, &str, &str, u32, &str)],
    prepare: impl FnOnce(&mut dyad_doc::Document),
) -> dyad_doc::Document {
    let date: jiff::civil::Date = "2015-06-01".parse().expect("test date");
    let mut doc = document_from_conllu("t", &conllu(rows), Some(date)).expect("test parse");
    prepare(&mut doc);
    Coder::new(&dicts(), CoderOptions::default()).code(&mut doc);
    doc
}

#[test]
fn a_town_no_dictionary_names_stands_for_its_country_and_locates_the_event() {
    // "Freedonia shelled Zorgrad" where the place stage resolved Zorgrad to a town of UKR.
    let doc = code_doc_with(
        &[
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Zorgrad", "Zorgrad", "PROPN", 2, "obj"),
        ],
        |doc| {
            let at = doc.text.find("Zorgrad").expect("word") as u32;
            doc.places.push(dyad_doc::PlaceMention {
                start: at,
                end: at + 7,
                text: "Zorgrad".into(),
                name: Some("Zorgrad".into()),
                country: Some("UKR".into()),
                lat: Some(50.0),
                lon: Some(36.2),
                feature: Some("city".into()),
            });
        },
    );
    assert_eq!(doc.events.len(), 1, "{:?}", doc.events);
    let e = &doc.events[0];
    assert_eq!(
        e.target.as_ref().and_then(|t| t.code.as_deref()),
        Some("UKR")
    );
    let place = e.location.as_ref().expect("located");
    assert_eq!(place.name, "Zorgrad");
    assert_eq!(place.basis.as_deref(), Some("clause"));
    let actor = doc
        .actors
        .iter()
        .find(|a| a.text == "Zorgrad")
        .expect("the town is an actor mention");
    assert_eq!(
        actor.rule.as_ref().map(|r| r.dictionary.as_str()),
        Some("gazetteer")
    );
}

#[test]
fn according_to_names_the_speaker_and_unnamed_sources_hedge() {
    let doc = code_doc_with(
        &[
            ("Freedonia", "Freedonia", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Sylvania", "Sylvania", "PROPN", 2, "obj"),
            (",", ",", "PUNCT", 7, "punct"),
            ("according", "accord", "VERB", 7, "case"),
            ("to", "to", "ADP", 5, "fixed"),
            ("officials", "official", "NOUN", 2, "obl"),
        ],
        |_| {},
    );
    let a = doc.events[0].attribution.as_ref().expect("attributed");
    assert_eq!(a.speaker.as_deref(), Some("officials"));
    assert!(!a.hedged);
    let sources = code_doc_with(
        &[
            ("Sources", "source", "NOUN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("Freedonia", "Freedonia", "PROPN", 4, "nsubj"),
            ("attacked", "attack", "VERB", 2, "ccomp"),
            ("Sylvania", "Sylvania", "PROPN", 4, "obj"),
        ],
        |_| {},
    );
    let e = sources
        .events
        .iter()
        .find(|e| e.cameo == "190")
        .expect("the attack");
    let a = e.attribution.as_ref().expect("attributed");
    assert!(a.hedged, "{a:?}");
    assert_eq!(a.speaker.as_deref(), Some("Sources"));
}
