//! Reading events back: filtered lists, counts and aggregates.

use dyad_doc::Event;
use jiff::civil::Date;
use jiff::ToSpan;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::error::{Error, Result};
use crate::filter::EventFilter;
use crate::schema::classify;
use crate::store::Store;

/// The stable order of [`Store::query`]: by date (undated events last), then by id.
const ORDER: &str = "ORDER BY date ASC NULLS LAST, id ASC";

/// One directed dyad and its events (see [`Store::dyads`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DyadCount {
    /// The acting actor's code.
    pub source: String,
    /// The target's code.
    pub target: String,
    /// Number of events from `source` to `target`.
    pub events: u64,
    /// Mean Goldstein score of those events.
    pub goldstein_mean: f64,
}

/// The period of a time series (see [`Store::series`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, named by their Monday.
    Week,
    /// Calendar months, named by their first day.
    Month,
}

impl Interval {
    /// `day`, `week` or `month`.
    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }

    /// The SQL expression naming an event's period (fixed text, no input in it).
    fn period_sql(self) -> &'static str {
        match self {
            Interval::Day => "date(date)",
            Interval::Week => "date(date, 'weekday 0', '-6 days')",
            Interval::Month => "date(date, 'start of month')",
        }
    }

    fn step(self) -> jiff::Span {
        match self {
            Interval::Day => 1.day(),
            Interval::Week => 1.week(),
            Interval::Month => 1.month(),
        }
    }
}

/// One period of a dyad's time series (see [`Store::series`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    /// The day (`YYYY-MM-DD`); for a weekly series the Monday of the ISO week, for a monthly
    /// one the month's first day.
    pub period: String,
    /// Events per quad class: `[verbal cooperation, material cooperation, verbal conflict,
    /// material conflict]`.
    pub quad: [u32; 4],
    /// Sum of the Goldstein scores of the period's events.
    pub goldstein_sum: f64,
}

impl Store {
    /// The events that match `filter`, ordered by date (undated events last) then id, with the
    /// filter's `offset` and `limit` applied: a stable order, so pages do not overlap.
    /// Events are read back from their stored JSON, exactly as they were ingested.
    pub fn query(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        let mut out = Vec::new();
        self.for_each_event(filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Like [`Store::query`], but hands each event to `f` as it is read instead of collecting
    /// them: for exports of any size. Stops at the first error `f` returns. Returns the
    /// number of events handed over.
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(Event) -> Result<()>,
    ) -> Result<u64> {
        let sql = filter.to_sql()?;
        let (limit, offset) = filter.limit_offset()?;
        // An actor on either side: order and cut the page on the covering indexes' (date, id),
        // then read only the page's rows.
        let (text, mut params) = match sql.union_ids("date, id") {
            Some((union, params)) => (
                format!(
                    "SELECT id, json FROM events WHERE id IN
                     (SELECT id FROM ({union}) {ORDER} LIMIT ? OFFSET ?) {ORDER}"
                ),
                params,
            ),
            // A page: order and cut it on the rows' index entries (the filter's index usually
            // holds `date` and `id`), then read only the page's rows: sorting whole rows would
            // read the stored JSON of every matching event.
            None if limit >= 0 => (
                format!(
                    "SELECT id, json FROM events WHERE rowid IN
                     (SELECT rowid FROM events {} {ORDER} LIMIT ? OFFSET ?) {ORDER}",
                    sql.where_clause()
                ),
                sql.params,
            ),
            // Everything (an export): one pass in order.
            None => (
                format!(
                    "SELECT id, json FROM events {} {ORDER} LIMIT ? OFFSET ?",
                    sql.where_clause()
                ),
                sql.params,
            ),
        };
        params.push(Value::Integer(limit));
        params.push(Value::Integer(offset));
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(params_from_iter(params))
            .map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let id: String = row.get(0)?;
            let json: String = row.get(1)?;
            let event = serde_json::from_str(&json)
                .map_err(|source| Error::BadStoredEvent { id, source })?;
            f(event)?;
            n += 1;
        }
        Ok(n)
    }

    /// How many events match `filter` (its `limit` and `offset` are ignored, so this is the
    /// total for pagination).
    pub fn count(&self, filter: &EventFilter) -> Result<u64> {
        let sql = filter.to_sql()?;
        let (text, params) = match sql.union_ids("id") {
            Some((union, params)) => (format!("SELECT COUNT(*) FROM ({union})"), params),
            None => (
                format!("SELECT COUNT(*) FROM events {}", sql.where_clause()),
                sql.params,
            ),
        };
        let n: i64 = self
            .conn
            .prepare_cached(&text)
            .and_then(|mut s| s.query_row(params_from_iter(params), |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    /// The busiest directed dyads among the events that match `filter`: (source code, target
    /// code) pairs by number of events, most first (ties by codes), at most `limit`. Events
    /// without a coded source or target are left out. The filter's `limit`/`offset` are
    /// ignored.
    pub fn dyads(&self, filter: &EventFilter, limit: usize) -> Result<Vec<DyadCount>> {
        let mut sql = filter.to_sql()?;
        sql.clauses.push("source_code IS NOT NULL".into());
        sql.clauses.push("target_code IS NOT NULL".into());
        let text = format!(
            "SELECT source_code, target_code, COUNT(*), AVG(goldstein) FROM events {}
             GROUP BY source_code, target_code
             ORDER BY COUNT(*) DESC, source_code, target_code
             LIMIT ?",
            sql.where_clause()
        );
        let mut params = sql.params;
        params.push(Value::Integer(limit_param(limit)));
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok(DyadCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    goldstein_mean: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map_err(|e| self.err(e))).collect()
    }

    /// The most active actors among the events that match `filter`: (code, number of events
    /// in which the code is source or target), most first (ties by code), at most `limit`.
    /// An event counts once per actor. The filter's `limit`/`offset` are ignored.
    pub fn actors(&self, filter: &EventFilter, limit: usize) -> Result<Vec<(String, u64)>> {
        let sql = filter.to_sql()?;
        let text = format!(
            "WITH f AS (SELECT source_code, target_code FROM events {})
             SELECT code, COUNT(*) FROM (
                 SELECT source_code AS code FROM f
                 UNION ALL
                 SELECT target_code AS code FROM f WHERE target_code IS NOT source_code
             )
             WHERE code IS NOT NULL
             GROUP BY code
             ORDER BY COUNT(*) DESC, code
             LIMIT ?",
            sql.where_clause()
        );
        let mut params = sql.params;
        params.push(Value::Integer(limit_param(limit)));
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map_err(|e| self.err(e))).collect()
    }

    /// The time series of the directed dyad `source` → `target` (codes or `PREFIX*`
    /// patterns, as in [`EventFilter`]; they replace the filter's own `source`/`target`) among
    /// the events that match `filter`: one point per day, or per ISO week (Monday) when
    /// `weekly`, from the first to the last period with events, periods without events
    /// included as zeros. Undated events are left out. The filter's `limit`/`offset` are
    /// ignored.
    pub fn series(
        &self,
        source: &str,
        target: &str,
        filter: &EventFilter,
        interval: Interval,
    ) -> Result<Vec<SeriesPoint>> {
        let f = EventFilter {
            source: Some(source.to_string()),
            target: Some(target.to_string()),
            ..filter.clone()
        };
        let mut sql = f.to_sql()?;
        sql.clauses.push("date IS NOT NULL".into());
        let period = interval.period_sql();
        let text = format!(
            "SELECT {period} AS p,
                    SUM(quad_class = 1), SUM(quad_class = 2),
                    SUM(quad_class = 3), SUM(quad_class = 4),
                    SUM(goldstein)
             FROM events {}
             GROUP BY p HAVING p IS NOT NULL ORDER BY p",
            sql.where_clause()
        );
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(sql.params), |r| {
                let q = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, i64>(i)? as u32) };
                Ok(SeriesPoint {
                    period: r.get(0)?,
                    quad: [q(1)?, q(2)?, q(3)?, q(4)?],
                    goldstein_sum: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let points: Vec<SeriesPoint> = rows
            .map(|r| r.map_err(|e| self.err(e)))
            .collect::<Result<_>>()?;
        Ok(fill_gaps(points, interval.step()))
    }

    /// An SQLite error on this database, classified (busy, read-only, ...).
    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        classify(e, &self.path)
    }
}

fn limit_param(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Inserts zero points for the periods between the first and the last point that have no
/// events. `step` is the period's length.
fn fill_gaps(points: Vec<SeriesPoint>, step: jiff::Span) -> Vec<SeriesPoint> {
    let mut out: Vec<SeriesPoint> = Vec::with_capacity(points.len());
    for p in points {
        if let (Some(last), Ok(next)) = (out.last(), p.period.parse::<Date>()) {
            if let Ok(mut d) = last.period.parse::<Date>() {
                loop {
                    d = match d.checked_add(step) {
                        Ok(d) if d < next => d,
                        _ => break,
                    };
                    out.push(SeriesPoint {
                        period: d.to_string(),
                        quad: [0; 4],
                        goldstein_sum: 0.0,
                    });
                }
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(period: &str, n: u32) -> SeriesPoint {
        SeriesPoint {
            period: period.into(),
            quad: [n, 0, 0, 0],
            goldstein_sum: f64::from(n),
        }
    }

    #[test]
    fn fills_missing_days_and_weeks() {
        let days = fill_gaps(
            vec![pt("2023-02-27", 1), pt("2023-03-02", 2)],
            Interval::Day.step(),
        );
        let periods: Vec<&str> = days.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(
            periods,
            ["2023-02-27", "2023-02-28", "2023-03-01", "2023-03-02"]
        );
        assert_eq!(days[1].quad, [0; 4]);
        let weeks = fill_gaps(
            vec![pt("2023-07-24", 1), pt("2023-08-07", 1)],
            Interval::Week.step(),
        );
        let periods: Vec<&str> = weeks.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(periods, ["2023-07-24", "2023-07-31", "2023-08-07"]);
        let months = fill_gaps(
            vec![pt("2023-11-01", 1), pt("2024-02-01", 1)],
            Interval::Month.step(),
        );
        let periods: Vec<&str> = months.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(
            periods,
            ["2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01"]
        );
    }
}
