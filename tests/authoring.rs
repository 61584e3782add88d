//! The author's side (issue 15): every problem of a file in one run, drawn as a compiler
//! draws it; a schema editors can use (`$schema`, descriptions, examples); `new` for every
//! document kind; `watch`; `--lang all`.

#[path = "common/cli.rs"]
mod cli;
mod common;

use cli::{bin, run_to_end};
use common::{read, root};
use ctoc_press::{Error, Lang};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn problems(source: &str) -> Vec<ctoc_press::Problem> {
    match ctoc_press::parse(source) {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(p)) => p,
        Err(e) => panic!("not an input error: {e}"),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// One run names a missing field, a bad date, a bad language code, a type error and an
/// unknown field, each with its line, column and path.
#[test]
fn five_sorts_of_problem_in_one_run() {
    let found = problems(&read("tests/bad_inputs/five-sorts-of-problem.json"));
    let place = |path: &str, start: &str| {
        found
            .iter()
            .find(|p| p.path == path && p.message.starts_with(start))
            .map(|p| (p.line, p.column))
            .unwrap_or_else(|| panic!("no `{start}…` at {path} in {found:#?}"))
    };
    assert_eq!(place("$", "missing field `distribution`"), (Some(1), Some(1)));
    assert_eq!(place("$.date_of_issue", "`2020-12-32` is not a calendar date"), (Some(4), Some(20)));
    assert_eq!(place("$.body.cn", "unknown language code `cn`"), (Some(13), Some(5)));
    assert_eq!(place("$.meeting.number", "invalid type: string \"twelve\""), (Some(19), Some(15)));
    assert_eq!(place("$.meeting.plaec", "unknown field `plaec`"), (Some(24), Some(5)));
    assert_eq!(found.len(), 6, "{found:#?}");
    // The command line's JSON report carries the hints.
    let out = run_to_end({
        let mut c = Command::new(bin());
        c.args(["validate", "--format", "json", "tests/bad_inputs/five-sorts-of-problem.json"])
            .current_dir(root());
        c
    });
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hint = |path: &str| {
        report.as_array().into_iter().flatten().find(|p| p["path"] == path).map(|p| p["hint"].clone())
    };
    assert_eq!(hint("$.meeting.plaec"), Some("did you mean `place`?".into()));
    let codes = hint("$.body.cn").and_then(|h| h.as_str().map(str::to_string)).unwrap_or_default();
    assert!(codes.contains("`zh` (Chinese)"), "{codes}");
}

/// A tree that builds with unknown keys dropped is validated too: the typo and the
/// validator's problem come in one run.
#[test]
fn validation_runs_after_an_unknown_field() {
    let base = read("tests/bad_inputs/valid-base.json");
    let source = base.replacen("\"number\": 12,", "\"numbr\": 12,", 1).replacen(
        "\"end\": \"2021-03-26\"",
        "\"end\": \"2021-03-24\"",
        1,
    );
    assert_ne!(source, base);
    let found = problems(&source);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["$.meeting.numbr", "$.meeting.dates.end"], "{found:#?}");
}

#[test]
fn a_schema_key_is_accepted() {
    let base = read("tests/bad_inputs/valid-base.json");
    let source = base.replacen('{', "{\n  \"$schema\": \"../../data/meeting.schema.json\",", 1);
    assert!(problems(&source).is_empty(), "{:#?}", problems(&source));
    let schema: serde_json::Value = serde_json::from_str(&read("data/meeting.schema.json")).expect("schema");
    let instance: serde_json::Value = serde_json::from_str(&source).expect("JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    assert!(validator.is_valid(&instance));
}

/// Editors show a field's description and offer its example: every property of the schema
/// has both, and every value of an enumeration a description.
#[test]
fn every_field_and_value_is_described_with_an_example() {
    let schema: serde_json::Value = serde_json::from_str(&read("data/meeting.schema.json")).expect("schema");
    let mut missing = Vec::new();
    let mut objects = vec![("$".to_string(), &schema)];
    objects.extend(schema["$defs"].as_object().into_iter().flatten().map(|(k, v)| (k.clone(), v)));
    while let Some((at, node)) = objects.pop() {
        for (name, property) in node.get("properties").and_then(|p| p.as_object()).into_iter().flatten() {
            for key in ["description", "examples"] {
                if property.get(key).is_none() {
                    missing.push(format!("{at}.{name}: no {key}"));
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            for (i, branch) in node.get(key).and_then(|b| b.as_array()).into_iter().flatten().enumerate() {
                if branch.get("const").is_some() && branch.get("description").is_none() {
                    missing.push(format!("{at}: value {} has no description", branch["const"]));
                }
                objects.push((format!("{at}.{key}[{i}]"), branch));
            }
        }
    }
    // The report's blocks are one-member objects (`{"paragraph": …}`), described by their variant.
    missing.retain(|m| !m.contains("Block.oneOf"));
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// `new` gives a valid description of every kind the model has, in any languages asked for.
#[test]
fn new_gives_a_valid_description_of_every_kind() {
    let kinds = ctoc_press::starter::kinds();
    assert!(kinds.len() >= 2, "{kinds:?}");
    for kind in &kinds {
        for langs in [vec![Lang::En], vec![Lang::Zh, Lang::En], vec![Lang::Fr, Lang::Es, Lang::Ru, Lang::Zh]]
        {
            let text = ctoc_press::starter::starter(kind, &langs).unwrap_or_else(|e| panic!("{kind}: {e}"));
            let meeting =
                ctoc_press::parse(&text).unwrap_or_else(|e| panic!("{kind} {langs:?}: {e}\n{text}"));
            assert_eq!(meeting.languages, langs);
        }
    }
    let err = ctoc_press::starter::starter("no-such-kind", &[]).expect_err("unknown kind");
    assert!(err.to_string().contains("`provisional-agenda`"), "{err}");
}

/// The words come from the language data, not from the code.
#[test]
fn new_takes_its_words_from_the_language_data() {
    let text = ctoc_press::starter::starter("report", &[Lang::Zh, Lang::Fr]).expect("report");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["report"]["annexes"][0]["label"], serde_json::json!({"zh": "附件", "fr": "Annexe"}));
    assert_eq!(v["$schema"], "meeting.schema.json");
}

#[test]
fn cli_new_writes_a_new_file_and_renders() {
    let dir = scratch("cli-new");
    let file = dir.join("agenda.json");
    let run = |args: &[&str]| {
        let mut c = Command::new(bin());
        c.args(args).current_dir(root());
        run_to_end(c)
    };
    let shown = file.to_string_lossy().into_owned();
    let out = run(&["new", "provisional-agenda", "--lang", "zh,en", "-o", &shown]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["new", "report", "-o", &shown]);
    assert_eq!(out.status.code(), Some(2), "an existing file was written over");
    assert!(read_path(&file).contains("provisional-agenda"));
    let out = run(&["render", &shown, "--lang", "all", "--out-dir", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let pdfs: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 2, "--lang all renders every language listed: {pdfs:?}");
    let out = run(&["new", "minutes"]);
    assert_eq!(out.status.code(), Some(2));
}

fn read_path(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits until `done` holds, checking every tenth of a second; panics after `limit` (a bound
/// on a wait that would otherwise never end, not a timing assertion).
fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `watch` renders at once, again after the description changes, reports a broken edit and
/// goes on, and renders the fixed one.
#[test]
fn watch_renders_again_after_a_change() {
    let dir = scratch("watch");
    let input = dir.join("in.json");
    let out = dir.join("out.pdf");
    std::fs::write(&input, read("tests/bad_inputs/valid-base.json")).expect("write input");
    let mut child = Command::new(bin())
        .args(["watch", &input.to_string_lossy(), "-o", &out.to_string_lossy()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch starts");
    let limit = Duration::from_secs(120);
    let result = std::panic::catch_unwind(|| {
        wait_for("the first render", limit, || out.exists());
        let first = std::fs::read(&out).expect("first PDF");
        assert!(pdf_text(&out).contains("维也纳"));
        // A broken edit, then the fixed one: one render with the new place.
        let base = read("tests/bad_inputs/valid-base.json");
        std::fs::write(&input, base.replacen("\"number\": 12", "\"number\": \"x\"", 1)).expect("edit");
        std::thread::sleep(Duration::from_millis(500));
        std::fs::write(&input, base.replacen("维也纳", "纽约", 1)).expect("edit");
        wait_for("the render after the change", limit, || {
            std::fs::read(&out).is_ok_and(|now| now != first) && pdf_text(&out).contains("纽约")
        });
    });
    child.kill().ok();
    let output = child.wait_with_output().expect("watch ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if let Err(panic) = result {
        eprintln!("watch said:\n{stderr}");
        std::panic::resume_unwind(panic);
    }
    assert!(stderr.contains("at `$.meeting.number`"), "the broken edit was not reported:\n{stderr}");
}

/// A problem in a CommonMark body file is drawn at its line in that file.
#[test]
fn problems_in_body_files_are_shown_in_those_files() {
    let dir = scratch("body-file-problem");
    for name in ["report-small-md.json", "report-small.zh.md", "report-small.en.md"] {
        std::fs::copy(root().join("tests/fixtures").join(name), dir.join(name)).expect("copy fixture");
    }
    let md = dir.join("report-small.zh.md");
    let text = read_path(&md);
    std::fs::write(&md, text.replacen("工作组通过了以下建议。[^1]", "工作组通过了以下建议。[^9]", 1))
        .expect("edit");
    let input = dir.join("report-small-md.json");
    let mut c = Command::new(bin());
    c.args(["validate", &input.to_string_lossy()]).env("NO_COLOR", "1");
    let out = run_to_end(c);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let place = format!("--> {}:3:12\n", md.display());
    assert!(stderr.contains(&place), "{stderr}");
    assert!(stderr.contains("3 | 工作组通过了以下建议。[^9]\n"), "{stderr}");
    assert!(stderr.contains("error: the footnote [^9] is not defined\n"), "{stderr}");
}

/// The diagnostic the README shows is what the program prints.
#[test]
fn the_readme_shows_the_real_output() {
    let readme = read("README.md");
    let command = "$ ctoc-press validate tests/bad_inputs/five-sorts-of-problem.json\n";
    let start = readme.find(command).expect("the README shows a diagnostic") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("the block ends")];
    let mut c = Command::new(bin());
    c.args(["validate", "tests/bad_inputs/five-sorts-of-problem.json"])
        .current_dir(root())
        .env("NO_COLOR", "1");
    let out = run_to_end(c);
    let printed = String::from_utf8_lossy(&out.stderr);
    for block in shown.trim_end().split("\n\n") {
        assert!(printed.contains(block), "the README shows\n{block}\nbut the program prints\n{printed}");
    }
}

/// A change to a CommonMark body file the description names renders again too.
#[test]
fn watch_renders_again_after_a_body_file_changes() {
    let dir = scratch("watch-body");
    for name in ["report-small-md.json", "report-small.zh.md", "report-small.en.md"] {
        std::fs::copy(root().join("tests/fixtures").join(name), dir.join(name)).expect("copy fixture");
    }
    let input = dir.join("report-small-md.json");
    let out = dir.join("out.pdf");
    let mut child = Command::new(bin())
        .args(["watch", &input.to_string_lossy(), "-o", &out.to_string_lossy(), "--lang", "zh"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("watch starts");
    let limit = Duration::from_secs(120);
    let result = std::panic::catch_unwind(|| {
        wait_for("the first render", limit, || out.exists());
        let md = dir.join("report-small.zh.md");
        let text = read_path(&md);
        std::fs::write(&md, text.replacen("工作组通过了以下建议。", "工作组一致通过了以下建议。", 1))
            .expect("edit");
        wait_for("the render after the body file changed", limit, || pdf_text(&out).contains("一致通过"));
    });
    child.kill().ok();
    child.wait().ok();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
