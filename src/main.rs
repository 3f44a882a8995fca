//! `dyad`: political event data from news. A thin command-line layer over the library crates;
//! see ARCHITECTURE.md for the map.

mod cmd;
mod input;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Who did what to whom, when, where, and according to whom: political event data from news",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline and print one JSON object per document with every layer
    /// (cleaned text, what was removed and why, sentences, tokens, ...)
    Annotate(cmd::annotate::Args),
    /// Code articles into events, printed as JSON Lines (schema: docs/events.md)
    Code(cmd::code::Args),
    /// Code articles and store them with their events in the event database (SQLite,
    /// `--db`, default ./dyad.db); re-ingesting stored articles adds nothing
    Ingest(cmd::store::IngestArgs),
    /// Events from the event database matching filters, as a table or JSON Lines
    Query(cmd::store::QueryArgs),
    /// Events from the event database as JSON Lines, CSV, GDELT 2.0 event table or PLOVER
    Export(cmd::store::ExportArgs),
    /// Serve the event database over HTTP: a JSON API (`/api/...`, described at
    /// `/openapi.json`) that also codes and stores posted articles
    Serve(cmd::serve::Args),
    /// List the names no dictionary codes, as a draft dictionary with proposed codes
    /// (`dyad actors --unknown FILES`)
    Actors(cmd::actors::Args),
    /// Check dictionaries (dyad's own format or PETRARCH's); the last line is one JSON object
    #[command(subcommand)]
    Dict(cmd::dict::DictCommand),
    /// Measure accuracy against gold data; the last line printed is one JSON object
    #[command(subcommand)]
    Eval(cmd::eval::EvalCommand),
    /// Measure throughput per stage and peak memory on a corpus; the last line is one JSON object
    Bench(cmd::bench::Args),
    /// Train the models dyad ships (the syntax model) from treebanks
    #[command(subcommand)]
    Train(cmd::train::TrainCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(a) => cmd::annotate::run(a),
        Command::Code(a) => cmd::code::run(a),
        Command::Ingest(a) => cmd::store::ingest(a),
        Command::Query(a) => cmd::store::query(a),
        Command::Export(a) => cmd::store::export(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Dict(d) => cmd::dict::run(d),
        Command::Actors(a) => cmd::actors::run(a),
        Command::Eval(e) => cmd::eval::run(e),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Train(t) => cmd::train::run(t),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
