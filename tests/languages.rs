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
