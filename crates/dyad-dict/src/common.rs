//! Pieces shared by all readers: diagnostics, dates, phrases and the PETRARCH
//! line-level comment conventions.

use serde::Serialize;
use std::fmt;

/// A problem found while reading a file: `file:line: reason`.
///
/// Readers never stop on a bad line: they skip it (or recover, when the
/// reason says so) and report it here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub reason: String,
}

impl Diagnostic {
    pub fn new(file: &str, line: usize, reason: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// A calendar date as used in actor date restrictions and record dates.
///
/// Ordering is chronological. Two-digit years follow PETRARCH/TABARI/KEDS:
/// `00`–`30` are 20YY, `31`–`99` are 19YY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DictDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl DictDate {
    /// A validated date (checks month and day-of-month, leap years included).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(DictDate { year, month, day })
    }

    /// Parses `YYYYMMDD` or `YYMMDD` (surrounding blanks allowed). As in
    /// PETRARCH, strings of 7 or fewer digits are read as `YYMMDD`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let num = |a: usize, b: usize| -> Option<u32> { s.get(a..b)?.parse().ok() };
        let (year, month, day) = match s.len() {
            8 => (num(0, 4)? as i32, num(4, 6)?, num(6, 8)?),
            6 => {
                let yy = num(0, 2)? as i32;
                let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
                (year, num(2, 4)?, num(4, 6)?)
            }
            _ => return None,
        };
        Self::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// `YYYYMMDD` as an integer, handy for compact storage.
    pub fn as_yyyymmdd(&self) -> u32 {
        self.year.max(0) as u32 * 10_000 + self.month as u32 * 100 + self.day as u32
    }
}

impl fmt::Display for DictDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A dictionary phrase: words split on blanks and `_`.
///
/// TABARI distinguished the two connectors (`_` = the next word must follow
/// immediately, blank = other words may intervene); `joined[i]` keeps that
/// for the gap between `words[i]` and `words[i + 1]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Phrase {
    pub words: Vec<String>,
    /// `joined.len() == words.len().saturating_sub(1)`.
    pub joined: Vec<bool>,
}

impl Phrase {
    /// Splits on whitespace and `_`; empty pieces (`A__B`, trailing `_`) are dropped.
    pub fn parse(s: &str) -> Phrase {
        let mut words: Vec<String> = Vec::new();
        let mut joined = Vec::new();
        let mut cur = String::new();
        // Connector seen since the last word; blank wins over `_` when both occur.
        let mut pending: Option<bool> = None;
        for c in s.chars() {
            if c == '_' || c.is_whitespace() {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    pending = None;
                }
                if !words.is_empty() {
                    let is_join = c == '_';
                    pending = Some(match pending {
                        Some(prev) => prev && is_join,
                        None => is_join,
                    });
                }
            } else {
                if !cur.is_empty() || words.is_empty() {
                    // continuing a word, or the first word
                } else {
                    joined.push(pending.unwrap_or(false));
                }
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            words.push(cur);
        }
        Phrase { words, joined }
    }

    pub fn from_words<I: IntoIterator<Item = S>, S: Into<String>>(words: I) -> Phrase {
        let words: Vec<String> = words.into_iter().map(Into::into).collect();
        let joined = vec![true; words.len().saturating_sub(1)];
        Phrase { words, joined }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Words joined by single blanks.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                let j = self.joined.get(i - 1).copied().unwrap_or(false);
                f.write_str(if j { "_" } else { " " })?;
            }
            f.write_str(w)?;
        }
        Ok(())
    }
}

/// Reads a file as text. Bytes that are not UTF-8 (some dictionaries carry
/// Latin-1 names) are replaced rather than rejected.
pub fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Iterates content lines the way PETRARCH's `read_FIN_line` does:
/// lines starting with `<!` are comments; `<!-- ... -->` inside a line is
/// removed, and one left open continues until a line containing `-->`;
/// everything from the first comment character (`#`, plus `;` where the format
/// allows TABARI comments) is dropped; blank lines are skipped.
pub(crate) struct Lines<'a> {
    iter: std::iter::Enumerate<std::str::Lines<'a>>,
    comment_chars: &'static [char],
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, comment_chars: &'static [char]) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Lines {
            iter: text.lines().enumerate(),
            comment_chars,
        }
    }
}

/// A content line whose text may have been rebuilt (after removing an inline
/// `<!-- -->` comment), hence owned.
#[derive(Debug, Clone)]
pub(crate) struct OwnedLine {
    pub no: usize,
    pub text: String,
    pub comment: Option<String>,
}

impl Iterator for Lines<'_> {
    type Item = OwnedLine;

    fn next(&mut self) -> Option<OwnedLine> {
        loop {
            let (idx, raw) = self.iter.next()?;
            let no = idx + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.starts_with("<!") {
                continue;
            }
            let mut text: String = raw.to_string();
            if let Some(start) = text.find("<!--") {
                if let Some(end_rel) = text[start..].find("-->") {
                    text.replace_range(start..start + end_rel + 3, "");
                } else {
                    // Comment runs on: skip through the line that closes it.
                    text.truncate(start);
                    for (_, more) in self.iter.by_ref() {
                        if more.contains("-->") {
                            break;
                        }
                    }
                }
            }
            let mut comment = None;
            if let Some(pos) = find_comment(&text, self.comment_chars) {
                let c = text[pos + 1..].trim().to_string();
                comment = Some(c);
                text.truncate(pos);
            }
            if text.trim().is_empty() {
                continue;
            }
            return Some(OwnedLine { no, text, comment });
        }
    }
}

/// First comment character outside `[...]`: a TABARI code such as `[###]`
/// is a code, not a comment.
fn find_comment(text: &str, chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && chars.contains(&c) => return Some(i),
            _ => {}
        }
    }
    None
}

/// Removes a bracketed `[...]` group starting at the first `[`; returns
/// (text before, content inside, text after). `None` when there is no `[`.
/// A missing `]` takes the rest of the line (flagged by the bool).
pub(crate) fn split_bracket(s: &str) -> Option<(&str, &str, &str, bool)> {
    let open = s.find('[')?;
    let rest = &s[open + 1..];
    match rest.find(']') {
        Some(close) => Some((&s[..open], &rest[..close], &rest[close + 1..], true)),
        None => Some((&s[..open], rest, "", false)),
    }
}

/// `<TAG A="x" B='y' C=z>` attributes (lenient).
pub(crate) fn parse_attrs(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim().trim_start_matches('<').trim_end_matches('>');
    let inner = inner.trim_end_matches('/');
    let mut out = Vec::new();
    // Skip the tag name.
    let mut rest = match inner.find(char::is_whitespace) {
        Some(i) => &inner[i..],
        None => return out,
    };
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let (value, remaining) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[2 + end..]),
                None => (&after[1..], ""),
            },
            _ => match after.find(char::is_whitespace) {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            },
        };
        if !key.is_empty() {
            out.push((key, value.to_string()));
        }
        rest = remaining;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_two_and_four_digit_years() {
        assert_eq!(DictDate::parse("090120"), DictDate::from_ymd(2009, 1, 20));
        assert_eq!(DictDate::parse("300101"), DictDate::from_ymd(2030, 1, 1));
        assert_eq!(DictDate::parse("310101"), DictDate::from_ymd(1931, 1, 1));
        assert_eq!(DictDate::parse("18970101"), DictDate::from_ymd(1897, 1, 1));
        assert_eq!(DictDate::parse("20120229"), DictDate::from_ymd(2012, 2, 29));
        assert_eq!(DictDate::parse("20100229"), None);
        assert_eq!(DictDate::parse("20100931"), None);
        assert_eq!(DictDate::parse("2010093"), None);
        assert_eq!(DictDate::parse("abc"), None);
        assert_eq!(DictDate::parse(""), None);
        assert!(DictDate::parse("19991231") < DictDate::parse("000101"));
        assert_eq!(
            DictDate::parse("20090120").map(|d| d.to_string()),
            Some("20090120".into())
        );
    }

    #[test]
    fn phrase_connectors() {
        let p = Phrase::parse("VIRGILIO_ FONTES_PEREIRA_");
        assert_eq!(p.words, ["VIRGILIO", "FONTES", "PEREIRA"]);
        assert_eq!(p.joined, [false, true]);
        assert_eq!(p.to_string(), "VIRGILIO FONTES_PEREIRA");
        let p = Phrase::parse("  A__B  C ");
        assert_eq!(p.words, ["A", "B", "C"]);
        assert_eq!(p.joined, [true, false]);
        assert!(Phrase::parse(" _ ").is_empty());
    }

    #[test]
    fn lines_strip_comments() {
        let text = "<!-- header -->\nA # c1\r\n\nB <!-- x --> C\nD <!-- open\nstill\n-->\nE ; t\n#x\n- * X [###] # c\n";
        let got: Vec<_> = Lines::new(text, &['#', ';'])
            .map(|l| (l.no, l.text.trim().to_string(), l.comment))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "A".to_string(), Some("c1".to_string())),
                (4, "B  C".to_string(), None),
                (5, "D".to_string(), None),
                (8, "E".to_string(), Some("t".to_string())),
                (10, "- * X [###]".to_string(), Some("c".to_string())),
            ]
        );
    }
}
