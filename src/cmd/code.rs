//! `dyad code`: coded events as JSON Lines, schema in docs/events.md.

use std::process::ExitCode;

use anyhow::Result;

use crate::input::{self, InputArgs};
use crate::output::JsonLines;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: `jsonl` (dyad's event schema) or `plover` (POLECAT-style records);
    /// both documented in docs/events.md
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "plover"])]
    pub format: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = input::pipeline(&args.input)?;
    let plover = args.format == "plover";
    let mut out = JsonLines::stdout();
    let summary = input::process(&args.input, &pipeline, |doc| {
        for e in &doc.events {
            if plover {
                out.write(&dyad_doc::PloverRecord::from(e))?;
            } else {
                out.write(e)?;
            }
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
