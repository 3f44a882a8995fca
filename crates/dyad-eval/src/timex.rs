//! Scoring time expressions against gold TIMEX3 annotations, in two formats:
//!
//! - MEANTIME's CAT XML (NewsReader): tokens with ids and sentence numbers, `TIMEX3` markables
//!   anchored to token ids, the document creation time marked
//!   `functionInDocument="CREATION_TIME"`. Only the sentences annotated at the document level
//!   are scored (mentions added by the cross-document layer, elements with an `m_id` only, run
//!   through whole articles and do not count).
//! - TimeML (TimeBank, TempEval-2/3 `.tml`, or `.xml` whose root is `<TimeML>`): inline
//!   `TIMEX3` elements in running text ([`read_timeml`]). The text is segmented by dyad's own
//!   segmenter and each gold expression becomes the tokens it overlaps; every sentence is scored.
//!
//! dyad's time recognizer runs on the tokens of each sentence with the creation time as
//! publication date; spans are compared as token sets (strict: the same tokens; relaxed: any
//! overlap), then type and value on the relaxed matches, as in TempEval-3.

use dyad_doc::TimexType;
use serde::Serialize;
use std::collections::HashMap;

/// One gold or predicted expression of a document: token positions (0-based, document order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub tokens: Vec<usize>,
    pub timex_type: String,
    pub value: String,
}

/// A CAT document: its sentences of tokens, gold expressions and creation time.
#[derive(Debug, Clone, Default)]
pub struct CatDocument {
    pub name: String,
    /// (sentence number, token text), document order.
    pub tokens: Vec<(usize, String)>,
    pub gold: Vec<Timex>,
    pub creation_time: Option<String>,
    /// The last sentence with any markable: MEANTIME annotates only the title and the first
    /// sentences of each article, so only those are scored.
    pub annotated_until: usize,
}

impl CatDocument {
    /// The date expressions are normalized against: the creation time's date, if it has one.
    pub fn anchor(&self) -> Option<jiff::civil::Date> {
        self.creation_time.as_deref().and_then(creation_date)
    }
}

/// Counts and scores in percent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimexScores {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub strict_f1: f64,
    pub relaxed_precision: f64,
    pub relaxed_recall: f64,
    pub relaxed_f1: f64,
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    pub value_f1: f64,
    /// Documents without a usable creation time: their values were normalized without an
    /// anchor (relative expressions cannot get calendar values).
    pub unanchored: usize,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn unescape(s: &str) -> String {
    dyad_dict::records::decode_entities(s)
}

/// Reads a CAT XML document leniently (one element per line, as MEANTIME writes them);
/// `Err` names what is missing.
pub fn read_cat(name: &str, xml: &str) -> Result<CatDocument, String> {
    let mut doc = CatDocument {
        name: name.to_string(),
        ..Default::default()
    };
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut open: Option<(String, String, bool, Vec<usize>)> = None;
    // Inside a mention added by the cross-document layer (an element with an `m_id` only):
    // those cover whole articles, past the sentences annotated at the document level.
    let mut cross_doc = false;
    for line in xml.lines() {
        let line = line.trim();
        if !line.starts_with("<token") {
            // The last element opened on the line (CAT writes some pairs on one line).
            if let Some(at) = line.rfind('<').filter(|&k| !line[k..].starts_with("</")) {
                cross_doc = line[at + 1..].split_once(' ').is_some_and(|(_, attrs)| {
                    let attrs = attrs.trim_end_matches('>').trim_end_matches('/').trim();
                    attrs.starts_with("m_id=\"") && attrs.matches('=').count() == 1
                });
            }
        }
        if let Some(rest) = line.strip_prefix("<token ") {
            let (Some(id), Some(sentence)) = (attr(rest, "t_id"), attr(rest, "sentence")) else {
                continue;
            };
            let text = rest
                .split_once('>')
                .and_then(|(_, t)| t.strip_suffix("</token>"))
                .unwrap_or("");
            position.insert(id, doc.tokens.len());
            doc.tokens
                .push((sentence.parse().unwrap_or(0), unescape(text)));
        } else if let Some(rest) = line.strip_prefix("<TIMEX3 ") {
            let kind = attr(rest, "type").unwrap_or_default();
            let value = attr(rest, "value").unwrap_or_default();
            let dct = attr(rest, "functionInDocument").as_deref() == Some("CREATION_TIME");
            if dct {
                doc.creation_time = Some(value.clone());
            }
            if !rest.ends_with("/>") {
                open = Some((kind, value, dct, Vec::new()));
            }
        } else if let Some(rest) = line.strip_prefix("<token_anchor ") {
            if let Some(id) = attr(rest, "t_id") {
                if let Some(&p) = position.get(&id) {
                    if !cross_doc {
                        doc.annotated_until = doc.annotated_until.max(doc.tokens[p].0);
                    }
                    if let Some(o) = open.as_mut() {
                        o.3.push(p);
                    }
                }
            }
        } else if line.starts_with("</TIMEX3>") {
            if let Some((kind, value, _, mut tokens)) = open.take() {
                if !tokens.is_empty() {
                    tokens.sort_unstable();
                    doc.gold.push(Timex {
                        tokens,
                        timex_type: kind,
                        value,
                    });
                }
            }
        }
    }
    if doc.tokens.is_empty() {
        return Err("no <token> elements".into());
    }
    Ok(doc)
}

/// Reads a gold file in whichever format it is: TimeML when its root element is `<TimeML>`
/// (or its name ends in `.tml`), MEANTIME CAT XML otherwise.
pub fn read_gold(name: &str, xml: &str) -> Result<CatDocument, String> {
    if root_element(xml).as_deref() == Some("TimeML") || name.ends_with(".tml") {
        read_timeml(name, xml)
    } else {
        read_cat(name, xml)
    }
}

/// The name of the first element of an XML text, after any declaration, comments and doctype.
fn root_element(xml: &str) -> Option<String> {
    let mut rest = xml.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else {
            let r = rest.strip_prefix('<')?;
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            return Some(r[..end].to_string());
        }
    }
}

/// One XML start tag's name, attributes and whether it closes itself.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    empty: bool,
}

impl Tag {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the inside of a start tag (`TIMEX3 tid="t1" type='DATE'/`).
fn parse_tag(inner: &str) -> Result<Tag, String> {
    let (inner, empty) = match inner.strip_suffix('/') {
        Some(x) => (x, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_string();
    if name.is_empty() {
        return Err("a tag without a name".into());
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("<{name}>: attribute without a value"))?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("<{name}>: unquoted value of {key}"))?;
        let close = after[1..]
            .find(quote)
            .ok_or_else(|| format!("<{name}>: unterminated value of {key}"))?;
        attrs.push((key, decode_entities(&after[1..1 + close])?));
        rest = after[close + 2..].trim_start();
    }
    Ok(Tag { name, attrs, empty })
}

/// XML character data with its entities decoded (the five predefined ones and character
/// references); an undefined entity or a bare `&` is an error, as in XML.
fn decode_entities(s: &str) -> Result<String, String> {
    let mut first_bad = None;
    let out = dyad_dict::records::decode_entities_with(s, |at| {
        if first_bad.is_none() {
            first_bad = Some(match at[1..].find(';').filter(|&k| k <= 12) {
                Some(k) => format!("undefined entity {}", &at[..k + 2]),
                None => format!("a bare '&' near {:?}", truncate(at, 20)),
            });
        }
    });
    first_bad.map_or(Ok(out), Err)
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((k, _)) => &s[..k],
        None => s,
    }
}

/// A date in an identifier: `APW19980206.1435` (8 digits, year first) or `ea980120.1830`
/// (6 digits, two-digit year).
fn date_in_id(id: &str) -> Option<jiff::civil::Date> {
    let bytes = id.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if !bytes[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        let run = &id[start..k];
        let found = match run.len() {
            8.. => compact_date(&run[..8]),
            6 => {
                let yy: i16 = run[..2].parse().ok()?;
                let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
                compact_date(&format!("{year}{}", &run[2..]))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `19980206` as a date (years 1900-2100).
fn compact_date(s: &str) -> Option<jiff::civil::Date> {
    let y: i16 = s.get(..4)?.parse().ok()?;
    let m: i8 = s.get(4..6)?.parse().ok()?;
    let d: i8 = s.get(6..8)?.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok()
}

/// Reads a TimeML document: the text of its `TEXT` element (of the whole document, less `DOCID`
/// and `DCT`, when there is none) with entities decoded and tags removed, the inline `TIMEX3`
/// elements as gold spans on it (empty, non-consuming ones are not in the text), and the
/// creation time from the `TIMEX3` marked `functionInDocument="CREATION_TIME"` (in `DCT` or
/// anywhere else), else a date in the `DCT` text, the `DOCID` (`APW19980206.1435`) or the file
/// name. The text is segmented by dyad's segmenter; every sentence is scored. `Err` says why the
/// file is not well-formed TimeML.
pub fn read_timeml(name: &str, xml: &str) -> Result<CatDocument, String> {
    struct Open {
        kind: String,
        value: String,
        start: usize,
        in_text: bool,
    }
    // Text inside TEXT elements, and text anywhere outside DOCID and DCT; spans are kept in
    // both and the first is used when the document has a TEXT element.
    let (mut text, mut all) = (String::new(), String::new());
    let mut spans: Vec<(usize, usize, usize, usize, bool, String, String)> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut open: Vec<(Open, usize)> = Vec::new();
    let (mut docid, mut dct_text) = (String::new(), String::new());
    let mut creation: Option<String> = None;
    let mut saw_root = false;
    let mut saw_text = false;
    let mut rest = xml.trim_start_matches('\u{feff}');
    let inside = |stack: &[String], n: &str| stack.iter().any(|s| s == n);
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if !rest.trim().is_empty() {
                return Err("text after the root element".into());
            }
            break;
        };
        // Character data before the next markup.
        let data = &rest[..lt];
        if !data.is_empty() {
            if stack.is_empty() {
                if !data.trim().is_empty() {
                    return Err("text outside the root element".into());
                }
            } else {
                let decoded = decode_entities(data)?;
                add_text(
                    &stack,
                    &decoded,
                    &mut text,
                    &mut all,
                    &mut docid,
                    &mut dct_text,
                );
            }
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("an unterminated comment")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or("an unterminated CDATA section")?;
            if !stack.is_empty() {
                add_text(
                    &stack,
                    &r[..end],
                    &mut text,
                    &mut all,
                    &mut docid,
                    &mut dct_text,
                );
            }
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("<?") {
            let end = r
                .find("?>")
                .ok_or("an unterminated processing instruction")?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A doctype, possibly with an internal subset in brackets.
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => r.find("]>").map(|k| k + 1),
                (_, g) => g,
            }
            .ok_or("an unterminated doctype")?;
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or("an unterminated end tag")?;
            let tag = r[..end].trim();
            match stack.pop() {
                Some(top) if top == tag => {}
                Some(top) => return Err(format!("</{tag}> closes <{top}>")),
                None => return Err(format!("</{tag}> without a start tag")),
            }
            if tag == "TIMEX3" {
                if let Some((o, all_start)) = open.pop() {
                    spans.push((
                        o.start,
                        text.len(),
                        all_start,
                        all.len(),
                        o.in_text,
                        o.kind,
                        o.value,
                    ));
                }
            }
            if is_block(tag) {
                break_block(&stack, &mut text, &mut all);
            }
            rest = &r[end + 1..];
        } else {
            let end = tag_end(rest).ok_or("an unterminated tag")?;
            let tag = parse_tag(&rest[1..end])?;
            rest = &rest[end + 1..];
            if !saw_root {
                if tag.name != "TimeML" {
                    return Err(format!("the root element is <{}>, not <TimeML>", tag.name));
                }
                saw_root = true;
            } else if stack.is_empty() {
                return Err(format!("<{}> after the root element", tag.name));
            }
            if tag.name == "TIMEX3" {
                let kind = tag.get("type").unwrap_or_default().to_string();
                let value = tag.get("value").unwrap_or_default().to_string();
                if tag.get("functionInDocument") == Some("CREATION_TIME") && creation.is_none() {
                    creation = Some(value.clone());
                }
                if !tag.empty {
                    open.push((
                        Open {
                            kind,
                            value,
                            start: text.len(),
                            in_text: inside(&stack, "TEXT"),
                        },
                        all.len(),
                    ));
                }
            }
            if tag.name == "TEXT" {
                saw_text = true;
            }
            if is_block(&tag.name) {
                break_block(&stack, &mut text, &mut all);
            }
            if !tag.empty {
                stack.push(tag.name);
            }
        }
    }
    if !saw_root {
        return Err("no <TimeML> root element".into());
    }
    if let Some(top) = stack.last() {
        return Err(format!("<{top}> is never closed"));
    }
    let creation = creation.filter(|v| creation_date(v).is_some()).or_else(|| {
        date_in_text(&dct_text)
            .or_else(|| date_in_id(docid.trim()))
            .or_else(|| {
                let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
                date_in_id(file)
            })
            .map(|d| d.to_string())
    });
    let body = if saw_text { &text } else { &all };
    let (sentences, tokens) = dyad_segment::segment_text(body);
    if tokens.is_empty() {
        return Err("no text".into());
    }
    let mut doc = CatDocument {
        name: name.to_string(),
        creation_time: creation,
        annotated_until: sentences.len().saturating_sub(1),
        ..Default::default()
    };
    for (k, s) in sentences.iter().enumerate() {
        for t in &tokens[s.token_range()] {
            doc.tokens
                .push((k, body[t.start as usize..t.end as usize].to_string()));
        }
    }
    for (ts, te, as_, ae, in_text, kind, value) in spans {
        let (start, end) = match (saw_text, in_text) {
            (true, true) => (ts, te),
            (true, false) => continue,
            (false, _) => (as_, ae),
        };
        let covered: Vec<usize> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| (t.start as usize) < end && (t.end as usize) > start)
            .map(|(k, _)| k)
            .collect();
        if !covered.is_empty() {
            doc.gold.push(Timex {
                tokens: covered,
                timex_type: kind,
                value,
            });
        }
    }
    Ok(doc)
}

/// Where a start tag ends (its `>`), skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (k, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(k),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Sentence and paragraph elements (`<s>`, `<p>`) in some TimeML corpora: their bounds are
/// sentence bounds.
fn is_block(name: &str) -> bool {
    matches!(name, "s" | "p" | "P" | "TITLE" | "HEADLINE")
}

/// Ends the current block with a blank line (a hard sentence boundary for the segmenter).
fn break_block(stack: &[String], text: &mut String, all: &mut String) {
    let in_text = stack.iter().any(|s| s == "TEXT");
    let in_meta = stack.iter().any(|s| s == "DOCID" || s == "DCT");
    for (buf, on) in [(text, in_text), (all, !in_meta)] {
        if on && !buf.is_empty() && !buf.ends_with("\n\n") {
            buf.push_str("\n\n");
        }
    }
}

fn add_text(
    stack: &[String],
    s: &str,
    text: &mut String,
    all: &mut String,
    docid: &mut String,
    dct: &mut String,
) {
    let has = |n: &str| stack.iter().any(|x| x == n);
    if has("DOCID") {
        docid.push_str(s);
    } else if has("DCT") {
        dct.push_str(s);
    } else {
        all.push_str(s);
        if has("TEXT") {
            text.push_str(s);
        }
    }
}

/// A date written in a creation-time line: `1998-02-06`, `19980206`, `02/06/1998`.
fn date_in_text(s: &str) -> Option<jiff::civil::Date> {
    for w in s.split(|c: char| c.is_whitespace() || c == ',') {
        if let Some(d) = creation_date(w) {
            return Some(d);
        }
        let parts: Vec<&str> = w.split('/').collect();
        if let [m, d, y] = parts[..] {
            let (Ok(m), Ok(d), Ok(y)) = (m.parse(), d.parse(), y.parse::<i16>()) else {
                continue;
            };
            let y = match y {
                0..=49 => 2000 + y,
                50..=99 => 1900 + y,
                _ => y,
            };
            if let Ok(d) = jiff::civil::Date::new(y, m, d) {
                return Some(d);
            }
        }
    }
    None
}

/// dyad's expressions for a CAT document, on its gold tokens.
pub fn predict(doc: &CatDocument) -> Vec<Timex> {
    let anchor = doc.anchor();
    let mut out = Vec::new();
    let mut start = 0;
    while start < doc.tokens.len() {
        let sentence = doc.tokens[start].0;
        if sentence > doc.annotated_until {
            break;
        }
        let end = doc.tokens[start..]
            .iter()
            .position(|t| t.0 != sentence)
            .map_or(doc.tokens.len(), |k| start + k);
        let lower: Vec<String> = doc.tokens[start..end]
            .iter()
            .map(|t| t.1.to_lowercase())
            .collect();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        let future = words.iter().any(|w| matches!(*w, "will" | "'ll" | "shall"));
        for f in dyad_time::find(&words, anchor, future) {
            out.push(Timex {
                tokens: (start + f.start..start + f.end).collect(),
                timex_type: match f.timex_type {
                    TimexType::Date => "DATE",
                    TimexType::Time => "TIME",
                    TimexType::Duration => "DURATION",
                    TimexType::Set => "SET",
                }
                .to_string(),
                value: f.value,
            });
        }
        start = end;
    }
    out
}

/// A creation time as MEANTIME and TimeML write it: `2008-03-01`, `2008-03-01T...`,
/// `20080301` or `03-02-2009` (day first).
fn creation_date(v: &str) -> Option<jiff::civil::Date> {
    if let Some(d) = v
        .get(..10)
        .and_then(|x| x.parse::<jiff::civil::Date>().ok())
    {
        return Some(d);
    }
    if v.len() >= 8 && v.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        return compact_date(&v[..8]);
    }
    let mut it = v.get(..10)?.split('-');
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        (1000.0 * a as f64 / b as f64).round() / 10.0
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        (10.0 * 2.0 * p * r / (p + r)).round() / 10.0
    }
}

/// One disagreement with the gold file, for [`evaluate_with_errors`]'s listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexError {
    /// `missed`: a gold expression no prediction overlaps; `extra`: a prediction no gold
    /// expression overlaps; `value`: overlapping, with another value (or type).
    pub kind: &'static str,
    pub document: String,
    /// The tokens of the gold expression (the predicted one for `extra`), joined by spaces.
    pub text: String,
    pub gold_type: Option<String>,
    pub gold_value: Option<String>,
    pub predicted_text: Option<String>,
    pub predicted_type: Option<String>,
    pub predicted_value: Option<String>,
}

fn words(d: &CatDocument, t: &Timex) -> String {
    let w: Vec<&str> = t
        .tokens
        .iter()
        .filter_map(|&i| d.tokens.get(i).map(|(_, w)| w.as_str()))
        .collect();
    w.join(" ")
}

/// Scores dyad against the gold expressions of the documents.
pub fn evaluate(docs: &[CatDocument]) -> TimexScores {
    evaluate_with_errors(docs).0
}

/// [`evaluate`], also listing every disagreement ([`TimexError`]) in document order.
pub fn evaluate_with_errors(docs: &[CatDocument]) -> (TimexScores, Vec<TimexError>) {
    let (mut gold, mut predicted, mut strict, mut relaxed_gold, mut relaxed_pred) = (0, 0, 0, 0, 0);
    let (mut type_ok, mut value_ok) = (0, 0);
    let mut listing = Vec::new();
    let overlaps = |a: &Timex, b: &Timex| a.tokens.iter().any(|t| b.tokens.contains(t));
    for d in docs {
        let pred = predict(d);
        gold += d.gold.len();
        predicted += pred.len();
        let entry = |kind, t: &Timex| TimexError {
            kind,
            document: d.name.clone(),
            text: words(d, t),
            gold_type: None,
            gold_value: None,
            predicted_text: None,
            predicted_type: None,
            predicted_value: None,
        };
        for g in &d.gold {
            if pred.iter().any(|p| p.tokens == g.tokens) {
                strict += 1;
            }
            let mut e = entry("missed", g);
            e.gold_type = Some(g.timex_type.clone());
            e.gold_value = Some(g.value.clone());
            if let Some(p) = pred.iter().find(|p| overlaps(p, g)) {
                relaxed_gold += 1;
                type_ok += usize::from(p.timex_type == g.timex_type);
                value_ok += usize::from(p.value == g.value);
                if p.value == g.value && p.timex_type == g.timex_type {
                    continue;
                }
                e.kind = "value";
                e.predicted_text = Some(words(d, p));
                e.predicted_type = Some(p.timex_type.clone());
                e.predicted_value = Some(p.value.clone());
            }
            listing.push(e);
        }
        for p in &pred {
            if d.gold.iter().any(|g| overlaps(p, g)) {
                relaxed_pred += 1;
            } else {
                let mut e = entry("extra", p);
                e.predicted_text = Some(e.text.clone());
                e.predicted_type = Some(p.timex_type.clone());
                e.predicted_value = Some(p.value.clone());
                listing.push(e);
            }
        }
    }
    let sp = pct(strict, predicted);
    let sr = pct(strict, gold);
    let rp = pct(relaxed_pred, predicted);
    let rr = pct(relaxed_gold, gold);
    let vp = pct(value_ok, predicted);
    let vr = pct(value_ok, gold);
    let scores = TimexScores {
        documents: docs.len(),
        unanchored: docs.iter().filter(|d| d.anchor().is_none()).count(),
        gold,
        predicted,
        strict_f1: f1(sp, sr),
        relaxed_precision: rp,
        relaxed_recall: rr,
        relaxed_f1: f1(rp, rr),
        type_accuracy: pct(type_ok, relaxed_gold),
        value_accuracy: pct(value_ok, relaxed_gold),
        value_f1: f1(vp, vr),
    };
    (scores, listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?><Document doc_id="1">
<token number="0" sentence="0" t_id="1">March</token>
<token number="1" sentence="0" t_id="2">01</token>
<token number="2" sentence="0" t_id="3">,</token>
<token number="3" sentence="0" t_id="4">2008</token>
<token number="4" sentence="1" t_id="5">Talks</token>
<token number="5" sentence="1" t_id="6">ended</token>
<token number="6" sentence="1" t_id="7">on</token>
<token number="7" sentence="1" t_id="8">Friday</token>
<token number="8" sentence="1" t_id="9">after</token>
<token number="9" sentence="1" t_id="10">three</token>
<token number="10" sentence="1" t_id="11">weeks</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-01">
<token_anchor t_id="1"/>
<token_anchor t_id="2"/>
<token_anchor t_id="3"/>
<token_anchor t_id="4"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2008-02-29">
<token_anchor t_id="7"/>
<token_anchor t_id="8"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DURATION" value="P3W">
<token_anchor t_id="10"/>
<token_anchor t_id="11"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="2058" functionInDocument="NONE" m_id="4" type="DATE" value="2058"/>
</Markables>
</Document>"#;

    #[test]
    fn reads_cat_and_scores() {
        let d = read_cat("t", DOC).expect("reads");
        assert_eq!(d.tokens.len(), 11);
        assert_eq!(d.creation_time.as_deref(), Some("2008-03-01"));
        assert_eq!(
            d.gold.len(),
            3,
            "a markable without tokens is not in the text"
        );
        let s = evaluate(&[d]);
        assert_eq!(s.gold, 3);
        // "March 01, 2008" and "three weeks" found exactly; "Friday" relaxed only (gold
        // includes "on"), with the right value.
        assert_eq!(s.predicted, 3);
        assert_eq!(s.relaxed_recall, 100.0);
        assert_eq!(s.relaxed_precision, 100.0);
        assert_eq!(s.value_accuracy, 100.0);
        assert!(s.strict_f1 > 0.0 && s.strict_f1 < s.relaxed_f1);
    }

    #[test]
    fn lists_disagreements() {
        let d = read_cat("t", DOC).expect("reads");
        let (s, listing) = evaluate_with_errors(std::slice::from_ref(&d));
        assert_eq!(s.value_accuracy, 100.0);
        assert!(listing.is_empty(), "{listing:?}");
        // A wrong gold value and a gold expression dyad cannot find.
        let mut d2 = d.clone();
        d2.gold[1].value = "2008-02-22".into();
        d2.gold.push(Timex {
            tokens: vec![4],
            timex_type: "DATE".into(),
            value: "XXXX".into(),
        });
        let (_, listing) = evaluate_with_errors(&[d2]);
        let kinds: Vec<_> = listing.iter().map(|e| (e.kind, e.text.as_str())).collect();
        assert_eq!(kinds, [("value", "on Friday"), ("missed", "Talks")]);
        assert_eq!(listing[0].predicted_value.as_deref(), Some("2008-02-29"));
        assert_eq!(listing[0].gold_value.as_deref(), Some("2008-02-22"));
        // A prediction the gold does not have.
        let mut d3 = d.clone();
        d3.gold.truncate(1);
        let (_, listing) = evaluate_with_errors(&[d3]);
        assert!(listing.iter().all(|e| e.kind == "extra"), "{listing:?}");
        assert_eq!(listing.len(), 2);
    }

    #[test]
    fn cross_document_mentions_do_not_widen_the_scored_sentences() {
        // The cross-document layer adds mentions with an `m_id` only, through whole articles
        // (sometimes on the line of another element): they do not make a sentence annotated.
        let extra = r#"<token number="11" sentence="2" t_id="12">Rain</token>
<token number="12" sentence="2" t_id="13">fell</token>
<token number="13" sentence="2" t_id="14">Sunday</token>
<Markables>
<ENTITY TAG_DESCRIPTOR="x" m_id="9"/><EVENT_MENTION m_id="10">
  <token_anchor t_id="13"/>
</EVENT_MENTION>
<EVENT_MENTION m_id="11">
  <token_anchor t_id="12"/>
</EVENT_MENTION>"#;
        let xml = DOC.replacen("<Markables>", extra, 1);
        let d = read_cat("t", &xml).expect("reads");
        assert_eq!(d.annotated_until, 1);
        assert_eq!(evaluate(&[d]).predicted, 3, "\"Sunday\" is not scored");
    }

    #[test]
    fn a_file_without_tokens_is_an_error() {
        assert!(read_cat("empty", "<Document></Document>").is_err());
    }

    /// A TimeML document written for this test: creation time in DCT, an EVENT, an entity
    /// before the second expression, links after the text.
    const TML: &str = r#"<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>XYZ19990310.0042</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1999-03-10" temporalFunction="false" functionInDocument="CREATION_TIME">03/10/1999</TIMEX3></DCT>
<TITLE>Harbor cranes move again</TITLE>
<TEXT>
The dock workers' union <EVENT eid="e1" class="OCCURRENCE">ended</EVENT> its strike <TIMEX3 tid="t1" type="DATE" value="1999-03-08">Monday</TIMEX3>.

Crane maker Ward &amp; Reyes said its machines had stood idle for <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.
<TIMEX3 tid="t3" type="DURATION" value="P1W" anchorTimeID="t1"/>
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"#;

    fn gold_words(d: &CatDocument) -> Vec<(String, String, String)> {
        d.gold
            .iter()
            .map(|g| {
                let words: Vec<&str> = g.tokens.iter().map(|&t| d.tokens[t].1.as_str()).collect();
                (words.join(" "), g.timex_type.clone(), g.value.clone())
            })
            .collect()
    }

    #[test]
    fn reads_timeml_and_scores() {
        let d = read_gold("doc.tml", TML).expect("reads");
        assert_eq!(d.creation_time.as_deref(), Some("1999-03-10"));
        // Only TEXT is scored: the title and the creation time line are not.
        assert_eq!(d.tokens[0].1, "The");
        assert!(d.tokens.iter().any(|t| t.1 == "&"), "the entity is decoded");
        assert_eq!(d.annotated_until, d.tokens.last().map_or(0, |t| t.0));
        assert!(d.annotated_until >= 1, "two sentences");
        assert_eq!(
            gold_words(&d),
            vec![
                ("Monday".into(), "DATE".into(), "1999-03-08".into()),
                ("three weeks".into(), "DURATION".into(), "P3W".into()),
            ],
            "spans land on the right tokens after the entity; the empty TIMEX3 is not in the text"
        );
        let s = evaluate(&[d]);
        assert_eq!((s.gold, s.predicted), (2, 2));
        assert_eq!(s.strict_f1, 100.0);
        assert_eq!(s.relaxed_f1, 100.0);
        assert_eq!(s.type_accuracy, 100.0);
        assert_eq!(s.value_accuracy, 100.0);
        assert_eq!(s.unanchored, 0);
        // The same document as .xml is recognized by its root.
        assert_eq!(read_gold("doc.xml", TML).expect("reads").gold.len(), 2);
    }

    #[test]
    fn timeml_without_a_creation_time() {
        // The date of the DOCID stands in: 2001-04-15 was a Sunday.
        let xml = r#"<TimeML><DOCID>ABC20010415.1200</DOCID><DCT></DCT><TEXT>Officials met <TIMEX3 tid="t1" type="DATE" value="2001-04-13">Friday</TIMEX3> in the port.</TEXT></TimeML>"#;
        let d = read_timeml("x.tml", xml).expect("reads");
        assert_eq!(d.creation_time.as_deref(), Some("2001-04-15"));
        assert_eq!(evaluate(&[d]).value_accuracy, 100.0);
        // No DCT, no date in the DOCID or the file name: spans are scored, values normalized
        // without an anchor; a document without TEXT is read whole.
        let xml = r#"<TimeML><DOCID>plain</DOCID>Ferries ran <TIMEX3 tid="t1" type="DATE" value="XXXX-XX-XX">Friday</TIMEX3> as they did in <TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>.</TimeML>"#;
        let d = read_timeml("plain.tml", xml).expect("reads");
        assert_eq!(d.creation_time, None);
        assert_eq!(d.gold.len(), 2);
        let s = evaluate(&[d]);
        assert_eq!(s.relaxed_f1, 100.0);
        assert_eq!(s.value_accuracy, 100.0);
        assert_eq!(s.unanchored, 1);
        // A six-digit date in a file name: ea980120.1830.0071.tml.
        let xml = r#"<TimeML><TEXT>Rain fell <TIMEX3 tid="t1" type="DATE" value="1998-01-19">yesterday</TIMEX3>.</TEXT></TimeML>"#;
        let d = read_timeml("dir/ea980120.1830.0071.tml", xml).expect("reads");
        assert_eq!(d.creation_time.as_deref(), Some("1998-01-20"));
        assert_eq!(evaluate(&[d]).value_accuracy, 100.0);
    }

    #[test]
    fn malformed_timeml_is_an_error() {
        let bad = [
            r#"<TimeML><TEXT>In <TIMEX3 type="DATE" value="1999">1999</TEXT></TimeML>"#,
            r#"<TimeML><TEXT>Ward & Reyes</TEXT></TimeML>"#,
            r#"<TimeML><TEXT>An &nbsp; entity</TEXT></TimeML>"#,
            r#"<TimeML><TEXT>Unclosed</TEXT>"#,
            r#"<TimeML><TEXT>A <TIMEX3 type="DATE value="1999">1999</TIMEX3></TEXT></TimeML>"#,
            r#"<TimeML><TEXT></TEXT></TimeML>"#,
            r#"<Document><token t_id="1" sentence="0">x</token></Document>"#,
        ];
        for xml in bad {
            assert!(read_timeml("bad.tml", xml).is_err(), "{xml}");
        }
        assert!(
            read_gold("bad.tml", bad[6]).is_err(),
            "a .tml file must be TimeML"
        );
    }
}
