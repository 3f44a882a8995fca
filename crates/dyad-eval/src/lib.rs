//! dyad-eval: scoring dyad's stages against gold data.
//!
//! - [`segment`]: sentence, token and word segmentation against a CoNLL-U treebank, scored
//!   CoNLL 2018 shared task style.

pub mod segment;
