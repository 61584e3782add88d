//! Emblem files a user may pass with `--emblem`, hostile ones included: each is refused with a
//! clear message naming the file (exit 2) or drawn, and none makes the program read another
//! file, hang, exhaust memory or write a huge PDF. Every file is made by the test.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/files.rs"]
mod files;

use cli::{ctoc_press, fresh_dir, stderr};
use files::{path_arg as path, png_file};
use std::path::{Path, PathBuf};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ctoc-cop-wg3-2021-1.json");

/// Renders the Chinese version of the example with `emblem` into `dir/out.pdf`.
fn render_with(dir: &Path, emblem: &Path) -> (std::process::Output, PathBuf) {
    let out = dir.join("out.pdf");
    let args = ["render", EXAMPLE, "--lang", "zh", "-o", path(&out), "--emblem", path(emblem)];
    (ctoc_press(&args), out)
}

/// A PNG whose header claims `width` × `height` at `depth` bits, with no pixels behind it.
fn png_header_only(width: u32, height: u32, depth: png::BitDepth) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(depth);
    drop(encoder.write_header().expect("header"));
    bytes
}

/// Asserts a refusal: exit 2, a message naming the file and saying `why`, no Rust debug
/// text, and no PDF written.
fn assert_refused(out: &std::process::Output, pdf: &Path, emblem: &Path, why: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("the emblem {}", emblem.display())), "names the file: {err}");
    assert!(err.contains(why), "says why ({why}): {err}");
    for debug in ["Err(", "Ok(", "Some(", "{", "}", "panicked"] {
        assert!(!err.contains(debug), "no debug text ({debug}): {err}");
    }
    assert!(!pdf.exists(), "no PDF is written");
}

#[test]
fn a_png_claiming_100000_squared_pixels_is_refused_from_its_header() {
    let dir = fresh_dir("emblem-huge-png");
    let emblem = dir.join("huge.png");
    std::fs::write(&emblem, png_header_only(100_000, 100_000, png::BitDepth::Eight)).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "100000 × 100000 pixels");
}

#[test]
fn a_16_bit_png_of_20000_squared_pixels_is_refused_from_its_header() {
    let dir = fresh_dir("emblem-16bit-png");
    let emblem = dir.join("deep.png");
    std::fs::write(&emblem, png_header_only(20_000, 20_000, png::BitDepth::Sixteen)).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "40 megapixels");
}

#[test]
fn a_truncated_png_is_refused_with_a_message() {
    let dir = fresh_dir("emblem-truncated-png");
    let emblem = dir.join("cut.png");
    let whole = png_file(64, 64);
    std::fs::write(&emblem, &whole[..whole.len() / 2]).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "damaged or cut short");
}

#[test]
fn dev_zero_is_refused_before_it_is_read() {
    let dir = fresh_dir("emblem-dev-zero");
    let (out, pdf) = render_with(&dir, Path::new("/dev/zero"));
    assert_refused(&out, &pdf, Path::new("/dev/zero"), "not a regular file");
}

#[test]
fn a_fifo_as_the_emblem_is_refused_without_opening_it() {
    let dir = fresh_dir("emblem-fifo");
    let fifo = dir.join("emblem.png");
    mkfifo(&fifo);
    let (out, pdf) = render_with(&dir, &fifo);
    assert_refused(&out, &pdf, &fifo, "not a regular file");
}

#[test]
fn a_file_over_10_mib_is_refused() {
    let dir = fresh_dir("emblem-large-file");
    let emblem = dir.join("large.png");
    let mut bytes = png_file(4, 4);
    bytes.resize(10 * 1024 * 1024 + 1, 0);
    std::fs::write(&emblem, bytes).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "larger than 10 MiB");
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo").success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn an_svg_image_never_opens_a_file_a_device_or_a_fifo() {
    let dir = fresh_dir("emblem-svg-hrefs");
    // Nobody ever writes to this FIFO: a program that opened it would wait for ever.
    let fifo = dir.join("never-written");
    mkfifo(&fifo);
    let emblem = dir.join("refs.svg");
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
<rect width="10" height="10" fill="#0055aa"/>
<image href="/etc/passwd" width="10" height="10"/>
<image xlink:href="file:///dev/zero" width="10" height="10"/>
<image href="{}" width="10" height="10"/>
<image href="never-written" width="10" height="10"/>
</svg>"##,
        fifo.display()
    );
    std::fs::write(&emblem, svg).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = pdfimages(&pdf);
    assert_eq!(list.lines().count(), 2, "no image is embedded, only the drawn rectangle:\n{list}");
    assert!(std::fs::metadata(&pdf).expect("pdf").len() < 1_000_000);
}

#[test]
fn an_svg_with_a_1e38_view_box_is_refused_not_drawn_into_a_huge_pdf() {
    let dir = fresh_dir("emblem-svg-huge-view-box");
    let emblem = dir.join("huge.svg");
    std::fs::write(
        &emblem,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e38 1e38"><circle r="1e38"/></svg>"#,
    )
    .expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "numbers in geometry must lie within");
}

#[test]
fn an_svg_drawing_far_outside_its_view_box_is_refused() {
    let dir = fresh_dir("emblem-svg-far-outside");
    let emblem = dir.join("far.svg");
    // Each number is small, but the nested scales take the circle a billion units away.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g transform="scale(1000)"><g transform="scale(1000)"><circle cx="1000" cy="1000" r="1"/></g></g></svg>"#;
    std::fs::write(&emblem, svg).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_refused(&out, &pdf, &emblem, "draws far outside its view box");
}

fn pdfimages(pdf: &Path) -> String {
    let out = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages (poppler-utils)");
    assert!(out.status.success(), "pdfimages failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_valid_png_is_still_embedded() {
    let dir = fresh_dir("emblem-valid-png");
    let emblem = dir.join("ok.png");
    std::fs::write(&emblem, png_file(40, 30)).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = pdfimages(&pdf);
    let image = list.lines().nth(2).expect("one image listed");
    let fields: Vec<&str> = image.split_whitespace().collect();
    assert_eq!((fields[3], fields[4]), ("40", "30"), "the emblem at its own size:\n{list}");
}

#[test]
fn a_valid_svg_is_still_drawn() {
    let dir = fresh_dir("emblem-valid-svg");
    let emblem = dir.join("ok.svg");
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#0055aa"/><use href="#missing"/></svg>"##;
    std::fs::write(&emblem, svg).expect("write");
    let (out, pdf) = render_with(&dir, &emblem);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Drawn as vectors: the page's content stream holds the circle's curves in the emblem blue.
    let qdf = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("qpdf");
    let text = String::from_utf8_lossy(&qdf.stdout);
    assert!(text.contains("0 0.33333334 0.6666667 rg"), "the circle in the emblem blue, #0055aa");
}
