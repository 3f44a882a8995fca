//! dyad-eval: scoring dyad's stages against gold data.
//!
//! - [`segment`]: sentence, token and word segmentation against a CoNLL-U treebank, scored
//!   CoNLL 2018 shared task style.
//! - [`syntax`]: tagging, lemmatization and parsing from raw text, aligned by characters.
//!   (With gold tokens, `dyad_syntax::evaluate` scores the model directly.)
//! - [`geo`]: place recognition and resolution against GeoVirus, LGL or GeoWebNews XML.

pub mod geo;
pub mod segment;
pub mod syntax;
pub mod timex;
