//! The escalation indicator: which directed dyads' recent Goldstein balance has dropped sharply
//! against their own history (the dashboard marks them; `GET /api/escalation` lists them).
//!
//! For each dyad (source code → target code) among the events a filter selects:
//!
//! - the **as-of date** is the filter's `to` date, else the latest event date selected (one
//!   date for every dyad, so a dyad that has gone quiet has no recent events);
//! - the **recent window** is the `window_days` days ending on the as-of date; **history** is
//!   every selected event dated before the window;
//! - `recent_mean` and `history_mean` are the mean Goldstein scores per event of each part
//!   (the balance per event, so a dyad covered more heavily is not penalized for its volume),
//!   `history_sd` the sample standard deviation of the history's scores;
//! - `z = (recent_mean − history_mean) / (max(history_sd, 1) / √recent_events)`: how many
//!   standard errors the recent mean lies from the dyad's own history. The floor of one
//!   Goldstein point keeps a dyad whose history is all one kind of event from being flagged
//!   for a small change;
//! - a dyad is **escalating** when `z ≤ −2` with at least `min_recent` recent and
//!   `min_history` earlier events (defaults 3 and 5): too few events give no verdict.
//!
//! Undated events take no part. The statistic and its defaults are documented for users in
//! `docs/dashboard.md`.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::error::{Error, Result};
use crate::filter::EventFilter;
use crate::store::Store;

/// The indicator's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct EscalationParams {
    /// Length of the recent window in days, ending on the as-of date (default 30).
    pub window_days: u32,
    /// Fewest events in the window for a verdict (default 3).
    pub min_recent: u64,
    /// Fewest earlier events for a verdict (default 5).
    pub min_history: u64,
    /// `z` at or below which a dyad is escalating (default −2).
    pub threshold: f64,
}

impl Default for EscalationParams {
    fn default() -> Self {
        EscalationParams {
            window_days: 30,
            min_recent: 3,
            min_history: 5,
            threshold: -2.0,
        }
    }
}

/// One dyad's indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadTrend {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Events in the recent window.
    pub recent_events: u64,
    /// Their mean Goldstein score.
    pub recent_mean: f64,
    /// Events before the window.
    pub history_events: u64,
    /// Their mean Goldstein score; `None` without history.
    pub history_mean: Option<f64>,
    /// Sample standard deviation of the history's scores; `None` with fewer than two.
    pub history_sd: Option<f64>,
    /// The standardized change (see the module doc); `None` without history.
    pub z: Option<f64>,
    /// The verdict: `z ≤ threshold` with enough events on both sides.
    pub escalating: bool,
}

/// The indicator over a filter's events: the as-of date and window, and the dyads with at
/// least one recent event.
#[derive(Debug, Clone, PartialEq)]
pub struct Escalation {
    /// The as-of date (`YYYY-MM-DD`); `None` when no dated event is selected.
    pub as_of: Option<String>,
    /// The first day of the recent window.
    pub window_start: Option<String>,
    /// Dyads, escalating first, then by `z` ascending (most negative first; dyads without a
    /// `z` last), then by recent events descending, then by codes.
    pub dyads: Vec<DyadTrend>,
}

impl Store {
    /// The first and last event dates stored; `None` when no event is dated.
    pub fn date_range(&self) -> Result<Option<(String, String)>> {
        self.conn
            .query_row("SELECT MIN(date), MAX(date) FROM events", [], |r| {
                Ok(r.get::<_, Option<String>>(0)?
                    .zip(r.get::<_, Option<String>>(1)?))
            })
            .map_err(|e| self.err(e))
    }

    /// The escalation indicator over the events `filter` selects (its `limit`/`offset` are
    /// ignored), at most `limit` dyads.
    pub fn escalation(
        &self,
        filter: &EventFilter,
        params: &EscalationParams,
        limit: usize,
    ) -> Result<Escalation> {
        if params.window_days == 0 {
            return Err(Error::InvalidFilter(
                "the escalation window must be at least one day".into(),
            ));
        }
        let mut sql = filter.to_sql()?;
        sql.clauses.push("date IS NOT NULL".into());
        let as_of: Option<String> = match &filter.to {
            Some(to) => Some(to.clone()),
            None => {
                let text = format!("SELECT MAX(date) FROM events {}", sql.where_clause());
                self.conn
                    .prepare_cached(&text)
                    .and_then(|mut s| {
                        s.query_row(params_from_iter(sql.params.clone()), |r| r.get(0))
                    })
                    .map_err(|e| self.err(e))?
            }
        };
        let Some(as_of) = as_of else {
            return Ok(Escalation {
                as_of: None,
                window_start: None,
                dyads: Vec::new(),
            });
        };
        // The window is (as_of − window_days, as_of]; SQLite's date() does the calendar.
        let window_start: Option<String> = self
            .conn
            .query_row(
                "SELECT date(?1, '-' || ?2 || ' days', '+1 day')",
                rusqlite::params![as_of, params.window_days],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let Some(window_start) = window_start else {
            return Err(Error::InvalidFilter(format!(
                "the as-of date {as_of:?} is not a date: give YYYY-MM-DD"
            )));
        };

        sql.clauses.push("source_code IS NOT NULL".into());
        sql.clauses.push("target_code IS NOT NULL".into());
        sql.clauses.push("date <= ?".into());
        sql.params.push(Value::Text(as_of.clone()));
        let text = format!(
            "SELECT source_code, target_code,
                    SUM(date >= ?1), TOTAL(CASE WHEN date >= ?1 THEN goldstein END),
                    SUM(date < ?1), TOTAL(CASE WHEN date < ?1 THEN goldstein END),
                    TOTAL(CASE WHEN date < ?1 THEN goldstein * goldstein END)
             FROM events {}
             GROUP BY source_code, target_code
             HAVING SUM(date >= ?1) > 0",
            sql.where_clause()
        );
        // `?1` is the window start. The filter's clauses use anonymous `?`, which SQLite numbers
        // after the largest number seen so far (2, 3, ...), so its parameters follow.
        let mut values = vec![Value::Text(window_start.clone())];
        values.extend(sql.params);
        let mut stmt = self.conn.prepare_cached(&text).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                Ok(Sums {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    recent_n: r.get::<_, i64>(2)? as u64,
                    recent_sum: r.get(3)?,
                    history_n: r.get::<_, i64>(4)? as u64,
                    history_sum: r.get(5)?,
                    history_sq: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let mut dyads = Vec::new();
        for row in rows {
            dyads.push(row.map_err(|e| self.err(e))?.trend(params));
        }
        dyads.sort_by(|a, b| {
            b.escalating
                .cmp(&a.escalating)
                .then_with(|| match (a.z, b.z) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| b.recent_events.cmp(&a.recent_events))
                .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
        });
        dyads.truncate(limit);
        Ok(Escalation {
            as_of: Some(as_of),
            window_start: Some(window_start),
            dyads,
        })
    }
}

/// A dyad's sums as SQL returns them.
struct Sums {
    source: String,
    target: String,
    recent_n: u64,
    recent_sum: f64,
    history_n: u64,
    history_sum: f64,
    history_sq: f64,
}

impl Sums {
    fn trend(self, p: &EscalationParams) -> DyadTrend {
        let recent_mean = self.recent_sum / self.recent_n.max(1) as f64;
        let history_mean = (self.history_n > 0).then(|| self.history_sum / self.history_n as f64);
        let history_sd = (self.history_n > 1).then(|| {
            let n = self.history_n as f64;
            let mean = self.history_sum / n;
            ((self.history_sq - n * mean * mean).max(0.0) / (n - 1.0)).sqrt()
        });
        let z = history_mean.map(|h| {
            let sd = history_sd.unwrap_or(0.0).max(1.0);
            (recent_mean - h) / (sd / (self.recent_n as f64).sqrt())
        });
        let escalating = self.recent_n >= p.min_recent
            && self.history_n >= p.min_history
            && z.is_some_and(|z| z <= p.threshold);
        DyadTrend {
            source: self.source,
            target: self.target,
            recent_events: self.recent_n,
            recent_mean,
            history_events: self.history_n,
            history_mean,
            history_sd,
            z,
            escalating,
        }
    }
}
