//! Parses and codes sentences from the command line or stdin, printing the parse and events.
//!
//! `cargo run --release -p dyad-code --example code_text -- DICT_DIR [TEXT...]`

use dyad_code::{Coder, CoderOptions, Dictionaries};
use dyad_doc::{Article, Document, Published};
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: code_text DICT_DIR [TEXT...]");
        std::process::exit(2);
    };
    let dicts = match Dictionaries::load_dir(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut text: String = args.collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let _ = std::io::stdin().read_to_string(&mut text);
    }
    let model = match dyad_syntax::Model::try_builtin() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("no parser: {e}");
            std::process::exit(2);
        }
    };
    let mut doc = Document::new(Article::new("cli", text.clone()));
    doc.text = text;
    doc.article.published = Some(Published::from_date(jiff::civil::date(2015, 6, 1)));
    dyad_segment::segment(&mut doc);
    model.annotate(&mut doc);
    for s in &doc.sentences {
        for (i, t) in doc.sentence_tokens(s).iter().enumerate() {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                doc.token_text(t),
                t.lemma.as_deref().unwrap_or("_"),
                t.upos.as_deref().unwrap_or("_"),
                t.head.unwrap_or(0),
                t.deprel.as_deref().unwrap_or("_")
            );
        }
        println!();
    }
    Coder::new(&dicts, CoderOptions::default()).code(&mut doc);
    for e in &doc.events {
        println!(
            "{} {} {} [{}:{} {}] neg={} speaker={:?}",
            e.source.code.as_deref().unwrap_or("?"),
            e.target
                .as_ref()
                .and_then(|t| t.code.as_deref())
                .unwrap_or("-"),
            e.cameo,
            e.rule.dictionary,
            e.rule.line,
            e.rule.pattern,
            e.modality.negated,
            e.attribution.as_ref().and_then(|a| a.speaker.as_deref())
        );
    }
}
