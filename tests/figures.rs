//! Images a description names beside itself: the envelope's `emblem` (issue 10) and figures in
//! the body of reports and notes. Each is read by the command line, checked, refused at its
//! JSON path when missing or outside the description's folder, fingerprinted by batch, and
//! found in the PDF by independent readers (pdfimages, qpdf, pdftotext).

#[path = "common/cli.rs"]
mod cli;
mod common;

use cli::{ctoc_press, fresh_dir, stderr};
use common::{Word, num, path_arg as path, pdftotext, png_file, words};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

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

/// A PNG of `width` × `height` pixels of one colour.
fn png_solid(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    let pixels: Vec<u8> = (0..width * height).flat_map(|_| rgb).collect();
    writer.write_image_data(&pixels).expect("pixels");
    writer.finish().expect("end");
    bytes
}

/// The colour of the test's PNG figure and of the example's SVG bars (#009edb).
const MAGENTA: [u8; 3] = [200, 30, 120];
const BARS: [u8; 3] = [0, 158, 219];

/// The box (x0, y0, x1, y1), in points from the top left, of the pixels of colour `rgb` on
/// page `page` (1-based) of `pdf`, rendered by poppler at 72 dpi (a pixel a point).
fn colour_box(pdf: &Path, page: usize, rgb: [u8; 3]) -> Option<(f32, f32, f32, f32)> {
    let stem = pdf.with_extension(format!("p{page}"));
    let n = page.to_string();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", "72", "-f", &n, "-l", &n, "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .output()
        .expect("pdftoppm");
    assert!(out.status.success(), "pdftoppm failed");
    let ppm = std::fs::read(stem.with_extension(format!("p{page}.ppm"))).expect("ppm written");
    // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at + ppm[at..].iter().position(u8::is_ascii_whitespace).expect("header");
        fields.push(String::from_utf8_lossy(&ppm[at..end]).into_owned());
        at = end + 1;
    }
    let width: usize = fields[1].parse().expect("width");
    let pixels = &ppm[at..];
    let mut found: Option<(f32, f32, f32, f32)> = None;
    for (i, px) in pixels.chunks_exact(3).enumerate() {
        let near = px.iter().zip(rgb).all(|(a, b)| (*a as i32 - b as i32).abs() <= 12);
        if near {
            let (x, y) = ((i % width) as f32, (i / width) as f32);
            found = Some(match found {
                None => (x, y, x + 1.0, y + 1.0),
                Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x + 1.0), y1.max(y + 1.0)),
            });
        }
    }
    found
}

/// The page (1-based) whose words hold `first` followed by `second`, and that word pair.
fn caption_page<'a>(pages: &'a [Vec<Word>], first: &str, second: &str) -> (usize, &'a Word) {
    for (p, ws) in pages.iter().enumerate() {
        if let Some(k) = ws.windows(2).position(|w| w[0].text == first && w[1].text == second) {
            return (p + 1, &ws[k]);
        }
    }
    panic!("no caption {first} {second}");
}

/// Asserts that the drawing `drawn` (a colour box) stands in the template's text column and
/// body on its page, under the caption word `number` and the caption's last line.
/// `reach` is how far below the caption the coloured pixels may begin (the example's bars
/// stand on the chart's axis, below its top).
fn assert_in_frame_under_caption(
    drawn: (f32, f32, f32, f32),
    number: &Word,
    title_bottom: f32,
    reach: f32,
    what: &str,
) {
    let base: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("templates/un-a4.json")).expect("template"),
    )
    .expect("JSON");
    let page = &base["page"];
    let (left, width) = (num(page, &["column_left"]), num(page, &["column_width"]));
    let (top, bottom) = (num(page, &["body_top"]), num(page, &["body_bottom"]));
    let (x0, y0, x1, y1) = drawn;
    assert!(x0 >= left - 1.0 && x1 <= left + width + 1.0, "{what}: {drawn:?} in the column {left}+{width}");
    assert!(y0 >= top - 1.0 && y1 <= bottom + 1.0, "{what}: {drawn:?} in the body {top}..{bottom}");
    assert!(
        number.y_max < y0 && title_bottom <= y0 && y0 - title_bottom < reach,
        "{what}: the image {drawn:?} right under its caption ending at {title_bottom}"
    );
}

#[test]
fn the_example_notes_figure_is_drawn_under_its_caption_inside_the_frame_in_zh_and_en() {
    let dir = fresh_dir("figures-example");
    let input = Path::new(ROOT).join("examples/note-firearms-2024.json");
    for (lang, number, first, last) in
        [("zh", "图一", "2022", "支）"), ("en", "Figure", "Firearms", "50,000)")]
    {
        let out = dir.join(format!("note-{lang}.pdf"));
        let run = ctoc_press(&["render", path(&input), "--lang", lang, "-o", path(&out)]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let pages = words(&out);
        let (page, word) = if lang == "zh" {
            let p = pages.iter().position(|ws| ws.iter().any(|w| w.text == number)).expect("图一") + 1;
            (p, pages[p - 1].iter().find(|w| w.text == number).expect("图一"))
        } else {
            caption_page(&pages, number, "I")
        };
        let ws = &pages[page - 1];
        let start = ws.iter().position(|w| w.text.starts_with(first) && w.y_min > word.y_min).expect("title");
        let end = ws[start..].iter().position(|w| w.text.ends_with(last)).expect("title end") + start;
        let drawn = colour_box(&out, page, BARS).expect("the bars are drawn on the caption's page");
        assert_in_frame_under_caption(drawn, word, ws[end].y_max, 60.0, lang);
        // The caption's text reads back in order.
        let text = pdftotext(&out, &[]);
        let caption = if lang == "zh" {
            "图一\n2022 年按区域分列的缴获枪支"
        } else {
            "Figure I\nFirearms seized by region, 2022"
        };
        assert!(text.contains(caption), "{lang}: {caption:?} read back");
    }
}

/// The small inline note fixture with a PNG figure after the first paragraph of chapter 1.
fn note_with_figure(dir: &Path, file: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("art")).expect("mkdir");
    std::fs::write(dir.join("art/chart.png"), png_solid(300, 150, MAGENTA)).expect("write");
    let text = std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/note-small-inline.json"))
        .expect("fixture");
    let mut v: Value = serde_json::from_str(&text).expect("JSON");
    let figure = serde_json::json!({"figure": {
        "file": file,
        "caption": {"zh": "缴获的枪支", "en": "Firearms seized"},
        "alt": {"zh": "一个品红色的方块。", "en": "A magenta rectangle standing for the chart."},
        "width": 0.5
    }});
    v["note"]["chapters"][0]["blocks"].as_array_mut().expect("blocks").insert(1, figure);
    let file = dir.join("doc.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
    file
}

#[test]
fn an_inline_png_figure_is_embedded_under_its_caption_with_its_alt_text() {
    let dir = fresh_dir("figures-inline-png");
    let input = note_with_figure(&dir, "art/chart.png");
    for lang in ["en", "zh"] {
        let out = render(&input, lang, &[]);
        let pages = words(&out);
        let (number, title) =
            if lang == "en" { ("Figure", "Firearms") } else { ("图一", "缴获的枪支") };
        let (page, word) = if lang == "en" {
            caption_page(&pages, number, "I")
        } else {
            let p = pages.iter().position(|ws| ws.iter().any(|w| w.text == number)).expect(number) + 1;
            (p, pages[p - 1].iter().find(|w| w.text == number).expect(number))
        };
        let list = images(&out);
        assert_eq!(list.len(), 1, "{lang}: {list:?}");
        assert_eq!(
            (list[0][0].as_str(), list[0][3].as_str(), list[0][4].as_str()),
            (page.to_string().as_str(), "300", "150"),
            "{lang}: the PNG on the caption's page at its own pixels"
        );
        let ws = &pages[page - 1];
        let title_word =
            ws.iter().find(|w| w.text.starts_with(title) && w.y_min > word.y_min).expect("title");
        let drawn = colour_box(&out, page, MAGENTA).expect("the PNG is drawn");
        assert_in_frame_under_caption(drawn, word, title_word.y_max, 20.0, lang);
        // Half the column wide (`width`: 0.5), in the column's middle.
        let width = drawn.2 - drawn.0;
        assert!((width - 367.5 * 0.5).abs() <= 2.0, "{lang}: {width} pt wide");
        let qdf = common::qdf_text(&out);
        assert!(qdf.contains("/S /Figure"), "{lang}: a Figure element");
        let alt = if lang == "en" {
            "/Alt (A magenta rectangle standing for the chart.)"
        } else {
            "/Alt <feff4e004e2a54c17ea28272768465b957573002>"
        };
        assert!(qdf.contains(alt), "{lang}: the Figure carries its alt text");
    }
}

#[test]
fn a_missing_figure_file_and_one_outside_the_folder_are_refused_at_their_json_path() {
    let dir = fresh_dir("figures-refused");
    let at_path = "$.note.chapters[0].blocks[1].figure.file";
    let input = note_with_figure(&dir, "art/missing.png");
    let err = refused(&input);
    assert!(err.contains(at_path) && err.contains("cannot read `art/missing.png`"), "{err}");
    assert!(
        err.contains(&format!("doc.json:{}", at(&input, "\"art/missing.png\""))),
        "at its line and column: {err}"
    );
    let input = note_with_figure(&dir, "../chart.png");
    let err = refused(&input);
    assert!(err.contains(at_path) && err.contains("`..` is not allowed"), "{err}");
    std::fs::write(dir.join("art/text.png"), "no image").expect("write");
    let input = note_with_figure(&dir, "art/text.png");
    let err = refused(&input);
    assert!(err.contains(at_path) && err.contains("neither a PNG nor an SVG"), "{err}");
}

#[test]
fn batch_renders_again_when_only_a_figure_changes() {
    let dir = fresh_dir("figures-batch");
    let input = note_with_figure(&dir, "art/chart.png");
    let out_dir = dir.join("out");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    std::fs::rename(&input, inputs.join("doc.json")).expect("move");
    std::fs::rename(dir.join("art"), inputs.join("art")).expect("move");
    let batch = || {
        let run = ctoc_press(&["batch", path(&inputs), "--out-dir", path(&out_dir)]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    // Two language versions: two outputs.
    assert!(batch().contains("2 rendered, 0 already current"));
    assert!(batch().contains("0 rendered, 2 already current"));
    std::fs::write(inputs.join("art/chart.png"), png_solid(300, 151, MAGENTA)).expect("write");
    let out = batch();
    assert!(out.contains("2 rendered, 0 already current"), "the changed figure is seen: {out}");
}

/// The note example copied to `dir` with its English body changed by `change`.
fn note_with_body(dir: &Path, change: impl FnOnce(String) -> String) -> PathBuf {
    std::fs::create_dir_all(dir.join("note")).expect("mkdir");
    let examples = Path::new(ROOT).join("examples");
    for f in ["note/firearms-2024.zh.md", "note/seizures-by-region-2022.svg"] {
        std::fs::copy(examples.join(f), dir.join(f)).expect("copy");
    }
    let en = std::fs::read_to_string(examples.join("note/firearms-2024.en.md")).expect("body");
    std::fs::write(dir.join("note/firearms-2024.en.md"), change(en)).expect("write");
    let input = dir.join("doc.json");
    std::fs::copy(examples.join("note-firearms-2024.json"), &input).expect("copy");
    input
}

#[test]
fn in_commonmark_only_an_image_paragraph_is_a_figure_and_its_file_is_checked_at_its_place() {
    let dir = fresh_dir("figures-markdown");
    let figure = "![Bar chart";
    let input = note_with_body(&dir, |en| en.replacen(figure, &format!("Seizures: {figure}"), 1));
    let err = refused(&input);
    let body = std::fs::read_to_string(dir.join("note/firearms-2024.en.md")).expect("body");
    let (n, line) = body.lines().enumerate().find(|(_, l)| l.contains(figure)).expect("line");
    let column = line[..line.find(figure).unwrap_or(0)].chars().count() + 1;
    assert!(err.contains("an image is a figure, a paragraph of its own"), "{err}");
    assert!(
        err.contains(&format!("firearms-2024.en.md:{}:{column}", n + 1)),
        "at its line and column: {err}"
    );

    let dir = fresh_dir("figures-markdown-file");
    let input = note_with_body(&dir, |en| en.replace("note/seizures-by-region-2022.svg", "note/other.svg"));
    let err = refused(&input);
    assert!(err.contains("the versions differ") && err.contains("note/other.svg"), "{err}");
    let input = note_with_body(&dir, |en| en);
    std::fs::remove_file(dir.join("note/seizures-by-region-2022.svg")).expect("remove");
    let err = refused(&input);
    // Shown at the figure in the first version's file (Chinese comes first).
    let body = std::fs::read_to_string(dir.join("note/firearms-2024.zh.md")).expect("body");
    let n = body.lines().position(|l| l.starts_with("![2022年")).expect("figure line") + 1;
    assert!(
        err.contains(&format!("firearms-2024.zh.md:{n}:1"))
            && err.contains("cannot read `note/seizures-by-region-2022.svg`"),
        "{err}"
    );
}

#[test]
fn a_figure_passes_the_archival_checks_and_a_width_out_of_range_is_refused() {
    let dir = fresh_dir("figures-archival");
    let input = note_with_figure(&dir, "art/chart.png");
    // PDF/A-2a and PDF/UA-1, validated by the writer: a Figure needs its alt text there.
    let out = render(&input, "en", &["--pdfa"]);
    assert!(common::qdf_text(&out).contains("/S /Figure"));
    let text = std::fs::read_to_string(&input).expect("read").replace("\"width\": 0.5", "\"width\": 2.0");
    std::fs::write(&input, text).expect("write");
    let err = refused(&input);
    assert!(
        err.contains("$.note.chapters[0].blocks[1].figure.width") && err.contains("from 0.1 to 1"),
        "{err}"
    );
}
