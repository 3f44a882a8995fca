//! dyad's HTTP API over the event database (`dyad serve`).
//!
//! - Reads (`GET /api/events`, `/api/events/{id}`, `/api/actors`, `/api/dyads`,
//!   `/api/series`, `/api/places`) take the filters of `dyad query` as query parameters and run
//!   on read-only SQLite connections from a small pool, on tokio's blocking threads: a read never
//!   waits for an ingest (the database is in WAL mode).
//! - `POST /api/articles` runs the pipeline over posted articles and stores them; one writer at
//!   a time (a `Mutex<Store>`), the pipeline itself outside the lock.
//! - `GET /openapi.json` is the OpenAPI 3.0 description of every route (`src/openapi.json`,
//!   written by hand; a test keeps it and the router in step).
//! - `GET /` is the dashboard and `GET /assets/{file}` its scripts, styles and map (web/, built
//!   by build.rs and embedded; see [`assets`]); without npm at build time, `/` is a page that
//!   lists the API instead.
//!
//! Security rules ([`Config::validate`]): loopback by default; a non-loopback bind needs a
//! token, which every write must then present as `Authorization: Bearer <token>` (and, with
//! `private`, every read of `/api/`), compared in constant time. On a loopback bind, requests
//! whose `Host` is not a loopback name are refused (DNS rebinding), and writes must be
//! `Content-Type: application/json` (so a cross-site form cannot post). Filter values reach SQL
//! as bound parameters only (crates/dyad-store), and error messages name the database by its
//! file name only. Routes, parameters and responses are described in `README.md` and
//! `src/openapi.json`.

mod articles;
pub mod assets;
mod error;
mod highlight;
mod params;

use std::future::Future;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use dyad_pipeline::Pipeline;
use dyad_store::{EscalationParams, Interval, Store};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub use error::ApiError;
use params::Params;
pub use params::FILTERS;

/// Largest request body: 2 MiB. Larger posts get 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The OpenAPI 3.0 document served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Idle read-only connections kept for reuse.
const MAX_IDLE_READERS: usize = 8;

/// How the server is set up (`dyad serve`'s options).
#[derive(Debug, Clone)]
pub struct Config {
    /// The event database; created if missing.
    pub db: PathBuf,
    /// The address to listen on.
    pub bind: SocketAddr,
    /// The bearer token writes (and, with `private`, reads) must present.
    pub token: Option<String>,
    /// Reads need the token too.
    pub private: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A non-loopback address without a token.
    #[error("--bind {0} is not a loopback address, so anyone who can reach it could post articles: give a token with --token or the DYAD_TOKEN environment variable (clients then send `Authorization: Bearer <token>`), or bind to 127.0.0.1")]
    TokenRequired(SocketAddr),
    /// `--private` without a token.
    #[error("--private makes reads need the token, but no token was given: set one with --token or the DYAD_TOKEN environment variable")]
    PrivateWithoutToken,
    /// An empty or blank token.
    #[error("the token is empty: give a non-empty --token or DYAD_TOKEN (a long random string)")]
    EmptyToken,
    /// A `--bind` value that is not an address.
    #[error(
        "--bind {0:?} is not an address: write HOST:PORT, for example 127.0.0.1:8080 or [::1]:8080"
    )]
    BadAddress(String),
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] dyad_store::Error),
    /// Listening or serving failed.
    #[error("cannot serve on {addr}: {source}")]
    Io {
        /// The address.
        addr: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// True for loopback addresses, IPv4-mapped IPv6 ones (`::ffff:127.0.0.1`) included.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// A `--bind` value as an address: `IP:PORT`, or `NAME:PORT` resolved (the first address).
pub fn resolve_bind(s: &str) -> Result<SocketAddr, StartError> {
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    s.to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| StartError::BadAddress(s.to_string()))
}

impl Config {
    /// Checks the security rules: a token is required on a non-loopback address and with
    /// `private`, and must not be blank.
    pub fn validate(&self) -> Result<(), StartError> {
        match self.token.as_deref() {
            Some(t) if t.trim().is_empty() => Err(StartError::EmptyToken),
            Some(_) => Ok(()),
            None if !is_loopback(self.bind.ip()) => Err(StartError::TokenRequired(self.bind)),
            None if self.private => Err(StartError::PrivateWithoutToken),
            None => Ok(()),
        }
    }

    /// The database's file name, the only part of its path that responses show.
    fn db_name(&self) -> String {
        self.db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "the database".to_string())
    }
}

/// Read-only connections, reused.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Readers {
    fn take(&self) -> dyad_store::Result<Store> {
        match lock(&self.idle).pop() {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path),
        }
    }

    fn put(&self, store: Store) {
        let mut idle = lock(&self.idle);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(store);
        }
    }
}

/// A mutex's guard, also after a panic elsewhere (the store's writes are transactions, so a
/// panicking holder leaves nothing half-done).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The server's shared state.
pub struct App {
    db_path: PathBuf,
    db_name: String,
    writer: Mutex<Store>,
    readers: Readers,
    pipeline: Pipeline,
    /// SHA-256 of the token: compared digest to digest, in constant time.
    token: Option<[u8; 32]>,
    private: bool,
    /// Bound to loopback: refuse non-loopback `Host` names.
    loopback: bool,
}

impl App {
    /// Checks `config` ([`Config::validate`]), opens (or creates) the database for writing and
    /// keeps the pipeline that codes posted articles.
    pub fn new(config: &Config, pipeline: Pipeline) -> Result<Arc<App>, StartError> {
        config.validate()?;
        let writer = Store::open(&config.db)?;
        // Fail now, not at the first request, when readers cannot open it.
        let reader = Store::open_read_only(&config.db)?;
        let app = App {
            db_path: config.db.clone(),
            db_name: config.db_name(),
            writer: Mutex::new(writer),
            readers: Readers {
                path: config.db.clone(),
                idle: Mutex::new(vec![reader]),
            },
            pipeline,
            token: config
                .token
                .as_deref()
                .map(|t| Sha256::digest(t.as_bytes()).into()),
            private: config.private,
            loopback: is_loopback(config.bind.ip()),
        };
        Ok(Arc::new(app))
    }

    /// A store error as an API error; the database's path is shown as its file name only.
    fn store_error(&self, e: dyad_store::Error) -> ApiError {
        use dyad_store::Error as E;
        let status = match &e {
            E::InvalidFilter(_) => StatusCode::BAD_REQUEST,
            E::ArticleIdConflict { .. } | E::DuplicateEvent { .. } => StatusCode::CONFLICT,
            E::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = hide_path(&e.to_string(), &self.db_path, &self.db_name);
        if status.is_server_error() {
            eprintln!("dyad: {e}");
        }
        ApiError::new(status, message)
    }

    /// Runs `f` on a read-only connection, on a blocking thread.
    async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> dyad_store::Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        blocking(move || {
            let store = app.readers.take().map_err(|e| app.store_error(e))?;
            match f(&store) {
                Ok(v) => {
                    app.readers.put(store);
                    Ok(v)
                }
                Err(e) => Err(app.store_error(e)),
            }
        })
        .await
    }

    /// Whether the request carries the token (`Authorization: Bearer <token>`).
    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = &self.token else {
            return true;
        };
        let Some(given) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim())
        else {
            return false;
        };
        let digest: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        constant_time_eq(&digest, expected)
    }
}

/// Equality of two digests without an early exit.
fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// `message` with the database's path replaced by its file name, and its folder, when absolute,
/// removed.
fn hide_path(message: &str, path: &Path, name: &str) -> String {
    let mut out = message.replace(&path.display().to_string(), name);
    if let Some(dir) = path
        .parent()
        .filter(|d| d.is_absolute() && d.parent().is_some())
    {
        out = out.replace(&dir.display().to_string(), "");
    }
    out
}

/// Runs `f` on tokio's blocking threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        eprintln!("dyad: a request handler failed: {e}");
        Err(ApiError::internal())
    })
}

/// One route: method, path and the query parameters it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path, with `{name}` for path parameters (as OpenAPI writes them).
    pub path: &'static str,
    /// The query parameters it accepts.
    pub params: &'static [&'static str],
}

/// Every route with its handler: the router is built from this list, and [`routes`] lists it.
fn route_table() -> Vec<(Route, MethodRouter<Arc<App>>)> {
    let r = |method, path, params| Route {
        method,
        path,
        params,
    };
    vec![
        (r("GET", "/", &[]), get(index)),
        (r("GET", "/assets/{file}", &[]), get(asset)),
        (r("GET", "/openapi.json", &[]), get(openapi)),
        (r("GET", "/api/events", params::EVENTS), get(events)),
        (r("GET", "/api/events/{id}", &[]), get(event_detail)),
        (r("GET", "/api/actors", params::AGGREGATE), get(actors)),
        (r("GET", "/api/dyads", params::AGGREGATE), get(dyads)),
        (r("GET", "/api/series", params::SERIES), get(series)),
        (r("GET", "/api/places", params::AGGREGATE), get(places)),
        (
            r("GET", "/api/escalation", params::ESCALATION),
            get(escalation),
        ),
        (r("GET", "/api/summary", &[]), get(summary)),
        (r("GET", "/api/cameo", &[]), get(cameo)),
        (r("POST", "/api/articles", &[]), post(post_articles)),
    ]
}

/// Every route the router serves.
pub fn routes() -> Vec<Route> {
    route_table().into_iter().map(|(r, _)| r).collect()
}

/// The router over `app`: the routes of [`routes`], the 2 MiB body limit, the security guard,
/// and JSON errors for unknown paths and methods.
pub fn router(app: Arc<App>) -> Router {
    let mut router = Router::new();
    for (route, handler) in route_table() {
        router = router.route(route.path, handler);
    }
    router
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

/// Serves `router` on `listener` until `shutdown` completes, then lets requests in flight
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// `dyad serve`: opens the database, binds, prints `dyad: serving <db> on http://ADDR` to
/// stderr and serves on a multi-thread runtime until Ctrl-C (or SIGTERM).
pub fn run(config: Config, pipeline: Pipeline) -> Result<(), StartError> {
    let app = App::new(&config, pipeline)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| StartError::Io {
            addr: config.bind.to_string(),
            source,
        })?;
    runtime.block_on(async {
        let io = |source| StartError::Io {
            addr: config.bind.to_string(),
            source,
        };
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(io)?;
        let addr = listener.local_addr().map_err(io)?;
        eprintln!("dyad: serving {} on http://{addr}", config.db.display());
        if app.token.is_some() {
            eprintln!(
                "dyad: {} need `Authorization: Bearer <token>`",
                if app.private {
                    "reads and writes"
                } else {
                    "writes"
                }
            );
        }
        serve(listener, router(app), shutdown_signal())
            .await
            .map_err(io)?;
        eprintln!("dyad: stopped");
        Ok(())
    })
}

/// Completes on Ctrl-C, or on SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Whether a `Host` header names this machine's loopback interface.
fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let lower = name.to_ascii_lowercase();
    lower == "localhost"
        || lower.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(is_loopback)
}

/// The security guard in front of every route: the `Host` check on loopback binds, the token
/// for writes (and for `/api/` reads when private), JSON-only writes; plus `nosniff` on every
/// response.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    if app.loopback {
        if let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
            if !loopback_host(host) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!(
                        "Host {host:?} is not a loopback name: this server listens on loopback only and answers requests for localhost or 127.0.0.1 (a guard against DNS rebinding)"
                    ),
                )
                .into_response();
            }
        }
    }
    let write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let needs_token = write || (app.private && req.uri().path().starts_with("/api/"));
    if needs_token && !app.authorized(headers) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            if headers.contains_key(header::AUTHORIZATION) {
                "the token is wrong: send `Authorization: Bearer <token>` with the server's token"
            } else {
                "this request needs the server's token: send `Authorization: Bearer <token>`"
            },
        )
        .into_response();
    }
    if write && *req.method() == Method::POST {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            return ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the articles as JSON with `Content-Type: application/json`",
            )
            .into_response();
        }
    }
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

async fn no_route(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route {method} {}: the routes are listed at /openapi.json",
            uri.path()
        ),
    )
}

async fn wrong_method(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{} does not take {method}: the routes are listed at /openapi.json",
            uri.path()
        ),
    )
}

async fn index() -> Response {
    match assets::file("index.html") {
        Some(page) => assets::response(page),
        None => no_route(Method::GET, axum::http::Uri::from_static("/"))
            .await
            .into_response(),
    }
}

/// `GET /assets/{file}`.
async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    match assets::file(&file).filter(|a| a.name != "index.html") {
        Some(a) => assets::response(a),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no dashboard file {file:?}"))
            .into_response(),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// `GET /api/events`.
async fn events(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::EVENTS)?;
    let mut filter = p.filter()?;
    let limit = p.limit(50, 1000)?;
    let offset = p.offset()?;
    filter.limit = Some(limit);
    filter.offset = Some(offset);
    let (total, events) = app
        .read(move |s| Ok((s.count(&filter)?, s.query(&filter)?)))
        .await?;
    Ok(Json(json!({
        "total": total,
        "offset": offset,
        "limit": limit,
        "events": events,
    })))
}

/// `GET /api/events/{id}`.
async fn event_detail(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    let found = app
        .read(move |s| {
            let Some(event) = s.event(&id)? else {
                return Ok(Err(id));
            };
            let meta = s.article(&event.article_id)?;
            let text = s.article_text(&event.article_id)?.unwrap_or_default();
            let sentence = s.sentence_span(&event.article_id, event.sentence_index)?;
            let places = s.article_places(&event.article_id)?;
            Ok(Ok((event, meta, text, sentence, places)))
        })
        .await?;
    let (event, meta, text, sentence, places) = found
        .map_err(|id| ApiError::new(StatusCode::NOT_FOUND, format!("no event with id {id:?}")))?;
    let highlights = highlight::highlights(&event, &text, sentence, &places);
    let article = json!({
        "id": event.article_id,
        "title": meta.as_ref().and_then(|m| m.title.clone()),
        "url": meta.as_ref().and_then(|m| m.url.clone()),
        "outlet": meta.as_ref().and_then(|m| m.outlet.clone()),
        "published": meta.as_ref().and_then(|m| m.published.clone()),
        "ingested_at": meta.as_ref().map(|m| m.ingested_at.clone()),
        "text": text,
    });
    Ok(Json(json!({
        "event": event,
        "article": article,
        "highlights": highlights,
    })))
}

/// `GET /api/actors`.
async fn actors(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::AGGREGATE)?;
    let filter = p.filter()?;
    let limit = p.limit(50, 1000)? as usize;
    let rows = app.read(move |s| s.actors(&filter, limit)).await?;
    let actors: Vec<Value> = rows
        .into_iter()
        .map(|(code, events)| json!({ "code": code, "events": events }))
        .collect();
    Ok(Json(json!({ "actors": actors })))
}

/// `GET /api/dyads`.
async fn dyads(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::AGGREGATE)?;
    let filter = p.filter()?;
    let limit = p.limit(50, 1000)? as usize;
    let rows = app.read(move |s| s.dyads(&filter, limit)).await?;
    let dyads: Vec<Value> = rows
        .into_iter()
        .map(|d| {
            json!({
                "source": d.source,
                "target": d.target,
                "events": d.events,
                "goldstein_mean": d.goldstein_mean,
            })
        })
        .collect();
    Ok(Json(json!({ "dyads": dyads })))
}

/// `GET /api/series`.
async fn series(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::SERIES)?;
    let filter = p.filter()?;
    let interval = match p.get("interval") {
        None | Some("day") => Interval::Day,
        Some("week") => Interval::Week,
        Some("month") => Interval::Month,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "interval {other:?}: use day, week or month"
            )))
        }
    };
    let source = filter.source.clone().unwrap_or_else(|| "*".into());
    let target = filter.target.clone().unwrap_or_else(|| "*".into());
    let (s2, t2) = (source.clone(), target.clone());
    let points = app
        .read(move |s| s.series(&s2, &t2, &filter, interval))
        .await?;
    let points: Vec<Value> = points
        .into_iter()
        .map(|p| {
            json!({
                "period": p.period,
                "events": p.quad.iter().sum::<u32>(),
                "quad": p.quad,
                "goldstein_sum": p.goldstein_sum,
            })
        })
        .collect();
    Ok(Json(json!({
        "source": source,
        "target": target,
        "interval": interval.name(),
        "points": points,
    })))
}

/// `GET /api/places`.
async fn places(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::AGGREGATE)?;
    let filter = p.filter()?;
    let limit = p.limit(50, 1000)? as usize;
    let rows = app.read(move |s| s.places(&filter, limit)).await?;
    let places: Vec<Value> = rows
        .into_iter()
        .map(|p| {
            json!({
                "name": p.name,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "events": p.events,
                "quad": p.quad,
                "goldstein_mean": p.goldstein_mean,
            })
        })
        .collect();
    Ok(Json(json!({ "places": places })))
}

/// `GET /api/escalation`.
async fn escalation(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(q, params::ESCALATION)?;
    let filter = p.filter()?;
    let limit = p.limit(50, 1000)? as usize;
    let params = EscalationParams {
        window_days: p.window()?,
        ..EscalationParams::default()
    };
    let asked = params.clone();
    let out = app
        .read(move |s| s.escalation(&filter, &asked, limit))
        .await?;
    let dyads: Vec<Value> = out
        .dyads
        .into_iter()
        .map(|d| {
            json!({
                "source": d.source,
                "target": d.target,
                "recent_events": d.recent_events,
                "recent_mean": d.recent_mean,
                "history_events": d.history_events,
                "history_mean": d.history_mean,
                "history_sd": d.history_sd,
                "z": d.z,
                "escalating": d.escalating,
            })
        })
        .collect();
    Ok(Json(json!({
        "as_of": out.as_of,
        "window_start": out.window_start,
        "window_days": params.window_days,
        "min_recent": params.min_recent,
        "min_history": params.min_history,
        "threshold": params.threshold,
        "dyads": dyads,
    })))
}

/// `GET /api/summary`: what the database holds, for the dashboard's header.
async fn summary(State(app): State<Arc<App>>, q: QueryPairs) -> Result<Json<Value>, ApiError> {
    Params::new(q, &[])?;
    let (counts, range) = app.read(|s| Ok((s.counts()?, s.date_range()?))).await?;
    let (first, last) = range.unzip();
    Ok(Json(json!({
        "articles": counts.articles,
        "sentences": counts.sentences,
        "events": counts.events,
        "first_date": first,
        "last_date": last,
        "database": app.db_name,
    })))
}

/// `GET /api/cameo`: every CAMEO event code with its label, Goldstein weight and QuadClass
/// (the dashboard's labels).
async fn cameo(q: QueryPairs) -> Result<Json<Value>, ApiError> {
    Params::new(q, &[])?;
    let codes: Vec<Value> = dyad_code::cameo::all()
        .map(|c| {
            json!({
                "code": c.code,
                "label": c.label,
                "goldstein": c.goldstein,
                "quad_class": dyad_code::cameo::quad_class(c.code),
                "plover": c.plover_event,
            })
        })
        .collect();
    Ok(Json(json!({ "codes": codes })))
}

/// `POST /api/articles`.
async fn post_articles(
    State(app): State<Arc<App>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request body is larger than the {BODY_LIMIT}-byte (2 MiB) limit: post fewer or shorter articles per request"
                ),
            )
        } else {
            ApiError::new(r.status(), format!("cannot read the request body: {}", r.body_text()))
        }
    })?;
    let articles = articles::parse(&body)?;
    let app2 = Arc::clone(&app);
    let out = blocking(move || articles::ingest(&app2, articles)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_show_the_database_by_name_only() {
        let path = Path::new("/srv/private/data/events.db");
        let msg = "the event database /srv/private/data/events.db is busy; see /srv/private/data";
        let out = hide_path(msg, path, "events.db");
        assert_eq!(out, "the event database events.db is busy; see ");
        assert!(!out.contains("/srv"));
        // A relative folder's name is left alone elsewhere in the message.
        let out = hide_path(
            "event database error at data/dyad.db",
            Path::new("data/dyad.db"),
            "dyad.db",
        );
        assert_eq!(out, "event database error at dyad.db");
    }

    #[test]
    fn loopback_names_and_addresses() {
        for h in [
            "localhost",
            "LOCALHOST:80",
            "127.0.0.1",
            "127.1.2.3:9",
            "[::1]:8080",
            "a.localhost:1",
        ] {
            assert!(loopback_host(h), "{h}");
        }
        for h in [
            "example.org",
            "10.1.1.1:80",
            "[::2]:80",
            "localhost.example",
            "0.0.0.0",
        ] {
            assert!(!loopback_host(h), "{h}");
        }
        assert!(is_loopback("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!is_loopback("0.0.0.0".parse().unwrap()));
    }

    #[test]
    fn tokens_compare_whole() {
        let d = |s: &str| -> [u8; 32] { Sha256::digest(s.as_bytes()).into() };
        assert!(constant_time_eq(&d("abc"), &d("abc")));
        assert!(!constant_time_eq(&d("abc"), &d("abd")));
    }
}
