//! dyad's document model, in one place.
//!
//! An [`Article`] is what a reader produced. A [`Document`] wraps it and carries every layer the
//! pipeline adds: cleaned text with an offset map back to the raw text, what cleaning removed,
//! sentences and tokens, syntax on the tokens, actor/place/time mentions, and coded [`Event`]s.
//! Stages read the document and add to it; no stage re-reads the raw input.

mod article;
mod document;
pub mod event;
pub mod layers;
pub mod view;

pub use article::{Article, DateParseError, Published};
pub use document::{
    Dateline, Document, OffsetMap, Paragraph, ParagraphKind, Removal, RemovalReason, Sentence,
    Token,
};
pub use event::{
    split_actor_code, Attribution, DatePrecision, Event, EventActor, Evidence, Location, Modality,
    Plover, PloverRecord, Rule, Span, EVENT_FIELDS, EVENT_SCHEMA_VERSION,
};
pub use layers::{ActorMention, PlaceMention, TimeMention, TimexType};
