//! The `ctoc-press` command line: a thin shell over the library.
//!
//! Exit codes: 0 ok, 1 render error, 2 bad input or usage.

use clap::{Parser, Subcommand, ValueEnum};
use ctoc_press::model::{MAX_INPUT_BYTES, source_from_bytes};
use ctoc_press::{Error, Lang, Options, Problem};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        /// Language versions to render (comma-separated codes: zh,en); default: all asked for.
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Write archival PDF/A-2b (the writer validates the file against the standard).
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
        /// How to report problems: `human` (file:line:col: path: message, on standard error)
        /// or `json` (an array of {file, path, line, column, message} on standard output).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema (draft 2020-12) of a meeting description.
    Schema,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render { input, output, out_dir, lang, pdfa, emblem } => {
            render(&input, output, out_dir, lang, pdfa, emblem)
        }
        Command::Validate { inputs, format } => validate(&inputs, format),
        Command::Schema => {
            print!("{}", ctoc_press::model::schema_json());
            ExitCode::SUCCESS
        }
    }
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
            ReadError::Input(p) => eprintln!("{}", human(input, &p)),
        }
        ExitCode::from(2)
    })
}

/// `file:line:col: path: message`, or `file: path: message` when the place is unknown.
fn human(input: &Path, p: &Problem) -> String {
    match (p.line, p.column) {
        (Some(_), Some(_)) => format!("{}:{p}", input.display()),
        _ => format!("{}: {p}", input.display()),
    }
}

fn report(input: &Path, err: &Error) -> ExitCode {
    match err {
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
    let mut langs = Vec::new();
    for code in codes {
        match Lang::ALL.iter().find(|l| l.code() == code) {
            Some(l) => langs.push(*l),
            None => {
                eprintln!("error: `{code}` is not a language code (ar, zh, en, fr, ru, es)");
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
    let source = match read(input) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let languages = match parse_langs(lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let meeting = match ctoc_press::parse(&source) {
        Ok(m) => m,
        Err(e) => return report(input, &e),
    };
    let emblem = match emblem.map(|path| load_image(&path)).transpose() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let rendered = match ctoc_press::render(&meeting, &Options { languages, archival, emblem }) {
        Ok(r) => r,
        Err(e) => return report(input, &e),
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
            (None, dir) => dir.clone().unwrap_or_default().join(format!(
                "{}-{}.pdf",
                doc.symbol.replace('/', "_"),
                doc.lang
            )),
        };
        if let Err(e) = write_atomically(&path, &doc.pdf) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        println!("{} ({} pages, {} bytes)", path.display(), doc.pages, doc.pdf.len());
    }
    ExitCode::SUCCESS
}

fn load_image(path: &Path) -> Result<ctoc_press::doc::Image, ExitCode> {
    let data = std::fs::read(path).map_err(|e| {
        eprintln!("error: cannot read the emblem {}: {e}", path.display());
        ExitCode::from(2)
    })?;
    ctoc_press::doc::Image::from_bytes(data).ok_or_else(|| {
        eprintln!("error: the emblem {} is neither a PNG nor an SVG file", path.display());
        ExitCode::from(2)
    })
}

/// Writes through a temporary file and a rename, so a reader never sees half a PDF.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("pdf.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn validate(inputs: &[PathBuf], format: Format) -> ExitCode {
    let mut ok = true;
    let mut report: Vec<serde_json::Value> = Vec::new();
    for input in inputs {
        let file = input.display().to_string();
        let problems = match read_source(input) {
            Err(ReadError::Io(e)) => vec![Problem {
                path: "$".into(),
                line: None,
                column: None,
                message: format!("cannot read the file: {e}"),
            }],
            Err(ReadError::Input(p)) => vec![p],
            Ok(source) => match ctoc_press::parse(&source) {
                Ok(_) => Vec::new(),
                Err(Error::Invalid(problems)) => problems,
                Err(other) => {
                    vec![Problem { path: "$".into(), line: None, column: None, message: other.to_string() }]
                }
            },
        };
        ok &= problems.is_empty();
        match format {
            Format::Human if problems.is_empty() => println!("{file}: ok"),
            Format::Human => {
                for p in &problems {
                    eprintln!("{}", human(input, p));
                }
            }
            Format::Json => report.extend(problems.iter().map(|p| {
                serde_json::json!({
                    "file": file,
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "message": p.message,
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
