//! Query parameters: the filters of `dyad query` (src/cmd/store.rs, `FilterArgs`), with the
//! same meaning, plus `limit`, `offset` and `interval`. Unknown or repeated parameters are
//! refused, so a misspelt filter does not silently select everything; an empty value
//! (`source=`, as an HTML form sends it) counts as absent.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use dyad_store::EventFilter;

use crate::error::ApiError;

/// The event filters.
pub const FILTERS: &[&str] = &[
    "source", "target", "actor", "cameo", "root", "plover", "from", "to", "country", "near",
    "hedged", "negated",
];

/// `GET /api/events`.
pub const EVENTS: &[&str] = &[
    "source", "target", "actor", "cameo", "root", "plover", "from", "to", "country", "near",
    "hedged", "negated", "limit", "offset",
];

/// `GET /api/actors`, `/api/dyads`, `/api/places`.
pub const AGGREGATE: &[&str] = &[
    "source", "target", "actor", "cameo", "root", "plover", "from", "to", "country", "near",
    "hedged", "negated", "limit",
];

/// `GET /api/series`.
pub const SERIES: &[&str] = &[
    "source", "target", "actor", "cameo", "root", "plover", "from", "to", "country", "near",
    "hedged", "negated", "interval",
];

/// `GET /api/escalation`.
pub const ESCALATION: &[&str] = &[
    "source", "target", "actor", "cameo", "root", "plover", "from", "to", "country", "near",
    "hedged", "negated", "window", "limit",
];

/// A request's query parameters, checked against the names a route accepts.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Refuses a query string that cannot be read, unknown names and repeated names.
    pub fn new(
        query: Result<Query<Vec<(String, String)>>, QueryRejection>,
        accepted: &[&str],
    ) -> Result<Params, ApiError> {
        let Query(pairs) = query.map_err(|e| {
            ApiError::bad_request(format!("cannot read the query string: {}", e.body_text()))
        })?;
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !accepted.contains(&name.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?}: this route takes {}",
                    accepted.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad_request(format!(
                    "parameter {name:?} is given twice: give it once"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    /// `limit`: `default` when absent, at most `max`.
    pub fn limit(&self, default: u64, max: u64) -> Result<u64, ApiError> {
        match self.get("limit") {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "limit {v:?}: give a whole number from 0 to {max}"
                ))),
            },
        }
    }

    /// `window`: the escalation indicator's recent window in days, 30 when absent.
    pub fn window(&self) -> Result<u32, ApiError> {
        match self.get("window") {
            None => Ok(30),
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (1..=3660).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "window {v:?}: give a number of days from 1 to 3660"
                ))),
            },
        }
    }

    /// `offset`: 0 when absent.
    pub fn offset(&self) -> Result<u64, ApiError> {
        match self.get("offset") {
            None => Ok(0),
            Some(v) => v.parse::<u64>().map_err(|_| {
                ApiError::bad_request(format!("offset {v:?}: give a whole number, 0 or more"))
            }),
        }
    }

    /// The event filter, as `dyad query` builds it from the same options: `cameo` exact or
    /// `PREFIX*`, `plover` upper-cased, `near=LAT,LON,KM`, `hedged=true|false` (absent: both),
    /// `negated=true|false|any` (absent: false, asserted events only). Dates and coordinates
    /// are checked by the store (400 with its message).
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let near = match self.get("near") {
            None => None,
            Some(s) => {
                let v: Option<Vec<f64>> =
                    s.split(',').map(|x| x.trim().parse::<f64>().ok()).collect();
                match v.as_deref() {
                    Some(&[lat, lon, km]) => Some((lat, lon, km)),
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "near {s:?}: give three numbers LAT,LON,KM, e.g. 13.5,2.1,100"
                        )))
                    }
                }
            }
        };
        let (cameo, cameo_prefix) = match self.get("cameo") {
            Some(c) => match c.strip_suffix('*') {
                Some(p) => (None, Some(p.to_string())),
                None => (Some(c.to_string()), None),
            },
            None => (None, None),
        };
        let hedged = match self.get("hedged") {
            None | Some("any") => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(v) => {
                return Err(ApiError::bad_request(format!(
                    "hedged {v:?}: use true (hedged reports only) or false (unhedged only, unattributed events included)"
                )))
            }
        };
        let negated = match self.get("negated") {
            None | Some("false") => Some(false),
            Some("true") => Some(true),
            Some("any") => None,
            Some(v) => {
                return Err(ApiError::bad_request(format!(
                    "negated {v:?}: use false (the default: asserted events only), true (negated only) or any"
                )))
            }
        };
        Ok(EventFilter {
            source: self.string("source"),
            target: self.string("target"),
            actor: self.string("actor"),
            cameo,
            cameo_prefix,
            root: self.string("root"),
            plover: self.get("plover").map(str::to_uppercase),
            from: self.string("from"),
            to: self.string("to"),
            country: self.string("country"),
            near,
            hedged,
            negated,
            ..EventFilter::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &[(&str, &str)], accepted: &[&str]) -> Result<Params, ApiError> {
        let pairs = q
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Params::new(Ok(Query(pairs)), accepted)
    }

    #[test]
    fn filters_mean_what_dyad_query_means() {
        let p = params(
            &[
                ("source", "NER*"),
                ("cameo", "023*"),
                ("plover", "assault"),
                ("near", "13.5, 2.1,100"),
                ("hedged", "false"),
                ("target", ""),
            ],
            EVENTS,
        )
        .unwrap();
        let f = p.filter().unwrap();
        assert_eq!(f.source.as_deref(), Some("NER*"));
        assert_eq!(f.target, None);
        assert_eq!((f.cameo, f.cameo_prefix.as_deref()), (None, Some("023")));
        assert_eq!(f.plover.as_deref(), Some("ASSAULT"));
        assert_eq!(f.near, Some((13.5, 2.1, 100.0)));
        assert_eq!(f.hedged, Some(false));
        assert_eq!(f.negated, Some(false), "asserted events by default");
        let any = params(&[("negated", "any")], EVENTS).unwrap();
        assert_eq!(any.filter().unwrap().negated, None);
    }

    #[test]
    fn bad_values_are_named() {
        let err = |q: &[(&str, &str)]| {
            params(q, EVENTS)
                .and_then(|p| p.filter().and(p.limit(50, 1000)).and(p.offset()))
                .unwrap_err()
                .message
        };
        assert!(err(&[("sorce", "X")]).contains("unknown parameter \"sorce\""));
        assert!(err(&[("source", "X"), ("source", "Y")]).contains("twice"));
        assert!(err(&[("near", "1,2")]).contains("LAT,LON,KM"));
        assert!(err(&[("hedged", "maybe")]).contains("hedged"));
        assert!(err(&[("negated", "no")]).contains("negated"));
        assert!(err(&[("limit", "1001")]).contains("0 to 1000"));
        assert!(err(&[("limit", "-1")]).contains("limit"));
        assert!(err(&[("offset", "x")]).contains("offset"));
        let window = |v: &str| params(&[("window", v)], ESCALATION).unwrap().window();
        assert_eq!(window("7").unwrap(), 7);
        assert!(window("0").unwrap_err().message.contains("1 to 3660"));
        assert!(window("x").is_err());
    }

    #[test]
    fn every_reading_route_takes_every_filter() {
        for list in [EVENTS, AGGREGATE, SERIES, ESCALATION] {
            assert_eq!(&list[..FILTERS.len()], FILTERS);
        }
    }
}
