//! The dashboard in a real browser: `dyad ingest` builds a database from the example stories
//! (and one article whose title and text carry markup), `dyad serve` serves it on an ephemeral
//! loopback port, and crates/dyad-serve/web/e2e/dashboard.mjs drives headless Chromium through
//! it with playwright-core (see that script for what is checked). A screenshot of the event
//! view is saved in the test's temporary folder and, when `DYAD_ARTIFACTS` names a folder, there
//! as `dashboard.png`.
//!
//! Needs Node.js, Chromium (`/usr/bin/chromium` or `CHROMIUM`), the dashboard built into the
//! binary and playwright-core installed in crates/dyad-serve/web (the build's `npm ci` does
//! that). Without them the test says what is missing and passes, unless
//! `DYAD_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes a missing piece a failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What the browser test needs and lacks.
fn missing(web: &Path, chromium: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if !dyad_serve::assets::DASHBOARD_BUILT {
        out.push("the dashboard (npm was missing when dyad was built)".to_string());
    }
    if Command::new("node").arg("--version").output().is_err() {
        out.push("Node.js (`node`)".to_string());
    }
    if !web
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        out.push(format!(
            "playwright-core in {} (run `npm ci` there)",
            web.display()
        ));
    }
    if !chromium.is_file() {
        out.push(format!(
            "Chromium at {} (Debian: apt-get install chromium; or set CHROMIUM)",
            chromium.display()
        ));
    }
    out
}

#[test]
fn dashboard_works_in_headless_chromium() {
    let web = repo().join("crates/dyad-serve/web");
    let chromium =
        PathBuf::from(std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()));
    let lacking = missing(&web, &chromium);
    if !lacking.is_empty() {
        let msg = format!("browser test needs {}", lacking.join(", "));
        if std::env::var_os("DYAD_REQUIRE_BROWSER").is_some_and(|v| v != "0") {
            panic!("{msg}");
        }
        eprintln!("skipping: {msg}");
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.jsonl");
    let article = serde_json::json!({
        "id": "test-hostile",
        "title": "Police <img src=x onerror=\"window.__xss=1\"> report",
        "url": "javascript:window.__xss=3",
        "outlet": "Example Wire",
        "published": "2024-03-09",
        "text": "Police arrested 12 protesters in Khartoum on Friday, the <img src=x onerror=\"window.__xss=1\"> ministry said. <script>window.__xss=2</script>",
    });
    std::fs::write(&hostile, format!("{article}\n")).unwrap();
    let db = dir.path().join("dashboard.db");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("ingest")
        .arg(repo().join("examples/stories.jsonl"))
        .arg(&hostile)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    // "dyad: serving <db> on http://ADDR"
    let mut url = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if let Some(i) = line.find("http://") {
            url = Some(line[i..].trim().to_string());
            break;
        }
    }
    let url = url.expect("dyad serve printed its address");

    let shot = dir.path().join("dashboard.png");
    let started = Instant::now();
    let out = Command::new("node")
        .arg(web.join("e2e/dashboard.mjs"))
        .arg("--url")
        .arg(&url)
        .arg("--screenshot")
        .arg(&shot)
        .arg("--chromium")
        .arg(&chromium)
        .current_dir(&web)
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dashboard check failed after {:?}:\n{stdout}\n{stderr}",
        started.elapsed()
    );
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap_or(""))
        .unwrap_or_else(|e| panic!("the check's last line is its JSON report ({e}): {stdout}"));
    assert_eq!(report["ok"], true);
    assert!(report["timeline_points"].as_u64().unwrap() > 0);
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    if let Some(artifacts) = std::env::var_os("DYAD_ARTIFACTS") {
        let artifacts = PathBuf::from(artifacts);
        std::fs::create_dir_all(&artifacts).unwrap();
        std::fs::write(artifacts.join("dashboard.png"), &png).unwrap();
        eprintln!("screenshot: {}", artifacts.join("dashboard.png").display());
    }
    eprintln!("dashboard check: {stdout} in {:?}", started.elapsed());
}
