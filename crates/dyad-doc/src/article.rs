//! The article as it arrived: metadata plus raw text. Readers produce it; nothing changes it later.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One news article as read from the input. `text` is the raw body, untouched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the input's `id`, or a hash of url/title/text when the input has none.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publisher ("VOA", "AP"); filled from a dateline by the cleaner when the input has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date and, when known, time. Relative dates are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    pub text: String,
}

impl Article {
    /// An article with only an id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            text: text.into(),
        }
    }
}

/// A publication date with an optional time of day and UTC offset.
///
/// Serialized as ISO 8601: `2023-08-05`, `2023-08-05T14:30:00`, `2023-08-05T14:30:00Z` or
/// `2023-08-05T14:30:00+01:00`. Date-only inputs stay date-only, so consumers can tell
/// "published that day" from "published at midnight".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Published {
    pub date: Date,
    pub time: Option<Time>,
    /// Seconds east of UTC, when the source gave a zone.
    pub offset_seconds: Option<i32>,
}

impl Published {
    pub fn from_date(date: Date) -> Self {
        Published {
            date,
            time: None,
            offset_seconds: None,
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())?;
            match self.offset_seconds {
                Some(0) => write!(f, "Z")?,
                Some(s) => {
                    let sign = if s < 0 { '-' } else { '+' };
                    let a = s.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)?
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// Why a publication date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read publication date {:?}: use YYYY-MM-DD, an ISO 8601 date-time, YYYYMMDD or an RFC 2822 date",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Published {
    type Err = DateParseError;

    /// Accepts the forms found in news feeds and corpora: `2023-08-05`, `20230805` (PETRARCH),
    /// `2023-08-05T10:00:00Z`, `2023-08-05 10:00:00+01:00`, `2025-03-14 20:30:26Z`, and RFC 2822
    /// (`Sat, 05 Aug 2023 10:00:00 GMT`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let t = s.trim();
        if t.is_empty() {
            return Err(err());
        }
        // Compact PETRARCH form.
        if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
            let y: i16 = t[0..4].parse().map_err(|_| err())?;
            let m: i8 = t[4..6].parse().map_err(|_| err())?;
            let d: i8 = t[6..8].parse().map_err(|_| err())?;
            let date = Date::new(y, m, d).map_err(|_| err())?;
            return Ok(Published::from_date(date));
        }
        if t.len() >= 10 && t.as_bytes()[4] == b'-' {
            let date: Date = t.get(..10).ok_or_else(err)?.parse().map_err(|_| err())?;
            let rest = &t[10..];
            if rest.is_empty() {
                return Ok(Published::from_date(date));
            }
            let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(err)?;
            // Split a trailing zone designator off the time.
            let (time_part, offset) = split_zone(rest).ok_or_else(err)?;
            let time: Time = time_part.parse().map_err(|_| err())?;
            return Ok(Published {
                date,
                time: Some(time),
                offset_seconds: offset,
            });
        }
        if let Ok(z) = jiff::fmt::rfc2822::parse(t) {
            let dt = z.datetime();
            return Ok(Published {
                date: dt.date(),
                time: Some(dt.time()),
                offset_seconds: Some(z.offset().seconds()),
            });
        }
        Err(err())
    }
}

fn split_zone(s: &str) -> Option<(&str, Option<i32>)> {
    if let Some(t) = s.strip_suffix(['Z', 'z']) {
        return Some((t, Some(0)));
    }
    if let Some(t) = s.strip_suffix(" UTC").or_else(|| s.strip_suffix(" GMT")) {
        return Some((t, Some(0)));
    }
    // +hh:mm, -hh:mm, +hhmm, -hhmm after the seconds.
    if let Some(pos) = s.rfind(['+', '-']) {
        let (time, zone) = s.split_at(pos);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let h: i32 = digits[0..2].parse().ok()?;
            let m: i32 = digits[2..4].parse().ok()?;
            return Some((time, Some(sign * (h * 3600 + m * 60))));
        }
        if digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let h: i32 = digits.parse().ok()?;
            return Some((time, Some(sign * h * 3600)));
        }
        return None;
    }
    Some((s, None))
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        s.parse::<Published>().unwrap().to_string()
    }

    #[test]
    fn reads_news_date_forms() {
        assert_eq!(p("2023-08-05"), "2023-08-05");
        assert_eq!(p("20230805"), "2023-08-05");
        assert_eq!(p("2025-03-14 20:30:26Z"), "2025-03-14T20:30:26Z");
        assert_eq!(p("2023-08-05T10:00:00+01:00"), "2023-08-05T10:00:00+01:00");
        assert_eq!(p("2023-08-05T10:00:00-0500"), "2023-08-05T10:00:00-05:00");
        assert_eq!(p("2023-08-05T10:00:00"), "2023-08-05T10:00:00");
        assert_eq!(p("Sat, 05 Aug 2023 10:00:00 GMT"), "2023-08-05T10:00:00Z");
    }

    #[test]
    fn rejects_garbage_with_a_helpful_message() {
        for bad in ["", "yesterday", "2023-13-01", "2023-08-05Tnoon", "20231340"] {
            let e = bad.parse::<Published>().unwrap_err();
            assert!(e.to_string().contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }

    #[test]
    fn round_trips_through_json() {
        let a = Article {
            published: Some("2023-08-05".parse().unwrap()),
            ..Article::new("x", "body")
        };
        let j = serde_json::to_string(&a).unwrap();
        assert!(j.contains("\"published\":\"2023-08-05\""));
        let b: Article = serde_json::from_str(&j).unwrap();
        assert_eq!(a, b);
    }
}
