//! Tokens per second of the segmenter on one core:
//! `cargo run --release -p dyad-segment --example throughput -- [FILE] [SECONDS]`
//! FILE is any UTF-8 text (for a CoNLL-U file, its `# text` lines, paragraphs split at
//! `# newpar`);
//! without it a built-in news-like sample is repeated.

fn main() {
    let mut args = std::env::args().skip(1);
    let text = match args.next() {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) if t.contains("\n# text = ") => {
                // Paragraphs as the treebank marks them, sentences joined by a space.
                let mut out = String::new();
                let mut par = false;
                for l in t.lines() {
                    if l.starts_with("# newpar") || l.starts_with("# newdoc") {
                        par = true;
                    } else if let Some(s) = l.strip_prefix("# text = ") {
                        if !out.is_empty() {
                            out.push_str(if par { "\n\n" } else { " " });
                        }
                        out.push_str(s);
                        par = false;
                    }
                }
                out
            }
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        },
        None => SAMPLE.repeat(2000),
    };
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    // CPU time of this thread (Linux), so a busy machine does not distort the figure.
    let cpu = || -> Option<f64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
    };
    let c0 = cpu();
    let t0 = std::time::Instant::now();
    let (tokens, per_sec) = dyad_segment::measure_throughput(&text, secs);
    let wall = t0.elapsed().as_secs_f64();
    let total = per_sec * wall;
    println!(
        "{} bytes, {} tokens per pass: {:.2} million tokens/s wall-clock",
        text.len(),
        tokens,
        per_sec / 1e6
    );
    if let (Some(a), Some(b)) = (c0, cpu()) {
        println!(
            "on-CPU time {:.2}s of {:.2}s wall: {:.2} million tokens/s of CPU time",
            b - a,
            wall,
            total / (b - a) / 1e6
        );
    }
}

const SAMPLE: &str = "Gen. Lt. Col. J. R. Smith told the U.S. Senate on Jan. 5 that \
the $4.2 billion plan wasn't working. \"We can't wait,\" he said. Officials in the \
capital, who've spent 15-year terms in office, said 3.5% of the 1,000 troops left at \
10:30 a.m. on 2023-08-05 -- and that's it. See https://example.org/a?b=1 or mail \
press@example.org (not Russia's embassy). Why? Nobody knows... The talks resume Monday.\n\n";
