//! `dyad bench`: throughput end to end and per stage, and peak memory.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Result};
use dyad_doc::Article;
use dyad_pipeline::StageTimes;
use dyad_read::{Item, ReadOptions};
use serde::Serialize;

use crate::input::thread_pool;

/// The standard benchmark corpus, relative to the repository root.
const DEFAULT_CORPUS: &str = "../shared/data/voa/voa_stories.jsonl";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON Lines corpus of articles
    #[arg(long, value_name = "FILE.jsonl", default_value = DEFAULT_CORPUS)]
    pub corpus: String,
    /// Worker threads; 1 measures one core (default: all cores)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Process the corpus this many times (more repeats, steadier figures)
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Syntax model file to use instead of the built-in one
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Dictionary folder to add to the built-in dictionaries for the code stage
    /// (PETRARCH or `.dyad` files)
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<String>,
    /// Benchmark the event database instead: ingest against coding on the corpus, and
    /// filtered queries over a generated database of `--store-events` events
    #[arg(long)]
    pub store: bool,
    /// Events in the generated database (`--store`)
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub store_events: u64,
    /// Folder for the benchmark's databases (`--store`, `--load`; default: the system's
    /// temporary folder)
    #[arg(long, value_name = "DIR")]
    pub store_dir: Option<String>,
    /// Load-test the HTTP API instead: `--clients` concurrent readers for `--seconds` against
    /// the server (in-process, on a loopback port) over a generated database of
    /// `--store-events` events, while the corpus is posted to `/api/articles`
    #[arg(long, conflicts_with = "store")]
    pub load: bool,
    /// Concurrent reading clients (`--load`)
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub clients: usize,
    /// Seconds the clients read (`--load`)
    #[arg(long, value_name = "S", default_value_t = 20.0)]
    pub seconds: f64,
}

#[derive(Serialize)]
struct Report {
    documents: usize,
    sentences: usize,
    tokens: usize,
    threads: usize,
    seconds: f64,
    documents_per_sec: f64,
    tokens_per_sec: f64,
    /// Tokens per second of each stage alone, per core (from thread CPU time, so other load on
    /// the machine does not lower it).
    stage_tokens_per_sec: BTreeMap<&'static str, f64>,
    /// The same as sentences per second.
    stage_sentences_per_sec: BTreeMap<&'static str, f64>,
    /// Events coded.
    events: usize,
    peak_rss_mb: f64,
    /// Milliseconds to load and index the dictionaries (built-in ones plus `--dictionaries`).
    dictionary_load_ms: f64,
    /// Milliseconds to decompress and index the embedded gazetteer, and the resident memory
    /// it added (MB).
    gazetteer_load_ms: f64,
    gazetteer_mb: f64,
    /// Share of all stage time spent in the time and place stages, in percent.
    context_share_pct: f64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let articles = load(&args.corpus)?;
    if articles.is_empty() {
        bail!("{}: no articles to benchmark", args.corpus);
    }
    let pool = thread_pool(args.threads)?;
    let mut pipeline =
        dyad_pipeline::Pipeline::with_model(crate::input::syntax_model(args.model.as_deref())?);
    let load = Instant::now();
    pipeline = pipeline.with_coder(crate::input::coder(
        args.dictionaries.as_deref(),
        true,
        false,
    )?);
    let dictionary_load_ms = load.elapsed().as_secs_f64() * 1000.0;
    let rss_before = rss_mb("VmRSS:");
    let load = Instant::now();
    dyad_place::Gazetteer::builtin()?;
    let gazetteer_load_ms = load.elapsed().as_secs_f64() * 1000.0;
    let gazetteer_mb = rss_mb("VmRSS:") - rss_before;
    // One warm-up pass so lazily built tables and models are not timed.
    pool.install(|| pipeline.process_batch(articles.iter().take(8).cloned().collect()));
    let dir = args.store_dir.clone().map_or_else(
        || std::env::temp_dir().join("dyad-bench-store"),
        std::path::PathBuf::from,
    );
    if args.load {
        if !(args.seconds.is_finite() && args.seconds > 0.0) {
            bail!(
                "--seconds {}: give a positive number of seconds",
                args.seconds
            );
        }
        let cfg = crate::cmd::bench_load::LoadConfig {
            clients: args.clients,
            duration: std::time::Duration::from_secs_f64(args.seconds),
            events: args.store_events,
            db: crate::cmd::bench_load::db_in(&dir),
            posts: articles,
        };
        let r = crate::cmd::bench_load::run(&cfg, pipeline)?;
        println!(
            "{} clients for {:.1} s over {} events: {} requests ({:.0}/s), {} errors; p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
            r.clients,
            r.seconds,
            r.events,
            r.requests,
            r.requests_per_sec,
            r.errors,
            r.latency.p50_ms,
            r.latency.p95_ms,
            r.latency.p99_ms,
            r.latency.max_ms
        );
        println!(
            "concurrent ingest: {} posts, {} articles and {} events added, {} failed posts",
            r.ingest_posts, r.ingest_articles, r.ingest_events, r.ingest_errors
        );
        for e in &r.first_errors {
            eprintln!("dyad: {e}");
        }
        println!("{}", serde_json::to_string(&r)?);
        let failed =
            r.errors > 0 || r.ingest_errors > 0 || r.ingest_articles_found < r.ingest_articles;
        return Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    if args.store {
        let r = crate::cmd::bench_store::run(&articles, &pipeline, &pool, args.store_events, &dir)?;
        println!(
            "ingest: {:.0} articles/s against {:.0} coding alone ({:.1}%)",
            r.ingest_articles_per_sec, r.code_articles_per_sec, r.ingest_vs_code_pct
        );
        println!(
            "synthetic database: {} events written in {:.1} s; queries (ms): {:?}",
            r.synthetic_events, r.synthetic_write_s, r.query_ms
        );
        println!("{}", serde_json::to_string(&r)?);
        return Ok(ExitCode::SUCCESS);
    }

    let mut times = StageTimes::default();
    let (mut docs, mut sentences, mut tokens, mut events) = (0, 0, 0, 0);
    let start = Instant::now();
    for _ in 0..args.repeat.max(1) {
        let (out, t) = pool.install(|| pipeline.process_batch_timed(articles.clone()));
        times.merge(&t);
        docs += out.len();
        sentences += out.iter().map(|d| d.sentences.len()).sum::<usize>();
        tokens += out.iter().map(|d| d.tokens.len()).sum::<usize>();
        events += out.iter().map(|d| d.events.len()).sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    let stage_tokens_per_sec = times
        .stages
        .iter()
        .map(|(n, d)| (*n, round(tokens as f64 / d.as_secs_f64().max(1e-9))))
        .collect();
    let stage_sentences_per_sec = times
        .stages
        .iter()
        .map(|(n, d)| (*n, round(sentences as f64 / d.as_secs_f64().max(1e-9))))
        .collect();
    let total: f64 = times.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
    let context: f64 = times
        .stages
        .iter()
        .filter(|(n, _)| matches!(*n, "time" | "place"))
        .map(|(_, d)| d.as_secs_f64())
        .sum();
    let report = Report {
        documents: docs,
        sentences,
        tokens,
        threads: pool.current_num_threads(),
        seconds: round3(secs),
        documents_per_sec: round(docs as f64 / secs),
        tokens_per_sec: round(tokens as f64 / secs),
        stage_tokens_per_sec,
        stage_sentences_per_sec,
        events,
        peak_rss_mb: peak_rss_mb(),
        dictionary_load_ms: (dictionary_load_ms * 10.0).round() / 10.0,
        gazetteer_load_ms: (gazetteer_load_ms * 10.0).round() / 10.0,
        gazetteer_mb: (gazetteer_mb * 10.0).round() / 10.0,
        context_share_pct: (1000.0 * context / total.max(1e-9)).round() / 10.0,
    };
    println!(
        "{} documents, {} sentences, {} tokens in {:.3} s on {} thread(s)",
        report.documents, report.sentences, report.tokens, secs, report.threads
    );
    println!(
        "end to end: {:.0} documents/s, {:.0} tokens/s",
        report.documents_per_sec, report.tokens_per_sec
    );
    for (n, r) in &report.stage_tokens_per_sec {
        let sps = report
            .stage_sentences_per_sec
            .get(n)
            .copied()
            .unwrap_or(0.0);
        println!("  {n:<10} {r:>14.0} tokens/s {sps:>12.0} sentences/s per core");
    }
    println!("peak RSS: {:.1} MB", report.peak_rss_mb);
    println!(
        "gazetteer: loaded in {:.1} ms, {:.1} MB; time and place stages: {:.1}% of stage time",
        report.gazetteer_load_ms, report.gazetteer_mb, report.context_share_pct
    );
    println!("{}", serde_json::to_string(&report)?);
    Ok(ExitCode::SUCCESS)
}

fn load(path: &str) -> Result<Vec<Article>> {
    let reader = dyad_read::open(path, &ReadOptions::default()).map_err(|p| {
        anyhow::anyhow!("{p} (the standard corpus is {DEFAULT_CORPUS}; give another with --corpus)")
    })?;
    let mut out = Vec::new();
    for item in reader {
        match item {
            Item::Article(a) => out.push(*a),
            Item::Problem(p) => eprintln!("{p}"),
        }
    }
    Ok(out)
}

fn round(x: f64) -> f64 {
    x.round()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Peak resident set size of this process, from /proc (0 where unavailable).
fn peak_rss_mb() -> f64 {
    rss_mb("VmHWM:")
}

/// A memory figure of /proc/self/status in MB (`VmHWM:` peak, `VmRSS:` current).
fn rss_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| (kb / 1024.0 * 10.0).round() / 10.0)
        .unwrap_or(0.0)
}
