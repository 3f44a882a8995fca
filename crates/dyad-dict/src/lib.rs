//! Readers for the PETRARCH dictionary formats and validation records.
//!
//! Every reader takes a file name (used in diagnostics and entries) and the
//! text, and returns the parsed structure plus a list of [`Diagnostic`]s:
//! malformed lines are reported as `file:line: reason` and skipped, never
//! fatal. Each module also has a `load_file(path)` convenience.
//!
//! * [`verbs`]: verb dictionaries in the CAMEO 2.0 / PETRARCH-2 and the
//!   PETRARCH-1 / TABARI pattern formats.
//! * [`actors`]: actor dictionaries with date-restricted codes.
//! * [`agents`]: agent dictionaries (plurals, substitution markers).
//! * [`discards`], [`issues`]: discard lists and issue dictionaries.
//! * [`records`]: validation records (`PETR.UnitTest.records*.xml`).
//! * [`native`]: dyad's own format (`.dyad`, `docs/dictionaries.md`), compiled into the
//!   same structures.
//! * [`forms`]: PETRARCH's plural and verb-form generation.

pub mod actors;
pub mod agents;
mod common;
pub mod discards;
pub mod forms;
pub mod issues;
pub mod native;
pub mod records;
pub mod verbs;

pub use common::{read_text, Diagnostic, DictDate, Phrase};
