//! Averaged perceptron over hashed features, in two forms:
//!
//! * [`Trainer`]: sparse rows (`key → [(class, weight, weighted sum)]`) updated online, with the
//!   usual trick for averaging without touching every weight at every step
//!   (`avg = w - Σ(c·Δ)/c`).
//! * [`Weights`]: the frozen, quantized model used for prediction and stored in the model file:
//!   an open-addressing table of 32-bit keys pointing at runs of `(class, i16)` entries. Features
//!   whose averaged weights all round to zero are dropped.

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

    /// Call once per training instance.
    pub(crate) fn tick(&mut self) {
        self.c += 1;
    }

    /// Averages, quantizes to i16 and drops entries whose magnitude is below `min_q` quanta.
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
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let q_rows = rows
            .into_iter()
            .map(|(k, r)| {
                let q: Vec<Entry> = r
                    .into_iter()
                    .map(|(cls, v)| Entry {
                        cls,
                        val: (v * scale).round().clamp(-32767.0, 32767.0) as i16,
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

#[derive(Clone, Copy, Default, Debug)]
struct Slot {
    key: u32,
    start: u32,
    len: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) cls: u16,
    pub(crate) val: i16,
}

/// Frozen quantized weights.
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Quantized value = real weight × scale (kept for information; scoring uses integers).
    scale: f32,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
}

impl Weights {
    pub(crate) fn empty(n_classes: usize) -> Self {
        Weights::from_rows(n_classes, 1.0, Vec::new())
    }

    fn from_rows(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<Entry>)>) -> Self {
        // Load factor ≤ 1/2 keeps probe sequences short.
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
        let mask = cap - 1;
        for (key, row) in rows {
            let mut i = key as usize & mask;
            loop {
                if slots[i].key == 0 {
                    slots[i] = Slot {
                        key,
                        start: entries.len() as u32,
                        len: row.len() as u32,
                    };
                    entries.extend_from_slice(&row);
                    break;
                }
                if slots[i].key == key {
                    // Duplicate key in the input: keep the first row (cannot happen for rows from
                    // a map; tolerated for hand-made files).
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Weights {
            n_classes,
            scale,
            mask,
            slots,
            entries,
        }
    }

    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub(crate) fn n_entries(&self) -> usize {
        self.entries.len()
    }

    #[inline]
    fn row(&self, key: u32) -> &[Entry] {
        let mut i = key as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                return &self.entries[s.start as usize..(s.start + s.len) as usize];
            }
            if s.key == 0 {
                return &[];
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of `feats` into `scores` (which must hold `n_classes` zeros).
    #[inline]
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [i32]) {
        for &f in feats {
            for e in self.row(f) {
                if let Some(s) = scores.get_mut(e.cls as usize) {
                    *s += e.val as i32;
                }
            }
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        let mut rows: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        rows.sort_by_key(|s| s.key);
        put_varint(out, rows.len() as u64);
        let mut prev = 0u32;
        for s in rows {
            // Keys are sorted: store gaps, which are small varints.
            put_varint(out, (s.key - prev) as u64);
            prev = s.key;
            let row = &self.entries[s.start as usize..(s.start + s.len) as usize];
            put_varint(out, row.len() as u64);
            let mut prev_cls = 0u16;
            for e in row {
                put_varint(out, (e.cls - prev_cls) as u64);
                prev_cls = e.cls;
                out.extend_from_slice(&e.val.to_le_bytes());
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n_classes = r.varint()? as usize;
        if n_classes == 0 || n_classes > 4096 {
            return Err(ModelError::Corrupt(format!("bad class count {n_classes}")));
        }
        let scale = r.f32()?;
        let n_rows = r.len(2)?;
        let mut rows = Vec::with_capacity(n_rows);
        let mut key = 0u32;
        for _ in 0..n_rows {
            let gap = r.varint()?;
            key = u32::try_from(key as u64 + gap)
                .map_err(|_| ModelError::Corrupt("feature key out of range".into()))?;
            if gap == 0 && !rows.is_empty() || key == 0 {
                return Err(ModelError::Corrupt("feature keys not increasing".into()));
            }
            let len = r.len(3)?;
            let mut row = Vec::with_capacity(len);
            let mut cls = 0u64;
            for _ in 0..len {
                cls += r.varint()?;
                if cls >= n_classes as u64 {
                    return Err(ModelError::Corrupt("class index out of range".into()));
                }
                row.push(Entry {
                    cls: cls as u16,
                    val: r.i16()?,
                });
            }
            rows.push((key, row));
        }
        Ok(Weights::from_rows(n_classes, scale, rows))
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
        let mut s = vec![0i32; 3];
        w.score(&[10, 99], &mut s);
        assert_eq!(argmax(&s), 2);
        s.fill(0);
        w.score(&[20, 99], &mut s);
        assert_eq!(argmax(&s), 1);

        let mut out = Vec::new();
        w.write(&mut out);
        let w2 = Weights::read(&mut Reader::new(&out)).unwrap();
        let mut s2 = vec![0i32; 3];
        w2.score(&[20, 99], &mut s2);
        assert_eq!(s, s2);
        assert_eq!(w2.n_entries(), w.n_entries());
    }

    fn argmax(s: &[i64]) -> usize {
        let mut b = 0;
        for (i, &v) in s.iter().enumerate() {
            if v > s[b] {
                b = i;
            }
        }
        b
    }
}
