//! Apache Parquet export (cargo feature `parquet`): the CSV export's 34 columns
//! ([`super::CSV_HEADER`], same names, order and values: [`super::flat_row`]) with their types: `date` a Parquet `DATE`,
//! counts and lines `INT32`, `goldstein`, `lat` and `lon` `DOUBLE`, flags `BOOLEAN`, the rest
//! UTF-8 strings; every column nullable (a missing value is null, not an empty string).
//! Snappy-compressed row groups of [`ROW_GROUP`] events.
//!
//! The writer streams: each row group is encoded into memory, then copied to the output, so an
//! export of millions of events holds one row group at a time.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use dyad_doc::Event;
use jiff::civil::Date;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;

use super::{flat_row, Cell, CSV_HEADER};
use crate::error::{Error, Result};

/// Events per row group.
pub const ROW_GROUP: usize = 65_536;

/// A column's type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Double,
    Bool,
    Date,
}

/// The type of each column of [`CSV_HEADER`], by name.
fn kind(name: &str) -> Kind {
    match name {
        "sentence_index" | "quad_class" | "rule_line" => Kind::Int,
        "goldstein" | "lat" | "lon" => Kind::Double,
        "hedged" | "negated" | "future" | "hypothetical" => Kind::Bool,
        "date" => Kind::Date,
        _ => Kind::Text,
    }
}

/// The Parquet schema of the export.
pub fn schema_text() -> String {
    let mut s = String::from("message dyad_event {\n");
    for name in CSV_HEADER {
        let ty = match kind(name) {
            Kind::Text => "BYTE_ARRAY",
            Kind::Int => "INT32",
            Kind::Double => "DOUBLE",
            Kind::Bool => "BOOLEAN",
            Kind::Date => "INT32",
        };
        let logical = match kind(name) {
            Kind::Text => " (UTF8)",
            Kind::Date => " (DATE)",
            _ => "",
        };
        s.push_str(&format!("  OPTIONAL {ty} {name}{logical};\n"));
    }
    s.push('}');
    s
}

/// Days since 1970-01-01 of an ISO date; `None` when it does not parse.
fn epoch_days(date: &str) -> Option<i32> {
    let d: Date = date.parse().ok()?;
    let span = d.since(Date::constant(1970, 1, 1)).ok()?;
    Some(span.get_days())
}

/// The bytes the Parquet writer has produced and the output has not yet received. The writer
/// wants a `Send` sink; the export's output need not be one, so it writes here and the bytes
/// are copied on after each row group.
#[derive(Clone, Default)]
struct Pending(Arc<Mutex<Vec<u8>>>);

impl Pending {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes one nullable column of a row group: definition level 1 for a value, 0 for null.
fn write_column<T: DataType>(
    column: &mut SerializedColumnWriter<'_>,
    values: impl Iterator<Item = Option<T::T>>,
) -> Result<()> {
    let mut defs: Vec<i16> = Vec::new();
    let mut present = Vec::new();
    for v in values {
        defs.push(i16::from(v.is_some()));
        present.extend(v);
    }
    column
        .typed::<T>()
        .write_batch(&present, Some(&defs), None)
        .map_err(pq)?;
    Ok(())
}

fn pq(e: parquet::errors::ParquetError) -> Error {
    Error::Io(std::io::Error::other(format!("Parquet: {e}")))
}

/// Writes events as Parquet, a row group at a time.
pub struct ParquetSink<W: Write> {
    out: W,
    pending: Pending,
    writer: SerializedFileWriter<Pending>,
    rows: Vec<Vec<Cell>>,
}

impl<W: Write> ParquetSink<W> {
    /// A sink writing to `out`; the file header is written with the first row group.
    pub fn new(out: W) -> Result<Self> {
        let schema = Arc::new(parse_message_type(&schema_text()).map_err(pq)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let pending = Pending::default();
        let writer = SerializedFileWriter::new(pending.clone(), schema, props).map_err(pq)?;
        Ok(ParquetSink {
            out,
            pending,
            writer,
            rows: Vec::new(),
        })
    }

    /// Adds one event; a full row group is written out.
    pub fn write(&mut self, e: &Event) -> Result<()> {
        self.rows.push(flat_row(e));
        if self.rows.len() >= ROW_GROUP {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut group = self.writer.next_row_group().map_err(pq)?;
        let mut col = 0;
        while let Some(mut column) = group.next_column().map_err(pq)? {
            let cells = rows.iter().map(|r| &r[col]);
            match kind(CSV_HEADER[col]) {
                Kind::Text => write_column::<ByteArrayType>(
                    &mut column,
                    cells.map(|c| match c {
                        Cell::Text(v) => {
                            v.as_deref().map(|s| ByteArray::from(s.as_bytes().to_vec()))
                        }
                        _ => None,
                    }),
                )?,
                Kind::Int => write_column::<Int32Type>(
                    &mut column,
                    cells.map(|c| match c {
                        Cell::Int(v) => v.and_then(|x| i32::try_from(x).ok()),
                        _ => None,
                    }),
                )?,
                Kind::Date => write_column::<Int32Type>(
                    &mut column,
                    cells.map(|c| match c {
                        Cell::Text(v) => v.as_deref().and_then(epoch_days),
                        _ => None,
                    }),
                )?,
                Kind::Double => write_column::<DoubleType>(
                    &mut column,
                    cells.map(|c| match c {
                        Cell::Double(v) => *v,
                        _ => None,
                    }),
                )?,
                Kind::Bool => write_column::<BoolType>(
                    &mut column,
                    cells.map(|c| match c {
                        Cell::Bool(v) => *v,
                        _ => None,
                    }),
                )?,
            }
            column.close().map_err(pq)?;
            col += 1;
        }
        group.close().map_err(pq)?;
        self.out.write_all(&self.pending.take())?;
        Ok(())
    }

    /// Writes the last row group and the file footer, and returns the output.
    pub fn finish(mut self) -> Result<W> {
        self.flush_rows()?;
        self.writer.close().map_err(pq)?;
        self.out.write_all(&self.pending.take())?;
        self.out.flush()?;
        Ok(self.out)
    }
}
