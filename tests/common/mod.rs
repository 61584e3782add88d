//! Helpers shared by the integration tests: render an example, run independent PDF tools.

#![allow(dead_code)]

mod bbox;
#[allow(unused_imports)]
pub use bbox::*;
mod files;
#[allow(unused_imports)]
pub use files::*;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const EXAMPLE: &str = "examples/ctoc-cop-wg3-2021-1.json";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Reads and validates a description and the files it names (a report's CommonMark bodies).
pub fn load(path: &str) -> ctoc_press::Meeting {
    ctoc_press::input::load(&root().join(path), &[]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Renders the Chinese version of an example through the library.
pub fn render_example(path: &str) -> Vec<u8> {
    let meeting = load(path);
    let out = ctoc_press::render(&meeting, &ctoc_press::Options::default()).expect("the example renders");
    out.into_iter().next().expect("one language version").pdf
}

/// Renders the example at `path` with the command line, in a fresh process, to a file named
/// `name`; returns its bytes.
pub fn render_with_cli(path: &str, name: &str) -> Vec<u8> {
    let out = temp_file(name, b"");
    let status = Command::new(env!("CARGO_BIN_EXE_ctoc-press"))
        .args(["render", path, "-o"])
        .arg(&out)
        .current_dir(root())
        .status()
        .expect("run the binary");
    assert!(status.success(), "ctoc-press render {path} failed");
    std::fs::read(&out).expect("output written")
}

/// Renders every language version of an example, each to a file of its own: tests run in
/// parallel and render the same examples, so every call writes files no other call writes.
pub fn render_each(path: &str, prefix: &str) -> std::collections::BTreeMap<ctoc_press::Lang, PathBuf> {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let meeting = load(path);
    ctoc_press::render(&meeting, &Default::default())
        .expect("renders")
        .into_iter()
        .map(|r| {
            let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let name = format!("{prefix}-{}-{call}-{}.pdf", path.replace('/', "_"), r.lang.code());
            (r.lang, temp_file(&name, &r.pdf))
        })
        .collect()
}

/// Writes bytes to a fresh file in the test temp folder.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

/// Runs an external tool and returns its standard output; the tools are installed by `./test`.
pub fn tool(program: &str, args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test (./test installs it): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Text of a PDF as read by poppler's pdftotext.
pub fn pdftotext(file: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&str> = extra.to_vec();
    args.push("-enc");
    args.push("UTF-8");
    let out = Command::new("pdftotext")
        .args(&args)
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext is needed (./test installs poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF rewritten by qpdf with uncompressed, unpacked objects, as text: dictionaries such
/// as annotations and output intents can then be read directly.
pub fn qdf_text(file: &Path) -> String {
    let qdf = file.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(file)
        .arg(&qdf)
        .status()
        .expect("qpdf is needed (./test installs it)");
    assert!(status.success(), "qpdf could not rewrite {file:?}");
    String::from_utf8_lossy(&std::fs::read(&qdf).expect("qdf written")).into_owned()
}

/// The symbols zbarimg decodes on page 1 rendered at 300 dpi, one `TYPE:data` per line, sorted.
pub fn page1_codes(pdf: &Path) -> Vec<String> {
    let prefix = pdf.with_extension("");
    let ok = Command::new("pdftoppm")
        .args(["-r", "300", "-f", "1", "-l", "1", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is needed")
        .success();
    assert!(ok, "pdftoppm failed");
    let out = Command::new("zbarimg")
        .arg("-q")
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) is needed");
    let mut codes: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
    codes.sort();
    codes
}
