//! Names no dictionary knows: runs of proper nouns that no actor phrase covers, with a code
//! proposed from their context (a title or role word in the same phrase or an apposition,
//! a nationality adjective or a country named beside them). `dyad actors --unknown` turns them
//! into a draft dictionary for curation.

use crate::coder::{dict_date, Coder};
use crate::dict::PhraseKind;
use crate::sent::Sent;
use dyad_dict::agents::CodePosition;
use dyad_doc::Document;

/// What a dictionary phrase covering a word is: its kind, code and span.
type Cover = Option<(PhraseKind, Option<String>, usize, usize)>;

/// One uncoded name in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The name as written.
    pub text: String,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// A code from the context (`NERMIL`, `---MED`), when one is suggested.
    pub proposed: Option<String>,
    /// The words that suggested it (`journalist`, `Nigerien`).
    pub cue: Option<String>,
}

impl Coder<'_> {
    /// The uncoded proper names of a parsed document (run after [`Coder::code`] or alone).
    pub fn unknown_names(&self, doc: &Document) -> Vec<UnknownName> {
        let date = dict_date(doc);
        let mut out = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let sent = Sent::from_doc(doc, s);
            let n = sent.len();
            if n == 0 {
                continue;
            }
            let mentions = self.mentions(&sent, date);
            // Which words a dictionary phrase covers, and what it is.
            let mut covered: Vec<Cover> = vec![None; n];
            for m in &mentions {
                for c in covered.iter_mut().take(m.end).skip(m.start) {
                    *c = Some((m.kind, m.code.clone(), m.start, m.end));
                }
            }
            let toks = doc.sentence_tokens(s);
            // The sentence's words, for cues: made once, and only if a name needs them.
            let mut words: Option<Vec<String>> = None;
            let mut i = 0;
            while i < n {
                if sent.toks[i].upos != "PROPN" || covered[i].is_some() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < n && sent.toks[i].upos == "PROPN" && covered[i].is_none() {
                    i += 1;
                }
                let end = i;
                // A short capital alone is too often a tagging slip; days and months are
                // times, not actors.
                if end - start == 1
                    && (sent.toks[start].form.chars().count() < 3
                        || dyad_time::is_calendar_name(&sent.toks[start].form.to_lowercase()))
                {
                    continue;
                }
                // Part of a longer name whose other words a dictionary knows ("South China
                // Sea", "Indian Ocean"): not an actor of its own.
                let joined = |k: usize| {
                    matches!(covered[k], Some((PhraseKind::Actor(_), ..)))
                        && (sent.toks[k].head.is_some_and(|h| (start..end).contains(&h))
                            || (start..end).any(|t| {
                                sent.toks[t].head == Some(k)
                                    && matches!(sent.base(t), "compound" | "flat")
                            }))
                };
                if (start > 0 && joined(start - 1)) || (end < n && joined(end)) {
                    continue;
                }
                let (Some(first), Some(last)) = (toks.get(start), toks.get(end - 1)) else {
                    continue;
                };
                let text = doc.span_text(first.start, last.end).to_string();
                let (proposed, cue) = self.propose(
                    &sent,
                    start,
                    end,
                    &covered,
                    words.get_or_insert_with(|| toks_text(doc, toks)),
                );
                out.push(UnknownName {
                    text,
                    sentence: si,
                    proposed,
                    cue,
                });
            }
        }
        out
    }

    /// A code for the name at `start..end` from the words around it.
    fn propose(
        &self,
        sent: &Sent,
        start: usize,
        end: usize,
        covered: &[Cover],
        words: &[String],
    ) -> (Option<String>, Option<String>) {
        let head = (start..end)
            .find(|&k| sent.toks[k].head.is_none_or(|h| h < start || h >= end))
            .unwrap_or(end - 1);
        // Words in the name's own phrase: its modifiers ("journalist Wasim Nasr", "Nigerien
        // officer X"), its apposition ("X, a Nigerien general") and, when the name is itself an
        // apposition or a compound, the noun it belongs to and that noun's modifiers.
        let phrase_rel = |k: usize| {
            matches!(
                sent.base(k),
                "compound" | "amod" | "appos" | "flat" | "nmod" | "nsubj"
            ) || sent.rel(k) == "nmod:poss"
        };
        let mut near: Vec<usize> = Vec::new();
        for t in start..end {
            near.extend(sent.children[t].iter().copied().filter(|&k| phrase_rel(k)));
        }
        if let Some(h) = sent.toks[head].head {
            if matches!(sent.base(head), "appos" | "compound" | "flat") {
                near.push(h);
                near.extend(sent.children[h].iter().copied().filter(|&k| phrase_rel(k)));
            }
        }
        // The apposition's own modifiers ("X, one of the leaders of the junta").
        let appos: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&k| sent.base(k) == "appos")
            .collect();
        for a in appos {
            near.extend(sent.children[a].iter().copied().filter(|&k| phrase_rel(k)));
        }
        let mut country: Option<(String, String)> = None;
        let mut role: Option<(String, CodePosition, String)> = None;
        for &k in &near {
            let Some((kind, code, s0, e0)) = &covered[k] else {
                continue;
            };
            let cue = words.get(*s0..*e0).map(|w| w.join(" ")).unwrap_or_default();
            match (kind, code) {
                (PhraseKind::Actor(_), Some(c)) if country.is_none() => {
                    country = Some((c.clone(), cue));
                }
                (PhraseKind::Agent(a), Some(c)) if role.is_none() => {
                    role = Some((c.clone(), self.dicts.agent_position(*a), cue));
                }
                _ => {}
            }
        }
        // "in/of/from X" under the name or its apposition gives the country.
        if country.is_none() {
            for &k in &near {
                for &g in &sent.children[k] {
                    if let Some((PhraseKind::Actor(_), Some(c), s0, e0)) = &covered[g] {
                        if sent
                            .case_words(g)
                            .any(|w| matches!(w, "IN" | "OF" | "FROM"))
                        {
                            let cue = words.get(*s0..*e0).map(|w| w.join(" ")).unwrap_or_default();
                            country = Some((c.clone(), cue));
                        }
                    }
                }
            }
        }
        match (country, role) {
            (None, None) => (None, None),
            (Some((c, cue)), None) => (Some(c), Some(cue)),
            (None, Some((r, pos, cue))) => (
                Some(match pos {
                    CodePosition::Suffix => format!("---{r}"),
                    CodePosition::Prefix => format!("{r}---"),
                }),
                Some(cue),
            ),
            (Some((c, ccue)), Some((r, pos, rcue))) => {
                // A country code that already carries a role keeps it.
                let code = if c.len() > 3 {
                    c
                } else {
                    match pos {
                        CodePosition::Suffix => format!("{c}{r}"),
                        CodePosition::Prefix => format!("{r}{c}"),
                    }
                };
                (Some(code), Some(format!("{ccue}, {rcue}")))
            }
        }
    }
}

fn toks_text(doc: &Document, toks: &[dyad_doc::Token]) -> Vec<String> {
    toks.iter()
        .map(|t| doc.span_text(t.start, t.end).to_string())
        .collect()
}
