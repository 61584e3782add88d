//! The resolution, corrigendum and information kinds, read back from their PDFs by poppler:
//! italic opening words (the font of the run, by name), operative numbering and sub-paragraph
//! labels, the corrigendum's text, the list of participants in its order, each kind's
//! masthead against its template, and each kind through `batch`.

mod common;
use common::*;
use ctoc_press::Lang;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const RESOLUTION: &str = "examples/resolution-cop10-2020-l4.json";
const CORRIGENDUM: &str = "examples/corrigendum-cop10-2020-l4-corr1.json";
const INFORMATION: &str = "examples/information-cop10-2020-inf1.json";

/// Each language version of an example, written to a file of its own.
fn rendered(path: &str) -> BTreeMap<Lang, PathBuf> {
    render_each(path, "kinds")
}

/// The text runs of a PDF with the names of their fonts: pdftohtml gives each run's font
/// spec, whose subset tag (`TVZNAY+`) names the font in pdffonts' list
/// (`TVZNAY+LiberationSerif-Italic`).
fn runs_with_fonts(pdf: &std::path::Path) -> Vec<(String, String)> {
    let (ok, fonts) = tool("pdffonts", &[], pdf);
    assert!(ok, "pdffonts failed: {fonts}");
    let names: Vec<&str> = fonts.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    let (ok, xml) = tool("pdftohtml", &["-xml", "-stdout", "-i", "-q"], pdf);
    assert!(ok, "pdftohtml failed");
    let attr = |tag: &str, key: &str| -> String {
        let key = format!("{key}=\"");
        tag.find(&key).and_then(|i| tag[i + key.len()..].split('"').next()).unwrap_or_default().to_string()
    };
    let mut specs: BTreeMap<String, String> = BTreeMap::new();
    let mut runs = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<fontspec") {
            let tag = attr(line, "family");
            let prefix = tag.split('+').next().unwrap_or_default().to_string();
            let full = names.iter().find(|n| n.starts_with(&format!("{prefix}+"))).copied().unwrap_or(&tag);
            specs.insert(attr(line, "id"), full.to_string());
        } else if line.starts_with("<text") {
            let text: String = {
                let inner = line.split_once('>').map_or("", |(_, r)| r).trim_end_matches("</text>");
                let mut out = String::new();
                let mut tag = false;
                for c in inner.chars() {
                    match c {
                        '<' => tag = true,
                        '>' => tag = false,
                        c if !tag => out.push(c),
                        _ => {}
                    }
                }
                out.replace("&#160;", " ").replace("&amp;", "&")
            };
            let font = specs.get(&attr(line, "font")).cloned().unwrap_or_default();
            runs.push((text.split_whitespace().collect::<Vec<_>>().join(" "), font));
        }
    }
    runs
}

fn font_of<'a>(runs: &'a [(String, String)], text: &str) -> &'a str {
    runs.iter()
        .find(|(t, _)| t == text)
        .map(|(_, f)| f.as_str())
        .unwrap_or_else(|| panic!("no run {text:?} in {runs:?}"))
}

#[test]
fn opening_words_are_italic_in_english_and_upright_in_chinese() {
    let files = rendered(RESOLUTION);
    let en = runs_with_fonts(&files[&Lang::En]);
    for lead in [
        "Recalling",
        "Recalling also",
        "Deeply concerned",
        "Recognizing",
        "Taking note",
        "Urges",
        "Calls upon",
        "Requests",
    ] {
        assert!(font_of(&en, lead).ends_with("LiberationSerif-Italic"), "{lead}: {}", font_of(&en, lead));
    }
    // The sponsors line: the sponsors upright, "draft resolution" italic.
    assert!(font_of(&en, "draft resolution").ends_with("-Italic"));
    assert!(en.iter().any(|(t, f)| t.starts_with("Austria, Brazil and Mexico") && !f.ends_with("-Italic")));
    // The text after the opening words is upright.
    let after =
        en.iter().find(|(t, _)| t.starts_with("article 32 of the United Nations")).expect("preamble text");
    assert!(after.1.ends_with("LiberationSerif"), "{after:?}");
    // Chinese UN resolutions set no italics: no italic face in the Chinese version at all.
    let (_, zh_fonts) = tool("pdffonts", &[], &files[&Lang::Zh]);
    assert!(!zh_fonts.contains("Italic"), "{zh_fonts}");
    let zh = runs_with_fonts(&files[&Lang::Zh]);
    assert!(zh.iter().any(|(t, f)| t.starts_with("回顾《联合国打击跨国有组织犯罪公约》") && f.contains("NotoSerifCJK")));
}

/// Labels that start lines, in order: `1.`, `(a)`, `(i)`.
fn labels(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let first = l.split_whitespace().next()?;
            let number = first
                .strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let letter = first.starts_with('(')
                && first.ends_with(')')
                && first.len() <= 5
                && first[1..first.len() - 1].bytes().all(|b| b.is_ascii_lowercase());
            (number || letter).then(|| first.to_string())
        })
        .collect()
}

#[test]
fn operative_paragraphs_are_numbered_with_their_sub_paragraphs_in_both_versions() {
    let files = rendered(RESOLUTION);
    let expected: Vec<String> = [
        "1.", "2.", "(a)", "(b)", "(i)", "(ii)", "(c)", "3.", "4.", "5.", "(a)", "(b)", "(c)", "6.", "7.",
        "8.", "9.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (lang, file) in &files {
        let text = pdftotext(file, &["-layout"]);
        // The footnote's number (1) under the rule is not a label: it has no full stop.
        assert_eq!(labels(&text), expected, "{lang}");
    }
    let en = pdftotext(&files[&Lang::En], &["-layout"]);
    let line = |start: &str| {
        en.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).find(|l| l.starts_with(start))
    };
    assert_eq!(
        line("1."),
        Some("1. Urges States that have not yet done so to consider ratifying or acceding to the".into())
    );
    let zh = pdftotext(&files[&Lang::Zh], &["-layout"]);
    let last = zh.lines().map(strip_ws).find(|l| l.contains("请秘书处就本决议的执行情况"));
    assert_eq!(last.as_deref(), Some("9.请秘书处就本决议的执行情况向缔约方会议第十一届会议提出报告。"));
    assert!(strip_ws(&zh).contains("奥地利、巴西和墨西哥：决议草案"));
}

#[test]
fn an_adopted_text_carries_its_number_and_several_texts_their_titles() {
    let mut v: Value = serde_json::from_str(&read(RESOLUTION)).expect("JSON");
    v["symbol"] = "CTOC/COP/2020/2".into();
    v["distribution"] = "general".into();
    v.as_object_mut().expect("object").remove("agenda_item");
    v["resolutions"].as_object_mut().expect("object").remove("sponsors");
    let mut second = v["resolutions"]["texts"][0].clone();
    v["resolutions"]["texts"][0]["number"] = "10/4".into();
    second["form"] = "decision".into();
    second["number"] = "10/5".into();
    second["title"] = serde_json::json!({"zh": "工作组的工作", "en": "Work of the working groups"});
    v["resolutions"]["texts"].as_array_mut().expect("texts").push(second);
    let title = serde_json::json!({"zh": "缔约方会议第十届会议通过的决议和决定", "en": "Resolutions and decisions adopted by the Conference of the Parties at its tenth session"});
    // Two texts and no title of the document's own: refused, naming the texts.
    let problems = problems(&v.to_string());
    assert!(problems.contains("$.resolutions.texts: a document of several resolutions"), "{problems}");
    v["title"] = title;
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    for doc in ctoc_press::render(&meeting, &Default::default()).expect("renders") {
        let file = temp_file(&format!("kinds-adopted-{}.pdf", doc.lang.code()), &doc.pdf);
        let text = strip_ws(&pdftotext(&file, &[]));
        let wanted: &[&str] = if doc.lang == Lang::Zh {
            &["第10/4号决议加强国际合作以打击跨国有组织犯罪", "第10/5号决定工作组的工作"]
        } else {
            &["Resolution10/4Strengtheninginternational", "Decision10/5Workoftheworkinggroups"]
        };
        for w in wanted {
            assert!(text.contains(w), "{}: {w} in {text}", doc.lang);
        }
        assert!(!text.contains("draftresolution") && !text.contains("决议草案"));
    }
}

#[test]
fn the_corrigendum_reads_back() {
    let files = rendered(CORRIGENDUM);
    let en = pdftotext(&files[&Lang::En], &["-layout"]);
    // A hyphenated line ends with a soft hyphen (the word's end follows on the next line).
    let en_lines: Vec<String> = en
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ").replace('\u{ad}', "-"))
        .collect();
    let at = en_lines.iter().position(|l| l == "Corrigendum").expect("the title Corrigendum");
    assert_eq!(en_lines[at + 1], "Chinese and English only");
    let body: Vec<&String> = en_lines[at + 2..].iter().filter(|l| !l.is_empty()).take(5).collect();
    assert_eq!(
        body,
        [
            "1. Second preambular paragraph",
            "For “19 October 2018” read “19 October 2018 and 16 October 2020”",
            "2. Fourth preambular paragraph",
            "For “including extradition, mutual legal assistance and international cooperation for",
            "purposes of confiscation” read “including extradition, mutual legal assistance, law en-",
        ]
    );
    // Numbered through both pages; an instruction in words in place of For … read ….
    let eleven = en_lines.iter().position(|l| l == "13. Operative paragraph 8").expect("correction 13");
    assert_eq!(en_lines[eleven + 1], "Delete the words “and other donors”.");
    assert!(en_lines.iter().any(|l| l == "14. Operative paragraph 9"));
    let runs = runs_with_fonts(&files[&Lang::En]);
    assert!(font_of(&runs, "For").ends_with("-Italic") && font_of(&runs, "read").ends_with("-Italic"));
    assert!(strip_ws(&en).contains("CTOC/COP/2020/L.4/Corr.1"));
    let zh = strip_ws(&pdftotext(&files[&Lang::Zh], &[]));
    for w in [
        "更正仅涉及中文本和英文本",
        "1.序言部分第2段将“2018年10月19日”改为“2018年10月19日和2020年10月16日”",
        "13.执行部分第8段删除“和其他捐助方”一语。",
    ] {
        assert!(zh.contains(w), "{w} in {zh}");
    }
}

#[test]
fn a_corrigendum_is_refused_without_its_suffix_or_for_a_version_it_does_not_concern() {
    let mut v: Value = serde_json::from_str(&read(CORRIGENDUM)).expect("JSON");
    v["symbol"] = "CTOC/COP/2020/L.4".into();
    v["corrigendum"]["versions"] = serde_json::json!(["zh"]);
    let problems = problems(&v.to_string());
    assert!(
        problems.contains("$.symbol: `CTOC/COP/2020/L.4`: a corrigendum's symbol ends with /Corr.1"),
        "{problems}"
    );
    assert!(
        problems.contains("$.corrigendum.versions: the corrigendum does not concern the `en` version"),
        "{problems}"
    );
}

#[test]
fn the_list_of_participants_is_an_annex_in_the_order_given() {
    let files = rendered(INFORMATION);
    for (lang, file) in &files {
        let pages = words(file);
        let last: String = pages.last().expect("pages").iter().map(|w| w.text.as_str()).collect();
        let order: &[&str] = if *lang == Lang::Zh {
            &[
                "附件",
                "与会者名单",
                "公约缔约国",
                "阿根廷",
                "María",
                "奥地利",
                "巴西",
                "中国",
                "墨西哥",
                "南非",
                "签署国",
                "日本",
                "政府间组织",
            ]
        } else {
            &[
                "Annex",
                "Listofparticipants",
                "StatespartiestotheConvention",
                "Argentina",
                "Ms.MaríaFernandaRodríguez,Ambassador",
                "Austria",
                "Brazil",
                "China",
                "Mexico",
                "SouthAfrica",
                "SignatoryStates",
                "Japan",
                "Intergovernmentalorganizations",
            ]
        };
        let mut from = 0;
        for w in order {
            let at = last[from..].find(w).unwrap_or_else(|| panic!("{lang}: {w} after {from} in {last}"));
            from += at + w.len();
        }
        // Chapters come first, with numbered paragraphs; the list starts a page of its own.
        let first: String = pages[0].iter().map(|w| w.text.as_str()).collect();
        assert!(!first.contains(order[1]), "{lang}: the list is on a page of its own");
    }
    let en = pdftotext(&files[&Lang::En], &["-layout"]);
    let numbers: Vec<String> = labels(&en).into_iter().filter(|l| l.ends_with('.')).collect();
    assert_eq!(
        numbers,
        (1..=7).map(|n| format!("{n}.")).collect::<Vec<_>>(),
        "paragraphs numbered through the chapters"
    );
}

#[test]
fn participants_out_of_order_are_refused_at_their_place() {
    let mut v: Value = serde_json::from_str(&read(INFORMATION)).expect("JSON");
    let delegations = &mut v["information"]["participants"]["categories"][0]["delegations"];
    delegations.as_array_mut().expect("delegations").swap(1, 2);
    let problems = problems(&v.to_string());
    assert!(
        problems.contains(
            "$.information.participants.categories[0].delegations[2].name: `Austria` comes before `Brazil`"
        ),
        "{problems}"
    );
}

/// The problems `ctoc_press::parse` finds, one a line.
fn problems(source: &str) -> String {
    match ctoc_press::parse(source) {
        Err(ctoc_press::Error::Invalid(problems)) => problems.iter().map(|p| format!("{p}\n")).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

/// The template of `kind` with the templates it extends merged under it.
fn resolved_template(kind: &str) -> Value {
    fn merge(base: &mut Value, over: Value) {
        match (base, over) {
            (Value::Object(b), Value::Object(o)) => {
                for (k, v) in o {
                    merge(b.entry(k).or_insert(Value::Null), v);
                }
            }
            (b, o) => *b = o,
        }
    }
    let mut over: Value =
        serde_json::from_str(&read(&format!("templates/{kind}.json"))).expect("template JSON");
    match over.as_object_mut().and_then(|o| o.remove("extends")) {
        Some(Value::String(parent)) => {
            let mut base = resolved_template(&parent);
            merge(&mut base, over);
            base
        }
        _ => over,
    }
}

#[test]
fn each_kind_has_the_masthead_of_its_template() {
    for (kind, example, tail) in [
        ("resolution", RESOLUTION, "/COP/2020/L.4"),
        ("corrigendum", CORRIGENDUM, "/COP/2020/L.4/Corr.1"),
        ("information", INFORMATION, "/COP/2020/INF/1"),
    ] {
        let t = resolved_template(kind);
        let page = &t["page"];
        let slots = &page["slots"];
        for (lang, file) in rendered(example) {
            let p1 = words(&file).swap_remove(0);
            let what = |w: &str| format!("{kind} {lang}: {w}");
            close(find(&p1, tail).x_max, num(page, &["frame_right"]), &what("symbol's right edge"));
            let (_, base) = size_and_baseline(find(&p1, tail));
            close(base, num(&slots["symbol"], &["baseline"]), &what("symbol's baseline"));
            let organization = if lang == Lang::Zh { "联合国" } else { "United" };
            let w = find(&p1, organization);
            close(w.x_min, num(page, &["column_left"]), &what("organization x"));
            close(
                size_and_baseline(w).1,
                num(&slots["organization"], &["baseline"]),
                &what("organization baseline"),
            );
            let slot = &slots["distribution"];
            let distr = find(&p1, "Distr.:");
            close(distr.x_min, num(slot, &["x"]), &what("distribution x"));
            close(size_and_baseline(distr).1, num(slot, &["baseline"]), &what("distribution baseline"));
            let original = find(&p1, "Original:");
            // The fourth line: the language line stays in place, empty in the English version.
            let expected = num(slot, &["baseline"]) + num(slot, &["font", "leading"]) * 3.0;
            close(size_and_baseline(original).1, expected, &what("Original: line"));
        }
    }
}

#[test]
fn each_kind_renders_through_batch() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kinds-batch");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inputs")).expect("mkdir");
    for example in [RESOLUTION, CORRIGENDUM, INFORMATION] {
        let name = example.trim_start_matches("examples/");
        std::fs::copy(root().join(example), dir.join("inputs").join(name)).expect("copy");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
        .args(["batch", "inputs", "--out-dir", "out", "--jobs", "2"])
        .current_dir(&dir)
        .output()
        .expect("run ctoc-press");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/manifest.json")).expect("manifest"))
            .expect("JSON");
    let mut outputs: Vec<&str> =
        manifest.as_array().expect("entries").iter().filter_map(|e| e["output"].as_str()).collect();
    outputs.sort();
    assert_eq!(
        outputs,
        [
            "CTOC_COP_2020_INF_1-en.pdf",
            "CTOC_COP_2020_INF_1-zh.pdf",
            "CTOC_COP_2020_L.4-en.pdf",
            "CTOC_COP_2020_L.4-zh.pdf",
            "CTOC_COP_2020_L.4_Corr.1-en.pdf",
            "CTOC_COP_2020_L.4_Corr.1-zh.pdf",
        ]
    );
    for name in outputs {
        let (ok, info) = tool("pdfinfo", &[], &dir.join("out").join(name));
        assert!(ok && info.contains("Pages:"), "{name}: {info}");
    }
}

#[test]
fn a_report_ends_with_its_list_of_participants() {
    let mut v: Value = serde_json::from_str(&read("tests/fixtures/report-small-inline.json")).expect("JSON");
    let info: Value = serde_json::from_str(&read(INFORMATION)).expect("JSON");
    v["report"]["participants"] = info["information"]["participants"].clone();
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    for doc in ctoc_press::render(&meeting, &Default::default()).expect("renders") {
        let file = temp_file(&format!("kinds-report-participants-{}.pdf", doc.lang.code()), &doc.pdf);
        let pages = words(&file);
        let last: String = pages.last().expect("pages").iter().map(|w| w.text.as_str()).collect();
        let (title, first, member) = if doc.lang == Lang::Zh {
            ("与会者名单", "阿根廷", "PeterHuber先生，联邦司法部国际刑事事务司司长")
        } else {
            ("Listofparticipants", "Argentina", "Mr.PeterHuber,Director,InternationalCriminalMatters")
        };
        let at = last.find(title).unwrap_or_else(|| panic!("{}: {title} in {last}", doc.lang));
        assert!(last[at..].contains(first) && last[at..].contains(member), "{}: {last}", doc.lang);
    }
    // Its delegations are checked as an information document's, at the report's path.
    v["report"]["participants"]["categories"][0]["delegations"].as_array_mut().expect("list").swap(0, 1);
    let problems = problems(&v.to_string());
    assert!(
        problems.contains(
            "$.report.participants.categories[0].delegations[1].name: `Argentina` comes before `Austria`"
        ),
        "{problems}"
    );
}

#[test]
fn french_and_spanish_letter_sub_paragraphs_a_and_i_and_keep_the_italics() {
    let mut v: Value = serde_json::from_str(&read(RESOLUTION)).expect("JSON");
    v["languages"] = serde_json::json!(["fr", "es"]);
    v["job_numbers"] = serde_json::json!({"fr": "V.20-05872", "es": "V.20-05873"});
    // Texts the same in every version (a test of the labels, not of translation).
    let same = |v: &mut Value| {
        fn walk(v: &mut Value) {
            match v {
                Value::Object(map) if map.contains_key("en") => *v = map["en"].clone(),
                Value::Object(map) => map.values_mut().for_each(walk),
                Value::Array(list) => list.iter_mut().for_each(walk),
                _ => {}
            }
        }
        walk(v)
    };
    same(&mut v);
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    for doc in ctoc_press::render(&meeting, &Default::default()).expect("renders") {
        let file = temp_file(&format!("kinds-resolution-{}.pdf", doc.lang.code()), &doc.pdf);
        let text = pdftotext(&file, &["-layout"]);
        let subs: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.ends_with(')') && !w.starts_with('(') && w.len() <= 4)
            .collect();
        assert_eq!(subs, ["a)", "b)", "i)", "ii)", "c)", "a)", "b)", "c)"], "{}", doc.lang);
        let runs = runs_with_fonts(&file);
        assert!(font_of(&runs, "Recalling").ends_with("-Italic"), "{}", doc.lang);
        let draft = if doc.lang == Lang::Fr { "projet de résolution" } else { "proyecto de resolución" };
        assert!(font_of(&runs, draft).ends_with("-Italic"), "{}", doc.lang);
    }
}
