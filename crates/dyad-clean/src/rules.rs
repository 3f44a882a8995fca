//! Line-level rules of the clean stage. Each rule has a name that ends up in
//! [`dyad_doc::Removal::rule`], so every removal can be traced to the rule that made it.

/// Page furniture that starts a line: sharing, subscribing, navigation, credits, cookies.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "share this",
    "share on ",
    "share:",
    "share via",
    "share article",
    "share story",
    "subscribe",
    "sign up for",
    "sign up to",
    "read more",
    "read also",
    "also read",
    "read next",
    "read the full",
    "related:",
    "related articles",
    "related stories",
    "related content",
    "recommended:",
    "recommended stories",
    "more from ",
    "more stories",
    "click here",
    "tap here",
    "follow us",
    "follow @",
    "like us on",
    "copyright",
    "©",
    "(c) ",
    "all rights reserved",
    "advertisement",
    "sponsored content",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "accept cookies",
    "cookie settings",
    "cookie policy",
    "listen to this article",
    "listen to the story",
    "download the app",
    "download our app",
    "get the app",
    "email this",
    "print this",
    "leave a comment",
    "skip to content",
    "skip to main",
    "jump to",
    "see also:",
    "tags:",
    "topics:",
    "filed under",
    "last updated",
    "updated:",
    "published:",
    "posted:",
    "posted on",
    "reporting by ",
    "(reporting by ",
    "editing by ",
    "writing by ",
    "additional reporting by",
    "image source",
    "image caption",
    "media caption",
    "getty images",
    "photo credit",
    "this story has been",
    "this article was",
    "newsletter",
    "join our",
    "whatsapp channel",
    "telegram channel",
];

/// Phrases that mark a short line as furniture wherever they stand.
const BOILERPLATE_CONTAINS: &[&str] = &[
    "all rights reserved",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "subscribe to our",
    "sign up for our",
    "our newsletter",
    "may not be published, broadcast, rewritten",
];

/// Words that make up a row of share buttons.
const SOCIAL_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "e-mail",
    "linkedin",
    "telegram",
    "reddit",
    "pinterest",
    "print",
    "share",
    "copy",
    "link",
    "messenger",
    "tumblr",
    "flipboard",
    "threads",
    "bluesky",
    "mail",
    "comments",
    "comment",
];

/// Longest line the boilerplate rules consider: real paragraphs are longer.
const MAX_BOILERPLATE_LEN: usize = 200;

/// The rule that marks `line` as boilerplate, if any.
pub fn boilerplate(line: &str) -> Option<&'static str> {
    if line.len() > MAX_BOILERPLATE_LEN {
        return None;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    if BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some("boilerplate:prefix");
    }
    if BOILERPLATE_CONTAINS.iter().any(|p| lower.contains(p)) {
        return Some("boilerplate:phrase");
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/' || c == '·' || c == '•')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect();
    if !words.is_empty() && words.iter().all(|w| SOCIAL_WORDS.contains(w)) {
        return Some("boilerplate:share-buttons");
    }
    None
}

/// The rule that marks a whole line as a photo caption or credit, if any.
pub fn caption_line(line: &str) -> Option<&'static str> {
    let t = line.trim();
    let starts = [
        "FILE -",
        "FILE –",
        "FILE —",
        "FILE PHOTO",
        "File photo",
        "Photo:",
        "PHOTO:",
        "Photo by",
        "Photograph:",
        "Image:",
        "Picture:",
        "Caption:",
        "Pictured:",
    ];
    if starts.iter().any(|s| t.starts_with(s)) {
        return Some("caption:prefix");
    }
    let markers = [
        "(AP Photo",
        "(AP photo",
        "(Reuters/",
        "(REUTERS/",
        "(AFP/",
        "AFP via Getty",
        "(Photo:",
        "(Photo by",
        "(Getty Images",
        "(EPA/",
        "/AFP)",
        "/Reuters)",
        "/AP)",
    ];
    if t.len() < 400 && markers.iter().any(|m| t.contains(m)) {
        return Some("caption:photo-credit");
    }
    None
}

/// A normalized key for comparing lines: lowercase words, punctuation and spacing ignored.
pub fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    for w in line.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Does this line read as a headline rather than body text?
pub fn headline_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 250 {
        return false;
    }
    let words = t.split_whitespace().count();
    if words > 30 {
        return false;
    }
    // Body sentences end in terminal punctuation; headlines usually do not.
    let last = t.chars().last().unwrap_or(' ');
    !matches!(last, '.' | ',' | ';' | ':')
}

/// Does a body line end a paragraph, judging by its last character?
pub fn ends_paragraph(line: &str) -> bool {
    let t = line.trim_end();
    matches!(
        t.chars().last(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ':')
    )
}

/// Wire services that appear in datelines, with the names they are known by.
const AGENCIES: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("Reuters", "Reuters"),
    ("REUTERS", "Reuters"),
    ("AFP", "Agence France-Presse"),
    ("VOA", "Voice of America"),
    ("UPI", "United Press International"),
    ("dpa", "Deutsche Presse-Agentur"),
    ("DPA", "Deutsche Presse-Agentur"),
    ("Xinhua", "Xinhua"),
    ("XINHUA", "Xinhua"),
    ("Anadolu", "Anadolu Agency"),
    ("AA", "Anadolu Agency"),
    ("PTI", "Press Trust of India"),
    ("IANS", "Indo-Asian News Service"),
    ("TASS", "TASS"),
    ("Tass", "TASS"),
    ("EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("Kyodo", "Kyodo News"),
    ("Yonhap", "Yonhap"),
    ("Bernama", "Bernama"),
    ("CNN", "CNN"),
    ("BBC", "BBC"),
    ("Bloomberg", "Bloomberg"),
    ("RFE/RL", "Radio Free Europe/Radio Liberty"),
    ("IRNA", "IRNA"),
    ("WAFA", "WAFA"),
    ("SPA", "Saudi Press Agency"),
    ("APA", "APA"),
];

/// The full name of a wire service abbreviation, if known.
pub fn agency_name(abbr: &str) -> Option<&'static str> {
    AGENCIES.iter().find(|(a, _)| *a == abbr).map(|(_, n)| *n)
}

/// A dateline found at the start of a body line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineMatch {
    /// Bytes of the line the dateline takes, including the dash and the space after it.
    pub len: usize,
    /// The dateline without its dash.
    pub text: String,
    pub place: String,
    /// The agency as written inside the parentheses.
    pub agency: Option<String>,
}

const DASHES: &[&str] = &["—", "–", "--", "-", "―"];

/// Recognize `PLACE[, Region] [(AGENCY)] —` at the start of a line.
///
/// The place must be written in capitals (`NIAMEY, Niger`), or be followed by a known agency in
/// parentheses (`Abuja, Nigeria (AP) —`): that keeps ordinary sentences that happen to contain a
/// dash from being taken for datelines.
pub fn dateline(line: &str) -> Option<DatelineMatch> {
    // Look for the dash within the first 80 bytes.
    let head_end = line
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= 80)
        .last()
        .unwrap_or(0);
    let head = &line[..head_end.min(line.len())];
    let (dash_pos, dash) = DASHES
        .iter()
        .filter_map(|d| head.find(d).map(|p| (p, *d)))
        .min_by_key(|(p, d)| (*p, usize::MAX - d.len()))?;
    let before = line[..dash_pos].trim_end();
    if before.is_empty() || !line[dash_pos + dash.len()..].starts_with(char::is_whitespace) {
        return None;
    }
    let mut after = dash_pos + dash.len();
    after += line[after..].len() - line[after..].trim_start().len();
    // Split "(AGENCY)" off the end.
    let (place, agency) = match before.strip_suffix(')') {
        Some(b) => {
            let open = b.rfind('(')?;
            let ag = b[open + 1..].trim();
            (b[..open].trim_end(), Some(ag.to_string()))
        }
        None => (before, None),
    };
    if place.is_empty() || place.len() > 60 {
        return None;
    }
    // Place words: letters, spaces, dots, apostrophes, commas and hyphens only.
    if !place
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | ',' | '-'))
    {
        return None;
    }
    let first_part = place.split(',').next().unwrap_or(place);
    let letters: Vec<char> = first_part.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let known_agency = agency.as_deref().and_then(agency_name).is_some();
    if !(all_caps || known_agency) {
        return None;
    }
    // At most one comma ("CITY, Country") and a handful of words.
    if place.matches(',').count() > 1 || place.split_whitespace().count() > 6 {
        return None;
    }
    Some(DatelineMatch {
        len: after,
        text: line[..dash_pos + dash.len()].trim().to_string(),
        place: place.to_string(),
        agency,
    })
}

/// Byte spans of HTML tags (`<p>`, `</a>`, `<br/>`, `<img src="..">`) and comments left in a
/// line by a scraper. A tag starts with `<`, an optional `/` and an ASCII letter, and ends at
/// the next `>` within 300 bytes with no `<` in between, so `a < b and c > d` is not a tag.
pub fn html_tags(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let comment = line[i..].starts_with("<!--");
        let name_at = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
        if !comment && !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let limit = (i + 300).min(b.len());
        let end = if comment {
            line[i..].find("-->").map(|k| i + k + 3)
        } else {
            (i + 1..limit)
                .take_while(|&k| b[k] != b'<')
                .find(|&k| b[k] == b'>')
                .map(|k| k + 1)
        };
        match end {
            Some(e) => {
                out.push((i, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// The line with HTML tags removed (borrowed when it has none).
pub fn strip_tags(line: &str) -> std::borrow::Cow<'_, str> {
    let tags = html_tags(line);
    if tags.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for (s, e) in tags {
        out.push_str(&line[at..s]);
        if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        at = e;
    }
    out.push_str(&line[at..]);
    std::borrow::Cow::Owned(out.trim().to_string())
}

/// Common finite verbs and auxiliaries: enough to tell a clause from a caption fragment.
const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "said",
    "says",
    "told",
    "tells",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "shall",
    "should",
    "must",
    "did",
    "does",
    "do",
    "announced",
    "reported",
    "stated",
    "added",
    "claimed",
    "declared",
    "urged",
    "warned",
];

fn is_finite(w: &str) -> bool {
    let lw = w.to_lowercase();
    FINITE.contains(&lw.as_str())
}

/// A finite verb, or a lowercase `-ed` word that may be one: used where a false "finite" only
/// makes the caption rule more cautious.
fn maybe_finite(w: &str) -> bool {
    is_finite(w) || (w.len() > 4 && w.ends_with("ed") && w.chars().all(char::is_lowercase))
}

/// Words before which an `-ing` word is a noun ("the beginning", "Ankara's backing").
const NOMINAL_CONTEXT: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "by", "for", "from", "to", "with", "since", "this",
    "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "no", "any",
    "some", "every", "each",
];

/// `-ing` words that are prepositions or common nouns, never caption participles.
const NOT_PARTICIPLES: &[&str] = &[
    "during",
    "according",
    "including",
    "regarding",
    "concerning",
    "following",
    "excluding",
    "notwithstanding",
    "pending",
    "morning",
    "evening",
    "building",
    "meeting",
    "thing",
    "nothing",
    "something",
    "anything",
    "everything",
    "king",
    "spring",
    "string",
    "ceiling",
    "wedding",
    "funding",
    "briefing",
    "ruling",
    "hearing",
    "training",
    "shooting",
    "bombing",
    "fighting",
];

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w != "I"
}

/// Words of a line with their byte offsets, punctuation trimmed from both ends.
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let raw: &str = &line[s..i];
                let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.is_empty() {
                    out.push((s + lead, w));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// A photo caption fused into a body sentence: bytes `start..end` of the line are the caption,
/// and the sentence resumes at `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FusedCaption {
    pub start: usize,
    pub end: usize,
}

/// Find a photo caption fused into the start of a sentence of `line`.
///
/// Captions describe a picture with a participle and no finite verb ("Supporters of the junta
/// waving flags outside ..."). When a scraper glues one in front of a body sentence, the
/// sentence resumes at a capitalized name that starts a clause: `..., Name has been quoted`.
/// The rule splits there when it finds (1) a capitalized subject followed within six words by an
/// `-ing` participle that is not part of a progressive (`is raising`), (2) no finite verb
/// before the resumption, (3) the resumption is a run of capitalized words right after a
/// determiner that is followed by a finite verb, directly or after an appositive `, Name`.
pub fn fused_caption(line: &str) -> Vec<FusedCaption> {
    let ws = words(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // Sentence starts: the line start, or after a word whose raw text ends a sentence.
        let at_start = i == 0 || {
            let (p, w) = ws[i - 1];
            let tail = &line[p + w.len()..ws[i].0];
            tail.contains(['.', '!', '?'])
        };
        if !at_start || !capitalized(ws[i].1) {
            i += 1;
            continue;
        }
        let sent_end = (i + 1..ws.len())
            .find(|&k| {
                let (p, w) = ws[k - 1];
                line[p + w.len()..ws[k].0].contains(['.', '!', '?'])
            })
            .unwrap_or(ws.len());
        if let Some(found) = caption_in_sentence(line, &ws[i..sent_end]) {
            out.push(found);
        }
        i = sent_end.max(i + 1);
    }
    out
}

fn caption_in_sentence(line: &str, ws: &[(usize, &str)]) -> Option<FusedCaption> {
    let participle = (1..ws.len().min(7)).find(|&k| {
        let w = ws[k].1;
        let prev = ws[k - 1].1.to_lowercase();
        w.len() > 4
            && w.ends_with("ing")
            && w.chars().all(|c| c.is_lowercase())
            && !NOT_PARTICIPLES.contains(&w)
            && !NOMINAL_CONTEXT.contains(&prev.as_str())
            && !prev.ends_with("'s")
            && !prev.ends_with("’s")
            && ws.get(k + 1).is_some_and(|(_, n)| *n != "of")
    })?;
    if ws[..participle].iter().any(|(_, w)| maybe_finite(w))
        || matches!(
            ws[participle - 1].1.to_lowercase().as_str(),
            "be" | "been" | "being"
        )
    {
        return None;
    }
    let start = ws[0].0;
    for j in participle + 1..ws.len() {
        let (pos, w) = ws[j];
        if maybe_finite(w) {
            // A finite verb before any resumption: the fragment was a real clause.
            return None;
        }
        if !capitalized(w) {
            continue;
        }
        let prev = ws[j - 1].1.to_lowercase();
        if !matches!(prev.as_str(), "the" | "a" | "an") {
            continue;
        }
        // The capitalized run and what follows it.
        let mut k = j;
        while k < ws.len() && capitalized(ws[k].1) {
            k += 1;
        }
        if k < ws.len() && is_finite(ws[k].1) {
            return Some(FusedCaption { start, end: pos });
        }
        let run_end = ws[k - 1].0 + ws[k - 1].1.len();
        if line[run_end..].starts_with(',') {
            let mut m = k;
            while m < ws.len() && capitalized(ws[m].1) {
                m += 1;
            }
            let mut n = m;
            // "has been quoted", "had said": allow the verb group to start with an auxiliary.
            while n < ws.len() && n < m + 1 && !is_finite(ws[n].1) {
                n += 1;
            }
            if m > k && n < ws.len() && is_finite(ws[n].1) {
                return Some(FusedCaption { start, end: pos });
            }
        }
    }
    // Without a parse, a fragment whose end cannot be found is left alone: flagging every
    // participial sentence would bury the real cases in noise.
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines() {
        for l in [
            "Share this article",
            "SUBSCRIBE to our daily briefing",
            "Read more: the talks explained",
            "© 2023 Example Media. All rights reserved.",
            "Copyright 2024 The Daily Example",
            "We use cookies to improve your experience.",
            "Facebook Twitter WhatsApp Email",
            "Facebook | X | Email | Print",
            "Advertisement",
            "Reporting by Jane Doe; Editing by John Roe",
        ] {
            assert!(boilerplate(l).is_some(), "{l}");
        }
        for l in [
            "The minister said he would subscribe to the plan.",
            "Share prices fell sharply on Monday after the announcement.",
            "Officials in the capital refused to comment.",
        ] {
            assert!(boilerplate(l).is_none(), "{l}");
        }
    }

    #[test]
    fn caption_lines() {
        assert!(caption_line("FILE - Soldiers stand guard in the capital, May 3, 2021.").is_some());
        assert!(caption_line("Protesters march in the capital. (AP Photo/Jane Doe)").is_some());
        assert!(caption_line("Photo: a convoy on the main road").is_some());
        assert!(caption_line("The convoy reached the border on Monday.").is_none());
    }

    #[test]
    fn line_keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(
            line_key("  Rebels  seize town! "),
            line_key("rebels seize TOWN")
        );
        assert_ne!(
            line_key("Rebels seize town"),
            line_key("Rebels seize towns")
        );
    }

    #[test]
    fn headlines_and_body_lines() {
        assert!(headline_like(
            "Rebels seize border town after week of fighting"
        ));
        assert!(!headline_like(
            "Rebels seized the town on Monday, officials said."
        ));
        assert!(!headline_like(&"word ".repeat(40)));
    }

    #[test]
    fn datelines() {
        let d = dateline("NIAMEY, Niger (AP) — The junta said on Monday ...").unwrap();
        assert_eq!(d.place, "NIAMEY, Niger");
        assert_eq!(d.agency.as_deref(), Some("AP"));
        assert_eq!(&"NIAMEY, Niger (AP) — The junta"[d.len..], "The junta");
        let d = dateline("WASHINGTON — Lawmakers voted ...").unwrap();
        assert_eq!(d.place, "WASHINGTON");
        assert_eq!(d.agency, None);
        let d = dateline("Abuja, Nigeria (Reuters) - Troops ...").unwrap();
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        // Not datelines: ordinary sentences with dashes, mixed-case place without an agency.
        assert!(dateline("The talks — which began Monday — failed.").is_none());
        assert!(dateline("Abuja, Nigeria - troops arrived").is_none());
        assert!(dateline("He said 10 - 2 was the score").is_none());
    }

    #[test]
    fn fused_caption_is_split_before_the_resumed_sentence() {
        let line = "The talks ended. Crowds in the capital holding banners near the Parliament Speaker, John Doe has told reporters that the vote will go ahead.";
        let found = fused_caption(line);
        let start = line.find("Crowds").unwrap();
        let end = line.find("Parliament").unwrap();
        assert_eq!(found, vec![FusedCaption { start, end }]);
    }

    #[test]
    fn participial_subjects_of_real_sentences_are_left_alone() {
        for line in [
            "Protesters waving flags gathered outside the embassy on Sunday.",
            "Soldiers guarding the palace told Reuters that the president was safe.",
            "The ministers meeting in Abuja said they would act.",
            "Talks are continuing in the capital.",
            "Recent attacks Since the beginning of the year, the Islamic State has claimed dozens.",
            "Rights groups, including the Red Cross, have said the camps are full.",
            "Secretary Jane Doe assured visiting Foreign Minister John Roe that the deal will hold.",
            "Ankara's backing of the Brotherhood during the Cold War has been criticized.",
        ] {
            assert!(fused_caption(line).is_empty(), "{line}");
        }
    }
}
