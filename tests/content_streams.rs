//! Page content streams as qpdf decompresses them: the lines of a paragraph are drawn in one
//! text object per page (issue 14: `q … BT … ET Q` around every glyph run was a third of a
//! Chinese page's content stream), and the operators still nest as ISO 32000-2 requires:
//! text objects and marked-content sequences properly nested (§14.6), no `q`/`Q` inside a
//! text object (§9.4, Figure 9).

mod common;

use common::{EXAMPLE, render_example, temp_file};
use std::process::Command;

/// The operators of every page's content stream, in order, one `Vec` a page. Operands,
/// strings, names and dictionaries are skipped, so a glyph string that happens to spell `BT`
/// is not an operator.
fn page_operators(pdf: &[u8], name: &str) -> Vec<Vec<String>> {
    let file = temp_file(name, pdf);
    let qpdf = |args: &[&str]| {
        let out = Command::new("qpdf")
            .args(args)
            .arg(&file)
            .output()
            .expect("qpdf is needed (.ci/run installs it)");
        assert!(out.status.success(), "qpdf {args:?} failed");
        out.stdout
    };
    // "page 1: 188 0 R\n  content:\n    207 0 R\n…"
    let pages = String::from_utf8_lossy(&qpdf(&["--show-pages"])).into_owned();
    let mut result: Vec<Vec<String>> = Vec::new();
    for line in pages.lines() {
        if line.starts_with("page ") {
            result.push(Vec::new());
        } else if let Some(object) = line.trim().strip_suffix(" 0 R") {
            let stream = qpdf(&[&format!("--show-object={object}"), "--filtered-stream-data"]);
            result.last_mut().expect("a page before its content").extend(operators(&stream));
        }
    }
    result
}

/// The operators of a content stream (ISO 32000-2 §7.8.2: operands precede their operator).
fn operators(stream: &[u8]) -> Vec<String> {
    let mut ops = Vec::new();
    let mut i = 0;
    let delimiter = |b: u8| b"()<>[]{}/%".contains(&b) || b.is_ascii_whitespace();
    while i < stream.len() {
        match stream[i] {
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut depth = 0;
                while i < stream.len() {
                    match stream[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if stream.get(i + 1) != Some(&b'<') => {
                while i < stream.len() && stream[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                i += 1;
                while i < stream.len() && !delimiter(stream[i]) {
                    i += 1;
                }
            }
            b if delimiter(b) => i += 1,
            _ => {
                let start = i;
                while i < stream.len() && !delimiter(stream[i]) {
                    i += 1;
                }
                let token = String::from_utf8_lossy(&stream[start..i]).into_owned();
                let number = token.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
                if !number && token != "true" && token != "false" && token != "null" {
                    ops.push(token);
                }
            }
        }
    }
    ops
}

/// Checks the nesting rules on one page's operators; returns the number of text objects and
/// of text-showing operators.
fn check_nesting(page: usize, ops: &[String]) -> (usize, usize) {
    let (mut in_text, mut marked, mut marked_at_bt, mut q) = (false, 0usize, 0usize, 0usize);
    let (mut texts, mut shows) = (0, 0);
    for op in ops {
        match op.as_str() {
            "BT" => {
                assert!(!in_text, "page {page}: BT inside a text object");
                in_text = true;
                marked_at_bt = marked;
                texts += 1;
            }
            "ET" => {
                assert!(in_text, "page {page}: ET outside a text object");
                assert_eq!(marked, marked_at_bt, "page {page}: a marked-content sequence crosses ET");
                in_text = false;
            }
            "BDC" | "BMC" => marked += 1,
            "EMC" => {
                assert!(marked > 0, "page {page}: EMC without BDC");
                assert!(
                    !in_text || marked > marked_at_bt,
                    "page {page}: EMC ends a sequence begun before BT"
                );
                marked -= 1;
            }
            "q" | "Q" => {
                assert!(!in_text, "page {page}: {op} inside a text object");
                if op == "q" {
                    q += 1;
                } else {
                    assert!(q > 0, "page {page}: Q without q");
                    q -= 1;
                }
            }
            "Tj" | "TJ" | "'" | "\"" => {
                assert!(in_text, "page {page}: {op} outside a text object");
                shows += 1;
            }
            _ => {}
        }
    }
    assert!(!in_text && marked == 0 && q == 0, "page {page}: the stream ends inside something it opened");
    (texts, shows)
}

#[test]
fn the_lines_of_a_paragraph_share_one_text_object() {
    for (example, name) in [(EXAMPLE, "content-seed.pdf"), ("examples/long-report.json", "content-long.pdf")]
    {
        let pages = page_operators(&render_example(example), name);
        assert!(pages.len() >= 4, "{example}: {} pages", pages.len());
        let (mut texts, mut shows) = (0, 0);
        for (i, ops) in pages.iter().enumerate() {
            let (t, s) = check_nesting(i + 1, ops);
            texts += t;
            shows += s;
        }
        // One text object a glyph run would make these about equal; a paragraph's lines, face
        // changes and note marks in one text object make text objects far fewer (the seed's
        // short agenda items and hanging labels, each an object of its own, keep its ratio
        // lowest).
        assert!(shows >= 2 * texts, "{example}: {shows} text-showing operators in {texts} text objects");
    }
}

#[test]
fn operators_skip_strings_names_and_numbers() {
    let ops =
        operators(b"/Span<</MCID 3>>BDC q 1 0 0 -1 0 841.89 cm BT/f1 10 Tf[(BT\\)ET)-5<4254>]TJ ET Q EMC");
    assert_eq!(ops, ["BDC", "q", "cm", "BT", "Tf", "TJ", "ET", "Q", "EMC"]);
}
