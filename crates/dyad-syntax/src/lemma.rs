//! Lemmatizer: exceptions table plus suffix rules, both keyed by the joint tag.
//!
//! A lemma is produced from a form by an edit *script*: optionally lowercase, strip `k` final
//! characters, append a string (`Running`/VBG → lowercase, strip 4, append "" → `run`). Scripts
//! whose lemma contains an uppercase letter keep the form's case, so proper nouns stay
//! capitalized as in EWT.
//!
//! Rules map (tag, last k characters of the lowercased form) to the script most training word
//! types with that ending take; the longest matching ending wins. The table stores only the
//! training (tag, form) pairs the rules get wrong, which keeps it small.

use std::collections::BTreeMap;

use crate::hash::{hash_str, mix};
use crate::io::{put_str, put_varint, Reader};
use crate::perceptron::KeyMap;
use crate::ModelError;

const MAX_SUFFIX: usize = 5;

/// How a script treats case before editing.
const KEEP: u8 = 0;
const LOWER: u8 = 1;
/// First letter uppercased (EWT capitalizes the lemmas of proper nouns written in lowercase).
const TITLE: u8 = 2;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Script {
    case: u8,
    strip: u8,
    append: String,
}

fn recase(form: &str, case: u8) -> String {
    match case {
        LOWER => form.to_lowercase(),
        TITLE => {
            let mut c = form.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
        _ => form.to_string(),
    }
}

impl Script {
    fn derive(form: &str, lemma: &str) -> Script {
        // The case treatment that leaves the longest common prefix; ties prefer lowercasing.
        let mut best: Option<(usize, Script)> = None;
        for case in [LOWER, KEEP, TITLE] {
            let base = recase(form, case);
            let lcp = base
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let n = base.chars().count();
            let s = Script {
                case,
                strip: (n - lcp).min(255) as u8,
                append: lemma.chars().skip(lcp).collect(),
            };
            if best.as_ref().is_none_or(|b| lcp > b.0) {
                best = Some((lcp, s));
            }
        }
        best.map_or(
            Script {
                case: KEEP,
                strip: 0,
                append: String::new(),
            },
            |b| b.1,
        )
    }

    fn apply(&self, form: &str) -> Option<String> {
        let mut base = recase(form, self.case);
        let n = base.chars().count();
        let keep = n.checked_sub(self.strip as usize)?;
        let cut = base.char_indices().nth(keep).map_or(base.len(), |(i, _)| i);
        base.truncate(cut);
        base.push_str(&self.append);
        Some(base)
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Lemmatizer {
    scripts: Vec<Script>,
    /// (tag, suffix, script), kept for writing the model.
    rule_list: Vec<(u16, String, u32)>,
    rules: KeyMap<u64, u32>,
    /// (tag, form, lemma) exceptions.
    table_list: Vec<(u16, String, String)>,
    table: KeyMap<u64, u32>,
}

fn rule_key(tag: u16, suffix: &str) -> u64 {
    mix(hash_str(suffix), tag as u64 + 0x1000)
}

fn table_key(tag: u16, form: &str) -> u64 {
    mix(hash_str(form), tag as u64 + 0x2000)
}

/// The last `k` characters of `s` (or `None` if `s` is shorter).
fn suffix(s: &str, k: usize) -> Option<&str> {
    if k == 0 {
        return Some("");
    }
    s.char_indices().rev().nth(k - 1).map(|(i, _)| &s[i..])
}

impl Lemmatizer {
    /// Learns from `(form, tag, lemma)` tokens.
    pub(crate) fn train<'a>(tokens: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Self {
        // Majority lemma per (tag, form) type; BTreeMaps keep the result deterministic.
        let mut counts: BTreeMap<(u16, &str), BTreeMap<&str, u32>> = BTreeMap::new();
        for (form, tag, lemma) in tokens {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            *counts
                .entry((tag, form))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        let types: Vec<(u16, &str, &str)> = counts
            .iter()
            .map(|(&(tag, form), ls)| {
                let best = ls
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or(form, |(l, _)| l);
                (tag, form, best)
            })
            .collect();

        let mut script_ids: BTreeMap<Script, u32> = BTreeMap::new();
        let mut by_suffix: BTreeMap<(u16, usize, String), BTreeMap<u32, u32>> = BTreeMap::new();
        for &(tag, form, lemma) in &types {
            let s = Script::derive(form, lemma);
            let next = script_ids.len() as u32;
            let id = *script_ids.entry(s).or_insert(next);
            let lf = form.to_lowercase();
            for k in 0..=MAX_SUFFIX {
                let Some(suf) = suffix(&lf, k) else { break };
                *by_suffix
                    .entry((tag, k, suf.to_string()))
                    .or_default()
                    .entry(id)
                    .or_default() += 1;
            }
        }
        let mut scripts = vec![
            Script {
                case: KEEP,
                strip: 0,
                append: String::new()
            };
            script_ids.len()
        ];
        for (s, &id) in &script_ids {
            scripts[id as usize] = s.clone();
        }
        let mut lem = Lemmatizer {
            scripts,
            ..Default::default()
        };
        // Shorter suffixes first, so a rule is kept only when it differs from what its parent
        // ending would already give.
        let mut ordered: Vec<_> = by_suffix.into_iter().collect();
        ordered.sort_by(|a, b| (a.0 .1, a.0 .0, &a.0 .2).cmp(&(b.0 .1, b.0 .0, &b.0 .2)));
        for ((tag, k, suf), cands) in ordered {
            let Some((&best, &n)) = cands.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                continue;
            };
            if k > 0 {
                if n < 2 {
                    continue;
                }
                if lem.rule_for(tag, &suf, k - 1) == Some(best) {
                    continue;
                }
            }
            lem.add_rule(tag, suf, best);
        }
        // Exceptions: first lowercase forms, then cased forms (whose fallback is the lowercase
        // entry), so that the runtime lookup order reproduces the training lemmas.
        for pass in 0..2 {
            for &(tag, form, lemma) in &types {
                let is_lower = form.to_lowercase() == form;
                if is_lower != (pass == 0) {
                    continue;
                }
                if lem.lemma(form, tag) != lemma {
                    lem.add_exception(tag, form.to_string(), lemma.to_string());
                }
            }
        }
        lem
    }

    fn add_rule(&mut self, tag: u16, suf: String, script: u32) {
        self.rules.insert(rule_key(tag, &suf), script);
        self.rule_list.push((tag, suf, script));
    }

    fn add_exception(&mut self, tag: u16, form: String, lemma: String) {
        self.table
            .insert(table_key(tag, &form), self.table_list.len() as u32);
        self.table_list.push((tag, form, lemma));
    }

    /// The script of the longest rule ending of at most `k` characters of `lf`.
    fn rule_for(&self, tag: u16, lf: &str, max_k: usize) -> Option<u32> {
        (0..=max_k.min(MAX_SUFFIX)).rev().find_map(|k| {
            let suf = suffix(lf, k)?;
            self.rules.get(&rule_key(tag, suf)).copied()
        })
    }

    pub(crate) fn lemma(&self, form: &str, tag: u16) -> String {
        if let Some(&i) = self.table.get(&table_key(tag, form)) {
            if let Some(e) = self.table_list.get(i as usize) {
                return e.2.clone();
            }
        }
        let lf = form.to_lowercase();
        if lf != form {
            if let Some(&i) = self.table.get(&table_key(tag, &lf)) {
                if let Some(e) = self.table_list.get(i as usize) {
                    return e.2.clone();
                }
            }
        }
        self.rule_for(tag, &lf, MAX_SUFFIX)
            .and_then(|s| self.scripts.get(s as usize))
            .and_then(|s| s.apply(form))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| form.to_string())
    }

    pub(crate) fn n_exceptions(&self) -> usize {
        self.table_list.len()
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.scripts.len() as u64);
        for s in &self.scripts {
            out.push(s.case);
            out.push(s.strip);
            put_str(out, &s.append);
        }
        put_varint(out, self.rule_list.len() as u64);
        for (tag, suf, s) in &self.rule_list {
            put_varint(out, *tag as u64);
            put_str(out, suf);
            put_varint(out, *s as u64);
        }
        put_varint(out, self.table_list.len() as u64);
        for (tag, form, lemma) in &self.table_list {
            put_varint(out, *tag as u64);
            put_str(out, form);
            put_str(out, lemma);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>, n_tags: usize) -> Result<Self, ModelError> {
        let mut lem = Lemmatizer::default();
        let n = r.len(3)?;
        for _ in 0..n {
            let case = r.u8()?;
            if case > TITLE {
                return Err(ModelError::Corrupt("bad lemma script".into()));
            }
            let strip = r.u8()?;
            let append = r.str()?;
            lem.scripts.push(Script {
                case,
                strip,
                append,
            });
        }
        let tag = |r: &mut Reader<'_>| -> Result<u16, ModelError> {
            let t = r.varint()?;
            if t as usize >= n_tags {
                return Err(ModelError::Corrupt("lemma tag out of range".into()));
            }
            Ok(t as u16)
        };
        let n = r.len(3)?;
        for _ in 0..n {
            let t = tag(r)?;
            let suf = r.str()?;
            let s = r.varint()?;
            if s as usize >= lem.scripts.len() {
                return Err(ModelError::Corrupt("lemma script out of range".into()));
            }
            lem.add_rule(t, suf, s as u32);
        }
        let n = r.len(3)?;
        for _ in 0..n {
            let t = tag(r)?;
            let form = r.str()?;
            let lemma = r.str()?;
            lem.add_exception(t, form, lemma);
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_derive_and_apply() {
        let s = Script::derive("Running", "run");
        assert_eq!(s.apply("Running").as_deref(), Some("run"));
        assert_eq!(s.apply("Sunning").as_deref(), Some("sun"));
        let p = Script::derive("Paris", "Paris");
        assert_eq!(p.case, KEEP);
        let t = Script::derive("kerala", "Kerala");
        assert_eq!(t.apply("delhi").as_deref(), Some("Delhi"));
        assert_eq!(p.apply("London").as_deref(), Some("London"));
        assert_eq!(
            Script::derive("dogs", "dog").apply("cats").as_deref(),
            Some("cat")
        );
        assert_eq!(Script::derive("ab", "x").apply("").as_deref(), None);
    }

    #[test]
    fn learns_rules_and_exceptions() {
        // Tags: 0 = plural noun, 1 = past verb, 2 = proper noun.
        let data = [
            ("dogs", 0, "dog"),
            ("cats", 0, "cat"),
            ("cars", 0, "car"),
            ("boxes", 0, "box"),
            ("foxes", 0, "fox"),
            ("children", 0, "child"),
            ("walked", 1, "walk"),
            ("talked", 1, "talk"),
            ("went", 1, "go"),
            ("Went", 1, "go"),
            ("Paris", 2, "Paris"),
            ("Rome", 2, "Rome"),
        ];
        let lem = Lemmatizer::train(data.iter().map(|&(f, t, l)| (f, t, l)));
        for &(f, t, l) in &data {
            assert_eq!(lem.lemma(f, t), l, "{f}");
        }
        assert_eq!(lem.lemma("birds", 0), "bird");
        assert_eq!(lem.lemma("Taxes", 0), "tax");
        assert_eq!(lem.lemma("jumped", 1), "jump");
        assert_eq!(lem.lemma("WENT", 1), "go".to_uppercase().to_lowercase());
        assert_eq!(lem.lemma("Berlin", 2), "Berlin");
        assert_eq!(lem.lemma("", 0), "");
        let mut out = Vec::new();
        lem.write(&mut out);
        let lem2 = Lemmatizer::read(&mut Reader::new(&out), 3).unwrap();
        assert_eq!(lem2.lemma("children", 0), "child");
        assert_eq!(lem2.lemma("foxes", 0), "fox");
    }
}
