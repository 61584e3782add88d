//! The six-language example: every version renders and reads back in logical order; Arabic is
//! shaped (joined forms), set right to left with Latin symbols and numbers kept left to right
//! inside, and its masthead mirrored; dates and session lines are spelled in each language;
//! French puts a narrow no-break space before its double punctuation.

mod common;
use common::*;
use ctoc_press::Lang;
use ctoc_press::doc::{Family, Inline, TextSpec};
use ctoc_press::layout::fonts::FontBook;
use ctoc_press::layout::prepare::LangTag;
use ctoc_press::layout::shape::shape;
use ctoc_press::units::Pt;
use serde_json::{Value, json};

const ALL: &str = "examples/ctoc-cop-wg3-2021-1-all.json";

/// The six-language example with `changes` applied (a JSON pointer each), rendered: each
/// version's language code and PDF file.
fn render_all(name: &str, changes: &[(&str, Value)]) -> Vec<(String, std::path::PathBuf)> {
    let mut v: Value = serde_json::from_str(&read(ALL)).expect("JSON");
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        let object = v.pointer_mut(parent).and_then(Value::as_object_mut);
        object.unwrap_or_else(|| panic!("no object at {parent}")).insert(key.to_string(), value.clone());
    }
    let meeting = ctoc_press::parse(&v.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
    ctoc_press::render(&meeting, &ctoc_press::Options::default())
        .expect("renders")
        .into_iter()
        .map(|doc| {
            let code = doc.lang.code().to_string();
            let file = temp_file(&format!("six-{name}-{code}.pdf"), &doc.pdf);
            (code, file)
        })
        .collect()
}

/// Text read back by poppler, without the bidi embedding marks it adds around runs, with its
/// white space collapsed: the logical text.
fn logical(file: &std::path::Path, extra: &[&str]) -> String {
    let text = pdftotext(file, extra);
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The logical text of right-to-left pages without white space: poppler reorders the
/// characters of a mixed Arabic and Latin line into logical order but misplaces the spaces at
/// the edges of the left-to-right runs it finds, so those are compared without spaces.
fn logical_letters(file: &std::path::Path) -> String {
    strip_ws(&logical(file, &[]))
}

/// A word as poppler's `-bbox` gives it: Arabic words come in display order, their letters
/// reversed.
fn shown(word: &str) -> String {
    if word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        word.chars().rev().collect()
    } else {
        word.into()
    }
}

/// The words of the page-1 line holding `anchor`, read from right to left, as written.
fn line_right_to_left(p1: &[Word], anchor: &str) -> Vec<String> {
    let at = p1.iter().find(|w| shown(&w.text) == anchor).unwrap_or_else(|| panic!("no {anchor:?}"));
    // Arabic and Latin boxes differ in height: words of a line share their middle.
    let middle = |w: &Word| (w.y_min + w.y_max) * 0.5;
    let mut line: Vec<&Word> = p1.iter().filter(|w| (middle(w) - middle(at)).abs() < 3.0).collect();
    line.sort_by(|a, b| b.x_max.total_cmp(&a.x_max));
    line.iter().map(|w| shown(&w.text)).collect()
}

#[test]
fn every_version_renders_and_reads_back_in_logical_order() {
    let versions = render_all("plain", &[]);
    let codes: Vec<&str> = versions.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
    let wanted = [
        // The job line is Latin on an Arabic page: poppler reads it right to left, so only
        // the number is compared.
        ("ar", "V.20-07393", "إقرار جدول الأعمال وتنظيم الأعمال"),
        ("zh", "V.20-07396 (C)", "通过议程及工作安排"),
        ("en", "V.20-07395 (E)", "Adoption of the agenda and organization of work"),
        ("fr", "V.20-07397 (F)", "Adoption de l’ordre du jour et organisation des travaux"),
        ("ru", "V.20-07398 (R)", "Утверждение повестки дня и организация работы"),
        ("es", "V.20-07399 (S)", "Aprobación del programa y organización de los trabajos"),
    ];
    for ((code, file), (want_code, job, item)) in versions.iter().zip(wanted) {
        assert_eq!(code, want_code);
        let text = logical(file, &[]);
        for expected in ["CTOC/COP/WG.3/2021/1", job, item] {
            let found = if matches!(code.as_str(), "zh" | "ar") {
                strip_ws(&text).contains(&strip_ws(expected))
            } else {
                text.contains(expected)
            };
            assert!(found, "{code}: {expected:?} in\n{text}");
        }
    }
}

#[test]
fn a_symbol_and_a_number_inside_arabic_text_keep_their_order() {
    let sentence = "تصدر الوثيقة CTOC/COP/WG.3/2021/2 في 25 نسخة";
    // The other versions cite the same document, so that the versions stay parallel.
    let others = ["zh", "en", "fr", "es", "ru"].map(|lang| {
        (format!("/agenda/0/sub_items/0/annotations/0/{lang}"), json!("CTOC/COP/WG.3/2021/2 (25)."))
    });
    let mut changes: Vec<(&str, Value)> = others.iter().map(|(p, v)| (p.as_str(), v.clone())).collect();
    changes.push(("/agenda/0/sub_items/0/annotations/0/ar", json!(format!("{sentence}."))));
    let versions = render_all("bidi", &changes);
    let (_, ar) = versions.iter().find(|(c, _)| c == "ar").expect("an Arabic version");
    // Logical text: what a reader (and a search) gets back.
    let text = logical_letters(ar);
    assert!(text.contains(&strip_ws(sentence)), "{sentence:?} not in the logical text:\n{text}");
    // Display order: read from the right, the words come as written, the symbol and the
    // number left to right inside.
    let p1 = words(ar).swap_remove(0);
    let line = line_right_to_left(&p1, "الوثيقة");
    let at = line.iter().position(|w| w == "تصدر").expect("the sentence's first word");
    assert_eq!(
        line[at..at + 6],
        ["تصدر", "الوثيقة", "CTOC/COP/WG.3/2021/2", "في", "25", "نسخة."],
        "{line:?}"
    );
    let symbol = p1.iter().find(|w| w.text == "CTOC/COP/WG.3/2021/2").expect("the symbol, one word");
    let document = p1.iter().find(|w| shown(&w.text) == "الوثيقة").expect("الوثيقة");
    assert!(symbol.x_max < document.x_min, "the symbol stands left of the word before it");
}

#[test]
fn arabic_is_shaped_with_joined_forms() {
    let book = FontBook::get().expect("fonts");
    let spec = TextSpec { family: Family::Serif, size: Pt(10.0), bold: false, italic: false, leading: None };
    let ar = LangTag::parse("ar");
    let ids = |text: &str| -> Vec<u16> {
        let para = shape(book, &[Inline::text(text)], spec, ar);
        para.units.iter().flat_map(|u| u.glyphs.iter().map(|g| g.id)).collect()
    };
    // سلم: initial sin, medial lam, final mim; each letter alone takes its isolated form.
    let joined = ids("سلم");
    let isolated: Vec<u16> = "سلم".chars().flat_map(|c| ids(&c.to_string())).collect();
    assert_eq!(joined.len(), 3, "{joined:?}");
    assert_eq!(isolated.len(), 3, "{isolated:?}");
    for k in 0..3 {
        assert_ne!(joined[k], isolated[k], "letter {k} is joined, not isolated: {joined:?} {isolated:?}");
    }
    // lam-alef takes the joined lam and the alef of the lam-alef form (rule `rlig`).
    let (lam_alef, alone) = (ids("لا"), [ids("ل"), ids("ا")].concat());
    assert_ne!(lam_alef, alone, "lam-alef is joined");
    // The paragraph runs right to left: units keep odd levels.
    let para = shape(book, &[Inline::text("سلم A/1")], spec, ar);
    assert!(para.units[0].level % 2 == 1 && para.units.last().is_some_and(|u| u.level % 2 == 0));
}

#[test]
fn dates_and_session_lines_in_all_six_languages() {
    let versions = render_all("session", &[("/meeting/session", json!(12))]);
    let wanted: [(&str, &[&str]); 5] = [
        ("zh", &["第十二届会议", "2021年3月25日和26日，维也纳", "3月25日，星期四"]),
        ("en", &["Twelfth session", "Vienna, 25 and 26 March 2021", "Thursday, 25 March", "10 a.m.–1 p.m."]),
        ("fr", &["Douzième session", "Vienne, 25 et 26 mars 2021", "Jeudi 25 mars", "10 heures-13 heures"]),
        ("ru", &["Двенадцатая сессия", "Вена, 25 и 26 марта 2021 года", "четверг, 25 марта"]),
        ("es", &["12º período de sesiones", "Viena, 25 y 26 de marzo de 2021", "Jueves 25 de marzo"]),
    ];
    for (code, expected) in wanted {
        let (_, file) = versions.iter().find(|(c, _)| c == code).expect("version");
        let text = logical(file, &["-raw"]);
        for e in expected {
            let found = if code == "zh" { strip_ws(&text).contains(&strip_ws(e)) } else { text.contains(e) };
            assert!(found, "{code}: {e:?} in\n{text}");
        }
    }
    let (_, ar) = versions.iter().find(|(c, _)| c == "ar").expect("ar");
    assert!(logical_letters(ar).contains(&strip_ws("الدورة الثانية عشرة")), "the Arabic session line");
    let p1 = words(ar).swap_remove(0);
    assert_eq!(line_right_to_left(&p1, "2021"), ["فيينا،", "25", "و", "26", "آذار/مارس", "2021"]);
}

#[test]
fn the_arabic_masthead_is_the_mirror_of_its_template() {
    let versions = render_all("masthead", &[]);
    let (_, ar) = versions.iter().find(|(c, _)| c == "ar").expect("ar");
    let p1 = words(ar).swap_remove(0);
    let t: Value = serde_json::from_str(&read("templates/un-a4.json")).expect("template");
    let page = &t["page"];
    let width = num(page, &["width"]);
    let slots = &page["slots"];
    let column_left = num(page, &["column_left"]);
    // The symbol starts at the frame's left edge, the mirror of its right edge.
    close(find(&p1, "CTOC").x_min, width - num(page, &["frame_right"]), "symbol left edge");
    // The wordmark ends where the English one starts, mirrored.
    let wordmark =
        p1.iter().filter(|w| w.y_max < 70.0 && !w.text.is_ascii()).map(|w| w.x_max).fold(0.0, f32::max);
    close(wordmark, width - column_left, "الأمم المتحدة right edge");
    // The organ's name box is mirrored: its lines end at the box's mirrored right edge.
    let body_top = num(&slots["body"], &["top"]);
    let organ = p1.iter().filter(|w| w.y_min > body_top && w.y_max < 140.0 && !w.text.is_ascii());
    close(organ.map(|w| w.x_max).fold(0.0, f32::max), width - column_left, "organ right edge");
    // The distribution block moves as a whole: its lines stay left-aligned, Latin, and end at
    // the mirror of the English block's start.
    let distr = find(&p1, "Distr.:");
    let block: Vec<&Word> =
        p1.iter().filter(|w| w.text.is_ascii() && w.y_min > 70.0 && w.y_max < 130.0).collect();
    for first in ["11", "Arabic", "Original:"] {
        close(find(&p1, first).x_min, distr.x_min, &format!("{first} starts the block's line"));
    }
    close(
        block.iter().map(|w| w.x_max).fold(0.0, f32::max),
        width - num(&slots["distribution"], &["x"]),
        "block end",
    );
    let (_, base) = size_and_baseline(distr);
    close(base, num(&slots["distribution"], &["baseline"]), "Distr.: baseline");
}

#[test]
fn french_sets_a_narrow_no_break_space_before_double_punctuation() {
    let versions = render_all("french", &[]);
    let (_, fr) = versions.iter().find(|(c, _)| c == "fr").expect("fr");
    let pages = words(fr);
    let mut checked = 0;
    for p in &pages {
        for pair in p.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let same_line = (a.y_max - b.y_max).abs() < 1.0;
            if matches!(b.text.as_str(), ":" | ";" | "?" | "!") {
                assert!(same_line, "{:?} starts a line: no break before it", b.text);
                // U+202F in Liberation Serif is 0.2 em wide, a word space 0.25 em: the gap
                // stays the narrow one even in a justified line.
                let (size, _) = size_and_baseline(b);
                let gap = b.x_min - a.x_max;
                assert!((gap - 0.2 * size).abs() < 0.05 * size, "{} {}: gap {gap}", a.text, b.text);
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} double punctuation marks found");
}

/// A footnote written after a full stop in every version: French and Spanish set the mark before
/// the stop, the other languages after it.
#[test]
fn french_and_spanish_footnote_marks_stand_before_the_punctuation() {
    let mut v: Value = serde_json::from_str(&read(ALL)).expect("JSON");
    let Some(Value::Object(texts)) = v.pointer_mut("/agenda/0/sub_items/0/annotations/0") else {
        panic!("the first annotation is a text per language")
    };
    for text in texts.values_mut() {
        let with_note = format!("{}^[CTOC/COP/WG.3/2021/2.]", text.as_str().expect("a text"));
        *text = Value::String(with_note);
    }
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    for lang in [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Es, Lang::Ru] {
        let doc = ctoc_press::template::build(&meeting, lang).expect("builds");
        let inlines = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                ctoc_press::doc::Block::Para { inlines, .. } if inlines.iter().any(|i| i.note.is_some()) => {
                    Some(inlines)
                }
                _ => None,
            })
            .expect("the paragraph with the note");
        let at = inlines.iter().position(|i| i.note.is_some()).expect("a mark");
        let before = &inlines[at - 1].text;
        let after = inlines.get(at + 1).map_or("", |i| i.text.as_str());
        let ends_phrase = |s: &str| s.ends_with(['.', '。']);
        if matches!(lang, Lang::Fr | Lang::Es) {
            assert!(!ends_phrase(before) && after.starts_with('.'), "{lang}: “{before}” [mark] “{after}”");
        } else {
            assert!(ends_phrase(before), "{lang}: “{before}” [mark] “{after}”");
        }
    }
}
