//! Codes the `<Text>` of every record of a PETRARCH records file with dyad's parser and prints
//! the events, for reading the output on real news (e.g. GigaWord.sample.PETR.xml).
//!
//! `cargo run --release -p dyad-code --example code_records -- RECORDS DICT_DIR`

use dyad_code::{Coder, CoderOptions, Dictionaries};
use dyad_doc::{Article, Document, Published};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(records), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: code_records RECORDS DICT_DIR");
        std::process::exit(2);
    };
    let dicts = match Dictionaries::load_dir(dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Ok((file, _)) = dyad_dict::records::load_file(records) else {
        eprintln!("{records}: unreadable");
        std::process::exit(2);
    };
    let Ok(model) = dyad_syntax::Model::try_builtin() else {
        eprintln!("no parser model");
        std::process::exit(2);
    };
    let coder = Coder::new(&dicts, CoderOptions::default());
    for r in &file.records {
        let text = r.text_normalized();
        let mut doc = Document::new(Article::new(r.id.clone(), text.clone()));
        doc.text = text.clone();
        doc.article.published = r
            .date_parsed
            .and_then(|d| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
            .map(Published::from_date);
        dyad_segment::segment(&mut doc);
        model.annotate(&mut doc);
        coder.code(&mut doc);
        println!("## {} {}", r.id, text);
        for e in &doc.events {
            println!(
                "   {} [{}] -> {} [{}] {}{}  verb={} rule={}:{} {}",
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
                e.rule.dictionary,
                e.rule.line,
                e.rule.pattern
            );
        }
    }
}
