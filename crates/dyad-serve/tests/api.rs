//! The API through the router (`tower::ServiceExt::oneshot`, no socket), on a store of
//! hand-written documents (tests/common) and on made-up articles posted to it.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use dyad_serve::{App, Config, StartError};
use serde_json::{json, Value};

fn seeded() -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    seed(&db);
    let config = config(&db);
    (dir, config)
}

async fn total(router: &axum::Router, query: &str) -> u64 {
    let r = get(router, &format!("/api/events?{query}")).await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text);
    r.json["total"].as_u64().unwrap()
}

#[tokio::test]
async fn events_list_filters_and_pages() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());

    let all = get(&router, "/api/events").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(
        all.headers[header::CONTENT_TYPE],
        "application/json",
        "{:?}",
        all.headers
    );
    // Negated events are left out by default; undated last; same date by id.
    assert_eq!(all.json["total"], 5);
    assert_eq!(all.json["offset"], 0);
    assert_eq!(all.json["limit"], 50);
    assert_eq!(ids(&all.json["events"]), ["e1", "e2", "e3", "e5", "e6"]);
    // Events come back whole, in the schema of docs/events.md.
    let e1 = &all.json["events"][0];
    assert_eq!(
        e1["source"],
        json!({"text": "The Nigerian government", "code": "NGAGOV"})
    );
    assert_eq!(e1["location"]["name"], "Abuja");
    assert_eq!(e1["modality"]["negated"], false);
    assert_eq!(e1["evidence"]["verb"]["text"], "met");

    // Two pages (and a third, partial one) together are the full list, in the same order.
    let mut paged = Vec::new();
    for offset in [0, 2, 4] {
        let page = get(&router, &format!("/api/events?limit=2&offset={offset}")).await;
        assert_eq!(page.json["total"], 5);
        assert_eq!(page.json["limit"], 2);
        assert_eq!(page.json["offset"], offset);
        paged.extend(ids(&page.json["events"]));
    }
    assert_eq!(paged, ids(&all.json["events"]));
    let beyond = get(&router, "/api/events?offset=10").await;
    assert_eq!(
        (
            beyond.json["total"].as_u64(),
            ids(&beyond.json["events"]).len()
        ),
        (Some(5), 0)
    );
    let none = get(&router, "/api/events?limit=0").await;
    assert_eq!(
        (none.json["total"].as_u64(), ids(&none.json["events"]).len()),
        (Some(5), 0)
    );

    let cases: &[(&str, &[&str])] = &[
        ("actor=NER*", &["e2", "e3"]),
        ("actor=NERMIL&negated=any", &["e2", "e3", "e4"]),
        ("source=NGA*", &["e1", "e6"]),
        ("source=NGA*&negated=any", &["e1", "e4", "e6"]),
        ("negated=true", &["e4"]),
        ("source=NGAGOV&target=IGOWAFWAS", &["e1", "e6"]),
        ("target=NGA", &["e3"]),
        ("cameo=04*", &["e1", "e5"]),
        ("cameo=040", &["e1", "e5"]),
        ("cameo=04", &[]),
        ("root=19&negated=any", &["e4"]),
        ("plover=aid", &["e3"]),
        ("from=2024-03-05", &["e5"]),
        ("from=2024-03-05&negated=any", &["e4", "e5"]),
        ("to=2024-03-04", &["e1", "e2", "e3"]),
        ("from=2024-03-04&to=2024-03-09", &["e1", "e2", "e3", "e5"]),
        ("country=NGA", &["e1", "e3", "e5"]),
        ("near=9.0,7.5,50", &["e1", "e5"]),
        ("near=12.0,8.5,10&country=NGA", &["e3"]),
        ("hedged=true", &["e2"]),
        ("hedged=false", &["e1", "e3", "e5", "e6"]),
        ("hedged=any", &["e1", "e2", "e3", "e5", "e6"]),
        // Empty values (as an HTML form sends them) are no filter.
        ("source=&cameo=", &["e1", "e2", "e3", "e5", "e6"]),
    ];
    for (query, want) in cases {
        let r = get(&router, &format!("/api/events?{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text);
        assert_eq!(ids(&r.json["events"]), *want, "{query}");
        assert_eq!(r.json["total"].as_u64(), Some(want.len() as u64), "{query}");
    }
}

#[tokio::test]
async fn bad_parameters_are_400_and_named() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    let cases = [
        ("/api/events?from=03/05/2024", "YYYY-MM-DD"),
        ("/api/events?from=2024-03-09&to=2024-03-01", "swap"),
        ("/api/events?near=91,0,10", "latitude"),
        ("/api/events?near=1,2", "LAT,LON,KM"),
        ("/api/events?limit=1001", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?hedged=yes", "hedged"),
        ("/api/events?negated=no", "negated"),
        ("/api/events?sorce=NER", "unknown parameter \"sorce\""),
        ("/api/events?source=A&source=B", "twice"),
        ("/api/actors?offset=1", "unknown parameter \"offset\""),
        ("/api/series?interval=year", "interval"),
        ("/api/places?limit=x", "limit"),
    ];
    for (uri, needle) in cases {
        let r = get(&router, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.text);
        let msg = r.json["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{uri}: {}", r.text));
        assert!(msg.contains(needle), "{uri}: {msg}");
    }
}

#[tokio::test]
async fn event_detail_has_its_article_and_highlights() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    let r = get(&router, "/api/events/e1").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["event"]["id"], "e1");
    let article = &r.json["article"];
    assert_eq!(article["id"], "a1");
    assert_eq!(article["title"], "Title of a1");
    assert_eq!(article["url"], "https://example.invalid/a1");
    assert_eq!(article["outlet"], "Test Wire");
    assert_eq!(article["published"], "2024-03-04");
    let text = article["text"].as_str().unwrap();
    assert!(text.starts_with("Envoys gather in the capital. The Nigerian government met"));
    let got: Vec<(String, String)> = r.json["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (a, b) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            (
                h["role"].as_str().unwrap().to_string(),
                text[a..b].to_string(),
            )
        })
        .collect();
    let want = [
        ("source", "The Nigerian government"),
        ("verb", "met"),
        ("target", "ECOWAS envoys"),
        ("place", "Abuja"),
        ("time", "on Monday"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())),);

    // A negated event is still there by id; its time is found in its own sentence.
    let r = get(&router, "/api/events/e4").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["event"]["modality"]["negated"], true);
    let text = r.json["article"]["text"].as_str().unwrap();
    let time = r.json["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["role"] == "time")
        .expect("a time highlight");
    let (a, b) = (
        time["start"].as_u64().unwrap() as usize,
        time["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "on Friday");
    assert!(r.json["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["role"] != "place"));
}

#[tokio::test]
async fn absent_things_are_json_404s() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    let r = get(&router, "/api/events/nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json, json!({"error": "no event with id \"nope\""}));
    let r = get(&router, "/api/nothing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json["error"].as_str().unwrap().contains("/openapi.json"));
    let r = send(
        &router,
        Request::builder()
            .method(Method::DELETE)
            .uri("/api/events")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.json["error"].is_string(), "{}", r.text);
}

#[tokio::test]
async fn aggregates_have_their_shapes_and_numbers() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());

    let r = get(&router, "/api/actors").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json,
        json!({"actors": [
            {"code": "IGOWAFWAS", "events": 4},
            {"code": "NGAGOV", "events": 3},
            {"code": "NERMIL", "events": 2},
            {"code": "NGA", "events": 1},
        ]})
    );
    let r = get(&router, "/api/actors?limit=2&negated=any").await;
    assert_eq!(
        r.json,
        json!({"actors": [{"code": "IGOWAFWAS", "events": 4}, {"code": "NERMIL", "events": 3}]})
    );

    let r = get(&router, "/api/dyads?limit=2").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json,
        json!({"dyads": [
            {"source": "NGAGOV", "target": "IGOWAFWAS", "events": 2, "goldstein_mean": 2.0},
            {"source": "IGOWAFWAS", "target": "NGAGOV", "events": 1, "goldstein_mean": 1.0},
        ]})
    );
    let r = get(&router, "/api/dyads?actor=NER*").await;
    assert_eq!(r.json["dyads"].as_array().unwrap().len(), 2);

    // All dated events (both sides coded), per day: the gap days are zeros.
    let r = get(&router, "/api/series").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        (r.json["source"].as_str(), r.json["target"].as_str()),
        (Some("*"), Some("*"))
    );
    assert_eq!(r.json["interval"], "day");
    let points = r.json["points"].as_array().unwrap();
    let periods: Vec<&str> = points
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        periods,
        [
            "2024-03-04",
            "2024-03-05",
            "2024-03-06",
            "2024-03-07",
            "2024-03-08",
            "2024-03-09"
        ]
    );
    assert_eq!(
        points[0],
        json!({"period": "2024-03-04", "events": 3, "quad": [1, 1, 1, 0], "goldstein_sum": 6.0})
    );
    assert_eq!(points[4]["events"], 0, "e4 is negated");
    assert_eq!(points[5]["quad"], json!([1, 0, 0, 0]));
    let r = get(&router, "/api/series?interval=month&negated=any").await;
    assert_eq!(r.json["interval"], "month");
    assert_eq!(
        r.json["points"],
        json!([{"period": "2024-03-01", "events": 5, "quad": [2, 1, 1, 1], "goldstein_sum": -3.0}])
    );
    let r = get(&router, "/api/series?interval=week&negated=any").await;
    assert_eq!(
        r.json["points"],
        json!([{"period": "2024-03-04", "events": 5, "quad": [2, 1, 1, 1], "goldstein_sum": -3.0}])
    );
    let r = get(&router, "/api/series?source=NGAGOV&target=IGOWAFWAS").await;
    assert_eq!(
        (r.json["source"].as_str(), r.json["target"].as_str()),
        (Some("NGAGOV"), Some("IGOWAFWAS"))
    );
    assert_eq!(
        r.json["points"],
        json!([{"period": "2024-03-04", "events": 1, "quad": [1, 0, 0, 0], "goldstein_sum": 1.0}]),
        "the undated e6 is left out"
    );

    let r = get(&router, "/api/places").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json,
        json!({"places": [
            {"name": "Abuja", "country": "NGA", "lat": 9.0579, "lon": 7.4951, "events": 2, "quad": [2, 0, 0, 0], "goldstein_mean": 1.0},
            {"name": "Kano", "country": "NGA", "lat": 12.0, "lon": 8.5167, "events": 1, "quad": [0, 1, 0, 0], "goldstein_mean": 7.0},
            {"name": "Niger", "country": "NER", "lat": 17.6078, "lon": 8.0817, "events": 1, "quad": [0, 0, 1, 0], "goldstein_mean": -2.0},
        ]})
    );
    let r = get(&router, "/api/places?country=NER").await;
    assert_eq!(r.json["places"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn hostile_filter_values_are_only_values() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    for q in [
        "source=NER%27%3B%20DROP%20TABLE%20events%3B--",
        "actor=%25*",
        "actor=_*",
        "country=NGA%27%20OR%20%271%27%3D%271",
        "plover=%27)%20OR%201%3D1--",
        "cameo=%25",
    ] {
        assert_eq!(total(&router, q).await, 0, "{q}");
    }
    let r = get(
        &router,
        "/api/actors?actor=%27%3B%20DELETE%20FROM%20events%3B--",
    )
    .await;
    assert_eq!(r.json, json!({"actors": []}));
    assert_eq!(
        total(&router, "").await,
        5,
        "nothing was dropped or deleted"
    );
}

#[tokio::test]
async fn posted_articles_are_coded_stored_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir.path().join("new.db"));
    let router = common::router(&config, pipeline());
    assert_eq!(total(&router, "").await, 0, "a new database starts empty");

    let article = json!({
        "id": "made-up-1",
        "title": "Ministers meet in Abuja",
        "outlet": "Test Wire",
        "published": "2024-05-07",
        "text": "Ministers meet in Abuja\n\nNigeria's foreign minister met the ECOWAS president in Abuja on Tuesday. The Nigerian army did not attack Niger's junta.",
    });
    let r = post(&router, article.to_string(), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["articles_added"], 1);
    assert_eq!(r.json["already_stored"], 0);
    assert_eq!(
        r.json["articles"],
        json!([{"id": "made-up-1", "status": "added", "events": r.json["events_added"]}])
    );
    let posted = r.json["events"].as_array().unwrap().clone();
    assert_eq!(
        posted.len() as u64,
        r.json["events_added"].as_u64().unwrap()
    );
    assert!(!posted.is_empty(), "{}", r.text);
    let met = posted
        .iter()
        .find(|e| e["cameo"].as_str().unwrap().starts_with("04"))
        .expect("the meeting is coded");
    assert_eq!(met["article_id"], "made-up-1");
    assert_eq!(met["source"]["code"], "NGAGOV");

    // The new events are read back, the negated one only on request.
    let all = get(&router, "/api/events?negated=any").await;
    let mut want: Vec<String> = ids(&Value::Array(posted.clone()));
    want.sort();
    let mut got = ids(&all.json["events"]);
    got.sort();
    assert_eq!(got, want);
    let asserted = posted
        .iter()
        .filter(|e| e["modality"]["negated"] == false)
        .count();
    assert_eq!(total(&router, "").await, asserted as u64);

    // The detail view slices the cleaned text at the evidence spans and the time.
    let id = met["id"].as_str().unwrap();
    let d = get(&router, &format!("/api/events/{id}")).await;
    assert_eq!(d.status, StatusCode::OK);
    let text = d.json["article"]["text"].as_str().unwrap();
    assert_eq!(d.json["article"]["title"], "Ministers meet in Abuja");
    for h in d.json["highlights"].as_array().unwrap() {
        let (a, b) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        let role = h["role"].as_str().unwrap();
        let want = match role {
            "verb" => met["evidence"]["verb"]["text"].as_str(),
            "source" | "target" => met["evidence"][role]["text"].as_str(),
            "time" => met["date_text"].as_str(),
            "place" => Some("Abuja"),
            _ => panic!("unknown role {role}"),
        };
        assert_eq!(Some(&text[a..b]), want, "{role}");
    }
    let roles: BTreeSet<&str> = d.json["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains("verb") && roles.contains("source"),
        "{roles:?}"
    );

    // Posting the same text again adds nothing; an array is taken too.
    let again = post(&router, json!([article]).to_string(), &[]).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(
        (
            again.json["articles_added"].as_u64(),
            again.json["already_stored"].as_u64(),
            again.json["events_added"].as_u64()
        ),
        (Some(0), Some(1), Some(0))
    );
    assert_eq!(again.json["articles"][0]["status"], "already_stored");
    assert_eq!(again.json["events"], json!([]));

    // The same id with another text is a conflict, and nothing of the batch is written.
    let other = json!([
        {"id": "made-up-2", "text": "The Nigerian government met ECOWAS envoys on Monday."},
        {"id": "made-up-1", "text": "Another text under a stored id."},
    ]);
    let r = post(&router, other.to_string(), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("made-up-1"));
    let stored = get(&router, "/api/events?negated=any&limit=1000").await;
    assert_eq!(stored.json["total"].as_u64(), Some(posted.len() as u64));
}

#[tokio::test]
async fn bad_posts_are_refused_with_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir.path().join("p.db"));
    let router = common::router(&config, no_pipeline());
    let cases: &[(&str, &str)] = &[
        ("{\"text\": ", "not valid JSON"),
        ("\"just a string\"", "article object"),
        ("[]", "no article"),
        (r#"{"title": "No body"}"#, "no \"text\" field"),
        (
            r#"[{"text": "Fine."}, {"text": "Also fine.", "published": "the day after"}]"#,
            "article 2 (of 2): cannot read publication date",
        ),
        (r#"{"text": "   "}"#, "empty"),
    ];
    for (body, needle) in cases {
        let r = post(&router, body.to_string(), &[]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text);
        let msg = r.json["error"].as_str().unwrap();
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    assert_eq!(total(&router, "").await, 0, "nothing was stored");

    // Over 2 MiB: 413, as JSON.
    let text = "a".repeat(dyad_serve::BODY_LIMIT);
    let r = post(&router, json!({ "text": text }).to_string(), &[]).await;
    assert_eq!(
        r.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        &r.text[..r.text.len().min(200)]
    );
    assert!(r.json["error"].as_str().unwrap().contains("limit"));

    // Not declared as JSON: refused (a cross-site form cannot post).
    let r = send(
        &router,
        Request::builder()
            .method(Method::POST)
            .uri("/api/articles")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(r#"{"text": "x"}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.json["error"]
        .as_str()
        .unwrap()
        .contains("application/json"));
}

#[tokio::test]
async fn tokens_guard_writes_and_private_reads() {
    let (dir, mut config) = seeded();

    // Beyond loopback, a token is required; --private needs one anywhere; blank is refused.
    config.bind = bind("0.0.0.0:8080");
    let refused = App::new(&config, no_pipeline()).err().expect("refused");
    assert!(matches!(refused, StartError::TokenRequired(_)));
    assert!(refused.to_string().contains("DYAD_TOKEN"), "{refused}");
    config.bind = bind("[::]:8080");
    assert!(matches!(
        config.validate(),
        Err(StartError::TokenRequired(_))
    ));
    config.bind = bind("127.0.0.1:8080");
    config.private = true;
    assert!(matches!(
        config.validate(),
        Err(StartError::PrivateWithoutToken)
    ));
    config.token = Some("  ".into());
    assert!(matches!(config.validate(), Err(StartError::EmptyToken)));
    config.private = false;
    config.token = None;
    config.bind = bind("[::1]:8080");
    assert!(config.validate().is_ok());

    // With a token on a public address: writes need it, reads do not.
    config.bind = bind("0.0.0.0:8080");
    config.token = Some("s3cret-t0ken".into());
    let router = common::router(&config, no_pipeline());
    let body = json!({"id": "tok-1", "text": "A short made-up note."}).to_string();
    let r = post(&router, body.clone(), &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");
    assert!(r.json["error"].as_str().unwrap().contains("Bearer"));
    let r = post(&router, body.clone(), &[("authorization", "Bearer wrong")]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json["error"].as_str().unwrap().contains("wrong"));
    let r = post(
        &router,
        body.clone(),
        &[("authorization", "Basic s3cret-t0ken")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = post(
        &router,
        body.clone(),
        &[("authorization", "Bearer s3cret-t0ken")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["articles_added"], 1);
    assert_eq!(get(&router, "/api/events").await.status, StatusCode::OK);
    // A non-loopback server answers any Host.
    let r = get_with(&router, "/api/actors", &[("host", "dyad.example.org")]).await;
    assert_eq!(r.status, StatusCode::OK);

    // --private: reads of /api/ need it too; the page and the document stay open.
    config.private = true;
    let router = common::router(&config, no_pipeline());
    for uri in [
        "/api/events",
        "/api/events/e1",
        "/api/actors",
        "/api/dyads",
        "/api/series",
        "/api/places",
    ] {
        assert_eq!(
            get(&router, uri).await.status,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        let r = get_with(&router, uri, &[("authorization", "Bearer s3cret-t0ken")]).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text);
    }
    assert_eq!(get(&router, "/").await.status, StatusCode::OK);
    assert_eq!(get(&router, "/openapi.json").await.status, StatusCode::OK);

    // A token given on loopback is enforced for writes as well.
    config.bind = bind("127.0.0.1:0");
    config.private = false;
    let router = common::router(&config, no_pipeline());
    let r = post(
        &router,
        json!({"text": "Another made-up note."}).to_string(),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    drop(dir);
}

#[tokio::test]
async fn loopback_servers_refuse_foreign_host_names() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "localhost",
        "[::1]:8080",
        "app.localhost",
    ] {
        let r = get_with(&router, "/api/events", &[("host", host)]).await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
    for host in ["evil.example:8080", "10.0.0.1", "localhost.evil.example"] {
        let r = get_with(&router, "/api/events", &[("host", host)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{host}");
        assert!(r.json["error"].as_str().unwrap().contains("DNS rebinding"));
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "not a database at all, just some text").unwrap();
    let err = App::new(&config(&db), no_pipeline())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("notes.db"), "{err}");
}

#[tokio::test]
async fn the_openapi_document_describes_exactly_the_routes_served() {
    let doc: Value = serde_json::from_str(dyad_serve::OPENAPI).expect("openapi.json is JSON");
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.0."), "{version}");

    let served: BTreeSet<(String, String)> = dyad_serve::routes()
        .iter()
        .map(|r| (r.method.to_lowercase(), r.path.to_string()))
        .collect();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    assert_eq!(served, documented, "router vs openapi.json");

    // Every documented parameter is accepted and every accepted one documented.
    let resolve = |p: &Value| -> Value {
        match p["$ref"].as_str() {
            Some(r) => {
                let name = r.strip_prefix("#/components/parameters/").unwrap();
                doc["components"]["parameters"][name].clone()
            }
            None => p.clone(),
        }
    };
    for route in dyad_serve::routes() {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        let params: Vec<Value> = op["parameters"]
            .as_array()
            .map(|a| a.iter().map(resolve).collect())
            .unwrap_or_default();
        let query: BTreeSet<&str> = params
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let accepted: BTreeSet<&str> = route.params.iter().copied().collect();
        assert_eq!(query, accepted, "{} {}", route.method, route.path);
        let path_params: Vec<&str> = params
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let braces: Vec<&str> = route
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        assert_eq!(path_params, braces, "{}", route.path);
        assert!(
            op["responses"].is_object(),
            "{} {}",
            route.method,
            route.path
        );
    }
    // Every $ref points at something.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r);
                }
                m.values().for_each(|v| refs(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all {
        let ptr = r.strip_prefix('#').unwrap();
        assert!(doc.pointer(ptr).is_some(), "dangling {r}");
    }
    // The Event schema has every field of docs/events.md.
    let event = &doc["components"]["schemas"]["Event"]["properties"];
    for field in dyad_doc::EVENT_FIELDS {
        assert!(event.get(field).is_some(), "Event.{field}");
    }

    // The router serves each route (no fallback answer) and the document itself.
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    for route in dyad_serve::routes() {
        if route.path.contains("{file}") && !dyad_serve::assets::DASHBOARD_BUILT {
            continue; // Built without npm: no dashboard files (the page test below).
        }
        let uri = route.path.replace("{id}", "e1").replace("{file}", "app.js");
        let method = Method::from_bytes(route.method.as_bytes()).unwrap();
        let r = send(
            &router,
            Request::builder()
                .method(method)
                .uri(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"text": "A made-up line."}"#))
                .unwrap(),
        )
        .await;
        assert!(
            r.status.is_success(),
            "{} {uri}: {} {}",
            route.method,
            r.status,
            r.text
        );
    }
    let r = get(&router, "/openapi.json").await;
    assert_eq!(r.json, doc);
}

#[tokio::test]
async fn the_page_is_the_dashboard_and_loads_nothing_from_elsewhere() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());
    let page = get(&router, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(!csp.contains("script-src 'unsafe"), "{csp}");
    // Nothing from elsewhere: no absolute addresses in links, scripts or styles.
    for needle in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url("] {
        assert!(!page.text.contains(needle), "the page has {needle}");
    }
    if dyad_serve::assets::DASHBOARD_BUILT {
        for file in ["app.js", "app.css", "world.json"] {
            assert!(page.text.contains(&format!("/assets/{file}")) || file == "world.json");
            let r = get(&router, &format!("/assets/{file}")).await;
            assert_eq!(r.status, StatusCode::OK, "{file}");
            assert!(!r.text.is_empty());
            let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.contains("script-src 'self'"), "{csp}");
        }
        let js = get(&router, "/assets/app.js").await;
        assert!(js.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript"));
        // The bundle renders news text as text: no markup sinks.
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!js.text.contains(sink), "app.js uses {sink}");
        }
        // The map's shapes are Natural Earth's countries as TopoJSON.
        let world = get(&router, "/assets/world.json").await;
        assert_eq!(world.json["type"], "Topology");
        assert!(world.json["objects"]["countries"]["geometries"]
            .as_array()
            .is_some_and(|g| g.len() > 150));
    } else {
        // Built without npm: the page lists the API and says how to get the dashboard.
        for route in dyad_serve::routes() {
            if !route.path.contains("{file}") && route.path != "/" {
                assert!(
                    page.text.contains(route.path),
                    "the page lists {}",
                    route.path
                );
            }
        }
        assert!(page.text.contains("npm"));
        assert!(!page.text.contains("<script"));
    }
    // Only embedded files are served, and the page only at `/`.
    for path in [
        "/assets/nope.js",
        "/assets/index.html",
        "/assets/..%2Fsrc%2Flib.rs",
    ] {
        let r = get(&router, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.json["error"].is_string());
    }
}

#[tokio::test]
async fn escalation_and_summary() {
    let (_dir, config) = seeded();
    let router = common::router(&config, no_pipeline());

    let r = get(&router, "/api/summary").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.json,
        json!({"articles": 3, "sentences": 7, "events": 6, "first_date": "2024-03-04",
               "last_date": "2024-03-09", "database": "events.db"})
    );

    // Every dated, asserted event falls in the default 30-day window: no history, no verdict.
    let r = get(&router, "/api/escalation").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["as_of"], "2024-03-09");
    assert_eq!(r.json["window_start"], "2024-02-09");
    assert_eq!(
        (
            &r.json["window_days"],
            &r.json["min_recent"],
            &r.json["min_history"]
        ),
        (&json!(30), &json!(3), &json!(5))
    );
    let dyads = r.json["dyads"].as_array().unwrap();
    assert_eq!(dyads.len(), 4);
    assert!(dyads
        .iter()
        .all(|d| d["z"].is_null() && d["escalating"] == false && d["history_events"] == 0));
    // NGAGOV -> IGOWAFWAS has two events, one undated: only the dated one counts.
    let ng = dyads.iter().find(|d| d["source"] == "NGAGOV").unwrap();
    assert_eq!(
        (&ng["recent_events"], &ng["recent_mean"]),
        (&json!(1), &json!(1.0))
    );

    // A two-day window with negated events counted: the dyads of 8 and 9 March only.
    let r = get(&router, "/api/escalation?window=2&negated=any").await;
    assert_eq!(r.json["window_start"], "2024-03-08");
    let pairs: Vec<(&str, &str)> = r.json["dyads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["source"].as_str().unwrap(), d["target"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("IGOWAFWAS", "NGAGOV"), ("NGAMIL", "NERMIL")]);

    let r = get(&router, "/api/escalation?window=0").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json["error"].as_str().unwrap().contains("window"));
    let r = get(&router, "/api/summary?x=1").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
}
