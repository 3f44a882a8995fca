//! Who says so: news outlets the text cites as its source ("reported by the Associated Press",
//! "told Reuters", "according to AFP", "the AP quoted X as claiming ..."), the speakers they
//! quote, and the hedge of the quoting verb; pronoun speakers ("He has claimed") take the
//! last speaker the article named. Runs after the coder has built an article's events.
//!
//! "According to X" names X as the speaker; unnamed sources ("sources said") hedge the report.
//! A citing sentence whose subject is "this" or "that" ("This has been reported by the AP,
//! which quoted X as claiming ...") attributes the sentence before it as well. An outlet the
//! text cites is the event's outlet; failing one in its own sentence, the first the article
//! cites; failing that, the article's metadata or dateline outlet.

use crate::sent::Sent;
use dyad_doc::{ActorMention, Attribution, Document, Event};

/// Verbs through which an outlet reports or is told something.
const REPORTING: &[&str] = &[
    "REPORT",
    "QUOTE",
    "SAY",
    "TELL",
    "CITE",
    "BROADCAST",
    "AIR",
    "PUBLISH",
    "WRITE",
    "CARRY",
    "CLAIM",
    "STATE",
    "ANNOUNCE",
    "CONFIRM",
    "LEARN",
    "INTERVIEW",
];

/// Verbs of the quoted speaker that hedge what follows ("quoted X as claiming").
const HEDGING: &[&str] = &["CLAIM", "ALLEGE", "PURPORT", "SPECULATE", "SUGGEST"];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "He", "She", "They", "HE", "SHE", "THEY",
];

/// An outlet cited in one sentence.
#[derive(Debug, Clone)]
struct Citation {
    sentence: usize,
    /// None for "according to officials": a speaker without an outlet.
    outlet: Option<String>,
    /// The person the outlet quotes ("quoted Wasim Nasr as claiming").
    speaker: Option<String>,
    /// The hedging verb of the quote, as written.
    cue: Option<String>,
    /// The sentence's subject is "this"/"that": it reports the sentence before.
    backward: bool,
}

fn is_outlet(m: &ActorMention) -> bool {
    m.code
        .as_deref()
        .is_some_and(|c| c.ends_with("MED") && c.len() >= 6)
}

/// A name phrase without its appositions and relative clauses: "Wasim Nasr".
fn name_text(doc: &Document, toks: &[dyad_doc::Token], sent: &Sent, h: usize) -> String {
    let mut span = sent.subtree(h, &|r| !matches!(r, "flat" | "compound" | "flat:name"));
    span.sort_unstable();
    let (Some(&a), Some(&b)) = (span.first(), span.last()) else {
        return String::new();
    };
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => doc.span_text(x.start, y.end).to_string(),
        _ => String::new(),
    }
}

/// "according to officials", "according to the ministry": a speaker for the sentence's
/// events (outlets named this way are found by [`citations`]).
fn according_to(doc: &Document) -> Vec<Citation> {
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let toks = doc.sentence_tokens(s);
        if !toks
            .iter()
            .any(|t| doc.token_text(t).eq_ignore_ascii_case("according"))
        {
            continue;
        }
        let sent = Sent::from_doc(doc, s);
        if !sent.parsed {
            continue;
        }
        for h in 0..sent.len() {
            let according = sent.children[h]
                .iter()
                .any(|&c| sent.toks[c].form == "ACCORDING");
            let outlet = doc.actors.iter().any(|m| {
                is_outlet(m)
                    && toks
                        .get(h)
                        .is_some_and(|t| t.start >= m.start && t.end <= m.end)
            });
            if according && !outlet && matches!(sent.toks[h].upos, "NOUN" | "PROPN" | "PRON") {
                let speaker = name_text(doc, toks, &sent, h);
                let full = {
                    let mut span = sent.subtree(h, &|r| {
                        matches!(r, "acl:relcl" | "acl" | "appos" | "punct" | "case")
                    });
                    span.sort_unstable();
                    match (
                        span.first().and_then(|&a| toks.get(a)),
                        span.last().and_then(|&b| toks.get(b)),
                    ) {
                        (Some(a), Some(b)) => doc.span_text(a.start, b.end).to_string(),
                        _ => speaker.clone(),
                    }
                };
                out.push(Citation {
                    sentence: si,
                    outlet: None,
                    speaker: Some(if sent.toks[h].upos == "PROPN" {
                        speaker
                    } else {
                        full
                    }),
                    cue: None,
                    backward: false,
                });
            }
        }
    }
    out
}

fn citations(doc: &Document) -> Vec<Citation> {
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let outlets: Vec<&ActorMention> = doc
            .actors
            .iter()
            .filter(|m| m.start >= s.start && m.end <= s.end && is_outlet(m))
            .collect();
        if outlets.is_empty() {
            continue;
        }
        let sent = Sent::from_doc(doc, s);
        if !sent.parsed {
            continue;
        }
        let toks = doc.sentence_tokens(s);
        for m in outlets {
            let Some(mut h) = crate::locate::span_head(toks, &sent, m.start, m.end) else {
                continue;
            };
            // Up from "Associated Press" to "agency" in "the Associated Press news agency".
            while matches!(sent.base(h), "compound" | "flat" | "nmod" | "appos") {
                match sent.toks[h].head {
                    Some(x) if matches!(sent.toks[x].upos, "NOUN" | "PROPN") => h = x,
                    _ => break,
                }
            }
            let according = sent.case_words(h).any(|w| w == "ACCORDING");
            let verb = sent.toks[h].head;
            let reporting = verb.filter(|&v| {
                REPORTING.contains(&sent.toks[v].lemma.as_str())
                    && matches!(sent.base(h), "nsubj" | "obj" | "iobj" | "obl")
            });
            if reporting.is_none() && !according {
                continue;
            }
            // The quote: the verb itself ("AP quoted X") or a relative clause on the outlet
            // ("the agency, which quoted X").
            let quote = reporting
                .filter(|&v| sent.toks[v].lemma == "QUOTE")
                .or_else(|| {
                    sent.kids(h, "acl:relcl")
                        .find(|&r| sent.toks[r].lemma == "QUOTE")
                });
            let speaker = quote.and_then(|q| {
                sent.kid_base(q, "obj")
                    .next()
                    .map(|o| name_text(doc, toks, &sent, o))
            });
            // "quoted X as claiming": the hedging verb anywhere in the quote's phrase (parsers
            // hang it on X or on X's apposition), not inside the claim itself.
            let cue = quote.and_then(|q| {
                sent.subtree(q, &|r| r == "ccomp")
                    .into_iter()
                    .find(|&c| c != q && HEDGING.contains(&sent.toks[c].lemma.as_str()))
                    .and_then(|c| toks.get(c))
                    .map(|t| doc.token_text(t).to_string())
            });
            let backward = reporting.is_some_and(|v| {
                sent.kid_base(v, "nsubj").any(|n| {
                    matches!(sent.toks[n].lemma.as_str(), "THIS" | "THAT")
                        && sent.toks[n].upos == "PRON"
                })
            });
            out.push(Citation {
                sentence: si,
                outlet: Some(m.name.clone().unwrap_or_else(|| m.text.clone())),
                speaker: speaker.filter(|s| !s.is_empty()),
                cue,
                backward,
            });
        }
    }
    out
}

/// Attribution of an article's events from the outlets its text cites (see the module doc).
pub(crate) fn attribute(doc: &Document, events: &mut [Event]) {
    let mut cited = citations(doc);
    let first = cited.iter().find_map(|c| c.outlet.clone());
    cited.extend(according_to(doc));
    let mut last_speaker: Option<String> = None;
    for e in events.iter_mut() {
        let si = e.sentence_index as usize;
        let here = cited
            .iter()
            .find(|c| c.sentence == si || (c.backward && c.sentence == si + 1));
        let a = e.attribution.get_or_insert_with(Attribution::default);
        if let Some(c) = here {
            if c.outlet.is_some() {
                a.outlet.clone_from(&c.outlet);
            } else if a.outlet.is_none() || doc.article.outlet.is_none() {
                a.outlet = first.clone().or_else(|| a.outlet.take());
            }
            if a.speaker.is_none() {
                a.speaker.clone_from(&c.speaker);
            }
            if let (Some(cue), false) = (&c.cue, a.hedged) {
                a.hedged = true;
                a.cue = Some(cue.clone());
            }
        } else if a.outlet.is_none() || doc.article.outlet.is_none() {
            a.outlet = first.clone().or_else(|| a.outlet.take());
        }
        // Unnamed sources ("sources said", "according to diplomatic sources") hedge the report.
        if !a.hedged {
            if let Some(s) = a.speaker.as_deref() {
                if s.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("sources") || w.eq_ignore_ascii_case("source"))
                {
                    a.hedged = true;
                    a.cue = Some(s.to_string());
                }
            }
        }
        match a.speaker.as_deref() {
            Some(s) if PRONOUNS.contains(&s) => a.speaker.clone_from(&last_speaker),
            Some(s) if s.chars().next().is_some_and(char::is_uppercase) => {
                last_speaker = Some(s.to_string())
            }
            _ => {}
        }
        if a.outlet.is_none() && a.speaker.is_none() && !a.hedged {
            e.attribution = None;
        }
    }
}
