//! Part-of-speech tagging (UPOS + XPOS), lemmatization and labeled dependency parsing for
//! English, trained on Universal Dependencies English EWT, with the model embedded in the binary.
//!
//! # Architecture
//!
//! * **Tagger** (`tagger.rs`): greedy left-to-right averaged perceptron over *joint*
//!   (UPOS, XPOS) tags. Features: the word (lowercased, digits folded), its form as written,
//!   prefixes and suffixes (1–4 characters), character shape, the parts of hyphenated words,
//!   neighbouring words (±2, also as written), the capitalization of the word and its
//!   neighbours, the two previous predicted tags, sentence casing (headlines), and the
//!   **ambiguity class** of the word and its neighbours: the set of tags the word took in the
//!   training data, from a lexicon stored in the model (for training sentences, from the other
//!   folds, so that unknown words occur as often as at run time). A second pass re-tags the
//!   sentence with the same features plus the first pass's tags to the right (trained on
//!   jackknifed first-pass tags), so both sides of the context inform each decision.
//! * **Lemmatizer** (`lemma.rs`): per joint tag, edit scripts selected by the longest known word
//!   ending, plus an exceptions table holding only the training words the scripts get wrong.
//! * **Parser** (`parser.rs`): greedy arc-hybrid transition system, a virtual ROOT at the end of
//!   the buffer, and constraints that make every transition sequence end in a single-rooted
//!   tree. Two averaged perceptrons: the **transition model** chooses among seven classes —
//!   SHIFT, and LEFT and RIGHT for each of three coarse label groups (function words and local
//!   modifiers; core arguments; the rest), which keeps most of the accuracy of fully labeled
//!   transitions; the **labeler** then picks the relation within the group from features of the
//!   arc itself (both words, their tags, distance, the labels their children already have).
//!   Zhang & Nivre style features (words, tags, UPOS, ambiguity classes, children and their
//!   label sets, valency, distance). Words unknown to the lexicon share one word value, in
//!   training too (per fold), so the parser learns what to do with them. Trained with a dynamic
//!   oracle and exploration, on jackknifed tags.
//! * **Beam search** (`beam.rs`, optional: the beam width is stored in the model, 1 = greedy):
//!   the `k` best transition sequences by summed transition scores, labels still chosen by the
//!   labeler. The transition model is then trained globally after the greedy epochs (a
//!   structured perceptron with max-violation updates, Huang et al. 2012), starting from the
//!   greedy weights; greedy decoding of such weights is worse, beam decoding of greedy weights
//!   too, so the width is fixed at training time.
//! * All features are hashed to 32-bit keys. Frozen weights are averaged, quantized to 12 bits
//!   (`i16` in ±2047, one scale per weight set) and stored sparsely. In memory, an
//!   open-addressing table maps a key to a short run of `(class, weight)` entries, or to a dense
//!   row when a feature has weights for 12 classes or more (dense rows add with SIMD, in 16-bit
//!   lanes widened to 32 bits before a sum could overflow, so scores are exact; long sparse runs
//!   were the bottleneck). The transition model's table is *tiny*: each 16-byte slot holds a
//!   16-bit key fingerprint and all seven weights, so a feature costs one cache line. Tables
//!   are filled to about 30%: many looked-up features are absent, and an absent key is only
//!   settled at an empty slot, so low load keeps probe runs (and mispredicted branches) short —
//!   this mattered more than the extra memory. Scoring prefetches all of a configuration's
//!   slots first, because the lookups are independent and memory latency dominates. The
//!   tagger's features that involve no predicted tag are computed once per sentence for both
//!   passes.
//! * Lemma: the joint tag picks the rules; the lemma of `annotate`/`analyze` uses the predicted
//!   tag. [`Model::builtin`] decodes the embedded file once (`OnceLock`) and is shared by all
//!   threads; prediction takes `&self` and keeps its scratch buffers per call.
//!
//! Dev-set figures, training command and license of the shipped model: `model/README.md`.
//!
//! # Model file format (version 3)
//!
//! All integers little-endian; `varint` is LEB128; `str` is `varint` byte length + UTF-8.
//!
//! ```text
//! magic        8 bytes  "DYADSYN\0"
//! version      u32      3 (version 2, still read, lacks the beam width: greedy parsing)
//! data name    str      "UD English EWT"
//! license      str      "CC BY-SA 4.0"
//! notes        str      how the model was trained
//! tags         varint n, then n × (UPOS str, XPOS str)     -- tagger class ids
//! labels       varint n, then n × str                      -- dependency relations
//! root label   varint   index of "root" in labels
//! beam width   varint   1 = greedy parsing, up to 64
//! lexicon      varint n classes × (varint n tags × varint tag gap),
//!              varint n words × (u64 word hash, varint class)   -- tagger ambiguity classes
//! tagger       weights (below), n classes = number of tags   -- first pass
//! tagger 2     weights, n classes = number of tags            -- second pass
//! parser       weights, 7 classes (SHIFT, LEFT-g, RIGHT-g for label groups g = 0..3)
//! labeler      weights, classes = labels
//! lemmatizer   varint n scripts × (u8 case: 0 keep/1 lower/2 title, u8 strip chars, str append)
//!              varint n rules   × (varint tag, str ending, varint script)
//!              varint n words   × (varint tag, str form, str lemma)
//! checksum     u64      FNV-1a (finalized) of every preceding byte
//!
//! weights:     varint classes, f32 scale, varint rows,
//!              rows × (varint key gap from previous key, varint entries,
//!                      entries × (varint class gap, zigzag varint i16 weight))
//! ```
//!
//! Keys are sorted, so key gaps and class gaps are small. Reading validates every count
//! against the bytes left, every class and tag index against the inventories, and the checksum.

mod beam;
mod eval;
mod hash;
mod io;
mod lemma;
mod model;
mod parser;
mod perceptron;
mod tagger;
mod train;

pub use eval::{evaluate, evaluate_with_gold_tags, Scores};
pub use model::{Analysis, Model, ModelError, FORMAT_VERSION, MAGIC};
pub use train::{train, TrainOptions};

impl Model {
    /// Replaces the free-form training notes stored in the file.
    pub fn set_notes(&mut self, notes: impl Into<String>) {
        self.notes = notes.into();
    }

    /// Seconds spent in (word features, tagging, parsing, lemmas) over `sents` (profiling aid).
    #[doc(hidden)]
    pub fn time_stages(&self, sents: &[Vec<&str>]) -> [f64; 4] {
        let mut w = model::Work::default();
        let mut t = [0.0; 4];
        let mut buf = String::new();
        for s in sents {
            let t0 = std::time::Instant::now();
            self.word_infos(s, &mut w.infos, &mut buf);
            let t1 = std::time::Instant::now();
            self.tag(&mut w);
            let t2 = std::time::Instant::now();
            self.parse(&mut w);
            let t3 = std::time::Instant::now();
            for (i, word) in s.iter().enumerate() {
                std::hint::black_box(self.lemmatizer.lemma(word, w.tags[i]));
            }
            let t4 = std::time::Instant::now();
            t[0] += (t1 - t0).as_secs_f64();
            t[1] += (t2 - t1).as_secs_f64();
            t[2] += (t3 - t2).as_secs_f64();
            t[3] += (t4 - t3).as_secs_f64();
        }
        t
    }

    /// Table sizes (rows, slots, sparse entries, dense rows) of tagger, tagger 2 and parser.
    #[doc(hidden)]
    pub fn table_stats(&self) -> String {
        format!(
            "tagger {:?}, tagger2 {:?}, parser {:?}, labeler {:?}",
            self.tagger.stats(),
            self.tagger2.stats(),
            self.parser.stats(),
            self.labeler.stats()
        )
    }

    /// Beam width of the parser (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// Sets the parser's beam width (1: greedy; at most 64), e.g. to compare widths.
    pub fn set_beam(&mut self, k: usize) {
        self.beam = k.clamp(1, model::MAX_BEAM);
    }

    /// Divides all weights by `div` (a coarser quantization; size/accuracy experiments).
    #[doc(hidden)]
    pub fn coarsen(&mut self, div: i32) {
        self.tagger = self.tagger.coarsened(div);
        self.tagger2 = self.tagger2.coarsened(div);
        self.parser = self.parser.coarsened(div);
        self.labeler = self.labeler.coarsened(div);
    }

    /// Drops weights smaller than `min` quanta (size/accuracy experiments).
    #[doc(hidden)]
    pub fn prune(&mut self, min: i32) {
        self.prune_each([min; 4]);
    }

    /// Drops weights smaller than `min[k]` quanta from tagger, tagger 2, parser and labeler.
    #[doc(hidden)]
    pub fn prune_each(&mut self, min: [i32; 4]) {
        self.tagger = self.tagger.pruned(min[0]);
        self.tagger2 = self.tagger2.pruned(min[1]);
        self.parser = self.parser.pruned(min[2]);
        self.labeler = self.labeler.pruned(min[3]);
    }
}
