//! Trains the syntax model and writes it.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train -- \
//!     --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --out model.dyadsyn \
//!     [--tagger-epochs N] [--parser-epochs N] [--fold-epochs N] [--folds N] [--seed N]
//!     [--min-weight N]
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
    let train_set = dyad_conllu::parse(&std::fs::read_to_string(&train_path)?)?;
    let dev_set = match &dev_path {
        Some(p) => dyad_conllu::parse(&std::fs::read_to_string(p)?)?,
        None => Vec::new(),
    };
    let t0 = Instant::now();
    let mut model = train(&train_set, &dev_set, &opts, |m| {
        eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    let secs = t0.elapsed().as_secs_f64();
    let mut notes = format!(
        "trained on {} sentences: tagger_epochs<={} parser_epochs<={} folds={} fold_epochs={} seed={} explore={} min_weight={}",
        train_set.len(),
        opts.tagger_epochs,
        opts.parser_epochs,
        opts.folds,
        opts.fold_epochs,
        opts.seed,
        opts.explore,
        opts.min_weight
    );
    if !dev_set.is_empty() {
        let s = evaluate(&model, &dev_set);
        eprintln!("dev: {}", serde_json::to_string(&s)?);
        notes.push_str(&format!(
            "; dev (gold tokens): UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}",
            s.upos, s.xpos, s.lemma, s.uas, s.las
        ));
    }
    model.set_notes(notes);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes)?;
    let (tw, pw) = model.n_weights();
    eprintln!(
        "wrote {out}: {} bytes ({tw} tagger + {pw} parser weights, {} lemma exceptions); training took {secs:.0}s",
        bytes.len(),
        model.n_lemma_exceptions()
    );
    Ok(())
}
