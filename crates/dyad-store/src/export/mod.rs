//! Writing events out: JSON Lines (the event schema of `docs/events.md`), CSV (a flat table of
//! the main fields), the GDELT 2.0 event table, PLOVER records and (cargo feature `parquet`)
//! Apache Parquet with the CSV's columns.
//!
//! Each format has a function over any iterator of events ([`jsonl`], [`csv()`], [`gdelt`],
//! [`plover`]) and the [`Exporter`] that they share, which writes one event at a time; the
//! store streams a filtered selection straight into one with [`Store::export`].

mod gdelt;
#[cfg(feature = "parquet")]
pub mod parquet;

use std::borrow::Borrow;
use std::io::{BufWriter, Write};
use std::str::FromStr;

use dyad_doc::{Event, PloverRecord};

pub use gdelt::{gdelt_event_id, gdelt_row, GDELT_COLUMNS};

use crate::error::{Error, Result};
use crate::filter::EventFilter;
use crate::store::{precision_str, ArticleMeta, Store};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One event per line, as `dyad code` writes them (`docs/events.md`).
    Jsonl,
    /// A header line ([`CSV_HEADER`]) and one row per event, quoted where needed.
    Csv,
    /// The GDELT 2.0 event table: 61 tab-separated fields per line ([`GDELT_COLUMNS`]), no
    /// header, as GDELT's own files.
    Gdelt,
    /// One `dyad_doc::PloverRecord` per line, as `dyad code --format plover`.
    Plover,
    /// Apache Parquet with the CSV columns, typed (`parquet.rs`); only in a dyad built with the
    /// cargo feature `parquet`, else [`Error::FormatNotBuilt`].
    Parquet,
}

impl Format {
    /// The format's name, as [`Format::from_str`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
            Format::Parquet => "parquet",
        }
    }
}

impl Format {
    /// Whether this build can write the format: [`Error::FormatNotBuilt`] for Parquet without
    /// the `parquet` feature. Check before creating an output file.
    pub fn check_built(self) -> Result<()> {
        if self == Format::Parquet && !cfg!(feature = "parquet") {
            return Err(Error::FormatNotBuilt("parquet"));
        }
        Ok(())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "gdelt" => Ok(Format::Gdelt),
            "plover" => Ok(Format::Plover),
            "parquet" => Ok(Format::Parquet),
            _ => Err(Error::UnknownFormat(s.to_string())),
        }
    }
}

/// The CSV export's columns. Booleans are `true`/`false`; `hedged` is empty for events
/// without attribution; `plover_context` joins the contexts with `;`.
pub const CSV_HEADER: [&str; 34] = [
    "id",
    "article_id",
    "sentence_index",
    "date",
    "date_precision",
    "date_text",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "plover_context",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "location_feature",
    "location_basis",
    "outlet",
    "speaker",
    "hedged",
    "cue",
    "negated",
    "future",
    "hypothetical",
    "rule_dictionary",
    "rule_line",
    "rule_pattern",
    "sentence",
];

/// One value of an event's flat row ([`CSV_HEADER`] order), typed; `None` is a missing value.
/// CSV prints it as text ([`Cell::csv`]); Parquet stores it in a column of its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Double(Option<f64>),
    Bool(Option<bool>),
}

impl Cell {
    /// The CSV field: the value as Rust prints it, empty when missing.
    fn csv(&self) -> String {
        match self {
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Double(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Bool(v) => v.map(|x| x.to_string()).unwrap_or_default(),
        }
    }
}

/// An event's flat row, in [`CSV_HEADER`] order: the one mapping of the event schema to
/// columns that the CSV and Parquet exports share.
pub(crate) fn flat_row(e: &Event) -> Vec<Cell> {
    let text = |s: Option<&str>| Cell::Text(s.map(str::to_string));
    let loc = e.location.as_ref();
    let att = e.attribution.as_ref();
    let tgt = e.target.as_ref();
    let context = (!e.plover.context.is_empty()).then(|| e.plover.context.join(";"));
    vec![
        text(Some(&e.id)),
        text(Some(&e.article_id)),
        Cell::Int(Some(i64::from(e.sentence_index))),
        text(e.date.as_deref()),
        text(Some(precision_str(e.date_precision))),
        text(e.date_text.as_deref()),
        text(e.source.code.as_deref()),
        text(Some(&e.source.text)),
        text(tgt.and_then(|t| t.code.as_deref())),
        text(tgt.map(|t| t.text.as_str())),
        text(Some(&e.cameo)),
        text(Some(&e.cameo_root)),
        Cell::Int(Some(i64::from(e.quad_class))),
        Cell::Double(Some(e.goldstein)),
        text(e.plover.event.as_deref()),
        text(e.plover.mode.as_deref()),
        Cell::Text(context),
        text(loc.map(|l| l.name.as_str())),
        text(loc.and_then(|l| l.country.as_deref())),
        Cell::Double(loc.and_then(|l| l.lat)),
        Cell::Double(loc.and_then(|l| l.lon)),
        text(loc.and_then(|l| l.feature.as_deref())),
        text(loc.and_then(|l| l.basis.as_deref())),
        text(att.and_then(|a| a.outlet.as_deref())),
        text(att.and_then(|a| a.speaker.as_deref())),
        Cell::Bool(att.map(|a| a.hedged)),
        text(att.and_then(|a| a.cue.as_deref())),
        Cell::Bool(Some(e.modality.negated)),
        Cell::Bool(Some(e.modality.future)),
        Cell::Bool(Some(e.modality.hypothetical)),
        text(Some(&e.rule.dictionary)),
        Cell::Int(Some(i64::from(e.rule.line))),
        text(Some(&e.rule.pattern)),
        text(Some(&e.sentence)),
    ]
}

fn csv_row(e: &Event) -> Vec<String> {
    flat_row(e).iter().map(Cell::csv).collect()
}

enum Sink<W: Write> {
    Lines(BufWriter<W>),
    Csv(Box<csv::Writer<W>>),
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet::ParquetSink<W>>),
}

/// Writes events one at a time in one [`Format`]. Output is buffered: call
/// [`Exporter::finish`] to flush it and get the writer back.
pub struct Exporter<W: Write> {
    format: Format,
    sink: Sink<W>,
    written: u64,
}

impl<W: Write> Exporter<W> {
    /// An exporter writing `format` to `out`; the CSV header is written at once.
    pub fn new(format: Format, out: W) -> Result<Exporter<W>> {
        let sink = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(out);
                w.write_record(CSV_HEADER)?;
                Sink::Csv(Box::new(w))
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Sink::Parquet(Box::new(parquet::ParquetSink::new(out)?)),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => {
                format.check_built()?;
                Sink::Lines(BufWriter::new(out))
            }
            _ => Sink::Lines(BufWriter::new(out)),
        };
        Ok(Exporter {
            format,
            sink,
            written: 0,
        })
    }

    /// Writes one event. `article` (its stored metadata) is used by the GDELT format for
    /// SOURCEURL and DATEADDED and ignored by the others.
    pub fn write(&mut self, e: &Event, article: Option<&ArticleMeta>) -> Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => w.write_record(csv_row(e))?,
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => p.write(e)?,
            Sink::Lines(w) => {
                match self.format {
                    Format::Jsonl => serde_json::to_writer(&mut *w, e),
                    Format::Plover => serde_json::to_writer(&mut *w, &PloverRecord::from(e)),
                    Format::Gdelt => {
                        let row = gdelt_row(e, article);
                        w.write_all(row.join("\t").as_bytes())?;
                        Ok(())
                    }
                    Format::Csv | Format::Parquet => {
                        unreachable!("CSV and Parquet have their own sinks")
                    }
                }
                .map_err(|source| Error::Serialize {
                    id: e.id.clone(),
                    source,
                })?;
                w.write_all(b"\n")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Events written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes the output and returns the writer.
    pub fn finish(self) -> Result<W> {
        match self.sink {
            Sink::Lines(w) => w.into_inner().map_err(|e| Error::Io(e.into_error())),
            Sink::Csv(w) => w
                .into_inner()
                .map_err(|e| Error::Io(std::io::Error::other(e.to_string()))),
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => p.finish(),
        }
    }
}

fn write_all<W, I>(format: Format, out: W, events: I) -> Result<u64>
where
    W: Write,
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    let mut x = Exporter::new(format, out)?;
    for e in events {
        x.write(e.borrow(), None)?;
    }
    let n = x.written();
    x.finish()?;
    Ok(n)
}

/// Writes events as JSON Lines (one event object per line, `docs/events.md`). Returns the
/// number written.
pub fn jsonl<W: Write, I>(out: W, events: I) -> Result<u64>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    write_all(Format::Jsonl, out, events)
}

/// Writes events as CSV: [`CSV_HEADER`], then one row per event. Returns the number written.
pub fn csv<W: Write, I>(out: W, events: I) -> Result<u64>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    write_all(Format::Csv, out, events)
}

/// Writes events as PLOVER records, one JSON object per line. Returns the number written.
pub fn plover<W: Write, I>(out: W, events: I) -> Result<u64>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    write_all(Format::Plover, out, events)
}

/// Writes events as GDELT 2.0 event records (61 tab-separated fields, no header).
/// `article` looks up an event's article metadata (for SOURCEURL and DATEADDED); return
/// `None` when it is not known. Returns the number written.
pub fn gdelt<W: Write, I, F>(out: W, events: I, mut article: F) -> Result<u64>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
    F: FnMut(&Event) -> Option<ArticleMeta>,
{
    let mut x = Exporter::new(Format::Gdelt, out)?;
    for e in events {
        let e = e.borrow();
        let a = article(e);
        x.write(e, a.as_ref())?;
    }
    let n = x.written();
    x.finish()?;
    Ok(n)
}

impl Store {
    /// Streams the events that match `filter` (in [`Store::query`]'s order, with its limit
    /// and offset) to `out` in `format`, without holding them in memory; GDELT records get
    /// their article's URL and ingestion time. Returns the number of events written.
    pub fn export<W: Write>(&self, filter: &EventFilter, format: Format, out: W) -> Result<u64> {
        let mut x = Exporter::new(format, out)?;
        let mut last: Option<ArticleMeta> = None;
        self.for_each_event(filter, |e| {
            if format == Format::Gdelt {
                if last.as_ref().map(|a| a.id.as_str()) != Some(e.article_id.as_str()) {
                    last = self.article(&e.article_id)?;
                }
                x.write(&e, last.as_ref())
            } else {
                x.write(&e, None)
            }
        })?;
        let n = x.written();
        x.finish()?;
        Ok(n)
    }
}
