//! The schema: an ordered list of migration steps, each applied in its own transaction, and the
//! `meta` table that records how far a database has come.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{is_busy, Error, Result};

/// The schema version this code writes and reads. A database with a newer version is refused.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Migration steps: `MIGRATIONS[i]` takes a database from version `i` to version `i + 1`.
/// Append new steps; never edit a released one.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// Version 4: events grouped by place (`Store::places`, the dashboard's map) from one index:
/// the grouping columns, then what the filter and the sums read, so the map's counts need no
/// event row.
const V4: &str = r#"
CREATE INDEX events_place_cover
    ON events(location_name, location_country, lat, lon, negated, quad_class, goldstein);
"#;

/// Version 3: counts and first pages read from one index, without visiting event rows.
///
/// - Every index that selects events also holds `negated` (the API's default filter is
///   `negated = 0`) and the page order (`date`, `id`); the single-column indexes on `date`,
///   `cameo`, `cameo_root` and `location_country` are replaced by such covering ones, and
///   `plover_event` gets one. A CAMEO root within a country has its own index.
/// - The date index also holds what the dyad and actor aggregates and `hedged` read, so a
///   period's busiest dyads and its hedged or unhedged events are counted from it; the dyad
///   index holds what a series sums (`quad_class`, `goldstein`).
/// - `near` searches grid cells instead of a latitude band: `cell` is the 1° cell of
///   (`lat`, `lon`), row-major from (-90, -180): `row * 360 + col` with `row = floor(lat + 90)`
///   (at most 179) and `col = floor(lon + 180)` (at most 359); NULL without coordinates or
///   when they are out of range. It is computed by SQLite (a virtual generated column, so
///   inserts need not know it) and indexed with what the exact distance check reads.
/// - `(source_code, date)` and `(target_code, date)` are dropped: the covering
///   `(code, negated, date, id)` indexes of version 2 serve the same filters.
const V3: &str = r#"
ALTER TABLE events ADD COLUMN cell INTEGER GENERATED ALWAYS AS (
    CASE WHEN lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180
    THEN MIN(CAST(lat + 90 AS INTEGER), 179) * 360 + MIN(CAST(lon + 180 AS INTEGER), 359)
    END) VIRTUAL;
DROP INDEX events_lat_lon;
CREATE INDEX events_cell ON events(cell, date, lat, lon, negated, id);
DROP INDEX events_date;
CREATE INDEX events_date_cover
    ON events(date, negated, id, source_code, target_code, goldstein, hedged);
DROP INDEX events_cameo;
CREATE INDEX events_cameo_cover ON events(cameo, negated, date, id);
DROP INDEX events_cameo_root;
CREATE INDEX events_root_cover ON events(cameo_root, negated, date, id);
DROP INDEX events_country;
CREATE INDEX events_country_cover ON events(location_country, negated, date, id);
CREATE INDEX events_root_country ON events(cameo_root, location_country, negated, date, id);
CREATE INDEX events_plover_cover ON events(plover_event, negated, date, id);
DROP INDEX events_dyad_date;
CREATE INDEX events_dyad_cover
    ON events(source_code, target_code, date, negated, quad_class, goldstein, id);
DROP INDEX events_source_date;
DROP INDEX events_target_date;
"#;

/// Version 2: covering indexes for "an actor on either side" (`EventFilter::actor`), which is
/// read as the union of a source branch and a target branch, each answered from its index
/// alone (count and page order without reading event rows).
const V2: &str = r#"
CREATE INDEX events_source_cover ON events(source_code, negated, date, id);
CREATE INDEX events_target_cover ON events(target_code, negated, date, id);
"#;

/// Version 1: articles, their layers and events.
const V1: &str = r#"
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_index   INTEGER NOT NULL,
    date             TEXT,
    date_precision   TEXT NOT NULL,
    source_code      TEXT,
    source_text      TEXT NOT NULL,
    target_code      TEXT,
    target_text      TEXT,
    cameo            TEXT NOT NULL,
    cameo_root       TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    goldstein        REAL NOT NULL,
    plover_event     TEXT,
    location_name    TEXT,
    location_country TEXT,
    lat              REAL,
    lon              REAL,
    outlet           TEXT,
    speaker          TEXT,
    hedged           INTEGER,
    negated          INTEGER NOT NULL,
    future           INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    rule_dictionary  TEXT NOT NULL,
    rule_line        INTEGER NOT NULL,
    json             TEXT NOT NULL
);

CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_date ON events(source_code, date);
CREATE INDEX events_target_date ON events(target_code, date);
CREATE INDEX events_dyad_date ON events(source_code, target_code, date);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_cameo_root ON events(cameo_root);
CREATE INDEX events_country ON events(location_country);
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX events_article ON events(article_id);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    code       TEXT,
    name       TEXT
);
CREATE INDEX actors_article ON actors(article_id);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT,
    country    TEXT,
    lat        REAL,
    lon        REAL,
    feature    TEXT
);
CREATE INDEX places_article ON places(article_id);
"#;

/// The `meta` table, created with the first migration's transaction.
const META: &str = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";

/// The schema version recorded in the database: 0 for a new, empty file.
/// Refuses a non-empty database without a `meta` table (some other program's file).
pub(crate) fn version(conn: &Connection, path: &Path) -> Result<u32> {
    let has_meta: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| classify(e, path))?;
    if !has_meta {
        let objects: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| classify(e, path))?;
        if objects > 0 {
            return Err(Error::NotADyadDatabase {
                path: path.to_path_buf(),
                reason: "it holds tables but no dyad schema version".into(),
            });
        }
        return Ok(0);
    }
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| classify(e, path))?;
    match v {
        None => Ok(0),
        Some(s) => s.trim().parse().map_err(|_| Error::NotADyadDatabase {
            path: path.to_path_buf(),
            reason: format!("its schema version {s:?} is not a number"),
        }),
    }
}

/// Brings the database up to [`SCHEMA_VERSION`], one step per transaction. Each step re-reads
/// the version inside its (immediate, so exclusive for writers) transaction, so two processes
/// opening the same new file at once do not apply a step twice.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_to(conn, path, SCHEMA_VERSION)
}

/// [`migrate`], stopping at version `target` (tests build databases of older versions).
pub(crate) fn migrate_to(conn: &mut Connection, path: &Path, target: u32) -> Result<()> {
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(e, path))?;
        let current = version(&tx, path)?;
        if current > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_path_buf(),
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        if current >= target {
            return Ok(());
        }
        let next = current + 1;
        let step = || -> rusqlite::Result<()> {
            tx.execute_batch(META)?;
            tx.execute_batch(MIGRATIONS[current as usize])?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [next.to_string()],
            )?;
            Ok(())
        };
        step().map_err(|source| {
            if is_busy(&source) {
                classify(source, path)
            } else {
                Error::Migration {
                    path: path.to_path_buf(),
                    version: next,
                    previous: current,
                    source,
                }
            }
        })?;
        tx.commit().map_err(|e| classify(e, path))?;
    }
}

/// Turns SQLite's "not a database" and "busy" errors into the store's own.
pub(crate) fn classify(e: rusqlite::Error, path: &Path) -> Error {
    if is_busy(&e) {
        return Error::Busy {
            path: path.to_path_buf(),
            seconds: crate::store::BUSY_TIMEOUT.as_secs(),
        };
    }
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADyadDatabase {
            path: path.to_path_buf(),
            reason: "it is not an SQLite file".into(),
        },
        _ => Error::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_version_matches_the_migration_list() {
        assert_eq!(SCHEMA_VERSION, 4);
        assert_eq!(MIGRATIONS.len(), SCHEMA_VERSION as usize);
    }
}
