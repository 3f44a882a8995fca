//! `POST /api/articles`: posted JSON articles → the pipeline → the store.
//!
//! The body is one article object or an array of them, with the fields `dyad code` reads from
//! JSON Lines (`id`, `title`, `url`, `outlet`, `published`, `text`, and their aliases; see
//! docs/input.md): each object is handed, as one line, to `dyad_read`'s JSON Lines reader, so
//! both read articles the same way. What that reader would skip (no `text`) or keep without a
//! date (a `published` it cannot read) is a 400 here, naming the article.

use std::io::Cursor;

use dyad_doc::{Article, Document, Event};
use dyad_read::{Format, Item, ReadOptions, Reader, Severity};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::{lock, App};

/// The articles in a request body, in order.
pub fn parse(body: &[u8]) -> Result<Vec<Article>, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    let (items, many) = match value {
        Value::Array(items) => (items, true),
        v @ Value::Object(_) => (vec![v], false),
        _ => {
            return Err(ApiError::bad_request(
                "expected an article object ({\"text\": ...}) or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad_request(
            "the array holds no article: post at least one",
        ));
    }
    let name = |i: usize| {
        if many {
            format!("article {} (of {})", i + 1, items.len())
        } else {
            "the article".to_string()
        }
    };
    let mut lines = Vec::with_capacity(body.len() + items.len());
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(ApiError::bad_request(format!(
                "{}: expected a JSON object with a \"text\" field",
                name(i)
            )));
        }
        // `Value` prints on one line: control characters in strings are escaped.
        serde_json::to_writer(&mut lines, item).map_err(|_| ApiError::internal())?;
        lines.push(b'\n');
    }
    let opts = ReadOptions {
        published: None,
        max_article_bytes: dyad_read::DEFAULT_MAX_ARTICLE_BYTES,
        format: Some(Format::Jsonl),
    };
    let reader = Reader::new(
        "request",
        Box::new(Cursor::new(lines)),
        &opts,
        Some(Format::Jsonl),
    );
    let mut articles = Vec::with_capacity(items.len());
    for item in reader {
        match item {
            Item::Article(a) => {
                if a.text.trim().is_empty() {
                    return Err(ApiError::bad_request(format!(
                        "{}: \"text\" is empty",
                        name(articles.len())
                    )));
                }
                articles.push(*a);
            }
            Item::Problem(p) => {
                let i = p
                    .line
                    .map_or(articles.len(), |l| l.saturating_sub(1) as usize);
                let message = match p.severity {
                    // A warning is a repair (an unreadable date dropped): refuse instead.
                    Severity::Warning => p
                        .message
                        .trim_end_matches("; the article is kept without a date")
                        .to_string(),
                    Severity::Error => p.message,
                };
                return Err(ApiError::bad_request(format!("{}: {message}", name(i))));
            }
        }
    }
    Ok(articles)
}

/// Codes the articles and stores them: articles whose text is already stored are passed over
/// (before the pipeline, and again under the writer's lock), the others coded in parallel
/// outside the lock and written in one transaction. The response body.
pub fn ingest(app: &App, articles: Vec<Article>) -> Result<Value, ApiError> {
    let hashes: Vec<String> = articles
        .iter()
        .map(|a| dyad_store::content_hash(&a.text))
        .collect();
    let stored = {
        let reader = app.readers.take().map_err(|e| app.store_error(e))?;
        let stored: Vec<bool> = hashes.iter().map(|h| reader.contains_hash(h)).collect();
        app.readers.put(reader);
        stored
    };
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let new: Vec<Article> = articles
        .into_iter()
        .zip(&stored)
        .filter(|(_, s)| !**s)
        .map(|(a, _)| a)
        .collect();
    let mut docs: std::collections::VecDeque<Document> = app.pipeline.process_batch(new).into();

    // Under the lock: re-check, so that what is reported is exactly what was written.
    let mut writer = lock(&app.writer);
    let mut seen = std::collections::HashSet::new();
    let mut batch: Vec<Document> = Vec::new();
    let mut report = Vec::with_capacity(ids.len());
    for ((id, hash), was_stored) in ids.iter().zip(&hashes).zip(stored) {
        let doc = if was_stored { None } else { docs.pop_front() };
        let added = match doc {
            Some(d) if seen.insert(hash.clone()) && !writer.contains_hash(hash) => {
                let n = d.events.len();
                batch.push(d);
                Some(n)
            }
            _ => None,
        };
        report.push((id.clone(), added));
    }
    let stats = writer.ingest(&batch).map_err(|e| app.store_error(e))?;
    drop(writer);

    let events: Vec<&Event> = batch.iter().flat_map(|d| &d.events).collect();
    let articles: Vec<Value> = report
        .into_iter()
        .map(|(id, added)| match added {
            Some(n) => json!({ "id": id, "status": "added", "events": n }),
            None => json!({ "id": id, "status": "already_stored", "events": 0 }),
        })
        .collect();
    Ok(json!({
        "articles_added": stats.articles_added,
        "already_stored": articles.len() as u64 - stats.articles_added,
        "events_added": stats.events_added,
        "articles": articles,
        "events": events,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        parse(body.as_bytes()).unwrap_err().message
    }

    #[test]
    fn one_article_or_many() {
        let one = parse(br#"{"id":"x","text":"Hello.","published":"2024-02-03","outlet":"Wire"}"#)
            .unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, "x");
        assert_eq!(one[0].outlet.as_deref(), Some("Wire"));
        assert_eq!(one[0].published.unwrap().to_string(), "2024-02-03");
        let many = parse(br#"[{"text":"A.\nB."},{"id":7,"title":"T","text":"C."}]"#).unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(many[0].text, "A.\nB.");
        assert_eq!(many[0].id.len(), 16, "an id is made when none is given");
        assert_eq!(many[1].id, "7");
    }

    #[test]
    fn problems_name_the_article() {
        assert!(err("{nope").contains("not valid JSON"));
        assert!(err("42").contains("expected an article object"));
        assert!(err("[]").contains("no article"));
        assert!(err(r#"{"title":"x"}"#).contains("the article: no \"text\" field"));
        assert!(err(r#"[{"text":"a"},{"title":"x"}]"#).starts_with("article 2 (of 2): no \"text\""));
        assert!(err(r#"[{"text":"a"}, 3]"#).starts_with("article 2 (of 2): expected a JSON object"));
        let bad_date = err(r#"[{"text":"a","published":"someday"}]"#);
        assert!(
            bad_date.starts_with("article 1 (of 1): cannot read publication date \"someday\""),
            "{bad_date}"
        );
        assert!(!bad_date.contains("kept without"), "{bad_date}");
        assert!(err(r#"{"text":"  "}"#).contains("\"text\" is empty"));
    }
}
