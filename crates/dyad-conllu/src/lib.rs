//! Reading and writing CoNLL-U, the Universal Dependencies treebank format
//! (<https://universaldependencies.org/format.html>).
//!
//! Multiword tokens (`1-2  don't`) are kept as [`Mwt`] ranges next to the words; empty nodes
//! (`8.1`) are skipped, as the basic tree does not contain them.

use std::fmt::{self, Write as _};

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: u32,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root.
    pub head: u32,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// False when MISC has `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        space_after(&self.misc)
    }
}

/// A multiword token: one orthographic token covering words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mwt {
    pub first: u32,
    pub last: u32,
    pub form: String,
    pub misc: String,
}

/// One sentence with its comments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub sent_id: Option<String>,
    /// The `# text = ` comment.
    pub text: Option<String>,
    /// A `# newdoc` comment precedes the sentence.
    pub newdoc: bool,
    /// A `# newpar` comment precedes the sentence.
    pub newpar: bool,
    /// Every comment line, without the leading `#`.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub mwts: Vec<Mwt>,
}

impl Sentence {
    /// The surface tokens: each MWT once, and every word not inside one, with whether a space
    /// follows. This is what the raw text is made of.
    pub fn surface_tokens(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut m = self.mwts.iter().peekable();
        let mut i = 0;
        while i < self.words.len() {
            let w = &self.words[i];
            if let Some(mwt) = m.peek() {
                if mwt.first == w.id {
                    out.push((mwt.form.as_str(), space_after(&mwt.misc)));
                    i += (mwt.last - mwt.first + 1) as usize;
                    m.next();
                    continue;
                }
            }
            out.push((w.form.as_str(), w.space_after()));
            i += 1;
        }
        out
    }

    /// The raw text of the sentence rebuilt from its tokens and SpaceAfter flags
    /// (used when a file lacks `# text` comments).
    pub fn rebuilt_text(&self) -> String {
        let mut s = String::new();
        for (form, space) in self.surface_tokens() {
            s.push_str(form);
            if space {
                s.push(' ');
            }
        }
        s.truncate(s.trim_end().len());
        s
    }
}

/// True unless MISC contains `SpaceAfter=No`.
pub fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|f| f == "SpaceAfter=No")
}

/// A line that is not valid CoNLL-U.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Error {}

/// Parse a whole CoNLL-U text. Stops at the first malformed line, naming it.
pub fn parse(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if started {
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("text = ") {
                cur.text = Some(v.to_string());
            } else if let Some(v) = c.strip_prefix("sent_id = ") {
                cur.sent_id = Some(v.to_string());
            } else if c.starts_with("newdoc") {
                cur.newdoc = true;
                cur.newpar = true;
            } else if c.starts_with("newpar") {
                cur.newpar = true;
            }
            cur.comments.push(c.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error {
                line: lineno,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse(), b.parse()) {
                (Ok(a), Ok(b)) if a <= b => (a, b),
                _ => {
                    return Err(Error {
                        line: lineno,
                        message: format!("bad multiword token range {id:?}"),
                    })
                }
            };
            cur.mwts.push(Mwt {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let id: u32 = id.parse().map_err(|_| Error {
            line: lineno,
            message: format!("bad word id {id:?}"),
        })?;
        let head: u32 = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| Error {
                line: lineno,
                message: format!("bad head {:?}", cols[6]),
            })?
        };
        cur.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if started {
        out.push(cur);
    }
    Ok(out)
}

/// Serialize sentences back to CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        let mut m = sent.mwts.iter().peekable();
        for w in &sent.words {
            if let Some(mwt) = m.peek() {
                if mwt.first == w.id {
                    let _ = writeln!(
                        s,
                        "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                        mwt.first, mwt.last, mwt.form, mwt.misc
                    );
                    m.next();
                }
            }
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.deps, w.misc
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = They don't go.\n\
1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n\
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn parses_words_mwts_and_comments() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert!(s.newdoc && s.newpar);
        assert_eq!(s.text.as_deref(), Some("They don't go."));
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.mwts.len(), 1);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(
            s.surface_tokens(),
            vec![("They", true), ("don't", true), ("go", false), (".", true)]
        );
        assert_eq!(s.rebuilt_text(), "They don't go.");
    }

    #[test]
    fn round_trips() {
        let s = parse(SAMPLE).unwrap();
        let again = parse(&write(&s)).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn names_the_bad_line() {
        let e = parse("# text = x\n1\tx\tx\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("1\tx\tx\tX\tX\t_\tz\tdep\t_\t_\n").unwrap_err();
        assert!(e.message.contains("bad head"));
    }
}
