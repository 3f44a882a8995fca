//! Read-only lookups for the API server (`dyad serve`, crates/dyad-serve): one event by id, a
//! stored article's cleaned text, a sentence's span, an article's place mentions, and events
//! grouped by place. Like everything in the store, values reach SQL as bound parameters only.

use dyad_doc::{Event, PlaceMention};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

use crate::error::{Error, Result};
use crate::filter::EventFilter;
use crate::schema::classify;
use crate::store::Store;

/// One place and the events located there (see [`Store::places`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCount {
    /// The gazetteer's name of the place (`location.name`).
    pub name: String,
    /// Its country, ISO 3166 alpha-3.
    pub country: Option<String>,
    /// WGS84 latitude, degrees.
    pub lat: Option<f64>,
    /// WGS84 longitude, degrees.
    pub lon: Option<f64>,
    /// Number of events located there.
    pub events: u64,
    /// Events per quad class: `[verbal cooperation, material cooperation, verbal conflict,
    /// material conflict]`.
    pub quad: [u64; 4],
    /// Mean Goldstein score of those events.
    pub goldstein_mean: f64,
}

impl Store {
    /// One stored event by id, read back from its stored JSON; `None` when no event has it.
    pub fn event(&self, id: &str) -> Result<Option<Event>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM events WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| classify(e, &self.path))?;
        match json {
            None => Ok(None),
            Some(json) => {
                serde_json::from_str(&json)
                    .map(Some)
                    .map_err(|source| Error::BadStoredEvent {
                        id: id.to_string(),
                        source,
                    })
            }
        }
    }

    /// A stored article's cleaned text (the text every offset points into); `None` when no
    /// article has this id.
    pub fn article_text(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT text FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| classify(e, &self.path))
    }

    /// The byte span `(start, end)` of sentence `index` (0-based) of an article in its cleaned
    /// text; `None` when there is no such sentence.
    pub fn sentence_span(&self, article_id: &str, index: u32) -> Result<Option<(u32, u32)>> {
        self.conn
            .prepare_cached(
                "SELECT start, \"end\" FROM sentences WHERE article_id = ?1 AND idx = ?2",
            )
            .and_then(|mut s| {
                s.query_row(rusqlite::params![article_id, index], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(|e| classify(e, &self.path))
    }

    /// The place mentions the place stage found in an article, in text order.
    pub fn article_places(&self, article_id: &str) -> Result<Vec<PlaceMention>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, \"end\", text, name, country, lat, lon, feature
                 FROM places WHERE article_id = ?1 ORDER BY start, \"end\"",
            )
            .map_err(|e| classify(e, &self.path))?;
        let rows = stmt
            .query_map([article_id], |r| {
                Ok(PlaceMention {
                    start: r.get(0)?,
                    end: r.get(1)?,
                    text: r.get(2)?,
                    name: r.get(3)?,
                    country: r.get(4)?,
                    lat: r.get(5)?,
                    lon: r.get(6)?,
                    feature: r.get(7)?,
                })
            })
            .map_err(|e| classify(e, &self.path))?;
        rows.map(|r| r.map_err(|e| classify(e, &self.path)))
            .collect()
    }

    /// The events that match `filter` grouped by their location (name, country and
    /// coordinates): most events first, ties by name, at most `limit`. Events without a
    /// location are left out. The filter's `limit`/`offset` are ignored.
    pub fn places(&self, filter: &EventFilter, limit: usize) -> Result<Vec<PlaceCount>> {
        let mut sql = filter.to_sql()?;
        sql.clauses.push("location_name IS NOT NULL".into());
        let text = format!(
            "SELECT location_name, location_country, lat, lon, COUNT(*),
                    SUM(quad_class = 1), SUM(quad_class = 2),
                    SUM(quad_class = 3), SUM(quad_class = 4),
                    AVG(goldstein)
             FROM events {}
             GROUP BY location_name, location_country, lat, lon
             ORDER BY COUNT(*) DESC, location_name, location_country, lat, lon
             LIMIT ?",
            sql.where_clause()
        );
        let mut params = sql.params;
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let mut stmt = self
            .conn
            .prepare_cached(&text)
            .map_err(|e| classify(e, &self.path))?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)? as u64) };
                Ok(PlaceCount {
                    name: r.get(0)?,
                    country: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    events: n(4)?,
                    quad: [n(5)?, n(6)?, n(7)?, n(8)?],
                    goldstein_mean: r.get(9)?,
                })
            })
            .map_err(|e| classify(e, &self.path))?;
        rows.map(|r| r.map_err(|e| classify(e, &self.path)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use dyad_doc::{
        Article, DatePrecision, Document, Event, EventActor, Evidence, Location, Modality,
        PlaceMention, Plover, Rule, Sentence, Span,
    };

    use crate::{EventFilter, Store};

    fn event(id: &str, quad: u8, goldstein: f64, place: Option<(&str, f64, f64)>) -> Event {
        let span = |start: u32, end: u32, text: &str| Span {
            token_start: 0,
            token_end: 1,
            start,
            end,
            text: text.into(),
        };
        Event {
            id: id.into(),
            article_id: "a1".into(),
            sentence_index: 0,
            sentence: "Kano police met Lagos traders.".into(),
            source: EventActor {
                text: "Kano police".into(),
                code: Some("NGACOP".into()),
            },
            target: None,
            cameo: if quad == 1 {
                "040".into()
            } else {
                "190".into()
            },
            cameo_root: if quad == 1 { "04".into() } else { "19".into() },
            quad_class: quad,
            goldstein,
            plover: Plover::default(),
            date: Some("2024-03-01".into()),
            date_precision: DatePrecision::Day,
            date_text: None,
            location: place.map(|(name, lat, lon)| Location {
                name: name.into(),
                country: Some("NGA".into()),
                lat: Some(lat),
                lon: Some(lon),
                feature: Some("city".into()),
                basis: Some("clause".into()),
            }),
            attribution: None,
            modality: Modality::default(),
            evidence: Evidence {
                verb: span(12, 15, "met"),
                source: Some(span(0, 11, "Kano police")),
                target: None,
            },
            rule: Rule {
                dictionary: "test".into(),
                line: 1,
                pattern: "MEET".into(),
                transform: None,
            },
        }
    }

    #[test]
    fn lookups_and_places() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        let text = "Kano police met Lagos traders.";
        let mut doc = Document::new(Article::new("a1", text));
        doc.text = text.into();
        doc.sentences.push(Sentence {
            start: 0,
            end: text.len() as u32,
            token_start: 0,
            token_end: 0,
        });
        doc.places.push(PlaceMention {
            start: 16,
            end: 21,
            text: "Lagos".into(),
            name: Some("Lagos".into()),
            country: Some("NGA".into()),
            lat: Some(6.45),
            lon: Some(3.39),
            feature: Some("city".into()),
        });
        doc.events = vec![
            event("e1", 1, 1.0, Some(("Lagos", 6.45, 3.39))),
            event("e2", 4, -10.0, Some(("Lagos", 6.45, 3.39))),
            event("e3", 1, 3.0, Some(("Kano", 12.0, 8.5))),
            event("e4", 1, 3.0, None),
        ];
        store.ingest(&[doc.clone()]).unwrap();

        assert_eq!(store.event("e2").unwrap().unwrap(), doc.events[1]);
        assert!(store.event("nope").unwrap().is_none());
        assert_eq!(store.article_text("a1").unwrap().as_deref(), Some(text));
        assert!(store.article_text("zz").unwrap().is_none());
        assert_eq!(store.sentence_span("a1", 0).unwrap(), Some((0, 30)));
        assert_eq!(store.sentence_span("a1", 1).unwrap(), None);
        assert_eq!(store.article_places("a1").unwrap(), doc.places);

        let places = store.places(&EventFilter::default(), 10).unwrap();
        assert_eq!(places.len(), 2);
        assert_eq!(places[0].name, "Lagos");
        assert_eq!(places[0].events, 2);
        assert_eq!(places[0].quad, [1, 0, 0, 1]);
        assert!((places[0].goldstein_mean + 4.5).abs() < 1e-9);
        assert_eq!(places[1].name, "Kano");
        let only_coop = EventFilter {
            root: Some("04".into()),
            ..Default::default()
        };
        let places = store.places(&only_coop, 1).unwrap();
        assert_eq!(places.len(), 1);
        assert_eq!((places[0].name.as_str(), places[0].events), ("Kano", 1));
    }
}
