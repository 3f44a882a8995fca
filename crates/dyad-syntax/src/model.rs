//! The model: tag and label inventories, tagger and parser weights, lemmatizer; prediction and
//! the binary file format.

use std::fmt;
use std::sync::OnceLock;

use crate::hash::{hash_bytes, mix};
use crate::io::{put_str, put_varint, Reader};
use crate::lemma::Lemmatizer;
use crate::parser::{self, Ctx, Move, State};
use crate::perceptron::{Weights, MAX_CLASSES};
use crate::tagger::{self, WordInfo, START};

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"DYADSYN\0";
/// Version of the binary layout this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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
    pub(crate) tagger: Weights,
    /// Second tagging pass, which also sees the first pass's tags to the right.
    pub(crate) tagger2: Weights,
    pub(crate) parser: Weights,
    pub(crate) lemmatizer: Lemmatizer,
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Work {
    buf: String,
    pub(crate) infos: Vec<WordInfo>,
    feats: Vec<u32>,
    scores: ScoreBuf,
    pub(crate) tags: Vec<u16>,
    first: Vec<u64>,
    lw: Vec<u64>,
    tagv: Vec<u64>,
    sufv: Vec<u64>,
    pub(crate) st: State,
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
            tagger: Weights::empty(1),
            tagger2: Weights::empty(1),
            parser: Weights::empty(5),
            lemmatizer: Lemmatizer::default(),
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

    /// Number of non-zero (feature, class) weights in tagger and parser.
    pub fn n_weights(&self) -> (usize, usize) {
        (
            self.tagger.n_entries() + self.tagger2.n_entries(),
            self.parser.n_entries(),
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

    /// Tags and parses into `w.tags` and `w.st`.
    pub(crate) fn run(&self, words: &[&str], w: &mut Work) {
        w.infos.clear();
        for word in words {
            w.infos.push(WordInfo::new(word, &mut w.buf));
        }
        self.tag(w);
        self.parse(w);
    }

    pub(crate) fn tag(&self, w: &mut Work) {
        self.tag_pass(w, false);
        if self.tagger2.n_entries() > 0 {
            self.tag_pass(w, true);
        }
    }

    /// One greedy tagging pass into `w.tags`; the second pass reads the first from `w.tags`.
    pub(crate) fn tag_pass(&self, w: &mut Work, second: bool) {
        let n_tags = self.tags.len().min(MAX_CLASSES);
        let weights = if second { &self.tagger2 } else { &self.tagger };
        w.first.clear();
        if second {
            w.first.extend(w.tags.iter().map(|&t| tag_val(t)));
        }
        w.tags.clear();
        let case = tagger::casing(&w.infos);
        let (mut t1, mut t2) = (START, START);
        for i in 0..w.infos.len() {
            let right = if second { Some(&w.first[..]) } else { None };
            tagger::features(&w.infos, i, t1, t2, right, case, &mut w.feats);
            w.scores.0.fill(0);
            weights.score(&w.feats, &mut w.scores.0);
            let best = argmax(&w.scores.0[..n_tags]) as u16;
            w.tags.push(best);
            t2 = t1;
            t1 = tag_val(best);
        }
    }

    /// Parses using `w.infos` and `w.tags` (which may be gold tags during training).
    pub(crate) fn parse(&self, w: &mut Work) {
        let n = w.infos.len();
        w.lw.clear();
        w.lw.extend(w.infos.iter().map(|i| i.lw));
        w.lw.push(0);
        w.tagv.clear();
        w.tagv.extend(w.tags.iter().map(|&t| tag_val(t)));
        w.tagv.push(0);
        w.sufv.clear();
        w.sufv.extend(w.infos.iter().map(|i| i.suf[2]));
        w.sufv.push(0);
        w.st.reset(n);
        let n_labels = self.labels.len();
        let n_classes = 1 + 2 * n_labels;
        let root = self.root;
        let cx = Ctx {
            lw: &w.lw,
            tags: &w.tagv,
            suf: &w.sufv,
        };
        while !w.st.done() {
            if let Some(m) = forced(&w.st, root) {
                w.st.apply(m);
                continue;
            }
            parser::features(&w.st, &cx, &mut w.feats);
            w.scores.0.fill(0);
            self.parser.score(&w.feats, &mut w.scores.0);
            let mut best = None;
            let mut best_score = i32::MIN;
            for (c, &s) in w.scores.0[..n_classes.min(MAX_CLASSES)].iter().enumerate() {
                if s > best_score || best.is_none() {
                    let m = Move::decode(c, n_labels);
                    if w.st.legal(m, root) {
                        best = Some(m);
                        best_score = s;
                    }
                }
            }
            // Some move is always legal when not done; SHIFT/RIGHT fallbacks guard the loop.
            let m = best.unwrap_or(if w.st.b < w.st.n {
                Move::Shift
            } else {
                Move::Right(if root == 0 { 1 } else { 0 })
            });
            w.st.apply(m);
        }
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
        self.tagger.write(&mut out);
        self.tagger2.write(&mut out);
        self.parser.write(&mut out);
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
        if version != FORMAT_VERSION {
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
        if tags.is_empty() || tags.len() > MAX_CLASSES {
            return Err(ModelError::Corrupt("bad tag inventory".into()));
        }
        if labels.len() < 2 || 1 + 2 * labels.len() > MAX_CLASSES || root as usize >= labels.len() {
            return Err(ModelError::Corrupt("bad label inventory".into()));
        }
        let tagger = Weights::read(&mut r)?;
        let tagger2 = Weights::read(&mut r)?;
        let parser = Weights::read(&mut r)?;
        if tagger.n_classes() != tags.len()
            || tagger2.n_classes() != tags.len()
            || parser.n_classes() != 1 + 2 * labels.len()
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
            tags,
            labels,
            root: root as u16,
            tagger,
            tagger2,
            parser,
            lemmatizer,
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
