//! Training: lemmatizer from counts, tagger and parser as averaged perceptrons.
//!
//! The parser is trained on tags predicted by jackknifing (each fold tagged by a tagger trained
//! on the other folds), so it sees tagging errors like those it will meet at run time. Epoch
//! counts are upper bounds: after each epoch the averaged model is scored on the dev set and the
//! best epoch is kept (dev is used for nothing else).

use std::collections::BTreeMap;
use std::time::Instant;

use dyad_conllu::Sentence;

use crate::beam::{class_costs, Beam, FORCED};
use crate::eval::{evaluate_with_tags, Scores};
use crate::hash::Rng;
use crate::lemma::Lemmatizer;
use crate::model::{
    argmax, class_kind, forced, label_groups, tag_val, upos_vals, usable_groups, Model, Work,
    N_MOVES,
};
use crate::parser::{self, Gold, Move, State, Tables, NIL};
use crate::perceptron::{Trainer, Weights, MAX_CLASSES};
use crate::tagger::{self, Lexicon, WordInfo, START};

/// Settings for [`train`](crate::train()).
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Maximum tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Maximum parser epochs (the best on dev is kept).
    pub parser_epochs: usize,
    /// Seed for shuffling and exploration; same data + options → byte-identical model.
    pub seed: u64,
    /// Jackknife folds for the parser's training tags (< 2: train the parser on gold tags).
    pub folds: usize,
    /// Tagger epochs for each jackknife fold.
    pub fold_epochs: usize,
    /// Probability of following the parser's own (possibly wrong) move after the first epoch.
    pub explore: f64,
    /// Weights smaller than this many quanta (1/2047 of the largest) are dropped from the final
    /// model. Most of them come from features updated once or twice; dropping them shrinks the
    /// tables several times over, which makes lookups hit the cache. Epoch selection and the
    /// jackknifed tags use the unpruned weights, so this setting changes nothing else.
    pub min_weight: i32,
    /// `min_weight` for the transition model alone (`None`: the same). Beam training makes a
    /// few transition weights much larger than the rest, so a quantum is coarser there.
    pub parser_min_weight: Option<i32>,
    /// Beam width of the parser (1: greedy, the parser as trained by the dynamic oracle).
    pub beam: usize,
    /// With `beam > 1`: epochs of global (max-violation) beam training that continue the
    /// greedy parser's weights (the best on dev, decoded with the beam, is kept).
    pub beam_epochs: usize,
    /// How beam training starts: 0 continues the greedy trainer (weights and average), 1 starts
    /// the average again from the greedy weights, 2 starts from zero weights.
    pub beam_init: u8,
    /// Experiments only: a file for the taggers and jackknifed tags, written when absent and
    /// read (instead of training them again) when present. Only valid for the same data and
    /// tagger settings.
    #[doc(hidden)]
    pub cache: Option<std::path::PathBuf>,
    pub data_name: String,
    pub license: String,
    /// Free text stored in the model (how it was trained).
    pub notes: String,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            // The settings of the shipped model (model/README.md).
            tagger_epochs: 12,
            parser_epochs: 14,
            seed: 1,
            folds: 4,
            fold_epochs: 8,
            explore: 0.9,
            min_weight: 32,
            parser_min_weight: None,
            beam: 1,
            beam_epochs: 0,
            beam_init: 1,
            cache: None,
            data_name: "UD English EWT".into(),
            license: "CC BY-SA 4.0".into(),
            notes: String::new(),
        }
    }
}

/// A sentence prepared for training.
pub(crate) struct TSent {
    pub(crate) infos: Vec<WordInfo>,
    pub(crate) tags: Vec<u16>,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
}

pub(crate) struct Inventory {
    pub(crate) tags: Vec<(String, String)>,
    tag_ids: BTreeMap<(String, String), u16>,
    pub(crate) labels: Vec<String>,
    label_ids: BTreeMap<String, u16>,
}

impl Inventory {
    fn new(train: &[Sentence]) -> Inventory {
        let mut tc: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut lc: BTreeMap<String, usize> = BTreeMap::new();
        for s in train {
            for w in &s.words {
                *tc.entry((w.upos.clone(), w.xpos.clone())).or_default() += 1;
                *lc.entry(w.deprel.clone()).or_default() += 1;
            }
        }
        lc.entry("root".into()).or_default();
        lc.entry("dep".into()).or_default();
        if tc.is_empty() {
            tc.insert(("X".into(), "_".into()), 0);
        }
        // Class ids must fit the fixed score arrays: keep the most frequent tags and labels.
        let keep = |m: BTreeMap<String, usize>, max: usize, must: &[&str]| -> Vec<String> {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| {
                let pa = must.contains(&a.0.as_str());
                let pb = must.contains(&b.0.as_str());
                pb.cmp(&pa).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0))
            });
            v.truncate(max);
            let mut k: Vec<String> = v.into_iter().map(|x| x.0).collect();
            k.sort();
            k
        };
        let labels = keep(lc, (MAX_CLASSES - 1) / 2, &["root", "dep"]);
        let mut tv: Vec<((String, String), usize)> = tc.into_iter().collect();
        tv.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        tv.truncate(MAX_CLASSES);
        let mut tags: Vec<(String, String)> = tv.into_iter().map(|x| x.0).collect();
        tags.sort();
        Inventory {
            tag_ids: tags
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u16))
                .collect(),
            label_ids: labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.clone(), i as u16))
                .collect(),
            tags,
            labels,
        }
    }

    fn prepare(&self, s: &Sentence, buf: &mut String) -> TSent {
        let dep = self.label_ids.get("dep").copied().unwrap_or(0);
        TSent {
            infos: s
                .words
                .iter()
                .map(|w| WordInfo::new(&w.form, buf))
                .collect(),
            tags: s
                .words
                .iter()
                .map(|w| {
                    self.tag_ids
                        .get(&(w.upos.clone(), w.xpos.clone()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect(),
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s
                .words
                .iter()
                .map(|w| self.label_ids.get(&w.deprel).copied().unwrap_or(dep))
                .collect(),
        }
    }
}

/// Trains a model. `log` receives progress lines.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Model {
    let t0 = Instant::now();
    let inv = Inventory::new(train);
    let mut buf = String::new();
    let mut tr: Vec<TSent> = train.iter().map(|s| inv.prepare(s, &mut buf)).collect();
    let mut dv: Vec<TSent> = dev.iter().map(|s| inv.prepare(s, &mut buf)).collect();
    let lexicon = fill_ambiguity_classes(&mut tr, &mut dv, opts.folds);
    log(&format!("lexicon: {} words", lexicon.len()));
    log(&format!(
        "{} train / {} dev sentences, {} tags, {} labels",
        tr.len(),
        dv.len(),
        inv.tags.len(),
        inv.labels.len()
    ));
    let lemmatizer = Lemmatizer::train(
        tr.iter()
            .zip(train)
            .flat_map(|(t, s)| t.tags.iter().zip(&s.words))
            .map(|(&tag, w)| (w.form.as_str(), tag, w.lemma.as_str())),
    );
    log(&format!(
        "lemmatizer: {} exceptions",
        lemmatizer.n_exceptions()
    ));
    let root = inv.label_ids.get("root").copied().unwrap_or(0);
    let mut model = Model {
        data_name: opts.data_name.clone(),
        license: opts.license.clone(),
        notes: opts.notes.clone(),
        tags: inv.tags.clone(),
        labels: inv.labels.clone(),
        root,
        lexicon,
        tagger: Weights::empty(inv.tags.len()),
        tagger2: Weights::empty(inv.tags.len()),
        parser: Weights::empty(N_MOVES),
        labeler: Weights::empty(inv.labels.len()),
        beam: 1,
        lemmatizer,
        upos_vals: upos_vals(&inv.tags),
        groups: label_groups(&inv.labels),
        usable: usable_groups(&label_groups(&inv.labels), root),
    };

    // Taggers and jackknifed tags, or both from the cache of an earlier run on the same data.
    let cached = opts
        .cache
        .as_ref()
        .and_then(|c| read_cache(c, &model, tr.len()));
    let jk_tags = match cached {
        Some((m, jk)) => {
            log("taggers and jackknifed tags read from the cache");
            model = m;
            jk
        }
        None => {
            let jk = train_taggers(&tr, &dv, &mut model, &inv, opts, t0, &mut log);
            if let Some(c) = &opts.cache {
                write_cache(c, &model, &jk);
            }
            jk
        }
    };
    let mut work = Work::default();

    // Dev tags from the final tagger, as at run time.
    let dev_tags: Vec<Vec<u16>> = dv
        .iter()
        .map(|s| {
            work.infos.clone_from(&s.infos);
            model.tag(&mut work);
            work.tags.clone()
        })
        .collect();

    train_parser(&tr, &jk_tags, &mut model, dev, &dev_tags, opts, &mut log);
    log(&format!("parser done ({:.0}s)", t0.elapsed().as_secs_f64()));
    let parser_min = opts.parser_min_weight.unwrap_or(opts.min_weight);
    if opts.min_weight > 1 || parser_min > 1 {
        model.prune_each([
            opts.min_weight,
            opts.min_weight,
            parser_min,
            opts.min_weight,
        ]);
    }
    model
}

/// Builds the lexicon of ambiguity classes from all of `tr` and fills the classes of `dv` from
/// it. The classes of training words come from the *other* folds (as in jackknifing), so the
/// tagger meets unknown words and incomplete classes in training as it will at run time.
fn fill_ambiguity_classes(tr: &mut [TSent], dv: &mut [TSent], folds: usize) -> Lexicon {
    let pairs = |ss: &[TSent], keep: &dyn Fn(usize) -> bool| -> Vec<(u64, u16)> {
        ss.iter()
            .enumerate()
            .filter(|&(i, _)| keep(i))
            .flat_map(|(_, s)| s.infos.iter().map(|w| w.lw).zip(s.tags.iter().copied()))
            .collect()
    };
    let full = Lexicon::build(pairs(tr, &|_| true).into_iter());
    if folds >= 2 {
        for k in 0..folds {
            let lex = Lexicon::build(pairs(tr, &|i| i % folds != k).into_iter());
            for s in tr.iter_mut().skip(k).step_by(folds) {
                for w in &mut s.infos {
                    w.amb = lex.get(w.lw);
                }
            }
        }
    } else {
        for w in tr.iter_mut().flat_map(|s| s.infos.iter_mut()) {
            w.amb = full.get(w.lw);
        }
    }
    for w in dv.iter_mut().flat_map(|s| s.infos.iter_mut()) {
        w.amb = full.get(w.lw);
    }
    full
}

/// Trains one tagging pass on `tr[idx]`; with `right`, the second pass (first-pass tags of each
/// sentence given). Keeps the epoch best on `dev` (joint tag accuracy), or the last without dev.
#[allow(clippy::too_many_arguments)]
fn train_tagger(
    tr: &[TSent],
    idx: &[usize],
    right: Option<&[Vec<u16>]>,
    dev: &[TSent],
    dev_right: Option<&[Vec<u16>]>,
    n_tags: usize,
    opts: &TrainOptions,
    epochs: usize,
    log: &mut impl FnMut(&str),
) -> Weights {
    let mut p = Trainer::new(n_tags);
    let mut rng = Rng::new(opts.seed);
    let mut order = idx.to_vec();
    let mut feats = Vec::new();
    let mut scores = vec![0i64; n_tags];
    let mut best: Option<(f64, Weights)> = None;
    let mut rv: Vec<u64> = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &tr[si];
            let case = tagger::casing(&s.infos);
            let r = right.and_then(|r| r.get(si)).map(|r| {
                rv.clear();
                rv.extend(r.iter().map(|&t| tag_val(t)));
                &rv[..]
            });
            let (mut t1, mut t2) = (START, START);
            for i in 0..s.infos.len() {
                tagger::features(&s.infos, i, t1, t2, r, case, &mut feats);
                p.score(&feats, &mut scores);
                let pred = argmax(&scores);
                let gold = s.tags[i] as usize;
                p.update(&feats, gold, pred);
                p.tick();
                ok += (pred == gold) as usize;
                total += 1;
                t2 = t1;
                t1 = tag_val(pred as u16);
            }
        }
        if dev.is_empty() {
            continue;
        }
        let w = p.freeze(1);
        let acc = tag_accuracy(&w, dev, dev_right);
        log(&format!(
            "tagger{} epoch {}: train {:.2}, dev joint tag {:.2}",
            if right.is_some() { " pass 2" } else { "" },
            epoch + 1,
            100.0 * ok as f64 / total.max(1) as f64,
            acc
        ));
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, w));
        }
    }
    best.map_or_else(|| p.freeze(1), |b| b.1)
}

/// The best-scoring non-root label, within `group` if given (and the group has one).
fn pick_label(scores: &[i64], groups: &[u8], root: u16, group: Option<usize>) -> usize {
    let mut best: Option<usize> = None;
    let mut any: Option<usize> = None;
    for (l, &s) in scores.iter().enumerate() {
        if l == root as usize {
            continue;
        }
        if any.is_none_or(|a| s > scores[a]) {
            any = Some(l);
        }
        let same = group.is_none_or(|g| groups.get(l).map(|&x| x as usize) == Some(g));
        if same && best.is_none_or(|b| s > scores[b]) {
            best = Some(l);
        }
    }
    best.or(any).unwrap_or(if root == 0 { 1 } else { 0 })
}

fn tag_accuracy(w: &Weights, dev: &[TSent], right: Option<&[Vec<u16>]>) -> f64 {
    let mut m = Model::untrained();
    m.tags = vec![(String::new(), String::new()); w.n_classes()];
    let mut work = Work::default();
    let (mut ok, mut all) = (0usize, 0usize);
    match right {
        None => m.tagger = w.clone(),
        Some(_) => m.tagger2 = w.clone(),
    }
    for (si, s) in dev.iter().enumerate() {
        work.infos.clone_from(&s.infos);
        match right.and_then(|r| r.get(si)) {
            Some(r) => {
                work.tags.clone_from(r);
                m.tag_pass(&mut work, true);
            }
            None => m.tag_pass(&mut work, false),
        }
        ok += work
            .tags
            .iter()
            .zip(&s.tags)
            .filter(|(a, b)| a == b)
            .count();
        all += s.tags.len();
    }
    100.0 * ok as f64 / all.max(1) as f64
}

fn train_parser(
    tr: &[TSent],
    tags: &[Vec<u16>],
    model: &mut Model,
    dev: &[Sentence],
    dev_tags: &[Vec<u16>],
    opts: &TrainOptions,
    log: &mut impl FnMut(&str),
) {
    let n_labels = model.labels.len();
    let root = model.root;
    let mut p = Trainer::new(N_MOVES);
    let mut pl = Trainer::new(n_labels);
    let mut rng = Rng::new(opts.seed.wrapping_add(1));
    let mut order: Vec<usize> = (0..tr.len()).collect();
    let golds: Vec<Gold> = tr.iter().map(|s| Gold::new(&s.heads, &s.labels)).collect();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut lfeats = Vec::new();
    let mut scores = vec![0i64; N_MOVES];
    let mut lscores = vec![0i64; n_labels];
    let mut tables = Tables::default();
    let mut best: Option<(f64, Weights, Weights, Scores)> = None;
    let t0 = Instant::now();
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &tr[si];
            let g = &golds[si];
            let n = s.infos.len();
            tables.fill(&s.infos, &tags[si], &model.upos_vals);
            let cx = tables.ctx();
            st.reset(n);
            while !st.done() {
                if let Some(m) = forced(&st, root) {
                    st.apply(m);
                    continue;
                }
                parser::features(&st, &cx, &mut feats);
                p.score(&feats, &mut scores);
                let costs = class_costs(model, &st, g);
                let min_cost = costs.iter().copied().min().unwrap_or(u32::MAX);
                let (mut pred, mut gold) = (usize::MAX, usize::MAX);
                for c in 0..N_MOVES {
                    if costs[c] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || scores[c] > scores[pred] {
                        pred = c;
                    }
                    if costs[c] == min_cost && (gold == usize::MAX || scores[c] > scores[gold]) {
                        gold = c;
                    }
                }
                if pred == usize::MAX || gold == usize::MAX {
                    break; // cannot happen: some move is legal while not done
                }
                if costs[pred] > min_cost {
                    p.update(&feats, gold, pred);
                } else {
                    ok += 1;
                }
                total += 1;
                p.tick();
                let explore = epoch > 0 && rng.next_f64() < opts.explore;
                let (kind, group) = class_kind(if explore { pred } else { gold });
                let m = match kind {
                    0 => Move::Shift,
                    _ => {
                        let (h, d) = st.arc_of(kind);
                        let gold_arc = d != NIL && g.heads[d as usize] == h;
                        let l = if h == st.n {
                            root
                        } else {
                            parser::label_features(&st, &cx, h, d, &mut lfeats);
                            pl.score(&lfeats, &mut lscores);
                            let in_group = pick_label(&lscores, &model.groups, root, Some(group));
                            if gold_arc {
                                let lg = g.labels[d as usize] as usize;
                                if lg != root as usize {
                                    let lp = pick_label(&lscores, &model.groups, root, None);
                                    pl.update(&lfeats, lg, lp);
                                }
                                pl.tick();
                                if explore {
                                    in_group as u16
                                } else {
                                    lg as u16
                                }
                            } else {
                                in_group as u16
                            }
                        };
                        if kind == 1 {
                            Move::Left(l)
                        } else {
                            Move::Right(l)
                        }
                    }
                };
                st.apply(m);
            }
        }
        let w = p.freeze(1);
        let wl = pl.freeze(1);
        if dev.is_empty() {
            if epoch + 1 == opts.parser_epochs {
                best = Some((0.0, w, wl, Scores::default()));
            }
            continue;
        }
        model.parser = w;
        model.labeler = wl;
        let sc = evaluate_with_tags(model, dev, Some(dev_tags));
        log(&format!(
            "parser epoch {}: train move acc {:.2}, dev UAS {:.2} LAS {:.2}, {} weights ({:.0}s)",
            epoch + 1,
            100.0 * ok as f64 / total.max(1) as f64,
            sc.uas,
            sc.las,
            model.parser.n_entries() + model.labeler.n_entries(),
            t0.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| sc.las > b.0) {
            best = Some((sc.las, model.parser.clone(), model.labeler.clone(), sc));
        }
    }
    if let Some((_, w, wl, sc)) = best {
        model.parser = w;
        model.labeler = wl;
        if !dev.is_empty() {
            log(&format!(
                "best dev: UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2}",
                sc.upos, sc.xpos, sc.lemma, sc.uas, sc.las
            ));
        }
    }
    if opts.beam > 1 && opts.beam_epochs > 0 {
        train_beam(tr, tags, &golds, model, &mut p, dev, dev_tags, opts, log);
    }
}

/// Global training of the transition model with beam search (see `beam.rs`), continuing the
/// greedy trainer `p`; the labeler stays the greedy one. Keeps the best epoch on dev (LAS with
/// the beam), the greedy parser decoded with the beam included.
#[allow(clippy::too_many_arguments)]
fn train_beam(
    tr: &[TSent],
    tags: &[Vec<u16>],
    golds: &[Gold],
    model: &mut Model,
    p: &mut Trainer,
    dev: &[Sentence],
    dev_tags: &[Vec<u16>],
    opts: &TrainOptions,
    log: &mut impl FnMut(&str),
) {
    let k = opts.beam.min(crate::model::MAX_BEAM);
    model.beam = k;
    let t0 = Instant::now();
    let mut best: Option<(f64, Weights)> = None;
    if !dev.is_empty() {
        let sc = evaluate_with_tags(model, dev, Some(dev_tags));
        log(&format!(
            "greedy parser with beam {k}: dev UAS {:.2} LAS {:.2}",
            sc.uas, sc.las
        ));
        best = Some((sc.las, model.parser.clone()));
    }
    match opts.beam_init {
        0 => {}
        1 => p.restart_average(),
        _ => *p = Trainer::new(N_MOVES),
    }
    let mut rng = Rng::new(opts.seed.wrapping_add(2));
    let mut order: Vec<usize> = (0..tr.len()).collect();
    let mut tables = Tables::default();
    let mut bm = Beam::default();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut gold_path = Vec::new();
    for epoch in 0..opts.beam_epochs {
        rng.shuffle(&mut order);
        let (mut updates, mut early) = (0usize, 0usize);
        for &si in &order {
            let s = &tr[si];
            let g = &golds[si];
            let n = s.infos.len();
            tables.fill(&s.infos, &tags[si], &model.upos_vals);
            let cx = tables.ctx();
            let score = |f: &[u32], sc: &mut [i64; N_MOVES]| p.score(f, sc);
            model.gold_path(&cx, g, &mut st, &mut feats, score, &mut gold_path);
            let score = |f: &[u32], sc: &mut [i64; N_MOVES]| p.score(f, sc);
            model.beam_search(&cx, n, k, &mut bm, Some(g), score);
            // The step of maximum violation: the best hypothesis is wrong and outscores the
            // gold prefix by the most.
            let mut at: Option<(usize, i64)> = None;
            for (t, (&(bs, bc), &(_, _, gs))) in bm.best.iter().zip(&gold_path).enumerate() {
                if bc > 0 && bs >= gs && at.is_none_or(|a| bs - gs > a.1) {
                    at = Some((t, bs - gs));
                }
            }
            if let Some((t, _)) = at {
                updates += 1;
                early += (t + 1 < bm.best.len()) as usize;
                let good: Vec<(u8, Move)> =
                    gold_path[..=t].iter().map(|&(c, m, _)| (c, m)).collect();
                let pred = bm.path(t, 0);
                for (moves, d) in [(good, 1), (pred, -1)] {
                    st.reset(n);
                    for (c, m) in moves {
                        if c != FORCED {
                            parser::features(&st, &cx, &mut feats);
                            p.add(&feats, c as usize, d);
                        }
                        st.apply(m);
                    }
                }
            }
            p.tick_n(2 * n);
        }
        let w = p.freeze(1);
        if dev.is_empty() {
            if epoch + 1 == opts.beam_epochs {
                best = Some((0.0, w));
            }
            continue;
        }
        model.parser = w;
        let sc = evaluate_with_tags(model, dev, Some(dev_tags));
        log(&format!(
            "beam {k} epoch {}: {} updates ({} before the end), dev UAS {:.2} LAS {:.2} ({:.0}s)",
            epoch + 1,
            updates,
            early,
            sc.uas,
            sc.las,
            t0.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| sc.las > b.0) {
            best = Some((sc.las, model.parser.clone()));
        }
    }
    if let Some((las, w)) = best {
        model.parser = w;
        log(&format!("best beam {k} dev LAS {las:.2}"));
    }
}

/// The jackknifed tags of the training set, and both tagging passes (into `model`).
fn train_taggers(
    tr: &[TSent],
    dv: &[TSent],
    model: &mut Model,
    inv: &Inventory,
    opts: &TrainOptions,
    t0: Instant,
    mut log: &mut impl FnMut(&str),
) -> Vec<Vec<u16>> {
    // Jackknifed tags for the parser's training data.
    let mut jk_tags: Vec<Vec<u16>> = tr.iter().map(|s| s.tags.clone()).collect();
    if opts.folds >= 2 {
        for k in 0..opts.folds {
            let idx: Vec<usize> = (0..tr.len()).filter(|i| i % opts.folds != k).collect();
            let w = train_tagger(
                tr,
                &idx,
                None,
                &[],
                None,
                inv.tags.len(),
                opts,
                opts.fold_epochs,
                &mut log,
            );
            let m = Model {
                tagger: w,
                ..model.clone()
            };
            let mut work = Work::default();
            for i in (0..tr.len()).filter(|i| i % opts.folds == k) {
                work.infos.clone_from(&tr[i].infos);
                m.tag_pass(&mut work, false);
                jk_tags[i].clone_from(&work.tags);
            }
            log(&format!(
                "jackknife fold {}/{} done ({:.0}s)",
                k + 1,
                opts.folds,
                t0.elapsed().as_secs_f64()
            ));
        }
        let (ok, all) = tr.iter().zip(&jk_tags).fold((0, 0), |(o, a), (s, t)| {
            (
                o + s.tags.iter().zip(t).filter(|(x, y)| x == y).count(),
                a + t.len(),
            )
        });
        log(&format!(
            "jackknifed tag accuracy on train: {:.2}",
            100.0 * ok as f64 / all.max(1) as f64
        ));
    }

    let all: Vec<usize> = (0..tr.len()).collect();
    model.tagger = train_tagger(
        tr,
        &all,
        None,
        dv,
        None,
        inv.tags.len(),
        opts,
        opts.tagger_epochs,
        &mut log,
    );
    log(&format!(
        "tagger pass 1 done ({:.0}s)",
        t0.elapsed().as_secs_f64()
    ));
    let mut work = Work::default();
    let dev_first: Vec<Vec<u16>> = dv
        .iter()
        .map(|s| {
            work.infos.clone_from(&s.infos);
            model.tag_pass(&mut work, false);
            work.tags.clone()
        })
        .collect();
    if opts.folds >= 2 {
        model.tagger2 = train_tagger(
            tr,
            &all,
            Some(&jk_tags),
            dv,
            Some(&dev_first),
            inv.tags.len(),
            opts,
            opts.tagger_epochs,
            &mut log,
        );
        log(&format!(
            "tagger pass 2 done ({:.0}s)",
            t0.elapsed().as_secs_f64()
        ));
    }

    jk_tags
}

/// Reads the taggers and jackknifed tags cached at `path` (experiments: skip the taggers).
fn read_cache(path: &std::path::Path, model: &Model, n: usize) -> Option<(Model, Vec<Vec<u16>>)> {
    let m = Model::from_bytes(&std::fs::read(path).ok()?).ok()?;
    let raw = std::fs::read(path.with_extension("jk")).ok()?;
    let mut v = raw
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    let mut jk = Vec::with_capacity(n);
    for _ in 0..n {
        let len = v.next()? as usize;
        jk.push(v.by_ref().take(len).collect::<Vec<u16>>());
    }
    let m = Model {
        tagger: m.tagger,
        tagger2: m.tagger2,
        ..model.clone()
    };
    Some((m, jk))
}

fn write_cache(path: &std::path::Path, model: &Model, jk: &[Vec<u16>]) {
    let mut raw = Vec::new();
    for t in jk {
        raw.extend_from_slice(&(t.len() as u16).to_le_bytes());
        for &x in t {
            raw.extend_from_slice(&x.to_le_bytes());
        }
    }
    let _ = std::fs::write(path, model.to_bytes());
    let _ = std::fs::write(path.with_extension("jk"), raw);
}
