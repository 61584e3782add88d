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

/// What a system crash during a batch can leave, now that outputs are synced only at its end:
/// the journal's lines (no manifest yet) and an output that is empty or old. The next batch
/// replays the journal, finds that file's SHA-256 wrong, and makes it again.
#[test]
fn a_journal_line_whose_output_was_lost_is_rendered_again() {
    let dir = workspace("batch-crash");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let journal: String = manifest(&dir, "manifest.json")
        .iter()
        .map(|e| format!("{}\n", serde_json::json!({ "input": e["input"], "entries": [e] })))
        .collect();
    std::fs::write(dir.join("out/manifest.json.journal"), journal).expect("journal");
    std::fs::remove_file(dir.join("out/manifest.json")).expect("remove manifest");
    let seed = dir.join("out/CTOC_COP_WG.3_2021_1-zh.pdf");
    std::fs::write(&seed, b"").expect("empty the output");

    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 rendered, 1 already current"));
    assert!(std::fs::read(&seed).expect("seed") == render_example(EXAMPLE));
    for e in manifest(&dir, "manifest.json") {
        let pdf = dir.join("out").join(e["output"].as_str().expect("output"));
        assert_eq!(sha256sum(&pdf), e["output_sha256"].as_str().expect("sum"), "{pdf:?}");
    }
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
    for name in ["templates/un-a4.json", "templates/provisional-agenda.json", "data/zh.json", "data/en.json"]
    {
        let (_, digest) =
            assets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} is not fingerprinted"));
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, sha256sum(&root().join(name)), "{name}");
    }
    let digest = ctoc_press::engine_digest();
    assert_eq!(digest.len(), 64);
    assert_eq!(digest, ctoc_press::engine_digest());
}

/// Runs the command, killing it if it has not ended after two minutes: a guard against the
/// hangs some of these tests look for (a FIFO read as input), not a measure of speed.
fn ctoc_unhung(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ctoc-press");
    for _ in 0..1200 {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("ctoc-press {args:?} hung");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn collection_skips_fifos_loops_dangling_links_and_its_own_output() {
    let dir = workspace("batch-collect");
    let status = Command::new("mkfifo").arg(dir.join("inputs/fifo.json")).status().expect("mkfifo");
    assert!(status.success());
    std::os::unix::fs::symlink("..", dir.join("inputs/loop")).expect("symlink loop");
    std::os::unix::fs::symlink("nowhere.json", dir.join("inputs/gone.json")).expect("dangling symlink");
    for run in 0..2 {
        // `.` holds the output folder: its manifest must never be taken as an input.
        let out = ctoc_unhung(&["batch", ".", "--out-dir", "out"], &dir);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "run {run}: {stderr}");
        let expected =
            if run == 0 { "2 rendered, 0 already current" } else { "0 rendered, 2 already current" };
        assert!(stdout.contains(&format!("{expected}, 2 input(s) failed")), "run {run}: {stdout}\n{stderr}");
        assert!(stderr.contains("fifo.json: $: not a regular file"), "{stderr}");
        assert!(stderr.contains("gone.json: $: cannot read this path"), "{stderr}");
        assert!(stderr.contains("already searched (a symbolic link loop"), "{stderr}");
        assert!(!stderr.contains("manifest.json"), "the manifest was read as an input: {stderr}");
    }
    assert_eq!(manifest(&dir, "manifest.json").len(), 2);
}

/// Runs ctoc-press without the capabilities that let root read any folder, so that a folder
/// without read permission is unreadable to it as to any user.
fn ctoc_unprivileged(args: &[&str], dir: &Path) -> Output {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| text(&o.stdout).trim() == "0");
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--bounding-set=-dac_override,-dac_read_search", env!("CARGO_BIN_EXE_ctoc-press")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
    };
    command.args(args).current_dir(dir).output().expect("run ctoc-press (setpriv is needed as root)")
}

#[test]
fn an_unreadable_folder_is_named_and_the_others_are_rendered() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace("batch-unreadable");
    let locked = dir.join("inputs/locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::copy(root().join("examples/long-report.json"), locked.join("long-report.json")).expect("copy");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = ctoc_unprivileged(&["batch", "inputs", "--out-dir", "out"], &dir);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("locked: $: cannot read this folder: Permission denied"), "{stderr}");
    assert!(stdout.contains("2 rendered, 0 already current, 1 input(s) failed"), "{stdout}");
    assert_eq!(manifest(&dir, "manifest.json").len(), 2);
}

#[test]
fn a_huge_input_is_refused_from_its_size_without_being_read() {
    let dir = workspace("batch-huge");
    // 1.5 GB of nothing: a sparse file costs no disk, but reading it costs 1.5 GB of memory,
    // more than the address space the batch is given here.
    let huge = std::fs::File::create(dir.join("inputs/huge.json")).expect("create");
    huge.set_len(1_500_000_000).expect("set_len");
    let out = Command::new("sh")
        .args(["-c", "ulimit -v 1200000 && exec \"$0\" batch inputs --out-dir out"])
        .arg(env!("CARGO_BIN_EXE_ctoc-press"))
        .current_dir(&dir)
        .output()
        .expect("sh");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("huge.json: $: the file is 1500000000 bytes, larger than the limit of 8388608 bytes"),
        "{stderr}"
    );
    assert!(stdout.contains("2 rendered, 0 already current, 1 input(s) failed"), "{stdout}");
}

#[test]
fn a_file_that_is_not_utf8_is_a_bad_input() {
    let dir = workspace("batch-utf8");
    std::fs::write(dir.join("inputs/latin1.json"), b"{ \"symbol\": \"caf\xe9\" }").expect("write");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("latin1.json:1:17: $: the file is not UTF-8 text: byte 0xE9"), "{stderr}");
}

#[test]
fn inputs_are_keyed_by_their_canonical_path() {
    let dir = workspace("batch-keys");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out"], &dir);
    assert!(text(&out.stdout).contains("2 rendered, 0 already current"));
    for (i, name) in
        ["./inputs", "inputs/../inputs", "inputs/ctoc-cop-wg3-2021-1.json"].into_iter().enumerate()
    {
        let out = ctoc(&["batch", name, "inputs/typography-stress.json", "--out-dir", "out"], &dir);
        let stdout = text(&out.stdout);
        assert!(stdout.contains("0 rendered, 2 already current, 0 input(s) failed"), "{name}: {stdout}");
        assert!(out.status.success(), "{i}");
    }
    let inputs = std::fs::canonicalize(dir.join("inputs")).expect("canonical");
    for e in manifest(&dir, "manifest.json") {
        let input = PathBuf::from(e["input"].as_str().expect("input"));
        assert_eq!(input.parent(), Some(inputs.as_path()), "{input:?}");
    }
}

#[test]
fn jobs_must_be_at_least_one_and_are_capped() {
    let dir = workspace("batch-jobs");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--jobs", "0"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least one worker is needed"), "{}", text(&out.stderr));
    assert!(!dir.join("out").exists(), "a usage error renders nothing");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--jobs", "100000"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let note = format!("--jobs 100000 is more than four per core; {} workers are used", 4 * cores);
    assert!(text(&out.stderr).contains(&note), "{}", text(&out.stderr));
}

#[test]
fn of_two_inputs_with_one_symbol_the_first_is_rendered_and_the_second_writes_nothing() {
    let dir = workspace("batch-clash");
    std::fs::remove_file(dir.join("inputs/typography-stress.json")).expect("rm");
    // b.json has the seed's symbol and far more text, so that it would finish, and write the
    // shared file, last.
    let seed = read(EXAMPLE);
    std::fs::write(dir.join("inputs/a.json"), &seed).expect("write");
    let long: serde_json::Value = serde_json::from_str(&read("examples/long-report.json")).expect("json");
    let mut b = long.clone();
    b["symbol"] = serde_json::json!("CTOC/COP/WG.3/2021/1");
    std::fs::write(dir.join("inputs/b.json"), b.to_string()).expect("write");
    std::fs::remove_file(dir.join("inputs/ctoc-cop-wg3-2021-1.json")).expect("rm");

    let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--jobs", "2"], &dir);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("1 rendered, 0 already current, 1 input(s) failed"), "{stdout}");
    assert!(
        stderr
            .contains("b.json: $.symbol: this description would write CTOC_COP_WG.3_2021_1-zh.pdf, as does")
    );
    assert!(stderr.contains("a.json, which comes first in sorted order and keeps it"), "{stderr}");
    let pdf = dir.join("out/CTOC_COP_WG.3_2021_1-zh.pdf");
    assert!(std::fs::read(&pdf).expect("the first input's output") == render_example(EXAMPLE));
    let entries = manifest(&dir, "manifest.json");
    assert_eq!(entries.len(), 1);
    assert!(entries[0]["input"].as_str().expect("input").ends_with("a.json"));
}

#[test]
fn a_document_that_crashes_the_renderer_does_not_stop_the_batch() {
    // A document symbol in an organization-of-work cell once made the PDF writer panic. Fixed
    // or not, the batch must render the others, write its manifest, and not crash.
    let dir = workspace("batch-crash");
    let mut crash: serde_json::Value = serde_json::from_str(&read(EXAMPLE)).expect("json");
    crash["symbol"] = serde_json::json!("CTOC/COP/WG.3/2021/99");
    crash["organization_of_work"][0]["sessions"][1]["items"][0]["title"]["zh"] =
        serde_json::json!("最后确定并通过建议（CTOC/COP/WG.3/2020/4）");
    std::fs::write(dir.join("inputs/crash.json"), crash.to_string()).expect("write");
    let out = ctoc(&["batch", "inputs", "--out-dir", "out", "--jobs", "1"], &dir);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    match out.status.code() {
        Some(0) => assert!(stdout.contains("3 rendered, 0 already current, 0 input(s) failed"), "{stdout}"),
        Some(1) => {
            assert!(stdout.contains("2 rendered, 0 already current, 1 input(s) failed"), "{stdout}");
            assert!(stderr.contains("crash.json: internal error while rendering"), "{stderr}");
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
    let entries = manifest(&dir, "manifest.json");
    for name in ["ctoc-cop-wg3-2021-1.json", "typography-stress.json"] {
        assert!(entries.iter().any(|e| e["input"].as_str().is_some_and(|i| i.ends_with(name))), "{name}");
    }
}
