//! Issue dictionaries: simple phrase -> issue-code matching.
//!
//! ```text
//! <ISSUE CATEGORY="ID_ATROCITY">
//! n:atrocity [ID_ATROCITY]        # singular and plural
//! ethnic v:purge [ID_ATROCITY]    # PURGE PURGES PURGED PURGING
//! al+zarqawi network [GROUP]      # "AL ZARQAWI" and "AL-ZARQAWI"
//! ~Saturday Night massacre        # ignore phrase (sentence)
//! ~~Armenian genocide             # ignore phrase (story)
//! </ISSUE>
//! ```
//! Text is upper-cased as PETRARCH does before matching.

use crate::common::{parse_attrs, read_text, split_bracket, Diagnostic, Lines};
use crate::forms::{issue_noun_plural, issue_verb_forms};
use serde::Serialize;
use std::path::Path;

/// Most forms one line may expand to; PETRARCH has no limit but the shipped
/// file needs at most a handful, and a cap keeps hostile input cheap.
const MAX_FORMS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueEntry {
    pub file: String,
    pub line: usize,
    /// The phrase as written (upper-cased, with its `n:`/`v:`/`+` markers).
    pub pattern: String,
    pub code: String,
    /// All surface forms, each a word list; the plain form comes first.
    pub forms: Vec<Vec<String>>,
    /// Category of the enclosing `<ISSUE>` block.
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoreEntry {
    pub file: String,
    pub line: usize,
    pub words: Vec<String>,
    /// `~~`: ignore for the whole story; `~`: for the sentence.
    pub story: bool,
    pub category: Option<String>,
}

/// An `<ISSUE CATEGORY=... TYPE=...>` block header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueCategory {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IssueDictionary {
    pub entries: Vec<IssueEntry>,
    pub ignores: Vec<IgnoreEntry>,
    pub categories: Vec<IssueCategory>,
}

pub fn read(file: &str, text: &str) -> (IssueDictionary, Vec<Diagnostic>) {
    let mut dict = IssueDictionary::default();
    let mut diags = Vec::new();
    let mut category: Option<String> = None;

    for line in Lines::new(text, &['#']) {
        let no = line.no;
        let body = line.text.trim();
        let upper = body.to_ascii_uppercase();
        if upper.starts_with("</ISSUE") {
            if category.take().is_none() {
                diags.push(Diagnostic::new(file, no, "</ISSUE> without an open block"));
            }
            continue;
        }
        if upper.starts_with("<ISSUE") {
            let attributes = parse_attrs(body);
            let name = attributes
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("CATEGORY"))
                .map(|(_, v)| v.clone());
            if category.is_some() {
                diags.push(Diagnostic::new(
                    file,
                    no,
                    "<ISSUE> block opened before the previous one was closed",
                ));
            }
            match name {
                Some(name) => {
                    dict.categories.push(IssueCategory {
                        name: name.clone(),
                        attributes,
                        line: no,
                    });
                    category = Some(name);
                }
                None => {
                    diags.push(Diagnostic::new(file, no, "<ISSUE> without CATEGORY"));
                    category = None;
                }
            }
            continue;
        }
        if let Some(rest) = upper.strip_prefix('~') {
            let (story, rest) = match rest.strip_prefix('~') {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let words: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                diags.push(Diagnostic::new(file, no, "empty ignore phrase; skipped"));
                continue;
            }
            dict.ignores.push(IgnoreEntry {
                file: file.to_string(),
                line: no,
                words,
                story,
                category: category.clone(),
            });
            continue;
        }
        let Some((phrase, code, _, closed)) = split_bracket(&upper) else {
            diags.push(Diagnostic::new(
                file,
                no,
                "issue phrase without [code]; skipped",
            ));
            continue;
        };
        if !closed {
            diags.push(Diagnostic::new(
                file,
                no,
                "missing ']'; read to end of line",
            ));
        }
        let code = code.trim();
        let pattern = phrase.trim();
        if code.is_empty() || pattern.is_empty() {
            diags.push(Diagnostic::new(
                file,
                no,
                "empty issue phrase or code; skipped",
            ));
            continue;
        }
        let (forms, capped) = expand(pattern);
        if capped {
            diags.push(Diagnostic::new(
                file,
                no,
                format!("expansion truncated at {MAX_FORMS} forms"),
            ));
        }
        dict.entries.push(IssueEntry {
            file: file.to_string(),
            line: no,
            pattern: pattern.to_string(),
            code: code.to_string(),
            forms,
            category: category.clone(),
        });
    }
    (dict, diags)
}

pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(IssueDictionary, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

/// Expands `n:`, `v:` and `+` markers (upper-case input). Returns the forms
/// and whether the cap was hit.
pub fn expand(pattern: &str) -> (Vec<Vec<String>>, bool) {
    let mut forms: Vec<Vec<String>> = vec![Vec::new()];
    let mut capped = false;
    for token in pattern.split_whitespace() {
        // Alternatives for this token, each possibly several words.
        let mut alts: Vec<Vec<String>> = Vec::new();
        for variant in plus_variants(token) {
            let mut word_alts: Vec<Vec<String>> = vec![Vec::new()];
            for word in variant.split(' ').filter(|w| !w.is_empty()) {
                let choices = word_forms(word);
                let mut next = Vec::new();
                for prefix in &word_alts {
                    for c in &choices {
                        let mut v = prefix.clone();
                        v.push(c.clone());
                        next.push(v);
                    }
                }
                word_alts = next;
            }
            alts.extend(word_alts);
        }
        let mut next = Vec::new();
        'outer: for f in &forms {
            for a in &alts {
                if next.len() >= MAX_FORMS {
                    capped = true;
                    break 'outer;
                }
                let mut v = f.clone();
                v.extend(a.iter().cloned());
                next.push(v);
            }
        }
        forms = next;
    }
    forms.retain(|f| !f.is_empty());
    (forms, capped)
}

/// `A+B` -> `A B`, `A-B` (every `+`, plain variant first).
fn plus_variants(token: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, part) in token.split('+').enumerate() {
        if i == 0 {
            out[0].push_str(part);
            continue;
        }
        let mut next = Vec::with_capacity(out.len() * 2);
        for s in &out {
            next.push(format!("{s} {part}"));
            next.push(format!("{s}-{part}"));
        }
        out = next;
        if out.len() > MAX_FORMS {
            out.truncate(MAX_FORMS);
        }
    }
    out
}

/// Forms of a single word carrying an optional `N:`/`V:` marker (anywhere in
/// the word, as in PETRARCH, e.g. `PRE-N:SCHOOL`).
fn word_forms(word: &str) -> Vec<String> {
    if let Some(p) = word.find("N:") {
        let (pre, base) = (&word[..p], &word[p + 2..]);
        if !base.is_empty() {
            return vec![
                format!("{pre}{base}"),
                format!("{pre}{}", issue_noun_plural(base)),
            ];
        }
    }
    if let Some(p) = word.find("V:") {
        let (pre, base) = (&word[..p], &word[p + 2..]);
        if !base.is_empty() {
            let mut v = vec![format!("{pre}{base}")];
            v.extend(issue_verb_forms(base).iter().map(|f| format!("{pre}{f}")));
            return v;
        }
    }
    vec![word.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(forms: &[Vec<String>]) -> Vec<String> {
        forms.iter().map(|f| f.join(" ")).collect()
    }

    #[test]
    fn expansions() {
        assert_eq!(words(&expand("N:ATROCITY").0), ["ATROCITY", "ATROCITIES"]);
        assert_eq!(
            words(&expand("ETHNIC V:PURGE").0),
            [
                "ETHNIC PURGE",
                "ETHNIC PURGES",
                "ETHNIC PURGED",
                "ETHNIC PURGING"
            ]
        );
        assert_eq!(
            words(&expand("AL+ZARQAWI NETWORK").0),
            ["AL ZARQAWI NETWORK", "AL-ZARQAWI NETWORK"]
        );
        assert_eq!(
            words(&expand("PRE+N:SCHOOL").0),
            ["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]
        );
        assert_eq!(expand("N:BACHELOR N:DEGREE").0.len(), 4);
        let (many, capped) = expand(&"N:A ".repeat(12));
        assert!(capped);
        assert_eq!(many.len(), MAX_FORMS);
    }

    #[test]
    fn blocks_entries_and_ignores() {
        let text = "\
<ISSUE CATEGORY=\"WAR\" TYPE=\"ALL\">
n:massacre [ATROCITY]   # note
war n:crime[ATROCITY]
~Saturday Night massacre
~~Armenian genocide
no code here
</ISSUE>
orphan [LOOSE]
";
        let (dict, diags) = read("i.txt", text);
        assert_eq!(dict.categories.len(), 1);
        assert_eq!(dict.categories[0].name, "WAR");
        assert_eq!(
            dict.categories[0].attributes[1],
            ("TYPE".into(), "ALL".into())
        );
        assert_eq!(dict.entries.len(), 3);
        assert_eq!(dict.entries[0].pattern, "N:MASSACRE");
        assert_eq!(dict.entries[0].code, "ATROCITY");
        assert_eq!(dict.entries[0].category.as_deref(), Some("WAR"));
        assert_eq!(words(&dict.entries[1].forms), ["WAR CRIME", "WAR CRIMES"]);
        assert_eq!(dict.entries[2].category, None);
        assert_eq!(dict.ignores.len(), 2);
        assert!(!dict.ignores[0].story);
        assert!(dict.ignores[1].story);
        assert_eq!(dict.ignores[1].words, ["ARMENIAN", "GENOCIDE"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].to_string(),
            "i.txt:6: issue phrase without [code]; skipped"
        );
    }

    #[test]
    fn attrs() {
        use crate::common::parse_attrs;
        let a = parse_attrs("<Sentence date = \"2008\" id ='X-1' flag=yes/>");
        assert_eq!(
            a,
            vec![
                ("date".into(), "2008".into()),
                ("id".into(), "X-1".into()),
                ("flag".into(), "yes".into())
            ]
        );
    }
}
