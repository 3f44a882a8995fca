//! PETRARCH's XML input: `<Sentence id=".." date="YYYYMMDD" source=".."><Text>..</Text>...`.
//!
//! Files in the wild are not always well-formed, so this is a tolerant scanner, not an XML
//! parser: it looks for `<Sentence` start tags, reads their attributes, and takes the `<Text>`
//! element inside. Anything else (`<Parse>`, comments, unknown elements) is ignored. Each
//! sentence becomes one article.

use dyad_doc::{Article, Published};
// The same entity rules as PETRARCH validation records: one decoder for both.
use dyad_dict::records::decode_entities;

/// One record found in the file, or a problem with its 1-based line.
pub enum Record {
    Article(Article, Vec<(usize, String)>),
    Problem(usize, String),
}

fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Attributes of a start tag body such as ` date = "20080804" id ="X"`.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            // Unquoted value: up to the next blank.
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            out.push((key, after[..end].to_string()));
            rest = &after[end..];
            continue;
        };
        let body = &after[1..];
        let end = body.find(q).unwrap_or(body.len());
        out.push((key, decode_entities(&body[..end])));
        rest = body.get(end + 1..).unwrap_or("");
    }
    out
}

/// Scan a PETRARCH XML file into records.
pub fn scan(text: &str, default_date: Option<Published>) -> Vec<Record> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find("<Sentence") {
        let start = pos + found;
        let after_name = start + "<Sentence".len();
        // `<Sentences>` is the container, not a record.
        if text[after_name..].starts_with(|c: char| c.is_alphanumeric()) {
            pos = after_name;
            continue;
        }
        let Some(gt) = text[after_name..].find('>') else {
            out.push(Record::Problem(
                line_of(text, start),
                "unterminated <Sentence tag".into(),
            ));
            break;
        };
        let tag_end = after_name + gt;
        let attrs = attributes(&text[after_name..tag_end]);
        let next = text[tag_end..]
            .find("<Sentence")
            .map(|i| tag_end + i)
            .unwrap_or(text.len());
        let end = text[tag_end..next]
            .find("</Sentence>")
            .map(|i| tag_end + i)
            .unwrap_or(next);
        let body = &text[tag_end + 1..end.max(tag_end + 1)];
        pos = end.max(tag_end + 1);
        let line = line_of(text, start);
        let get = |k: &str| {
            attrs
                .iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(t0) = body.find("<Text>") else {
            out.push(Record::Problem(
                line,
                "<Sentence> without a <Text> element; skipped".into(),
            ));
            continue;
        };
        let t_body = &body[t0 + "<Text>".len()..];
        let t_end = t_body.find("</Text>").unwrap_or(t_body.len());
        let sentence = decode_entities(t_body[..t_end].trim());
        let mut warnings = Vec::new();
        let published = match get("date") {
            Some(d) => match d.parse::<Published>() {
                Ok(p) => Some(p),
                Err(e) => {
                    warnings.push((line, format!("{e}; the sentence is kept without a date")));
                    default_date
                }
            },
            None => default_date,
        };
        let id = get("id").unwrap_or_else(|| crate::stable_id(None, None, &sentence));
        let article = Article {
            id,
            url: None,
            outlet: get("source"),
            title: None,
            published,
            text: sentence,
        };
        out.push(Record::Article(article, warnings));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences_leniently() {
        let xml = "<!-- c -->\n<Sentences>\n<Sentence date = \"20080804\" id =\"S1\" source = \"AFP\">\n<Text>\nRebels &amp; troops\nclashed.\n</Text>\n<Parse>(S x)</Parse>\n</Sentence>\n<Sentence id='S2' date='garbage'><Text>Talks &#8212; resumed.</Text>\n<Sentence id=\"S3\">no text here</Sentence>\n";
        let recs = scan(xml, None);
        assert_eq!(recs.len(), 3);
        match &recs[0] {
            Record::Article(a, w) => {
                assert_eq!(a.id, "S1");
                assert_eq!(a.text, "Rebels & troops\nclashed.");
                assert_eq!(a.published.unwrap().to_string(), "2008-08-04");
                assert_eq!(a.outlet.as_deref(), Some("AFP"));
                assert!(w.is_empty());
            }
            _ => panic!("expected an article"),
        }
        match &recs[1] {
            Record::Article(a, w) => {
                assert_eq!(a.text, "Talks \u{2014} resumed.");
                assert!(a.published.is_none());
                assert_eq!(w[0].0, 10);
            }
            _ => panic!("expected an article"),
        }
        match &recs[2] {
            Record::Problem(line, msg) => {
                assert_eq!(*line, 11);
                assert!(msg.contains("without a <Text>"));
            }
            _ => panic!("expected a problem"),
        }
    }
}
