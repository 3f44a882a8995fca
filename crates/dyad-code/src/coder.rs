//! The coder: actors in noun phrases, verbs matched to dictionary patterns over the dependency
//! tree, one event per (source, target) pair.

use crate::cameo;
use crate::dict::{Dictionaries, PhraseKind, VerbRef};
use crate::sent::Sent;
use dyad_dict::agents::CodePosition;
use dyad_dict::verbs::{NounPhrase, Pattern, PatternBody, PrepPhrase, Term, Token1};
use dyad_dict::DictDate;
use dyad_doc::{
    ActorMention, Attribution, DatePrecision, Document, Event, EventActor, Evidence, Modality,
    Plover, Rule, Span,
};

/// Options of the coder.
#[derive(Debug, Clone)]
pub struct CoderOptions {
    /// Keep events whose target could not be found (`target: null`).
    pub allow_missing_target: bool,
    /// Keep negated events (flagged `modality.negated`); when false they are dropped.
    pub keep_negated: bool,
    /// A passive verb without a `by` agent takes its source from the first oblique phrase
    /// naming an actor ("X was shot in Y" -> Y acts on X), as PETRARCH's suite expects.
    pub passive_oblique_source: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            allow_missing_target: false,
            keep_negated: true,
            passive_oblique_source: false,
        }
    }
}

/// Why a sentence (or the whole story) was not coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    pub story: bool,
    pub rule: Rule,
}

/// An actor as the coder resolved it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Actor {
    pub code: String,
    /// The country/organisation code without agents (`---` when only agents matched).
    base: String,
    agents: Vec<(String, CodePosition)>,
    /// Head token and token span (sentence-relative, half-open).
    pub head: usize,
    pub start: usize,
    pub end: usize,
    pub rule: Option<Rule>,
}

/// An event before it becomes a [`dyad_doc::Event`].
#[derive(Debug, Clone)]
pub(crate) struct Proto {
    pub verb: usize,
    pub code: String,
    pub source: Actor,
    pub target: Option<Actor>,
    pub rule: Rule,
    pub negated: bool,
    pub speaker: Option<(usize, usize)>,
}

/// Result of coding one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceResult {
    pub events: Vec<Proto>,
    pub discard: Option<Discard>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: PhraseKind,
    pub line: usize,
    /// Actor code on the article date; agent code for agents.
    pub code: Option<String>,
}

/// Lemmas whose clausal complement is reported speech.
const SPEECH: &[&str] = &[
    "SAY", "TELL", "REPORT", "ANNOUNCE", "CLAIM", "STATE", "ADD", "DECLARE", "ALLEGE", "ASSERT",
    "INSIST", "NOTE", "WRITE", "ACCORD", "CONFIRM", "QUOTE",
];

const NEGATORS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];

/// The coder: borrows the dictionaries, holds no per-call state, so one coder serves many
/// threads.
#[derive(Debug, Clone)]
pub struct Coder<'d> {
    dicts: &'d Dictionaries,
    opts: CoderOptions,
}

fn dict_date(doc: &Document) -> Option<DictDate> {
    let d = doc.article.published.as_ref()?.date;
    DictDate::from_ymd(d.year() as i32, d.month() as u8, d.day() as u8)
}

fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

impl<'d> Coder<'d> {
    pub fn new(dicts: &'d Dictionaries, opts: CoderOptions) -> Coder<'d> {
        Coder { dicts, opts }
    }

    pub fn options(&self) -> &CoderOptions {
        &self.opts
    }

    /// Codes a document: reads tokens with syntax and the publication date, appends actor
    /// mentions to `doc.actors` and events to `doc.events`. Sentences without syntax are
    /// skipped with a warning; a story discard drops every event of the document.
    pub fn code(&self, doc: &mut Document) {
        let date = dict_date(doc);
        let mut events = Vec::new();
        let mut actors = Vec::new();
        let mut story_discard = None;
        let mut warnings = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let sent = Sent::from_doc(doc, s);
            if sent.len() == 0 {
                continue;
            }
            let res = self.code_sent(&sent, date);
            if let Some(d) = &res.discard {
                warnings.push(format!(
                    "code: sentence {si} discarded by {}:{} ({})",
                    d.rule.dictionary, d.rule.line, d.rule.pattern
                ));
                if d.story {
                    story_discard = Some(d.clone());
                }
                continue;
            }
            if !sent.parsed {
                warnings.push(format!("code: sentence {si} has no complete parse; not coded"));
            }
            let toks = doc.sentence_tokens(s);
            let span = |a: usize, b: usize| -> Option<Span> {
                let (first, last) = (toks.get(a)?, toks.get(b.checked_sub(1)?)?);
                Some(Span {
                    token_start: a as u32,
                    token_end: b as u32,
                    start: first.start,
                    end: last.end,
                    text: doc.span_text(first.start, last.end).to_string(),
                })
            };
            for m in &res.mentions {
                if let (PhraseKind::Actor(i), Some(sp)) = (m.kind, span(m.start, m.end)) {
                    let entry = self.dicts.actors.entries.get(i);
                    actors.push(ActorMention {
                        start: sp.start,
                        end: sp.end,
                        text: sp.text,
                        code: m.code.clone(),
                        name: entry.map(|e| e.phrase.text()),
                        rule: entry.map(|e| Rule {
                            dictionary: e.file.clone(),
                            line: m.line as u32,
                            pattern: e.phrase.to_string(),
                        }),
                    });
                }
            }
            let sentence_text = doc.sentence_text(s).to_string();
            for p in res.events {
                let Some(verb) = span(p.verb, p.verb + 1) else {
                    continue;
                };
                let src_span = span(p.source.start, p.source.end);
                let tgt_span = p.target.as_ref().and_then(|t| span(t.start, t.end));
                let src_text = src_span.as_ref().map(|s| s.text.clone()).unwrap_or_default();
                let tgt = p.target.as_ref().map(|t| EventActor {
                    text: tgt_span.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
                    code: Some(t.code.clone()),
                });
                let code = p.code.clone();
                let tcode = p.target.as_ref().map(|t| t.code.as_str()).unwrap_or("");
                let id = fnv(&[
                    &doc.article.id,
                    &si.to_string(),
                    &code,
                    &p.source.code,
                    tcode,
                    &p.verb.to_string(),
                ]);
                let plover = cameo::plover(&code)
                    .map(|c| Plover {
                        event: c.plover_event.map(str::to_string),
                        mode: c.plover_mode.map(str::to_string),
                        context: c.plover_context.map(|x| vec![x.to_string()]).unwrap_or_default(),
                    })
                    .unwrap_or_default();
                let speaker = p
                    .speaker
                    .and_then(|(a, b)| span(a, b))
                    .map(|s| s.text);
                let outlet = doc.outlet().map(str::to_string);
                let attribution = if speaker.is_some() || outlet.is_some() {
                    Some(Attribution {
                        outlet,
                        speaker,
                        hedged: false,
                        cue: None,
                    })
                } else {
                    None
                };
                events.push(Event {
                    id,
                    article_id: doc.article.id.clone(),
                    sentence_index: si as u32,
                    sentence: sentence_text.clone(),
                    source: EventActor {
                        text: src_text,
                        code: Some(p.source.code.clone()),
                    },
                    target: tgt,
                    cameo_root: cameo::root(&code).to_string(),
                    quad_class: cameo::quad_class(&code),
                    goldstein: cameo::goldstein(&code),
                    cameo: code,
                    plover,
                    date: doc.article.published.as_ref().map(|p| p.date.to_string()),
                    date_precision: if doc.article.published.is_some() {
                        DatePrecision::Publication
                    } else {
                        DatePrecision::Unknown
                    },
                    date_text: None,
                    location: None,
                    attribution,
                    modality: Modality {
                        negated: p.negated,
                        future: false,
                        hypothetical: false,
                    },
                    evidence: Evidence {
                        verb,
                        source: src_span,
                        target: tgt_span,
                    },
                    rule: p.rule.clone(),
                });
            }
        }
        doc.warnings.extend(warnings);
        doc.actors.extend(actors);
        if let Some(d) = story_discard {
            doc.warnings.push(format!(
                "code: story discarded by {}:{} ({})",
                d.rule.dictionary, d.rule.line, d.rule.pattern
            ));
            return;
        }
        doc.events.extend(events);
    }

    /// Codes one sentence.
    pub(crate) fn code_sent(&self, sent: &Sent, date: Option<DictDate>) -> SentenceResult {
        let mut res = SentenceResult {
            discard: self.discard(sent).or_else(|| dateline(sent)),
            ..Default::default()
        };
        if res.discard.is_some() {
            return res;
        }
        res.mentions = self.mentions(sent, date);
        if !sent.parsed {
            return res;
        }
        let cx = Cx {
            c: self,
            s: sent,
            m: &res.mentions,
        };
        let mut events = Vec::new();
        for v in 0..sent.len() {
            cx.code_verb(v, &mut events);
        }
        res.events = events;
        res
    }

    fn discard(&self, sent: &Sent) -> Option<Discard> {
        let forms: Vec<&str> = sent.toks.iter().map(|t| t.form.as_str()).collect();
        for e in &self.dicts.discards.entries {
            let n = e.words.len();
            if n == 0 || n > forms.len() {
                continue;
            }
            let hit = (0..=forms.len() - n).any(|i| {
                e.words.iter().enumerate().all(|(k, w)| {
                    let f = forms[i + k];
                    f == w || (k + 1 == n && !e.whole_word && f.starts_with(w.as_str()) && f.len() <= w.len() + 2)
                })
            });
            if hit {
                return Some(Discard {
                    story: e.story,
                    rule: Rule {
                        dictionary: e.file.clone(),
                        line: e.line as u32,
                        pattern: format!("{}{}", if e.story { "+" } else { "" }, e.words.join(" ")),
                    },
                });
            }
        }
        None
    }

    /// Longest-match of actor and agent phrases over the sentence's words.
    fn mentions(&self, sent: &Sent, date: Option<DictDate>) -> Vec<Mention> {
        let mut out = Vec::new();
        let n = sent.len();
        let mut i = 0;
        while i < n {
            let mut best: Option<Mention> = None;
            if let Some(cands) = self.dicts.phrases.get(&sent.toks[i].form) {
                for p in cands {
                    let len = p.words.len();
                    if i + len > n {
                        continue;
                    }
                    if p.words.iter().enumerate().all(|(k, w)| sent.toks[i + k].form == *w) {
                        let code = match p.kind {
                            PhraseKind::Actor(a) => self.dicts.actors.entries.get(a).and_then(|e| {
                                match date {
                                    Some(d) => e.code_on(d),
                                    None => e.default_code(),
                                }
                                .map(str::to_string)
                            }),
                            PhraseKind::Agent(a) => {
                                self.dicts.agents.entries.get(a).map(|e| e.code.clone())
                            }
                        };
                        best = Some(Mention {
                            start: i,
                            end: i + len,
                            kind: p.kind,
                            line: p.line,
                            code,
                        });
                        break;
                    }
                }
            }
            match best {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Labels that stay inside a noun phrase's core (the words that name the actor).
fn in_core(rel: &str) -> bool {
    let base = rel.split(':').next().unwrap_or(rel);
    matches!(
        base,
        "compound" | "flat" | "amod" | "det" | "nummod" | "goeswith" | "fixed"
    ) || rel == "nmod:poss"
        || rel == "case"
}

/// Labels that start a new clause: the coder does not look for a verb's actors inside them.
fn is_clausal(rel: &str) -> bool {
    let base = rel.split(':').next().unwrap_or(rel);
    matches!(
        base,
        "ccomp" | "advcl" | "parataxis" | "acl" | "csubj" | "conj" | "punct" | "xcomp" | "list"
    )
}

struct Cx<'a, 'd> {
    c: &'a Coder<'d>,
    s: &'a Sent,
    m: &'a [Mention],
}

/// What a pattern match decided.
struct PMatch<'p> {
    pattern: &'p Pattern,
    score: usize,
    source: Option<Vec<Actor>>,
    target: Option<Vec<Actor>>,
    /// Object of a pattern preposition with no object words: the default target.
    pp_target: Option<Vec<Actor>>,
}

impl Cx<'_, '_> {
    fn word_is(&self, t: usize, w: &str) -> bool {
        let tok = &self.s.toks[t];
        tok.form == w || tok.lemma == w
    }

    fn synset(&self, dict: usize, name: &str) -> &[Vec<String>] {
        self.c
            .dicts
            .synsets
            .get(&(dict, name.to_uppercase()))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Does a literal term (word or synset) match at token `t` (a multi-word synset member
    /// ends at `t`)?
    fn term_at(&self, dict: usize, term: &Term, t: usize) -> bool {
        match term {
            Term::Word(w) => self.word_is(t, &w.to_uppercase()),
            Term::Synset(name) => self.synset(dict, name).iter().any(|ph| {
                let n = ph.len();
                n > 0
                    && t + 1 >= n
                    && ph
                        .iter()
                        .enumerate()
                        .all(|(k, w)| self.word_is(t + 1 - n + k, w))
            }),
            _ => false,
        }
    }

    /// Actors of the noun phrase headed by `h` and its conjuncts ("A and B" gives two).
    fn np_list(&self, h: usize, depth: usize) -> Vec<Actor> {
        if depth > 8 {
            return Vec::new();
        }
        let mut members = vec![self.np_single(h, depth)];
        // Conjuncts, and lists that a parser split into apposition + conjunction
        // ("A, the B, C and D"): an apposition counts only when it names an actor.
        let mut stack: Vec<usize> = self.s.kids(h, "conj").collect();
        stack.extend(self.s.kids(h, "appos"));
        stack.sort_unstable_by(|a, b| b.cmp(a));
        while let Some(c) = stack.pop() {
            members.push(self.np_single(c, depth));
            let mut more: Vec<usize> = self.s.kids(c, "conj").collect();
            more.extend(self.s.kids(c, "appos"));
            more.sort_unstable_by(|a, b| b.cmp(a));
            stack.extend(more);
        }
        // A conjunct with agents only borrows the actor of a coded conjunct
        // ("Danish media and government").
        let base: Option<String> = members
            .iter()
            .flatten()
            .find(|a| a.base != "---")
            .map(|a| a.base.clone());
        let mut out = Vec::new();
        for m in members {
            for mut a in m {
                if a.base == "---" {
                    if let Some(b) = &base {
                        a.code = compose(b, &a.agents);
                        a.base = b.clone();
                    }
                }
                if !out.iter().any(|o: &Actor| o.code == a.code) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// Actors of one noun phrase (its own words, else an `of/in/from` phrase attached to it).
    fn np_single(&self, h: usize, depth: usize) -> Vec<Actor> {
        let s = self.s;
        let core = s.subtree(h, &|r| !in_core(r));
        // A dictionary phrase counts when it lies in the core or covers the head itself
        // ("the Prince of Dol Amroth" is one actor phrase across an `of` attachment).
        let inside = |m: &Mention| {
            (m.start..m.end).contains(&h) || (m.start..m.end).all(|t| core.binary_search(&t).is_ok())
        };
        let mut actor: Option<&Mention> = None;
        let mut agents: Vec<(String, CodePosition)> = Vec::new();
        for m in self.m.iter().filter(|m| inside(m)) {
            match m.kind {
                // The first actor named wins: "Ithilen's minister Calimehtar" is Ithilen's.
                PhraseKind::Actor(_) => {
                    if m.code.is_some() && actor.is_none() {
                        actor = Some(m);
                    }
                }
                PhraseKind::Agent(a) => {
                    if let Some(c) = &m.code {
                        agents.push((c.clone(), self.c.dicts.agent_position(a)));
                    }
                }
            }
        }
        let (start, end) = (
            core.first().copied().unwrap_or(h),
            core.last().map(|x| x + 1).unwrap_or(h + 1),
        );
        if let Some(m) = actor {
            let base = m.code.clone().unwrap_or_default();
            let rule = match m.kind {
                PhraseKind::Actor(i) => self.c.dicts.actors.entries.get(i).map(|e| Rule {
                    dictionary: e.file.clone(),
                    line: m.line as u32,
                    pattern: e.phrase.to_string(),
                }),
                PhraseKind::Agent(_) => None,
            };
            return vec![Actor {
                code: compose(&base, &agents),
                base,
                agents,
                head: h,
                start,
                end,
                rule,
            }];
        }
        // No actor in the words: an attached "of/in/from X" phrase may name it.
        for c in s.children[h].iter().copied() {
            if s.base(c) != "nmod" || s.rel(c) == "nmod:poss" || c < h {
                continue;
            }
            let sub = self.np_list(c, depth + 1);
            if !sub.is_empty() {
                return sub
                    .into_iter()
                    .map(|a| {
                        let mut ag = agents.clone();
                        ag.extend(a.agents.iter().cloned());
                        Actor {
                            code: compose(&a.base, &ag),
                            base: a.base,
                            agents: ag,
                            head: h,
                            start,
                            end: a.end.max(end),
                            rule: a.rule,
                        }
                    })
                    .collect();
            }
        }
        if !agents.is_empty() {
            let base = "---".to_string();
            return vec![Actor {
                code: compose(&base, &agents),
                base,
                agents,
                head: h,
                start,
                end,
                rule: None,
            }];
        }
        Vec::new()
    }

    /// The subject of `v`'s clause, looking through `xcomp`/`conj` chains and relative clauses.
    fn subject(&self, v: usize) -> Option<(usize, bool)> {
        let s = self.s;
        let mut cur = v;
        for _ in 0..8 {
            if let Some(c) = s.children[cur]
                .iter()
                .copied()
                .find(|&c| matches!(s.rel(c), "nsubj" | "nsubj:pass" | "nsubj:xsubj"))
            {
                let passive = s.rel(c) == "nsubj:pass";
                let relpro = matches!(s.toks[c].form.as_str(), "WHO" | "WHICH" | "THAT");
                if relpro && s.rel(cur).starts_with("acl") {
                    return s.toks[cur].head.map(|h| (h, passive));
                }
                // "X said it would ...": a pronoun subject of a complement clause is the
                // subject of the clause that governs it.
                let pron = matches!(
                    s.toks[c].form.as_str(),
                    "IT" | "HE" | "SHE" | "THEY" | "WE"
                );
                if pron && matches!(s.base(cur), "ccomp" | "xcomp" | "advcl") {
                    if let Some(up) = s.toks[cur].head.and_then(|h| self.subject(h)) {
                        return Some((up.0, passive));
                    }
                }
                return Some((c, passive));
            }
            let r = s.rel(cur);
            match s.toks[cur].head {
                Some(h) if r == "xcomp" || r == "conj" => cur = h,
                Some(h) if r.starts_with("acl") && r != "acl:relcl" => return Some((h, false)),
                _ => return None,
            }
        }
        None
    }

    /// Is `v` passive (an `aux:pass` child or a passive subject)?
    fn passive(&self, v: usize) -> bool {
        let s = self.s;
        s.children[v]
            .iter()
            .any(|&c| matches!(s.rel(c), "aux:pass" | "nsubj:pass"))
    }

    fn negated(&self, v: usize) -> bool {
        let s = self.s;
        s.children[v].iter().any(|&c| {
            matches!(s.base(c), "advmod" | "neg" | "aux" | "det")
                && NEGATORS.contains(&s.toks[c].form.as_str())
        })
    }

    /// The passive agent ("by X").
    fn by_agent(&self, v: usize) -> Option<usize> {
        let s = self.s;
        s.children[v].iter().copied().find(|&c| {
            s.rel(c) == "obl:agent" || (s.base(c) == "obl" && s.case_words(c).any(|w| w == "BY"))
        })
    }

    /// The default target: object, indirect object, then oblique phrases in order.
    fn default_target(&self, v: usize, skip: Option<usize>) -> Vec<Actor> {
        let s = self.s;
        for rel in ["obj", "iobj"] {
            for c in s.kids(v, rel) {
                let a = self.np_list(c, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        for c in s.children[v].iter().copied() {
            if Some(c) == skip || s.base(c) != "obl" || matches!(s.rel(c), "obl:tmod" | "obl:npmod")
            {
                continue;
            }
            let a = self.np_list(c, 0);
            if !a.is_empty() {
                return a;
            }
        }
        // Else the first actor named after the verb inside its phrase, including participle
        // and infinitive modifiers ("cordoned off the roads leading into X", "signed an accord
        // to supply X").
        let region = self.extended_region(v);
        for m in self.m {
            if m.start > v && m.code.is_some() && region.binary_search(&m.start).is_ok() {
                let a = self.np_list(self.np_head(m.start), 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        Vec::new()
    }

    /// The verb's phrase plus `acl` modifiers and `to`-infinitive complements, not finite
    /// sub-clauses, reported speech or the subject.
    fn extended_region(&self, v: usize) -> Vec<usize> {
        let s = self.s;
        let mut out = Vec::new();
        for &c in &s.children[v] {
            let r = s.rel(c);
            let to_inf = matches!(s.base(c), "advcl" | "xcomp")
                && s.children[c].iter().any(|&k| s.base(k) == "mark" && s.toks[k].form == "TO");
            if (is_clausal(r) && !to_inf) || r.starts_with("nsubj") || r.starts_with("csubj") {
                continue;
            }
            out.extend(s.subtree(c, &|r| {
                matches!(r.split(':').next().unwrap_or(r), "parataxis" | "punct" | "ccomp" | "advcl" | "conj")
            }));
        }
        out.sort_unstable();
        out
    }

    /// Speaker of reported speech around `v`: "X said (that) v..." or "v..., X said".
    fn speaker(&self, v: usize) -> Option<(usize, usize)> {
        let s = self.s;
        let np = |h: usize| {
            let t = s.subtree(h, &|r| is_clausal(r));
            Some((*t.first()?, *t.last()? + 1))
        };
        if matches!(s.base(v), "ccomp" | "parataxis") {
            if let Some(h) = s.toks[v].head {
                if SPEECH.contains(&s.toks[h].lemma.as_str()) {
                    if let Some(subj) = s.kid_base(h, "nsubj").next() {
                        return np(subj);
                    }
                }
            }
        }
        for c in s.kid_base(v, "parataxis") {
            if SPEECH.contains(&s.toks[c].lemma.as_str()) {
                if let Some(subj) = s.kid_base(c, "nsubj").next() {
                    return np(subj);
                }
            }
        }
        None
    }

    /// Finds the dictionary verb at token `v` (surface form first, then lemma; a multi-word verb
    /// needs its particles next to it).
    fn lookup_verb(&self, v: usize) -> Option<VerbRef> {
        let s = self.s;
        let tok = &s.toks[v];
        if !matches!(tok.upos.as_str(), "VERB" | "") {
            return None;
        }
        let d = self.c.dicts;
        let mut single = None;
        for key in [&tok.form, &tok.lemma] {
            let Some(refs) = d.verb_words.get(key.as_str()) else {
                continue;
            };
            for r in refs {
                let Some(verb) = d
                    .verbs
                    .get(r.dict)
                    .and_then(|x| x.blocks.get(r.block))
                    .and_then(|b| b.verbs.get(r.verb))
                else {
                    continue;
                };
                let form = verb.forms.get(r.form);
                let (before, after) = match form {
                    Some(f) => (&f.before, &f.after),
                    None => (&verb.before, &verb.after),
                };
                if before.is_empty() && after.is_empty() {
                    if single.is_none() {
                        single = Some(*r);
                    }
                    continue;
                }
                let ok_before = before.iter().rev().enumerate().all(|(k, w)| {
                    v > k && s.toks[v - 1 - k].form == w.to_uppercase()
                });
                let ok_after = after.iter().enumerate().all(|(k, w)| {
                    let w = w.to_uppercase();
                    s.toks.get(v + 1 + k).map(|t| t.form == w).unwrap_or(false)
                        || s.children[v].iter().any(|&c| s.toks[c].form == w)
                });
                if ok_before && ok_after {
                    return Some(*r);
                }
            }
            if single.is_some() {
                break;
            }
        }
        single
    }

    fn code_verb(&self, v: usize, out: &mut Vec<Proto>) {
        let Some(r) = self.lookup_verb(v) else {
            return;
        };
        let d = self.c.dicts;
        let Some(block) = d.verbs.get(r.dict).and_then(|x| x.blocks.get(r.block)) else {
            return;
        };
        let Some(verb) = block.verbs.get(r.verb) else {
            return;
        };
        let best = block
            .patterns
            .iter()
            .filter_map(|p| self.match_pattern(r.dict, v, p))
            .fold(None::<PMatch>, |acc, m| match acc {
                Some(a) if a.score >= m.score => Some(a),
                _ => Some(m),
            });
        let (code, rule) = match &best {
            Some(m) => (
                m.pattern.code.clone(),
                Rule {
                    dictionary: m.pattern.file.clone(),
                    line: m.pattern.line as u32,
                    pattern: format!("- {} [{}]", m.pattern.text, m.pattern.code),
                },
            ),
            None => (
                block.code_of(verb).to_string(),
                Rule {
                    dictionary: verb.file.clone(),
                    line: verb.line as u32,
                    pattern: format!("{} [{}]", verb.text, block.code_of(verb)),
                },
            ),
        };
        let (fwd, rev) = match code.split_once(':') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (code.clone(), String::new()),
        };
        let valid = |c: &str| !c.is_empty() && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit());
        if !valid(&fwd) && !valid(&rev) {
            return;
        }

        let passive = self.passive(v);
        let subj = self.subject(v);
        let agent = if passive { self.by_agent(v) } else { None };
        let mut sources = match (passive, agent, subj) {
            (true, Some(a), _) => self.np_list(a, 0),
            (true, None, _) if self.c.opts.passive_oblique_source => {
                let subj_tok = subj.map(|x| x.0);
                s_obl_actors(self, v, subj_tok)
            }
            (true, None, _) => Vec::new(),
            (false, _, Some((s, _))) => self.np_list(s, 0),
            _ => Vec::new(),
        };
        let mut targets = match (passive, subj) {
            (true, Some((s, _))) => self.np_list(s, 0),
            _ => Vec::new(),
        };
        if targets.is_empty() {
            targets = self.default_target(v, agent);
        }
        if let Some(m) = &best {
            if let Some(s) = &m.source {
                sources = s.clone();
            }
            if let Some(t) = &m.target {
                targets = t.clone();
            } else if let Some(t) = &m.pp_target {
                targets = t.clone();
            }
        }
        if sources.is_empty() {
            return;
        }
        let negated = self.negated(v);
        if negated && !self.c.opts.keep_negated {
            return;
        }
        let speaker = self.speaker(v);
        let mut push = |code: &str, src: &Actor, tgt: Option<&Actor>| {
            if let Some(t) = tgt {
                if t.code == src.code {
                    return;
                }
            }
            out.push(Proto {
                verb: v,
                code: code.to_string(),
                source: src.clone(),
                target: tgt.cloned(),
                rule: rule.clone(),
                negated,
                speaker,
            });
        };
        for src in &sources {
            if targets.is_empty() {
                if self.c.opts.allow_missing_target && valid(&fwd) {
                    push(&fwd, src, None);
                }
                continue;
            }
            for tgt in &targets {
                if valid(&fwd) {
                    push(&fwd, src, Some(tgt));
                }
            }
        }
        if valid(&rev) {
            for tgt in &targets {
                for src in &sources {
                    push(&rev, tgt, Some(src));
                }
            }
        }
    }

    /// Tokens the verb's own phrase covers (objects, obliques, particles), not sub-clauses or
    /// the subject.
    fn verb_region(&self, v: usize) -> Vec<usize> {
        let s = self.s;
        let mut out = Vec::new();
        for &c in &s.children[v] {
            let r = s.rel(c);
            if is_clausal(r) && r != "xcomp" || r.starts_with("nsubj") || r.starts_with("csubj") {
                continue;
            }
            out.extend(s.subtree(c, &|r| {
                matches!(r.split(':').next().unwrap_or(r), "acl" | "parataxis" | "punct" | "advcl")
            }));
        }
        out.sort_unstable();
        out
    }

    fn np_matches(&self, dict: usize, np: &NounPhrase, region: &[usize]) -> Option<usize> {
        let head = np.head()?;
        for &t in region {
            if !self.term_at(dict, head, t) {
                continue;
            }
            let sub = self.s.subtree(t, &|_| false);
            let mods_ok = np.modifiers().iter().all(|m| match m {
                Term::Word(_) | Term::Synset(_) => sub.iter().any(|&x| x != t && self.term_at(dict, m, x)),
                _ => true,
            });
            if mods_ok {
                return Some(t);
            }
        }
        None
    }

    fn match_pattern<'p>(&self, dict: usize, v: usize, p: &'p Pattern) -> Option<PMatch<'p>> {
        match &p.body {
            PatternBody::Petrarch2(p2) => self.match2(dict, v, p, p2),
            PatternBody::Petrarch1(p1) => self.match1(dict, v, p, &p1.pre, &p1.post),
        }
    }

    fn match2<'p>(
        &self,
        dict: usize,
        v: usize,
        p: &'p Pattern,
        p2: &dyad_dict::verbs::Pattern2,
    ) -> Option<PMatch<'p>> {
        let s = self.s;
        let region = self.verb_region(v);
        let post: Vec<usize> = region.iter().copied().filter(|&t| t > v).collect();
        // Words before the verb: its auxiliaries/adverbs and, for xcomp chains, the governor's.
        let mut pre: Vec<usize> = region.iter().copied().filter(|&t| t < v).collect();
        let mut cur = v;
        while matches!(s.rel(cur), "xcomp") {
            let Some(h) = s.toks[cur].head else { break };
            pre.push(h);
            pre.extend(s.children[h].iter().copied().filter(|&c| c < v && !s.rel(c).starts_with("nsubj")));
            cur = h;
        }
        pre.extend(s.children[v].iter().copied().filter(|&c| c < v && matches!(s.base(c), "aux" | "advmod" | "mark")));
        pre.sort_unstable();
        pre.dedup();
        let mut m = PMatch {
            pattern: p,
            score: 0,
            source: None,
            target: None,
            pp_target: None,
        };
        // Objects of the verb for `$`/`+` noun terms.
        let objs: Vec<usize> = s.children[v]
            .iter()
            .copied()
            .filter(|&c| matches!(s.rel(c), "obj" | "iobj"))
            .collect();
        for (nouns, area, before) in [(&p2.post_nouns, &post, false), (&p2.pre_nouns, &pre, true)] {
            for np in nouns.iter() {
                match np.head() {
                    Some(Term::Target) | Some(Term::Source) | Some(Term::Compound) => {
                        let is_src = matches!(np.head(), Some(Term::Source));
                        let actors = if before {
                            self.subject(v).map(|(x, _)| self.np_list(x, 0)).unwrap_or_default()
                        } else {
                            objs.iter().flat_map(|&o| self.np_list(o, 0)).collect()
                        };
                        if actors.is_empty() {
                            return None;
                        }
                        if is_src {
                            m.source = Some(actors);
                        } else {
                            m.target = Some(actors);
                        }
                    }
                    Some(Term::Skip) | None => {}
                    Some(_) => {
                        self.np_matches(dict, np, area)?;
                        m.score += np.terms.len() * 2;
                    }
                }
            }
        }
        for (preps, after) in [(&p2.post_preps, true), (&p2.pre_preps, false)] {
            for pp in preps.iter() {
                self.match_pp(dict, v, pp, after, &region, &pre, &mut m)?;
            }
        }
        m.score += 1;
        Some(m)
    }

    #[allow(clippy::too_many_arguments)]
    fn match_pp(
        &self,
        dict: usize,
        v: usize,
        pp: &PrepPhrase,
        after: bool,
        region: &[usize],
        pre: &[usize],
        m: &mut PMatch<'_>,
    ) -> Option<()> {
        let s = self.s;
        if !after {
            // Before the verb the phrase is read as words in order ("able to").
            let mut words: Vec<&Term> = vec![&pp.prep];
            words.extend(pp.objects.iter().flat_map(|o| o.terms.iter()));
            let mut k = 0;
            for &t in pre {
                if k < words.len() && self.term_at(dict, words[k], t) {
                    k += 1;
                }
            }
            if k < words.len() {
                return None;
            }
            m.score += 2 * words.len();
            return Some(());
        }
        for &c in region {
            if c < v {
                continue;
            }
            let has_prep = s.children[c].iter().any(|&k| s.base(k) == "case" && self.term_at(dict, &pp.prep, k));
            if !has_prep {
                continue;
            }
            let sub = s.subtree(c, &|r| matches!(r.split(':').next().unwrap_or(r), "acl" | "punct"));
            let mut tgt = None;
            let mut src = None;
            let mut ok = true;
            let mut score = 2;
            for o in &pp.objects {
                match o.head() {
                    Some(Term::Target) | Some(Term::Compound) => {
                        let a = self.np_list(c, 0);
                        if a.is_empty() {
                            ok = false;
                        }
                        tgt = Some(a);
                    }
                    Some(Term::Source) => {
                        let a = self.np_list(c, 0);
                        if a.is_empty() {
                            ok = false;
                        }
                        src = Some(a);
                    }
                    Some(Term::Skip) | None => {}
                    Some(_) => {
                        if self.np_matches(dict, o, &sub).is_none() {
                            ok = false;
                        }
                        score += 2 * o.terms.len();
                    }
                }
            }
            if !ok {
                continue;
            }
            m.score += score;
            if let Some(t) = tgt {
                m.target = Some(t);
            }
            if let Some(x) = src {
                m.source = Some(x);
            }
            if pp.objects.is_empty() && m.pp_target.is_none() {
                let a = self.np_list(c, 0);
                if !a.is_empty() {
                    m.pp_target = Some(a);
                }
            }
            return Some(());
        }
        None
    }

    /// PETRARCH-1 patterns: words in sentence order before and after the verb (within the
    /// verb's clause), `$`/`+` taking the next actor phrase at that point.
    fn match1<'p>(
        &self,
        dict: usize,
        v: usize,
        p: &'p Pattern,
        pre: &[Token1],
        post: &[Token1],
    ) -> Option<PMatch<'p>> {
        let s = self.s;
        let mut m = PMatch {
            pattern: p,
            score: 1,
            source: None,
            target: None,
            pp_target: None,
        };
        let mut region = self.verb_region(v);
        region.push(v);
        region.extend(s.children[v].iter().copied().filter(|&c| c < v));
        if let Some((subj, _)) = self.subject(v) {
            region.extend(s.subtree(subj, &|r| is_clausal(r)));
        }
        region.sort_unstable();
        region.dedup();
        let after: Vec<usize> = region.iter().copied().filter(|&t| t > v).collect();
        let before: Vec<usize> = region.iter().copied().filter(|&t| t < v).rev().collect();
        // Post-verb tokens forward.
        let mut pos = 0usize;
        let mut last = v;
        for (k, tk) in post.iter().enumerate() {
            let joined = tk.joined_prev || k == 0 && false;
            match &tk.term {
                Term::Source | Term::Target | Term::Compound => {
                    let idx = after[pos..].iter().position(|&t| {
                        self.m.iter().any(|mm| mm.start == t || (mm.start..mm.end).contains(&t))
                    })?;
                    let t = after[pos + idx];
                    let head = self.np_head(t);
                    let a = self.np_list(head, 0);
                    if a.is_empty() {
                        return None;
                    }
                    if matches!(tk.term, Term::Source) {
                        m.source = Some(a);
                    } else {
                        m.target = Some(a);
                    }
                    let span_end = self.m.iter().find(|mm| (mm.start..mm.end).contains(&t)).map(|mm| mm.end).unwrap_or(t + 1);
                    pos = after.iter().position(|&x| x >= span_end).unwrap_or(after.len());
                    last = span_end.saturating_sub(1);
                }
                Term::Skip => {}
                term => {
                    let idx = after[pos..].iter().position(|&t| self.term_at(dict, term, t))?;
                    let t = after[pos + idx];
                    if joined && t != last + 1 {
                        return None;
                    }
                    m.score += 2;
                    last = t;
                    pos += idx + 1;
                }
            }
        }
        // Pre-verb tokens backward.
        let mut pos = 0usize;
        for tk in pre.iter().rev() {
            match &tk.term {
                Term::Source | Term::Target | Term::Compound => {
                    let idx = before[pos..].iter().position(|&t| {
                        self.m.iter().any(|mm| (mm.start..mm.end).contains(&t))
                    })?;
                    let t = before[pos + idx];
                    let a = self.np_list(self.np_head(t), 0);
                    if a.is_empty() {
                        return None;
                    }
                    if matches!(tk.term, Term::Target) {
                        m.target = Some(a);
                    } else {
                        m.source = Some(a);
                    }
                    pos += idx + 1;
                }
                Term::Skip => {}
                term => {
                    let idx = before[pos..].iter().position(|&t| self.term_at(dict, term, t))?;
                    m.score += 2;
                    pos += idx + 1;
                }
            }
        }
        Some(m)
    }

    /// The nominal head a token belongs to (climbing core labels).
    fn np_head(&self, t: usize) -> usize {
        let s = self.s;
        let mut cur = t;
        for _ in 0..s.len() {
            if !in_core(s.rel(cur)) || s.rel(cur) == "nmod:poss" {
                break;
            }
            match s.toks[cur].head {
                Some(h) => cur = h,
                None => break,
            }
        }
        cur
    }
}

/// A sentence that still starts with a wire dateline ("CEBU CITY: --") is not coded: its first
/// words are a place, not an actor (the cleaner normally removes it).
fn dateline(sent: &Sent) -> Option<Discard> {
    let toks = &sent.toks;
    let k = toks.iter().take(6).position(|t| t.form == ":" || t.form == "--")?;
    let caps = k > 0
        && toks[..k].iter().all(|t| t.caps)
        && toks[..k].iter().any(|t| t.form.chars().filter(|c| c.is_alphabetic()).count() > 1);
    (caps && toks.get(k + 1).is_some()).then(|| Discard {
        story: false,
        rule: Rule {
            dictionary: "builtin:dateline".into(),
            line: 0,
            pattern: "CAPITALISED PLACE : or --".into(),
        },
    })
}

/// The first oblique phrase of `v` naming an actor (the source of an agentless passive).
fn s_obl_actors(cx: &Cx<'_, '_>, v: usize, skip: Option<usize>) -> Vec<Actor> {
    let s = cx.s;
    for c in s.children[v].iter().copied() {
        if Some(c) == skip || s.base(c) != "obl" || matches!(s.rel(c), "obl:tmod" | "obl:npmod") {
            continue;
        }
        let a = cx.np_list(c, 0);
        if !a.is_empty() {
            return a;
        }
    }
    Vec::new()
}

/// Actor code plus agent codes: prefixes before, suffixes after; an agent already in the code is
/// not repeated, and the generic `PPL` gives way to any other agent.
fn compose(base: &str, agents: &[(String, CodePosition)]) -> String {
    let mut pre = String::new();
    let mut code = base.to_string();
    let many = agents.len() > 1;
    for (a, pos) in agents {
        if many && a == "PPL" {
            continue;
        }
        if code.contains(a.as_str()) || pre.contains(a.as_str()) {
            continue;
        }
        match pos {
            CodePosition::Prefix => pre.push_str(a),
            CodePosition::Suffix => code.push_str(a),
        }
    }
    pre + &code
}
