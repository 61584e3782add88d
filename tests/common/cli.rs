//! Running the command-line program in tests, with a watchdog: a run that does not end by
//! itself within a generous time is killed and reported as hung (this is no timing assertion:
//! the time only bounds a wait that would otherwise never end).

#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a debug build rendering on a loaded two-core machine.
const HANG: Duration = Duration::from_secs(300);

/// The program built with the tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ctoc-press")
}

/// Runs `command` to its end; panics if it has not ended by itself after [`HANG`].
pub fn run_to_end(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the program did not end by itself (hung)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `ctoc-press ARGS…`.
pub fn ctoc_press(args: &[&str]) -> Output {
    let mut command = Command::new(bin());
    command.args(args);
    run_to_end(command)
}

/// A fresh empty folder for one test.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Names of temporary files left in `dir`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
