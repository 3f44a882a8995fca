//! Codes JSON Lines articles (`{"id", "text", "published"}`) with dyad's segmenter and parser and
//! prints each event as one line of schema-v1 JSON, or a readable line with `--brief`.
//!
//! `cargo run --release -p dyad-code --example code_jsonl -- DICT_DIR FILE.jsonl [--brief]`

use dyad_code::{Coder, CoderOptions, Dictionaries};
use dyad_doc::{Article, Document, Published};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: code_jsonl DICT_DIR FILE.jsonl [--brief]");
        std::process::exit(2);
    };
    let brief = args.iter().any(|a| a == "--brief");
    let dicts = match Dictionaries::load_dir(dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Ok(model) = dyad_syntax::Model::try_builtin() else {
        eprintln!("no parser model");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path}: unreadable");
        std::process::exit(2);
    };
    let coder = Coder::new(&dicts, CoderOptions::default());
    for (n, line) in text.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("{path}:{}: not JSON; skipped", n + 1);
            continue;
        };
        let body = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
        let id = v
            .get("id")
            .and_then(|t| t.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| (n + 1).to_string());
        let mut doc = Document::new(Article::new(id, body));
        doc.text = body.to_string();
        doc.article.published = v
            .get("published")
            .and_then(|p| p.as_str())
            .and_then(|p| p.get(..10))
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            .map(Published::from_date);
        dyad_segment::segment(&mut doc);
        model.annotate(&mut doc);
        coder.code(&mut doc);
        for e in &doc.events {
            if brief {
                println!(
                    "{}\t{} [{}] -> {} [{}] {}{}\t{}\t| {}",
                    e.article_id,
                    e.source.text,
                    e.source.code.as_deref().unwrap_or("?"),
                    e.target.as_ref().map(|t| t.text.as_str()).unwrap_or("-"),
                    e.target
                        .as_ref()
                        .and_then(|t| t.code.as_deref())
                        .unwrap_or("-"),
                    e.cameo,
                    if e.modality.negated { " NEG" } else { "" },
                    e.evidence.verb.text,
                    e.sentence
                );
            } else if let Ok(j) = serde_json::to_string(e) {
                println!("{j}");
            }
        }
    }
}
