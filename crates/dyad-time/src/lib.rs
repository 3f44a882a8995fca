//! The time stage: finds time expressions in a document's sentences and normalizes them to
//! TIMEX3 values against the publication date (`doc.times`), and tells which calendar date
//! and precision a value stands for (used to date events).
//!
//! Expressions handled: full and partial dates in news formats ("July 26, 2023", "26 July",
//! "the 26th of last July", "2023-07-26"), months ("in July", "last July", "July 2023"),
//! years ("in 2019"), weekdays ("On Sunday": the most recent one on or before publication, the
//! next one when the sentence speaks of the future; "last/next Sunday"), deictic days
//! ("yesterday", "today", "tomorrow"), relative periods ("last week", "this month", "earlier
//! this year", "next month"), spans ago ("three days ago", vague "a few days ago" as
//! `PAST_REF`), and durations ("for three weeks", `P3W`). Without a publication date only
//! absolute expressions get values; the others are `PAST_REF`/`PRESENT_REF`/`FUTURE_REF` or
//! left out.

use dyad_doc::{DatePrecision, Document, TimeMention, TimexType};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// A month name or its abbreviation ("Sept.", "Jul"), 1-based. "May" and "March" are months
/// only where the caller's context allows (see [`find`]).
fn month(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as i8 + 1)
}

fn weekday(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
}

/// Is the (lower-case) word a day of the week ("sunday")?
pub fn is_weekday(w: &str) -> bool {
    weekday(w).is_some()
}

/// Is the (lower-case) word a name of a day or month, or an abbreviation of one ("Sept.",
/// "Thurs")? Such capitalized words are dates, not names of actors.
pub fn is_calendar_name(w: &str) -> bool {
    const DAY_ABBREVIATIONS: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    let w = w.trim_end_matches('.');
    month(w).is_some() || is_weekday(w) || DAY_ABBREVIATIONS.contains(&w)
}

/// A day of the month: "26", "26th", "1st".
fn day_number(w: &str) -> Option<i8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: i8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i16> {
    if w.len() != 4 {
        return None;
    }
    let y: i16 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn number_word(w: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if let Ok(n) = w.parse::<i64>() {
        return (1..=1000).contains(&n).then_some(n);
    }
    if w == "a" || w == "an" {
        return Some(1);
    }
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(t) = TENS.iter().position(|x| *x == w) {
        return Some(20 + 10 * t as i64);
    }
    if let Some(t) = [
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "eighteen",
        "twenty-four",
    ]
    .iter()
    .position(|x| *x == w)
    {
        return Some([13, 14, 15, 16, 18, 24][t]);
    }
    WORDS.iter().position(|x| *x == w).map(|i| i as i64 + 1)
}

/// A unit of time and its TIMEX3 letter.
fn unit(w: &str) -> Option<(&'static str, char)> {
    Some(match w.trim_end_matches('s') {
        "day" => ("day", 'D'),
        "week" => ("week", 'W'),
        "month" => ("month", 'M'),
        "year" => ("year", 'Y'),
        "hour" => ("hour", 'H'),
        "minute" => ("minute", 'm'),
        _ => return None,
    })
}

/// A TIMEX3 duration: `P3W`, `P2Y`, hours with the time designator (`PT12H`).
fn duration(q: i64, letter: char) -> String {
    if letter == 'H' {
        format!("PT{q}H")
    } else if letter == 'm' {
        format!("PT{q}M")
    } else {
        format!("P{q}{letter}")
    }
}

/// One expression found in a sentence: token range (sentence-relative, half-open), type, value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub timex_type: TimexType,
    pub value: String,
}

fn ymd(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The year of a month named without one: the latest such month not after publication (news
/// reports the past), or after it when the sentence speaks of the future.
fn year_for(month: i8, day: Option<i8>, anchor: Date, future: bool) -> i16 {
    let y = anchor.year();
    let this = ymd(y, month, day.unwrap_or(1)).unwrap_or(anchor);
    if future {
        if this < anchor && (month < anchor.month() || day.is_some()) {
            y + 1
        } else {
            y
        }
    } else if this > anchor && month != anchor.month() {
        y - 1
    } else {
        y
    }
}

/// The year of "last July" (the latest July before the publication month) or "next March"
/// (the first March after it); `None` when the month is neither.
fn relative_year(month: i8, anchor: Date, last: bool, next: bool) -> Option<i16> {
    let y = anchor.year();
    if last {
        Some(if month >= anchor.month() { y - 1 } else { y })
    } else if next {
        Some(if month <= anchor.month() { y + 1 } else { y })
    } else {
        None
    }
}

/// Time expressions in the words of one sentence (lower-cased), normalized against `anchor`
/// (the publication date) when there is one; `future` says the sentence speaks of the future.
pub fn find(words: &[&str], anchor: Option<Date>, future: bool) -> Vec<Found> {
    let n = words.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some((len, timex_type, value)) = match_at(words, i, anchor, future) {
            out.push(Found {
                start: i,
                end: i + len,
                timex_type,
                value,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The longest expression starting at word `i`: its length, type and value.
fn match_at(
    words: &[&str],
    i: usize,
    anchor: Option<Date>,
    future: bool,
) -> Option<(usize, TimexType, String)> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let date = TimexType::Date;
    let a = w(i);

    // ISO dates.
    if a.len() == 10 && a.as_bytes()[4] == b'-' && a.as_bytes()[7] == b'-' {
        if let Ok(d) = a.parse::<Date>() {
            return Some((1, date, d.to_string()));
        }
    }

    // "the 26th of last July", "26th of July", "26 July 2023", "26 July".
    {
        let mut k = i;
        if w(k) == "the" {
            k += 1;
        }
        if let Some(d) = day_number(w(k)) {
            let mut j = k + 1;
            if w(j) == "of" {
                j += 1;
            }
            let last = w(j) == "last";
            let next = w(j) == "next";
            if last || next {
                j += 1;
            }
            if let Some(m) = month(w(j)).filter(|_| w(j).chars().count() >= 3) {
                let explicit_year = year_number(w(j + 1))
                    .or_else(|| (w(j + 1) == ",").then(|| year_number(w(j + 2))).flatten());
                let len_year = if year_number(w(j + 1)).is_some() {
                    2
                } else if explicit_year.is_some() {
                    3
                } else {
                    0
                };
                // "26 May" needs a day written as a day: "the 26th", "26th" or "26 May 2023".
                // "26 May" reads as a date unless "may" is the verb ("26 may attack"): then it
                // needs "the", an ordinal, "of" or a year.
                let ordinal = !w(k).chars().all(|c| c.is_ascii_digit());
                let reads_as_date =
                    k > i || ordinal || len_year > 0 || w(k + 1) == "of" || w(j) != "may";
                if reads_as_date {
                    let y = match (explicit_year, anchor) {
                        (Some(y), _) => Some(y),
                        (None, Some(an)) => Some(
                            relative_year(m, an, last, next)
                                .unwrap_or_else(|| year_for(m, Some(d), an, future)),
                        ),
                        (None, None) => None,
                    };
                    let value = match y.and_then(|y| ymd(y, m, d)) {
                        Some(dt) => dt.to_string(),
                        None => format!("XXXX-{m:02}-{d:02}"),
                    };
                    return Some((j + 1 + len_year - i, date, value));
                }
            }
        }
    }

    // "July 26, 2023", "July 26th", "July 2023", "last July", "in July".
    {
        let (mut k, last, next) = match a {
            "last" => (i + 1, true, false),
            "next" => (i + 1, false, true),
            _ => (i, false, false),
        };
        if let Some(m) = month(w(k)) {
            // "May" and "March" are words too: only with a day, a year, "last/next" or "in".
            let ambiguous = matches!(w(k), "may" | "march");
            let day = day_number(w(k + 1));
            let year_after_day = if w(k + 2) == "," {
                year_number(w(k + 3))
            } else {
                year_number(w(k + 2))
            };
            if let Some(d) = day {
                let y =
                    year_after_day.or_else(|| anchor.map(|an| year_for(m, Some(d), an, future)));
                let len = k + 2 - i
                    + match (year_after_day.is_some(), w(k + 2) == ",") {
                        (true, true) => 2,
                        (true, false) => 1,
                        _ => 0,
                    };
                let value = match y.and_then(|y| ymd(y, m, d)) {
                    Some(dt) => dt.to_string(),
                    None => format!("XXXX-{m:02}-{d:02}"),
                };
                return Some((len, date, value));
            }
            if let Some(y) = year_number(w(k + 1)) {
                return Some((k + 2 - i, date, format!("{y:04}-{m:02}")));
            }
            let before = if i > 0 { w(i - 1) } else { "" };
            let framed = matches!(
                before,
                "in" | "since" | "until" | "by" | "early" | "late" | "mid" | "from" | "during"
            );
            if !ambiguous || last || next || framed {
                {
                    let y = anchor.map(|an| {
                        relative_year(m, an, last, next)
                            .unwrap_or_else(|| year_for(m, None, an, future))
                    });
                    let value = match y {
                        Some(y) => format!("{y:04}-{m:02}"),
                        None => format!("XXXX-{m:02}"),
                    };
                    k += 1;
                    return Some((k - i, date, value));
                }
            }
        }
    }

    // Years: "in 2019", "since 2015", "2008 ," — not a count ("2019 people").
    if let Some(y) = year_number(a) {
        let before = if i > 0 { w(i - 1) } else { "" };
        let after = w(i + 1);
        let framed = matches!(
            before,
            "in" | "since"
                | "until"
                | "by"
                | "of"
                | "from"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "during"
                | "through"
                | "to"
                | "and"
                | "between"
                | "fiscal"
                | "the"
        );
        let ends = matches!(
            after,
            "" | "," | "." | ")" | ";" | ":" | "and" | "to" | "-" | "'s"
        );
        if framed || ends {
            return Some((1, date, format!("{y:04}")));
        }
    }

    // Weekdays: "Sunday", "last Sunday", "next Sunday", "this Sunday".
    {
        let (k, rel) = match a {
            "last" | "next" | "this" => (i + 1, a),
            _ => (i, ""),
        };
        if let Some(wd) = weekday(w(k)) {
            let value = match anchor {
                Some(an) => {
                    let back = (an.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset())
                        .rem_euclid(7) as i64;
                    let fwd = (wd.to_monday_zero_offset() - an.weekday().to_monday_zero_offset())
                        .rem_euclid(7) as i64;
                    let days = match rel {
                        "last" => -(if back == 0 { 7 } else { back }),
                        "next" => {
                            if fwd == 0 {
                                7
                            } else {
                                fwd
                            }
                        }
                        "this" if future => fwd,
                        _ if future => fwd,
                        _ => -back,
                    };
                    an.checked_add(days.days())
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                }
                None => String::new(),
            };
            if value.is_empty() {
                return Some((k + 1 - i, date, "XXXX-XX-XX".into()));
            }
            return Some((k + 1 - i, date, value));
        }
    }

    // Deictic days.
    if let Some(days) = match a {
        "yesterday" => Some(-1i64),
        "today" | "tonight" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    } {
        let value = match anchor.and_then(|an| an.checked_add(days.days()).ok()) {
            Some(d) => d.to_string(),
            None => match days {
                -1 => "PAST_REF".into(),
                0 => "PRESENT_REF".into(),
                _ => "FUTURE_REF".into(),
            },
        };
        return Some((1, date, value));
    }

    // "last week", "this month", "next year", "earlier this month", "later this year".
    {
        let (k, shift) = match (a, w(i + 1)) {
            ("earlier" | "later", "this") => (i + 2, 0),
            ("last" | "past" | "previous", _) => (i + 1, -1),
            ("this" | "current", _) => (i + 1, 0),
            ("next" | "coming", _) => (i + 1, 1),
            _ => (i, 99),
        };
        if shift != 99 && matches!(w(k), "week" | "month" | "year") {
            let value = anchor.map(|an| match w(k) {
                "week" => an
                    .checked_add((shift as i64 * 7).days())
                    .map(iso_week)
                    .unwrap_or_default(),
                "month" => {
                    let first = ymd(an.year(), an.month(), 1).unwrap_or(an);
                    first
                        .checked_add((shift as i64).months())
                        .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
                        .unwrap_or_default()
                }
                _ => format!("{:04}", an.year() as i64 + shift as i64),
            });
            let value = value.unwrap_or_else(|| {
                match shift {
                    -1 => "PAST_REF",
                    0 => "PRESENT_REF",
                    _ => "FUTURE_REF",
                }
                .into()
            });
            return Some((k + 1 - i, date, value));
        }
    }

    // Clock times: "18:00 UTC", "08:30 GMT" (the publication day's).
    if let Some((h, m)) = a.split_once(':') {
        let (hh, mm) = (h.parse::<u8>().ok(), m.parse::<u8>().ok());
        if let (Some(hh), Some(mm)) = (hh, mm) {
            if hh < 24 && mm < 60 && h.len() <= 2 && m.len() == 2 {
                let zone = matches!(w(i + 1), "utc" | "gmt");
                let day = anchor
                    .map(|an| an.to_string())
                    .unwrap_or_else(|| "XXXX-XX-XX".into());
                let value = format!("{day}T{hh:02}:{mm:02}{}", if zone { "Z" } else { "" });
                return Some((1 + usize::from(zone), TimexType::Time, value));
            }
        }
    }

    // Quarters: "the fourth quarter", "the first quarter of 2009 / of last year / of this year".
    {
        let k = if a == "the" { i + 1 } else { i };
        let q = match w(k) {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" | "final" => Some(4),
            _ => None,
        };
        if let (Some(q), "quarter") = (q, w(k + 1)) {
            let (year, len) = if w(k + 2) == "of" {
                match (w(k + 3), w(k + 4)) {
                    (y, _) if year_number(y).is_some() => (year_number(y), k + 4 - i),
                    ("last", "year") => (anchor.map(|an| an.year() - 1), k + 5 - i),
                    ("this", "year") => (anchor.map(|an| an.year()), k + 5 - i),
                    _ => (anchor.map(|an| an.year()), k + 2 - i),
                }
            } else {
                (anchor.map(|an| an.year()), k + 2 - i)
            };
            let value = match year {
                Some(y) => format!("{y:04}-Q{q}"),
                None => format!("XXXX-Q{q}"),
            };
            return Some((len, date, value));
        }
    }

    // "on the day" (the publication day, in market news), "the future".
    if a == "the" && w(i + 1) == "day" && i > 0 && matches!(words[i - 1], "on" | "for" | "during") {
        let value = anchor
            .map(|an| an.to_string())
            .unwrap_or_else(|| "PRESENT_REF".into());
        return Some((2, date, value));
    }
    if a == "the" && w(i + 1) == "future" {
        return Some((2, date, "FUTURE_REF".into()));
    }

    // Seasons: "this spring", "last autumn", "in summer 2009".
    {
        let (k, shift) = match a {
            "last" => (i + 1, -1),
            "this" => (i + 1, 0),
            "next" => (i + 1, 1),
            _ => (i, 0),
        };
        let season = match w(k) {
            "spring" => Some("SP"),
            "summer" => Some("SU"),
            "autumn" | "fall" if k > i || w(k + 1).len() == 4 => Some("FA"),
            "winter" => Some("WI"),
            _ => None,
        };
        let before = if i > 0 { w(i - 1) } else { "" };
        if let Some(code) = season.filter(|_| {
            k > i
                || matches!(before, "in" | "this" | "last" | "next" | "early" | "late")
                || year_number(w(k + 1)).is_some()
        }) {
            let (year, len) = match year_number(w(k + 1)) {
                Some(y) => (Some(y), k + 2 - i),
                None => (anchor.map(|an| an.year() + shift), k + 1 - i),
            };
            let value = match year {
                Some(y) => format!("{y:04}-{code}"),
                None => format!("XXXX-{code}"),
            };
            return Some((len, date, value));
        }
    }

    // "for decades", "over the years": long vague spans.
    if matches!(a, "decades" | "centuries") && i > 0 && matches!(words[i - 1], "for" | "over") {
        let v = if a == "decades" { "PXDE" } else { "PXCE" };
        return Some((1, TimexType::Duration, v.into()));
    }

    // Recurrence and reference words.
    let set = match a {
        "annual" | "annually" | "yearly" => Some("P1Y"),
        "weekly" => Some("P1W"),
        "daily" => Some("P1D"),
        "monthly" => Some("P1M"),
        "quarterly" => Some("P3M"),
        _ => None,
    };
    if let Some(v) = set {
        return Some((1, TimexType::Set, v.into()));
    }
    let reference = match a {
        "now" | "currently" | "current" | "nowadays" => Some("PRESENT_REF"),
        "recently" | "recent" => Some("PAST_REF"),
        _ => None,
    };
    if let Some(v) = reference {
        return Some((1, date, v.into()));
    }

    // "12-year", "five-year", "single-day": a duration written as one word.
    if let Some((q, u)) = a.rsplit_once('-') {
        if let (Some(q), Some((_, letter))) = (
            number_word(q).or(match q {
                "single" => Some(1),
                _ => None,
            }),
            unit(u),
        ) {
            return Some((1, TimexType::Duration, duration(q, letter)));
        }
    }

    // "three days ago", "a week ago", "a few days ago", "several months ago".
    {
        let vague =
            matches!(a, "few" | "several" | "some" | "many") || (a == "a" && w(i + 1) == "few");
        let k = if a == "a" && w(i + 1) == "few" {
            i + 2
        } else {
            i + 1
        };
        if let Some((_, letter)) = unit(w(k)) {
            if w(k + 1) == "ago" {
                let value = match (vague, number_word(a), anchor) {
                    (false, Some(q), Some(an)) => {
                        let back = match letter {
                            'D' => an.checked_sub(q.days()),
                            'W' => an.checked_sub((q * 7).days()),
                            'M' => an.checked_sub(q.months()),
                            'Y' => an.checked_sub(q.years()),
                            _ => Ok(an),
                        };
                        match (letter, back) {
                            ('D' | 'H', Ok(d)) => d.to_string(),
                            ('W', Ok(d)) => iso_week(d),
                            ('M', Ok(d)) => format!("{:04}-{:02}", d.year(), d.month()),
                            ('Y', Ok(d)) => format!("{:04}", d.year()),
                            _ => "PAST_REF".into(),
                        }
                    }
                    _ => "PAST_REF".into(),
                };
                return Some((k + 2 - i, date, value));
            }
            // Vague durations: "several years", "a few weeks", "many months" (`PXY`).
            if vague || matches!(a, "many") {
                return Some((k + 1 - i, TimexType::Duration, format!("PX{letter}")));
            }
            // Durations: "for three weeks", "two years", "a day" (not "a day after").
            if let Some(q) = number_word(a).filter(|_| !vague) {
                let a_day_after = matches!(a, "a" | "an")
                    && matches!(w(k + 1), "after" | "before" | "later" | "earlier");
                if !a_day_after {
                    return Some((k + 1 - i, TimexType::Duration, duration(q, letter)));
                }
            }
        }
    }
    None
}

/// The date a TIMEX3 value stands for, and how exactly: `2023-07-30` a day, `2023-W31` its
/// Monday, `2023-07` its first day, `2023` its 1 January. `PAST_REF` and the like give none.
pub fn date_of(value: &str) -> Option<(Date, DatePrecision)> {
    if let Ok(d) = value.parse::<Date>() {
        return Some((d, DatePrecision::Day));
    }
    if let Some((y, w)) = value.split_once("-W") {
        let y: i16 = y.parse().ok()?;
        let w: i8 = w.parse().ok()?;
        let d = jiff::civil::ISOWeekDate::new(y, w, Weekday::Monday)
            .ok()?
            .date();
        return Some((d, DatePrecision::Week));
    }
    if value.len() == 7 {
        let (y, m) = value.split_once('-')?;
        return Some((
            ymd(y.parse().ok()?, m.parse().ok()?, 1)?,
            DatePrecision::Month,
        ));
    }
    if value.len() == 4 {
        return Some((ymd(value.parse().ok()?, 1, 1)?, DatePrecision::Year));
    }
    None
}

/// The best estimate for a vague past expression ("a few days ago": three days before
/// `anchor`), if the text is one.
pub fn estimate(text: &str, anchor: Date) -> Option<Date> {
    let t = text.to_lowercase();
    if !t.ends_with("ago") {
        return None;
    }
    let days = if t.contains("day") {
        3
    } else if t.contains("week") {
        21
    } else if t.contains("month") {
        90
    } else if t.contains("year") {
        730
    } else {
        return None;
    };
    anchor.checked_sub(days.days()).ok()
}

/// The time stage: fills `doc.times` from the tokens of each sentence.
pub fn recognize(doc: &mut Document) {
    let anchor = doc.article.published.as_ref().map(|p| p.date);
    let mut times = Vec::new();
    for s in &doc.sentences {
        let toks = doc.sentence_tokens(s);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| doc.token_text(t).to_lowercase())
            .collect();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        // A sentence speaks of the future when it says "will" / "'ll" / "shall".
        let future = words.iter().any(|w| matches!(*w, "will" | "'ll" | "shall"));
        for f in find(&words, anchor, future) {
            let (Some(first), Some(last)) = (toks.get(f.start), toks.get(f.end.saturating_sub(1)))
            else {
                continue;
            };
            times.push(TimeMention {
                start: first.start,
                end: last.end,
                text: doc.span_text(first.start, last.end).to_string(),
                timex_type: f.timex_type,
                value: f.value,
            });
        }
    }
    doc.times = times;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    fn one(text: &str, pub_date: &str) -> Option<(String, String)> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let future = words.contains(&"will");
        find(&words, Some(d(pub_date)), future)
            .into_iter()
            .next()
            .map(|f| (words[f.start..f.end].join(" "), f.value))
    }

    fn value(text: &str) -> String {
        one(text, "2023-08-05").map(|x| x.1).unwrap_or_default()
    }

    #[test]
    fn the_seed_expressions() {
        // Publication Saturday 2023-08-05.
        assert_eq!(value("On Saturday , the Senate advised"), "2023-08-05");
        assert_eq!(value("On Sunday , ECOWAS gave"), "2023-07-30");
        assert_eq!(
            one(
                "carried out the coup on the 26th of last July .",
                "2023-08-05"
            ),
            Some(("the 26th of last july".into(), "2023-07-26".into()))
        );
        assert_eq!(value("A few days ago , the leaders agreed"), "PAST_REF");
    }

    #[test]
    fn dates_in_news_formats() {
        assert_eq!(value("on July 26 , 2023 the soldiers"), "2023-07-26");
        assert_eq!(value("on July 26 the soldiers"), "2023-07-26");
        assert_eq!(value("on 26 July 2023 the soldiers"), "2023-07-26");
        assert_eq!(value("since July 2021"), "2021-07");
        assert_eq!(value("in 2019 the war"), "2019");
        assert_eq!(value("2023-07-26 report"), "2023-07-26");
        assert_eq!(value("talks in September"), "2022-09");
        assert_eq!(value("talks will resume in September"), "2023-09");
        assert_eq!(value("last July"), "2023-07");
        assert_eq!(value("last August"), "2022-08");
        assert_eq!(value("next March"), "2024-03");
    }

    #[test]
    fn weekdays_follow_the_tense() {
        assert_eq!(value("met on Friday"), "2023-08-04");
        assert_eq!(value("will meet on Friday"), "2023-08-11");
        assert_eq!(value("last Saturday"), "2023-07-29");
        assert_eq!(value("next Saturday"), "2023-08-12");
    }

    #[test]
    fn relative_days_and_periods() {
        assert_eq!(value("yesterday"), "2023-08-04");
        assert_eq!(value("tomorrow"), "2023-08-06");
        assert_eq!(value("last week"), "2023-W30");
        assert_eq!(value("earlier this month"), "2023-08");
        assert_eq!(value("next year"), "2024");
        assert_eq!(value("three days ago"), "2023-08-02");
        assert_eq!(value("two weeks ago"), "2023-W29");
        assert_eq!(
            one("fighting for three weeks", "2023-08-05").map(|x| x.1),
            Some("P3W".into())
        );
        assert_eq!(value("a 12-hour curfew"), "PT12H");
        assert_eq!(value("the five-year plan"), "P5Y");
        assert_eq!(value("the annual summit"), "P1Y");
        assert_eq!(value("talks are currently stalled"), "PRESENT_REF");
        assert_eq!(value("at 18:00 UTC"), "2023-08-05T18:00Z");
        assert_eq!(value("in the fourth quarter of 2022"), "2022-Q4");
        assert_eq!(value("in the first quarter of last year"), "2022-Q1");
        assert_eq!(value("elections in 2019 ."), "2019");
        assert_eq!(value("the 2008 crisis"), "2008");
        assert_eq!(value("shares fell 2 % on the day"), "2023-08-05");
        assert_eq!(value("talks resume this spring"), "2023-SP");
        assert_eq!(value("in autumn 2009"), "2009-FA");
        assert_eq!(value("a fall in prices"), "");
        assert_eq!(value("waited thirty minutes"), "PT30M");
        assert_eq!(value("fighting for several years"), "PXY");
        assert_eq!(value("feuding for decades"), "PXDE");
        assert_eq!(value("a few days ago"), "PAST_REF");
    }

    #[test]
    fn words_that_are_not_times() {
        assert_eq!(one("she may attack", "2023-08-05"), None);
        assert_eq!(one("a march on the capital", "2023-08-05"), None);
        assert_eq!(one("killed 2019 people", "2023-08-05"), None);
    }

    #[test]
    fn vague_expressions_get_an_estimate() {
        assert_eq!(
            estimate("a few days ago", d("2023-08-05")),
            Some(d("2023-08-02"))
        );
        assert_eq!(
            estimate("several weeks ago", d("2023-08-05")),
            Some(d("2023-07-15"))
        );
        assert_eq!(estimate("on Sunday", d("2023-08-05")), None);
    }

    #[test]
    fn calendar_names() {
        for w in ["sunday", "thurs.", "sept", "may", "dec.", "july"] {
            assert!(is_calendar_name(w), "{w}");
        }
        for w in ["sundays", "mayor", "ma", "niger"] {
            assert!(!is_calendar_name(w), "{w}");
        }
        assert!(is_weekday("monday") && !is_weekday("mon"));
    }

    #[test]
    fn values_to_dates() {
        assert_eq!(
            date_of("2023-07-30"),
            Some((d("2023-07-30"), DatePrecision::Day))
        );
        assert_eq!(
            date_of("2023-W31"),
            Some((d("2023-07-31"), DatePrecision::Week))
        );
        assert_eq!(
            date_of("2023-07"),
            Some((d("2023-07-01"), DatePrecision::Month))
        );
        assert_eq!(
            date_of("2023"),
            Some((d("2023-01-01"), DatePrecision::Year))
        );
        assert_eq!(date_of("PAST_REF"), None);
    }

    #[test]
    fn without_a_publication_date_only_absolute_values() {
        let words = ["on", "sunday", "and", "in", "2019"];
        let f = find(&words, None, false);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, "XXXX-XX-XX");
        assert_eq!(f[1].value, "2019");
    }
}
