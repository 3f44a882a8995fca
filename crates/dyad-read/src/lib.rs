//! dyad-read
