//! Greedy arc-hybrid transition parser with labeled transitions.
//!
//! Words are `0..n`; a virtual ROOT sits at index `n`, at the end of the buffer, and is never
//! shifted. Transitions (class ids):
//!
//! * `0` SHIFT: move the buffer front `b0` onto the stack;
//! * `1 + l` LEFT-l: pop `s0` and attach it to `b0` with label `l`;
//! * `1 + L + l` RIGHT-l: pop `s0` and attach it to `s1` with label `l`.
//!
//! LEFT onto ROOT is legal only when the stack holds a single word and only with the `root`
//! label; `root` is illegal everywhere else. Every word is popped exactly once, so any sequence of
//! legal transitions ends in a tree with exactly one `root` — whatever the weights say.
//!
//! Training uses the dynamic oracle of Goldberg & Nivre (2013) for arc-hybrid: the cost of a
//! transition is the number of gold arcs it makes unreachable (plus one for a wrong label on a
//! gold arc), which lets the parser learn from its own mistakes by exploring.

use crate::hash::{key, mix};
use crate::model::tag_val;
use crate::tagger::{WordInfo, UNKNOWN_AMB};

pub(crate) const NIL: u32 = u32::MAX;

const NONE_W: u64 = 0x4e4f_4e45_0000_0011;
const ROOT_W: u64 = 0x524f_4f54_0000_0012;
const NONE_T: u64 = 0x4e4f_4e45_0000_0013;
const ROOT_T: u64 = 0x524f_4f54_0000_0014;
const NONE_L: u64 = 0x4e4f_4e45_0000_0015;
const UNKNOWN_W: u64 = 0x554e_4b57_0000_0016;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Left(u16),
    Right(u16),
}

/// Labeled moves as class ids (`0` SHIFT, `1 + l` LEFT-l, `1 + L + l` RIGHT-l): the reference
/// semantics the tests check the transition + label split against.
#[cfg(test)]
impl Move {
    pub(crate) fn decode(cls: usize, n_labels: usize) -> Move {
        if cls == 0 {
            Move::Shift
        } else if cls <= n_labels {
            Move::Left((cls - 1) as u16)
        } else {
            Move::Right((cls - 1 - n_labels) as u16)
        }
    }
    pub(crate) fn encode(self, n_labels: usize) -> usize {
        match self {
            Move::Shift => 0,
            Move::Left(l) => 1 + l as usize,
            Move::Right(l) => 1 + n_labels + l as usize,
        }
    }
}

/// A parser configuration, reusable across sentences.
#[derive(Default, Debug, Clone)]
pub(crate) struct State {
    pub(crate) n: u32,
    pub(crate) stack: Vec<u32>,
    pub(crate) b: u32,
    /// Head of each word (`n` = ROOT, `NIL` = not attached yet).
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    /// Sets of the labels of each word's left and right children (bit `l % 64`).
    lset: Vec<u64>,
    rset: Vec<u64>,
    on_stack: Vec<bool>,
}

impl State {
    pub(crate) fn reset(&mut self, n: usize) {
        let m = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(m, NIL);
        }
        self.labels.clear();
        self.labels.resize(m, u16::MAX);
        self.nl.clear();
        self.nl.resize(m, 0);
        self.nr.clear();
        self.nr.resize(m, 0);
        self.lset.clear();
        self.lset.resize(m, 0);
        self.rset.clear();
        self.rset.resize(m, 0);
        self.on_stack.clear();
        self.on_stack.resize(m, false);
    }

    /// Makes `self` a copy of `o`, reusing `self`'s buffers (beam search copies states often).
    pub(crate) fn copy_from(&mut self, o: &State) {
        self.n = o.n;
        self.b = o.b;
        self.stack.clone_from(&o.stack);
        self.heads.clone_from(&o.heads);
        self.labels.clone_from(&o.labels);
        self.lc1.clone_from(&o.lc1);
        self.lc2.clone_from(&o.lc2);
        self.rc1.clone_from(&o.rc1);
        self.rc2.clone_from(&o.rc2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
        self.lset.clone_from(&o.lset);
        self.rset.clone_from(&o.rset);
        self.on_stack.clone_from(&o.on_stack);
    }

    pub(crate) fn done(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    #[inline]
    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NIL
        }
    }

    /// Whether a labeled move is legal now.
    #[cfg(test)]
    pub(crate) fn legal(&self, m: Move, root: u16) -> bool {
        match m {
            Move::Shift => self.b < self.n,
            Move::Left(l) => {
                !self.stack.is_empty()
                    && if self.b < self.n {
                        l != root
                    } else {
                        self.stack.len() == 1 && l == root
                    }
            }
            Move::Right(l) => self.stack.len() >= 2 && l != root,
        }
    }

    /// Whether some move of a kind (0 SHIFT, 1 LEFT, 2 RIGHT) is legal.
    #[inline]
    pub(crate) fn legal_kind(&self, kind: usize) -> bool {
        match kind {
            0 => self.b < self.n,
            1 => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The (head, dependent) a LEFT (`kind` 1) or RIGHT (2) move would attach.
    #[inline]
    pub(crate) fn arc_of(&self, kind: usize) -> (u32, u32) {
        if kind == 1 {
            (self.b, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }

    pub(crate) fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.on_stack[self.b as usize] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left(l) => {
                if let Some(s0) = self.stack.pop() {
                    self.on_stack[s0 as usize] = false;
                    self.attach(self.b, s0, l);
                }
            }
            Move::Right(l) => {
                if let Some(s0) = self.stack.pop() {
                    self.on_stack[s0 as usize] = false;
                    if let Some(&s1) = self.stack.last() {
                        self.attach(s1, s0, l);
                    }
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = l;
        // Arc-hybrid adds left children right-to-left and right children left-to-right, so
        // each new child is the new outermost one.
        if d < h {
            self.lc2[hu] = self.lc1[hu];
            self.lc1[hu] = d;
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= 1 << (l % 64);
        } else {
            self.rc2[hu] = self.rc1[hu];
            self.rc1[hu] = d;
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= 1 << (l % 64);
        }
    }
}

/// The words and tags of the sentence being parsed, with ROOT at index `n`.
pub(crate) struct Ctx<'a> {
    pub(crate) lw: &'a [u64],
    pub(crate) tags: &'a [u64],
    /// Three-letter suffix of each word: evidence that survives a wrong tag.
    pub(crate) suf: &'a [u64],
    /// Ambiguity class of each word (the tags it took in training): also survives a wrong tag.
    pub(crate) amb: &'a [u64],
    /// Universal part of speech of each word's (joint) tag: generalizes over XPOS.
    pub(crate) upos: &'a [u64],
}

/// Per-word tables behind a [`Ctx`], reused across sentences.
#[derive(Default, Debug)]
pub(crate) struct Tables {
    lw: Vec<u64>,
    tags: Vec<u64>,
    suf: Vec<u64>,
    amb: Vec<u64>,
    upos: Vec<u64>,
}

impl Tables {
    /// `upos_vals[t]` is the UPOS feature value of joint tag `t`.
    pub(crate) fn fill(&mut self, infos: &[WordInfo], tags: &[u16], upos_vals: &[u64]) {
        for v in [
            &mut self.lw,
            &mut self.tags,
            &mut self.suf,
            &mut self.amb,
            &mut self.upos,
        ] {
            v.clear();
        }
        for (i, w) in infos.iter().enumerate() {
            let t = tags.get(i).copied().unwrap_or(0);
            // Words outside the lexicon all look alike to the parser. In training the lexicon
            // is that of the other folds, so the parser meets unknown words as often as at run
            // time and learns to parse them from tags, suffixes and context.
            self.lw.push(if w.amb == UNKNOWN_AMB {
                UNKNOWN_W
            } else {
                w.lw
            });
            self.tags.push(tag_val(t));
            self.suf.push(w.suf[2]);
            self.amb.push(w.amb);
            self.upos
                .push(upos_vals.get(t as usize).copied().unwrap_or(0));
        }
    }

    pub(crate) fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lw: &self.lw,
            tags: &self.tags,
            suf: &self.suf,
            amb: &self.amb,
            upos: &self.upos,
        }
    }
}

fn dist_bucket(a: u32, b: u32) -> u64 {
    if a == NIL || b == NIL {
        return 99;
    }
    let d = a.abs_diff(b) as u64;
    match d {
        0..=4 => d,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Pushes the feature keys of a configuration (Zhang & Nivre 2011 style, adapted to arc-hybrid).
/// A word's feature values, with stand-ins for "no word" (`NIL`) and the virtual root (`n`):
/// what both the transition and the label features read.
struct Look<'a, 'b> {
    st: &'a State,
    cx: &'a Ctx<'b>,
}

impl Look<'_, '_> {
    #[inline(always)]
    fn at(&self, table: &[u64], i: u32, none: u64, root: u64) -> u64 {
        if i == NIL {
            none
        } else if i == self.st.n {
            root
        } else {
            table.get(i as usize).copied().unwrap_or(none)
        }
    }
    #[inline(always)]
    fn word(&self, i: u32) -> u64 {
        self.at(self.cx.lw, i, NONE_W, ROOT_W)
    }
    #[inline(always)]
    fn tag(&self, i: u32) -> u64 {
        self.at(self.cx.tags, i, NONE_T, ROOT_T)
    }
    #[inline(always)]
    fn suffix(&self, i: u32) -> u64 {
        self.at(self.cx.suf, i, NONE_W, ROOT_W)
    }
    #[inline(always)]
    fn amb(&self, i: u32) -> u64 {
        self.at(self.cx.amb, i, NONE_W, ROOT_W)
    }
    #[inline(always)]
    fn upos(&self, i: u32) -> u64 {
        self.at(self.cx.upos, i, NONE_T, ROOT_T)
    }
    /// The label of the arc into word `i`.
    #[inline(always)]
    fn label(&self, i: u32) -> u64 {
        if i == NIL {
            NONE_L
        } else {
            self.st.labels.get(i as usize).copied().unwrap_or(u16::MAX) as u64
        }
    }
}

/// Word `i`'s entry in a per-word child table (`NIL` for no word).
#[inline(always)]
fn child(v: &[u32], i: u32) -> u32 {
    if i == NIL {
        NIL
    } else {
        v.get(i as usize).copied().unwrap_or(NIL)
    }
}

/// The set of labels word `i` has on one side (`NONE_L` for no word).
#[inline(always)]
fn label_set(v: &[u64], i: u32) -> u64 {
    if i == NIL {
        NONE_L
    } else {
        v.get(i as usize).copied().unwrap_or(0)
    }
}

pub(crate) fn features(st: &State, cx: &Ctx<'_>, out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let look = Look { st, cx };
    let (w, t, x, l) = (
        |i| look.word(i),
        |i| look.tag(i),
        |i| look.suffix(i),
        |i| look.label(i),
    );
    let val = |v: &Vec<u16>, i: u32| -> u64 {
        if i == NIL {
            99
        } else {
            (v[i as usize]).min(6) as u64
        }
    };
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = st.b;
    let b1 = if b0 < n { b0 + 1 } else { NIL };
    let b2 = if b0 + 1 < n { b0 + 2 } else { NIL };
    let s0l = child(&st.lc1, s0);
    let s0l2 = child(&st.lc2, s0);
    let s0r = child(&st.rc1, s0);
    let s0r2 = child(&st.rc2, s0);
    let s1l = child(&st.lc1, s1);
    let s1r = child(&st.rc1, s1);
    let s1r2 = child(&st.rc2, s1);
    let b0l = child(&st.lc1, b0);
    let b0l2 = child(&st.lc2, b0);

    let (s0w, s0t, s1w, s1t, b0w, b0t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0));
    let (b1w, b1t, b2w, b2t, s2w, s2t) = (w(b1), t(b1), w(b2), t(b2), w(s2), t(s2));
    let d0 = dist_bucket(s0, b0);
    let d1 = dist_bucket(s1, s0);

    let mut k = 0u64;
    let mut f = |a: u64, b: u64, c: u64| {
        k += 1;
        out.push(key(mix(mix(mix(k, a), b), c)));
    };
    // Unigrams.
    f(s0w, 0, 0);
    f(s0t, 0, 0);
    f(s0w, s0t, 0);
    f(s1w, 0, 0);
    f(s1t, 0, 0);
    f(s1w, s1t, 0);
    f(b0w, 0, 0);
    f(b0t, 0, 0);
    f(b0w, b0t, 0);
    f(b1w, 0, 0);
    f(b1t, 0, 0);
    f(b1w, b1t, 0);
    f(b2w, 0, 0);
    f(b2t, 0, 0);
    f(s2w, 0, 0);
    f(s2t, 0, 0);
    // Pairs s0–s1 and s0–b0.
    f(mix(s0w, s0t), mix(s1w, s1t), 0);
    f(mix(s0w, s0t), s1w, 0);
    f(s0w, mix(s1w, s1t), 0);
    f(mix(s0w, s0t), s1t, 0);
    f(s0t, mix(s1w, s1t), 0);
    f(s0w, s1w, 0);
    f(s0t, s1t, 0);
    f(mix(s0w, s0t), mix(b0w, b0t), 0);
    f(mix(s0w, s0t), b0w, 0);
    f(s0w, mix(b0w, b0t), 0);
    f(mix(s0w, s0t), b0t, 0);
    f(s0t, mix(b0w, b0t), 0);
    f(s0w, b0w, 0);
    f(s0t, b0t, 0);
    f(s1t, b0t, 0);
    f(s1w, b0w, 0);
    f(b0t, b1t, 0);
    f(b0w, b1w, 0);
    f(b0w, b1t, 0);
    f(b0t, b1w, 0);
    // Tag triples.
    f(s0t, b0t, b1t);
    f(s1t, s0t, b0t);
    f(s2t, s1t, s0t);
    f(b0t, b1t, b2t);
    f(s1t, s0t, b1t);
    // Distance.
    f(s0w, d0, 0);
    f(s0t, d0, 0);
    f(b0w, d0, 0);
    f(b0t, d0, 0);
    f(s0t, b0t, d0);
    f(s0w, b0w, d0);
    f(s1t, s0t, d1);
    f(s1w, d1, 0);
    f(s0w, d1, 0);
    f(s1w, s0w, d1);
    // Valency.
    let (s0vl, s0vr, s1vl, s1vr, b0vl) = (
        val(&st.nl, s0),
        val(&st.nr, s0),
        val(&st.nl, s1),
        val(&st.nr, s1),
        val(&st.nl, b0),
    );
    f(s0w, s0vl, 0);
    f(s0t, s0vl, 0);
    f(s0w, s0vr, 0);
    f(s0t, s0vr, 0);
    f(s1w, s1vr, 0);
    f(s1t, s1vr, 0);
    f(s1w, s1vl, 0);
    f(s1t, s1vl, 0);
    f(b0w, b0vl, 0);
    f(b0t, b0vl, 0);
    // Children.
    f(w(s0l), 0, 0);
    f(t(s0l), 0, 0);
    f(l(s0l), 0, 0);
    f(w(s0r), 0, 0);
    f(t(s0r), 0, 0);
    f(l(s0r), 0, 0);
    f(t(s0l2), l(s0l2), 0);
    f(t(s0r2), l(s0r2), 0);
    f(t(s1l), l(s1l), 0);
    f(w(s1r), 0, 0);
    f(t(s1r), l(s1r), 0);
    f(w(b0l), 0, 0);
    f(t(b0l), l(b0l), 0);
    f(t(b0l2), l(b0l2), 0);
    // Third order and children in context.
    f(s0t, t(s0l), t(s0l2));
    f(s0t, t(s0r), t(s0r2));
    f(s1t, t(s1r), t(s1r2));
    f(b0t, t(b0l), t(b0l2));
    f(s0t, t(s0l), b0t);
    f(s0t, t(s0r), b0t);
    f(s0t, b0t, t(b0l));
    f(s1t, s0t, t(s0l));
    f(s1t, s0t, t(s0r));
    f(s1t, t(s1r), s0t);
    f(s0w, l(s0l), l(s0r));
    f(s0t, l(s0l), l(s0l2));
    f(s0t, l(s0r), l(s0r2));
    f(b0t, l(b0l), l(b0l2));
    f(s1t, l(s1r), l(s1r2));
    f(s0w, b0t, l(b0l));
    f(b0w, s0t, l(s0l));
    // How deep the stack is, next to what is waiting.
    f((st.stack.len() as u64).min(5), b0t, 0);
    // Suffixes, and the words next to s0 and b0 (the span between them).
    let (s0x, b0x) = (x(s0), x(b0));
    f(s0x, 0, 0);
    f(b0x, 0, 0);
    f(s0x, b0x, 0);
    f(s0x, b0t, 0);
    f(s0t, b0x, 0);
    let s0n = if s0 != NIL && s0 + 1 < b0 {
        s0 + 1
    } else {
        NIL
    };
    let b0p = if b0 > 0 && s0 != NIL && b0 - 1 > s0 {
        b0 - 1
    } else {
        NIL
    };
    f(s0t, t(s0n), b0t);
    f(s0t, t(b0p), b0t);
    f(w(s0n), s0t, 0);
    f(w(b0p), b0t, 0);
    // Ambiguity classes and UPOS: evidence less tied to the (possibly wrong) joint tag.
    let (a, u) = (|i| look.amb(i), |i| look.upos(i));
    f(a(s0), 0, 0);
    f(a(b0), 0, 0);
    f(a(s1), 0, 0);
    f(a(b1), 0, 0);
    f(a(s0), a(b0), 0);
    f(a(s1), a(s0), 0);
    f(u(s0), u(b0), 0);
    f(u(s1), u(s0), u(b0));
    f(u(s0), u(b0), u(b1));
    f(s0w, u(b0), 0);
    f(u(s0), b0w, 0);
    // Label sets of the children (Zhang & Nivre 2011) and more child words.
    f(s0w, label_set(&st.lset, s0), 0);
    f(s0t, label_set(&st.lset, s0), 0);
    f(s0t, label_set(&st.rset, s0), 0);
    f(b0t, label_set(&st.lset, b0), 0);
    f(s1t, label_set(&st.rset, s1), 0);
    f(s1t, label_set(&st.lset, s1), 0);
    f(w(s1l), 0, 0);
    f(w(b0l2), 0, 0);
    f(w(s0l2), 0, 0);
    f(w(s0r2), 0, 0);
}

/// Pushes the feature keys for labelling the arc `h → d` (LEFT when `d < h`, else RIGHT): the
/// two words, their tags, distance, the labels of the children both already have, and the
/// tags around the dependent.
pub(crate) fn label_features(st: &State, cx: &Ctx<'_>, h: u32, d: u32, out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let look = Look { st, cx };
    let (w, t, x, l) = (
        |i| look.word(i),
        |i| look.tag(i),
        |i| look.suffix(i),
        |i| look.label(i),
    );
    let (hw, ht, dw, dt) = (w(h), t(h), w(d), t(d));
    let dist = dist_bucket(h, d);
    let (dl, dl2, dr, dr2) = (
        child(&st.lc1, d),
        child(&st.lc2, d),
        child(&st.rc1, d),
        child(&st.rc2, d),
    );
    let (hl, hr) = (child(&st.lc1, h), child(&st.rc1, h));
    let dp = if d != NIL && d > 0 { d - 1 } else { NIL };
    let dn = if d != NIL && d + 1 < n { d + 1 } else { NIL };
    let nd = |v: &Vec<u16>| -> u64 {
        if d == NIL {
            99
        } else {
            v.get(d as usize).map_or(99, |&c| c.min(4) as u64)
        }
    };
    let (dvl, dvr) = (nd(&st.nl), nd(&st.nr));
    let mut k = if d < h { 1000u64 } else { 2000 };
    let mut f = |a: u64, b: u64, c: u64| {
        k += 1;
        out.push(key(mix(mix(mix(k, a), b), c)));
    };
    f(0, 0, 0);
    f(dw, 0, 0);
    f(dt, 0, 0);
    f(dw, dt, 0);
    f(hw, 0, 0);
    f(ht, 0, 0);
    f(hw, ht, 0);
    f(dt, ht, 0);
    f(dw, ht, 0);
    f(dt, hw, 0);
    f(dw, hw, 0);
    f(dt, ht, dist);
    f(dw, dist, 0);
    f(x(d), 0, 0);
    f(x(d), ht, 0);
    f(x(h), dt, 0);
    f(l(dl), l(dr), 0);
    f(dt, l(dl), l(dl2));
    f(dt, l(dr), l(dr2));
    f(dt, w(dl), 0);
    f(dt, w(dr), 0);
    f(ht, l(hl), dt);
    f(ht, l(hr), dt);
    f(dt, dvl, dvr);
    f(t(dp), dt, ht);
    f(dt, t(dn), ht);
    f(t(st.b), dt, ht);
    f(t(if d < h { st.s(1) } else { st.s(2) }), dt, ht);
    f(mix(dw, dt), mix(hw, ht), 0);
    let (a, u) = (|i| look.amb(i), |i| look.upos(i));
    f(a(d), 0, 0);
    f(a(d), u(h), 0);
    f(u(d), u(h), 0);
    f(u(d), label_set(&st.lset, h), 0);
    f(u(d), label_set(&st.rset, h), 0);
    f(u(d), label_set(&st.lset, d), label_set(&st.rset, d));
}

/// The gold tree of a training sentence, with ROOT at `n`.
pub(crate) struct Gold {
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    pub(crate) children: Vec<Vec<u32>>,
}

impl Gold {
    /// `heads` in CoNLL-U convention (1-based, 0 = root). Out-of-range heads become ROOT.
    pub(crate) fn new(heads: &[u32], labels: &[u16]) -> Gold {
        let n = heads.len();
        let heads: Vec<u32> = heads
            .iter()
            .map(|&h| {
                if h == 0 || h as usize > n {
                    n as u32
                } else {
                    h - 1
                }
            })
            .collect();
        let mut children = vec![Vec::new(); n + 1];
        for (d, &h) in heads.iter().enumerate() {
            children[h as usize].push(d as u32);
        }
        Gold {
            heads,
            labels: labels.to_vec(),
            children,
        }
    }
}

/// Costs of SHIFT, LEFT and RIGHT (ignoring labels) under the arc-hybrid dynamic oracle.
pub(crate) fn arc_costs(st: &State, g: &Gold) -> [u32; 3] {
    let b = st.b;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let mut shift = 0;
    if b < st.n {
        // b0 can no longer take a head from below s0, nor children left on the stack.
        shift += g.children[b as usize]
            .iter()
            .filter(|&&c| st.on_stack[c as usize])
            .count() as u32;
        let h = g.heads[b as usize];
        if h != s0 && h != st.n && st.on_stack[h as usize] {
            shift += 1;
        }
    }
    let (mut left, mut right) = (0, 0);
    if s0 != NIL {
        // Popping s0 loses its gold children still in the buffer.
        let kids = g.children[s0 as usize].iter().filter(|&&c| c >= b).count() as u32;
        let h = g.heads[s0 as usize];
        left = kids + (h != b && (h > b || (s1 != NIL && h == s1))) as u32;
        right = kids + (h >= b) as u32;
    }
    [shift, left, right]
}

/// Cost of one (labeled) move.
#[cfg(test)]
pub(crate) fn move_cost(st: &State, g: &Gold, costs: &[u32; 3], m: Move) -> u32 {
    match m {
        Move::Shift => costs[0],
        Move::Left(l) => {
            let s0 = st.s(0);
            let wrong = s0 != NIL && g.heads[s0 as usize] == st.b && g.labels[s0 as usize] != l;
            costs[1] + wrong as u32
        }
        Move::Right(l) => {
            let s0 = st.s(0);
            let s1 = st.s(1);
            let wrong =
                s0 != NIL && s1 != NIL && g.heads[s0 as usize] == s1 && g.labels[s0 as usize] != l;
            costs[2] + wrong as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: usize = 4; // labels: 0 root, 1 nsubj, 2 obj, 3 det
    const ROOT: u16 = 0;

    fn zero_cost_parse(heads: &[u32], labels: &[u16]) -> (Vec<u32>, Vec<u16>) {
        let g = Gold::new(heads, labels);
        let mut st = State::default();
        st.reset(heads.len());
        while !st.done() {
            let c = arc_costs(&st, &g);
            let m = (0..1 + 2 * L)
                .map(|k| Move::decode(k, L))
                .find(|&m| st.legal(m, ROOT) && move_cost(&st, &g, &c, m) == 0)
                .expect("a zero-cost move exists for a projective tree");
            st.apply(m);
        }
        let n = heads.len() as u32;
        let out = st.heads[..heads.len()]
            .iter()
            .map(|&h| if h == n { 0 } else { h + 1 })
            .collect();
        (out, st.labels[..heads.len()].to_vec())
    }

    /// Parses with the transition oracle alone (SHIFT/LEFT/RIGHT), taking gold labels.
    fn zero_cost_parse_by_kind(heads: &[u32], labels: &[u16]) -> Vec<u32> {
        let g = Gold::new(heads, labels);
        let mut st = State::default();
        st.reset(heads.len());
        while !st.done() {
            let c = arc_costs(&st, &g);
            let k = (0..3)
                .find(|&k| st.legal_kind(k) && c[k] == 0)
                .expect("a zero-cost move kind exists for a projective tree");
            let m = match k {
                0 => Move::Shift,
                _ => {
                    let (h, d) = st.arc_of(k);
                    assert_eq!(g.heads[d as usize], h, "zero-cost arcs are gold");
                    let l = g.labels[d as usize];
                    if k == 1 {
                        Move::Left(l)
                    } else {
                        Move::Right(l)
                    }
                }
            };
            assert!(st.legal(m, ROOT));
            st.apply(m);
        }
        let n = heads.len() as u32;
        st.heads[..heads.len()]
            .iter()
            .map(|&h| if h == n { 0 } else { h + 1 })
            .collect()
    }

    #[test]
    fn kind_legality_matches_labeled_moves() {
        let mut st = State::default();
        st.reset(3);
        let check = |st: &State| {
            for k in 0..3 {
                let any = (0..1 + 2 * L)
                    .map(|c| Move::decode(c, L))
                    .filter(|m| match m {
                        Move::Shift => k == 0,
                        Move::Left(_) => k == 1,
                        Move::Right(_) => k == 2,
                    })
                    .any(|m| st.legal(m, ROOT));
                assert_eq!(st.legal_kind(k), any, "kind {k} in {st:?}");
            }
        };
        check(&st);
        for m in [Move::Shift, Move::Shift, Move::Shift, Move::Right(1)] {
            st.apply(m);
            check(&st);
        }
        assert_eq!(st.arc_of(1), (3, 1));
        assert_eq!(st.arc_of(2), (0, 1));
        st.apply(Move::Right(1));
        check(&st);
        assert_eq!(st.arc_of(2), (NIL, 0));
    }

    #[test]
    fn kind_oracle_reproduces_projective_trees() {
        for heads in [
            &[2u32, 3, 0, 5, 3][..],
            &[0, 1, 2, 3],
            &[0],
            &[3, 3, 0, 3, 6, 3],
        ] {
            let labels: Vec<u16> = heads
                .iter()
                .map(|&h| if h == 0 { ROOT } else { 1 })
                .collect();
            assert_eq!(zero_cost_parse_by_kind(heads, &labels), heads.to_vec());
        }
    }

    /// A three-word context whose suffix and ambiguity values are the words, UPOS the tags.
    fn tiny_ctx<'a>(lw: &'a [u64], tags: &'a [u64]) -> Ctx<'a> {
        Ctx {
            lw,
            tags,
            suf: lw,
            amb: lw,
            upos: tags,
        }
    }

    #[test]
    fn label_features_see_direction_and_children() {
        let (lw, tags) = ([1u64, 2, 3, 0], [4u64, 5, 6, 0]);
        let cx = tiny_ctx(&lw, &tags);
        let mut st = State::default();
        st.reset(3);
        st.apply(Move::Shift);
        st.apply(Move::Shift);
        let (mut left, mut right, mut after) = (Vec::new(), Vec::new(), Vec::new());
        label_features(&st, &cx, 2, 1, &mut left);
        label_features(&st, &cx, 0, 1, &mut right);
        assert_eq!(left.len(), right.len());
        assert!(
            left.iter().all(|f| !right.contains(f)),
            "direction is in every key"
        );
        // Once word 1 has a child, its features change.
        st.apply(Move::Shift);
        st.apply(Move::Right(2)); // 1 -> 2
        label_features(&st, &cx, 0, 1, &mut after);
        assert_eq!(after.len(), right.len());
        assert_ne!(after, right);
        // Out-of-range and NIL positions do not panic.
        label_features(&st, &cx, 3, NIL, &mut after);
        label_features(&st, &cx, NIL, 99, &mut after);
    }

    #[test]
    fn moves_round_trip_through_class_ids() {
        for k in 0..1 + 2 * L {
            assert_eq!(Move::decode(k, L).encode(L), k);
        }
    }

    #[test]
    fn dynamic_oracle_reproduces_projective_trees() {
        // "the dog saw a cat": det nsubj root det obj
        let heads = [2, 3, 0, 5, 3];
        let labels = [3, 1, ROOT, 3, 2];
        assert_eq!(
            zero_cost_parse(&heads, &labels),
            (heads.to_vec(), labels.to_vec())
        );
        // Right-branching chain and a single word.
        let heads = [0, 1, 2, 3];
        let labels = [ROOT, 2, 2, 2];
        assert_eq!(
            zero_cost_parse(&heads, &labels),
            (heads.to_vec(), labels.to_vec())
        );
        assert_eq!(zero_cost_parse(&[0], &[ROOT]), (vec![0], vec![ROOT]));
    }

    #[test]
    fn oracle_recovers_after_a_mistake() {
        // After a wrong SHIFT the oracle still finds a zero-cost continuation for what is left.
        let g = Gold::new(&[2, 3, 0], &[3, 1, ROOT]);
        let mut st = State::default();
        st.reset(3);
        st.apply(Move::Shift);
        st.apply(Move::Shift); // wrong: "the" should have been attached to "dog" first
        let c = arc_costs(&st, &g);
        assert!(c[0] > 0, "shifting again loses more arcs");
        let min = (0..1 + 2 * L)
            .map(|k| Move::decode(k, L))
            .filter(|&m| st.legal(m, ROOT))
            .map(|m| move_cost(&st, &g, &c, m))
            .min();
        assert_eq!(min, Some(0));
    }

    #[test]
    fn transitions_keep_children_and_legality() {
        let mut st = State::default();
        st.reset(3);
        assert!(!st.legal(Move::Left(1), ROOT));
        assert!(!st.legal(Move::Right(1), ROOT));
        st.apply(Move::Shift);
        st.apply(Move::Left(3)); // 0 <- 1
        st.apply(Move::Shift);
        st.apply(Move::Shift);
        st.apply(Move::Right(2)); // 1 -> 2
        assert_eq!(st.heads[0], 1);
        assert_eq!(st.heads[2], 1);
        assert_eq!(st.lc1[1], 0);
        assert_eq!(st.rc1[1], 2);
        // At ROOT with one word on the stack, only LEFT-root is legal.
        assert!(st.legal(Move::Left(ROOT), ROOT));
        assert!(!st.legal(Move::Left(1), ROOT));
        assert!(!st.legal(Move::Shift, ROOT));
        st.apply(Move::Left(ROOT));
        assert!(st.done());
        assert_eq!(st.heads[1], 3);
    }

    #[test]
    fn features_are_stable_in_number() {
        let (lw, tags) = ([1u64, 2, 3, 0], [4u64, 5, 6, 0]);
        let cx = tiny_ctx(&lw, &tags);
        let mut st = State::default();
        st.reset(3);
        let mut a = Vec::new();
        features(&st, &cx, &mut a);
        let n0 = a.len();
        st.apply(Move::Shift);
        let mut b = Vec::new();
        features(&st, &cx, &mut b);
        assert_eq!(b.len(), n0);
        assert_ne!(a, b);
    }
}
