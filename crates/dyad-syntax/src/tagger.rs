//! Greedy left-to-right tagger over joint (UPOS, XPOS) tags.
//!
//! Tagging the pair jointly keeps the two layers consistent (no `AUX`/`NN`) and lets the UPOS
//! distinctions that XPOS lacks (AUX vs VERB, DET vs PRON on `DT`) share the same features.

use crate::hash::{hash_str, key, mix};

/// What the tagger and parser need to know about one word, computed once per word.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct WordInfo {
    /// Lowercased form with digits folded to `0`.
    pub(crate) lw: u64,
    /// The form as written.
    pub(crate) form: u64,
    /// Suffixes of 1–4 characters of the lowercased form.
    pub(crate) suf: [u64; 4],
    /// Prefixes of 1–3 characters.
    pub(crate) pre: [u64; 3],
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
        let mut pre = [0u64; 3];
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
            shape: mix(shape, 77),
            flags,
        }
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
    let w = &ws[i];
    let at = |j: isize| -> Option<&WordInfo> {
        if j < 0 {
            None
        } else {
            ws.get(j as usize)
        }
    };
    let i = i as isize;
    let lw = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.lw);
    let suf3 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.suf[2]);
    let shape = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |w| w.shape);
    let mut f = |tid: u64, a: u64, b: u64| out.push(key(mix(mix(tid, a), b)));
    f(1, 0, 0); // bias
    f(2, w.lw, 0);
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
    f(17, t1, 0);
    f(18, t1, t2);
    f(19, t1, w.lw);
    f(20, suf3(i - 1), 0);
    f(21, suf3(i + 1), 0);
    f(22, shape(i - 1), 0);
    f(23, shape(i + 1), 0);
    f(24, lw(i - 1), w.lw);
    f(25, w.lw, lw(i + 1));
    f(26, (i == 0) as u64, w.shape);
    f(27, t1, w.suf[2]);
    f(28, lw(i + 1), lw(i + 2));
    f(29, t1, lw(i + 1));
    f(30, w.suf[1], lw(i + 1));
    f(31, case, w.shape);
    f(32, case, w.lw);
    f(33, lw(i - 1), lw(i + 1));
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
        f(43, rt(i + 1), w.lw);
        f(44, rt(i + 1), w.suf[2]);
        f(45, rt(i), 0);
        f(46, rt(i), w.lw);
        f(47, rt(i + 1), lw(i + 1));
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
        assert_eq!(casing(&ws), 0);
    }
}
