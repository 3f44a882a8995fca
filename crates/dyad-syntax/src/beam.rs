//! Beam search over the parser's transitions, and what its global training needs.
//!
//! A hypothesis is a parser state with the sum of the transition scores that built it. At each
//! step every hypothesis is expanded by each of its legal transition classes (SHIFT, LEFT-g,
//! RIGHT-g) and the `k` best expansions are kept; an arc's label is chosen within its group by
//! the labeler, as in greedy parsing, and is not part of the score. Every transition sequence
//! of a sentence of `n` words has `2n` moves, so all hypotheses finish together. Ties are
//! broken by parent rank, then class id, so search is deterministic, and with `k = 1` it makes
//! exactly the greedy parser's choices.
//!
//! Training (Huang, Fayong & Guo 2012, "max-violation"): the same search runs with the cost of
//! every move (the dynamic oracle's), and a *gold* sequence is followed alongside: from the
//! start, the best-scoring zero-cost class at each step, with gold labels. The update is at the
//! step where the best hypothesis is wrong and beats the gold prefix by the most: the gold
//! prefix's features up, the best hypothesis's down.

use crate::model::{class_kind, forced, Model, ScoreBuf, N_MOVES};
use crate::parser::{self, arc_costs, Ctx, Gold, Move, State, NIL};

/// The class recorded for a forced move (not scored, never updated).
pub(crate) const FORCED: u8 = u8::MAX;

/// One hypothesis: a state, its score and (in training) the cost of its moves so far.
#[derive(Default)]
pub(crate) struct Hyp {
    pub(crate) st: State,
    pub(crate) score: i64,
    pub(crate) cost: u32,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    parent: u32,
    class: u8,
    score: i64,
    cost: u32,
}

/// How a hypothesis was made at one step: its parent's rank in the previous beam and its move.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Step {
    pub(crate) parent: u32,
    pub(crate) class: u8,
    pub(crate) mv: Move,
}

/// Scratch space of a beam search, reusable across sentences.
#[derive(Default)]
pub(crate) struct Beam {
    pub(crate) cur: Vec<Hyp>,
    nxt: Vec<Hyp>,
    len: usize,
    cands: Vec<Cand>,
    feats: Vec<u32>,
    lfeats: Vec<u32>,
    lscores: ScoreBuf,
    /// Training: the steps of every hypothesis, beam after beam (`starts[t]` is where step `t`
    /// begins), and the score and cost of the best hypothesis after each step.
    pub(crate) trail: Vec<Step>,
    pub(crate) starts: Vec<usize>,
    pub(crate) best: Vec<(i64, u32)>,
}

impl Beam {
    /// The best finished hypothesis.
    pub(crate) fn top(&self) -> &State {
        &self.cur[0].st
    }

    /// The moves (class, move) of hypothesis `rank` of the beam after step `t`, from the start.
    pub(crate) fn path(&self, t: usize, rank: usize) -> Vec<(u8, Move)> {
        let mut out = Vec::with_capacity(t + 1);
        let mut r = rank;
        for s in (0..=t).rev() {
            let step = self.trail[self.starts[s] + r];
            out.push((step.class, step.mv));
            r = step.parent as usize;
        }
        out.reverse();
        out
    }
}

/// Cost of every transition class in `st` (`u32::MAX` when illegal): the gold arcs its move
/// kind loses, plus one when it makes a gold arc in the wrong label group.
pub(crate) fn class_costs(model: &Model, st: &State, g: &Gold) -> [u32; N_MOVES] {
    let ac = arc_costs(st, g);
    let mut costs = [u32::MAX; N_MOVES];
    for (c, cost) in costs.iter_mut().enumerate() {
        if !model.legal_class(st, c) {
            continue;
        }
        let (kind, group) = class_kind(c);
        *cost = ac[kind];
        if kind > 0 {
            let (h, d) = st.arc_of(kind);
            if d != NIL && h != st.n && g.heads[d as usize] == h {
                let gl = g.labels[d as usize] as usize;
                *cost += (model.groups.get(gl).map(|&x| x as usize) != Some(group)) as u32;
            }
        }
    }
    costs
}

impl Model {
    /// The move of transition class `class` in `st`, its label (if an arc) from the labeler.
    pub(crate) fn labeled_move(
        &self,
        st: &State,
        cx: &Ctx<'_>,
        class: usize,
        feats: &mut Vec<u32>,
        scores: &mut ScoreBuf,
    ) -> Move {
        let (kind, group) = class_kind(class);
        if kind == 0 {
            return Move::Shift;
        }
        let (h, d) = st.arc_of(kind);
        let l = if h == st.n {
            self.root
        } else {
            parser::label_features(st, cx, h, d, feats);
            self.best_label(feats, scores, group)
        };
        if kind == 1 {
            Move::Left(l)
        } else {
            Move::Right(l)
        }
    }

    /// Beam search of width `k` over a sentence of `n` words; the best parse is `bm.top()`.
    /// `trans` adds the transition scores of a feature list; with `gold`, moves are costed and
    /// every step is recorded for a training update.
    pub(crate) fn beam_search(
        &self,
        cx: &Ctx<'_>,
        n: usize,
        k: usize,
        bm: &mut Beam,
        gold: Option<&Gold>,
        mut trans: impl FnMut(&[u32], &mut [i64; N_MOVES]),
    ) {
        let root = self.root;
        let k = k.max(1);
        let Beam {
            cur,
            nxt,
            len,
            cands,
            feats,
            lfeats,
            lscores,
            trail,
            starts,
            best,
        } = bm;
        trail.clear();
        starts.clear();
        best.clear();
        if cur.is_empty() {
            cur.push(Hyp::default());
        }
        cur[0].st.reset(n);
        cur[0].score = 0;
        cur[0].cost = 0;
        *len = 1;
        while !cur[0].st.done() {
            cands.clear();
            for (i, h) in cur[..*len].iter().enumerate() {
                let parent = i as u32;
                if forced(&h.st, root).is_some() {
                    cands.push(Cand {
                        parent,
                        class: FORCED,
                        score: h.score,
                        cost: h.cost,
                    });
                    continue;
                }
                parser::features(&h.st, cx, feats);
                let mut sc = [0i64; N_MOVES];
                trans(feats, &mut sc);
                let costs = match gold {
                    Some(g) => class_costs(self, &h.st, g),
                    None => [0; N_MOVES],
                };
                for (c, &s) in sc.iter().enumerate() {
                    if self.legal_class(&h.st, c) {
                        cands.push(Cand {
                            parent,
                            class: c as u8,
                            score: h.score + s,
                            cost: h.cost.saturating_add(costs[c]),
                        });
                    }
                }
            }
            if cands.is_empty() {
                break; // cannot happen: some move is legal while not done
            }
            if cands.len() > 1 {
                cands.sort_unstable_by(|a, b| {
                    b.score
                        .cmp(&a.score)
                        .then(a.parent.cmp(&b.parent))
                        .then(a.class.cmp(&b.class))
                });
            }
            cands.truncate(k);
            while nxt.len() < cands.len() {
                nxt.push(Hyp::default());
            }
            if gold.is_some() {
                starts.push(trail.len());
                best.push((cands[0].score, cands[0].cost));
            }
            for (c, nx) in cands.iter().zip(nxt.iter_mut()) {
                nx.st.copy_from(&cur[c.parent as usize].st);
                let mv = if c.class == FORCED {
                    forced(&nx.st, root).unwrap_or(Move::Shift)
                } else {
                    self.labeled_move(&nx.st, cx, c.class as usize, lfeats, lscores)
                };
                nx.st.apply(mv);
                nx.score = c.score;
                nx.cost = c.cost;
                if gold.is_some() {
                    trail.push(Step {
                        parent: c.parent,
                        class: c.class,
                        mv,
                    });
                }
            }
            *len = cands.len();
            std::mem::swap(cur, nxt);
        }
    }

    /// The gold sequence for a training sentence: at each step the best-scoring class of least
    /// cost, with the gold label when its arc is gold. Returns the moves and the cumulative
    /// score after each.
    pub(crate) fn gold_path(
        &self,
        cx: &Ctx<'_>,
        g: &Gold,
        st: &mut State,
        feats: &mut Vec<u32>,
        mut trans: impl FnMut(&[u32], &mut [i64; N_MOVES]),
        out: &mut Vec<(u8, Move, i64)>,
    ) {
        let root = self.root;
        out.clear();
        st.reset(g.heads.len());
        let mut total = 0i64;
        let mut scores = ScoreBuf::default();
        while !st.done() {
            if let Some(m) = forced(st, root) {
                st.apply(m);
                out.push((FORCED, m, total));
                continue;
            }
            parser::features(st, cx, feats);
            let mut sc = [0i64; N_MOVES];
            trans(feats, &mut sc);
            let costs = class_costs(self, st, g);
            let min = costs.iter().copied().min().unwrap_or(u32::MAX);
            let Some(c) = (0..N_MOVES)
                .filter(|&c| costs[c] == min && min != u32::MAX)
                .fold(None, |b: Option<usize>, c| match b {
                    Some(b) if sc[b] >= sc[c] => Some(b),
                    _ => Some(c),
                })
            else {
                break;
            };
            let (kind, _) = class_kind(c);
            let m = if kind == 0 {
                Move::Shift
            } else {
                let (h, d) = st.arc_of(kind);
                let l = if h == st.n {
                    root
                } else if d != NIL && g.heads[d as usize] == h {
                    g.labels[d as usize]
                } else {
                    match self.labeled_move(st, cx, c, feats, &mut scores) {
                        Move::Left(l) | Move::Right(l) => l,
                        Move::Shift => 0,
                    }
                };
                if kind == 1 {
                    Move::Left(l)
                } else {
                    Move::Right(l)
                }
            };
            total += sc[c];
            st.apply(m);
            out.push((c as u8, m, total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Work;

    const SENTENCES: [&str; 4] = [
        "Rebels attacked the army base near the capital on Tuesday , officials said .",
        "The minister , who arrived late , met his counterpart .",
        "Talks resumed .",
        "Why ?",
    ];

    /// Greedy parse and beam parse of width `k` of a sentence, as (heads, labels).
    fn both(m: &Model, words: &[&str], k: usize) -> [(Vec<u32>, Vec<u16>); 2] {
        let mut w = Work::default();
        m.run(words, &mut w);
        let greedy = (w.st.heads.clone(), w.st.labels.clone());
        let mut bm = Beam::default();
        let cx = w.tables.ctx();
        let mut sb = ScoreBuf::default();
        m.beam_search(&cx, words.len(), k, &mut bm, None, |f, sc| {
            sb.0[..N_MOVES].fill(0);
            m.parser.score(f, &mut sb.0);
            for (x, &v) in sc.iter_mut().zip(&sb.0[..N_MOVES]) {
                *x = v as i64;
            }
        });
        let st = bm.top();
        [greedy, (st.heads.clone(), st.labels.clone())]
    }

    #[test]
    fn beam_of_one_is_the_greedy_parser() {
        let Ok(m) = Model::try_builtin() else { return };
        for s in SENTENCES {
            let words: Vec<&str> = s.split(' ').collect();
            let [g, b] = both(m, &words, 1);
            assert_eq!(g, b, "{s}");
        }
    }

    #[test]
    fn wide_beams_make_single_rooted_trees() {
        let Ok(m) = Model::try_builtin() else { return };
        for s in SENTENCES {
            let words: Vec<&str> = s.split(' ').collect();
            let n = words.len();
            for k in [2, 4, 8] {
                let [_, (heads, labels)] = both(m, &words, k);
                let roots = (0..n).filter(|&i| heads[i] == n as u32).count();
                assert_eq!(roots, 1, "{s} (beam {k})");
                for i in 0..n {
                    assert!(heads[i] as usize <= n && heads[i] != i as u32);
                    assert_eq!(labels[i] == m.root, heads[i] == n as u32);
                    // Following heads from any word reaches ROOT.
                    let (mut j, mut steps) = (i as u32, 0);
                    while j != n as u32 && steps <= n {
                        j = heads[j as usize];
                        steps += 1;
                    }
                    assert_eq!(j, n as u32, "cycle in {s} (beam {k})");
                }
            }
        }
    }
}
