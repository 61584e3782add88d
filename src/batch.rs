//! Batch rendering: many descriptions in parallel, with atomic writes, a manifest of what was
//! made from what (SHA-256 of input and output), skipping of outputs that are already current,
//! and sharding, so that an existing scheduler (Kubernetes indexed Jobs, Slurm job arrays, GNU
//! parallel) can split a large regeneration across machines with no coordination of ours.
//!
//! A batch survives what it is fed and what happens to it: each document's work is isolated
//! (an error or a panic fails that document only), every finished document is recorded at once
//! (`journal`), so a killed batch resumes where it stopped, and batches sharing a folder take
//! turns (`lock`). Outputs are synced to disk together at the end, before the manifest.

mod collect;
mod journal;
mod lock;

pub use collect::{Inputs, collect_inputs};
pub use journal::journal_name;
pub use lock::{FOLDER_LOCK, manifest_lock_name};

use crate::model::{MAX_INPUT_BYTES, Problem};
use crate::output::{self, Durability};
use crate::{Accepted, Error, Options, Rendered};
use collect::file_problem;
use journal::Record;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

/// How to run a batch.
#[derive(Clone, Debug, Default)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    pub render: Options,
    /// Render only shard `k` of `n` (1-based): inputs whose index in the sorted list is
    /// `k - 1` modulo `n`.
    pub shard: Option<(usize, usize)>,
    /// Render even where the manifest says the output is current.
    pub force: bool,
    /// Worker threads (default: one per core; at most [`max_jobs`]).
    pub jobs: Option<usize>,
}

/// One PDF made from one input, as recorded in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub input: String,
    /// SHA-256 of the input bytes together with the engine version and the render options.
    pub input_sha256: String,
    pub lang: String,
    pub output: String,
    pub output_sha256: String,
    pub pages: usize,
    pub bytes: usize,
}

/// What happened to one input.
#[derive(Debug)]
pub enum Status {
    /// Rendered, written and recorded in the journal.
    Rendered(Vec<Entry>),
    /// The manifest and the files on disk show the outputs are current: nothing was done.
    Current(Vec<Entry>),
    /// Not rendered: unreadable, invalid, a symbol another input has, or a render error.
    Failed(Error),
}

/// One input and what happened to it.
#[derive(Debug)]
pub struct Outcome {
    /// The canonical path of the input (its key in the manifest).
    pub input: PathBuf,
    pub status: Status,
}

/// The inputs of shard `k` of `n` (1-based).
pub fn shard(inputs: Vec<PathBuf>, k: usize, n: usize) -> Vec<PathBuf> {
    inputs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| n > 0 && i % n == k.wrapping_sub(1))
        .map(|(_, p)| p)
        .collect()
}

/// The manifest's file name: one per shard, so that machines never write the same file.
pub fn manifest_name(shard: Option<(usize, usize)>) -> String {
    match shard {
        Some((k, n)) => format!("manifest-{k}-of-{n}.json"),
        None => "manifest.json".to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// A fingerprint of an input under these options: a change of engine or options re-renders.
fn fingerprint(source: &[u8], options: &Options) -> String {
    let mut h = Sha256::new();
    h.update(crate::engine_digest().as_bytes());
    h.update([options.archival as u8]);
    if let Some(e) = &options.emblem {
        h.update(Sha256::digest(e.data.as_slice()));
    }
    h.update(source);
    hex(&h.finalize())
}

/// The file name of a rendered language version.
pub fn output_name(symbol: &str, lang: &str) -> String {
    // `/` separates folders everywhere and `*` (a reissue) is refused by Windows.
    format!("{}-{lang}.pdf", symbol.replace(['/', '*'], "_"))
}

/// Writes through a temporary file and a rename, so that a reader never sees half a PDF;
/// synced before it returns.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::output::write_atomically(path, bytes, &[]).map_err(std::io::Error::from)
}

/// The most worker threads a batch starts: four per core. Rendering is bound by the
/// processor, so more threads than cores gain nothing; the headroom covers slow disks.
pub fn max_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()) * 4
}

/// What a batch reports while it runs.
#[derive(Debug)]
pub enum Event<'a> {
    /// Another batch is writing the same manifest; this one waits for it to end. The path is
    /// the lock file.
    Waiting(&'a Path),
    /// One input is done.
    Done(&'a Outcome),
}

/// Whether the manifest's entries for `input` match its fingerprint and the files on disk.
fn current(entries: &[Entry], input: &str, print: &str, out_dir: &Path) -> Option<Vec<Entry>> {
    let mine: Vec<Entry> = entries.iter().filter(|e| e.input == input).cloned().collect();
    let ok = !mine.is_empty()
        && mine.iter().all(|e| {
            e.input_sha256 == print
                && std::fs::read(out_dir.join(&e.output)).is_ok_and(|b| sha256(&b) == e.output_sha256)
        });
    ok.then_some(mine)
}

/// What is to be done with one input, once read.
enum Plan {
    Done(Status),
    /// The description as its check accepted it, without the documents the check built (a
    /// batch holds every input's plan at once): rendering builds them but does not check again.
    Render {
        accepted: Box<Accepted>,
        print: String,
        outputs: Vec<String>,
    },
}

/// The bytes of an input, never more than the size limit (plus one byte, to tell it was
/// exceeded).
fn read_input(input: &Path) -> Result<Vec<u8>, Error> {
    let cannot = |e: std::io::Error| file_problem(format!("cannot read the file: {e}"));
    let file = std::fs::File::open(input).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    Ok(bytes)
}

fn plan(input: &Path, key: &str, previous: &[Entry], options: &BatchOptions) -> Result<Plan, Error> {
    let mut bytes = read_input(input)?;
    let source = crate::model::source_from_bytes(&bytes).map_err(|p| Error::Invalid(vec![p]))?.to_string();
    // The files a description names are part of its input: a changed body file renders again.
    let folder = input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let named = crate::Meeting::from_json(&source)
        .ok()
        .and_then(|m| m.body().map(|(_, r)| r.body_files.values().cloned().collect::<Vec<_>>()))
        .unwrap_or_default();
    let mut texts = BTreeMap::new();
    for name in named {
        if let Ok((text, file_bytes)) = crate::input::read_beside(folder, &name) {
            bytes.extend_from_slice(name.as_bytes());
            bytes.extend_from_slice(&file_bytes);
            texts.insert(name, text);
        }
    }
    // So are the images it names (its emblem, figures), read once here for parsing too.
    let mut images = BTreeMap::new();
    for name in crate::model::image_files(&source, &texts) {
        if let Ok(file_bytes) = crate::input::read_bytes_beside(folder, &name) {
            bytes.extend_from_slice(name.as_bytes());
            bytes.extend_from_slice(&file_bytes);
            images.insert(name, file_bytes);
        }
    }
    let print = fingerprint(&bytes, &options.render);
    if let Some(entries) = current(previous, key, &print, &options.out_dir) {
        return Ok(Plan::Done(Status::Current(entries)));
    }
    // Files that could not be read are read again here, to report why.
    let read = |name: &str| match texts.get(name) {
        Some(text) => Ok(text.clone()),
        None => crate::input::read_beside(folder, name).map(|(text, _)| text),
    };
    let read_bytes = |name: &str| match images.get(name) {
        Some(data) => Ok(data.clone()),
        None => crate::input::read_bytes_beside(folder, name),
    };
    let mut accepted = crate::accept_with_readers(&source, &[], &read, &read_bytes)?;
    accepted.drop_documents();
    let meeting = accepted.meeting();
    let langs = options.render.languages.clone().unwrap_or_else(|| meeting.languages.clone());
    let outputs = langs.iter().map(|l| output_name(&meeting.symbol, l.code())).collect();
    Ok(Plan::Render { accepted: Box::new(accepted), print, outputs })
}

/// Two inputs must not write the same file: the first in sorted order keeps it, and the other
/// is an input error naming both, found before anything is written, so the file on disk is
/// never the rejected one's. Returns each claimed output with its input's index.
fn claim_outputs(inputs: &[PathBuf], plans: &mut [Result<Plan, Error>]) -> BTreeMap<String, usize> {
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, plan) in plans.iter_mut().enumerate() {
        let outputs: Vec<String> = match plan {
            Ok(Plan::Render { outputs, .. }) => outputs.clone(),
            Ok(Plan::Done(Status::Current(entries))) => entries.iter().map(|e| e.output.clone()).collect(),
            _ => continue,
        };
        let taken = outputs.iter().find_map(|o| owner.get_key_value(o));
        if let Some((name, first)) = taken.and_then(|(name, &j)| Some((name, inputs.get(j)?))) {
            *plan = Err(Error::Invalid(vec![Problem {
                path: "$.symbol".into(),
                line: None,
                column: None,
                message: format!(
                    "this description would write {name}, as does {}, which comes first in sorted order and keeps it: two descriptions have the same symbol; this one is not rendered",
                    first.display()
                ),
            }]));
            continue;
        }
        owner.extend(outputs.into_iter().map(|o| (o, i)));
    }
    owner
}

/// The renderer a batch calls (the library's, or a stand-in in tests).
type Renderer = dyn Fn(Accepted, &Options) -> Result<Vec<Rendered>, Error> + Sync;

/// Renders one input and writes its outputs.
fn make(
    key: &str,
    accepted: Accepted,
    print: &str,
    options: &BatchOptions,
    renderer: &Renderer,
) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for doc in renderer(accepted, &options.render)? {
        let name = output_name(&doc.symbol, doc.lang.code());
        let path = options.out_dir.join(&name);
        // Synced with the others at the end of the batch (`sync_folder`). Until then a system
        // crash can leave an empty or old file here; the journal's record of it then fails
        // `current`'s check of the file's SHA-256, and the next batch makes it again.
        output::write_atomically_with(&path, &doc.pdf, &[], Durability::Deferred)
            .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
        entries.push(Entry {
            input: key.to_string(),
            input_sha256: print.to_string(),
            lang: doc.lang.code().to_string(),
            output: name,
            output_sha256: sha256(&doc.pdf),
            pages: doc.pages,
            bytes: doc.pdf.len(),
        });
    }
    Ok(entries)
}

/// Runs one document's work so that a panic in it (a bug, here or in a library) fails that
/// document only. The work shares nothing mutable but the journal, whose lock survives a
/// panic (see `Record::append`), so it is unwind safe.
fn contained<T>(document: &str, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        Err(Error::Internal {
            document: document.to_string(),
            message: crate::error::panic_message(payload.as_ref()),
        })
    })
}

/// Removes the temporary files a killed batch left: regular files in `out_dir` whose name
/// ends in `.tmp`, as `write_atomically` names them. Called only when no other batch runs in
/// the folder, so none of them is being written.
fn remove_temporary_files(out_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(out_dir) else { return };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file())
            && entry.file_name().to_string_lossy().ends_with(".tmp")
        {
            // One that cannot be removed is harmless: it is never read.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Renders `inputs` (canonical paths, collected and sharded) in parallel, reporting to
/// `events` as it goes. Returns one outcome per input, in input order. One bad input, even one
/// that makes the renderer panic, never stops the others; every finished one is recorded as it
/// finishes, and the manifest is written at the end whatever failed.
pub fn run(
    inputs: &[PathBuf],
    options: &BatchOptions,
    events: &(dyn Fn(Event) + Sync),
) -> Result<Vec<Outcome>, Error> {
    run_with(inputs, options, events, &|accepted, render| crate::render_accepted(accepted, render))
}

fn run_with(
    inputs: &[PathBuf],
    options: &BatchOptions,
    events: &(dyn Fn(Event) + Sync),
    renderer: &Renderer,
) -> Result<Vec<Outcome>, Error> {
    let out_dir = &options.out_dir;
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", out_dir.display())))?;
    let name = manifest_name(options.shard);
    let _lock = lock::Lock::acquire(out_dir, &name, &|path| events(Event::Waiting(path)), &|| {
        remove_temporary_files(out_dir)
    })?;
    let record = Record::open(out_dir, &name)?;
    let previous: &[Entry] = if options.force { &[] } else { &record.previous };
    let jobs = options.jobs.unwrap_or_else(rayon::current_num_threads).clamp(1, max_jobs());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Io(format!("cannot start {jobs} workers: {e}")))?;
    let keys: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();

    let (outcomes, owners) = pool.install(|| {
        let mut plans: Vec<Result<Plan, Error>> = inputs
            .par_iter()
            .zip(&keys)
            .map(|(input, key)| contained(key, || plan(input, key, previous, options)))
            .collect();
        let owners = claim_outputs(inputs, &mut plans);
        let outcomes: Vec<Outcome> = inputs
            .par_iter()
            .zip(&keys)
            .zip(plans)
            .map(|((input, key), plan)| {
                let status = match plan {
                    Err(e) => Status::Failed(e),
                    Ok(Plan::Done(status)) => status,
                    Ok(Plan::Render { accepted, print, .. }) => {
                        match contained(key, || make(key, *accepted, &print, options, renderer))
                            .and_then(|entries| record.append(key, &entries).map(|()| entries))
                        {
                            Ok(entries) => Status::Rendered(entries),
                            Err(e) => Status::Failed(e),
                        }
                    }
                };
                let outcome = Outcome { input: input.clone(), status };
                events(Event::Done(&outcome));
                outcome
            })
            .collect();
        (outcomes, owners)
    });

    // The manifest describes the folder: entries of other inputs stay while their files do and
    // no input of this run has taken them.
    let ours: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
    let mut manifest: Vec<Entry> = record
        .previous
        .iter()
        .filter(|e| !ours.contains(e.input.as_str()) && !owners.contains_key(&e.output))
        .filter(|e| out_dir.join(&e.output).is_file())
        .cloned()
        .collect();
    for outcome in &outcomes {
        if let Status::Rendered(entries) | Status::Current(entries) = &outcome.status {
            manifest.extend(entries.iter().cloned());
        }
    }
    manifest.sort_by(|a, b| (&a.input, &a.output).cmp(&(&b.input, &b.output)));
    // The outputs are on disk before the manifest that says so.
    let written = outcomes.iter().flat_map(|o| match &o.status {
        Status::Rendered(entries) => entries.as_slice(),
        _ => &[],
    });
    output::sync_folder(out_dir, written.map(|e| out_dir.join(&e.output)))
        .map_err(|e| Error::Io(format!("cannot sync the outputs in {}: {e}", out_dir.display())))?;
    record.finish(&manifest)?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_whose_renderer_panics_fails_alone_and_the_manifest_is_written() {
        let dir = std::env::temp_dir().join(format!("ctoc-press-batch-panic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let seed = include_str!("../examples/ctoc-cop-wg3-2021-1.json");
        let mut inputs = Vec::new();
        for n in [1, 2] {
            let path = dir.join(format!("doc-{n}.json"));
            std::fs::write(&path, seed.replace("CTOC/COP/WG.3/2021/1", &format!("CTOC/COP/WG.3/2021/{n}")))
                .expect("write");
            inputs.push(path);
        }
        let options = BatchOptions { out_dir: dir.join("out"), jobs: Some(2), ..BatchOptions::default() };
        let renderer = |accepted: Accepted, render: &Options| {
            if accepted.meeting().symbol.ends_with("/2") {
                panic!("a bug in a dependency")
            } else {
                crate::render_accepted(accepted, render)
            }
        };
        let outcomes = run_with(&inputs, &options, &|_| {}, &renderer).expect("the batch ends normally");
        assert!(matches!(&outcomes[0].status, Status::Rendered(e) if e.len() == 1));
        match &outcomes[1].status {
            Status::Failed(Error::Internal { message, .. }) => assert_eq!(message, "a bug in a dependency"),
            other => panic!("{other:?}"),
        }
        let manifest: Vec<Entry> =
            serde_json::from_slice(&std::fs::read(dir.join("out/manifest.json")).expect("manifest"))
                .expect("json");
        assert_eq!(manifest.len(), 1);
        assert_eq!(manifest[0].output, "CTOC_COP_WG.3_2021_1-zh.pdf");
        assert!(!dir.join("out").join(journal_name("manifest.json")).exists(), "the journal is folded in");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
