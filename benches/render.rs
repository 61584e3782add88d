//! Benchmark: render time by stage, page scaling, throughput and memory.
//!
//! `cargo bench` (or `cargo bench -- ITERATIONS`). Prints figures; asserts nothing. Times are
//! CPU time of the process (medians), so that they hold on a machine busy with other work and
//! count the work a long document hands to rayon's pool (its paragraphs, page streams and
//! fonts are made in parallel); full renders and the page scaling give wall time as well, and
//! the batch gives wall time and CPU time.
//!
//! Stages are timed from outside the library: parse, template, shaping and line breaking of
//! the body paragraphs, pagination (the rest of layout: tables, notes, furniture, flow), and
//! PDF writing, split into subsetting (the subsetter on the glyphs each face draws, as krilla
//! calls it: with a cache a face kept across documents, and, for a process's first document,
//! with the caches empty), compression (deflating the output's streams again with krilla's
//! deflate, at its level) and the rest of writing. Packing the dictionaries into object streams (a part of
//! writing) is also timed alone: parsing krilla's output and deflating the object streams,
//! whose deflate the compression figure counts too.

use ctoc_press::doc::Block;
use ctoc_press::layout::fonts::{FaceId, FontBook};
use ctoc_press::layout::linebreak::{Measure, break_lines};
use ctoc_press::layout::prepare::LangTag;
use ctoc_press::layout::shape::shape;
use ctoc_press::layout::{Item, Layout};
use ctoc_press::{Lang, Options};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// The allocator the program uses (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: [&str; 3] =
    ["examples/ctoc-cop-wg3-2021-1.json", "examples/typography-stress.json", "examples/long-report.json"];

/// Paragraphs of the page-scaling documents for about 1, 10, 100 and 1,000 pages (about six
/// body paragraphs a page).
const SCALE: [(usize, usize); 4] = [(1, 1), (10, 62), (100, 620), (1000, 6200)];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
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

/// The medians of one document's stages, in milliseconds.
#[derive(Default)]
struct Stages {
    parse: Vec<Duration>,
    template: Vec<Duration>,
    shaping: Vec<Duration>,
    breaking: Vec<Duration>,
    layout: Vec<Duration>,
    pdf: Vec<Duration>,
    subsetting: Vec<Duration>,
    subsetting_cold: Vec<Duration>,
    compression: Vec<Duration>,
    object_streams: Vec<Duration>,
    render: Vec<Duration>,
    render_wall: Vec<Duration>,
}

/// CPU time of this thread (or of the process): on a machine shared with other work, wall
/// time measures the other work as well, CPU time this program's.
fn cpu_time(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn process_cpu() -> Duration {
    cpu_time(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// Runs `f`, adding the CPU time it took on every thread to `into`.
fn timed<T>(into: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let t = process_cpu();
    let out = f();
    into.push(process_cpu().saturating_sub(t));
    out
}

/// Runs `f`, adding the CPU time it took on every thread to `cpu` and its wall time to `wall`.
fn timed_both<T>(cpu: &mut Vec<Duration>, wall: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = timed(cpu, f);
    wall.push(start.elapsed());
    out
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
        stages(path, &source, iterations, book);
    }

    println!("peak resident memory after the examples: {:.1} MiB", peak_rss_kib() as f64 / 1024.0);
    deflate_choices(EXAMPLES[0], iterations);

    println!("page scaling (generated from the long example's paragraphs; median of 3, 1 at 1,000):");
    let long = std::fs::read_to_string(EXAMPLES[2]).expect("long example");
    for (pages, paras) in SCALE {
        let source = scaled(&long, paras);
        let meeting = ctoc_press::parse(&source).expect("a generated document validates");
        let runs = if pages >= 1000 { 1 } else { 3 };
        let (mut t, mut wall) = (Vec::new(), Vec::new());
        let mut out = None;
        for _ in 0..runs {
            out = Some(timed_both(&mut t, &mut wall, || {
                ctoc_press::render(&meeting, &Options::default()).expect("renders")
            }));
        }
        let (got, bytes) = out.map(|o| (o[0].pages, o[0].pdf.len())).unwrap_or_default();
        let total = ms(median(t));
        println!(
            "  ~{pages:>4} pages: {got:>4} pages, {:>8.1} ms CPU ({:.1} wall), {:.2} ms a page, {:.1} KB a page",
            total,
            ms(median(wall)),
            total / got.max(1) as f64,
            bytes as f64 / 1000.0 / got.max(1) as f64
        );
    }

    // Batch throughput: the seed document rendered on every core.
    let source = std::fs::read_to_string(EXAMPLES[0]).expect("seed example");
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let per_thread = (iterations * 5).max(50);
    // One document a worker of a rayon pool, as `ctoc-press batch` renders.
    let n = threads * per_thread;
    let no_files = |_: &str| -> Result<String, String> { Err("no files".into()) };
    let no_files_bytes = |_: &str| -> Result<Vec<u8>, String> { Err("no files".into()) };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
    let t = Instant::now();
    let cpu0 = cpu_time(libc::CLOCK_PROCESS_CPUTIME_ID);
    pool.install(|| {
        use rayon::prelude::*;
        (0..n).into_par_iter().for_each(|_| {
            // As a batch plans an input, then renders it.
            let mut accepted =
                ctoc_press::accept_with_readers(&source, &[], &no_files, &no_files_bytes).expect("valid");
            accepted.drop_documents();
            let out = ctoc_press::render_accepted(accepted, &Options::default()).expect("renders");
            std::hint::black_box(out);
        })
    });
    let secs = t.elapsed().as_secs_f64();
    let cpu = (cpu_time(libc::CLOCK_PROCESS_CPUTIME_ID) - cpu0).as_secs_f64();
    println!(
        "batch: {n} parses and renders of the seed on {threads} threads in {secs:.2} s = {:.1} documents/s \
         ({cpu:.2} s of CPU: {:.1} documents a CPU-second, {:.1}/s on {threads} idle cores)",
        n as f64 / secs,
        n as f64 / cpu,
        n as f64 / cpu * threads as f64,
    );
    println!(
        "peak resident memory (after the 1,000-page document): {:.1} MiB",
        peak_rss_kib() as f64 / 1024.0
    );
}

/// Times every stage of one example and prints the medians.
fn stages(path: &str, source: &str, iterations: usize, book: &FontBook) {
    let meeting = ctoc_press::parse(source).expect("valid example");
    let mut s = Stages::default();
    let (mut pages, mut bytes, mut lines, mut paras) = (0, 0, 0, 0);
    // One subsetting cache a face, kept across iterations as krilla's fonts keep theirs.
    let caches: BTreeMap<FaceId, subsetter::SubsetCache> =
        FaceId::ALL.iter().map(|&face| (face, subsetter::SubsetCache::new())).collect();
    for _ in 0..iterations {
        let m = timed(&mut s.parse, || ctoc_press::parse(source).expect("valid"));
        let doc = timed(&mut s.template, || ctoc_press::template::build(&m, Lang::Zh).expect("builds"));
        let body: Vec<_> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { style, inlines, .. } => doc.spec.styles.get(style).map(|s| (s, inlines)),
                _ => None,
            })
            .collect();
        paras = body.len();
        let shaped: Vec<_> = timed(&mut s.shaping, || {
            body.iter().map(|(st, i)| (*st, shape(book, i, st.font, LangTag::parse("zh-Hans")))).collect()
        });
        lines = timed(&mut s.breaking, || {
            shaped
                .iter()
                .map(|(st, p)| {
                    let w = doc.spec.column_width - st.indent;
                    let m = Measure {
                        first: w - st.first_indent,
                        rest: w,
                        justify: true,
                        typography: doc.spec.typography,
                    };
                    break_lines(p, m).len()
                })
                .sum::<usize>()
        });
        let laid = timed(&mut s.layout, || ctoc_press::layout::layout(&doc).expect("lays out"));
        let info = ctoc_press::pdf::Info {
            title: doc.title.clone(),
            subject: doc.symbol.clone(),
            lang: doc.lang.clone(),
            date: doc.date,
            archival: false,
        };
        let pdf = timed(&mut s.pdf, || ctoc_press::pdf::write(&laid, &info).expect("writes"));
        let plain = ctoc_press::pdf::write_plain(&laid, &info).expect("writes");
        timed(&mut s.object_streams, || ctoc_press::pdf::pack_object_streams(&plain).expect("packs"));
        subset_faces(&laid, book, Some(&caches), &mut s.subsetting);
        subset_faces(&laid, book, None, &mut s.subsetting_cold);
        let streams = inflated_streams(&pdf);
        // As krilla deflates them: font programs at level 1, every other stream at level 4.
        let (fonts, others): (Vec<_>, Vec<_>) = streams.into_iter().partition(|(font, _)| *font);
        let fonts: Vec<Vec<u8>> = fonts.into_iter().map(|(_, d)| d).collect();
        let others: Vec<Vec<u8>> = others.into_iter().map(|(_, d)| d).collect();
        timed(&mut s.compression, || deflate_all(&fonts, 1) + deflate_all(&others, 4));
        let out = timed_both(&mut s.render, &mut s.render_wall, || {
            ctoc_press::render(&meeting, &Options::default()).expect("renders")
        });
        pages = out[0].pages;
        bytes = out[0].pdf.len();
    }
    let subsetting_cold = ms(median(s.subsetting_cold));
    let render_wall = ms(median(s.render_wall));
    let [parse, template, shaping, breaking, layout, pdf, subsetting, compression, object_streams, render] =
        [
            s.parse,
            s.template,
            s.shaping,
            s.breaking,
            s.layout,
            s.pdf,
            s.subsetting,
            s.compression,
            s.object_streams,
            s.render,
        ]
        .map(|v| ms(median(v)));
    println!(
        "{path}: {pages} pages, {bytes} bytes, {paras} body paragraphs in {lines} lines; medians of {iterations} (ms):\n  \
         parse+validate {parse:.2} | template {template:.2} | shaping {shaping:.2} | line breaking {breaking:.2} | \
         pagination and the rest of layout {:.2} | subsetting {subsetting:.2} (empty caches {subsetting_cold:.2}) | compression {compression:.2} | \
         writing {:.2} | object streams {object_streams:.2}\n  full render (template to bytes) {render:.2} CPU, {render_wall:.2} wall; stages summed {:.2}",
        (layout - shaping - breaking).max(0.0),
        (pdf - subsetting - compression).max(0.0),
        parse + layout + template + pdf,
    );
}

/// Subsets every face for the glyphs the layout draws with it, as krilla does when writing:
/// with the face's cache from `caches` (kept with krilla's font), or with none.
fn subset_faces(
    laid: &Layout,
    book: &FontBook,
    caches: Option<&BTreeMap<FaceId, subsetter::SubsetCache>>,
    into: &mut Vec<Duration>,
) {
    let mut used: BTreeMap<FaceId, Vec<u16>> = BTreeMap::new();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used.entry(run.face).or_default().extend(run.glyphs.iter().map(|g| g.id));
            }
        }
    }
    timed(into, || {
        for (face, mut glyphs) in used {
            glyphs.sort_unstable();
            glyphs.dedup();
            let mapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
            let data = book.face(face).data;
            let out = match caches.and_then(|c| c.get(&face)) {
                Some(cache) => subsetter::subset_with_cache(data, 0, &mapper, cache),
                None => subsetter::subset(data, 0, &mapper),
            };
            std::hint::black_box(out.ok());
        }
    });
}

/// The inflated data of every Flate stream of `pdf` (a plain scan for krilla's layout: a
/// dictionary with `/Length N` ending right before `stream`), each with whether it is a font
/// program (a CFF `/Subtype` or a TrueType `/Length1`).
fn inflated_streams(pdf: &[u8]) -> Vec<(bool, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = find(&pdf[at..], b">>\nstream\n").map(|k| k + at + 3) {
        let dict_start = pdf[..k].windows(2).rposition(|w| w == b"<<").unwrap_or(0);
        let dict = &pdf[dict_start..k];
        let len = find(dict, b"/Length ").and_then(|i| {
            let digits: Vec<u8> = dict[i + 8..].iter().take_while(|c| c.is_ascii_digit()).copied().collect();
            std::str::from_utf8(&digits).ok()?.parse::<usize>().ok()
        });
        let body = k + 7;
        match len {
            Some(len) if body + len <= pdf.len() => {
                if find(dict, b"/FlateDecode").is_some() {
                    let mut data = Vec::new();
                    if flate2::read::ZlibDecoder::new(&pdf[body..body + len]).read_to_end(&mut data).is_ok() {
                        let font =
                            find(dict, b"/Length1").is_some() || find(dict, b"/CIDFontType0C").is_some();
                        out.push((font, data));
                    }
                }
                at = body + len;
            }
            _ => at = body,
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The deflated size of `streams` as the build's krilla deflates them: zlib format, libdeflate
/// at `level`, one compressor for all of them (krilla keeps one a thread).
fn deflate_all(streams: &[Vec<u8>], level: i32) -> usize {
    let Ok(level) = libdeflater::CompressionLvl::new(level) else { return 0 };
    let mut c = libdeflater::Compressor::new(level);
    let mut out = Vec::new();
    streams
        .iter()
        .map(|d| {
            out.resize(c.zlib_compress_bound(d.len()), 0);
            c.zlib_compress(d, &mut out).unwrap_or(0)
        })
        .sum()
}

fn deflate_at(data: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(data).ok();
    e.finish().unwrap_or_default()
}

/// Time and size of deflating one example's streams with each backend and level, font
/// programs apart from the other streams: what the choice of the build's deflate rests on
/// (the vendored krilla deflates with libdeflate, font programs at level 1, the rest at 4).
fn deflate_choices(path: &str, iterations: usize) {
    let Ok(source) = std::fs::read_to_string(path) else { return };
    let meeting = ctoc_press::parse(&source).expect("valid");
    let out = ctoc_press::render(&meeting, &Options::default()).expect("renders");
    let (fonts, others): (Vec<_>, Vec<_>) = inflated_streams(&out[0].pdf).into_iter().partition(|(f, _)| *f);
    for (kind, group) in [("font programs", fonts), ("other streams", others)] {
        let streams: Vec<Vec<u8>> = group.into_iter().map(|(_, d)| d).collect();
        let raw: usize = streams.iter().map(Vec::len).sum();
        println!(
            "deflate of {path}'s {} {kind} ({raw} bytes inflated), median of {iterations}:",
            streams.len()
        );
        deflate_each_way(&streams, iterations);
    }
}

/// Prints the time and size of deflating `streams` with each backend and level.
fn deflate_each_way(streams: &[Vec<u8>], iterations: usize) {
    type Deflate = Box<dyn Fn(&[Vec<u8>]) -> usize>;
    let mut choices: Vec<(String, Deflate)> = Vec::new();
    for level in [1u8, 6, 9] {
        choices.push((
            format!("zlib-rs (flate2) level {level}"),
            Box::new(move |all: &[Vec<u8>]| all.iter().map(|d| deflate_at(d, level as u32).len()).sum()),
        ));
        choices.push((
            format!("miniz_oxide level {level}"),
            Box::new(move |all: &[Vec<u8>]| {
                all.iter().map(|d| miniz_oxide::deflate::compress_to_vec_zlib(d, level).len()).sum()
            }),
        ));
    }
    for level in [1, 4, 6, 9, 12] {
        choices.push((
            format!("libdeflate level {level}"),
            Box::new(move |all: &[Vec<u8>]| deflate_all(all, level)),
        ));
    }
    for (name, f) in choices {
        let mut t = Vec::new();
        let mut size = 0;
        for _ in 0..iterations {
            size = timed(&mut t, || f(streams));
        }
        println!("  {name:<28} {:>7.2} ms {size:>8} bytes", ms(median(t)));
    }
}

/// A provisional agenda of `paras` annotation paragraphs, in items of seven, taken in turn from
/// the long example's items.
fn scaled(long: &str, paras: usize) -> String {
    let mut d: serde_json::Value = serde_json::from_str(long).expect("JSON");
    let mut texts = Vec::new();
    let mut titles = Vec::new();
    for item in d["agenda"].as_array().cloned().unwrap_or_default() {
        titles.push(item["title"].clone());
        let subs = item["sub_items"].as_array().cloned().unwrap_or_default();
        for a in std::iter::once(&item).chain(subs.iter()) {
            texts.extend(a["annotations"].as_array().cloned().unwrap_or_default());
        }
    }
    let agenda: Vec<serde_json::Value> = (0..paras)
        .step_by(7)
        .map(|i| {
            serde_json::json!({
                "title": titles[(i / 7) % titles.len()],
                "annotations": (i..(i + 7).min(paras)).map(|j| texts[j % texts.len()].clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    if let Some(map) = d.as_object_mut() {
        map.remove("organization_of_work");
        map.insert("agenda".into(), agenda.into());
    }
    d.to_string()
}
