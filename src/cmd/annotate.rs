//! `dyad annotate`: every layer of every document, as JSON (docs/annotate.md).

use std::process::ExitCode;

use anyhow::Result;

use crate::input::{self, InputArgs};
use crate::output::JsonLines;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = input::pipeline(&args.input)?;
    let mut out = JsonLines::stdout();
    let summary = input::process(&args.input, &pipeline, |doc| out.write(&doc.view()))?;
    out.flush()?;
    Ok(summary.exit_code(args.input.skip_bad))
}
