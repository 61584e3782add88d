//! The `ctoc-press` command line: a thin shell over the library.
//!
//! Exit codes: 0 ok, 1 render error, 2 bad input or usage.

use clap::{Parser, Subcommand, ValueEnum};
use ctoc_press::model::{MAX_INPUT_BYTES, source_from_bytes};
use ctoc_press::{Error, Lang, Options, Problem, batch, output};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: a render allocates many small, short-lived objects on
/// several threads, where glibc's arenas spent about a tenth of a batch in free-list upkeep.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ctoc-press",
    version,
    about = "Typesets UN meeting documents (CTOC/COP) from JSON meeting descriptions into print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a meeting description to PDF, one file per language version.
    Render {
        /// The meeting description (JSON).
        input: PathBuf,
        /// Output file (when one language version is rendered).
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Output folder; files are named after the symbol and language.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Language versions to render (comma-separated codes: zh,en; `all`: every language
        /// the description lists, the default).
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Write archival, accessible PDF/A-2a and PDF/UA-1 (the writer validates the file).
        #[arg(long)]
        pdfa: bool,
        /// An image (PNG or SVG) for the emblem slot of the masthead; none is shipped, as the
        /// emblem's use is restricted. Without one the slot stays empty.
        #[arg(long)]
        emblem: Option<PathBuf>,
    },
    /// Check meeting descriptions without rendering (exit 0 if all are valid, 2 if not).
    Validate {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// How to report problems: `human` (as a compiler does: the source line, the place
        /// underlined, a hint; on standard error), `short` (file:line:col: path: message, one a
        /// line, on standard error) or `json` (an array of {file, path, line, column, message,
        /// hint, origin} on standard output).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema (draft 2020-12) of a meeting description.
    Schema,
    /// Render a description again whenever it, or a body file it names, changes (until
    /// interrupted); problems are reported and watching goes on.
    Watch {
        /// The meeting description (JSON).
        input: PathBuf,
        /// The PDF to write (atomically, so that an open viewer reloads a complete file).
        #[arg(short, long)]
        output: PathBuf,
        /// The language version to render; default: the first the description lists.
        #[arg(long)]
        lang: Option<String>,
        /// Write archival PDF/A-2a and PDF/UA-1.
        #[arg(long)]
        pdfa: bool,
    },
    /// Write a valid starting description of a document kind, to fill in.
    New {
        /// The document kind (`provisional-agenda`, `report`, …).
        kind: String,
        /// Its language versions (comma-separated codes: zh,en); default: en.
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Where to write it (an existing file is not written over); default: standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Render many descriptions in parallel into one folder, with a manifest; outputs whose
    /// input and options have not changed since the last run are left alone. A killed batch
    /// resumes where it stopped; a second batch writing the same manifest waits for the first.
    Batch {
        /// Description files, or folders searched for *.json.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long)]
        out_dir: PathBuf,
        /// Render only shard K of N (e.g. 3/8), for schedulers that split a run across machines
        /// (Kubernetes indexed Jobs, Slurm job arrays, GNU parallel).
        #[arg(long, value_parser = parse_shard)]
        shard: Option<(usize, usize)>,
        /// Worker threads (default: one per core; at most four per core, more are reduced to
        /// that).
        #[arg(long, value_parser = parse_jobs)]
        jobs: Option<usize>,
        /// Render even the outputs the manifest shows as current.
        #[arg(long)]
        force: bool,
        /// Write archival, accessible PDF/A-2a and PDF/UA-1.
        #[arg(long)]
        pdfa: bool,
        /// An image (PNG or SVG) for the emblem slot of the masthead.
        #[arg(long)]
        emblem: Option<PathBuf>,
    },
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("a shard is K/N, e.g. 3/8")?;
    let k: usize = k.parse().map_err(|_| "K is a number")?;
    let n: usize = n.parse().map_err(|_| "N is a number")?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k, n))
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("at least one worker is needed".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a number of workers")),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Short,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render { input, output, out_dir, lang, pdfa, emblem } => {
            render(&input, output, out_dir, lang, pdfa, emblem)
        }
        Command::Validate { inputs, format } => validate(&inputs, format),
        Command::Batch { inputs, out_dir, shard, jobs, force, pdfa, emblem } => {
            let emblem = match load_emblem(emblem) {
                Ok(e) => e,
                Err(code) => return code,
            };
            let render = Options { archival: pdfa, emblem, ..Options::default() };
            run_batch(&inputs, batch::BatchOptions { out_dir, render, shard, force, jobs })
        }
        Command::New { kind, lang, output } => new(&kind, lang, output),
        Command::Watch { input, output, lang, pdfa } => watch(&input, &output, lang, pdfa),
        Command::Schema => {
            print!("{}", ctoc_press::model::schema_json());
            ExitCode::SUCCESS
        }
    }
}

/// `watch`: renders now and after every change, reporting each round.
fn watch(input: &Path, out: &Path, lang: Option<String>, archival: bool) -> ExitCode {
    let lang = match parse_langs(lang.map(|l| vec![l])) {
        Ok(l) => l.and_then(|l| l.first().copied()),
        Err(code) => return code,
    };
    if let Err(e) = output::check_destination(out, &[input]) {
        return write_failed(out, &e);
    }
    let options = Options { archival, ..Options::default() };
    let mut report = |round: ctoc_press::watch::Round| match round {
        ctoc_press::watch::Round::Rendered { output, pages } => {
            println!("{} ({pages} pages)", output.display());
        }
        ctoc_press::watch::Round::Invalid { source, problems } => {
            show(input, source.as_deref(), &problems);
            eprintln!("watching {} for changes", input.display());
        }
        ctoc_press::watch::Round::Failed(why) => eprintln!("error: {}: {why}", input.display()),
    };
    match ctoc_press::watch::watch(input, out, lang, &options, &mut report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `new`: a starting description, on standard output or into a new file.
fn new(kind: &str, lang: Option<Vec<String>>, output: Option<PathBuf>) -> ExitCode {
    let langs = match parse_langs(lang) {
        Ok(l) => l.unwrap_or_default(),
        Err(code) => return code,
    };
    let text = match ctoc_press::starter::starter(kind, &langs) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(if e.is_input_error() { 2 } else { 1 });
        }
    };
    let Some(path) = output else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    if path.exists() {
        eprintln!("error: {} exists already; it is not written over", path.display());
        return ExitCode::from(2);
    }
    if let Err(e) = output::write_atomically(&path, text.as_bytes(), &[]) {
        return write_failed(&path, &e);
    }
    eprintln!(
        "wrote {}; for completion in an editor: ctoc-press schema > {}",
        path.display(),
        folder_of(&path).join("meeting.schema.json").display()
    );
    ExitCode::SUCCESS
}

/// Why a file could not be read as a description.
enum ReadError {
    /// The file system refused.
    Io(String),
    /// Too large, or not UTF-8.
    Input(Problem),
}

/// Reads a description, never more than the size limit (plus one byte, to tell it was
/// exceeded), so that a huge file cannot exhaust memory.
fn read_source(input: &Path) -> Result<String, ReadError> {
    let file = std::fs::File::open(input).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    source_from_bytes(&bytes).map(str::to_owned).map_err(ReadError::Input)
}

fn read(input: &Path) -> Result<String, ExitCode> {
    read_source(input).map_err(|e| {
        match e {
            ReadError::Io(e) => eprintln!("error: cannot read {}: {e}", input.display()),
            ReadError::Input(p) => show(input, None, &[p]),
        }
        ExitCode::from(2)
    })
}

/// The folder a description's other files are named from.
fn folder_of(input: &Path) -> &Path {
    input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// `file:line:col: path: message`, or `file: path: message` when the place is unknown.
fn human(input: &Path, p: &Problem) -> String {
    match (p.line, p.column) {
        (Some(_), Some(_)) => format!("{}:{p}", input.display()),
        _ => format!("{}: {p}", input.display()),
    }
}

/// Colour only on a terminal, and not when NO_COLOR is set (https://no-color.org).
fn color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The problems of `input` as a compiler shows them, on standard error.
fn show(input: &Path, source: Option<&str>, problems: &[Problem]) {
    let folder = folder_of(input);
    let body = |name: &str| ctoc_press::input::read_beside(folder, name).ok().map(|(text, _)| text);
    eprint!(
        "{}",
        ctoc_press::explain::render(&input.display().to_string(), source, problems, &body, color())
    );
}

/// An error with an input, its problems one a line (batch: many files, and an input is never
/// opened twice, so that a FIFO cannot block the report).
fn report(input: &Path, err: &Error) -> ExitCode {
    report_with(input, None, err)
}

/// [`report`]; with the description's text at hand, its problems drawn with excerpts.
fn report_with(input: &Path, source: Option<&str>, err: &Error) -> ExitCode {
    match err {
        Error::Invalid(problems) if source.is_some() => show(input, source, problems),
        Error::Invalid(problems) => {
            for p in problems {
                eprintln!("{}", human(input, p));
            }
        }
        other => eprintln!("error: {}: {other}", input.display()),
    }
    ExitCode::from(if err.is_input_error() { 2 } else { 1 })
}

fn parse_langs(codes: Option<Vec<String>>) -> Result<Option<Vec<Lang>>, ExitCode> {
    let Some(codes) = codes else { return Ok(None) };
    if codes == ["all"] {
        return Ok(None);
    }
    let mut langs = Vec::new();
    for code in codes {
        match Lang::ALL.iter().find(|l| l.code() == code) {
            Some(l) => langs.push(*l),
            None => {
                eprintln!("error: `{code}` is not a language code (ar, zh, en, fr, ru, es) or `all`");
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(Some(langs))
}

fn render(
    input: &Path,
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    lang: Option<Vec<String>>,
    archival: bool,
    emblem: Option<PathBuf>,
) -> ExitCode {
    // The faces are read on the pool while the input is read and checked.
    rayon::spawn(|| {
        let _ = std::panic::catch_unwind(ctoc_press::warm_up);
    });
    let source = match read(input) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let languages = match parse_langs(lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let folder = folder_of(input);
    let files = ctoc_press::input::files_beside(folder);
    let images = ctoc_press::input::bytes_beside(folder);
    let langs = languages.as_deref().unwrap_or_default();
    let accepted = match ctoc_press::accept_with_readers(&source, langs, &files, &images) {
        Ok(m) => m,
        Err(e) => return report_with(input, Some(&source), &e),
    };
    if let Some(o) = &output
        && let Err(e) = output::check_destination(o, &[input])
    {
        return write_failed(o, &e);
    }
    let emblem = match load_emblem(emblem) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let rendered = match ctoc_press::render_accepted(accepted, &Options { languages, archival, emblem }) {
        Ok(r) => r,
        Err(e) => return report_with(input, Some(&source), &e),
    };
    if output.is_some() && rendered.len() > 1 {
        eprintln!(
            "error: -o names one file but {} language versions were rendered; use --out-dir or --lang",
            rendered.len()
        );
        return ExitCode::from(2);
    }
    for doc in &rendered {
        let path = match (&output, &out_dir) {
            (Some(o), _) => o.clone(),
            (None, dir) => {
                dir.clone().unwrap_or_default().join(batch::output_name(&doc.symbol, doc.lang.code()))
            }
        };
        if let Err(e) = output::write_atomically(&path, &doc.pdf, &[input]) {
            return write_failed(&path, &e);
        }
        println!("{} ({} pages, {} bytes)", path.display(), doc.pages, doc.pdf.len());
        for w in &doc.warnings {
            eprintln!("warning: {}: {}: {w}", input.display(), doc.lang.code());
        }
    }
    ExitCode::SUCCESS
}

fn run_batch(paths: &[PathBuf], options: batch::BatchOptions) -> ExitCode {
    let found = batch::collect_inputs(paths, &options.out_dir);
    for note in &found.notes {
        eprintln!("note: {note}");
    }
    let inputs = match options.shard {
        Some((k, n)) => batch::shard(found.files, k, n),
        None => found.files,
    };
    if let Some(jobs) = options.jobs.filter(|&j| j > batch::max_jobs()) {
        eprintln!("note: --jobs {jobs} is more than four per core; {} workers are used", batch::max_jobs());
    }
    let bar = indicatif::ProgressBar::new(inputs.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let events = |event: batch::Event| match event {
        batch::Event::Waiting(lock) => bar.suspend(|| {
            eprintln!(
                "waiting: another batch is writing {} (lock {}); this one starts when it ends",
                options.out_dir.join(batch::manifest_name(options.shard)).display(),
                lock.display()
            )
        }),
        batch::Event::Done(o) => {
            bar.set_message(o.input.display().to_string());
            bar.inc(1);
        }
    };
    let outcomes = match batch::run(&inputs, &options, &events) {
        Ok(o) => o,
        Err(e) => {
            bar.finish_and_clear();
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    bar.finish_and_clear();
    let (mut rendered, mut current, mut failed, mut code) = (0, 0, 0, 0u8);
    for o in found.problems.iter().chain(&outcomes) {
        match &o.status {
            batch::Status::Rendered(e) => rendered += e.len(),
            batch::Status::Current(e) => current += e.len(),
            batch::Status::Failed(err) => {
                report(&o.input, err);
                failed += 1;
                code = code.max(if err.is_input_error() { 2 } else { 1 });
            }
        }
    }
    println!(
        "{rendered} rendered, {current} already current, {failed} input(s) failed; manifest: {}",
        options.out_dir.join(batch::manifest_name(options.shard)).display()
    );
    ExitCode::from(code)
}

/// A refused destination is a usage error (exit 2), a failed write a render error (exit 1).
fn write_failed(path: &Path, e: &output::OutputError) -> ExitCode {
    eprintln!("error: cannot write {}: {e}", path.display());
    ExitCode::from(match e {
        output::OutputError::Refused(_) => 2,
        output::OutputError::Io(_) => 1,
    })
}

fn load_emblem(path: Option<PathBuf>) -> Result<Option<ctoc_press::doc::Image>, ExitCode> {
    path.map(|p| ctoc_press::emblem::load(&p)).transpose().map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn validate(inputs: &[PathBuf], format: Format) -> ExitCode {
    let mut ok = true;
    let mut report: Vec<serde_json::Value> = Vec::new();
    for input in inputs {
        let file = input.display().to_string();
        let source = read_source(input);
        let problems = match &source {
            Err(ReadError::Io(e)) => vec![Problem {
                path: "$".into(),
                line: None,
                column: None,
                message: format!("cannot read the file: {e}"),
            }],
            Err(ReadError::Input(p)) => vec![p.clone()],
            Ok(source) => match ctoc_press::parse_with_readers(
                source,
                &[],
                &ctoc_press::input::files_beside(folder_of(input)),
                &ctoc_press::input::bytes_beside(folder_of(input)),
            ) {
                Ok(_) => Vec::new(),
                Err(Error::Invalid(problems)) => problems,
                Err(other) => {
                    vec![Problem { path: "$".into(), line: None, column: None, message: other.to_string() }]
                }
            },
        };
        ok &= problems.is_empty();
        match format {
            Format::Human | Format::Short if problems.is_empty() => println!("{file}: ok"),
            Format::Human => show(input, source.as_deref().ok(), &problems),
            Format::Short => {
                for p in &problems {
                    eprintln!("{}", human(input, p));
                }
            }
            Format::Json => report.extend(problems.iter().map(|p| {
                let origin = ctoc_press::explain::origin(&p.message)
                    .map(|o| serde_json::json!({ "file": o.file, "line": o.line, "column": o.column }));
                serde_json::json!({
                    "file": file,
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "message": p.message,
                    "hint": ctoc_press::model::hint(p),
                    "origin": origin,
                })
            })),
        }
    }
    if format == Format::Json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: cannot write the report: {e}");
                return ExitCode::from(1);
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(2) }
}
