//! Part-of-speech tagging (UPOS + XPOS), lemmatization and labeled dependency parsing for
//! English, trained on Universal Dependencies English EWT, with the model embedded in the binary.
//!
//! # Architecture
//!
//! * **Tagger** (`tagger.rs`): greedy left-to-right averaged perceptron over *joint*
//!   (UPOS, XPOS) tags. Features: the word (lowercased, digits folded), its form as written,
//!   prefixes and suffixes, character shape, neighbouring words (±2), the two previous
//!   predicted tags, sentence casing (headlines). A second pass re-tags the sentence with the
//!   same features plus the first pass's tags to the right (trained on jackknifed first-pass
//!   tags), so both sides of the context inform each decision.
//! * **Lemmatizer** (`lemma.rs`): per joint tag, edit scripts selected by the longest known word
//!   ending, plus an exceptions table holding only the training words the scripts get wrong.
//! * **Parser** (`parser.rs`): greedy arc-hybrid transition system with labeled transitions, a
//!   virtual ROOT at the end of the buffer, and constraints that make every transition sequence
//!   end in a single-rooted tree. Averaged perceptron over Zhang & Nivre style features (words,
//!   tags, children, labels, valency, distance); trained with a dynamic oracle and exploration,
//!   on jackknifed tags.
//! * All features are hashed to 32-bit keys. Frozen weights are averaged, quantized to 12 bits
//!   (`i16` in ±2047, one scale per weight set) and stored sparsely. In memory, an
//!   open-addressing table maps a key to a short run of `(class, weight)` entries, or to a dense
//!   row when a feature has weights for many classes (dense rows add with SIMD; long sparse runs
//!   were the bottleneck). Scoring prefetches all of a configuration's slots first, because the
//!   lookups are independent and memory latency dominates.
//! * Lemma: the joint tag picks the rules; the lemma of `annotate`/`analyze` uses the predicted
//!   tag. [`Model::builtin`] decodes the embedded file once (`OnceLock`) and is shared by all
//!   threads; prediction takes `&self` and keeps its scratch buffers per call.
//!
//! Dev-set figures, training command and license of the shipped model: `model/README.md`.
//!
//! # Model file format (version 1)
//!
//! All integers little-endian; `varint` is LEB128; `str` is `varint` byte length + UTF-8.
//!
//! ```text
//! magic        8 bytes  "DYADSYN\0"
//! version      u32      1
//! data name    str      "UD English EWT"
//! license      str      "CC BY-SA 4.0"
//! notes        str      how the model was trained
//! tags         varint n, then n × (UPOS str, XPOS str)     -- tagger class ids
//! labels       varint n, then n × str                      -- dependency relations
//! root label   varint   index of "root" in labels
//! tagger       weights (below), n classes = number of tags   -- first pass
//! tagger 2     weights, n classes = number of tags            -- second pass
//! parser       weights, classes = 1 + 2 × labels (SHIFT, LEFT-l…, RIGHT-l…)
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
            w.infos.clear();
            for word in s {
                w.infos.push(tagger::WordInfo::new(word, &mut buf));
            }
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
            "tagger {:?}, tagger2 {:?}, parser {:?}",
            self.tagger.stats(),
            self.tagger2.stats(),
            self.parser.stats()
        )
    }

    /// Divides all weights by `div` (a coarser quantization; size/accuracy experiments).
    #[doc(hidden)]
    pub fn coarsen(&mut self, div: i32) {
        self.tagger = self.tagger.coarsened(div);
        self.tagger2 = self.tagger2.coarsened(div);
        self.parser = self.parser.coarsened(div);
    }

    /// Drops weights smaller than `min` quanta (size/accuracy experiments).
    #[doc(hidden)]
    pub fn prune(&mut self, min: i32) {
        self.tagger = self.tagger.pruned(min);
        self.tagger2 = self.tagger2.pruned(min);
        self.parser = self.parser.pruned(min);
    }
}
