//! dyad's event database: an embedded SQLite file that holds articles, the layers the pipeline
//! added to them (sentences, actor and place mentions) and their coded events.
//!
//! - [`Store::open`] creates or opens a database (WAL journal, so readers never wait for the
//!   writer), applies the schema migrations and refuses a database written by a newer dyad;
//!   [`Store::open_read_only`] opens one for readers.
//! - [`Store::ingest`] writes a batch of [`dyad_doc::Document`]s in **one transaction**: after a
//!   crash the database holds either the whole batch or none of it. An article whose
//!   [`content_hash`] is already stored is skipped, so re-ingesting the same input adds nothing.
//! - [`Store::query`], [`Store::count`] and the aggregates ([`Store::dyads`], [`Store::actors`],
//!   [`Store::series`]) take an [`EventFilter`]; every value in a filter is bound as an SQL
//!   parameter, never spliced into the SQL text.
//! - [`export`] writes events as JSON Lines, CSV, the GDELT 2.0 event table or PLOVER records.
//! - Lookups for the API server: [`Store::event`], [`Store::article_text`],
//!   [`Store::sentence_span`], [`Store::article_places`] and [`Store::places`] (events by place).
//! - [`Store::escalation`]: dyads whose recent Goldstein balance drops sharply against their
//!   own history (the dashboard's escalation indicator; the statistic is in `escalation.rs`).
//!
//! The schema, the filter semantics and the GDELT column mapping are documented in the crate's
//! `README.md`.

#![warn(missing_docs)]

mod api;
mod error;
mod escalation;
pub mod export;
mod filter;
mod query;
mod schema;
mod store;

pub use api::PlaceCount;
pub use error::{Error, Result};
pub use escalation::{DyadTrend, Escalation, EscalationParams};
pub use filter::EventFilter;
pub use query::{DyadCount, Interval, SeriesPoint};
pub use schema::SCHEMA_VERSION;
pub use store::{content_hash, ArticleMeta, IngestStats, Store, StoreCounts};
