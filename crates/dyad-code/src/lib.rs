//! CAMEO event coding over dependency parses.
//!
//! [`Dictionaries`] reads PETRARCH dictionaries (through `dyad-dict`) and indexes them once;
//! [`Coder`] is the pipeline stage that turns a parsed [`dyad_doc::Document`] into actor
//! mentions and events (schema v1, `docs/events.md`); [`conformance`] runs PETRARCH validation
//! records.
//!
//! Coding, in short: actor and agent phrases are found by longest match over the words; a noun
//! phrase's code is its actor plus its agents (`Niger's military` -> `NER` + `MIL`), or the
//! actor of an attached `of/in/from` phrase. A verb found in the verb dictionary (surface form,
//! then lemma) is matched against its block's patterns over the dependency tree; the most
//! specific matching pattern gives the code, else the verb's own code. The source is the
//! subject (or the passive `by` agent), the target the object, else the first oblique phrase
//! naming an actor, unless the pattern's `$`/`+` or preposition says otherwise. Conjoined actors
//! give one event each.

mod attribute;
mod cameo_table;

pub mod cameo;
mod coder;
pub mod conformance;
mod dict;
mod hash;
mod locate;
pub mod ontology;
mod sent;
mod unknown;

pub use coder::{Coder, CoderOptions, Discard};
pub use dict::{native_files, Dictionaries, DictionaryFiles, LoadError};
pub use unknown::UnknownName;
