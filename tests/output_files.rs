//! Where `render -o` may write: never over a device, a FIFO, a symbolic link, a folder or the
//! input itself (exit 2, the destination untouched), and never leaving a temporary file behind,
//! not even when the disk is full (exit 1).

#[path = "common/cli.rs"]
mod cli;

use cli::{bin, ctoc_press, fresh_dir, leftovers, run_to_end, stderr};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// A copy of the example in `dir`, so that a test may aim at it.
fn input_in(dir: &Path) -> PathBuf {
    let input = dir.join("input.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ctoc-cop-wg3-2021-1.json"), &input)
        .expect("copy");
    input
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn render_to(input: &Path, output: &Path) -> std::process::Output {
    ctoc_press(&["render", s(input), "--lang", "zh", "-o", s(output)])
}

/// Exit 2 with a message naming the destination and saying what it is; no temporary file left.
fn assert_refused(out: &std::process::Output, dest: &Path, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("cannot write {}", dest.display())), "names the destination: {err}");
    assert!(err.contains(what) && err.contains("refusing to write over it"), "says why ({what}): {err}");
    let folder = dest.parent().expect("parent");
    assert_eq!(leftovers(folder), Vec::<String>::new(), "no temporary file in {}", folder.display());
}

#[test]
fn a_fifo_is_refused_and_stays_a_fifo() {
    let dir = fresh_dir("output-fifo");
    let input = input_in(&dir);
    let fifo = dir.join("out.pdf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let out = render_to(&input, &fifo);
    assert_refused(&out, &fifo, "a device, FIFO or socket");
    assert!(std::fs::symlink_metadata(&fifo).expect("still there").file_type().is_fifo());
}

#[test]
fn a_socket_is_refused_and_stays_a_socket() {
    let dir = fresh_dir("output-socket");
    let input = input_in(&dir);
    let socket = dir.join("out.pdf");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let out = render_to(&input, &socket);
    assert_refused(&out, &socket, "a device, FIFO or socket");
    assert!(std::fs::symlink_metadata(&socket).expect("still there").file_type().is_socket());
}

#[test]
fn a_device_node_is_refused_and_stays_a_device() {
    let dir = fresh_dir("output-device");
    let input = input_in(&dir);
    // As root, a null device of our own (major 1, minor 3) in the temp folder; otherwise
    // /dev/null itself, which the program must leave alone either way.
    let own = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&own)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    let device = if made { own } else { PathBuf::from("/dev/null") };
    let out = render_to(&input, &device);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("a device, FIFO or socket") && err.contains("refusing"), "{err}");
    assert!(std::fs::symlink_metadata(&device).expect("still there").file_type().is_char_device());
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[test]
fn a_symbolic_link_is_refused_and_neither_it_nor_its_target_changes() {
    let dir = fresh_dir("output-symlink");
    let input = input_in(&dir);
    let target = dir.join("target.pdf");
    std::fs::write(&target, b"earlier file").expect("write");
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let out = render_to(&input, &link);
    assert_refused(&out, &link, "a symbolic link");
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert_eq!(std::fs::read(&target).expect("target"), b"earlier file");
}

#[test]
fn the_input_itself_is_refused_under_any_of_its_names() {
    let dir = fresh_dir("output-input");
    let input = input_in(&dir);
    let before = std::fs::read(&input).expect("input");
    let hard_link = dir.join("same.json");
    std::fs::hard_link(&input, &hard_link).expect("hard link");
    let dotted = dir.join(".").join("input.json");
    for dest in [&input, &hard_link, &dotted] {
        let out = render_to(&input, dest);
        assert_refused(&out, dest, "the input file");
    }
    assert_eq!(std::fs::read(&input).expect("input"), before, "the input is unchanged");
}

#[test]
fn a_folder_is_refused_and_no_temporary_file_is_left() {
    let dir = fresh_dir("output-folder");
    let input = input_in(&dir);
    let folder = dir.join("out.pdf");
    std::fs::create_dir(&folder).expect("mkdir");
    let out = render_to(&input, &folder);
    assert_refused(&out, &folder, "a folder");
    assert!(folder.is_dir());
    assert_eq!(leftovers(&folder), Vec::<String>::new());
}

#[test]
fn a_full_disk_fails_with_exit_1_and_leaves_no_temporary_file() {
    let dir = fresh_dir("output-full-disk");
    let input = input_in(&dir);
    let dest = dir.join("out.pdf");
    // The file size limit (RLIMIT_FSIZE, 64 blocks of 512 bytes or 1 KiB) makes writes past it
    // fail with EFBIG as on a full disk; SIGXFSZ is ignored so the write reports the error
    // instead of the signal killing the process.
    let mut command = std::process::Command::new("sh");
    command.arg("-c").arg(r#"trap '' XFSZ; ulimit -f 64; exec "$0" "$@""#).arg(bin());
    command.args(["render", s(&input), "--lang", "zh", "-o", s(&dest)]);
    let out = run_to_end(command);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("cannot write {}", dest.display())) && err.contains("too large"), "{err}");
    assert!(!dest.exists(), "no partial PDF");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[test]
fn an_earlier_output_is_replaced_whole() {
    let dir = fresh_dir("output-replace");
    let input = input_in(&dir);
    let dest = dir.join("out.pdf");
    std::fs::write(&dest, b"earlier output").expect("write");
    let out = render_to(&input, &dest);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&dest).expect("pdf").starts_with(b"%PDF-"));
    let check = std::process::Command::new("qpdf").arg("--check").arg(&dest).output().expect("qpdf");
    assert!(check.status.success(), "qpdf --check");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}
