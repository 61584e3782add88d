//! Page furniture read back by independent tools: positions and sizes of the masthead with
//! `pdftotext -bbox` against the constants in `templates/`, the QR code and the Code 39 barcode
//! decoded by `zbarimg` from a 300 dpi rendering by `pdftoppm`.

mod common;
use common::*;
use serde_json::Value;
use std::process::Command;

#[test]
fn masthead_positions_match_the_template() {
    // The furniture is in the base template; the agenda's template extends it.
    let base: Value = serde_json::from_str(&read("templates/un-a4.json")).expect("template JSON");
    let kind: Value =
        serde_json::from_str(&read("templates/provisional-agenda.json")).expect("template JSON");
    assert_eq!(kind["extends"], "un-a4");
    let page = &base["page"];
    let slots = &page["slots"];
    let file = temp_file("furniture-bbox.pdf", &render_example(EXAMPLE));
    let pages = words(&file);
    let p1 = &pages[0];

    let org = find(p1, "联合国");
    let (size, base_line) = size_and_baseline(org);
    let org_slot = &slots["organization"];
    close(org.x_min, num(page, &["column_left"]) + num(org_slot, &["x", "column_left"]), "联合国 x");
    close(base_line, num(org_slot, &["baseline"]), "联合国 baseline");
    close(size, num(org_slot, &["font", "size"]), "联合国 size");

    let symbol = &slots["symbol"];
    let head = find(p1, "CTOC");
    let (size, base_line) = size_and_baseline(head);
    close(size, num(symbol, &["head", "size"]), "symbol head size");
    close(base_line, num(symbol, &["baseline"]), "symbol baseline");
    let tail = find(p1, "/COP/WG.3/2021/1");
    let (size, _) = size_and_baseline(tail);
    close(size, num(symbol, &["tail", "size"]), "symbol tail size");
    close(tail.x_max, num(page, &["frame_right"]) + num(symbol, &["x", "frame_right"]), "symbol right edge");
    close(head.x_max, tail.x_min, "symbol parts touch");

    let dist = &slots["distribution"];
    let lead = num(dist, &["font", "leading"]);
    for (k, first) in ["Distr.:", "11", "Chinese", "Original:"].iter().enumerate() {
        let w = find(p1, first);
        let (size, base_line) = size_and_baseline(w);
        close(w.x_min, num(dist, &["x"]), &format!("{first} x"));
        close(base_line, num(dist, &["baseline"]) + lead * k as f32, &format!("{first} baseline"));
        close(size, num(dist, &["font", "size"]), &format!("{first} size"));
    }

    // The body's name: its first line box starts at the slot's top; the em box is centred in
    // the leading, the baseline 0.88 em below the em box's top.
    let body_slot = &slots["body"];
    let body = find(p1, "联合国打击跨国有组织犯罪公约");
    let (size, base_line) = size_and_baseline(body);
    let (bsize, blead) = (num(body_slot, &["font", "size"]), num(body_slot, &["font", "leading"]));
    close(body.x_min, num(page, &["column_left"]) + num(body_slot, &["x", "column_left"]), "body x");
    close(size, bsize, "body size");
    close(base_line, num(body_slot, &["top"]) + (blead - bsize) / 2.0 + 0.88 * bsize, "body baseline");
    let second = find(p1, "缔约方会议");
    close(second.y_max - body.y_max, blead, "body leading");

    let title = find(p1, "临时议程说明");
    let (size, _) = size_and_baseline(title);
    close(title.x_min, num(page, &["column_left"]), "title x");
    close(size, num(&base["styles"]["zh"]["title"]["font"], &["size"]), "title size");
    assert!(title.y_min > num(&slots["thick-rule"], &["y"]), "the title is below the thick rule");

    let job = find(p1, "V.20-07396");
    close(job.x_min, num(&slots["job-line"], &["x"]), "job line x");
    assert!(p1.iter().any(|w| w.text == "(C)"), "the job line carries the language letter");
}

#[test]
fn qr_code_and_barcode_decode() {
    let pdf = temp_file("furniture-codes.pdf", &render_example(EXAMPLE));
    let symbols = page1_codes(&pdf);
    assert_eq!(
        symbols,
        ["CODE-39:2007396", "QR-Code:https://undocs.org/zh/CTOC/COP/WG.3/2021/1"],
        "zbarimg read: {symbols:?}"
    );
}

/// The barcode's bars and the QR code's modules are each one path in one artifact: one fill of
/// many subpaths, not a graphics state and a marked-content sequence per bar.
#[test]
fn barcode_and_qr_code_are_one_path_each() {
    let pdf = temp_file("furniture-paths.pdf", &render_example(EXAMPLE));
    let qdf = qdf_text(&pdf);
    let start = qdf.find("%% Contents for page 1").expect("page 1 contents");
    let end = start + qdf[start..].find("endstream").expect("end of page 1 contents");
    let contents = &qdf[start..end];
    // Marked-content sequences: the text from one `BDC` to its `EMC`.
    let many_subpaths: Vec<usize> = contents
        .split("EMC")
        .filter(|seq| seq.contains("/Artifact"))
        .map(|seq| seq.split_whitespace().filter(|op| *op == "m").count())
        .filter(|&subpaths| subpaths > 20)
        .collect();
    assert_eq!(many_subpaths.len(), 2, "artifacts of over 20 subpaths on page 1: {many_subpaths:?}");
}

#[test]
fn later_pages_have_running_heads_and_page_numbers() {
    let t: Value = serde_json::from_str(&read("templates/un-a4.json")).expect("template JSON");
    let (left, right) = (num(&t["page"], &["frame_left"]), num(&t["page"], &["frame_right"]));
    for (path, symbol, job) in [
        (EXAMPLE, "CTOC/COP/WG.3/2021/1", "V.20-07396"),
        ("examples/long-report.json", "CTOC/COP/2099/1", "V.99-04217"),
    ] {
        let file = temp_file(&format!("running-{}.pdf", path.replace('/', "_")), &render_example(path));
        let pages = words(&file);
        let total = pages.len();
        assert!(total >= 4, "{path}: {total} pages");
        assert!(!pages[0].iter().any(|w| w.text == format!("1/{total}")), "page 1 shows no page number");
        for (i, ws) in pages.iter().enumerate().skip(1) {
            let number = find(ws, &format!("{}/{total}", i + 1));
            let header = ws
                .iter()
                .filter(|w| w.text == symbol)
                .min_by(|a, b| a.y_min.total_cmp(&b.y_min))
                .expect("header");
            let job =
                ws.iter().filter(|w| w.text == job).max_by(|a, b| a.y_min.total_cmp(&b.y_min)).expect("job");
            if (i + 1) % 2 == 0 {
                close(header.x_min, left, "even page header at the left");
                close(number.x_min, left, "even page number at the left");
                close(job.x_max, right, "even page job number at the right");
            } else {
                close(header.x_max, right, "odd page header at the right");
                close(number.x_max, right, "odd page number at the right");
                close(job.x_min, left, "odd page job number at the left");
            }
        }
    }
}

#[test]
fn every_cited_symbol_links_to_its_document() {
    let file = temp_file("furniture-links.pdf", &render_example(EXAMPLE));
    // Symbols as an independent reader sees them in the text.
    let text = pdftotext(&file, &[]);
    let mut cited: Vec<String> = Vec::new();
    for (i, _) in text.match_indices("CTOC/") {
        let token: String =
            text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.')).collect();
        let token = token.trim_end_matches('.').to_string();
        if !cited.contains(&token) {
            cited.push(token);
        }
    }
    cited.retain(|s| s != "CTOC/COP/WG.3/2021/1"); // the document's own symbol, in the running heads
    assert!(cited.len() >= 5, "{cited:?}");
    // Link annotations as qpdf sees them.
    let raw = qdf_text(&file);
    for symbol in &cited {
        let uri = format!("/URI (https://undocs.org/zh/{symbol})");
        assert!(raw.contains(&uri), "no link annotation {uri}");
    }
    assert!(raw.matches("/Subtype /Link").count() >= cited.len());
}

fn render_with_emblem(fixture: &str) -> Vec<u8> {
    let meeting = ctoc_press::parse(&read(EXAMPLE)).expect("valid");
    let data = std::fs::read(root().join(fixture)).expect("fixture");
    let emblem = ctoc_press::doc::Image::from_bytes(data).expect("PNG or SVG");
    let options = ctoc_press::Options { emblem: Some(emblem), ..Default::default() };
    ctoc_press::render(&meeting, &options).expect("renders").remove(0).pdf
}

/// Pixels (RGB) of a page region rendered by pdftoppm at 72 dpi (1 px = 1 pt), read from PPM.
fn region_pixels(pdf: &std::path::Path, x: f32, y: f32, w: f32, h: f32) -> Vec<[u8; 3]> {
    let out = Command::new("pdftoppm")
        .args(["-r", "72", "-f", "1", "-l", "1", "-singlefile"])
        .args(["-x", &format!("{}", x as i32), "-y", &format!("{}", y as i32)])
        .args(["-W", &format!("{}", w as i32), "-H", &format!("{}", h as i32)])
        .arg(pdf)
        .output()
        .expect("pdftoppm");
    let ppm = out.stdout;
    // P6\n<w> <h>\n255\n then RGB bytes.
    let mut fields = 0;
    let mut start = 0;
    for (i, b) in ppm.iter().enumerate() {
        if b.is_ascii_whitespace() {
            fields += 1;
            if fields == 4 {
                start = i + 1;
                break;
            }
        }
    }
    ppm[start..].chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect()
}

fn emblem_slot(t: &Value) -> (f32, f32, f32, f32) {
    let m = &t["page"]["slots"]["emblem"];
    (num(m, &["x"]), num(m, &["y"]), num(m, &["width"]), num(m, &["height"]))
}

#[test]
fn an_svg_emblem_is_drawn_in_the_slot_as_vectors() {
    let t: Value = serde_json::from_str(&read("templates/un-a4.json")).expect("template");
    let (x, y, w, h) = emblem_slot(&t);
    let with = temp_file("emblem-svg.pdf", &render_with_emblem("tests/fixtures/emblem-test.svg"));
    let blue = |p: &[u8; 3]| p[2] > 140 && p[0] < 80 && p[1] < 130;
    let pixels = region_pixels(&with, x, y, w, h);
    assert!(pixels.iter().filter(|p| blue(p)).count() > 300, "the slot shows the emblem's blue");
    let without = temp_file("emblem-none.pdf", &render_example(EXAMPLE));
    assert!(!region_pixels(&without, x, y, w, h).iter().any(blue), "without an emblem the slot is empty");
    let (_, images) = tool("pdfimages", &["-list"], &with);
    assert_eq!(images.lines().count(), 2, "an SVG emblem embeds no raster image:\n{images}");
    // The layout does not move.
    let (a, b) = (words(&with), words(&without));
    let pos = |p: &Vec<Vec<Word>>| -> Vec<(String, i32, i32)> {
        p.iter().flatten().map(|w| (w.text.clone(), w.x_min.round() as i32, w.y_min.round() as i32)).collect()
    };
    assert_eq!(pos(&a), pos(&b));
}

#[test]
fn a_png_emblem_is_embedded_as_an_image() {
    let with = temp_file("emblem-png.pdf", &render_with_emblem("tests/fixtures/emblem-test.png"));
    let (ok, images) = tool("pdfimages", &["-list"], &with);
    assert!(ok);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((cols[0], cols[3], cols[4]), ("1", "60", "50"), "page 1, 60 × 50 pixels: {images}");
}
