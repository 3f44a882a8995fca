//! Runs the PETRARCH conformance suite and writes the failure report.
//!
//! `cargo run -p dyad-code --example conformance -- [--reparse] [--verbs FILE] [RECORDS DICT_DIR [REPORT]]`
//! Defaults: the UniversalPetrarch UDPipe records and their dictionary folder (the verb file the
//! Environment names, or its `.2.0` sibling), report to `crates/dyad-code/conformance-report.md`.

use dyad_code::conformance::{run, ConformanceOptions};
use std::path::PathBuf;

fn main() {
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/universalpetrarch"
    );
    let mut opts = ConformanceOptions::default();
    let mut pos = Vec::new();
    let mut args = std::env::args().skip(1);
    let mut verbs = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--reparse" => opts.reparse = true,
            "--verbs" => verbs = args.next().map(PathBuf::from),
            _ => pos.push(a),
        }
    }
    let records = pos.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(data).join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")
    });
    let dir = pos
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(data));
    let report = pos.get(2).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/conformance-report.md"
        ))
    });
    opts.verbs = verbs.map(|p| vec![p]);
    match run(&records, &dir, &opts) {
        Ok(r) => {
            print!("{}", r.table());
            if let Err(e) = std::fs::write(&report, r.failures_markdown()) {
                eprintln!("{}: {e}", report.display());
            }
            println!("{}", r.summary_json());
        }
        Err(e) => {
            eprintln!("conformance: {e}");
            std::process::exit(2);
        }
    }
}
