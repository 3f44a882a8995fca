//! `dyad code`: coded events as JSON Lines, schema in docs/events.md.

use std::process::ExitCode;

use anyhow::Result;

use crate::input::{self, InputArgs};
use crate::output::JsonLines;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl"])]
    pub format: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = input::pipeline(&args.input)?;
    if args.input.dictionaries.is_none() {
        eprintln!(
            "dyad: no --dictionaries given, so no events: dyad's own built-in dictionaries are not \
             written yet. Code with PETRARCH dictionaries: --dictionaries ../shared/data/petrarch2"
        );
    }
    let mut out = JsonLines::stdout();
    let summary = input::process(&args.input, &pipeline, |doc| {
        for e in &doc.events {
            out.write(e)?;
        }
        Ok(())
    })?;
    out.flush()?;
    eprintln!(
        "dyad: {} document(s), stages: {}",
        summary.documents,
        pipeline.stage_names().join(" → ")
    );
    Ok(summary.exit_code(args.input.skip_bad))
}
