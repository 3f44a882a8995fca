//! The store's errors. Each message says what went wrong and what to do about it.

use std::path::PathBuf;

/// A store result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong with the event database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be created or opened.
    #[error("cannot open the event database {path}: {source}; check that its folder exists and that you may write there")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// A read-only open of a file that does not exist.
    #[error("there is no event database at {0}: ingest some articles first (a writable open creates it), or check the path")]
    NotFound(PathBuf),

    /// The file is not an SQLite database, or is an SQLite database of some other program.
    #[error("{path} is not a dyad event database ({reason}): point dyad at another file, or move this one away")]
    NotADyadDatabase {
        /// The file.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },

    /// The database was written by a newer dyad, whose schema this code does not know.
    #[error("the event database {path} has schema version {found}, but this dyad knows versions up to {supported}: upgrade dyad to use it (the file was left untouched)")]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The version stored in the file.
        found: u32,
        /// The newest version this code knows.
        supported: u32,
    },

    /// A read-only open of a database whose schema is older than the code's: readers cannot
    /// migrate it.
    #[error("the event database {path} has schema version {found}, older than this dyad's {supported}: open it once for writing (for example with `dyad ingest`) to migrate it")]
    SchemaTooOld {
        /// The database file.
        path: PathBuf,
        /// The version stored in the file.
        found: u32,
        /// The version this code writes.
        supported: u32,
    },

    /// A migration step failed; its transaction was rolled back.
    #[error("migrating the event database {path} to schema version {version} failed: {source}; the database was left at version {previous} (report this as a bug)")]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The version the step would have reached.
        version: u32,
        /// The version the database is still at.
        previous: u32,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// A write through a store opened with [`crate::Store::open_read_only`].
    #[error("the event database {0} was opened read-only: open it with Store::open to ingest")]
    ReadOnly(PathBuf),

    /// Another process held the write lock longer than the busy timeout.
    #[error("the event database {path} is busy: another process has held its write lock for more than {seconds} s; retry when that process is done (nothing from this call was written)")]
    Busy {
        /// The database file.
        path: PathBuf,
        /// The busy timeout that ran out.
        seconds: u64,
    },

    /// An article id that is already stored with a different text.
    #[error("article {id:?} is already stored with a different text: give the new version its own id, or remove the old article first (nothing from this batch was written)")]
    ArticleIdConflict {
        /// The article id.
        id: String,
    },

    /// An event id that is already stored (or repeated in the batch) for a different event.
    #[error("event {id:?} of article {article_id:?} has the id of another event already stored or earlier in the batch: two articles may share an id, check the input's ids (nothing from this batch was written)")]
    DuplicateEvent {
        /// The event id.
        id: String,
        /// The article of the event that could not be stored.
        article_id: String,
    },

    /// A filter value that cannot be used.
    #[error("invalid event filter: {0}")]
    InvalidFilter(String),

    /// An export format this build of dyad leaves out.
    #[error("this dyad was built without {0} export: rebuild it with `cargo build --release --features {0}` (or pick jsonl, csv, gdelt or plover)")]
    FormatNotBuilt(&'static str),

    /// An export format name that is not known.
    #[error("unknown export format {0:?}: use jsonl, csv, gdelt, plover or parquet")]
    UnknownFormat(String),

    /// A stored event's JSON could not be read back.
    #[error("stored event {id:?} could not be read back: {source}; the database may come from an incompatible dyad version")]
    BadStoredEvent {
        /// The event id.
        id: String,
        /// What serde_json said.
        source: serde_json::Error,
    },

    /// An event that could not be serialized (a non-finite number, for example).
    #[error("event {id:?} could not be serialized: {source}")]
    Serialize {
        /// The event id.
        id: String,
        /// What serde_json said.
        source: serde_json::Error,
    },

    /// Writing an export failed.
    #[error("writing the export failed: {0}; check the output path and free disk space")]
    Io(#[from] std::io::Error),

    /// Writing CSV failed.
    #[error("writing CSV failed: {0}; check the output path and free disk space")]
    Csv(#[from] csv::Error),

    /// Any other SQLite error.
    #[error("event database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// True for SQLite's "database is busy/locked" errors.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
