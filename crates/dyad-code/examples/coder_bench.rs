//! Coding speed with the parse given: codes already-parsed documents repeatedly with the
//! Phoenix dictionaries loaded, on one thread (VOA stories parsed by dyad-syntax when the model
//! and data are there, else the UniversalPetrarch records' CoNLL-U parses).
//!
//! `cargo run --release -p dyad-code --example coder_bench [SECONDS] [--conllu FILE]`

use dyad_code::conformance::document_from_conllu;
use dyad_code::{Coder, CoderOptions, Dictionaries};
use std::time::Instant;

fn main() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let secs: f64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    // `--conllu FILE`: code the file's own (gold) parses instead.
    let conllu = args
        .iter()
        .position(|a| a == "--conllu")
        .and_then(|i| args.get(i + 1).cloned());
    let t0 = Instant::now();
    let dicts = match Dictionaries::load_dir(format!("{data}/petrarch2")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "loaded Phoenix dictionaries in {:.2}s ({} diagnostics)",
        t0.elapsed().as_secs_f64(),
        dicts.diagnostics().len()
    );
    // Real news when available: the VOA stories, parsed once with dyad's parser (not timed);
    // else the UniversalPetrarch records with their CoNLL-U parses.
    let voa = format!("{data}/voa/voa_stories.jsonl");
    let model = dyad_syntax::Model::try_builtin().ok();
    let mut docs: Vec<dyad_doc::Document> = Vec::new();
    if let Some(path) = conllu {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            std::process::exit(2);
        };
        // One document per 20 sentences, as news articles are about that long.
        let blocks: Vec<&str> = text.split("\n\n").collect();
        for (i, chunk) in blocks.chunks(20).enumerate() {
            let joined = chunk.join("\n\n");
            match document_from_conllu(&i.to_string(), &joined, Some(jiff::civil::date(2015, 6, 1)))
            {
                Ok(d) => docs.push(d),
                Err(e) => eprintln!("{path}: chunk {i}: {e}"),
            }
        }
        println!("corpus: {path} ({} documents), given parses", docs.len());
    } else if let (Ok(text), Some(model)) = (std::fs::read_to_string(&voa), model) {
        for (i, line) in text.lines().enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(body) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let mut doc = dyad_doc::Document::new(dyad_doc::Article::new(i.to_string(), body));
            doc.text = body.to_string();
            doc.article.published = Some(dyad_doc::Published::from_date(jiff::civil::date(
                2025, 3, 14,
            )));
            dyad_segment::segment(&mut doc);
            model.annotate(&mut doc);
            docs.push(doc);
        }
        println!(
            "corpus: VOA stories ({} documents), parsed by dyad-syntax",
            docs.len()
        );
    } else {
        let records =
            format!("{data}/universalpetrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
        let Ok((file, _)) = dyad_dict::records::load_file(&records) else {
            eprintln!("{records}: unreadable");
            std::process::exit(2);
        };
        let date = jiff::civil::date(2015, 6, 1);
        docs = file
            .records
            .iter()
            .filter_map(|r| document_from_conllu(&r.id, r.parse.as_deref()?, Some(date)).ok())
            .collect();
        println!(
            "corpus: UniversalPetrarch records ({} documents), given parses",
            docs.len()
        );
    }
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let coder = Coder::new(&dicts, CoderOptions::default());
    let (mut n, mut events) = (0usize, 0usize);
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < secs {
        for d in docs.iter_mut() {
            coder.code(d);
            events += d.events.len();
            // Reuse the document: drop what coding added.
            d.events.clear();
            d.actors.clear();
            d.warnings.clear();
        }
        n += sentences;
    }
    let el = start.elapsed().as_secs_f64();
    println!(
        "coded {n} sentences in {el:.2}s: {:.0} sentences/s on one thread ({events} events)",
        n as f64 / el
    );
    // The machine may be shared: CPU time says what one core does.
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        if b > a {
            println!(
                "CPU time {:.2}s: {:.0} sentences per CPU-second",
                b - a,
                n as f64 / (b - a)
            );
        }
    }
}

/// User + system CPU time of this process, from /proc (Linux); None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
