//! Opening the database and writing documents into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dyad_doc::{DatePrecision, Document, Event};
use rusqlite::functions::FunctionFlags;
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use sha2::{Digest, Sha256};

use crate::error::{is_busy, Error, Result};
use crate::schema::{self, classify, SCHEMA_VERSION};

/// How long a connection waits for another writer's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open event database. One connection: open one `Store` per thread (reads never wait for
/// the writer; writers take turns, waiting up to 5 s for each other).
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    read_only: bool,
}

/// What one [`Store::ingest`] call wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Articles written, with all their layers.
    pub articles_added: u64,
    /// Articles skipped because an article with the same content hash was already stored
    /// (or came earlier in the same batch).
    pub articles_skipped_existing: u64,
    /// Events written.
    pub events_added: u64,
}

/// Row counts of the main tables (see [`Store::counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreCounts {
    /// Stored articles.
    pub articles: u64,
    /// Stored sentences.
    pub sentences: u64,
    /// Stored events.
    pub events: u64,
    /// Stored actor mentions.
    pub actors: u64,
    /// Stored place mentions.
    pub places: u64,
}

/// A stored article's metadata (everything but its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    /// The article id.
    pub id: String,
    /// SHA-256 of the raw text, lowercase hex ([`content_hash`]).
    pub content_hash: String,
    /// Where the article was published online.
    pub url: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet, from the input or the dateline.
    pub outlet: Option<String>,
    /// Its publication date (ISO 8601, as `dyad_doc::Published` prints it).
    pub published: Option<String>,
    /// When it was ingested: UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
}

/// The content hash that identifies an article's text: SHA-256 of the raw text (`Article::text`,
/// as read, before cleaning), as 64 lowercase hex digits. Two inputs with the same text are the
/// same article, whatever their ids.
pub fn content_hash(raw_text: &str) -> String {
    let digest = Sha256::digest(raw_text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    s
}

impl Store {
    /// Creates the database file if it does not exist, or opens it, and brings its schema up
    /// to date. Sets `journal_mode=WAL` (readers never wait for the writer),
    /// `synchronous=NORMAL` (a committed batch survives a crash of the process; a power cut
    /// may lose the last batches but never leaves a partial one), a 5 s busy timeout and
    /// `foreign_keys=ON`.
    ///
    /// Refuses a database whose schema version is newer than [`SCHEMA_VERSION`] (written by a
    /// newer dyad), and a file that is not a dyad database.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open(&path).map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(e, &path))?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| classify(e, &path))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Open {
                path: path.clone(),
                source: rusqlite::Error::InvalidParameterName(format!(
                    "journal_mode stayed {mode:?} instead of WAL (is the file on a network drive?)"
                )),
            });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| classify(e, &path))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| classify(e, &path))?;
        schema::migrate(&mut conn, &path)?;
        register_functions(&conn)?;
        Ok(Store {
            conn,
            path,
            read_only: false,
        })
    }

    /// Opens an existing database for reading only. Readers are not blocked by a writer's
    /// transaction: they see the database as of the last commit. Fails when the file does not
    /// exist, is not a dyad database, or has another schema version than this code's (a newer
    /// one needs a newer dyad; an older one must first be opened for writing to migrate it).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(Error::NotFound(path));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(e, &path))?;
        let found = schema::version(&conn, &path)?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::SchemaTooOld {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        register_functions(&conn)?;
        Ok(Store {
            conn,
            path,
            read_only: true,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn, &self.path)
    }

    /// True when an article with this content hash ([`content_hash`] of its raw text) is
    /// stored: the CLI can skip such an article before running the pipeline on it. A database
    /// error answers `false`, which is safe: [`Store::ingest`] checks the hash again.
    pub fn contains_hash(&self, hash: &str) -> bool {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")
            .and_then(|mut s| s.exists([hash]))
            .unwrap_or(false)
    }

    /// A stored article's metadata, or `None` when no article has this id.
    pub fn article(&self, id: &str) -> Result<Option<ArticleMeta>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, content_hash, url, title, outlet, published, ingested_at
             FROM articles WHERE id = ?1",
        )?;
        stmt.query_row([id], |r| {
            Ok(ArticleMeta {
                id: r.get(0)?,
                content_hash: r.get(1)?,
                url: r.get(2)?,
                title: r.get(3)?,
                outlet: r.get(4)?,
                published: r.get(5)?,
                ingested_at: r.get(6)?,
            })
        })
        .optional()
        .map_err(|e| classify(e, &self.path))
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<StoreCounts> {
        let n = |table: &str| -> Result<u64> {
            // Table names come from the fixed list below, never from input.
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let v: i64 = self
                .conn
                .query_row(&sql, [], |r| r.get(0))
                .map_err(|e| classify(e, &self.path))?;
            Ok(v as u64)
        };
        Ok(StoreCounts {
            articles: n("articles")?,
            sentences: n("sentences")?,
            events: n("events")?,
            actors: n("actors")?,
            places: n("places")?,
        })
    }

    /// Writes a batch of documents in **one** transaction: each article (metadata and cleaned
    /// text), its sentences, actor and place mentions and events. The caller chooses the batch
    /// size (a few hundred articles is a good trade between speed and work lost to a crash).
    ///
    /// - An article whose content hash is already stored, or appeared earlier in the batch, is
    ///   skipped with all its layers: re-ingesting the same input adds nothing.
    /// - An article id already stored with a *different* text, or an event id already stored
    ///   for a different event, fails the call ([`Error::ArticleIdConflict`],
    ///   [`Error::DuplicateEvent`]) and the transaction is rolled back: nothing of the batch is
    ///   written. An event repeated identically within one document is stored once.
    /// - A process killed in the middle leaves the database as it was before the call.
    pub fn ingest(&mut self, docs: &[Document]) -> Result<IngestStats> {
        if self.read_only {
            return Err(Error::ReadOnly(self.path.clone()));
        }
        let ingested_at = now_utc();
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(e, &path))?;
        let mut stats = IngestStats::default();
        for doc in docs {
            match write_document(&tx, doc, &ingested_at) {
                Ok(Some(events)) => {
                    stats.articles_added += 1;
                    stats.events_added += events;
                }
                Ok(None) => stats.articles_skipped_existing += 1,
                Err(e) => {
                    // Dropping `tx` rolls the whole batch back.
                    return Err(match e {
                        Error::Sqlite(e) if is_busy(&e) => classify(e, &path),
                        e => e,
                    });
                }
            }
        }
        tx.commit().map_err(|e| classify(e, &path))?;
        Ok(stats)
    }
}

/// Writes one document; `None` when its text is already stored.
fn write_document(tx: &Transaction<'_>, doc: &Document, ingested_at: &str) -> Result<Option<u64>> {
    let article = &doc.article;
    let hash = content_hash(&article.text);
    if tx
        .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")?
        .exists([&hash])?
    {
        return Ok(None);
    }
    let existing: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")?
        .query_row([&article.id], |r| r.get(0))
        .optional()?;
    if existing.is_some() {
        return Err(Error::ArticleIdConflict {
            id: article.id.clone(),
        });
    }
    tx.prepare_cached(
        "INSERT INTO articles (id, content_hash, url, title, outlet, published, text, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        article.id,
        hash,
        article.url,
        article.title,
        doc.outlet(),
        article.published.map(|p| p.to_string()),
        doc.text,
        ingested_at,
    ])?;

    let mut sentence = tx.prepare_cached(
        "INSERT INTO sentences (article_id, idx, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        sentence.execute(params![
            article.id,
            i as i64,
            s.start,
            s.end,
            doc.sentence_text(s)
        ])?;
    }

    let mut actor = tx.prepare_cached(
        "INSERT INTO actors (article_id, start, \"end\", text, code, name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in &doc.actors {
        actor.execute(params![article.id, a.start, a.end, a.text, a.code, a.name])?;
    }

    let mut place = tx.prepare_cached(
        "INSERT INTO places (article_id, start, \"end\", text, name, country, lat, lon, feature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for p in &doc.places {
        place.execute(params![
            article.id, p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.feature
        ])?;
    }

    let mut written: HashMap<&str, &Event> = HashMap::new();
    let mut events = 0;
    for e in &doc.events {
        if let Some(prev) = written.get(e.id.as_str()) {
            if *prev == e {
                continue;
            }
            return Err(Error::DuplicateEvent {
                id: e.id.clone(),
                article_id: article.id.clone(),
            });
        }
        insert_event(tx, &article.id, e)?;
        written.insert(&e.id, e);
        events += 1;
    }
    Ok(Some(events))
}

/// Inserts one event under `article_id` (the document's article).
fn insert_event(tx: &Transaction<'_>, article_id: &str, e: &Event) -> Result<()> {
    let json = serde_json::to_string(e).map_err(|source| Error::Serialize {
        id: e.id.clone(),
        source,
    })?;
    let loc = e.location.as_ref();
    let att = e.attribution.as_ref();
    let target = e.target.as_ref();
    let r = tx
        .prepare_cached(
            "INSERT INTO events (id, article_id, sentence_index, date, date_precision,
                source_code, source_text, target_code, target_text, cameo, cameo_root,
                quad_class, goldstein, plover_event, location_name, location_country, lat, lon,
                outlet, speaker, hedged, negated, future, hypothetical, rule_dictionary,
                rule_line, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
        )?
        .execute(params![
            e.id,
            article_id,
            e.sentence_index,
            e.date,
            precision_str(e.date_precision),
            e.source.code,
            e.source.text,
            target.and_then(|t| t.code.as_deref()),
            target.map(|t| t.text.as_str()),
            e.cameo,
            e.cameo_root,
            e.quad_class,
            e.goldstein,
            e.plover.event,
            loc.map(|l| l.name.as_str()),
            loc.and_then(|l| l.country.as_deref()),
            loc.and_then(|l| l.lat),
            loc.and_then(|l| l.lon),
            att.and_then(|a| a.outlet.as_deref()),
            att.and_then(|a| a.speaker.as_deref()),
            att.map(|a| a.hedged),
            e.modality.negated,
            e.modality.future,
            e.modality.hypothetical,
            e.rule.dictionary,
            e.rule.line,
            json,
        ]);
    match r {
        Ok(_) => Ok(()),
        Err(err)
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
                && err.sqlite_extended_error_code()
                    == Some(rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY) =>
        {
            Err(Error::DuplicateEvent {
                id: e.id.clone(),
                article_id: article_id.to_string(),
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// `DatePrecision` as written in the event schema.
pub(crate) fn precision_str(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
        DatePrecision::Approximate => "approximate",
        DatePrecision::Publication => "publication",
        DatePrecision::Unknown => "unknown",
    }
}

/// Now, UTC, to the second: `2024-05-01T10:20:30Z`.
fn now_utc() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Mean Earth radius (IUGG), km.
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two WGS84 points (haversine formula).
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Registers `dyad_km(lat1, lon1, lat2, lon2)`, the exact distance check behind
/// `EventFilter::near` (NULL when any argument is NULL).
fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "dyad_km",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut v = [0.0f64; 4];
            for (i, slot) in v.iter_mut().enumerate() {
                match ctx.get::<Option<f64>>(i)? {
                    Some(x) => *slot = x,
                    None => return Ok(None),
                }
            }
            Ok(Some(haversine_km(v[0], v[1], v[2], v[3])))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_sha256_hex() {
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// An event at (lat, lon) in `country`, with CAMEO code `cameo`.
    fn event(id: &str, cameo: &str, country: &str, lat: f64, lon: f64) -> Event {
        let v = serde_json::json!({
            "id": id, "article_id": "old", "sentence_index": 0, "sentence": "S.",
            "source": {"text": "junta", "code": "NERMIL"}, "target": null,
            "cameo": cameo, "cameo_root": &cameo[..2], "quad_class": 4, "goldstein": -10.0,
            "plover": {"event": null, "mode": null, "context": []},
            "date": "2023-08-01", "date_precision": "day", "date_text": null,
            "location": {"name": "P", "country": country, "lat": lat, "lon": lon,
                         "feature": "city", "basis": "clause"},
            "attribution": null,
            "modality": {"negated": false, "future": false, "hypothetical": false},
            "evidence": {"verb": {"token_start": 0, "token_end": 1, "start": 0, "end": 1,
                                  "text": "S"}, "source": null, "target": null},
            "rule": {"dictionary": "d", "line": 1, "pattern": "p"}
        });
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_version_2_database_migrates_to_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        // A database as schema version 2 wrote it, with events in it.
        {
            let mut conn = Connection::open(&path).unwrap();
            schema::migrate_to(&mut conn, &path, 2).unwrap();
            assert_eq!(schema::version(&conn, &path).unwrap(), 2);
            let mut doc = Document::new(dyad_doc::Article::new("old", "S."));
            doc.text = "S.".into();
            doc.events = vec![
                event("damascus", "190", "SYR", 33.5138, 36.2765),
                event("aleppo", "193", "SYR", 36.2021, 37.1343),
                event("niamey", "190", "NER", 13.5116, 2.1254),
            ];
            let tx = conn.transaction().unwrap();
            assert_eq!(
                write_document(&tx, &doc, "2024-01-01T00:00:00Z").unwrap(),
                Some(3)
            );
            tx.commit().unwrap();
        }
        // A reader refuses it until a writer has migrated it.
        assert!(matches!(
            Store::open_read_only(&path).unwrap_err(),
            Error::SchemaTooOld { found: 2, .. }
        ));
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), crate::SCHEMA_VERSION);
        let cells: Vec<(String, i64)> = store
            .conn
            .prepare("SELECT id, cell FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Rows and columns of 1° cells from (-90, -180): Aleppo (36.2, 37.1) is 126 * 360 + 217.
        assert_eq!(cells[0], ("aleppo".to_string(), 126 * 360 + 217));
        assert_eq!(cells[1], ("damascus".to_string(), 123 * 360 + 216));
        let near = |store: &Store| {
            let f = crate::EventFilter {
                near: Some((33.5, 36.3, 350.0)),
                ..Default::default()
            };
            store
                .query(&f)
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(near(&store), ["aleppo", "damascus"]);
        let root_country = crate::EventFilter {
            root: Some("19".into()),
            country: Some("SYR".into()),
            negated: Some(false),
            limit: Some(1),
            ..Default::default()
        };
        assert_eq!(store.count(&root_country).unwrap(), 2);
        assert_eq!(store.query(&root_country).unwrap()[0].id, "aleppo");
        // What is ingested after the migration is found by the new indexes too.
        let mut doc = Document::new(dyad_doc::Article::new("new", "T."));
        doc.text = "T.".into();
        let mut homs = event("homs", "190", "SYR", 34.7324, 36.7137);
        homs.article_id = "new".into();
        doc.events = vec![homs];
        store.ingest(&[doc]).unwrap();
        assert_eq!(near(&store), ["aleppo", "damascus", "homs"]);
        assert_eq!(store.count(&root_country).unwrap(), 3);
        // The version 2 indexes that version 3 replaced are gone.
        let old: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN
                 ('events_lat_lon', 'events_date', 'events_country', 'events_dyad_date')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
        // Version 4: events by place, from the place index alone.
        let plan: String = store
            .conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT location_name, COUNT(*), SUM(quad_class = 4)
                 FROM events WHERE negated = 0 AND location_name IS NOT NULL
                 GROUP BY location_name, location_country, lat, lon",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX events_place_cover"), "{plan}");
        let places = store.places(&crate::EventFilter::default(), 10).unwrap();
        assert_eq!(places.len(), 4);
    }

    #[test]
    fn haversine_matches_known_distances() {
        // Niamey to Abuja: about 770 km.
        let d = haversine_km(13.5137, 2.1098, 9.0579, 7.4951);
        assert!((d - 770.0).abs() < 40.0, "{d}");
        assert!(haversine_km(10.0, 10.0, 10.0, 10.0).abs() < 1e-9);
        // A quarter of the equator.
        let q = haversine_km(0.0, 0.0, 0.0, 90.0);
        assert!((q - EARTH_RADIUS_KM * std::f64::consts::FRAC_PI_2).abs() < 1e-6);
    }
}
