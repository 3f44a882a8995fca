//! dyad's built-in dictionaries (crates/dyad-knowledge): they load without a problem, and the
//! facts every analyst relies on come out right. Parses are written by hand so that these
//! tests check the dictionaries, not the parser.

use dyad_code::conformance::document_from_conllu;
use dyad_code::{Coder, CoderOptions, Dictionaries};

fn builtin() -> &'static Dictionaries {
    static D: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
    D.get_or_init(Dictionaries::builtin)
}

/// Actor codes found in a one-sentence parse of (form, upos, head, deprel) rows.
fn actors(rows: &[(&str, &str, u32, &str)], date: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    for (i, (f, u, h, r)) in rows.iter().enumerate() {
        text.push_str(&format!("{}\t{f}\t{f}\t{u}\t_\t_\t{h}\t{r}\t_\t_\n", i + 1));
    }
    let date: jiff::civil::Date = date.parse().expect("test date");
    let mut doc = document_from_conllu("t", &text, Some(date)).expect("test parse");
    Coder::new(builtin(), CoderOptions::default()).code(&mut doc);
    doc.actors
        .iter()
        .map(|a| (a.text.clone(), a.code.clone().unwrap_or_default()))
        .collect()
}

fn code_of(word: &str, date: &str) -> String {
    actors(&[(word, "PROPN", 0, "root")], date)
        .into_iter()
        .find(|(t, _)| t == word)
        .map(|(_, c)| c)
        .unwrap_or_default()
}

#[test]
fn builtin_dictionaries_load_without_problems() {
    let d = builtin();
    assert!(d.diagnostics().is_empty(), "{:?}", d.diagnostics());
    let texts: Vec<(String, &str)> = dyad_knowledge::files().collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let (native, diags) = dyad_dict::native::read(&refs);
    assert!(diags.is_empty(), "{diags:?}");
    let problems = dyad_dict::native::check(&native);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        native.actors.entries.len() > 500,
        "{}",
        native.actors.entries.len()
    );
}

#[test]
fn niger_is_not_nigeria() {
    let d = "2023-08-05";
    assert_eq!(code_of("Niger", d), "NER");
    assert_eq!(code_of("Nigeria", d), "NGA");
    assert_eq!(code_of("Nigerien", d), "NER");
    assert_eq!(code_of("Nigerian", d), "NGA");
    assert_eq!(code_of("Niamey", d), "NERGOV");
    assert_eq!(code_of("Abuja", d), "NGAGOV");
    assert_eq!(code_of("Mali", d), "MLI");
    assert_eq!(code_of("ECOWAS", d), "IGOWAFWAS");
}

#[test]
fn a_short_acronym_matches_only_in_capitals() {
    let d = "2023-08-05";
    assert_eq!(code_of("UN", d), "IGOUNO");
    assert_eq!(code_of("un", d), "");
    assert_eq!(code_of("us", d), "");
}

#[test]
fn codes_follow_the_article_date() {
    // The Taliban were insurgents until they took Kabul on 15 August 2021.
    assert_eq!(code_of("Taliban", "2019-01-01"), "AFGINS");
    assert_eq!(code_of("Taliban", "2023-01-01"), "AFGGOV");
}

#[test]
fn a_user_folder_overrides_the_builtin_entries() {
    let dir = std::env::temp_dir().join(format!("dyad-builtin-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("mine.actors.txt"), "NIGER [XYZ]\n").expect("write");
    std::fs::write(
        dir.join("mine.dyad"),
        "actor my.niamey\n  code: XYZGOV\n  name: Niamey\n",
    )
    .expect("write");
    let merged = Dictionaries::load_with(true, Some(&dir)).expect("load");
    let alone = Dictionaries::load_with(false, Some(&dir)).expect("load");
    let _ = std::fs::remove_dir_all(&dir);
    let code = |d: &Dictionaries, w: &str| {
        let text = format!("1\t{w}\t{w}\tPROPN\t_\t_\t0\troot\t_\t_\n");
        let date: jiff::civil::Date = "2023-08-05".parse().expect("date");
        let mut doc = document_from_conllu("t", &text, Some(date)).expect("parse");
        Coder::new(d, CoderOptions::default()).code(&mut doc);
        doc.actors.first().and_then(|a| a.code.clone())
    };
    assert_eq!(code(&merged, "Niger").as_deref(), Some("XYZ"));
    assert_eq!(code(&merged, "Niamey").as_deref(), Some("XYZGOV"));
    // Everything the user did not claim is still built in.
    assert_eq!(code(&merged, "Nigeria").as_deref(), Some("NGA"));
    assert_eq!(code(&alone, "Nigeria"), None);
}
