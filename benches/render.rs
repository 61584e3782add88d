//! Benchmark: render time, line-breaking time, throughput and memory for the examples.
//!
//! `cargo bench` (or `cargo bench -- ITERATIONS`). Prints figures; asserts nothing.

use ctoc_press::doc::Block;
use ctoc_press::layout::fonts::FontBook;
use ctoc_press::layout::linebreak::{Measure, break_lines};
use ctoc_press::layout::prepare::LangTag;
use ctoc_press::layout::shape::shape;
use ctoc_press::{Lang, Options};
use std::time::{Duration, Instant};

const EXAMPLES: [&str; 3] =
    ["examples/ctoc-cop-wg3-2021-1.json", "examples/typography-stress.json", "examples/long-report.json"];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let iterations: usize = std::env::args().skip(1).find_map(|s| s.parse().ok()).unwrap_or(20);
    let start = Instant::now();
    let book = FontBook::get().expect("fonts");
    println!("font book (parse embedded fonts, once per process): {:.1} ms", ms(start.elapsed()));

    for path in EXAMPLES {
        let Ok(source) = std::fs::read_to_string(path) else {
            println!("{path}: not present, skipped");
            continue;
        };
        let meeting = ctoc_press::parse(&source).expect("valid example");
        let mut parse_t = Vec::new();
        let mut layout_t = Vec::new();
        let mut total_t = Vec::new();
        let mut break_t = Vec::new();
        let (mut pages, mut bytes, mut lines, mut worst, mut worst_free, mut breaks) =
            (0, 0, 0, 0.0f32, 0.0f32, 0);
        for _ in 0..iterations {
            let t = Instant::now();
            let m = ctoc_press::parse(&source).expect("valid");
            parse_t.push(t.elapsed());

            let t = Instant::now();
            let (doc, laid) = ctoc_press::lay_out(&m, Lang::Zh).expect("lays out");
            layout_t.push(t.elapsed());
            lines = laid.lines.len();
            worst = laid.lines.iter().filter(|l| !l.last).map(|l| l.ratio).fold(0.0, f32::max);
            worst_free = laid
                .lines
                .iter()
                .filter(|l| !l.last && !l.cannot_extend)
                .map(|l| l.ratio)
                .fold(0.0, f32::max);

            // Line breaking alone: every paragraph pre-shaped, then broken at its measure.
            let shaped: Vec<_> = doc
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Para { style, inlines, .. } => doc.spec.styles.get(style).map(|s| (s, inlines)),
                    _ => None,
                })
                .map(|(s, inlines)| (s, shape(book, inlines, s.font, LangTag::parse("zh-Hans"))))
                .collect();
            let t = Instant::now();
            breaks = 0;
            for (s, p) in &shaped {
                let w = doc.spec.column_width - s.indent;
                let m = Measure {
                    first: w - s.first_indent,
                    rest: w,
                    justify: true,
                    typography: doc.spec.typography,
                };
                breaks += break_lines(p, m).len();
            }
            break_t.push(t.elapsed());

            let t = Instant::now();
            let out = ctoc_press::render(&meeting, &Options::default()).expect("renders");
            total_t.push(t.elapsed());
            pages = out[0].pages;
            bytes = out[0].pdf.len();
        }
        println!(
            "{path}: {pages} pages, {bytes} bytes, {lines} lines, worst ratio {worst:.2} \
             ({worst_free:.2} among lines that could take in more); \
             median of {iterations}: parse {:.2} ms, template+layout {:.2} ms, \
             line breaking of {} paragraphs ({breaks} lines) {:.3} ms, full render to PDF {:.1} ms",
            ms(median(parse_t)),
            ms(median(layout_t)),
            doc_paras(&meeting),
            ms(median(break_t)),
            ms(median(total_t)),
        );
    }

    // Batch throughput: the seed document rendered on every core.
    let source = std::fs::read_to_string(EXAMPLES[0]).expect("seed example");
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let per_thread = iterations.max(10);
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                for _ in 0..per_thread {
                    let m = ctoc_press::parse(&source).expect("valid");
                    let out = ctoc_press::render(&m, &Options::default()).expect("renders");
                    std::hint::black_box(out);
                }
            });
        }
    });
    let n = threads * per_thread;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "batch: {n} renders of the seed on {threads} threads in {secs:.2} s = {:.1} documents/s",
        n as f64 / secs
    );
    println!("peak resident memory: {:.1} MiB", peak_rss_kib() as f64 / 1024.0);
}

fn doc_paras(m: &ctoc_press::Meeting) -> usize {
    ctoc_press::template::build(m, Lang::Zh)
        .map(|d| d.blocks.iter().filter(|b| matches!(b, Block::Para { .. })).count())
        .unwrap_or(0)
}
