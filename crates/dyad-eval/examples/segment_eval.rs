//! Score the segmenter on a CoNLL-U file and show some errors:
//! `cargo run --release -p dyad-eval --example segment_eval -- FILE.conllu [N_ERRORS]`
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: segment_eval FILE.conllu [N_ERRORS]");
        return ExitCode::FAILURE;
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match dyad_eval::segment::evaluate_segmentation(&text) {
        Ok(r) => print!("{}", r.table()),
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    if n > 0 {
        if let Ok(errs) = dyad_eval::segment::segmentation_errors(&text, n) {
            for e in errs {
                println!("{e}");
            }
        }
    }
    ExitCode::SUCCESS
}
