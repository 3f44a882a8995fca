//! The pipeline: an ordered list of named stages, each reading a [`Document`] and adding its layer.
//!
//! The stage list is data ([`Pipeline::standard`]); stages never call each other. Documents are
//! independent, so a batch is processed in parallel over documents, and the output order is the
//! input order whatever the number of threads.

use std::time::Duration;

use dyad_doc::{Article, Document};
use rayon::prelude::*;

/// One pipeline stage.
pub trait Stage: Send + Sync {
    /// Short name used in timings and logs (`clean`, `segment`, `parse`, ...).
    fn name(&self) -> &'static str;
    /// Read the document and add this stage's layer to it.
    fn run(&self, doc: &mut Document);
}

/// The time stage ([`dyad_time::recognize`]): time expressions normalized against the
/// publication date.
pub struct Times;

impl Stage for Times {
    fn name(&self) -> &'static str {
        "time"
    }
    fn run(&self, doc: &mut Document) {
        dyad_time::recognize(doc);
    }
}

/// The place stage ([`dyad_place::locate`]): place names resolved with the embedded
/// gazetteer, which loads on first use (once per process).
pub struct Places;

impl Stage for Places {
    fn name(&self) -> &'static str {
        "place"
    }
    fn run(&self, doc: &mut Document) {
        match dyad_place::Gazetteer::builtin() {
            Ok(g) => dyad_place::locate(doc, g),
            Err(e) => doc.warnings.push(format!("place: {e}; no places found")),
        }
    }
}

/// The clean stage ([`dyad_clean::clean`]).
pub struct Clean;

impl Stage for Clean {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn run(&self, doc: &mut Document) {
        dyad_clean::clean(doc);
    }
}

/// The segment stage ([`dyad_segment::segment`]).
pub struct Segment;

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn run(&self, doc: &mut Document) {
        dyad_segment::segment(doc);
    }
}

/// The parse stage: tags, lemmas, heads and relations from a [`dyad_syntax::Model`].
pub struct Parse {
    model: &'static dyad_syntax::Model,
}

impl Parse {
    pub fn new(model: &'static dyad_syntax::Model) -> Parse {
        Parse { model }
    }
}

impl Stage for Parse {
    fn name(&self) -> &'static str {
        "parse"
    }
    fn run(&self, doc: &mut Document) {
        self.model.annotate(doc);
    }
}

/// The code stage: actors and CAMEO events from the parsed sentences ([`dyad_code::Coder`]).
pub struct Code {
    coder: dyad_code::Coder<'static>,
}

impl Code {
    pub fn new(coder: dyad_code::Coder<'static>) -> Code {
        Code { coder }
    }
}

impl Stage for Code {
    fn name(&self) -> &'static str {
        "code"
    }
    fn run(&self, doc: &mut Document) {
        self.coder.code(doc);
    }
}

/// CPU time consumed by the calling thread. Stage timings use it rather than wall-clock time so
/// that other processes on a shared machine do not distort per-stage rates.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_THREAD_CPUTIME_ID is
    // supported on every Linux dyad targets. On failure the timespec stays zero.
    unsafe {
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts);
    }
    Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// CPU time spent in each stage, summed over documents (per-thread CPU time, so a rate computed
/// from it is a per-core rate).
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub stages: Vec<(&'static str, Duration)>,
}

impl StageTimes {
    fn add(&mut self, name: &'static str, d: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += d,
            None => self.stages.push((name, d)),
        }
    }

    /// Add another set of timings to this one.
    pub fn merge(&mut self, other: &StageTimes) {
        for (n, d) in &other.stages {
            self.add(n, *d);
        }
    }
}

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The stages that exist today, in order: clean, segment, parse (with the built-in model),
    /// time, place.
    pub fn standard() -> Result<Pipeline, dyad_syntax::ModelError> {
        Ok(Pipeline::with_model(dyad_syntax::Model::try_builtin()?))
    }

    /// The standard stages with another syntax model.
    pub fn with_model(model: &'static dyad_syntax::Model) -> Pipeline {
        Pipeline {
            stages: vec![
                Box::new(Clean),
                Box::new(Segment),
                Box::new(Parse::new(model)),
                Box::new(Times),
                Box::new(Places),
            ],
        }
    }

    /// Add the code stage at the end.
    pub fn with_coder(mut self, coder: dyad_code::Coder<'static>) -> Pipeline {
        self.stages.push(Box::new(Code::new(coder)));
        self
    }

    /// A pipeline from an explicit stage list.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run every stage on one article.
    pub fn process(&self, article: Article) -> Document {
        let mut doc = Document::new(article);
        for s in &self.stages {
            s.run(&mut doc);
        }
        doc
    }

    /// Run every stage on one article, timing each.
    pub fn process_timed(&self, article: Article, times: &mut StageTimes) -> Document {
        let mut doc = Document::new(article);
        for s in &self.stages {
            let t = thread_cpu_time();
            s.run(&mut doc);
            times.add(s.name(), thread_cpu_time().saturating_sub(t));
        }
        doc
    }

    /// Process a batch in parallel on the current rayon pool; output in input order.
    pub fn process_batch(&self, articles: Vec<Article>) -> Vec<Document> {
        articles.into_par_iter().map(|a| self.process(a)).collect()
    }

    /// Process a batch in parallel with per-stage timings.
    pub fn process_batch_timed(&self, articles: Vec<Article>) -> (Vec<Document>, StageTimes) {
        let results: Vec<(Document, StageTimes)> = articles
            .into_par_iter()
            .map(|a| {
                let mut t = StageTimes::default();
                let d = self.process_timed(a, &mut t);
                (d, t)
            })
            .collect();
        let mut total = StageTimes::default();
        let docs = results
            .into_iter()
            .map(|(d, t)| {
                total.merge(&t);
                d
            })
            .collect();
        (docs, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> Vec<Article> {
        (0..40)
            .map(|i| {
                Article::new(
                    format!("a{i}"),
                    format!("Headline number {i}\n\nThe council met on day {i}. It agreed to talks with Mr. Smith's party."),
                )
            })
            .collect()
    }

    #[test]
    fn stages_run_in_order_and_fill_layers() {
        let p = Pipeline::standard().unwrap();
        assert_eq!(
            p.stage_names(),
            ["clean", "segment", "parse", "time", "place"]
        );
        let d = p.process(articles().remove(3));
        assert!(d.text.starts_with("Headline number 3\n\n"));
        assert!(d.sentences.len() >= 3, "{:?}", d.sentences);
        assert!(!d.tokens.is_empty());
        for s in &d.sentences {
            let toks = d.sentence_tokens(s);
            // Every token parsed; exactly one root per sentence.
            assert!(toks.iter().all(|t| t.upos.is_some() && t.deprel.is_some()));
            assert_eq!(toks.iter().filter(|t| t.head == Some(0)).count(), 1);
        }
    }

    #[test]
    fn parallel_output_equals_sequential_output() {
        let p = Pipeline::standard().unwrap();
        let seq: Vec<Document> = articles().into_iter().map(|a| p.process(a)).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let (par, times) = pool.install(|| p.process_batch_timed(articles()));
        assert_eq!(seq.len(), par.len());
        for (a, b) in seq.iter().zip(&par) {
            assert_eq!(a.article.id, b.article.id);
            assert_eq!(a.tokens, b.tokens);
            assert_eq!(a.sentences, b.sentences);
            assert_eq!(a.times, b.times);
        }
        assert_eq!(times.stages.len(), 5);
    }
}
