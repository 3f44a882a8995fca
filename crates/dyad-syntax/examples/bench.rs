//! Measures tagging + lemmatizing + parsing speed on one core and peak memory.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example bench -- en_ewt-ud-dev.conllu [model.dyadsyn [PRUNE]] [--beam K]
//! ```

use std::time::Instant;

use dyad_syntax::{evaluate, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--beam K` (anywhere) parses with beam width K instead of the model's.
    let beam = match args.iter().position(|a| a == "--beam") {
        Some(i) if i + 1 < args.len() => {
            let k: usize = args[i + 1].parse()?;
            args.drain(i..i + 2);
            Some(k)
        }
        _ => None,
    };
    let data = args.first().ok_or("usage: bench GOLD.conllu [MODEL]")?;
    let t = Instant::now();
    let owned;
    let owned2;
    let model: &Model = match args.get(1) {
        Some(p) => {
            let mut m = Model::from_bytes(&std::fs::read(p)?)?;
            // Optional pruning: one threshold for all tables, or four (tagger, tagger 2,
            // parser, labeler) separated by commas.
            if let Some(k) = args.get(2) {
                let v = k
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<Vec<i32>, _>>()?;
                match v[..] {
                    [a] => m.prune(a),
                    [a, b, c, d] => m.prune_each([a, b, c, d]),
                    _ => return Err("PRUNE is N or N,N,N,N".into()),
                }
            }
            owned = m;
            &owned
        }
        None => Model::try_builtin()?,
    };
    let model: &Model = match beam {
        Some(k) => {
            let mut m = model.clone();
            m.set_beam(k);
            owned2 = m;
            &owned2
        }
        None => model,
    };
    eprintln!("model loaded in {:.2}s", t.elapsed().as_secs_f64());
    print_mem("after loading the model");
    let gold = dyad_conllu::parse(&std::fs::read_to_string(data)?)?;
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    // Wall time is unreliable on a shared machine: also measure this thread's CPU time.
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut sink = 0usize;
    for _ in 0..5 {
        let t = Instant::now();
        let c = cpu_ns();
        for s in &sents {
            sink += model.analyze(s).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            best_cpu = best_cpu.min((b - a) as f64 / 1e9);
        }
    }
    println!(
        "{n} tokens, best of 5: wall {best:.3}s = {:.0} tokens/s; on-CPU {best_cpu:.3}s = {:.0} tokens/s (one thread) [{sink}]",
        n as f64 / best,
        n as f64 / best_cpu
    );
    println!(
        "stages (s): word features, tagging, parsing, lemmas = {:.3?}",
        model.time_stages(&sents)
    );
    let s = evaluate(model, &gold);
    println!("{}", serde_json::to_string(&s)?);
    print_mem("at the end");
    Ok(())
}

/// Nanoseconds this thread has spent on a CPU (Linux schedstat).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Peak and current resident memory (Linux).
fn print_mem(when: &str) {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        let get = |k: &str| {
            status
                .lines()
                .find(|l| l.starts_with(k))
                .map(|l| l[k.len()..].trim().to_string())
                .unwrap_or_default()
        };
        let huge = std::fs::read_to_string("/proc/self/smaps_rollup")
            .ok()
            .and_then(|r| {
                r.lines()
                    .find(|l| l.starts_with("AnonHugePages:"))
                    .map(|l| l["AnonHugePages:".len()..].trim().to_string())
            })
            .unwrap_or_default();
        println!(
            "{when}: peak RSS {}, RSS {} (huge pages {huge})",
            get("VmHWM:"),
            get("VmRSS:")
        );
    }
}
