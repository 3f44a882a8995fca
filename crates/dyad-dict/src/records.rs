//! PETRARCH validation records (`PETR.UnitTest.records*.xml`).
//!
//! The files are XML-like but not reliably well-formed (unescaped text,
//! attributes with blanks around `=`, single-quoted values holding `"`), so a
//! small tolerant scanner is used instead of an XML parser: unknown elements
//! are ignored, unclosed elements are closed at the next `<Sentence>`, and
//! every problem becomes a diagnostic.

use crate::common::{parse_attrs, read_text, Diagnostic, DictDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The `<Environment>` block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Environment {
    pub line: usize,
    pub verb_files: Vec<String>,
    pub actor_files: Vec<String>,
    pub agent_files: Vec<String>,
    pub discard_files: Vec<String>,
    pub issue_files: Vec<String>,
    pub error_file: Option<String>,
    /// Categories to code (`<Include>`); empty = all.
    pub include: Vec<String>,
    /// Categories to skip (`<Exclude>`).
    pub exclude: Vec<String>,
    pub pause: Option<String>,
    /// `<Config option=... value=...>` inside the environment.
    pub config: Vec<ConfigOption>,
    /// Other child elements (tag, text).
    pub other: Vec<(String, String)>,
}

impl Environment {
    /// Whether records of `category` are to be coded under Include/Exclude.
    pub fn includes(&self, category: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|c| c == category))
            && !self.exclude.iter().any(|c| c == category)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigOption {
    pub line: usize,
    pub option: String,
    pub value: String,
}

/// One expected event of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedEvent {
    pub line: usize,
    /// As given; a quoted value (`"INJURY TOLL"`, quotes kept) is an
    /// uncoded actor's text rather than a code.
    pub source: String,
    pub target: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub file: String,
    /// Line of the `<Sentence ...>` tag.
    pub line: usize,
    pub id: String,
    /// As given (YYYYMMDD).
    pub date: String,
    pub date_parsed: Option<DictDate>,
    /// The `category` attribute, else `source` (the UDPipe file moved the
    /// category there).
    pub category: Option<String>,
    pub place: Option<String>,
    /// All attributes of `<Sentence>`, in order.
    pub attributes: Vec<(String, String)>,
    /// Entity-decoded content of `<Text>`, line breaks kept.
    pub text: String,
    pub text_line: usize,
    /// Entity-decoded content of `<Parse>` (Treebank bracketing or CoNLL-U).
    pub parse: Option<String>,
    pub parse_line: usize,
    pub events: Vec<ExpectedEvent>,
    /// `<EventCoding noevents="True">`.
    pub noevents: bool,
    /// `<EventCoding error="...">`.
    pub error: Option<String>,
    /// Options in force for this record: the environment's `<Config>` values
    /// updated by every `<Config>` met before the record.
    pub config: BTreeMap<String, String>,
}

impl Record {
    /// Text with runs of whitespace (including line breaks) collapsed.
    pub fn text_normalized(&self) -> String {
        self.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordsFile {
    pub file: String,
    pub environment: Option<Environment>,
    pub records: Vec<Record>,
    /// Every `<Config>` outside the environment, in order.
    pub config: Vec<ConfigOption>,
}

pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(RecordsFile, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

pub fn read(file: &str, text: &str) -> (RecordsFile, Vec<Diagnostic>) {
    let mut s = Scanner::new(text);
    let mut out = RecordsFile {
        file: file.to_string(),
        ..Default::default()
    };
    let mut diags = Vec::new();
    let mut env: Option<Environment> = None;
    let mut config: BTreeMap<String, String> = BTreeMap::new();
    let mut cur: Option<Record> = None;

    let finish = |rec: Record, out: &mut RecordsFile, diags: &mut Vec<Diagnostic>| {
        if rec.date.trim().is_empty() {
            diags.push(Diagnostic::new(
                file,
                rec.line,
                "<Sentence> missing required date; record skipped",
            ));
            return;
        }
        if rec.date_parsed.is_none() {
            diags.push(Diagnostic::new(
                file,
                rec.line,
                format!("record date {:?} is not a valid YYYYMMDD date", rec.date),
            ));
        }
        if rec.id.is_empty() {
            diags.push(Diagnostic::new(file, rec.line, "<Sentence> without id"));
        }
        if rec.events.is_empty() && !rec.noevents && rec.error.is_none() {
            diags.push(Diagnostic::new(
                file,
                rec.line,
                format!("record {} has no <EventCoding>", rec.id),
            ));
        }
        out.records.push(rec);
    };

    while let Some(tok) = s.next_token(file, &mut diags) {
        match tok {
            Tok::Start {
                name,
                attrs,
                line,
                empty,
            } => {
                let lname = name.to_ascii_lowercase();
                match lname.as_str() {
                    "environment" => {
                        env = Some(Environment {
                            line,
                            ..Default::default()
                        });
                    }
                    "config" => {
                        let get = |k: &str| {
                            attrs
                                .iter()
                                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                                .map(|(_, v)| v.clone())
                        };
                        match (get("option"), get("value")) {
                            (Some(option), Some(value)) => {
                                let c = ConfigOption {
                                    line,
                                    option,
                                    value,
                                };
                                config.insert(c.option.clone(), c.value.clone());
                                match env.as_mut() {
                                    Some(e) => e.config.push(c),
                                    None => out.config.push(c),
                                }
                            }
                            _ => diags.push(Diagnostic::new(
                                file,
                                line,
                                "<Config> without option and value; skipped",
                            )),
                        }
                    }
                    "sentence" => {
                        if let Some(rec) = cur.take() {
                            diags.push(Diagnostic::new(
                                file,
                                rec.line,
                                format!("<Sentence> {} not closed before line {line}", rec.id),
                            ));
                            finish(rec, &mut out, &mut diags);
                        }
                        let get = |k: &str| {
                            attrs
                                .iter()
                                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                                .map(|(_, v)| v.trim().to_string())
                        };
                        let date = get("date").unwrap_or_default();
                        let rec = Record {
                            file: file.to_string(),
                            line,
                            id: get("id").unwrap_or_default(),
                            date_parsed: DictDate::parse(&date),
                            date,
                            category: get("category").or_else(|| get("source")),
                            place: get("place"),
                            attributes: attrs,
                            text: String::new(),
                            text_line: 0,
                            parse: None,
                            parse_line: 0,
                            events: Vec::new(),
                            noevents: false,
                            error: None,
                            config: config.clone(),
                        };
                        if empty {
                            finish(rec, &mut out, &mut diags);
                        } else {
                            cur = Some(rec);
                        }
                    }
                    "eventcoding" => {
                        let Some(rec) = cur.as_mut() else {
                            diags.push(Diagnostic::new(
                                file,
                                line,
                                "<EventCoding> outside a <Sentence>; skipped",
                            ));
                            continue;
                        };
                        let get = |k: &str| {
                            attrs
                                .iter()
                                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                                .map(|(_, v)| v.trim().to_string())
                        };
                        let mut used = false;
                        if let Some(v) = get("noevents") {
                            rec.noevents = !v.eq_ignore_ascii_case("false");
                            used = true;
                        }
                        if let Some(v) = get("error") {
                            rec.error = Some(v);
                            used = true;
                        }
                        match (get("sourcecode"), get("targetcode"), get("eventcode")) {
                            (Some(source), Some(target), Some(code)) => {
                                rec.events.push(ExpectedEvent {
                                    line,
                                    source,
                                    target,
                                    code,
                                })
                            }
                            (None, None, None) if used => {}
                            _ => diags.push(Diagnostic::new(
                                file,
                                line,
                                "<EventCoding> needs sourcecode, targetcode and eventcode; skipped",
                            )),
                        }
                    }
                    "text" | "parse" if !empty => {
                        let (content, ok) = s.take_content(&name);
                        if !ok {
                            diags.push(Diagnostic::new(
                                file,
                                line,
                                format!("<{name}> not closed; content read up to the next record"),
                            ));
                        }
                        match cur.as_mut() {
                            Some(rec) if lname == "text" => {
                                rec.text = decode_entities(content);
                                rec.text_line = line;
                            }
                            Some(rec) => {
                                rec.parse = Some(decode_entities(content));
                                rec.parse_line = line;
                            }
                            None => diags.push(Diagnostic::new(
                                file,
                                line,
                                format!("<{name}> outside a <Sentence>; skipped"),
                            )),
                        }
                    }
                    _ if env.is_some() && !empty => {
                        let (content, ok) = s.take_content(&name);
                        if !ok {
                            diags.push(Diagnostic::new(file, line, format!("<{name}> not closed")));
                        }
                        let value = decode_entities(content).trim().to_string();
                        if let Some(e) = env.as_mut() {
                            env_value(e, &lname, &name, value);
                        }
                    }
                    _ => {}
                }
            }
            Tok::End { name, line } => match name.to_ascii_lowercase().as_str() {
                "sentence" => match cur.take() {
                    Some(rec) => finish(rec, &mut out, &mut diags),
                    None => diags.push(Diagnostic::new(
                        file,
                        line,
                        "</Sentence> without <Sentence>",
                    )),
                },
                "environment" => {
                    if let Some(e) = env.take() {
                        out.environment = Some(e);
                    }
                }
                _ => {}
            },
        }
    }
    if let Some(rec) = cur.take() {
        diags.push(Diagnostic::new(
            file,
            rec.line,
            format!("<Sentence> {} not closed at end of file", rec.id),
        ));
        finish(rec, &mut out, &mut diags);
    }
    if let Some(e) = env.take() {
        diags.push(Diagnostic::new(file, e.line, "<Environment> not closed"));
        out.environment = Some(e);
    }
    (out, diags)
}

fn env_value(e: &mut Environment, lname: &str, name: &str, value: String) {
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let words = |v: &str| -> Vec<String> { v.split_whitespace().map(str::to_string).collect() };
    match lname {
        "verbfile" | "verbfiles" => e.verb_files.extend(list(&value)),
        "actorfile" | "actorfiles" | "actorfile_list" => e.actor_files.extend(list(&value)),
        "agentfile" | "agentfiles" => e.agent_files.extend(list(&value)),
        "discardfile" | "discardfiles" => e.discard_files.extend(list(&value)),
        "issuefile" | "issuefiles" => e.issue_files.extend(list(&value)),
        "errorfile" => e.error_file = Some(value),
        "include" => e.include.extend(words(&value)),
        "exclude" => e.exclude.extend(words(&value)),
        "pause" => e.pause = Some(value),
        _ => e.other.push((name.to_string(), value)),
    }
}

/// The character an XML entity reference names: one of the five predefined entities (`amp`,
/// `lt`, `gt`, `quot`, `apos`) or a character reference (`#233`, `#xE9`); `None` otherwise.
pub fn xml_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse().ok()?
                }
                None => return None,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// Decodes the XML entity references of `s` ([`xml_entity`]); a `&` that starts none (a bare
/// `&`, an unknown name) is kept as written and shown to `bad` (the text from the `&` on), so
/// strict readers can reject it and lenient ones count it.
pub fn decode_entities_with(s: &str, mut bad: impl FnMut(&str)) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&k| k <= 12)
            .and_then(|k| xml_entity(&after[..k]).map(|c| (k, c)));
        match decoded {
            Some((k, c)) => {
                out.push(c);
                rest = &after[k + 1..];
            }
            None => {
                bad(&rest[amp..]);
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the five XML entities and numeric references; anything else is left as written.
pub fn decode_entities(s: &str) -> String {
    decode_entities_with(s, |_| {})
}

enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        line: usize,
        empty: bool,
    },
    End {
        name: String,
        line: usize,
    },
}

struct Scanner<'a> {
    src: &'a str,
    /// ASCII-lowercased copy for case-insensitive searches (same byte offsets).
    lower: String,
    pos: usize,
    line_starts: Vec<usize>,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Scanner {
            src,
            lower: src.to_ascii_lowercase(),
            pos: 0,
            line_starts,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Next start or end tag; text and comments are skipped.
    fn next_token(&mut self, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Tok> {
        loop {
            let lt = self.pos + self.src[self.pos..].find('<')?;
            let rest = &self.src[lt..];
            let line = self.line_of(lt);
            if rest.starts_with("<!--") {
                match rest.find("-->") {
                    Some(end) => self.pos = lt + end + 3,
                    None => {
                        diags.push(Diagnostic::new(
                            file,
                            line,
                            "unterminated comment; rest of file ignored",
                        ));
                        self.pos = self.src.len();
                        return None;
                    }
                }
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                self.pos = match rest.find('>') {
                    Some(end) => lt + end + 1,
                    None => self.src.len(),
                };
                continue;
            }
            if let Some(after) = rest.strip_prefix("</") {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
                    .collect();
                self.pos = match rest.find('>') {
                    Some(end) => lt + end + 1,
                    None => lt + 2,
                };
                if name.is_empty() {
                    continue;
                }
                return Some(Tok::End { name, line });
            }
            let Some(first) = rest[1..].chars().next() else {
                self.pos = lt + 1;
                continue;
            };
            if !first.is_alphabetic() {
                self.pos = lt + 1; // a bare '<' in text
                continue;
            }
            let Some(end) = find_tag_end(rest) else {
                diags.push(Diagnostic::new(
                    file,
                    line,
                    "unterminated tag; treated as text",
                ));
                self.pos = lt + 1;
                continue;
            };
            let tag = &rest[..=end];
            self.pos = lt + end + 1;
            let name: String = tag[1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
                .collect();
            let empty = tag[..tag.len() - 1].trim_end().ends_with('/');
            let attrs = parse_attrs(tag)
                .into_iter()
                .map(|(k, v)| (k, decode_entities(&v)))
                .collect();
            return Some(Tok::Start {
                name,
                attrs,
                line,
                empty,
            });
        }
    }

    /// Raw content up to `</name>` (case-insensitive), consuming the end tag.
    /// Stops early (returning false) at a `<Sentence` / `</Sentence` that
    /// comes first, so one unclosed element does not swallow the file.
    fn take_content(&mut self, name: &str) -> (&'a str, bool) {
        let from = self.pos;
        let close = format!("</{}", name.to_ascii_lowercase());
        let hay = &self.lower[from..];
        let end = hay.find(&close);
        let guard = ["<sentence", "</sentence"]
            .iter()
            .filter(|g| !close.starts_with(*g))
            .filter_map(|g| hay.find(g))
            .min();
        let end = end.filter(|&e| guard.is_none_or(|g| e < g));
        match (end, guard) {
            (Some(e), _) => {
                let content = &self.src[from..from + e];
                let after = from + e;
                self.pos = match self.src[after..].find('>') {
                    Some(gt) => after + gt + 1,
                    None => self.src.len(),
                };
                (content, true)
            }
            (_, Some(g)) => {
                self.pos = from + g;
                (&self.src[from..from + g], false)
            }
            (None, None) => {
                self.pos = self.src.len();
                (&self.src[from..], false)
            }
        }
    }
}

/// Index of the `>` closing a start tag, skipping quoted attribute values.
fn find_tag_end(rest: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\n') => quote = None, // an unbalanced quote ends at the line
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version='1.0'?>
<Validation>
<!-- header with <Sentence> inside a comment -->
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A1.txt, A2.txt</Actorfile>
    <Include>valid DEMO DATE</Include>
    <Exclude>SKIP</Exclude>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date = "19950101" id ="DEMO-00" category="DEMO" sentence="true">
<!-- comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"/>
<Text>
Arnor &amp; Gondor
trade.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (CC &amp;)))
</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence source="DATE" date="20100112" id="DATE_01" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
<Parse>
1	Nothing	nothing	PRON	NN	_	0	root	_	_
</Parse></Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_and_records() {
        let (f, diags) = read("r.xml", SAMPLE);
        assert!(diags.is_empty(), "{diags:?}");
        let env = f.environment.as_ref().unwrap();
        assert_eq!(env.line, 4);
        assert_eq!(env.verb_files, ["V.txt"]);
        assert_eq!(env.actor_files, ["A1.txt", "A2.txt"]);
        assert_eq!(env.include, ["valid", "DEMO", "DATE"]);
        assert_eq!(env.exclude, ["SKIP"]);
        assert!(env.includes("DEMO") && !env.includes("SKIP") && !env.includes("X"));
        assert_eq!(env.config[0].option, "stop_on_error");
        assert_eq!(f.records.len(), 2);

        let r = &f.records[0];
        assert_eq!(
            (r.id.as_str(), r.date.as_str(), r.line),
            ("DEMO-00", "19950101", 12)
        );
        assert_eq!(r.date_parsed, DictDate::from_ymd(1995, 1, 1));
        assert_eq!(r.category.as_deref(), Some("DEMO"));
        assert_eq!(r.events.len(), 2);
        assert_eq!(r.events[0].code, "064");
        assert_eq!(r.events[0].line, 14);
        assert_eq!(r.events[1].source, "\"INJURY TOLL\"");
        assert_eq!(r.text_normalized(), "Arnor & Gondor trade.");
        assert_eq!(r.text_line, 16);
        assert!(r.parse.as_deref().unwrap().contains("(CC &)"));
        assert_eq!(
            r.config.get("stop_on_error").map(String::as_str),
            Some("True")
        );
        assert!(!r.config.contains_key("require_dyad"));

        let r = &f.records[1];
        assert_eq!(r.category.as_deref(), Some("DATE"), "falls back to source");
        assert!(r.noevents);
        assert!(r.events.is_empty());
        assert_eq!(r.text, "Nothing.");
        assert!(r.parse.as_deref().unwrap().starts_with("\n1\tNothing"));
        assert_eq!(
            r.config.get("require_dyad").map(String::as_str),
            Some("false")
        );
        assert_eq!(f.config.len(), 1);
    }

    #[test]
    fn tolerates_broken_markup() {
        let text = "<Sentence date=\"20000101\" id=\"A\">\n<EventCoding error=\"dateline\">\n<Text>one & two < three\n<Sentence date=\"2000\" id=\"B\">\n<EventCoding sourcecode=\"X\">\n<Text>b</Text>\n</Sentence>\n<Sentence id=\"C\"><EventCoding noevents=\"True\"/></Sentence>\n</Sentence>\n<EventCoding sourcecode=\"X\" targetcode=\"Y\" eventcode=\"Z\"/>\n<!-- open comment";
        let (f, diags) = read("b.xml", text);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        let has = |p: &str| msgs.iter().any(|m| m.starts_with(p));
        assert!(has("b.xml:3: <Text> not closed"), "{msgs:#?}");
        assert!(has("b.xml:1: <Sentence> A not closed before line 4"));
        assert!(has("b.xml:5: <EventCoding> needs sourcecode"));
        assert!(has("b.xml:4: record date \"2000\" is not a valid"));
        assert!(has("b.xml:4: record B has no <EventCoding>"));
        assert!(has("b.xml:8: <Sentence> missing required date"));
        assert!(has("b.xml:9: </Sentence> without <Sentence>"));
        assert!(has("b.xml:10: <EventCoding> outside a <Sentence>"));
        assert!(has("b.xml:11: unterminated comment"));
        assert_eq!(f.records.len(), 2);
        assert_eq!(f.records[0].error.as_deref(), Some("dateline"));
        assert_eq!(f.records[0].text, "one & two < three\n");
        assert_eq!(f.records[1].id, "B");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &quot;&apos; &#65;&#x42; & &bogus; x"),
            "a & b <c> \"' AB & &bogus; x"
        );
    }
}
