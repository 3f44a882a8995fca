//! Coding speed with the parse given: codes the UniversalPetrarch records' CoNLL-U parses
//! repeatedly with the Phoenix dictionaries loaded, one thread.
//!
//! `cargo run --release -p dyad-code --example bench [SECONDS]`

use dyad_code::conformance::document_from_conllu;
use dyad_code::{Coder, CoderOptions, Dictionaries};
use std::time::Instant;

fn main() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
    let secs: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let t0 = Instant::now();
    let dicts = match Dictionaries::load_dir(format!("{data}/petrarch2")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!("loaded Phoenix dictionaries in {:.2}s ({} diagnostics)", t0.elapsed().as_secs_f64(), dicts.diagnostics().len());
    let records = format!("{data}/universalpetrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let Ok((file, _)) = dyad_dict::records::load_file(&records) else {
        eprintln!("{records}: unreadable");
        std::process::exit(2);
    };
    let date = jiff::civil::date(2015, 6, 1);
    let mut docs: Vec<_> = file
        .records
        .iter()
        .filter_map(|r| document_from_conllu(&r.id, r.parse.as_deref()?, Some(date)).ok())
        .collect();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let coder = Coder::new(&dicts, CoderOptions::default());
    let (mut n, mut events) = (0usize, 0usize);
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
}
