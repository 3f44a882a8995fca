//! One module per subcommand.

pub mod annotate;
pub mod bench;
pub mod code;
pub mod eval;
pub mod train;
