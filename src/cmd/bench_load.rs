//! `dyad bench --load`: the HTTP API under concurrent load. Builds a database (the store
//! benchmark's synthetic events plus the example stories, coded, so event detail has real
//! articles), starts the real server (`dyad_serve`) in-process on an ephemeral loopback port,
//! and runs many clients against the reading routes while one more client posts articles
//! (`POST /api/articles`) the whole time: reads must never fail while the database is written.
//!
//! The clients are plain threads speaking HTTP/1.1 with keep-alive over `std::net::TcpStream`
//! (no HTTP client dependency): a response is read by its `Content-Length`, or chunk by chunk
//! when it is sent with `Transfer-Encoding: chunked`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use dyad_doc::Article;
use dyad_pipeline::Pipeline;
use dyad_store::{EventFilter, Store};
use serde::Serialize;

use crate::cmd::bench_store::{remove_db, synthetic_count, write_synthetic, Lcg};

/// The example stories (`examples/stories.jsonl`), stored before the run.
const STORIES: &str = include_str!("../../examples/stories.jsonl");

/// Articles per `POST /api/articles` of the concurrent ingest.
const POST_BATCH: usize = 4;

/// How long a client waits for a response before counting an error.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The reading requests, by route: `(route, path and query)`. Clients pick among them at
/// random, `/api/events` most often, as the dashboard does.
const EVENTS: &[&str] = &[
    "/api/events",
    "/api/events?actor=NER*",
    "/api/events?source=USA&target=CHN&from=2020-01-01&to=2020-12-31",
    "/api/events?root=19&country=SYR",
    "/api/events?root=19&country=SYR&negated=any",
    "/api/events?near=13.5,2.1,200&from=2020-01-01&to=2020-12-31",
    "/api/events?near=33.5,36.3,500&negated=any",
    "/api/events?hedged=false&from=2019-03-01&to=2019-03-31",
    "/api/events?country=NER&offset=200",
    "/api/events?cameo=190&limit=100",
    "/api/events?cameo=19*&from=2018-01-01&to=2018-12-31",
    "/api/events?from=2021-01-01&to=2021-12-31&offset=1000",
    "/api/events?plover=ASSAULT",
];
const DYADS: &[&str] = &[
    "/api/dyads?from=2021-06-01&to=2021-06-30",
    "/api/dyads?actor=NER*&limit=20",
];
const SERIES: &[&str] = &[
    "/api/series?source=USA*&target=CHN*&interval=week",
    "/api/series?source=NER*&target=NGA*&from=2019-01-01&to=2019-12-31",
];

/// The routes of the report, in the order of `Route`.
const ROUTES: [&str; 4] = [
    "GET /api/events",
    "GET /api/events/{id}",
    "GET /api/dyads",
    "GET /api/series",
];

/// What to run.
pub struct LoadConfig {
    /// Concurrent reading clients.
    pub clients: usize,
    /// How long they read.
    pub duration: Duration,
    /// Synthetic events in the database (as `--store-events`).
    pub events: u64,
    /// The database file (replaced).
    pub db: PathBuf,
    /// Articles the concurrent ingest posts, in batches of four, until the time is up.
    pub posts: Vec<Article>,
}

/// Latency percentiles, milliseconds.
#[derive(Serialize, Debug, Clone, Copy, Default)]
pub struct Latency {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// One route's figures.
#[derive(Serialize, Debug, Clone, Default)]
pub struct RouteReport {
    pub requests: u64,
    pub errors: u64,
    #[serde(flatten)]
    pub latency: Latency,
}

#[derive(Serialize, Debug, Clone, Default)]
pub struct LoadReport {
    pub clients: usize,
    pub seconds: f64,
    /// Events in the database before the run.
    pub events: u64,
    /// Reading requests answered, and those that failed: a status other than 200, a body
    /// that is not JSON, or an I/O error.
    pub requests: u64,
    pub errors: u64,
    pub requests_per_sec: f64,
    #[serde(flatten)]
    pub latency: Latency,
    pub routes: BTreeMap<&'static str, RouteReport>,
    /// The concurrent ingest: posts, failed posts, articles and events added.
    pub ingest_posts: u64,
    pub ingest_errors: u64,
    pub ingest_articles: u64,
    pub ingest_events: u64,
    /// Added articles that a reader finds in the database after the run (must equal
    /// `ingest_articles`).
    pub ingest_articles_found: u64,
    /// The first few failures, for diagnosis.
    pub first_errors: Vec<String>,
    /// The ids of the articles the ingest added.
    #[serde(skip)]
    pub ingested_ids: Vec<String>,
}

/// One request's outcome.
struct Sample {
    route: usize,
    micros: u64,
    error: Option<String>,
}

/// The example stories as articles.
pub fn stories() -> Result<Vec<Article>> {
    let reader = dyad_read::Reader::new(
        "examples/stories.jsonl",
        Box::new(std::io::Cursor::new(STORIES.as_bytes())),
        &dyad_read::ReadOptions::default(),
        Some(dyad_read::Format::Jsonl),
    );
    let mut out = Vec::new();
    for item in reader {
        match item {
            dyad_read::Item::Article(a) => out.push(*a),
            dyad_read::Item::Problem(p) => bail!("{p}"),
        }
    }
    Ok(out)
}

/// Builds the database, serves it and runs the clients and the ingest; `pipeline` codes the
/// stories and then the posted articles (inside the server).
pub fn run(cfg: &LoadConfig, pipeline: Pipeline) -> Result<LoadReport> {
    if cfg.clients == 0 {
        bail!("--clients must be at least 1");
    }
    if let Some(dir) = cfg.db.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    remove_db(&cfg.db);
    eprintln!(
        "dyad: writing {} synthetic events and the example stories to {}",
        synthetic_count(cfg.events),
        cfg.db.display()
    );
    let mut store = Store::open(&cfg.db)?;
    write_synthetic(&mut store, cfg.events)?;
    let stories = pipeline.process_batch(stories()?);
    store.ingest(&stories)?;
    let detail_ids = detail_ids(&store, &stories)?;
    let events = store.counts()?.events;
    drop(store);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").context("cannot listen on a loopback port")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let config = dyad_serve::Config {
        db: cfg.db.clone(),
        bind: addr,
        token: None,
        private: false,
    };
    let app = dyad_serve::App::new(&config, pipeline)?;
    let server = runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        dyad_serve::serve(listener, dyad_serve::router(app), std::future::pending()).await
    });

    eprintln!(
        "dyad: {} clients for {:.1} s on http://{addr}, posting articles meanwhile",
        cfg.clients,
        cfg.duration.as_secs_f64()
    );
    let start = Instant::now();
    let deadline = start + cfg.duration;
    let (samples, seconds, ingest) = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..cfg.clients)
            .map(|i| {
                let ids = &detail_ids;
                scope.spawn(move || reader(addr, deadline, i as u64, ids))
            })
            .collect();
        let ingest = scope.spawn(|| ingest(addr, deadline, &cfg.posts));
        let samples: Vec<Sample> = readers
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        // The readers' time: the ingest may finish its last post after them.
        let seconds = start.elapsed().as_secs_f64();
        let ingest = ingest.join().unwrap_or_default();
        (samples, seconds, ingest)
    });
    server.abort();
    runtime.shutdown_timeout(Duration::from_secs(5));

    let mut report = summarize(samples, seconds);
    report.clients = cfg.clients;
    report.events = events;
    report.ingest_posts = ingest.posts;
    report.ingest_errors = ingest.errors;
    report.ingest_articles = ingest.article_ids.len() as u64;
    report.ingest_events = ingest.events;
    report.first_errors.extend(ingest.first_errors);
    report.first_errors.truncate(5);
    let store = Store::open_read_only(&cfg.db)?;
    let mut found = 0;
    for id in &ingest.article_ids {
        found += u64::from(store.article(id)?.is_some());
    }
    report.ingest_articles_found = found;
    report.ingested_ids = ingest.article_ids;
    Ok(report)
}

/// Event ids for `/api/events/{id}`: the stories' events and synthetic ones spread over the
/// database.
fn detail_ids(store: &Store, stories: &[dyad_doc::Document]) -> Result<Vec<String>> {
    let mut ids: Vec<String> = stories
        .iter()
        .flat_map(|d| d.events.iter().map(|e| e.id.clone()))
        .collect();
    for offset in [0, 1_000, 50_000, 400_000] {
        let page = store.query(&EventFilter {
            limit: Some(20),
            offset: Some(offset),
            ..EventFilter::default()
        })?;
        ids.extend(page.into_iter().map(|e| e.id));
    }
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        bail!("the load test's database holds no event");
    }
    Ok(ids)
}

/// One reading client: random requests on one keep-alive connection until `deadline`.
fn reader(addr: SocketAddr, deadline: Instant, seed: u64, ids: &[String]) -> Vec<Sample> {
    let mut rng = Lcg(seed.wrapping_mul(7919).wrapping_add(17));
    let mut conn = Client::new(addr);
    let mut out = Vec::new();
    while Instant::now() < deadline {
        // Each route once first, then at random.
        let pick = match out.len() {
            n @ 0..=3 => [0, 12, 15, 18][n],
            _ => rng.next(20),
        };
        let (route, path) = match pick {
            0..=11 => (0, EVENTS[rng.next(EVENTS.len())].to_string()),
            12..=14 => (1, format!("/api/events/{}", ids[rng.next(ids.len())])),
            15..=17 => (2, DYADS[rng.next(DYADS.len())].to_string()),
            _ => (3, SERIES[rng.next(SERIES.len())].to_string()),
        };
        let t = Instant::now();
        let error = match conn.request("GET", &path, None) {
            Ok((200, body)) => match serde_json::from_slice::<serde_json::Value>(&body) {
                Ok(_) => None,
                Err(e) => Some(format!("GET {path}: the body is not JSON: {e}")),
            },
            Ok((status, body)) => Some(format!(
                "GET {path}: status {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(300)])
            )),
            Err(e) => Some(format!("GET {path}: {e}")),
        };
        out.push(Sample {
            route,
            micros: t.elapsed().as_micros() as u64,
            error,
        });
    }
    out
}

#[derive(Default)]
struct Ingest {
    posts: u64,
    errors: u64,
    events: u64,
    article_ids: Vec<String>,
    first_errors: Vec<String>,
}

/// The concurrent ingest: posts `articles` four at a time until they run out or `deadline`.
fn ingest(addr: SocketAddr, deadline: Instant, articles: &[Article]) -> Ingest {
    let mut conn = Client::new(addr);
    let mut out = Ingest::default();
    for batch in articles.chunks(POST_BATCH) {
        if Instant::now() >= deadline {
            break;
        }
        let body: Vec<serde_json::Value> = batch
            .iter()
            .map(|a| {
                serde_json::json!({
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "outlet": a.outlet,
                    "published": a.published.map(|p| p.to_string()),
                    "text": a.text,
                })
            })
            .collect();
        let body = serde_json::to_vec(&body).unwrap_or_default();
        out.posts += 1;
        let answer = conn.request("POST", "/api/articles", Some(&body));
        let parsed = match answer {
            Ok((201, body)) => serde_json::from_slice::<serde_json::Value>(&body)
                .map_err(|e| format!("POST /api/articles: the body is not JSON: {e}")),
            Ok((status, body)) => Err(format!(
                "POST /api/articles: status {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(300)])
            )),
            Err(e) => Err(format!("POST /api/articles: {e}")),
        };
        match parsed {
            Ok(v) => {
                out.events += v["events_added"].as_u64().unwrap_or(0);
                for a in v["articles"].as_array().into_iter().flatten() {
                    if a["status"] == "added" {
                        if let Some(id) = a["id"].as_str() {
                            out.article_ids.push(id.to_string());
                        }
                    }
                }
            }
            Err(e) => {
                out.errors += 1;
                if out.first_errors.len() < 5 {
                    out.first_errors.push(e);
                }
            }
        }
    }
    out
}

/// Totals, requests per second and percentiles, overall and per route.
fn summarize(samples: Vec<Sample>, seconds: f64) -> LoadReport {
    let mut report = LoadReport {
        seconds: (seconds * 10.0).round() / 10.0,
        requests: samples.len() as u64,
        requests_per_sec: (samples.len() as f64 / seconds.max(1e-9)).round(),
        ..LoadReport::default()
    };
    let mut all = Vec::with_capacity(samples.len());
    let mut by_route: Vec<Vec<u64>> = vec![Vec::new(); ROUTES.len()];
    for s in &samples {
        all.push(s.micros);
        by_route[s.route].push(s.micros);
        if let Some(e) = &s.error {
            report.errors += 1;
            report.routes.entry(ROUTES[s.route]).or_default().errors += 1;
            if report.first_errors.len() < 5 {
                report.first_errors.push(e.clone());
            }
        }
    }
    report.latency = percentiles(&mut all);
    for (i, mut v) in by_route.into_iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let r = report.routes.entry(ROUTES[i]).or_default();
        r.requests = v.len() as u64;
        r.latency = percentiles(&mut v);
    }
    report
}

fn percentiles(micros: &mut [u64]) -> Latency {
    if micros.is_empty() {
        return Latency::default();
    }
    micros.sort_unstable();
    let at = |q: f64| {
        let i = ((q * micros.len() as f64).ceil() as usize).clamp(1, micros.len()) - 1;
        (micros[i] as f64 / 100.0).round() / 10.0
    };
    Latency {
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    }
}

/// A minimal HTTP/1.1 client over one keep-alive connection, reconnecting after a failure or
/// a `Connection: close`.
pub struct Client {
    addr: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client { addr, conn: None }
    }

    /// Sends a request (with a JSON body for a POST) and reads the response: status and body.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let result = self.exchange(method, path, body);
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    fn exchange(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        if self.conn.is_none() {
            let s = TcpStream::connect_timeout(&self.addr, TIMEOUT)?;
            s.set_read_timeout(Some(TIMEOUT))?;
            s.set_write_timeout(Some(TIMEOUT))?;
            s.set_nodelay(true)?;
            self.conn = Some(BufReader::new(s));
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err(std::io::Error::other("no connection"));
        };
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n",
            self.addr
        );
        if let Some(b) = body {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        head.push_str("\r\n");
        let stream = conn.get_mut();
        stream.write_all(head.as_bytes())?;
        if let Some(b) = body {
            stream.write_all(b)?;
        }
        stream.flush()?;

        let (status, length, chunked, close) = read_head(conn)?;
        let body = if chunked {
            read_chunked(conn)?
        } else {
            let mut b = vec![0; length.unwrap_or(0)];
            conn.read_exact(&mut b)?;
            b
        };
        if close {
            self.conn = None;
        }
        Ok((status, body))
    }
}

fn bad(msg: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.into())
}

/// The status line and headers: (status, Content-Length, chunked, Connection: close).
fn read_head(conn: &mut impl BufRead) -> std::io::Result<(u16, Option<usize>, bool, bool)> {
    let mut line = String::new();
    if conn.read_line(&mut line)? == 0 {
        return Err(bad("the server closed the connection"));
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| bad(format!("not an HTTP status line: {line:?}")))?;
    let (mut length, mut chunked, mut close) = (None, false, false);
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(bad("the connection closed inside the headers"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let Some((name, value)) = l.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "content-length" => {
                length = Some(value.parse().map_err(|_| bad("a bad Content-Length"))?)
            }
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    Ok((status, length, chunked, close))
}

/// A `Transfer-Encoding: chunked` body.
fn read_chunked(conn: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
            .map_err(|_| bad(format!("a bad chunk size: {line:?}")))?;
        if size == 0 {
            // Trailers, up to the empty line.
            loop {
                line.clear();
                if conn.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        conn.read_exact(&mut body[start..])?;
        line.clear();
        conn.read_line(&mut line)?;
    }
}

/// The default database of the load test, in `dir`.
pub fn db_in(dir: &Path) -> PathBuf {
    dir.join("load.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_and_chunked_bodies() {
        let mut r =
            std::io::Cursor::new(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec());
        assert_eq!(read_head(&mut r).unwrap(), (200, Some(2), false, false));
        let mut r = std::io::Cursor::new(
            b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{\"a\r\n4;x=1\r\n\":1}\r\n0\r\n\r\n"
                .to_vec(),
        );
        assert_eq!(read_head(&mut r).unwrap(), (404, None, true, true));
        assert_eq!(read_chunked(&mut r).unwrap(), b"{\"a\":1}");
    }

    /// The load machinery end to end, briefly: a tiny database, a few clients, and an ingest
    /// posting new articles at the same time. Every read must succeed, and what was posted
    /// must be in the database afterwards. (No timing is checked.)
    #[test]
    fn reads_never_fail_while_articles_are_posted() {
        let dir = tempfile::tempdir().unwrap();
        let pipeline = crate::input::pipeline(&crate::input::InputArgs::for_posted_articles(
            None, None, false,
        ))
        .unwrap();
        // New articles: the stories under other ids, with a sentence added so their texts
        // (and content hashes) are new.
        let posts: Vec<Article> = (0..4)
            .flat_map(|i| {
                stories().unwrap().into_iter().map(move |mut a| {
                    a.id = format!("{}-post-{i}", a.id);
                    a.text
                        .push_str(&format!("\n\nThe talks resumed on day {i}."));
                    a
                })
            })
            .collect();
        let cfg = LoadConfig {
            clients: 4,
            duration: Duration::from_millis(1500),
            events: 2_000,
            db: db_in(dir.path()),
            posts,
        };
        let r = run(&cfg, pipeline).unwrap();
        assert!(r.requests > 0);
        assert_eq!(r.errors, 0, "{:?}", r.first_errors);
        assert_eq!(r.ingest_errors, 0, "{:?}", r.first_errors);
        // Every route was asked (the mix is random but seeded, and 1.5 s is many requests).
        for route in ROUTES {
            assert!(
                r.routes.get(route).is_some_and(|x| x.requests > 0),
                "{route}"
            );
        }
        assert!(r.ingest_articles > 0, "the ingest added nothing");
        assert_eq!(r.ingest_articles_found, r.ingest_articles);
        // The posted articles' events are queryable too.
        let store = Store::open_read_only(&cfg.db).unwrap();
        let posted = store
            .query(&EventFilter::default())
            .unwrap()
            .into_iter()
            .filter(|e| r.ingested_ids.contains(&e.article_id))
            .count() as u64;
        assert_eq!(posted, r.ingest_events);
    }
}
