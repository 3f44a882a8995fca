//! Print the sentences of a text file, one per line, tokens separated by spaces (clitics
//! marked with a leading `+`): `cargo run -p dyad-segment --example segment_file -- FILE`
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: segment_file FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let (sentences, tokens) = dyad_segment::segment_text(&text);
    for s in &sentences {
        let words: Vec<String> = tokens[s.token_range()]
            .iter()
            .map(|t| {
                let w = &text[t.start as usize..t.end as usize];
                if t.clitic {
                    format!("+{w}")
                } else {
                    w.to_string()
                }
            })
            .collect();
        println!("{}", words.join(" "));
    }
}
