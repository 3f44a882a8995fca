//! `dyad serve`: the event database over HTTP (crates/dyad-serve).

use std::process::ExitCode;

use anyhow::Result;

use crate::input::{self, InputArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Event database (SQLite; created if missing)
    #[arg(long, value_name = "PATH", default_value = crate::cmd::store::DEFAULT_DB)]
    pub db: String,
    /// Address to listen on. Beyond loopback a token is required
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Token that writes (POST) must send as `Authorization: Bearer <token>`; default: the
    /// DYAD_TOKEN environment variable (which, unlike this option, other users cannot see in
    /// the process list)
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Reads (`/api/...`) need the token too
    #[arg(long)]
    pub private: bool,
    /// Folder of dictionaries to add to the built-in ones when coding posted articles (as
    /// `dyad ingest --dictionaries`)
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<String>,
    /// Code posted articles with the --dictionaries folder only, without the built-in ones
    #[arg(long, requires = "dictionaries")]
    pub no_builtin: bool,
    /// Syntax model file to use instead of the built-in one
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let token = args.token.or_else(|| std::env::var("DYAD_TOKEN").ok());
    let config = dyad_serve::Config {
        db: args.db.into(),
        bind: dyad_serve::resolve_bind(&args.bind)?,
        token,
        private: args.private,
    };
    // Refuse a bad configuration before the models load.
    config.validate()?;
    let pipeline = input::pipeline(&InputArgs::for_posted_articles(
        args.model,
        args.dictionaries,
        args.no_builtin,
    ))?;
    dyad_serve::run(config, pipeline)?;
    Ok(ExitCode::SUCCESS)
}
