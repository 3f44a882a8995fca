//! `dyad eval ...`: accuracy against gold data. Each prints a human-readable table, then one JSON
//! object as the last line.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Sentence and token segmentation against a CoNLL-U file (raw text rebuilt from `# text`)
    Segment {
        /// Gold CoNLL-U file, e.g. ../shared/data/ud/en_ewt-ud-dev.conllu
        #[arg(long, value_name = "FILE.conllu")]
        gold: String,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment { gold } => {
            let text = read_gold(&gold)?;
            let report = dyad_eval::segment::evaluate_segmentation(&text)
                .map_err(|e| anyhow::anyhow!("{gold}: {e}"))?;
            println!("{}", report.table());
            println!("{}", serde_json::to_string(&report)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn read_gold(path: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read gold file {path}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
