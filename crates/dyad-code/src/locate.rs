//! Where an event happened: the place of its own clause ("met in Abuja"), else the dateline's
//! place when it lies in an actor's country, else the country its source (or target) belongs
//! to. Places come from the place stage (`doc.places`); country points from the gazetteer.

use crate::sent::Sent;
use dyad_doc::{Document, Location, PlaceMention, Span, Token};
use dyad_place::Gazetteer;

/// Prepositions that put an event in a place ("in", "at"), as opposed to a source or a
/// destination ("from", "to"); not "on" either: "sanctions on X" and "talks on X" are about X.
const AT: &[&str] = &[
    "IN",
    "AT",
    "NEAR",
    "OUTSIDE",
    "INSIDE",
    "ACROSS",
    "AROUND",
    "THROUGHOUT",
    "WITHIN",
    "INTO",
];

/// The sentence-local token that heads the span `start..end` of the text: one whose head lies
/// outside it, a noun where the parse leaves several ("the" and "Press" of "the Associated
/// Press" both hanging on "agency").
pub(crate) fn span_head(toks: &[Token], sent: &Sent, start: u32, end: u32) -> Option<usize> {
    let inside: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, k)| k.start >= start && k.end <= end)
        .map(|(i, _)| i)
        .collect();
    let heads: Vec<usize> = inside
        .iter()
        .copied()
        .filter(|&i| {
            sent.toks
                .get(i)
                .and_then(|x| x.head)
                .is_none_or(|h| !inside.contains(&h))
        })
        .collect();
    heads
        .iter()
        .copied()
        .find(|&i| matches!(sent.toks[i].upos, "PROPN" | "NOUN"))
        .or(heads.first().copied())
}

/// Whether the phrase at `start..end` belongs to the clause of the predicate `v`: up from its
/// head through nouns, the first predicate met is `v`.
pub(crate) fn in_clause(toks: &[Token], sent: &Sent, start: u32, end: u32, v: usize) -> bool {
    let Some(head) = span_head(toks, sent, start, end) else {
        return false;
    };
    let mut cur = sent.toks.get(head).and_then(|x| x.head);
    let mut steps = 0;
    while let Some(c) = cur {
        if c == v {
            return true;
        }
        if matches!(sent.toks[c].upos, "VERB" | "AUX") || steps > 4 {
            return false;
        }
        cur = sent.toks[c].head;
        steps += 1;
    }
    false
}

fn location(p: &PlaceMention, basis: &str) -> Option<Location> {
    Some(Location {
        name: p.name.clone()?,
        country: p.country.clone(),
        lat: p.lat,
        lon: p.lon,
        feature: p.feature.clone(),
        basis: Some(basis.to_string()),
    })
}

fn inside(p: &PlaceMention, span: Option<&Span>) -> bool {
    span.is_some_and(|s| p.start >= s.start && p.end <= s.end)
}

/// The place of the event's own clause (`v` its predicate): a place phrase under it, not
/// inside the source ("Niger's junta"), and a country only when a preposition makes it the
/// scene ("in Niger", not "asked Russia"); a town or province can be the target itself
/// ("shelled Kharkiv").
pub(crate) fn clause_location(
    doc: &Document,
    toks: &[Token],
    sent: &Sent,
    v: usize,
    source: Option<&Span>,
    target: Option<&Span>,
) -> Option<Location> {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return None;
    };
    // The subject's own phrase ("one of the leaders of the revolution in Niger") says who, not
    // where; a conjunct verb shares its head's subject.
    let mut subject = Vec::new();
    let mut verbs = vec![v];
    if sent.base(v) == "conj" {
        verbs.extend(sent.toks[v].head);
    }
    for &x in &verbs {
        for c in sent.kid_base(x, "nsubj") {
            subject.extend(sent.subtree(c, &|_| false));
        }
    }
    for p in doc
        .places
        .iter()
        .filter(|p| p.start >= first.start && p.end <= last.end && p.lat.is_some())
    {
        if inside(p, source) || !in_clause(toks, sent, p.start, p.end, v) {
            continue;
        }
        let Some(h) = span_head(toks, sent, p.start, p.end) else {
            continue;
        };
        if subject.contains(&h) {
            continue;
        }
        let locative = sent.case_words(h).any(|w| AT.contains(&w));
        let local = matches!(
            p.feature.as_deref(),
            Some("city" | "capital" | "admin1" | "admin2" | "area")
        );
        if locative || (local && inside(p, target)) {
            return location(p, "clause");
        }
    }
    None
}

/// Events without a place of their own: the dateline's place when it lies in the source's
/// country, else the source's country, else the target's (for a visit, 042, the host's first). Runs after roles are resolved
/// ("the junta" → `NERMIL`), so the codes name their countries.
pub(crate) fn fill_locations(doc: &Document, events: &mut [dyad_doc::Event]) {
    let Ok(gaz) = Gazetteer::builtin() else {
        return;
    };
    let country_of = |code: Option<&str>| -> Option<[u8; 3]> {
        let c: [u8; 3] = code?.as_bytes().get(..3)?.try_into().ok()?;
        gaz.country(c).map(|f| f.country)
    };
    let dateline = doc
        .dateline
        .as_ref()
        .and_then(|d| dyad_place::resolve_name(gaz, &d.place));
    for e in events.iter_mut().filter(|e| e.location.is_none()) {
        let mut source = country_of(e.source.code.as_deref());
        let mut target = country_of(e.target.as_ref().and_then(|t| t.code.as_deref()));
        // A visit (042) happens where the host is.
        if e.cameo.starts_with("042") && target.is_some() {
            std::mem::swap(&mut source, &mut target);
        }
        e.location = match (dateline, source) {
            (Some(d), Some(c)) if d.country == c => {
                Some(dyad_place::to_location(gaz, d, "dateline"))
            }
            _ => source
                .or(target)
                .and_then(|c| gaz.country(c))
                .map(|f| dyad_place::to_location(gaz, f, "actor")),
        };
    }
}
