//! `dyad bench --store`: the event database's speed. Ingesting the corpus against coding it
//! alone (the same pipeline, output discarded), and filtered queries over a synthetic database
//! of many events (generated deterministically, so every run measures the same data).

use std::time::Instant;

use anyhow::{Context, Result};
use dyad_doc::{
    Article, Attribution, DatePrecision, Document, Event, EventActor, Evidence, Location, Modality,
    Plover, Rule, Span,
};
use dyad_store::{EventFilter, Store};
use serde::Serialize;

#[derive(Serialize)]
pub struct StoreReport {
    /// Articles per second: coding alone, and coding plus storing into an empty database.
    pub code_articles_per_sec: f64,
    pub ingest_articles_per_sec: f64,
    /// Ingest speed as a share of coding speed, in percent (target ≥ 80).
    pub ingest_vs_code_pct: f64,
    /// Synthetic database: events, and seconds to write them.
    pub synthetic_events: u64,
    pub synthetic_write_s: f64,
    /// Milliseconds of each filtered query (first page of 50 and the total count).
    pub query_ms: std::collections::BTreeMap<&'static str, f64>,
    /// The slowest of them (target < 200 ms).
    pub max_query_ms: f64,
}

const COUNTRIES: &[&str] = &[
    "USA", "CHN", "RUS", "UKR", "NER", "NGA", "MLI", "BFA", "SDN", "SYR", "ISR", "PSE", "IRN",
    "IRQ", "AFG", "PAK", "IND", "FRA", "DEU", "GBR", "TUR", "EGY", "ETH", "SOM", "KEN", "COD",
    "VEN", "COL", "MEX", "BRA", "JPN", "KOR", "PRK", "MMR", "YEM", "SAU", "LBY", "TCD", "CMR",
    "ZAF",
];
const SECTORS: &[&str] = &[
    "", "GOV", "MIL", "REB", "CVL", "OPP", "MED", "LEG", "JUD", "COP",
];
const CODES: &[&str] = &[
    "010", "020", "0232", "036", "040", "042", "043", "051", "057", "061", "071", "111", "112",
    "120", "130", "138", "139", "141", "163", "172", "173", "180", "183", "190", "193", "195",
];

/// A small deterministic generator (64-bit LCG, high bits).
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn span(text: &str) -> Span {
    Span {
        token_start: 0,
        token_end: 1,
        start: 0,
        end: text.len() as u32,
        text: text.to_string(),
    }
}

/// Article `n` of the synthetic corpus with `per` events.
fn synthetic(n: usize, per: usize, rng: &mut Lcg) -> Document {
    let id = format!("syn-{n}");
    let text = format!("Synthetic article {n} for the store benchmark.");
    let mut doc = Document::new(Article::new(&id, &text));
    doc.text = text.clone();
    for k in 0..per {
        let actor = |rng: &mut Lcg| {
            format!(
                "{}{}",
                COUNTRIES[rng.next(COUNTRIES.len())],
                SECTORS[rng.next(SECTORS.len())]
            )
        };
        let (source, target) = (actor(rng), actor(rng));
        let code = CODES[rng.next(CODES.len())];
        let day = rng.next(3650);
        let date = jiff::civil::date(2015, 1, 1)
            .checked_add(jiff::Span::new().days(day as i64))
            .map(|d| d.to_string())
            .ok();
        let (lat, lon) = (
            rng.next(12_000) as f64 / 100.0 - 60.0,
            rng.next(36_000) as f64 / 100.0 - 180.0,
        );
        let hedged = rng.next(10) == 0;
        doc.events.push(Event {
            id: format!("{id}-{k}"),
            article_id: id.clone(),
            sentence_index: k as u32,
            sentence: text.clone(),
            source: EventActor {
                text: source.clone(),
                code: Some(source.clone()),
            },
            target: Some(EventActor {
                text: target.clone(),
                code: Some(target.clone()),
            }),
            cameo: code.to_string(),
            cameo_root: code[..2].to_string(),
            quad_class: dyad_code::cameo::quad_class(code),
            goldstein: dyad_code::cameo::goldstein(code),
            plover: Plover::default(),
            date,
            date_precision: DatePrecision::Day,
            date_text: None,
            location: Some(Location {
                name: source[..3].to_string(),
                country: Some(source[..3].to_string()),
                lat: Some(lat),
                lon: Some(lon),
                feature: Some("country".into()),
                basis: Some("actor".into()),
            }),
            attribution: hedged.then(|| Attribution {
                outlet: None,
                speaker: None,
                hedged: true,
                cue: Some("reportedly".into()),
            }),
            modality: Modality {
                negated: rng.next(20) == 0,
                future: false,
                hypothetical: false,
            },
            evidence: Evidence {
                verb: span("did"),
                source: Some(span(&source)),
                target: Some(span(&target)),
            },
            rule: Rule {
                dictionary: "synthetic".into(),
                line: 0,
                pattern: String::new(),
                transform: None,
            },
        });
    }
    doc
}

/// Events per synthetic article.
const PER_ARTICLE: usize = 10;

/// The number of events [`write_synthetic`] writes for `events`: whole articles of ten.
pub(crate) fn synthetic_count(events: u64) -> u64 {
    (events as usize).div_ceil(PER_ARTICLE) as u64 * PER_ARTICLE as u64
}

/// Writes the synthetic corpus of about `events` events (articles `syn-0`, `syn-1`, ... of ten
/// events each) into `store`, in batches of 1,000 articles. The same data on every run.
pub(crate) fn write_synthetic(store: &mut Store, events: u64) -> Result<()> {
    let mut rng = Lcg(2026);
    let mut batch = Vec::with_capacity(1000);
    for n in 0..(events as usize).div_ceil(PER_ARTICLE) {
        batch.push(synthetic(n, PER_ARTICLE, &mut rng));
        if batch.len() == 1000 {
            store.ingest(&batch)?;
            batch.clear();
        }
    }
    store.ingest(&batch)?;
    Ok(())
}

fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 10_000.0).round() / 10.0
}

/// Runs the store benchmark: `articles` is the corpus, `pipeline` codes it, `events` is the size
/// of the synthetic database, written under `dir`.
pub fn run(
    articles: &[Article],
    pipeline: &dyad_pipeline::Pipeline,
    pool: &rayon::ThreadPool,
    events: u64,
    dir: &std::path::Path,
) -> Result<StoreReport> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // Coding alone, then coding and storing, on the same articles, alternately three times;
    // the best of each (one pass of each on a shared machine varied by 40 points).
    let (mut code_s, mut ingest_s) = (f64::INFINITY, f64::INFINITY);
    let db = dir.join("ingest.db");
    for _ in 0..3 {
        let t = Instant::now();
        let docs = pool.install(|| pipeline.process_batch(articles.to_vec()));
        code_s = code_s.min(t.elapsed().as_secs_f64());
        drop(docs);
        remove_db(&db);
        let t = Instant::now();
        let mut store = Store::open(&db)?;
        for chunk in articles.chunks(256) {
            let docs = pool.install(|| pipeline.process_batch(chunk.to_vec()));
            store.ingest(&docs)?;
        }
        ingest_s = ingest_s.min(t.elapsed().as_secs_f64());
        drop(store);
        remove_db(&db);
    }

    // The synthetic database.
    let db = dir.join("synthetic.db");
    remove_db(&db);
    let mut store = Store::open(&db)?;
    let t = Instant::now();
    write_synthetic(&mut store, events)?;
    let write_s = t.elapsed().as_secs_f64();
    drop(store);

    let store = Store::open_read_only(&db)?;
    let year = |from: &str, to: &str| (Some(from.to_string()), Some(to.to_string()));
    let (from, to) = year("2020-01-01", "2020-12-31");
    let queries: Vec<(&'static str, EventFilter)> = vec![
        (
            "dyad_year",
            EventFilter {
                source: Some("USA".into()),
                target: Some("CHN".into()),
                from: from.clone(),
                to: to.clone(),
                ..EventFilter::default()
            },
        ),
        (
            "actor_prefix",
            EventFilter {
                actor: Some("NER*".into()),
                negated: Some(false),
                ..EventFilter::default()
            },
        ),
        (
            "root_country",
            EventFilter {
                root: Some("19".into()),
                country: Some("SYR".into()),
                ..EventFilter::default()
            },
        ),
        (
            "near_200km_year",
            EventFilter {
                near: Some((13.5, 2.1, 200.0)),
                from,
                to,
                ..EventFilter::default()
            },
        ),
        (
            "unhedged_month",
            EventFilter {
                hedged: Some(false),
                from: Some("2019-03-01".into()),
                to: Some("2019-03-31".into()),
                ..EventFilter::default()
            },
        ),
    ];
    let mut query_ms = std::collections::BTreeMap::new();
    for (name, mut f) in queries {
        let t = Instant::now();
        let total = store.count(&f)?;
        f.limit = Some(50);
        let page = store.query(&f)?;
        query_ms.insert(name, ms(t));
        if page.len() as u64 > total {
            anyhow::bail!("{name}: a page larger than the count");
        }
    }
    let t = Instant::now();
    store.series(
        "USA*",
        "CHN*",
        &EventFilter::default(),
        dyad_store::Interval::Week,
    )?;
    query_ms.insert("series_weekly", ms(t));
    let t = Instant::now();
    store.dyads(
        &EventFilter {
            from: Some("2021-06-01".into()),
            to: Some("2021-06-30".into()),
            ..EventFilter::default()
        },
        20,
    )?;
    query_ms.insert("dyads_month", ms(t));
    let max = query_ms.values().copied().fold(0.0, f64::max);
    let rate = |s: f64| (articles.len() as f64 / s.max(1e-9)).round();
    Ok(StoreReport {
        code_articles_per_sec: rate(code_s),
        ingest_articles_per_sec: rate(ingest_s),
        ingest_vs_code_pct: (1000.0 * code_s / ingest_s.max(1e-9)).round() / 10.0,
        synthetic_events: synthetic_count(events),
        synthetic_write_s: (write_s * 10.0).round() / 10.0,
        query_ms,
        max_query_ms: max,
    })
}

pub(crate) fn remove_db(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}
