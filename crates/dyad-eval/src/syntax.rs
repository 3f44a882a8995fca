//! Scoring the syntax stage from raw text, CoNLL 2018 shared task style.
//!
//! The raw text is rebuilt from the treebank as in [`crate::segment`], segmented by
//! [`dyad_segment::segment_text`], and each predicted sentence analyzed by the model. Predicted
//! and gold words are aligned when they cover the same non-whitespace characters. Each metric is
//! an F1 over words: a predicted word counts as correct when it is aligned and its attribute
//! matches (UPOS, XPOS, lemma); for UAS its head is aligned to the gold head (or both are the
//! root), for LAS also the universal part of the relation matches (`nmod:poss` = `nmod`).
//! With gold tokens (the default of `dyad eval syntax`) use `dyad_syntax::evaluate` instead.

use std::collections::HashMap;

use serde::Serialize;

use crate::segment::{build_gold, nws_positions};

/// Raw-text syntax scores, in percent (F1 over words); `scores.tokens` counts gold words.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RawSyntaxScores {
    #[serde(flatten)]
    pub scores: dyad_syntax::Scores,
    /// F1 of word segmentation: the ceiling of every other figure.
    pub words: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// A word with its alignment key, attributes and the global index of its head (`None` = root).
struct W<'a> {
    span: (u32, u32),
    upos: &'a str,
    xpos: &'a str,
    lemma: &'a str,
    head: Option<usize>,
    deprel: &'a str,
}

/// Segment, tag and parse the raw text of `conllu_text` and score against its gold words.
pub fn evaluate_raw(
    model: &dyad_syntax::Model,
    conllu_text: &str,
) -> Result<RawSyntaxScores, String> {
    let g = build_gold(conllu_text)?;

    // Gold words in order; heads as global indices.
    let mut first_word = Vec::with_capacity(g.sents.len());
    let mut acc = 0usize;
    for s in &g.sents {
        first_word.push(acc);
        acc += s.words.len();
    }
    // word_refs may skip sentences without words; index gold words by (sentence, word).
    let mut gold: Vec<W> = Vec::with_capacity(g.words.len());
    let mut global: HashMap<(u32, u32), usize> = HashMap::with_capacity(g.words.len());
    for (i, &(si, wi)) in g.word_refs.iter().enumerate() {
        global.insert((si, wi), i);
    }
    for (i, &(si, wi)) in g.word_refs.iter().enumerate() {
        let w = &g.sents[si as usize].words[wi as usize];
        let head = if w.head == 0 {
            None
        } else {
            global.get(&(si, w.head - 1)).copied()
        };
        let u = &g.words[i];
        gold.push(W {
            span: (u.start, u.end),
            upos: &w.upos,
            xpos: &w.xpos,
            lemma: &w.lemma,
            head,
            deprel: &w.deprel,
        });
    }

    // Predicted words.
    let nws = nws_positions(&g.text);
    let (sents, toks) = dyad_segment::segment_text(&g.text);
    let mut analyses = Vec::with_capacity(toks.len());
    let mut spans = Vec::with_capacity(toks.len());
    let mut heads = Vec::with_capacity(toks.len());
    for s in &sents {
        let range = s.token_start as usize..s.token_end as usize;
        let words: Vec<&str> = toks[range.clone()]
            .iter()
            .map(|t| g.text.get(t.start as usize..t.end as usize).unwrap_or(""))
            .collect();
        let base = analyses.len();
        for a in model.analyze(&words) {
            heads.push(if a.head == 0 {
                None
            } else {
                Some(base + a.head as usize - 1)
            });
            analyses.push(a);
        }
        for t in &toks[range] {
            spans.push((nws[t.start as usize], nws[t.end as usize]));
        }
    }
    let pred: Vec<W> = analyses
        .iter()
        .zip(&spans)
        .zip(&heads)
        .map(|((a, &span), &head)| W {
            span,
            upos: &a.upos,
            xpos: &a.xpos,
            lemma: &a.lemma,
            head,
            deprel: &a.deprel,
        })
        .collect();

    // Alignment by span.
    let by_span: HashMap<(u32, u32), usize> =
        gold.iter().enumerate().map(|(i, w)| (w.span, i)).collect();
    let align: Vec<Option<usize>> = pred.iter().map(|p| by_span.get(&p.span).copied()).collect();

    let (mut words, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0, 0, 0, 0, 0, 0);
    for (pi, p) in pred.iter().enumerate() {
        let Some(gi) = align[pi] else { continue };
        let gw = &gold[gi];
        words += 1;
        upos += usize::from(p.upos == gw.upos);
        xpos += usize::from(p.xpos == gw.xpos);
        lemma += usize::from(p.lemma == gw.lemma);
        let head_ok = match (p.head, gw.head) {
            (None, None) => true,
            (Some(ph), Some(gh)) => align[ph] == Some(gh),
            _ => false,
        };
        if head_ok {
            uas += 1;
            las += usize::from(universal(p.deprel) == universal(gw.deprel));
        }
    }
    let f1 = |c: usize| {
        let (p, r) = (
            c as f64 / pred.len().max(1) as f64,
            c as f64 / gold.len().max(1) as f64,
        );
        if p + r == 0.0 {
            0.0
        } else {
            100.0 * 2.0 * p * r / (p + r)
        }
    };
    Ok(RawSyntaxScores {
        scores: dyad_syntax::Scores {
            upos: f1(upos),
            xpos: f1(xpos),
            lemma: f1(lemma),
            uas: f1(uas),
            las: f1(las),
            tokens: gold.len(),
        },
        words: f1(words),
    })
}
