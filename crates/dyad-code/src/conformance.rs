//! The PETRARCH validation suite: code each record and score it as UniversalPetrarch's
//! validation does. An expected (source, target, code) triple is correct when all three match
//! exactly; uncoded = expected, not produced; extra = produced, not expected. A `noevents` record
//! passes only when nothing is coded, an `error` record when the input is rejected (unreadable
//! parse or a discard). Only records in the `<Include>` categories count.

use crate::coder::{Coder, CoderOptions};
use crate::dict::{Dictionaries, DictionaryFiles, LoadError};
use dyad_dict::records::{Record, RecordsFile};
use dyad_doc::{Article, Document, Published, Sentence, Token};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// Options of a conformance run. `None` file lists mean "what the records' Environment names".
#[derive(Debug, Clone, Default)]
pub struct ConformanceOptions {
    /// Parse `<Text>` with dyad's segmenter and built-in parser instead of using `<Parse>`.
    pub reparse: bool,
    pub verbs: Option<Vec<PathBuf>>,
    pub actors: Option<Vec<PathBuf>>,
    pub agents: Option<Vec<PathBuf>>,
    pub discards: Option<Vec<PathBuf>>,
    /// The coding ontology for negated verbs; by default the `*Ontology*` file of the
    /// dictionary folder, when there is one.
    pub ontology: Option<PathBuf>,
}

/// Counts for one category or the whole run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub records: usize,
    pub exact: usize,
    pub correct: usize,
    pub uncoded: usize,
    pub extra: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn add(&mut self, r: &RecordResult) {
        self.records += 1;
        self.exact += r.exact as usize;
        self.correct += r.correct;
        self.uncoded += r.uncoded;
        self.extra += r.extra;
    }

    fn finish(&mut self) {
        let p = self.correct as f64 / (self.correct + self.extra).max(1) as f64;
        let r = self.correct as f64 / (self.correct + self.uncoded).max(1) as f64;
        self.precision = round4(p);
        self.recall = round4(r);
        self.f1 = round4(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
    }

    /// Share of records coded exactly.
    pub fn exact_rate(&self) -> f64 {
        self.exact as f64 / self.records.max(1) as f64
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// One produced event as the suite sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Produced {
    pub source: String,
    pub target: String,
    pub code: String,
    pub negated: bool,
    /// `file:line: pattern` of the rule that fired.
    pub rule: String,
    pub verb: String,
}

/// The outcome of one record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordResult {
    pub id: String,
    pub category: String,
    pub line: usize,
    pub text: String,
    /// (source, target, code) expected.
    pub expected: Vec<(String, String, String)>,
    pub noevents: bool,
    pub error: Option<String>,
    pub produced: Vec<Produced>,
    /// Why the input was rejected, when it was.
    pub rejected: Option<String>,
    pub correct: usize,
    pub uncoded: usize,
    pub extra: usize,
    pub exact: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConformanceReport {
    pub records_file: String,
    pub dictionaries: Vec<String>,
    pub reparse: bool,
    pub totals: Score,
    pub categories: BTreeMap<String, Score>,
    pub records: Vec<RecordResult>,
}

#[derive(Debug)]
pub enum ConformanceError {
    Records(PathBuf, std::io::Error),
    Dictionaries(LoadError),
    NoEnvironment,
    Parser(String),
}

impl fmt::Display for ConformanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConformanceError::Records(p, e) => write!(f, "{}: {e}", p.display()),
            ConformanceError::Dictionaries(e) => write!(f, "{e}"),
            ConformanceError::NoEnvironment => {
                write!(
                    f,
                    "records file has no <Environment> and no dictionary files were given"
                )
            }
            ConformanceError::Parser(e) => write!(f, "syntax model unavailable: {e}"),
        }
    }
}

impl std::error::Error for ConformanceError {}

/// Builds a document from CoNLL-U: words joined by single spaces (no space where MISC says
/// `SpaceAfter=No`), one sentence per CoNLL-U sentence, syntax copied onto the tokens.
pub fn document_from_conllu(
    id: &str,
    conllu: &str,
    date: Option<jiff::civil::Date>,
) -> Result<Document, String> {
    let sents = dyad_conllu::parse(conllu).map_err(|e| e.to_string())?;
    let mut doc = Document::new(Article::new(id, ""));
    doc.article.published = date.map(Published::from_date);
    let mut text = String::new();
    for s in &sents {
        if s.words.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        let sent_start = text.len() as u32;
        let tok_start = doc.tokens.len() as u32;
        for (k, w) in s.words.iter().enumerate() {
            if w.form.is_empty() || w.form.chars().any(char::is_whitespace) {
                return Err(format!("word {} has an empty or blank form", w.id));
            }
            let start = text.len() as u32;
            text.push_str(&w.form);
            let mut t = Token::new(start, text.len() as u32);
            let opt = |x: &str| (x != "_" && !x.is_empty()).then(|| x.to_string());
            t.upos = opt(&w.upos);
            t.xpos = opt(&w.xpos);
            t.lemma = opt(&w.lemma);
            t.head = Some(w.head);
            t.deprel = opt(&w.deprel);
            doc.tokens.push(t);
            if k + 1 < s.words.len() && w.space_after() {
                text.push(' ');
            }
        }
        doc.sentences.push(Sentence {
            start: sent_start,
            end: text.len() as u32,
            token_start: tok_start,
            token_end: doc.tokens.len() as u32,
        });
    }
    doc.article.text = text.clone();
    doc.text = text;
    Ok(doc)
}

fn record_date(r: &Record) -> Option<jiff::civil::Date> {
    let d = r.date_parsed?;
    jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
}

/// Loads the records file and the dictionaries its Environment names (or the overrides) from
/// `dict_dir`, codes every included record and scores it.
pub fn run(
    records_path: &Path,
    dict_dir: &Path,
    opts: &ConformanceOptions,
) -> Result<ConformanceReport, ConformanceError> {
    let (file, _diags) = dyad_dict::records::load_file(records_path)
        .map_err(|e| ConformanceError::Records(records_path.to_path_buf(), e))?;
    let env = file.environment.clone().unwrap_or_default();
    let pick = |over: &Option<Vec<PathBuf>>, named: &[String]| -> Vec<PathBuf> {
        match over {
            Some(v) => v.clone(),
            None => named
                .iter()
                .flat_map(|n| n.split(','))
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| dict_dir.join(n))
                .collect(),
        }
    };
    // The UDPipe records were re-baselined on the CAMEO 2.0 version of the validation verbs
    // (`PETR.Validate.verbs.2.0.txt`) while their Environment still names the PETRARCH-1 file,
    // whose WEIS-era codes they no longer expect: prefer a `.2.0` sibling when there is one.
    let verbs = match &opts.verbs {
        Some(v) => v.clone(),
        None => pick(&None, &env.verb_files)
            .into_iter()
            .map(|p| {
                let sibling = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(".txt"))
                    .map(|stem| p.with_file_name(format!("{stem}.2.0.txt")));
                match sibling {
                    Some(s) if s.is_file() => s,
                    _ => p,
                }
            })
            .collect(),
    };
    let files = DictionaryFiles {
        verbs,
        actors: pick(&opts.actors, &env.actor_files),
        agents: pick(&opts.agents, &env.agent_files),
        discards: pick(&opts.discards, &env.discard_files),
        issues: Vec::new(),
        ontology: opts.ontology.clone().or_else(|| {
            DictionaryFiles::from_dir(dict_dir)
                .ok()
                .and_then(|f| f.ontology)
        }),
    };
    if files.verbs.is_empty() && files.actors.is_empty() {
        return Err(ConformanceError::NoEnvironment);
    }
    let dicts = Dictionaries::load(&files).map_err(ConformanceError::Dictionaries)?;
    let model = if opts.reparse {
        Some(
            dyad_syntax::Model::try_builtin()
                .map_err(|e| ConformanceError::Parser(e.to_string()))?,
        )
    } else {
        None
    };
    Ok(score_file(&file, &dicts, model, records_path, &files))
}

fn score_file(
    file: &RecordsFile,
    dicts: &Dictionaries,
    model: Option<&dyad_syntax::Model>,
    records_path: &Path,
    files: &DictionaryFiles,
) -> ConformanceReport {
    let env = file.environment.clone().unwrap_or_default();
    let mut results = Vec::new();
    for r in &file.records {
        let category = r.category.clone().unwrap_or_default();
        if !env.includes(&category) {
            continue;
        }
        results.push(code_record(r, &category, dicts, model));
    }
    let mut totals = Score::default();
    let mut categories: BTreeMap<String, Score> = BTreeMap::new();
    for r in &results {
        totals.add(r);
        categories.entry(r.category.clone()).or_default().add(r);
    }
    totals.finish();
    categories.values_mut().for_each(Score::finish);
    let mut names: Vec<String> = Vec::new();
    for p in files
        .verbs
        .iter()
        .chain(&files.actors)
        .chain(&files.agents)
        .chain(&files.discards)
        .chain(&files.ontology)
    {
        names.push(
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    ConformanceReport {
        records_file: records_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        dictionaries: names,
        reparse: model.is_some(),
        totals,
        categories,
        records: results,
    }
}

fn code_record(
    r: &Record,
    category: &str,
    dicts: &Dictionaries,
    model: Option<&dyad_syntax::Model>,
) -> RecordResult {
    let allow_missing = r
        .config
        .get("require_dyad")
        .map(|v| v.eq_ignore_ascii_case("false"))
        .unwrap_or(false);
    let coder = Coder::new(
        dicts,
        CoderOptions {
            allow_missing_target: allow_missing,
            keep_negated: true,
            petrarch_compat: true,
        },
    );
    let date = record_date(r);
    let mut rejected = None;
    let doc = match model {
        Some(m) => {
            let text = r.text_normalized();
            let mut doc = Document::new(Article::new(r.id.clone(), text.clone()));
            doc.text = text;
            doc.article.published = date.map(Published::from_date);
            dyad_segment::segment(&mut doc);
            m.annotate(&mut doc);
            Some(doc)
        }
        None => match r.parse.as_deref() {
            None => {
                rejected = Some("no parse".to_string());
                None
            }
            Some(p) => match document_from_conllu(&r.id, p, date) {
                Ok(d) if !d.tokens.is_empty() => Some(d),
                Ok(_) => {
                    rejected = Some("empty parse".to_string());
                    None
                }
                Err(e) => {
                    rejected = Some(format!("unreadable parse: {e}"));
                    None
                }
            },
        },
    };
    let mut produced = Vec::new();
    if let Some(mut doc) = doc {
        coder.code(&mut doc);
        if let Some(w) = doc.warnings.iter().find(|w| w.contains("discarded")) {
            rejected = Some(w.clone());
        }
        for e in &doc.events {
            produced.push(Produced {
                source: e.source.code.clone().unwrap_or_else(|| "---".into()),
                target: e
                    .target
                    .as_ref()
                    .and_then(|t| t.code.clone())
                    .unwrap_or_else(|| "---".into()),
                code: e.cameo.clone(),
                negated: e.modality.negated,
                rule: format!("{}:{}: {}", e.rule.dictionary, e.rule.line, e.rule.pattern),
                verb: e.evidence.verb.text.clone(),
            });
        }
    }
    let expected: Vec<(String, String, String)> = r
        .events
        .iter()
        .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
        .collect();
    // Negated events are flagged, not asserted: the suite compares asserted events.
    let mut got: Vec<(String, String, String)> = produced
        .iter()
        .filter(|p| !p.negated)
        .map(|p| (p.source.clone(), p.target.clone(), p.code.clone()))
        .collect();
    got.sort();
    got.dedup();
    let mut exp = expected.clone();
    exp.sort();
    exp.dedup();
    let correct = exp.iter().filter(|e| got.contains(e)).count();
    let uncoded = exp.len() - correct;
    let extra = got.iter().filter(|g| !exp.contains(g)).count();
    let exact = if r.error.is_some() {
        rejected.is_some()
    } else if r.noevents {
        got.is_empty() && rejected.is_none()
    } else {
        uncoded == 0 && extra == 0 && rejected.is_none()
    };
    RecordResult {
        id: r.id.clone(),
        category: category.to_string(),
        line: r.line,
        text: r.text_normalized(),
        expected,
        noevents: r.noevents,
        error: r.error.clone(),
        produced,
        rejected,
        correct,
        uncoded,
        extra,
        exact,
    }
}

impl ConformanceReport {
    /// A fixed-width table: one row per category and the totals.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<10} {:>7} {:>6} {:>7} {:>7} {:>8} {:>6} {:>9} {:>7} {:>6}",
            "category",
            "records",
            "exact",
            "exact%",
            "correct",
            "uncoded",
            "extra",
            "precision",
            "recall",
            "f1"
        );
        let row = |s: &mut String, name: &str, c: &Score| {
            let _ = writeln!(
                s,
                "{:<10} {:>7} {:>6} {:>6.1}% {:>7} {:>8} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                name,
                c.records,
                c.exact,
                100.0 * c.exact_rate(),
                c.correct,
                c.uncoded,
                c.extra,
                c.precision,
                c.recall,
                c.f1
            );
        };
        for (name, c) in &self.categories {
            row(&mut s, name, c);
        }
        row(&mut s, "TOTAL", &self.totals);
        s
    }

    /// The totals as one JSON object (the last line `dyad eval petrarch` prints).
    pub fn summary_json(&self) -> String {
        serde_json::to_string(&self.totals).unwrap_or_default()
    }

    /// A markdown report explaining every record that is not exact.
    pub fn failures_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# PETRARCH conformance: failing records\n");
        let _ = writeln!(
            s,
            "Records `{}`, dictionaries {}, {}.\n",
            self.records_file,
            self.dictionaries.join(", "),
            if self.reparse {
                "reparsed with dyad's parser"
            } else {
                "given parses"
            }
        );
        let _ = writeln!(s, "```text\n{}```\n", self.table());
        let _ = writeln!(s, "Totals: `{}`\n", self.summary_json());
        let mut by_cat: BTreeMap<&str, Vec<&RecordResult>> = BTreeMap::new();
        for r in self.records.iter().filter(|r| !r.exact) {
            by_cat.entry(r.category.as_str()).or_default().push(r);
        }
        for (cat, rs) in by_cat {
            let _ = writeln!(s, "## {cat} ({} failing)\n", rs.len());
            for r in rs {
                // The record's sentence is not quoted: the report is kept in the repository, and
                // the records file is data that stays outside it. Look it up by id and line.
                let _ = writeln!(s, "### {} (line {})\n", r.id, r.line);
                let _ = writeln!(s, "- reason: {}", reason(r));
                if r.noevents {
                    let _ = writeln!(s, "- expected: no events");
                } else if let Some(e) = &r.error {
                    let _ = writeln!(s, "- expected: input rejected ({e})");
                } else {
                    for (a, b, c) in &r.expected {
                        let _ = writeln!(s, "- expected: {a} {b} {c}");
                    }
                }
                if let Some(x) = &r.rejected {
                    let _ = writeln!(s, "- rejected: {x}");
                }
                for p in &r.produced {
                    let _ = writeln!(
                        s,
                        "- produced: {} {} {}{} (verb `{}`, rule `{}`)",
                        p.source,
                        p.target,
                        p.code,
                        if p.negated { " [negated]" } else { "" },
                        p.verb,
                        p.rule
                    );
                }
                if r.produced.is_empty() && r.rejected.is_none() {
                    let _ = writeln!(s, "- produced: nothing");
                }
                s.push('\n');
            }
        }
        s
    }
}

/// A one-line reason for a failing record.
pub fn reason(r: &RecordResult) -> String {
    if let Some(e) = &r.error {
        return format!("expected rejection ({e}) but the record was coded");
    }
    if r.noevents {
        return "expected no events, produced some".into();
    }
    if let Some(x) = &r.rejected {
        return format!("input rejected: {x}");
    }
    let got: Vec<&Produced> = r.produced.iter().filter(|p| !p.negated).collect();
    let mut parts = Vec::new();
    for (a, b, c) in &r.expected {
        if got
            .iter()
            .any(|p| &p.source == a && &p.target == b && &p.code == c)
        {
            continue;
        }
        let same_code = got.iter().find(|p| &p.code == c);
        let same_pair = got.iter().find(|p| &p.source == a && &p.target == b);
        parts.push(match (same_pair, same_code) {
            (Some(p), _) => format!("{a}->{b}: code {} instead of {c}", p.code),
            (None, Some(p)) => {
                format!("{c}: actors {}->{} instead of {a}->{b}", p.source, p.target)
            }
            _ => format!("{a} {b} {c} not coded"),
        });
    }
    let extra: Vec<String> = got
        .iter()
        .filter(|p| {
            !r.expected
                .iter()
                .any(|(a, b, c)| &p.source == a && &p.target == b && &p.code == c)
        })
        .map(|p| format!("{} {} {}", p.source, p.target, p.code))
        .collect();
    if !extra.is_empty() {
        parts.push(format!("extra: {}", extra.join("; ")));
    }
    if r.produced.iter().any(|p| p.negated) {
        parts.push("negated verb flagged, not counted".into());
    }
    parts.join("; ")
}
