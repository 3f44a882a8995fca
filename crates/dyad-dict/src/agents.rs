//! Agent dictionaries.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN        # substitution set
//! FOREIGN_MINISTER [~GOVFRM]        # regular plural generated
//! POLICE {} [~COP]                  # no plural
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
//! HUMAN_RIGHTS_BODY [NGO~]          # code goes before the actor code
//! CONGRESS!PERSON! [~LEG]           # one entry per substitution, no plurals
//! ```

use crate::common::{read_text, split_bracket, Diagnostic, Lines, Phrase};
use crate::forms::phrase_plural;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Where the agent code goes relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CodePosition {
    /// `[~GOV]`: appended after the actor code (`USA` + `GOV` = `USAGOV`).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentEntry {
    pub file: String,
    /// Stable id in dyad's own format; `None` for PETRARCH files.
    pub id: Option<String>,
    pub line: usize,
    /// The singular phrase (after any substitution).
    pub phrase: Phrase,
    /// Plural phrases: generated, or the `{...}` form; empty for `{}` and for
    /// substitution-marker entries.
    pub plurals: Vec<Phrase>,
    /// True when `{...}` was given (so `plurals` is not generated).
    pub explicit_plural: bool,
    /// The code without `~`.
    pub code: String,
    pub position: CodePosition,
    /// Name of the substitution set this entry was expanded from.
    pub marker: Option<String>,
    /// A title that names a role only right before a name ("General Salifou Modi"), as
    /// dyad's `title:` field; PETRARCH entries are never titles.
    pub title: bool,
}

impl AgentEntry {
    /// Singular then plural phrases.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        std::iter::once(&self.phrase).chain(self.plurals.iter())
    }
}

/// A `!NAME! = A, B, C` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubstitutionSet {
    pub name: String,
    pub items: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgentDictionary {
    pub entries: Vec<AgentEntry>,
    pub substitution_sets: Vec<SubstitutionSet>,
}

impl AgentDictionary {
    pub fn phrase_count(&self) -> usize {
        self.entries.iter().map(|e| 1 + e.plurals.len()).sum()
    }
}

pub fn read(file: &str, text: &str) -> (AgentDictionary, Vec<Diagnostic>) {
    let mut dict = AgentDictionary::default();
    let mut diags = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();

    for line in Lines::new(text, &['#']) {
        let no = line.no;
        let body = line.text.trim();
        let diag = |r: String| Diagnostic::new(file, no, r);

        if body.contains('!') && body.contains('=') && !body.contains('[') {
            match parse_set(body) {
                Some((name, items)) => {
                    sets.insert(name.clone(), items.clone());
                    dict.substitution_sets.push(SubstitutionSet {
                        name,
                        items,
                        line: no,
                    });
                }
                None => diags.push(diag("substitution set incorrectly defined; skipped".into())),
            }
            continue;
        }
        let Some((phrase_part, code_part, _after, closed)) = split_bracket(body) else {
            diags.push(diag("agent without [code]; skipped".into()));
            continue;
        };
        let mut code_raw = code_part.trim();
        if !closed {
            // e.g. `[~ENV}`: take what is there.
            code_raw = code_raw.trim_end_matches('}').trim();
            diags.push(diag(format!(
                "missing ']' after code; read as [{code_raw}]"
            )));
        }
        let (code, position) = if let Some(c) = code_raw.strip_prefix('~') {
            (c.trim(), CodePosition::Suffix)
        } else if let Some(c) = code_raw.strip_suffix('~') {
            (c.trim(), CodePosition::Prefix)
        } else {
            diags.push(diag(format!(
                "agent code [{code_raw}] has no '~'; taken as a suffix code"
            )));
            (code_raw, CodePosition::Suffix)
        };
        if code.is_empty() {
            diags.push(diag("empty agent code; skipped".into()));
            continue;
        }

        // Split off `{plural}`.
        let (singular, plural_spec): (&str, Option<&str>) = match phrase_part.find('{') {
            Some(open) => match phrase_part[open..].find('}') {
                Some(close) => (
                    &phrase_part[..open],
                    Some(&phrase_part[open + 1..open + close]),
                ),
                None => {
                    diags.push(diag("missing '}'; skipped".into()));
                    continue;
                }
            },
            None => (phrase_part, None),
        };

        if singular.contains('!') {
            let expansions = match expand_markers(singular, &sets) {
                Ok(x) => x,
                Err(reason) => {
                    diags.push(diag(format!("{reason}; skipped")));
                    continue;
                }
            };
            for (text, marker) in expansions {
                let phrase = Phrase::parse(&text);
                if phrase.is_empty() {
                    continue;
                }
                dict.entries.push(AgentEntry {
                    id: None,
                    file: file.to_string(),
                    line: no,
                    phrase,
                    plurals: Vec::new(),
                    explicit_plural: plural_spec.is_some(),
                    code: code.to_string(),
                    position,
                    marker: Some(marker),
                    title: false,
                });
            }
            continue;
        }

        let phrase = Phrase::parse(singular);
        if phrase.is_empty() {
            diags.push(diag("empty agent phrase; skipped".into()));
            continue;
        }
        let plurals = match plural_spec {
            Some(p) => {
                let p = Phrase::parse(p);
                if p.is_empty() {
                    Vec::new()
                } else {
                    vec![p]
                }
            }
            None => vec![Phrase {
                words: phrase_plural(&phrase.words),
                joined: phrase.joined.clone(),
            }],
        };
        dict.entries.push(AgentEntry {
            id: None,
            file: file.to_string(),
            line: no,
            phrase,
            plurals,
            explicit_plural: plural_spec.is_some(),
            code: code.to_string(),
            position,
            marker: None,
            title: false,
        });
    }
    (dict, diags)
}

pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(AgentDictionary, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

fn parse_set(body: &str) -> Option<(String, Vec<String>)> {
    let first = body.find('!')?;
    let second = first + 1 + body[first + 1..].find('!')?;
    let name = body[first + 1..second].trim();
    let eq = second + body[second..].find('=')?;
    if name.is_empty() {
        return None;
    }
    let items: Vec<String> = body[eq + 1..]
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        return None;
    }
    Some((name.to_string(), items))
}

/// Expands every `!NAME!` in `s` (PETRARCH expands only the first; doing all
/// of them is a superset that changes nothing for the shipped files).
/// Returns (expanded text, name of the first marker).
fn expand_markers(
    s: &str,
    sets: &HashMap<String, Vec<String>>,
) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = vec![(s.to_string(), String::new())];
    // Bounded: every round removes one marker from every string.
    for _ in 0..16 {
        let Some(first) = out[0].0.find('!') else {
            break;
        };
        let text0 = out[0].0.clone();
        let Some(len) = text0[first + 1..].find('!') else {
            return Err(format!(
                "substitution marker in {:?} is not closed",
                s.trim()
            ));
        };
        let name = &text0[first + 1..first + 1 + len];
        let Some(items) = sets.get(name) else {
            return Err(format!("substitution marker !{name}! is not defined"));
        };
        let pat = format!("!{name}!");
        let mut next = Vec::new();
        for (text, marker) in &out {
            let marker = if marker.is_empty() {
                name.to_string()
            } else {
                marker.clone()
            };
            for item in items {
                next.push((text.replacen(&pat, item, 1), marker.clone()));
            }
        }
        out = next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- agents -->
!PERSON! = MAN, WOMAN , PERSON
PRESIDENT [~GOV] # ns
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
RIGHTS_BODY  [NGO~]
CONGRESS [~LEG]
CONGRESS!PERSON! [~LEG]
MILITARY_ACADEMY [~EDU]
";

    #[test]
    fn reads_plurals_codes_and_markers() {
        let (dict, diags) = read("t.agents", SAMPLE);
        assert!(diags.is_empty(), "{diags:?}");
        let e = &dict.entries;
        assert_eq!(e[0].phrase.words, ["PRESIDENT"]);
        assert_eq!(e[0].plurals[0].words, ["PRESIDENTS"]);
        assert_eq!(e[0].code, "GOV");
        assert_eq!(e[0].position, CodePosition::Suffix);
        assert_eq!(e[0].line, 3);
        assert!(e[1].plurals.is_empty());
        assert_eq!(e[1].code, "COP");
        assert_eq!(e[2].plurals[0].words, ["ATTORNEYS", "GENERAL"]);
        assert_eq!(e[3].position, CodePosition::Prefix);
        assert_eq!(e[3].code, "NGO");
        assert_eq!(e[4].plurals[0].words, ["CONGRESSES"]);
        let marker: Vec<_> = e
            .iter()
            .filter(|a| a.marker.as_deref() == Some("PERSON"))
            .map(|a| a.phrase.text())
            .collect();
        assert_eq!(marker, ["CONGRESSMAN", "CONGRESSWOMAN", "CONGRESSPERSON"]);
        assert!(e[5].plurals.is_empty());
        assert_eq!(
            e.last().unwrap().plurals[0].words,
            ["MILITARY", "ACADEMIES"]
        );
        assert_eq!(dict.substitution_sets[0].items, ["MAN", "WOMAN", "PERSON"]);
    }

    #[test]
    fn malformed_lines() {
        let text = "NO_CODE\nX [~A]\n!BAD! [~B]\nY {YS [~C]\nZ [~ENV}\nW [GOV]\n!ONLY\n";
        let (dict, diags) = read("a.txt", text);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            msgs.contains(&"a.txt:1: agent without [code]; skipped".to_string()),
            "{msgs:?}"
        );
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("a.txt:3: substitution marker !BAD! is not defined")));
        assert!(msgs.iter().any(|m| m.starts_with("a.txt:4: missing '}'")));
        assert!(msgs.iter().any(|m| m.starts_with("a.txt:5: missing ']'")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("a.txt:6: agent code [GOV] has no '~'")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with("a.txt:7: agent without [code]")));
        let codes: Vec<_> = dict.entries.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["A", "ENV", "GOV"]);
    }
}
