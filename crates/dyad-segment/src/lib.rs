//! dyad-segment
