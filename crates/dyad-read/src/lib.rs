//! Readers: turn input files (or stdin) into [`Article`]s.
//!
//! Formats (documented in `docs/input.md`):
//! - **Plain text** (`.txt` and anything not recognized as JSON Lines): one article per file; the
//!   publication date comes from [`ReadOptions::published`].
//! - **JSON Lines** (`.jsonl`, `.ndjson`, `.json`, or stdin whose first byte is `{`): one article
//!   object per line with `id`, `url`, `title`, `published`, `outlet` (or `source`) and `text`;
//!   unknown fields are ignored.
//!
//! - **PETRARCH XML** (`.xml`, or stdin whose first byte is `<`): `<Sentence id date source>`
//!   records with a `<Text>` element, as in PETRARCH's input files and validation sets; each
//!   sentence is one article. Scanned leniently ([`petrxml`]).
//!
//! Bad input never panics and never stops the read: each problem is yielded as an
//! [`Item::Problem`] naming the file and line, and reading goes on with the next record. Memory is
//! bounded: a line or file longer than [`ReadOptions::max_article_bytes`] is skipped without
//! being held in memory.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use dyad_doc::{Article, Published};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

pub mod petrxml;

/// Default limit on one article (one file, or one JSON line): 8 MiB, far above any news story.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 8 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    PetrXml,
}

impl Format {
    /// The format a file name implies: JSON Lines for `.jsonl`/`.ndjson`/`.json`, else text.
    pub fn from_path(path: &str) -> Format {
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
            Some("xml") => Format::PetrXml,
            _ => Format::Text,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Publication date for articles that carry none (all plain-text articles).
    pub published: Option<Published>,
    /// Articles (files or JSON lines) larger than this are skipped with an error.
    pub max_article_bytes: usize,
    /// Force a format instead of guessing from the file name or the first byte of stdin.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            published: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            format: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Data was kept, but repaired or defaulted (lossy UTF-8, unreadable date).
    Warning,
    /// A record was skipped.
    Error,
}

/// Something wrong with the input, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file name as given, or `<stdin>`.
    pub source: String,
    /// 1-based line, when the problem belongs to one line.
    pub line: Option<u64>,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(l) => write!(f, "{}:{}: {level}: {}", self.source, l, self.message),
            None => write!(f, "{}: {level}: {}", self.source, self.message),
        }
    }
}

/// What a reader yields: an article, or a problem met on the way.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Article(Box<Article>),
    Problem(Problem),
}

/// Reads articles from one input. An iterator of [`Item`]s.
pub struct Reader {
    name: String,
    input: Box<dyn BufRead + Send>,
    format: Format,
    opts: ReadOptions,
    line: u64,
    done: bool,
    pending: Vec<Item>,
}

/// Open a file, or stdin for `-`. Failing to open is returned as a [`Problem`].
pub fn open(path: &str, opts: &ReadOptions) -> Result<Reader, Problem> {
    if path == "-" {
        let stdin = io::stdin();
        return Ok(Reader::new(
            "<stdin>",
            Box::new(BufReader::new(stdin)),
            opts,
            None,
        ));
    }
    let file = File::open(path).map_err(|e| Problem {
        source: path.to_string(),
        line: None,
        severity: Severity::Error,
        message: format!("cannot open: {e}"),
    })?;
    let fmt = opts.format.unwrap_or_else(|| Format::from_path(path));
    Ok(Reader::new(
        path,
        Box::new(BufReader::with_capacity(1 << 16, file)),
        opts,
        Some(fmt),
    ))
}

impl Reader {
    /// A reader over any buffered input; `format: None` guesses from the first non-blank byte.
    pub fn new(
        name: &str,
        mut input: Box<dyn BufRead + Send>,
        opts: &ReadOptions,
        format: Option<Format>,
    ) -> Reader {
        let format = opts.format.or(format).unwrap_or_else(|| sniff(&mut input));
        Reader {
            name: name.to_string(),
            input,
            format,
            opts: opts.clone(),
            line: 0,
            done: false,
            pending: Vec::new(),
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    fn problem(&self, line: Option<u64>, severity: Severity, message: String) -> Item {
        Item::Problem(Problem {
            source: self.name.clone(),
            line,
            severity,
            message,
        })
    }

    /// Read the whole input as text, at most `max` bytes. Problems (read failure, too large,
    /// lossy decoding) are queued; `None` when nothing usable was read.
    fn read_whole(&mut self, max: usize, what: &str) -> Option<String> {
        self.done = true;
        let mut buf = Vec::new();
        if let Err(e) = (&mut self.input).take(max as u64 + 1).read_to_end(&mut buf) {
            let item = self.problem(None, Severity::Error, format!("read failed: {e}"));
            self.pending.push(item);
            return None;
        }
        if buf.len() > max {
            let item = self.problem(
                None,
                Severity::Error,
                format!(
                    "larger than the {max}-byte limit for {what}; skipped (split the file, or raise --max-article-bytes)"
                ),
            );
            self.pending.push(item);
            return None;
        }
        let (text, lossy) = decode(buf);
        if lossy {
            let item = self.problem(
                None,
                Severity::Warning,
                "invalid UTF-8, decoded with replacement characters".into(),
            );
            self.pending.push(item);
        }
        Some(text)
    }

    fn read_text(&mut self) {
        let Some(text) = self.read_whole(self.opts.max_article_bytes, "one article") else {
            return;
        };
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        let mut a = Article::new(stable_id(None, None, &text), text);
        a.published = self.opts.published;
        self.pending.push(Item::Article(Box::new(a)));
    }

    /// Whole-file formats may be larger than one article: they get this many times the limit.
    const WHOLE_FILE_FACTOR: usize = 64;

    fn read_xml(&mut self) {
        let max = self
            .opts
            .max_article_bytes
            .saturating_mul(Self::WHOLE_FILE_FACTOR);
        let Some(text) = self.read_whole(max, "an XML file") else {
            return;
        };
        for rec in petrxml::scan(&text, self.opts.published) {
            match rec {
                petrxml::Record::Article(a, warnings) => {
                    for (line, w) in warnings {
                        let p = self.problem(Some(line as u64), Severity::Warning, w);
                        self.pending.push(p);
                    }
                    self.pending.push(Item::Article(Box::new(a)));
                }
                petrxml::Record::Problem(line, msg) => {
                    let p = self.problem(Some(line as u64), Severity::Error, msg);
                    self.pending.push(p);
                }
            }
        }
    }

    fn read_json_line(&mut self) {
        let max = self.opts.max_article_bytes;
        loop {
            let mut buf = Vec::new();
            let got = read_line_bounded(&mut self.input, &mut buf, max);
            self.line += 1;
            let line = self.line;
            match got {
                Err(e) => {
                    self.done = true;
                    let item =
                        self.problem(Some(line), Severity::Error, format!("read failed: {e}"));
                    self.pending.push(item);
                    return;
                }
                Ok(LineRead::Eof) => {
                    self.done = true;
                    return;
                }
                Ok(LineRead::TooLong(n)) => {
                    let item = self.problem(
                        Some(line),
                        Severity::Error,
                        format!(
                            "line of {n} bytes exceeds the {max}-byte limit for one article; skipped (raise --max-article-bytes)"
                        ),
                    );
                    self.pending.push(item);
                    return;
                }
                Ok(LineRead::Line) => {}
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let (text, lossy) = decode(buf);
            if lossy {
                let item = self.problem(
                    Some(line),
                    Severity::Warning,
                    "invalid UTF-8, decoded with replacement characters".into(),
                );
                self.pending.push(item);
            }
            let mut warnings = Vec::new();
            let item = match article_from_json(&text, &self.opts, &mut warnings) {
                Ok(a) => Item::Article(Box::new(a)),
                Err(msg) => self.problem(Some(line), Severity::Error, msg),
            };
            for w in warnings {
                let p = self.problem(Some(line), Severity::Warning, w);
                self.pending.push(p);
            }
            self.pending.push(item);
            return;
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if !self.pending.is_empty() {
                return Some(self.pending.remove(0));
            }
            if self.done {
                return None;
            }
            match self.format {
                Format::Text => self.read_text(),
                Format::PetrXml => self.read_xml(),
                Format::Jsonl => self.read_json_line(),
            }
        }
    }
}

fn sniff(input: &mut Box<dyn BufRead + Send>) -> Format {
    match input.fill_buf() {
        Ok(buf) => match buf.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::Jsonl,
            Some(b'<') => Format::PetrXml,
            _ => Format::Text,
        },
        Err(_) => Format::Text,
    }
}

fn decode(buf: Vec<u8>) -> (String, bool) {
    match String::from_utf8(buf) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

enum LineRead {
    Line,
    Eof,
    /// The line was longer than the limit; it was consumed but not kept. Carries its length.
    TooLong(u64),
}

/// Read one line (without its `\n`) into `buf`, holding at most `max` bytes in memory.
fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    let mut total: u64 = 0;
    let mut overflow = false;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        total += part.len() as u64;
        if !overflow {
            if buf.len() + part.len() > max {
                overflow = true;
                buf.clear();
                buf.shrink_to_fit();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = part.len() + usize::from(found);
        r.consume(used);
        if found {
            break;
        }
    }
    if !any {
        return Ok(LineRead::Eof);
    }
    if overflow {
        return Ok(LineRead::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(LineRead::Line)
}

/// Build an article from one JSON object; `Err` carries the reason the line is skipped.
fn article_from_json(
    line: &str,
    opts: &ReadOptions,
    warnings: &mut Vec<String>,
) -> Result<Article, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(obj) = v else {
        return Err("expected a JSON object with a \"text\" field".into());
    };
    let text = ["text", "body", "content"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .ok_or("no \"text\" field: each line needs the article body as a string in \"text\"")?
        .to_string();
    let url = string_field(&obj, &["url", "link"]);
    let title = string_field(&obj, &["title", "headline"]);
    let outlet = string_field(&obj, &["outlet", "source", "publisher"]).or_else(|| {
        // {"source": {"name": "..."}} as some feed exporters write it
        obj.get("source")
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => stable_id(url.as_deref(), title.as_deref(), &text),
    };
    let mut published = None;
    if let Some(p) = string_field(&obj, &["published", "date", "publish_date", "pubdate"]) {
        match p.parse::<Published>() {
            Ok(d) => published = Some(d),
            Err(e) => warnings.push(format!("{e}; the article is kept without a date")),
        }
    }
    Ok(Article {
        id,
        url,
        outlet,
        title,
        published: published.or(opts.published),
        text,
    })
}

fn string_field(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    })
}

/// A stable id for an article without one: 16 hex digits of SHA-256 over url, title and text.
pub fn stable_id(url: Option<&str>, title: Option<&str>, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(url.unwrap_or("").as_bytes());
    h.update([0]);
    h.update(title.unwrap_or("").as_bytes());
    h.update([0]);
    h.update(text.as_bytes());
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read_all(name: &str, bytes: &[u8], opts: &ReadOptions, fmt: Option<Format>) -> Vec<Item> {
        let r = Reader::new(name, Box::new(Cursor::new(bytes.to_vec())), opts, fmt);
        r.collect()
    }

    fn articles(items: &[Item]) -> Vec<&Article> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Article(a) => Some(a.as_ref()),
                _ => None,
            })
            .collect()
    }

    fn problems(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Problem(p) => Some(p.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn jsonl_keeps_good_lines_and_names_bad_ones() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2023-08-05\",\"source\":\"VOA\",\"extra\":[1]}\n\
not json\n\
\n\
{\"title\":\"T\",\"text\":\"Two.\"}\n\
{\"id\":7,\"text\":\"Three.\",\"published\":\"someday\"}\n\
[1,2]\n\
{\"id\":\"x\"}\n";
        let items = read_all(
            "in.jsonl",
            input,
            &ReadOptions::default(),
            Some(Format::Jsonl),
        );
        let a = articles(&items);
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].id, "a");
        assert_eq!(a[0].outlet.as_deref(), Some("VOA"));
        assert_eq!(a[0].published.unwrap().to_string(), "2023-08-05");
        assert_eq!(a[1].id.len(), 16, "missing id gets a hash");
        assert_eq!(a[1].id, stable_id(None, Some("T"), "Two."));
        assert_eq!(a[2].id, "7");
        assert!(a[2].published.is_none());
        let p = problems(&items);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(
            p[0].starts_with("in.jsonl:2: error: malformed JSON"),
            "{}",
            p[0]
        );
        assert!(p[1].starts_with("in.jsonl:5: warning:"), "{}", p[1]);
        assert!(p[2].starts_with("in.jsonl:6: error: expected a JSON object"));
        assert!(p[3].starts_with("in.jsonl:7: error: no \"text\" field"));
    }

    #[test]
    fn cli_date_fills_only_missing_dates() {
        let opts = ReadOptions {
            published: Some("2020-01-01".parse().unwrap()),
            ..Default::default()
        };
        let input = b"{\"text\":\"a\",\"published\":\"2023-08-05\"}\n{\"text\":\"b\"}\n";
        let items = read_all("x", input, &opts, Some(Format::Jsonl));
        let a = articles(&items);
        assert_eq!(a[0].published.unwrap().to_string(), "2023-08-05");
        assert_eq!(a[1].published.unwrap().to_string(), "2020-01-01");
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_a_warning() {
        let items = read_all(
            "bad.txt",
            b"Caf\xe9 owner said.",
            &ReadOptions::default(),
            None,
        );
        let a = articles(&items);
        assert_eq!(a[0].text, "Caf\u{fffd} owner said.");
        let p = problems(&items);
        assert_eq!(
            p,
            vec!["bad.txt: warning: invalid UTF-8, decoded with replacement characters"]
        );

        let items = read_all(
            "b.jsonl",
            b"{\"text\":\"\xff\"}\n",
            &ReadOptions::default(),
            None,
        );
        assert_eq!(articles(&items).len(), 1);
        assert!(problems(&items)[0].starts_with("b.jsonl:1: warning"));
    }

    #[test]
    fn empty_input_is_not_an_error() {
        let items = read_all("e.jsonl", b"", &ReadOptions::default(), Some(Format::Jsonl));
        assert!(items.is_empty());
        let items = read_all("e.txt", b"", &ReadOptions::default(), Some(Format::Text));
        assert_eq!(articles(&items).len(), 1);
        assert!(problems(&items).is_empty());
    }

    #[test]
    fn oversized_lines_are_skipped_in_bounded_memory() {
        let opts = ReadOptions {
            max_article_bytes: 100,
            ..Default::default()
        };
        let mut input = b"{\"text\":\"ok\"}\n{\"text\":\"".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend_from_slice(b"\"}\n{\"text\":\"after\"}");
        let items = read_all("big.jsonl", &input, &opts, Some(Format::Jsonl));
        let a = articles(&items);
        assert_eq!(
            a.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
            ["ok", "after"]
        );
        let p = problems(&items);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("big.jsonl:2: error: line of 5011 bytes exceeds"),
            "{}",
            p[0]
        );

        let items = read_all("big.txt", &input, &opts, Some(Format::Text));
        assert!(articles(&items).is_empty());
        assert!(problems(&items)[0].contains("larger than the 100-byte limit"));
    }

    #[test]
    fn stdin_format_is_sniffed() {
        let items = read_all(
            "<stdin>",
            b"  {\"text\":\"a\"}\n",
            &ReadOptions::default(),
            None,
        );
        assert_eq!(articles(&items)[0].text, "a");
        let items = read_all("<stdin>", b"Plain story.\n", &ReadOptions::default(), None);
        assert_eq!(articles(&items)[0].text, "Plain story.\n");
    }

    #[test]
    fn text_files_get_bom_stripped_and_stable_ids() {
        let items = read_all(
            "a.txt",
            "\u{feff}Hello.".as_bytes(),
            &ReadOptions::default(),
            None,
        );
        let a = articles(&items);
        assert_eq!(a[0].text, "Hello.");
        assert_eq!(a[0].id, stable_id(None, None, "Hello."));
    }

    #[test]
    fn crlf_lines_are_read() {
        let items = read_all(
            "w.jsonl",
            b"{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n",
            &ReadOptions::default(),
            None,
        );
        assert_eq!(articles(&items).len(), 2);
        assert!(problems(&items).is_empty());
    }

    #[test]
    fn missing_file_is_a_problem_not_a_panic() {
        let e = open("/nonexistent/x.txt", &ReadOptions::default())
            .err()
            .unwrap();
        assert!(e
            .to_string()
            .starts_with("/nonexistent/x.txt: error: cannot open"));
    }
}
