//! Buffered stdout that writes one JSON value per line.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

pub struct JsonLines {
    out: BufWriter<StdoutLock<'static>>,
}

impl JsonLines {
    pub fn stdout() -> JsonLines {
        JsonLines {
            out: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        }
    }

    pub fn write<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(|e| match e.io_error_kind() {
            // Keep the kind so a closed pipe (`dyad annotate | head`) is told apart.
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })?;
        self.out.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self.out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            r => r,
        }
    }
}
