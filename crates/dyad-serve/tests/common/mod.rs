//! Shared helpers: hand-written documents, a store made of them, and requests through the
//! router without a socket.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use dyad_doc::{
    Article, Attribution, DatePrecision, Document, Event, EventActor, Evidence, Location, Modality,
    PlaceMention, Plover, Rule, Sentence, Span,
};
use dyad_pipeline::Pipeline;
use dyad_serve::{App, Config};
use dyad_store::Store;
use serde_json::Value;
use tower::ServiceExt;

/// The full pipeline with the built-in dictionaries (loaded once).
pub fn pipeline() -> Pipeline {
    static DICTS: OnceLock<dyad_code::Dictionaries> = OnceLock::new();
    let dicts = DICTS.get_or_init(dyad_code::Dictionaries::builtin);
    Pipeline::standard()
        .expect("built-in syntax model")
        .with_coder(dyad_code::Coder::new(dicts, Default::default()))
}

/// A pipeline without stages, for servers that only read.
pub fn no_pipeline() -> Pipeline {
    Pipeline::new(Vec::new())
}

pub fn config(db: &Path) -> Config {
    Config {
        db: db.to_path_buf(),
        bind: "127.0.0.1:8080".parse().unwrap(),
        token: None,
        private: false,
    }
}

pub fn router(config: &Config, pipeline: Pipeline) -> Router {
    dyad_serve::router(App::new(config, pipeline).expect("the server starts"))
}

pub fn bind(addr: &str) -> SocketAddr {
    addr.parse().unwrap()
}

/// A response: status, headers and the body as JSON (`Value::Null` when it is not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
}

pub async fn send(router: &Router, req: Request<Body>) -> Reply {
    let res = router
        .clone()
        .oneshot(req)
        .await
        .expect("the router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20)
        .await
        .expect("a body");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        json,
        text,
    }
}

pub async fn get(router: &Router, uri: &str) -> Reply {
    send(
        router,
        Request::builder().uri(uri).body(Body::empty()).unwrap(),
    )
    .await
}

pub async fn get_with(router: &Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut b = Request::builder().uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    send(router, b.body(Body::empty()).unwrap()).await
}

pub async fn post(router: &Router, body: impl Into<Body>, headers: &[(&str, &str)]) -> Reply {
    let mut b = Request::builder()
        .method(Method::POST)
        .uri("/api/articles")
        .header(header::CONTENT_TYPE, "application/json");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    send(router, b.body(body.into()).unwrap()).await
}

/// What varies between the hand-written events.
pub struct Ev {
    pub id: &'static str,
    pub sentence: usize,
    pub source: (&'static str, &'static str),
    pub verb: &'static str,
    pub target: (&'static str, &'static str),
    pub cameo: &'static str,
    pub quad: u8,
    pub goldstein: f64,
    pub plover: &'static str,
    pub date: Option<&'static str>,
    pub date_text: Option<&'static str>,
    /// name, country, lat, lon, basis
    pub place: Option<(&'static str, &'static str, f64, f64, &'static str)>,
    pub hedged: Option<bool>,
    pub negated: bool,
}

/// A document whose cleaned text is its sentences joined by a space, with one place mention
/// per located event whose place is named in its sentence, and the events' spans found in
/// their sentences.
pub fn document(id: &str, published: Option<&str>, sentences: &[&str], evs: &[Ev]) -> Document {
    let text = sentences.join(" ");
    let mut doc = Document::new(Article {
        title: Some(format!("Title of {id}")),
        url: Some(format!("https://example.invalid/{id}")),
        outlet: Some("Test Wire".into()),
        published: published.map(|p| p.parse().unwrap()),
        ..Article::new(id, format!("RAW {text}"))
    });
    let mut starts = Vec::new();
    let mut start = 0u32;
    for s in sentences {
        starts.push(start);
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
    for v in evs {
        let s0 = starts[v.sentence];
        let sentence = sentences[v.sentence];
        let span = |t: &str| {
            let i = sentence
                .find(t)
                .unwrap_or_else(|| panic!("{t:?} in {sentence:?}")) as u32;
            Span {
                token_start: 0,
                token_end: 1,
                start: s0 + i,
                end: s0 + i + t.len() as u32,
                text: t.to_string(),
            }
        };
        if let Some((name, country, lat, lon, _)) = v.place {
            if let Some(i) = sentence.find(name) {
                let start = s0 + i as u32;
                if !doc.places.iter().any(|p| p.start == start) {
                    doc.places.push(PlaceMention {
                        start,
                        end: start + name.len() as u32,
                        text: name.into(),
                        name: Some(name.into()),
                        country: Some(country.into()),
                        lat: Some(lat),
                        lon: Some(lon),
                        feature: Some("city".into()),
                    });
                }
            }
        }
        doc.events.push(Event {
            id: v.id.into(),
            article_id: id.into(),
            sentence_index: v.sentence as u32,
            sentence: sentence.into(),
            source: EventActor {
                text: v.source.0.into(),
                code: Some(v.source.1.into()),
            },
            target: Some(EventActor {
                text: v.target.0.into(),
                code: Some(v.target.1.into()),
            }),
            cameo: v.cameo.into(),
            cameo_root: v.cameo[..2].into(),
            quad_class: v.quad,
            goldstein: v.goldstein,
            plover: Plover {
                event: Some(v.plover.into()),
                mode: None,
                context: vec![],
            },
            date: v.date.map(str::to_string),
            date_precision: match (v.date, v.date_text) {
                (None, _) => DatePrecision::Unknown,
                (Some(_), None) => DatePrecision::Publication,
                (Some(_), Some(_)) => DatePrecision::Day,
            },
            date_text: v.date_text.map(str::to_string),
            location: v.place.map(|(name, country, lat, lon, basis)| Location {
                name: name.into(),
                country: Some(country.into()),
                lat: Some(lat),
                lon: Some(lon),
                feature: Some("city".into()),
                basis: Some(basis.into()),
            }),
            attribution: v.hedged.map(|hedged| Attribution {
                outlet: Some("Test Wire".into()),
                speaker: None,
                hedged,
                cue: hedged.then(|| "reportedly".into()),
            }),
            modality: Modality {
                negated: v.negated,
                future: false,
                hypothetical: false,
            },
            evidence: Evidence {
                verb: span(v.verb),
                source: Some(span(v.source.0)),
                target: Some(span(v.target.0)),
            },
            rule: Rule {
                dictionary: "test".into(),
                line: 1,
                pattern: v.verb.to_uppercase(),
                transform: None,
            },
        });
    }
    doc
}

const ABUJA: (&str, &str, f64, f64, &str) = ("Abuja", "NGA", 9.0579, 7.4951, "clause");

/// Six made-up events in three articles:
///
/// | id | date | source → target | cameo | quad | Goldstein | place | notes |
/// |---|---|---|---|---|---|---|---|
/// | e1 | 2024-03-04 | NGAGOV → IGOWAFWAS | 040 | 1 | 1.0 | Abuja | "on Monday" |
/// | e2 | 2024-03-04 | NERMIL → IGOWAFWAS | 112 | 3 | -2.0 | Niger (actor) | hedged |
/// | e3 | 2024-03-04 | NERMIL → NGA | 070 | 2 | 7.0 | Kano | "last week", unhedged |
/// | e4 | 2024-03-08 | NGAMIL → NERMIL | 190 | 4 | -10.0 | — | negated |
/// | e5 | 2024-03-09 | IGOWAFWAS → NGAGOV | 040 | 1 | 1.0 | Abuja | |
/// | e6 | undated | NGAGOV → IGOWAFWAS | 020 | 1 | 3.0 | — | |
pub fn documents() -> Vec<Document> {
    let base = |id| Ev {
        id,
        sentence: 0,
        source: ("", ""),
        verb: "",
        target: ("", ""),
        cameo: "040",
        quad: 1,
        goldstein: 1.0,
        plover: "CONSULT",
        date: None,
        date_text: None,
        place: None,
        hedged: None,
        negated: false,
    };
    let a1 = document(
        "a1",
        Some("2024-03-04"),
        &[
            "Envoys gather in the capital.",
            "The Nigerian government met ECOWAS envoys in Abuja on Monday.",
            "Niger's junta accused ECOWAS envoys of meddling, a spokesman reportedly said.",
        ],
        &[
            Ev {
                sentence: 1,
                source: ("The Nigerian government", "NGAGOV"),
                verb: "met",
                target: ("ECOWAS envoys", "IGOWAFWAS"),
                date: Some("2024-03-04"),
                date_text: Some("on Monday"),
                place: Some(ABUJA),
                ..base("e1")
            },
            Ev {
                sentence: 2,
                source: ("Niger's junta", "NERMIL"),
                verb: "accused",
                target: ("ECOWAS envoys", "IGOWAFWAS"),
                cameo: "112",
                quad: 3,
                goldstein: -2.0,
                plover: "ACCUSE",
                date: Some("2024-03-04"),
                place: Some(("Niger", "NER", 17.6078, 8.0817, "actor")),
                hedged: Some(true),
                ..base("e2")
            },
        ],
    );
    let a2 = document(
        "a2",
        Some("2024-03-10"),
        &[
            "Niger's junta sent grain to Nigerian farmers in Kano last week.",
            "The Nigerian army did not attack Niger's junta on Friday.",
            "ECOWAS envoys met the Nigerian government in Abuja on Saturday.",
        ],
        &[
            Ev {
                source: ("Niger's junta", "NERMIL"),
                verb: "sent",
                target: ("Nigerian farmers", "NGA"),
                cameo: "070",
                quad: 2,
                goldstein: 7.0,
                plover: "AID",
                date: Some("2024-03-04"),
                date_text: Some("last week"),
                place: Some(("Kano", "NGA", 12.0, 8.5167, "clause")),
                hedged: Some(false),
                ..base("e3")
            },
            Ev {
                sentence: 1,
                source: ("The Nigerian army", "NGAMIL"),
                verb: "attack",
                target: ("Niger's junta", "NERMIL"),
                cameo: "190",
                quad: 4,
                goldstein: -10.0,
                plover: "ASSAULT",
                date: Some("2024-03-08"),
                date_text: Some("on Friday"),
                negated: true,
                ..base("e4")
            },
            Ev {
                sentence: 2,
                source: ("ECOWAS envoys", "IGOWAFWAS"),
                verb: "met",
                target: ("the Nigerian government", "NGAGOV"),
                date: Some("2024-03-09"),
                date_text: Some("on Saturday"),
                place: Some(ABUJA),
                ..base("e5")
            },
        ],
    );
    let a3 = document(
        "a3",
        None,
        &["The Nigerian government urged ECOWAS envoys to stay."],
        &[Ev {
            source: ("The Nigerian government", "NGAGOV"),
            verb: "urged",
            target: ("ECOWAS envoys", "IGOWAFWAS"),
            cameo: "020",
            goldstein: 3.0,
            plover: "REQUEST",
            ..base("e6")
        }],
    );
    vec![a1, a2, a3]
}

/// A database at `db` holding [`documents`].
pub fn seed(db: &Path) {
    let mut store = Store::open(db).unwrap();
    store.ingest(&documents()).unwrap();
}

/// The ids of a list of events in a JSON response.
pub fn ids(events: &Value) -> Vec<String> {
    events
        .as_array()
        .expect("an array of events")
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}
