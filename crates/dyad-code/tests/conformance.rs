//! The PETRARCH suite as a regression test: skips when ../shared/data is absent.

use dyad_code::conformance::{run, ConformanceOptions};
use std::path::PathBuf;

#[test]
fn petrarch_suite_with_given_parses() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/universalpetrarch"
    ));
    let records = dir.join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    if !records.exists() {
        println!("skipped: {} not found", records.display());
        return;
    }
    let opts = ConformanceOptions::default();
    let report = match run(&records, &dir, &opts) {
        Ok(r) => r,
        Err(e) => panic!("conformance run failed: {e}"),
    };
    let t = &report.totals;
    println!("{}", report.table());
    assert_eq!(t.records, 281);
    // Regression floor: raise it when the coder improves.
    assert!(t.exact >= 254, "exact records fell to {}", t.exact);
    assert!(t.f1 >= 0.92, "f1 fell to {}", t.f1);
}

#[test]
fn petrarch_suite_reparsed_with_dyads_parser() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/universalpetrarch"
    ));
    let records = dir.join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    if !records.exists() {
        println!("skipped: {} not found", records.display());
        return;
    }
    if let Err(e) = dyad_syntax::Model::try_builtin() {
        println!("skipped: no syntax model ({e})");
        return;
    }
    let opts = ConformanceOptions {
        reparse: true,
        ..ConformanceOptions::default()
    };
    let report = match run(&records, &dir, &opts) {
        Ok(r) => r,
        Err(e) => panic!("conformance run failed: {e}"),
    };
    println!("{}", report.table());
    // Regression floor for the parser + coder pair (the parser is still being trained).
    assert!(
        report.totals.exact >= 211,
        "exact records fell to {}",
        report.totals.exact
    );
}
