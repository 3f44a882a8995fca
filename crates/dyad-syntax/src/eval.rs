//! Scoring against gold CoNLL-U with gold tokenization (CoNLL 2018 shared-task conventions).

use dyad_conllu::Sentence;
use serde::Serialize;

use crate::model::{Model, Work};

/// Accuracies in percent over all words, punctuation included.
///
/// `las` compares the head and the *universal* part of the relation only (`nmod:poss` counts as
/// `nmod`), as the CoNLL 2018 evaluation script does. `lemma` counts a word right when the gold
/// lemma is `_`, as that script does too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// Number of words scored.
    pub tokens: usize,
}

/// Tags, lemmatizes and parses the gold words of `gold` and scores the result.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Scores {
    evaluate_with_tags(model, gold, None)
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// As [`evaluate`], optionally with precomputed tag ids per sentence (training reuses them).
pub(crate) fn evaluate_with_tags(
    model: &Model,
    gold: &[Sentence],
    tags: Option<&[Vec<u16>]>,
) -> Scores {
    let mut w = Work::default();
    let mut buf = String::new();
    let mut forms: Vec<&str> = Vec::new();
    let (mut upos, mut xpos, mut lemma, mut uas, mut las, mut n) = (0, 0, 0, 0, 0, 0usize);
    for (si, s) in gold.iter().enumerate() {
        forms.clear();
        forms.extend(s.words.iter().map(|w| w.form.as_str()));
        model.word_infos(&forms, &mut w.infos, &mut buf);
        match tags.and_then(|t| t.get(si)) {
            Some(t) if t.len() == s.words.len() => w.tags.clone_from(t),
            _ => model.tag(&mut w),
        }
        model.parse(&mut w);
        let len = s.words.len() as u32;
        for (i, g) in s.words.iter().enumerate() {
            let t = w.tags[i];
            let (u, x) = model.tag_strs(t);
            upos += (u == g.upos) as usize;
            xpos += (x == g.xpos) as usize;
            if g.lemma == "_" || model.lemmatizer.lemma(&g.form, t) == g.lemma {
                lemma += 1;
            }
            let h = w.st.heads[i];
            let head = if h >= len { 0 } else { h + 1 };
            if head == g.head {
                uas += 1;
                if universal(model.label_str(w.st.labels[i])) == universal(&g.deprel) {
                    las += 1;
                }
            }
            n += 1;
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    Scores {
        upos: pct(upos),
        xpos: pct(xpos),
        lemma: pct(lemma),
        uas: pct(uas),
        las: pct(las),
        tokens: n,
    }
}

/// Diagnostic: parser scores when it is given the gold tags (upper bound on what better tagging
/// could buy). Words whose gold tag pair the model does not know get tag 0.
#[doc(hidden)]
pub fn evaluate_with_gold_tags(model: &Model, gold: &[Sentence]) -> Scores {
    let tags: Vec<Vec<u16>> = gold
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    model
                        .tags
                        .iter()
                        .position(|(u, x)| *u == w.upos && *x == w.xpos)
                        .unwrap_or(0) as u16
                })
                .collect()
        })
        .collect();
    evaluate_with_tags(model, gold, Some(&tags))
}
