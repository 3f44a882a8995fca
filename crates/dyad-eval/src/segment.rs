//! Scoring [`dyad_segment::segment_text`] against a CoNLL-U treebank, CoNLL 2018 shared task
//! style.
//!
//! **Raw text.** Rebuilt from the `# text` comments (falling back to
//! [`dyad_conllu::Sentence::rebuilt_text`] when a comment is missing or its characters do not
//! match the tokens): sentences of one paragraph are joined by one space, paragraphs (`# newpar`,
//! and `# newdoc`, as a document boundary is a paragraph boundary) by a blank line `"\n\n"`.
//!
//! **Alignment.** Every unit is a span of character positions counted with whitespace removed,
//! so a predicted unit is correct exactly when it covers the same non-whitespace characters as
//! a gold one. Units:
//! - *sentences*: from the first to the last character of the sentence;
//! - *surface tokens*: gold multiword tokens once plus words outside them; predicted tokens
//!   merged with the clitic tokens that follow them ([`dyad_doc::Token::clitic`]);
//! - *words* (syntactic words): predicted tokens as they are. A gold word inside a multiword
//!   token gets the span its form has inside the multiword token's form when the words' forms
//!   concatenate to that form (`don't` = `do` + `n't`, `cannot` = `can` + `not`, the case for
//!   nearly all of EWT); otherwise its characters are not in the text and it counts as a gold
//!   word no prediction can match. This is a simplification of CoNLL 2018, which aligns such
//!   words by longest common subsequence of their forms.
//!
//! Precision, recall and F1 are in percent, overall and per genre: the part of the `# newdoc id`
//! before its first `-` (`weblog`, `email`, `reviews`, `answers`, `newsgroup`), `unknown` for
//! text before any `# newdoc id`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

/// Precision, recall and F1 of one kind of unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    /// Percent.
    pub precision: f64,
    /// Percent.
    pub recall: f64,
    /// Percent.
    pub f1: f64,
}

impl Scores {
    fn new(gold: usize, predicted: usize, correct: usize) -> Self {
        let pct = |num: usize, den: usize| {
            if den == 0 {
                if num == 0 && gold == predicted {
                    100.0
                } else {
                    0.0
                }
            } else {
                100.0 * num as f64 / den as f64
            }
        };
        let precision = pct(correct, predicted);
        let recall = pct(correct, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            gold,
            predicted,
            correct,
            precision,
            recall,
            f1,
        }
    }
}

/// Scores for sentences, surface tokens and syntactic words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct UnitScores {
    pub sentences: Scores,
    pub tokens: Scores,
    pub words: Scores,
}

/// The result of [`evaluate_segmentation`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SegmentReport {
    pub overall: UnitScores,
    /// Per genre, by name.
    pub genres: BTreeMap<String, UnitScores>,
}

impl SegmentReport {
    /// A human-readable table: one row per genre, then the overall row.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<12} {:>22} {:>22} {:>22}",
            "", "sentences P/R/F1", "tokens P/R/F1", "words P/R/F1"
        );
        let row = |s: &mut String, name: &str, u: &UnitScores| {
            let f = |x: &Scores| format!("{:6.2} {:6.2} {:6.2}", x.precision, x.recall, x.f1);
            let _ = writeln!(
                s,
                "{:<12} {:>22} {:>22} {:>22}",
                name,
                f(&u.sentences),
                f(&u.tokens),
                f(&u.words)
            );
        };
        for (g, u) in &self.genres {
            row(&mut s, g, u);
        }
        row(&mut s, "overall", &self.overall);
        let _ = writeln!(
            s,
            "gold: {} sentences, {} tokens, {} words",
            self.overall.sentences.gold, self.overall.tokens.gold, self.overall.words.gold
        );
        s
    }
}

/// A span of non-whitespace character positions and the genre it belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    genre: usize,
}

/// The raw text rebuilt from a treebank and its gold units.
pub(crate) struct Gold {
    pub(crate) text: String,
    genres: Vec<String>,
    /// `(first non-whitespace position, genre)` of each document, in order.
    docs: Vec<(u32, usize)>,
    sentences: Vec<Unit>,
    tokens: Vec<Unit>,
    pub(crate) words: Vec<Unit>,
    /// For each gold word: `(sentence index, word index)` into `sents`.
    pub(crate) word_refs: Vec<(u32, u32)>,
    pub(crate) sents: Vec<dyad_conllu::Sentence>,
}

fn strip_ws(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

fn count_nws(s: &str) -> u32 {
    strip_ws(s).count() as u32
}

fn genre_of(s: &dyad_conllu::Sentence) -> Option<String> {
    s.comments.iter().find_map(|c| {
        let id = c.strip_prefix("newdoc")?.trim_start().strip_prefix("id")?;
        let id = id.trim_start().strip_prefix('=')?.trim();
        let g = id.split('-').next().unwrap_or(id);
        (!g.is_empty()).then(|| g.to_string())
    })
}

pub(crate) fn build_gold(conllu_text: &str) -> Result<Gold, String> {
    let sents = dyad_conllu::parse(conllu_text).map_err(|e| e.to_string())?;
    let mut g = Gold {
        text: String::new(),
        genres: Vec::new(),
        docs: Vec::new(),
        sentences: Vec::new(),
        tokens: Vec::new(),
        words: Vec::new(),
        word_refs: Vec::new(),
        sents: Vec::new(),
    };
    let mut genre = usize::MAX;
    let mut nws: u32 = 0;
    // Gold words whose characters are not in the text get spans no prediction can have.
    let mut unmatchable: u32 = 0;
    for (k, s) in sents.iter().enumerate() {
        if s.newdoc || k == 0 {
            let name = genre_of(s).unwrap_or_else(|| {
                if genre == usize::MAX {
                    "unknown".to_string()
                } else {
                    g.genres[genre].clone()
                }
            });
            genre = match g.genres.iter().position(|x| *x == name) {
                Some(i) => i,
                None => {
                    g.genres.push(name);
                    g.genres.len() - 1
                }
            };
            g.docs.push((nws, genre));
        }
        let surface = s.surface_tokens();
        if surface.is_empty() {
            continue;
        }
        let forms_nws: String = surface.iter().flat_map(|(f, _)| strip_ws(f)).collect();
        let sent_text = match &s.text {
            Some(t) if strip_ws(t).eq(forms_nws.chars()) => t.clone(),
            _ => s.rebuilt_text(),
        };
        if !g.text.is_empty() {
            g.text
                .push_str(if s.newpar || s.newdoc { "\n\n" } else { " " });
        }
        g.text.push_str(&sent_text);

        let sent_start = nws;
        let sent_no = k as u32;
        // Surface tokens and words, walking words and MWTs together.
        let mut mwts = s.mwts.iter().peekable();
        let mut i = 0;
        while i < s.words.len() {
            let w = &s.words[i];
            if let Some(m) = mwts.peek().filter(|m| m.first == w.id) {
                let len = count_nws(&m.form);
                let n = (m.last - m.first + 1) as usize;
                let parts = &s.words[i..(i + n).min(s.words.len())];
                g.tokens.push(Unit {
                    start: nws,
                    end: nws + len,
                    genre,
                });
                let concat = strip_ws(&m.form).eq(parts.iter().flat_map(|p| strip_ws(&p.form)));
                let mut p0 = nws;
                for (j, p) in parts.iter().enumerate() {
                    g.word_refs.push((sent_no, (i + j) as u32));
                    if concat {
                        let l = count_nws(&p.form);
                        g.words.push(Unit {
                            start: p0,
                            end: p0 + l,
                            genre,
                        });
                        p0 += l;
                    } else {
                        g.words.push(Unit {
                            start: u32::MAX,
                            end: unmatchable,
                            genre,
                        });
                        unmatchable += 1;
                    }
                }
                nws += len;
                i += n;
                mwts.next();
                continue;
            }
            let len = count_nws(&w.form);
            let u = Unit {
                start: nws,
                end: nws + len,
                genre,
            };
            g.tokens.push(u);
            g.words.push(u);
            g.word_refs.push((sent_no, i as u32));
            nws += len;
            i += 1;
        }
        g.sentences.push(Unit {
            start: sent_start,
            end: nws,
            genre,
        });
    }
    g.sents = sents;
    Ok(g)
}

/// `nws[b]` = non-whitespace chars of `text` before byte `b` (meaningful on char boundaries).
pub(crate) fn nws_positions(text: &str) -> Vec<u32> {
    let mut nws = vec![0u32; text.len() + 1];
    let mut n = 0u32;
    for (b, c) in text.char_indices() {
        nws[b] = n;
        if !c.is_whitespace() {
            n += 1;
        }
    }
    nws[text.len()] = n;
    nws
}

/// Predicted units in non-whitespace positions.
struct Predicted {
    sentences: Vec<Unit>,
    tokens: Vec<Unit>,
    words: Vec<Unit>,
}

fn predict(g: &Gold) -> Predicted {
    let text = &g.text;
    let nws = nws_positions(text);
    let genre_at = |pos: u32| {
        let i = g.docs.partition_point(|d| d.0 <= pos);
        if i == 0 {
            g.docs.first().map_or(0, |d| d.1)
        } else {
            g.docs[i - 1].1
        }
    };
    let unit = |s: u32, e: u32| {
        let start = nws[s as usize];
        Unit {
            start,
            end: nws[e as usize],
            genre: genre_at(start),
        }
    };
    let (sents, toks) = dyad_segment::segment_text(text);
    let mut p = Predicted {
        sentences: Vec::with_capacity(sents.len()),
        tokens: Vec::with_capacity(toks.len()),
        words: Vec::with_capacity(toks.len()),
    };
    for s in &sents {
        p.sentences.push(unit(s.start, s.end));
    }
    for t in &toks {
        p.words.push(unit(t.start, t.end));
    }
    let mut i = 0;
    while i < toks.len() {
        let mut j = i + 1;
        while j < toks.len() && toks[j].clitic {
            j += 1;
        }
        p.tokens.push(unit(toks[i].start, toks[j - 1].end));
        i = j;
    }
    p
}

/// Overall and per-genre scores of one kind of unit.
fn score(gold: &[Unit], pred: &[Unit], genres: usize) -> (Scores, Vec<Scores>) {
    let set: HashSet<(u32, u32)> = gold.iter().map(|u| (u.start, u.end)).collect();
    let mut g = vec![0usize; genres];
    let mut p = vec![0usize; genres];
    let mut c = vec![0usize; genres];
    for u in gold {
        g[u.genre] += 1;
    }
    for u in pred {
        p[u.genre] += 1;
        if set.contains(&(u.start, u.end)) {
            c[u.genre] += 1;
        }
    }
    let overall = Scores::new(g.iter().sum(), p.iter().sum(), c.iter().sum());
    let per = (0..genres).map(|i| Scores::new(g[i], p[i], c[i])).collect();
    (overall, per)
}

/// Segment the raw text rebuilt from `conllu_text` with [`dyad_segment::segment_text`] and
/// score sentences, surface tokens and words against the treebank.
pub fn evaluate_segmentation(conllu_text: &str) -> Result<SegmentReport, String> {
    let g = build_gold(conllu_text)?;
    let p = predict(&g);
    let n = g.genres.len().max(1);
    let (so, sg) = score(&g.sentences, &p.sentences, n);
    let (to, tg) = score(&g.tokens, &p.tokens, n);
    let (wo, wg) = score(&g.words, &p.words, n);
    let mut report = SegmentReport {
        overall: UnitScores {
            sentences: so,
            tokens: to,
            words: wo,
        },
        genres: BTreeMap::new(),
    };
    for (i, name) in g.genres.iter().enumerate() {
        report.genres.insert(
            name.clone(),
            UnitScores {
                sentences: sg[i],
                tokens: tg[i],
                words: wg[i],
            },
        );
    }
    Ok(report)
}

/// Up to `max` examples each of missed and spurious sentence boundaries and of gold surface
/// tokens the segmenter got wrong, with context, for inspecting errors while developing rules.
pub fn segmentation_errors(conllu_text: &str, max: usize) -> Result<Vec<String>, String> {
    let g = build_gold(conllu_text)?;
    let p = predict(&g);
    // Byte offset of each non-whitespace position.
    let byte_of: Vec<usize> = g
        .text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(b, _)| b)
        .chain(std::iter::once(g.text.len()))
        .collect();
    let at = |pos: u32| byte_of.get(pos as usize).copied().unwrap_or(g.text.len());
    let context = |s: u32, e: u32| {
        let (bs, be) = (at(s), at(e.saturating_sub(1)).max(at(s)));
        let be = g.text[be..]
            .chars()
            .next()
            .map_or(g.text.len(), |c| be + c.len_utf8());
        let mut lo = bs.saturating_sub(40);
        while !g.text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (be + 40).min(g.text.len());
        while !g.text.is_char_boundary(hi) {
            hi += 1;
        }
        format!(
            "{}[[{}]]{}",
            &g.text[lo..bs],
            &g.text[bs..be],
            &g.text[be..hi]
        )
        .replace('\n', "⏎")
    };
    let mut out = Vec::new();
    let gold_ends: HashSet<u32> = g.sentences.iter().map(|u| u.end).collect();
    let pred_ends: HashSet<u32> = p.sentences.iter().map(|u| u.end).collect();
    let doc_starts: HashSet<u32> = g.docs.iter().map(|d| d.0).collect();
    let mut n = 0;
    for u in &g.sentences {
        if !pred_ends.contains(&u.end) && n < max {
            out.push(format!(
                "missed sentence end: {}",
                context(u.end.saturating_sub(1), u.end + 1)
            ));
            n += 1;
        }
    }
    n = 0;
    for u in &p.sentences {
        if !gold_ends.contains(&u.end) && !doc_starts.contains(&u.end) && n < max {
            out.push(format!(
                "spurious sentence end: {}",
                context(u.end.saturating_sub(1), u.end + 1)
            ));
            n += 1;
        }
    }
    n = 0;
    let pred_tokens: HashSet<(u32, u32)> = p.tokens.iter().map(|u| (u.start, u.end)).collect();
    for u in &g.tokens {
        if !pred_tokens.contains(&(u.start, u.end)) && n < max {
            let pred: Vec<String> = p
                .tokens
                .iter()
                .filter(|q| q.start < u.end && q.end > u.start)
                .map(|q| {
                    g.text[at(q.start)..at(q.end - 1)].to_string()
                        + &g.text[at(q.end - 1)..]
                            .chars()
                            .next()
                            .map(String::from)
                            .unwrap_or_default()
                })
                .collect();
            out.push(format!(
                "token: {}  predicted {:?}",
                context(u.start, u.end),
                pred
            ));
            n += 1;
        }
    }
    n = 0;
    let pred_words: HashSet<(u32, u32)> = p.words.iter().map(|u| (u.start, u.end)).collect();
    for u in &g.words {
        if u.start != u32::MAX && !pred_words.contains(&(u.start, u.end)) && n < max {
            out.push(format!("word: {}", context(u.start, u.end)));
            n += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
