//! The time stage: finds time expressions in a document's sentences and normalizes them to
//! TIMEX3 values against the publication date (`doc.times`), and tells which calendar date
//! and precision a value stands for (used to date events).
//!
//! Expressions handled: full and partial dates in news formats ("July 26, 2023", "26 July",
//! "the 26th of last July", "2023-07-26", "7/26/23"), months ("in July", "last July", "July
//! 2023", "October of next year"), years ("in 2019", "since '82"), decades ("the 1990s"),
//! weekdays ("On Sunday": before or after publication by the nearest tense cue, see [`find`];
//! "last/next Sunday"), deictic days ("yesterday", "today", "tomorrow"), times of day ("18:00
//! UTC", "6:40 p.m.", "Friday morning", "tonight", `TIME`), relative periods ("last week",
//! "this month", "earlier this year", "the previous quarter", "this weekend"), quarters,
//! halves and fiscal years ("the third quarter", "the first half of 2010", "fiscal 1998"),
//! seasons and holidays, spans ago ("three days ago", "a year earlier", vague "a few days ago"
//! as `PAST_REF`), durations ("for three weeks" `P3W`, "the past five years", "six straight
//! days", "two and a half years", "a decades-long feud", vague "in years" `PXY`), sets ("every
//! week", "twice a year", "annual") and reference words ("now", "the past", "the near future").
//!
//! Extents follow the TimeML (TIMEX3) guidelines: a modifier is part of the expression ("early
//! 2009", "the end of last year", "about three weeks", "more than a decade"), so is "the" of a
//! relative expression ("the past nine days", "the following day"); "former", bare "current"
//! after "the" ("the current plan") and "a day" outside a frame of time ("not a day anybody
//! expected") are not expressions. Without a publication date only absolute expressions get
//! values; the others are `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`, `XXXX-...` or left out.

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
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty-four",
    ]
    .iter()
    .position(|x| *x == w)
    {
        return Some([13, 14, 15, 16, 17, 18, 19, 24][t]);
    }
    WORDS.iter().position(|x| *x == w).map(|i| i as i64 + 1)
}

/// A unit of time: its TIMEX3 letter (`m` for minutes, `S` for seconds) and how many of them
/// one stands for ("decade" is ten years).
fn unit(w: &str) -> Option<(char, i64)> {
    Some(match w {
        "day" | "days" => ('D', 1),
        "week" | "weeks" => ('W', 1),
        "month" | "months" => ('M', 1),
        "year" | "years" => ('Y', 1),
        "hour" | "hours" => ('H', 1),
        "minute" | "minutes" => ('m', 1),
        "second" | "seconds" => ('S', 1),
        "quarter" | "quarters" => ('Q', 1),
        "decade" | "decades" => ('Y', 10),
        "century" | "centuries" => ('Y', 100),
        _ => return None,
    })
}

/// A TIMEX3 duration: `P3W`, `P2.5Y`, hours, minutes and seconds with the time designator
/// (`PT12H`, `PT30M`).
fn duration(q: f64, letter: char) -> String {
    match letter {
        'H' => format!("PT{q}H"),
        'm' => format!("PT{q}M"),
        'S' => format!("PT{q}S"),
        _ => format!("P{q}{letter}"),
    }
}

/// A duration of an unspecified number of units: `PXY`, `PTXH`, `PXDE` for decades.
fn vague_duration(letter: char, factor: i64) -> String {
    match (letter, factor) {
        (_, 10) => "PXDE".into(),
        (_, 100) => "PXCE".into(),
        ('H', _) => "PTXH".into(),
        ('m', _) => "PTXM".into(),
        ('S', _) => "PTXS".into(),
        _ => format!("PX{letter}"),
    }
}

/// A quantity written from word `k` on: "three", "a", "two and a half", "twenty - five",
/// "half a"; its value and length in words.
fn quantity(words: &[&str], k: usize) -> Option<(f64, usize)> {
    let w = |j: usize| words.get(j).copied().unwrap_or("");
    if w(k) == "half" && matches!(w(k + 1), "a" | "an") {
        return Some((0.5, 2));
    }
    let mut n = number_word(w(k))? as f64;
    let mut used = 1;
    // "twenty - five" (the segmenter splits hyphens).
    if n >= 20.0 && n % 10.0 == 0.0 && n < 100.0 && w(k + 1) == "-" {
        if let Some(u) = number_word(w(k + 2)).filter(|u| (1..10).contains(u)) {
            n += u as f64;
            used = 3;
        }
    }
    if w(k + used) == "and" && w(k + used + 1) == "a" && w(k + used + 2) == "half" {
        return Some((n + 0.5, used + 3));
    }
    Some((n, used))
}

/// Words between a quantity and its unit: "six straight days", "five trading days".
fn unit_adjectives(words: &[&str], k: usize) -> usize {
    words
        .get(k..)
        .unwrap_or(&[])
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "straight"
                    | "consecutive"
                    | "successive"
                    | "full"
                    | "whole"
                    | "trading"
                    | "business"
                    | "working"
                    | "calendar"
                    | "more"
                    | "additional"
                    | "long"
            )
        })
        .count()
}

/// A word written with hyphens, whole ("five-year") or split by the segmenter ("five - year",
/// "two - year - old"): the joined word and how many tokens it takes.
fn hyphenated(words: &[&str], i: usize) -> Option<(String, usize)> {
    let w = |j: usize| words.get(j).copied().unwrap_or("");
    let a = w(i);
    if a.len() > 2 && a.contains('-') && !a.starts_with('-') && !a.ends_with('-') {
        return Some((a.to_string(), 1));
    }
    if a.is_empty() || a == "-" || w(i + 1) != "-" || w(i + 2).is_empty() || w(i + 2) == "-" {
        return None;
    }
    let mut joined = format!("{a}-{}", w(i + 2));
    let mut len = 3;
    if w(i + 3) == "-" && !w(i + 4).is_empty() && w(i + 4) != "-" {
        joined = format!("{joined}-{}", w(i + 4));
        len = 5;
    }
    Some((joined, len))
}

/// An ordinal quarter or half: "first" .. "fourth" ("final" is the fourth).
fn ordinal(w: &str) -> Option<i8> {
    match w {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" | "final" => Some(4),
        _ => None,
    }
}

/// A decade: "1990s", "1990's", "'90s", "90s" (the last only where `bare` allows it); the
/// TIMEX3 value is its first three digits ("199").
fn decade(w: &str, bare: bool) -> Option<String> {
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix('s'))?;
    let (digits, marked) = match w.strip_prefix(['\'', '’', '`']) {
        Some(d) => (d, true),
        None => (w, false),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
        return None;
    }
    match digits.len() {
        4 => year_number(digits).map(|_| digits[..3].to_string()),
        2 if marked || bare => {
            let century = if digits.as_bytes()[0] < b'3' {
                "20"
            } else {
                "19"
            };
            Some(format!("{century}{}", &digits[..1]))
        }
        _ => None,
    }
}

/// A clock time word: "18:00", "6:40"; hours and minutes.
fn clock(w: &str) -> Option<(u8, u8)> {
    let (h, m) = w.split_once(':')?;
    let (hh, mm) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
    (hh < 24 && mm < 60 && !h.is_empty() && h.len() <= 2 && m.len() == 2).then_some((hh, mm))
}

/// "a.m." / "am" (false) or "p.m." / "pm" (true).
fn meridiem(w: &str) -> Option<bool> {
    match w.trim_end_matches('.') {
        "a.m" | "am" => Some(false),
        "p.m" | "pm" => Some(true),
        _ => None,
    }
}

/// A time zone after a clock time: `Some(true)` for UTC/GMT (written `Z` in the value).
fn zone(w: &str) -> Option<bool> {
    match w {
        "utc" | "gmt" => Some(true),
        "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "bst" | "cet" | "cest"
        | "et" | "pt" => Some(false),
        _ => None,
    }
}

/// A part of the day after a day: "Friday morning" is `TMO`.
fn part_of_day(w: &str) -> Option<&'static str> {
    match w {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" => Some("NI"),
        _ => None,
    }
}

/// Easter Sunday of a year (the Gregorian computus).
fn easter(y: i16) -> Option<Date> {
    let y = i32::from(y);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y as i16, month as i8, day as i8)
}

/// A holiday at word `i`: its length in words, its usual month and day, whether it always
/// falls on them, and its date in a given year.
#[allow(clippy::type_complexity)]
fn holiday(words: &[&str], i: usize) -> Option<(usize, (i8, i8), bool, fn(i16) -> Option<Date>)> {
    let w = |j: usize| words.get(j).copied().unwrap_or("");
    fn thanksgiving(y: i16) -> Option<Date> {
        // The fourth Thursday of November.
        let first = ymd(y, 11, 1)?;
        let to_thursday = (Weekday::Thursday.to_monday_zero_offset()
            - first.weekday().to_monday_zero_offset())
        .rem_euclid(7) as i64;
        first.checked_add((to_thursday + 21).days()).ok()
    }
    fn fixed<const M: i8, const D: i8>(y: i16) -> Option<Date> {
        ymd(y, M, D)
    }
    fn good_friday(y: i16) -> Option<Date> {
        easter(y)?.checked_sub(2.days()).ok()
    }
    let before = if i > 0 { w(i - 1) } else { "" };
    Some(match (w(i), w(i + 1), w(i + 2), w(i + 3)) {
        ("christmas", "eve", _, _) => (2, (12, 24), true, fixed::<12, 24>),
        ("christmas", "day", _, _) => (2, (12, 25), true, fixed::<12, 25>),
        ("christmas", _, _, _) => (1, (12, 25), true, fixed::<12, 25>),
        ("new", "year", "'s", "eve") => (4, (12, 31), true, fixed::<12, 31>),
        ("new", "year", "'s", "day") => (4, (1, 1), true, fixed::<1, 1>),
        ("new", "year", _, _)
            if matches!(
                before,
                "the" | "and" | "over" | "after" | "before" | "since" | "until"
            ) =>
        {
            (2, (1, 1), true, fixed::<1, 1>)
        }
        ("thanksgiving", "day", _, _) => (2, (11, 25), false, thanksgiving),
        ("thanksgiving", _, _, _) => (1, (11, 25), false, thanksgiving),
        ("halloween", _, _, _) => (1, (10, 31), true, fixed::<10, 31>),
        ("valentine", "'s", "day", _) => (3, (2, 14), true, fixed::<2, 14>),
        ("good", "friday", _, _) => (2, (4, 10), false, good_friday),
        ("easter", "sunday" | "day", _, _) => (2, (4, 10), false, easter),
        ("easter", _, _, _) => (1, (4, 10), false, easter),
        _ => return None,
    })
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

/// The year of a quarter (or half, `per_year` 2) named without one: the latest one begun by
/// publication, or the next one to come when the sentence speaks of the future.
fn period_year(n: i8, per_year: i8, anchor: Date, future: bool) -> i16 {
    let current = (anchor.month() - 1) / (12 / per_year) + 1;
    let y = anchor.year();
    match (future, n.cmp(&current)) {
        (true, std::cmp::Ordering::Less) => y + 1,
        (false, std::cmp::Ordering::Greater) => y - 1,
        _ => y,
    }
}

/// Past-tense verbs that do not end in "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "told",
    "met",
    "began",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "held",
    "won",
    "lost",
    "fell",
    "rose",
    "sold",
    "bought",
    "left",
    "got",
    "saw",
    "brought",
    "spoke",
    "wrote",
    "ran",
    "struck",
    "thought",
    "found",
    "kept",
    "sent",
    "spent",
    "paid",
    "led",
    "became",
    "chose",
    "knew",
    "broke",
    "grew",
    "drew",
    "flew",
    "fought",
    "caught",
    "stood",
    "sought",
    "shot",
    "fled",
    "forgot",
    "meant",
    "shook",
    "stole",
    "threw",
    "withdrew",
    "overtook",
    "undertook",
    "arose",
    "dealt",
    "felt",
    "heard",
    "laid",
    "lent",
    "slid",
    "swept",
    "tore",
    "froze",
    "forgave",
    "sank",
    "swore",
];

/// Words ending in "-ed" that are not past tenses.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "indeed",
    "exceed",
    "proceed",
    "succeed",
    "hundred",
    "sacred",
    "naked",
    "wicked",
    "embed",
    "seed",
    "feed",
    "breed",
    "greed",
    "bleed",
    "weed",
    "creed",
    "deed",
    "heed",
    "red",
    "bed",
    "shed",
    "wed",
    "led",
    "fled",
    "bred",
    "sped",
    "shred",
    "united",
    "limited",
    "related",
    "based",
    "armed",
    "so-called",
    "concerned",
    "detailed",
    "advanced",
    "renewed",
];

/// Whether the word at `k` marks the clause as past (`Some(false)`) or future (`Some(true)`).
/// Passive participles ("is expected", "will be completed") leave the tense to their auxiliary.
fn tense_cue(words: &[&str], k: usize) -> Option<bool> {
    let w = words[k];
    let next = words.get(k + 1).copied().unwrap_or("");
    let prev = if k > 0 { words[k - 1] } else { "" };
    if matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "wo"
            | "would"
            | "should"
            | "upcoming"
            | "scheduled"
            | "slated"
            | "planned"
            | "planning"
            | "expected"
            | "tomorrow"
    ) || (next == "to"
        && matches!(
            w,
            "going"
                | "set"
                | "due"
                | "plan"
                | "plans"
                | "hope"
                | "hopes"
                | "aim"
                | "aims"
                | "want"
                | "wants"
                | "intend"
                | "intends"
                | "poised"
                | "likely"
        ))
    {
        return Some(true);
    }
    if IRREGULAR_PAST.contains(&w) || matches!(w, "ago" | "yesterday") {
        return Some(false);
    }
    let passive = matches!(
        prev,
        "be" | "been" | "being" | "is" | "are" | "am" | "'s" | "'re" | "get" | "gets"
    );
    if w.len() >= 4 && w.ends_with("ed") && !passive && !NOT_PAST.contains(&w) {
        return Some(false);
    }
    None
}

/// Time expressions in the words of one sentence (lower-cased), normalized against `anchor`
/// (the publication date) when there is one. Whether an expression without a year or week
/// ("Friday", "in June") lies before or after publication follows the nearest tense cue: the
/// closest one before it ("announced Friday", "will meet on Friday", "is set to open on
/// Monday"), else the closest after it ("On Friday, talks collapsed"), else `future`, which
/// says the sentence speaks of the future.
pub fn find(words: &[&str], anchor: Option<Date>, future: bool) -> Vec<Found> {
    let n = words.len();
    let mut before = vec![None; n + 1];
    for k in 0..n {
        before[k + 1] = tense_cue(words, k).or(before[k]);
    }
    let mut after = vec![None; n + 2];
    for k in (0..n).rev() {
        after[k] = tense_cue(words, k).or(after[k + 1]);
    }
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < n {
        let here = before[i].or(after[i + 1]).unwrap_or(future);
        if let Some((len, timex_type, mut value)) = expression_at(words, i, anchor, here) {
            // "met Tuesday in Geneva at 18:00 UTC": a clock time on the publication day takes
            // the day named shortly before it.
            let on_anchor = anchor.is_some_and(|an| value.starts_with(&format!("{an}T")));
            if timex_type == TimexType::Time && on_anchor {
                if let Some(day) = out.last().filter(|f| {
                    f.timex_type == TimexType::Date
                        && i - f.end <= 8
                        && f.value.len() == 10
                        && f.value.parse::<Date>().is_ok()
                }) {
                    value = format!("{}{}", day.value, &value[10..]);
                }
            }
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

/// Words before an expression that TimeML counts in it (its `mod`): points ("early 2009",
/// "the end of last year") and quantities ("about three weeks", "more than a year").
const POINT_MODIFIERS: &[&[&str]] = &[
    &["the", "very", "beginning", "of"],
    &["the", "very", "start", "of"],
    &["the", "very", "end", "of"],
    &["the", "beginning", "of"],
    &["the", "start", "of"],
    &["the", "end", "of"],
    &["the", "middle", "of"],
    &["the", "turn", "of"],
    &["the", "early", "part", "of"],
    &["the", "latter", "part", "of"],
    &["the", "rest", "of"],
    &["the", "remainder", "of"],
    &["early"],
    &["late"],
    &["mid"],
    &["earlier"],
    &["later"],
];

const QUANTITY_MODIFIERS: &[&[&str]] = &[
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["up", "to"],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["nearly"],
    &["almost"],
    &["over"],
    &["under"],
    &["some"],
];

/// Words after "the" that make it part of the expression: "the past five years", "the next
/// day", "the previous year".
const RELATIVE: &[&str] = &[
    "past",
    "last",
    "next",
    "previous",
    "preceding",
    "coming",
    "following",
    "current",
    "first",
    "final",
];

/// The expression starting at word `i` with the modifiers before it and what may follow it
/// ("Friday morning", "12:00 UTC Monday").
fn expression_at(
    words: &[&str],
    i: usize,
    anchor: Option<Date>,
    future: bool,
) -> Option<(usize, TimexType, String)> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let starts = |p: &[&str]| p.iter().enumerate().all(|(k, x)| w(i + k) == *x);
    for p in POINT_MODIFIERS.iter().filter(|p| starts(p)) {
        let k = i + p.len();
        // "the end of the year": the publication's year (month, week, day).
        if p.last() == Some(&"of") && w(k) == "the" {
            if let Some(value) = anchor_period(w(k + 1), anchor) {
                return Some((k + 2 - i, TimexType::Date, value));
            }
        }
        if let Some((len, t, v)) = match_at(words, k, anchor, future) {
            let point = matches!(t, TimexType::Date | TimexType::Time)
                && !v.starts_with('P')
                && (!matches!(p[0], "earlier" | "later")
                    || matches!(w(k), "today" | "tonight" | "yesterday" | "tomorrow")
                    || is_weekday(w(k)));
            if point {
                return Some(extend_after(words, i, (k - i + len, t, v), anchor, future));
            }
        }
    }
    for p in QUANTITY_MODIFIERS.iter().filter(|p| starts(p)) {
        let k = i + p.len();
        if number_word(w(k)).is_none() && clock(w(k)).is_none() {
            continue;
        }
        if let Some((len, t, v)) = match_at(words, k, anchor, future) {
            let fits = match t {
                TimexType::Duration => true,
                TimexType::Time => matches!(p[0], "about" | "around" | "approximately"),
                TimexType::Date => matches!(w(k + len - 1), "ago" | "earlier"),
                TimexType::Set => false,
            };
            if fits {
                return Some((k - i + len, t, v));
            }
        }
    }
    if w(i) == "the" && RELATIVE.contains(&w(i + 1)) {
        // Not "the current" alone: "current" is an expression only as a word of its own.
        if let Some((len, t, v)) =
            match_at(words, i + 1, anchor, future).filter(|(len, _, _)| *len > 1)
        {
            return Some(extend_after(words, i, (len + 1, t, v), anchor, future));
        }
    }
    let m = match_at(words, i, anchor, future)?;
    Some(extend_after(words, i, m, anchor, future))
}

/// "the year", "the month", "the week", "the day" after "the end of": the publication's.
fn anchor_period(unit: &str, anchor: Option<Date>) -> Option<String> {
    let an = anchor;
    Some(match unit {
        "year" => an.map_or("XXXX".into(), |d| format!("{:04}", d.year())),
        "month" => an.map_or("XXXX-XX".into(), |d| {
            format!("{:04}-{:02}", d.year(), d.month())
        }),
        "week" => an.map_or("XXXX-WXX".into(), iso_week),
        "day" => an.map_or("XXXX-XX-XX".into(), |d| d.to_string()),
        "decade" => an.map_or("XXX".into(), |d| format!("{:03}", d.year() / 10)),
        _ => return None,
    })
}

/// What may follow an expression: a part of the day after a day ("Friday morning", `TMO`), a
/// day after a clock time ("12:00 UTC Monday"), whose date a clock time also takes across a
/// comma or "on" ("16:15 UTC, June 1").
fn extend_after(
    words: &[&str],
    i: usize,
    (len, t, v): (usize, TimexType, String),
    anchor: Option<Date>,
    future: bool,
) -> (usize, TimexType, String) {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let end = i + len;
    let is_day = |v: &str| v.len() == 10 && (v.parse::<Date>().is_ok() || v == "XXXX-XX-XX");
    if t == TimexType::Date && is_day(&v) {
        if let Some(code) = part_of_day(w(end)) {
            return (len + 1, TimexType::Time, format!("{v}T{code}"));
        }
    }
    if t == TimexType::Time && v.contains(':') {
        let (Some(at), time) = (v.find('T'), &v) else {
            return (len, t, v);
        };
        let time = &time[at..];
        let day_at = |k: usize| {
            match_at(words, k, anchor, future)
                .filter(|(_, dt, dv)| *dt == TimexType::Date && is_day(dv))
        };
        if let Some((dlen, _, dv)) = day_at(end) {
            return (len + dlen, t, format!("{dv}{time}"));
        }
        if matches!(w(end), "," | "on") {
            if let Some((_, _, dv)) = day_at(end + 1) {
                return (len, t, format!("{dv}{time}"));
            }
        }
    }
    (len, t, v)
}

/// The expression starting at word `i` (the first rule that matches): its length, type and
/// value.
fn match_at(
    words: &[&str],
    i: usize,
    anchor: Option<Date>,
    future: bool,
) -> Option<(usize, TimexType, String)> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let date = TimexType::Date;
    let a = w(i);
    let before = if i > 0 { w(i - 1) } else { "" };
    let day_value = |d: Option<Date>| d.map_or("XXXX-XX-XX".to_string(), |d| d.to_string());

    // ISO dates.
    if a.len() == 10 && a.as_bytes()[4] == b'-' && a.as_bytes()[7] == b'-' {
        if let Ok(d) = a.parse::<Date>() {
            return Some((1, date, d.to_string()));
        }
    }

    // Numeric dates, month first as in US news: "7/8/07", "11/28/2000", "08-15-90".
    {
        let parts: Vec<&str> = a.split('/').collect();
        let dashed: Vec<&str> = a.split('-').collect();
        let parts = match dashed[..] {
            [m, d, y] if m.len() == 2 && d.len() == 2 && matches!(y.len(), 2 | 4) => dashed,
            _ => parts,
        };
        if let [m, d, y] = parts[..] {
            if let (Ok(m), Ok(d), Ok(y)) = (m.parse::<i8>(), d.parse::<i8>(), y.parse::<i16>()) {
                let y = match (parts[2].len(), y) {
                    (2, 0..=49) => Some(2000 + y),
                    (2, _) => Some(1900 + y),
                    (4, _) => Some(y),
                    _ => None,
                };
                if let Some(dt) = y.and_then(|y| ymd(y, m, d)) {
                    return Some((1, date, dt.to_string()));
                }
            }
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

    // Fiscal years: "fiscal 2009", "fiscal year 1998", "fiscal 97", "the (current) fiscal
    // year", "last financial year" (`FY2009`).
    {
        let (mut k, mut shift, mut det) = (i, 0, false);
        if a == "the" {
            k += 1;
            det = true;
        }
        match w(k) {
            "this" | "current" => (k, det) = (k + 1, true),
            "last" | "previous" => (k, shift, det) = (k + 1, -1, true),
            "next" => (k, shift, det) = (k + 1, 1, true),
            _ => {}
        }
        if matches!(w(k), "fiscal" | "financial") {
            let (j, year_word) = if w(k + 1) == "year" {
                (k + 2, true)
            } else {
                (k + 1, false)
            };
            let two_digit = || {
                let y: i16 = w(j).parse().ok().filter(|_| w(j).len() == 2 && !det)?;
                Some(if y < 50 { 2000 + y } else { 1900 + y })
            };
            if w(k) == "fiscal" {
                if let Some(y) = year_number(w(j)).or_else(two_digit) {
                    return Some((j + 1 - i, date, format!("FY{y:04}")));
                }
            }
            if year_word && (det || w(k) == "fiscal") {
                let value =
                    anchor.map_or("FYXXXX".into(), |an| format!("FY{:04}", an.year() + shift));
                return Some((j - i, date, value));
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
            // "October of next year", "June of 2009".
            if w(k + 1) == "of" {
                let shift = match (w(k + 2), w(k + 3)) {
                    ("this", "year") => Some(0),
                    ("next", "year") => Some(1),
                    ("last", "year") => Some(-1),
                    _ => None,
                };
                if let Some(s) = shift {
                    let value = match anchor {
                        Some(an) => format!("{:04}-{m:02}", an.year() + s),
                        None => format!("XXXX-{m:02}"),
                    };
                    return Some((k + 4 - i, date, value));
                }
                if let Some(y) = year_number(w(k + 2)) {
                    return Some((k + 3 - i, date, format!("{y:04}-{m:02}")));
                }
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

    // Decades: "the 1990s", "the '90s", "the 70s and 80s" (the bare "70s" only after "the" or
    // another decade, not "in his 70s"); abbreviated years: "since '82".
    {
        let bare = matches!(before, "the" | "early" | "late" | "mid")
            || (matches!(before, "and" | "or" | "to" | "-")
                && i >= 2
                && decade(w(i - 2), true).is_some());
        if let Some(v) = decade(a, bare) {
            return Some((1, date, v));
        }
        if let Some(digits) = a.strip_prefix(['\'', '’']) {
            if digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
                // The century nearer the publication year ("'82" in 2008 is 1982).
                let yy: i16 = digits.parse().unwrap_or(0);
                let now = anchor.map_or(2000, |an| an.year());
                let y = if (2000 + yy - now).abs() <= (1900 + yy - now).abs() {
                    2000 + yy
                } else {
                    1900 + yy
                };
                return Some((1, date, format!("{y:04}")));
            }
        }
    }

    // Clock times: "18:00 UTC", "6:40 p.m.", "10 a.m. EST", "0800 GMT", "noon", "midnight" (on
    // the publication day unless a day follows, see `extend_after`).
    {
        let hour_only = || {
            a.parse::<u8>()
                .ok()
                .filter(|h| (1..=12).contains(h) && a.len() <= 2)
        };
        let military = || {
            let v: u16 = a.parse().ok().filter(|_| a.len() == 4)?;
            let (h, m) = ((v / 100) as u8, (v % 100) as u8);
            (h < 24 && m < 60 && zone(w(i + 1)).is_some()).then_some((h, m))
        };
        let hm = clock(a)
            .map(|x| (x, 1))
            .or_else(|| {
                hour_only()
                    .filter(|_| meridiem(w(i + 1)).is_some())
                    .map(|h| ((h, 0), 1))
            })
            .or_else(|| military().map(|x| (x, 1)));
        if let Some(((mut h, m), mut len)) = hm {
            if let Some(pm) = meridiem(w(i + len)) {
                h = match (pm, h) {
                    (true, 1..=11) => h + 12,
                    (false, 12) => 0,
                    _ => h,
                };
                len += 1;
            }
            let z = zone(w(i + len));
            if z.is_some() {
                len += 1;
            }
            let value = format!(
                "{}T{h:02}:{m:02}{}",
                day_value(anchor),
                if z == Some(true) { "Z" } else { "" }
            );
            return Some((len, TimexType::Time, value));
        }
        if matches!(a, "noon" | "midday" | "midnight") {
            let hm = if a == "midnight" { "24:00" } else { "12:00" };
            return Some((1, TimexType::Time, format!("{}T{hm}", day_value(anchor))));
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

    // Deictic days: "yesterday", "today", "tomorrow"; "tonight", "last night", "this morning"
    // (times of the day, `TNI`, `TMO`).
    if let Some(days) = match a {
        "yesterday" => Some(-1i64),
        "today" => Some(0),
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
    if a == "tonight" {
        return Some((1, TimexType::Time, format!("{}TNI", day_value(anchor))));
    }
    if a == "last" && w(i + 1) == "night" {
        let d = anchor.and_then(|an| an.checked_sub(1.days()).ok());
        return Some((2, TimexType::Time, format!("{}TNI", day_value(d))));
    }
    if a == "this" {
        if let Some(code) = part_of_day(w(i + 1)).filter(|c| *c != "NI") {
            return Some((2, TimexType::Time, format!("{}T{code}", day_value(anchor))));
        }
    }

    // "the past five years", "the last two weeks", "the next few months", "the first six
    // months", "the coming weeks", "recent years": durations.
    if matches!(
        a,
        "past"
            | "last"
            | "next"
            | "previous"
            | "preceding"
            | "coming"
            | "following"
            | "first"
            | "final"
            | "initial"
            | "recent"
    ) {
        let mut j = i + 1;
        let q = match w(j) {
            "few" | "several" | "many" => {
                j += 1;
                Some(None)
            }
            "couple" if w(j + 1) == "of" => {
                j += 2;
                Some(Some(2.0))
            }
            "a" | "an" => None,
            _ => match quantity(words, j) {
                Some((q, used)) => {
                    j += used;
                    Some(Some(q))
                }
                None if matches!(a, "recent" | "coming" | "past") => Some(None),
                None => None,
            },
        };
        if let Some(q) = q {
            j += unit_adjectives(words, j);
            let plural = w(j).ends_with('s') || q.is_some_and(|q| q <= 1.0);
            if let Some((letter, factor)) = unit(w(j)).filter(|_| plural) {
                let value = match q {
                    Some(q) => duration(q * factor as f64, letter),
                    None => vague_duration(letter, factor),
                };
                return Some((j + 1 - i, TimexType::Duration, value));
            }
        }
    }

    // "last week", "this month", "next year", "earlier this month", "later this year", "the
    // previous quarter", "this past weekend", "the next day", "this decade".
    {
        let (k, shift): (usize, i64) = match (a, w(i + 1)) {
            ("earlier" | "later", "this") => (i + 2, 0),
            ("this", "past") => (i + 2, -1),
            ("last" | "past" | "previous" | "preceding", _) => (i + 1, -1),
            ("latest", "quarter") => (i + 1, -1),
            ("this" | "current", _) => (i + 1, 0),
            ("next" | "coming" | "following", _) => (i + 1, 1),
            _ => (i, 99),
        };
        let u = w(k);
        // "the next day" is a day after another; "the last day (of the talks)" is not.
        let anaphoric_day = u == "day"
            && matches!(a, "next" | "following" | "previous" | "preceding")
            && before == "the";
        let units = matches!(
            u,
            "week" | "month" | "year" | "quarter" | "weekend" | "decade"
        );
        if shift != 99 && (units || anaphoric_day) {
            let len = k + 1 - i;
            if u == "decade" {
                if shift == 0 {
                    return Some((len, date, anchor_period("decade", anchor)?));
                }
                return Some((len, TimexType::Duration, "P10Y".into()));
            }
            let value = anchor.map(|an| match u {
                "day" => an
                    .checked_add(shift.days())
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                "week" => an
                    .checked_add((shift * 7).days())
                    .map(iso_week)
                    .unwrap_or_default(),
                "weekend" => {
                    // On a weekend, "this (past) weekend" is the current one.
                    let on_weekend = matches!(an.weekday(), Weekday::Saturday | Weekday::Sunday);
                    let weeks: i64 = match (a, shift) {
                        ("this", -1) if on_weekend => 0,
                        ("coming", 1) if !on_weekend => 0,
                        (_, s) => s,
                    };
                    an.checked_add((weeks * 7).days())
                        .map(|d| format!("{}-WE", iso_week(d)))
                        .unwrap_or_default()
                }
                "month" => {
                    let first = ymd(an.year(), an.month(), 1).unwrap_or(an);
                    first
                        .checked_add(shift.months())
                        .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
                        .unwrap_or_default()
                }
                "quarter" => {
                    let n = i64::from(an.year()) * 4 + i64::from((an.month() - 1) / 3) + shift;
                    format!("{:04}-Q{}", n.div_euclid(4), n.rem_euclid(4) + 1)
                }
                _ => format!("{:04}", i64::from(an.year()) + shift),
            });
            let value = value.unwrap_or_else(|| {
                match shift {
                    -1 => "PAST_REF",
                    0 => "PRESENT_REF",
                    _ => "FUTURE_REF",
                }
                .into()
            });
            return Some((len, date, value));
        }
    }

    // Quarters and halves: "the fourth quarter", "the first quarter of 2009 / of last year",
    // "third-quarter profit", "the first half of 2010" (`2009-Q3`, `2010-H1`). Without a year,
    // the latest one begun by publication (or the next, in the future).
    {
        let k = if a == "the" { i + 1 } else { i };
        let parsed = match (ordinal(w(k)), w(k + 1)) {
            (Some(n), "quarter") => Some((n, false, k + 2, a == "the")),
            (Some(n), "half") => Some((n, true, k + 2, a == "the")),
            _ => hyphenated(words, k).and_then(|(word, len)| {
                let (o, noun) = word.split_once('-')?;
                let half = match noun {
                    "quarter" => false,
                    "half" => true,
                    _ => return None,
                };
                Some((ordinal(o)?, half, k + len, true))
            }),
        };
        if let Some((n, half, j, definite)) = parsed {
            let per_year = if half { 2 } else { 4 };
            let (year, len, other_of) = if w(j) == "of" {
                match (w(j + 1), w(j + 2)) {
                    (y, _) if year_number(y).is_some() => (year_number(y), j + 2 - i, false),
                    ("last", "year") => (anchor.map(|an| an.year() - 1), j + 3 - i, false),
                    ("this", "year") => (anchor.map(|an| an.year()), j + 3 - i, false),
                    ("next", "year") => (anchor.map(|an| an.year() + 1), j + 3 - i, false),
                    _ => (None, j - i, true),
                }
            } else {
                (None, j - i, false)
            };
            // "the first half of the game" is not a half-year.
            if n <= per_year && (!half || (definite && !other_of)) {
                let year = year.or_else(|| anchor.map(|an| period_year(n, per_year, an, future)));
                let letter = if half { 'H' } else { 'Q' };
                let value = match year {
                    Some(y) => format!("{y:04}-{letter}{n}"),
                    None => format!("XXXX-{letter}{n}"),
                };
                return Some((len, date, value));
            }
        }
    }

    // "on the day" (the publication day, in market news), "ended the day", "later in the day",
    // "late in the day", "the same day"; "the future", "the near future", "the past", "the
    // recent past", "the long term", "the time being", "at present", "the weekend".
    if a == "the" {
        let next = w(i + 1);
        let closes_day = matches!(
            before,
            "on" | "for"
                | "during"
                | "end"
                | "ended"
                | "ending"
                | "ends"
                | "finish"
                | "finished"
                | "finishing"
                | "finishes"
                | "close"
                | "closed"
                | "closing"
                | "closes"
                | "start"
                | "started"
                | "starting"
                | "starts"
                | "begin"
                | "began"
                | "open"
                | "opened"
                | "opening"
                | "opens"
        ) || (before == "in" && i >= 2 && matches!(w(i - 2), "later" | "earlier"));
        if next == "day" && closes_day {
            let value = anchor
                .map(|an| an.to_string())
                .unwrap_or_else(|| "PRESENT_REF".into());
            return Some((2, date, value));
        }
        if next == "same" && w(i + 2) == "day" {
            return Some((3, date, day_value(anchor)));
        }
        let reference = match (next, w(i + 2)) {
            ("future", _) => Some((2, "FUTURE_REF")),
            ("near" | "distant" | "foreseeable" | "immediate", "future") => Some((3, "FUTURE_REF")),
            ("near" | "short" | "long" | "longer" | "medium", "term") => Some((3, "FUTURE_REF")),
            ("time", "being") => Some((3, "PRESENT_REF")),
            ("recent" | "distant", "past") => Some((3, "PAST_REF")),
            ("past", after) => {
                let measured = unit(after).is_some()
                    || number_word(after).is_some()
                    || after.parse::<f64>().is_ok()
                    || matches!(after, "few" | "several" | "many" | "couple" | "weekend");
                (!measured).then_some((2, "PAST_REF"))
            }
            _ => None,
        };
        if let Some((len, v)) = reference {
            return Some((len, date, v.into()));
        }
        if next == "weekend" {
            // The coming weekend in the future; the one just past otherwise (the current one
            // on a weekend).
            let value = anchor.map_or("XXXX-WXX-WE".into(), |an| {
                let on_weekend = matches!(an.weekday(), Weekday::Saturday | Weekday::Sunday);
                let weeks: i64 = if on_weekend || future { 0 } else { -1 };
                an.checked_add((weeks * 7).days())
                    .map(|d| format!("{}-WE", iso_week(d)))
                    .unwrap_or_default()
            });
            return Some((2, date, value));
        }
    }
    // "net income for the year", "sales in the quarter ended June 30": the publication's year,
    // the quarter just ended (the current one in the future).
    if a == "the"
        && matches!(before, "for" | "during" | "in" | "throughout")
        && matches!(
            w(i + 2),
            "" | "," | "." | ";" | "ended" | "ending" | "to" | "through"
        )
    {
        if let Some(an) = anchor {
            match w(i + 1) {
                "year" => return Some((2, date, format!("{:04}", an.year()))),
                "quarter" => {
                    let n = i64::from(an.year()) * 4 + i64::from((an.month() - 1) / 3)
                        - i64::from(!future);
                    let value = format!("{:04}-Q{}", n.div_euclid(4), n.rem_euclid(4) + 1);
                    return Some((2, date, value));
                }
                _ => {}
            }
        }
    }
    if matches!(a, "late" | "early") && w(i + 1) == "in" && w(i + 2) == "the" && w(i + 3) == "day" {
        return Some((4, date, day_value(anchor)));
    }
    if a == "present" && before == "at" {
        return Some((1, date, "PRESENT_REF".into()));
    }

    // Seasons: "this spring", "last autumn", "in summer 2009", "their autumn meetings" ("spring"
    // and "fall" need a frame: they are words too).
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
            "autumn" | "fall" if k > i || w(k + 1).len() == 4 || w(k) == "autumn" => Some("FA"),
            "winter" => Some("WI"),
            _ => None,
        };
        if let Some(code) = season.filter(|c| {
            k > i
                || matches!(
                    before,
                    "in" | "this" | "last" | "next" | "early" | "late" | "the" | "during"
                )
                || year_number(w(k + 1)).is_some()
                || matches!(*c, "SU" | "FA" | "WI")
        }) {
            // "the spring of 2010", "the summer of last year".
            let of_year = match (w(k + 1), w(k + 2), w(k + 3)) {
                ("of", y, _) if year_number(y).is_some() => Some((year_number(y), k + 3 - i)),
                ("of", "last" | "this" | "next", "year") => {
                    let d = match w(k + 2) {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                    Some((anchor.map(|an| an.year() + d), k + 4 - i))
                }
                _ => None,
            };
            let (year, len) = match (of_year, year_number(w(k + 1))) {
                (Some(x), _) => x,
                (None, Some(y)) => (Some(y), k + 2 - i),
                (None, None) => (anchor.map(|an| an.year() + shift), k + 1 - i),
            };
            let value = match year {
                Some(y) => format!("{y:04}-{code}"),
                None => format!("XXXX-{code}"),
            };
            return Some((len, date, value));
        }
    }

    // Holidays: "Christmas", "New Year's Eve", "Thanksgiving", "Easter".
    if let Some((len, (m, d), fixed, date_in)) = holiday(words, i) {
        let value = match anchor {
            Some(an) => date_in(year_for(m, Some(d), an, future))
                .map(|x| x.to_string())
                .unwrap_or_default(),
            None if fixed => format!("XXXX-{m:02}-{d:02}"),
            None => "XXXX-XX-XX".into(),
        };
        return Some((len, date, value));
    }

    // "for years", "in minutes", "over the years", "within days": spans of unstated length.
    {
        let prep = |x: &str| matches!(x, "for" | "in" | "within" | "over" | "during" | "after");
        let (k, framed) = if a == "the" {
            (i + 1, prep(before))
        } else {
            let just = matches!(before, "just" | "only" | "mere") && i >= 2 && prep(w(i - 2));
            (i, prep(before) || just)
        };
        let u = w(k);
        if framed && u.ends_with('s') {
            if let Some((letter, factor)) = unit(u).filter(|(l, _)| *l != 'Q') {
                return Some((
                    k + 1 - i,
                    TimexType::Duration,
                    vague_duration(letter, factor),
                ));
            }
        }
    }

    // Sets: "every week", "each year", "every two years", "every other day", "every Monday",
    // "once a week", "twice a year", "three times a day", "per day", "15 a year".
    {
        let per = |x: &str| matches!(x, "a" | "an" | "per" | "every" | "each");
        if matches!(a, "every" | "each") {
            let mut j = i + 1;
            let q = if w(j) == "other" {
                j += 1;
                2.0
            } else if let Some((q, used)) =
                quantity(words, j).filter(|_| !matches!(w(j), "a" | "an"))
            {
                j += used;
                q
            } else {
                1.0
            };
            if let Some((letter, factor)) = unit(w(j)) {
                let value = duration(q * factor as f64, letter);
                return Some((j + 1 - i, TimexType::Set, value));
            }
            if let Some(wd) = weekday(w(j)).filter(|_| j == i + 1) {
                let value = format!("XXXX-WXX-{}", wd.to_monday_one_offset());
                return Some((2, TimexType::Set, value));
            }
        }
        let times = matches!(a, "once" | "twice" | "thrice") && per(w(i + 1));
        if let Some((letter, factor)) = unit(w(i + 2)).filter(|_| times) {
            return Some((3, TimexType::Set, duration(factor as f64, letter)));
        }
        let counted = number_word(a).is_some() && !matches!(a, "a" | "an");
        if counted && w(i + 1) == "times" && per(w(i + 2)) {
            if let Some((letter, factor)) = unit(w(i + 3)) {
                return Some((4, TimexType::Set, duration(factor as f64, letter)));
            }
        }
        let point = matches!(w(i + 2), "ago" | "earlier" | "later" | "before" | "after");
        if matches!(a, "a" | "an" | "per") && !w(i + 1).ends_with('s') && !point {
            let amount = a == "per"
                || (before.starts_with(|c: char| c.is_ascii_digit())
                    && year_number(before).is_none())
                || number_word(before).is_some_and(|_| !matches!(before, "a" | "an"))
                || matches!(
                    before,
                    "million"
                        | "billion"
                        | "trillion"
                        | "thousand"
                        | "hundred"
                        | "percent"
                        | "%"
                        | "dollars"
                        | "cents"
                );
            if let Some((letter, factor)) = unit(w(i + 1)).filter(|(l, _)| amount && *l != 'Q') {
                return Some((2, TimexType::Set, duration(factor as f64, letter)));
            }
        }
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

    // Words with hyphens, whole or split by the segmenter: "12-year", "five-year",
    // "single-day", "two-year-old", "twenty-four-hour", "decades-long", "year-long",
    // "mid-2011", "mid-March", "year-earlier", "year-end".
    if let Some((word, len)) = hyphenated(words, i) {
        let parts: Vec<&str> = word.split('-').collect();
        let count = |q: &str| match q {
            "single" => Some(1),
            "a" | "an" => None,
            _ => number_word(q),
        };
        let measured = |q: Option<i64>, u: &str| {
            let (letter, factor) = unit(u).filter(|_| !u.ends_with('s'))?;
            Some(duration((q? * factor) as f64, letter))
        };
        let found = match parts[..] {
            [u, "long" | "old"] if unit(u).is_some() => unit(u).map(|(letter, factor)| {
                if u.ends_with('s') {
                    vague_duration(letter, factor)
                } else {
                    duration(factor as f64, letter)
                }
            }),
            [q, u] | [q, u, "long" | "old"] => measured(count(q), u),
            [t, o, u] => {
                let q = count(t)
                    .filter(|t| *t >= 20 && t % 10 == 0)
                    .zip(count(o).filter(|o| *o < 10))
                    .map(|(t, o)| t + o);
                measured(q, u)
            }
            _ => None,
        };
        if let Some(v) = found {
            return Some((len, TimexType::Duration, v));
        }
        match parts[..] {
            ["mid", rest] => {
                if let Some(v) = decade(rest, false) {
                    return Some((len, date, v));
                }
                if let Some(y) = year_number(rest) {
                    return Some((len, date, format!("{y:04}")));
                }
                if let Some(m) = month(rest).filter(|_| rest.len() >= 3) {
                    let value = match anchor {
                        Some(an) => format!("{:04}-{m:02}", year_for(m, None, an, future)),
                        None => format!("XXXX-{m:02}"),
                    };
                    return Some((len, date, value));
                }
            }
            ["year", "earlier" | "ago"] => {
                let value = anchor.map_or("PAST_REF".into(), |an| format!("{:04}", an.year() - 1));
                return Some((len, date, value));
            }
            ["year", "end"] => {
                let value = anchor.map_or("XXXX".into(), |an| format!("{:04}", an.year()));
                return Some((len, date, value));
            }
            _ => {}
        }
    }
    if let Some(u) = a.strip_suffix("long") {
        if let Some((letter, factor)) =
            unit(u).filter(|_| matches!(u, "year" | "month" | "week" | "day"))
        {
            return Some((1, TimexType::Duration, duration(factor as f64, letter)));
        }
    }

    // "three days ago", "a year earlier", "a few days ago", "several months", "two and a half
    // years", "six straight days", "a couple of weeks", "for a day", "a day after".
    {
        let (q, mut k, vague) = match (a, w(i + 1)) {
            ("a", "few") => (None, i + 2, true),
            ("a", "couple") if w(i + 2) == "of" => (Some(2.0), i + 3, false),
            ("few" | "several" | "some" | "many", _) => (None, i + 1, true),
            _ => match quantity(words, i) {
                Some((q, used)) => (Some(q), i + used, false),
                None => (None, i, false),
            },
        };
        if k > i {
            k += unit_adjectives(words, k);
        }
        // "a quarter of the dealers", "a second time" are not durations.
        let article = matches!(a, "a" | "an");
        if let Some((letter, factor)) = unit(w(k))
            .filter(|(l, _)| k > i && !(article && matches!(l, 'Q' | 'S') && q == Some(1.0)))
        {
            let mut end = k + 1;
            let mut q = q;
            if w(end) == "and" && w(end + 1) == "a" && w(end + 2) == "half" && q.is_some() {
                q = q.map(|x| x + 0.5);
                end += 3;
            }
            let total = q.map(|q| q * factor as f64);
            if matches!(w(end), "ago" | "earlier") {
                // Whole numbers within the calendar's reach ("1000 centuries ago" is not).
                let whole = total
                    .filter(|t| t.fract() == 0.0 && !vague && *t <= 5000.0)
                    .map(|t| t as i64);
                let value = match (whole, anchor) {
                    (Some(n), Some(an)) => {
                        let back = match letter {
                            'D' => an.checked_sub(n.days()),
                            'W' => an.checked_sub((n * 7).days()),
                            'M' => an.checked_sub(n.months()),
                            'Q' => an.checked_sub((n * 3).months()),
                            'Y' => an.checked_sub(n.years()),
                            _ => Ok(an),
                        };
                        match (letter, back) {
                            ('D' | 'H' | 'm' | 'S', Ok(d)) => d.to_string(),
                            ('W', Ok(d)) => iso_week(d),
                            ('M', Ok(d)) => format!("{:04}-{:02}", d.year(), d.month()),
                            ('Q', Ok(d)) => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
                            ('Y', Ok(d)) => format!("{:04}", d.year()),
                            _ => "PAST_REF".into(),
                        }
                    }
                    _ => "PAST_REF".into(),
                };
                return Some((end + 1 - i, date, value));
            }
            // Vague durations: "several years", "a few weeks", "many months" (`PXY`).
            if vague {
                return Some((end - i, TimexType::Duration, vague_duration(letter, factor)));
            }
            // "three weeks"; "a day" only where it reads as a length of time ("for a day", "a
            // day after", not "not a day anybody expected").
            if let Some(total) = total {
                if !article || temporal_frame(before, w(end)) {
                    return Some((end - i, TimexType::Duration, duration(total, letter)));
                }
            }
        }
    }
    None
}

/// Words around "a day", "a year" that make it a length of time.
fn temporal_frame(before: &str, after: &str) -> bool {
    matches!(
        before,
        "for"
            | "in"
            | "within"
            | "over"
            | "than"
            | "about"
            | "around"
            | "nearly"
            | "almost"
            | "after"
            | "lasted"
            | "lasting"
            | "last"
            | "lasts"
            | "spent"
            | "spend"
            | "spending"
            | "took"
            | "take"
            | "takes"
            | "taking"
            | "only"
            | "just"
            | "least"
            | "another"
            | "under"
            | "extra"
            | "entire"
            | "whole"
            | "some"
            | "roughly"
            | "approximately"
            | "to"
    ) || matches!(
        after,
        "ago"
            | "earlier"
            | "later"
            | "after"
            | "before"
            | "long"
            | "old"
            | "of"
            | "from"
            | "since"
            | "ahead"
            | "away"
    )
}

/// The date a TIMEX3 value stands for, and how exactly: `2023-07-30` (or a time on it) a day,
/// `2023-W31` (or its weekend) its Monday, `2023-07` its first day, `2023` its 1 January.
/// `PAST_REF` and the like give none.
pub fn date_of(value: &str) -> Option<(Date, DatePrecision)> {
    if let Ok(d) = value.parse::<Date>() {
        return Some((d, DatePrecision::Day));
    }
    // A time of a day: `2023-07-30T18:00Z`, `2023-07-30TNI`.
    if value.len() > 10 && value.as_bytes()[10] == b'T' {
        return Some((value[..10].parse().ok()?, DatePrecision::Day));
    }
    if let Some((y, w)) = value.split_once("-W") {
        let y: i16 = y.parse().ok()?;
        // A weekend (`2023-W31-WE`) dates to its week.
        let w: i8 = w.strip_suffix("-WE").unwrap_or(w).parse().ok()?;
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
mod timeml_tests;

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
