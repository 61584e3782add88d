//! The parallel check: language versions that disagree on a footnote call or a cited symbol
//! are refused at validation, naming the paragraph and the versions; the examples, whose
//! versions are parallel, pass.

mod common;
use common::*;
use ctoc_press::Error;

const REPORT: &str = "examples/report-wg3-2021.json";
const EN_BODY: &str = "report/wg3-2021-report.en.md";

/// Validates the report with its English body changed by `edit`.
fn problems_with_english(edit: impl Fn(&str) -> String) -> Vec<String> {
    let source = read(REPORT);
    let folder = root().join("examples");
    let read = |name: &str| -> Result<String, String> {
        let text = std::fs::read_to_string(folder.join(name)).map_err(|e| e.to_string())?;
        Ok(if name == EN_BODY { edit(&text) } else { text })
    };
    match ctoc_press::parse_with_files(&source, &[], &read) {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(problems)) => problems.into_iter().map(|p| p.message).collect(),
        Err(e) => panic!("not a validation error: {e}"),
    }
}

#[test]
fn the_examples_are_parallel() {
    assert!(problems_with_english(|t| t.to_string()).is_empty());
}

#[test]
fn a_footnote_call_moved_to_another_paragraph_is_found() {
    let moved = |text: &str| {
        let mut parts: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        let k = parts.iter().position(|p| p.contains("Crime[^2] as a legal basis")).expect("the call");
        parts[k] = parts[k].replacen("[^2]", "", 1);
        parts[k + 1].push_str("[^2]");
        parts.join("\n\n")
    };
    let problems = problems_with_english(moved);
    assert_eq!(
        problems,
        vec![
            "paragraph 2: 1 footnote call in the `zh` version, 0 in the `en` version".to_string(),
            "paragraph 3: 0 footnote calls in the `zh` version, 1 in the `en` version".to_string(),
        ]
    );
}

#[test]
fn a_mistyped_symbol_is_found_with_both_readings() {
    let problems = problems_with_english(|t| t.replacen("CTOC/COP/WG.3/2020/4", "CTOC/COP/WG.3/2020/5", 1));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "the `zh` version cites CTOC/COP/WG.3/2020/4 where the `en` version cites CTOC/COP/WG.3/2020/5"
        ),
        "{}",
        problems[0]
    );
}

#[test]
fn a_lost_citation_is_found() {
    let problems = problems_with_english(|t| t.replacen("CTOC/COP/2020/CRP.4", "a conference room paper", 1));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("the `zh` version cites CTOC/COP/2020/CRP.4 where the `en` version cites"),
        "{}",
        problems[0]
    );
}

/// The first `lang` text in `v` that cites a CTOC symbol, changed by `edit`.
fn edit_first_citing(v: &mut serde_json::Value, lang: &str, edit: &dyn Fn(&str) -> String) -> bool {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(text)) = map.get_mut(lang)
                && text.contains("CTOC/COP/")
            {
                *text = edit(text);
                return true;
            }
            map.values_mut().any(|x| edit_first_citing(x, lang, edit))
        }
        serde_json::Value::Array(list) => list.iter_mut().any(|x| edit_first_citing(x, lang, edit)),
        _ => false,
    }
}

#[test]
fn a_broken_version_of_the_six_language_seed_is_named() {
    let source = read("examples/ctoc-cop-wg3-2021-1-all.json");
    assert!(ctoc_press::parse(&source).is_ok(), "the six versions are parallel");
    for lang in ["ar", "ru"] {
        let mut v: serde_json::Value = serde_json::from_str(&source).expect("JSON");
        let changed =
            edit_first_citing(&mut v, lang, &|t: &str| t.replacen("CTOC/COP/", "CTOC/COP/WG.9/", 1));
        assert!(changed, "{lang}: no text cites a symbol");
        let Err(Error::Invalid(problems)) = ctoc_press::parse(&v.to_string()) else {
            panic!("{lang}: accepted")
        };
        let named: Vec<&String> = problems
            .iter()
            .map(|p| &p.message)
            .filter(|m| m.contains(&format!("the `{lang}` version cites")))
            .collect();
        assert!(!named.is_empty(), "{lang}: {problems:?}");
        assert!(named[0].contains("CTOC/COP/WG.9/"), "{}", named[0]);
    }
}
