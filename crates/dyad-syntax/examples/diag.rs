//! Diagnostics: scores with predicted vs gold tags, the most frequent tagging confusions and
//! lemma errors; optionally prunes/coarsens the model to see the size/accuracy trade-off.
use dyad_syntax::{evaluate, evaluate_with_gold_tags, Model};
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: diag GOLD.conllu MODEL [PRUNE [DIV [OUT]]]";
    let gold = dyad_conllu::parse(&std::fs::read_to_string(args.first().ok_or(usage)?)?)?;
    let mut model = Model::from_bytes(&std::fs::read(args.get(1).ok_or(usage)?)?)?;
    if let Some(p) = args.get(2) {
        let div: i32 = args.get(3).map_or(Ok(1), |d| d.parse())?;
        model.prune(p.parse()?);
        model.coarsen(div);
        if let Some(out) = args.get(4) {
            std::fs::write(out, model.to_bytes())?;
        }
        println!(
            "pruned at {p}: {} bytes, {:?} weights",
            model.to_bytes().len(),
            model.n_weights()
        );
    }
    println!("{}", model.table_stats());
    println!("predicted tags: {:?}", evaluate(&model, &gold));
    println!(
        "gold tags:      {:?}",
        evaluate_with_gold_tags(&model, &gold)
    );
    let mut conf: HashMap<(String, String), usize> = HashMap::new();
    let mut lem: HashMap<(String, String, String), usize> = HashMap::new();
    for s in &gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let a = model.analyze(&words);
        for (g, p) in s.words.iter().zip(&a) {
            if g.upos != p.upos {
                *conf.entry((g.upos.clone(), p.upos.clone())).or_default() += 1;
            }
            if g.lemma != p.lemma && g.upos == p.upos {
                *lem.entry((g.form.clone(), g.lemma.clone(), p.lemma.clone()))
                    .or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((g, p), n) in v.iter().take(15) {
        println!("{g:>6} -> {p:<6} {n}");
    }
    let mut v: Vec<_> = lem.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((f, g, p), n) in v.iter().take(25) {
        println!("lemma {f} gold {g} pred {p} x{n}");
    }
    Ok(())
}
