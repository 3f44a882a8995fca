//! Event filters and their translation into a parameterized SQL `WHERE` clause.
//!
//! Only fixed SQL fragments written here go into the SQL text; every value from a filter is a
//! bound parameter.

use rusqlite::types::Value;

use crate::error::{Error, Result};
use crate::store::EARTH_RADIUS_KM;

/// Which events to select. Every field is optional; an empty filter selects every event.
/// Conditions combine with AND.
///
/// Actor fields (`source`, `target`, `actor`) take a CAMEO actor code, matched exactly
/// (`NERMIL`), or a prefix ending in `*` (`NER*`: every code that starts with `NER`: `NER`,
/// `NERMIL`, `NERGOV`, ...). Matching is case-sensitive; codes are upper case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// The acting actor's code or prefix.
    pub source: Option<String>,
    /// The target's code or prefix.
    pub target: Option<String>,
    /// A code or prefix on either side (source or target).
    pub actor: Option<String>,
    /// Exact CAMEO event code (`"0231"`, `"190"`).
    pub cameo: Option<String>,
    /// CAMEO code prefix (`"023"` matches `023`, `0231`, `0232`, ...).
    pub cameo_prefix: Option<String>,
    /// CAMEO root, the first two digits (`"19"`).
    pub root: Option<String>,
    /// PLOVER event type (`"ASSAULT"`).
    pub plover: Option<String>,
    /// First date, inclusive, `YYYY-MM-DD`. Undated events never match a date bound.
    pub from: Option<String>,
    /// Last date, inclusive, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Country of the event's location, ISO 3166 alpha-3 (`"NER"`).
    pub country: Option<String>,
    /// `(lat, lon, km)`: events located within `km` kilometres (great-circle) of the point.
    /// Events without coordinates never match.
    pub near: Option<(f64, f64, f64)>,
    /// `Some(true)`: only hedged reports; `Some(false)`: only unhedged ones, **including events
    /// without attribution**.
    pub hedged: Option<bool>,
    /// `Some(false)` keeps asserted events only (what aggregates shown to users should use:
    /// negated events are excluded from default aggregates); `Some(true)` only negated ones;
    /// `None` both.
    pub negated: Option<bool>,
    /// At most this many events ([`crate::Store::query`] only; aggregates ignore it).
    pub limit: Option<u64>,
    /// Skip this many events first ([`crate::Store::query`] only).
    pub offset: Option<u64>,
}

/// A `WHERE` clause (without the keyword) and its parameters.
#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub clauses: Vec<String>,
    pub params: Vec<Value>,
    /// For an actor on either side: the filter as two branches (source side, target side),
    /// each with every other condition, whose union is the filter's events (see
    /// [`Sql::union_ids`]).
    pub branches: Option<Box<(Sql, Sql)>>,
}

impl Sql {
    /// With [`Sql::branches`]: `SELECT <cols> FROM events WHERE <source branch> UNION SELECT
    /// <cols> FROM events WHERE <target branch>` and its parameters, an event matching on both
    /// sides once.
    pub fn union_ids(&self, cols: &str) -> Option<(String, Vec<Value>)> {
        let (a, b) = self.branches.as_deref()?;
        let text = format!(
            "SELECT {cols} FROM events {} UNION SELECT {cols} FROM events {}",
            a.where_clause(),
            b.where_clause()
        );
        let mut params = a.params.clone();
        params.extend(b.params.iter().cloned());
        Some((text, params))
    }

    /// `WHERE a AND b ...`, or "" when there is no condition.
    pub fn where_clause(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }

    fn push(&mut self, clause: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }
}

/// A parsed actor or code pattern.
enum Pattern {
    Exact(String),
    Prefix(String),
}

impl Pattern {
    fn parse(s: &str) -> Pattern {
        match s.strip_suffix('*') {
            Some(p) => Pattern::Prefix(p.to_string()),
            None => Pattern::Exact(s.to_string()),
        }
    }

    /// The condition on `col` (a fixed column name) and its parameters. A prefix is matched
    /// with `LIKE` (the prefix escaped, so `%` and `_` in it are literal) together with a
    /// range on the column that lets SQLite use the column's index and makes the match
    /// case-sensitive.
    fn condition(&self, col: &str) -> (String, Vec<Value>) {
        match self {
            Pattern::Exact(v) => (format!("{col} = ?"), vec![Value::Text(v.clone())]),
            Pattern::Prefix(p) => (
                format!("({col} LIKE ? ESCAPE '\\' AND {col} >= ? AND {col} < ?)"),
                vec![
                    Value::Text(format!("{}%", escape_like(p))),
                    Value::Text(p.clone()),
                    Value::Text(format!("{p}\u{10FFFF}")),
                ],
            ),
        }
    }
}

/// Escapes `\`, `%` and `_` for `LIKE ... ESCAPE '\'`.
pub(crate) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn check_date(field: &str, v: &str) -> Result<()> {
    let ok = v.len() == 10 && v.parse::<jiff::civil::Date>().is_ok();
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidFilter(format!(
            "{field} date {v:?} is not a date: write it as YYYY-MM-DD"
        )))
    }
}

impl EventFilter {
    /// The filter's conditions (limit and offset aside) as SQL over the `events` table.
    pub(crate) fn to_sql(&self) -> Result<Sql> {
        let mut sql = Sql::default();
        if let Some(s) = &self.source {
            let (c, p) = Pattern::parse(s).condition("source_code");
            sql.push(c, p);
        }
        if let Some(t) = &self.target {
            let (c, p) = Pattern::parse(t).condition("target_code");
            sql.push(c, p);
        }
        if let Some(a) = &self.actor {
            // The OR form serves every query; `branches` (built at the end) serves counts and
            // pages faster.
            let pat = Pattern::parse(a);
            let (c1, mut p1) = pat.condition("source_code");
            let (c2, p2) = pat.condition("target_code");
            p1.extend(p2);
            sql.push(format!("({c1} OR {c2})"), p1);
        }
        if let Some(c) = &self.cameo {
            sql.push("cameo = ?", [Value::Text(c.clone())]);
        }
        if let Some(c) = &self.cameo_prefix {
            let (c, p) = Pattern::Prefix(c.clone()).condition("cameo");
            sql.push(c, p);
        }
        if let Some(r) = &self.root {
            sql.push("cameo_root = ?", [Value::Text(r.clone())]);
        }
        if let Some(p) = &self.plover {
            sql.push("plover_event = ?", [Value::Text(p.clone())]);
        }
        if let Some(d) = &self.from {
            check_date("from", d)?;
            sql.push("date >= ?", [Value::Text(d.clone())]);
        }
        if let Some(d) = &self.to {
            check_date("to", d)?;
            sql.push("date <= ?", [Value::Text(d.clone())]);
        }
        if let (Some(f), Some(t)) = (&self.from, &self.to) {
            if f > t {
                return Err(Error::InvalidFilter(format!(
                    "from date {f} is after to date {t}: swap them"
                )));
            }
        }
        if let Some(c) = &self.country {
            sql.push("location_country = ?", [Value::Text(c.clone())]);
        }
        if let Some((lat, lon, km)) = self.near {
            near(&mut sql, lat, lon, km)?;
        }
        match self.hedged {
            Some(true) => sql.push("hedged = 1", []),
            Some(false) => sql.push("(hedged IS NULL OR hedged = 0)", []),
            None => {}
        }
        if let Some(n) = self.negated {
            sql.push("negated = ?", [Value::Integer(i64::from(n))]);
        }
        if let Some(a) = &self.actor {
            let rest = EventFilter {
                actor: None,
                ..self.clone()
            };
            let pat = Pattern::parse(a);
            let branch = |col: &str| -> Result<Sql> {
                let mut b = rest.to_sql()?;
                let (c, p) = pat.condition(col);
                b.clauses.insert(0, c);
                b.params.splice(0..0, p);
                Ok(b)
            };
            sql.branches = Some(Box::new((branch("source_code")?, branch("target_code")?)));
        }
        Ok(sql)
    }

    /// `LIMIT ? OFFSET ?` parameters: (limit, offset), -1 meaning no limit.
    pub(crate) fn limit_offset(&self) -> Result<(i64, i64)> {
        let conv = |name: &str, v: u64| {
            i64::try_from(v).map_err(|_| Error::InvalidFilter(format!("{name} {v} is too large")))
        };
        let limit = match self.limit {
            Some(l) => conv("limit", l)?,
            None => -1,
        };
        let offset = match self.offset {
            Some(o) => conv("offset", o)?,
            None => 0,
        };
        Ok((limit, offset))
    }
}

/// At most this many grid cells are listed for `near` (a circle of about 3,000 km at middle
/// latitudes; each is one index seek); a larger circle searches the cells of its whole
/// latitude band.
const MAX_NEAR_CELLS: usize = 4096;

/// The grid row of a latitude and the column of a longitude, as the schema's `cell` column
/// computes them (schema version 3): 1° cells, row-major from (-90, -180).
fn cell_row(lat: f64) -> i64 {
    ((lat + 90.0).floor() as i64).clamp(0, 179)
}

fn cell_col(lon: f64) -> i64 {
    ((lon + 180.0).floor() as i64).clamp(0, 359)
}

/// The bounding box of a `near` circle: a latitude range (`None` when the circle covers every
/// latitude) and longitude ranges (two across the antimeridian; none when a pole is inside, so
/// every longitude).
struct NearBox {
    lat: Option<(f64, f64)>,
    lons: Vec<(f64, f64)>,
}

impl NearBox {
    fn new(lat: f64, lon: f64, km: f64) -> NearBox {
        // Angular radius of the circle, degrees, with a small margin for rounding.
        let d = (km / EARTH_RADIUS_KM).to_degrees() + 1e-6;
        let (lat_lo, lat_hi) = (lat - d, lat + d);
        let lat_range = (d < 180.0).then(|| (lat_lo.max(-90.0), lat_hi.min(90.0)));
        // Longitude half-width of the circle: asin(sin d / cos lat), when no pole is inside.
        let mut lons = Vec::new();
        let ratio = d.to_radians().sin() / lat.to_radians().cos();
        if lat_lo > -90.0 && lat_hi < 90.0 && d < 90.0 && ratio < 1.0 {
            let w = ratio.asin().to_degrees() + 1e-6;
            let (lo, hi) = (lon - w, lon + w);
            if lo < -180.0 {
                lons = vec![(lo + 360.0, 180.0), (-180.0, hi)];
            } else if hi > 180.0 {
                lons = vec![(lo, 180.0), (-180.0, hi - 360.0)];
            } else {
                lons = vec![(lo, hi)];
            }
        }
        NearBox {
            lat: lat_range,
            lons,
        }
    }

    /// The grid cells (the schema's `cell` column) that hold every point of the box: a list,
    /// or, past [`MAX_NEAR_CELLS`], the range of the rows' cells.
    fn cells(&self) -> Cells {
        let (lo, hi) = self.lat.unwrap_or((-90.0, 90.0));
        let (row_lo, row_hi) = (cell_row(lo), cell_row(hi));
        let mut cols: Vec<i64> = if self.lons.is_empty() {
            (0..360).collect()
        } else {
            self.lons
                .iter()
                .flat_map(|&(lo, hi)| cell_col(lo)..=cell_col(hi))
                .collect()
        };
        cols.sort_unstable();
        cols.dedup();
        if (row_hi - row_lo + 1) as usize * cols.len() <= MAX_NEAR_CELLS {
            Cells::List(
                (row_lo..=row_hi)
                    .flat_map(|r| cols.iter().map(move |c| r * 360 + c))
                    .collect(),
            )
        } else {
            Cells::Range(row_lo * 360, row_hi * 360 + 359)
        }
    }
}

/// See [`NearBox::cells`].
#[derive(Debug, PartialEq)]
enum Cells {
    List(Vec<i64>),
    Range(i64, i64),
}

/// The `near` condition: the grid cells that the circle's bounding box touches (the
/// `events(cell, date, lat, lon, negated, id)` index finds the candidates), the bounding box
/// itself on `lat`/`lon`, then the exact great-circle check (`dyad_km`, the haversine formula
/// in Rust, registered on every connection). The box contains the whole circle, and every point
/// of the box lies in one of the listed cells, so the cells lose nothing.
fn near(sql: &mut Sql, lat: f64, lon: f64, km: f64) -> Result<()> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(Error::InvalidFilter(format!(
            "near latitude {lat} is outside -90..90"
        )));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(Error::InvalidFilter(format!(
            "near longitude {lon} is outside -180..180"
        )));
    }
    if !(km.is_finite() && km >= 0.0) {
        return Err(Error::InvalidFilter(format!(
            "near radius {km} km must be a non-negative number"
        )));
    }
    let bbox = NearBox::new(lat, lon, km);
    match bbox.cells() {
        Cells::List(cells) => {
            // Only `?` placeholders enter the text; the cells are parameters.
            let marks = vec!["?"; cells.len()].join(", ");
            sql.push(
                format!("cell IN ({marks})"),
                cells.into_iter().map(Value::Integer),
            );
        }
        Cells::Range(lo, hi) => sql.push(
            "cell BETWEEN ? AND ?",
            [Value::Integer(lo), Value::Integer(hi)],
        ),
    }
    if let Some((lo, hi)) = bbox.lat {
        sql.push("lat BETWEEN ? AND ?", [Value::Real(lo), Value::Real(hi)]);
    }
    match bbox.lons[..] {
        [(lo, hi)] => sql.push("lon BETWEEN ? AND ?", [Value::Real(lo), Value::Real(hi)]),
        // Across the antimeridian: east of the first range's start or west of the second's end.
        [(east, _), (_, west)] => sql.push(
            "(lon >= ? OR lon <= ?)",
            [Value::Real(east), Value::Real(west)],
        ),
        _ => {}
    }
    sql.push(
        "dyad_km(lat, lon, ?, ?) <= ?",
        [Value::Real(lat), Value::Real(lon), Value::Real(km)],
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_escapes_wildcards() {
        assert_eq!(escape_like("NER"), "NER");
        assert_eq!(escape_like("A%B_C\\"), "A\\%B\\_C\\\\");
    }

    #[test]
    fn values_never_enter_the_sql_text() {
        let evil = "NER'; DROP TABLE events;--";
        let f = EventFilter {
            source: Some(evil.into()),
            actor: Some(format!("{evil}*")),
            country: Some(evil.into()),
            plover: Some(evil.into()),
            ..Default::default()
        };
        let sql = f.to_sql().unwrap();
        let text = sql.where_clause();
        assert!(!text.contains("DROP"), "{text}");
        assert!(sql.params.len() >= 4);
    }

    /// The schema's `cell` column, as SQLite computes it (CAST truncates; the values are never
    /// negative).
    fn sql_cell(lat: f64, lon: f64) -> i64 {
        ((lat + 90.0) as i64).min(179) * 360 + ((lon + 180.0) as i64).min(359)
    }

    #[test]
    fn near_cells_hold_every_point_of_the_circle() {
        // A deterministic walk over centres (poles, the antimeridian and cell edges among them),
        // radii from none to the whole Earth, and points around each centre.
        let mut x: u64 = 1;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % n
        };
        let mut lists = 0;
        for q in 0..400 {
            let lat = match q % 5 {
                0 => [90.0, -90.0, 89.2, -88.7, 0.0, 13.0][next(6) as usize],
                _ => next(18_001) as f64 / 100.0 - 90.0,
            };
            let lon = match q % 7 {
                0 => [180.0, -180.0, 179.6, -179.3, 0.0, 2.0][next(6) as usize],
                _ => next(36_001) as f64 / 100.0 - 180.0,
            };
            let km = [
                0.5, 10.0, 60.0, 150.0, 300.0, 900.0, 2500.0, 12000.0, 30000.0,
            ][next(9) as usize];
            let bbox = NearBox::new(lat, lon, km);
            let cells = bbox.cells();
            lists += usize::from(matches!(cells, Cells::List(_)));
            let d = (km / EARTH_RADIUS_KM).to_degrees();
            for _ in 0..300 {
                // A point at most d degrees of latitude and about as much longitude away.
                let plat = (lat + (next(20_001) as f64 / 10_000.0 - 1.0) * d).clamp(-90.0, 90.0);
                let spread = (d / plat.to_radians().cos().max(1e-3)).min(180.0);
                let mut plon = lon + (next(20_001) as f64 / 10_000.0 - 1.0) * spread;
                if plon > 180.0 {
                    plon -= 360.0;
                } else if plon < -180.0 {
                    plon += 360.0;
                }
                if crate::store::haversine_km(plat, plon, lat, lon) > km {
                    continue;
                }
                if let Some((lo, hi)) = bbox.lat {
                    assert!((lo..=hi).contains(&plat), "{plat} outside {lo}..{hi}");
                }
                if !bbox.lons.is_empty() {
                    assert!(
                        bbox.lons.iter().any(|&(lo, hi)| (lo..=hi).contains(&plon)),
                        "{plon} outside {:?}",
                        bbox.lons
                    );
                }
                let c = sql_cell(plat, plon);
                match &cells {
                    Cells::List(l) => assert!(
                        l.contains(&c),
                        "cell {c} of ({plat}, {plon}) missing for near {lat},{lon},{km}"
                    ),
                    Cells::Range(lo, hi) => assert!((lo..=hi).contains(&&c)),
                }
            }
        }
        assert!(lists > 200, "{lists}");
    }

    #[test]
    fn rejects_bad_dates_and_coordinates() {
        let bad = |f: EventFilter| f.to_sql().unwrap_err().to_string();
        assert!(bad(EventFilter {
            from: Some("30/07/2023".into()),
            ..Default::default()
        })
        .contains("YYYY-MM-DD"));
        assert!(bad(EventFilter {
            from: Some("2023-08-01".into()),
            to: Some("2023-07-01".into()),
            ..Default::default()
        })
        .contains("swap"));
        assert!(bad(EventFilter {
            near: Some((95.0, 0.0, 10.0)),
            ..Default::default()
        })
        .contains("latitude"));
        assert!(bad(EventFilter {
            near: Some((0.0, 0.0, -1.0)),
            ..Default::default()
        })
        .contains("radius"));
    }
}
