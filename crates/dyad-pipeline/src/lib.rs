//! dyad-pipeline
