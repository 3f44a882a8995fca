//! `dyad train ...`: build the models dyad ships from training data.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the tagger, lemmatizer and parser on a UD treebank (deterministic: same data and
    /// options, same bytes)
    Syntax {
        /// Training treebank, e.g. ../shared/data/ud/en_ewt-ud-train.conllu
        #[arg(long, value_name = "FILE.conllu")]
        train: String,
        /// Development treebank, used to pick the best epoch, e.g. en_ewt-ud-dev.conllu
        #[arg(long, value_name = "FILE.conllu")]
        dev: String,
        /// Where to write the model
        #[arg(long, value_name = "MODEL")]
        out: String,
        /// Random seed for shuffling and exploration
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Maximum tagger epochs
        #[arg(long)]
        tagger_epochs: Option<usize>,
        /// Maximum parser epochs
        #[arg(long)]
        parser_epochs: Option<usize>,
        /// Tagger epochs of each jackknife fold (the tags the parser trains on)
        #[arg(long)]
        fold_epochs: Option<usize>,
        /// Beam width of the parser (1: greedy)
        #[arg(long)]
        beam: Option<usize>,
        /// Maximum epochs of beam training after the greedy parser's (with --beam > 1)
        #[arg(long)]
        beam_epochs: Option<usize>,
        /// Name of the training data, stored in the model
        #[arg(long, default_value = "UD English EWT")]
        data_name: String,
        /// License of the training data, stored in the model (the model inherits it)
        #[arg(long, default_value = "CC BY-SA 4.0")]
        license: String,
    },
}

/// Read and parse a CoNLL-U file, naming the file and line of any error.
pub fn read_treebank(path: &str) -> Result<Vec<dyad_conllu::Sentence>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read treebank {path}"))?;
    parse_treebank(path, &String::from_utf8_lossy(&bytes))
}

/// Parse CoNLL-U text read from `name`, naming the file and line of any error.
pub fn parse_treebank(name: &str, text: &str) -> Result<Vec<dyad_conllu::Sentence>> {
    dyad_conllu::parse(text).map_err(|e| anyhow::anyhow!("{name}:{}: {}", e.line, e.message))
}

pub fn run(cmd: TrainCommand) -> Result<ExitCode> {
    match cmd {
        TrainCommand::Syntax {
            train,
            dev,
            out,
            seed,
            tagger_epochs,
            parser_epochs,
            fold_epochs,
            beam,
            beam_epochs,
            data_name,
            license,
        } => {
            let t0 = Instant::now();
            let tr = read_treebank(&train)?;
            let dv = read_treebank(&dev)?;
            if tr.is_empty() {
                bail!("{train}: no sentences to train on");
            }
            let mut opts = dyad_syntax::TrainOptions {
                seed,
                data_name,
                license,
                ..Default::default()
            };
            if let Some(e) = tagger_epochs {
                opts.tagger_epochs = e;
            }
            if let Some(e) = fold_epochs {
                opts.fold_epochs = e;
            }
            if let Some(e) = parser_epochs {
                opts.parser_epochs = e;
            }
            if let Some(k) = beam {
                opts.beam = k;
            }
            if let Some(e) = beam_epochs {
                opts.beam_epochs = e;
            }
            opts.notes = format!(
                "dyad train syntax --train {} --dev {} --seed {} --tagger-epochs {} --parser-epochs {} --beam {} --beam-epochs {}",
                file_name(&train),
                file_name(&dev),
                opts.seed,
                opts.tagger_epochs,
                opts.parser_epochs,
                opts.beam,
                opts.beam_epochs
            );
            let model = dyad_syntax::train(&tr, &dv, &opts, |line| {
                eprintln!("[{:>7.1}s] {line}", t0.elapsed().as_secs_f64());
            });
            let bytes = model.to_bytes();
            // Write beside the target and rename, so a killed run never leaves half a model.
            let tmp = format!("{out}.tmp");
            std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {tmp}"))?;
            std::fs::rename(&tmp, &out).with_context(|| format!("cannot move {tmp} to {out}"))?;
            let scores = if dv.is_empty() {
                None
            } else {
                Some(dyad_syntax::evaluate(&model, &dv))
            };
            let secs = t0.elapsed().as_secs_f64();
            eprintln!("wrote {out}: {} bytes in {secs:.1} s", bytes.len());
            let summary = serde_json::json!({
                "model": out,
                "bytes": bytes.len(),
                "train_sentences": tr.len(),
                "dev_sentences": dv.len(),
                "seconds": (secs * 10.0).round() / 10.0,
                "dev": scores,
            });
            println!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn file_name(p: &str) -> &str {
    std::path::Path::new(p)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(p)
}
