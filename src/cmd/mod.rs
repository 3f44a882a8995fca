//! One module per subcommand.

pub mod actors;
pub mod annotate;
pub mod bench;
pub mod bench_load;
pub mod bench_store;
pub mod code;
pub mod dict;
pub mod eval;
pub mod serve;
pub mod store;
pub mod train;
