//! Batch runs through the CLI: parallel rendering into one folder, a manifest whose SHA-256
//! sums match the files (checked with coreutils' sha256sum), skipping of current outputs,
//! re-rendering of changed inputs, a bad input that does not stop the others, and shards that
//! split the inputs between them.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ctoc(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run ctoc-press")
}

/// A fresh work folder with copies of the examples in `inputs/`.
fn workspace(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inputs")).expect("mkdir");
    for f in ["ctoc-cop-wg3-2021-1.json", "typography-stress.json"] {
        std::fs::copy(root().join("examples").join(f), dir.join("inputs").join(f)).expect("copy example");
    }
    dir
}

fn manifest(dir: &Path, name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("out").join(name)).expect("manifest written");
    serde_json::from_str::<serde_json::Value>(&text)
        .expect("manifest JSON")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn sha256sum(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().expect("sha256sum");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or_default().to_string()
}

#[test]
fn a_batch_renders_records_and_skips_what_is_current() {
    let dir = workspace("batch-main");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--jobs", "2"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 rendered, 0 already current"));

    let entries = manifest(&dir, "manifest.json");
    assert_eq!(entries.len(), 2);
    for e in &entries {
        let pdf = dir.join("out").join(e["output"].as_str().expect("output"));
        assert_eq!(sha256sum(&pdf), e["output_sha256"].as_str().expect("sum"), "{pdf:?}");
        assert!(e["pages"].as_u64().expect("pages") >= 3);
    }
    // The batch makes the same bytes as a single render.
    let seed = dir.join("out/CTOC_COP_WG.3_2021_1-zh.pdf");
    assert!(std::fs::read(&seed).expect("seed output") == render_example(EXAMPLE));

    // A second run finds everything current and touches nothing.
    let before = std::fs::metadata(&seed).and_then(|m| m.modified()).expect("mtime");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 rendered, 2 already current"));
    assert_eq!(std::fs::metadata(&seed).and_then(|m| m.modified()).expect("mtime"), before);

    // A changed input is rendered again, the other is not.
    let input = dir.join("inputs/typography-stress.json");
    let text = std::fs::read_to_string(&input)
        .expect("read")
        .replace("排版压力测试工作组", "排版压力测试第二工作组");
    std::fs::write(&input, text).expect("write");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 rendered, 1 already current"));

    // A damaged output is noticed and made again.
    std::fs::write(&seed, b"not a pdf").expect("damage");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 rendered, 1 already current"));
    assert!(std::fs::read(&seed).expect("seed").starts_with(b"%PDF-"));
}

#[test]
fn a_bad_input_does_not_stop_the_batch() {
    let dir = workspace("batch-bad");
    std::fs::write(dir.join("inputs/broken.json"), "{ \"kind\": \"provisional-agenda\", ").expect("write");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert_eq!(out.status.code(), Some(2), "a bad input makes exit code 2");
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.json"));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 rendered, 0 already current, 1 input(s) failed")
    );
    assert_eq!(manifest(&dir, "manifest.json").len(), 2);
}

#[test]
fn shards_split_the_inputs() {
    let dir = workspace("batch-shards");
    std::fs::copy(root().join("examples/long-report.json"), dir.join("inputs/long-report.json"))
        .expect("copy");
    let mut all = Vec::new();
    for k in 1..=2 {
        let shard = format!("{k}/2");
        let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--shard", &shard], &dir);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let entries = manifest(&dir, &format!("manifest-{k}-of-2.json"));
        assert!(!entries.is_empty());
        all.extend(entries.iter().map(|e| e["input"].as_str().unwrap_or_default().to_string()));
    }
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "no input is in two shards");
    assert_eq!(all.len(), 3, "every input is in a shard");
    let bad = ctoc(&["batch", "inputs", "--out-dir", "out", "--shard", "3/2"], &dir);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_engine_fingerprint_covers_templates_and_language_data() {
    // A batch re-renders when the build's templates or language data change, not only its
    // version: the fingerprint hashes the embedded files, which are those on disk.
    let assets = ctoc_press::template::asset_digests();
    for name in ["templates/provisional-agenda.json", "data/zh.json", "data/en.json"] {
        let (_, digest) =
            assets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} is not fingerprinted"));
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, sha256sum(&root().join(name)), "{name}");
    }
    let digest = ctoc_press::engine_digest();
    assert_eq!(digest.len(), 64);
    assert_eq!(digest, ctoc_press::engine_digest());
}
