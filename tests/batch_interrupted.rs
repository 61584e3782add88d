//! Batches that share a folder or are killed: two batches started together on one folder both
//! succeed and lose nothing, and a batch killed at any point resumes, rendering only what it
//! had not finished, leaving only whole PDFs and a valid manifest.

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn ctoc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder with `count` descriptions in `name/inputs/`: the seed example, each with its
/// own symbol (…/2021/`first`, …/2021/`first + 1`, …).
fn inputs(name: &str, first: usize, count: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inputs")).expect("mkdir");
    let mut seed: serde_json::Value = serde_json::from_str(&read(EXAMPLE)).expect("seed");
    for n in first..first + count {
        seed["symbol"] = serde_json::json!(format!("CTOC/COP/WG.3/2021/{n}"));
        std::fs::write(dir.join(format!("inputs/doc-{n:03}.json")), seed.to_string()).expect("write");
    }
    dir
}

/// The manifest's entries, each checked against the file it names.
fn checked_manifest(out: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(out.join("manifest.json")).expect("manifest");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).expect("the manifest is valid JSON");
    for e in &entries {
        let pdf = std::fs::read(out.join(e["output"].as_str().expect("output"))).expect("the output exists");
        let sum: String = Sha256::digest(&pdf).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(Some(sum.as_str()), e["output_sha256"].as_str(), "{e}");
    }
    entries
}

fn input_names(entries: &[serde_json::Value]) -> BTreeSet<String> {
    entries
        .iter()
        .filter_map(|e| Path::new(e["input"].as_str()?).file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect()
}

#[test]
fn two_batches_on_one_folder_both_succeed_and_lose_nothing() {
    // inputs/doc-001 is rendered by both batches; doc-002 only by the first, doc-003 only by
    // the second. They once collided on temporary names and the last manifest replaced the
    // other's.
    let dir = inputs("batch-concurrent", 1, 3);
    let first = ["inputs/doc-001.json", "inputs/doc-002.json"];
    let second = ["inputs/doc-001.json", "inputs/doc-003.json"];
    for trial in 0..50 {
        let out = format!("out-{trial}");
        let spawn = |files: &[&str]| {
            ctoc()
                .arg("batch")
                .args(files)
                .args(["--out-dir", &out])
                .current_dir(&dir)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run ctoc-press")
        };
        let (a, b) = (spawn(&first), spawn(&second));
        for run in [a.wait_with_output().expect("wait"), b.wait_with_output().expect("wait")] {
            assert!(run.status.success(), "trial {trial}: {}", text(&run.stderr));
            assert!(text(&run.stdout).contains("0 input(s) failed"), "trial {trial}: {}", text(&run.stdout));
        }
        let entries = checked_manifest(&dir.join(&out));
        let expected: BTreeSet<String> =
            ["doc-001.json", "doc-002.json", "doc-003.json"].map(String::from).into();
        assert_eq!(input_names(&entries), expected, "trial {trial}");
        assert_eq!(entries.len(), 3, "trial {trial}");
    }
}

/// The inputs recorded as finished in `out`: in the manifest or its journal (a torn last line
/// of the journal records nothing).
fn finished(out: &Path) -> BTreeSet<String> {
    let mut done = BTreeSet::new();
    if let Ok(text) = std::fs::read_to_string(out.join("manifest.json")) {
        let entries: Vec<serde_json::Value> =
            serde_json::from_str(&text).expect("the manifest is valid JSON");
        done.extend(input_names(&entries));
    }
    if let Ok(text) = std::fs::read_to_string(out.join("manifest.json.journal")) {
        for line in text.lines() {
            if let Ok(line) = serde_json::from_str::<serde_json::Value>(line) {
                done.extend(
                    line["input"]
                        .as_str()
                        .and_then(|i| Some(Path::new(i).file_name()?.to_string_lossy().into_owned())),
                );
            }
        }
    }
    done
}

#[test]
fn a_killed_batch_resumes_with_only_whole_pdfs_and_renders_only_what_was_unfinished() {
    const INPUTS: usize = 200;
    let dir = inputs("batch-killed", 1, INPUTS);
    let out = dir.join("out");
    for target in [10, 60, 150] {
        let mut child = ctoc()
            .args(["batch", "inputs", "--out-dir", "out"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run ctoc-press");
        // Wait until the record shows `target` documents finished, then SIGKILL.
        while finished(&out).len() < target {
            assert!(child.try_wait().expect("wait").is_none(), "the batch ended before {target} were done");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        for entry in std::fs::read_dir(&out).expect("out") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "pdf") {
                let pdf = std::fs::read(&path).expect("read");
                assert!(
                    pdf.starts_with(b"%PDF-") && pdf.trim_ascii_end().ends_with(b"%%EOF"),
                    "{path:?} is not whole"
                );
            }
        }
    }
    let done = finished(&out);
    assert!(done.len() >= 150 && done.len() < INPUTS, "{} of {INPUTS} recorded after the kills", done.len());

    let rerun = ctoc().args(["batch", "inputs", "--out-dir", "out"]).current_dir(&dir).output().expect("run");
    assert!(rerun.status.success(), "{}", text(&rerun.stderr));
    let summary =
        format!("{} rendered, {} already current, 0 input(s) failed", INPUTS - done.len(), done.len());
    assert!(text(&rerun.stdout).contains(&summary), "{} instead of {summary}", text(&rerun.stdout));

    let entries = checked_manifest(&out);
    assert_eq!(entries.len(), INPUTS);
    let mut others = Vec::new();
    for entry in std::fs::read_dir(&out).expect("out") {
        let path = entry.expect("entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".pdf") {
            let (ok, report) = tool("qpdf", &["--check"], &path);
            assert!(ok, "{name}: {report}");
        } else {
            others.push(name);
        }
    }
    // Nothing temporary remains: only the PDFs, the manifest and the lock files (the journal
    // is folded into the manifest when a batch ends).
    others.sort();
    assert_eq!(others, ["batch.lock", "manifest.json", "manifest.json.lock"]);
}
