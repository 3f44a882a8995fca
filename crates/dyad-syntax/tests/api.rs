//! Public API: loading, errors, tree well-formedness on arbitrary input, annotation, training.

mod common;

use common::{assert_tree, TINY};
use dyad_syntax::{evaluate, train, Analysis, Model, ModelError, TrainOptions, FORMAT_VERSION};

fn tree_of(a: &[Analysis]) {
    let heads: Vec<u32> = a.iter().map(|x| x.head).collect();
    let rels: Vec<&str> = a.iter().map(|x| x.deprel.as_str()).collect();
    assert_tree(&heads, &rels);
}

fn tiny_model(folds: usize) -> Model {
    let tb = dyad_conllu::parse(TINY).unwrap();
    let opts = TrainOptions {
        tagger_epochs: 5,
        parser_epochs: 8,
        folds,
        fold_epochs: 2,
        min_weight: 1,
        parser_min_weight: None,
        beam: 1,
        ..TrainOptions::default()
    };
    train(&tb, &tb, &opts, |_| {})
}

#[test]
fn model_is_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Model>();
    let words = ["Talks", "resumed", "."];
    let a = std::thread::scope(|s| {
        let h = s.spawn(|| Model::builtin().analyze(&words));
        h.join().unwrap()
    });
    assert_eq!(a, Model::builtin().analyze(&words));
}

#[test]
fn builtin_model_loads_with_metadata() {
    let m = Model::try_builtin().expect("embedded model must load");
    assert_eq!(m.data_name(), "UD English EWT");
    assert_eq!(m.license(), "CC BY-SA 4.0");
    assert_eq!(m.format_version(), FORMAT_VERSION);
    assert!(std::ptr::eq(m, Model::builtin()));
}

#[test]
fn builtin_model_analyzes_a_sentence() {
    let m = Model::builtin();
    let words = ["Rebels", "attacked", "the", "town", "on", "Monday", "."];
    let a = m.analyze(&words);
    tree_of(&a);
    assert_eq!(a[1].upos, "VERB");
    assert_eq!(a[1].lemma, "attack");
    assert_eq!(a[1].deprel, "root");
    assert_eq!(a[0].head, 2);
    assert_eq!(a[0].deprel, "nsubj");
    assert_eq!(a[3].deprel, "obj");
    assert_eq!(a[5].upos, "PROPN");
    assert_eq!(a[5].lemma, "Monday");
    assert_eq!(a[6].upos, "PUNCT");
}

#[test]
fn trees_are_well_formed_for_odd_inputs() {
    let m = Model::builtin();
    assert!(m.analyze(&[]).is_empty());
    let one = m.analyze(&["Hello"]);
    assert_eq!(one.len(), 1);
    assert_eq!((one[0].head, one[0].deprel.as_str()), (0, "root"));
    let cases: Vec<Vec<&str>> = vec![
        vec![".", ",", "!", "?", "...", "--", "(", ")"],
        vec!["THE", "PRESIDENT", "SAID", "NO", "!"],
        vec!["Der", "Hund", "bellt", "sehr", "laut", "."],
        vec!["北京", "是", "中国", "的", "首都", "。"],
        vec!["", " ", "\u{0}", "🙂", "a\tb"],
        vec!["the"; 1000],
    ];
    for c in &cases {
        let a = m.analyze(c);
        assert_eq!(a.len(), c.len());
        tree_of(&a);
    }
}

/// Property test: random word sequences (own xorshift generator, fixed seed) always give trees.
#[test]
fn random_inputs_always_give_trees() {
    let vocab = [
        "the", "a", "of", "said", "police", "Kabul", ".", ",", "and", "x", "RUN", "12", "—", "'s",
        "n't", "did", "to", "(", ")", "über", "in", "on", "who", "was", "?",
    ];
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let m = Model::builtin();
    let untrained = Model::untrained();
    for _ in 0..300 {
        let len = (next() % 60) as usize;
        let words: Vec<&str> = (0..len)
            .map(|_| vocab[(next() % vocab.len() as u64) as usize])
            .collect();
        tree_of(&m.analyze(&words));
        tree_of(&untrained.analyze(&words));
    }
}

#[test]
fn from_bytes_reports_clear_errors() {
    let bytes = Model::untrained().to_bytes();
    assert!(Model::from_bytes(&bytes).is_ok());
    assert_eq!(Model::from_bytes(b"").unwrap_err(), ModelError::BadMagic);
    assert_eq!(
        Model::from_bytes(b"GIF89a..........").unwrap_err(),
        ModelError::BadMagic
    );
    assert_eq!(
        Model::from_bytes(b"DYAD").unwrap_err(),
        ModelError::Truncated
    );
    // A model of the previous layout (version 1: joint labeled transitions, no lexicon) is
    // rejected by its version, not misread.
    let mut v = bytes.clone();
    v[8..12].copy_from_slice(&1u32.to_le_bytes());
    assert_eq!(
        Model::from_bytes(&v).unwrap_err(),
        ModelError::UnsupportedVersion {
            found: 1,
            expected: FORMAT_VERSION
        }
    );
    assert_eq!(FORMAT_VERSION, 3);
    let mut v = bytes.clone();
    v[8] = 99;
    assert_eq!(
        Model::from_bytes(&v).unwrap_err(),
        ModelError::UnsupportedVersion {
            found: 99,
            expected: FORMAT_VERSION
        }
    );
    for cut in [9, 12, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut v = bytes.clone();
    let k = v.len() - 12;
    v[k] ^= 0x55;
    assert!(matches!(
        Model::from_bytes(&v),
        Err(ModelError::Corrupt(_)) | Err(ModelError::Truncated)
    ));
    let msg = ModelError::Truncated.to_string();
    assert!(msg.contains("truncated"));
}

/// Version 2 files (no beam width) still load, as greedy parsers; the beam width round-trips.
#[test]
fn version_2_models_load_as_greedy() {
    let mut m = Model::untrained();
    m.set_beam(4);
    let v3 = m.to_bytes();
    let back = Model::from_bytes(&v3).unwrap();
    assert_eq!(back.beam(), 4);
    assert_eq!(back.to_bytes(), v3);
    // The same model in layout 2: version field 2, no beam varint after the root label.
    m.set_beam(1);
    let v3 = m.to_bytes();
    let root_at = 4 + v3
        .windows(4)
        .position(|w| w == b"\x03dep")
        .expect("the last label");
    assert_eq!(v3[root_at + 1], 1, "beam width");
    let mut v2 = v3[..root_at + 1].to_vec();
    v2[8..12].copy_from_slice(&2u32.to_le_bytes());
    v2.extend_from_slice(&v3[root_at + 2..v3.len() - 8]);
    let sum = fnv_checksum(&v2);
    v2.extend_from_slice(&sum.to_le_bytes());
    let old = Model::from_bytes(&v2).expect("version 2 loads");
    assert_eq!(old.beam(), 1);
    assert_eq!(old.to_bytes(), v3, "rewritten in the current layout");
}

/// The model file checksum (FNV-1a, finalized as in `dyad_syntax`'s hash module).
fn fnv_checksum(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    let v = b.len() as u64;
    let x = (h ^ v.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// Damaged model files give errors, never panics or huge allocations.
#[test]
fn corrupted_models_never_panic() {
    let bytes = tiny_model(0).to_bytes();
    let mut s = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for _ in 0..300 {
        let mut v = bytes.clone();
        for _ in 0..1 + next() % 4 {
            let i = (next() % v.len() as u64) as usize;
            v[i] = next() as u8;
        }
        let cut = if next() % 3 == 0 {
            (next() % v.len() as u64) as usize
        } else {
            v.len()
        };
        if let Ok(m) = Model::from_bytes(&v[..cut]) {
            // A mutation the checksum cannot see (e.g. none at all) must still load sanely.
            tree_of(&m.analyze(&["a", "b", "."]));
        }
    }
}

#[test]
fn training_on_a_tiny_treebank_learns_and_is_deterministic() {
    let tb = dyad_conllu::parse(TINY).unwrap();
    // Gold tags for the parser: jackknifing 13 sentences would give it mostly wrong tags.
    let m1 = tiny_model(0);
    let m2 = tiny_model(0);
    let b1 = m1.to_bytes();
    assert_eq!(b1, m2.to_bytes(), "same data and seed give the same bytes");
    // The full pipeline (jackknifing, second tagging pass) is deterministic too.
    assert_eq!(tiny_model(2).to_bytes(), tiny_model(2).to_bytes());
    // So is beam training, whose model parses trees.
    let beam = || {
        let opts = TrainOptions {
            tagger_epochs: 3,
            parser_epochs: 3,
            folds: 0,
            min_weight: 1,
            parser_min_weight: None,
            beam: 4,
            beam_epochs: 3,
            ..TrainOptions::default()
        };
        train(&tb, &tb, &opts, |_| {})
    };
    let mb = beam();
    assert_eq!(mb.beam(), 4);
    assert_eq!(mb.to_bytes(), beam().to_bytes());
    for s in &tb {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tree_of(&mb.analyze(&words));
    }
    let m3 = Model::from_bytes(&b1).unwrap();
    assert_eq!(m3.to_bytes(), b1, "round trip");
    let s = evaluate(&m3, &tb);
    assert!(s.upos >= 90.0, "{s:?}");
    assert!(s.lemma >= 90.0, "{s:?}");
    assert!(s.uas >= 80.0, "{s:?}");
    assert!(s.las >= 70.0, "{s:?}");
    assert_eq!(s.tokens, tb.iter().map(|x| x.words.len()).sum::<usize>());
    let json = serde_json::to_value(s).unwrap();
    for k in ["upos", "xpos", "lemma", "uas", "las", "tokens"] {
        assert!(json.get(k).is_some(), "{k}");
    }
}

#[test]
fn annotate_fills_every_token() {
    use dyad_doc::{Article, Document, Sentence, Token};
    let text = "Police arrested two men. It rained.";
    let mut doc = Document::new(Article::new("a", "t"));
    doc.text = text.to_string();
    let spans = [
        (0, 6),
        (7, 15),
        (16, 19),
        (20, 23),
        (23, 24),
        (25, 27),
        (28, 34),
        (34, 35),
    ];
    doc.tokens = spans.iter().map(|&(s, e)| Token::new(s, e)).collect();
    doc.sentences = vec![
        Sentence {
            start: 0,
            end: 24,
            token_start: 0,
            token_end: 5,
        },
        Sentence {
            start: 25,
            end: 35,
            token_start: 5,
            token_end: 8,
        },
    ];
    Model::builtin().annotate(&mut doc);
    for t in &doc.tokens {
        assert!(t.upos.is_some() && t.xpos.is_some() && t.lemma.is_some());
        assert!(t.head.is_some() && t.deprel.is_some());
    }
    for s in &doc.sentences {
        let toks = &doc.tokens[s.token_range()];
        let heads: Vec<u32> = toks.iter().map(|t| t.head.unwrap()).collect();
        let rels: Vec<&str> = toks.iter().map(|t| t.deprel.as_deref().unwrap()).collect();
        assert_tree(&heads, &rels);
    }
    assert_eq!(doc.tokens[1].lemma.as_deref(), Some("arrest"));
    assert_eq!(doc.tokens[3].lemma.as_deref(), Some("man"));
}
