//! The report of a meeting: paragraph numbers read back from both language versions, chapter
//! numbering per language, footnotes, the draft (L.1) keeping the final's numbers, the
//! CommonMark and JSON forms giving the same bytes, and bad CommonMark reported at its place.

mod common;
use common::*;
use ctoc_press::{Error, Lang};
use std::collections::BTreeMap;

const FINAL: &str = "examples/report-wg3-2021.json";
const DRAFT: &str = "examples/report-wg3-2021-l1.json";

/// Each language version's text, read back by pdftotext with the layout kept.
fn texts(path: &str) -> BTreeMap<Lang, String> {
    render_each(path, "report")
        .into_iter()
        .map(|(lang, file)| (lang, pdftotext(&file, &["-layout"])))
        .collect()
}

/// The numbers that start lines (`12.` then a space): paragraph numbers, and the items of the
/// numbered list of the agenda as adopted.
fn line_numbers(text: &str) -> Vec<u32> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (n, rest) = l.split_once('.')?;
            (rest.starts_with(' ') && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect()
}

/// Paragraph numbers: the line numbers that rise above every number before them, which leaves
/// out the items of the adopted agenda (1.–5., after paragraph 42).
fn paragraph_numbers(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for n in line_numbers(text) {
        if out.last().is_none_or(|&last| n > last) {
            out.push(n);
        }
    }
    out
}

#[test]
fn paragraph_numbers_are_the_same_in_both_versions_and_run_through_the_report() {
    let t = texts(FINAL);
    let (zh, en) = (line_numbers(&t[&Lang::Zh]), line_numbers(&t[&Lang::En]));
    assert_eq!(zh, en, "the versions number their paragraphs differently");
    assert_eq!(paragraph_numbers(&t[&Lang::En]), (1..=49).collect::<Vec<_>>());
    // The adopted agenda's own numbers 1.–5. stand after paragraph 42, not as paragraphs.
    let at = en.iter().position(|&n| n == 42).expect("paragraph 42");
    assert_eq!(en[at + 1..at + 7], [1, 2, 3, 4, 5, 43]);
}

#[test]
fn the_draft_keeps_the_final_numbers() {
    let (draft, final_) = (texts(DRAFT), texts(FINAL));
    for lang in [Lang::Zh, Lang::En] {
        let d = paragraph_numbers(&draft[&lang]);
        let expected: Vec<u32> = (1..=13).chain(36..=49).collect();
        assert_eq!(d, expected, "{lang}");
        // Paragraph 36 opens chapter III in both.
        let line = |text: &str| text.lines().find(|l| l.trim_start().starts_with("36.")).map(strip_ws);
        assert_eq!(line(&draft[&lang]), line(&final_[&lang]), "{lang}");
    }
    assert!(draft[&Lang::En].contains("Distr.: Limited"));
    assert!(strip_ws(&draft[&Lang::En]).contains("CTOC/COP/WG.3/2021/L.1"));
    let chapters = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| ["I.", "II.", "III.", "IV."].contains(w))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(chapters(&draft[&Lang::En]), ["I.", "III.", "IV."]);
}

#[test]
fn chapters_are_numbered_per_language() {
    let t = texts(FINAL);
    let starts = |text: &str, labels: &[&str]| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| labels.contains(w))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(starts(&t[&Lang::Zh], &["一.", "二.", "三.", "四."]), ["一.", "二.", "三.", "四."]);
    assert_eq!(starts(&t[&Lang::En], &["I.", "II.", "III.", "IV."]), ["I.", "II.", "III.", "IV."]);
    assert!(starts(&t[&Lang::Zh], &["I.", "II."]).is_empty(), "Roman chapter numbers in Chinese");
    // Sections are lettered A., B. in both.
    assert!(t[&Lang::Zh].lines().any(|l| l.trim_start().starts_with("A.") && l.contains("联合调查机构")));
    assert!(t[&Lang::En].lines().any(|l| l.trim_start().starts_with("E.") && l.contains("Documentation")));
}

#[test]
fn footnotes_and_the_annex_table_are_printed() {
    let t = texts(FINAL);
    let en = strip_ws(&t[&Lang::En]);
    let zh = strip_ws(&t[&Lang::Zh]);
    for note in [
        "1SeeCTOC/COP/WG.3/2020/4,chap.II.",
        "2UnitedNations,TreatySeries,vol.2225,No.39574.",
        "6CTOC/COP/WG.3/2021/2.",
    ] {
        assert!(en.contains(note), "{note}");
    }
    assert!(
        zh.contains("2联合国，《条约汇编》，第2225卷，第39574号。")
            || zh.contains("2联合国,《条约汇编》,第2225卷,第39574号。"),
        "zh note 2"
    );
    assert!(en.contains("CTOC/COP/WG.3/2021/INF/1Listofparticipants"), "annex row");
    assert!(en.contains("Annex") && zh.contains("附件"));
}

/// Renders both versions of a description with its body files.
fn pdfs(path: &str) -> Vec<Vec<u8>> {
    ctoc_press::render(&load(path), &Default::default())
        .expect("renders")
        .into_iter()
        .map(|r| r.pdf)
        .collect()
}

#[test]
fn the_commonmark_and_json_forms_give_the_same_bytes() {
    let (md, json) =
        (pdfs("tests/fixtures/report-small-md.json"), pdfs("tests/fixtures/report-small-inline.json"));
    assert_eq!(md.len(), 2);
    for (a, b) in md.iter().zip(&json) {
        assert!(a == b, "the two forms differ");
    }
    // And the content is really there: emphasis, the list's sub-items, the note.
    let file = temp_file("report-small-en.pdf", &md[1]);
    let text = strip_ws(&pdftotext(&file, &["-layout"]));
    for s in [
        "(a)Using",
        "(i)WiththeSecretariat",
        "1.Organizationalmatters:",
        "(a)Openingofthemeeting;",
        "1SeeTreatySeries",
    ] {
        assert!(text.contains(s), "{s}");
    }
}

/// Parses a description of `report-small` whose English body is `en`.
fn with_english(en: &str) -> Result<ctoc_press::Meeting, Error> {
    let source = read("tests/fixtures/report-small-md.json");
    let zh = read("tests/fixtures/report-small.zh.md");
    let en = en.to_string();
    ctoc_press::parse_with_files(&source, &[], &move |name: &str| {
        Ok(if name.ends_with("zh.md") { zh.clone() } else { en.clone() })
    })
}

fn problems(result: Result<ctoc_press::Meeting, Error>) -> Vec<String> {
    match result {
        Err(Error::Invalid(p)) => p.iter().map(|p| format!("{}: {}", p.path, p.message)).collect(),
        Err(other) => panic!("not an input problem: {other}"),
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn bad_commonmark_is_reported_at_its_line_and_column() {
    let good = read("tests/fixtures/report-small.en.md");
    assert!(with_english(&good).is_ok());
    let cases = [
        (
            "The Working Group adopted",
            "An ![image](x.png) adopted",
            "report-small.en.md:5:4: an image is a figure, a paragraph of its own",
        ),
        (
            "## Joint investigations",
            "## Joint investigations\n\n<div>raw</div>",
            "report-small.en.md:9:1: HTML cannot go",
        ),
        (
            "## Joint investigations",
            "## Joint investigations\n\n```\ncode\n```",
            "report-small.en.md:9:1: a code block cannot go",
        ),
        (
            "## Joint investigations",
            "### Joint investigations",
            "report-small.en.md:7:1: only `#` (chapter) and `##`",
        ),
        (
            "recommendations.[^1]",
            "recommendations.[^1] and `code`",
            "report-small.en.md:5:66: code cannot go",
        ),
        ("[^1]: See", "[^2]: See", "report-small.en.md:5:57: the footnote [^1] is not defined"),
        (
            "Other matters.",
            "Other [matters](https://example.org).",
            "report-small.en.md:23:10: a link cannot go",
        ),
    ];
    for (from, to, expected) in cases {
        let bad = good.replacen(from, to, 1);
        assert_ne!(bad, good, "{from}");
        let found = problems(with_english(&bad));
        assert!(
            found.iter().any(|p| p.starts_with("$.report.body_files.en: ") && p.contains(expected)),
            "{expected}: {found:?}"
        );
    }
}

#[test]
fn versions_must_have_the_same_structure_and_files_stay_in_their_folder() {
    let good = read("tests/fixtures/report-small.en.md");
    let extra = good.replacen("# Organization", "One paragraph more.\n\n# Organization", 1);
    let found = problems(with_english(&extra));
    assert!(
        found.iter().any(|p| p.contains("the versions differ") && p.contains("report-small.en.md:16:1")),
        "{found:?}"
    );

    let source = read("tests/fixtures/report-small-md.json");
    let outside = source.replace("\"report-small.en.md\"", "\"../report-small.en.md\"");
    let found = problems(ctoc_press::parse_with_files(&outside, &[], &|_| Ok(String::new())));
    assert!(
        found.iter().any(|p| p.starts_with("$.report.body_files.en: ") && p.contains("`..` is not allowed")),
        "{found:?}"
    );
    let absolute = source.replace("\"report-small.en.md\"", "\"/etc/passwd\"");
    let found = problems(ctoc_press::parse_with_files(&absolute, &[], &|_| Ok(String::new())));
    assert!(found.iter().any(|p| p.contains("not by an absolute path")), "{found:?}");
    // `parse` reads no files and says so.
    let found = problems(ctoc_press::parse(&source));
    assert!(found.iter().any(|p| p.contains("`parse` reads no files")), "{found:?}");
    // A symbolic link out of the folder is refused by the command line's reader.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-link");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::os::unix::fs::symlink("/etc/hostname", dir.join("body.md")).expect("symlink");
    let why = ctoc_press::input::read_beside(&dir, "body.md").expect_err("refused");
    assert!(why.contains("outside the description's folder"), "{why}");
}

#[test]
fn a_report_needs_its_content_and_an_agenda_only_its_own_kind() {
    let source = read("tests/fixtures/report-small-inline.json");
    let mut v: serde_json::Value = serde_json::from_str(&source).expect("JSON");
    v["agenda"] = serde_json::json!([{"title": "Opening"}]);
    let found = problems(ctoc_press::parse(&v.to_string()));
    assert!(found.iter().any(|p| p.starts_with("$.agenda: a report has no agenda")), "{found:?}");
    let mut v: serde_json::Value = serde_json::from_str(&source).expect("JSON");
    v.as_object_mut().expect("object").remove("report");
    let found = problems(ctoc_press::parse(&v.to_string()));
    assert!(found.iter().any(|p| p.starts_with("$: a report needs its `report`")), "{found:?}");
    let mut v: serde_json::Value = serde_json::from_str(&read(EXAMPLE)).expect("JSON");
    v.as_object_mut().expect("object").remove("agenda");
    let found = problems(ctoc_press::parse(&v.to_string()));
    assert!(found.iter().any(|p| p.starts_with("$.agenda: the agenda has no items")), "{found:?}");
}
