//! Real numbers in content streams: pdf-writer writes the common ones (whole numbers of
//! hundredths, as positions and sizes mostly are) without ryu (vendor/pdf-writer/PATCHES.md,
//! item 2). The bytes must be ryu's, for every such number a content stream can hold, so that
//! no PDF changes.

use pdf_writer::Content;

/// The content stream of `values`, one line (`v 1 m`) each.
fn content(values: &[f32]) -> String {
    let mut content = Content::new();
    for &v in values {
        content.move_to(v, 1.0);
    }
    String::from_utf8(content.finish().into_vec()).expect("ASCII")
}

/// The operands written for `values`.
fn written(values: &[f32]) -> Vec<String> {
    content(values).lines().map(|line| operand(line).to_string()).collect()
}

fn operand(line: &str) -> &str {
    line.strip_suffix(" 1 m").expect("one operator a line")
}

/// What pdf-writer wrote before: an integer as an integer, any other number by ryu, and the
/// tiny or huge ones (never in a page) by `Display`.
fn expected(v: f32, ryu: &mut ryu::Buffer) -> std::borrow::Cow<'_, str> {
    if v as i32 as f32 == v {
        (v as i32).to_string().into()
    } else if v.abs() > 1e-6 && v.abs() < 1e12 {
        ryu.format(v).into()
    } else {
        v.to_string().into()
    }
}

#[test]
fn every_whole_number_of_hundredths_is_written_as_ryu_writes_it() {
    const LIMIT: i64 = 65536 * 100;
    let mut values = Vec::with_capacity(1 << 16);
    let mut ryu = ryu::Buffer::new();
    let mut checked = 0;
    let mut n = -LIMIT - 200;
    while n <= LIMIT + 200 {
        values.clear();
        for k in n..(n + (1 << 16)).min(LIMIT + 201) {
            let v = (k as f64 / 100.0) as f32;
            values.push(v);
            // And, for a sample, the neighbours: a value one step away is not a whole number
            // of hundredths and must take ryu's path.
            if k % 7 == 0 {
                values.extend([v.next_up(), v.next_down()]);
            }
        }
        let text = content(&values);
        let mut lines = text.lines();
        for v in &values {
            let got = operand(lines.next().expect("a line a value"));
            if got != expected(*v, &mut ryu) {
                panic!("{v:e} ({:#x}) written {got}, ryu writes {}", v.to_bits(), expected(*v, &mut ryu));
            }
            checked += 1;
        }
        n += 1 << 16;
    }
    assert!(checked > 2 * LIMIT as usize);
    // Zero and the edges of the range keep ryu's forms, and read back as written.
    let edges = [-0.0, 0.5, -0.5, 0.05, 65535.99, -65535.99];
    let got = written(&edges);
    assert_eq!(got, ["0", "0.5", "-0.5", "0.05", "65535.99", "-65535.99"]);
    for (text, v) in got.iter().zip(edges) {
        assert_eq!(text.parse::<f32>().ok(), Some(v));
    }
}
