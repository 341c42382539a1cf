//! One module per subcommand; [`run`] dispatches and turns errors into exit codes.
//!
//! Errors are printed as one line, `gisa: <what went wrong>`, and exit with status 2 (the
//! command could not do its job). A closed output pipe (`gisa … | head`) is not an error:
//! the command stops quietly with status 0, like ripgrep. When a command that reads an index
//! fails — or tantivy panics on a damaged file — the index's files are checked and a damaged
//! index is named as such, with `gisa index --full`.

pub mod analyze;
pub mod dict;
pub mod export;
pub mod extract;
pub mod index;
pub mod report;
pub mod search;
pub mod serve;
pub mod show;
pub mod similar;
pub mod stats;
pub mod trend;
pub mod words;

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use crate::dict::KoDict;
use crate::flags::{Cli, Command};
use crate::index::GisaIndex;

/// Exit status when a command could not do its job.
pub const EXIT_ERROR: u8 = 2;

/// The index a reading command works on (`--index`, `--dict`), with its dictionary.
fn open_index(cli: &Cli) -> Result<GisaIndex> {
    let dict = Arc::new(KoDict::open_default(cli.dict.as_deref())?);
    GisaIndex::open(&crate::index::resolve_dir(cli.index.as_deref()), dict)
}

/// The press table: the built-in one, extended by `--press-table FILE` (or
/// `GISA_PRESS_TABLE`), else by `press.toml` in gisa's data folder when there is one.
fn press_table(cli: &Cli) -> Result<Arc<crate::ingest::PressTable>> {
    let user = cli.press_table.clone().or_else(|| {
        let p = directories::ProjectDirs::from("", "", "gisa")?.data_dir().join("press.toml");
        p.is_file().then_some(p)
    });
    match user {
        None => Ok(crate::ingest::PressTable::builtin()),
        Some(p) => {
            crate::ingest::PressTable::with_user_file(&p).map(Arc::new).map_err(|e| anyhow::anyhow!("press table {e}"))
        }
    }
}

/// How `index` and `extract` read files.
fn ingest_options(cli: &Cli, json_fields: Option<&crate::ingest::JsonFields>) -> Result<crate::ingest::Options> {
    Ok(crate::ingest::Options { press: press_table(cli)?, json_fields: json_fields.cloned() })
}

fn dispatch(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Dict(cmd) => dict::run(cli, cmd),
        Command::Analyze(args) => analyze::run(cli, args),
        Command::Extract(args) => extract::run(cli, args),
        Command::Index(args) => index::run(cli, args),
        Command::Stats(args) => stats::run(cli, args),
        Command::Show(args) => show::run(cli, args),
        Command::Search(args) => search::run(cli, args),
        Command::Similar(args) => similar::run(cli, args),
        Command::Report(args) => report::run(cli, args),
        Command::Export(args) => export::run(cli, args),
        Command::Trend(args) => trend::run(cli, args),
        Command::Words(args) => words::run(cli, args),
        Command::Serve(args) => serve::run(cli, args),
    }
}

/// Runs a parsed command line.
///
/// A panic is caught here rather than printed by Rust: on a damaged index tantivy's decoders
/// assert, and the user should read which file is damaged and that `gisa index --full`
/// repairs it (see [`crate::index::check`]), not a backtrace. Any other panic is a bug in
/// gisa, reported as such on one line (`RUST_BACKTRACE=1` shows where).
pub fn run(cli: Cli) -> ExitCode {
    let panicked = caught_panics();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(&cli)));
    let err = match result {
        Ok(Ok(code)) => return code,
        Ok(Err(err)) if is_broken_pipe(&err) => return ExitCode::SUCCESS,
        Ok(Err(err)) => {
            let line = one_line(&err);
            let damaged = (reads_index(&cli) && from_the_index(&err, &line)).then(|| damage(&cli)).flatten();
            // A panic in another thread (tantivy's workers) that came back as this error.
            let cause = panicked.lock().map(|m| m.clone()).unwrap_or_default();
            damaged.unwrap_or_else(|| {
                if cause.is_empty() { line } else { format!("{line} (after an internal error: {cause})") }
            })
        }
        Err(_) => {
            let what = panicked.lock().map(|m| m.clone()).unwrap_or_default();
            let damaged = reads_index(&cli).then(|| damage(&cli)).flatten();
            damaged.unwrap_or_else(|| format!("internal error: {what} (a bug in gisa: please report it)"))
        }
    };
    eprintln!("gisa: {err}");
    ExitCode::from(EXIT_ERROR)
}

/// Routes panic messages into a slot instead of stderr (unless `RUST_BACKTRACE` asks for
/// Rust's own report), and returns the slot.
fn caught_panics() -> Arc<std::sync::Mutex<String>> {
    let slot = Arc::new(std::sync::Mutex::new(String::new()));
    let hook_slot = Arc::clone(&slot);
    let default = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut s) = hook_slot.lock() {
            *s = format!("{msg}{at}");
        }
        if verbose {
            default(info);
        }
    }));
    slot
}

/// Whether the command reads an index (and a failure may be the index's).
fn reads_index(cli: &Cli) -> bool {
    matches!(
        cli.command,
        Command::Index(_)
            | Command::Stats(_)
            | Command::Show(_)
            | Command::Search(_)
            | Command::Report(_)
            | Command::Trend(_)
            | Command::Words(_)
            | Command::Serve(_)
    )
}

/// Whether an error came out of reading the index: gisa says so, tantivy's error is in the
/// chain, or its message is (tantivy's `Display` forms, for errors passed on as text).
fn from_the_index(err: &anyhow::Error, line: &str) -> bool {
    const TANTIVY: &[&str] =
        &["the index at", "An IO error occurred", "Data corrupted", "Internal error", "Failed to open file"];
    TANTIVY.iter().any(|m| line.contains(m))
        || err.chain().any(|e| {
            e.is::<tantivy::TantivyError>()
                || e.is::<tantivy::directory::error::OpenReadError>()
                || e.downcast_ref::<std::io::Error>().is_some_and(|io| {
                    matches!(io.kind(), std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof)
                })
        })
}

/// The one-line diagnosis of a damaged index, if the command's index is damaged.
fn damage(cli: &Cli) -> Option<String> {
    crate::index::check::damage(&crate::index::resolve_dir(cli.index.as_deref())).map(|d| d.to_string())
}

/// Whether an error chain ends in a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// An error and its causes on one line.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string().replace('\n', " ");
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}
