//! Scoring time expressions against MEANTIME's CAT XML (NewsReader): tokens with ids and
//! sentence numbers, `TIMEX3` markables anchored to token ids, the document creation time
//! marked `functionInDocument="CREATION_TIME"`. dyad's time recognizer runs on the gold tokens
//! of each sentence with the creation time as publication date; spans are compared as token
//! sets (strict: the same tokens; relaxed: any overlap), then type and value on the relaxed
//! matches, as in TempEval-3.

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
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
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
    for line in xml.lines() {
        let line = line.trim();
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
                    doc.annotated_until = doc.annotated_until.max(doc.tokens[p].0);
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

/// dyad's expressions for a CAT document, on its gold tokens.
pub fn predict(doc: &CatDocument) -> Vec<Timex> {
    let anchor = doc.creation_time.as_deref().and_then(creation_date);
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

/// A creation time as MEANTIME writes it: `2008-03-01`, `2008-03-01T...` or `03-02-2009`
/// (day first).
fn creation_date(v: &str) -> Option<jiff::civil::Date> {
    if let Some(d) = v
        .get(..10)
        .and_then(|x| x.parse::<jiff::civil::Date>().ok())
    {
        return Some(d);
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

/// Scores dyad against the gold expressions of the documents.
pub fn evaluate(docs: &[CatDocument]) -> TimexScores {
    let (mut gold, mut predicted, mut strict, mut relaxed_gold, mut relaxed_pred) = (0, 0, 0, 0, 0);
    let (mut type_ok, mut value_ok) = (0, 0);
    for d in docs {
        let pred = predict(d);
        gold += d.gold.len();
        predicted += pred.len();
        for g in &d.gold {
            if pred.iter().any(|p| p.tokens == g.tokens) {
                strict += 1;
            }
            if let Some(p) = pred
                .iter()
                .find(|p| p.tokens.iter().any(|t| g.tokens.contains(t)))
            {
                relaxed_gold += 1;
                type_ok += usize::from(p.timex_type == g.timex_type);
                value_ok += usize::from(p.value == g.value);
            }
        }
        relaxed_pred += pred
            .iter()
            .filter(|p| {
                d.gold
                    .iter()
                    .any(|g| p.tokens.iter().any(|t| g.tokens.contains(t)))
            })
            .count();
    }
    let sp = pct(strict, predicted);
    let sr = pct(strict, gold);
    let rp = pct(relaxed_pred, predicted);
    let rr = pct(relaxed_gold, gold);
    let vp = pct(value_ok, predicted);
    let vr = pct(value_ok, gold);
    TimexScores {
        documents: docs.len(),
        gold,
        predicted,
        strict_f1: f1(sp, sr),
        relaxed_precision: rp,
        relaxed_recall: rr,
        relaxed_f1: f1(rp, rr),
        type_accuracy: pct(type_ok, relaxed_gold),
        value_accuracy: pct(value_ok, relaxed_gold),
        value_f1: f1(vp, vr),
    }
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
    fn a_file_without_tokens_is_an_error() {
        assert!(read_cat("empty", "<Document></Document>").is_err());
    }
}
