//! The PETRARCH suite as a regression test: skips when ../shared/data is absent.

use dyad_code::conformance::{run, ConformanceOptions, ConformanceReport};
use std::path::PathBuf;

/// Runs the UD-parsed suite with its dictionary folder; `None` (after saying why) when the data
/// is absent.
fn run_suite(opts: &ConformanceOptions) -> Option<ConformanceReport> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/universalpetrarch"
    ));
    let records = dir.join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    if !records.exists() {
        println!("skipped: {} not found", records.display());
        return None;
    }
    let report = match run(&records, &dir, opts) {
        Ok(r) => r,
        Err(e) => panic!("conformance run failed: {e}"),
    };
    println!("{}", report.table());
    Some(report)
}

#[test]
fn petrarch_suite_with_given_parses() {
    let Some(report) = run_suite(&ConformanceOptions::default()) else {
        return;
    };
    let t = &report.totals;
    assert_eq!(t.records, 281);
    // Regression floor: raise it when the coder improves.
    assert!(t.exact >= 254, "exact records fell to {}", t.exact);
    assert!(t.f1 >= 0.92, "f1 fell to {}", t.f1);
}

#[test]
fn petrarch_suite_reparsed_with_dyads_parser() {
    if let Err(e) = dyad_syntax::Model::try_builtin() {
        println!("skipped: no syntax model ({e})");
        return;
    }
    let opts = ConformanceOptions {
        reparse: true,
        ..ConformanceOptions::default()
    };
    let Some(report) = run_suite(&opts) else {
        return;
    };
    // Regression floor for the parser + coder pair.
    assert!(
        report.totals.exact >= 230,
        "exact records fell to {}",
        report.totals.exact
    );
}
