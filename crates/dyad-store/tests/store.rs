//! The store end to end, on documents built by hand: ingest and re-ingest, filters, order and
//! pages, aggregates, schema versions, atomic batches, a reader beside a writer, exports.

use std::path::Path;

use dyad_doc::{
    ActorMention, Article, Attribution, DatePrecision, Document, Event, EventActor, Evidence,
    Location, Modality, PlaceMention, Plover, PloverRecord, Rule, Sentence, Span,
};
use dyad_store::export::{self, Format, CSV_HEADER, GDELT_COLUMNS};
use dyad_store::{content_hash, Error, EventFilter, Interval, Store};

const NIAMEY: (f64, f64) = (13.5116, 2.1254);
const ABUJA: (f64, f64) = (9.0579, 7.4951);
const NIGER: (f64, f64) = (17.6078, 8.0817);

/// A place: name, country, (lat, lon), feature, basis.
type Place = (
    &'static str,
    &'static str,
    (f64, f64),
    &'static str,
    &'static str,
);

/// What varies between the test events.
struct Ev {
    id: &'static str,
    sentence: u32,
    source: &'static str,
    target: &'static str,
    cameo: &'static str,
    quad: u8,
    goldstein: f64,
    date: Option<&'static str>,
    place: Option<Place>,
    attribution: Option<(Option<&'static str>, bool)>,
    negated: bool,
    plover: Option<&'static str>,
}

fn event(article_id: &str, sentences: &[&str], v: &Ev) -> Event {
    let span = |text: &str| Span {
        token_start: 0,
        token_end: 1,
        start: 0,
        end: text.len() as u32,
        text: text.to_string(),
    };
    Event {
        id: v.id.to_string(),
        article_id: article_id.to_string(),
        sentence_index: v.sentence,
        sentence: sentences[v.sentence as usize].to_string(),
        source: EventActor {
            text: format!("the {} side", v.source),
            code: Some(v.source.to_string()),
        },
        target: Some(EventActor {
            text: format!("the {} side", v.target),
            code: Some(v.target.to_string()),
        }),
        cameo: v.cameo.to_string(),
        cameo_root: v.cameo[..2].to_string(),
        quad_class: v.quad,
        goldstein: v.goldstein,
        plover: Plover {
            event: v.plover.map(str::to_string),
            mode: None,
            context: vec![],
        },
        date: v.date.map(str::to_string),
        date_precision: if v.date.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Unknown
        },
        date_text: v.date.map(|_| "on Sunday".to_string()),
        location: v
            .place
            .map(|(name, country, (lat, lon), feature, basis)| Location {
                name: name.into(),
                country: Some(country.into()),
                lat: Some(lat),
                lon: Some(lon),
                feature: Some(feature.into()),
                basis: Some(basis.into()),
            }),
        attribution: v.attribution.map(|(outlet, hedged)| Attribution {
            outlet: outlet.map(str::to_string),
            speaker: None,
            hedged,
            cue: hedged.then(|| "reportedly".to_string()),
        }),
        modality: Modality {
            negated: v.negated,
            future: false,
            hypothetical: false,
        },
        evidence: Evidence {
            verb: span("gave"),
            source: None,
            target: None,
        },
        rule: Rule {
            dictionary: "builtin:verbs.dyad".into(),
            line: 42,
            pattern: "give - * [week] to".into(),
            transform: None,
        },
    }
}

/// A document whose cleaned text is its sentences joined by spaces.
fn document(id: &str, url: &str, sentences: &[&str], evs: &[Ev]) -> Document {
    let text = sentences.join(" ");
    let mut doc = Document::new(Article {
        url: Some(url.into()),
        title: Some(format!("Title of {id}")),
        outlet: Some("Associated Press".into()),
        published: Some("2023-08-07".parse().unwrap()),
        ..Article::new(id, format!("RAW {text}"))
    });
    let mut start = 0u32;
    for s in sentences {
        let end = start + s.len() as u32;
        doc.sentences.push(Sentence {
            start,
            end,
            token_start: 0,
            token_end: 0,
        });
        start = end + 1;
    }
    doc.text = text;
    doc.actors.push(ActorMention {
        start: 0,
        end: 5,
        text: sentences[0][..5].to_string(),
        code: Some("NERMIL".into()),
        name: Some("Niger military".into()),
        rule: None,
    });
    doc.places.push(PlaceMention {
        start: 0,
        end: 6,
        text: "Niamey".into(),
        name: Some("Niamey".into()),
        country: Some("NER".into()),
        lat: Some(NIAMEY.0),
        lon: Some(NIAMEY.1),
        feature: Some("capital".into()),
    });
    doc.events = evs.iter().map(|v| event(id, sentences, v)).collect();
    doc
}

fn ev(id: &'static str, source: &'static str, target: &'static str) -> Ev {
    Ev {
        id,
        sentence: 0,
        source,
        target,
        cameo: "010",
        quad: 1,
        goldstein: 0.0,
        date: None,
        place: None,
        attribution: None,
        negated: false,
        plover: None,
    }
}

/// Three articles, seven events (e1..e7).
fn corpus() -> Vec<Document> {
    let niger = [
        "West African leaders on Sunday gave the junta one week to reinstate the president.",
        "The junta, in Niamey, condemned \"foreign interference\", the statement said.",
        "The junta denied attacking protesters in Niamey.",
        "The junta rejected the plan.",
    ];
    let nigeria = [
        "Nigeria's president reportedly plans to meet the junta in Abuja.",
        "Nigeria appealed to Niger, Reuters reported.",
    ];
    let mali = ["Mali's leaders visited the junta in Niamey."];
    vec![
        document(
            "niger-1",
            "https://news.example/niger-1",
            &niger,
            &[
                Ev {
                    cameo: "139",
                    quad: 3,
                    goldstein: -6.9,
                    date: Some("2023-07-30"),
                    place: Some(("Niger", "NER", NIGER, "country", "actor")),
                    attribution: Some((Some("Associated Press"), false)),
                    plover: Some("THREATEN"),
                    ..ev("e1", "IGOWAFWAS", "NERMIL")
                },
                Ev {
                    sentence: 1,
                    cameo: "111",
                    quad: 3,
                    goldstein: -2.0,
                    date: Some("2023-08-03"),
                    place: Some(("Niamey", "NER", NIAMEY, "capital", "clause")),
                    ..ev("e2", "NERMIL", "FRA")
                },
                Ev {
                    sentence: 2,
                    cameo: "180",
                    quad: 4,
                    goldstein: -9.0,
                    date: Some("2023-08-01"),
                    place: Some(("Niamey", "NER", NIAMEY, "capital", "clause")),
                    negated: true,
                    ..ev("e3", "NERMIL", "NERCVL")
                },
                Ev {
                    sentence: 3,
                    cameo: "120",
                    quad: 3,
                    goldstein: -4.0,
                    ..ev("e7", "NERMIL", "NERCVL")
                },
            ],
        ),
        document(
            "nigeria-1",
            "https://news.example/nigeria-1",
            &nigeria,
            &[
                Ev {
                    cameo: "036",
                    quad: 1,
                    goldstein: 4.0,
                    date: Some("2023-08-05"),
                    place: Some(("Abuja", "NGA", ABUJA, "capital", "clause")),
                    attribution: Some((None, true)),
                    ..ev("e4", "NGAGOV", "NERMIL")
                },
                Ev {
                    sentence: 1,
                    cameo: "0231",
                    quad: 1,
                    goldstein: 3.4,
                    date: Some("2023-08-05"),
                    attribution: Some((Some("Reuters"), false)),
                    ..ev("e5", "NGA", "NER")
                },
            ],
        ),
        document(
            "mali-1",
            "https://news.example/mali-1",
            &mali,
            &[Ev {
                cameo: "042",
                quad: 1,
                goldstein: 1.9,
                date: Some("2023-08-07"),
                place: Some(("Niamey", "NER", NIAMEY, "capital", "actor")),
                ..ev("e6", "MLIGOV", "NERMIL")
            }],
        ),
    ]
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("events.db")).unwrap();
    let stats = store.ingest(&corpus()).unwrap();
    assert_eq!(stats.articles_added, 3);
    assert_eq!(stats.events_added, 7);
    (dir, store)
}

fn ids(store: &Store, f: &EventFilter) -> Vec<String> {
    let mut v: Vec<String> = store.query(f).unwrap().into_iter().map(|e| e.id).collect();
    v.sort();
    v
}

fn f() -> EventFilter {
    EventFilter::default()
}

#[test]
fn reingest_adds_nothing_and_events_read_back_unchanged() {
    let (_dir, mut store) = fresh();
    let before = store.counts().unwrap();
    assert_eq!(before.articles, 3);
    assert_eq!(before.events, 7);
    assert_eq!(before.sentences, 7);
    assert_eq!(before.actors, 3);
    assert_eq!(before.places, 3);

    let again = store.ingest(&corpus()).unwrap();
    assert_eq!(again.articles_added, 0);
    assert_eq!(again.articles_skipped_existing, 3);
    assert_eq!(again.events_added, 0);
    assert_eq!(store.counts().unwrap(), before);

    // The same text under another id is the same article.
    let mut copy = corpus().remove(2);
    copy.article.id = "mali-copy".into();
    for e in &mut copy.events {
        e.id = format!("{}-copy", e.id);
    }
    let s = store.ingest(&[copy]).unwrap();
    assert_eq!((s.articles_added, s.articles_skipped_existing), (0, 1));

    let docs = corpus();
    assert!(store.contains_hash(&content_hash(&docs[0].article.text)));
    assert!(!store.contains_hash(&content_hash("never seen")));

    let mut stored = store.query(&f()).unwrap();
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    let mut orig: Vec<Event> = docs.into_iter().flat_map(|d| d.events).collect();
    orig.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored, orig);

    let meta = store.article("nigeria-1").unwrap().unwrap();
    assert_eq!(meta.url.as_deref(), Some("https://news.example/nigeria-1"));
    assert_eq!(meta.published.as_deref(), Some("2023-08-07"));
    assert_eq!(meta.outlet.as_deref(), Some("Associated Press"));
    assert_eq!(meta.ingested_at.len(), 20, "{}", meta.ingested_at);
    assert!(store.article("nope").unwrap().is_none());
}

#[test]
fn filters_select_the_right_events() {
    let (_dir, store) = fresh();
    let q = |f: EventFilter| ids(&store, &f);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();

    assert_eq!(
        q(EventFilter {
            source: Some("NER*".into()),
            ..f()
        }),
        s(&["e2", "e3", "e7"])
    );
    assert_eq!(
        q(EventFilter {
            source: Some("NER".into()),
            ..f()
        }),
        s(&[])
    );
    // `_` in a prefix is a literal, not LIKE's any-character.
    assert_eq!(
        q(EventFilter {
            source: Some("NE_*".into()),
            ..f()
        }),
        s(&[])
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("NGA*".into()),
            ..f()
        }),
        s(&["e4", "e5"])
    );
    assert_eq!(
        q(EventFilter {
            target: Some("NER*".into()),
            ..f()
        })
        .len(),
        6
    );
    // A dyad.
    assert_eq!(
        q(EventFilter {
            source: Some("NGAGOV".into()),
            target: Some("NERMIL".into()),
            ..f()
        }),
        s(&["e4"])
    );
    assert_eq!(
        q(EventFilter {
            root: Some("13".into()),
            ..f()
        }),
        s(&["e1"])
    );
    assert_eq!(
        q(EventFilter {
            cameo_prefix: Some("02".into()),
            ..f()
        }),
        s(&["e5"])
    );
    assert_eq!(
        q(EventFilter {
            cameo: Some("036".into()),
            ..f()
        }),
        s(&["e4"])
    );
    assert_eq!(
        q(EventFilter {
            plover: Some("THREATEN".into()),
            ..f()
        }),
        s(&["e1"])
    );
    // Dates, inclusive at both ends; undated events never match.
    assert_eq!(
        q(EventFilter {
            from: Some("2023-08-01".into()),
            to: Some("2023-08-05".into()),
            ..f()
        }),
        s(&["e2", "e3", "e4", "e5"])
    );
    assert_eq!(
        q(EventFilter {
            country: Some("NGA".into()),
            ..f()
        }),
        s(&["e4"])
    );
    // Within 100 km of Niamey: the Niamey events, not Niger's centre (~730 km) or Abuja.
    assert_eq!(
        q(EventFilter {
            near: Some((13.6, 2.0, 100.0)),
            ..f()
        }),
        s(&["e2", "e3", "e6"])
    );
    assert_eq!(
        q(EventFilter {
            near: Some((13.6, 2.0, 1000.0)),
            ..f()
        }),
        s(&["e1", "e2", "e3", "e4", "e6"])
    );
    // Unhedged includes events without attribution.
    assert_eq!(
        q(EventFilter {
            hedged: Some(false),
            ..f()
        }),
        s(&["e1", "e2", "e3", "e5", "e6", "e7"])
    );
    assert_eq!(
        q(EventFilter {
            hedged: Some(true),
            ..f()
        }),
        s(&["e4"])
    );
    assert_eq!(
        q(EventFilter {
            negated: Some(true),
            ..f()
        }),
        s(&["e3"])
    );
    assert_eq!(
        store
            .count(&EventFilter {
                negated: Some(false),
                ..f()
            })
            .unwrap(),
        6
    );
    // Conditions combine.
    assert_eq!(
        q(EventFilter {
            source: Some("NER*".into()),
            near: Some((NIAMEY.0, NIAMEY.1, 10.0)),
            negated: Some(false),
            ..f()
        }),
        s(&["e2"])
    );
}

#[test]
fn near_handles_the_antimeridian_and_poles() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("e.db")).unwrap();
    let fiji = Ev {
        date: Some("2023-01-01"),
        place: Some(("Suva", "FJI", (-18.1416, 178.4419), "capital", "clause")),
        ..ev("fj", "FJIGOV", "TON")
    };
    let samoa = Ev {
        sentence: 1,
        date: Some("2023-01-01"),
        place: Some(("Apia", "WSM", (-13.8333, -171.7667), "capital", "clause")),
        ..ev("ws", "WSMGOV", "TON")
    };
    let pole = Ev {
        sentence: 2,
        date: Some("2023-01-01"),
        place: Some(("Pole", "ATA", (-89.9, 10.0), "region", "clause")),
        ..ev("po", "USA", "NZL")
    };
    store
        .ingest(&[document(
            "pacific",
            "u",
            &["Fiji met Tonga.", "Samoa met Tonga.", "At the pole."],
            &[fiji, samoa, pole],
        )])
        .unwrap();
    // Tonga's capital, west of the antimeridian: Suva ~ 770 km, Apia ~ 900 km.
    let near = |lat, lon, km| {
        ids(
            &store,
            &EventFilter {
                near: Some((lat, lon, km)),
                ..f()
            },
        )
    };
    assert_eq!(near(-21.1394, -175.2049, 1000.0), ["fj", "ws"]);
    assert_eq!(near(-21.1394, -175.2049, 800.0), ["fj"]);
    assert_eq!(near(-90.0, 0.0, 50.0), ["po"]);
    assert!(near(0.0, 0.0, 0.0).is_empty());
}

#[test]
fn order_is_stable_and_pages_tile_the_result() {
    let (_dir, store) = fresh();
    let all: Vec<String> = store
        .query(&f())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    // By date, ties (e4, e5 on 2023-08-05) by id, undated (e7) last.
    assert_eq!(all, ["e1", "e3", "e2", "e4", "e5", "e6", "e7"]);
    let mut paged = Vec::new();
    for page in 0..4 {
        let p = store
            .query(&EventFilter {
                limit: Some(2),
                offset: Some(page * 2),
                ..f()
            })
            .unwrap();
        assert!(p.len() <= 2);
        paged.extend(p.into_iter().map(|e| e.id));
    }
    assert_eq!(paged, all);
    let only_offset = store
        .query(&EventFilter {
            offset: Some(5),
            ..f()
        })
        .unwrap();
    assert_eq!(only_offset.len(), 2);
    // The count ignores pagination.
    assert_eq!(
        store
            .count(&EventFilter {
                limit: Some(1),
                ..f()
            })
            .unwrap(),
        7
    );
}

#[test]
fn aggregates() {
    let (_dir, store) = fresh();
    let d = store.dyads(&f(), 10).unwrap();
    assert_eq!(d.len(), 6);
    assert_eq!(
        (d[0].source.as_str(), d[0].target.as_str()),
        ("NERMIL", "NERCVL")
    );
    assert_eq!(d[0].events, 2);
    assert!((d[0].goldstein_mean - (-6.5)).abs() < 1e-9);
    assert!(d[1..].iter().all(|x| x.events == 1));
    // Without negated events that dyad has one event left.
    let asserted = EventFilter {
        negated: Some(false),
        ..f()
    };
    let d = store.dyads(&asserted, 2).unwrap();
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|x| x.events == 1));

    let a = store.actors(&f(), 3).unwrap();
    assert_eq!(a[0], ("NERMIL".to_string(), 6));
    assert_eq!(a[1], ("NERCVL".to_string(), 2));
    assert_eq!(a.len(), 3);
    let a = store
        .actors(
            &EventFilter {
                actor: Some("NGA*".into()),
                ..f()
            },
            10,
        )
        .unwrap();
    assert_eq!(
        a,
        [
            ("NER".to_string(), 1),
            ("NERMIL".to_string(), 1),
            ("NGA".to_string(), 1),
            ("NGAGOV".to_string(), 1)
        ]
    );

    // Everyone → NERMIL, per day: 2023-07-30 .. 2023-08-07 with gaps as zeros.
    let daily = store.series("*", "NERMIL", &f(), Interval::Day).unwrap();
    assert_eq!(daily.len(), 9);
    assert_eq!(daily[0].period, "2023-07-30");
    assert_eq!(daily[0].quad, [0, 0, 1, 0]);
    assert_eq!(daily[1].quad, [0; 4]);
    assert_eq!(daily[6].period, "2023-08-05");
    assert_eq!(daily[6].quad, [1, 0, 0, 0]);
    assert!((daily[6].goldstein_sum - 4.0).abs() < 1e-9);
    assert_eq!(daily[8].period, "2023-08-07");

    // Per week (Mondays): Sunday 07-30 belongs to the week of 07-24.
    let weekly = store.series("*", "NERMIL", &f(), Interval::Week).unwrap();
    let periods: Vec<&str> = weekly.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(periods, ["2023-07-24", "2023-07-31", "2023-08-07"]);
    assert_eq!(weekly[0].quad, [0, 0, 1, 0]);
    assert_eq!(weekly[1].quad, [1, 0, 0, 0]);
    // Per month (first days): July and August.
    let monthly = store.series("*", "NERMIL", &f(), Interval::Month).unwrap();
    let periods: Vec<&str> = monthly.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(periods, ["2023-07-01", "2023-08-01"]);
    assert_eq!(monthly[0].quad, weekly[0].quad);
    assert_eq!(
        monthly.iter().map(|p| p.quad).collect::<Vec<_>>(),
        [
            [0, 0, 1, 0],
            [weekly[1].quad, weekly[2].quad]
                .iter()
                .fold([0; 4], |a, q| [
                    a[0] + q[0],
                    a[1] + q[1],
                    a[2] + q[2],
                    a[3] + q[3]
                ])
        ]
    );

    let nga = store.series("NGA*", "NER*", &f(), Interval::Day).unwrap();
    assert_eq!(nga.len(), 1);
    assert_eq!(nga[0].quad, [2, 0, 0, 0]);
    assert!((nga[0].goldstein_sum - 7.4).abs() < 1e-9);
    // Undated and negated events stay out when asked.
    let ner = store
        .series("NERMIL", "NERCVL", &asserted, Interval::Day)
        .unwrap();
    assert!(ner.is_empty());
}

fn set_version(path: &Path, v: u32) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
        [v.to_string()],
    )
    .unwrap();
}

#[test]
fn a_newer_schema_is_refused_and_foreign_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), dyad_store::SCHEMA_VERSION);
    }
    set_version(&path, 99);
    let e = Store::open(&path).unwrap_err();
    assert!(matches!(e, Error::SchemaTooNew { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("upgrade dyad"), "{e}");
    let e = Store::open_read_only(&path).unwrap_err();
    assert!(matches!(e, Error::SchemaTooNew { found: 99, .. }), "{e}");

    // Some other program's SQLite file.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER)")
        .unwrap();
    let e = Store::open(&other).unwrap_err();
    assert!(matches!(e, Error::NotADyadDatabase { .. }), "{e}");
    // Not SQLite at all.
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "these are not the events you are looking for\n".repeat(100),
    )
    .unwrap();
    let e = Store::open(&text).unwrap_err();
    assert!(matches!(e, Error::NotADyadDatabase { .. }), "{e}");
    // Missing, read-only.
    let e = Store::open_read_only(dir.path().join("missing.db")).unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e}");
}

#[test]
fn a_failed_batch_leaves_nothing_behind() {
    let (_dir, mut store) = fresh();
    let before = store.counts().unwrap();
    let good = document(
        "chad-1",
        "u",
        &["Chad mediated between the sides."],
        &[ev("c1", "TCDGOV", "NERMIL")],
    );
    // An article whose event reuses e1's id for another event.
    let bad = document(
        "chad-2",
        "u",
        &["Chad said more."],
        &[ev("e1", "TCDGOV", "NERMIL")],
    );
    let e = store.ingest(&[good.clone(), bad]).unwrap_err();
    assert!(
        matches!(&e, Error::DuplicateEvent { id, .. } if id == "e1"),
        "{e}"
    );
    assert!(e.to_string().contains("nothing from this batch"), "{e}");
    assert_eq!(store.counts().unwrap(), before);
    assert!(!store.contains_hash(&content_hash(&good.article.text)));

    // Two new articles sharing an event id within one batch.
    let twin = document(
        "chad-3",
        "u",
        &["Chad repeated itself."],
        &[ev("c1", "TCDGOV", "FRA")],
    );
    let e = store.ingest(&[good.clone(), twin]).unwrap_err();
    assert!(matches!(e, Error::DuplicateEvent { .. }), "{e}");
    assert_eq!(store.counts().unwrap(), before);

    // An article id already stored with another text.
    let clash = document("niger-1", "u", &["A different text."], &[]);
    let e = store.ingest(&[good.clone(), clash]).unwrap_err();
    assert!(matches!(e, Error::ArticleIdConflict { .. }), "{e}");
    assert_eq!(store.counts().unwrap(), before);

    // An event repeated identically in one document is stored once.
    let mut dup = good.clone();
    dup.events.push(dup.events[0].clone());
    let s = store.ingest(&[dup]).unwrap();
    assert_eq!((s.articles_added, s.events_added), (1, 1));

    // A connection dropped before commit leaves no partial article.
    {
        let c = rusqlite::Connection::open(store.path()).unwrap();
        c.execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO articles (id, content_hash, text, ingested_at)
                 VALUES ('half', 'h', 'x', 'now');
             INSERT INTO sentences (article_id, idx, start, \"end\", text)
                 VALUES ('half', 0, 0, 1, 'x');",
        )
        .unwrap();
    }
    assert!(store.article("half").unwrap().is_none());
    assert!(!store.contains_hash("h"));
}

#[test]
fn a_reader_is_not_blocked_by_a_writer_transaction() {
    let (_dir, mut store) = fresh();
    let path = store.path().to_path_buf();
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO articles (id, content_hash, text, ingested_at)
                 VALUES ('pending', 'p', 'x', 'now');",
        )
        .unwrap();

    // (A blocked read would fail with `Busy` after the 5 s timeout; these answer.)
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.count(&f()).unwrap(), 7);
    assert_eq!(reader.counts().unwrap().articles, 3); // the uncommitted article is not seen
    assert_eq!(reader.dyads(&f(), 1).unwrap().len(), 1);
    assert!(reader.is_read_only());
    let e = Store::open_read_only(&path)
        .unwrap()
        .ingest(&corpus())
        .unwrap_err();
    assert!(matches!(e, Error::ReadOnly(_)), "{e}");

    // A second writer waits for the busy timeout, then gives up with a clear error.
    let extra = document("late", "u", &["Late news."], &[]);
    let e = store.ingest(std::slice::from_ref(&extra)).unwrap_err();
    assert!(matches!(e, Error::Busy { .. }), "{e}");

    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.counts().unwrap().articles, 4);
    assert_eq!(store.ingest(&[extra]).unwrap().articles_added, 1);
}

#[test]
fn hostile_filter_values_are_harmless() {
    let (_dir, store) = fresh();
    let evil = "NER'; DROP TABLE events;--";
    for v in [
        evil.to_string(),
        format!("{evil}*"),
        "%".into(),
        "%*".into(),
    ] {
        let filter = EventFilter {
            source: Some(v.clone()),
            actor: Some(v.clone()),
            country: Some(v.clone()),
            cameo_prefix: Some(v.clone()),
            plover: Some(v.clone()),
            ..f()
        };
        assert!(store.query(&filter).unwrap().is_empty(), "{v}");
        assert_eq!(store.count(&filter).unwrap(), 0);
        assert!(store.dyads(&filter, 5).unwrap().is_empty());
        assert!(store
            .series(&v, &v, &f(), Interval::Week)
            .unwrap()
            .is_empty());
    }
    assert_eq!(store.counts().unwrap().events, 7);
    let e = store
        .query(&EventFilter {
            from: Some("2023-01-01' OR 1=1 --".into()),
            ..f()
        })
        .unwrap_err();
    assert!(matches!(e, Error::InvalidFilter(_)), "{e}");
}

fn export(store: &Store, format: Format) -> String {
    let mut out = Vec::new();
    let n = store.export(&f(), format, &mut out).unwrap();
    assert_eq!(n, 7);
    String::from_utf8(out).unwrap()
}

#[test]
fn gdelt_export_has_61_columns_with_dates_and_codes() {
    let (_dir, store) = fresh();
    let text = export(&store, Format::Gdelt);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7);
    for l in &lines {
        assert_eq!(l.split('\t').count(), 61, "{l}");
    }
    let col = |row: &[&str], name: &str| -> String {
        let i = GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
        row[i].to_string()
    };
    // e1 comes first (earliest date).
    let r: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(
        col(&r, "GLOBALEVENTID"),
        export::gdelt_event_id("e1").to_string()
    );
    assert_eq!(col(&r, "SQLDATE"), "20230730");
    assert_eq!(col(&r, "MonthYear"), "202307");
    assert_eq!(col(&r, "Year"), "2023");
    assert_eq!(col(&r, "FractionDate"), "2023.5781");
    assert_eq!(col(&r, "Actor1Code"), "IGOWAFWAS");
    assert_eq!(col(&r, "Actor1Name"), "THE IGOWAFWAS SIDE");
    assert_eq!(col(&r, "Actor1CountryCode"), "");
    assert_eq!(col(&r, "Actor1KnownGroupCode"), "WAS");
    assert_eq!(col(&r, "Actor1Type1Code"), "IGO");
    assert_eq!(col(&r, "Actor2Code"), "NERMIL");
    assert_eq!(col(&r, "Actor2CountryCode"), "NER");
    assert_eq!(col(&r, "Actor2Type1Code"), "MIL");
    assert_eq!(col(&r, "IsRootEvent"), "1");
    assert_eq!(col(&r, "EventCode"), "139");
    assert_eq!(col(&r, "EventBaseCode"), "139");
    assert_eq!(col(&r, "EventRootCode"), "13");
    assert_eq!(col(&r, "QuadClass"), "3");
    assert_eq!(col(&r, "GoldsteinScale"), "-6.9");
    assert_eq!(col(&r, "NumMentions"), "1");
    assert_eq!(col(&r, "AvgTone"), "");
    // Located by the source's country: also Actor1's place.
    assert_eq!(col(&r, "ActionGeo_Type"), "1");
    assert_eq!(col(&r, "ActionGeo_CountryCode"), "NER");
    assert_eq!(col(&r, "ActionGeo_FullName"), "Niger");
    assert_eq!(col(&r, "ActionGeo_Lat"), NIGER.0.to_string());
    assert_eq!(col(&r, "Actor1Geo_Type"), "1");
    assert_eq!(col(&r, "Actor2Geo_Type"), "0");
    let added = col(&r, "DATEADDED");
    assert_eq!(added.len(), 14);
    assert!(added.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(col(&r, "SOURCEURL"), "https://news.example/niger-1");

    // e5: a four-digit code, no location.
    let r: Vec<&str> = lines[4].split('\t').collect();
    assert_eq!(col(&r, "EventCode"), "0231");
    assert_eq!(col(&r, "EventBaseCode"), "023");
    assert_eq!(col(&r, "EventRootCode"), "02");
    assert_eq!(col(&r, "Actor1CountryCode"), "NGA");
    assert_eq!(col(&r, "ActionGeo_Type"), "0");
    assert_eq!(col(&r, "ActionGeo_FullName"), "");
    assert_eq!(col(&r, "SOURCEURL"), "https://news.example/nigeria-1");

    // e6: a visit located by the host: Actor2's place; a capital is a world city.
    let r: Vec<&str> = lines[5].split('\t').collect();
    assert_eq!(col(&r, "ActionGeo_Type"), "4");
    assert_eq!(col(&r, "Actor2Geo_Type"), "4");
    assert_eq!(col(&r, "Actor1Geo_Type"), "0");

    // e7: undated.
    let r: Vec<&str> = lines[6].split('\t').collect();
    assert_eq!(col(&r, "SQLDATE"), "");
    assert_eq!(col(&r, "Year"), "");

    // The same rows without the store: no URL, DATEADDED from the event date.
    let events = store.query(&f()).unwrap();
    let mut out = Vec::new();
    export::gdelt(&mut out, &events, |_| None).unwrap();
    let first = String::from_utf8(out).unwrap();
    let r: Vec<&str> = first.lines().next().unwrap().split('\t').collect();
    assert_eq!(col(&r, "DATEADDED"), "20230730000000");
    assert_eq!(col(&r, "SOURCEURL"), "");
}

#[test]
fn csv_export_parses_back() {
    let (_dir, store) = fresh();
    let text = export(&store, Format::Csv);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 7);
    let events = store.query(&f()).unwrap();
    let at = |name: &str| CSV_HEADER.iter().position(|c| *c == name).unwrap();
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row.len(), CSV_HEADER.len());
        assert_eq!(&row[at("id")], e.id);
        assert_eq!(&row[at("sentence")], e.sentence);
        assert_eq!(&row[at("cameo")], e.cameo);
        assert_eq!(row[at("goldstein")].parse::<f64>().unwrap(), e.goldstein);
    }
    // e2's sentence has quotes and commas; e4 is hedged; e2 has no attribution.
    let e2 = rows.iter().find(|r| &r[0] == "e2").unwrap();
    assert!(e2[at("sentence")].contains("\"foreign interference\","));
    assert_eq!(&e2[at("hedged")], "");
    let e4 = rows.iter().find(|r| &r[0] == "e4").unwrap();
    assert_eq!(&e4[at("hedged")], "true");
    assert_eq!(&e4[at("location_country")], "NGA");
}

#[test]
fn jsonl_and_plover_exports() {
    let (_dir, store) = fresh();
    let events = store.query(&f()).unwrap();
    let text = export(&store, Format::Jsonl);
    let back: Vec<Event> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, events);

    let text = export(&store, Format::Plover);
    let recs: Vec<PloverRecord> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 7);
    assert_eq!(recs[0], PloverRecord::from(&events[0]));
    assert_eq!(recs[0].event_type.as_deref(), Some("THREATEN"));

    // The iterator functions give the same bytes.
    let mut out = Vec::new();
    assert_eq!(export::jsonl(&mut out, &events).unwrap(), 7);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        export(&store, Format::Jsonl)
    );
    assert_eq!("GDELT".parse::<Format>().unwrap(), Format::Gdelt);
    assert!("xml".parse::<Format>().is_err());
}

#[test]
fn a_closed_database_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.ingest(&corpus()).unwrap();
    }
    // Closing the last connection removes the WAL files; a reader must still open it.
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.count(&f()).unwrap(), 7);
    assert_eq!(reader.query(&f()).unwrap()[0].id, "e1");
    assert!(reader.contains_hash(&content_hash(&corpus()[1].article.text)));
    // Reopening for writing keeps everything.
    drop(reader);
    assert_eq!(Store::open(&path).unwrap().counts().unwrap().events, 7);
}

/// Events for the escalation indicator: `(source, target, date, goldstein, negated)`.
fn trend_corpus(rows: &[(&'static str, &'static str, &'static str, f64, bool)]) -> Vec<Document> {
    let sentences = ["One side acted against the other."];
    let evs: Vec<Ev> = rows
        .iter()
        .enumerate()
        .map(|(i, &(source, target, date, goldstein, negated))| Ev {
            date: Some(date),
            goldstein,
            negated,
            quad: if goldstein < 0.0 { 4 } else { 1 },
            ..ev(format!("t{i:03}").leak(), source, target)
        })
        .collect();
    vec![document(
        "trend",
        "https://example.org/trend",
        &sentences,
        &evs,
    )]
}

#[test]
fn escalation_flags_a_sharp_drop_against_the_dyads_own_history() {
    use dyad_store::EscalationParams;
    let mut rows = Vec::new();
    // AAA -> BBB: cooperative through June, hostile in the last days of July.
    for (d, g) in [
        ("2023-06-01", 3.0),
        ("2023-06-04", 4.0),
        ("2023-06-08", 2.0),
        ("2023-06-12", 3.0),
        ("2023-06-15", 3.4),
        ("2023-06-20", 4.0),
        ("2023-06-25", 1.0),
        ("2023-06-28", 3.0),
    ] {
        rows.push(("AAA", "BBB", d, g, false));
    }
    for (d, g) in [
        ("2023-07-20", -7.0),
        ("2023-07-25", -8.0),
        ("2023-07-28", -5.0),
        ("2023-07-30", -7.0),
    ] {
        rows.push(("AAA", "BBB", d, g, false));
    }
    // CCC -> DDD: hostile all along, no change.
    for (i, d) in [
        "2023-05-01",
        "2023-05-10",
        "2023-06-01",
        "2023-06-10",
        "2023-06-20",
        "2023-07-01",
    ]
    .into_iter()
    .enumerate()
    {
        rows.push(("CCC", "DDD", d, -5.0 + (i % 2) as f64, false));
    }
    for d in ["2023-07-10", "2023-07-20", "2023-07-29"] {
        rows.push(("CCC", "DDD", d, -5.0, false));
    }
    // EEE -> FFF: the same drop as AAA -> BBB, but only two recent events: no verdict.
    for d in [
        "2023-06-01",
        "2023-06-05",
        "2023-06-09",
        "2023-06-13",
        "2023-06-17",
    ] {
        rows.push(("EEE", "FFF", d, 3.0, false));
    }
    rows.push(("EEE", "FFF", "2023-07-20", -8.0, false));
    rows.push(("EEE", "FFF", "2023-07-21", -8.0, false));
    // GGG -> HHH: recent events only (no history, no z).
    for d in ["2023-07-15", "2023-07-16", "2023-07-17"] {
        rows.push(("GGG", "HHH", d, -10.0, false));
    }
    // III -> JJJ: quiet for months: not listed.
    rows.push(("III", "JJJ", "2023-03-01", -10.0, false));
    // KKK -> LLL: history cooperative, recent hostile reports all negated ("did not attack").
    for d in [
        "2023-06-01",
        "2023-06-05",
        "2023-06-09",
        "2023-06-13",
        "2023-06-17",
    ] {
        rows.push(("KKK", "LLL", d, 3.0, false));
    }
    for d in ["2023-07-20", "2023-07-21", "2023-07-22"] {
        rows.push(("KKK", "LLL", d, -10.0, true));
    }
    rows.push(("KKK", "LLL", "2023-07-23", 3.0, false));

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("events.db")).unwrap();
    store.ingest(&trend_corpus(&rows)).unwrap();
    let asserted = EventFilter {
        negated: Some(false),
        ..f()
    };
    let p = EscalationParams::default();
    let out = store.escalation(&asserted, &p, 50).unwrap();
    assert_eq!(out.as_of.as_deref(), Some("2023-07-30"));
    assert_eq!(out.window_start.as_deref(), Some("2023-07-01"));
    let pairs: Vec<(&str, &str, bool)> = out
        .dyads
        .iter()
        .map(|d| (d.source.as_str(), d.target.as_str(), d.escalating))
        .collect();
    // Escalating first; then by z; no-z last; the quiet dyad absent.
    assert_eq!(pairs[0], ("AAA", "BBB", true));
    assert!(pairs[1..].iter().all(|&(_, _, esc)| !esc), "{pairs:?}");
    assert_eq!(pairs.last().unwrap().0, "GGG");
    assert!(!pairs.iter().any(|&(s, _, _)| s == "III"));
    let ab = &out.dyads[0];
    assert_eq!((ab.recent_events, ab.history_events), (4, 8));
    assert!((ab.recent_mean + 6.75).abs() < 1e-9);
    assert!((ab.history_mean.unwrap() - 2.925).abs() < 1e-9);
    let sd = ab.history_sd.unwrap();
    let want_z = (-6.75 - 2.925) / (sd.max(1.0) / 2.0);
    assert!((ab.z.unwrap() - want_z).abs() < 1e-9 && want_z < -2.0);
    let get = |s: &str| out.dyads.iter().find(|d| d.source == s).unwrap();
    // Steady hostility: recent mean equals the history's.
    assert!(get("CCC").z.unwrap().abs() < 1.0);
    // Too few recent events for a verdict, although z is far below -2.
    let ef = get("EEE");
    assert!(ef.z.unwrap() < -2.0 && !ef.escalating);
    assert!(get("GGG").z.is_none() && get("GGG").history_mean.is_none());
    // The negated reports are filtered out: one cooperative recent event is left.
    let kl = get("KKK");
    assert_eq!(kl.recent_events, 1);
    assert!(!kl.escalating);
    // Counting negated events too, they would make KKK -> LLL escalate.
    let all = store.escalation(&f(), &p, 50).unwrap();
    let kl = all.dyads.iter().find(|d| d.source == "KKK").unwrap();
    assert_eq!(kl.recent_events, 4);
    assert!(kl.escalating);

    // An as-of date from the filter moves the window: at the end of June AAA -> BBB is calm.
    let june = EventFilter {
        to: Some("2023-06-30".into()),
        ..asserted.clone()
    };
    let out = store.escalation(&june, &p, 50).unwrap();
    assert_eq!(out.window_start.as_deref(), Some("2023-06-01"));
    assert!(out.dyads.iter().all(|d| !d.escalating));
    // A window of zero days is refused; a limit truncates.
    let zero = EscalationParams {
        window_days: 0,
        ..p.clone()
    };
    assert!(matches!(
        store.escalation(&asserted, &zero, 50),
        Err(Error::InvalidFilter(_))
    ));
    assert_eq!(store.escalation(&asserted, &p, 2).unwrap().dyads.len(), 2);
    // Nothing dated selected: no as-of date, no dyads.
    let none = EventFilter {
        source: Some("ZZZ".into()),
        ..f()
    };
    let out = store.escalation(&none, &p, 50).unwrap();
    assert!(out.as_of.is_none() && out.dyads.is_empty());
}

#[test]
fn parquet_export_is_refused_or_reads_back() {
    let (_dir, store) = fresh();
    let mut out = Vec::new();
    let r = store.export(&f(), Format::Parquet, &mut out);
    if !cfg!(feature = "parquet") {
        let err = r.unwrap_err();
        assert!(matches!(err, Error::FormatNotBuilt("parquet")));
        assert!(err.to_string().contains("--features parquet"));
        assert!(Format::Parquet.check_built().is_err());
        return;
    }
    assert_eq!(r.unwrap(), 7);
    assert!(Format::Parquet.check_built().is_ok());
    #[cfg(feature = "parquet")]
    parquet_reads_back(out, &store);
}

#[cfg(feature = "parquet")]
fn parquet_reads_back(bytes: Vec<u8>, store: &Store) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 7);
    let names: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, CSV_HEADER);
    let events = store.query(&f()).unwrap();
    let rows: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        let get = |name: &str| {
            row.get_column_iter()
                .find(|(n, _)| n.as_str() == name)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get("id"), Field::Str(e.id.clone()));
        assert_eq!(get("goldstein"), Field::Double(e.goldstein));
        assert_eq!(get("quad_class"), Field::Int(i32::from(e.quad_class)));
        assert_eq!(get("negated"), Field::Bool(e.modality.negated));
        match (&e.date, get("date")) {
            (Some(d), Field::Date(days)) => {
                let back = jiff::civil::Date::constant(1970, 1, 1)
                    .checked_add(jiff::Span::new().days(i64::from(days)))
                    .unwrap();
                assert_eq!(back.to_string(), *d);
            }
            (None, Field::Null) => {}
            (d, v) => panic!("date {d:?} came back as {v:?}"),
        }
        match (e.attribution.as_ref(), get("hedged")) {
            (Some(a), Field::Bool(h)) => assert_eq!(a.hedged, h),
            (None, Field::Null) => {}
            (a, v) => panic!("hedged {a:?} came back as {v:?}"),
        }
        match (e.location.as_ref().and_then(|l| l.lat), get("lat")) {
            (Some(x), Field::Double(y)) => assert_eq!(x, y),
            (None, Field::Null) => {}
            (a, v) => panic!("lat {a:?} came back as {v:?}"),
        }
    }
}

/// A small deterministic generator (64-bit LCG, high bits) for the generated databases below.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.next(xs.len() as u64) as usize]
    }
}

/// The store's distance (haversine, mean Earth radius), written out again so the brute force
/// below decides exactly as `dyad_km` does.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// 3,000 events spread over the globe (cell edges, poles and the antimeridian included), some
/// without a place or a date, some negated, in a few countries and CAMEO roots.
fn generated_events() -> Vec<Event> {
    let mut rng = Lcg(7);
    let mut out = Vec::new();
    for i in 0..3000u64 {
        let lat = match rng.next(6) {
            0 => rng.next(181) as f64 - 90.0,
            1 => rng.pick(&[-90.0, 90.0, -89.99, 89.99, 0.0, 13.0, 14.0]),
            _ => rng.next(180_001) as f64 / 1000.0 - 90.0,
        };
        let lon = match rng.next(6) {
            0 => rng.next(361) as f64 - 180.0,
            1 => rng.pick(&[-180.0, 180.0, -179.999, 179.999, 0.0, 2.0, 3.0]),
            _ => rng.next(360_001) as f64 / 1000.0 - 180.0,
        };
        let cameo = rng.pick(&["010", "042", "111", "190", "193", "195"]);
        let v = Ev {
            cameo,
            date: match rng.next(8) {
                0 => None,
                n => Some(
                    [
                        "",
                        "2023-01-01",
                        "2023-01-02",
                        "2023-02-01",
                        "2024-06-30",
                        "2024-07-01",
                        "2025-12-31",
                        "2026-01-01",
                    ][n as usize],
                ),
            },
            place: (rng.next(10) > 0).then_some(("P", "XXX", (lat, lon), "city", "clause")),
            negated: rng.next(5) == 0,
            ..ev("x", "NER", "NGA")
        };
        let mut e = event("gen", &["Generated."], &v);
        e.id = format!("g{i:04}");
        if let Some(loc) = e.location.as_mut() {
            loc.country = Some(rng.pick(&["SYR", "NER", "MLI"]).to_string());
        }
        out.push(e);
    }
    out
}

/// The store's order: date (undated last), then id.
fn sorted(mut v: Vec<&Event>) -> Vec<String> {
    v.sort_by(|a, b| (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id)));
    v.into_iter().map(|e| e.id.clone()).collect()
}

/// Pages of `size` through the whole selection, concatenated: the paged query path.
fn paged(store: &Store, f: &EventFilter, size: u64) -> Vec<String> {
    let mut out = Vec::new();
    for page in 0.. {
        let p = store
            .query(&EventFilter {
                limit: Some(size),
                offset: Some(page * size),
                ..f.clone()
            })
            .unwrap();
        if p.is_empty() {
            break;
        }
        out.extend(p.into_iter().map(|e| e.id));
    }
    out
}

#[test]
fn near_and_indexed_filters_match_a_brute_force_scan() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("e.db")).unwrap();
    let events = generated_events();
    let mut doc = document("gen", "u", &["Generated."], &[]);
    doc.events = events.clone();
    assert_eq!(store.ingest(&[doc]).unwrap().events_added, 3000);

    let mut rng = Lcg(11);
    let mut nonempty = 0;
    for q in 0..80 {
        let lat = match q % 4 {
            0 => rng.pick(&[90.0, -90.0, 89.5, -89.9, 0.0, 13.0]),
            _ => rng.next(1801) as f64 / 10.0 - 90.0,
        };
        let lon = match q % 5 {
            0 => rng.pick(&[180.0, -180.0, 179.5, -179.9, 0.0, 2.0]),
            _ => rng.next(3601) as f64 / 10.0 - 180.0,
        };
        // From one cell to many (past the cell list's limit) to the whole Earth.
        let radius = rng.pick(&[0.0, 20.0, 150.0, 400.0, 1200.0, 3000.0, 8000.0, 25000.0]);
        let negated = [None, Some(false), Some(true)][q % 3];
        let from = (q % 7 == 0).then(|| "2023-01-02".to_string());
        let filter = EventFilter {
            near: Some((lat, lon, radius)),
            negated,
            from: from.clone(),
            ..f()
        };
        let want = sorted(
            events
                .iter()
                .filter(|e| {
                    e.location
                        .as_ref()
                        .and_then(|l| Some(km(l.lat?, l.lon?, lat, lon) <= radius))
                        .unwrap_or(false)
                        && negated.is_none_or(|n| e.modality.negated == n)
                        && from
                            .as_deref()
                            .is_none_or(|d| e.date.as_deref().is_some_and(|x| x >= d))
                })
                .collect(),
        );
        nonempty += usize::from(!want.is_empty());
        let all: Vec<String> = store
            .query(&filter)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(all, want, "near {lat},{lon},{radius} negated {negated:?}");
        assert_eq!(store.count(&filter).unwrap(), want.len() as u64);
        // At most four pages: enough to cross page boundaries.
        let size = 37.max(want.len() as u64 / 3 + 1);
        assert_eq!(paged(&store, &filter, size), want);
    }
    assert!(nonempty > 40, "too few queries found events: {nonempty}");

    // A CAMEO root in a country, alone and with the other indexed filters.
    for (root, country, negated) in [
        ("19", "SYR", None),
        ("19", "SYR", Some(false)),
        ("04", "NER", Some(true)),
        ("11", "MLI", Some(false)),
    ] {
        let filter = EventFilter {
            root: Some(root.into()),
            country: Some(country.into()),
            negated,
            ..f()
        };
        let want = sorted(
            events
                .iter()
                .filter(|e| {
                    e.cameo_root == root
                        && e.location.as_ref().and_then(|l| l.country.as_deref()) == Some(country)
                        && negated.is_none_or(|n| e.modality.negated == n)
                })
                .collect(),
        );
        assert!(!want.is_empty());
        assert_eq!(store.count(&filter).unwrap(), want.len() as u64);
        assert_eq!(
            paged(&store, &filter, 37),
            want,
            "{root} {country} {negated:?}"
        );
    }
}
