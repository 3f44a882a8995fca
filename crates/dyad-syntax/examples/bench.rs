//! Measures tagging + lemmatizing + parsing speed on one core and peak memory.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example bench -- en_ewt-ud-dev.conllu [model.dyadsyn]
//! ```

use std::time::Instant;

use dyad_syntax::{evaluate, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = args.first().ok_or("usage: bench GOLD.conllu [MODEL]")?;
    let t = Instant::now();
    let owned;
    let model: &Model = match args.get(1) {
        Some(p) => {
            let mut m = Model::from_bytes(&std::fs::read(p)?)?;
            if let Some(k) = args.get(2) {
                m.prune(k.parse()?);
            }
            owned = m;
            &owned
        }
        None => Model::try_builtin()?,
    };
    eprintln!("model loaded in {:.2}s", t.elapsed().as_secs_f64());
    let gold = dyad_conllu::parse(&std::fs::read_to_string(data)?)?;
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    let mut best = f64::MAX;
    let mut sink = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        for s in &sents {
            sink += model.analyze(s).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{n} tokens, best of 3: {:.3}s = {:.0} tokens/s (one thread) [{sink}]",
        best,
        n as f64 / best
    );
    let s = evaluate(model, &gold);
    println!("{}", serde_json::to_string(&s)?);
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for l in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("{l}");
        }
    }
    Ok(())
}
