//! Decompresses the committed gazetteer (`data/gazetteer.tsv.gz`) into OUT_DIR, so the binary
//! embeds plain text and a process pays only for indexing it, not for inflating it.

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let src = dir.join("data").join("gazetteer.tsv.gz");
    println!("cargo:rerun-if-changed={}", src.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("gazetteer.tsv");
    let bytes = match std::fs::read(&src) {
        Ok(b) => b,
        Err(e) => panic!("cannot read {}: {e}", src.display()),
    };
    let mut text = Vec::new();
    if let Err(e) = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text) {
        panic!("{} does not decompress: {e}", src.display());
    }
    if let Err(e) = std::fs::write(&out, text) {
        panic!("cannot write {}: {e}", out.display());
    }
}
