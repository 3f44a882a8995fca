//! Loads the full Phoenix dictionary set and prints counts, diagnostics and
//! the time taken.
//!
//! `cargo run --release -p dyad-dict --example load_phoenix [DATA_DIR] [-v]`
//! (DATA_DIR defaults to `../shared/data/petrarch2` relative to the workspace.)

use dyad_dict::{actors, agents, discards, issues, verbs, Diagnostic};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/petrarch2"
            ))
        });
    let p = |name: &str| dir.join(name);
    let mut all_diags: Vec<Diagnostic> = Vec::new();
    let mut lap = Instant::now();
    let mut report = |what: &str, counts: String, diags: Vec<Diagnostic>| {
        let ms = lap.elapsed().as_secs_f64() * 1000.0;
        lap = Instant::now();
        println!(
            "{what:<34} {ms:6.1} ms  {counts}  diagnostics: {}",
            diags.len()
        );
        all_diags.extend(diags);
    };

    let start = Instant::now();
    let result = (|| -> std::io::Result<()> {
        let (v2, d) = verbs::load_file(p("CAMEO.2.0.txt"))?;
        report(
            "CAMEO.2.0.txt",
            format!(
                "{:?}: {} synsets, {} blocks, {} verbs, {} patterns, {} transformations",
                v2.format,
                v2.synsets.len(),
                v2.blocks.len(),
                v2.verb_count(),
                v2.pattern_count(),
                v2.transformations.len()
            ),
            d,
        );
        let (v1, d) = verbs::load_file(p("CAMEO.verbpatterns.150430.txt"))?;
        report(
            "CAMEO.verbpatterns.150430.txt",
            format!(
                "{:?}: {} synsets, {} blocks, {} verbs, {} patterns",
                v1.format,
                v1.synsets.len(),
                v1.blocks.len(),
                v1.verb_count(),
                v1.pattern_count()
            ),
            d,
        );
        let mut actor_dict = actors::ActorDictionary::default();
        for f in [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ] {
            let (a, d) = actors::load_file(p(f))?;
            report(
                f,
                format!("{} entries, {} phrases", a.entries.len(), a.phrase_count()),
                d,
            );
            actor_dict.extend(a);
        }
        let (ag, d) = agents::load_file(p("Phoenix.agents.txt"))?;
        report(
            "Phoenix.agents.txt",
            format!(
                "{} entries, {} phrases",
                ag.entries.len(),
                ag.phrase_count()
            ),
            d,
        );
        let (ds, d) = discards::load_file(p("Phoenix.discards.txt"))?;
        report(
            "Phoenix.discards.txt",
            format!("{} entries", ds.entries.len()),
            d,
        );
        let (is, d) = issues::load_file(p("Phoenix.IssueCoding.txt"))?;
        report(
            "Phoenix.IssueCoding.txt",
            format!(
                "{} entries ({} forms), {} ignores, {} categories",
                is.entries.len(),
                is.entries.iter().map(|e| e.forms.len()).sum::<usize>(),
                is.ignores.len(),
                is.categories.len()
            ),
            d,
        );
        println!("actors total: {} entries", actor_dict.entries.len());
        Ok(())
    })();
    let elapsed = start.elapsed();
    if let Err(e) = result {
        eprintln!("error: {e} (data directory {})", dir.display());
        std::process::exit(1);
    }
    println!("diagnostics: {}", all_diags.len());
    if verbose {
        for d in &all_diags {
            println!("  {d}");
        }
    }
    println!("elapsed: {:.1} ms", elapsed.as_secs_f64() * 1000.0);
}
