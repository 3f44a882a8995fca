//! `dyad ingest`, `dyad query`, `dyad export`: the event database (crates/dyad-store).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use dyad_doc::Document;
use dyad_store::{EventFilter, Store};

use crate::input::{self, InputArgs};

/// Documents per transaction: a crash loses at most this many articles' work, and the next
/// run redoes just those (stored articles are passed over by content hash).
const INGEST_BATCH: usize = 256;

/// The event database when `--db` is not given (`ingest`, `query`, `export`, `serve`).
pub const DEFAULT_DB: &str = "dyad.db";

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Event database (SQLite; created if missing)
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: String,
}

/// Filters shared by `query` and `export` (docs: crates/dyad-store/README.md).
#[derive(clap::Args, Debug, Default)]
pub struct FilterArgs {
    /// Source actor code, or a prefix ending in `*` (`NER*`)
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Target actor code or prefix
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// An actor on either side, code or prefix
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// CAMEO code (`0232`), or a prefix ending in `*` (`023*`)
    #[arg(long, value_name = "CODE")]
    pub cameo: Option<String>,
    /// CAMEO root, two digits (`19`)
    #[arg(long, value_name = "NN")]
    pub root: Option<String>,
    /// PLOVER event type (`ASSAULT`)
    #[arg(long, value_name = "TYPE")]
    pub plover: Option<String>,
    /// First date, inclusive (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last date, inclusive (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Country of the event's location (ISO 3166 alpha-3)
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Events located within KM kilometres of a point: `LAT,LON,KM`
    #[arg(long, value_name = "LAT,LON,KM", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Only hedged reports ("claimed", "reportedly")
    #[arg(long, conflicts_with = "unhedged")]
    pub hedged: bool,
    /// Only unhedged reports (events without attribution included)
    #[arg(long)]
    pub unhedged: bool,
    /// Include negated events ("did not attack"), which are left out by default
    #[arg(long, conflicts_with = "only_negated")]
    pub with_negated: bool,
    /// Only negated events
    #[arg(long)]
    pub only_negated: bool,
}

impl FilterArgs {
    fn filter(&self) -> Result<EventFilter> {
        let near = match &self.near {
            None => None,
            Some(s) => {
                let v: Vec<f64> = s
                    .split(',')
                    .map(|x| x.trim().parse::<f64>())
                    .collect::<std::result::Result<_, _>>()
                    .with_context(|| {
                        format!("--near {s}: expected LAT,LON,KM, e.g. 13.5,2.1,100")
                    })?;
                let [lat, lon, km] = v[..] else {
                    bail!("--near {s}: expected three numbers LAT,LON,KM, e.g. 13.5,2.1,100");
                };
                Some((lat, lon, km))
            }
        };
        let (cameo, cameo_prefix) = match self.cameo.as_deref() {
            Some(c) => match c.strip_suffix('*') {
                Some(p) => (None, Some(p.to_string())),
                None => (Some(c.to_string()), None),
            },
            None => (None, None),
        };
        Ok(EventFilter {
            source: self.source.clone(),
            target: self.target.clone(),
            actor: self.actor.clone(),
            cameo,
            cameo_prefix,
            root: self.root.clone(),
            plover: self.plover.as_ref().map(|p| p.to_uppercase()),
            from: self.from.clone(),
            to: self.to.clone(),
            country: self.country.clone(),
            near,
            hedged: if self.hedged {
                Some(true)
            } else if self.unhedged {
                Some(false)
            } else {
                None
            },
            negated: if self.only_negated {
                Some(true)
            } else if self.with_negated {
                None
            } else {
                Some(false)
            },
            ..EventFilter::default()
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Event database
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: String,
    /// `table` (one line per event) or `jsonl` (docs/events.md)
    #[arg(long, default_value = "table", value_parser = ["table", "jsonl"])]
    pub format: String,
    /// At most this many events
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
    /// Skip this many events first (pages: date, then id order)
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Event database
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: String,
    /// `jsonl` (docs/events.md), `csv`, `gdelt` (the GDELT 2.0 event table's 61 tab-separated
    /// columns), `plover` (POLECAT-style records) or `parquet` (the CSV columns, typed; needs a
    /// dyad built with `--features parquet`)
    #[arg(long, value_parser = ["jsonl", "csv", "gdelt", "plover", "parquet"])]
    pub format: String,
    /// Output file (default: standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
}

/// `dyad ingest`: run the pipeline over the inputs and store articles, layers and events, one
/// transaction per batch; articles already stored (same content hash) are passed over before
/// the pipeline runs, so an interrupted ingest resumes where it stopped.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let mut store = Store::open(&args.db)?;
    let pipeline = input::pipeline(&args.input)?;
    let mut batch: Vec<Document> = Vec::with_capacity(INGEST_BATCH);
    let mut totals = dyad_store::IngestStats::default();
    let mut failed = 0usize;
    let mut write = |batch: &mut Vec<Document>, store: &mut Store| {
        if batch.is_empty() {
            return;
        }
        match store.ingest(batch) {
            Ok(s) => add(&mut totals, &s),
            // A batch fails whole; store its articles one by one so one bad article (an id
            // reused for other text) costs only itself.
            Err(e) if !matches!(e, dyad_store::Error::Busy { .. }) => {
                for d in batch.iter() {
                    match store.ingest(std::slice::from_ref(d)) {
                        Ok(s) => add(&mut totals, &s),
                        Err(e) => {
                            eprintln!("{}: not stored: {e}", d.article.id);
                            failed += 1;
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("dyad: {} article(s) not stored: {e}", batch.len());
                failed += batch.len();
            }
        }
        batch.clear();
    };
    let stored = Store::open_read_only(&args.db)?;
    let summary = input::process_some(
        &args.input,
        &pipeline,
        |a| !stored.contains_hash(&dyad_store::content_hash(&a.text)),
        |doc| {
            batch.push(doc);
            if batch.len() >= INGEST_BATCH {
                write(&mut batch, &mut store);
            }
            Ok(())
        },
    )?;
    write(&mut batch, &mut store);
    let counts = store.counts()?;
    eprintln!(
        "dyad: {} document(s) coded, {} already stored; added {} article(s), {} event(s) to {} ({} articles, {} events in all)",
        summary.documents,
        summary.passed + totals.articles_skipped_existing as usize,
        totals.articles_added,
        totals.events_added,
        args.db,
        counts.articles,
        counts.events
    );
    println!(
        "{}",
        serde_json::json!({
            "documents": summary.documents,
            "already_stored": summary.passed as u64 + totals.articles_skipped_existing,
            "articles_added": totals.articles_added,
            "events_added": totals.events_added,
            "not_stored": failed,
            "skipped_input": summary.skipped,
            "db_articles": counts.articles,
            "db_events": counts.events,
        })
    );
    if failed > 0 && !args.input.skip_bad {
        return Ok(ExitCode::from(1));
    }
    Ok(summary.exit_code(args.input.skip_bad))
}

fn add(total: &mut dyad_store::IngestStats, s: &dyad_store::IngestStats) {
    total.articles_added += s.articles_added;
    total.articles_skipped_existing += s.articles_skipped_existing;
    total.events_added += s.events_added;
}

/// `dyad query`: events matching the filters, as a table or JSON Lines.
pub fn query(args: QueryArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let mut filter = args.filter.filter()?;
    let total = store.count(&filter)?;
    filter.limit = Some(args.limit);
    filter.offset = Some(args.offset);
    let events = store.query(&filter)?;
    let mut out = std::io::stdout().lock();
    let shown = events.len();
    let result = (|| -> std::io::Result<()> {
        for e in &events {
            if args.format == "jsonl" {
                serde_json::to_writer(&mut out, e)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", table_row(e))?;
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.context("cannot write output")?,
    }
    eprintln!(
        "dyad: {shown} of {total} matching event(s) (offset {})",
        args.offset
    );
    Ok(ExitCode::SUCCESS)
}

/// One event on one line: date, code, source → target, place, hedge, sentence.
fn table_row(e: &dyad_doc::Event) -> String {
    let place = e
        .location
        .as_ref()
        .map(|l| format!("{} ({})", l.name, l.country.as_deref().unwrap_or("-")))
        .unwrap_or_else(|| "-".into());
    let hedged = e.attribution.as_ref().is_some_and(|a| a.hedged);
    let mut sentence: String = e.sentence.chars().take(100).collect();
    if e.sentence.chars().count() > 100 {
        sentence.push('…');
    }
    format!(
        "{:<10}  {:<4}  {:>12} → {:<12}  {:<28}  {}{}",
        e.date.as_deref().unwrap_or("-"),
        e.cameo,
        e.source.code.as_deref().unwrap_or("?"),
        e.target
            .as_ref()
            .and_then(|t| t.code.as_deref())
            .unwrap_or("-"),
        place,
        if hedged { "[hedged] " } else { "" },
        sentence
    )
}

/// `dyad export`: the matching events in a file format other tools read.
pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let filter = args.filter.filter()?;
    let format: dyad_store::export::Format = args
        .format
        .parse()
        .map_err(|e| anyhow::anyhow!("--format {}: {e}", args.format))?;
    format.check_built()?;
    let written = match &args.out {
        Some(path) => {
            let file =
                std::fs::File::create(path).with_context(|| format!("cannot create {path}"))?;
            let mut w = std::io::BufWriter::new(file);
            let n = store.export(&filter, format, &mut w)?;
            w.flush().with_context(|| format!("cannot write {path}"))?;
            n
        }
        None => {
            let closed = std::rc::Rc::new(std::cell::Cell::new(false));
            let mut w = std::io::BufWriter::new(Stdout {
                out: std::io::stdout().lock(),
                closed: closed.clone(),
            });
            // A reader that stops early (`| head`) is not an error.
            let n = match store.export(&filter, format, &mut w) {
                Err(_) if closed.get() => return Ok(ExitCode::SUCCESS),
                r => r?,
            };
            match w.flush() {
                Err(_) if closed.get() => return Ok(ExitCode::SUCCESS),
                r => r.context("cannot write output")?,
            }
            n
        }
    };
    eprintln!("dyad: {written} event(s) exported as {}", args.format);
    Ok(ExitCode::SUCCESS)
}

/// Standard output that remembers whether its reader went away (`| head`), whatever error
/// type a writer above it wraps the failure in.
struct Stdout {
    out: std::io::StdoutLock<'static>,
    closed: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.out.write(buf);
        if r.as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        {
            self.closed.set(true);
        }
        r
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.out.flush();
        if r.as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        {
            self.closed.set(true);
        }
        r
    }
}
