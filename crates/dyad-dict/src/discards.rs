//! Discard lists: phrases whose presence stops coding.
//!
//! `+PHRASE` discards the whole story, a bare phrase only the sentence. A
//! phrase ending in `_` must end at a word boundary; otherwise its last word
//! is a stem (prefix match). Matching is case-insensitive, so words are
//! upper-cased here as PETRARCH does.

use crate::common::{read_text, Diagnostic, Lines};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscardEntry {
    pub file: String,
    pub line: usize,
    /// Upper-cased words.
    pub words: Vec<String>,
    /// `+`: discard the whole story rather than the sentence.
    pub story: bool,
    /// Trailing `_`: the last word must match completely.
    pub whole_word: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiscardList {
    pub entries: Vec<DiscardEntry>,
}

pub fn read(file: &str, text: &str) -> (DiscardList, Vec<Diagnostic>) {
    let mut list = DiscardList::default();
    let mut diags = Vec::new();
    for line in Lines::new(text, &['#']) {
        let mut body = line.text.trim();
        let story = match body.strip_prefix('+') {
            Some(r) => {
                body = r.trim_start();
                true
            }
            None => false,
        };
        let whole_word = body.ends_with('_');
        let words: Vec<String> = body
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_uppercase)
            .collect();
        if words.is_empty() {
            diags.push(Diagnostic::new(
                file,
                line.no,
                "empty discard phrase; skipped",
            ));
            continue;
        }
        list.entries.push(DiscardEntry {
            file: file.to_string(),
            line: line.no,
            words,
            story,
            whole_word,
        });
    }
    (list, diags)
}

pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(DiscardList, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_sentence_and_whole_word() {
        let text = "# header\n+Grand Slam   # x\nFOOTBAL\nBOXING_\n+ World Cup ;y\n+\n";
        let (list, diags) = read("d.txt", text);
        assert_eq!(list.entries.len(), 4);
        let e = &list.entries;
        assert_eq!((e[0].line, e[0].story, e[0].whole_word), (2, true, false));
        assert_eq!(e[0].words, ["GRAND", "SLAM"]);
        assert!(!e[1].story && !e[1].whole_word);
        assert!(e[2].whole_word);
        assert_eq!(e[2].words, ["BOXING"]);
        assert_eq!(e[3].words, ["WORLD", "CUP", ";Y"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].to_string(),
            "d.txt:6: empty discard phrase; skipped"
        );
    }
}
