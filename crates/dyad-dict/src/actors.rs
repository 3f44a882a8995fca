//! Actor dictionaries (TABARI/PETRARCH `.actors` format).
//!
//! ```text
//! PRIMARY_PHRASE  [CODE]          # default code optional
//! +SYNONYM_PHRASE                 # shares the entry's codes
//! <tab>[CODE <YYMMDD]             # before (inclusive)
//! <tab>[CODE >YYYYMMDD]           # after (inclusive)
//! <tab>[CODE date-date]           # between (inclusive)
//! <tab>[CODE]                     # another default
//! ```
//! Restrictions may also follow the primary phrase on its own line
//! (`NAME [X 820101-911231] [ELI]`), as in TABARI. `#` and `;` start comments.

use crate::common::{read_text, split_bracket, Diagnostic, DictDate, Lines, Phrase};
use serde::Serialize;
use std::path::Path;

/// When a code applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Restriction {
    /// No date restriction: a default code.
    Always,
    /// `<date`: on or before the date.
    Before(DictDate),
    /// `>date`: on or after the date.
    After(DictDate),
    /// `date-date`: between the dates, both included.
    Between(DictDate, DictDate),
}

impl Restriction {
    pub fn matches(&self, date: DictDate) -> bool {
        match *self {
            Restriction::Always => true,
            Restriction::Before(d) => date <= d,
            Restriction::After(d) => date >= d,
            Restriction::Between(a, b) => a <= date && date <= b,
        }
    }
}

/// One `[CODE ...]` of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRule {
    pub code: String,
    pub restriction: Restriction,
    pub line: usize,
}

/// A synonym (`+PHRASE`) line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synonym {
    pub phrase: Phrase,
    pub line: usize,
}

/// A primary phrase, its synonyms and the codes they all share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorEntry {
    pub file: String,
    /// Stable id of an entry in dyad's own format (`actor NER` has id `NER`); `None` for
    /// PETRARCH files, whose entries have none.
    pub id: Option<String>,
    /// Line of the primary phrase.
    pub line: usize,
    pub phrase: Phrase,
    pub synonyms: Vec<Synonym>,
    /// In file order.
    pub codes: Vec<CodeRule>,
}

impl ActorEntry {
    /// The code in force on `date`: the first date-restricted code whose
    /// restriction holds, else the last unrestricted code, else `None`.
    ///
    /// First-match-wins and inclusive bounds are what the PETRARCH validation
    /// records expect (`DATE-09`..`DATE-12`: an embedded interval listed first
    /// overrides the enclosing one, at both of its bounds).
    pub fn code_on(&self, date: DictDate) -> Option<&str> {
        self.codes
            .iter()
            .find(|r| r.restriction != Restriction::Always && r.restriction.matches(date))
            .or_else(|| self.default_rule())
            .map(|r| r.code.as_str())
    }

    /// The code used when no restriction applies (last unrestricted one).
    pub fn default_code(&self) -> Option<&str> {
        self.default_rule().map(|r| r.code.as_str())
    }

    fn default_rule(&self) -> Option<&CodeRule> {
        self.codes
            .iter()
            .rev()
            .find(|r| r.restriction == Restriction::Always)
    }

    /// The primary phrase followed by the synonyms.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        std::iter::once(&self.phrase).chain(self.synonyms.iter().map(|s| &s.phrase))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActorDictionary {
    pub entries: Vec<ActorEntry>,
}

impl ActorDictionary {
    /// Number of phrases (primary + synonyms).
    pub fn phrase_count(&self) -> usize {
        self.entries.iter().map(|e| 1 + e.synonyms.len()).sum()
    }

    /// Appends the entries of another file (PETRARCH loads several actor files).
    pub fn extend(&mut self, other: ActorDictionary) {
        self.entries.extend(other.entries);
    }
}

/// Parses actor-dictionary text; `file` names it in entries and diagnostics.
pub fn read(file: &str, text: &str) -> (ActorDictionary, Vec<Diagnostic>) {
    let mut dict = ActorDictionary::default();
    let mut diags = Vec::new();
    let mut current: Option<ActorEntry> = None;

    for line in Lines::new(text, &['#', ';']) {
        let no = line.no;
        let body = line.text.trim();
        if body.contains("---STOP---") {
            break;
        }
        if body.starts_with('[') {
            let Some(entry) = current.as_mut() else {
                diags.push(Diagnostic::new(
                    file,
                    no,
                    "code line before any actor phrase; skipped",
                ));
                continue;
            };
            parse_codes(file, no, body, &mut entry.codes, &mut diags);
            continue;
        }
        let (is_syn, rest) = match body.strip_prefix('+') {
            Some(r) => (true, r),
            None => (false, body),
        };
        let phrase_text = rest.split('[').next().unwrap_or("");
        let phrase = Phrase::parse(phrase_text);
        if phrase.is_empty() {
            diags.push(Diagnostic::new(file, no, "empty actor phrase; skipped"));
            continue;
        }
        let codes_text = &rest[phrase_text.len()..];
        if is_syn {
            let Some(entry) = current.as_mut() else {
                diags.push(Diagnostic::new(
                    file,
                    no,
                    "synonym before any primary actor phrase; skipped",
                ));
                continue;
            };
            entry.synonyms.push(Synonym { phrase, line: no });
            parse_codes(file, no, codes_text, &mut entry.codes, &mut diags);
        } else {
            if let Some(done) = current.take() {
                dict.entries.push(done);
            }
            let mut entry = ActorEntry {
                id: None,
                file: file.to_string(),
                line: no,
                phrase,
                synonyms: Vec::new(),
                codes: Vec::new(),
            };
            parse_codes(file, no, codes_text, &mut entry.codes, &mut diags);
            current = Some(entry);
        }
    }
    if let Some(done) = current.take() {
        dict.entries.push(done);
    }
    (dict, diags)
}

/// Reads an actor file from disk.
pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(ActorDictionary, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

/// Parses every `[...]` group in `s`.
fn parse_codes(
    file: &str,
    no: usize,
    s: &str,
    out: &mut Vec<CodeRule>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut rest = s;
    while let Some((before, inside, after, closed)) = split_bracket(rest) {
        if !before.trim().is_empty() && !out.is_empty() {
            diags.push(Diagnostic::new(
                file,
                no,
                format!("text {:?} between codes ignored", before.trim()),
            ));
        }
        if !closed {
            diags.push(Diagnostic::new(
                file,
                no,
                "missing ']'; read to end of line",
            ));
        }
        match parse_code_rule(inside) {
            Ok(restriction_and_code) => {
                let (code, restriction) = restriction_and_code;
                out.push(CodeRule {
                    code,
                    restriction,
                    line: no,
                });
            }
            Err(reason) => diags.push(Diagnostic::new(file, no, format!("{reason}; code skipped"))),
        }
        rest = after;
    }
    if !rest.trim().is_empty() && !out.is_empty() {
        diags.push(Diagnostic::new(
            file,
            no,
            format!("trailing text {:?} after code ignored", rest.trim()),
        ));
    }
}

fn parse_code_rule(inside: &str) -> Result<(String, Restriction), String> {
    let inside = inside.trim();
    let (code, rest) = match inside.find(char::is_whitespace) {
        Some(i) => (&inside[..i], inside[i..].trim()),
        None => (inside, ""),
    };
    if code.is_empty() {
        return Err("empty code".into());
    }
    let bad_date = |d: &str| format!("invalid date {d:?} in restriction [{inside}]");
    let date = |d: &str| DictDate::parse(d).ok_or_else(|| bad_date(d));
    let restriction = if rest.is_empty() {
        Restriction::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        Restriction::Before(date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        Restriction::After(date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            return Err(format!("interval end before start in [{inside}]"));
        }
        Restriction::Between(a, b)
    } else {
        return Err(format!("unrecognised restriction {rest:?}"));
    };
    Ok((code.to_string(), restriction))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DictDate {
        DictDate::parse(s).unwrap()
    }

    const SAMPLE: &str = "\
# test actors
FREEDONIA_  [FRD]
+FREEDONIAN_ ; a TABARI comment
+FREDONIA
RUFUS_T_FIREFLY_  # leader
\t[FRDGOV 330101-331231]
\t[FRDELI <321231]
\t[FRDREB > 20000101]
\t[FRD]

SYLVANIA [SYL] [SYLGOV 19500101 - 19600101]
";

    #[test]
    fn reads_entries_synonyms_and_restrictions() {
        let (dict, diags) = read("t.actors", SAMPLE);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(dict.entries.len(), 3);
        assert_eq!(dict.phrase_count(), 5);
        let e = &dict.entries[0];
        assert_eq!(e.line, 2);
        assert_eq!(e.phrase.words, ["FREEDONIA"]);
        assert_eq!(e.synonyms[1].phrase.words, ["FREDONIA"]);
        assert_eq!(e.synonyms[1].line, 4);
        assert_eq!(e.code_on(d("20010101")), Some("FRD"));

        let f = &dict.entries[1];
        assert_eq!(f.phrase.words, ["RUFUS", "T", "FIREFLY"]);
        assert_eq!(f.codes.len(), 4);
        assert_eq!(f.code_on(d("19330505")), Some("FRDGOV"));
        assert_eq!(f.code_on(d("19321231")), Some("FRDELI"));
        assert_eq!(f.code_on(d("20000101")), Some("FRDREB"));
        assert_eq!(f.code_on(d("19700101")), Some("FRD"));
        assert_eq!(f.default_code(), Some("FRD"));

        let s = &dict.entries[2];
        assert_eq!(s.code_on(d("19550101")), Some("SYLGOV"));
        assert_eq!(s.code_on(d("19600101")), Some("SYLGOV"));
        assert_eq!(s.code_on(d("19600102")), Some("SYL"));
    }

    #[test]
    fn first_matching_restriction_wins() {
        let text = "HOBBIT [H]\n\t[INNER 20100109-20100112]\n\t[OUTER 20080120-20121109]\n";
        let (dict, _) = read("t", text);
        let e = &dict.entries[0];
        assert_eq!(e.code_on(d("20100112")), Some("INNER"));
        assert_eq!(e.code_on(d("20100113")), Some("OUTER"));
        assert_eq!(e.code_on(d("20200101")), Some("H"));
    }

    #[test]
    fn no_code_gives_none() {
        let (dict, _) = read("t", "NOBODY\n");
        assert_eq!(dict.entries[0].code_on(d("20000101")), None);
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let text = "\t[ORPHAN]\nA [X]\n\t[Y 20101301-20110101]\n\t[Z 20120101-20110101]\n\t[W ?]\n+\n\t[]\nB [Q\nC [R]\n";
        let (dict, diags) = read("bad.txt", text);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            msgs[0].starts_with("bad.txt:1: code line before"),
            "{msgs:?}"
        );
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("bad.txt:3: invalid date")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("bad.txt:4: interval end before start")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("bad.txt:5: unrecognised restriction")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("bad.txt:6: empty actor phrase")));
        assert!(msgs.iter().any(|m| m.starts_with("bad.txt:7: empty code")));
        assert!(msgs.iter().any(|m| m.starts_with("bad.txt:8: missing ']'")));
        assert_eq!(dict.entries.len(), 3);
        assert_eq!(dict.entries[0].codes.len(), 1);
        assert_eq!(dict.entries[1].default_code(), Some("Q"));
        assert_eq!(dict.entries[2].line, 9);
    }
}
