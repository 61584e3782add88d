//! One description, several language versions: the bilingual example renders a Chinese and an
//! English document, each spelled from its own language data.

mod common;
use common::*;

const BILINGUAL: &str = "examples/ctoc-cop-wg3-2021-1-zh-en.json";

#[test]
fn one_description_gives_each_language_version() {
    let meeting = ctoc_press::parse(&read(BILINGUAL)).expect("valid");
    let out = ctoc_press::render(&meeting, &Default::default()).expect("renders");
    let langs: Vec<&str> = out.iter().map(|r| r.lang.code()).collect();
    assert_eq!(langs, ["zh", "en"]);

    let zh = strip_ws(&pdftotext(&temp_file("lang-zh.pdf", &out[0].pdf), &[]));
    assert!(zh.contains("2021年3月25日和26日，维也纳"));
    assert!(zh.contains("V.20-07396(C)"));

    let en_file = temp_file("lang-en.pdf", &out[1].pdf);
    // -raw: the content stream's order, which the engine writes in reading order.
    let en = pdftotext(&en_file, &["-raw"]);
    let flat = en.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "United Nations",
        "Distr.: General 11 December 2020",
        "Original: English",
        "Vienna, 25 and 26 March 2021",
        "Provisional agenda and annotations",
        "1. Organizational matters:",
        "(a) Opening of the meeting;",
        "5. Adoption of the report.",
        "Documentation",
        "Proposed organization of work",
        "Thursday, 25 March",
        "10 a.m.–1 p.m.",
        "3–6 p.m.",
        "(continued)",
        "V.20-07395 (E)",
    ] {
        assert!(flat.contains(expected), "the English version lacks {expected:?}:\n{flat}");
    }
    assert!(!flat.contains("Chinese"), "an English original names no version language");

    let codes = page1_codes(&en_file).join("\n") + "\n";
    assert!(codes.contains("QR-Code:https://undocs.org/CTOC/COP/WG.3/2021/1\n"), "{codes}");
    assert!(codes.contains("CODE-39:2007395"), "{codes}");
}

/// Copies every localised English text to French, Spanish and Russian: the test below checks
/// what the engine spells itself (masthead, dates, times, boilerplate), not translations.
fn spread_english(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(en), true) = (map.get("en").cloned(), map.contains_key("zh")) {
                for code in ["fr", "es", "ru"] {
                    map.insert(code.to_string(), en.clone());
                }
            }
            map.values_mut().for_each(spread_english);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(spread_english),
        _ => {}
    }
}

#[test]
fn french_spanish_and_russian_versions_spell_their_own_words() {
    let mut v: serde_json::Value = serde_json::from_str(&read(BILINGUAL)).expect("JSON");
    spread_english(&mut v);
    v["languages"] = serde_json::json!(["fr", "es", "ru"]);
    v["job_numbers"] = serde_json::json!({"fr": "V.20-07397", "es": "V.20-07398", "ru": "V.20-07399"});
    let meeting = ctoc_press::parse(&v.to_string()).expect("valid");
    let out = ctoc_press::render(&meeting, &Default::default()).expect("renders");
    let expected: [&[&str]; 3] = [
        &[
            "Nations Unies",
            "Distr. générale 11 décembre 2020 Français Original : anglais",
            "Vienna, 25 et 26 mars 2021",
            "Ordre du jour provisoire annoté",
            "Projet d’organisation des travaux",
            "Jeudi 25 mars",
            "10 heures-13 heures",
            "(suite)",
            "V.20-07397 (F)",
        ],
        &[
            "Naciones Unidas",
            "Distr. general 11 de diciembre de 2020 Español Original: inglés",
            "Vienna, 25 y 26 de marzo de 2021",
            "Programa provisional y anotaciones",
            "Jueves 25 de marzo",
            "10.00 a 13.00 horas",
            "(continuación)",
            "V.20-07398 (S)",
        ],
        &[
            "Организация Объединенных Наций",
            // Russian versions keep the distribution block in English, as Chinese ones do.
            "Distr.: General 11 December 2020 Russian Original: English",
            "Vienna, 25 и 26 марта 2021 года",
            "Предварительная повестка дня и аннотации",
            "четверг, 25 марта",
            "10 час. 00 мин. – 13 час. 00 мин.",
            "(продолжение)",
            "V.20-07399 (R)",
        ],
    ];
    for (doc, wanted) in out.iter().zip(expected) {
        let file = temp_file(&format!("lang-{}.pdf", doc.lang.code()), &doc.pdf);
        let text = pdftotext(&file, &["-raw"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in wanted {
            assert!(flat.contains(w), "the {} version lacks {w:?}:\n{flat}", doc.lang.code());
        }
        assert!(
            page1_codes(&file).iter().any(|c| c.contains(&format!("undocs.org/{}/CTOC", doc.lang.code())))
        );
    }
}
