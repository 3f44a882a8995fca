//! The coded event: schema version 1, documented in `docs/events.md`.
//! Field names are fixed: change them only with a schema version bump.

use serde::{Deserialize, Serialize};

/// The version of the event schema that [`Event`] serializes to.
pub const EVENT_SCHEMA_VERSION: u32 = 1;

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
}
