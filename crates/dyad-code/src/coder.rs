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
    /// Reproduce two PETRARCH conventions that its validation suite expects but that read
    /// real news poorly: an agentless passive takes its source from the first oblique phrase
    /// naming an actor ("X was shot in Y": Y acts on X), and a verb with no target of its own
    /// takes the first actor named anywhere in its complement clause ("X said he has deep
    /// satisfaction toward Y": X -> Y, and "X said ..." codes X's statement about whoever the
    /// clause names); a past participle modifying a noun is passive only with a `by` agent;
    /// an agent word modifying another noun still makes an actor ("official news agency" is
    /// `---GOV`); a phrase of place or time ("in X", "on Monday") or a speech verb's oblique
    /// other than "to X" can be a target. Off by default; the conformance run turns it on.
    pub petrarch_compat: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            allow_missing_target: false,
            keep_negated: true,
            petrarch_compat: false,
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
    /// How the phrase names its actor: 0 its head does (or an agent, a group or person noun,
    /// a name); 1 only a possessive before a thing ("X's role"); 2 only an adjective or
    /// compound before a thing ("X-funded projects", "X weapons").
    pub mention_only: u8,
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
    /// "will meet", "is going to visit": announced, not yet done.
    pub future: bool,
    pub speaker: Option<(usize, usize)>,
}

/// A coded verb before its targets are settled.
#[derive(Debug, Clone)]
struct Coded {
    v: usize,
    /// Code for source -> target and for the reverse direction; empty when none.
    fwd: String,
    rev: String,
    rule: Rule,
    sources: Vec<Actor>,
    /// Targets among the verb's own dependents or named by the pattern.
    direct: Vec<Actor>,
    negated: bool,
    speaker: Option<(usize, usize)>,
    /// No target may be looked for beyond the verb's own dependents: a passive whose
    /// patient is its subject, reported speech, a generic statement code.
    no_fallback: bool,
    /// The passive `by` agent (its phrase holds sources, never targets).
    agent: Option<usize>,
    /// The verb is in a question or an `if`/`unless` clause: nothing happened.
    hypothetical: bool,
    /// The verb is what an actor plans, prepares or agrees to do ("agreed to a plan to
    /// intervene"): coded as the threat or intent it expresses ([`cameo::as_intent`]).
    intent: bool,
    /// The pattern's compound marker (`%`) pairs the members of one phrase.
    paired: bool,
    /// A verb of reported speech ("said", "told").
    speech: bool,
}

/// Result of coding one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceResult {
    pub events: Vec<Proto>,
    pub discard: Option<Discard>,
    pub mentions: Vec<Mention>,
    /// Codes of the sentence's noun phrases that name a country or body with a role
    /// (`NERMIL`), in text order: what a later "the junta" in the article refers back to.
    pub known: Vec<String>,
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

/// The actor index of a town or province the place stage resolved (see [`Coder::code_sent`]):
/// no dictionary entry has it.
pub(crate) const PLACE_ACTOR: usize = usize::MAX;

/// Towns, capitals and provinces of sentence `s` with their countries, as sentence-token ranges.
fn place_actors(doc: &Document, s: &dyad_doc::Sentence) -> Vec<(usize, usize, String)> {
    let toks = doc.sentence_tokens(s);
    doc.places
        .iter()
        .filter(|p| p.start >= s.start && p.end <= s.end)
        .filter(|p| {
            matches!(
                p.feature.as_deref(),
                Some("city" | "capital" | "admin1" | "admin2" | "area")
            )
        })
        .filter_map(|p| {
            let country = p.country.clone()?;
            let a = toks.iter().position(|t| t.start >= p.start)?;
            let b = toks.iter().rposition(|t| t.end <= p.end)? + 1;
            (a < b).then_some((a, b, country))
        })
        .collect()
}

/// Lemmas whose clausal complement is reported speech.
const SPEECH: &[&str] = &[
    "SAY", "TELL", "REPORT", "ANNOUNCE", "CLAIM", "STATE", "ADD", "DECLARE", "ALLEGE", "ASSERT",
    "INSIST", "WRITE", "CONFIRM", "QUOTE",
];

/// Verbs and nouns of planning: their infinitive complement is announced as intended
/// ("plans to intervene", "a plan to intervene", "ready to deploy").
const PLANS: &[&str] = &[
    "PLAN",
    "INTEND",
    "AIM",
    "PREPARE",
    "DECIDE",
    "VOW",
    "PLEDGE",
    "PROMISE",
    "AGREE",
    "READY",
    "PROPOSE",
    "CONSIDER",
    "MULL",
    "WEIGH",
    "INTENTION",
    "DECISION",
    "PROPOSAL",
    "PLEDGE",
    "READINESS",
    "PREPARATION",
    "RESOLVE",
    "DETERMINED",
    "POISED",
    "SET",
];

/// Words whose infinitive complement is only hoped for or expected.
const INTENT: &[&str] = &[
    "HOPE", "WISH", "SEEK", "EXPECT", "PLAN", "INTEND", "AIM", "DUE", "LIKELY", "SUPPOSE",
    "SCHEDULE",
];

/// Verbs whose controlled complement is asked for, not done ("urged X to withdraw").
const DIRECTIVE: &[&str] = &[
    "URGE",
    "ASK",
    "CALL",
    "APPEAL",
    "DEMAND",
    "PRESS",
    "ENCOURAGE",
    "INVITE",
    "REQUEST",
    "WANT",
    "NEED",
    "AFFORD",
    "TRY",
    "ATTEMPT",
    "PROPOSE",
    "SUGGEST",
    "RECOMMEND",
    "ADVISE",
    "PUSH",
    "LOBBY",
    "PETITION",
];

/// Verbs whose clausal complement is a belief or a forecast ("believes they will meet").
const BELIEF: &[&str] = &[
    "BELIEVE",
    "THINK",
    "PREDICT",
    "FEAR",
    "SUGGEST",
    "DOUBT",
    "SPECULATE",
    "EXPECT",
    "WORRY",
    "ESTIMATE",
    "GUESS",
    "IMAGINE",
    "SUSPECT",
    "HOPE",
    "WISH",
];

/// Verbs of communication other than reported speech: their generic `010` is a statement.
const COMMUNICATION: &[&str] = &[
    "SPEAK",
    "ADDRESS",
    "BRIEF",
    "INFORM",
    "COMMENT",
    "TALK",
    "REITERATE",
    "STRESS",
    "EXPLAIN",
    "REMARK",
    "RESPOND",
    "REPLY",
    "TESTIFY",
];

/// Heads that make a group out of an agent word before them ("the militant group").
const GROUP_NOUNS: &[&str] = &[
    "GROUP",
    "FORCE",
    "FORCES",
    "MOVEMENT",
    "ORGANIZATION",
    "ORGANISATION",
    "PARTY",
    "FACTION",
    "MEMBER",
    "UNIT",
    "ALLIANCE",
    "COALITION",
    "NETWORK",
    "CELL",
    "REGIME",
    "AUTHORITY",
    "AUTHORITIES",
    "FIGHTER",
    "OFFICIAL",
    "BODY",
    "COUNCIL",
    "COMMITTEE",
    "AGENCY",
];

/// Prepositions of place and time: their phrases are circumstances, not targets. (`on` and
/// `at` often mark targets: "sanctions on X", "fired at X".)
const LOCATIVE: &[&str] = &[
    "IN",
    "NEAR",
    "DURING",
    "INSIDE",
    "THROUGHOUT",
    "ACROSS",
    "AROUND",
    "OUTSIDE",
    "WITHIN",
    "AMID",
    "AMONG",
    "SINCE",
    "AFTER",
    "BEFORE",
    "UNTIL",
    "UNDER",
];

/// Nouns for people and bodies that the agents dictionary does not list: "Chinese rivals"
/// names China, "Chinese weapons" only mentions it.
const PERSON_NOUNS: &[&str] = &[
    "ALLY",
    "ALLIES",
    "PARTNER",
    "NEIGHBOR",
    "NEIGHBOUR",
    "COUNTERPART",
    "CITIZEN",
    "NATIONAL",
    "RESIDENT",
    "PEOPLE",
    "DELEGATION",
    "TEAM",
    "SIDE",
    "LEADERSHIP",
    "STATE",
    "COUNTRY",
    "NATION",
    "TROOP",
    "TROOPS",
    "ARMY",
    "NAVY",
    "GOVERNMENT",
    "ADMINISTRATION",
    "LEADER",
    "OFFICIAL",
    "DIPLOMAT",
    "ENVOY",
    "REPRESENTATIVE",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "MINISTRY",
    "EMBASSY",
    "COMPANY",
    "FIRM",
    "BANK",
    "POLICE",
    "MEDIA",
    "PRESS",
    "NEWSPAPER",
    "STUDENT",
    "WORKER",
    "PROTESTER",
    "DEMONSTRATOR",
    "REBEL",
    "MILITANT",
    "SOLDIER",
    "LAWMAKER",
    "POLITICIAN",
    "COURT",
    "PARLIAMENT",
    "CONGRESS",
    "OFFICE",
    "CABINET",
    "PRESIDENT",
    "MINISTER",
    "CITIZENS",
    "PEOPLES",
    "GUARD",
    "CONSULATE",
    "MISSION",
    "INSTITUTE",
    "UNIVERSITY",
    "OPPOSITION",
];

const NEGATORS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];

/// The coder: borrows the dictionaries, holds no per-call state, so one coder serves many
/// threads.
#[derive(Debug, Clone)]
pub struct Coder<'d> {
    pub(crate) dicts: &'d Dictionaries,
    opts: CoderOptions,
}

pub(crate) fn dict_date(doc: &Document) -> Option<DictDate> {
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
        // (sentence, code) of every noun phrase naming a country or body with a role.
        let mut known: Vec<(usize, String)> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let sent = Sent::from_doc(doc, s);
            if sent.len() == 0 {
                continue;
            }
            let places = if self.opts.petrarch_compat {
                Vec::new()
            } else {
                place_actors(doc, s)
            };
            let res = self.code_sent(&sent, date, &places);
            known.extend(res.known.iter().map(|c| (si, c.clone())));
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
                warnings.push(format!(
                    "code: sentence {si} has no complete parse; not coded"
                ));
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
                    if i == PLACE_ACTOR {
                        actors.push(ActorMention {
                            start: sp.start,
                            end: sp.end,
                            code: m.code.clone(),
                            name: None,
                            rule: Some(Rule {
                                dictionary: "gazetteer".to_string(),
                                line: 0,
                                pattern: sp.text.clone(),
                                transform: Some("place -> its country".to_string()),
                            }),
                            text: sp.text,
                        });
                        continue;
                    }
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
                            transform: None,
                        }),
                    });
                }
            }
            let sentence_text = if res.events.is_empty() {
                String::new()
            } else {
                doc.sentence_text(s).to_string()
            };
            for p in res.events {
                let Some(verb) = span(p.verb, p.verb + 1) else {
                    continue;
                };
                let when = event_date(doc, toks, &sent, p.verb);
                let src_span = span(p.source.start, p.source.end);
                let tgt_span = p.target.as_ref().and_then(|t| span(t.start, t.end));
                let src_text = src_span
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                let tgt = p.target.as_ref().map(|t| EventActor {
                    text: tgt_span
                        .as_ref()
                        .map(|s| s.text.clone())
                        .unwrap_or_default(),
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
                        context: c
                            .plover_context
                            .map(|x| vec![x.to_string()])
                            .unwrap_or_default(),
                    })
                    .unwrap_or_default();
                // A town that is the target is the scene of a material act ("shelled Kharkiv"),
                // not of a statement about it ("threatened Washington").
                let material = matches!(cameo::quad_class(&code), 2 | 4);
                let location = crate::locate::clause_location(
                    doc,
                    toks,
                    &sent,
                    p.verb,
                    src_span.as_ref(),
                    tgt_span.as_ref().filter(|_| material),
                );
                let speaker = p.speaker.and_then(|(a, b)| span(a, b)).map(|s| s.text);
                let outlet = doc.outlet().map(str::to_string);
                let cue = hedge(&sent, p.verb)
                    .and_then(|k| span(k, k + 1))
                    .map(|s| s.text);
                let attribution = if speaker.is_some() || outlet.is_some() || cue.is_some() {
                    Some(Attribution {
                        outlet,
                        speaker,
                        hedged: cue.is_some(),
                        cue,
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
                    date: when.0,
                    date_precision: when.1,
                    date_text: when.2,
                    location,
                    attribution,
                    modality: Modality {
                        negated: p.negated,
                        future: p.future,
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
        if !self.opts.petrarch_compat {
            let starts: Vec<u32> = doc.sentences.iter().map(|s| s.start).collect();
            resolve_the_country(&mut events, &actors, &starts, &mut warnings);
            resolve_roles(&mut events, &known, &mut warnings);
            crate::locate::fill_locations(doc, &mut events);
        }
        doc.warnings.extend(warnings);
        doc.actors.extend(actors);
        if !self.opts.petrarch_compat {
            crate::attribute::attribute(doc, &mut events);
        }
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
    /// Codes one sentence; `places` are towns and provinces the place stage found in it, as
    /// (first token, end token, country code): a town no dictionary names acts, or is acted
    /// on, as its country ("shelled Kharkiv" targets UKR).
    pub(crate) fn code_sent(
        &self,
        sent: &Sent,
        date: Option<DictDate>,
        places: &[(usize, usize, String)],
    ) -> SentenceResult {
        let mut res = SentenceResult {
            discard: self.discard(sent).or_else(|| dateline(sent)),
            ..Default::default()
        };
        if res.discard.is_some() {
            return res;
        }
        res.mentions = self.mentions(sent, date);
        for (a, b, code) in places {
            if !res.mentions.iter().any(|m| m.start < *b && *a < m.end) {
                res.mentions.push(Mention {
                    start: *a,
                    end: *b,
                    kind: PhraseKind::Actor(PLACE_ACTOR),
                    line: 0,
                    code: Some(code.clone()),
                });
            }
        }
        res.mentions.sort_by_key(|m| m.start);
        if !sent.parsed {
            return res;
        }
        let cx = Cx {
            c: self,
            s: sent,
            m: &res.mentions,
            np_memo: Default::default(),
            words: std::cell::OnceCell::new(),
        };
        let mut events = Vec::new();
        cx.code_all(&mut events);
        res.events = events;
        if res
            .mentions
            .iter()
            .any(|m| matches!(m.kind, PhraseKind::Agent(_)))
        {
            for h in 0..sent.len() {
                if matches!(sent.toks[h].upos, "NOUN" | "PROPN")
                    && !in_core(sent.rel(h))
                    && sent.base(h) != "appos"
                {
                    for a in cx.np_list(h, 0) {
                        if a.base != "---" && !a.agents.is_empty() && a.mention_only == 0 {
                            res.known.push(a.code);
                        }
                    }
                }
            }
        }
        res
    }

    fn discard(&self, sent: &Sent) -> Option<Discard> {
        let forms: Vec<&str> = sent.toks.iter().map(|t| t.form.as_str()).collect();
        let d = &self.dicts.discards;
        for i in 0..forms.len() {
            // A last word that is not marked whole-word also matches with up to two more
            // letters ("BASEBALL" -> "BASEBALLS"), so try the word and its two shorter prefixes.
            let f = forms[i];
            let keys = (0..=2usize).filter_map(|cut| {
                let n = f.len().checked_sub(cut)?;
                (n > 0 && f.is_char_boundary(n)).then(|| &f[..n])
            });
            for key in keys {
                let Some(cands) = self.dicts.discard_first.get(key) else {
                    continue;
                };
                for &ci in cands {
                    let Some(e) = d.entries.get(ci) else { continue };
                    let n = e.words.len();
                    if i + n > forms.len() {
                        continue;
                    }
                    let hit = e.words.iter().enumerate().all(|(k, w)| {
                        let f = forms[i + k];
                        f == w
                            || (k + 1 == n
                                && !e.whole_word
                                && f.starts_with(w.as_str())
                                && f.len() <= w.len() + 2)
                    });
                    if hit {
                        return Some(Discard {
                            story: e.story,
                            rule: Rule {
                                dictionary: e.file.clone(),
                                line: e.line as u32,
                                pattern: format!(
                                    "{}{}",
                                    if e.story { "+" } else { "" },
                                    e.words.join(" ")
                                ),
                                transform: None,
                            },
                        });
                    }
                }
            }
        }
        None
    }

    /// Longest-match of actor and agent phrases over the sentence's words.
    pub(crate) fn mentions(&self, sent: &Sent, date: Option<DictDate>) -> Vec<Mention> {
        let mut out = Vec::new();
        let n = sent.len();
        let mut i = 0;
        let mut key = String::new();
        while i < n {
            let mut best: Option<Mention> = None;
            key.clear();
            if let Some(next) = sent.toks.get(i + 1) {
                key.push_str(&sent.toks[i].form);
                key.push(' ');
                key.push_str(&next.form);
            }
            let longer = if key.is_empty() {
                None
            } else {
                self.dicts.phrases2.get(key.as_str())
            };
            let single = self.dicts.phrases.get(&sent.toks[i].form);
            for cands in [longer, single].into_iter().flatten() {
                if best.as_ref().is_some_and(|b| b.code.is_some()) {
                    break;
                }
                for p in cands {
                    let len = p.words.len();
                    if i + len > n {
                        continue;
                    }
                    // A short one-word phrase is an acronym and must be written in capitals:
                    // "us" is not the US, the "Un" of "Kim Jong Un" not the UN.
                    let function_word =
                        len == 1 && !sent.toks[i].caps && p.words[0].chars().count() <= 3;
                    // A title ("General") names a role only right before a name, and only at
                    // the start of the name ("Secretary-General Guterres" is no general).
                    let stray_title = match p.kind {
                        PhraseKind::Agent(a) => {
                            self.dicts.agents.entries.get(a).is_some_and(|e| e.title)
                                && (sent.toks.get(i + len).is_none_or(|t| t.upos != "PROPN")
                                    || (i > 0
                                        && (sent.toks[i - 1].form == "-"
                                            || sent.toks[i - 1].upos == "PROPN")))
                        }
                        PhraseKind::Actor(_) => false,
                    };
                    if !function_word
                        && !stray_title
                        && p.words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| sent.toks[i + k].form == *w)
                    {
                        let code = match p.kind {
                            PhraseKind::Actor(a) => {
                                self.dicts
                                    .actors
                                    .entries
                                    .get(a)
                                    .and_then(|e| {
                                        match date {
                                            Some(d) => e.code_on(d),
                                            None => e.default_code(),
                                        }
                                        .map(str::to_string)
                                    })
                                    // `---` marks a phrase that names no actor ("Indian Ocean"):
                                    // it blocks shorter matches and codes nothing.
                                    .filter(|c| !c.bytes().all(|b| b == b'-'))
                            }
                            PhraseKind::Agent(a) => {
                                self.dicts.agents.entries.get(a).map(|e| e.code.clone())
                            }
                        };
                        // Of two phrases as long, one with a code beats one without ("U.N._"
                        // listed bare before "U.N. [IGOUNO]").
                        if let Some(b) = &best {
                            if b.end >= i + len && (b.code.is_some() || code.is_none()) {
                                continue;
                            }
                            if b.end > i + len {
                                continue;
                            }
                        }
                        let coded = code.is_some();
                        best = Some(Mention {
                            start: i,
                            end: i + len,
                            kind: p.kind,
                            line: p.line,
                            code,
                        });
                        if coded {
                            break;
                        }
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
        || rel == "nmod:desc"
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
    s: &'a Sent<'a>,
    m: &'a [Mention],
    /// `np_list(h, 0)` results: the same phrase is asked about by many patterns.
    np_memo: std::cell::RefCell<crate::hash::Map<usize, Vec<Actor>>>,
    /// Every form and lemma of the sentence, to skip patterns whose words are absent.
    words: std::cell::OnceCell<crate::hash::Set<&'a str>>,
}

/// Per-verb regions, computed once and shared by all of the verb's patterns.
struct VerbCx {
    region: Vec<usize>,
    post: Vec<usize>,
    pre: Vec<usize>,
    pre_nouns: Vec<usize>,
    objs: Vec<usize>,
    p1_after: Vec<usize>,
    p1_before: Vec<usize>,
}

/// What a pattern match decided.
struct PMatch<'p> {
    pattern: &'p Pattern,
    score: usize,
    source: Option<Vec<Actor>>,
    target: Option<Vec<Actor>>,
    /// Object of a pattern preposition with no object words: the default target.
    pp_target: Option<Vec<Actor>>,
    /// Phrases the pattern's prepositions consumed.
    used: Vec<usize>,
}

impl<'a> Cx<'a, '_> {
    /// Every form and lemma of the sentence (built on first use: most sentences have no
    /// dictionary verb with patterns).
    fn words(&self) -> &crate::hash::Set<&'a str> {
        let s: &'a Sent<'a> = self.s;
        self.words.get_or_init(|| {
            s.toks
                .iter()
                .flat_map(|t| [t.form.as_str(), t.lemma.as_str()])
                .collect()
        })
    }

    fn word_is(&self, t: usize, w: &str) -> bool {
        let tok = &self.s.toks[t];
        tok.form == w || tok.lemma == w
    }

    fn synset(&self, dict: usize, name: &str) -> Option<&crate::dict::SynsetIndex> {
        let map = self.c.dicts.synsets.get(dict)?;
        map.get(name).or_else(|| map.get(&name.to_uppercase()))
    }

    /// Does a literal term (word or synset) match at token `t` (a multi-word synset member
    /// ends at `t`)?
    fn term_at(&self, dict: usize, term: &Term, t: usize) -> bool {
        self.term_len(dict, term, t).is_some()
    }

    /// How many words a literal term matches ending at token `t` (the longest synset member).
    fn term_len(&self, dict: usize, term: &Term, t: usize) -> Option<usize> {
        let tok = self.s.toks.get(t)?;
        match term {
            Term::Word(w) => {
                (tok.form.eq_ignore_ascii_case(w) || tok.lemma.eq_ignore_ascii_case(w)).then_some(1)
            }
            Term::Synset(name) => {
                let idx = self.synset(dict, name)?;
                let multi = idx
                    .multi
                    .iter()
                    .filter(|ph| {
                        let n = ph.len();
                        t + 1 >= n
                            && ph
                                .iter()
                                .enumerate()
                                .all(|(k, w)| self.word_is(t + 1 - n + k, w))
                    })
                    .map(|ph| ph.len())
                    .max();
                multi.or_else(|| {
                    (idx.single.contains(&tok.form) || idx.single.contains(&tok.lemma)).then_some(1)
                })
            }
            _ => None,
        }
    }

    /// Actors of the noun phrase headed by `h` and its conjuncts ("A and B" gives two).
    fn np_list(&self, h: usize, depth: usize) -> Vec<Actor> {
        if depth > 8 {
            return Vec::new();
        }
        if depth == 0 {
            if let Some(v) = self.np_memo.borrow().get(&h) {
                return v.clone();
            }
            let v = self.np_list(h, 1);
            self.np_memo.borrow_mut().insert(h, v.clone());
            return v;
        }
        let mut members = vec![self.np_single(h, depth)];
        let mut heads = vec![h];
        // Conjuncts, and lists that a parser split into apposition + conjunction
        // ("A, the B, C and D"): an apposition counts only when it names an actor.
        let mut stack: Vec<usize> = self.s.kids(h, "conj").collect();
        stack.extend(self.s.kids(h, "appos"));
        stack.sort_unstable_by(|a, b| b.cmp(a));
        while let Some(c) = stack.pop() {
            members.push(self.np_single(c, depth));
            heads.push(c);
            let mut more: Vec<usize> = self.s.kids(c, "conj").collect();
            more.extend(self.s.kids(c, "appos"));
            more.sort_unstable_by(|a, b| b.cmp(a));
            stack.extend(more);
        }
        // A conjunct with agents only borrows the actor of a coded conjunct
        // ("Danish media and government"; "lawmakers and officials in A and B" gives four),
        // but not from a later conjunct that is a phrase of its own ("local militias and the
        // U.S. military": the militias are not American).
        let own_phrase = |k: usize| {
            self.s.kids(k, "det").next().is_some() || self.s.kids(k, "nmod:poss").next().is_some()
        };
        let mut bases: Vec<(String, Option<Rule>, usize)> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            for a in m {
                if a.base != "---" && !bases.iter().any(|(b, _, _)| *b == a.base) {
                    bases.push((a.base.clone(), a.rule.clone(), i));
                }
            }
        }
        let mut out: Vec<Actor> = Vec::new();
        for (j, m) in members.into_iter().enumerate() {
            let lenders: Vec<&(String, Option<Rule>, usize)> = bases
                .iter()
                .filter(|(_, _, i)| {
                    self.c.opts.petrarch_compat
                        || *i <= j
                        || !heads.get(*i).is_some_and(|&k| own_phrase(k))
                })
                .collect();
            for a in m {
                let expanded: Vec<Actor> = if a.base == "---" && !lenders.is_empty() {
                    lenders
                        .iter()
                        .map(|(b, rule, _)| Actor {
                            code: compose(b, &a.agents),
                            base: b.clone(),
                            rule: rule.clone(),
                            ..a.clone()
                        })
                        .collect()
                } else {
                    vec![a]
                };
                for a in expanded {
                    if !out.iter().any(|o| o.code == a.code) {
                        out.push(a);
                    }
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
        // Punctuation inside a name ("al - Shabaab") hangs outside the core in a parse.
        let inside = |m: &Mention| {
            (m.start..m.end).contains(&h)
                || (m.start..m.end)
                    .all(|t| core.binary_search(&t).is_ok() || s.toks[t].upos == "PUNCT")
        };
        let mut actor: Option<&Mention> = None;
        let mut agents: Vec<(String, CodePosition)> = Vec::new();
        for m in self.m.iter().filter(|m| inside(m)) {
            match m.kind {
                // The first actor named wins: "Ithilen's minister Calimehtar" is Ithilen's;
                // but a phrase naming the head beats an adjective or compound before it ("the
                // X Senate" is the Senate's code, not X's).
                PhraseKind::Actor(_) => {
                    let head_wins = || {
                        !self.c.opts.petrarch_compat
                            && (m.start..m.end).contains(&h)
                            && actor.is_some_and(|a| {
                                // Only a more specific code of the same actor: "the X Senate"
                                // (XLEG) over X, not a person's own code over "U.N." before
                                // the name.
                                // A possessor counts too when the head's code extends it:
                                // "Russia's Wagner group" is the group (RUSUAF).
                                m.code.as_deref().is_some_and(|mc| {
                                    a.code.as_deref().is_some_and(|ac| mc.starts_with(ac))
                                }) && (a.start..a.end).all(|t| {
                                    matches!(s.base(t), "compound" | "amod" | "flat")
                                        || s.rel(t) == "nmod:poss"
                                        || s.toks[t].upos == "PART"
                                })
                            })
                    };
                    if m.code.is_some() && (actor.is_none() || head_wins()) {
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
        // The mention's span: the core without the phrase's own preposition ("against X").
        let shown = core.iter().copied().filter(|&t| {
            !(t != h && s.toks[t].head == Some(h) && matches!(s.base(t), "case" | "punct" | "cc"))
        });
        let (start, end) = shown
            .fold(None, |acc: Option<(usize, usize)>, t| match acc {
                None => Some((t, t + 1)),
                Some((a, b)) => Some((a.min(t), b.max(t + 1))),
            })
            .unwrap_or((h, h + 1));
        if let Some(m) = actor {
            let base = m.code.clone().unwrap_or_default();
            let mention_only = self.mention_only(h, m, agents.is_empty());
            let rule = match m.kind {
                PhraseKind::Actor(i) => self.c.dicts.actors.entries.get(i).map(|e| Rule {
                    dictionary: e.file.clone(),
                    line: m.line as u32,
                    pattern: e.phrase.to_string(),
                    transform: None,
                }),
                PhraseKind::Agent(_) => None,
            };
            let mut out = vec![Actor {
                code: compose(&base, &agents),
                base,
                agents: agents.clone(),
                head: h,
                start,
                end,
                rule,
                mention_only,
            }];
            // "Eriadori and Calenardhon leaders": conjoined modifiers name more actors.
            if m.end > 0 && !(m.start..m.end).contains(&h) {
                for c in s.kids(m.end - 1, "conj") {
                    if let Some(cm) = self.m.iter().find(|x| {
                        (x.start..x.end).contains(&c) && matches!(x.kind, PhraseKind::Actor(_))
                    }) {
                        if let Some(cb) = cm.code.clone() {
                            out.push(Actor {
                                code: compose(&cb, &agents),
                                base: cb,
                                agents: agents.clone(),
                                head: h,
                                start,
                                end,
                                rule: None,
                                mention_only,
                            });
                        }
                    }
                }
            }
            return out;
        }
        // Agents alone make an actor only when they name the phrase's head ("the military",
        // "security officials"), not when they modify another noun ("military support").
        let agent_heads = self
            .m
            .iter()
            .any(|m| matches!(m.kind, PhraseKind::Agent(_)) && (m.start..m.end).contains(&h))
            || GROUP_NOUNS.contains(&s.toks[h].lemma.as_str())
            // A name nobody listed, with its title or role: "journalist Wasim Nasr" (`MED`),
            // "General Salifou Modi" (`MIL`).
            || (!self.c.opts.petrarch_compat && s.toks[h].upos == "PROPN" && !agents.is_empty());
        // "military support to X" is not X's military.
        let head_agents: Vec<(String, CodePosition)> = if agent_heads || self.c.opts.petrarch_compat
        {
            agents.clone()
        } else {
            Vec::new()
        };
        // No actor in the words: an attached "of/in/from X" phrase may name it.
        for c in s.children[h].iter().copied() {
            if s.base(c) != "nmod" || s.rel(c) == "nmod:poss" || c < h {
                continue;
            }
            // People take their country only from "of/from/in X" ("soldiers from X"), not
            // from whom they are for, with or against ("the envoy for X", "gangs by X").
            let person = !head_agents.is_empty() && !self.c.opts.petrarch_compat;
            if person && !s.case_words(c).any(|w| matches!(w, "OF" | "FROM" | "IN")) {
                continue;
            }
            let sub = self.np_list(c, depth + 1);
            if !sub.is_empty() {
                // "a resolution in X" or "a critic of X's policy" only mentions X; "soldiers
                // from X", "leaders of X", "the people of X" are X's.
                let tok = &s.toks[h];
                let thing = head_agents.is_empty()
                    && matches!(tok.upos, "NOUN" | "PROPN")
                    && !GROUP_NOUNS.contains(&tok.lemma.as_str())
                    && !PERSON_NOUNS.contains(&tok.lemma.as_str())
                    && !PERSON_NOUNS.contains(&tok.form.as_str());
                // Only where the thing is or who made it: "sanctions on X", "an inquiry against
                // X", "aid to X" reach X.
                let place = self.locative(c) || s.case_words(c).any(|w| matches!(w, "BY" | "FROM"));
                return sub
                    .into_iter()
                    .map(|a| {
                        let mention_only = match (a.mention_only, thing && place) {
                            (0, false) => 0,
                            // A name is not its whereabouts: "Smith in X".
                            (0, true) if tok.upos == "PROPN" && self.locative(c) => 2,
                            (0, true) => 1,
                            // "the insurgents in X's capital" are not X's.
                            (_, false) if person => 2,
                            (m, false) => m,
                            _ => 2,
                        };
                        let mut ag = head_agents.clone();
                        ag.extend(a.agents.iter().cloned());
                        // "soldiers from X" spans both; "the population of X" is X.
                        let (st, en) = if head_agents.is_empty() {
                            (a.start, a.end)
                        } else {
                            (start.min(a.start), a.end.max(end))
                        };
                        Actor {
                            code: compose(&a.base, &ag),
                            base: a.base,
                            agents: ag,
                            head: h,
                            start: st,
                            end: en,
                            rule: a.rule,
                            mention_only,
                        }
                    })
                    .collect();
            }
        }
        if !agents.is_empty() && (agent_heads || self.c.opts.petrarch_compat) {
            let base = "---".to_string();
            return vec![Actor {
                code: compose(&base, &agents),
                base,
                agents,
                head: h,
                start,
                end,
                rule: None,
                mention_only: 0,
            }];
        }
        Vec::new()
    }

    /// How phrase `h` names the actor of mention `m` (see [`Actor::mention_only`]): a common
    /// noun that is neither an agent nor a group or person noun only mentions the actor
    /// named before it.
    fn mention_only(&self, h: usize, m: &Mention, no_agents: bool) -> u8 {
        let s = self.s;
        let tok = &s.toks[h];
        let agent_head = !no_agents
            && self
                .m
                .iter()
                .any(|x| matches!(x.kind, PhraseKind::Agent(_)) && (x.start..x.end).contains(&h));
        if (m.start..m.end).contains(&h)
            || agent_head
            || tok.upos != "NOUN"
            || GROUP_NOUNS.contains(&tok.lemma.as_str())
            || PERSON_NOUNS.contains(&tok.lemma.as_str())
            || PERSON_NOUNS.contains(&tok.form.as_str())
        {
            return 0;
        }
        let poss = (m.start..m.end).any(|t| s.rel(t) == "nmod:poss");
        if poss {
            1
        } else {
            2
        }
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
                let pron = matches!(s.toks[c].form.as_str(), "IT" | "HE" | "SHE" | "THEY" | "WE");
                if pron && matches!(s.base(cur), "ccomp" | "xcomp" | "advcl") {
                    if let Some(up) = s.toks[cur].head.and_then(|h| self.subject(h)) {
                        return Some((up.0, passive));
                    }
                }
                return Some((c, passive));
            }
            let r = s.rel(cur);
            // "..., killing eight people": a participle clause shares the main subject.
            let participle = r == "advcl"
                && s.toks[cur].xpos == "VBG"
                && !s.children[cur].iter().any(|&k| s.base(k) == "mark");
            let controlled = r == "xcomp" || (r == "advcl" && self.to_inf(cur)) || participle;
            // "pressed them to block X": the object of the governing verb is the subject of its
            // complement.
            if r == "xcomp" && !self.c.opts.petrarch_compat {
                if let Some(h) = s.toks[cur].head {
                    if let Some(o) = s.children[h]
                        .iter()
                        .copied()
                        .find(|&k| matches!(s.base(k), "obj" | "iobj") && k < cur)
                        .filter(|_| !matches!(s.toks[h].lemma.as_str(), "USE" | "EMPLOY"))
                    {
                        return Some((o, false));
                    }
                }
            }
            match s.toks[cur].head {
                Some(h) if controlled || r == "conj" => cur = h,
                // "agreed to a plan to intervene": whoever agreed to the plan intervenes.
                Some(h)
                    if r == "acl"
                        && !self.c.opts.petrarch_compat
                        && self.to_inf(cur)
                        && PLANS.contains(&s.toks[h].lemma.as_str())
                        && s.toks[h].head.is_some() =>
                {
                    match s.toks[h].head {
                        Some(g) => cur = g,
                        None => return None,
                    }
                }
                Some(h) if r.starts_with("acl") && r != "acl:relcl" => {
                    return Some((h, self.passive_participle(cur)))
                }
                // "X, one of the leaders, recently visited Y" misparsed with the verb as a
                // `parataxis` of X: the name before it is its subject.
                Some(h)
                    if r == "parataxis"
                        && !self.c.opts.petrarch_compat
                        && h < cur
                        && matches!(s.toks[h].upos, "PROPN" | "NOUN") =>
                {
                    return Some((h, false))
                }
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
            || self.passive_participle(v)
    }

    /// "the civilians imprisoned by X": a past participle modifying a noun is passive, and the
    /// noun is its patient.
    /// PETRARCH reads such participles as active unless a `by` agent is named; compatibility
    /// mode does the same.
    fn passive_participle(&self, v: usize) -> bool {
        let s = self.s;
        s.rel(v) == "acl"
            && s.toks[v].xpos == "VBN"
            && !s.children[v].iter().any(|&c| s.base(c) == "nsubj")
            && (!self.c.opts.petrarch_compat || self.by_agent(v).is_some())
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

    /// The direct target: object, indirect object, then oblique phrases in order.
    fn direct_target(&self, v: usize, skip: Option<usize>) -> Vec<Actor> {
        let s = self.s;
        let strict = !self.c.opts.petrarch_compat;
        // What is said is not whom it is said to: only "tell" has its addressee as object.
        let said =
            strict && SPEECH.contains(&s.toks[v].lemma.as_str()) && s.toks[v].lemma != "TELL";
        for rel in ["obj", "iobj"] {
            for c in s.kids(v, rel) {
                // An "object" with a preposition of place is a misparsed circumstance.
                if strict && (self.locative(c) || (said && rel == "obj")) {
                    continue;
                }
                let a = self.np_list(c, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        let speech = SPEECH.contains(&s.toks[v].lemma.as_str());
        // "asked for help from X": the one asked hangs on what is asked for.
        if strict {
            for c in s.kids(v, "obl") {
                if !s.case_words(c).any(|w| w == "FOR") {
                    continue;
                }
                for g in s.children[c].iter().copied() {
                    if s.base(g) == "nmod" && s.case_words(g).any(|w| w == "FROM") {
                        let a = self.np_list(g, 0);
                        if !a.is_empty() {
                            return a;
                        }
                    }
                }
            }
        }
        for c in s.children[v].iter().copied() {
            if Some(c) == skip || s.base(c) != "obl" || matches!(s.rel(c), "obl:tmod" | "obl:npmod")
            {
                continue;
            }
            // Where and when something happened is not whom it was done to ("met X in Y",
            // "said in a statement from Y"); patterns that mean it say so with a preposition.
            if strict && (self.locative(c) || (speech && !s.case_words(c).any(|w| w == "TO"))) {
                continue;
            }
            let a = self.np_list(c, 0);
            if !a.is_empty() {
                return a;
            }
        }
        Vec::new()
    }

    /// Is phrase `c` introduced by a preposition of place or time?
    fn locative(&self, c: usize) -> bool {
        let s = self.s;
        // A parser may hang the preposition on the phrase's first modifier ("in Khartoum
        // Thursday" with "in" under "Khartoum").
        s.case_words(c).any(|w| LOCATIVE.contains(&w))
            || s.children[c].iter().any(|&k| {
                k < c
                    && matches!(s.base(k), "compound" | "flat" | "amod" | "nummod")
                    && s.case_words(k).any(|w| LOCATIVE.contains(&w))
            })
    }

    /// The first actor named after the verb inside its phrase, including participle and
    /// infinitive modifiers and complement clauses ("cordoned off the roads leading into X",
    /// "signed an accord to supply X", "believes X can cope").
    fn fallback_target(&self, v: usize, agent: Option<usize>) -> Vec<Actor> {
        let s = self.s;
        let region = self.extended_region(v);
        let strict = !self.c.opts.petrarch_compat;
        for m in self.m {
            if m.start > v && m.code.is_some() && region.binary_search(&m.start).is_ok() {
                let head = self.np_head(m.start);
                if strict && !self.reachable(head, v, agent) {
                    continue;
                }
                let a = self.np_list(head, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        // A finite complement contributes its subject when that names an actor itself
        // ("believes X can cope"), not an actor buried in its phrases. Reported speech is not
        // an act on the people it mentions: "X said Y ..." has no target.
        let speech = SPEECH.contains(&s.toks[v].lemma.as_str());
        if speech && !self.c.opts.petrarch_compat {
            return Vec::new();
        }
        for c in s.kid_base(v, "ccomp") {
            if self.c.opts.petrarch_compat {
                let sub = s.subtree(c, &|r| matches!(r, "punct" | "parataxis"));
                for m in self.m {
                    if m.start > v && m.code.is_some() && sub.binary_search(&m.start).is_ok() {
                        let a = self.np_list(self.np_head(m.start), 0);
                        if !a.is_empty() {
                            return a;
                        }
                    }
                }
                continue;
            }
            if let Some(subj) = s.kid_base(c, "nsubj").next() {
                let named = self
                    .m
                    .iter()
                    .any(|m| (m.start..m.end).contains(&subj) && m.code.is_some());
                if named {
                    let a = self.np_list(subj, 0);
                    if !a.is_empty() {
                        return a;
                    }
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
        // "pressed them to block X": what the object is pressed to do is not done to X by the
        // presser.
        let has_obj = !self.c.opts.petrarch_compat
            && s.children[v]
                .iter()
                .any(|&k| matches!(s.base(k), "obj" | "iobj"));
        for &c in &s.children[v] {
            let r = s.rel(c);
            if has_obj && s.base(c) == "xcomp" {
                continue;
            }
            let to_inf = matches!(s.base(c), "advcl" | "xcomp")
                && s.children[c]
                    .iter()
                    .any(|&k| s.base(k) == "mark" && s.toks[k].form == "TO");
            let complement = s.base(c) == "xcomp";
            if (is_clausal(r) && !to_inf && !complement)
                || r.starts_with("nsubj")
                || r.starts_with("csubj")
            {
                continue;
            }
            // A relative clause describes the phrase; what it says is not done to anyone by
            // this verb ("respect those who serve X").
            let strict = !self.c.opts.petrarch_compat;
            out.extend(s.subtree(c, &|r| {
                matches!(
                    r.split(':').next().unwrap_or(r),
                    "parataxis" | "punct" | "advcl" | "conj"
                ) || (strict && r == "acl:relcl")
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
        // Conjoined verbs share their clause's speaker ("said X visited A and contacted B"),
        // and so does a verb misparsed as a `parataxis` of a noun in that clause.
        let mut v = v;
        for _ in 0..s.len() {
            match s.toks[v].head {
                Some(h) if matches!(s.base(v), "conj" | "xcomp") => v = h,
                Some(h)
                    if s.base(v) == "parataxis"
                        && matches!(s.toks[h].upos, "PROPN" | "NOUN")
                        && s.toks[h].head.is_some() =>
                {
                    match s.toks[h].head {
                        Some(hh) => v = hh,
                        None => break,
                    }
                }
                _ => break,
            }
        }
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
        // Event nouns ("the request for help") count only in dyad's own dictionaries.
        let nominal = tok.upos == "NOUN" && !self.c.opts.petrarch_compat;
        if !matches!(tok.upos, "VERB" | "") && !nominal {
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
                if verb.noun != nominal {
                    continue;
                }
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
                let ok_before = before
                    .iter()
                    .rev()
                    .enumerate()
                    .all(|(k, w)| v > k && s.toks[v - 1 - k].form == w.to_uppercase());
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

    /// Codes a dictionary verb without looking into its complement clauses: the code and rule,
    /// the sources, and the targets found among its own dependents (or named by the pattern).
    fn analyze_verb(&self, v: usize) -> Option<Coded> {
        let s = self.s;
        let r = self.lookup_verb(v)?;
        let d = self.c.dicts;
        let block = d.verbs.get(r.dict).and_then(|x| x.blocks.get(r.block))?;
        let verb = block.verbs.get(r.verb)?;
        let vc = std::cell::OnceCell::new();
        let needs = d.pattern_words.get(r.dict).and_then(|x| x.get(r.block));
        // Candidate patterns in file order (ties go to the earlier pattern).
        let mut cands: Vec<usize> = match d.pattern_index.get(r.dict).and_then(|x| x.get(r.block)) {
            Some(bp) => {
                let mut c = bp.free.clone();
                if !bp.by_word.is_empty() {
                    for w in self.words().iter() {
                        if let Some(v) = bp.by_word.get(*w) {
                            c.extend_from_slice(v);
                        }
                    }
                }
                c
            }
            None => (0..block.patterns.len()).collect(),
        };
        cands.sort_unstable();
        cands.dedup();
        let best = cands
            .into_iter()
            .filter_map(|i| block.patterns.get(i).map(|p| (i, p)))
            .filter(|(i, _)| {
                needs
                    .and_then(|n| n.get(*i))
                    .map(|ws| ws.iter().all(|w| self.words().contains(w.as_str())))
                    .unwrap_or(true)
            })
            .filter_map(|(_, p)| {
                self.match_pattern(r.dict, v, p, vc.get_or_init(|| self.verb_cx(v)))
            })
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
                    transform: None,
                },
            ),
            None => (
                block.code_of(verb).to_string(),
                Rule {
                    dictionary: verb.file.clone(),
                    line: verb.line as u32,
                    pattern: format!("{} [{}]", verb.text, block.code_of(verb)),
                    transform: None,
                },
            ),
        };
        let (fwd, rev) = match code.split_once(':') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (code.clone(), String::new()),
        };
        // CAMEO codes are digits; dictionaries also use suffixed variants (`174L`, `075A`).
        // `---` (no event) and placeholders such as `+++` or `###` code nothing.
        let valid = |c: &str| {
            (2..=5).contains(&c.len())
                && c.bytes().next().is_some_and(|b| b.is_ascii_digit())
                && c.bytes().all(|b| b.is_ascii_alphanumeric())
        };
        if !valid(&fwd) && !valid(&rev) {
            return None;
        }
        // A verb whose only code is the generic "make statement" ("see", "distribute",
        // "refer") says nothing about an interaction unless it is a verb of speaking.
        if !self.c.opts.petrarch_compat
            && best.is_none()
            && fwd == "010"
            && rev.is_empty()
            && !SPEECH.contains(&s.toks[v].lemma.as_str())
            && !COMMUNICATION.contains(&s.toks[v].lemma.as_str())
        {
            return None;
        }

        if s.toks[v].upos == "NOUN" {
            return self.analyze_noun(v, fwd, rev, rule, best.as_ref(), &valid);
        }
        let passive = self.passive(v);
        let subj = self.subject(v);
        let agent = if passive { self.by_agent(v) } else { None };
        let mut sources = match (passive, agent, subj) {
            (true, Some(a), _) => self.np_list(a, 0),
            (true, None, _) if self.c.opts.petrarch_compat => {
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
            targets = self.direct_target(v, agent);
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
            return None;
        }
        let mut negated = self.negated(v);
        let (mut fwd, mut rev, mut rule) = (fwd, rev, rule);
        // A negated verb whose code has a counterpart in the coding ontology is that
        // counterpart ("did not clash" is cooperation); otherwise it stays flagged.
        if negated {
            let neg = &self.c.dicts.negations;
            let f = valid(&fwd).then(|| neg.counterpart(&fwd)).flatten();
            let r = valid(&rev).then(|| neg.counterpart(&rev)).flatten();
            if f.is_some() || r.is_some() {
                let line = f.or(r).map(|x| x.1).unwrap_or(0);
                rule.pattern = format!(
                    "{} negated -> {}:{}",
                    rule.pattern,
                    if neg.file.is_empty() {
                        "ontology"
                    } else {
                        &neg.file
                    },
                    line
                );
                if let Some((c, _)) = f {
                    fwd = c.to_string();
                }
                if let Some((c, _)) = r {
                    rev = c.to_string();
                }
                negated = false;
            }
        }
        if negated && !self.c.opts.keep_negated {
            return None;
        }
        let strict = !self.c.opts.petrarch_compat;
        let speech = SPEECH.contains(&s.toks[v].lemma.as_str());
        let generic = |c: &str| matches!(c, "010" | "020");
        let no_fallback = strict
            && ((passive && subj.is_some())
                || speech
                || (generic(&fwd) && (rev.is_empty() || generic(&rev))));
        let hypothetical = strict && self.hypothetical(v);
        let paired = best.as_ref().is_some_and(|m| m.pattern.text.contains('%'));
        Some(Coded {
            speech,
            paired,
            no_fallback,
            agent,
            hypothetical,
            intent: strict && self.intent(v),
            v,
            fwd: if valid(&fwd) { fwd } else { String::new() },
            rev: if valid(&rev) { rev } else { String::new() },
            rule,
            sources,
            direct: targets,
            negated,
            speaker: self.speaker(v),
        })
    }

    /// Turns a coded verb into events: one per (source, target) pair, and the reverse for a
    /// paired code (`040:040`); an actor never acts on itself.
    fn emit(&self, c: &Coded, targets: &[Actor], out: &mut Vec<Proto>) {
        let strict = !self.c.opts.petrarch_compat;
        if strict && c.hypothetical && !c.intent {
            return;
        }
        let mut push = |code: &str, src: &Actor, tgt: Option<&Actor>| {
            if code.is_empty() || tgt.map(|t| t.code == src.code).unwrap_or(false) {
                return;
            }
            let mut rule = c.rule.clone();
            // A planned act CAMEO has no intent code for ("decided to investigate") stays
            // as it is, unless the plan was only hoped for or asked for.
            let code = match (c.intent, cameo::as_intent(code)) {
                (true, Some(planned)) => {
                    rule.transform = Some(format!("intent {code} -> {planned}"));
                    planned
                }
                (true, None) if c.hypothetical => return,
                _ => code,
            };
            // A thing that merely mentions an actor ("X's plan", "X weapons") does not act,
            // and is acted upon only through its possessor ("rejected X's claims").
            // Only disapproval, rejection, threats, support and force reach an actor through
            // its things ("rejected X's claims", "seized X's ships"); one does not consult,
            // appeal to, state to or give to a topic ("discussed X's role").
            let through_things = matches!(
                cameo::root(code),
                "05" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20"
            ) || (cameo::root(code) == "01" && code != "010")
                || matches!(code, "042" | "043");
            // "supports the X proposal", "rejected X demands": a reaction to a policy reaches
            // whoever the adjective names.
            let to_policy = matches!(cameo::root(code), "05" | "11" | "12");
            if strict
                && (src.mention_only != 0
                    || tgt.is_some_and(|t| {
                        (t.mention_only == 2 && !to_policy)
                            || (t.mention_only == 1 && !through_things)
                    }))
            {
                return;
            }
            // "X told reporters" is a statement, not an act on the press.
            if strict && c.speech && code == "010" && tgt.is_some_and(|t| t.code.ends_with("MED")) {
                return;
            }
            // Members of one argument ("A, B and C") never act on each other.
            if let Some(t) = tgt.filter(|_| !c.paired) {
                let overlap = t.start < src.end && src.start < t.end;
                if overlap || self.group(t.head) == self.group(src.head) {
                    return;
                }
            }
            out.push(Proto {
                verb: c.v,
                code: code.to_string(),
                source: src.clone(),
                target: tgt.map(|t| self.coup_target(c, t)),
                rule,
                negated: c.negated,
                future: c.intent || self.future(c.v),
                speaker: c.speaker,
            });
        };
        for src in &c.sources {
            if targets.is_empty() {
                if self.c.opts.allow_missing_target {
                    push(&c.fwd, src, None);
                }
                continue;
            }
            for tgt in targets {
                let tgt = self.own(src, tgt);
                push(&c.fwd, src, Some(&tgt));
            }
        }
        for tgt in targets {
            for src in &c.sources {
                let tgt = self.own(src, tgt);
                push(&c.rev, &tgt, Some(src));
            }
        }
    }

    /// Codes every verb of the sentence, then settles verbs with clausal complements:
    /// - a verb with its own target keeps it, and events inside its `xcomp` ("urged X to
    ///   respond") are the content of the request, not separate events;
    /// - a verb without a target whose complement codes an event gives way to it ("vowed to
    ///   wage war on X" is the war; "said Y attacked Z" is the attack, with the speaker);
    /// - otherwise the verb's target is the first actor named in its complement ("believes X
    ///   can cope").
    fn code_all(&self, out: &mut Vec<Proto>) {
        let s = self.s;
        let n = s.len();
        let coded: Vec<Option<Coded>> = (0..n).map(|v| self.analyze_verb(v)).collect();
        let mut suppressed = vec![false; n];
        let mut targets: Vec<Option<Vec<Actor>>> = vec![None; n];
        let full = |u: usize| {
            coded[u]
                .as_ref()
                .map(|c| !c.direct.is_empty() && !c.sources.is_empty())
                .unwrap_or(false)
        };
        for v in 0..n {
            let Some(c) = &coded[v] else { continue };
            // Complements: (token, controlled?) -- `ccomp` is not controlled; `xcomp`, a
            // `to`-infinitive `advcl`, and a `to`-infinitive modifying the object are.
            let mut comps: Vec<(usize, bool)> = Vec::new();
            for &k in &s.children[v] {
                match s.base(k) {
                    "ccomp" => comps.push((k, false)),
                    "xcomp" => comps.push((k, true)),
                    "advcl" if self.to_inf(k) => comps.push((k, true)),
                    "obj" | "iobj" => comps.extend(
                        s.children[k]
                            .iter()
                            .copied()
                            .filter(|&a| s.base(a) == "acl" && self.to_inf(a))
                            .map(|a| (a, true)),
                    ),
                    _ => {}
                }
            }
            let lower_any = comps
                .iter()
                .any(|&(k, _)| self.clause_verbs(k).into_iter().any(full));
            if !c.direct.is_empty() {
                // Every coded verb of a controlled complement is the content of this one.
                for &(k, controlled) in &comps {
                    if controlled {
                        for u in self.clause_verbs(k) {
                            suppressed[u] = true;
                        }
                    }
                }
            } else if lower_any && KEEPS_COMPLEMENT.contains(&s.toks[v].lemma.as_str()) {
                // "threatened to use force against X" is the threat (138) and "refused to
                // release X" the refusal: the complement's targets are this verb's, and what
                // the complement says did not happen.
                let mut t: Vec<Actor> = Vec::new();
                for &(k, _) in &comps {
                    for u in self.clause_verbs(k) {
                        if let Some(cu) = coded[u].as_ref().filter(|_| full(u)) {
                            for a in &cu.direct {
                                if !t.iter().any(|x| x.code == a.code) {
                                    t.push(a.clone());
                                }
                            }
                            suppressed[u] = true;
                        }
                    }
                }
                targets[v] = Some(t);
            } else if lower_any {
                suppressed[v] = true;
            } else if c.no_fallback {
                targets[v] = Some(Vec::new());
            } else {
                targets[v] = Some(self.fallback_target(v, c.agent));
            }
        }
        for v in 0..n {
            let Some(c) = &coded[v] else { continue };
            if suppressed[v] {
                continue;
            }
            let t = targets[v].as_deref().unwrap_or(&c.direct);
            self.emit(c, t, out);
        }
    }

    /// "X ordered its military": an agent-only phrase owned by a pronoun ("its", "their")
    /// belongs to the source's country or organisation (and an actor acting on itself codes
    /// nothing).
    fn own(&self, src: &Actor, tgt: &Actor) -> Actor {
        let s = self.s;
        let pron_owner = s.children[tgt.head]
            .iter()
            .any(|&k| s.rel(k) == "nmod:poss" && s.toks[k].upos == "PRON");
        if self.c.opts.petrarch_compat || tgt.base != "---" || src.base == "---" || !pron_owner {
            return tgt.clone();
        }
        Actor {
            code: compose(&src.base, &tgt.agents),
            base: src.base.clone(),
            rule: src.rule.clone(),
            ..tgt.clone()
        }
    }

    /// The first member of the coordination or apposition that `h` belongs to.
    fn group(&self, h: usize) -> usize {
        let s = self.s;
        let mut cur = h;
        for _ in 0..s.len() {
            match (s.base(cur), s.toks[cur].head) {
                ("conj" | "appos", Some(p)) if s.toks[p].upos != "VERB" => cur = p,
                _ => break,
            }
        }
        cur
    }

    /// Is verb `v` asked about or supposed: in a question, or in a clause (or a chain of
    /// conjoined clauses) introduced by "if", "unless" or "whether"?
    /// An event noun ("Niger's request for military help to Wagner", "a visit by X to Y"):
    /// the source is its possessor, else its `by`, `of` or `from` phrase; the target its
    /// `to`, `with`, `against`, `on`, `into` or `at` phrase, else what the pattern names. It
    /// codes only what it names itself: no fallback targets, and nothing inside a clause
    /// that is hypothetical.
    fn analyze_noun(
        &self,
        v: usize,
        fwd: String,
        rev: String,
        rule: Rule,
        best: Option<&PMatch>,
        valid: &dyn Fn(&str) -> bool,
    ) -> Option<Coded> {
        let s = self.s;
        let with_case = |words: &[&str]| -> Option<usize> {
            s.children[v].iter().copied().find(|&c| {
                s.base(c) == "nmod"
                    && s.rel(c) != "nmod:poss"
                    && s.case_words(c).any(|w| words.contains(&w))
            })
        };
        let source_tok = s
            .kids(v, "nmod:poss")
            .next()
            .or_else(|| with_case(&["BY"]))
            .or_else(|| with_case(&["OF", "FROM"]));
        let mut sources = source_tok.map(|t| self.np_list(t, 0)).unwrap_or_default();
        // The target's phrase, on the noun or on one of its prepositional phrases ("request
        // for help from X", "visit by X to Y": a parser often hangs it there).
        // "on X" is whom an attack or sanction hits, but what a meeting or request is about.
        let conflict = cameo::quad_class(&fwd) >= 3;
        let preps: &[&str] = if conflict {
            &["TO", "WITH", "AGAINST", "ON", "INTO"]
        } else {
            &["TO", "WITH"]
        };
        let target_tok = with_case(preps)
            .filter(|&t| Some(t) != source_tok)
            .or_else(|| {
                s.children[v]
                    .iter()
                    .copied()
                    .filter(|&c| s.base(c) == "nmod")
                    .flat_map(|c| s.children[c].iter().copied())
                    .find(|&g| {
                        s.base(g) == "nmod"
                            && s.case_words(g).any(|w| {
                                matches!(w, "TO" | "FROM")
                                    || (conflict && matches!(w, "AGAINST" | "ON"))
                            })
                    })
            });
        let mut targets = target_tok.map(|t| self.np_list(t, 0)).unwrap_or_default();
        if let Some(m) = best {
            if let Some(x) = &m.source {
                sources = x.clone();
            }
            if let Some(t) = m.target.as_ref().or(m.pp_target.as_ref()) {
                targets = t.clone();
            }
        }
        // A thing that only mentions an actor does not act ("the X-backed request").
        sources.retain(|a| a.mention_only == 0);
        // "Russian attack on Kyiv", "U.S. sanctions on Iran": with a target named, the
        // noun's own adjective or compound names who acts.
        if sources.is_empty() && source_tok.is_none() && !targets.is_empty() {
            // Only words before the noun: "offensive ... in northeast Syria" is where.
            sources = self
                .np_list(v, 0)
                .into_iter()
                .filter(|a| a.start < v && !targets.iter().any(|t| t.code == a.code))
                .map(|a| Actor {
                    mention_only: 0,
                    ..a
                })
                .collect();
        }
        if sources.is_empty() {
            return None;
        }
        Some(Coded {
            speech: false,
            paired: best.is_some_and(|m| m.pattern.text.contains('%')),
            no_fallback: true,
            agent: None,
            hypothetical: self.hypothetical(s.toks[v].head.unwrap_or(v)),
            intent: false,
            v,
            fwd: if valid(&fwd) { fwd } else { String::new() },
            rev: if valid(&rev) { rev } else { String::new() },
            rule,
            sources,
            direct: targets,
            negated: false,
            speaker: self.speaker(v),
        })
    }

    /// A coup in a country is against its government: "staged a coup in Niger" targets
    /// `NERGOV`, not the country. (Patterns that code a coup use the `&coup` synset.)
    fn coup_target(&self, c: &Coded, t: &Actor) -> Actor {
        let coup = !self.c.opts.petrarch_compat && c.rule.pattern.contains("&COUP");
        if coup && t.code.len() == 3 && t.code.bytes().all(|b| b.is_ascii_uppercase()) {
            Actor {
                code: format!("{}GOV", t.code),
                agents: vec![("GOV".to_string(), CodePosition::Suffix)],
                ..t.clone()
            }
        } else {
            t.clone()
        }
    }

    /// "will visit", "'ll meet", "is going to attack" (through conjoined verbs).
    fn future(&self, v: usize) -> bool {
        let s = self.s;
        let mut cur = v;
        for _ in 0..s.len() {
            if s.children[cur].iter().any(|&k| {
                s.base(k) == "aux" && matches!(s.toks[k].form.as_str(), "WILL" | "'LL" | "SHALL")
            }) {
                return true;
            }
            match s.toks[cur].head {
                Some(h) if s.base(cur) == "xcomp" && s.toks[h].lemma == "GO" => {
                    return s.children[h].iter().any(|&k| s.base(k) == "aux");
                }
                Some(h) if s.base(cur) == "conj" => cur = h,
                _ => return false,
            }
        }
        false
    }

    /// Is `v` what its actor plans, prepares, agrees or decides to do ("plans to intervene",
    /// "agreed to a plan to intervene", "is preparing to deploy")?
    fn intent(&self, v: usize) -> bool {
        let s = self.s;
        let mut cur = v;
        for _ in 0..s.len() {
            let Some(h) = s.toks[cur].head else {
                return false;
            };
            let planning = PLANS.contains(&s.toks[h].lemma.as_str());
            match s.base(cur) {
                "xcomp" | "acl" if planning => return true,
                "advcl" if planning && self.to_inf(cur) => return true,
                "conj" | "xcomp" => cur = h,
                _ => return false,
            }
        }
        false
    }

    fn hypothetical(&self, v: usize) -> bool {
        let s = self.s;
        // A question about the verb's own clause: the question mark ends the sentence and the
        // verb is its root (or conjoined with it).
        let question = s.toks.last().is_some_and(|t| t.form == "?");
        let mut root = v;
        for _ in 0..s.len() {
            match s.toks[root].head {
                Some(h) if s.base(root) == "conj" => root = h,
                _ => break,
            }
        }
        if question && s.toks[root].head.is_none() {
            return true;
        }
        // "should use", "could retaliate", "may have to consider": possible, not done.
        let modal = |k: usize| {
            (s.base(k) == "aux"
                && matches!(
                    s.toks[k].form.as_str(),
                    "SHOULD" | "COULD" | "MIGHT" | "MAY" | "MUST"
                ))
                // "will likely increase", "would probably send": a forecast.
                || (s.base(k) == "advmod"
                    && matches!(
                        s.toks[k].form.as_str(),
                        "LIKELY" | "PROBABLY" | "POSSIBLY" | "PERHAPS" | "MAYBE"
                    ))
        };
        let cond = |k: usize| {
            s.base(k) == "mark" && matches!(s.toks[k].form.as_str(), "IF" | "UNLESS" | "WHETHER")
        };
        let mut cur = v;
        for _ in 0..s.len() {
            // The condition itself, or the consequence of one ("if X, Y will ...").
            if s.children[cur].iter().any(|&k| {
                cond(k)
                    || modal(k)
                    || (s.base(k) == "advcl" && s.children[k].iter().any(|&m| cond(m)))
            }) {
                return true;
            }
            match s.toks[cur].head {
                // "hopes to resolve", "is expected to meet", "is due to travel": hoped for,
                // not done.
                Some(h) if s.base(cur) == "xcomp" && INTENT.contains(&s.toks[h].lemma.as_str()) => {
                    return true
                }
                // What someone is urged, asked or pressed to do ("urged X to cooperate"), or
                // what someone believes or fears will happen, is not reported as done.
                Some(h)
                    if (s.base(cur) == "xcomp" || (s.base(cur) == "advcl" && self.to_inf(cur)))
                        && DIRECTIVE.contains(&s.toks[h].lemma.as_str()) =>
                {
                    return true
                }
                // (Whatever relation a parser gives the clause: "believes ... will meet" is
                // often misattached.)
                Some(h)
                    if s.toks[cur].upos == "VERB"
                        && !matches!(s.base(cur), "conj" | "nsubj" | "csubj")
                        && BELIEF.contains(&s.toks[h].lemma.as_str()) =>
                {
                    return true
                }
                Some(h) if matches!(s.base(cur), "conj" | "xcomp") => cur = h,
                _ => return false,
            }
        }
        false
    }

    /// May the actor phrase headed by `head` be a fallback target of `v`? Not inside the
    /// passive agent, a phrase of place or time, or more than one noun-modifier deep ("a wave
    /// of kidnappings of X by Y" does not act on X or Y).
    fn reachable(&self, head: usize, v: usize, agent: Option<usize>) -> bool {
        let s = self.s;
        let mut cur = head;
        let mut nmods = 0;
        for _ in 0..s.len() {
            if cur == v {
                return true;
            }
            if Some(cur) == agent || self.locative(cur) {
                return false;
            }
            if s.base(cur) == "nmod" && s.rel(cur) != "nmod:poss" {
                nmods += 1;
                if nmods > 1 {
                    return false;
                }
            }
            match s.toks[cur].head {
                Some(h) => cur = h,
                None => return false,
            }
        }
        false
    }

    /// Is `k` a `to`-infinitive?
    fn to_inf(&self, k: usize) -> bool {
        let s = self.s;
        s.children[k]
            .iter()
            .any(|&m| s.base(m) == "mark" && s.toks[m].form == "TO")
    }

    /// `k` and the verbs chained to it by `conj`/`xcomp`.
    fn clause_verbs(&self, k: usize) -> Vec<usize> {
        let s = self.s;
        let mut out = vec![k];
        let mut i = 0;
        while i < out.len() && out.len() <= s.len() {
            let x = out[i];
            out.extend(s.children[x].iter().copied().filter(|&c| {
                matches!(s.base(c), "conj" | "xcomp") || (s.base(c) == "advcl" && self.to_inf(c))
            }));
            i += 1;
        }
        out
    }

    /// Tokens the verb's own phrase covers (objects, obliques, particles), not sub-clauses or
    /// the subject.
    fn verb_region(&self, v: usize) -> Vec<usize> {
        let s = self.s;
        let mut out = Vec::new();
        for &c in &s.children[v] {
            let r = s.rel(c);
            let controlled = r == "xcomp" || (s.base(c) == "advcl" && self.to_inf(c));
            if is_clausal(r) && !controlled || r.starts_with("nsubj") || r.starts_with("csubj") {
                continue;
            }
            out.extend(s.subtree(c, &|r| {
                matches!(
                    r.split(':').next().unwrap_or(r),
                    "acl" | "parataxis" | "punct" | "advcl"
                )
            }));
        }
        out.sort_unstable();
        out
    }

    /// Finds a token in `region` heading the pattern noun `np`: the head term matches it and
    /// each modifier matches a word inside its phrase; in a braced phrase the modifier written
    /// last must stand right before the head and depend on it (or be conjoined with the word
    /// that does), so
    /// "cultural secret memos" is not `{&TIETYPES MEMOS}`. Returns the token and the number of
    /// words matched (a longer synset member is a more specific match).
    fn np_matches(&self, dict: usize, np: &NounPhrase, region: &[usize]) -> Option<(usize, usize)> {
        let head = np.head()?;
        let mods: Vec<&Term> = np
            .modifiers()
            .iter()
            .filter(|m| matches!(m, Term::Word(_) | Term::Synset(_)))
            .collect();
        'cand: for &t in region {
            let Some(hl) = self.term_len(dict, head, t) else {
                continue;
            };
            let mut score = hl;
            for (i, m) in mods.iter().enumerate() {
                let found = if np.braced && i + 1 == mods.len() {
                    let Some(before) = (t + 1).checked_sub(hl + 1) else {
                        continue 'cand;
                    };
                    let mut cands = vec![before];
                    if self.s.base(before) == "conj" {
                        cands.extend(self.s.toks[before].head);
                    }
                    cands
                        .into_iter()
                        .filter(|&x| self.descends(x, t))
                        .find_map(|x| self.term_len(dict, m, x))
                } else {
                    (0..t)
                        .filter(|&x| self.descends(x, t))
                        .find_map(|x| self.term_len(dict, m, x))
                };
                match found {
                    Some(l) => score += l,
                    None => continue 'cand,
                }
            }
            return Some((t, score));
        }
        None
    }

    fn match_pattern<'p>(
        &self,
        dict: usize,
        v: usize,
        p: &'p Pattern,
        vc: &VerbCx,
    ) -> Option<PMatch<'p>> {
        match &p.body {
            PatternBody::Petrarch2(p2) => self.match2(dict, v, p, p2, vc),
            PatternBody::Petrarch1(p1) => self.match1(dict, v, p, &p1.pre, &p1.post, vc),
        }
    }

    /// Is `x` inside the subtree of `t`?
    fn descends(&self, x: usize, t: usize) -> bool {
        let mut cur = Some(x);
        for _ in 0..=self.s.len() {
            match cur {
                Some(c) if c == t => return true,
                Some(c) => cur = self.s.toks[c].head,
                None => return false,
            }
        }
        false
    }

    fn verb_cx(&self, v: usize) -> VerbCx {
        let s = self.s;
        let region = self.verb_region(v);
        let post: Vec<usize> = region.iter().copied().filter(|&t| t > v).collect();
        // Words before the verb: its auxiliaries/adverbs and, for xcomp chains, the governor's.
        let mut pre: Vec<usize> = region.iter().copied().filter(|&t| t < v).collect();
        let mut cur = v;
        while matches!(s.rel(cur), "xcomp") {
            let Some(h) = s.toks[cur].head else { break };
            pre.push(h);
            pre.extend(
                s.children[h]
                    .iter()
                    .copied()
                    .filter(|&c| c < v && !s.rel(c).starts_with("nsubj")),
            );
            cur = h;
        }
        pre.extend(
            s.children[v]
                .iter()
                .copied()
                .filter(|&c| c < v && matches!(s.base(c), "aux" | "advmod" | "mark")),
        );
        pre.sort_unstable();
        pre.dedup();
        // Pre-verb nouns name the subject ("{DEATH TOLL} *", "CRITICS *") or an auxiliary
        // ("HAS *"); adverbs and determiners before the verb are not pattern nouns.
        let mut pre_nouns: Vec<usize> = s.children[v]
            .iter()
            .copied()
            .filter(|&c| c < v && s.base(c) == "aux")
            .collect();
        if let Some((subj, _)) = self.subject(v) {
            pre_nouns.extend(
                s.subtree(subj, &|r| is_clausal(r))
                    .into_iter()
                    .filter(|&t| {
                        t < v && matches!(s.toks[t].upos, "NOUN" | "PROPN" | "ADJ" | "NUM" | "PRON")
                    }),
            );
        }
        pre_nouns.sort_unstable();
        let objs: Vec<usize> = s.children[v]
            .iter()
            .copied()
            .filter(|&c| matches!(s.rel(c), "obj" | "iobj"))
            .collect();
        // PETRARCH-1 patterns read words in order, as TABARI did over the clause: the verb's
        // whole subtree except coordinated and reported clauses and relative clauses.
        let mut p1 = vec![v];
        for &c in &s.children[v] {
            let r = s.rel(c);
            let stop = matches!(
                s.base(c),
                "parataxis" | "ccomp" | "conj" | "list" | "nsubj" | "csubj" | "punct"
            ) || r == "acl:relcl"
                // Adverbial clauses are other events, except complements such as "of spying",
                // "to leave", "for helping".
                || (s.base(c) == "advcl"
                    && !s.children[c].iter().any(|&m| {
                        s.base(m) == "mark" && matches!(s.toks[m].form.as_str(), "OF" | "TO" | "FOR")
                    }));
            if !stop {
                p1.extend(s.subtree(c, &|r| {
                    matches!(
                        r.split(':').next().unwrap_or(r),
                        "parataxis" | "ccomp" | "advcl"
                    ) || r == "acl:relcl"
                }));
            }
        }
        if let Some((subj, _)) = self.subject(v) {
            p1.extend(s.subtree(subj, &|r| is_clausal(r)));
        }
        p1.sort_unstable();
        p1.dedup();
        let p1_after: Vec<usize> = p1.iter().copied().filter(|&t| t > v).collect();
        let p1_before: Vec<usize> = p1.iter().copied().filter(|&t| t < v).rev().collect();
        VerbCx {
            region,
            post,
            pre,
            pre_nouns,
            objs,
            p1_after,
            p1_before,
        }
    }

    fn match2<'p>(
        &self,
        dict: usize,
        v: usize,
        p: &'p Pattern,
        p2: &dyad_dict::verbs::Pattern2,
        vc: &VerbCx,
    ) -> Option<PMatch<'p>> {
        let (region, post, pre, objs) = (&vc.region, &vc.post, &vc.pre, &vc.objs);
        let mut m = PMatch {
            pattern: p,
            score: 0,
            source: None,
            target: None,
            pp_target: None,
            used: Vec::new(),
        };
        for (preps, after) in [(&p2.post_preps, true), (&p2.pre_preps, false)] {
            for pp in preps.iter() {
                self.match_pp(dict, v, pp, after, region, pre, &mut m)?;
            }
        }
        for (nouns, area, before) in [
            (&p2.post_nouns, post, false),
            (&p2.pre_nouns, &vc.pre_nouns, true),
        ] {
            // `+`/`$` after a word of the pattern takes the first actor after that word.
            let mut last = v;
            for np in nouns.iter() {
                match np.head() {
                    Some(Term::Target) | Some(Term::Source) | Some(Term::Compound) => {
                        let is_src = matches!(np.head(), Some(Term::Source));
                        let actors = if before {
                            self.subject(v)
                                .map(|(x, _)| self.np_list(x, 0))
                                .unwrap_or_default()
                        } else {
                            self.actor_after(last, objs, post, &m.used)
                        };
                        // `%`: a compound actor whose members act on each other: a real
                        // coordination ("A and B met"), not a name with its apposition.
                        let compound = matches!(np.head(), Some(Term::Compound));
                        let coordinated = !before
                            || self.c.opts.petrarch_compat
                            || self
                                .subject(v)
                                .is_some_and(|(x, _)| self.s.kids(x, "conj").next().is_some());
                        if actors.is_empty() || (compound && (actors.len() < 2 || !coordinated)) {
                            return None;
                        }
                        if compound {
                            m.source = Some(actors.clone());
                        }
                        if is_src {
                            m.source = Some(actors);
                        } else {
                            m.target = Some(actors);
                        }
                        m.score += 1;
                    }
                    Some(Term::Skip) | None => {}
                    Some(_) => {
                        let (t, score) = self.np_matches(dict, np, area)?;
                        last = last.max(t);
                        m.score += score * 2;
                    }
                }
            }
        }
        m.score += 1;
        Some(m)
    }

    /// The object if it names an actor and follows `last`, else the first other phrase after
    /// `last` that names one and was not consumed by a pattern preposition.
    fn actor_after(
        &self,
        last: usize,
        objs: &[usize],
        post: &[usize],
        used: &[usize],
    ) -> Vec<Actor> {
        let s = self.s;
        let a: Vec<Actor> = objs
            .iter()
            .filter(|&&o| o > last)
            .flat_map(|&o| self.np_list(o, 0))
            .collect();
        if !a.is_empty() {
            return a;
        }
        for &c in post {
            if c > last && matches!(s.base(c), "obl" | "nmod" | "obj") && !used.contains(&c) {
                let a = self.np_list(c, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        Vec::new()
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
            // A lone preposition must be one ("to" marking an infinitive is not).
            let lone = pp.objects.is_empty();
            let mut k = 0;
            for &t in pre {
                if k < words.len()
                    && self.term_at(dict, words[k], t)
                    && (!lone || matches!(s.base(t), "case"))
                {
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
            // `mark` too: "(TO QUESTION)" matches "to question".
            let has_prep = s.children[c]
                .iter()
                .any(|&k| matches!(s.base(k), "case" | "mark") && self.term_at(dict, &pp.prep, k));
            if !has_prep {
                continue;
            }
            let sub = s.subtree(c, &|r| {
                matches!(r.split(':').next().unwrap_or(r), "acl" | "punct")
            });
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
                    Some(_) => match self.np_matches(dict, o, &sub) {
                        Some((_, sc)) => score += 2 * sc,
                        None => ok = false,
                    },
                }
            }
            if !ok {
                continue;
            }
            m.score += score;
            m.used.push(c);
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
        vc: &VerbCx,
    ) -> Option<PMatch<'p>> {
        let mut m = PMatch {
            pattern: p,
            score: 1,
            source: None,
            target: None,
            pp_target: None,
            used: Vec::new(),
        };
        let (after, before) = (&vc.p1_after, &vc.p1_before);
        // Post-verb tokens forward.
        let mut pos = 0usize;
        let mut last = v;
        for tk in post.iter() {
            let joined = tk.joined_prev;
            match &tk.term {
                Term::Source | Term::Target | Term::Compound => {
                    let idx = after[pos..].iter().position(|&t| {
                        self.m
                            .iter()
                            .any(|mm| mm.start == t || (mm.start..mm.end).contains(&t))
                    })?;
                    let t = after[pos + idx];
                    let head = self.np_head(t);
                    let a = self.np_list(head, 0);
                    let compound = matches!(tk.term, Term::Compound);
                    if a.is_empty() || (compound && a.len() < 2) {
                        return None;
                    }
                    match tk.term {
                        Term::Source => m.source = Some(a),
                        Term::Compound => {
                            m.source = Some(a.clone());
                            m.target = Some(a);
                        }
                        _ => m.target = Some(a),
                    }
                    let span_end = self
                        .m
                        .iter()
                        .find(|mm| (mm.start..mm.end).contains(&t))
                        .map(|mm| mm.end)
                        .unwrap_or(t + 1);
                    pos = after
                        .iter()
                        .position(|&x| x >= span_end)
                        .unwrap_or(after.len());
                    last = span_end.saturating_sub(1);
                }
                Term::Skip => {}
                term => {
                    let idx = after[pos..]
                        .iter()
                        .position(|&t| self.term_at(dict, term, t))?;
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
                    let idx = before[pos..]
                        .iter()
                        .position(|&t| self.m.iter().any(|mm| (mm.start..mm.end).contains(&t)))?;
                    let t = before[pos + idx];
                    let a = self.np_list(self.np_head(t), 0);
                    let compound = matches!(tk.term, Term::Compound);
                    if a.is_empty() || (compound && a.len() < 2) {
                        return None;
                    }
                    match tk.term {
                        Term::Target => m.target = Some(a),
                        Term::Compound => {
                            m.source = Some(a.clone());
                            m.target = Some(a);
                        }
                        _ => m.source = Some(a),
                    }
                    pos += idx + 1;
                }
                Term::Skip => {}
                term => {
                    let idx = before[pos..]
                        .iter()
                        .position(|&t| self.term_at(dict, term, t))?;
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
    let k = toks
        .iter()
        .take(6)
        .position(|t| t.form == ":" || t.form == "--")?;
    let caps = k > 0
        && toks[..k].iter().all(|t| t.caps)
        && toks[..k]
            .iter()
            .any(|t| t.form.chars().filter(|c| c.is_alphabetic()).count() > 1);
    (caps && toks.get(k + 1).is_some()).then(|| Discard {
        story: false,
        rule: Rule {
            dictionary: "builtin:dateline".into(),
            line: 0,
            pattern: "CAPITALISED PLACE : or --".into(),
            transform: None,
        },
    })
}

/// The first oblique phrase of `v` naming an actor (the source of an agentless passive).
fn s_obl_actors(cx: &Cx<'_, '_>, v: usize, skip: Option<usize>) -> Vec<Actor> {
    let s = cx.s;
    // The verb's own phrases, then those of a secondary predicate ("shot dead in Y").
    let mut phrases: Vec<usize> = s.children[v].clone();
    for &c in &s.children[v] {
        if s.base(c) == "xcomp" && s.toks[c].upos != "VERB" {
            phrases.extend(s.children[c].iter().copied());
        }
    }
    for c in phrases {
        // A parser may leave the preposition as an adverb and the phrase as an object.
        if Some(c) == skip
            || !matches!(s.base(c), "obl" | "obj")
            || matches!(s.rel(c), "obl:tmod" | "obl:npmod")
        {
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
/// Verbs that report a claim without vouching for it.
const HEDGE_VERBS: &[&str] = &["CLAIM", "ALLEGE", "RUMOR", "RUMOUR", "PURPORT"];
/// Adverbs and adjectives that hedge the clause they modify.
const HEDGE_WORDS: &[&str] = &[
    "REPORTEDLY",
    "ALLEGEDLY",
    "PURPORTEDLY",
    "SUPPOSEDLY",
    "APPARENTLY",
    "UNCONFIRMED",
    "ALLEGED",
];

/// The word that hedges the event at token `v`, if any: a hedging adverb on its verb or on a
/// governing verb ("reportedly attacked"), or a governing verb of claiming ("claimed that X
/// attacked Y", "quoted X as claiming that ..."). Walks up through clauses, not nouns.
fn hedge(sent: &Sent, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..sent.len() {
        if let Some(&k) = sent.children[cur].iter().find(|&&k| {
            matches!(sent.base(k), "advmod" | "amod")
                && HEDGE_WORDS.contains(&sent.toks[k].form.as_str())
        }) {
            return Some(k);
        }
        if cur != v && HEDGE_VERBS.contains(&sent.toks[cur].lemma.as_str()) {
            return Some(cur);
        }
        match sent.toks[cur].head {
            Some(h)
                if matches!(
                    sent.base(cur),
                    "ccomp" | "xcomp" | "conj" | "advcl" | "parataxis" | "acl"
                ) =>
            {
                cur = h
            }
            _ => return None,
        }
    }
    None
}

/// When the event at sentence token `v` happened: the time expression of its own clause (one
/// whose words hang, through nouns, on the verb: "met on Sunday", "the coup on the 26th of
/// last July"), else the publication date. Returns the ISO date, its precision and the
/// expression as written.
fn event_date(
    doc: &Document,
    toks: &[dyad_doc::Token],
    sent: &Sent,
    v: usize,
) -> (Option<String>, DatePrecision, Option<String>) {
    let published = doc.article.published.as_ref().map(|p| p.date);
    let fallback = match published {
        Some(d) => (Some(d.to_string()), DatePrecision::Publication, None),
        None => (None, DatePrecision::Unknown, None),
    };
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return fallback;
    };
    // The verb's own clause first, then the clause that governs it without reported speech
    // in between ("A few days ago, X agreed to a plan to intervene": the agreement's date).
    let mut governor = v;
    for _ in 0..6 {
        match sent.toks[governor].head {
            Some(h)
                if matches!(
                    sent.base(governor),
                    "xcomp" | "acl" | "obl" | "nmod" | "conj"
                ) =>
            {
                governor = h;
                if matches!(sent.toks[h].upos, "VERB" | "AUX") {
                    break;
                }
            }
            _ => break,
        }
    }
    let dates = doc
        .times
        .iter()
        .filter(|t| t.start >= first.start && t.end <= last.end)
        .filter(|t| {
            matches!(
                t.timex_type,
                dyad_doc::TimexType::Date | dyad_doc::TimexType::Time
            )
        });
    for clause in [v, governor] {
        for t in dates.clone() {
            if !crate::locate::in_clause(toks, sent, t.start, t.end, clause) {
                continue;
            }
            if let Some((d, precision)) = dyad_time::date_of(&t.value) {
                return (Some(d.to_string()), precision, Some(t.text.clone()));
            }
            if let Some(d) = published.and_then(|p| dyad_time::estimate(&t.text, p)) {
                return (
                    Some(d.to_string()),
                    DatePrecision::Approximate,
                    Some(t.text.clone()),
                );
            }
        }
        if governor == v || !matches!(sent.toks[governor].upos, "VERB" | "AUX") {
            break;
        }
    }
    fallback
}

/// "the president of the country", "the country's army": the country is the last one named
/// before the phrase in the same sentence ("the Senate of Nigeria advised the president of the
/// country" is Nigeria's president).
fn resolve_the_country(
    events: &mut [Event],
    mentions: &[ActorMention],
    sentence_starts: &[u32],
    warnings: &mut Vec<String>,
) {
    for e in events.iter_mut() {
        let sentence_start = sentence_starts
            .get(e.sentence_index as usize)
            .copied()
            .unwrap_or(0);
        let spans = [e.evidence.source.clone(), e.evidence.target.clone()];
        let actors = std::iter::once(&mut e.source).chain(e.target.as_mut());
        for (a, span) in actors.zip(spans) {
            let (Some(code), Some(span)) = (a.code.as_deref(), span) else {
                continue;
            };
            let Some(role) = code.strip_prefix("---").filter(|r| !r.is_empty()) else {
                continue;
            };
            // The phrase itself, or what follows it ("the president | of the country").
            let after = e
                .sentence
                .get((span.end.saturating_sub(sentence_start)) as usize..)
                .unwrap_or("")
                .trim_start()
                .to_lowercase();
            let lower = a.text.to_lowercase();
            let anaphor = ["the country's", "the nation's"]
                .iter()
                .any(|p| lower.contains(p))
                || ["of the country", "of the nation"]
                    .iter()
                    .any(|p| lower.contains(p) || after.starts_with(p));
            if !anaphor {
                continue;
            }
            let country = mentions
                .iter()
                .filter(|m| m.end <= span.start && m.start >= sentence_start)
                .filter_map(|m| m.code.as_deref())
                .rfind(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
            if let Some(c) = country {
                let full = format!("{c}{role}");
                warnings.push(format!(
                    "code: sentence {}: {:?} ({code}) taken as {full}, the country named before it",
                    e.sentence_index, a.text
                ));
                a.code = Some(full);
            }
        }
    }
}

/// Within one article, an actor named only by its role ("the junta", `---MIL`) is the one the
/// article names most often with that role and a country or body ("Niger's military",
/// `NERMIL`); among equally frequent ones the latest named before the event, else the first
/// after it. With none it stays `---MIL`. Each resolution is recorded in the warnings.
fn resolve_roles(events: &mut Vec<Event>, known: &[(usize, String)], warnings: &mut Vec<String>) {
    for e in events.iter_mut() {
        let si = e.sentence_index as usize;
        let actors = std::iter::once(&mut e.source).chain(e.target.as_mut());
        for a in actors {
            let Some(code) = a.code.as_deref() else {
                continue;
            };
            let Some(role) = code.strip_prefix("---").filter(|r| !r.is_empty()) else {
                continue;
            };
            let fits: Vec<&(usize, String)> = known
                .iter()
                .filter(|c| c.1.len() > 3 && c.1.get(3..) == Some(role))
                .collect();
            let count = |code: &str| fits.iter().filter(|c| c.1 == code).count();
            let Some(most) = fits.iter().map(|c| count(&c.1)).max() else {
                continue;
            };
            let best: Vec<&&(usize, String)> =
                fits.iter().filter(|c| count(&c.1) == most).collect();
            let found = best
                .iter()
                .rfind(|c| c.0 <= si)
                .or_else(|| best.iter().find(|c| c.0 > si));
            if let Some((at, full)) = found.map(|c| (c.0, c.1.clone())) {
                warnings.push(format!(
                    "code: sentence {si}: {:?} ({code}) taken as {full}, named so {most} time(s), \
                     last in sentence {at}",
                    a.text
                ));
                a.code = Some(full);
            }
        }
    }
    // "Jakarta yielded control to regional governments": resolved to itself, no event.
    let before = events.len();
    events.retain(|e| e.target.as_ref().is_none_or(|t| t.code != e.source.code));
    if events.len() < before {
        warnings.push(format!(
            "code: {} event(s) dropped: their resolved source and target are the same actor",
            before - events.len()
        ));
    }
}

/// Verbs whose complement is what they threaten, refuse, deny or promise, not an event that
/// happened: the verb is coded, with the complement's targets.
const KEEPS_COMPLEMENT: &[&str] = &[
    "THREATEN", "WARN", "REFUSE", "DECLINE", "DENY", "REJECT", "PLEDGE", "PROMISE", "OFFER",
];

/// Roles of armed actors: a group already coded with one ("Boko Haram", `NGAINS`) takes no
/// second from a word like "fighters" (`UAF`).
const ARMED: &[&str] = &["MIL", "REB", "INS", "UAF", "RAD", "SEP", "CRM"];

fn compose(base: &str, agents: &[(String, CodePosition)]) -> String {
    let mut pre = String::new();
    let mut code = base.to_string();
    let many = agents.len() > 1;
    let armed_base = base
        .as_bytes()
        .chunks(3)
        .skip(1)
        .any(|c| ARMED.iter().any(|r| r.as_bytes() == c));
    for (a, pos) in agents {
        if many && a == "PPL" {
            continue;
        }
        if code.contains(a.as_str()) || pre.contains(a.as_str()) {
            continue;
        }
        // ... nor does it become a company or a government ("Wagner's private defense
        // company", "Hamas officials").
        if armed_base && (ARMED.contains(&a.as_str()) || a == "BUS" || a == "GOV") {
            continue;
        }
        // A person whose entry already says whether they hold office now (`NERELI` for an
        // ousted president) keeps that, whatever title the text gives them.
        let office = |c: &str| c == "GOV" || c == "ELI";
        if office(a)
            && base.len() > 3
            && base
                .as_bytes()
                .chunks(3)
                .skip(1)
                .any(|c| office(&String::from_utf8_lossy(c)))
        {
            continue;
        }
        match pos {
            CodePosition::Prefix => pre.push_str(a),
            CodePosition::Suffix => code.push_str(a),
        }
    }
    pre + &code
}
