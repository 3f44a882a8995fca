//! Averaged perceptron over hashed features, in two forms:
//!
//! * [`Trainer`]: sparse rows (`key → [(class, weight, weighted sum)]`) updated online, with the
//!   usual trick for averaging without touching every weight at every step
//!   (`avg = w - Σ(c·Δ)/c`).
//! * [`Weights`]: the frozen, quantized model used for prediction and stored in the model file:
//!   an open-addressing table of 32-bit keys pointing at runs of `(class, i16)` entries, or, for
//!   models of at most `TINY_MAX` classes (the parser's transitions), a *tiny* table whose
//!   16-byte slots hold a key fingerprint and every class's weight. Tables are kept at 30% load
//!   and backed by huge pages where the OS allows. Features whose averaged weights all round to
//!   zero are dropped. Scoring sums dense rows and tiny slots in 16-bit lanes (twice the lanes
//!   per vector instruction), widening to 32 bits before a sum could overflow, so the scores
//!   are exactly the 32-bit sums.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::io::{put_varint, Reader};
use crate::ModelError;

/// Keys are already hashes; spread them over 64 bits so hashbrown's control bytes vary.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Largest quantized weight magnitude.
const QMAX: f64 = 2047.0;

#[derive(Clone, Copy)]
struct TEntry {
    cls: u16,
    w: i32,
    wc: i64,
}

pub(crate) struct Trainer {
    n_classes: usize,
    rows: KeyMap<u32, Vec<TEntry>>,
    /// Number of instances seen so far, starting at 1.
    c: i64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            rows: KeyMap::default(),
            c: 1,
        }
    }

    pub(crate) fn score(&self, feats: &[u32], scores: &mut [i64]) {
        scores.fill(0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.cls as usize] += e.w as i64;
                }
            }
        }
    }

    pub(crate) fn update(&mut self, feats: &[u32], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let c = self.c;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            bump(row, gold as u16, 1, c);
            bump(row, pred as u16, -1, c);
        }
    }

    /// Adds `d` to the weight of class `cls` for every feature of `feats` (a structured
    /// update is a sum of these over the moves of two transition sequences).
    pub(crate) fn add(&mut self, feats: &[u32], cls: usize, d: i32) {
        let c = self.c;
        for &f in feats {
            bump(self.rows.entry(f).or_default(), cls as u16, d, c);
        }
    }

    /// Keeps the current weights but forgets their history: the average starts again from
    /// them (a warm start for a different kind of training).
    pub(crate) fn restart_average(&mut self) {
        for e in self.rows.values_mut().flat_map(|r| r.iter_mut()) {
            e.wc = 0;
        }
        self.c = 1;
    }

    /// Call once per training instance.
    pub(crate) fn tick(&mut self) {
        self.c += 1;
    }

    /// Counts `k` training instances at once (a sentence of `k` moves, in beam training).
    pub(crate) fn tick_n(&mut self, k: usize) {
        self.c += k as i64;
    }

    /// Averages, quantizes to ±2047 (stored as i16) and drops entries whose magnitude is below
    /// `min_q` quanta.
    pub(crate) fn freeze(&self, min_q: i32) -> Weights {
        let c = self.c as f64;
        let mut rows: Vec<(u32, Vec<(u16, f64)>)> = self
            .rows
            .iter()
            .map(|(&k, row)| {
                let mut r: Vec<(u16, f64)> = row
                    .iter()
                    .map(|e| (e.cls, e.w as f64 - e.wc as f64 / c))
                    .filter(|&(_, v)| v != 0.0)
                    .collect();
                r.sort_by_key(|e| e.0);
                (k, r)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter().map(|e| e.1.abs()))
            .fold(0.0f64, f64::max);
        // ±2047 (12 bits with sign) loses nothing measurable and keeps most stored weights at one or
        // two varint bytes.
        let scale = if max > 0.0 { QMAX / max } else { 1.0 };
        let q_rows = rows
            .into_iter()
            .map(|(k, r)| {
                let q: Vec<Entry> = r
                    .into_iter()
                    .map(|(cls, v)| Entry {
                        cls,
                        val: (v * scale).round().clamp(-QMAX, QMAX) as i16,
                    })
                    .filter(|e| (e.val as i32).abs() >= min_q.max(1))
                    .collect();
                (k, q)
            })
            .filter(|(_, q)| !q.is_empty())
            .collect();
        Weights::from_rows(self.n_classes, scale as f32, q_rows)
    }
}

fn bump(row: &mut Vec<TEntry>, cls: u16, d: i32, c: i64) {
    let e = match row.iter().position(|e| e.cls == cls) {
        Some(i) => &mut row[i],
        None => {
            row.push(TEntry { cls, w: 0, wc: 0 });
            let n = row.len() - 1;
            &mut row[n]
        }
    };
    e.w += d;
    e.wc += c * d as i64;
}

/// A table slot: the feature key and its weights. Rows of one or two entries (most rows, once
/// near-zero weights are pruned) live inside the slot, so a lookup costs one cache miss; longer
/// rows are a run of the `entries` array (`start << 7 | len`, at most 127 entries, 2^23 in all);
/// rows with `DENSE_MIN` or more entries are dense (`DENSE | row index`), because adding a dense
/// row vectorizes while a long sparse row is a chain of scattered adds. 16 bytes, four slots per
/// cache line.
#[derive(Clone, Copy, Default, Debug)]
struct Slot {
    key: u32,
    run: u32,
    inline: [Entry; 2],
}

const LEN_BITS: u32 = 7;
const MAX_ROW: usize = (1 << LEN_BITS) - 1;
const DENSE: u32 = 1 << 31;
const INLINE: u32 = 1 << 30;
const MAX_ENTRIES: usize = 1 << (30 - LEN_BITS);
/// Rows with at least this many entries are stored dense. Summed in 16-bit lanes, a dense row
/// of the tagger's 102 classes costs about as many instructions as a sparse row of a dozen
/// entries (EWT dev, callgrind: 40 → 12 cut the tagger's scoring instructions by a quarter;
/// 6 and 3 gained nothing more); the few rows this makes dense add about 3 MB.
const DENSE_MIN: usize = 12;
const _: () = assert!(DENSE_MIN <= MAX_ROW);
/// Most classes a model may have (scores live in a fixed array).
pub(crate) const MAX_CLASSES: usize = 256;

impl Slot {
    #[inline]
    fn start(self) -> usize {
        ((self.run & !(DENSE | INLINE)) >> LEN_BITS) as usize
    }
    #[inline]
    fn len(self) -> usize {
        (self.run & MAX_ROW as u32) as usize
    }
}

/// Asks the CPU to start loading `p`'s cache line; lookups of all features of a configuration
/// are independent, so overlapping their memory latency is what makes scoring fast.
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults and does not access memory semantically.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) cls: u16,
    pub(crate) val: i16,
}

/// Most classes of a *tiny* table, whose slots hold every class's weight (the parser's
/// transition model has seven: SHIFT, and LEFT and RIGHT for each of three label groups).
pub(crate) const TINY_MAX: usize = 7;

/// A slot of a tiny table: a 16-bit fingerprint of the key and the weights of all classes,
/// 16 bytes, four slots per cache line. `w[0]` holds the fingerprint (its bits) and `w[1 + c]`
/// the weight of class `c`: one array of eight `i16`, so that scoring adds whole slots as one
/// vector (lane 0 is ignored). The slot index comes from the key's low bits and the
/// fingerprint from a multiplicative hash of all of them, so two features are confused only
/// when they land in the same probe run *and* share the fingerprint (about one row in a
/// hundred thousand); full keys are kept apart (`tiny_keys`) for writing the file.
#[derive(Clone, Copy, Default, Debug)]
#[repr(C, align(16))]
struct TinySlot {
    w: [i16; 1 + TINY_MAX],
}

impl TinySlot {
    #[inline(always)]
    fn fp(&self) -> u16 {
        self.w[0] as u16
    }
}

/// A vector of `n` default values whose pages the kernel is asked to back with huge pages
/// (Linux transparent huge pages in `madvise` mode). Lookups hit random places of tables of
/// tens of megabytes: with 4 KiB pages nearly every one also misses the TLB.
fn huge_vec<T: Copy + Default>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    advise_huge_pages(v.as_ptr() as usize, n * std::mem::size_of::<T>());
    v.resize(n, T::default());
    v
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(start: usize, bytes: usize) {
    const PAGE: usize = 4096;
    if bytes < 4 << 20 {
        return;
    }
    let a = (start + PAGE - 1) & !(PAGE - 1);
    let end = (start + bytes) & !(PAGE - 1);
    if end > a {
        // SAFETY: the range lies inside one live allocation of ours, page-aligned; the advice
        // only changes how the kernel backs the pages, never their contents. Failure (e.g.
        // huge pages disabled) is harmless and ignored.
        unsafe {
            libc::madvise(a as *mut libc::c_void, end - a, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: usize, _bytes: usize) {}

/// First slot to probe for `key` in a table of `cap` slots (`key` is a uniform hash).
#[inline(always)]
fn home(key: u32, cap: usize) -> usize {
    ((key as u64 * cap as u64) >> 32) as usize
}

/// The slot after `i`, wrapping around.
#[inline(always)]
fn next(i: usize, cap: usize) -> usize {
    if i + 1 == cap {
        0
    } else {
        i + 1
    }
}

/// Fingerprint of a key in a tiny table (never 0, which marks an empty slot).
#[inline(always)]
fn fingerprint(key: u32) -> u16 {
    let h = ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as u16;
    h.max(1)
}

/// Lanes of one vector of `i16` (SSE2: eight); dense rows are padded to a multiple of it.
const LANES: usize = 8;

/// `acc += row`, lane by lane, wrapping (callers keep the sums within `i16`; see `batch`).
#[inline(always)]
fn add_lanes(acc: &mut [i16], row: &[i16]) {
    for (x, &v) in acc.iter_mut().zip(row) {
        *x = x.wrapping_add(v);
    }
}

/// `out += acc` in 32 bits.
#[inline(always)]
fn widen_into(acc: &[i16], out: &mut [i32]) {
    for (x, &a) in out.iter_mut().zip(acc) {
        *x += a as i32;
    }
}

/// `Weights::add_dense` for rows of `W` weights (`W` a multiple of `LANES`, at most 128).
fn add_rows<const W: usize>(
    dense: &[i16],
    rows: &[u32],
    batch: usize,
    scores: &mut [i32; MAX_CLASSES],
) {
    for group in rows.chunks(batch.max(1)) {
        let mut acc = [0i16; W];
        for &r in group {
            let base = r as usize * W;
            if let Some(row) = dense.get(base..base + W) {
                add_lanes(&mut acc, row);
            }
        }
        widen_into(&acc, &mut scores[..W]);
    }
}

/// `add_rows` for any width.
fn add_rows_any(
    dense: &[i16],
    stride: usize,
    rows: &[u32],
    batch: usize,
    scores: &mut [i32; MAX_CLASSES],
) {
    let mut acc = [0i16; MAX_CLASSES];
    for group in rows.chunks(batch.max(1)) {
        acc[..stride].fill(0);
        for &r in group {
            let base = r as usize * stride;
            if let Some(row) = dense.get(base..base + stride) {
                add_lanes(&mut acc[..stride], row);
            }
        }
        widen_into(&acc[..stride], &mut scores[..stride]);
    }
}

/// Frozen quantized weights.
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Quantized value = real weight × scale (kept for information; scoring uses integers).
    scale: f32,
    /// Number of slots (any size ≥ 1: keys are uniform hashes, mapped by `home`).
    cap: usize,
    slots: Vec<Slot>,
    /// Used instead of `slots` when `n_classes <= TINY_MAX`.
    tiny: Vec<TinySlot>,
    /// The full key of each tiny slot (0 = empty); not used for scoring.
    tiny_keys: Vec<u32>,
    entries: Vec<Entry>,
    /// Dense rows, `stride` weights each (`n_classes` rounded up to a multiple of `LANES`,
    /// zero-padded), so that adding a row is whole vectors of `i16`.
    dense: Vec<i16>,
    stride: usize,
    /// How many rows (dense or tiny) may be summed in 16-bit lanes before the sum could leave
    /// the `i16` range: `i16::MAX / max |weight|`, at least 1.
    batch: usize,
    n_dense: usize,
    n_inline: usize,
}

impl Weights {
    pub(crate) fn empty(n_classes: usize) -> Self {
        Weights::from_rows(n_classes, 1.0, Vec::new())
    }

    fn from_rows(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<Entry>)>) -> Self {
        Weights::build(
            n_classes,
            scale,
            rows.len(),
            rows.iter().map(|(k, r)| (*k, &r[..])),
        )
    }

    /// Builds the table from `n_rows` rows of (key, entries sorted by class).
    fn build<'a>(
        n_classes: usize,
        scale: f32,
        n_rows: usize,
        rows: impl Iterator<Item = (u32, &'a [Entry])>,
    ) -> Self {
        let n_classes = n_classes.min(MAX_CLASSES);
        // Load factor 0.3. Many looked-up features are absent, and an absent key is settled only
        // at an empty slot: at 0.5–0.7 the probe runs (dependent loads and mispredicted
        // branches) cost more than the extra memory of a sparse table (measured: 0.3 scores
        // about 25% faster than 0.5 on EWT dev, and lower loads gain nothing more).
        let cap = (n_rows * 10 / 3 + 1).max(16);
        let is_tiny = n_classes <= TINY_MAX;
        let mut w = Weights {
            n_classes,
            scale,
            cap,
            slots: if is_tiny { Vec::new() } else { huge_vec(cap) },
            tiny: if is_tiny { huge_vec(cap) } else { Vec::new() },
            tiny_keys: if is_tiny { vec![0; cap] } else { Vec::new() },
            entries: Vec::new(),
            dense: Vec::new(),
            stride: n_classes.div_ceil(LANES) * LANES,
            batch: 1,
            n_dense: 0,
            n_inline: 0,
        };
        let mut row = Vec::new();
        for (key, r) in rows {
            row.clear();
            row.extend(r.iter().copied().filter(|e| (e.cls as usize) < n_classes));
            if row.is_empty() || key == 0 {
                continue;
            }
            if is_tiny {
                let mut i = home(key, cap);
                while w.tiny_keys[i] != 0 && w.tiny_keys[i] != key {
                    i = next(i, cap);
                }
                if w.tiny_keys[i] == key {
                    continue;
                }
                let mut ws = [0i16; 1 + TINY_MAX];
                ws[0] = fingerprint(key) as i16;
                for e in &row {
                    ws[1 + e.cls as usize] = e.val;
                }
                w.tiny[i] = TinySlot { w: ws };
                w.tiny_keys[i] = key;
                w.n_inline += row.len();
                continue;
            }
            let mut i = home(key, cap);
            while w.slots[i].key != 0 && w.slots[i].key != key {
                i = next(i, cap);
            }
            if w.slots[i].key == key {
                continue; // duplicate key (hand-made file): keep the first row
            }
            let mut inline = [Entry::default(); 2];
            let run = if row.len() <= 2 {
                inline[..row.len()].copy_from_slice(&row);
                w.n_inline += row.len();
                INLINE | row.len() as u32
            } else if row.len() >= DENSE_MIN {
                let base = w.dense.len();
                w.dense.resize(base + w.stride, 0);
                for e in &row {
                    w.dense[base + e.cls as usize] = e.val;
                }
                w.n_dense += row.len();
                DENSE | (base / w.stride) as u32
            } else {
                if w.entries.len() + row.len() > MAX_ENTRIES {
                    continue; // cannot happen with real models; never overflow the packing
                }
                let run = ((w.entries.len() as u32) << LEN_BITS) | row.len() as u32;
                w.entries.extend_from_slice(&row);
                run
            };
            w.slots[i] = Slot { key, run, inline };
        }
        let max = w
            .dense
            .iter()
            .chain(w.tiny.iter().flat_map(|s| &s.w[1..]))
            .map(|v| v.unsigned_abs())
            .max()
            .unwrap_or(0);
        w.batch = (i16::MAX as u16 / max.max(1)).max(1) as usize;
        w
    }

    /// The row of a slot as sparse entries (dense rows are expanded).
    fn row_entries(&self, s: Slot) -> Vec<Entry> {
        if s.run & INLINE != 0 {
            s.inline[..s.len().min(2)].to_vec()
        } else if s.run & DENSE != 0 {
            let base = (s.run & !DENSE) as usize * self.stride;
            self.dense
                .get(base..base + self.n_classes)
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter(|(_, &v)| v != 0)
                .map(|(c, &val)| Entry { cls: c as u16, val })
                .collect()
        } else {
            self.entries
                .get(s.start()..s.start() + s.len())
                .unwrap_or(&[])
                .to_vec()
        }
    }

    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Every row as (key, sparse entries), sorted by key.
    fn rows(&self) -> Vec<(u32, Vec<Entry>)> {
        let mut rows: Vec<(u32, Vec<Entry>)> = if self.tiny.is_empty() {
            self.slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|&s| (s.key, self.row_entries(s)))
                .collect()
        } else {
            self.tiny
                .iter()
                .zip(&self.tiny_keys)
                .filter(|(_, &k)| k != 0)
                .map(|(s, &k)| {
                    let row = s.w[1..][..self.n_classes.min(TINY_MAX)]
                        .iter()
                        .enumerate()
                        .filter(|(_, &v)| v != 0)
                        .map(|(c, &val)| Entry { cls: c as u16, val })
                        .collect();
                    (k, row)
                })
                .collect()
        };
        rows.sort_by_key(|r| r.0);
        rows
    }

    /// (rows, slots, sparse entries, dense rows) — memory diagnostics.
    pub(crate) fn stats(&self) -> (usize, usize, usize, usize) {
        (
            self.slots.iter().filter(|s| s.key != 0).count()
                + self.tiny_keys.iter().filter(|&&k| k != 0).count(),
            self.slots.len() + self.tiny.len(),
            self.entries.len(),
            self.dense.len() / self.stride.max(1),
        )
    }

    pub(crate) fn n_entries(&self) -> usize {
        self.entries.len() + self.n_dense + self.n_inline
    }

    #[inline]
    fn find(&self, key: u32) -> Slot {
        let mut i = home(key, self.cap);
        loop {
            let s = self.slots[i];
            if s.key == key || s.key == 0 {
                return s;
            }
            i = next(i, self.cap);
        }
    }

    /// Adds the weights of `feats` into `scores[..n_classes]`.
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [i32; MAX_CLASSES]) {
        if !self.tiny.is_empty() {
            self.score_tiny(feats, scores);
            return;
        }
        // The lookups are independent: start all the loads, then use them.
        for &f in feats {
            if let Some(s) = self.slots.get(home(f, self.cap)) {
                prefetch(s);
            }
        }
        // Dense rows are added after the sparse ones, all together (see `add_dense`).
        let mut dense = [0u32; 128];
        let mut n_dense = 0;
        for chunk in feats.chunks(128) {
            let mut runs = [0u32; 128];
            let mut k = 0;
            for &f in chunk {
                let s = self.find(f);
                if s.key == 0 {
                    continue;
                }
                if s.run & INLINE != 0 {
                    for e in &s.inline[..s.len().min(2)] {
                        scores[(e.cls & 0xff) as usize] += e.val as i32;
                    }
                    continue;
                }
                if s.run & DENSE != 0 {
                    // Not prefetched: dense rows are the few features that fire most often,
                    // and are usually in cache already.
                    if n_dense == dense.len() {
                        self.add_dense(&dense, scores);
                        n_dense = 0;
                    }
                    dense[n_dense] = s.run & !DENSE;
                    n_dense += 1;
                    continue;
                }
                // Every cache line of the row (64 bytes = 16 entries).
                if let Some(row) = self.entries.get(s.start()..s.start() + s.len()) {
                    for e in row.iter().step_by(16) {
                        prefetch(e);
                    }
                }
                runs[k] = s.run;
                k += 1;
            }
            for &run in &runs[..k] {
                let s = Slot {
                    run,
                    ..Slot::default()
                };
                if let Some(row) = self.entries.get(s.start()..s.start() + s.len()) {
                    for e in row {
                        // `cls` < 256 by construction; the mask lets the compiler drop the
                        // bounds check.
                        scores[(e.cls & 0xff) as usize] += e.val as i32;
                    }
                }
            }
        }
        self.add_dense(&dense[..n_dense], scores);
    }

    /// Adds dense rows (by index) into `scores`. The rows are summed in 16-bit lanes, twice as
    /// many per vector instruction, in batches of `batch` rows, whose sum cannot leave the
    /// `i16` range, each widened into `scores`: the result is exactly the 32-bit sum. For the
    /// usual widths the sum of a batch has a fixed size and stays in vector registers.
    fn add_dense(&self, rows: &[u32], scores: &mut [i32; MAX_CLASSES]) {
        macro_rules! widths {
            ($($w:literal)*) => {
                match self.stride {
                    $($w => add_rows::<$w>(&self.dense, rows, self.batch, scores),)*
                    _ => add_rows_any(&self.dense, self.stride, rows, self.batch, scores),
                }
            };
        }
        widths!(8 16 24 32 40 48 56 64 72 80 88 96 104 112 120 128)
    }

    /// `score` for tiny tables: one slot per feature holds all weights.
    fn score_tiny(&self, feats: &[u32], scores: &mut [i32; MAX_CLASSES]) {
        for &f in feats {
            if let Some(s) = self.tiny.get(home(f, self.cap)) {
                prefetch(s);
            }
        }
        // Whole slots are summed in 16-bit lanes (one vector addition per feature; lane 0, the
        // fingerprints, is ignored), widened every `batch` features as in `score`.
        let mut total = [0i32; 1 + TINY_MAX];
        for group in feats.chunks(self.batch.max(1)) {
            let mut acc = [0i16; 1 + TINY_MAX];
            for &f in group {
                let mut i = home(f, self.cap);
                let fp = fingerprint(f);
                while let Some(s) = self.tiny.get(i) {
                    if s.fp() == fp {
                        add_lanes(&mut acc, &s.w);
                        break;
                    }
                    if s.fp() == 0 {
                        break;
                    }
                    i = next(i, self.cap);
                }
            }
            widen_into(&acc, &mut total);
        }
        for (x, a) in scores.iter_mut().zip(&total[1..]) {
            *x += a;
        }
    }

    /// A copy with the weights divided by `div` (rounded; zeros dropped): a coarser scale.
    pub(crate) fn coarsened(&self, div: i32) -> Weights {
        let div = div.max(1);
        self.map_rows(self.scale / div as f32, |row| {
            for e in row.iter_mut() {
                let v = e.val as i32;
                e.val = ((v + v.signum() * div / 2) / div) as i16;
            }
            row.retain(|e| e.val != 0);
        })
    }

    /// A copy without the entries smaller than `min` in magnitude (for size experiments).
    pub(crate) fn pruned(&self, min: i32) -> Weights {
        self.map_rows(self.scale, |row| {
            row.retain(|e| (e.val as i32).abs() >= min)
        })
    }

    /// A copy with every row rewritten by `f` (rows left empty are dropped), at `scale`.
    fn map_rows(&self, scale: f32, mut f: impl FnMut(&mut Vec<Entry>)) -> Weights {
        let mut rows = self.rows();
        for r in &mut rows {
            f(&mut r.1);
        }
        rows.retain(|r| !r.1.is_empty());
        Weights::from_rows(self.n_classes, scale, rows)
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        let rows = self.rows();
        put_varint(out, rows.len() as u64);
        let mut prev = 0u32;
        for (key, row) in rows {
            // Keys are sorted: store gaps, which are small varints.
            put_varint(out, (key - prev) as u64);
            prev = key;
            put_varint(out, row.len() as u64);
            let mut prev_cls = 0u16;
            for e in &row {
                put_varint(out, (e.cls - prev_cls) as u64);
                prev_cls = e.cls;
                // Zigzag varint: most quantized weights are small and take one byte.
                let v = e.val as i32;
                put_varint(out, ((v << 1) ^ (v >> 31)) as u32 as u64);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n_classes = r.varint()? as usize;
        if n_classes == 0 || n_classes > MAX_CLASSES {
            return Err(ModelError::Corrupt(format!("bad class count {n_classes}")));
        }
        let scale = r.f32()?;
        let n_rows = r.len(2)?;
        // One flat buffer rather than a Vec per row: halves the peak memory of loading.
        let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(n_rows);
        let mut flat: Vec<Entry> = Vec::new();
        let mut key = 0u32;
        for _ in 0..n_rows {
            let gap = r.varint()?;
            key = u32::try_from(key as u64 + gap)
                .map_err(|_| ModelError::Corrupt("feature key out of range".into()))?;
            if gap == 0 && !spans.is_empty() || key == 0 {
                return Err(ModelError::Corrupt("feature keys not increasing".into()));
            }
            let len = r.len(2)?;
            if len > MAX_CLASSES {
                return Err(ModelError::Corrupt("weight row too long".into()));
            }
            let start = flat.len() as u32;
            let mut cls = 0u64;
            for _ in 0..len {
                cls += r.varint()?;
                if cls >= n_classes as u64 {
                    return Err(ModelError::Corrupt("class index out of range".into()));
                }
                let z = r.varint()?;
                let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
                let val = i16::try_from(v)
                    .map_err(|_| ModelError::Corrupt("weight out of range".into()))?;
                flat.push(Entry {
                    cls: cls as u16,
                    val,
                });
            }
            spans.push((key, start, len as u32));
        }
        Ok(Weights::build(
            n_classes,
            scale,
            spans.len(),
            spans
                .iter()
                .map(|&(k, s, l)| (k, &flat[s as usize..(s + l) as usize])),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_and_round_trips() {
        let mut t = Trainer::new(3);
        let mut scores = vec![0i64; 3];
        // Feature 10 means class 2, feature 20 means class 1.
        for _ in 0..5 {
            for (f, gold) in [(10u32, 2usize), (20, 1)] {
                t.score(&[f, 99], &mut scores);
                let pred = argmax(&scores);
                t.update(&[f, 99], gold, pred);
                t.tick();
            }
        }
        let w = t.freeze(1);
        let mut s = [0i32; MAX_CLASSES];
        w.score(&[10, 99], &mut s);
        assert_eq!(argmax(&s[..3]), 2);
        s.fill(0);
        w.score(&[20, 99], &mut s);
        assert_eq!(argmax(&s[..3]), 1);

        let mut out = Vec::new();
        w.write(&mut out);
        let w2 = Weights::read(&mut Reader::new(&out)).unwrap();
        let mut s2 = [0i32; MAX_CLASSES];
        w2.score(&[20, 99], &mut s2);
        assert_eq!(s, s2);
        assert_eq!(w2.n_entries(), w.n_entries());
    }

    #[test]
    fn dense_and_sparse_rows_score_alike() {
        // One feature touching many classes (stored dense) and one touching two (sparse).
        let mut t = Trainer::new(60);
        for c in 0..50 {
            t.update(&[7], c, 59);
            t.tick();
        }
        for _ in 0..3 {
            t.update(&[8], 3, 5);
            t.tick();
        }
        let w = t.freeze(1);
        let mut out = Vec::new();
        w.write(&mut out);
        let w2 = Weights::read(&mut Reader::new(&out)).unwrap();
        let mut a = [0i32; MAX_CLASSES];
        let mut b = [0i32; MAX_CLASSES];
        w.score(&[7, 8, 12345], &mut a);
        w2.score(&[7, 8, 12345], &mut b);
        assert_eq!(a, b);
        assert!(a[0] > 0 && a[59] < 0 && a[3] > a[2], "{:?}", &a[..60]);
        assert!(w.n_dense > 0, "feature 7 is stored dense");
        let p = w.pruned(i32::MAX);
        assert_eq!(p.n_entries(), 0);
    }

    #[test]
    fn tiny_tables_score_like_the_trainer_and_round_trip() {
        let mut t = Trainer::new(3);
        for (f, gold, pred) in [(1u32, 0, 1), (2, 2, 0), (1, 0, 2), (3, 1, 0), (2, 2, 1)] {
            t.update(&[f, 9], gold, pred);
            t.tick();
        }
        let w = t.freeze(1);
        assert!(
            !w.tiny.is_empty() && w.slots.is_empty(),
            "3 classes use the tiny layout"
        );
        assert_eq!(std::mem::size_of::<TinySlot>(), 16);
        let mut s = [0i32; MAX_CLASSES];
        w.score(&[1, 2, 3, 9, 777], &mut s);
        // Averaged weights keep the sign of the updates.
        assert!(s[0] != 0 || s[1] != 0 || s[2] != 0);
        let mut out = Vec::new();
        w.write(&mut out);
        let w2 = Weights::read(&mut Reader::new(&out)).unwrap();
        let mut s2 = [0i32; MAX_CLASSES];
        w2.score(&[1, 2, 3, 9, 777], &mut s2);
        assert_eq!(s, s2);
        assert_eq!(w2.n_entries(), w.n_entries());
        assert_eq!(w2.stats(), w.stats());
        let mut s3 = [0i32; MAX_CLASSES];
        let p = w.pruned(1);
        p.score(&[1, 2, 3, 9, 777], &mut s3);
        assert_eq!(s, s3);
        assert_eq!(w.pruned(i32::MAX).n_entries(), 0);
        // Every feature alone scores as its row says.
        for f in [1u32, 2, 3, 9] {
            let mut a = [0i32; MAX_CLASSES];
            w.score(&[f], &mut a);
            let row = w.rows().into_iter().find(|r| r.0 == f);
            let mut b = [0i32; MAX_CLASSES];
            for e in row.map(|r| r.1).unwrap_or_default() {
                b[e.cls as usize] = e.val as i32;
            }
            assert_eq!(a, b);
        }
    }

    /// The sum of the rows of `feats` computed entry by entry in 32 bits.
    fn naive(w: &Weights, feats: &[u32]) -> [i32; MAX_CLASSES] {
        let rows = w.rows();
        let mut s = [0i32; MAX_CLASSES];
        for f in feats {
            for r in rows.iter().filter(|r| r.0 == *f) {
                for e in &r.1 {
                    s[e.cls as usize] += e.val as i32;
                }
            }
        }
        s
    }

    #[test]
    fn sums_in_16_bit_lanes_are_exact_for_any_weights() {
        // Rows long enough to be dense, and tiny rows, with weights far beyond the ±2047 of
        // trained models: partial sums in `i16` must still never wrap.
        for (n_classes, extreme) in [
            (20usize, 2047i16),
            (20, 30000),
            (20, i16::MIN),
            (7, 2047),
            (7, -32000),
        ] {
            let rows: Vec<(u32, Vec<Entry>)> = (1..=40u32)
                .map(|k| {
                    let row = (0..n_classes as u16)
                        .map(|cls| Entry {
                            cls,
                            val: if (k + cls as u32).is_multiple_of(3) {
                                extreme
                            } else {
                                (k as i16) * 7 - 100
                            },
                        })
                        .collect();
                    (k * 1_000_003, row)
                })
                .collect();
            let w = Weights::from_rows(n_classes, 1.0, rows);
            assert!(w.batch == 1 || extreme.unsigned_abs() as usize * w.batch <= 32767);
            let feats: Vec<u32> = (1..=40u32).map(|k| k * 1_000_003).chain([5, 6]).collect();
            let mut s = [0i32; MAX_CLASSES];
            w.score(&feats, &mut s);
            assert_eq!(
                s,
                naive(&w, &feats),
                "{n_classes} classes, weight {extreme}"
            );
        }
    }

    fn argmax<T: PartialOrd + Copy>(s: &[T]) -> usize {
        let mut b = 0;
        for (i, &v) in s.iter().enumerate() {
            if v > s[b] {
                b = i;
            }
        }
        b
    }
}
