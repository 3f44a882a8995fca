//! The coded event: schema version 1, documented in `docs/events.md`.
//! Field names are fixed: change them only with a schema version bump.

use serde::{Deserialize, Serialize};

/// The version of the event schema that [`Event`] serializes to.
pub const EVENT_SCHEMA_VERSION: u32 = 3;

/// The top-level fields of an event as JSON, in the order of docs/events.md (every one always
/// present).
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "article_id",
    "sentence_index",
    "sentence",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "date",
    "date_precision",
    "date_text",
    "location",
    "attribution",
    "modality",
    "evidence",
    "rule",
];

/// One coded event: who did what to whom, when, where, and according to whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: a hash of the article id, sentence index, code and actor codes.
    pub id: String,
    pub article_id: String,
    /// 0-based index of the sentence in the document.
    pub sentence_index: u32,
    /// The sentence's text.
    pub sentence: String,
    pub source: EventActor,
    pub target: Option<EventActor>,
    /// CAMEO event code: two to four digits (`0232`).
    pub cameo: String,
    /// CAMEO root: the first two digits (`02`).
    pub cameo_root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein weight, -10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f64,
    pub plover: Plover,
    /// ISO 8601 date of the event (`YYYY-MM-DD`), null when nothing dates it.
    pub date: Option<String>,
    pub date_precision: DatePrecision,
    /// The time expression that dated the event, as written; null when the publication date was used.
    pub date_text: Option<String>,
    pub location: Option<Location>,
    pub attribution: Option<Attribution>,
    pub modality: Modality,
    pub evidence: Evidence,
    pub rule: Rule,
}

/// An actor as it appears in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// The actor as written in the sentence.
    pub text: String,
    /// CAMEO-style actor code (`NERMIL`); null when the actor could not be coded.
    pub code: Option<String>,
}

/// PLOVER coding of the event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Plover {
    /// One of the 16 PLOVER event types (`REQUEST`, `THREATEN`, ...).
    pub event: Option<String>,
    pub mode: Option<String>,
    pub context: Vec<String>,
}

/// How exactly [`Event::date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    /// A vague expression ("a few days ago"): the date is a best estimate.
    Approximate,
    /// Nothing in the text dates the event; the publication date stands in.
    Publication,
    /// Neither the text nor the metadata gives a date.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Feature kind of the place: `country`, `admin1`, `admin2`, `area`, `water`, `city`,
    /// `capital`, `region`, `continent`.
    #[serde(default)]
    pub feature: Option<String>,
    /// Why this place: `clause` (a place of the event's own clause), `dateline` (the
    /// article's dateline, in the source's country), `actor` (the source's country).
    #[serde(default)]
    pub basis: Option<String>,
}

/// Who says the event happened.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attribution {
    /// The news outlet that carried the report ("Associated Press").
    pub outlet: Option<String>,
    /// The person or body quoted as the source, outermost first when nested.
    pub speaker: Option<String>,
    /// True when the report is hedged (claimed, allegedly, reportedly, unconfirmed).
    pub hedged: bool,
    /// The words that signalled the attribution or the hedge.
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Modality {
    /// The sentence says the event did not happen ("did not attack", "denied sending").
    pub negated: bool,
    /// Planned, intended or announced for the future.
    pub future: bool,
    /// Conditional, possible, threatened or asked about, not asserted.
    pub hypothetical: bool,
}

/// A run of tokens supporting an event: sentence-relative token indices (0-based, half-open)
/// and the byte span in the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub token_start: u32,
    pub token_end: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub verb: Span,
    pub source: Option<Span>,
    pub target: Option<Span>,
}

/// The dictionary entry or pattern that produced an event or an actor code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Dictionary file (`CAMEO.2.0.txt`) or built-in dictionary name (`builtin:verbs`).
    pub dictionary: String,
    /// 1-based line of the entry in that file.
    pub line: u32,
    /// The pattern or entry as written in the dictionary.
    pub pattern: String,
    /// How the coder changed the pattern's code, when it did: `intent 190 -> 138` (a plan or
    /// preparation to act is coded as the threat or intent it expresses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<String>,
}

/// A POLECAT-style record of an event (`dyad code --format plover`): PLOVER type, mode and
/// contexts with the actors split into country and sector, one flat object per event.
/// Documented in `docs/events.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRecord {
    pub event_id: String,
    pub story_id: String,
    pub sentence_number: u32,
    pub event_date: Option<String>,
    pub date_precision: DatePrecision,
    pub event_type: Option<String>,
    pub event_mode: Option<String>,
    pub contexts: Vec<String>,
    pub event_text: String,
    pub actor_name: String,
    pub actor_code: Option<String>,
    pub actor_country: Option<String>,
    pub actor_sector: Vec<String>,
    pub recipient_name: Option<String>,
    pub recipient_code: Option<String>,
    pub recipient_country: Option<String>,
    pub recipient_sector: Vec<String>,
    pub placename: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub cameo: String,
    pub goldstein: f64,
    pub negated: bool,
    pub hypothetical: bool,
    pub source_outlet: Option<String>,
    pub speaker: Option<String>,
    pub rule: Rule,
}

/// Leading codes that are not countries: international and non-governmental bodies and
/// CAMEO's regions.
const NON_COUNTRY: &[&str] = &[
    "IGO", "NGO", "IMG", "MNC", "UIS", "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU",
    "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA",
    "SAF", "WAF", "WEU", "WST",
];

/// `NERMIL` → (`NER`, [`MIL`]); `IGOWAFWAS` → (none, [`IGO`, `WAF`, `WAS`]).
pub fn split_actor_code(code: &str) -> (Option<String>, Vec<String>) {
    let parts: Vec<String> = code
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    match parts.split_first() {
        Some((first, rest)) if !NON_COUNTRY.contains(&first.as_str()) && first != "---" => {
            (Some(first.clone()), rest.to_vec())
        }
        _ => (None, parts.into_iter().filter(|p| p != "---").collect()),
    }
}

impl From<&Event> for PloverRecord {
    fn from(e: &Event) -> PloverRecord {
        let split = |code: Option<&String>| match code {
            Some(c) => split_actor_code(c),
            None => (None, Vec::new()),
        };
        let (actor_country, actor_sector) = split(e.source.code.as_ref());
        let (recipient_country, recipient_sector) =
            split(e.target.as_ref().and_then(|t| t.code.as_ref()));
        PloverRecord {
            event_id: e.id.clone(),
            story_id: e.article_id.clone(),
            sentence_number: e.sentence_index,
            event_date: e.date.clone(),
            date_precision: e.date_precision,
            event_type: e.plover.event.clone(),
            event_mode: e.plover.mode.clone(),
            contexts: e.plover.context.clone(),
            event_text: e.sentence.clone(),
            actor_name: e.source.text.clone(),
            actor_code: e.source.code.clone(),
            actor_country,
            actor_sector,
            recipient_name: e.target.as_ref().map(|t| t.text.clone()),
            recipient_code: e.target.as_ref().and_then(|t| t.code.clone()),
            recipient_country,
            recipient_sector,
            placename: e.location.as_ref().map(|l| l.name.clone()),
            latitude: e.location.as_ref().and_then(|l| l.lat),
            longitude: e.location.as_ref().and_then(|l| l.lon),
            cameo: e.cameo.clone(),
            goldstein: e.goldstein,
            negated: e.modality.negated,
            hypothetical: e.modality.hypothetical,
            source_outlet: e.attribution.as_ref().and_then(|a| a.outlet.clone()),
            speaker: e.attribution.as_ref().and_then(|a| a.speaker.clone()),
            rule: e.rule.clone(),
        }
    }
}

#[cfg(test)]
mod plover_tests {
    use super::split_actor_code;

    #[test]
    fn splits_country_and_sectors() {
        assert_eq!(
            split_actor_code("NERMIL"),
            (Some("NER".into()), vec!["MIL".into()])
        );
        assert_eq!(split_actor_code("NGA"), (Some("NGA".into()), vec![]));
        assert_eq!(
            split_actor_code("IGOWAFWAS"),
            (None, vec!["IGO".into(), "WAF".into(), "WAS".into()])
        );
        assert_eq!(split_actor_code("WAF"), (None, vec!["WAF".into()]));
        assert_eq!(split_actor_code("---GOV"), (None, vec!["GOV".into()]));
    }
}
