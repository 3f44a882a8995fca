//! The inspection view of a document: what `dyad annotate` prints, one JSON object per document
//! (the counterpart of spaCy's `doc.to_json()`). Documented in `docs/annotate.md`.

use serde::Serialize;

use crate::{
    ActorMention, Dateline, Document, Event, Paragraph, PlaceMention, Published, Removal,
    TimeMention,
};

#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub title: Option<&'a str>,
    pub published: Option<Published>,
    pub dateline: Option<&'a Dateline>,
    pub cleaned_text: &'a str,
    pub removed: &'a [Removal],
    pub paragraphs: &'a [Paragraph],
    pub sentences: Vec<SentenceView<'a>>,
    pub actors: &'a [ActorMention],
    pub places: &'a [PlaceMention],
    pub times: &'a [TimeMention],
    pub events: &'a [Event],
    pub warnings: &'a [String],
}

#[derive(Serialize)]
pub struct SentenceView<'a> {
    pub index: usize,
    pub start: u32,
    pub end: u32,
    /// The sentence's span in the raw text.
    pub raw_start: u32,
    pub raw_end: u32,
    pub text: &'a str,
    pub tokens: Vec<TokenView<'a>>,
}

#[derive(Serialize)]
pub struct TokenView<'a> {
    /// 1-based position in the sentence, as in CoNLL-U (heads refer to it).
    pub id: usize,
    pub text: &'a str,
    pub start: u32,
    pub end: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub clitic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upos: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xpos: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lemma: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprel: Option<&'a str>,
}

impl Document {
    /// The inspection view of this document.
    pub fn view(&self) -> DocumentView<'_> {
        let sentences = self
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceView {
                index: i,
                start: s.start,
                end: s.end,
                raw_start: self.offsets.to_raw(s.start),
                raw_end: self.offsets.to_raw(s.end.saturating_sub(1)) + 1,
                text: self.sentence_text(s),
                tokens: self
                    .sentence_tokens(s)
                    .iter()
                    .enumerate()
                    .map(|(j, t)| TokenView {
                        id: j + 1,
                        text: self.token_text(t),
                        start: t.start,
                        end: t.end,
                        clitic: t.clitic,
                        upos: t.upos.as_deref(),
                        xpos: t.xpos.as_deref(),
                        lemma: t.lemma.as_deref(),
                        head: t.head,
                        deprel: t.deprel.as_deref(),
                    })
                    .collect(),
            })
            .collect();
        DocumentView {
            id: &self.article.id,
            url: self.article.url.as_deref(),
            outlet: self.outlet(),
            title: self.article.title.as_deref(),
            published: self.article.published,
            dateline: self.dateline.as_ref(),
            cleaned_text: &self.text,
            removed: &self.removed,
            paragraphs: &self.paragraphs,
            sentences,
            actors: &self.actors,
            places: &self.places,
            times: &self.times,
            events: &self.events,
            warnings: &self.warnings,
        }
    }

    /// The inspection view as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.view()).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Article, Document, Sentence, Token};

    #[test]
    fn view_carries_text_offsets_and_raw_spans() {
        let mut d = Document::new(Article::new("a", "  Hi there."));
        d.text = "Hi there.".into();
        d.offsets.push(0, 2, 9);
        d.tokens = vec![Token::new(0, 2), Token::new(3, 8), Token::new(8, 9)];
        d.sentences = vec![Sentence {
            start: 0,
            end: 9,
            token_start: 0,
            token_end: 3,
        }];
        let j = d.to_json();
        assert_eq!(j["cleaned_text"], "Hi there.");
        let s = &j["sentences"][0];
        assert_eq!(s["raw_start"], 2);
        assert_eq!(s["raw_end"], 11);
        assert_eq!(s["tokens"][1]["text"], "there");
        assert_eq!(s["tokens"][1]["id"], 2);
        assert!(s["tokens"][1].get("upos").is_none());
    }
}
