//! Times the embedded gazetteer's load: `cargo run --release -p dyad-place --example load`.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    match dyad_place::Gazetteer::builtin() {
        Ok(g) => println!(
            "indexed {} features in {:.1} ms",
            g.len(),
            t.elapsed().as_secs_f64() * 1e3
        ),
        Err(e) => eprintln!("{e}"),
    }
}
