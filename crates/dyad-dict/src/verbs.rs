//! Verb dictionaries, in both formats, read into one model.
//!
//! Shared structure:
//! ```text
//! &SYNSET            # `&NAME_` = no plurals for any member
//! +WORD              # `+WORD_` = no plural; `+&OTHER` = nested synset
//! --- DESCRIPTION [CODE] ---
//! VERB {FORMS} [CODE]            # regular forms generated when no {...}
//! WIRE_+TAP {WIRE_+TAPS ...}     # multi-word verb, `+` marks the verb word
//! - <pattern> [CODE] # comment
//! ```
//! Patterns differ:
//! * PETRARCH-2 / CAMEO 2.0 ([`Pattern2`]): `- PRE-NOUNS (PREP NOUN) * POST {NOUN PHRASE} (PREP {A B}) [CODE]`,
//!   plus transformations `~ a (a b ATTACK) SAY = a b 138`.
//! * PETRARCH-1 / TABARI ([`Pattern1`]): word sequences around `*` with `$`
//!   (source), `+` (target), `%` (compound), `^` (skip), `&SYNSET`, and `_`
//!   (next word immediately follows) versus blank (words may intervene).

use crate::common::{read_text, split_bracket, Diagnostic, Lines, OwnedLine};
use crate::forms::{phrase_plural, verb_forms};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum VerbFormat {
    /// CAMEO 2.0 / PETRARCH-2 patterns (noun and prepositional phrases).
    #[default]
    Petrarch2,
    /// PETRARCH-1 / TABARI patterns (token sequences).
    Petrarch1,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct VerbDictionary {
    pub file: String,
    pub format: VerbFormat,
    /// In file order; a name defined twice appears twice (see [`Self::synset_members`]).
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synset {
    pub file: String,
    pub line: usize,
    /// Without `&` and without the trailing `_`.
    pub name: String,
    /// The label ended in `_`: no plurals for any member.
    pub no_plural: bool,
    pub members: Vec<SynsetMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SynsetMember {
    pub line: usize,
    pub kind: MemberKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MemberKind {
    /// Consecutive words (`+A_B` or `+A B`); `plural` is the generated plural
    /// (last word pluralised) unless suppressed by `_`.
    Phrase {
        words: Vec<String>,
        plural: Option<Vec<String>>,
    },
    /// `+&OTHER`.
    Synset(String),
    /// `+(TO THE END)` (CAMEO 2.0 validation dictionary).
    PrepPhrase { prep: String, object: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerbBlock {
    pub file: String,
    /// Line of the `--- ... ---` header.
    pub line: usize,
    pub description: String,
    /// Default code of the block (`---` when none is given).
    pub code: String,
    /// The first verb is the block's primary verb.
    pub verbs: Vec<Verb>,
    pub patterns: Vec<Pattern>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verb {
    pub file: String,
    pub line: usize,
    /// As written, e.g. `WIRE_+TAP`.
    pub text: String,
    /// The verb word (lemma), e.g. `TAP`.
    pub word: String,
    /// Words before / after the verb word in a multi-word verb.
    pub before: Vec<String>,
    pub after: Vec<String>,
    /// Surface forms; the first is the lemma itself.
    pub forms: Vec<VerbForm>,
    /// Forms came from `{...}` (no regular forms generated).
    pub irregular: bool,
    /// The verb's own code, overriding the block code.
    pub code: Option<String>,
    /// An event noun standing for the verb ("request", "visit"; dyad's `noun:` field): matched
    /// on nouns, with the possessor or `by` phrase as source. PETRARCH verbs are never nouns.
    pub noun: bool,
}

impl VerbBlock {
    /// The code an isolated verb of this block generates: its own code, else the block's.
    pub fn code_of<'a>(&'a self, verb: &'a Verb) -> &'a str {
        verb.code.as_deref().unwrap_or(&self.code)
    }
}

impl Verb {
    pub fn is_multiword(&self) -> bool {
        !self.before.is_empty() || !self.after.is_empty()
    }
}

/// One surface form of a verb (multi-word forms keep their particles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerbForm {
    pub word: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pattern {
    pub file: String,
    pub line: usize,
    /// As written between `[` and `]`, e.g. `042:043`, `---`, `:173`.
    pub code: String,
    /// Text after `#`.
    pub comment: Option<String>,
    /// The pattern text (between `-` and `[`), trimmed.
    pub text: String,
    pub body: PatternBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PatternBody {
    Petrarch2(Pattern2),
    Petrarch1(Pattern1),
}

/// A pattern element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Term {
    Word(String),
    /// `&NAME` (name without `&` and trailing `_`).
    Synset(String),
    /// `$`
    Source,
    /// `+`
    Target,
    /// `%`
    Compound,
    /// `^`
    Skip,
}

impl Term {
    fn parse(tok: &str) -> Term {
        match tok {
            "$" => Term::Source,
            "+" => Term::Target,
            "%" => Term::Compound,
            "^" => Term::Skip,
            _ => match tok.strip_prefix('&') {
                Some(name) => Term::Synset(name.trim_end_matches('_').to_string()),
                None => Term::Word(tok.to_string()),
            },
        }
    }
}

/// A noun in a PETRARCH-2 pattern: a bare word or a `{...}` phrase whose last
/// term is the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NounPhrase {
    pub terms: Vec<Term>,
    pub braced: bool,
}

impl NounPhrase {
    pub fn head(&self) -> Option<&Term> {
        self.terms.last()
    }
    /// The terms before the head.
    pub fn modifiers(&self) -> &[Term] {
        &self.terms[..self.terms.len().saturating_sub(1)]
    }
}

/// `(PREP NOUN ...)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepPhrase {
    pub prep: Term,
    pub objects: Vec<NounPhrase>,
}

/// A PETRARCH-2 pattern: `- [pre nouns] [pre preps] * [post nouns] [post preps]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Pattern2 {
    pub pre_nouns: Vec<NounPhrase>,
    pub pre_preps: Vec<PrepPhrase>,
    pub post_nouns: Vec<NounPhrase>,
    pub post_preps: Vec<PrepPhrase>,
}

/// A PETRARCH-1 token with the connector that precedes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token1 {
    pub term: Term,
    /// `_` before this token (it must immediately follow the previous token,
    /// or the verb for the first post-verb token); false for a blank.
    pub joined_prev: bool,
}

/// A PETRARCH-1 pattern: tokens before and after the verb `*`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Pattern1 {
    pub pre: Vec<Token1>,
    /// `_*`: the verb immediately follows the last pre-verb token.
    pub verb_joined: bool,
    pub post: Vec<Token1>,
}

/// `~ a (a b WILL_ATTACK) SAY = a b 138`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transformation {
    pub file: String,
    pub line: usize,
    pub text: String,
    pub pattern: Clause,
    pub result_source: String,
    pub result_target: String,
    /// A code, or `Q` (the lower verb's code).
    pub result_code: String,
    pub comment: Option<String>,
}

/// `source object VERB`, where the object is an actor variable or a nested clause.
/// Variables are letters, `.` (unspecified) or `_` (absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    pub source: String,
    pub object: ClauseObject,
    /// The verb split on `_` (`WILL_ATTACK` -> `WILL`, `ATTACK`); `Q` = any verb.
    pub verb: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ClauseObject {
    Actor(String),
    Clause(Box<Clause>),
}

/// Where a surface form lives in the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct FormRef {
    pub block: usize,
    pub verb: usize,
    pub form: usize,
}

impl VerbDictionary {
    /// All definitions of a synset merged (PETRARCH-2 appends when a name is
    /// defined twice).
    pub fn synset_members(&self, name: &str) -> impl Iterator<Item = &SynsetMember> {
        let name = name
            .trim_start_matches('&')
            .trim_end_matches('_')
            .to_string();
        self.synsets
            .iter()
            .filter(move |s| s.name == name)
            .flat_map(|s| s.members.iter())
    }

    pub fn has_synset(&self, name: &str) -> bool {
        let name = name.trim_start_matches('&').trim_end_matches('_');
        self.synsets.iter().any(|s| s.name == name)
    }

    /// Every phrase a synset stands for, nested synsets expanded, plurals
    /// included; a prepositional member gives `[prep, object...]`.
    pub fn synset_phrases(&self, name: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        self.collect_synset(name, &mut out, &mut seen);
        out
    }

    fn collect_synset(&self, name: &str, out: &mut Vec<Vec<String>>, seen: &mut HashSet<String>) {
        let key = name
            .trim_start_matches('&')
            .trim_end_matches('_')
            .to_string();
        if !seen.insert(key.clone()) {
            return; // cycle guard
        }
        for m in self.synset_members(&key) {
            match &m.kind {
                MemberKind::Phrase { words, plural } => {
                    out.push(words.clone());
                    if let Some(p) = plural {
                        out.push(p.clone());
                    }
                }
                MemberKind::Synset(inner) => self.collect_synset(inner, out, seen),
                MemberKind::PrepPhrase { prep, object } => {
                    let mut v = vec![prep.clone()];
                    v.extend(object.iter().cloned());
                    out.push(v);
                }
            }
        }
    }

    /// Number of verbs over all blocks.
    pub fn verb_count(&self) -> usize {
        self.blocks.iter().map(|b| b.verbs.len()).sum()
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// Verb lemma (the verb word) -> (block, verb) indices.
    pub fn lemma_index(&self) -> HashMap<&str, Vec<(usize, usize)>> {
        let mut idx: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (b, block) in self.blocks.iter().enumerate() {
            for (v, verb) in block.verbs.iter().enumerate() {
                idx.entry(verb.word.as_str()).or_default().push((b, v));
            }
        }
        idx
    }

    /// Surface verb word -> every form with that word.
    pub fn form_index(&self) -> HashMap<&str, Vec<FormRef>> {
        let mut idx: HashMap<&str, Vec<FormRef>> = HashMap::new();
        for (b, block) in self.blocks.iter().enumerate() {
            for (v, verb) in block.verbs.iter().enumerate() {
                for (f, form) in verb.forms.iter().enumerate() {
                    idx.entry(form.word.as_str()).or_default().push(FormRef {
                        block: b,
                        verb: v,
                        form: f,
                    });
                }
            }
        }
        idx
    }
}

/// Guesses the pattern format: any `~` transformation, or any pattern with
/// `(` or `{` before its code, means PETRARCH-2.
pub fn detect_format(text: &str) -> VerbFormat {
    for raw in text.lines() {
        let l = raw.trim_start();
        if l.starts_with('~') {
            return VerbFormat::Petrarch2;
        }
        if let Some(body) = l.strip_prefix('-') {
            if body.starts_with("--") {
                continue;
            }
            let body = body.split(['#', '[']).next().unwrap_or("");
            if body.contains('(') || body.contains('{') {
                return VerbFormat::Petrarch2;
            }
        }
    }
    VerbFormat::Petrarch1
}

/// Reads a verb dictionary, detecting the pattern format.
pub fn read(file: &str, text: &str) -> (VerbDictionary, Vec<Diagnostic>) {
    read_with_format(file, text, detect_format(text))
}

pub fn load_file(path: impl AsRef<Path>) -> std::io::Result<(VerbDictionary, Vec<Diagnostic>)> {
    let path = path.as_ref();
    let text = read_text(path)?;
    Ok(read(&path.display().to_string(), &text))
}

pub fn read_with_format(
    file: &str,
    text: &str,
    format: VerbFormat,
) -> (VerbDictionary, Vec<Diagnostic>) {
    let mut r = Reader {
        file,
        format,
        dict: VerbDictionary {
            file: file.to_string(),
            format,
            synsets: Vec::new(),
            blocks: Vec::new(),
            transformations: Vec::new(),
        },
        diags: Vec::new(),
        open_synset: None,
    };
    for line in Lines::new(text, &['#', ';']) {
        r.line(&line);
    }
    r.close_synset();
    r.check_synset_refs();
    (r.dict, r.diags)
}

/// Builds a CAMEO-2.0-format verb dictionary entry by entry, for readers of other formats
/// (dyad's own, in [`crate::native`]): the same checks and form generation as a PETRARCH
/// file, with arguments written in PETRARCH's syntax. Several files may feed one dictionary
/// (synsets are shared), each naming itself with [`Builder::file`].
pub(crate) struct Builder<'a> {
    r: Reader<'a>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(name: &'a str) -> Self {
        Builder {
            r: Reader {
                file: name,
                format: VerbFormat::Petrarch2,
                dict: VerbDictionary {
                    file: name.to_string(),
                    format: VerbFormat::Petrarch2,
                    synsets: Vec::new(),
                    blocks: Vec::new(),
                    transformations: Vec::new(),
                },
                diags: Vec::new(),
                open_synset: None,
            },
        }
    }

    /// Entries and diagnostics from now on name this file.
    pub(crate) fn file(&mut self, name: &'a str) {
        self.r.close_synset();
        self.r.file = name;
    }

    /// Starts a verb block (`--- DESCRIPTION [CODE] ---`).
    pub(crate) fn block(&mut self, no: usize, description: &str, code: &str) {
        self.r.close_synset();
        self.r
            .block_header(no, &format!("--- {description} [{code}] ---"));
    }

    /// Starts a synset (`&NAME`); members follow with [`Builder::member`].
    pub(crate) fn synset(&mut self, no: usize, name: &str) {
        self.r.close_synset();
        self.r.open_synset = Some(Synset {
            file: self.r.file.to_string(),
            line: no,
            name: name.to_string(),
            no_plural: false,
            members: Vec::new(),
        });
    }

    /// A synset member as written after `+` (`MILITARY_AID`, `&OTHER`).
    pub(crate) fn member(&mut self, no: usize, text: &str) {
        self.r.synset_member(no, &format!("+{text}"));
    }

    /// A verb line of the current block (`+CALL_FOR`, `GIVE {GAVE GIVEN}`).
    pub(crate) fn verb(&mut self, no: usize, spec: &str) {
        self.r.close_synset();
        self.r.verb(no, spec);
    }

    /// An event noun of the current block ("request"): singular and regular plural forms.
    pub(crate) fn noun(&mut self, no: usize, word: &str) {
        self.r.close_synset();
        let word = word.to_uppercase();
        let plural = crate::forms::noun_plural(&word);
        let verb = Verb {
            file: self.r.file.to_string(),
            line: no,
            text: word.clone(),
            word: word.clone(),
            before: Vec::new(),
            after: Vec::new(),
            forms: [word, plural]
                .into_iter()
                .map(|w| VerbForm {
                    word: w,
                    before: Vec::new(),
                    after: Vec::new(),
                })
                .collect(),
            irregular: false,
            code: None,
            noun: true,
        };
        if let Some(block) = self.r.current_block(no, "noun") {
            block.verbs.push(verb);
        }
    }

    /// A pattern of the current block: its text (`* {MILITARY &AID}`) and code.
    pub(crate) fn pattern(&mut self, no: usize, text: &str, code: &str, comment: Option<&str>) {
        self.r.close_synset();
        self.r.pattern(no, &format!("{text} [{code}]"), comment);
    }

    pub(crate) fn finish(mut self) -> (VerbDictionary, Vec<Diagnostic>) {
        self.r.close_synset();
        self.r.check_synset_refs();
        (self.r.dict, self.r.diags)
    }
}

struct Reader<'a> {
    file: &'a str,
    format: VerbFormat,
    dict: VerbDictionary,
    diags: Vec<Diagnostic>,
    open_synset: Option<Synset>,
}

impl Reader<'_> {
    fn diag(&mut self, line: usize, reason: impl Into<String>) {
        self.diags.push(Diagnostic::new(self.file, line, reason));
    }

    fn close_synset(&mut self) {
        if let Some(s) = self.open_synset.take() {
            if s.members.is_empty() {
                self.diag(s.line, format!("synset &{} has no members", s.name));
            }
            if self.dict.synsets.iter().any(|o| o.name == s.name) {
                self.diag(
                    s.line,
                    format!(
                        "synset &{} defined more than once; members are merged",
                        s.name
                    ),
                );
            }
            self.dict.synsets.push(s);
        }
    }

    fn line(&mut self, line: &OwnedLine) {
        let no = line.no;
        let body = line.text.trim();
        if body.starts_with('+') && self.open_synset.is_some() {
            self.synset_member(no, body);
            return;
        }
        self.close_synset();
        if body.starts_with("---") {
            self.block_header(no, body);
        } else if let Some(name) = body.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            let no_plural = name.ends_with('_');
            let name = name.trim_end_matches('_');
            if name.is_empty() {
                self.diag(no, "synset without a name; skipped");
                return;
            }
            self.open_synset = Some(Synset {
                file: self.file.to_string(),
                line: no,
                name: name.to_string(),
                no_plural,
                members: Vec::new(),
            });
        } else if let Some(rest) = body.strip_prefix('-') {
            self.pattern(no, rest, line.comment.as_deref());
        } else if let Some(rest) = body.strip_prefix('~') {
            self.transformation(no, rest, line.comment.as_deref());
        } else if body.starts_with('*') && !self.dict.blocks.is_empty() {
            // `* (TO QUESTION) [110]` in PETR.Validate.verbs.2.0.txt: a pattern whose `-` was
            // lost. A verb cannot start with `*`, so read it as the pattern it evidently is.
            self.diag(no, "pattern without a leading '-'; read as a pattern");
            self.pattern(no, body, line.comment.as_deref());
        } else {
            self.verb(no, body);
        }
    }

    fn block_header(&mut self, no: usize, body: &str) {
        let inner = body.trim_matches('-').trim();
        let (description, code) = match split_bracket(inner) {
            Some((before, code, _, closed)) => {
                if !closed {
                    self.diag(no, "missing ']' in block header; read to end of line");
                }
                let code = code.trim();
                (
                    before.trim().to_string(),
                    if code.is_empty() {
                        "---".to_string()
                    } else {
                        code.to_string()
                    },
                )
            }
            None => (inner.to_string(), "---".to_string()),
        };
        if description.is_empty() {
            self.diag(no, "verb block without a description");
        }
        self.dict.blocks.push(VerbBlock {
            file: self.file.to_string(),
            line: no,
            description,
            code,
            verbs: Vec::new(),
            patterns: Vec::new(),
        });
    }

    fn synset_member(&mut self, no: usize, body: &str) {
        let Some(syn) = self.open_synset.as_mut() else {
            return;
        };
        let text = body[1..].trim();
        let kind = if let Some(inner) = text.strip_prefix('&') {
            let name = inner
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('_');
            if name.is_empty() {
                None
            } else {
                Some(MemberKind::Synset(name.to_string()))
            }
        } else if let Some(inner) = text.strip_prefix('(') {
            let inner = inner.trim_end().trim_end_matches(')');
            let mut words = inner.split([' ', '\t', '_']).filter(|w| !w.is_empty());
            words.next().map(|prep| MemberKind::PrepPhrase {
                prep: prep.to_string(),
                object: words.map(str::to_string).collect(),
            })
        } else {
            let words: Vec<String> = text
                .split(|c: char| c.is_whitespace() || c == '_')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if words.is_empty() {
                None
            } else {
                let no_plural = syn.no_plural || text.ends_with('_');
                let plural = (!no_plural).then(|| phrase_plural(&words));
                Some(MemberKind::Phrase { words, plural })
            }
        };
        match kind {
            Some(kind) => syn.members.push(SynsetMember { line: no, kind }),
            None => self.diag(no, "empty synset member; skipped"),
        }
    }

    fn current_block(&mut self, no: usize, what: &str) -> Option<&mut VerbBlock> {
        if self.dict.blocks.is_empty() {
            self.diag(
                no,
                format!("{what} before any '--- ... ---' verb block; skipped"),
            );
            return None;
        }
        self.dict.blocks.last_mut()
    }

    fn verb(&mut self, no: usize, body: &str) {
        if body.starts_with('*') || body.starts_with('(') {
            self.diag(no, "looks like a pattern without its leading '-'; skipped");
            return;
        }
        if body.starts_with('+') && self.dict.blocks.is_empty() {
            self.diag(no, "'+' line outside a synset or verb block; skipped");
            return;
        }
        // Own code.
        let (spec_part, code) = match split_bracket(body) {
            Some((before, code, after, closed)) => {
                if !closed {
                    self.diag(no, "missing ']' after verb code; read to end of line");
                }
                if !after.trim().is_empty() {
                    self.diag(
                        no,
                        format!("text {:?} after verb code ignored", after.trim()),
                    );
                }
                let code = code.trim();
                (before, (!code.is_empty()).then(|| code.to_string()))
            }
            None => (body, None),
        };
        // Irregular forms.
        let (spec, forms_text) = match spec_part.find('{') {
            Some(open) => {
                let rest = &spec_part[open + 1..];
                let inner = match rest.find('}') {
                    Some(close) => &rest[..close],
                    None => {
                        self.diag(no, "missing '}' after verb forms; read to end of line");
                        rest
                    }
                };
                (&spec_part[..open], Some(inner))
            }
            None => (spec_part, None),
        };
        let mut toks = spec.split_whitespace();
        let Some(first) = toks.next() else {
            self.diag(no, "verb line without a verb; skipped");
            return;
        };
        let extra: Vec<&str> = toks.collect();
        if !extra.is_empty() {
            self.diag(
                no,
                format!("extra words {extra:?} after verb {first:?} ignored"),
            );
        }
        let (before, word, after) = match split_verb_spec(first) {
            Ok(x) => x,
            Err(reason) => {
                self.diag(no, format!("{reason}; skipped"));
                return;
            }
        };
        let lemma_form = VerbForm {
            word: word.clone(),
            before: before.clone(),
            after: after.clone(),
        };
        let mut forms = vec![lemma_form];
        let irregular = forms_text.is_some();
        if let Some(ft) = forms_text {
            for tok in ft.split_whitespace() {
                match split_verb_spec(tok) {
                    Ok((b, w, a)) => {
                        // A plain form of a multi-word verb keeps its particles.
                        let plain = !tok.contains(['_', '+']);
                        let (b, a) = if plain {
                            (before.clone(), after.clone())
                        } else {
                            (b, a)
                        };
                        forms.push(VerbForm {
                            word: w,
                            before: b,
                            after: a,
                        });
                    }
                    Err(reason) => {
                        self.diag(no, format!("verb form {tok:?}: {reason}; form skipped"))
                    }
                }
            }
        } else {
            for w in verb_forms(&word) {
                forms.push(VerbForm {
                    word: w,
                    before: before.clone(),
                    after: after.clone(),
                });
            }
        }
        let verb = Verb {
            file: self.file.to_string(),
            line: no,
            text: first.to_string(),
            word,
            before,
            after,
            forms,
            irregular,
            code,
            noun: false,
        };
        if let Some(block) = self.current_block(no, "verb") {
            block.verbs.push(verb);
        }
    }

    fn pattern(&mut self, no: usize, rest: &str, comment: Option<&str>) {
        let Some((text, code, after, closed)) = split_bracket(rest) else {
            self.diag(no, "pattern without [code]; skipped");
            return;
        };
        if !closed {
            self.diag(no, "missing ']' after pattern code; read to end of line");
        }
        if !after.trim().is_empty() {
            self.diag(
                no,
                format!("text {:?} after pattern code ignored", after.trim()),
            );
        }
        let code = code.trim();
        if code.is_empty() {
            self.diag(no, "pattern with empty [code]; skipped");
            return;
        }
        let text = text.trim();
        let stars = text.matches('*').count();
        if stars != 1 {
            self.diag(
                no,
                format!("pattern needs exactly one '*' (verb position), found {stars}; skipped"),
            );
            return;
        }
        let body = match self.format {
            VerbFormat::Petrarch2 => parse_pattern2(text).map(PatternBody::Petrarch2),
            VerbFormat::Petrarch1 => parse_pattern1(text).map(PatternBody::Petrarch1),
        };
        let body = match body {
            Ok(b) => b,
            Err(reason) => {
                self.diag(no, format!("{reason}; pattern skipped"));
                return;
            }
        };
        let pattern = Pattern {
            file: self.file.to_string(),
            line: no,
            code: code.to_string(),
            comment: comment.filter(|c| !c.is_empty()).map(str::to_string),
            text: text.to_string(),
            body,
        };
        if let Some(block) = self.current_block(no, "pattern") {
            block.patterns.push(pattern);
        }
    }

    fn transformation(&mut self, no: usize, rest: &str, comment: Option<&str>) {
        match parse_transformation(rest) {
            Ok((pattern, s, t, c)) => self.dict.transformations.push(Transformation {
                file: self.file.to_string(),
                line: no,
                text: rest.trim().to_string(),
                pattern,
                result_source: s,
                result_target: t,
                result_code: c,
                comment: comment.filter(|c| !c.is_empty()).map(str::to_string),
            }),
            Err(reason) => self.diag(no, format!("{reason}; transformation skipped")),
        }
    }

    /// Reports references to synsets that are never defined (the pattern is
    /// kept: the coder decides; PETRARCH's documentation says such patterns
    /// are ignored).
    fn check_synset_refs(&mut self) {
        let defined: HashSet<&str> = self.dict.synsets.iter().map(|s| s.name.as_str()).collect();
        // (file, line, name): a dictionary built from several files names each reference's own.
        let mut missing: Vec<(String, usize, String)> = Vec::new();
        let mut check = |file: &str, line: usize, t: &Term| {
            if let Term::Synset(n) = t {
                if !defined.contains(n.as_str()) {
                    missing.push((file.to_string(), line, n.clone()));
                }
            }
        };
        for s in &self.dict.synsets {
            for m in &s.members {
                if let MemberKind::Synset(n) = &m.kind {
                    check(&s.file, m.line, &Term::Synset(n.clone()));
                }
            }
        }
        for b in &self.dict.blocks {
            for p in &b.patterns {
                for t in p.body.terms() {
                    check(&p.file, p.line, t);
                }
            }
        }
        let found: Vec<Diagnostic> = missing
            .into_iter()
            .map(|(file, line, name)| {
                Diagnostic::new(&file, line, format!("undefined synset &{name}"))
            })
            .collect();
        self.diags.extend(found);
    }
}

impl PatternBody {
    /// Every term of the pattern, in no particular order.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out = Vec::new();
        match self {
            PatternBody::Petrarch2(p) => {
                for n in p.pre_nouns.iter().chain(&p.post_nouns) {
                    out.extend(n.terms.iter());
                }
                for pp in p.pre_preps.iter().chain(&p.post_preps) {
                    out.push(&pp.prep);
                    for n in &pp.objects {
                        out.extend(n.terms.iter());
                    }
                }
            }
            PatternBody::Petrarch1(p) => {
                out.extend(p.pre.iter().chain(&p.post).map(|t| &t.term));
            }
        }
        out
    }
}

/// `WIRE_+TAP` -> (["WIRE"], "TAP", []); `+CORDON_OFF` -> ([], "CORDON", ["OFF"]);
/// `ARREST` -> ([], "ARREST", []).
fn split_verb_spec(tok: &str) -> Result<(Vec<String>, String, Vec<String>), String> {
    let parts: Vec<&str> = tok.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(format!("empty verb {tok:?}"));
    }
    let marked: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with('+'))
        .map(|(i, _)| i)
        .collect();
    let vi = match (marked.len(), parts.len()) {
        (0, 1) => 0,
        (0, _) => {
            return Err(format!(
                "multi-word verb {tok:?} has no '+' marking the verb word"
            ))
        }
        (1, _) => marked[0],
        _ => return Err(format!("multi-word verb {tok:?} has more than one '+'")),
    };
    let word = parts[vi].trim_start_matches('+');
    if word.is_empty() || word.contains('+') {
        return Err(format!("malformed verb {tok:?}"));
    }
    let clean = |p: &&str| p.trim_start_matches('+').to_string();
    Ok((
        parts[..vi].iter().map(clean).collect(),
        word.to_string(),
        parts[vi + 1..].iter().map(clean).collect(),
    ))
}

#[derive(Debug, Clone, PartialEq)]
enum Sym {
    LParen,
    RParen,
    LBrace,
    RBrace,
    Word(String),
}

fn symbols(s: &str) -> Vec<Sym> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        let sym = match c {
            '(' => Some(Sym::LParen),
            ')' => Some(Sym::RParen),
            '{' => Some(Sym::LBrace),
            '}' => Some(Sym::RBrace),
            _ => None,
        };
        if c.is_whitespace() || sym.is_some() {
            if !cur.is_empty() {
                out.push(Sym::Word(std::mem::take(&mut cur)));
            }
            if let Some(sym) = sym {
                out.push(sym);
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(Sym::Word(cur));
    }
    out
}

fn parse_pattern2(text: &str) -> Result<Pattern2, String> {
    let (pre, post) = text.split_once('*').unwrap_or((text, ""));
    let (pre_nouns, pre_preps) = parse_segment2(pre)?;
    let (post_nouns, post_preps) = parse_segment2(post)?;
    Ok(Pattern2 {
        pre_nouns,
        pre_preps,
        post_nouns,
        post_preps,
    })
}

fn parse_segment2(seg: &str) -> Result<(Vec<NounPhrase>, Vec<PrepPhrase>), String> {
    let syms = symbols(seg);
    let mut i = 0;
    let mut nouns = Vec::new();
    let mut preps = Vec::new();
    while i < syms.len() {
        match &syms[i] {
            Sym::LParen => {
                i += 1;
                let prep = match syms.get(i) {
                    Some(Sym::Word(w)) => Term::parse(w),
                    _ => return Err("'(' must be followed by a preposition".into()),
                };
                i += 1;
                let mut objects = Vec::new();
                loop {
                    match syms.get(i) {
                        Some(Sym::RParen) => {
                            i += 1;
                            break;
                        }
                        Some(Sym::LParen) => return Err("nested '('".into()),
                        None => return Err("unclosed '('".into()),
                        _ => objects.push(parse_noun2(&syms, &mut i)?),
                    }
                }
                preps.push(PrepPhrase { prep, objects });
            }
            Sym::RParen => return Err("unbalanced ')'".into()),
            _ => nouns.push(parse_noun2(&syms, &mut i)?),
        }
    }
    Ok((nouns, preps))
}

fn parse_noun2(syms: &[Sym], i: &mut usize) -> Result<NounPhrase, String> {
    match syms.get(*i) {
        Some(Sym::Word(w)) => {
            *i += 1;
            Ok(NounPhrase {
                terms: vec![Term::parse(w)],
                braced: false,
            })
        }
        Some(Sym::LBrace) => {
            *i += 1;
            let mut terms = Vec::new();
            loop {
                match syms.get(*i) {
                    Some(Sym::Word(w)) => terms.push(Term::parse(w)),
                    Some(Sym::RBrace) => {
                        *i += 1;
                        break;
                    }
                    Some(_) => return Err("unexpected bracket inside '{...}'".into()),
                    None => return Err("unclosed '{'".into()),
                }
                *i += 1;
            }
            if terms.is_empty() {
                return Err("empty '{}' noun phrase".into());
            }
            Ok(NounPhrase {
                terms,
                braced: true,
            })
        }
        Some(Sym::RBrace) => Err("unbalanced '}'".into()),
        _ => Err("expected a noun".into()),
    }
}

fn parse_pattern1(text: &str) -> Result<Pattern1, String> {
    // PETRARCH-1 skips TABARI disjunctions too; none occur in the shipped files.
    if text.contains(['{', '}', '|']) {
        return Err(
            "TABARI '{...|...}' alternatives are not supported in PETRARCH-1 patterns".into(),
        );
    }
    let mut pat = Pattern1::default();
    let mut seen_verb = false;
    let mut cur = String::new();
    // Connector state since the last element: None = nothing yet,
    // Some(true) = only `_`, Some(false) = a blank occurred.
    let mut conn: Option<bool> = None;
    let mut have_prev = false;

    let push =
        |tok: &str, conn: Option<bool>, have_prev: bool, seen_verb: bool, pat: &mut Pattern1| {
            let joined = have_prev && conn == Some(true);
            let t = Token1 {
                term: Term::parse(tok),
                joined_prev: joined,
            };
            if seen_verb {
                pat.post.push(t);
            } else {
                pat.pre.push(t);
            }
        };

    for c in text.chars() {
        if c == '_' || c.is_whitespace() || c == '*' {
            if !cur.is_empty() {
                push(&cur, conn, have_prev, seen_verb, &mut pat);
                cur.clear();
                have_prev = true;
                conn = None;
            }
            if c == '*' {
                pat.verb_joined = have_prev && conn == Some(true);
                seen_verb = true;
                have_prev = true;
                conn = None;
            } else {
                let j = c == '_';
                conn = Some(match conn {
                    Some(prev) => prev && j,
                    None => j,
                });
            }
        } else {
            if cur.is_empty() && conn.is_none() && have_prev {
                // Directly after `*` with no connector (e.g. `*OUT`): treat as a blank.
                conn = Some(false);
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        push(&cur, conn, have_prev, seen_verb, &mut pat);
    }
    Ok(pat)
}

fn parse_transformation(rest: &str) -> Result<(Clause, String, String, String), String> {
    let (lhs, rhs) = rest
        .split_once('=')
        .ok_or_else(|| "transformation without '='".to_string())?;
    let syms = symbols(lhs);
    let mut i = 0;
    let clause = parse_clause(&syms, &mut i)?;
    if i != syms.len() {
        return Err("unexpected text after the transformation pattern".into());
    }
    let out: Vec<&str> = rhs.split_whitespace().collect();
    if out.len() != 3 {
        return Err(format!(
            "transformation result needs 'source target code', found {} items",
            out.len()
        ));
    }
    Ok((clause, out[0].into(), out[1].into(), out[2].into()))
}

fn parse_clause(syms: &[Sym], i: &mut usize) -> Result<Clause, String> {
    let word = |i: usize| match syms.get(i) {
        Some(Sym::Word(w)) => Ok(w.clone()),
        _ => Err("malformed transformation pattern".to_string()),
    };
    let source = word(*i)?;
    *i += 1;
    let object = match syms.get(*i) {
        Some(Sym::LParen) => {
            *i += 1;
            let inner = parse_clause(syms, i)?;
            match syms.get(*i) {
                Some(Sym::RParen) => *i += 1,
                _ => return Err("unclosed '(' in transformation".into()),
            }
            ClauseObject::Clause(Box::new(inner))
        }
        _ => {
            let a = word(*i)?;
            *i += 1;
            ClauseObject::Actor(a)
        }
    };
    let verb = word(*i)?;
    *i += 1;
    Ok(Clause {
        source,
        object,
        verb: verb
            .split('_')
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Term {
        Term::Word(s.into())
    }

    const P2: &str = "\
####### SYNONYM SETS #######
&AUX_
+WAS
+BEEN

&GADGET
+WIDGET
+SPROCKET_
+FLUX_CAPACITOR
+&AUX

&TESTPREP
+(TO THE END)

####### VERB PATTERNS #######

---  FROB   [---]  ---
+FROB_UP {+FROBS_UP +FROBBED_UP +FROBBING_UP} [020]
FROB     [030]
TWIDDLE {TWIDDLES TWIDDLED}
WIRE_+TAP
DENY
- * (TO)                                [042:043]     # FROB
- * {SHINY &GADGET}                     [072]         # TWIDDLE
- &GADGET (IN FACT) * WIDGET (OF {BIG THING}) (AT ^ ^) $ [153]
- + * (FROM $)                          [:173]

--- OTHER [111] ---
OTHER ;shan 8/30/93

~ a (a b FROB_UP) OTHER = a b 138   # note
~ a (b . OTHER) FROB = a b Q
";

    #[test]
    fn petrarch2_format() {
        let (d, diags) = read("v2.txt", P2);
        assert_eq!(d.format, VerbFormat::Petrarch2);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.synsets.len(), 3);
        let aux = &d.synsets[0];
        assert_eq!(
            (aux.name.as_str(), aux.no_plural, aux.line),
            ("AUX", true, 2)
        );
        assert_eq!(
            aux.members[0].kind,
            MemberKind::Phrase {
                words: vec!["WAS".into()],
                plural: None
            }
        );
        let g = &d.synsets[1];
        assert_eq!(
            g.members[0].kind,
            MemberKind::Phrase {
                words: vec!["WIDGET".into()],
                plural: Some(vec!["WIDGETS".into()])
            }
        );
        assert_eq!(
            g.members[1].kind,
            MemberKind::Phrase {
                words: vec!["SPROCKET".into()],
                plural: None
            }
        );
        assert_eq!(
            g.members[2].kind,
            MemberKind::Phrase {
                words: vec!["FLUX".into(), "CAPACITOR".into()],
                plural: Some(vec!["FLUX".into(), "CAPACITORS".into()])
            }
        );
        assert_eq!(g.members[3].kind, MemberKind::Synset("AUX".into()));
        let phrases = d.synset_phrases("&GADGET");
        assert_eq!(phrases.len(), 7);
        assert!(phrases.contains(&vec!["BEEN".to_string()]));
        assert_eq!(
            d.synsets[2].members[0].kind,
            MemberKind::PrepPhrase {
                prep: "TO".into(),
                object: vec!["THE".into(), "END".into()]
            }
        );

        assert_eq!(d.blocks.len(), 2);
        let b = &d.blocks[0];
        assert_eq!(
            (b.description.as_str(), b.code.as_str(), b.line),
            ("FROB", "---", 17)
        );
        assert_eq!(b.verbs.len(), 5);
        let up = &b.verbs[0];
        assert_eq!(up.word, "FROB");
        assert_eq!(up.after, ["UP"]);
        assert_eq!(up.code.as_deref(), Some("020"));
        assert!(up.irregular);
        assert_eq!(up.forms.len(), 4);
        assert_eq!(
            up.forms[2],
            VerbForm {
                word: "FROBBED".into(),
                before: vec![],
                after: vec!["UP".into()]
            }
        );
        let frob = &b.verbs[1];
        let forms: Vec<_> = frob.forms.iter().map(|f| f.word.as_str()).collect();
        assert_eq!(forms, ["FROB", "FROBS", "FROBED", "FROBING"]);
        let tw: Vec<_> = b.verbs[2].forms.iter().map(|f| f.word.as_str()).collect();
        assert_eq!(tw, ["TWIDDLE", "TWIDDLES", "TWIDDLED"]);
        assert_eq!(b.verbs[2].code, None);
        assert_eq!(b.code_of(&b.verbs[2]), "---");
        assert_eq!(b.code_of(&b.verbs[1]), "030");
        let tap = &b.verbs[3];
        assert_eq!(
            (tap.before.as_slice(), tap.word.as_str()),
            (&["WIRE".to_string()][..], "TAP")
        );
        assert_eq!(tap.forms[3].word, "TAPING");
        assert_eq!(tap.forms[3].before, ["WIRE"]);
        assert_eq!(b.verbs[4].forms[1].word, "DENIES");

        assert_eq!(b.patterns.len(), 4);
        let p0 = &b.patterns[0];
        assert_eq!(
            (p0.line, p0.code.as_str(), p0.comment.as_deref()),
            (23, "042:043", Some("FROB"))
        );
        let PatternBody::Petrarch2(p) = &p0.body else {
            panic!()
        };
        assert_eq!(
            p.post_preps,
            vec![PrepPhrase {
                prep: w("TO"),
                objects: vec![]
            }]
        );
        let PatternBody::Petrarch2(p) = &b.patterns[1].body else {
            panic!()
        };
        assert_eq!(
            p.post_nouns[0].terms,
            vec![w("SHINY"), Term::Synset("GADGET".into())]
        );
        assert!(p.post_nouns[0].braced);
        assert_eq!(p.post_nouns[0].head(), Some(&Term::Synset("GADGET".into())));
        let PatternBody::Petrarch2(p) = &b.patterns[2].body else {
            panic!()
        };
        assert_eq!(p.pre_nouns[0].terms, vec![Term::Synset("GADGET".into())]);
        assert_eq!(p.pre_preps[0].prep, w("IN"));
        assert_eq!(p.pre_preps[0].objects[0].terms, vec![w("FACT")]);
        assert_eq!(p.post_nouns.len(), 2);
        assert_eq!(p.post_nouns[1].terms, vec![Term::Source]);
        assert_eq!(p.post_preps[0].objects[0].modifiers(), &[w("BIG")]);
        assert_eq!(p.post_preps[1].objects.len(), 2);
        assert_eq!(p.post_preps[1].objects[1].terms, vec![Term::Skip]);
        let PatternBody::Petrarch2(p) = &b.patterns[3].body else {
            panic!()
        };
        assert_eq!(p.pre_nouns[0].terms, vec![Term::Target]);
        assert_eq!(b.patterns[3].code, ":173");

        assert_eq!(d.blocks[1].verbs[0].word, "OTHER");
        assert_eq!(d.blocks[1].code, "111");

        assert_eq!(d.transformations.len(), 2);
        let t = &d.transformations[0];
        assert_eq!(t.pattern.source, "a");
        assert_eq!(t.pattern.verb, ["OTHER"]);
        let ClauseObject::Clause(inner) = &t.pattern.object else {
            panic!()
        };
        assert_eq!(inner.source, "a");
        assert_eq!(inner.object, ClauseObject::Actor("b".into()));
        assert_eq!(inner.verb, ["FROB", "UP"]);
        assert_eq!(
            (
                t.result_source.as_str(),
                t.result_target.as_str(),
                t.result_code.as_str()
            ),
            ("a", "b", "138")
        );
        assert_eq!(t.comment.as_deref(), Some("note"));
        assert_eq!(d.transformations[1].result_code, "Q");

        let forms = d.form_index();
        assert!(
            !forms.contains_key("TAPPING"),
            "PETRARCH does not double consonants"
        );
        assert_eq!(
            forms["FROBBING"][0],
            FormRef {
                block: 0,
                verb: 0,
                form: 3
            }
        );
        assert_eq!(d.lemma_index()["FROB"], vec![(0, 0), (0, 1)]);
    }

    const P1: &str = "\
<!-- SYNSETS -->
&TIES
+MILITARY
+ECONOMIC

--- ABANDON  [345]  ---
ABANDON    # pas
KLM_NOP_+RST [002]
- * NEW_&TIES_RELATIONS [903] #  -PAS
- SUGGESTED_+ * DEMAND  [111]
- IN_ *  [075A]
- SO IN_AND_*_OUT_AGAIN NOW [074]
- ^ $ * % [160:160]
";

    #[test]
    fn petrarch1_format() {
        let (d, diags) = read("v1.txt", P1);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.format, VerbFormat::Petrarch1);
        let b = &d.blocks[0];
        assert_eq!(b.code, "345");
        assert_eq!(b.verbs[1].before, ["KLM", "NOP"]);
        assert_eq!(b.verbs[1].word, "RST");
        let PatternBody::Petrarch1(p) = &b.patterns[0].body else {
            panic!()
        };
        assert!(p.pre.is_empty());
        assert!(!p.verb_joined);
        let post: Vec<_> = p
            .post
            .iter()
            .map(|t| (t.term.clone(), t.joined_prev))
            .collect();
        assert_eq!(
            post,
            vec![
                (w("NEW"), false),
                (Term::Synset("TIES".into()), true),
                (w("RELATIONS"), true)
            ]
        );
        let PatternBody::Petrarch1(p) = &b.patterns[1].body else {
            panic!()
        };
        assert_eq!(
            p.pre[1],
            Token1 {
                term: Term::Target,
                joined_prev: true
            }
        );
        assert!(!p.verb_joined);
        let PatternBody::Petrarch1(p) = &b.patterns[2].body else {
            panic!()
        };
        assert!(!p.verb_joined, "'_ ' counts as a blank");
        let PatternBody::Petrarch1(p) = &b.patterns[3].body else {
            panic!()
        };
        assert!(p.verb_joined);
        assert_eq!(p.pre.len(), 3);
        assert!(p.pre[2].joined_prev && !p.pre[1].joined_prev);
        let post: Vec<_> = p.post.iter().map(|t| t.joined_prev).collect();
        assert_eq!(post, [true, true, false]);
        let PatternBody::Petrarch1(p) = &b.patterns[4].body else {
            panic!()
        };
        assert_eq!(
            p.pre.iter().map(|t| t.term.clone()).collect::<Vec<_>>(),
            [Term::Skip, Term::Source]
        );
        assert_eq!(p.post[0].term, Term::Compound);
    }

    #[test]
    fn malformed_verb_lines() {
        let text = "\
&EMPTY
ORPHAN
--- X [010] ---
CLEAR_UP
A_+B_+C
* (TO QUESTION) [110]
- * NO CODE
- NO STAR [010]
- * ONE * TWO [010]
- * (UNCLOSED [010]
- * {UNCLOSED [010]
- * &NOWHERE [010]
~ a b = a b
GOOD {GOODS} [020]
- * FINE [030]
";
        let (d, diags) = read_with_format("bad.v", text, VerbFormat::Petrarch2);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        let has = |p: &str| msgs.iter().any(|m| m.starts_with(p));
        assert!(has("bad.v:1: synset &EMPTY has no members"), "{msgs:#?}");
        assert!(has("bad.v:2: verb before any"));
        assert!(has("bad.v:4: multi-word verb \"CLEAR_UP\" has no '+'"));
        assert!(has(
            "bad.v:5: multi-word verb \"A_+B_+C\" has more than one '+'"
        ));
        assert!(has(
            "bad.v:6: pattern without a leading '-'; read as a pattern"
        ));
        assert!(has("bad.v:7: pattern without [code]"));
        assert!(has("bad.v:8: pattern needs exactly one '*'"));
        assert!(has("bad.v:9: pattern needs exactly one '*'"));
        assert!(has("bad.v:10: unclosed '('"));
        assert!(has("bad.v:11: unclosed '{'"));
        assert!(has("bad.v:12: undefined synset &NOWHERE"));
        assert!(has("bad.v:13: malformed transformation pattern"));
        assert_eq!(d.blocks[0].verbs.len(), 1);
        assert_eq!(d.blocks[0].verbs[0].word, "GOOD");
        assert_eq!(
            d.blocks[0].patterns.len(),
            3,
            "dash-less and undefined-synset patterns kept"
        );
        assert_eq!(d.blocks[0].patterns[0].code, "110");
        assert_eq!(d.blocks[0].patterns[0].line, 6);
        assert_eq!(d.blocks[0].patterns[2].code, "030");
    }

    #[test]
    fn detects_formats() {
        assert_eq!(
            detect_format("--- A [1] ---\nA\n- * (TO X) [1]\n"),
            VerbFormat::Petrarch2
        );
        assert_eq!(
            detect_format("--- A [1] ---\nA\n- * TO X [1] # (c)\n"),
            VerbFormat::Petrarch1
        );
        assert_eq!(
            detect_format("~ a (a b X) Y = a b 1\n"),
            VerbFormat::Petrarch2
        );
    }
}
