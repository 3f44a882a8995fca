//! End-to-end tests of the `dyad` binary: inputs, bad input handling, outputs, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = dyad();
    cmd.args(args)
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("dyad runs");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().expect("stdin");
        si.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("dyad finishes")
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `dyad code examples/sahel-ultimatum.txt --published 2023-07-31` plus `extra` arguments.
fn code_sahel_example(extra: &[&str]) -> Output {
    let mut args = vec![
        "code",
        "examples/sahel-ultimatum.txt",
        "--published",
        "2023-07-31",
    ];
    args.extend_from_slice(extra);
    run(&args, None)
}

fn last_json(out: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    serde_json::from_str(line).unwrap_or_else(|_| panic!("last line is JSON: {stdout}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Token and sentence offsets point at their text in `cleaned_text`.
fn assert_offsets_consistent(doc: &Value) {
    let text = doc["cleaned_text"].as_str().unwrap().as_bytes();
    for s in doc["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], s["text"].as_str().unwrap().as_bytes());
        for t in s["tokens"].as_array().unwrap() {
            let (a, b) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a..b], t["text"].as_str().unwrap().as_bytes());
            assert!(!t["text"].as_str().unwrap().contains(char::is_whitespace));
        }
    }
}

#[test]
fn annotate_cleans_and_segments_an_example_story() {
    let out = run(
        &[
            "annotate",
            "examples/sahel-ultimatum.txt",
            "--published",
            "2023-07-31",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["published"], "2023-07-31");
    assert_eq!(
        d["title"],
        "Regional bloc gives Sahel junta a week to restore ousted president"
    );
    assert_eq!(d["outlet"], "Associated Press");
    assert_eq!(d["dateline"]["place"], "NIAMEY, Niger");
    let reasons: Vec<&str> = d["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "repeated_headline",
            "dateline",
            "boilerplate",
            "boilerplate",
            "boilerplate"
        ]
    );
    let text = d["cleaned_text"].as_str().unwrap();
    assert!(text.starts_with("Regional bloc gives Sahel junta a week to restore ousted president\n\nWest African leaders on Sunday"));
    assert!(!text.contains("Share this"));
    assert!(!text.contains("©"));
    let sents = d["sentences"].as_array().unwrap();
    assert_eq!(
        sents.len(),
        7,
        "{:#?}",
        sents.iter().map(|s| &s["text"]).collect::<Vec<_>>()
    );
    assert_eq!(
        sents[1]["text"],
        "West African leaders on Sunday gave the military officers who seized power in Niger one week to reinstate President Mohamed Bazoum or face the possible use of force."
    );
    // "country's" and "junta's" are split UD-style, the clitic marked.
    let toks: Vec<(&str, bool)> = sents[2]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["text"].as_str().unwrap(), t.get("clitic").is_some()))
        .collect();
    let i = toks.iter().position(|t| t.0 == "country").unwrap();
    assert_eq!(toks[i + 1], ("'s", true));
    assert_offsets_consistent(d);
    // Raw spans of sentences point back into the raw file.
    let raw = std::fs::read_to_string(repo().join("examples/sahel-ultimatum.txt")).unwrap();
    let s = &sents[1];
    let (a, b) = (
        s["raw_start"].as_u64().unwrap() as usize,
        s["raw_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&raw[a..b], s["text"].as_str().unwrap());
}

#[test]
fn jsonl_with_bad_lines_reports_file_and_line_and_keeps_the_rest() {
    let input = b"{\"id\":\"a\",\"text\":\"Troops crossed the border on Monday.\"}\nnot json at all\n{\"id\":\"b\",\"text\":\"Talks resumed.\"}\n";
    let out = run(&["annotate", "-"], Some(input));
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped record makes the exit status 1"
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "a");
    assert_eq!(docs[1]["id"], "b");
    let err = stderr(&out);
    assert!(err.contains("<stdin>:2: error: malformed JSON"), "{err}");

    let out = run(&["annotate", "--skip-bad", "-"], Some(input));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn invalid_utf8_empty_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 owners protested in the capital.").unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let p = |p: &Path| p.to_str().unwrap().to_string();

    let out = run(&["annotate", &p(&bad), &p(&empty)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert!(docs[0]["cleaned_text"]
        .as_str()
        .unwrap()
        .contains('\u{fffd}'));
    assert!(stderr(&out).contains(&format!("{}: warning: invalid UTF-8", p(&bad))));

    let out = run(&["annotate", "/nonexistent/story.txt", &p(&bad)], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json_lines(&out).len(),
        1,
        "the readable file is still processed"
    );
    assert!(stderr(&out).contains("/nonexistent/story.txt: error: cannot open"));
}

#[test]
fn oversized_article_is_rejected_with_a_clear_message() {
    let mut input = b"{\"text\":\"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 3000));
    input.extend_from_slice(b"\"}\n{\"text\":\"Short one.\"}\n");
    let out = run(
        &["annotate", "--max-article-bytes", "1000", "-"],
        Some(&input),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out).len(), 1);
    assert!(
        stderr(&out).contains("<stdin>:1: error: line of 3011 bytes exceeds the 1000-byte limit")
    );
}

#[test]
fn bad_published_date_is_a_usage_error() {
    let out = run(
        &[
            "annotate",
            "--published",
            "last tuesday",
            "examples/border-clash.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
}

#[test]
fn output_is_identical_with_one_thread_and_many() {
    let a = run(
        &["annotate", "--threads", "1", "examples/stories.jsonl"],
        None,
    );
    let b = run(
        &["annotate", "--threads", "4", "examples/stories.jsonl"],
        None,
    );
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    let docs = json_lines(&a);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "ex-sahel-ultimatum",
            "ex-ceasefire-talks",
            "ex-border-clash"
        ]
    );
    for d in &docs {
        assert_offsets_consistent(d);
    }
}

#[test]
fn code_prints_json_lines_in_the_event_schema() {
    let out = code_sahel_example(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Every line printed has exactly the fields of the schema (docs/events.md).
    for e in json_lines(&out) {
        let mut keys: Vec<&str> = e
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        let mut fields = dyad_doc::EVENT_FIELDS.to_vec();
        fields.sort_unstable();
        assert_eq!(keys, fields);
    }
}

#[test]
fn bench_prints_its_figures_as_json_on_the_last_line() {
    let out = run(
        &[
            "bench",
            "--corpus",
            "examples/stories.jsonl",
            "--threads",
            "1",
            "--repeat",
            "2",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["documents"], 6);
    assert!(last["tokens"].as_u64().unwrap() > 500);
    assert_eq!(last["threads"], 1);
    for stage in ["clean", "segment"] {
        assert!(last["stage_tokens_per_sec"][stage].as_f64().unwrap() > 0.0);
    }
    assert!(last["peak_rss_mb"].as_f64().unwrap() > 0.0);
}

#[test]
fn bench_load_serves_and_reports_as_json_on_the_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &[
            "bench",
            "--load",
            "--corpus",
            "examples/stories.jsonl",
            "--clients",
            "2",
            "--seconds",
            "0.5",
            "--store-events",
            "300",
            "--store-dir",
            dir.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert!(last["requests"].as_u64().unwrap() > 0);
    assert_eq!(last["errors"], 0);
    // 300 synthetic events and the stories' own.
    assert!(last["events"].as_u64().unwrap() > 300);
    // The corpus is the stories the database was built with: posted again, nothing is added.
    assert_eq!(last["ingest_articles"], 0);
    assert_eq!(last["ingest_errors"], 0);
    for key in ["requests_per_sec", "p50_ms", "p95_ms", "p99_ms", "max_ms"] {
        assert!(last[key].as_f64().is_some(), "{key}");
    }
    assert!(
        last["routes"]["GET /api/events"]["requests"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn eval_segment_scores_a_treebank_and_ends_with_json() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("tiny.conllu");
    std::fs::write(
        &gold,
        "# newdoc id = news-1\n# newpar\n# text = Rebels took the town.\n\
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
2\ttook\ttake\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n\
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
# text = They didn't stay.\n\
1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tstay\tstay\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let out = run(&["eval", "segment", "--gold", gold.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["sentence_f1"], 100.0);
    assert_eq!(last["token_f1"], 100.0);
}

/// `dyad annotate` of the seed article published 2023-08-05; None (with a message) without
/// ../shared.
fn seed_annotation() -> Option<Value> {
    let seed = repo().join("../shared/seeds/niger-wagner-article.txt");
    if !seed.exists() {
        eprintln!("skipping: {} is absent", seed.display());
        return None;
    }
    let out = run(
        &[
            "annotate",
            seed.to_str().unwrap(),
            "--published",
            "2023-08-05",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&out).into_iter().next()
}

/// The flagship article: headline once, the fused caption split off, sensible sentences.
#[test]
fn seed_article_is_cleaned_and_segmented() {
    let Some(d) = seed_annotation() else {
        return;
    };
    let removed = d["removed"].as_array().unwrap();
    let count = |reason: &str| removed.iter().filter(|r| r["reason"] == reason).count();
    assert_eq!(
        count("repeated_headline"),
        3,
        "the headline is printed four times"
    );
    assert_eq!(count("caption"), 1, "the fused photo caption is split off");
    let text = d["cleaned_text"].as_str().unwrap();
    assert_eq!(
        text.matches("Wagner group\n").count(),
        1,
        "headline kept once"
    );
    assert!(!text.contains("raising the Russian flag"));
    let sents = d["sentences"].as_array().unwrap();
    assert_eq!(sents.len(), 12);
    // The headline is its own sentence; "Russia's" splits into "Russia" + clitic "'s".
    let head: Vec<&str> = sents[0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        head,
        ["Niger", "soldiers", "ask", "for", "help", "from", "Russia", "'s", "Wagner", "group"]
    );
    // The sentence after the caption starts where the body resumes.
    assert!(sents.iter().any(|s| s["text"]
        .as_str()
        .unwrap()
        .starts_with("ECOWAS Commissioner, Abdel-Fatau Musah")));
    assert_offsets_consistent(&d);
}

#[test]
fn a_huge_single_line_is_rejected_under_the_default_limit_without_stopping_the_run() {
    // 12 MiB on one line: over the default 8 MiB per-article limit.
    let mut input = b"{\"id\":\"huge\",\"text\":\"".to_vec();
    input.extend(std::iter::repeat_n(b'x', 12 << 20));
    input.extend_from_slice(b"\"}\n{\"id\":\"next\",\"text\":\"The talks resumed.\"}\n");
    let out = run(&["annotate", "-"], Some(&input));
    assert_eq!(out.status.code(), Some(1));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "next");
    assert!(
        stderr(&out).contains("<stdin>:1: error: line of"),
        "{}",
        stderr(&out)
    );
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

#[test]
fn code_with_phoenix_dictionaries_gives_traceable_events() {
    let Some(dir) = shared("petrarch2") else {
        return;
    };
    let out = run(
        &[
            "code",
            "--no-builtin",
            "--dictionaries",
            dir.to_str().unwrap(),
            "examples/stories.jsonl",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = json_lines(&out);
    assert!(events.len() >= 5, "too few events: {}", events.len());
    for e in &events {
        // Traceable: a dictionary file and line, and evidence spans inside the sentence.
        assert!(e["rule"]["dictionary"].as_str().unwrap().ends_with(".txt"));
        assert!(e["rule"]["line"].as_u64().unwrap() > 0);
        let verb = &e["evidence"]["verb"];
        assert!(e["sentence"]
            .as_str()
            .unwrap()
            .contains(verb["text"].as_str().unwrap()));
        let q = e["quad_class"].as_u64().unwrap();
        let root: u64 = e["cameo_root"].as_str().unwrap().parse().unwrap();
        let expected_q = match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        assert_eq!(q, expected_q, "{e}");
        assert!(e["cameo"]
            .as_str()
            .unwrap()
            .starts_with(e["cameo_root"].as_str().unwrap()));
    }
    // The ultimatum story is dated; its events carry the publication date.
    assert!(events
        .iter()
        .any(|e| e["article_id"] == "ex-sahel-ultimatum" && e["date"] == "2023-07-31"));
}

#[test]
fn eval_petrarch_meets_the_conformance_target() {
    let Some(dir) = shared("universalpetrarch") else {
        return;
    };
    let records = dir.join("PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let report = tempfile::NamedTempFile::new().unwrap();
    let out = run(
        &[
            "eval",
            "petrarch",
            "--records",
            records.to_str().unwrap(),
            "--dictionaries",
            dir.to_str().unwrap(),
            "--report",
            report.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["records"], 281);
    assert!(last["exact_pct"].as_f64().unwrap() >= 90.0, "{last}");
    let md = std::fs::read_to_string(report.path()).unwrap();
    assert!(
        md.contains("## "),
        "the report explains failing records by category"
    );
}

/// Events of the seed article as an analyst codes them, with dyad's built-in dictionaries
/// only. The expectations are written here; the article is read from ../shared (its sentences
/// must not enter the repository).
#[test]
fn seed_article_codes_like_an_analyst() {
    let seed = repo().join("../shared/seeds/niger-wagner-article.txt");
    if !seed.exists() {
        eprintln!("skipping: {} is absent", seed.display());
        return;
    }
    let out = run(
        &["code", seed.to_str().unwrap(), "--published", "2023-08-05"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = json_lines(&out);
    let show: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} -> {} ({})",
                e["sentence_index"],
                e["cameo"].as_str().unwrap_or(""),
                e["source"]["code"].as_str().unwrap_or("?"),
                e["target"]["code"].as_str().unwrap_or("-"),
                e["evidence"]["verb"]["text"].as_str().unwrap_or("")
            )
        })
        .collect();
    let has = |cameo_prefix: &str, source: &str, target: &str| {
        events.iter().any(|e| {
            e["cameo"].as_str().unwrap_or("").starts_with(cameo_prefix)
                && e["source"]["code"] == source
                && e["target"]["code"] == target
        })
    };
    // The junta asked the Wagner group (a Russian military contractor) for military help.
    assert!(has("0232", "NERMIL", "RUSUAF"), "{show:#?}");
    // ECOWAS gave the soldiers who ousted the president a week to restore him: an ultimatum,
    // "On Sunday": 30 July 2023 for an article of Saturday 5 August.
    assert!(has("139", "IGOWAFWAS", "NERMIL"), "{show:#?}");
    let ultimatum = events
        .iter()
        .find(|e| e["cameo"] == "139")
        .unwrap_or_else(|| panic!("no ultimatum: {show:#?}"));
    assert_eq!(ultimatum["date"], "2023-07-30");
    assert_eq!(ultimatum["date_precision"], "day");
    assert_eq!(ultimatum["date_text"], "Sunday");
    // Nigeria's Senate advised the president of the country (Nigeria's, not Niger's).
    assert!(has("02", "NGALEG", "NGAGOV"), "{show:#?}");
    // General Salifou Modi, a leader of the coup, visited Mali, as the journalist told the AP.
    let visit = events
        .iter()
        .find(|e| e["cameo"] == "042" && e["source"]["code"] == "NERMIL")
        .unwrap_or_else(|| panic!("no visit: {show:#?}"));
    assert_eq!(visit["target"]["code"], "MLI");
    assert!(visit["attribution"]["speaker"]
        .as_str()
        .unwrap_or("")
        .contains("Nasr"));
    // ... and contacted an official of the Wagner company.
    assert!(has("04", "NERMIL", "RUSUAF"), "{show:#?}");
    // The soldiers overthrew President Bazoum: a coercive act by Niger's military against
    // the president they ousted (an ex-president on the article's date).
    assert!(
        events.iter().any(|e| e["quad_class"] == 4
            && e["source"]["code"] == "NERMIL"
            && e["target"]["code"]
                .as_str()
                .is_some_and(|t| t.starts_with("NERELI") || t.starts_with("NERGOV"))),
        "{show:#?}"
    );
    for e in &events {
        let codes = [&e["source"], &e["target"]];
        for a in codes {
            let text = a["text"].as_str().unwrap_or("");
            let code = a["code"].as_str().unwrap_or("");
            // Niger is not Nigeria, nor Nigeria Niger.
            if text.contains("Niger") && !text.contains("Nigeria") {
                assert!(!code.starts_with("NGA"), "{e}");
            }
            if text.contains("Nigeria") {
                assert!(!code.starts_with("NER"), "{e}");
            }
        }
        // Nothing from the photo caption fused into the text.
        assert!(!e["sentence"]
            .as_str()
            .unwrap_or("")
            .contains("raising the Russian flag"));
        // Dated by its own clause ("On Sunday", "A few days ago") or by the publication date.
        assert!(
            e["date"] == "2023-08-05" || e["date"] == "2023-07-30" || e["date"] == "2023-08-02",
            "{e}"
        );
        // Every event comes through the Associated Press, which the text names as its source.
        assert_eq!(e["attribution"]["outlet"], "Associated Press", "{e}");
        // Located: in Niger, Mali (the visit), Nigeria (its Senate) or the Wagner group's
        // Russia; never Niger's events in Nigeria.
        let place = e["location"]["country"].as_str().unwrap_or("");
        assert!(matches!(place, "NER" | "MLI" | "NGA" | "RUS"), "{e}");
        if e["source"]["code"] == "NERMIL" && e["cameo"] != "042" {
            assert_eq!(place, "NER", "{e}");
        }
        assert!(e["rule"]["dictionary"]
            .as_str()
            .unwrap_or("")
            .starts_with("builtin:"));
    }
    // The headline, printed four times, is coded once.
    let headline = events.iter().filter(|e| e["sentence_index"] == 0).count();
    assert!(headline <= 1, "{show:#?}");
    // The AP quoted the analyst as "claiming" the request: both reports of it are hedged and
    // carry him as the speaker ("This has been reported by the AP, which quoted X as
    // claiming ..." attributes the sentence before it too).
    let requests: Vec<&Value> = events.iter().filter(|e| e["cameo"] == "0232").collect();
    assert_eq!(requests.len(), 2, "{show:#?}");
    for r in &requests {
        assert_eq!(r["attribution"]["hedged"], true, "{r}");
        assert_eq!(r["attribution"]["cue"], "claiming", "{r}");
        assert_eq!(r["attribution"]["speaker"], "Wasim Nasr", "{r}");
    }
    // "He has claimed that the Wagner group has decided to investigate": the pronoun is the
    // analyst named before.
    let investigate = events
        .iter()
        .find(|e| e["source"]["code"] == "RUSUAF")
        .unwrap_or_else(|| panic!("no Wagner event: {show:#?}"));
    assert_eq!(investigate["attribution"]["speaker"], "Wasim Nasr");
    assert_eq!(investigate["attribution"]["hedged"], true);
    // The visit happened in Mali.
    assert_eq!(visit["location"]["country"], "MLI");
    // "the military leaders of West Africa have agreed to a plan to intervene militarily in
    // Niger": a threat of force (not an intervention), a few days before publication.
    let threat = events
        .iter()
        .find(|e| e["cameo"] == "138")
        .unwrap_or_else(|| panic!("no threat: {show:#?}"));
    assert_eq!(threat["target"]["code"], "NER");
    assert_eq!(threat["rule"]["transform"], "intent 190 -> 138");
    assert_eq!(threat["date_precision"], "approximate");
    assert_eq!(threat["location"]["name"], "Niger");
    assert_eq!(threat["location"]["basis"], "clause");
    assert!(!events.iter().any(|e| e["cameo_root"] == "19"), "{show:#?}");
    // The same request reported twice in the body is one event per sentence, not more.
    let mut sentences: Vec<u64> = requests
        .iter()
        .filter_map(|e| e["sentence_index"].as_u64())
        .collect();
    sentences.dedup();
    assert_eq!(sentences.len(), requests.len(), "{show:#?}");
}

#[test]
fn builtin_dictionaries_code_the_examples_and_check_clean() {
    let out = code_sahel_example(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let events = json_lines(&out);
    assert!(!events.is_empty(), "the README's main command codes events");
    // Nigeria's Senate advised President Tinubu (NGAGOV on this date).
    assert!(
        events
            .iter()
            .any(|e| e["source"]["code"] == "NGALEG" && e["target"]["code"] == "NGAGOV"),
        "{events:#?}"
    );
    let plover = code_sahel_example(&["--format", "plover"]);
    let records = json_lines(&plover);
    assert_eq!(records.len(), events.len());
    for (r, e) in records.iter().zip(&events) {
        assert_eq!(r["event_id"], e["id"]);
        assert_eq!(r["event_type"], e["plover"]["event"]);
        assert_eq!(r["cameo"], e["cameo"]);
    }
    assert!(records
        .iter()
        .any(|r| r["recipient_country"] == "NGA" && r["recipient_sector"][0] == "GOV"));

    let check = run(&["dict", "check"], None);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let last = last_json(&check);
    assert_eq!(last["problems"], 0);
    assert!(last["patterns"].as_u64().unwrap_or(0) > 500, "{last}");
}

#[test]
fn dict_check_reports_bad_files_by_line_and_actors_drafts_unknown_names() {
    let dir = std::env::temp_dir().join(format!("dyad-cli-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.dyad");
    std::fs::write(
        &bad,
        "actor a1\n  code: AAA\n  name: Aland\nactor a1\n  code: BBB\n  name: Aland\nverb v1\n  lemma: zap\n  pattern: * thing => 999\n",
    )
    .unwrap();
    let out = run(&["dict", "check", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("bad.dyad:4: duplicate id: actor a1"),
        "{text}"
    );
    assert!(text.contains("bad.dyad:6: conflict"), "{text}");
    assert!(
        text.contains("bad.dyad:9: 999 is not a CAMEO event code"),
        "{text}"
    );

    let story = dir.join("story.txt");
    std::fs::write(
        &story,
        "The journalist Ondrej Blatny said the talks had failed. Ondrej Blatny spoke in Prague.\n",
    )
    .unwrap();
    let out = run(&["actors", "--unknown", story.to_str().unwrap()], None);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        draft.contains("actor new.ondrej-blatny\n  code: ---MED\n  name: Ondrej Blatny"),
        "{draft}"
    );
    assert!(draft.contains("# 2 mention(s) in 1 document(s)"), "{draft}");
}

#[test]
fn eval_timex_on_meantime_meets_its_floor() {
    let Some(dir) = shared("meantime/intra-doc_annotation") else {
        return;
    };
    let out = run(&["eval", "timex", "--gold", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = last_json(&out);
    assert_eq!(last["documents"], 120);
    // Measured 95.1 / 89.5 (strict 90.3); the floors leave room for noise-free regressions only.
    assert!(last["relaxed_f1"].as_f64().unwrap_or(0.0) >= 94.5, "{last}");
    assert!(
        last["value_accuracy"].as_f64().unwrap_or(0.0) >= 88.5,
        "{last}"
    );
}

#[test]
fn eval_geo_on_geovirus_meets_its_floor() {
    let Some(file) = shared("geovirus/GeoVirus.xml") else {
        return;
    };
    let out = run(&["eval", "geo", "--gold", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = last_json(&out);
    assert_eq!(last["gold"], 2170);
    // Measured P 92.7, R 89.2, 77.6% within 161 km; the floors catch regressions.
    assert!(last["recall"].as_f64().unwrap_or(0.0) >= 88.5, "{last}");
    assert!(last["precision"].as_f64().unwrap_or(0.0) >= 92.0, "{last}");
    assert!(last["acc_161km"].as_f64().unwrap_or(0.0) >= 77.0, "{last}");
}

#[test]
fn seed_article_places_and_times() {
    let Some(doc) = seed_annotation() else {
        return;
    };
    let places = doc["places"].as_array().cloned().unwrap_or_default();
    let place = |text: &str| {
        places
            .iter()
            .find(|p| p["text"] == text)
            .unwrap_or_else(|| panic!("no place {text}: {places:#?}"))
            .clone()
    };
    // Abuja is Nigeria's capital; Niger is Niger, next to Nigeria.
    let abuja = place("Abuja");
    assert_eq!(abuja["country"], "NGA");
    assert_eq!(abuja["feature"], "capital");
    assert!((abuja["lat"].as_f64().unwrap_or(0.0) - 9.06).abs() < 0.2);
    assert_eq!(place("Niger")["country"], "NER");
    assert_eq!(place("Nigeria")["country"], "NGA");
    assert!(places.iter().all(|p| p["text"] != "Wagner"), "{places:#?}");
    let times = doc["times"].as_array().cloned().unwrap_or_default();
    let value = |text: &str| {
        times
            .iter()
            .find(|t| t["text"].as_str().is_some_and(|x| x.contains(text)))
            .map(|t| t["value"].clone())
            .unwrap_or_else(|| panic!("no time {text}: {times:#?}"))
    };
    assert_eq!(value("Saturday"), "2023-08-05");
    assert_eq!(value("Sunday"), "2023-07-30");
    assert_eq!(value("26th of last July"), "2023-07-26");
}

#[test]
fn ingest_is_idempotent_and_query_and_export_read_the_store() {
    let dir = std::env::temp_dir().join(format!("dyad-cli-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("events.db");
    let _ = std::fs::remove_file(&db);
    let db = db.to_str().unwrap();

    let first = run(&["ingest", "examples/stories.jsonl", "--db", db], None);
    assert!(first.status.success(), "{}", stderr(&first));
    let s = last_json(&first);
    let articles = s["articles_added"].as_u64().unwrap_or(0);
    let events = s["events_added"].as_u64().unwrap_or(0);
    assert!(articles >= 3 && events > 0, "{s}");
    // The same events `dyad code` prints.
    let coded = json_lines(&run(&["code", "examples/stories.jsonl"], None));
    assert_eq!(coded.len() as u64, events);

    // Again: nothing new, nothing run through the pipeline.
    let again = run(&["ingest", "examples/stories.jsonl", "--db", db], None);
    assert!(again.status.success(), "{}", stderr(&again));
    let s = last_json(&again);
    assert_eq!(s["articles_added"], 0, "{s}");
    assert_eq!(s["documents"], 0, "{s}");
    assert_eq!(s["db_events"].as_u64(), Some(events));

    // Query: every event as JSON Lines, in date order; filters narrow.
    let all = run(
        &["query", "--db", db, "--format", "jsonl", "--limit", "1000"],
        None,
    );
    assert!(all.status.success(), "{}", stderr(&all));
    let all = json_lines(&all);
    assert_eq!(all.len() as u64, events);
    let dates: Vec<&str> = all.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let code = all[0]["source"]["code"].as_str().unwrap_or("");
    let prefix = format!("{}*", &code[..3.min(code.len())]);
    let some = json_lines(&run(
        &["query", "--db", db, "--format", "jsonl", "--actor", &prefix],
        None,
    ));
    assert!(!some.is_empty() && some.len() <= all.len());
    assert!(some.iter().all(|e| {
        let p = &prefix[..prefix.len() - 1];
        e["source"]["code"].as_str().unwrap_or("").starts_with(p)
            || e["target"]["code"].as_str().unwrap_or("").starts_with(p)
    }));
    let hostile = run(
        &["query", "--db", db, "--actor", "X'; DROP TABLE events;--"],
        None,
    );
    assert!(hostile.status.success(), "{}", stderr(&hostile));
    assert_eq!(
        json_lines(&run(
            &["query", "--db", db, "--format", "jsonl", "--limit", "1000"],
            None
        ))
        .len(),
        all.len()
    );

    // Exports: GDELT's 61 tab-separated columns, CSV with a header, PLOVER records.
    let gdelt = run(&["export", "--db", db, "--format", "gdelt"], None);
    assert!(gdelt.status.success(), "{}", stderr(&gdelt));
    let rows = String::from_utf8_lossy(&gdelt.stdout).into_owned();
    assert_eq!(rows.lines().count() as u64, events);
    assert!(rows.lines().all(|l| l.split('\t').count() == 61), "{rows}");
    let csv = run(&["export", "--db", db, "--format", "csv"], None);
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout).lines().count() as u64,
        events + 1
    );
    let plover = json_lines(&run(&["export", "--db", db, "--format", "plover"], None));
    assert_eq!(plover.len() as u64, events);

    // A file that is not a dyad database is refused with a clear error.
    let bogus = dir.join("not-a-db.txt");
    std::fs::write(&bogus, "hello").unwrap();
    let bad = run(&["query", "--db", bogus.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not a dyad event database"),
        "{}",
        stderr(&bad)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
