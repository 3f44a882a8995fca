//! One pass of tagging, parsing and lemmatizing over the words of a CoNLL-U file, for
//! instruction counts (repeatable where wall time is not):
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*time_stages*' \
//!     target/release/examples/profile en_ewt-ud-dev.conllu
//! ```
//!
//! `--toggle-collect` leaves out loading the model and reading the file. With `--dump`, prints
//! every word's analysis instead (tab-separated), to check that an optimization changes no
//! output (`cmp` two dumps).

use dyad_syntax::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
    let path = args
        .iter()
        .find(|a| *a != "--dump")
        .ok_or("usage: profile GOLD.conllu [--dump]")?;
    let model = Model::try_builtin()?;
    let gold = dyad_conllu::parse(&std::fs::read_to_string(path)?)?;
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    if dump {
        let mut out = String::new();
        for s in &sents {
            for (w, a) in s.iter().zip(model.analyze(s)) {
                let (u, x, l, h, d) = (a.upos, a.xpos, a.lemma, a.head, a.deprel);
                out.push_str(&format!("{w}\t{u}\t{x}\t{l}\t{h}\t{d}\n"));
            }
            out.push('\n');
        }
        print!("{out}");
        return Ok(());
    }
    let n: usize = sents.iter().map(Vec::len).sum();
    let t = model.time_stages(&sents);
    println!("{n} tokens; seconds (word features, tagging, parsing, lemmas): {t:.3?}");
    Ok(())
}
