//! dyad's own dictionary format (`.dyad` files), documented in `docs/dictionaries.md`.
//!
//! ```text
//! actor NER
//!   code: NER
//!   name: Niger; Republic of Niger
//!   adj: Nigerien; Nigeriens
//!   capital: Niamey
//! ```
//!
//! Entries compile into the same structures as PETRARCH's files (actors, agents, one verb
//! dictionary in the CAMEO 2.0 pattern language, discards), so the coder treats both alike;
//! each entry keeps its stable id, file and line. Phrases are split into words by dyad's own
//! tokenizer, so a dictionary phrase is matched the way the text it stands for is split.
//! Several files are read together: synsets and ids are shared across them.

use crate::actors::{ActorDictionary, ActorEntry, CodeRule, Restriction, Synonym};
use crate::agents::{AgentDictionary, AgentEntry, CodePosition};
use crate::common::{Diagnostic, DictDate, Phrase};
use crate::discards::{DiscardEntry, DiscardList};
use crate::forms::phrase_plural;
use crate::verbs::{Builder, VerbDictionary};
use std::collections::HashMap;
use std::path::Path;

/// The only format version this reader knows (`# dyad dictionary 1`).
pub const FORMAT_VERSION: u32 = 1;

/// What an entry defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Actor,
    Agent,
    Synset,
    Verb,
    Discard,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "actor" => Kind::Actor,
            "agent" => Kind::Agent,
            "synset" => Kind::Synset,
            "verb" => Kind::Verb,
            "discard" => Kind::Discard,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Agent => "agent",
            Kind::Synset => "synset",
            Kind::Verb => "verb",
            Kind::Discard => "discard",
        }
    }
}

/// One phrase an actor or agent entry claims, for checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedPhrase {
    /// Upper-cased words.
    pub words: Vec<String>,
    /// The field it came from (`name`, `adj`, `former`, `capital`).
    pub field: &'static str,
    pub line: usize,
    /// The codes it gives, as written (`NERGOV 2021-04-02..2023-07-26`).
    pub codes: String,
}

/// Where an entry is and what it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    pub kind: Kind,
    pub id: String,
    pub file: String,
    pub line: usize,
    pub phrases: Vec<ClaimedPhrase>,
    /// Codes the entry uses (actor codes, agent role codes, verb and pattern codes), with the
    /// line of each, for validation against the CAMEO tables.
    pub codes: Vec<(String, usize)>,
}

/// Everything read from a set of `.dyad` files.
#[derive(Debug, Clone, Default)]
pub struct NativeDictionary {
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub verbs: VerbDictionary,
    pub discards: DiscardList,
    pub entries: Vec<EntryInfo>,
}

/// Reads several files as one dictionary: `(name, text)` pairs, in order.
pub fn read(sources: &[(&str, &str)]) -> (NativeDictionary, Vec<Diagnostic>) {
    let mut r = Reader {
        out: NativeDictionary::default(),
        verbs: Builder::new(sources.first().map(|s| s.0).unwrap_or("")),
        diags: Vec::new(),
    };
    for &(name, text) in sources {
        r.verbs.file(name);
        r.file(name, text);
    }
    let (verbs, vdiags) = r.verbs.finish();
    r.out.verbs = verbs;
    r.diags.extend(vdiags);
    let order: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (s.0, i)).collect();
    r.diags.sort_by_key(|d| {
        (
            order.get(d.file.as_str()).copied().unwrap_or(usize::MAX),
            d.line,
        )
    });
    (r.out, r.diags)
}

/// Reads files from disk (see [`read`]); entries name each file by its base name.
pub fn load_files(
    paths: &[impl AsRef<Path>],
) -> std::io::Result<(NativeDictionary, Vec<Diagnostic>)> {
    let mut texts = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string());
        texts.push((name, crate::common::read_text(p)?));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(read(&refs))
}

/// Duplicate ids and conflicting phrases across all entries, as `file:line: reason`.
pub fn check(dict: &NativeDictionary) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids: HashMap<(Kind, &str), &EntryInfo> = HashMap::new();
    for e in &dict.entries {
        if let Some(first) = ids.get(&(e.kind, e.id.as_str())) {
            out.push(Diagnostic::new(
                &e.file,
                e.line,
                format!(
                    "duplicate id: {} {} is already defined at {}:{}",
                    e.kind.name(),
                    e.id,
                    first.file,
                    first.line
                ),
            ));
        } else {
            ids.insert((e.kind, e.id.as_str()), e);
        }
    }
    // Same phrase claimed twice: a conflict when the codes differ, a duplicate otherwise.
    // Former names may coincide with another entry's name (a renamed country) silently.
    let mut seen: HashMap<(bool, &[String]), (&EntryInfo, &ClaimedPhrase)> = HashMap::new();
    for e in &dict.entries {
        let is_agent = match e.kind {
            Kind::Actor => false,
            Kind::Agent => true,
            _ => continue,
        };
        for p in &e.phrases {
            let key = (is_agent, p.words.as_slice());
            match seen.get(&key) {
                Some((fe, fp)) => {
                    if std::ptr::eq(*fe, e) {
                        if p.codes == fp.codes {
                            out.push(Diagnostic::new(
                                &e.file,
                                p.line,
                                format!("{:?} is listed twice in {}", p.words.join(" "), e.id),
                            ));
                        }
                        continue;
                    }
                    if p.field == "former" || fp.field == "former" {
                        continue;
                    }
                    let what = if p.codes == fp.codes {
                        "duplicate"
                    } else {
                        "conflict"
                    };
                    out.push(Diagnostic::new(
                        &e.file,
                        p.line,
                        format!(
                            "{what}: {:?} ({} {}: {}) is also {} {} at {}:{} ({})",
                            p.words.join(" "),
                            e.kind.name(),
                            e.id,
                            p.codes,
                            fe.kind.name(),
                            fe.id,
                            fe.file,
                            fp.line,
                            fp.codes
                        ),
                    ));
                }
                None => {
                    seen.insert(key, (e, p));
                }
            }
        }
    }
    out
}

/// A field line of an entry.
struct Field<'t> {
    name: &'t str,
    value: &'t str,
    line: usize,
}

struct Pending<'t> {
    kind: Kind,
    id: &'t str,
    line: usize,
    fields: Vec<Field<'t>>,
}

impl<'t> Pending<'t> {
    fn values(&self, name: &str) -> impl Iterator<Item = (&'t str, usize)> + '_ {
        let name = name.to_string();
        self.fields
            .iter()
            .filter(move |f| f.name == name)
            .flat_map(|f| {
                f.value
                    .split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(move |v| (v, f.line))
            })
    }

    fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.name == name)
    }
}

const FIELDS: &[(Kind, &[&str])] = &[
    (
        Kind::Actor,
        &["code", "name", "adj", "capital", "former", "note"],
    ),
    (Kind::Agent, &["code", "name", "plural", "title", "note"]),
    (Kind::Synset, &["word", "note"]),
    (Kind::Verb, &["code", "lemma", "noun", "pattern", "note"]),
    (Kind::Discard, &["sentence", "story", "note"]),
];

struct Reader<'a> {
    out: NativeDictionary,
    verbs: Builder<'a>,
    diags: Vec<Diagnostic>,
}

/// The text of a line without its comment: `#` at the start or after a blank.
fn strip_comment(line: &str) -> &str {
    let mut prev_blank = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_blank {
            return &line[..i];
        }
        prev_blank = c.is_whitespace();
    }
    line
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/'))
}

impl<'a> Reader<'a> {
    fn diag(&mut self, file: &str, line: usize, reason: impl Into<String>) {
        self.diags.push(Diagnostic::new(file, line, reason));
    }

    fn file(&mut self, name: &'a str, text: &'a str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut pending: Option<Pending<'a>> = None;
        // False after a malformed header: its fields are skipped with it.
        let mut in_bad_entry = false;
        for (i, raw) in text.lines().enumerate() {
            let no = i + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if no == 1 {
                if let Some(v) = raw.trim().strip_prefix("# dyad dictionary") {
                    match v.trim().parse::<u32>() {
                        Ok(FORMAT_VERSION) => {}
                        Ok(other) => {
                            self.diag(
                                name,
                                no,
                                format!(
                                    "format version {other} is not supported (this dyad reads version {FORMAT_VERSION}); file skipped"
                                ),
                            );
                            return;
                        }
                        Err(_) => {
                            self.diag(name, no, "version line should read `# dyad dictionary 1`")
                        }
                    }
                }
            }
            let body = strip_comment(raw);
            if body.trim().is_empty() {
                continue;
            }
            if !body.starts_with(char::is_whitespace) {
                if let Some(p) = pending.take() {
                    self.finish(name, p);
                }
                in_bad_entry = true;
                let mut words = body.split_whitespace();
                let (Some(kind), Some(id)) = (words.next(), words.next()) else {
                    self.diag(
                        name,
                        no,
                        "an entry header is `KIND ID` (a field line must be indented); entry skipped",
                    );
                    continue;
                };
                let Some(k) = Kind::parse(kind) else {
                    self.diag(
                        name,
                        no,
                        format!(
                            "unknown entry kind {kind:?} (actor, agent, synset, verb or discard); entry skipped"
                        ),
                    );
                    continue;
                };
                if !valid_id(id) {
                    self.diag(
                        name,
                        no,
                        format!(
                            "id {id:?} may hold only letters, digits and . _ - : /; entry skipped"
                        ),
                    );
                    continue;
                }
                let rest: Vec<&str> = words.collect();
                if !rest.is_empty() {
                    self.diag(
                        name,
                        no,
                        format!("text after the id ignored: {:?}", rest.join(" ")),
                    );
                }
                in_bad_entry = false;
                pending = Some(Pending {
                    kind: k,
                    id,
                    line: no,
                    fields: Vec::new(),
                });
                continue;
            }
            if in_bad_entry {
                continue;
            }
            let Some(p) = pending.as_mut() else {
                self.diag(name, no, "field line before any entry header; skipped");
                continue;
            };
            let Some((fname, value)) = body.split_once(':') else {
                self.diag(name, no, "a field line is `NAME: VALUE; VALUE`; skipped");
                continue;
            };
            let fname = fname.trim();
            let known = FIELDS
                .iter()
                .find(|(k, _)| *k == p.kind)
                .map(|(_, f)| f.contains(&fname))
                .unwrap_or(false);
            if !known {
                let kind = p.kind.name();
                self.diag(
                    name,
                    no,
                    format!("unknown field {fname:?} for a {kind} entry; skipped"),
                );
                continue;
            }
            p.fields.push(Field {
                name: fname,
                value: value.trim(),
                line: no,
            });
        }
        if let Some(p) = pending.take() {
            self.finish(name, p);
        }
    }

    fn finish(&mut self, file: &'a str, p: Pending<'a>) {
        let mut info = EntryInfo {
            kind: p.kind,
            id: p.id.to_string(),
            file: file.to_string(),
            line: p.line,
            phrases: Vec::new(),
            codes: Vec::new(),
        };
        let ok = match p.kind {
            Kind::Actor => self.actor(file, &p, &mut info),
            Kind::Agent => self.agent(file, &p, &mut info),
            Kind::Synset => self.synset(file, &p),
            Kind::Verb => self.verb(file, &p, &mut info),
            Kind::Discard => self.discard(file, &p),
        };
        if ok {
            self.out.entries.push(info);
        }
    }

    /// The entry's phrases of one field, tokenized; empty phrases reported.
    fn phrases(&mut self, file: &str, p: &Pending, field: &str) -> Vec<(Phrase, usize)> {
        let mut out = Vec::new();
        for (v, line) in p.values(field) {
            let words = tokenize(v);
            if words.is_empty() {
                self.diag(file, line, format!("empty phrase {v:?}; skipped"));
                continue;
            }
            out.push((Phrase::from_words(words), line));
        }
        out
    }

    fn actor(&mut self, file: &str, p: &Pending, info: &mut EntryInfo) -> bool {
        let mut codes = Vec::new();
        for (v, line) in p.values("code") {
            match parse_code(v) {
                Ok((code, restriction)) => {
                    info.codes.push((code.clone(), line));
                    codes.push(CodeRule {
                        code,
                        restriction,
                        line,
                    });
                }
                Err(reason) => self.diag(file, line, format!("{reason}; code skipped")),
            }
        }
        if codes.is_empty() {
            self.diag(
                file,
                p.line,
                format!("actor {} has no valid `code:`; entry skipped", p.id),
            );
            return false;
        }
        let codes_text = p
            .values("code")
            .map(|(v, _)| v)
            .collect::<Vec<_>>()
            .join("; ");
        let mut names = Vec::new();
        for field in ["name", "adj", "former"] {
            for (ph, line) in self.phrases(file, p, field) {
                info.phrases.push(ClaimedPhrase {
                    words: upper(&ph.words),
                    field: static_field(field),
                    line,
                    codes: codes_text.clone(),
                });
                names.push((ph, line));
            }
        }
        let capitals = self.phrases(file, p, "capital");
        if names.is_empty() && capitals.is_empty() {
            self.diag(
                file,
                p.line,
                format!("actor {} has no `name:`; entry skipped", p.id),
            );
            return false;
        }
        let mut entry = |id: String, names: Vec<(Phrase, usize)>, codes: Vec<CodeRule>| {
            let mut it = names.into_iter();
            if let Some((phrase, _)) = it.next() {
                self.out.actors.entries.push(ActorEntry {
                    file: file.to_string(),
                    id: Some(id),
                    line: p.line,
                    phrase,
                    synonyms: it.map(|(phrase, line)| Synonym { phrase, line }).collect(),
                    codes,
                });
            }
        };
        if !capitals.is_empty() {
            // A capital stands for the government of the entry's country.
            let gov: Vec<CodeRule> = codes
                .iter()
                .filter(|c| c.code != "---")
                .map(|c| CodeRule {
                    code: format!("{}GOV", c.code),
                    ..c.clone()
                })
                .collect();
            let gov_text = gov
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            for (ph, line) in &capitals {
                info.phrases.push(ClaimedPhrase {
                    words: upper(&ph.words),
                    field: "capital",
                    line: *line,
                    codes: gov_text.clone(),
                });
            }
            entry(format!("{}/capital", p.id), capitals, gov);
        }
        entry(p.id.to_string(), names, codes);
        true
    }

    fn agent(&mut self, file: &str, p: &Pending, info: &mut EntryInfo) -> bool {
        let codes: Vec<(&str, usize)> = p.values("code").collect();
        let Some(&(raw, cline)) = codes.first() else {
            self.diag(
                file,
                p.line,
                format!("agent {} has no `code:`; entry skipped", p.id),
            );
            return false;
        };
        if codes.len() > 1 {
            self.diag(file, cline, "an agent has one code; the first is used");
        }
        let (code, position) = if let Some(c) = raw.strip_prefix('~') {
            (c, CodePosition::Suffix)
        } else if let Some(c) = raw.strip_suffix('~') {
            (c, CodePosition::Prefix)
        } else {
            (raw, CodePosition::Suffix)
        };
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            self.diag(
                file,
                cline,
                format!("agent code {raw:?} should be capital letters, as `~MIL` or `NGO~`; entry skipped"),
            );
            return false;
        }
        info.codes.push((code.to_string(), cline));
        let names = self.phrases(file, p, "name");
        let titles = self.phrases(file, p, "title");
        if names.is_empty() && titles.is_empty() {
            self.diag(
                file,
                p.line,
                format!("agent {} has no `name:` or `title:`; entry skipped", p.id),
            );
            return false;
        }
        let explicit = p.has("plural");
        let mut plurals: Vec<Phrase> = Vec::new();
        if explicit {
            for (v, _) in p.values("plural") {
                if v != "-" {
                    let w = tokenize(v);
                    if !w.is_empty() {
                        plurals.push(Phrase::from_words(w));
                    }
                }
            }
        }
        // Titles first (never plural), then names with their plurals: given ones go to the
        // first name, generated ones to each.
        let titles = titles.into_iter().map(|(ph, line)| (ph, line, true));
        let names = names.into_iter().map(|(ph, line)| (ph, line, false));
        let mut first_name = true;
        for (phrase, line, title) in titles.chain(names) {
            let own_plurals = if title {
                Vec::new()
            } else if explicit {
                if std::mem::take(&mut first_name) {
                    std::mem::take(&mut plurals)
                } else {
                    Vec::new()
                }
            } else {
                vec![Phrase::from_words(phrase_plural(&phrase.words))]
            };
            for ph in std::iter::once(&phrase).chain(own_plurals.iter()) {
                info.phrases.push(ClaimedPhrase {
                    words: upper(&ph.words),
                    field: if title { "title" } else { "name" },
                    line,
                    codes: raw.to_string(),
                });
            }
            self.out.agents.entries.push(AgentEntry {
                file: file.to_string(),
                id: Some(p.id.to_string()),
                line,
                phrase,
                plurals: own_plurals,
                explicit_plural: explicit || title,
                code: code.to_string(),
                position,
                marker: None,
                title,
            });
        }
        true
    }

    fn synset(&mut self, _file: &str, p: &Pending) -> bool {
        self.verbs.synset(p.line, &p.id.to_uppercase());
        for (v, line) in p.values("word") {
            let member = match v.strip_prefix('&') {
                Some(name) => format!("&{}", name.trim().to_uppercase()),
                None => v
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("_")
                    .to_uppercase(),
            };
            self.verbs.member(line, &member);
        }
        true
    }

    fn verb(&mut self, file: &str, p: &Pending, info: &mut EntryInfo) -> bool {
        let codes: Vec<(&str, usize)> = p.values("code").collect();
        let code = codes.first().map(|c| c.0).unwrap_or("---");
        if let Some(&(c, line)) = codes.first() {
            info.codes.push((c.to_string(), line));
        }
        let lemmas: Vec<(&str, usize)> = p.values("lemma").collect();
        if lemmas.is_empty() {
            self.diag(
                file,
                p.line,
                format!("verb {} has no `lemma:`; entry skipped", p.id),
            );
            return false;
        }
        self.verbs.block(p.line, p.id, code);
        for (v, line) in lemmas {
            match verb_spec(v) {
                Ok(spec) => self.verbs.verb(line, &spec),
                Err(reason) => self.diag(file, line, format!("{reason}; lemma skipped")),
            }
        }
        for (v, line) in p.values("noun") {
            if v.split_whitespace().count() != 1 || v.contains(['_', '+', '&', '*', '{']) {
                self.diag(
                    file,
                    line,
                    format!("event noun {v:?} should be one word; skipped"),
                );
                continue;
            }
            self.verbs.noun(line, v);
        }
        for (v, line) in p.values("pattern") {
            let Some((text, pcode)) = v.rsplit_once("=>") else {
                self.diag(file, line, "a pattern is `TEXT => CODE`; skipped");
                continue;
            };
            let pcode = pcode.trim();
            info.codes.push((pcode.to_string(), line));
            self.verbs
                .pattern(line, &text.trim().to_uppercase(), pcode, None);
        }
        true
    }

    fn discard(&mut self, file: &str, p: &Pending) -> bool {
        for (field, story) in [("sentence", false), ("story", true)] {
            for (ph, line) in self.phrases(file, p, field) {
                self.out.discards.entries.push(DiscardEntry {
                    file: file.to_string(),
                    line,
                    words: upper(&ph.words),
                    story,
                    whole_word: true,
                });
            }
        }
        true
    }
}

fn static_field(f: &str) -> &'static str {
    match f {
        "title" => "title",
        "adj" => "adj",
        "former" => "former",
        "capital" => "capital",
        _ => "name",
    }
}

fn upper(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_uppercase()).collect()
}

/// Words of a phrase as dyad's tokenizer splits running text.
pub fn tokenize(phrase: &str) -> Vec<String> {
    // A word after the phrase keeps its last period from reading as a sentence end ("U.S.").
    let text = format!("{} and", phrase.trim());
    let (_, tokens) = dyad_segment::segment_text(&text);
    let mut words: Vec<String> = tokens
        .iter()
        .filter_map(|t| text.get(t.start as usize..t.end as usize))
        .map(str::to_string)
        .collect();
    words.pop();
    words
}

/// `give {gave given}` / `call for` / `step up {stepped up}` → PETRARCH verb spec: the first
/// word is the verb, later words its particles.
fn verb_spec(v: &str) -> Result<String, String> {
    let (head, forms) = match v.split_once('{') {
        Some((h, rest)) => match rest.split_once('}') {
            Some((f, after)) if after.trim().is_empty() => (h, Some(f)),
            _ => {
                return Err(format!(
                    "irregular forms in {v:?} need one closing '}}' at the end"
                ))
            }
        },
        None => (v, None),
    };
    let words: Vec<String> = head.split_whitespace().map(str::to_uppercase).collect();
    let Some((verb, particles)) = words.split_first() else {
        return Err("empty lemma".into());
    };
    if words.iter().any(|w| w.contains(['_', '+', '&', '*'])) {
        return Err(format!(
            "lemma {v:?} holds a character reserved by patterns"
        ));
    }
    let join = |w: &str| -> String {
        if particles.is_empty() {
            w.to_string()
        } else {
            format!("+{w}_{}", particles.join("_"))
        }
    };
    let mut spec = join(verb);
    if let Some(forms) = forms {
        let f: Vec<String> = forms
            .split_whitespace()
            .map(|w| join(&w.to_uppercase()))
            .collect();
        if !f.is_empty() {
            spec.push_str(&format!(" {{{}}}", f.join(" ")));
        }
    }
    Ok(spec)
}

/// `NERGOV 2021-04-02..2023-07-26` → code and restriction.
fn parse_code(v: &str) -> Result<(String, Restriction), String> {
    let mut parts = v.split_whitespace();
    let code = parts.next().unwrap_or("");
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "code {code:?} should be capital letters (CAMEO style, e.g. NERGOV)"
        ));
    }
    let restriction = match parts.next() {
        None => Restriction::Always,
        Some(range) => {
            let Some((from, to)) = range.split_once("..") else {
                return Err(format!("date range {range:?} should be FROM..TO"));
            };
            let from = (!from.is_empty())
                .then(|| parse_date(from, false).ok_or(format!("bad date {from:?}")))
                .transpose()?;
            let to = (!to.is_empty())
                .then(|| parse_date(to, true).ok_or(format!("bad date {to:?}")))
                .transpose()?;
            match (from, to) {
                (Some(a), Some(b)) if a > b => {
                    return Err(format!("date range {range:?} ends before it starts"))
                }
                (Some(a), Some(b)) => Restriction::Between(a, b),
                (Some(a), None) => Restriction::After(a),
                (None, Some(b)) => Restriction::Before(b),
                (None, None) => return Err("date range `..` is open at both ends".into()),
            }
        }
    };
    if let Some(extra) = parts.next() {
        return Err(format!("unexpected {extra:?} after the date range"));
    }
    Ok((code.to_string(), restriction))
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a partial date is its first day, or its last with `end`.
pub fn parse_date(s: &str, end: bool) -> Option<DictDate> {
    let mut it = s.split('-');
    let year: i32 = it.next()?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month: Option<u8> = it.next().map(|m| m.parse().ok()).unwrap_or(Some(0))?.into();
    let day: Option<u8> = it.next().map(|d| d.parse().ok()).unwrap_or(Some(0))?.into();
    if it.next().is_some() {
        return None;
    }
    let (month, day) = (month?, day?);
    match (month, day) {
        (0, _) => DictDate::from_ymd(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        (m, 0) => {
            if end {
                (28..=31).rev().find_map(|d| DictDate::from_ymd(year, m, d))
            } else {
                DictDate::from_ymd(year, m, 1)
            }
        }
        (m, d) => DictDate::from_ymd(year, m, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> DictDate {
        DictDate::from_ymd(y, m, day).unwrap()
    }

    const SAMPLE: &str = "# dyad dictionary 1
# countries
actor NER
  code: NER
  name: Niger; Republic of Niger   # trailing comment
  adj: Nigerien; Nigeriens
  capital: Niamey

actor ner.bazoum
  code: NERGOV 2021-04-02..2023-07-26; NERELI 2023-07-27..
  name: Mohamed Bazoum; Bazoum

agent mil.soldier
  code: ~MIL
  name: soldier; armed forces
  plural: -

agent ngo.rights
  code: NGO~
  name: rights group

agent mil.title
  code: ~MIL
  title: General; Gen.

synset aid
  word: aid; assistance; military help

verb ask
  code: 020
  lemma: ask; call for; give {gave given}
  noun: request
  pattern: * {military &aid} => 0232
  pattern: * (for &aid) => 023

discard sport
  story: World Cup
  sentence: box office
";

    #[test]
    fn reads_every_kind() {
        let (d0, diags) = read(&[("t.dyad", SAMPLE)]);
        assert!(diags.is_empty(), "{diags:?}");
        // NER/capital, NER, bazoum
        assert_eq!(d0.actors.entries.len(), 3);
        let cap = &d0.actors.entries[0];
        assert_eq!(cap.id.as_deref(), Some("NER/capital"));
        assert_eq!(cap.phrase.words, vec!["Niamey"]);
        assert_eq!(cap.codes[0].code, "NERGOV");
        let ner = &d0.actors.entries[1];
        assert_eq!(ner.phrase.words, vec!["Niger"]);
        assert_eq!(ner.synonyms.len(), 3);
        assert_eq!(
            ner.synonyms[0].phrase.words,
            vec!["Republic", "of", "Niger"]
        );
        assert_eq!(ner.synonyms[0].line, 5);
        let baz = &d0.actors.entries[2];
        assert_eq!(baz.code_on(d(2023, 7, 26)), Some("NERGOV"));
        assert_eq!(baz.code_on(d(2023, 7, 27)), Some("NERELI"));
        assert_eq!(baz.code_on(d(2020, 1, 1)), None);

        assert_eq!(d0.agents.entries.len(), 5);
        assert!(d0.agents.entries[3].title && d0.agents.entries[4].title);
        assert_eq!(d0.agents.entries[4].phrase.words, vec!["Gen."]);
        assert!(d0.agents.entries[0].plurals.is_empty());
        assert_eq!(d0.agents.entries[1].phrase.words, vec!["armed", "forces"]);
        let ngo = &d0.agents.entries[2];
        assert_eq!(ngo.position, CodePosition::Prefix);
        assert_eq!(ngo.code, "NGO");
        assert_eq!(ngo.plurals[0].words, vec!["rights", "groups"]);

        let v = &d0.verbs;
        assert_eq!(v.blocks.len(), 1);
        let b = &v.blocks[0];
        assert_eq!((b.description.as_str(), b.code.as_str()), ("ask", "020"));
        assert_eq!(b.verbs.len(), 4);
        assert!(b.verbs[3].noun && !b.verbs[0].noun);
        assert_eq!(b.verbs[3].forms[1].word, "REQUESTS");
        assert_eq!(b.verbs[1].word, "CALL");
        assert_eq!(b.verbs[1].after, vec!["FOR"]);
        assert!(b.verbs[2].irregular);
        assert!(b.verbs[2].forms.iter().any(|f| f.word == "GAVE"));
        assert_eq!(b.patterns.len(), 2);
        assert_eq!(b.patterns[0].code, "0232");
        assert_eq!(b.patterns[0].line, 33);
        assert!(v.has_synset("AID"));

        assert_eq!(d0.discards.entries.len(), 2);
        assert!(d0
            .discards
            .entries
            .iter()
            .any(|e| e.story && e.words == ["WORLD", "CUP"]));
        assert_eq!(d0.entries.len(), 8);
        assert!(check(&d0).is_empty());
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_loads() {
        let text = "actor\n  code: X\nwidget w1\n  name: x\nactor ok\n  colour: red\n  code: not-a-code\n  code: OK 2020..2019\n  code: OKK 2020-13-01..\n  code: OK\n  name: Okland\n  field without colon\nagent a1\n  name: orphan\nverb v1\n  code: 010\n";
        let (d0, diags) = read(&[("bad.dyad", text)]);
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![1, 3, 6, 7, 8, 9, 12, 13, 15], "{diags:?}");
        assert!(diags.iter().all(|d| d.file == "bad.dyad"));
        assert_eq!(d0.actors.entries.len(), 1);
        assert_eq!(d0.actors.entries[0].codes.len(), 1);
    }

    #[test]
    fn unknown_version_skips_the_file() {
        let (d0, diags) = read(&[(
            "v2.dyad",
            "# dyad dictionary 2\nactor A\n  code: AAA\n  name: Aland\n",
        )]);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].reason.contains("version 2"));
        assert!(d0.actors.entries.is_empty());
    }

    #[test]
    fn check_finds_duplicates_and_conflicts() {
        let a = "actor X\n  code: XXX\n  name: Exland\nactor Y\n  code: YYY\n  name: Exland\n";
        let b = "actor X\n  code: XXX\n  name: Xland\nactor Z\n  code: ZZZ\n  former: Exland\n";
        let (d0, diags) = read(&[("a.dyad", a), ("b.dyad", b)]);
        assert!(diags.is_empty());
        let found = check(&d0);
        let text: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("b.dyad:1: duplicate id: actor X"),
            "{text:?}"
        );
        assert!(
            text[1].starts_with("a.dyad:6: conflict: \"EXLAND\""),
            "{text:?}"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2023", false), Some(d(2023, 1, 1)));
        assert_eq!(parse_date("2023", true), Some(d(2023, 12, 31)));
        assert_eq!(parse_date("2024-02", true), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2023-02", true), Some(d(2023, 2, 28)));
        assert_eq!(parse_date("2023-07-26", true), Some(d(2023, 7, 26)));
        assert_eq!(parse_date("2023-7-x", false), None);
        assert_eq!(parse_date("23-07-26", false), None);
        assert_eq!(parse_date("2023-02-30", false), None);
    }

    #[test]
    fn phrases_use_dyads_tokenizer() {
        assert_eq!(tokenize("Côte d'Ivoire"), tokenize("Côte d'Ivoire"));
        assert_eq!(tokenize("U.S."), vec!["U.S."]);
        assert_eq!(tokenize("Burkina Faso"), vec!["Burkina", "Faso"]);
    }
}
