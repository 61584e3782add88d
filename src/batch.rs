//! Batch rendering: many descriptions in parallel, with atomic writes, a manifest of what was
//! made from what (SHA-256 of input and output), skipping of outputs that are already current,
//! and sharding, so that an existing scheduler (Kubernetes indexed Jobs, Slurm job arrays, GNU
//! parallel) can split a large regeneration across machines with no coordination of ours.

use crate::{Error, Options, Rendered};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
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
    /// Worker threads (default: one per core).
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
    Rendered(Vec<Entry>),
    /// The manifest and the files on disk show the outputs are current: nothing was done.
    Current(Vec<Entry>),
    Failed(Error),
}

#[derive(Debug)]
pub struct Outcome {
    pub input: PathBuf,
    pub status: Status,
}

/// The inputs named by `paths`: files as given, folders searched for `*.json` (recursively);
/// sorted and without duplicates, so that every machine of a sharded run sees the same list.
pub fn collect_inputs(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() { walk(p, &mut out)? } else { out.push(p.clone()) }
    }
    out.sort();
    out.dedup();
    Ok(out)
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

/// Writes through a temporary file and a rename, so that a reader never sees half a PDF.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("pdf.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn load_manifest(path: &Path) -> Vec<Entry> {
    std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
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

fn render_one(input: &Path, source: &str, print: &str, options: &BatchOptions) -> Result<Vec<Entry>, Error> {
    let meeting = crate::parse(source)?;
    let rendered: Vec<Rendered> = crate::render(&meeting, &options.render)?;
    let mut entries = Vec::new();
    for doc in rendered {
        let name = output_name(&doc.symbol, doc.lang.code());
        write_atomically(&options.out_dir.join(&name), &doc.pdf)
            .map_err(|e| Error::Io(format!("cannot write {}: {e}", options.out_dir.join(&name).display())))?;
        entries.push(Entry {
            input: input.display().to_string(),
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

/// Renders `inputs` (already collected and sharded) in parallel; `progress` is called as each
/// input is done. Writes the manifest; returns one outcome per input, in input order. One bad
/// input never stops the others.
pub fn run(
    inputs: &[PathBuf],
    options: &BatchOptions,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Error> {
    std::fs::create_dir_all(&options.out_dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", options.out_dir.display())))?;
    let manifest_path = options.out_dir.join(manifest_name(options.shard));
    let previous = if options.force { Vec::new() } else { load_manifest(&manifest_path) };
    let work = |input: &PathBuf| -> Outcome {
        let key = input.display().to_string();
        let status = match std::fs::read(input) {
            Err(e) => Status::Failed(Error::Io(format!("cannot read {key}: {e}"))),
            Ok(bytes) => {
                let print = fingerprint(&bytes, &options.render);
                match current(&previous, &key, &print, &options.out_dir) {
                    Some(entries) => Status::Current(entries),
                    None => match String::from_utf8(bytes) {
                        Err(_) => Status::Failed(Error::Io(format!("{key} is not UTF-8 text"))),
                        Ok(source) => match render_one(input, &source, &print, options) {
                            Ok(entries) => Status::Rendered(entries),
                            Err(e) => Status::Failed(e),
                        },
                    },
                }
            }
        };
        let outcome = Outcome { input: input.clone(), status };
        progress(&outcome);
        outcome
    };
    let outcomes: Vec<Outcome> = match options.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| Error::Io(format!("cannot start {n} workers: {e}")))?
            .install(|| inputs.par_iter().map(work).collect()),
        None => inputs.par_iter().map(work).collect(),
    };

    // Two inputs must not write the same file.
    let mut seen = std::collections::BTreeMap::new();
    let mut manifest = Vec::new();
    let mut outcomes = outcomes;
    for outcome in &mut outcomes {
        let entries = match &outcome.status {
            Status::Rendered(e) | Status::Current(e) => e.clone(),
            Status::Failed(_) => continue,
        };
        if let Some(other) = entries.iter().find_map(|e| seen.get(&e.output)) {
            outcome.status = Status::Failed(Error::Io(format!(
                "{} writes the same file as {other}: two descriptions have the same symbol",
                outcome.input.display()
            )));
            continue;
        }
        for e in entries {
            seen.insert(e.output.clone(), e.input.clone());
            manifest.push(e);
        }
    }
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Io(format!("manifest: {e}")))?;
    write_atomically(&manifest_path, &json)
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", manifest_path.display())))?;
    Ok(outcomes)
}
