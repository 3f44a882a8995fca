//! The model: tag and label inventories, tagger and parser weights, lemmatizer; prediction and
//! the binary file format.

use std::fmt;
use std::sync::OnceLock;

use crate::beam::Beam;
use crate::hash::{hash_bytes, hash_str, mix};
use crate::io::{put_str, put_varint, Reader};
use crate::lemma::Lemmatizer;
use crate::parser::{self, Move, State, Tables};
use crate::perceptron::{Weights, MAX_CLASSES};
use crate::tagger::{self, Lexicon, WordInfo, N_WORD_FEATURES, START};

/// Label groups the transition model tells apart (see [`label_group`]).
pub(crate) const N_GROUPS: usize = 3;
/// Transition classes of the parser: SHIFT, LEFT-g and RIGHT-g for each label group `g`.
pub(crate) const N_MOVES: usize = 1 + 2 * N_GROUPS;

/// Move kind (0 SHIFT, 1 LEFT, 2 RIGHT) and label group of a transition class.
#[inline]
pub(crate) fn class_kind(c: usize) -> (usize, usize) {
    if c == 0 {
        (0, 0)
    } else if c <= N_GROUPS {
        (1, c - 1)
    } else {
        (2, c - 1 - N_GROUPS)
    }
}

/// The transition class of a move kind (1 LEFT, 2 RIGHT) with a label group.
#[cfg(test)]
pub(crate) fn kind_class(kind: usize, group: usize) -> usize {
    if kind == 0 {
        0
    } else {
        1 + (kind - 1) * N_GROUPS + group
    }
}

/// Coarse group of a UD relation, so that the transition model can tell kinds of attachment
/// apart (the joint labeled transitions were more accurate than bare SHIFT/LEFT/RIGHT):
/// 0 function words and local modifiers, 1 core arguments and clausal complements, 2 the rest.
pub(crate) fn label_group(label: &str) -> u8 {
    let base = label.split(':').next().unwrap_or(label);
    if label == "nmod:poss" {
        return 0;
    }
    match base {
        "det" | "case" | "mark" | "cc" | "aux" | "cop" | "punct" | "compound" | "amod"
        | "nummod" | "flat" | "fixed" | "goeswith" | "discourse" | "reparandum" | "expl"
        | "vocative" | "clf" => 0,
        "nsubj" | "obj" | "iobj" | "csubj" | "ccomp" | "xcomp" => 1,
        _ => 2,
    }
}

/// The group of every label.
pub(crate) fn label_groups(labels: &[String]) -> Vec<u8> {
    labels.iter().map(|l| label_group(l)).collect()
}

/// Which groups hold a label other than `root` (the groups an arc to a word may take).
pub(crate) fn usable_groups(groups: &[u8], root: u16) -> [bool; N_GROUPS] {
    let mut ok = [false; N_GROUPS];
    for (l, &g) in groups.iter().enumerate() {
        if l != root as usize {
            if let Some(x) = ok.get_mut(g as usize) {
                *x = true;
            }
        }
    }
    ok
}

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"DYADSYN\0";
/// Version of the binary layout this build reads and writes.
pub const FORMAT_VERSION: u32 = 3;
/// The previous layout, still read: the same without the beam width (greedy parsing).
const FORMAT_VERSION_GREEDY: u32 = 2;
/// Widest beam a model file may ask for.
pub(crate) const MAX_BEAM: usize = 64;

static BUILTIN_BYTES: &[u8] = include_bytes!("../model/en_ewt.dyadsyn");

/// Why a model file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with `DYADSYN\0`: not a dyad syntax model.
    BadMagic,
    /// A model written by a different (newer or older) layout.
    UnsupportedVersion { found: u32, expected: u32 },
    /// The file ends early.
    Truncated,
    /// The file is damaged or inconsistent.
    Corrupt(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a dyad syntax model (bad magic header)"),
            ModelError::UnsupportedVersion { found, expected } => write!(
                f,
                "syntax model format version {found} is not supported (this build reads version {expected})"
            ),
            ModelError::Truncated => write!(f, "syntax model file is truncated"),
            ModelError::Corrupt(m) => write!(f, "syntax model file is corrupt: {m}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// 1-based index of the head within the sentence, 0 for the root.
    pub head: u32,
    /// UD v2 relation (with subtypes such as `nmod:poss`).
    pub deprel: String,
}

/// A trained tagger + lemmatizer + parser. Immutable once built; share it across threads.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) data_name: String,
    pub(crate) license: String,
    pub(crate) notes: String,
    /// Joint tags: (UPOS, XPOS).
    pub(crate) tags: Vec<(String, String)>,
    pub(crate) labels: Vec<String>,
    pub(crate) root: u16,
    /// Ambiguity classes of the training words, for the tagger.
    pub(crate) lexicon: Lexicon,
    pub(crate) tagger: Weights,
    /// Second tagging pass, which also sees the first pass's tags to the right.
    pub(crate) tagger2: Weights,
    /// Transitions: SHIFT, LEFT, RIGHT.
    pub(crate) parser: Weights,
    /// Labels of the arcs LEFT and RIGHT make.
    pub(crate) labeler: Weights,
    /// Beam width of the parser (1: greedy).
    pub(crate) beam: usize,
    pub(crate) lemmatizer: Lemmatizer,
    /// UPOS feature value of each joint tag (derived from `tags`, not stored).
    pub(crate) upos_vals: Vec<u64>,
    /// Label group of each label (derived from `labels`, not stored).
    pub(crate) groups: Vec<u8>,
    /// `usable_groups(groups, root)`, precomputed for `legal_class`.
    pub(crate) usable: [bool; N_GROUPS],
}

/// The UPOS feature value of each joint tag.
pub(crate) fn upos_vals(tags: &[(String, String)]) -> Vec<u64> {
    tags.iter().map(|(u, _)| mix(hash_str(u), 0x7570)).collect()
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Work {
    buf: String,
    pub(crate) infos: Vec<WordInfo>,
    feats: Vec<u32>,
    /// The tagger's word features, `N_WORD_FEATURES` per word (see `Model::tag`).
    word_feats: Vec<u32>,
    scores: ScoreBuf,
    pub(crate) tags: Vec<u16>,
    first: Vec<u64>,
    pub(crate) tables: Tables,
    pub(crate) st: State,
    beam: Beam,
}

pub(crate) struct ScoreBuf(pub(crate) [i32; MAX_CLASSES]);

impl Default for ScoreBuf {
    fn default() -> Self {
        ScoreBuf([0; MAX_CLASSES])
    }
}

#[inline]
pub(crate) fn tag_val(t: u16) -> u64 {
    mix(0x7461_6700, t as u64)
}

impl Model {
    /// The model shipped inside the binary (UD English EWT), loaded once and shared.
    ///
    /// If the embedded bytes cannot be read (which the crate's tests rule out), this falls back
    /// to an untrained model that still returns well-formed trees; use [`Model::try_builtin`] to
    /// see the error.
    pub fn builtin() -> &'static Model {
        static FALLBACK: OnceLock<Model> = OnceLock::new();
        match Model::try_builtin() {
            Ok(m) => m,
            Err(_) => FALLBACK.get_or_init(Model::untrained),
        }
    }

    /// The shipped model, or why it could not be loaded.
    pub fn try_builtin() -> Result<&'static Model, ModelError> {
        static BUILTIN: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Model::from_bytes(BUILTIN_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A model with no weights: every word `X`, a right-branching chain. Used as a safe fallback.
    pub fn untrained() -> Model {
        Model {
            data_name: String::new(),
            license: String::new(),
            notes: "untrained".into(),
            tags: vec![("X".into(), "_".into())],
            labels: vec!["root".into(), "dep".into()],
            root: 0,
            lexicon: Lexicon::default(),
            tagger: Weights::empty(1),
            tagger2: Weights::empty(1),
            parser: Weights::empty(N_MOVES),
            labeler: Weights::empty(2),
            beam: 1,
            lemmatizer: Lemmatizer::default(),
            upos_vals: vec![0],
            groups: label_groups(&["root".into(), "dep".into()]),
            usable: usable_groups(&label_groups(&["root".into(), "dep".into()]), 0),
        }
    }

    /// Name of the training data (`UD English EWT`).
    pub fn data_name(&self) -> &str {
        &self.data_name
    }

    /// License of the model (that of its training data).
    pub fn license(&self) -> &str {
        &self.license
    }

    /// Free-form training notes stored in the file (command, epochs, seed, dev scores).
    pub fn notes(&self) -> &str {
        &self.notes
    }

    /// The binary layout version this model was read from / will be written as.
    pub fn format_version(&self) -> u32 {
        FORMAT_VERSION
    }

    /// Number of non-zero (feature, class) weights in tagger and parser (transitions + labels).
    pub fn n_weights(&self) -> (usize, usize) {
        (
            self.tagger.n_entries() + self.tagger2.n_entries(),
            self.parser.n_entries() + self.labeler.n_entries(),
        )
    }

    /// Number of lemma exceptions stored.
    pub fn n_lemma_exceptions(&self) -> usize {
        self.lemmatizer.n_exceptions()
    }

    /// Tags, lemmatizes and parses one sentence of words (UD syntactic words). Always returns
    /// one analysis per word forming a tree: exactly one word with head 0 and deprel `root`,
    /// no cycles, every head in `0..=len`.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis> {
        let mut w = Work::default();
        self.run(words, &mut w);
        let n = words.len() as u32;
        words
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let t = w.tags[i];
                let (upos, xpos) = self.tag_strs(t);
                let h = w.st.heads[i];
                Analysis {
                    upos: upos.to_string(),
                    xpos: xpos.to_string(),
                    lemma: self.lemmatizer.lemma(form, t),
                    head: if h >= n { 0 } else { h + 1 },
                    deprel: self.label_str(w.st.labels[i]).to_string(),
                }
            })
            .collect()
    }

    /// Fills `upos`, `xpos`, `lemma`, `head` and `deprel` of every token of every sentence.
    pub fn annotate(&self, doc: &mut dyad_doc::Document) {
        let dyad_doc::Document {
            text,
            sentences,
            tokens,
            ..
        } = doc;
        let mut w = Work::default();
        let mut words: Vec<&str> = Vec::new();
        for s in sentences.iter() {
            let Some(toks) = tokens.get_mut(s.token_range()) else {
                continue;
            };
            words.clear();
            words.extend(
                toks.iter()
                    .map(|t| text.get(t.start as usize..t.end as usize).unwrap_or("")),
            );
            self.run(&words, &mut w);
            let n = words.len() as u32;
            for (i, tok) in toks.iter_mut().enumerate() {
                let t = w.tags[i];
                let (upos, xpos) = self.tag_strs(t);
                let h = w.st.heads[i];
                tok.upos = Some(upos.to_string());
                tok.xpos = Some(xpos.to_string());
                tok.lemma = Some(self.lemmatizer.lemma(words[i], t));
                tok.head = Some(if h >= n { 0 } else { h + 1 });
                tok.deprel = Some(self.label_str(w.st.labels[i]).to_string());
            }
        }
    }

    pub(crate) fn tag_strs(&self, t: u16) -> (&str, &str) {
        self.tags
            .get(t as usize)
            .map_or(("X", "_"), |(u, x)| (u.as_str(), x.as_str()))
    }

    pub(crate) fn label_str(&self, l: u16) -> &str {
        self.labels.get(l as usize).map_or("dep", String::as_str)
    }

    /// Computes the word features of `words` into `infos` (ambiguity classes from the lexicon).
    pub(crate) fn word_infos<S: AsRef<str>>(
        &self,
        words: &[S],
        infos: &mut Vec<WordInfo>,
        buf: &mut String,
    ) {
        infos.clear();
        for word in words {
            let mut i = WordInfo::new(word.as_ref(), buf);
            i.amb = self.lexicon.get(i.lw);
            infos.push(i);
        }
    }

    /// Tags and parses into `w.tags` and `w.st`.
    pub(crate) fn run(&self, words: &[&str], w: &mut Work) {
        self.word_infos(words, &mut w.infos, &mut w.buf);
        self.tag(w);
        self.parse(w);
    }

    pub(crate) fn tag(&self, w: &mut Work) {
        Self::word_features(w);
        self.tag_words(w, false);
        if self.tagger2.n_entries() > 0 {
            self.tag_words(w, true);
        }
    }

    /// One greedy tagging pass into `w.tags`; the second pass reads the first from `w.tags`.
    pub(crate) fn tag_pass(&self, w: &mut Work, second: bool) {
        Self::word_features(w);
        self.tag_words(w, second);
    }

    /// The tagger's word features of every position of `w.infos` into `w.word_feats`
    /// (`N_WORD_FEATURES` each): both passes use them.
    fn word_features(w: &mut Work) {
        let case = tagger::casing(&w.infos);
        w.word_feats.clear();
        for i in 0..w.infos.len() {
            tagger::word_features(&w.infos, i, case, &mut w.word_feats);
        }
    }

    /// `tag_pass` with `w.word_feats` already computed.
    fn tag_words(&self, w: &mut Work, second: bool) {
        let n_tags = self.tags.len().min(MAX_CLASSES);
        let weights = if second { &self.tagger2 } else { &self.tagger };
        w.first.clear();
        if second {
            w.first.extend(w.tags.iter().map(|&t| tag_val(t)));
        }
        w.tags.clear();
        let (mut t1, mut t2) = (START, START);
        for (i, words) in w.word_feats.chunks(N_WORD_FEATURES).enumerate() {
            let right = if second { Some(&w.first[..]) } else { None };
            w.feats.clear();
            w.feats.extend_from_slice(words);
            tagger::tag_features(&w.infos, i, t1, t2, right, &mut w.feats);
            w.scores.0[..n_tags].fill(0);
            weights.score(&w.feats, &mut w.scores.0);
            let best = argmax_i32(&w.scores.0[..n_tags]) as u16;
            w.tags.push(best);
            t2 = t1;
            t1 = tag_val(best);
        }
    }

    /// Parses using `w.infos` and `w.tags` (which may be gold tags during training).
    pub(crate) fn parse(&self, w: &mut Work) {
        let n = w.infos.len();
        w.tables.fill(&w.infos, &w.tags, &self.upos_vals);
        if self.beam > 1 {
            let cx = w.tables.ctx();
            let parser = &self.parser;
            let sb = &mut w.scores;
            self.beam_search(&cx, n, self.beam, &mut w.beam, None, |f, sc| {
                sb.0[..N_MOVES].fill(0);
                parser.score(f, &mut sb.0);
                for (x, &v) in sc.iter_mut().zip(&sb.0[..N_MOVES]) {
                    *x = v as i64;
                }
            });
            w.st.copy_from(w.beam.top());
            return;
        }
        w.st.reset(n);
        let root = self.root;
        let cx = w.tables.ctx();
        while !w.st.done() {
            if let Some(m) = forced(&w.st, root) {
                w.st.apply(m);
                continue;
            }
            parser::features(&w.st, &cx, &mut w.feats);
            w.scores.0[..N_MOVES].fill(0);
            self.parser.score(&w.feats, &mut w.scores.0);
            let mut best = usize::MAX;
            for c in 0..N_MOVES {
                if self.legal_class(&w.st, c)
                    && (best == usize::MAX || w.scores.0[c] > w.scores.0[best])
                {
                    best = c;
                }
            }
            let (kind, group) = if best == usize::MAX {
                (usize::MAX, 0)
            } else {
                class_kind(best)
            };
            let m = match kind {
                0 => Move::Shift,
                1 | 2 => {
                    let (h, d) = w.st.arc_of(kind);
                    let l = if h == w.st.n {
                        root
                    } else {
                        parser::label_features(&w.st, &cx, h, d, &mut w.feats);
                        self.best_label(&w.feats, &mut w.scores, group)
                    };
                    if kind == 1 {
                        Move::Left(l)
                    } else {
                        Move::Right(l)
                    }
                }
                // Some move is always legal when not done; guard the loop anyway.
                _ if w.st.b < w.st.n => Move::Shift,
                _ => Move::Right(if root == 0 { 1 } else { 0 }),
            };
            w.st.apply(m);
        }
    }

    /// Whether transition class `c` is legal: its move kind is, LEFT onto ROOT only in the
    /// group of `root`, and other arcs only in groups that have a non-root label.
    #[inline]
    pub(crate) fn legal_class(&self, st: &State, c: usize) -> bool {
        let (kind, g) = class_kind(c);
        if !st.legal_kind(kind) {
            return false;
        }
        if kind == 0 {
            return true;
        }
        let to_root = kind == 1 && st.b >= st.n;
        if to_root {
            self.groups.get(self.root as usize) == Some(&(g as u8))
        } else {
            self.usable.get(g).copied().unwrap_or(false)
        }
    }

    /// The best non-root label of group `group` for an arc with label features `feats` (any
    /// non-root label if the group has none).
    pub(crate) fn best_label(&self, feats: &[u32], scores: &mut ScoreBuf, group: usize) -> u16 {
        let n_labels = self.labels.len().min(MAX_CLASSES);
        scores.0[..n_labels].fill(0);
        self.labeler.score(feats, &mut scores.0);
        // The first highest-scoring label of the group, else of any group; scores are kept
        // next to the indices rather than looked up again.
        let root = self.root as usize;
        let (mut best, mut best_s) = (None, 0);
        let (mut any, mut any_s) = (None, 0);
        for (l, &s) in scores.0[..n_labels].iter().enumerate() {
            if l == root {
                continue;
            }
            if any.is_none() || s > any_s {
                (any, any_s) = (Some(l), s);
            }
            if self.groups.get(l).map(|&g| g as usize) == Some(group)
                && (best.is_none() || s > best_s)
            {
                (best, best_s) = (Some(l), s);
            }
        }
        best.or(any).unwrap_or(if self.root == 0 { 1 } else { 0 }) as u16
    }

    /// Serializes the model (see the crate docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_str(&mut out, &self.data_name);
        put_str(&mut out, &self.license);
        put_str(&mut out, &self.notes);
        put_varint(&mut out, self.tags.len() as u64);
        for (u, x) in &self.tags {
            put_str(&mut out, u);
            put_str(&mut out, x);
        }
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        put_varint(&mut out, self.root as u64);
        put_varint(&mut out, self.beam as u64);
        self.lexicon.write(&mut out);
        self.tagger.write(&mut out);
        self.tagger2.write(&mut out);
        self.parser.write(&mut out);
        self.labeler.write(&mut out);
        self.lemmatizer.write(&mut out);
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() {
            return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() {
                ModelError::Truncated
            } else {
                ModelError::BadMagic
            });
        }
        if &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut r = Reader::new(&bytes[MAGIC.len()..]);
        let version = r.u32()?;
        if version != FORMAT_VERSION && version != FORMAT_VERSION_GREEDY {
            return Err(ModelError::UnsupportedVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let data_name = r.str()?;
        let license = r.str()?;
        let notes = r.str()?;
        let n_tags = r.len(2)?;
        let mut tags = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            tags.push((r.str()?, r.str()?));
        }
        let n_labels = r.len(1)?;
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            labels.push(r.str()?);
        }
        let root = r.varint()?;
        let beam = if version == FORMAT_VERSION_GREEDY {
            1
        } else {
            r.varint()?
        };
        if beam == 0 || beam > MAX_BEAM as u64 {
            return Err(ModelError::Corrupt(format!("bad beam width {beam}")));
        }
        if tags.is_empty() || tags.len() > MAX_CLASSES {
            return Err(ModelError::Corrupt("bad tag inventory".into()));
        }
        if labels.len() < 2 || labels.len() > MAX_CLASSES || root as usize >= labels.len() {
            return Err(ModelError::Corrupt("bad label inventory".into()));
        }
        let lexicon = Lexicon::read(&mut r, tags.len())?;
        let tagger = Weights::read(&mut r)?;
        let tagger2 = Weights::read(&mut r)?;
        let parser = Weights::read(&mut r)?;
        let labeler = Weights::read(&mut r)?;
        if tagger.n_classes() != tags.len()
            || tagger2.n_classes() != tags.len()
            || parser.n_classes() != N_MOVES
            || labeler.n_classes() != labels.len()
        {
            return Err(ModelError::Corrupt(
                "weights do not match the tag or label inventory".into(),
            ));
        }
        let lemmatizer = Lemmatizer::read(&mut r, tags.len())?;
        let body_len = bytes.len() - r_remaining(&r, bytes);
        let sum = r.bytes(8)?;
        if !r.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes after checksum".into()));
        }
        let expected = hash_bytes(&bytes[..body_len]);
        if sum != expected.to_le_bytes() {
            return Err(ModelError::Corrupt("checksum mismatch".into()));
        }
        Ok(Model {
            data_name,
            license,
            notes,
            root: root as u16,
            lexicon,
            tagger,
            tagger2,
            parser,
            labeler,
            beam: beam as usize,
            lemmatizer,
            upos_vals: upos_vals(&tags),
            usable: usable_groups(&label_groups(&labels), root as u16),
            groups: label_groups(&labels),
            labels,
            tags,
        })
    }
}

/// Bytes not yet consumed by `r` (which reads `bytes` after the magic).
fn r_remaining(r: &Reader<'_>, bytes: &[u8]) -> usize {
    bytes.len() - MAGIC.len() - r.position()
}

/// The only legal move, when there is just one (no need to score).
#[inline]
pub(crate) fn forced(st: &State, root: u16) -> Option<Move> {
    if st.stack.is_empty() {
        Some(Move::Shift)
    } else if st.b >= st.n && st.stack.len() == 1 {
        Some(Move::Left(root))
    } else {
        None
    }
}

/// [`argmax`] of integers, in two passes (the maximum, then its first position): the first
/// pass vectorizes, where `argmax` compares one score at a time.
#[inline]
pub(crate) fn argmax_i32(s: &[i32]) -> usize {
    let max = s.iter().copied().max();
    s.iter().position(|&v| Some(v) == max).unwrap_or(0)
}

/// Index of the largest score; ties go to the lowest index.
#[inline]
pub(crate) fn argmax<T: PartialOrd + Copy>(s: &[T]) -> usize {
    let mut b = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[b] {
            b = i;
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_classes_round_trip_and_group_labels() {
        for c in 0..N_MOVES {
            let (k, g) = class_kind(c);
            assert_eq!(kind_class(k, g), c);
            assert!(k <= 2 && g < N_GROUPS);
        }
        assert_eq!(class_kind(0).0, 0);
        assert_eq!(label_group("det"), 0);
        assert_eq!(label_group("nmod:poss"), 0);
        assert_eq!(label_group("nsubj:pass"), 1);
        assert_eq!(label_group("nmod"), 2);
        assert_eq!(label_group("root"), 2);
        assert_eq!(label_group("no-such-label"), 2);
        // With `root` alone in its group, that group is usable only for LEFT onto ROOT.
        let g = label_groups(&["det".into(), "nsubj".into(), "root".into()]);
        assert_eq!(usable_groups(&g, 2), [true, true, false]);
        assert_eq!(usable_groups(&g, 0), [false, true, true]);
    }

    #[test]
    fn argmax_of_integers_agrees_with_argmax() {
        for s in [
            &[][..],
            &[3],
            &[1, 5, 5, 2],
            &[-4, -4, -9],
            &[0, 7, 1, 7, 7],
            &[2, 1],
        ] {
            assert_eq!(argmax_i32(s), argmax(s), "{s:?}");
        }
    }

    #[test]
    fn legal_classes_follow_the_root_constraint() {
        let m = Model::untrained(); // labels: root (group 2), dep (group 2)
        let mut st = State::default();
        st.reset(2);
        st.apply(Move::Shift);
        // LEFT onto a word: only groups holding a non-root label.
        assert!(m.legal_class(&st, kind_class(1, 2)));
        assert!(!m.legal_class(&st, kind_class(1, 0)));
        assert!(
            !m.legal_class(&st, kind_class(2, 2)),
            "RIGHT needs two words on the stack"
        );
        st.apply(Move::Shift);
        st.apply(Move::Right(1));
        // At ROOT with one word left: LEFT in the group of `root` only.
        assert!(m.legal_class(&st, kind_class(1, 2)));
        assert!(!m.legal_class(&st, 0));
        let mut s = ScoreBuf::default();
        assert_eq!(
            m.best_label(&[1, 2, 3], &mut s, 0),
            1,
            "falls back to a non-root label"
        );
    }
}
