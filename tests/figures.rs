//! Images a description names beside itself: the envelope's `emblem` (issue 10) and figures in
//! the body of reports and notes. Each is read by the command line, checked, refused at its
//! JSON path when missing or outside the description's folder, fingerprinted by batch, and
//! found in the PDF by independent readers (pdfimages, qpdf, pdftotext).

#[path = "common/cli.rs"]
mod cli;

use cli::{ctoc_press, fresh_dir, stderr};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// A PNG encoded by the png crate: `width` × `height` RGB pixels of a pattern.
fn png_file(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i * 37 % 251) as u8).collect();
    writer.write_image_data(&pixels).expect("pixels");
    writer.finish().expect("end");
    bytes
}

/// The example `name` as JSON, changed by `change`, written to `dir/doc.json`.
fn description(dir: &Path, name: &str, change: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples").join(name)).expect("example");
    let mut v: Value = serde_json::from_str(&text).expect("example JSON");
    change(&mut v);
    let file = dir.join("doc.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
    file
}

/// `pdfimages -list` of `pdf`: one line per image after the two head lines.
fn images(pdf: &Path) -> Vec<Vec<String>> {
    let out = std::process::Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages");
    assert!(out.status.success(), "pdfimages failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// Renders `input` in `lang` to `dir/out.pdf` with `extra` arguments; asserts success.
fn render(input: &Path, lang: &str, extra: &[&str]) -> PathBuf {
    let out = input.with_file_name(format!("out-{lang}.pdf"));
    let mut args = vec!["render", path(input), "--lang", lang, "-o", path(&out)];
    args.extend_from_slice(extra);
    let run = ctoc_press(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    out
}

/// The problems of a refused description: exit 2 and standard error.
fn refused(input: &Path) -> String {
    let out = input.with_file_name("refused.pdf");
    let run = ctoc_press(&["render", path(input), "-o", path(&out)]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!out.exists(), "no PDF is written");
    stderr(&run)
}

/// `line:column` (from 1) of the first `needle` in the file `input`.
fn at(input: &Path, needle: &str) -> String {
    let text = std::fs::read_to_string(input).expect("read");
    let (n, line) = text.lines().enumerate().find(|(_, l)| l.contains(needle)).expect("needle in the file");
    format!("{}:{}", n + 1, line[..line.find(needle).unwrap_or(0)].chars().count() + 1)
}

#[test]
fn the_emblem_field_puts_its_image_in_the_masthead_and_the_option_overrides_it() {
    let dir = fresh_dir("figures-emblem-field");
    std::fs::create_dir_all(dir.join("art")).expect("mkdir");
    std::fs::write(dir.join("art/emblem.png"), png_file(40, 30)).expect("write");
    std::fs::write(dir.join("other.png"), png_file(20, 10)).expect("write");
    let input = description(&dir, "ctoc-cop-wg3-2021-1.json", |v| v["emblem"] = "art/emblem.png".into());
    let list = images(&render(&input, "zh", &[]));
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!((list[0][0].as_str(), list[0][3].as_str(), list[0][4].as_str()), ("1", "40", "30"));
    let other = dir.join("other.png");
    let list = images(&render(&input, "zh", &["--emblem", path(&other)]));
    assert_eq!((list[0][3].as_str(), list[0][4].as_str()), ("20", "10"), "--emblem overrides the field");
}

#[test]
fn a_missing_or_escaping_emblem_is_refused_at_its_json_path() {
    let dir = fresh_dir("figures-emblem-refused");
    let input = description(&dir, "ctoc-cop-wg3-2021-1.json", |v| v["emblem"] = "missing.png".into());
    let err = refused(&input);
    assert!(err.contains("$.emblem") && err.contains("cannot read `missing.png`"), "{err}");
    assert!(
        err.contains(&format!("doc.json:{}", at(&input, "\"missing.png\""))),
        "at its line and column: {err}"
    );
    let input = description(&dir, "ctoc-cop-wg3-2021-1.json", |v| v["emblem"] = "../emblem.png".into());
    let err = refused(&input);
    assert!(err.contains("$.emblem") && err.contains("`..` is not allowed"), "{err}");
    std::fs::write(dir.join("text.png"), "not an image").expect("write");
    let input = description(&dir, "ctoc-cop-wg3-2021-1.json", |v| v["emblem"] = "text.png".into());
    let err = refused(&input);
    assert!(err.contains("$.emblem") && err.contains("neither a PNG nor an SVG"), "{err}");
}

#[test]
fn batch_renders_again_when_only_the_emblem_changes() {
    let dir = fresh_dir("figures-emblem-batch");
    std::fs::create_dir_all(dir.join("inputs")).expect("mkdir");
    std::fs::write(dir.join("inputs/emblem.png"), png_file(40, 30)).expect("write");
    let input = description(&dir, "ctoc-cop-wg3-2021-1.json", |v| v["emblem"] = "emblem.png".into());
    std::fs::rename(&input, dir.join("inputs/doc.json")).expect("move");
    let out_dir = dir.join("out");
    let batch = || {
        let run = ctoc_press(&["batch", path(&dir.join("inputs")), "--out-dir", path(&out_dir)]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    assert!(batch().contains("1 rendered, 0 already current"));
    assert!(batch().contains("0 rendered, 1 already current"));
    std::fs::write(dir.join("inputs/emblem.png"), png_file(41, 30)).expect("write");
    assert!(batch().contains("1 rendered, 0 already current"), "the changed image is seen");
}
