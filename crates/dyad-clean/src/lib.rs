//! The clean stage: from the raw article text to the cleaned text every later stage reads.
//!
//! It works line by line on the raw text and
//! - keeps the headline once and drops its repeats (scraped pages often print it several times);
//! - drops page furniture (share/subscribe/"Read more"/copyright/cookie lines) and caption lines;
//! - drops a body line that repeats an earlier one word for word;
//! - moves a dateline (`NIAMEY, Niger (AP) —`) out of the body into [`Document::dateline`];
//! - splits off a photo caption fused into a body sentence where it can tell where the caption
//!   ends.
//!
//! Every removal is recorded in [`Document::removed`] with its raw span, reason and rule.
//! Kept text is copied verbatim (lines trimmed); paragraphs are separated by `"\n\n"` and lines
//! inside a paragraph by `"\n"`, and [`Document::offsets`] maps the result back to the raw text.

pub mod rules;

use std::collections::HashSet;

use dyad_doc::{Dateline, Document, Paragraph, ParagraphKind, Removal, RemovalReason};

/// Shortest line that the repeated-line rule considers: short lines ("Advertisement", "Photo")
/// repeat legitimately and are handled by other rules.
const MIN_REPEATED_LINE: usize = 40;

/// A trimmed, non-blank line of the raw text.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// A blank line (or the start of the text) comes before it.
    after_blank: bool,
}

fn lines(raw: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = true;
    let bytes = raw.as_bytes();
    let mut s = 0;
    while s <= raw.len() {
        let e = bytes[s..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map(|p| s + p)
            .unwrap_or(raw.len());
        let seg = &raw[s..e];
        let trimmed = seg.trim();
        if trimmed.is_empty() {
            blank = true;
        } else {
            let lead = seg.len() - seg.trim_start().len();
            out.push(Line {
                start: s + lead,
                end: s + lead + trimmed.len(),
                after_blank: blank,
            });
            blank = false;
        }
        if e >= raw.len() {
            break;
        }
        // "\r\n" is one break.
        s = if bytes[e] == b'\r' && bytes.get(e + 1) == Some(&b'\n') {
            e + 2
        } else {
            e + 1
        };
    }
    out
}

/// Builds the cleaned text and its offset map.
struct Builder<'a> {
    raw: &'a str,
    doc_text: String,
    offsets: dyad_doc::OffsetMap,
    paragraphs: Vec<Paragraph>,
    open: Option<(usize, ParagraphKind)>,
}

impl<'a> Builder<'a> {
    fn copy(&mut self, start: usize, end: usize) {
        let clean = self.doc_text.len();
        self.doc_text.push_str(&self.raw[start..end]);
        self.offsets
            .push(clean as u32, start as u32, (end - start) as u32);
    }

    fn close_paragraph(&mut self) {
        if let Some((start, kind)) = self.open.take() {
            let end = self.doc_text.trim_end().len().max(start);
            self.paragraphs.push(Paragraph {
                start: start as u32,
                end: end as u32,
                kind,
            });
        }
    }

    fn begin(&mut self, kind: ParagraphKind, new_paragraph: bool) {
        if new_paragraph || self.open.is_none() {
            self.close_paragraph();
            if !self.doc_text.is_empty() {
                self.doc_text.push_str("\n\n");
            }
            self.open = Some((self.doc_text.len(), kind));
        } else {
            self.doc_text.push('\n');
        }
    }
}

/// Run the clean stage: fills `text`, `offsets`, `paragraphs`, `removed`, `dateline`, and the
/// article title when the input had none.
pub fn clean(doc: &mut Document) {
    let raw = doc.article.text.as_str();
    let lines = lines(raw);
    let mut removed: Vec<Removal> = Vec::new();

    // The headline: the article's title, else the first line when it reads as one and more follows.
    let mut headline_key = doc.article.title.as_deref().map(rules::line_key);
    let mut detected_title = None;
    if headline_key.is_none() {
        if let Some(first) = lines.first() {
            let visible = rules::strip_tags(&raw[first.start..first.end]);
            let t = visible.as_ref();
            // A next line starting in lower case continues a wrapped sentence: not a headline.
            let continued = lines.get(1).is_some_and(|n| {
                !n.after_blank && raw[n.start..n.end].starts_with(char::is_lowercase)
            });
            if lines.len() > 1
                && !continued
                && rules::headline_like(t)
                && rules::boilerplate(t).is_none()
            {
                headline_key = Some(rules::line_key(t));
                detected_title = Some(t.to_string());
            }
        }
    }

    let mut b = Builder {
        raw,
        doc_text: String::with_capacity(raw.len()),
        offsets: Default::default(),
        paragraphs: Vec::new(),
        open: None,
    };
    let mut headline_kept = false;
    let mut seen_body: HashSet<String> = HashSet::new();
    let mut dateline: Option<Dateline> = None;
    let mut body_lines = 0usize;
    let mut prev_ends_paragraph = true;
    let mut removed_since_last = false;

    for line in &lines {
        // Rules judge the line as a reader sees it, without leftover HTML tags.
        let visible = rules::strip_tags(&raw[line.start..line.end]);
        let text = visible.as_ref();
        let key = rules::line_key(text);
        let is_headline = !key.is_empty() && headline_key.as_deref() == Some(key.as_str());
        if is_headline && !headline_kept {
            headline_kept = true;
            b.begin(ParagraphKind::Headline, true);
            copy_with_cuts(&mut b, line.start, line.end, false, &mut removed);
            b.close_paragraph();
            prev_ends_paragraph = true;
            continue;
        }
        // Whole-line removals, first matching rule wins.
        let whole_line = if key.is_empty() {
            Some((RemovalReason::Markup, "markup:no-words"))
        } else if is_headline {
            Some((RemovalReason::RepeatedHeadline, "headline:repeat"))
        } else if let Some(rule) = rules::boilerplate(text) {
            Some((RemovalReason::Boilerplate, rule))
        } else if let Some(rule) = rules::caption_line(text) {
            Some((RemovalReason::Caption, rule))
        } else if text.len() >= MIN_REPEATED_LINE && !seen_body.insert(key) {
            Some((RemovalReason::RepeatedLine, "line:repeat"))
        } else {
            None
        };
        if let Some((reason, rule)) = whole_line {
            record(&mut removed, raw, line.start, line.end, reason, rule);
            removed_since_last = true;
            continue;
        }

        // A body line: maybe a dateline at its start, maybe a fused caption inside.
        let mut start = line.start;
        if body_lines == 0 && dateline.is_none() {
            if let Some(d) = rules::dateline(&raw[line.start..line.end]) {
                let outlet = d.agency.as_deref().map(|a| {
                    rules::agency_name(a)
                        .map(str::to_string)
                        .unwrap_or(a.to_string())
                });
                record(
                    &mut removed,
                    raw,
                    line.start,
                    line.start + d.len,
                    RemovalReason::Dateline,
                    "dateline",
                );
                dateline = Some(Dateline {
                    text: d.text,
                    place: d.place,
                    outlet,
                });
                start = line.start + d.len;
            }
        }
        body_lines += 1;
        if start >= line.end {
            continue;
        }
        let new_par = line.after_blank || prev_ends_paragraph || removed_since_last;
        b.begin(ParagraphKind::Body, new_par);
        copy_with_cuts(&mut b, start, line.end, true, &mut removed);
        prev_ends_paragraph = rules::ends_paragraph(text);
        removed_since_last = false;
    }
    b.close_paragraph();

    removed.sort_by_key(|r| (r.raw_start, r.raw_end));
    let Builder {
        doc_text,
        offsets,
        paragraphs,
        ..
    } = b;
    doc.text = doc_text;
    doc.offsets = offsets;
    doc.paragraphs = paragraphs;
    doc.removed = removed;
    doc.dateline = dateline;
    if doc.article.title.is_none() {
        doc.article.title = detected_title;
    }
}

/// Record that `raw[s..e]` was removed, why, and by which rule.
fn record(
    removed: &mut Vec<Removal>,
    raw: &str,
    s: usize,
    e: usize,
    reason: RemovalReason,
    rule: &str,
) {
    removed.push(Removal {
        raw_start: s as u32,
        raw_end: e as u32,
        reason,
        text: raw[s..e].to_string(),
        rule: rule.to_string(),
    });
}

/// Copy `raw[start..end]` (one line) into the cleaned text, cutting out leftover HTML tags and,
/// when `captions` is set, photo captions fused into its sentences. Each cut is recorded.
fn copy_with_cuts(
    b: &mut Builder<'_>,
    start: usize,
    end: usize,
    captions: bool,
    removed: &mut Vec<Removal>,
) {
    let raw = b.raw;
    let body = &raw[start..end];
    // Spans to cut, in line offsets.
    let mut cuts: Vec<(usize, usize, RemovalReason, &str)> = rules::html_tags(body)
        .into_iter()
        .map(|(s, e)| (s, e, RemovalReason::Markup, "markup:html-tag"))
        .collect();
    if captions {
        cuts.extend(rules::fused_caption(body).into_iter().map(|fc| {
            (
                fc.start,
                fc.end,
                RemovalReason::Caption,
                "caption:fused-participial-fragment",
            )
        }));
    }
    cuts.sort_by_key(|c| (c.0, c.1));
    let mut cursor = start;
    for (cs, ce, reason, rule) in cuts {
        let (cs, ce) = (start + cs, start + ce);
        if cs < cursor {
            continue; // overlaps a cut already made
        }
        let kept = &raw[cursor..cs];
        let before_end = cursor + kept.trim_end().len();
        if before_end > cursor {
            b.copy(cursor, before_end);
            // Keep words apart where the cut took the only separator ("end.<p>Next").
            if !b.doc_text.ends_with(char::is_whitespace) {
                b.doc_text.push(' ');
            }
        }
        let cut_end = cs + raw[cs..ce].trim_end().len();
        record(removed, raw, cs, cut_end, reason, rule);
        cursor = ce;
        // Leading blanks after a cut would double the separator.
        cursor += raw[cursor..end].len() - raw[cursor..end].trim_start().len();
    }
    if cursor < end {
        b.copy(cursor, end);
    } else if b.doc_text.ends_with(' ') {
        b.doc_text.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::Article;

    fn cleaned(raw: &str) -> Document {
        let mut d = Document::new(Article::new("t", raw));
        clean(&mut d);
        d
    }

    /// Every kept piece of the cleaned text maps back to the same bytes of the raw text.
    fn assert_map_consistent(d: &Document) {
        for &(c, r, len) in &d.offsets.pieces {
            assert_eq!(
                &d.text[c as usize..(c + len) as usize],
                &d.article.text[r as usize..(r + len) as usize]
            );
        }
    }

    #[test]
    fn repeated_headline_is_kept_once() {
        let raw = "Rebels seize border town\n\nRebels seize border town\n\nRebels  seize border town\nRebels seize border town\n\n  Rebels seized the town of X on Monday, officials said. They fled.\n";
        let d = cleaned(raw);
        assert_eq!(
            d.text,
            "Rebels seize border town\n\nRebels seized the town of X on Monday, officials said. They fled."
        );
        assert_eq!(d.article.title.as_deref(), Some("Rebels seize border town"));
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.paragraphs[0].kind, ParagraphKind::Headline);
        assert_eq!(d.paragraphs[1].kind, ParagraphKind::Body);
        let repeats: Vec<_> = d
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::RepeatedHeadline)
            .collect();
        assert_eq!(repeats.len(), 3);
        assert_map_consistent(&d);
    }

    #[test]
    fn dateline_moves_to_metadata() {
        let d = cleaned("NIAMEY, Niger (AP) — The junta closed the border on Monday.");
        assert_eq!(d.text, "The junta closed the border on Monday.");
        let dl = d.dateline.as_ref().unwrap();
        assert_eq!(dl.place, "NIAMEY, Niger");
        assert_eq!(dl.outlet.as_deref(), Some("Associated Press"));
        assert_eq!(d.outlet(), Some("Associated Press"));
        assert_eq!(d.removed[0].reason, RemovalReason::Dateline);
        assert_eq!(
            d.offsets.to_raw(0),
            d.article.text.find("The junta").unwrap() as u32
        );
    }

    #[test]
    fn boilerplate_and_caption_lines_drop_with_reasons() {
        let raw = "Talks collapse in the capital\nShare this article\nFILE - Delegates arrive for talks, May 2, 2022.\nDelegates walked out of the talks on Friday.\nRead more: What the talks were about\n© 2024 Example News";
        let d = cleaned(raw);
        assert_eq!(
            d.text,
            "Talks collapse in the capital\n\nDelegates walked out of the talks on Friday."
        );
        let reasons: Vec<_> = d.removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                RemovalReason::Boilerplate,
                RemovalReason::Caption,
                RemovalReason::Boilerplate,
                RemovalReason::Boilerplate
            ]
        );
        assert_map_consistent(&d);
    }

    #[test]
    fn wrapped_lines_stay_in_one_paragraph_and_finished_lines_start_new_ones() {
        let raw = "The council met on Monday and\nagreed to the plan.\nA second paragraph follows.";
        let d = cleaned(raw);
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert_eq!(
            d.span_text(d.paragraphs[0].start, d.paragraphs[0].end),
            "The council met on Monday and\nagreed to the plan."
        );
    }

    #[test]
    fn repeated_body_lines_are_dropped() {
        let raw = "The ministers met in the capital to discuss the crisis.\n\nThe ministers met in the capital to discuss the crisis.\n";
        let d = cleaned(raw);
        assert_eq!(
            d.text,
            "The ministers met in the capital to discuss the crisis."
        );
        assert_eq!(d.removed[0].reason, RemovalReason::RepeatedLine);
    }

    #[test]
    fn fused_caption_is_split_and_recorded() {
        let raw = "Talks ended without a deal. Crowds in the capital holding banners near the Parliament Speaker, John Doe has told reporters the vote will go ahead.";
        let d = cleaned(raw);
        assert_eq!(
            d.text,
            "Talks ended without a deal. Parliament Speaker, John Doe has told reporters the vote will go ahead."
        );
        let cap = d
            .removed
            .iter()
            .find(|r| r.reason == RemovalReason::Caption)
            .unwrap();
        assert_eq!(cap.text, "Crowds in the capital holding banners near the");
        assert_map_consistent(&d);
    }

    #[test]
    fn html_tags_left_by_scrapers_are_cut() {
        let raw =
            "<p>Rebels <b>seized</b> the town.</p><p>Troops left.</p>\n<div class=\"ad\"></div>";
        let d = cleaned(raw);
        assert_eq!(d.text, "Rebels seized the town. Troops left.");
        assert!(d.removed.iter().all(|r| r.reason == RemovalReason::Markup));
        assert_eq!(d.removed.len(), 7, "{:?}", d.removed);
        assert_eq!(
            d.removed[6].rule, "markup:no-words",
            "a line of tags only goes whole"
        );
        assert_map_consistent(&d);
        // Comparisons are not tags.
        let d = cleaned("Turnout was < 40% and > 20% in the north.");
        assert_eq!(d.text, "Turnout was < 40% and > 20% in the north.");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for raw in [
            "",
            "\n\n\n",
            "\r\n\r\n",
            "—",
            "A",
            "ÉÉÉ — é",
            "\u{feff}x\ry\r\nz",
            "( ) — ,",
        ] {
            let d = cleaned(raw);
            assert_map_consistent(&d);
            for p in &d.paragraphs {
                assert!(p.start <= p.end && (p.end as usize) <= d.text.len());
            }
        }
    }

    #[test]
    fn title_from_metadata_removes_repeats_in_body() {
        let mut d = Document::new(Article {
            title: Some("Rebels seize town".into()),
            ..Article::new(
                "x",
                "Rebels seize town\nRebels seized the town on Monday.\nRebels seize town",
            )
        });
        clean(&mut d);
        assert_eq!(
            d.text,
            "Rebels seize town\n\nRebels seized the town on Monday."
        );
        assert_eq!(d.removed.len(), 1);
    }
}
