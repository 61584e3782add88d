//! Masthead variants of the envelope, read back with `pdftotext -bbox` against the base page
//! template: Limited distribution with a Corr. suffix, English only, a document reissued for
//! technical reasons (its star and note), the first-page date stamps, and a title of the
//! description's own.

mod common;
use common::*;
use serde_json::{Value, json};

/// The bilingual seed with `changes` applied, rendered; the first page's words of each version.
fn variant(name: &str, changes: Value) -> Vec<(String, Vec<Word>)> {
    let mut v: Value = serde_json::from_str(&read("examples/ctoc-cop-wg3-2021-1-zh-en.json")).expect("JSON");
    for (key, value) in changes.as_object().expect("an object of changes") {
        v[key] = value.clone();
    }
    let meeting = ctoc_press::parse(&v.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = ctoc_press::render(&meeting, &ctoc_press::Options::default()).expect("renders");
    out.into_iter()
        .map(|doc| {
            let file = temp_file(&format!("variant-{name}-{}.pdf", doc.lang.code()), &doc.pdf);
            (doc.lang.code().to_string(), words(&file).swap_remove(0))
        })
        .collect()
}

fn template() -> Value {
    serde_json::from_str(&read("templates/un-a4.json")).expect("template JSON")
}

/// The distribution block's lines: each starts at the slot's x, one leading apart.
fn assert_distribution(p1: &[Word], lines: &[&str]) {
    let t = template();
    let slot = &t["page"]["slots"]["distribution"];
    for (k, first) in lines.iter().enumerate() {
        if first.is_empty() {
            continue;
        }
        let w = find(p1, first);
        let (_, base) = size_and_baseline(w);
        close(w.x_min, num(slot, &["x"]), &format!("{first} x"));
        close(
            base,
            num(slot, &["baseline"]) + num(slot, &["font", "leading"]) * k as f32,
            &format!("{first} line"),
        );
    }
}

fn assert_symbol_ends_at_the_frame(p1: &[Word], tail: &str) {
    let t = template();
    close(find(p1, tail).x_max, num(&t["page"], &["frame_right"]), &format!("{tail} right edge"));
}

#[test]
fn limited_with_a_corrigendum_suffix() {
    for (lang, p1) in
        variant("limited", json!({"symbol": "CTOC/COP/WG.3/2021/1/Corr.1", "distribution": "limited"}))
    {
        assert_symbol_ends_at_the_frame(&p1, "/COP/WG.3/2021/1/Corr.1");
        let language = if lang == "zh" { "Chinese" } else { "" };
        assert_distribution(&p1, &["Distr.:", "11", language, "Original:"]);
        assert!(p1.iter().any(|w| w.text == "Limited"), "{lang}: Distr.: Limited");
    }
}

#[test]
fn english_only() {
    let versions = variant("english-only", json!({"languages": ["en"], "english_only": true}));
    assert_eq!(versions.len(), 1);
    let (_, p1) = &versions[0];
    assert_distribution(p1, &["Distr.:", "11", "English", "Original:"]);
    let english = p1.iter().filter(|w| w.text == "English").min_by(|a, b| a.y_min.total_cmp(&b.y_min));
    let only = find(p1, "only");
    assert!(english.is_some_and(|e| (e.y_min - only.y_min).abs() < 1.0), "“English only” on one line");
}

#[test]
fn a_reissued_document_has_its_star_and_note() {
    let versions = variant("reissued", json!({"reissued": "2021-01-15"}));
    for (lang, p1) in &versions {
        assert_symbol_ends_at_the_frame(p1, "/COP/WG.3/2021/1*");
        let note =
            if lang == "zh" { "因技术原因于2021年1月15日重新印发。" } else { "Reissued" };
        let text: String = p1.iter().map(|w| w.text.as_str()).collect();
        assert!(text.contains(note), "{lang}: the reissue note is on page 1: {text}");
    }
    // The QR code and links keep the symbol without its star.
    let file = temp_file("variant-reissued-qr.pdf", &{
        let mut v: Value = serde_json::from_str(&read(EXAMPLE)).expect("JSON");
        v["reissued"] = json!("2021-01-15");
        let m = ctoc_press::parse(&v.to_string()).expect("valid");
        ctoc_press::render(&m, &ctoc_press::Options::default()).expect("renders").swap_remove(0).pdf
    });
    assert!(page1_codes(&file).iter().any(|c| c.ends_with("undocs.org/zh/CTOC/COP/WG.3/2021/1")));
}

#[test]
fn date_stamps_and_a_title_of_its_own() {
    let changes = json!({
        "date_stamps": {"zh": ["2021-01-04", "2021-01-06"], "en": ["2021-01-04", "2021-01-05"]},
        "title": {"zh": "临时议程和说明", "en": "Annotated provisional agenda"}
    });
    let t = template();
    let slot = &t["page"]["slots"]["date-stamps"];
    for (lang, p1) in variant("stamps", changes) {
        let first = find(&p1, "040121");
        let (_, base) = size_and_baseline(first);
        close(first.x_min, num(slot, &["x"]), "date stamps x");
        close(base, num(slot, &["baseline"]), "date stamps baseline");
        let second = if lang == "zh" { "060121" } else { "050121" };
        assert!(p1.iter().any(|w| w.text == second), "{lang}: the second stamp");
        let title = if lang == "zh" { "临时议程和说明" } else { "Annotated" };
        assert!(p1.iter().any(|w| w.text == title), "{lang}: the title of the description");
    }
}

#[test]
fn a_body_that_meets_in_sessions_has_its_session_line() {
    let meeting = ctoc_press::parse(&read("examples/irg-2022-agenda.json")).expect("valid example");
    for doc in ctoc_press::render(&meeting, &ctoc_press::Options::default()).expect("renders") {
        let file = temp_file(&format!("irg-{}.pdf", doc.lang.code()), &doc.pdf);
        let text = pdftotext(&file, &["-raw", "-l", "1"]);
        let (name, session, place) = match doc.lang.code() {
            "zh" => ("实施情况审议组", "第十三届会议", "2022 年 6 月 13 日至 17 日，维也纳"),
            _ => ("Implementation Review Group", "Thirteenth session", "Vienna, 13–17 June 2022"),
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines.iter().position(|l| *l == name).unwrap_or_else(|| panic!("no {name:?} in {lines:?}"));
        assert_eq!(lines.get(at + 1), Some(&session), "the session line follows the body's name");
        assert_eq!(lines.get(at + 2).map(|l| l.replace(' ', "")), Some(place.replace(' ', "")));
    }
}

#[test]
fn the_agenda_item_line_and_its_note() {
    let changes = json!({
        "symbol": "CTOC/COP/WG.3/2021/2",
        "agenda_item": {"item": "2", "agenda": "CTOC/COP/WG.3/2021/1"},
        "title_note": {"zh": "本文件迟交。", "en": "Submitted late."}
    });
    for (lang, p1) in variant("agenda-item", changes) {
        // Words without the spaces poppler puts between them.
        let text: String = p1.iter().map(|w| w.text.as_str()).collect();
        // The item's star comes first; the title's note is the second.
        let (line, note) = if lang == "zh" {
            ("临时议程*项目2", "*CTOC/COP/WG.3/2021/1。")
        } else {
            ("Item2oftheprovisionalagenda*", "*CTOC/COP/WG.3/2021/1.")
        };
        assert!(text.contains(line), "{lang}: {line:?} in {text}");
        assert!(text.contains(note), "{lang}: {note:?} in {text}");
        assert!(text.contains("**"), "{lang}: the title's note is the second asterisk");
    }
}
