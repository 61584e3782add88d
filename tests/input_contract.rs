//! The input contract: the JSON Schema, validation with exact locations, limits, and no crash
//! on any input.
//!
//! `tests/bad_inputs/NAME.json` are meeting descriptions with one mistake each (a few with
//! several), derived from `examples/ctoc-cop-wg3-2021-1.json`; `NAME.expected` holds the
//! problems the press must report, one a line as `line:column: path: message` (lines starting
//! with `#` say what the case is about), and `NAME.human` what a person sees (the problems
//! drawn as a compiler draws them, without colour). `valid-base.json`, the trimmed
//! description the cases are made from, must be valid. After a deliberate change of
//! messages, `BLESS=1 cargo test --test input_contract` rewrites the expectations and the
//! drawings; review the diff before committing it.

use ctoc_press::model::{self, MAX_DEPTH, MAX_INPUT_BYTES, MAX_PROBLEMS};
use ctoc_press::{Error, Lang, Problem};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fuzz targets' contract and structured generator, shared with this stable run.
#[path = "../fuzz/contract.rs"]
mod contract;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// What the press says about a file: its problems, as the library reports them.
fn problems_of(bytes: &[u8]) -> Vec<Problem> {
    let source = match model::source_from_bytes(bytes) {
        Ok(s) => s,
        Err(p) => return vec![p],
    };
    match ctoc_press::parse(source) {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(problems)) => problems,
        Err(other) => panic!("parse gave an error that is not about the input: {other}"),
    }
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn bad_inputs_give_exactly_the_expected_problems() {
    let dir = root().join("tests/bad_inputs");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let mut bad = 0;
    for file in files_with_extension(&dir, "json") {
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(&file).expect("read case");
        let actual: Vec<String> = problems_of(&bytes).iter().map(ToString::to_string).collect();
        let sidecar = file.with_extension("expected");
        let text = std::fs::read_to_string(&sidecar).unwrap_or_default();
        let comments: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
        let expected: Vec<&str> =
            text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        if name == "valid-base" {
            assert!(actual.is_empty(), "valid-base.json must be valid, but: {actual:#?}");
            continue;
        }
        bad += 1;
        assert!(!comments.is_empty(), "{name}.expected must say what the case is about (# …)");
        if bless {
            let mut out: String = comments.iter().map(|c| format!("{c}\n")).collect();
            out.extend(actual.iter().map(|l| format!("{l}\n")));
            std::fs::write(&sidecar, out).expect("write expectation");
            continue;
        }
        if actual.is_empty() {
            failures.push(format!("{name}: accepted, but it is a bad input"));
        } else if actual != expected {
            failures.push(format!(
                "{name}:\n  expected:\n    {}\n  actual:\n    {}",
                expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(bad >= 30, "only {bad} bad inputs in tests/bad_inputs");
    assert!(failures.is_empty(), "{} case(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// What a person sees: each bad input's problems drawn as a compiler draws them (the source
/// line, the place underlined, the path, a hint), without colour, against `NAME.human`.
/// `BLESS=1` rewrites these too.
#[test]
fn human_output_matches_the_snapshots() {
    let dir = root().join("tests/bad_inputs");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for file in files_with_extension(&dir, "json") {
        let name = file.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(&file).expect("read case");
        let source = String::from_utf8_lossy(&bytes);
        let shown = ctoc_press::explain::render(&name, Some(&source), &problems_of(&bytes), &|_| None, false);
        let snapshot = file.with_extension("human");
        if bless {
            std::fs::write(&snapshot, &shown).expect("write snapshot");
        } else if std::fs::read_to_string(&snapshot).unwrap_or_default() != shown {
            failures.push(format!("{name}:\n{shown}"));
        }
    }
    assert!(failures.is_empty(), "{} snapshot(s) differ; now:\n{}", failures.len(), failures.join("\n"));
}

/// Every problem of every bad input points into its file: a line that exists and a column
/// within it (the too-large case is the only one without a place, and has no file).
#[test]
fn every_problem_has_a_place_in_its_file() {
    for file in files_with_extension(&root().join("tests/bad_inputs"), "json") {
        let bytes = std::fs::read(&file).expect("read case");
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        for p in problems_of(&bytes) {
            let (Some(line), Some(column)) = (p.line, p.column) else {
                panic!("{}: no line and column for {p}", file.display());
            };
            assert!(p.path.starts_with('$'), "{}: path {}", file.display(), p.path);
            let Some(l) = lines.get(line - 1) else {
                panic!("{}: line {line} does not exist ({p})", file.display());
            };
            assert!(column <= l.chars().count() + 1, "{}: column past the line end: {p}", file.display());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema.

fn committed_schema() -> serde_json::Value {
    serde_json::from_str(&read(&root().join("data/meeting.schema.json")))
        .expect("the committed schema is JSON")
}

#[test]
fn committed_schema_is_what_the_code_generates() {
    let committed = read(&root().join("data/meeting.schema.json"));
    assert!(
        committed == model::schema_json(),
        "data/meeting.schema.json is out of date with the serde types in src/model/; regenerate it with\n\
         \n    cargo run --quiet -- schema > data/meeting.schema.json\n\nand review the diff"
    );
}

#[test]
fn schema_is_draft_2020_12_with_the_declared_shapes() {
    let s = committed_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let defs = &s["$defs"];
    let codes: Vec<&serde_json::Value> =
        defs["Lang"]["oneOf"].as_array().expect("Lang is oneOf").iter().map(|v| &v["const"]).collect();
    assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
    assert_eq!(defs["Date"]["type"], "string");
    assert_eq!(defs["Date"]["format"], "date");
    assert_eq!(defs["Time"]["type"], "string");
    assert!(defs["Time"]["pattern"].is_string());
    let text = defs["Text"]["oneOf"].as_array().expect("Text is oneOf");
    assert_eq!(text.len(), 2);
    assert_eq!(text[0]["type"], "string");
    assert_eq!(text[1]["type"], "object");
    assert_eq!(text[1]["propertyNames"]["$ref"], "#/$defs/Lang");
    assert_eq!(s["additionalProperties"], false);
}

fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the committed schema compiles")
}

#[test]
fn schema_accepts_every_example() {
    let v = validator(&committed_schema());
    let examples = files_with_extension(&root().join("examples"), "json");
    assert!(!examples.is_empty());
    for file in examples {
        let instance: serde_json::Value = serde_json::from_str(&read(&file)).expect("example is JSON");
        let errors: Vec<String> =
            v.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{} does not match the schema:\n{}", file.display(), errors.join("\n"));
    }
}

/// The schema is not vacuous: it rejects the mistakes of shape that it can express, and
/// accepts the valid base.
#[test]
fn schema_rejects_mistakes_of_shape() {
    let v = validator(&committed_schema());
    let dir = root().join("tests/bad_inputs");
    let load = |name: &str| -> serde_json::Value {
        serde_json::from_str(&read(&dir.join(format!("{name}.json")))).expect("case is JSON")
    };
    assert!(v.is_valid(&load("valid-base")));
    for name in [
        "misspelled-field",
        "misspelled-field-in-item",
        "missing-field",
        "wrong-type-number",
        "negative-number",
        "meeting-number-zero",
        "wrong-type-languages",
        "null-symbol",
        "text-number",
        "text-array",
        "top-level-array",
        "date-format",
        "dates-as-array",
        "session-as-array",
        "symbol-with-space",
        "symbol-lowercase",
        "symbol-lowercase-part",
        "symbol-bad-modifier",
        "symbol-empty-component",
        "documentation-symbol",
        "job-number-bad",
        "job-number-lowercase-office",
        "language-unknown",
        "language-unknown-text-key",
        "language-unknown-job-number",
        "languages-empty",
        "empty-text-object",
        "work-item-malformed",
        "work-item-number",
        "work-day-no-sessions",
        "session-no-items",
        "time-24",
        "time-one-digit-hour",
        "agenda-empty",
        "kind-unknown",
        "distribution-unknown",
    ] {
        assert!(!v.is_valid(&load(name)), "the schema accepts {name}.json");
    }
}

/// The schema's symbol and job number patterns say what the validator says.
#[test]
fn schema_patterns_agree_with_the_validator() {
    let s = committed_schema();
    let symbol = &s["properties"]["symbol"];
    let job = &s["properties"]["job_numbers"]["additionalProperties"];
    let symbol_v = jsonschema::validator_for(symbol).expect("symbol schema");
    let job_v = jsonschema::validator_for(job).expect("job number schema");
    for sym in [
        "CTOC/COP/WG.3/2021/1",
        "CTOC/COP/WG.3/2021/1*",
        "CTOC/COP/2020/CRP.4",
        "CTOC/COP/WG.2/2021/INF/1",
        "E/CN.15/2011/L.3/Add.2",
        "A/57/L.1/Rev.1",
        "A/RES/ES-11/1",
        "A/C.3/76/L.1/Corr.1",
        "CCPR/C/GC/36",
        "CTOC/COP",
        "CTOC/COP/WG.3/ 2021/1",
        "ctoc/cop/2021/1",
        "CTOC/Cop/2021/1",
        "CTOC//2021/1",
        "CTOC/COP/2021/1/",
        "CTOC/COP/2021/add.1",
        "CTOC/COP/WG.x/1",
        "CTOC/COP/A-/1",
        "CTOC/COP/-A/1",
        "CTOC",
        "",
        "*",
        "CTOC/COP/2021/1**",
        "CTOC/COP/２０２１/1",
    ] {
        let by_schema = symbol_v.is_valid(&serde_json::json!(sym));
        let by_code = model::validate_symbol(sym).is_ok();
        assert_eq!(by_schema, by_code, "schema and validator disagree on the symbol `{sym}`");
    }
    for number in [
        "V.20-07396",
        "21-02065",
        "GE.12-62606",
        "V.20-0739",
        "v.20-07396",
        "V20-07396",
        ".20-07396",
        "V.20-073966",
        "V.2a-07396",
        "V.20-07396 ",
    ] {
        let by_schema = job_v.is_valid(&serde_json::json!(number));
        let by_code = model::check_job_number(number).is_ok();
        assert_eq!(by_schema, by_code, "schema and validator disagree on the job number `{number}`");
    }
}

// ---------------------------------------------------------------------------------------------
// Limits.

#[test]
fn input_larger_than_the_limit_is_refused_before_parsing() {
    let big = format!("{{\"kind\": \"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
    let problems = problems_of(big.as_bytes());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "$");
    assert_eq!(problems[0].message, "the description is larger than 8388608 bytes (8 MiB), the limit");
    // The library refuses it too, when handed the text directly.
    let err = ctoc_press::parse(&big).expect_err("too large");
    assert!(err.to_string().contains("larger than 8388608 bytes"), "{err}");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_before_parsing() {
    // A million brackets would overflow a recursive parser's stack; here it is one problem.
    let deep = format!("{{\"agenda\": {}", "[".repeat(1_000_000));
    let err = ctoc_press::parse(&deep).expect_err("too deep");
    let Error::Invalid(problems) = err else { panic!("not an input error") };
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (Some(1), Some(12 + MAX_DEPTH - 1)));
    assert!(problems[0].message.contains("more than 64 levels"), "{}", problems[0].message);
    // Exactly at the limit, the nesting is not the problem (the shape is).
    let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    let Err(Error::Invalid(problems)) = ctoc_press::parse(&at_limit) else { panic!("not invalid") };
    assert_eq!(problems[0].message, "invalid type: sequence, expected an object");
}

#[test]
fn problems_are_capped_and_counted() {
    let base = read(&root().join("tests/bad_inputs/valid-base.json"));
    let many = vec!["\"zh\""; 500].join(", ");
    let source = base.replacen("\"languages\": [\n    \"zh\"\n  ]", &format!("\"languages\": [{many}]"), 1);
    assert_ne!(source, base);
    let problems = problems_of(source.as_bytes());
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(problems[0].to_string(), "7:23: $.languages[1]: language `zh` is listed twice");
    assert_eq!(problems[MAX_PROBLEMS].to_string(), "$: 399 more problem(s) not shown");
}

// ---------------------------------------------------------------------------------------------
// Characters no embedded font has: reported at render time, with the character and its code
// point, never drawn as an empty box.

#[test]
fn characters_without_a_font_are_reported() {
    let base = read(&root().join("tests/bad_inputs/valid-base.json"));
    let source = base.replacen("其他事项", "其他事项 नमस्ते 🙂", 1);
    assert_ne!(source, base);
    // Reported by validation, at the text's place in the file.
    let err = ctoc_press::parse(&source).expect_err("characters without a font");
    let Error::Invalid(problems) = &err else { panic!("expected Error::Invalid, got {err}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(p.path.ends_with(".title.zh"), "{}", p.path);
    assert!(p.line.is_some() && p.column.is_some());
    assert!(p.message.contains("`🙂` (U+1F642)"), "{}", p.message);
    assert!(p.message.contains("`न` (U+0928)"), "{}", p.message);
    assert!(err.is_input_error());
    // Render refuses them with the same problems when a description skipped validation.
    let meeting = ctoc_press::Meeting::from_json(&source).expect("well-formed");
    let err = ctoc_press::render(&meeting, &ctoc_press::Options::default()).expect_err("unsupported");
    let Error::Invalid(again) = &err else { panic!("expected Error::Invalid, got {err}") };
    assert_eq!(again.len(), 1);
    assert_eq!((&again[0].path, &again[0].message), (&p.path, &p.message));
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run ctoc-press");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_schema_prints_the_committed_schema() {
    let (code, stdout, _) = cli(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, read(&root().join("data/meeting.schema.json")));
}

#[test]
fn cli_validate_reports_every_file_for_people() {
    let (code, stdout, stderr) = cli(&[
        "validate",
        "--format",
        "short",
        "examples/ctoc-cop-wg3-2021-1.json",
        "tests/bad_inputs/several-problems.json",
        "tests/bad_inputs/truncated.json",
        "tests/bad_inputs/no-such-file.json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "examples/ctoc-cop-wg3-2021-1.json: ok\n");
    let expected = [
        "tests/bad_inputs/several-problems.json:3:13: $.symbol: `CTOC/COP/WG.3/2021/1 `: a document symbol has no spaces",
        "tests/bad_inputs/several-problems.json:23:14: $.meeting.dates.end: the meeting ends (2021-03-24) before it starts (2021-03-25)",
        "tests/bad_inputs/several-problems.json:32:15: $.agenda[0].title.zh: the text is empty",
        "tests/bad_inputs/several-problems.json:106:23: $.organization_of_work[1].sessions[0].items[0].item: the agenda has no item 4: it has 3 item(s)",
        "tests/bad_inputs/truncated.json:73:8: $.organization_of_work[0]: the file ends too early: EOF while parsing a string",
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(&lines[..expected.len()], &expected, "{stderr}");
    assert_eq!(lines.len(), expected.len() + 1, "{stderr}");
    assert!(
        lines[expected.len()].starts_with("tests/bad_inputs/no-such-file.json: $: cannot read the file: ")
    );
}

#[test]
fn cli_validate_reports_for_machines() {
    let (code, stdout, stderr) = cli(&[
        "validate",
        "--format",
        "json",
        "examples/ctoc-cop-wg3-2021-1.json",
        "tests/bad_inputs/work-item-9.json",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr, "");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(
        report,
        serde_json::json!([{
            "file": "tests/bad_inputs/work-item-9.json",
            "path": "$.organization_of_work[1].sessions[0].items[0].item",
            "line": 106,
            "column": 23,
            "message": "the agenda has no item 9: it has 3 item(s)",
            "hint": null,
            "origin": null
        }])
    );
    let (code, stdout, _) = cli(&["validate", "--format", "json", "examples/ctoc-cop-wg3-2021-1.json"]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON"), serde_json::json!([]));
}

/// `render --lang en` on a Chinese-only description: every text without English is named at
/// its place, exit 2, no PDF; the library refuses the same with `Error::Invalid`.
#[test]
fn texts_missing_for_a_requested_language_are_input_errors() {
    let source = read(&root().join("tests/bad_inputs/valid-base.json"));
    let Err(Error::Invalid(problems)) = ctoc_press::parse_for(&source, &[Lang::En]) else {
        panic!("a Chinese-only description parsed for English")
    };
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let mut expected = vec!["10:18: $.job_numbers: no job number for the `en` version".to_string()];
    for (place, path) in [
        ("13:11", "$.body"),
        ("17:13", "$.meeting.name"),
        ("25:14", "$.meeting.place"),
        ("31:16", "$.agenda[0].title"),
        ("36:20", "$.agenda[0].sub_items[0].title"),
        ("41:20", "$.agenda[0].sub_items[1].title"),
        ("48:16", "$.agenda[1].title"),
        ("53:26", "$.agenda[1].documentation[0].description"),
        ("61:16", "$.agenda[2].title"),
        ("65:9", "$.agenda[2].annotations[0]"),
    ] {
        expected.push(format!("{place}: {path}: no `en` text, but the `en` version is asked for"));
    }
    assert_eq!(shown, expected);
    // The library refuses the same, without line and column (it has no source).
    let meeting = ctoc_press::parse(&source).expect("valid for the versions it lists");
    let options = ctoc_press::Options { languages: Some(vec![Lang::En]), ..Default::default() };
    let Err(Error::Invalid(again)) = ctoc_press::render(&meeting, &options) else {
        panic!("rendered English from a Chinese-only description")
    };
    let paths = |ps: &[Problem]| ps.iter().map(|p| p.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&again), paths(&problems));
    // The command line: exit 2, the problems on standard error, no file written.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lang-en-missing");
    std::fs::create_dir_all(&dir).expect("out dir");
    let out = dir.join("out.pdf");
    std::fs::remove_file(&out).ok();
    let out_arg = out.to_string_lossy().into_owned();
    let (code, _, stderr) =
        cli(&["render", "tests/bad_inputs/valid-base.json", "--lang", "en", "-o", &out_arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--> tests/bad_inputs/valid-base.json:13:11\n"), "{stderr}");
    assert!(stderr.contains("error: no `en` text, but the `en` version is asked for\n"), "{stderr}");
    assert!(stderr.contains(" at `$.meeting.place`\n"), "{stderr}");
    assert!(!stderr.contains("template error"), "{stderr}");
    assert!(!out.exists());
    // Chinese, which the description has, still renders.
    let (code, _, stderr) =
        cli(&["render", "tests/bad_inputs/valid-base.json", "--lang", "zh", "-o", &out_arg]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.exists());
}

/// What `accept_with_readers` checked is rendered without a second check, to the bytes
/// `parse` and `render` give; a version it did not check is checked when asked for.
#[test]
fn an_accepted_description_renders_as_a_parsed_one() {
    let no_files = |_: &str| -> Result<String, String> { Err("no files".into()) };
    let no_bytes = |_: &str| -> Result<Vec<u8>, String> { Err("no files".into()) };
    let six = read(&root().join("examples/ctoc-cop-wg3-2021-1-all.json"));
    for (langs, asked) in
        [(vec![], None), (vec![Lang::Fr], Some(vec![Lang::Fr])), (vec![], Some(vec![Lang::Ar, Lang::Ru]))]
    {
        let options = ctoc_press::Options { languages: asked.clone(), ..Default::default() };
        let meeting = ctoc_press::parse_for(&six, &langs).expect("the six-language example parses");
        let expected = ctoc_press::render(&meeting, &options).expect("renders");
        let accepted = ctoc_press::accept_with_readers(&six, &langs, &no_files, &no_bytes).expect("accepted");
        assert_eq!(accepted.meeting().symbol, meeting.symbol);
        let rendered = ctoc_press::render_accepted(accepted, &options).expect("renders");
        assert_eq!(rendered.len(), expected.len(), "{asked:?}");
        for (got, want) in rendered.iter().zip(&expected) {
            assert_eq!(got.lang, want.lang);
            assert!(got.pdf == want.pdf, "{:?} differs from the parsed description's", got.lang);
        }
    }
    // Accepted for Chinese only; English, asked for at rendering, is checked then.
    let source = read(&root().join("tests/bad_inputs/valid-base.json"));
    let accepted = ctoc_press::accept_with_readers(&source, &[], &no_files, &no_bytes).expect("accepted");
    let options = ctoc_press::Options { languages: Some(vec![Lang::En]), ..Default::default() };
    let Err(Error::Invalid(problems)) = ctoc_press::render_accepted(accepted, &options) else {
        panic!("rendered English from a Chinese-only description without checking it")
    };
    assert!(problems.iter().any(|p| p.path == "$.meeting.place"), "{problems:?}");
}

/// `render --lang ar` of a description without Arabic texts: refused as bad input, naming
/// each text that has no Arabic version.
#[test]
fn a_requested_language_without_its_texts_is_an_input_error() {
    let source = read(&root().join("tests/bad_inputs/valid-base.json"));
    let Err(Error::Invalid(problems)) = ctoc_press::parse_for(&source, &[Lang::Ar, Lang::Ar]) else {
        panic!("parsed for Arabic")
    };
    assert!(problems.iter().any(|p| p.path == "$.body"), "{problems:?}");
    assert!(problems.iter().all(|p| p.message.contains("`ar`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.message.contains("no `ar` text")), "{problems:?}");
    let (code, _, stderr) =
        cli(&["render", "tests/bad_inputs/valid-base.json", "--lang", "ar", "--out-dir", "/nonexistent"]);
    assert_eq!(code, 2, "{stderr}");
}

/// Every symbol that validates names files that Linux, macOS and Windows accept: at most
/// 255 bytes with the language and extension, none of the characters Windows refuses.
#[test]
fn every_accepted_symbol_makes_a_portable_file_name() {
    let longest = format!("CTOC/COP/{}", "WG.3/".repeat(20));
    let longest = &longest[..model::MAX_SYMBOL_CHARS];
    let longest = longest.trim_end_matches(['/', '.']);
    assert!(model::validate_symbol(longest).is_ok(), "{longest}");
    let too_long = format!("{longest}/{}", "1".repeat(model::MAX_SYMBOL_CHARS));
    assert!(model::validate_symbol(&too_long).is_err());
    for symbol in [longest, "CTOC/COP/WG.3/2021/1*", "A/RES/ES-11/1", "A/57/L.1/Rev.1"] {
        assert!(model::validate_symbol(symbol).is_ok(), "{symbol}");
        let name = ctoc_press::batch::output_name(symbol, "zh");
        assert!(name.len() + ".tmp.XXXXXXXXXXXXXXXX".len() <= 255, "{name}");
        assert!(!name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']), "{name}");
        assert!(!name.ends_with(['.', ' ']));
    }
    // The reissue mark does not make two symbols share a file.
    assert_ne!(
        ctoc_press::batch::output_name("CTOC/COP/WG.3/2021/1*", "zh"),
        ctoc_press::batch::output_name("CTOC/COP/WG.3/2021/1", "zh")
    );
}

#[test]
fn cli_refuses_a_file_larger_than_the_limit_without_reading_it_all() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("input-contract-huge.json");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(16 * 1024 * 1024 * 1024).expect("a sparse 16 GiB file");
    let shown = path.display().to_string();
    let (code, _, stderr) = cli(&["validate", "--format", "short", &shown]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!("{shown}: $: the description is larger than 8388608 bytes (8 MiB), the limit\n")
    );
}

// ---------------------------------------------------------------------------------------------
// No crash on any input: a short, fixed-seed mutation run over the example (the long run is
// `FUZZ_SECONDS=600 cargo test --release --test input_contract -- --ignored --nocapture
// mutation_fuzz_long`; the coverage-guided target is in fuzz/).

/// xorshift64*: a small, fixed-seed generator, so that every run mutates the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Values that have broken parsers and layout engines before.
const INTERESTING: &[&str] = &[
    "\"\"",
    "\" \"",
    "\"2021-02-29\"",
    "\"2020-02-29\"",
    "\"1900-01-01\"",
    "\"2999-12-31\"",
    "\"0000-00-00\"",
    "\"23:59\"",
    "\"00:00\"",
    "\"24:00\"",
    "\"1(z)\"",
    "\"1(a)\"",
    "\"0\"",
    "\"99999999999999999999\"",
    "\"zh\"",
    "\"en\"",
    "\"ar\"",
    "\"CTOC/COP/WG.3/2021/1*\"",
    "\"A/RES/ES-11/1\"",
    "\"V.20-07396\"",
    "\"\\n\\n\\n\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"——————————————————————————————————\"",
    "\"（（（（（（《《《《「「「\"",
    "\"。。。。，，，，、、、！！！\"",
    "\"https://www.unodc.org/documents/treaties/organized_crime/2021/very/long/path?query=1&x=2\"",
    "\"CTOC/COP/WG.3/2020/4CTOC/COP/WG.3/2020/4CTOC/COP/WG.3/2020/4CTOC/COP/WG.3/2020/4\"",
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "1e308",
    "null",
    "true",
    "[]",
    "{}",
    "[[]]",
    "{\"zh\": \"\"}",
    "{\"zh\": \"x\", \"en\": \"y\"}",
];

/// One mutation of `seed`: byte-level (flips, deletions, insertions, truncation) or
/// JSON-level (delete a member or element, replace a value, duplicate an element, lengthen a
/// string).
fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    if bytes.is_empty() {
        return b"{".to_vec();
    }
    match rng.below(10) {
        8 | 9 => return mutate_text(rng, seed).unwrap_or(bytes),
        0 => {
            for _ in 0..=rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let at = rng.below(bytes.len());
            bytes.truncate(at);
        }
        2 => {
            let i = rng.below(bytes.len());
            let n = rng.below(16).min(bytes.len() - i);
            bytes.drain(i..i + n);
        }
        3 => {
            let i = rng.below(bytes.len());
            let b = b"{}[]\",:\\0123456789-.ae \n\xE4\xB8\xAD"[rng.below(23)];
            bytes.insert(i, b);
        }
        _ => {
            let Ok(mut value) = serde_json::from_str::<serde_json::Value>(seed) else { return bytes };
            let mut nodes = Vec::new();
            collect_pointers(&value, String::new(), &mut nodes);
            let target = nodes[rng.below(nodes.len())].clone();
            let choice = rng.below(4);
            let replacement: serde_json::Value =
                serde_json::from_str(INTERESTING[rng.below(INTERESTING.len())]).unwrap_or_default();
            let (parent_ptr, last) = match target.rfind('/') {
                Some(i) => (target[..i].to_string(), target[i + 1..].to_string()),
                None => (String::new(), String::new()),
            };
            if let Some(parent) = value.pointer_mut(&parent_ptr) {
                match (choice, parent) {
                    (0, serde_json::Value::Object(map)) => {
                        map.remove(&last);
                    }
                    (0, serde_json::Value::Array(list)) => {
                        if let Ok(i) = last.parse::<usize>()
                            && i < list.len()
                        {
                            list.remove(i);
                        }
                    }
                    (1, serde_json::Value::Array(list)) => {
                        if let Some(item) = last.parse::<usize>().ok().and_then(|i| list.get(i).cloned()) {
                            for _ in 0..=rng.below(30) {
                                list.push(item.clone());
                            }
                        }
                    }
                    (2, _) => {
                        if let Some(serde_json::Value::String(s)) = value.pointer_mut(&target) {
                            let copy = s.clone();
                            for _ in 0..rng.below(40) {
                                s.push_str(&copy);
                            }
                        }
                    }
                    _ => {
                        if let Some(v) = value.pointer_mut(&target) {
                            *v = replacement;
                        }
                    }
                }
            }
            bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
        }
    }
    bytes
}

/// Pieces that text is made of in UN documents, and some that it should not be.
const TEXT_PIECES: &[&str] = &[
    "国际合作工作组",
    "维也纳",
    "。",
    "，",
    "、",
    "；",
    "：",
    "？",
    "！",
    "“",
    "”",
    "‘",
    "’",
    "（",
    "）",
    "《",
    "》",
    "【",
    "】",
    "——",
    "……",
    "·",
    "COVID-19",
    "CTOC/COP/WG.3/2020/4",
    "A/RES/55/25",
    "2021年3月25日",
    "10时",
    "50%",
    "℃",
    "$",
    "€",
    " ",
    "  ",
    "\n",
    "x",
    "Working Group on International Cooperation",
    "-",
    "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html",
    "(a)",
    "1.",
    "'",
    "\"",
    "supercalifragilisticexpialidocious",
    "１２３",
    "ＡＢＣ",
];

/// Replaces a text of the description (a title, an annotation, a name) with one made of
/// random pieces, or repeats an annotation paragraph: mostly valid inputs that reach layout.
fn mutate_text(rng: &mut Rng, seed: &str) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_str(seed).ok()?;
    let mut nodes = Vec::new();
    collect_pointers(&value, String::new(), &mut nodes);
    let texts: Vec<&String> = nodes
        .iter()
        .filter(|p| {
            ["title", "annotations", "description", "body", "name", "place"].iter().any(|k| p.contains(k))
                && value.pointer(p).is_some_and(serde_json::Value::is_string)
        })
        .collect();
    let target = (*texts.get(rng.below(texts.len()))?).clone();
    if rng.below(4) == 0 {
        // Repeat the paragraph: long annotations cross pages.
        if let Some(serde_json::Value::String(s)) = value.pointer_mut(&target) {
            let copy = s.clone();
            for _ in 0..rng.below(12) {
                s.push_str(&copy);
            }
        }
    } else {
        let mut text = String::new();
        for _ in 0..=rng.below(60) {
            text.push_str(TEXT_PIECES[rng.below(TEXT_PIECES.len())]);
        }
        *value.pointer_mut(&target)? = serde_json::Value::String(text);
    }
    serde_json::to_vec_pretty(&value).ok()
}

fn collect_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        serde_json::Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                collect_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The whole pipeline as the fuzz targets run it ([`contract::check`]): returns whether the
/// input was valid and whether it rendered; a valid input that does not render is kept as a
/// gap in the contract between validation and rendering.
fn exercise(bytes: &[u8], archival: bool) -> (bool, bool) {
    match contract::check(bytes, archival) {
        Ok(contract::Outcome::Invalid) => (false, false),
        Ok(contract::Outcome::Rendered) => (true, true),
        Err(e) => {
            GAPS.with(|g| g.borrow_mut().push(bytes.to_vec()));
            RENDER_ERRORS.with(|v| v.borrow_mut().push(e));
            (true, false)
        }
    }
}

thread_local! {
    /// Errors of render on valid inputs in this thread (reported by the fuzz runs).
    static RENDER_ERRORS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Valid inputs that render refused.
    static GAPS: std::cell::RefCell<Vec<Vec<u8>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What render said about valid inputs it refused, by kind, with one example of each.
fn print_render_errors() {
    RENDER_ERRORS.with(|v| {
        let mut kinds: std::collections::BTreeMap<String, (usize, String)> = Default::default();
        for e in v.borrow().iter() {
            let kind = e.split(':').next().unwrap_or_default().to_string();
            kinds.entry(kind).or_insert((0, e.chars().take(200).collect())).0 += 1;
        }
        for (kind, (n, example)) in kinds {
            println!("render refused {n} valid input(s) with `{kind}`, e.g. {example}");
        }
    });
}

/// Keeps the valid inputs that render refused and fails if there are any.
fn assert_no_gaps(seed: u64) {
    let gaps = GAPS.with(|g| std::mem::take(&mut *g.borrow_mut()));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).ok();
    let kept: Vec<PathBuf> = gaps
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let path = dir.join(format!("fuzz-gap-{seed}-{i}.json"));
            std::fs::write(&path, input).ok();
            path
        })
        .collect();
    assert!(kept.is_empty(), "valid inputs that do not render: {kept:?}");
}

struct FuzzReport {
    iterations: u64,
    valid: u64,
    rendered: u64,
    crashes: Vec<PathBuf>,
}

fn mutation_fuzz(seed: u64, deadline: std::time::Duration, max_iterations: u64) -> FuzzReport {
    let read_all = |files: Vec<PathBuf>| -> Vec<String> {
        files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
    };
    // Valid descriptions (mutated, they reach layout) and the bad inputs (they reach the
    // corners of the parser and the validator).
    let mut valid = read_all(files_with_extension(&root().join("examples"), "json"));
    valid.push(read(&root().join("tests/bad_inputs/valid-base.json")));
    // A report written inline: the report kind without files to read.
    valid.push(read(&root().join("tests/fixtures/report-small-inline.json")));
    // A note written inline: its contents table laid out to a fixed point.
    valid.push(read(&root().join("tests/fixtures/note-small-inline.json")));
    let bad = read_all(files_with_extension(&root().join("tests/bad_inputs"), "json"));
    let mut rng = Rng(seed);
    let start = std::time::Instant::now();
    let mut report = FuzzReport { iterations: 0, valid: 0, rendered: 0, crashes: Vec::new() };
    while report.iterations < max_iterations && start.elapsed() < deadline {
        // Half the inputs from the structured generator (symbols, URLs, notes and long tokens
        // in every text position); half mutated from the corpus, one to three times.
        let generated = if rng.below(2) == 0 {
            let bytes: Vec<u8> = (0..512).map(|_| rng.next() as u8).collect();
            contract::generate(&bytes)
        } else {
            None
        };
        let (input, archival) = match generated {
            Some(g) => (g.json.into_bytes(), g.archival),
            None => {
                let corpus = if rng.below(4) == 0 { &bad } else { &valid };
                let base = &corpus[rng.below(corpus.len())];
                let mut input = mutate(&mut rng, base);
                for _ in 0..rng.below(3).saturating_sub(1) {
                    input = mutate(&mut rng, &String::from_utf8_lossy(&input));
                }
                let archival = input.len().is_multiple_of(4);
                (input, archival)
            }
        };
        match catch_unwind(AssertUnwindSafe(|| exercise(&input, archival))) {
            Ok((valid, rendered)) => {
                report.valid += u64::from(valid);
                report.rendered += u64::from(rendered);
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                println!("crash {}: {}", report.iterations, message.chars().take(200).collect::<String>());
                let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
                std::fs::create_dir_all(&dir).ok();
                let path = dir.join(format!("fuzz-crash-{seed}-{}.json", report.iterations));
                std::fs::write(&path, &input).ok();
                report.crashes.push(path);
            }
        }
        report.iterations += 1;
    }
    report
}

/// A fixed number of mutations (not a time budget, so that a slow machine runs the same
/// inputs): a few seconds, the whole render of every valid one.
#[test]
fn mutation_fuzz_short() {
    let r = mutation_fuzz(0x5EED_C70C, std::time::Duration::MAX, 60);
    println!("{} iterations, {} valid, {} rendered", r.iterations, r.valid, r.rendered);
    print_render_errors();
    assert_eq!(r.iterations, 60);
    assert!(r.crashes.is_empty(), "{} crash(es); inputs kept in {:?}", r.crashes.len(), r.crashes);
    assert_no_gaps(0x5EED_C70C);
}

/// The long run: `FUZZ_SECONDS=600 cargo test --release --test input_contract -- --ignored
/// --nocapture mutation_fuzz_long`.
#[test]
#[ignore]
fn mutation_fuzz_long() {
    let seconds = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(600);
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let r = mutation_fuzz(seed, std::time::Duration::from_secs(seconds), u64::MAX);
    println!(
        "mutation fuzz: seed {seed}, {seconds} s, {} iterations, {} valid, {} rendered, {} crash(es)",
        r.iterations,
        r.valid,
        r.rendered,
        r.crashes.len()
    );
    print_render_errors();
    assert!(r.crashes.is_empty(), "crashes kept in {:?}", r.crashes);
    assert_no_gaps(seed);
}

/// The structured generator starts from every kind's seed, and what it makes of each is
/// mostly valid and renders: the fuzzer's time reaches every kind's template.
#[test]
fn the_generator_reaches_every_kind() {
    let mut rng = Rng(0x0C70_C4D5);
    let mut valid: std::collections::BTreeMap<String, u32> = Default::default();
    let mut rendered: Vec<String> = Vec::new();
    for _ in 0..120 {
        let bytes: Vec<u8> = (0..512).map(|_| rng.next() as u8).collect();
        let Some(generated) = contract::generate(&bytes) else { continue };
        let Ok(meeting) = ctoc_press::parse(&generated.json) else { continue };
        let kind = format!("{:?}", meeting.kind);
        *valid.entry(kind.clone()).or_default() += 1;
        if !rendered.contains(&kind) {
            let outcome = contract::check(generated.json.as_bytes(), generated.archival);
            assert_eq!(outcome, Ok(contract::Outcome::Rendered), "{}", generated.json);
            rendered.push(kind);
        }
    }
    let kinds: Vec<&String> = valid.keys().collect();
    assert_eq!(
        kinds,
        ["Corrigendum", "Information", "Note", "ProvisionalAgenda", "Report", "Resolution"],
        "{valid:?}"
    );
}
