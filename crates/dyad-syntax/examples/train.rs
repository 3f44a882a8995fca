//! Trains the syntax model and writes it.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train -- \
//!     --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --out model.dyadsyn \
//!     [--tagger-epochs N] [--parser-epochs N] [--fold-epochs N] [--folds N] [--seed N]
//!     [--min-weight N] [--beam K --beam-epochs N [--beam-init 0|1|2]] [--cache FILE]
//!
//! `--parser-min-weight P` prunes the transition model at P quanta instead of `--min-weight`;
//! `--variants P1,P2,..` trains once and writes `OUT.pP` for each P, each the same file
//! `--parser-min-weight P` would have written (notes included).
//!
//! `--cache FILE` (experiments) keeps the taggers and jackknifed tags in FILE and FILE.jk and
//! reuses them when they exist: only valid for the same data and tagger settings.
//! ```

use std::time::Instant;

use dyad_syntax::{evaluate, train, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let train_path = get("--train").ok_or("--train is required")?;
    let dev_path = get("--dev");
    let out = get("--out").ok_or("--out is required")?;
    let mut opts = TrainOptions::default();
    if let Some(v) = get("--tagger-epochs") {
        opts.tagger_epochs = v.parse()?;
    }
    if let Some(v) = get("--parser-epochs") {
        opts.parser_epochs = v.parse()?;
    }
    if let Some(v) = get("--fold-epochs") {
        opts.fold_epochs = v.parse()?;
    }
    if let Some(v) = get("--folds") {
        opts.folds = v.parse()?;
    }
    if let Some(v) = get("--seed") {
        opts.seed = v.parse()?;
    }
    if let Some(v) = get("--min-weight") {
        opts.min_weight = v.parse()?;
    }
    if let Some(v) = get("--cache") {
        opts.cache = Some(v.into());
    }
    if let Some(v) = get("--beam") {
        opts.beam = v.parse()?;
    }
    if let Some(v) = get("--beam-init") {
        opts.beam_init = v.parse()?;
    }
    if let Some(v) = get("--beam-epochs") {
        opts.beam_epochs = v.parse()?;
    }
    if let Some(v) = get("--parser-min-weight") {
        opts.parser_min_weight = Some(v.parse()?);
    }
    // `--variants P1,P2,..`: train once without pruning, then write `OUT.pP` for each parser
    // pruning threshold P, each the file `--parser-min-weight P` would have written.
    let variants: Vec<i32> = match get("--variants") {
        Some(v) => v.split(',').map(str::parse).collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let min_weight = opts.min_weight;
    if !variants.is_empty() {
        opts.min_weight = 1;
        opts.parser_min_weight = None;
    }
    let train_set = dyad_conllu::parse(&std::fs::read_to_string(&train_path)?)?;
    let dev_set = match &dev_path {
        Some(p) => dyad_conllu::parse(&std::fs::read_to_string(p)?)?,
        None => Vec::new(),
    };
    let t0 = Instant::now();
    let trained = train(&train_set, &dev_set, &opts, |m| {
        eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    let secs = t0.elapsed().as_secs_f64();
    if variants.is_empty() {
        return write(trained, &opts, &train_set, &dev_set, &out, secs);
    }
    opts.min_weight = min_weight;
    for p in variants {
        let mut m = trained.clone();
        m.prune_each([min_weight, min_weight, p, min_weight]);
        opts.parser_min_weight = Some(p);
        write(m, &opts, &train_set, &dev_set, &format!("{out}.p{p}"), secs)?;
    }
    Ok(())
}

fn write(
    mut model: dyad_syntax::Model,
    opts: &TrainOptions,
    train_set: &[dyad_conllu::Sentence],
    dev_set: &[dyad_conllu::Sentence],
    out: &str,
    secs: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut notes = format!(
        "trained on {} sentences: tagger_epochs<={} parser_epochs<={} folds={} fold_epochs={} seed={} explore={} min_weight={} parser_min_weight={} beam={} beam_epochs<={} beam_init={}",
        train_set.len(),
        opts.tagger_epochs,
        opts.parser_epochs,
        opts.folds,
        opts.fold_epochs,
        opts.seed,
        opts.explore,
        opts.min_weight,
        opts.parser_min_weight.unwrap_or(opts.min_weight),
        opts.beam,
        opts.beam_epochs,
        opts.beam_init
    );
    if !dev_set.is_empty() {
        let s = evaluate(&model, dev_set);
        eprintln!("dev: {}", serde_json::to_string(&s)?);
        notes.push_str(&format!(
            "; dev (gold tokens): UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}",
            s.upos, s.xpos, s.lemma, s.uas, s.las
        ));
    }
    model.set_notes(notes);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    let (tw, pw) = model.n_weights();
    eprintln!(
        "wrote {out}: {} bytes ({tw} tagger + {pw} parser weights, {} lemma exceptions); training took {secs:.0}s",
        bytes.len(),
        model.n_lemma_exceptions()
    );
    Ok(())
}
