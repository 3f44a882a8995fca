//! Greedy left-to-right tagger over joint (UPOS, XPOS) tags.
//!
//! Tagging the pair jointly keeps the two layers consistent (no `AUX`/`NN`) and lets the UPOS
//! distinctions that XPOS lacks (AUX vs VERB, DET vs PRON on `DT`) share the same features.

use std::collections::BTreeMap;

use crate::hash::{hash_str, key, mix};
use crate::io::{put_varint, Reader};
use crate::perceptron::KeyMap;
use crate::ModelError;

/// What the tagger and parser need to know about one word, computed once per word.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct WordInfo {
    /// Lowercased form with digits folded to `0`.
    pub(crate) lw: u64,
    /// The form as written.
    pub(crate) form: u64,
    /// Suffixes of 1–4 characters of the lowercased form.
    pub(crate) suf: [u64; 4],
    /// Prefixes of 1–4 characters.
    pub(crate) pre: [u64; 4],
    /// First and last parts of a hyphenated word (lowercased), 0 without a hyphen.
    pub(crate) hy: [u64; 2],
    /// Ambiguity class: the set of tags the word took in the training data (0 when unknown);
    /// filled from the model's lexicon after `new`.
    pub(crate) amb: u64,
    /// Collapsed character-class shape (`Xx`, `d.d`, `x-x`, ...).
    pub(crate) shape: u64,
    /// Bit flags: capitalized, all caps, digit, hyphen, punctuation only, length bucket.
    pub(crate) flags: u64,
}

pub(crate) const START: u64 = 0x5354_4152_5400_0001;
pub(crate) const END: u64 = 0x454e_4400_0000_0002;

impl WordInfo {
    /// `buf` is scratch space, reused to avoid an allocation per word.
    pub(crate) fn new(word: &str, buf: &mut String) -> Self {
        buf.clear();
        let mut n_chars = 0usize;
        let (mut upper, mut lower, mut digit, mut hyphen, mut other) = (0, 0, 0, false, 0);
        let mut first_upper = false;
        for (i, ch) in word.chars().enumerate() {
            n_chars += 1;
            if ch.is_ascii_digit() || ch.is_numeric() {
                digit += 1;
                buf.push('0');
                continue;
            }
            if ch.is_uppercase() {
                upper += 1;
                if i == 0 {
                    first_upper = true;
                }
            } else if ch.is_lowercase() {
                lower += 1;
            } else if ch == '-' {
                hyphen = true;
            } else if !ch.is_alphabetic() {
                other += 1;
            }
            for lc in ch.to_lowercase() {
                buf.push(lc);
            }
        }
        let lw = hash_str(buf);
        let mut suf = [0u64; 4];
        let mut pre = [0u64; 4];
        // Char boundaries of the lowercased form, from each end.
        let mut ends = buf.char_indices().rev().map(|(i, _)| i);
        for (k, s) in suf.iter_mut().enumerate() {
            let start = ends.next().unwrap_or(0);
            *s = mix(hash_str(&buf[start..]), k as u64);
        }
        let mut starts = buf.char_indices().map(|(i, c)| i + c.len_utf8());
        for (k, p) in pre.iter_mut().enumerate() {
            let end = starts.next().unwrap_or(buf.len());
            *p = mix(hash_str(&buf[..end]), k as u64 + 10);
        }
        let mut hy = [0u64; 2];
        if hyphen {
            let t = buf.trim_matches('-');
            if let (Some(a), Some(b)) = (t.split('-').next(), t.rsplit('-').next()) {
                hy = [mix(hash_str(a), 31), mix(hash_str(b), 32)];
            }
        }
        let mut shape = 0xcbf2_9ce4_8422_2325u64;
        let mut last = 0u8;
        let mut shape_len = 0;
        for ch in word.chars() {
            let c = if ch.is_numeric() {
                b'd'
            } else if ch.is_uppercase() {
                b'X'
            } else if ch.is_alphabetic() {
                b'x'
            } else if ch.is_ascii() {
                ch as u8
            } else {
                b'?'
            };
            if c != last && shape_len < 8 {
                shape = (shape ^ c as u64).wrapping_mul(0x0100_0000_01b3);
                shape_len += 1;
            }
            last = c;
        }
        let len_bucket = match n_chars {
            0..=3 => n_chars as u64,
            4..=6 => 4,
            7..=10 => 5,
            _ => 6,
        };
        let flags = (first_upper as u64)
            | ((upper > 1 && lower == 0) as u64) << 1
            | ((digit > 0) as u64) << 2
            | (hyphen as u64) << 3
            | ((n_chars > 0 && other == n_chars) as u64) << 4
            | len_bucket << 5;
        WordInfo {
            lw,
            form: hash_str(word),
            suf,
            pre,
            hy,
            amb: 0,
            shape: mix(shape, 77),
            flags,
        }
    }
}

/// Ambiguity class of a word absent from the lexicon.
pub(crate) const UNKNOWN_AMB: u64 = 0x554e_4b4e_0000_0003;

/// Ambiguity classes: for each training word (lowercased, digits folded), the set of tags it
/// took. Tags seen on fewer than 1 in `MIN_SHARE` of the word's occurrences are left out, so
/// stray annotation errors do not split classes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Tag sets, each sorted.
    classes: Vec<Vec<u16>>,
    /// `(word, class index)`, sorted by word.
    words: Vec<(u64, u32)>,
    /// Word → class feature value.
    map: KeyMap<u64, u64>,
}

const MIN_SHARE: usize = 20;

impl Lexicon {
    /// From `(lowercased word hash, tag)` pairs.
    pub(crate) fn build(tokens: impl Iterator<Item = (u64, u16)>) -> Lexicon {
        let mut counts: BTreeMap<u64, BTreeMap<u16, usize>> = BTreeMap::new();
        for (w, t) in tokens {
            *counts.entry(w).or_default().entry(t).or_default() += 1;
        }
        let mut class_ids: BTreeMap<Vec<u16>, u32> = BTreeMap::new();
        let mut classes = Vec::new();
        let mut words = Vec::with_capacity(counts.len());
        for (w, tc) in counts {
            let total: usize = tc.values().sum();
            let set: Vec<u16> = tc
                .iter()
                .filter(|&(_, &c)| c * MIN_SHARE >= total)
                .map(|(&t, _)| t)
                .collect();
            let id = *class_ids.entry(set.clone()).or_insert_with(|| {
                classes.push(set);
                classes.len() as u32 - 1
            });
            words.push((w, id));
        }
        Lexicon::from_parts(classes, words)
    }

    fn from_parts(classes: Vec<Vec<u16>>, words: Vec<(u64, u32)>) -> Lexicon {
        let vals: Vec<u64> = classes
            .iter()
            .map(|c| c.iter().fold(0x616d_6200, |h, &t| mix(h, t as u64 + 1)))
            .collect();
        let map = words
            .iter()
            .filter_map(|&(w, c)| vals.get(c as usize).map(|&v| (w, v)))
            .collect();
        Lexicon {
            classes,
            words,
            map,
        }
    }

    /// The class feature value of a word, `UNKNOWN_AMB` if it is not in the lexicon.
    #[inline]
    pub(crate) fn get(&self, lw: u64) -> u64 {
        self.map.get(&lw).copied().unwrap_or(UNKNOWN_AMB)
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// `varint n classes × (varint n tags × varint tag gap)`, `varint n words × (u64 word,
    /// varint class)`.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.classes.len() as u64);
        for c in &self.classes {
            put_varint(out, c.len() as u64);
            let mut prev = 0u16;
            for &t in c {
                put_varint(out, (t - prev) as u64);
                prev = t;
            }
        }
        put_varint(out, self.words.len() as u64);
        for &(w, c) in &self.words {
            out.extend_from_slice(&w.to_le_bytes());
            put_varint(out, c as u64);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>, n_tags: usize) -> Result<Lexicon, ModelError> {
        let n = r.len(1)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.len(1)?;
            let mut c = Vec::with_capacity(k);
            let mut t = 0u64;
            for _ in 0..k {
                t += r.varint()?;
                if t >= n_tags as u64 {
                    return Err(ModelError::Corrupt("lexicon tag out of range".into()));
                }
                c.push(t as u16);
            }
            classes.push(c);
        }
        let n_words = r.len(9)?;
        let mut words = Vec::with_capacity(n_words);
        for _ in 0..n_words {
            let b = r.bytes(8)?;
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            let c = r.varint()?;
            if c >= classes.len() as u64 {
                return Err(ModelError::Corrupt("lexicon class out of range".into()));
            }
            words.push((u64::from_le_bytes(a), c as u32));
        }
        Ok(Lexicon::from_parts(classes, words))
    }
}

/// Sentence-level casing: 1 if most words are capitalized (titles, headlines), 2 if most are in
/// capitals. Such sentences need other evidence to tell proper nouns from common ones.
pub(crate) fn casing(ws: &[WordInfo]) -> u64 {
    let n = ws.len();
    let cap = ws.iter().filter(|w| w.flags & 1 != 0).count();
    let caps = ws.iter().filter(|w| w.flags & 2 != 0).count();
    if n >= 3 && caps * 10 >= n * 6 {
        2
    } else if n >= 3 && cap * 10 >= n * 6 {
        1
    } else {
        0
    }
}

/// Pushes the tagger's feature keys for position `i`. `t1`, `t2` are the previous two predicted
/// tags (as `u64`, `START` before the sentence). `right` holds the first pass's tags for the
/// whole sentence when this is the second pass, which can then look at the tags to the right.
pub(crate) fn features(
    ws: &[WordInfo],
    i: usize,
    t1: u64,
    t2: u64,
    right: Option<&[u64]>,
    case: u64,
    out: &mut Vec<u32>,
) {
    out.clear();
    word_features(ws, i, case, out);
    tag_features(ws, i, t1, t2, right, out);
}

/// Number of keys [`word_features`] pushes.
pub(crate) const N_WORD_FEATURES: usize = 42;

/// Pushes the keys of position `i` that depend on the words only, not on any predicted tag:
/// both passes share them, so a sentence computes them once (see [`features`]).
pub(crate) fn word_features(ws: &[WordInfo], i: usize, case: u64, out: &mut Vec<u32>) {
    let Some(w) = ws.get(i) else {
        return;
    };
    let at = |j: isize| -> Option<&WordInfo> {
        if j < 0 {
            None
        } else {
            ws.get(j as usize)
        }
    };
    let i = i as isize;
    let lw = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.lw);
    let wlw = w.lw;
    let suf3 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.suf[2]);
    let shape = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.shape);
    let amb = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.amb);
    let form = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.form);
    // Capitalization of a word (capitalized, all caps) and whether it starts the sentence.
    let cap = |j: isize| {
        at(j).map_or(if j < 0 { 8 } else { 9 }, |w| {
            (w.flags & 3) | ((j == 0) as u64 * 4)
        })
    };
    let mut f = |tid: u64, a: u64, b: u64| out.push(key(mix(mix(tid, a), b)));
    f(1, 0, 0); // bias
    f(2, wlw, 0);
    f(3, w.form, 0);
    for (k, &s) in w.suf.iter().enumerate() {
        f(4 + k as u64, s, 0);
    }
    for (k, &p) in w.pre.iter().enumerate() {
        f(8 + k as u64, p, 0);
    }
    f(11, w.shape, 0);
    f(12, w.flags, 0);
    f(13, lw(i - 1), 0);
    f(14, lw(i + 1), 0);
    f(15, lw(i - 2), 0);
    f(16, lw(i + 2), 0);
    f(20, suf3(i - 1), 0);
    f(21, suf3(i + 1), 0);
    f(22, shape(i - 1), 0);
    f(23, shape(i + 1), 0);
    f(24, lw(i - 1), wlw);
    f(25, wlw, lw(i + 1));
    f(26, (i == 0) as u64, w.shape);
    f(28, lw(i + 1), lw(i + 2));
    f(30, w.suf[1], lw(i + 1));
    f(31, case, w.shape);
    f(32, case, wlw);
    f(33, lw(i - 1), lw(i + 1));
    f(34, w.pre[3], 0);
    f(35, w.hy[0], 0);
    f(36, w.hy[1], 0);
    f(37, form(i - 1), 0);
    f(38, form(i + 1), 0);
    f(39, mix(cap(i - 1), cap(i)), cap(i + 1));
    f(70, w.amb, 0);
    f(71, amb(i - 1), 0);
    f(72, amb(i + 1), 0);
    f(73, amb(i + 2), 0);
    f(75, w.amb, amb(i + 1));
    f(76, amb(i - 1), w.amb);
    f(77, w.amb, w.suf[2]);
}

/// Pushes the keys of position `i` that involve predicted tags: the previous two (`t1`, `t2`)
/// and, in the second pass, the first pass's tags (`right`).
pub(crate) fn tag_features(
    ws: &[WordInfo],
    i: usize,
    t1: u64,
    t2: u64,
    right: Option<&[u64]>,
    out: &mut Vec<u32>,
) {
    let Some(w) = ws.get(i) else {
        return;
    };
    let i = i as isize;
    let lw = |j: isize| {
        if j < 0 {
            START
        } else {
            ws.get(j as usize).map_or(END, |w| w.lw)
        }
    };
    let wlw = w.lw;
    let mut f = |tid: u64, a: u64, b: u64| out.push(key(mix(mix(tid, a), b)));
    f(17, t1, 0);
    f(18, t1, t2);
    f(19, t1, wlw);
    f(27, t1, w.suf[2]);
    f(29, t1, lw(i + 1));
    f(48, t1, w.shape);
    f(49, mix(t2, t1), wlw);
    f(74, t1, w.amb);
    if let Some(r) = right {
        let rt = |j: isize| -> u64 {
            if j < 0 {
                START
            } else {
                r.get(j as usize).copied().unwrap_or(END)
            }
        };
        f(40, rt(i + 1), 0);
        f(41, rt(i + 1), rt(i + 2));
        f(42, t1, rt(i + 1));
        f(43, rt(i + 1), wlw);
        f(44, rt(i + 1), w.suf[2]);
        f(45, rt(i), 0);
        f(46, rt(i), wlw);
        f(47, rt(i + 1), lw(i + 1));
        f(60, rt(i + 2), 0);
        f(61, mix(t1, rt(i + 1)), rt(i + 2));
        f(62, mix(t2, t1), rt(i + 1));
        f(63, rt(i + 1), w.shape);
        f(64, rt(i + 2), wlw);
        f(78, rt(i + 1), w.amb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_info_folds_case_and_digits() {
        let mut b = String::new();
        let a = WordInfo::new("Dog", &mut b);
        let c = WordInfo::new("dog", &mut b);
        assert_eq!(a.lw, c.lw);
        assert_ne!(a.form, c.form);
        assert_ne!(a.shape, c.shape);
        let d1 = WordInfo::new("1999", &mut b);
        let d2 = WordInfo::new("2024", &mut b);
        assert_eq!(d1.lw, d2.lw);
        // Suffix of "walked" and "talked" agree from 1 to 4 chars; prefixes differ.
        let x = WordInfo::new("walked", &mut b);
        let y = WordInfo::new("talked", &mut b);
        assert_eq!(x.suf, y.suf);
        assert_ne!(x.pre[0], y.pre[0]);
        // Empty and non-ASCII words must not panic.
        let _ = WordInfo::new("", &mut b);
        let _ = WordInfo::new("Ünïcödé—日本", &mut b);
    }

    #[test]
    fn word_info_splits_hyphens_and_long_prefixes() {
        let mut b = String::new();
        let a = WordInfo::new("well-known", &mut b);
        let c = WordInfo::new("Well-Done", &mut b);
        let d = WordInfo::new("known", &mut b);
        assert_eq!(a.hy[0], c.hy[0], "first part, lowercased");
        assert_ne!(a.hy[1], c.hy[1]);
        assert_ne!(a.hy, [0, 0]);
        assert_eq!(d.hy, [0, 0], "no hyphen, no parts");
        // Four-letter prefixes tell "inter-" from "into".
        let x = WordInfo::new("internal", &mut b);
        let y = WordInfo::new("into", &mut b);
        assert_eq!(x.pre[2], y.pre[2]);
        assert_ne!(x.pre[3], y.pre[3]);
        let _ = WordInfo::new("-", &mut b);
        let _ = WordInfo::new("--a--", &mut b);
    }

    #[test]
    fn lexicon_keeps_frequent_tags_and_round_trips() {
        let mut b = String::new();
        let run = WordInfo::new("run", &mut b).lw;
        let walk = WordInfo::new("walk", &mut b).lw;
        let dog = WordInfo::new("dog", &mut b).lw;
        let mut toks = vec![(run, 1u16), (run, 2), (walk, 2), (walk, 1)];
        // One stray tag in 40 occurrences stays out of the class.
        toks.extend(std::iter::repeat_n((dog, 3u16), 39));
        toks.push((dog, 4));
        let lex = Lexicon::build(toks.into_iter());
        assert_eq!(lex.len(), 3);
        assert_eq!(lex.get(run), lex.get(walk), "same tag set, same class");
        assert_ne!(lex.get(run), lex.get(dog));
        let cat = WordInfo::new("cat", &mut b).lw;
        assert_eq!(lex.get(cat), UNKNOWN_AMB);
        let only3 = Lexicon::build([(dog, 3u16)].into_iter());
        assert_eq!(lex.get(dog), only3.get(dog));
        let mut out = Vec::new();
        lex.write(&mut out);
        let back = Lexicon::read(&mut Reader::new(&out), 5).unwrap();
        assert_eq!(back.get(run), lex.get(run));
        assert_eq!(back.get(dog), lex.get(dog));
        // A tag outside the inventory is a clear error.
        assert!(Lexicon::read(&mut Reader::new(&out), 3).is_err());
        assert!(Lexicon::read(&mut Reader::new(&out[..out.len() - 3]), 5).is_err());
    }

    #[test]
    fn features_see_ambiguity_classes_and_neighbour_casing() {
        let mut b = String::new();
        let mut ws: Vec<WordInfo> = ["I", "saw", "Paris"]
            .iter()
            .map(|w| WordInfo::new(w, &mut b))
            .collect();
        let mut f1 = Vec::new();
        let mut f2 = Vec::new();
        features(&ws, 1, 5, START, None, 0, &mut f1);
        ws[2].amb = 42;
        features(&ws, 1, 5, START, None, 0, &mut f2);
        assert_eq!(f1.len(), f2.len());
        assert_ne!(f1, f2, "the next word's class is a feature");
        let mut ws2 = ws.clone();
        ws2[2] = WordInfo::new("paris", &mut b);
        ws2[2].amb = 42;
        features(&ws2, 1, 5, START, None, 0, &mut f1);
        assert_ne!(f1, f2, "the next word's casing is a feature");
    }

    #[test]
    fn word_features_have_a_fixed_count() {
        let mut b = String::new();
        let ws: Vec<WordInfo> = ["The", "well-known", "dog", "barks", "."]
            .iter()
            .map(|w| WordInfo::new(w, &mut b))
            .collect();
        for i in 0..ws.len() {
            let mut f = Vec::new();
            word_features(&ws, i, 0, &mut f);
            assert_eq!(f.len(), N_WORD_FEATURES, "position {i}");
            let mut all = Vec::new();
            features(&ws, i, 5, 6, Some(&[7, 8, 9, 10, 11]), 0, &mut all);
            assert_eq!(all[..N_WORD_FEATURES], f[..], "word features come first");
        }
    }

    #[test]
    fn features_have_fixed_count_and_depend_on_context() {
        let mut b = String::new();
        let ws: Vec<WordInfo> = ["The", "dog", "barks"]
            .iter()
            .map(|w| WordInfo::new(w, &mut b))
            .collect();
        let mut f1 = Vec::new();
        let mut f2 = Vec::new();
        features(&ws, 1, 5, START, None, 0, &mut f1);
        features(&ws, 1, 6, START, None, 0, &mut f2);
        assert_eq!(f1.len(), f2.len());
        assert_ne!(f1, f2);
        features(&ws[..1], 0, START, START, None, 0, &mut f1);
        assert_eq!(f1.len(), f2.len());
        // The second pass adds features on the first pass's tags to the right.
        features(&ws, 1, 5, START, Some(&[7, 8, 9]), 0, &mut f2);
        assert!(f2.len() > f1.len());
        let mut f3 = Vec::new();
        features(&ws[..1], 0, START, START, Some(&[7]), 0, &mut f3);
        assert_eq!(f3.len(), f2.len());
        // The first pass's own tag and the ones to its right matter.
        features(&ws, 1, 5, START, Some(&[7, 8, 10]), 0, &mut f3);
        assert_ne!(f3, f2);
        features(&ws, 1, 5, START, Some(&[7, 11, 9]), 0, &mut f3);
        assert_ne!(f3, f2);
        // Words differing in one letter share some features (suffixes), not all.
        let ws2: Vec<WordInfo> = ["The", "dig", "barks"]
            .iter()
            .map(|w| WordInfo::new(w, &mut b))
            .collect();
        let mut g = Vec::new();
        features(&ws, 1, 5, START, None, 0, &mut f1);
        features(&ws2, 1, 5, START, None, 0, &mut g);
        let shared = f1.iter().filter(|k| g.contains(k)).count();
        assert!(shared > 0 && shared < f1.len());
        assert_eq!(casing(&ws), 0);
    }
}
