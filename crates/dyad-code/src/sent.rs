//! A sentence's syntax in the form the coder works on: upper-cased words, 0-based heads,
//! dependency labels normalised to UD v2 so that v1 parses (`dobj`, `nmod`, `nsubjpass`) code
//! the same way.

use dyad_doc::{Document, Sentence};
use std::borrow::Cow;

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub form: String,
    pub lemma: String,
    pub upos: &'a str,
    pub xpos: &'a str,
    pub head: Option<usize>,
    /// UD v2 label, subtype kept (`nsubj:pass`, `obl:agent`).
    pub rel: Cow<'a, str>,
    /// The word as written has letters and none lower-case ("CEBU"), but for a plural `s`
    /// after at least two capitals ("MPs").
    pub caps: bool,
    /// Length of the label's base (`nsubj` in `nsubj:pass`).
    pub base_len: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Sent<'a> {
    pub toks: Vec<Tok<'a>>,
    pub children: Vec<Vec<usize>>,
    /// True when every token has a head and a label.
    pub parsed: bool,
}

fn is_predicate(upos: &str) -> bool {
    matches!(upos, "VERB" | "AUX" | "ADJ")
}

impl<'a> Sent<'a> {
    pub fn from_doc(doc: &'a Document, s: &Sentence) -> Sent<'a> {
        let toks = doc.sentence_tokens(s);
        let n = toks.len();
        let mut out = Vec::with_capacity(n);
        let mut parsed = n > 0;
        for t in toks {
            let raw = doc.token_text(t);
            let stem = match raw.strip_suffix('s') {
                Some(st) if st.chars().filter(|c| c.is_uppercase()).count() >= 2 => st,
                _ => raw,
            };
            let caps =
                stem.chars().any(char::is_alphabetic) && !stem.chars().any(char::is_lowercase);
            let form = upper(raw);
            let lemma = match t.lemma.as_deref() {
                Some(l) if !l.is_empty() && l != "_" => upper(l),
                _ => form.clone(),
            };
            let head = match t.head {
                Some(h) if h >= 1 && (h as usize) <= n => Some(h as usize - 1),
                Some(0) => None,
                _ => {
                    parsed = false;
                    None
                }
            };
            if t.deprel.is_none() {
                parsed = false;
            }
            out.push(Tok {
                form,
                lemma,
                upos: t.upos.as_deref().unwrap_or(""),
                xpos: t.xpos.as_deref().unwrap_or(""),
                head,
                rel: Cow::Borrowed(t.deprel.as_deref().unwrap_or("")),
                caps,
                base_len: 0,
            });
        }
        // A head pointing at itself or a cycle makes the tree unusable; drop such heads.
        for (i, tok) in out.iter_mut().enumerate() {
            if tok.head == Some(i) {
                tok.head = None;
            }
        }
        let heads: Vec<Option<usize>> = out.iter().map(|t| t.head).collect();
        for (i, tok) in out.iter_mut().enumerate() {
            let mut seen = 0;
            let mut cur = heads[i];
            while let Some(h) = cur {
                seen += 1;
                if h == i || seen > n {
                    tok.head = None;
                    parsed = false;
                    break;
                }
                cur = heads[h];
            }
        }
        let preds: Vec<bool> = out.iter().map(|t| is_predicate(t.upos)).collect();
        for t in out.iter_mut() {
            let head_pred = t.head.map(|h| preds[h]).unwrap_or(false);
            if let Some(n) = normalise(&t.rel, head_pred) {
                t.rel = Cow::Owned(n);
            }
        }
        repair_split_subjects(&mut out);
        repair_deadline_objects(&mut out);
        repair_fronted_subjects(&mut out);
        for t in out.iter_mut() {
            t.base_len = t.rel.find(':').unwrap_or(t.rel.len());
        }
        let mut children = vec![Vec::new(); n];
        for (i, t) in out.iter().enumerate() {
            if let Some(h) = t.head {
                children[h].push(i);
            }
        }
        Sent {
            toks: out,
            children,
            parsed,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn rel(&self, i: usize) -> &str {
        &self.toks[i].rel
    }

    /// The label without its subtype (`nsubj:pass` -> `nsubj`).
    pub fn base(&self, i: usize) -> &str {
        let t = &self.toks[i];
        t.rel.get(..t.base_len).unwrap_or(&t.rel)
    }

    pub fn kids<'b>(&'b self, i: usize, rel: &'b str) -> impl Iterator<Item = usize> + 'b {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.toks[c].rel == rel)
    }

    pub fn kid_base<'b>(&'b self, i: usize, base: &'b str) -> impl Iterator<Item = usize> + 'b {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.base(c) == base)
    }

    /// The preposition words (`case` children) of a nominal, upper-cased.
    pub fn case_words(&self, i: usize) -> impl Iterator<Item = &str> + '_ {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| matches!(self.base(c), "case" | "mark"))
            .map(move |c| self.toks[c].form.as_str())
    }

    /// Tokens of the subtree of `i` (sorted), not descending into children whose label is
    /// rejected by `stop`.
    pub fn subtree(&self, i: usize, stop: &dyn Fn(&str) -> bool) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for &c in &self.children[x] {
                if !stop(&self.toks[c].rel) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// A clause has one subject. When a parser gives a predicate two nominal subjects, the first
/// is a modifier of the second if they are adjacent ("Bree | Prime Minister Romendacil
/// clashed"), and the second a conjunct of the first if a conjunction or comma separates them
/// ("Arnor and the evil | Gondor welcomed"). A case-less `nmod` inside a name ("Bree Prime
/// Minister Romendacil" with "Romendacil" as `nmod`) is a compound.
/// "gave the junta one week to ...": a parser often reads the two objects as one phrase ("the
/// junta one week", with "junta" a compound of "week"). When a verb's object is a span of time
/// with a numeral or article right before it and a noun before that, the noun's phrase is the
/// indirect object: the one acted upon.
fn repair_deadline_objects(toks: &mut [Tok<'_>]) {
    const SPANS: &[&str] = &["WEEK", "DAY", "HOUR", "MONTH", "MINUTE", "YEAR"];
    let quantity_before = |toks: &[Tok<'_>], w: usize| {
        w.checked_sub(1)
            .is_some_and(|k| toks[k].upos == "NUM" || matches!(toks[k].form.as_str(), "A" | "AN"))
    };
    // "gave the soldiers who seized power one week to ...": the span hangs in the relative
    // clause; it is the giving verb's object, and the to-clause after it is the span's.
    for w in 0..toks.len() {
        // The relative clause's verb, at most two steps up ("... overthrew President X one
        // week": the span may even hang on the clause's object).
        let Some(mut r) = toks[w].head else { continue };
        if toks[r].rel != "acl:relcl" {
            match toks[r].head {
                Some(up) if toks[up].rel == "acl:relcl" => r = up,
                _ => continue,
            }
        }
        let Some(o) = toks[r].head else { continue };
        let Some(v) = toks[o].head else { continue };
        if !SPANS.contains(&toks[w].lemma.as_str())
            || !quantity_before(toks, w)
            || toks[r].rel != "acl:relcl"
            || toks[o].rel != "obj"
            || toks[v].upos != "VERB"
            || !matches!(toks[w].rel.split(':').next(), Some("obl" | "obj"))
        {
            continue;
        }
        toks[w].head = Some(v);
        toks[w].rel = Cow::Borrowed("obj");
        toks[o].rel = Cow::Borrowed("iobj");
        // The to-clause right after the span ("one week to return X") is the span's.
        if toks.get(w + 1).is_some_and(|t| t.form == "TO") && toks.len() > w + 2 {
            let t = w + 2;
            if toks[t].upos == "VERB" && toks[t].head.is_some_and(|h| h != w && h >= r) {
                toks[t].head = Some(w);
                toks[t].rel = Cow::Borrowed("acl");
            }
        }
    }
    for o in 0..toks.len() {
        let Some(v) = toks[o].head else { continue };
        if toks[o].rel != "obj"
            || toks[v].upos != "VERB"
            || !SPANS.contains(&toks[o].lemma.as_str())
        {
            continue;
        }
        let Some(k) = o.checked_sub(1) else { continue };
        let quantity = quantity_before(toks, o);
        let Some(c) = k.checked_sub(1) else { continue };
        if !quantity || c <= v || !matches!(toks[c].upos, "NOUN" | "PROPN") {
            continue;
        }
        // c's phrase: the words before it, back to the verb, that hang on the object or on c.
        toks[c].head = Some(v);
        toks[c].rel = Cow::Borrowed("iobj");
        toks[k].head = Some(o);
        toks[k].rel = Cow::Borrowed(if toks[k].upos == "NUM" {
            "nummod"
        } else {
            "det"
        });
        for t in toks.iter_mut().take(c).skip(v + 1) {
            if t.head == Some(o) {
                t.head = Some(c);
            }
        }
    }
}

/// "On Saturday, the Senate advised ...": a parser may conjoin the subject with the fronted
/// time phrase ("Senate" a `conj` of "Saturday"). A verb without a subject whose time phrase
/// before it has a nominal conjunct after a comma gets that conjunct back as its subject.
fn repair_fronted_subjects(toks: &mut [Tok<'_>]) {
    const TIMES: &[&str] = &[
        "YESTERDAY",
        "TODAY",
        "WEEK",
        "MONTH",
        "YEAR",
        "DAY",
        "NIGHT",
        "MORNING",
        "EVENING",
        "AFTERNOON",
    ];
    let time_word = |w: &str| TIMES.contains(&w) || dyad_time::is_weekday(&w.to_lowercase());
    let n = toks.len();
    for x in 0..n {
        let Some(h) = toks[x].head else { continue };
        let Some(v) = toks[h].head else { continue };
        if toks[x].rel != "conj"
            || !matches!(toks[x].upos, "NOUN" | "PROPN")
            || toks[v].upos != "VERB"
            || h >= x
            || x >= v
            || !toks[h].rel.starts_with("obl")
            || !time_word(toks[h].lemma.as_str())
            || !toks[h + 1..x].iter().any(|t| t.form == ",")
            || toks[h + 1..x].iter().any(|t| t.upos == "CCONJ")
        {
            continue;
        }
        let has_subject = toks
            .iter()
            .any(|t| t.head == Some(v) && t.rel.starts_with("nsubj"));
        if !has_subject {
            toks[x].head = Some(v);
            toks[x].rel = Cow::Borrowed("nsubj");
        }
    }
}

fn repair_split_subjects(toks: &mut [Tok<'_>]) {
    let n = toks.len();
    let mut has_case = vec![false; n];
    let mut subjects: Vec<(usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Some(h) = t.head {
            if t.rel.split(':').next() == Some("case") {
                has_case[h] = true;
            }
            if t.rel == "nsubj" {
                subjects.push((h, i));
            }
        }
    }
    for i in 0..n {
        let nominal = |u: &str| matches!(u, "PROPN" | "NOUN");
        if toks[i].rel == "nmod" && nominal(toks[i].upos) && !has_case[i] {
            if let Some(h) = toks[i].head {
                if h + 1 == i && nominal(toks[h].upos) {
                    toks[i].rel = Cow::Borrowed("flat");
                }
            }
        }
    }
    subjects.sort_unstable();
    for w in subjects.windows(2) {
        let ((p, a), (q, b)) = (w[0], w[1]);
        if p != q
            || !matches!(toks[a].upos, "PROPN" | "NOUN")
            || !matches!(toks[b].upos, "PROPN" | "NOUN")
        {
            continue;
        }
        // The first word of b's phrase: walk left while words belong to it.
        let mut first = b;
        while first > a + 1 && phrase_head(toks, first - 1, b) {
            first -= 1;
        }
        let between = &toks[a + 1..first];
        let joined = between
            .iter()
            .any(|t| matches!(t.upos, "CCONJ" | "CONJ") || t.form == ",");
        if joined {
            toks[b].head = Some(a);
            toks[b].rel = Cow::Borrowed("conj");
        } else if between.iter().all(|t| t.head != Some(p)) {
            toks[a].head = Some(b);
            toks[a].rel = Cow::Borrowed("compound");
        }
    }
}

/// Does token `x` belong to the phrase headed by `h` (walking up its heads)?
fn phrase_head(toks: &[Tok<'_>], x: usize, h: usize) -> bool {
    let mut cur = x;
    for _ in 0..toks.len() {
        if cur == h {
            return true;
        }
        match toks[cur].head {
            Some(up) => cur = up,
            None => return false,
        }
    }
    false
}

/// Upper-cases a word, without Unicode tables for the usual ASCII case.
fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    }
}

/// Maps UD v1 labels to v2 (`None`: already v2); `nmod` under a predicate is v2 `obl`.
fn normalise(rel: &str, head_is_predicate: bool) -> Option<String> {
    let rel = rel.trim();
    let (base, sub) = match rel.split_once(':') {
        Some((b, s)) => (b, Some(s)),
        None => (rel, None),
    };
    let mapped = match (base, sub) {
        ("dobj", _) => "obj".to_string(),
        ("nsubjpass", _) => "nsubj:pass".to_string(),
        ("csubjpass", _) => "csubj:pass".to_string(),
        ("auxpass", _) => "aux:pass".to_string(),
        ("name", _) => "flat".to_string(),
        ("mwe", _) => "fixed".to_string(),
        ("neg", _) => "advmod".to_string(),
        ("nmod", Some("poss")) => "nmod:poss".to_string(),
        ("nmod", Some("agent")) => "obl:agent".to_string(),
        ("nmod", Some(s)) if head_is_predicate => format!("obl:{s}"),
        ("nmod", None) if head_is_predicate => "obl".to_string(),
        _ => return None,
    };
    Some(mapped)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn v1_labels_map_to_v2() {
        let n = |r, p| normalise(r, p).unwrap_or_else(|| r.to_string());
        assert_eq!(n("dobj", true), "obj");
        assert_eq!(n("nmod", true), "obl");
        assert_eq!(n("nmod", false), "nmod");
        assert_eq!(n("nmod:tmod", true), "obl:tmod");
        assert_eq!(n("nmod:poss", true), "nmod:poss");
        assert_eq!(n("nsubjpass", true), "nsubj:pass");
        assert_eq!(n("auxpass", true), "aux:pass");
        assert_eq!(n("obj", true), "obj");
    }
}
