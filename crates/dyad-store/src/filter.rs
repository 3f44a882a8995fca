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

/// The `near` condition: a bounding box on `lat`/`lon` that the `events(lat, lon)` index can
/// serve and that contains the whole circle, then the exact great-circle check
/// (`dyad_km`, the haversine formula in Rust, registered on every connection).
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
    // Angular radius of the circle, degrees, with a small margin for rounding.
    let d = (km / EARTH_RADIUS_KM).to_degrees() + 1e-6;
    let (lat_lo, lat_hi) = (lat - d, lat + d);
    if d < 180.0 {
        sql.push(
            "lat BETWEEN ? AND ?",
            [
                Value::Real(lat_lo.max(-90.0)),
                Value::Real(lat_hi.min(90.0)),
            ],
        );
    }
    // Longitude half-width of the circle: asin(sin d / cos lat), when no pole is inside.
    let ratio = d.to_radians().sin() / lat.to_radians().cos();
    if lat_lo > -90.0 && lat_hi < 90.0 && d < 90.0 && ratio < 1.0 {
        let w = ratio.asin().to_degrees() + 1e-6;
        let (lo, hi) = (lon - w, lon + w);
        if lo < -180.0 {
            sql.push(
                "(lon >= ? OR lon <= ?)",
                [Value::Real(lo + 360.0), Value::Real(hi)],
            );
        } else if hi > 180.0 {
            sql.push(
                "(lon >= ? OR lon <= ?)",
                [Value::Real(lo), Value::Real(hi - 360.0)],
            );
        } else {
            sql.push("lon BETWEEN ? AND ?", [Value::Real(lo), Value::Real(hi)]);
        }
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
