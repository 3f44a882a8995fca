//! Scoring a geoparser (place recognition and resolution) against gold place annotations.
//!
//! # Gold formats
//!
//! [`read`] takes one XML file and works out its layout from the content:
//!
//! - **GeoVirus** (Gritta et al. 2018): `<articles><article><source/><text/><locations>` with
//!   `<location><name/><start/><end/><lat/><lon/><page/></location>` entries. Every location is
//!   a gold place, with its point when `lat` and `lon` are usable. The distributed file counts
//!   `start` from 1 (each stated span begins one character after its name); spans are realigned
//!   to their name, see *Offsets*. It also nests three locations inside another one in one
//!   article; each `<location>` element is read on its own fields, so all 2,170 are kept.
//! - **LGL** (Lieberman et al. 2010, as redistributed by Gritta et al. next to TR-News, which
//!   has the same layout plus a `<title>`): `<articles><article docid=".."><domain/><url/>
//!   <dltime/><text/>` (text often in a CDATA section) `<toponyms><toponym><start/><end/>
//!   <phrase/><gaztag geonameid=".."><name/><fclass/><fcode/><lat/><lon/><country geonameid=".."/>
//!   <admin1 geonameid=".."/></gaztag></toponym>`. Every toponym is gold for recognition; only
//!   those whose `gaztag` has usable `lat`/`lon` are gold for resolution.
//! - **GeoWebNews** (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation", file
//!   `data/GWN.xml` of their repository): `<articles><article><text/><toponyms><toponym>
//!   <extractedName/><normalisedName/><type/><modifierType/><nonLocational/><start/><end/>
//!   [<geonamesID/><latitude/><longitude/>]</toponym>`. The annotation also marks things that
//!   are not toponyms: `Literal_Expression` and `Non_Lit_Expression` (common nouns such as
//!   "street" or "residents") and `Non_Toponym` (a whole name, such as a company's, whose
//!   embedded toponym is annotated separately). Gold places are the eleven toponym types of
//!   the paper's Pragmatic Taxonomy (its Table 1), literal and associative alike, since the
//!   paper asks for both to be recognised: the literal `Literal`, `Literal_Modifier`, `Mixed`,
//!   `Coercion`, `Embedded_Literal` and the associative `Embedded_Non_Lit`, `Metonymic`,
//!   `Language`, `Demonym`, `Non_Literal_Modifier`, `Homonym`. Their point is `latitude`/
//!   `longitude` when present (most have it; homonyms such as a shop named after a country do
//!   not, and are gold for recognition only). A toponym of another or no type is gold only if
//!   it carries coordinates (and is reported).
//!
//! Anything that is not well-formed XML is an `Err` naming the problem and its line. A place
//! whose span cannot be read (missing or non-numeric offsets, outside the text) is skipped and
//! reported in the warnings; its article is kept.
//!
//! # Offsets
//!
//! The files give offsets in characters (Unicode code points) of the text as an XML parser
//! returns it: entities (`&amp;`, `&#233;`, ...) decoded, CDATA taken verbatim, line ends
//! normalised to `\n`. [`GoldPlace`] carries byte offsets into that decoded text instead. A
//! stated span that does not slice to the place's name is realigned when the name sits within
//! 8 characters of the stated start (reported, with the most common shift); otherwise it is
//! kept as stated and reported. Identical gold spans in one article are merged.
//!
//! # Scores
//!
//! - Recognition: a predicted span matches a gold span of the same article when they overlap
//!   (relaxed match); each gold and each predicted place is matched at most once, greedily by
//!   largest overlap (ties: closer boundaries, then document order). `precision` is
//!   matched / predicted, `recall` matched / gold, `f1` their harmonic mean. `strict_precision`
//!   and `strict_recall` count only identical spans.
//! - Resolution, on the matched gold places that have a gold point (`resolved` counts them;
//!   gold places the system missed are not in it, as in Gritta et al. 2018): the error is the
//!   great-circle distance ([`haversine_km`], Earth radius 6371.0088 km) between gold and
//!   predicted point. A matched place predicted without a point counts as a miss of
//!   20,039 km, half the Earth's circumference (the largest error the AUC allows for).
//!   `acc_161km` is the share of errors of at most 161 km (100 miles); `mean_error_km` and
//!   `median_error_km` as named.
//! - `auc`: the area under the curve of the sorted log errors (Gritta et al. 2018, "What's
//!   missing in geographical parsing?"): with errors e₁ ≤ … ≤ eₙ and yᵢ = ln(eᵢ + 1), the
//!   trapezoidal area under the yᵢ divided by (n − 1)·ln(20039), so 0 is perfect and about 1
//!   is every place on the wrong side of the planet; lower is better. (Gritta's code applies
//!   the trapezoid rule to the errors in list order; sorting only changes which two values are
//!   halved at the ends.) With one error the AUC is y₁ / ln(20039).
//!
//! Percentages are rounded to 0.1, kilometres to 0.1 km, the AUC to 0.001. Predictions are
//! made on all available cores (scoped threads; no extra dependency).

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
/// The error charged for a matched place predicted without a point: half the circumference.
pub const MISS_KM: f64 = 20039.0;
/// The distance within which a resolution counts as accurate (100 miles).
pub const ACCURACY_KM: f64 = 161.0;
/// How far (in characters) a stated span may be from its name and still be realigned.
const REALIGN_WINDOW: usize = 8;
/// How many examples a warning quotes.
const EXAMPLES: usize = 5;

/// One gold article: its decoded text and its gold places, sorted by position.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoArticle {
    /// `file#number` (1-based), or `file#docid` when the article has a `docid`.
    pub name: String,
    pub text: String,
    pub gold: Vec<GoldPlace>,
}

/// A gold place mention.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPlace {
    /// Byte offsets into the article's text, half-open, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// The mention as annotated (GeoVirus `name`, LGL `phrase`, GeoWebNews `extractedName`).
    pub name: String,
    /// (lat, lon) in degrees, WGS84; `None` when the place is gold for recognition only.
    pub point: Option<(f64, f64)>,
}

/// A place found by the system under test.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictedPlace {
    /// Byte offsets into the article's text, half-open.
    pub start: usize,
    pub end: usize,
    /// (lat, lon) in degrees, `None` when the system did not resolve the place.
    pub point: Option<(f64, f64)>,
    /// What the system took the place to be, in its own words (name, country, kind), for
    /// the error listing; may be empty.
    pub reading: String,
}

/// One disagreement with the gold file, for [`evaluate_with_errors`]'s listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeoError {
    /// `far`: matched, resolved more than 161 km from the gold point; `missed`: a gold place
    /// no prediction overlaps; `extra`: a prediction no gold place overlaps.
    pub kind: &'static str,
    pub article: String,
    /// Byte offsets into the article's decoded text.
    pub start: usize,
    pub end: usize,
    /// The text at the span (the gold span for `far` and `missed`).
    pub text: String,
    pub gold_point: Option<(f64, f64)>,
    pub predicted_point: Option<(f64, f64)>,
    pub reading: Option<String>,
    /// Rounded to 0.1 km; `far` only.
    pub error_km: Option<f64>,
}

/// Counts, percentages (0.1), kilometres (0.1) and the AUC (0.001); see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GeoScores {
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    /// Relaxed (overlap) matches, one to one.
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub strict_precision: f64,
    pub strict_recall: f64,
    /// Matched gold places with a gold point: the population of the resolution scores.
    pub resolved: usize,
    pub acc_161km: f64,
    pub mean_error_km: f64,
    pub median_error_km: f64,
    pub auc: f64,
}

// ---------------------------------------------------------------------------------------------
// A small XML reader: elements, attributes, text, CDATA, comments, processing instructions and
// a DOCTYPE; entities decoded. Enough for these corpora, strict about well-formedness.

#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    /// The element's own character data (not its children's), decoded.
    text: String,
    children: Vec<Element>,
    line: usize,
}

impl Element {
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local() == name)
    }

    fn children_named<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter(move |c| c.local() == name)
    }

    /// A child's text, trimmed of XML white space.
    fn field(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim())
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Counts lines lazily, for positions visited in increasing order.
struct Lines<'a> {
    src: &'a [u8],
    counted: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.src.len());
        if pos > self.counted {
            self.line += self.src[self.counted..pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.counted = pos;
        }
        self.line
    }
}

/// Appends `raw` with its entity references decoded; an unknown or malformed reference is kept
/// as text and counted in `bad`.
fn decode_into(raw: &str, out: &mut String, bad: &mut usize) {
    out.push_str(&dyad_dict::records::decode_entities_with(raw, |_| {
        *bad += 1
    }));
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == ':'
}

/// The index of the `>` ending the tag that starts `rest`, outside quoted attribute values.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (k, b) in rest.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(k),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

type Attrs = Vec<(String, String)>;

/// Parses `name attr="value" ...` (the inside of a start tag, without `<`, `/` and `>`).
fn parse_tag(inner: &str, bad: &mut usize) -> Result<(String, Attrs), String> {
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if !name.chars().next().is_some_and(is_name_start) {
        return Err(format!("'<' does not start a tag (found <{inner}>)"));
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("attribute without a value in <{name}>"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!("malformed attribute in <{name}>"));
        }
        let value_part = rest[eq + 1..].trim_start();
        let quote = value_part
            .chars()
            .next()
            .filter(|&c| c == '"' || c == '\'')
            .ok_or_else(|| format!("unquoted value of attribute {key} in <{name}>"))?;
        let close = value_part[1..]
            .find(quote)
            .ok_or_else(|| format!("unterminated value of attribute {key} in <{name}>"))?;
        let mut value = String::new();
        decode_into(&value_part[1..1 + close], &mut value, bad);
        attrs.push((key.to_string(), value));
        rest = value_part[1 + close + 1..].trim_start();
    }
    Ok((name.to_string(), attrs))
}

fn attach(el: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

/// Parses a document into its root element; also returns the number of entity references kept
/// as text. `Err` names the first well-formedness problem and its line.
fn parse_xml(src: &str) -> Result<(Element, usize), String> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let normalized;
    let src = if src.contains('\r') {
        normalized = src.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        src
    };
    let mut lines = Lines {
        src: src.as_bytes(),
        counted: 0,
        line: 1,
    };
    let mut bad = 0;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut pos = 0;
    while pos < src.len() {
        let lt = src[pos..].find('<').map_or(src.len(), |k| pos + k);
        if lt > pos {
            let chunk = &src[pos..lt];
            match stack.last_mut() {
                Some(top) => decode_into(chunk, &mut top.text, &mut bad),
                None if chunk.trim().is_empty() => {}
                None => {
                    let line = lines.at(pos);
                    return Err(format!("line {line}: text outside the root element"));
                }
            }
        }
        if lt >= src.len() {
            break;
        }
        let rest = &src[lt..];
        let line = lines.at(lt);
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body
                .find("-->")
                .ok_or_else(|| format!("line {line}: comment never closed (no -->)"))?;
            pos = lt + 4 + end + 3;
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body
                .find("]]>")
                .ok_or_else(|| format!("line {line}: CDATA section never closed (no ]]>)"))?;
            let top = stack
                .last_mut()
                .ok_or_else(|| format!("line {line}: CDATA section outside the root element"))?;
            top.text.push_str(&body[..end]);
            pos = lt + 9 + end + 3;
        } else if rest.starts_with("<?") {
            let end = rest.find("?>").ok_or_else(|| {
                format!("line {line}: processing instruction never closed (no ?>)")
            })?;
            pos = lt + end + 2;
        } else if rest.starts_with("<!") {
            let mut depth = 0usize;
            let mut end = None;
            for (k, b) in rest.bytes().enumerate().skip(2) {
                match b {
                    b'[' => depth += 1,
                    b']' => depth = depth.saturating_sub(1),
                    b'>' if depth == 0 => {
                        end = Some(k);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or_else(|| format!("line {line}: declaration never closed"))?;
            pos = lt + end + 1;
        } else if let Some(body) = rest.strip_prefix("</") {
            let end = body
                .find('>')
                .ok_or_else(|| format!("line {line}: end tag never closed (no >)"))?;
            let name = body[..end].trim();
            let open = stack
                .pop()
                .ok_or_else(|| format!("line {line}: </{name}> closes nothing"))?;
            if open.name != name {
                return Err(format!(
                    "line {line}: </{name}> closes <{}> opened on line {}",
                    open.name, open.line
                ));
            }
            attach(open, &mut stack, &mut root);
            pos = lt + 2 + end + 1;
        } else {
            if !rest[1..].chars().next().is_some_and(is_name_start) {
                return Err(format!("line {line}: '<' does not start a tag"));
            }
            let end =
                tag_end(rest).ok_or_else(|| format!("line {line}: tag never closed (no >)"))?;
            let inner = &rest[1..end];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let (name, attrs) =
                parse_tag(inner, &mut bad).map_err(|e| format!("line {line}: {e}"))?;
            if stack.is_empty() && root.is_some() {
                return Err(format!(
                    "line {line}: <{name}> after the end of the root element"
                ));
            }
            let el = Element {
                name,
                attrs,
                line,
                ..Default::default()
            };
            if empty {
                attach(el, &mut stack, &mut root);
            } else {
                stack.push(el);
            }
            pos = lt + end + 1;
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "<{}> opened on line {} is never closed",
            open.name, open.line
        ));
    }
    let root = root.ok_or_else(|| "no root element".to_string())?;
    Ok((root, bad))
}

// ---------------------------------------------------------------------------------------------
// Gold places from the three layouts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    GeoVirus,
    Lgl,
    GeoWebNews,
}

/// A place as the file states it, before its span is anchored in the text.
struct RawPlace<'a> {
    start: Option<&'a str>,
    end: Option<&'a str>,
    name: &'a str,
    point: Option<(f64, f64)>,
}

fn point(lat: Option<&str>, lon: Option<&str>) -> Option<(f64, f64)> {
    let lat: f64 = lat?.parse().ok()?;
    let lon: f64 = lon?.parse().ok()?;
    (lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
        .then_some((lat, lon))
}

const GWN_TOPONYMS: [&str; 11] = [
    // literal
    "Literal",
    "Literal_Modifier",
    "Mixed",
    "Coercion",
    "Embedded_Literal",
    // associative
    "Embedded_Non_Lit",
    "Metonymic",
    "Language",
    "Demonym",
    "Non_Literal_Modifier",
    "Homonym",
];
const GWN_NOT_TOPONYMS: [&str; 3] = ["Literal_Expression", "Non_Lit_Expression", "Non_Toponym"];

fn detect(articles: &[&Element]) -> Result<Layout, String> {
    let geovirus = articles.iter().any(|a| a.child("locations").is_some());
    let toponyms = articles.iter().any(|a| a.child("toponyms").is_some());
    match (geovirus, toponyms) {
        (true, true) => Err(
            "articles mix <locations> (GeoVirus) and <toponyms> (LGL or \
                             GeoWebNews)"
                .into(),
        ),
        (true, false) => Ok(Layout::GeoVirus),
        (false, false) => Err("no article has <locations> (GeoVirus) or <toponyms> (LGL, \
                               GeoWebNews): not a known gold layout"
            .into()),
        (false, true) => {
            let gwn = articles
                .iter()
                .flat_map(|a| a.children_named("toponyms"))
                .flat_map(|t| t.children_named("toponym"))
                .any(|t| {
                    [
                        "extractedName",
                        "type",
                        "latitude",
                        "longitude",
                        "geonamesID",
                    ]
                    .iter()
                    .any(|f| t.child(f).is_some())
                });
            Ok(if gwn { Layout::GeoWebNews } else { Layout::Lgl })
        }
    }
}

/// Every `<location>` under `el`, nested ones included, in document order.
fn collect_locations<'e>(el: &'e Element, out: &mut Vec<&'e Element>) {
    for c in &el.children {
        if c.local() == "location" {
            out.push(c);
        }
        collect_locations(c, out);
    }
}

/// What a warning collects: a count and a few examples.
#[derive(Default)]
struct Tally {
    count: usize,
    examples: Vec<String>,
}

impl Tally {
    fn add(&mut self, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(example());
        }
    }

    fn line(&self, file: &str, what: &str) -> Option<String> {
        (self.count > 0).then(|| {
            let more = self.count.saturating_sub(self.examples.len());
            let more = if more > 0 {
                format!(" … and {more} more")
            } else {
                String::new()
            };
            format!(
                "{file}: {} {what}: {}{more}",
                self.count,
                self.examples.join("; ")
            )
        })
    }
}

#[derive(Default)]
struct Notes {
    no_text: Tally,
    skipped: Tally,
    realigned: Tally,
    shifts: BTreeMap<i64, usize>,
    mismatched: Tally,
    no_point: usize,
    duplicates: Tally,
    odd_type: Tally,
    bad_entities: usize,
}

impl Notes {
    fn finish(self, file: &str, places: usize) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.no_text.line(file, "article(s) without <text> skipped"));
        out.extend(self.skipped.line(
            file,
            "place(s) skipped, span unreadable or outside the text",
        ));
        if let Some(line) = self.realigned.line(
            file,
            "span(s) realigned to their name (stated offsets did not slice to it)",
        ) {
            let (shift, n) = self
                .shifts
                .iter()
                .max_by_key(|(_, n)| **n)
                .map_or((0, 0), |(s, n)| (*s, *n));
            out.push(format!(
                "{line} [most common shift {shift:+} character(s), {n} time(s)]"
            ));
        }
        out.extend(self.mismatched.line(
            file,
            "span(s) kept as stated although they do not slice to their name",
        ));
        if self.no_point > 0 {
            out.push(format!(
                "{file}: {} of {places} gold place(s) without usable coordinates: gold for \
                 recognition only",
                self.no_point
            ));
        }
        out.extend(self.duplicates.line(file, "duplicate gold span(s) merged"));
        out.extend(self.odd_type.line(
            file,
            "GeoWebNews toponym(s) of no known type (kept only with coordinates)",
        ));
        if self.bad_entities > 0 {
            out.push(format!(
                "{file}: {} unknown or malformed entity reference(s) kept as text",
                self.bad_entities
            ));
        }
        out
    }
}

/// The byte offset of every char of a text, plus its length.
struct Anchor<'t> {
    text: &'t str,
    bytes: Vec<usize>,
}

enum Placement {
    /// Byte span; the character shift applied (0: as stated).
    Found(usize, usize, i64),
    /// As stated, although it does not slice to the name.
    Mismatch(usize, usize),
    Outside,
}

impl<'t> Anchor<'t> {
    fn new(text: &'t str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Anchor { text, bytes }
    }

    fn slice(&self, start: usize, end: usize) -> Option<(usize, usize, &'t str)> {
        if start >= end {
            return None;
        }
        let (b, e) = (*self.bytes.get(start)?, *self.bytes.get(end)?);
        Some((b, e, self.text.get(b..e)?))
    }

    fn place(&self, start: usize, end: usize, name: &str) -> Placement {
        let stated = self.slice(start, end);
        match stated {
            Some((b, e, s)) if name.is_empty() || s == name => return Placement::Found(b, e, 0),
            _ => {}
        }
        if !name.is_empty() {
            let n = name.chars().count();
            for delta in 0..=REALIGN_WINDOW {
                for s in [start.checked_sub(delta), start.checked_add(delta)] {
                    let Some(s) = s else { continue };
                    if let Some((b, e, found)) = self.slice(s, s + n) {
                        if found == name {
                            let shift = s as i64 - start as i64;
                            return Placement::Found(b, e, shift);
                        }
                    }
                    if delta == 0 {
                        break;
                    }
                }
            }
        }
        match stated {
            Some((b, e, _)) => Placement::Mismatch(b, e),
            None => Placement::Outside,
        }
    }
}

fn raw_places<'e>(layout: Layout, article: &'e Element, notes: &mut Notes) -> Vec<RawPlace<'e>> {
    let mut out = Vec::new();
    match layout {
        Layout::GeoVirus => {
            let mut locations = Vec::new();
            for block in article.children_named("locations") {
                collect_locations(block, &mut locations);
            }
            for l in locations {
                out.push(RawPlace {
                    start: l.field("start"),
                    end: l.field("end"),
                    name: l.field("name").unwrap_or(""),
                    point: point(l.field("lat"), l.field("lon")),
                });
            }
        }
        Layout::Lgl => {
            for t in article
                .children_named("toponyms")
                .flat_map(|b| b.children_named("toponym"))
            {
                let coords = t.child("gaztag").unwrap_or(t);
                out.push(RawPlace {
                    start: t.field("start"),
                    end: t.field("end"),
                    name: t.field("phrase").unwrap_or(""),
                    point: point(coords.field("lat"), coords.field("lon")),
                });
            }
        }
        Layout::GeoWebNews => {
            for t in article
                .children_named("toponyms")
                .flat_map(|b| b.children_named("toponym"))
            {
                let kind = t.field("type").unwrap_or("");
                if GWN_NOT_TOPONYMS.contains(&kind) {
                    continue;
                }
                let name = t.field("extractedName").unwrap_or("");
                let p = point(t.field("latitude"), t.field("longitude"));
                if !GWN_TOPONYMS.contains(&kind) {
                    notes.odd_type.add(|| format!("{name:?} of type {kind:?}"));
                    if p.is_none() {
                        continue;
                    }
                }
                out.push(RawPlace {
                    start: t.field("start"),
                    end: t.field("end"),
                    name,
                    point: p,
                });
            }
        }
    }
    out
}

fn gold_places(
    label: &str,
    text: &str,
    raw: Vec<RawPlace<'_>>,
    notes: &mut Notes,
) -> Vec<GoldPlace> {
    let anchor = Anchor::new(text);
    let mut gold = Vec::new();
    for r in raw {
        let offsets = r
            .start
            .and_then(|s| s.parse::<usize>().ok())
            .zip(r.end.and_then(|e| e.parse::<usize>().ok()));
        let Some((start, end)) = offsets else {
            notes.skipped.add(|| {
                format!(
                    "{label} {:?} (start {:?}, end {:?})",
                    r.name,
                    r.start.unwrap_or("missing"),
                    r.end.unwrap_or("missing")
                )
            });
            continue;
        };
        let (b, e) = match anchor.place(start, end, r.name) {
            Placement::Found(b, e, 0) => (b, e),
            Placement::Found(b, e, shift) => {
                notes
                    .realigned
                    .add(|| format!("{label} {:?} {start}..{end} shifted {shift:+}", r.name));
                *notes.shifts.entry(shift).or_default() += 1;
                (b, e)
            }
            Placement::Mismatch(b, e) => {
                notes.mismatched.add(|| {
                    format!(
                        "{label} {:?} at {start}..{end} reads {:?}",
                        r.name,
                        &text[b..e]
                    )
                });
                (b, e)
            }
            Placement::Outside => {
                notes
                    .skipped
                    .add(|| format!("{label} {:?} at {start}..{end}", r.name));
                continue;
            }
        };
        gold.push(GoldPlace {
            start: b,
            end: e,
            name: r.name.to_string(),
            point: r.point,
        });
    }
    gold.sort_by_key(|g| (g.start, g.end));
    let mut merged: Vec<GoldPlace> = Vec::with_capacity(gold.len());
    for g in gold {
        match merged.last_mut() {
            Some(last) if last.start == g.start && last.end == g.end => {
                notes
                    .duplicates
                    .add(|| format!("{label} {:?} at byte {}", g.name, g.start));
                if last.point.is_none() {
                    last.point = g.point;
                }
            }
            _ => merged.push(g),
        }
    }
    notes.no_point += merged.iter().filter(|g| g.point.is_none()).count();
    merged
}

/// Reads a gold file (GeoVirus, LGL/TR-News or GeoWebNews XML, detected from the content);
/// `name` labels its articles and warnings. Returns the articles and warnings about what was
/// skipped, realigned or only partly usable; `Err` when the XML is malformed or no known layout.
pub fn read(name: &str, xml: &str) -> Result<(Vec<GeoArticle>, Vec<String>), String> {
    let (root, bad_entities) = parse_xml(xml).map_err(|e| format!("{name}: malformed XML: {e}"))?;
    let articles: Vec<&Element> = if root.local() == "article" {
        vec![&root]
    } else {
        root.children_named("article").collect()
    };
    if articles.is_empty() {
        return Err(format!(
            "{name}: no <article> elements under <{}> (expected <articles><article>…)",
            root.name
        ));
    }
    let layout = detect(&articles).map_err(|e| format!("{name}: {e}"))?;
    let mut notes = Notes {
        bad_entities,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        let label = match a.attr("docid") {
            Some(id) if !id.trim().is_empty() => format!("{name}#{}", id.trim()),
            _ => format!("{name}#{}", i + 1),
        };
        let Some(text) = a.child("text") else {
            notes.no_text.add(|| label.clone());
            continue;
        };
        let raw = raw_places(layout, a, &mut notes);
        let gold = gold_places(&label, &text.text, raw, &mut notes);
        out.push(GeoArticle {
            name: label,
            text: text.text.clone(),
            gold,
        });
    }
    let places = out.iter().map(|a| a.gold.len()).sum();
    Ok((out, notes.finish(name, places)))
}

// ---------------------------------------------------------------------------------------------
// Scoring.

/// Great-circle distance in km between two (lat, lon) points in degrees.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

/// What one article contributes.
#[derive(Debug, Default)]
struct ArticleCounts {
    gold: usize,
    predicted: usize,
    matched: usize,
    strict: usize,
    errors: Vec<f64>,
    listing: Vec<GeoError>,
}

fn score_article(article: &GeoArticle, predicted: &[PredictedPlace]) -> ArticleCounts {
    let gold = &article.gold;
    // Relaxed: greedy one-to-one by largest overlap.
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in predicted.iter().enumerate() {
            let overlap = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if overlap > 0 {
                let drift = g.start.abs_diff(p.start) + g.end.abs_diff(p.end);
                pairs.push((std::cmp::Reverse(overlap), drift, gi, pi));
            }
        }
    }
    pairs.sort_unstable();
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; predicted.len()];
    let mut counts = ArticleCounts {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Default::default()
    };
    for (_, _, gi, pi) in pairs {
        if gold_used[gi] || pred_used[pi] {
            continue;
        }
        gold_used[gi] = true;
        pred_used[pi] = true;
        counts.matched += 1;
        if let Some(g) = gold[gi].point {
            let error = predicted[pi]
                .point
                .map(|p| haversine_km(g, p))
                .filter(|e| e.is_finite())
                .unwrap_or(MISS_KM);
            counts.errors.push(error);
            if error > ACCURACY_KM {
                let mut e = listed(article, "far", gold[gi].start, gold[gi].end);
                e.gold_point = Some(g);
                e.predicted_point = predicted[pi].point;
                e.reading = Some(predicted[pi].reading.clone());
                e.error_km = Some(round_to(error, 10.0));
                counts.listing.push(e);
            }
        }
    }
    for (g, _) in gold.iter().zip(&gold_used).filter(|(_, &used)| !used) {
        let mut e = listed(article, "missed", g.start, g.end);
        e.gold_point = g.point;
        counts.listing.push(e);
    }
    for (p, _) in predicted.iter().zip(&pred_used).filter(|(_, &used)| !used) {
        let mut e = listed(article, "extra", p.start, p.end);
        e.predicted_point = p.point;
        e.reading = Some(p.reading.clone());
        counts.listing.push(e);
    }
    counts.listing.sort_by_key(|e| (e.start, e.end));
    // Strict: identical spans, one to one.
    let mut g: Vec<(usize, usize)> = gold.iter().map(|x| (x.start, x.end)).collect();
    let mut p: Vec<(usize, usize)> = predicted.iter().map(|x| (x.start, x.end)).collect();
    g.sort_unstable();
    p.sort_unstable();
    let (mut i, mut j) = (0, 0);
    while i < g.len() && j < p.len() {
        match g[i].cmp(&p[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                counts.strict += 1;
                i += 1;
                j += 1;
            }
        }
    }
    counts
}

/// A listing entry for the span `start..end` of `article` (points and reading left empty).
fn listed(article: &GeoArticle, kind: &'static str, start: usize, end: usize) -> GeoError {
    GeoError {
        kind,
        article: article.name.clone(),
        start,
        end,
        text: article.text.get(start..end).unwrap_or_default().to_string(),
        gold_point: None,
        predicted_point: None,
        reading: None,
        error_km: None,
    }
}

/// Runs `predict` on every article (on all cores), in article order.
fn predict_all<F>(articles: &[GeoArticle], predict: &F) -> Vec<ArticleCounts>
where
    F: Fn(&GeoArticle) -> Vec<PredictedPlace> + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(articles.len());
    if threads <= 1 {
        return articles
            .iter()
            .map(|a| score_article(a, &predict(a)))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, ArticleCounts)>> = Mutex::new(Vec::with_capacity(articles.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    mine.push((i, score_article(a, &predict(a))));
                }
                match done.lock() {
                    Ok(mut d) => d.extend(mine),
                    Err(poisoned) => poisoned.into_inner().extend(mine),
                }
            });
        }
    });
    let mut done = match done.into_inner() {
        Ok(d) => d,
        Err(poisoned) => poisoned.into_inner(),
    };
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, c)| c).collect()
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        (1000.0 * a as f64 / b as f64).round() / 10.0
    }
}

/// `x` rounded to `1 / per` (`per` 10 → 0.1): dividing by the integer keeps the printed value
/// short (63.9, not 63.900000000000006).
fn round_to(x: f64, per: f64) -> f64 {
    (x * per).round() / per
}

/// The AUC of sorted errors (see the module docs).
fn auc(sorted: &[f64]) -> f64 {
    let norm = MISS_KM.ln();
    let ys: Vec<f64> = sorted.iter().map(|e| (e.max(0.0) + 1.0).ln()).collect();
    match ys.len() {
        0 => 0.0,
        1 => ys[0] / norm,
        n => {
            let area: f64 = ys.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
            area / (norm * (n - 1) as f64)
        }
    }
}

/// Scores `predict` against the gold articles (see the module docs for the measures).
pub fn evaluate(
    articles: &[GeoArticle],
    predict: impl Fn(&GeoArticle) -> Vec<PredictedPlace> + Sync,
) -> GeoScores {
    evaluate_with_errors(articles, predict).0
}

/// [`evaluate`], also listing every disagreement ([`GeoError`]) in article and text order.
pub fn evaluate_with_errors(
    articles: &[GeoArticle],
    predict: impl Fn(&GeoArticle) -> Vec<PredictedPlace> + Sync,
) -> (GeoScores, Vec<GeoError>) {
    let per_article = predict_all(articles, &predict);
    let (mut gold, mut predicted, mut matched, mut strict) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    let mut listing = Vec::new();
    for c in per_article {
        gold += c.gold;
        predicted += c.predicted;
        matched += c.matched;
        strict += c.strict;
        errors.extend(c.errors);
        listing.extend(c.listing);
    }
    errors.sort_unstable_by(f64::total_cmp);
    let n = errors.len();
    let (mean, median) = if n == 0 {
        (0.0, 0.0)
    } else {
        let mean = errors.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 {
            errors[n / 2]
        } else {
            (errors[n / 2 - 1] + errors[n / 2]) / 2.0
        };
        (mean, median)
    };
    let f1 = if gold + predicted == 0 {
        0.0
    } else {
        (1000.0 * 2.0 * matched as f64 / (gold + predicted) as f64).round() / 10.0
    };
    let scores = GeoScores {
        articles: articles.len(),
        gold,
        predicted,
        matched,
        precision: pct(matched, predicted),
        recall: pct(matched, gold),
        f1,
        strict_precision: pct(strict, predicted),
        strict_recall: pct(strict, gold),
        resolved: n,
        acc_161km: pct(errors.iter().filter(|&&e| e <= ACCURACY_KM).count(), n),
        mean_error_km: round_to(mean, 10.0),
        median_error_km: round_to(median, 10.0),
        auc: round_to(auc(&errors), 1000.0),
    };
    (scores, listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GeoVirus-style file of my own: an entity and multibyte letters before places, a
    /// location without latitude, one with an unreadable start, an off-by-one span, and a
    /// commented-out article template.
    const GEOVIRUS: &str = r#"<articles>
    <article>
        <source>https://example.org/one</source>
        <text>The caf&#233; owners in Ōtaki &amp; their partners in Bodø met in Lyon.</text>
        <locations>
            <location><name>Bodø</name><start>45</start><end>49</end>
                <lat>67.28</lat><lon>14.40</lon><page>x</page></location>
            <location><name>Ōtaki</name><start>19</start><end>24</end>
                <lat>-40.76</lat><lon>175.15</lon><page>x</page></location>
            <location><name>Lyon</name><start>57</start><end>61</end>
                <lon>4.84</lon><page>x</page></location>
            <location><name>Lyon</name><start>soon</start><end>61</end>
                <lat>45.76</lat><lon>4.84</lon></location>
        </locations>
    </article>
    <!--<article><text></text><locations><location/></locations></article>-->
    <article>
        <source>https://example.org/two</source>
        <text>Flights to Kraków resumed after the storm.</text>
        <locations>
            <location><name>Kraków</name><start>12</start><end>18</end>
                <lat>50.06</lat><lon>19.94</lon></location>
        </locations>
    </article>
</articles>"#;

    /// An LGL-style file of my own: CDATA text (taken verbatim), toponyms without a gaztag or
    /// without coordinates, and escaped text in a second article.
    const LGL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="17">
    <domain>example.org</domain>
    <url>http://example.org/a</url>
    <dltime>2011-01-01</dltime>
    <text><![CDATA[Crews from Zürich & "Basel" drove to Springfield, where officials of Springfield & Shelbyville met.]]></text>
    <toponyms>
      <toponym><start>11</start><end>17</end><phrase>Zürich</phrase>
        <gaztag geonameid="2657896"><name>Zurich</name><fclass>P</fclass><fcode>PPLA</fcode>
          <lat>47.37</lat><lon>8.55</lon><country geonameid="2658434">Switzerland</country>
          <admin1 geonameid="2657895">Zurich</admin1></gaztag></toponym>
      <toponym><start>21</start><end>26</end><phrase>Basel</phrase></toponym>
      <toponym><start>37</start><end>48</end><phrase>Springfield</phrase>
        <gaztag geonameid="4409896"><name>Springfield</name><fclass>P</fclass></gaztag></toponym>
      <toponym><start>83</start><end>94</end><phrase>Shelbyville</phrase>
        <gaztag geonameid="4646571"><name>Shelbyville</name><lat>35.48</lat><lon>-86.46</lon>
        </gaztag></toponym>
    </toponyms>
  </article>
  <article docid="18">
    <domain/><url/><dltime/>
    <text>Fans of Leeds &amp; Hull sang in Ħal Far.</text>
    <toponyms>
      <toponym><start>16</start><end>20</end><phrase>Hull</phrase>
        <gaztag geonameid="2645425"><lat>53.74</lat><lon>-0.33</lon></gaztag></toponym>
      <toponym><start>29</start><end>36</end><phrase>Ħal Far</phrase>
        <gaztag geonameid="1"><lat>35.82</lat><lon>14.52</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>"#;

    /// A GeoWebNews-style file of my own, with expressions and a non-toponym to leave out.
    const GWN: &str = "<?xml version=\"1.0\" ?>\r\n<articles>\r\n\t<!--my test-->\r\n\t<article>
\t\t<text>The &quot;Škoda&quot; plant outside Mladá Boleslav hired Polish workers; Iceland opened a shop near the river.</text>
\t\t<toponyms>
\t\t\t<toponym><extractedName>river</extractedName><normalisedName/>
\t\t\t\t<type>Literal_Expression</type><modifierType/><nonLocational>No</nonLocational>
\t\t\t\t<start>94</start><end>99</end></toponym>
\t\t\t<toponym><extractedName>Mladá Boleslav</extractedName><normalisedName>Mladá Boleslav</normalisedName>
\t\t\t\t<type>Literal</type><modifierType/><nonLocational>No</nonLocational>
\t\t\t\t<start>26</start><end>40</end><geonamesID>3070544</geonamesID>
\t\t\t\t<latitude>50.41</latitude><longitude>14.90</longitude></toponym>
\t\t\t<toponym><extractedName>Polish</extractedName><normalisedName>Poland</normalisedName>
\t\t\t\t<type>Demonym</type><modifierType>Adjective</modifierType><nonLocational>No</nonLocational>
\t\t\t\t<start>47</start><end>53</end><geonamesID>798544</geonamesID>
\t\t\t\t<latitude>52.0</latitude><longitude>20.0</longitude></toponym>
\t\t\t<toponym><extractedName>Iceland</extractedName><normalisedName/>
\t\t\t\t<type>Homonym</type><modifierType/><nonLocational>No</nonLocational>
\t\t\t\t<start>63</start><end>70</end></toponym>
\t\t\t<toponym><extractedName>Škoda</extractedName><normalisedName/>
\t\t\t\t<type>Non_Toponym</type><modifierType/><nonLocational>No</nonLocational>
\t\t\t\t<start>5</start><end>10</end></toponym>
\t\t</toponyms>
\t</article>
</articles>
";

    fn slices_to_name(a: &GeoArticle) -> bool {
        a.gold
            .iter()
            .all(|g| a.text.get(g.start..g.end) == Some(&g.name[..]))
    }

    #[test]
    fn reads_geovirus_with_entities_multibyte_and_broken_locations() {
        let (articles, warnings) = read("gv.xml", GEOVIRUS).expect("reads");
        assert_eq!(articles.len(), 2, "the commented-out article is not read");
        let a = &articles[0];
        assert_eq!(
            a.text,
            "The café owners in Ōtaki & their partners in Bodø met in Lyon."
        );
        assert_eq!(a.name, "gv.xml#1");
        let names: Vec<&str> = a.gold.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ōtaki", "Bodø", "Lyon"],
            "sorted; unreadable start skipped"
        );
        assert!(slices_to_name(a));
        // char 19 is byte 20 ("é" takes two bytes); Bodø's char 45 is byte 47 ("é", "Ō").
        assert_eq!((a.gold[0].start, a.gold[0].end), (20, 26));
        assert_eq!((a.gold[1].start, a.gold[1].end), (47, 52));
        assert_eq!(a.gold[0].point, Some((-40.76, 175.15)));
        assert_eq!(a.gold[2].point, None, "no latitude: recognition only");
        // The off-by-one span is realigned.
        let b = &articles[1];
        assert!(slices_to_name(b));
        assert_eq!(b.gold[0].name, "Kraków");
        let all = warnings.join("\n");
        assert!(all.contains("1 place(s) skipped"), "{all}");
        assert!(all.contains("\"soon\""), "{all}");
        assert!(all.contains("1 span(s) realigned"), "{all}");
        assert!(all.contains("shift -1"), "{all}");
        assert!(
            all.contains("1 of 4 gold place(s) without usable coordinates"),
            "{all}"
        );
    }

    #[test]
    fn reads_lgl_with_cdata_and_missing_gaztags() {
        let (articles, warnings) = read("lgl.xml", LGL).expect("reads");
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(a.name, "lgl.xml#17");
        assert!(a.text.contains("Zürich & \"Basel\""), "CDATA is verbatim");
        assert!(slices_to_name(a));
        let points: Vec<bool> = a.gold.iter().map(|g| g.point.is_some()).collect();
        assert_eq!(points, [true, false, false, true]);
        assert_eq!(a.gold[0].point, Some((47.37, 8.55)));
        assert_eq!(a.gold[1].start, 22, "after the two-byte ü");
        let b = &articles[1];
        assert_eq!(b.text, "Fans of Leeds & Hull sang in Ħal Far.");
        assert!(slices_to_name(b));
        assert_eq!((b.gold[1].start, b.gold[1].end), (29, 37));
        assert!(
            warnings.iter().any(|w| w.contains("2 of 6 gold place(s)")),
            "{warnings:?}"
        );
    }

    #[test]
    fn reads_geowebnews_types() {
        let (articles, warnings) = read("gwn.xml", GWN).expect("reads");
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert!(a.text.starts_with("The \"Škoda\" plant"));
        let names: Vec<&str> = a.gold.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Mladá Boleslav", "Polish", "Iceland"]);
        assert!(slices_to_name(a));
        assert_eq!(a.gold[1].point, Some((52.0, 20.0)));
        assert_eq!(a.gold[2].point, None, "a homonym has no coordinates");
        assert!(
            warnings.iter().any(|w| w.contains("1 of 3")),
            "{warnings:?}"
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let bad = [
            ("", "no root element"),
            (
                "<articles><article><text>x</article></articles>",
                "</article> closes <text>",
            ),
            ("<articles><article>", "never closed"),
            ("<articles><!-- open", "comment never closed"),
            ("<articles><text><![CDATA[x</text></articles>", "CDATA"),
            ("<articles a=b></articles>", "unquoted"),
            ("<articles></articles><more/>", "after the end of the root"),
            ("text<articles/>", "outside the root"),
            ("<articles>1 < 2</articles>", "does not start a tag"),
            ("<articles></articles>", "no <article>"),
            (
                "<articles><article><text>x</text></article></articles>",
                "not a known gold",
            ),
        ];
        for (xml, why) in bad {
            let e = read("bad.xml", xml).expect_err(xml);
            assert!(e.contains(why), "{xml:?}: {e}");
        }
    }

    #[test]
    fn never_panics_on_truncated_input() {
        for doc in [GEOVIRUS, LGL, GWN] {
            for (i, _) in doc.char_indices() {
                let _ = read("cut.xml", &doc[..i]);
            }
        }
    }

    /// A gold place for the scoring tests: byte span and point.
    type Gold = (usize, usize, Option<(f64, f64)>);

    fn article(gold: &[Gold]) -> GeoArticle {
        GeoArticle {
            name: "t".into(),
            text: "x".repeat(100),
            gold: gold
                .iter()
                .map(|&(start, end, point)| GoldPlace {
                    start,
                    end,
                    name: "x".repeat(end - start),
                    point,
                })
                .collect(),
        }
    }

    /// The point `km` kilometres due north of `p`.
    fn north(p: (f64, f64), km: f64) -> (f64, f64) {
        (p.0 + (km / EARTH_RADIUS_KM).to_degrees(), p.1)
    }

    #[test]
    fn haversine_distances() {
        let london = (51.5074, -0.1278);
        let paris = (48.8566, 2.3522);
        assert!((haversine_km(london, paris) - 343.6).abs() < 1.0);
        assert_eq!(haversine_km(paris, paris), 0.0);
        let half = haversine_km((0.0, 0.0), (0.0, 180.0));
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
        assert!((haversine_km((0.0, 0.0), north((0.0, 0.0), 100.0)) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn scores_recognition_and_resolution() {
        // Two gold places; one prediction exact and 100 km off, one overlapping and 300 km off,
        // one extra.
        let a = (0.0, 0.0);
        let b = (10.0, 10.0);
        let gold = article(&[(0, 5, Some(a)), (10, 15, Some(b))]);
        let s = evaluate(std::slice::from_ref(&gold), |_| {
            vec![
                PredictedPlace {
                    start: 0,
                    end: 5,
                    point: Some(north(a, 100.0)),
                    reading: String::new(),
                },
                PredictedPlace {
                    start: 11,
                    end: 16,
                    point: Some(north(b, 300.0)),
                    reading: String::new(),
                },
                PredictedPlace {
                    start: 20,
                    end: 25,
                    point: Some((1.0, 1.0)),
                    reading: String::new(),
                },
            ]
        });
        assert_eq!((s.articles, s.gold, s.predicted, s.matched), (1, 2, 3, 2));
        assert_eq!((s.precision, s.recall, s.f1), (66.7, 100.0, 80.0));
        assert_eq!((s.strict_precision, s.strict_recall), (33.3, 50.0));
        assert_eq!(s.resolved, 2);
        assert_eq!(s.acc_161km, 50.0);
        assert_eq!((s.mean_error_km, s.median_error_km), (200.0, 200.0));
        // ((ln 101 + ln 301) / 2) / ln 20039 = 0.52104
        assert_eq!(s.auc, 0.521);
    }

    #[test]
    fn greedy_matching_misses_and_unresolved_places() {
        let p = (40.0, -3.0);
        // One long prediction overlaps both gold places; the larger overlap (5 vs 2) wins,
        // so the first gold place is unmatched and left out of resolution.
        let gold = article(&[
            (0, 4, Some(p)),
            (6, 11, Some(p)),
            (30, 35, Some(p)),
            (50, 55, None),
        ]);
        let s = evaluate(&[gold], |_| {
            vec![
                PredictedPlace {
                    start: 2,
                    end: 11,
                    point: Some(p),
                    reading: String::new(),
                },
                PredictedPlace {
                    start: 30,
                    end: 35,
                    point: None,
                    reading: String::new(),
                },
                PredictedPlace {
                    start: 50,
                    end: 55,
                    point: Some(p),
                    reading: String::new(),
                },
            ]
        });
        assert_eq!((s.gold, s.predicted, s.matched), (4, 3, 3));
        assert_eq!((s.precision, s.recall), (100.0, 75.0));
        assert_eq!((s.strict_precision, s.strict_recall), (66.7, 50.0));
        // Resolved: the exact one (0 km) and the one without a predicted point (20039 km);
        // the gold place without a point is not resolved.
        assert_eq!(s.resolved, 2);
        assert_eq!(s.acc_161km, 50.0);
        assert_eq!(s.mean_error_km, 10019.5);
        assert_eq!(s.median_error_km, 10019.5);
        // (0 + ln 20040) / 2 / ln 20039
        assert_eq!(s.auc, 0.5);
    }

    #[test]
    fn lists_far_missed_and_extra_places() {
        let a = (0.0, 0.0);
        let mut gold = article(&[(0, 5, Some(a)), (10, 15, Some(a)), (22, 27, Some(a))]);
        gold.text = "Abcde and Fghij, then Klmno and Pqrst went to Uvwxy.".to_string();
        let place = |start, end, point, reading: &str| PredictedPlace {
            start,
            end,
            point,
            reading: reading.to_string(),
        };
        let (s, listing) = evaluate_with_errors(std::slice::from_ref(&gold), |_| {
            vec![
                place(0, 5, Some(north(a, 100.0)), "near"),
                place(10, 15, Some(north(a, 300.0)), "Far Town, XYZ, city"),
                place(46, 51, None, "elsewhere"),
            ]
        });
        assert_eq!(s.acc_161km, 50.0);
        let kinds: Vec<_> = listing.iter().map(|e| (e.kind, e.text.as_str())).collect();
        assert_eq!(
            kinds,
            [("far", "Fghij"), ("missed", "Klmno"), ("extra", "Uvwxy")]
        );
        assert_eq!(listing[0].error_km, Some(300.0));
        assert_eq!(listing[0].reading.as_deref(), Some("Far Town, XYZ, city"));
        assert_eq!(listing[1].gold_point, Some(a));
        assert_eq!(listing[2].reading.as_deref(), Some("elsewhere"));
        // The plain evaluation scores the same.
        let plain = evaluate(std::slice::from_ref(&gold), |_| {
            vec![
                place(0, 5, Some(north(a, 100.0)), ""),
                place(10, 15, Some(north(a, 300.0)), ""),
                place(46, 51, None, ""),
            ]
        });
        assert_eq!(plain, s);
    }

    #[test]
    fn empty_evaluation_is_zero() {
        let s = evaluate(&[], |_| Vec::new());
        assert_eq!(s, GeoScores::default());
        let s = evaluate(&[article(&[])], |_| Vec::new());
        assert_eq!((s.articles, s.precision, s.auc), (1, 0.0, 0.0));
    }

    #[test]
    fn reads_and_scores_the_geovirus_file() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/geovirus/GeoVirus.xml"
        );
        let Ok(xml) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} not found");
            return;
        };
        let (articles, warnings) = read("GeoVirus.xml", &xml).expect("reads");
        assert_eq!(articles.len(), 229);
        let gold: usize = articles.iter().map(|a| a.gold.len()).sum();
        assert_eq!(gold, 2170, "{warnings:?}");
        assert!(articles.iter().all(slices_to_name));
        assert!(articles
            .iter()
            .flat_map(|a| &a.gold)
            .all(|g| g.point.is_some()));
        // A perfect system scores perfectly.
        let s = evaluate(&articles, |a| {
            a.gold
                .iter()
                .map(|g| PredictedPlace {
                    start: g.start,
                    end: g.end,
                    point: g.point,
                    reading: String::new(),
                })
                .collect()
        });
        assert_eq!(
            (s.gold, s.matched, s.precision, s.recall),
            (2170, 2170, 100.0, 100.0)
        );
        assert_eq!(
            (s.resolved, s.acc_161km, s.auc, s.mean_error_km),
            (2170, 100.0, 0.0, 0.0)
        );
    }
}
