//! Loads the real PETRARCH files from `../shared/data` (never copied into the
//! repository). Each test prints a message and passes when the data is absent.

use dyad_dict::{actors, agents, discards, issues, records, verbs, Diagnostic, DictDate};
use std::path::PathBuf;

const PETRARCH2: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch2"
);
const UNIVERSAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/universalpetrarch"
);

fn path(dir: &str, name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(dir).join(name);
    if p.exists() {
        Some(p)
    } else {
        println!("skipping: {} not found", p.display());
        None
    }
}

fn show(diags: &[Diagnostic]) {
    for d in diags {
        println!("{d}");
    }
}

fn d(s: &str) -> DictDate {
    DictDate::parse(s).expect("test date")
}

#[test]
fn cameo_2_0_verbs() {
    let Some(p) = path(PETRARCH2, "CAMEO.2.0.txt") else {
        return;
    };
    let (v, diags) = verbs::load_file(&p).unwrap();
    show(&diags);
    assert_eq!(v.format, verbs::VerbFormat::Petrarch2);
    assert_eq!(v.synsets.len(), 40);
    assert!(v.blocks.len() > 350, "{}", v.blocks.len());
    assert!(v.verb_count() > 1500);
    assert!(v.pattern_count() > 4000);
    assert_eq!(v.transformations.len(), 8);
    assert!(diags.len() < 20, "{} diagnostics", diags.len());

    let accel = v
        .blocks
        .iter()
        .find(|b| b.description == "ACCELERATE")
        .unwrap();
    assert_eq!(accel.code, "---");
    let hurry = accel.verbs.iter().find(|x| x.word == "HURRY").unwrap();
    assert!(hurry.irregular);
    assert!(hurry.forms.iter().any(|f| f.word == "HURRIED"));
    let ask = v.blocks.iter().find(|b| b.description == "ASK").unwrap();
    let ask_for = &ask.verbs[0];
    assert_eq!(
        (ask_for.word.as_str(), ask_for.after.as_slice()),
        ("ASK", &["FOR".to_string()][..])
    );
    assert_eq!(ask_for.code.as_deref(), Some("020"));
    assert!(v.form_index().contains_key("ASKED"));
    assert!(v
        .synset_phrases("CURRENCY")
        .iter()
        .any(|p| p == &["DOLLARS"]));
    // `- * (FOR {FINANCIAL AID}) [0231]`
    let p = ask
        .patterns
        .iter()
        .find(|p| p.text == "* (FOR {FINANCIAL AID})")
        .unwrap();
    assert_eq!(p.code, "0231");
    let verbs::PatternBody::Petrarch2(p2) = &p.body else {
        panic!()
    };
    let obj = &p2.post_preps[0].objects[0];
    assert_eq!(obj.head(), Some(&verbs::Term::Word("AID".into())));
    let t = &v.transformations[0];
    assert_eq!(t.pattern.verb, ["SAY"]);
}

#[test]
fn petrarch1_verb_patterns() {
    let Some(p) = path(PETRARCH2, "CAMEO.verbpatterns.150430.txt") else {
        return;
    };
    let (v, diags) = verbs::load_file(&p).unwrap();
    show(&diags);
    assert_eq!(v.format, verbs::VerbFormat::Petrarch1);
    assert!(v.blocks.len() > 350);
    assert!(v.pattern_count() > 10_000, "{}", v.pattern_count());
    assert!(diags.len() < 20);
    let explain = v
        .blocks
        .iter()
        .find(|b| b.description == "EXPLAIN_VERBAL")
        .unwrap();
    assert_eq!(explain.code, "010");
    let p = explain
        .patterns
        .iter()
        .find(|p| p.text.starts_with("^ $ * CONCERN OVER CLASHES"))
        .unwrap();
    let verbs::PatternBody::Petrarch1(p1) = &p.body else {
        panic!()
    };
    assert_eq!(p1.pre[0].term, verbs::Term::Skip);
    assert_eq!(p1.pre[1].term, verbs::Term::Source);
    assert_eq!(p1.post.last().unwrap().term, verbs::Term::Target);
}

#[test]
fn validation_verbs() {
    for (dir, name, fmt) in [
        (
            PETRARCH2,
            "PETR.Validate.verbs.txt",
            verbs::VerbFormat::Petrarch1,
        ),
        (
            UNIVERSAL,
            "PETR.Validate.verbs.txt",
            verbs::VerbFormat::Petrarch1,
        ),
        (
            UNIVERSAL,
            "PETR.Validate.verbs.2.0.txt",
            verbs::VerbFormat::Petrarch2,
        ),
    ] {
        let Some(p) = path(dir, name) else { continue };
        let (v, diags) = verbs::load_file(&p).unwrap();
        println!(
            "{name}: {} blocks, {} patterns",
            v.blocks.len(),
            v.pattern_count()
        );
        show(&diags);
        assert_eq!(v.format, fmt, "{name}");
        assert!(v.blocks.len() > 60, "{name}: {}", v.blocks.len());
        assert!(diags.len() < 10);
        // Embedded synsets: &ACCORDSYN contains &TIETYPES and &CURRENCY.
        let acc = v.synset_phrases("ACCORDSYN");
        assert!(acc.iter().any(|p| p == &["ECONOMIC"]), "{name}");
        assert!(acc.iter().any(|p| p == &["CLOSER"]));
    }
}

#[test]
fn phoenix_actors() {
    let Some(p) = path(PETRARCH2, "Phoenix.Countries.actors.txt") else {
        return;
    };
    let (a, diags) = actors::load_file(&p).unwrap();
    show(&diags);
    assert!(a.entries.len() > 15_000, "{}", a.entries.len());
    assert!(diags.len() < 20);
    let afg = &a
        .entries
        .iter()
        .find(|e| e.phrase.words == ["AFGHANISTAN"])
        .unwrap();
    assert_eq!(afg.default_code(), Some("AFG"));
    assert!(afg.synonyms.iter().any(|s| s.phrase.words == ["KABUL"]));
    // MOHAMMAD_ZAHIR_SHAH_: [AFGELI 320101-331108] [AFGGOV 331108-730717] [AFGELI 730717-070723]
    let shah = a
        .entries
        .iter()
        .find(|e| e.phrase.words == ["MOHAMMAD", "ZAHIR", "SHAH"])
        .unwrap();
    assert_eq!(shah.code_on(d("19500101")), Some("AFGGOV"));
    assert_eq!(shah.code_on(d("19800101")), Some("AFGELI"));
    assert_eq!(shah.code_on(d("20100101")), None);

    for name in [
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        let Some(p) = path(PETRARCH2, name) else {
            continue;
        };
        let (a, diags) = actors::load_file(&p).unwrap();
        show(&diags);
        assert!(a.entries.len() > 500, "{name}");
        assert!(diags.len() < 20);
    }
}

#[test]
fn validation_actors_dates() {
    for dir in [PETRARCH2, UNIVERSAL] {
        let Some(p) = path(dir, "PETR.Validate.actors.txt") else {
            continue;
        };
        let (a, diags) = actors::load_file(&p).unwrap();
        show(&diags);
        assert!(diags.is_empty());
        let find = |w: &[&str]| a.entries.iter().find(|e| e.phrase.words == w).unwrap();
        // Expected codes from the DATE-* validation records.
        let sam = find(&["SAM", "GAMGEE"]);
        assert_eq!(sam.code_on(d("19950104")), Some("HOBCIV"));
        assert_eq!(sam.code_on(d("20080119")), Some("HOBCIV"));
        assert_eq!(sam.code_on(d("20100106")), Some("HOBMIL"));
        assert_eq!(sam.code_on(d("20100109")), Some("ORCHOB"));
        assert_eq!(sam.code_on(d("20100112")), Some("ORCHOB"));
        assert_eq!(sam.code_on(d("20100113")), Some("HOBMIL"));
        assert_eq!(sam.code_on(d("20121231")), Some("HOBGOV"));
        let ham = find(&["HAMFAST", "GAMGEE"]);
        assert_eq!(ham.code_on(d("19950104")), Some("HOB"));
        assert_eq!(ham.code_on(d("20121109")), Some("HOBGOV"));
        assert_eq!(ham.code_on(d("20140104")), Some("HOB"));
        let gollum = find(&["GOLLUM"]);
        assert!(gollum
            .synonyms
            .iter()
            .any(|s| s.phrase.words == ["SMEAGOL"]));
        assert_eq!(gollum.code_on(d("19950101")), Some("HOB"));
        assert_eq!(gollum.code_on(d("19951101")), Some("HOBGOV"));
        assert_eq!(gollum.code_on(d("20010101")), Some("HOBREB"));
        let zim = find(&["ZIMBABWE"]);
        assert_eq!(zim.code_on(d("19781223")), Some("RHO"));
        assert_eq!(zim.code_on(d("20010101")), Some("ZBW"));
    }
}

#[test]
fn agents_files() {
    for (dir, name, min) in [
        (PETRARCH2, "Phoenix.agents.txt", 2000),
        (PETRARCH2, "PETR.Validate.agents.txt", 50),
        (UNIVERSAL, "PETR.Validate.agents.txt", 50),
    ] {
        let Some(p) = path(dir, name) else { continue };
        let (a, diags) = agents::load_file(&p).unwrap();
        show(&diags);
        assert!(a.entries.len() > min, "{name}: {}", a.entries.len());
        assert!(diags.len() < 10);
        let minister = a
            .entries
            .iter()
            .find(|e| e.phrase.words == ["FOREIGN", "MINISTER"])
            .unwrap();
        assert!(
            minister.code.starts_with("GOV"),
            "{name}: {}",
            minister.code
        );
        assert_eq!(minister.position, agents::CodePosition::Suffix);
        // A generated plural, or the !MINIST! expansion in Phoenix.
        assert!(a
            .entries
            .iter()
            .flat_map(|e| e.phrases())
            .any(|p| p.words == ["FOREIGN", "MINISTERS"]));
    }
    let Some(p) = path(PETRARCH2, "PETR.Validate.agents.txt") else {
        return;
    };
    let (a, _) = agents::load_file(&p).unwrap();
    let congress: Vec<String> = a
        .entries
        .iter()
        .filter(|e| e.marker.as_deref() == Some("PERSON"))
        .map(|e| e.phrase.text())
        .collect();
    assert!(congress.contains(&"CONGRESSWOMEN".to_string()));
    let body = a
        .entries
        .iter()
        .find(|e| e.phrase.words == ["HUMAN", "RIGHTS", "BODY"])
        .unwrap();
    assert_eq!(
        (body.code.as_str(), body.position),
        ("NGO", agents::CodePosition::Prefix)
    );
}

#[test]
fn discards_and_issues() {
    if let Some(p) = path(PETRARCH2, "Phoenix.discards.txt") {
        let (d, diags) = discards::load_file(&p).unwrap();
        show(&diags);
        assert!(d.entries.len() > 400);
        assert!(d.entries.iter().any(|e| e.story && e.words == ["ESPN2"]));
    }
    for dir in [PETRARCH2, UNIVERSAL] {
        if let Some(p) = path(dir, "PETR.Validate.discards.txt") {
            let (d, diags) = discards::load_file(&p).unwrap();
            assert!(diags.is_empty());
            assert!(d
                .entries
                .iter()
                .any(|e| e.story && e.words == ["WORLD", "GOLF", "CHAMPIONSHIPS"]));
        }
    }
    let Some(p) = path(PETRARCH2, "Phoenix.IssueCoding.txt") else {
        return;
    };
    let (i, diags) = issues::load_file(&p).unwrap();
    show(&diags);
    assert!(i.entries.len() > 2500);
    assert!(i.categories.len() > 40);
    assert!(diags.len() < 30);
    let teacher = i.entries.iter().find(|e| e.pattern == "N:TEACHER").unwrap();
    assert_eq!(teacher.code, "TEACHERS");
    assert_eq!(teacher.category.as_deref(), Some("EDUCATION"));
    assert_eq!(
        teacher.forms,
        [vec!["TEACHER".to_string()], vec!["TEACHERS".to_string()]]
    );
    assert!(i.ignores.iter().any(|g| g.words == ["OLIVE", "OIL"]));
}

#[test]
fn treebank_records() {
    let Some(p) = path(PETRARCH2, "PETR.UnitTest.records.xml") else {
        return;
    };
    let (f, diags) = records::load_file(&p).unwrap();
    show(&diags);
    assert!(diags.len() < 10, "{}", diags.len());
    let env = f.environment.as_ref().unwrap();
    assert_eq!(env.verb_files, ["PETR.Validate.verbs.txt"]);
    assert_eq!(env.actor_files, ["PETR.Validate.actors.txt"]);
    assert!(env.include.contains(&"DATE".to_string()));
    assert_eq!(f.records.len(), 284);
    let included = f
        .records
        .iter()
        .filter(|r| env.includes(r.category.as_deref().unwrap_or("")))
        .count();
    assert_eq!(included, 281);
    let events: usize = f.records.iter().map(|r| r.events.len()).sum();
    assert!(events > 350, "{events}");
    assert_eq!(f.records.iter().filter(|r| r.error.is_some()).count(), 7);
    let demo = &f.records[0];
    assert_eq!(
        (demo.id.as_str(), demo.date.as_str()),
        ("DEMO-00", "19950101")
    );
    assert_eq!(demo.category.as_deref(), Some("DEMO"));
    assert_eq!(demo.events[0].source, "ARN");
    assert_eq!(demo.events[0].code, "064");
    assert!(demo.parse.as_deref().unwrap().contains("(NNP Arnor)"));
    assert!(demo
        .text_normalized()
        .starts_with("Arnor is about to restore"));
    let date16 = f.records.iter().find(|r| r.id == "DATE-16").unwrap();
    assert_eq!(
        date16.config.get("require_dyad").map(String::as_str),
        Some("False")
    );
    let last = f.records.last().unwrap();
    assert_eq!(last.id, "FINAL-RECORD");
    assert!(last.noevents);
}

#[test]
fn conllu_records() {
    let Some(p) = path(
        UNIVERSAL,
        "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
    ) else {
        return;
    };
    let (f, diags) = records::load_file(&p).unwrap();
    show(&diags);
    assert!(diags.len() < 10);
    assert_eq!(f.records.len(), 284);
    let triples: usize = f.records.iter().map(|r| r.events.len()).sum();
    assert_eq!(triples, 349);
    assert_eq!(f.records.iter().filter(|r| r.noevents).count(), 19);
    assert_eq!(f.records.iter().filter(|r| r.error.is_some()).count(), 7);
    let demo = &f.records[0];
    assert_eq!(demo.id, "DEMO_00");
    assert_eq!(demo.category.as_deref(), Some("DEMO"));
    assert_eq!(demo.events[0].code, "050");
    assert!(demo
        .parse
        .as_deref()
        .unwrap()
        .contains("1\tArnor\tArnor\tPROPN"));
    assert!(f.records.iter().all(|r| r.date_parsed.is_some()));
}
