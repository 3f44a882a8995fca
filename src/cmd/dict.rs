//! `dyad dict check`: validate dictionary files (dyad's `.dyad` format or PETRARCH's) and
//! report malformed lines, duplicate ids, conflicting phrases and unknown CAMEO codes as
//! `file:line: reason`. The last line is one JSON object with the counts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dyad_dict::native::{self, Kind};
use dyad_dict::Diagnostic;
use serde::Serialize;

#[derive(clap::Subcommand, Debug)]
pub enum DictCommand {
    /// Check dictionary files or folders (default: the built-in dictionaries); exit 1 when a
    /// problem is found
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// `.dyad` files, PETRARCH dictionary files, or folders of them
    pub paths: Vec<String>,
    /// Check the given files together with the built-in dictionaries (shows which built-in
    /// entries they override as conflicts)
    #[arg(long)]
    pub with_builtin: bool,
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    entries: usize,
    actors: usize,
    agents: usize,
    verbs: usize,
    patterns: usize,
    problems: usize,
}

pub fn run(cmd: DictCommand) -> Result<ExitCode> {
    match cmd {
        DictCommand::Check(a) => check(a),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let mut native_paths: Vec<PathBuf> = Vec::new();
    let mut petrarch: Vec<PathBuf> = Vec::new();
    for p in &args.paths {
        let path = Path::new(p);
        if path.is_dir() {
            native_paths
                .extend(dyad_code::native_files(path).with_context(|| format!("cannot list {p}"))?);
            petrarch.push(path.to_path_buf());
        } else if path.extension().is_some_and(|x| x == "dyad") {
            native_paths.push(path.to_path_buf());
        } else if path.exists() {
            petrarch.push(path.to_path_buf());
        } else {
            anyhow::bail!("{p}: no such file or folder");
        }
    }
    let builtin = args.paths.is_empty() || args.with_builtin;
    let mut texts: Vec<(String, String)> = Vec::new();
    if builtin {
        texts.extend(dyad_knowledge::files().map(|(n, t)| (n, t.to_string())));
    }
    for p in &native_paths {
        let text =
            dyad_dict::read_text(p).with_context(|| format!("cannot read {}", p.display()))?;
        texts.push((p.display().to_string(), text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (dict, mut problems) = native::read(&refs);
    problems.extend(native::check(&dict));
    for e in &dict.entries {
        for (code, line) in &e.codes {
            if let Some(reason) = bad_code(e.kind, code) {
                problems.push(Diagnostic::new(&e.file, *line, reason));
            }
        }
    }
    let mut summary = Summary {
        files: texts.len(),
        entries: dict.entries.len(),
        actors: dict
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Actor)
            .count(),
        agents: dict
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Agent)
            .count(),
        verbs: dict.verbs.blocks.iter().map(|b| b.verbs.len()).sum(),
        patterns: dict.verbs.pattern_count(),
        problems: 0,
    };
    for p in &petrarch {
        let files = if p.is_dir() {
            dyad_code::DictionaryFiles::from_dir(p)
                .with_context(|| format!("cannot list {}", p.display()))?
        } else {
            petrarch_file(p)
        };
        let d = dyad_code::Dictionaries::load(&files).map_err(|e| anyhow::anyhow!("{e}"))?;
        summary.files += files.verbs.len()
            + files.actors.len()
            + files.agents.len()
            + files.discards.len()
            + files.issues.len();
        problems.extend(d.diagnostics().iter().cloned());
    }
    for p in &problems {
        println!("{p}");
    }
    summary.problems = problems.len();
    println!("{}", serde_json::to_string(&summary)?);
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A PETRARCH file named on the command line, classified by its name like a folder's files.
fn petrarch_file(p: &Path) -> dyad_code::DictionaryFiles {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut f = dyad_code::DictionaryFiles::default();
    let list = if name.contains("actor") {
        &mut f.actors
    } else if name.contains("agent") {
        &mut f.agents
    } else if name.contains("discard") {
        &mut f.discards
    } else if name.contains("issue") {
        &mut f.issues
    } else {
        &mut f.verbs
    };
    list.push(p.to_path_buf());
    f
}

/// Why a code is not one the coder can use, if it is not.
fn bad_code(kind: Kind, code: &str) -> Option<String> {
    match kind {
        Kind::Verb => {
            for part in code.split(':').filter(|c| !c.is_empty()) {
                if part != "---" && dyad_code::cameo::lookup(part).is_none() {
                    return Some(format!(
                        "{part} is not a CAMEO event code (see ../shared/data/cameo/codes.tsv)"
                    ));
                }
            }
            None
        }
        Kind::Actor => {
            (code != "---" && (code.len() < 3 || !code.len().is_multiple_of(3))).then(|| {
                format!(
                    "actor code {code} should be groups of three letters (NER, NERGOV, IGOWAFWAS)"
                )
            })
        }
        Kind::Agent => (code.len() != 3)
            .then(|| format!("role code {code} should be three letters (GOV, MIL, REB, ...)")),
        _ => None,
    }
}
