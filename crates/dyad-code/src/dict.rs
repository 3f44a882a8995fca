//! Dictionaries loaded through `dyad-dict`, and the index the coder matches against.
//! The index is built once; a [`Dictionaries`] is immutable and shared across threads.

use crate::hash::{Map as HashMap, Set};
use dyad_dict::actors::ActorDictionary;
use dyad_dict::agents::{AgentDictionary, CodePosition};
use dyad_dict::discards::DiscardList;
use dyad_dict::issues::IssueDictionary;
use dyad_dict::verbs::VerbDictionary;
use dyad_dict::Diagnostic;
use std::fmt;
use std::path::{Path, PathBuf};

/// The files to load. Several actor files are merged; verb files are merged too, but a single
/// verb file is the usual case (the format is detected per file).
#[derive(Debug, Clone, Default)]
pub struct DictionaryFiles {
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
    /// PETRARCH's internal coding ontology, for the codes of negated verbs.
    pub ontology: Option<PathBuf>,
}

impl DictionaryFiles {
    /// Guesses the files of a dictionary folder by name: `*verbs*` or `CAMEO*.txt` (the CAMEO 2.0
    /// format preferred when several), `*actors*`, `*agents*`, `*discards*`, `*Issue*`,
    /// `*Ontology*`. `PETR.Validate.*` files count only when nothing else of their kind is there.
    pub fn from_dir(dir: &Path) -> std::io::Result<DictionaryFiles> {
        let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(n, _)| n.ends_with(".txt"))
            .collect();
        names.sort();
        let mut f = DictionaryFiles::default();
        let mut verbs = Vec::new();
        for (n, p) in names {
            let l = n.to_lowercase();
            if l.contains("verb") || (l.starts_with("cameo") && !l.contains("plover")) {
                verbs.push((n, p));
            } else if l.contains("actors") {
                f.actors.push(p);
            } else if l.contains("agents") {
                f.agents.push(p);
            } else if l.contains("discards") {
                f.discards.push(p);
            } else if l.contains("issue") {
                f.issues.push(p);
            } else if l.contains("ontology") {
                f.ontology = Some(p);
            }
        }
        // The PETRARCH validation dictionaries ship next to the real ones (petrarch2/): use them
        // only when a folder has nothing else of that kind.
        let is_validation = |p: &PathBuf| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_lowercase().contains("validate"))
                .unwrap_or(false)
        };
        for list in [&mut f.actors, &mut f.agents, &mut f.discards, &mut f.issues] {
            if list.iter().any(|p| !is_validation(p)) {
                list.retain(|p| !is_validation(p));
            }
        }
        if verbs.iter().any(|(_, p)| !is_validation(p)) {
            verbs.retain(|(_, p)| !is_validation(p));
        }
        // One verb dictionary: several would code every verb twice.
        let best = verbs
            .iter()
            .find(|(n, _)| n.contains("2.0"))
            .or_else(|| verbs.first())
            .map(|(_, p)| p.clone());
        f.verbs.extend(best);
        Ok(f)
    }
}

/// The `.dyad` files of a folder, sorted by name.
pub fn native_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dyad"))
        .collect();
    out.sort();
    Ok(out)
}

/// A file that could not be read at all (a malformed line is a [`Diagnostic`] instead).
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for LoadError {}

/// What a dictionary phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Actor(usize),
    Agent(usize),
}

/// One actor or agent phrase, upper-cased, indexed by its first word.
#[derive(Debug, Clone)]
pub(crate) struct IndexedPhrase {
    pub words: Vec<String>,
    pub kind: PhraseKind,
    pub line: usize,
}

/// A verb dictionary entry reachable from a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VerbRef {
    pub dict: usize,
    pub block: usize,
    pub verb: usize,
    pub form: usize,
}

/// A synset's members: one-word members in a set, longer ones in a list.
#[derive(Debug, Clone, Default)]
pub(crate) struct SynsetIndex {
    pub single: Set<String>,
    pub multi: Vec<Vec<String>>,
}

/// The patterns of one verb block, indexed by a word each needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct BlockPatterns {
    pub free: Vec<usize>,
    pub by_word: HashMap<String, Vec<usize>>,
}

/// All dictionaries plus lookup indexes.
pub struct Dictionaries {
    pub verbs: Vec<VerbDictionary>,
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub discards: DiscardList,
    pub issues: IssueDictionary,
    /// Negation counterparts (empty without an ontology file).
    pub negations: crate::ontology::Negations,
    pub diagnostics: Vec<Diagnostic>,
    /// One-word phrases by their word, and longer phrases by their first two words ("A B"),
    /// longest first: a word is compared only with phrases that can match there.
    pub(crate) phrases: HashMap<String, Vec<IndexedPhrase>>,
    pub(crate) phrases2: HashMap<String, Vec<IndexedPhrase>>,
    /// Upper-cased verb word (lemma or surface form) -> entries.
    pub(crate) verb_words: HashMap<String, Vec<VerbRef>>,
    /// (dictionary, synset name) -> member phrases, upper-cased.
    pub(crate) synsets: Vec<HashMap<String, SynsetIndex>>,
    /// [dict][block][pattern] -> the literal words the pattern needs (upper-cased): a pattern
    /// is tried only when all of them occur in the sentence.
    pub(crate) pattern_words: Vec<Vec<Vec<Vec<String>>>>,
    /// [dict][block] -> patterns by their first required word, and those needing none: a verb
    /// tries only the patterns whose words the sentence has.
    pub(crate) pattern_index: Vec<Vec<BlockPatterns>>,
    /// First discard word -> discard entries.
    pub(crate) discard_first: HashMap<String, Vec<usize>>,
}

impl fmt::Debug for Dictionaries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionaries")
            .field(
                "verb_files",
                &self.verbs.iter().map(|v| &v.file).collect::<Vec<_>>(),
            )
            .field("actors", &self.actors.entries.len())
            .field("agents", &self.agents.entries.len())
            .field("discards", &self.discards.entries.len())
            .field("diagnostics", &self.diagnostics.len())
            .finish()
    }
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn load<T>(
    path: &Path,
    read: fn(&str, &str) -> (T, Vec<Diagnostic>),
    diags: &mut Vec<Diagnostic>,
) -> Result<T, LoadError> {
    let text = dyad_dict::read_text(path).map_err(|error| LoadError {
        path: path.to_path_buf(),
        error,
    })?;
    let (model, d) = read(&base_name(path), &text);
    diags.extend(d);
    Ok(model)
}

/// Dictionaries as read, before indexing: read once, merged, then indexed once.
#[derive(Default)]
struct Parts {
    verbs: Vec<VerbDictionary>,
    actors: ActorDictionary,
    agents: AgentDictionary,
    discards: DiscardList,
    issues: IssueDictionary,
    negations: crate::ontology::Negations,
    diags: Vec<Diagnostic>,
}

impl Parts {
    fn read(files: &DictionaryFiles) -> Result<Parts, LoadError> {
        let mut p = Parts::default();
        let diags = &mut p.diags;
        for f in &files.verbs {
            p.verbs.push(load(f, dyad_dict::verbs::read, diags)?);
        }
        for f in &files.actors {
            p.actors.extend(load(f, dyad_dict::actors::read, diags)?);
        }
        for f in &files.agents {
            let a = load(f, dyad_dict::agents::read, diags)?;
            p.agents.entries.extend(a.entries);
            p.agents.substitution_sets.extend(a.substitution_sets);
        }
        for f in &files.discards {
            p.discards
                .entries
                .extend(load(f, dyad_dict::discards::read, diags)?.entries);
        }
        for f in &files.issues {
            let i = load(f, dyad_dict::issues::read, diags)?;
            p.issues.entries.extend(i.entries);
            p.issues.ignores.extend(i.ignores);
            p.issues.categories.extend(i.categories);
        }
        if let Some(f) = &files.ontology {
            p.negations = load(f, crate::ontology::read, diags)?;
        }
        Ok(p)
    }

    fn index(self) -> Dictionaries {
        let mut d = Dictionaries::from_parts(
            self.verbs,
            self.actors,
            self.agents,
            self.discards,
            self.issues,
            self.diags,
        );
        d.negations = self.negations;
        d
    }
}

/// Appends the user's entries of dyad's own files to `user` (after the PETRARCH ones) and
/// returns the built-in entries, for the caller to drop what the user claims.
fn user_first<T>(user: &mut Vec<T>, native: Vec<T>, builtin: impl Fn(&T) -> bool) -> Vec<T> {
    let (builtins, mine): (Vec<T>, Vec<T>) = native.into_iter().partition(|e| builtin(e));
    user.extend(mine);
    builtins
}

impl Dictionaries {
    /// Loads the files of a folder (see [`DictionaryFiles::from_dir`]).
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Dictionaries, LoadError> {
        let dir = dir.as_ref();
        let files = DictionaryFiles::from_dir(dir).map_err(|error| LoadError {
            path: dir.to_path_buf(),
            error,
        })?;
        Dictionaries::load(&files)
    }

    /// Loads explicit files. Entries keep the file's base name for `rule.dictionary`.
    pub fn load(files: &DictionaryFiles) -> Result<Dictionaries, LoadError> {
        Ok(Parts::read(files)?.index())
    }

    /// dyad's built-in dictionaries alone (`crates/dyad-knowledge`).
    pub fn builtin() -> Dictionaries {
        // Without a folder nothing is read from disk, so nothing can fail to load.
        Dictionaries::load_with(true, None).unwrap_or_else(|_| Parts::default().index())
    }

    /// The built-in dictionaries (when `builtin`) merged with a user folder's PETRARCH files
    /// and `.dyad` files. Where the user's entries and the built-in ones claim the same actor
    /// or agent phrase, or the same verb, the user's win (`docs/dictionaries.md`, Merging).
    /// Everything is read first and indexed once.
    pub fn load_with(builtin: bool, dir: Option<&Path>) -> Result<Dictionaries, LoadError> {
        let mut user = match dir {
            Some(dir) => {
                let files = DictionaryFiles::from_dir(dir).map_err(|error| LoadError {
                    path: dir.to_path_buf(),
                    error,
                })?;
                Parts::read(&files)?
            }
            None => Parts::default(),
        };
        // Our own format: the built-in files first, then the user's, read as one set so that
        // user patterns may use built-in synsets.
        let mut texts: Vec<(String, String)> = Vec::new();
        if builtin {
            texts.extend(dyad_knowledge::files().map(|(n, t)| (n, t.to_string())));
        }
        if let Some(dir) = dir {
            for p in native_files(dir).map_err(|error| LoadError {
                path: dir.to_path_buf(),
                error,
            })? {
                let text = dyad_dict::read_text(&p).map_err(|error| LoadError {
                    path: p.clone(),
                    error,
                })?;
                texts.push((base_name(&p), text));
            }
        }
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let (native, d) = dyad_dict::native::read(&refs);
        user.diags.extend(d);
        let is_builtin = |file: &str| file.starts_with(dyad_knowledge::PREFIX);
        let key = |w: &[String]| w.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>();

        // Actors: user entries first; built-in phrases the user claims are dropped.
        let builtins = user_first(&mut user.actors.entries, native.actors.entries, |e| {
            is_builtin(&e.file)
        });
        let claimed: Set<Vec<String>> = user
            .actors
            .entries
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.phrase.words)
                    .chain(e.synonyms.iter().map(|s| &s.phrase.words))
                    .map(|w| key(w))
            })
            .collect();
        for mut e in builtins {
            let mut phrases: Vec<dyad_dict::actors::Synonym> =
                std::iter::once(dyad_dict::actors::Synonym {
                    phrase: e.phrase.clone(),
                    line: e.line,
                })
                .chain(e.synonyms.drain(..))
                .filter(|s| !claimed.contains(&key(&s.phrase.words)))
                .collect();
            if phrases.is_empty() {
                continue;
            }
            e.phrase = phrases.remove(0).phrase;
            e.synonyms = phrases;
            user.actors.entries.push(e);
        }

        // Agents likewise (an agent entry is one phrase with its plurals).
        let builtins = user_first(&mut user.agents.entries, native.agents.entries, |e| {
            is_builtin(&e.file)
        });
        let claimed: Set<Vec<String>> = user
            .agents
            .entries
            .iter()
            .flat_map(|e| e.phrases().map(|p| key(&p.words)))
            .collect();
        user.agents.entries.extend(
            builtins
                .into_iter()
                .filter(|e| !claimed.contains(&key(&e.phrase.words))),
        );

        // Verbs: a verb the user's dictionaries list is coded by them only.
        let verb_key = |v: &dyad_dict::verbs::Verb| {
            let mut k = key(&v.before);
            k.push(v.word.to_uppercase());
            k.extend(key(&v.after));
            k
        };
        let mut claimed: Set<Vec<String>> = user
            .verbs
            .iter()
            .flat_map(|d| d.blocks.iter().flat_map(|b| b.verbs.iter().map(verb_key)))
            .collect();
        claimed.extend(
            native
                .verbs
                .blocks
                .iter()
                .flat_map(|b| b.verbs.iter())
                .filter(|v| !is_builtin(&v.file))
                .map(verb_key),
        );
        let mut own = native.verbs;
        for b in &mut own.blocks {
            b.verbs
                .retain(|v| !is_builtin(&v.file) || !claimed.contains(&verb_key(v)));
        }
        own.blocks.retain(|b| !b.verbs.is_empty());
        if !own.blocks.is_empty() {
            own.file = "dyad dictionaries".into();
            user.verbs.push(own);
        }

        user.discards.entries.extend(native.discards.entries);
        Ok(user.index())
    }

    /// Builds the indexes over already-read dictionaries.
    pub fn from_parts(
        verbs: Vec<VerbDictionary>,
        actors: ActorDictionary,
        agents: AgentDictionary,
        discards: DiscardList,
        issues: IssueDictionary,
        diagnostics: Vec<Diagnostic>,
    ) -> Dictionaries {
        let mut phrases: HashMap<String, Vec<IndexedPhrase>> = HashMap::default();
        let mut phrases2: HashMap<String, Vec<IndexedPhrase>> = HashMap::default();
        let mut add = |words: &[String], kind: PhraseKind, line: usize| {
            let words: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
            match words.as_slice() {
                [] => {}
                [one] => phrases.entry(one.clone()).or_default().push(IndexedPhrase {
                    words,
                    kind,
                    line,
                }),
                [a, b, ..] => phrases2
                    .entry(format!("{a} {b}"))
                    .or_default()
                    .push(IndexedPhrase { words, kind, line }),
            }
        };
        for (i, e) in actors.entries.iter().enumerate() {
            add(&e.phrase.words, PhraseKind::Actor(i), e.line);
            for s in &e.synonyms {
                add(&s.phrase.words, PhraseKind::Actor(i), s.line);
            }
        }
        for (i, e) in agents.entries.iter().enumerate() {
            for p in e.phrases() {
                add(&p.words, PhraseKind::Agent(i), e.line);
            }
        }
        for v in phrases.values_mut().chain(phrases2.values_mut()) {
            // Longest first; among equals, actors before agents and file order kept (stable).
            v.sort_by(|a, b| {
                b.words.len().cmp(&a.words.len()).then_with(|| {
                    let ka = matches!(a.kind, PhraseKind::Agent(_));
                    let kb = matches!(b.kind, PhraseKind::Agent(_));
                    ka.cmp(&kb)
                })
            });
        }

        let mut verb_words: HashMap<String, Vec<VerbRef>> = HashMap::default();
        let mut synsets: Vec<HashMap<String, SynsetIndex>> = Vec::new();
        let pattern_words: Vec<Vec<Vec<Vec<String>>>> = verbs
            .iter()
            .map(|d| {
                d.blocks
                    .iter()
                    .map(|b| {
                        b.patterns
                            .iter()
                            .map(|p| {
                                let mut w: Vec<String> = p
                                    .body
                                    .terms()
                                    .into_iter()
                                    .filter_map(|t| match t {
                                        dyad_dict::verbs::Term::Word(w) => Some(w.to_uppercase()),
                                        _ => None,
                                    })
                                    .collect();
                                w.sort();
                                w.dedup();
                                w
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        for (d, dict) in verbs.iter().enumerate() {
            for (b, block) in dict.blocks.iter().enumerate() {
                for (v, verb) in block.verbs.iter().enumerate() {
                    for (f, form) in verb.forms.iter().enumerate() {
                        let r = VerbRef {
                            dict: d,
                            block: b,
                            verb: v,
                            form: f,
                        };
                        let e = verb_words.entry(form.word.to_uppercase()).or_default();
                        if !e.contains(&r) {
                            e.push(r);
                        }
                    }
                }
            }
            synsets.push(HashMap::default());
            let Some(these) = synsets.last_mut() else {
                continue;
            };
            for s in &dict.synsets {
                let key = s.name.to_uppercase();
                if these.contains_key(&key) {
                    continue;
                }
                let mut idx = SynsetIndex::default();
                for p in dict.synset_phrases(&s.name) {
                    let p: Vec<String> = p.iter().map(|w| w.to_uppercase()).collect();
                    match p.len() {
                        0 => {}
                        1 => {
                            idx.single.extend(p);
                        }
                        _ => idx.multi.push(p),
                    }
                }
                these.insert(key, idx);
            }
        }
        let pattern_index: Vec<Vec<BlockPatterns>> = pattern_words
            .iter()
            .map(|blocks: &Vec<Vec<Vec<String>>>| {
                blocks
                    .iter()
                    .map(|pats| {
                        let mut bp = BlockPatterns::default();
                        for (i, words) in pats.iter().enumerate() {
                            match words.first() {
                                Some(w) => bp.by_word.entry(w.clone()).or_default().push(i),
                                None => bp.free.push(i),
                            }
                        }
                        bp
                    })
                    .collect()
            })
            .collect();
        let mut discard_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in discards.entries.iter().enumerate() {
            if let Some(w) = e.words.first() {
                discard_first.entry(w.to_uppercase()).or_default().push(i);
            }
        }
        Dictionaries {
            negations: Default::default(),
            pattern_words,
            pattern_index,
            discard_first,
            verbs,
            actors,
            agents,
            discards,
            issues,
            diagnostics,
            phrases,
            phrases2,
            verb_words,
            synsets,
        }
    }

    /// The diagnostics of every file read, as `file:line: reason`.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub(crate) fn agent_position(&self, i: usize) -> CodePosition {
        self.agents
            .entries
            .get(i)
            .map(|e| e.position)
            .unwrap_or(CodePosition::Suffix)
    }
}
