//! Highlights for the event view: where the event's source, verb, target, time expression and
//! place are in the article's cleaned text, as byte offsets (half-open, on char boundaries).
//!
//! - `source`, `verb`, `target`: the event's `evidence` spans, kept when they slice the stored
//!   text to the span's own text.
//! - `time`: `date_text`, found in the event's sentence (the coder takes it from the event's
//!   own clause), the occurrence nearest the verb.
//! - `place`: a place mention the place stage stored for the article whose resolved name (or
//!   text) is the event's `location.name`, in the event's sentence, nearest the verb; for a
//!   dateline location, the article's first such mention; else the name as written in the
//!   sentence. None when the location came from the source's country and the sentence does
//!   not name it.
//!
//! Highlights may overlap ("shelled Kharkiv": target and place); they are sorted by start.

use dyad_doc::{Event, PlaceMention, Span};
use serde::Serialize;

/// One highlighted span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// Start byte offset into the article's cleaned text.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// `source`, `verb`, `target`, `time` or `place`.
    pub role: &'static str,
}

/// The highlights of `event` in `text` (the article's cleaned text); `sentence` is the span of
/// the event's sentence, `places` the article's place mentions.
pub fn highlights(
    event: &Event,
    text: &str,
    sentence: Option<(u32, u32)>,
    places: &[PlaceMention],
) -> Vec<Highlight> {
    let mut out = Vec::new();
    let valid =
        |start: u32, end: u32| start < end && text.get(start as usize..end as usize).is_some();
    let mut span = |s: Option<&Span>, role| {
        if let Some(s) = s {
            if valid(s.start, s.end) && text[s.start as usize..s.end as usize] == s.text {
                out.push(Highlight {
                    start: s.start,
                    end: s.end,
                    role,
                });
            }
        }
    };
    span(event.evidence.source.as_ref(), "source");
    span(Some(&event.evidence.verb), "verb");
    span(event.evidence.target.as_ref(), "target");

    let verb = event.evidence.verb.start;
    // The sentence: its stored span, else the whole text.
    let (s0, s1) = sentence
        .filter(|&(a, b)| a <= b && text.get(a as usize..b as usize).is_some())
        .unwrap_or((0, text.len() as u32));
    let scope = text.get(s0 as usize..s1 as usize).unwrap_or("");

    if let Some(dt) = event.date_text.as_deref().filter(|d| !d.is_empty()) {
        if let Some(start) = nearest(scope, dt, verb.saturating_sub(s0)) {
            out.push(Highlight {
                start: s0 + start,
                end: s0 + start + dt.len() as u32,
                role: "time",
            });
        }
    }

    if let Some(loc) = &event.location {
        let names =
            |p: &&PlaceMention| p.name.as_deref() == Some(loc.name.as_str()) || p.text == loc.name;
        let in_sentence = places
            .iter()
            .filter(names)
            .filter(|p| p.start >= s0 && p.end <= s1 && valid(p.start, p.end))
            .min_by_key(|p| p.start.abs_diff(verb));
        let place = in_sentence
            .map(|p| (p.start, p.end))
            .or_else(|| {
                (loc.basis.as_deref() == Some("dateline"))
                    .then(|| places.iter().find(|p| names(p) && valid(p.start, p.end)))
                    .flatten()
                    .map(|p| (p.start, p.end))
            })
            .or_else(|| {
                nearest(scope, &loc.name, verb.saturating_sub(s0))
                    .map(|i| (s0 + i, s0 + i + loc.name.len() as u32))
            });
        if let Some((start, end)) = place {
            out.push(Highlight {
                start,
                end,
                role: "place",
            });
        }
    }
    out.sort_by_key(|h| (h.start, h.end));
    out
}

/// The start of the occurrence of `needle` in `hay` nearest to `pos`, as whole words only
/// (not inside a longer word).
fn nearest(hay: &str, needle: &str, pos: u32) -> Option<u32> {
    if needle.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle)
        .filter(|(i, _)| {
            !word(hay[..*i].chars().next_back()) && !word(hay[i + needle.len()..].chars().next())
        })
        .map(|(i, _)| i as u32)
        .min_by_key(|i| i.abs_diff(pos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{DatePrecision, EventActor, Evidence, Location, Modality, Plover, Rule};

    fn sp(text: &str, all: &str) -> Span {
        let start = all.find(text).unwrap() as u32;
        Span {
            token_start: 0,
            token_end: 1,
            start,
            end: start + text.len() as u32,
            text: text.into(),
        }
    }

    #[test]
    fn spans_time_and_place_slice_their_text() {
        let text = "Headline\n\nOn Monday the Ruritanian army shelled Zenda on Monday night.";
        let sentence = (10, text.len() as u32);
        let e = Event {
            id: "e".into(),
            article_id: "a".into(),
            sentence_index: 1,
            sentence: text[10..].into(),
            source: EventActor {
                text: "the Ruritanian army".into(),
                code: Some("RURMIL".into()),
            },
            target: None,
            cameo: "190".into(),
            cameo_root: "19".into(),
            quad_class: 4,
            goldstein: -10.0,
            plover: Plover::default(),
            date: Some("2024-01-01".into()),
            date_precision: DatePrecision::Day,
            date_text: Some("Monday night".into()),
            location: Some(Location {
                name: "Zenda".into(),
                country: None,
                lat: None,
                lon: None,
                feature: None,
                basis: Some("clause".into()),
            }),
            attribution: None,
            modality: Modality::default(),
            evidence: Evidence {
                verb: sp("shelled", text),
                source: Some(sp("the Ruritanian army", text)),
                target: Some(Span {
                    text: "wrong".into(),
                    ..sp("Zenda", text)
                }),
            },
            rule: Rule {
                dictionary: "t".into(),
                line: 1,
                pattern: "p".into(),
                transform: None,
            },
        };
        let h = highlights(&e, text, Some(sentence), &[]);
        let got: Vec<(&str, &str)> = h
            .iter()
            .map(|h| (h.role, &text[h.start as usize..h.end as usize]))
            .collect();
        // The target span does not match the text, so it is left out.
        assert_eq!(
            got,
            [
                ("source", "the Ruritanian army"),
                ("verb", "shelled"),
                ("place", "Zenda"),
                ("time", "Monday night"),
            ]
        );
    }

    #[test]
    fn nearest_takes_whole_words_near_the_verb() {
        assert_eq!(nearest("Niger and Nigeria; Niger", "Niger", 20), Some(19));
        assert_eq!(nearest("Nigeria", "Niger", 0), None);
        assert_eq!(nearest("x", "", 0), None);
    }
}
