//! `dyad actors --unknown`: the frequent names no dictionary codes, with their contexts and a
//! proposed code, printed as a draft dictionary in dyad's format (docs/dictionaries.md) for a
//! curator to check and keep.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{bail, Result};
use dyad_pipeline::Pipeline;

use crate::input::{self, InputArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// List the names no dictionary codes (the only listing so far)
    #[arg(long)]
    pub unknown: bool,
    /// Leave out names seen fewer times than this
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_count: usize,
    /// At most this many names, the most frequent first
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub top: usize,
}

#[derive(Default)]
struct Seen {
    count: usize,
    docs: usize,
    last_doc: Option<usize>,
    contexts: Vec<String>,
    proposals: HashMap<String, (usize, String)>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if !args.unknown {
        bail!("say what to list: `dyad actors --unknown FILES`");
    }
    let coder = input::coder(
        args.input.dictionaries.as_deref(),
        !args.input.no_builtin,
        args.input.allow_missing_target,
    )?;
    let pipeline = Pipeline::with_model(input::syntax_model(args.input.model.as_deref())?)
        .with_coder(coder.clone());
    let mut names: HashMap<String, Seen> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut doc_no = 0usize;
    let summary = input::process(&args.input, &pipeline, |doc| {
        doc_no += 1;
        for u in coder.unknown_names(&doc) {
            let key = u.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let seen = names.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Seen::default()
            });
            seen.count += 1;
            if seen.last_doc != Some(doc_no) {
                seen.docs += 1;
                seen.last_doc = Some(doc_no);
            }
            if seen.contexts.len() < 2 {
                if let Some(s) = doc.sentences.get(u.sentence) {
                    seen.contexts
                        .push(context(doc.span_text(s.start, s.end), &u.text));
                }
            }
            if let (Some(code), Some(cue)) = (u.proposed, u.cue) {
                let p = seen.proposals.entry(code).or_insert((0, cue));
                p.0 += 1;
            }
        }
        Ok(())
    })?;
    let mut list: Vec<(&String, &Seen)> = order
        .iter()
        .filter_map(|k| names.get(k).map(|s| (k, s)))
        .filter(|(_, s)| s.count >= args.min_count)
        .collect();
    list.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    list.truncate(args.top);
    println!("# dyad dictionary 1");
    println!(
        "# Draft from `dyad actors --unknown`: names no dictionary codes, most frequent first."
    );
    println!("# Every code is a proposal from context: check it, fix the ids, keep what is right.");
    for (name, seen) in &list {
        let best = seen
            .proposals
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(a.0)));
        println!();
        println!(
            "# {} mention(s) in {} document(s){}",
            seen.count,
            seen.docs,
            match best {
                Some((_, (_, cue))) => format!("; code proposed from {cue:?}"),
                None => "; no code could be proposed".to_string(),
            }
        );
        for c in &seen.contexts {
            println!("#   {c}");
        }
        println!("actor new.{}", slug(name));
        println!("  code: {}", best.map(|(c, _)| c.as_str()).unwrap_or("---"));
        println!("  name: {name}");
    }
    eprintln!(
        "dyad: {} document(s), {} uncoded name(s), {} listed",
        summary.documents,
        names.len(),
        list.len()
    );
    Ok(summary.exit_code(args.input.skip_bad))
}

/// The sentence around the name, at most about 160 characters, on one line.
fn context(sentence: &str, name: &str) -> String {
    let s: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = s.find(name).unwrap_or(0);
    let start = s[..at]
        .char_indices()
        .rev()
        .nth(70)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let end = s[at..]
        .char_indices()
        .nth(name.len() + 70)
        .map(|(i, _)| at + i)
        .unwrap_or(s.len());
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        &s[start..end],
        if end < s.len() { "…" } else { "" }
    )
}

/// An id from a name: lower case, words joined by `-`, only id characters.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_contexts() {
        assert_eq!(slug("Wasim Nasr"), "wasim-nasr");
        assert_eq!(slug("Abdel-Fatau Musah"), "abdel-fatau-musah");
        assert_eq!(slug("Côte d'Ivoire"), "côte-d-ivoire");
        assert_eq!(context("A  short\nsentence.", "short"), "A short sentence.");
        let long = format!("{} Name {}", "x ".repeat(100), "y ".repeat(100));
        let c = context(&long, "Name");
        assert!(c.starts_with('…') && c.ends_with('…') && c.contains("Name"));
        assert!(c.chars().count() < 160);
    }
}
