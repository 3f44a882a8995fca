//! The document: an article plus every layer the pipeline stages add to it.
//!
//! **Offsets.** Every `start`/`end` in this module is a UTF-8 *byte* offset into
//! [`Document::text`] (the cleaned text), half-open (`start..end`), and always on a char boundary.
//! [`OffsetMap`] maps a cleaned-text offset back to a byte offset in [`Article::text`] (the raw text).

use serde::{Deserialize, Serialize};

use crate::layers::{ActorMention, PlaceMention, TimeMention};
use crate::{Article, Event};

/// One article moving through the pipeline. Stages read it and add their layer; none re-reads the
/// raw input. Layers a stage has not filled are empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub article: Article,
    /// Cleaned text: paragraphs separated by a blank line (`"\n\n"`), lines inside a paragraph by
    /// `"\n"`. Filled by the clean stage.
    pub text: String,
    /// Maps cleaned-text offsets back to the raw text.
    pub offsets: OffsetMap,
    /// Paragraphs of the cleaned text, in order.
    pub paragraphs: Vec<Paragraph>,
    /// What the cleaner removed from the raw text, and why.
    pub removed: Vec<Removal>,
    /// The dateline ("NIAMEY, Niger (AP) —") the cleaner moved out of the body, if any.
    pub dateline: Option<Dateline>,
    /// Sentences, in text order, each owning a contiguous run of `tokens`.
    pub sentences: Vec<Sentence>,
    /// Tokens (UD syntactic words) of the whole document, in text order.
    pub tokens: Vec<Token>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeMention>,
    pub events: Vec<Event>,
    /// Problems a stage met but worked around ("caption could not be separated", ...).
    pub warnings: Vec<String>,
}

impl Default for Article {
    fn default() -> Self {
        Article::new("", "")
    }
}

impl Document {
    /// A document that has not been cleaned yet.
    pub fn new(article: Article) -> Self {
        Document {
            article,
            ..Default::default()
        }
    }

    /// The outlet: the article's own metadata first, else what the dateline named.
    pub fn outlet(&self) -> Option<&str> {
        self.article
            .outlet
            .as_deref()
            .or_else(|| self.dateline.as_ref().and_then(|d| d.outlet.as_deref()))
    }

    /// Text of a span of the cleaned text ("" if the span is out of range).
    pub fn span_text(&self, start: u32, end: u32) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Text of a token.
    pub fn token_text(&self, t: &Token) -> &str {
        self.span_text(t.start, t.end)
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        self.tokens
            .get(s.token_start as usize..s.token_end as usize)
            .unwrap_or(&[])
    }

    /// Text of one sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        self.span_text(s.start, s.end)
    }
}

/// What kind of text a paragraph holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// The headline (kept once, however often the source repeated it).
    Headline,
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: u32,
    pub end: u32,
    pub kind: ParagraphKind,
}

/// A sentence: a byte span of the cleaned text and the half-open range of its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub token_start: u32,
    pub token_end: u32,
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.token_start as usize..self.token_end as usize
    }
    pub fn len(&self) -> usize {
        (self.token_end - self.token_start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.token_end == self.token_start
    }
}

/// A token: a UD syntactic word, always a substring of the cleaned text (`Russia's` is the two
/// tokens `Russia` and `'s`; `don't` is `do` and `n't`).
///
/// The syntax fields are empty until the parse stage fills them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// True when this token was split off the previous one inside one orthographic word
    /// (`'s`, `n't`, `'ll`, the `not` of `cannot`): together they form a multiword token.
    #[serde(default, skip_serializing_if = "is_false")]
    pub clitic: bool,
    /// Universal part of speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<String>,
    /// Penn Treebank tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xpos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
    /// Head as in CoNLL-U: 1-based index within the sentence, 0 for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<u32>,
    /// UD v2 dependency relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Token {
    pub fn new(start: u32, end: u32) -> Self {
        Token {
            start,
            end,
            ..Default::default()
        }
    }
}

/// Why the cleaner removed a piece of the raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// A repeat of a headline line already kept.
    RepeatedHeadline,
    /// A line that repeats an earlier body line word for word.
    RepeatedLine,
    /// Share/subscribe/"Read more"/copyright/cookie and similar page furniture.
    Boilerplate,
    /// A dateline moved into metadata.
    Dateline,
    /// A photo caption (a line of its own, or fused into a body sentence).
    Caption,
    /// Markup left over from scraping (HTML tags, entities that cannot be decoded).
    Markup,
}

/// One piece of the raw text that is not in the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Byte span in the raw text ([`Article::text`]).
    pub raw_start: u32,
    pub raw_end: u32,
    pub reason: RemovalReason,
    /// The removed text.
    pub text: String,
    /// Which cleaning rule fired, for tracing.
    pub rule: String,
}

/// A dateline such as `NIAMEY, Niger (AP) —`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline as written.
    pub text: String,
    /// The place as written ("NIAMEY, Niger").
    pub place: String,
    /// The agency in parentheses, expanded where known ("AP" → "Associated Press").
    pub outlet: Option<String>,
}

/// Maps byte offsets of the cleaned text back to the raw text.
///
/// The cleaned text is assembled from copied pieces of the raw text and a few inserted separators
/// (newlines between kept lines). Each copied piece is one entry; an offset inside an inserted
/// separator maps to the raw offset just after the previous piece.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    /// `(clean_start, raw_start, len)`, sorted by `clean_start`, non-overlapping.
    pub pieces: Vec<(u32, u32, u32)>,
}

impl OffsetMap {
    /// Record that `len` bytes at `raw_start` were copied to `clean_start`.
    pub fn push(&mut self, clean_start: u32, raw_start: u32, len: u32) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.0 + last.2 == clean_start && last.1 + last.2 == raw_start {
                last.2 += len;
                return;
            }
        }
        self.pieces.push((clean_start, raw_start, len));
    }

    /// The raw-text byte offset for a cleaned-text byte offset.
    pub fn to_raw(&self, clean: u32) -> u32 {
        let i = self.pieces.partition_point(|p| p.0 <= clean);
        if i == 0 {
            return self.pieces.first().map(|p| p.1).unwrap_or(0);
        }
        let (cs, rs, len) = self.pieces[i - 1];
        if clean < cs + len {
            rs + (clean - cs)
        } else {
            rs + len
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_maps_inside_pieces_and_gaps() {
        let mut m = OffsetMap::default();
        // raw: "AAAA\n\nxx\nBBB" ; clean: "AAAA\n\nBBB"
        m.push(0, 0, 4);
        m.push(6, 9, 3);
        assert_eq!(m.to_raw(0), 0);
        assert_eq!(m.to_raw(3), 3);
        assert_eq!(m.to_raw(4), 4); // separator maps after the previous piece
        assert_eq!(m.to_raw(5), 4);
        assert_eq!(m.to_raw(6), 9);
        assert_eq!(m.to_raw(8), 11);
        assert_eq!(m.to_raw(9), 12);
    }

    #[test]
    fn offset_map_merges_adjacent_pieces() {
        let mut m = OffsetMap::default();
        m.push(0, 10, 3);
        m.push(3, 13, 2);
        m.push(5, 20, 0);
        assert_eq!(m.pieces, vec![(0, 10, 5)]);
    }

    #[test]
    fn outlet_prefers_metadata_over_dateline() {
        let mut d = Document::new(Article::new("a", "t"));
        d.dateline = Some(Dateline {
            text: "X (AP) —".into(),
            place: "X".into(),
            outlet: Some("Associated Press".into()),
        });
        assert_eq!(d.outlet(), Some("Associated Press"));
        d.article.outlet = Some("VOA".into());
        assert_eq!(d.outlet(), Some("VOA"));
    }
}
