//! Input handling shared by the commands that read articles: file/stdin arguments, reader
//! options, batching through the pipeline, problem reporting, progress and the exit status.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_doc::{Article, Document, Published};
use dyad_pipeline::Pipeline;
use dyad_read::{Format, Item, ReadOptions, Severity};
use indicatif::{ProgressBar, ProgressStyle};

/// Documents processed together in parallel; bounds memory on large inputs.
const BATCH: usize = 256;

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Input files: plain text (one article each), JSON Lines (.jsonl) or PETRARCH XML (.xml);
    /// `-` or nothing reads stdin
    #[arg(value_name = "FILES")]
    pub files: Vec<String>,
    /// Publication date (YYYY-MM-DD) for articles that carry none; relative dates resolve against it
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Exit with status 0 even when some input records were malformed and skipped
    #[arg(long)]
    pub skip_bad: bool,
    /// Skip articles (files or JSON lines) larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = dyad_read::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
    /// Read every input as this format instead of guessing from its name or first byte
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "jsonl", "petrxml"])]
    pub input_format: Option<String>,
    /// Worker threads (default: all cores)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Syntax model file to use instead of the built-in one (made by `dyad train syntax`)
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Folder of dictionaries to add to the built-in ones: PETRARCH files (verbs, actors,
    /// agents, discards, issues, e.g. ../shared/data/petrarch2) and/or dyad `.dyad` files
    /// (docs/dictionaries.md); where both claim a phrase or verb, the folder's entry wins
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<String>,
    /// Code with the --dictionaries folder only, without dyad's built-in dictionaries
    #[arg(long, requires = "dictionaries")]
    pub no_builtin: bool,
    /// Also emit events whose target could not be found (`target: null`)
    #[arg(long)]
    pub allow_missing_target: bool,
}

impl InputArgs {
    /// Options for a pipeline that codes articles arriving other than as files (posted to
    /// `dyad serve`): no input files, the reading defaults, the given model and dictionaries.
    pub fn for_posted_articles(
        model: Option<String>,
        dictionaries: Option<String>,
        no_builtin: bool,
    ) -> InputArgs {
        InputArgs {
            files: Vec::new(),
            published: None,
            skip_bad: false,
            max_article_bytes: dyad_read::DEFAULT_MAX_ARTICLE_BYTES,
            input_format: None,
            threads: None,
            model,
            dictionaries,
            no_builtin,
            allow_missing_target: false,
        }
    }

    pub fn read_options(&self) -> Result<ReadOptions> {
        let published = match &self.published {
            Some(p) => Some(
                p.parse::<Published>()
                    .with_context(|| "bad --published value".to_string())?,
            ),
            None => None,
        };
        Ok(ReadOptions {
            published,
            max_article_bytes: self.max_article_bytes,
            format: self.input_format.as_deref().map(|f| match f {
                "jsonl" => Format::Jsonl,
                "petrxml" => Format::PetrXml,
                _ => Format::Text,
            }),
        })
    }

    fn inputs(&self) -> Vec<String> {
        if self.files.is_empty() {
            vec!["-".to_string()]
        } else {
            self.files.clone()
        }
    }
}

/// The syntax model: the file given with `--model`, else the built-in one. Loaded once and kept
/// for the life of the process, shared read-only by all threads.
pub fn syntax_model(path: Option<&str>) -> Result<&'static dyad_syntax::Model> {
    match path {
        None => dyad_syntax::Model::try_builtin()
            .context("the built-in syntax model is damaged; rebuild dyad"),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read model file {p}"))?;
            let model = dyad_syntax::Model::from_bytes(&bytes).with_context(|| {
                format!("{p} is not a usable dyad syntax model (make one with `dyad train syntax`)")
            })?;
            Ok(Box::leak(Box::new(model)))
        }
    }
}

/// The standard pipeline with the model chosen by `--model` and the code stage over the
/// built-in dictionaries and/or the `--dictionaries` folder.
pub fn pipeline(args: &InputArgs) -> Result<Pipeline> {
    let p = Pipeline::with_model(syntax_model(args.model.as_deref())?);
    Ok(p.with_coder(coder(
        args.dictionaries.as_deref(),
        !args.no_builtin,
        args.allow_missing_target,
    )?))
}

/// Load the dictionaries once for the life of the process and make a coder over them: the
/// built-in ones (unless `builtin` is false) merged with a folder's. Malformed dictionary lines
/// are reported as `file:line: reason` and skipped.
pub fn coder(
    dir: Option<&str>,
    builtin: bool,
    allow_missing_target: bool,
) -> Result<dyad_code::Coder<'static>> {
    let dicts = dyad_code::Dictionaries::load_with(builtin, dir.map(std::path::Path::new))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot load dictionaries from {}", dir.unwrap_or("-")))?;
    let diags = dicts.diagnostics();
    for d in diags.iter().take(20) {
        eprintln!("warning: {d}");
    }
    if diags.len() > 20 {
        eprintln!(
            "warning: {} more malformed dictionary lines skipped",
            diags.len() - 20
        );
    }
    let dicts: &'static dyad_code::Dictionaries = Box::leak(Box::new(dicts));
    Ok(dyad_code::Coder::new(
        dicts,
        dyad_code::CoderOptions {
            allow_missing_target,
            ..Default::default()
        },
    ))
}

/// What a run met in its input.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub skipped: usize,
    pub warnings: usize,
    /// Articles passed over on purpose (already stored), see [`process_some`].
    pub passed: usize,
}

impl Summary {
    /// The exit status: 1 when records were skipped (unless `--skip-bad`), else 0.
    pub fn exit_code(&self, skip_bad: bool) -> ExitCode {
        if self.skipped > 0 {
            eprintln!(
                "dyad: {} input record(s) skipped, see the errors above{}",
                self.skipped,
                if skip_bad {
                    " (--skip-bad: exit status 0)"
                } else {
                    ""
                }
            );
            if !skip_bad {
                return ExitCode::from(1);
            }
        }
        ExitCode::SUCCESS
    }
}

/// A rayon pool with the requested number of threads.
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n.max(1));
    }
    b.build().context("cannot start worker threads")
}

/// Read every input, run the pipeline over it in parallel batches, and hand each finished
/// document to `sink` in input order. Problems go to stderr as `file:line: ...`.
pub fn process(
    args: &InputArgs,
    pipeline: &Pipeline,
    sink: impl FnMut(Document) -> std::io::Result<()>,
) -> Result<Summary> {
    process_some(args, pipeline, |_| true, sink)
}

/// [`process`] for the articles `keep` accepts only (the others are counted as
/// `summary.passed` and never reach the pipeline: `dyad ingest` passes over stored ones).
pub fn process_some(
    args: &InputArgs,
    pipeline: &Pipeline,
    mut keep: impl FnMut(&Article) -> bool,
    mut sink: impl FnMut(Document) -> std::io::Result<()>,
) -> Result<Summary> {
    let opts = args.read_options()?;
    let pool = thread_pool(args.threads)?;
    let progress = progress_bar();
    let mut summary = Summary::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut stderr = std::io::stderr();

    let mut flush = |batch: &mut Vec<Article>, summary: &mut Summary| -> Result<bool> {
        if batch.is_empty() {
            return Ok(true);
        }
        let docs = pool.install(|| pipeline.process_batch(std::mem::take(batch)));
        for d in docs {
            summary.documents += 1;
            progress.inc(1);
            if let Err(e) = sink(d) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(false);
                }
                return Err(e).context("cannot write output");
            }
        }
        Ok(true)
    };

    'inputs: for path in args.inputs() {
        let reader = match dyad_read::open(&path, &opts) {
            Ok(r) => r,
            Err(p) => {
                progress.suspend(|| {
                    let _ = writeln!(stderr, "{p}");
                });
                summary.skipped += 1;
                continue;
            }
        };
        for item in reader {
            match item {
                Item::Article(a) => {
                    if !keep(&a) {
                        summary.passed += 1;
                        progress.inc(1);
                        continue;
                    }
                    batch.push(*a);
                    if batch.len() >= BATCH && !flush(&mut batch, &mut summary)? {
                        break 'inputs;
                    }
                }
                Item::Problem(p) => {
                    match p.severity {
                        Severity::Error => summary.skipped += 1,
                        Severity::Warning => summary.warnings += 1,
                    }
                    progress.suspend(|| {
                        let _ = writeln!(stderr, "{p}");
                    });
                }
            }
        }
    }
    flush(&mut batch, &mut summary)?;
    progress.finish_and_clear();
    Ok(summary)
}

/// A document counter on stderr when it is a terminal; hidden otherwise.
pub fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  {elapsed}")
    {
        pb.set_style(style);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}
