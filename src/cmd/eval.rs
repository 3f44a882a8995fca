//! `dyad eval ...`: accuracy against gold data. Each prints a human-readable table, then one JSON
//! object as the last line.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Sentence and token segmentation against a CoNLL-U file (raw text rebuilt from `# text`)
    Segment {
        /// Gold CoNLL-U file (`-` for stdin), e.g. ../shared/data/ud/en_ewt-ud-dev.conllu
        #[arg(long, value_name = "FILE.conllu")]
        gold: String,
    },
    /// Tagging, lemmas and dependency parsing against a CoNLL-U treebank (UPOS, XPOS, lemma,
    /// UAS, LAS in percent, punctuation included)
    Syntax {
        /// Gold CoNLL-U file (`-` for stdin), e.g. ../shared/data/ud/en_ewt-ud-dev.conllu
        #[arg(long, value_name = "FILE.conllu")]
        gold: String,
        /// Syntax model file (default: the built-in model)
        #[arg(long, value_name = "MODEL")]
        model: Option<String>,
        /// Start from the raw `# text` through dyad's own segmenter, aligned by characters
        /// (F1 over words), instead of the gold tokens
        #[arg(long)]
        raw: bool,
    },
    /// Time expressions against MEANTIME CAT XML or TimeML (TimeBank, TempEval-3 `.tml`; a
    /// file or a folder searched recursively): span F1 strict and relaxed, type and value
    /// accuracy, value F1, in percent
    Timex {
        /// Gold file or folder: CAT XML (e.g. ../shared/data/meantime/intra-doc_annotation),
        /// `.tml` files, or `.xml` files whose root is <TimeML>
        #[arg(long, value_name = "DIR")]
        gold: String,
        /// Write every disagreement to FILE as JSON Lines: gold expressions not found
        /// (`missed`), found with another value or type (`value`), and expressions the gold
        /// files do not have (`extra`)
        #[arg(long, value_name = "FILE")]
        errors: Option<String>,
    },
    /// PETRARCH validation records: code each record and compare with its expected events
    Petrarch {
        /// Validation records (XML, read leniently), e.g.
        /// ../shared/data/universalpetrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml
        #[arg(long, value_name = "FILE")]
        records: String,
        /// Folder holding the dictionary files the records' <Environment> names
        #[arg(long, value_name = "DIR")]
        dictionaries: String,
        /// Parse each record's <Text> with dyad's segmenter and parser instead of using its parse
        #[arg(long)]
        reparse: bool,
        /// Verb dictionary file(s) to use instead of what the Environment names
        #[arg(long, value_name = "FILE", num_args = 1..)]
        verbs: Option<Vec<String>>,
        /// Actor dictionary file(s) to use instead of what the Environment names
        #[arg(long, value_name = "FILE", num_args = 1..)]
        actors: Option<Vec<String>>,
        /// Agent dictionary file(s) to use instead of what the Environment names
        #[arg(long, value_name = "FILE", num_args = 1..)]
        agents: Option<Vec<String>>,
        /// Discard list(s) to use instead of what the Environment names
        #[arg(long, value_name = "FILE", num_args = 1..)]
        discards: Option<Vec<String>>,
        /// Write a markdown report explaining every record that is not exact
        #[arg(long, value_name = "FILE")]
        report: Option<String>,
    },
    /// Place names against GeoVirus, LGL or GeoWebNews XML: recognition precision and recall
    /// of spans, and for recognized gold places the share resolved within 161 km and the mean
    /// error in km
    Geo {
        /// Gold XML file (`-` for stdin), e.g. ../shared/data/geovirus/GeoVirus.xml
        #[arg(long, value_name = "FILE")]
        gold: String,
        /// Write every disagreement to FILE as JSON Lines: places resolved more than 161 km
        /// off (`far`, with both points and what dyad read), gold places not found
        /// (`missed`) and places the gold file does not have (`extra`)
        #[arg(long, value_name = "FILE")]
        errors: Option<String>,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Timex { gold, errors } => timex(&gold, errors.as_deref()),
        EvalCommand::Geo { gold, errors } => geo(&gold, errors.as_deref()),
        EvalCommand::Segment { gold } => {
            let text = read_gold(&gold)?;
            let report = dyad_eval::segment::evaluate_segmentation(&text)
                .map_err(|e| anyhow::anyhow!("{gold}: {e}"))?;
            println!("{}", report.table());
            println!("{}", serde_json::to_string(&segment_summary(&report))?);
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Petrarch {
            records,
            dictionaries,
            reparse,
            verbs,
            actors,
            agents,
            discards,
            report,
        } => {
            let paths = |v: Option<Vec<String>>| {
                v.map(|v| v.into_iter().map(std::path::PathBuf::from).collect())
            };
            let opts = dyad_code::conformance::ConformanceOptions {
                reparse,
                verbs: paths(verbs),
                actors: paths(actors),
                agents: paths(agents),
                discards: paths(discards),
                ontology: None,
            };
            let r = dyad_code::conformance::run(
                std::path::Path::new(&records),
                std::path::Path::new(&dictionaries),
                &opts,
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "{records} with {} ({})",
                r.dictionaries.join(", "),
                if reparse {
                    "reparsed by dyad"
                } else {
                    "given parses"
                }
            );
            print!("{}", r.table());
            if let Some(path) = &report {
                std::fs::write(path, r.failures_markdown())
                    .with_context(|| format!("cannot write report {path}"))?;
                println!("failing records explained in {path}");
            }
            let t = &r.totals;
            let pct = |x: f64| (x * 10000.0).round() / 100.0;
            let summary = serde_json::json!({
                "records": t.records,
                "exact": t.exact,
                "exact_pct": pct(t.exact_rate()),
                "correct": t.correct,
                "uncoded": t.uncoded,
                "extra": t.extra,
                "precision": pct(t.precision),
                "recall": pct(t.recall),
                "f1": pct(t.f1),
                "reparse": reparse,
            });
            println!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Syntax { gold, model, raw } => {
            let text = read_gold(&gold)?;
            let model = crate::input::syntax_model(model.as_deref())?;
            let (scores, words, mode) = if raw {
                let s = dyad_eval::syntax::evaluate_raw(model, &text)
                    .map_err(|e| anyhow::anyhow!("{gold}: {e}"))?;
                (s.scores, Some(s.words), "raw")
            } else {
                let sents = crate::cmd::train::parse_treebank(&gold, &text)?;
                (dyad_syntax::evaluate(model, &sents), None, "gold_tokens")
            };
            let r2 = |x: f64| (x * 100.0).round() / 100.0;
            let mut summary = serde_json::json!({
                "upos": r2(scores.upos), "xpos": r2(scores.xpos), "lemma": r2(scores.lemma),
                "uas": r2(scores.uas), "las": r2(scores.las), "tokens": scores.tokens,
                "mode": mode,
            });
            if let Some(w) = words {
                summary["words"] = r2(w).into();
            }
            let mode = match words {
                Some(_) => "raw text through dyad's segmenter, F1 over aligned words",
                None => "gold tokens, accuracy",
            };
            println!("syntax on {gold} ({mode}):");
            for k in ["upos", "xpos", "lemma", "uas", "las"] {
                println!(
                    "  {:<6} {:>6.2}",
                    k.to_uppercase(),
                    summary[k].as_f64().unwrap_or(0.0)
                );
            }
            println!("  words  {}", summary["tokens"]);
            println!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Read a gold file (`-` for stdin); invalid UTF-8 is replaced, with a warning.
fn read_gold(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).context("cannot read stdin")?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("cannot read gold file {path}"))?
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("{path}: warning: invalid UTF-8, decoded with replacement characters");
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}

/// The figures as one flat JSON object (percentages rounded to two decimals), with the per-genre
/// sentence F1 beside the overall figures and the full breakdown under `genres`.
fn segment_summary(r: &dyad_eval::segment::SegmentReport) -> serde_json::Value {
    let r2 = |x: f64| (x * 100.0).round() / 100.0;
    let mut genres = serde_json::Map::new();
    for (g, u) in &r.genres {
        genres.insert(
            g.clone(),
            serde_json::json!({
                "sentence_f1": r2(u.sentences.f1),
                "token_f1": r2(u.tokens.f1),
                "word_f1": r2(u.words.f1),
                "sentences": u.sentences.gold,
            }),
        );
    }
    let o = &r.overall;
    serde_json::json!({
        "sentence_f1": r2(o.sentences.f1),
        "sentence_precision": r2(o.sentences.precision),
        "sentence_recall": r2(o.sentences.recall),
        "token_f1": r2(o.tokens.f1),
        "token_precision": r2(o.tokens.precision),
        "token_recall": r2(o.tokens.recall),
        "word_f1": r2(o.words.f1),
        "sentences": o.sentences.gold,
        "tokens": o.tokens.gold,
        "words": o.words.gold,
        "genres": genres,
    })
}

/// `dyad eval timex`: every `.xml` file under `gold`; unreadable or token-less files are
/// reported as `file: reason` and skipped (exit 1 at the end).
fn timex(gold: &str, errors: Option<&str>) -> Result<ExitCode> {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(gold)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let entries =
                std::fs::read_dir(&p).with_context(|| format!("cannot list {}", p.display()))?;
            stack.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        } else if p.extension().is_some_and(|x| x == "xml" || x == "tml") {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{gold}: no .xml or .tml files (MEANTIME CAT XML or TimeML) to score");
    }
    let mut docs = Vec::new();
    let mut skipped = 0;
    for f in &files {
        let read = std::fs::read(f)
            .map_err(|e| e.to_string())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .and_then(|text| dyad_eval::timex::read_gold(&f.display().to_string(), &text));
        match read {
            Ok(d) => {
                if d.anchor().is_none() {
                    eprintln!(
                        "{}: no creation time; values normalized without an anchor",
                        f.display()
                    );
                }
                docs.push(d)
            }
            Err(reason) => {
                eprintln!("{}: {reason}; skipped", f.display());
                skipped += 1;
            }
        }
    }
    let (s, listing) = dyad_eval::timex::evaluate_with_errors(&docs);
    println!(
        "documents {}  gold {}  predicted {}",
        s.documents, s.gold, s.predicted
    );
    println!(
        "span      strict F1 {:.1}  relaxed P {:.1} R {:.1} F1 {:.1}",
        s.strict_f1, s.relaxed_precision, s.relaxed_recall, s.relaxed_f1
    );
    println!(
        "values    type accuracy {:.1}  value accuracy {:.1}  value F1 {:.1}",
        s.type_accuracy, s.value_accuracy, s.value_f1
    );
    if let Some(path) = errors {
        write_errors(path, &listing, |e| e.kind)?;
    }
    println!("{}", serde_json::to_string(&s)?);
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// An evaluation's disagreements as JSON Lines at `path`, with a count by kind on stdout.
fn write_errors<T: serde::Serialize>(
    path: &str,
    listing: &[T],
    kind: impl Fn(&T) -> &'static str,
) -> Result<()> {
    let mut out = String::new();
    let mut by_kind = std::collections::BTreeMap::new();
    for e in listing {
        out.push_str(&serde_json::to_string(e)?);
        out.push('\n');
        *by_kind.entry(kind(e)).or_insert(0usize) += 1;
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {path}"))?;
    let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!("disagreements ({}) listed in {path}", counts.join(", "));
    Ok(())
}

/// `dyad eval geo`: each article's text goes through segment, parse and place (no cleaning, so
/// offsets stay those of the gold file).
fn geo(gold: &str, errors: Option<&str>) -> Result<ExitCode> {
    use dyad_eval::geo::PredictedPlace;
    let text = read_gold(gold)?;
    let (articles, warnings) =
        dyad_eval::geo::read(gold, &text).map_err(|e| anyhow::anyhow!("{gold}: {e}"))?;
    for w in &warnings {
        eprintln!("{w}");
    }
    let model = dyad_syntax::Model::try_builtin()?;
    let gaz = dyad_place::Gazetteer::builtin()?;
    let (s, listing) = dyad_eval::geo::evaluate_with_errors(&articles, |a| {
        let mut doc = dyad_doc::Document::new(dyad_doc::Article::new(&a.name, &a.text));
        doc.text = a.text.clone();
        dyad_segment::segment(&mut doc);
        model.annotate(&mut doc);
        dyad_place::locate(&mut doc, gaz);
        doc.places
            .iter()
            .map(|p| PredictedPlace {
                start: p.start as usize,
                end: p.end as usize,
                point: p.lat.zip(p.lon),
                reading: [&p.name, &p.country, &p.feature]
                    .iter()
                    .filter_map(|x| x.as_deref())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect()
    });
    println!(
        "articles {}  gold {}  predicted {}  matched {}",
        s.articles, s.gold, s.predicted, s.matched
    );
    println!(
        "spans     P {:.1}  R {:.1}  F1 {:.1}  (strict P {:.1} R {:.1})",
        s.precision, s.recall, s.f1, s.strict_precision, s.strict_recall
    );
    println!(
        "points    {} resolved: within 161 km {:.1}%  mean error {:.1} km  median {:.1} km  AUC {:.3}",
        s.resolved, s.acc_161km, s.mean_error_km, s.median_error_km, s.auc
    );
    if let Some(path) = errors {
        write_errors(path, &listing, |e| e.kind)?;
    }
    println!(
        "{}",
        serde_json::json!({
            "precision": s.precision,
            "recall": s.recall,
            "acc_161km": s.acc_161km,
            "mean_error_km": s.mean_error_km,
            "f1": s.f1,
            "median_error_km": s.median_error_km,
            "auc": s.auc,
            "gold": s.gold,
            "resolved": s.resolved,
        })
    );
    Ok(ExitCode::SUCCESS)
}
