//! One module per subcommand; [`run`] dispatches and turns errors into exit codes.
//!
//! Errors are printed as one line, `gisa: <what went wrong>`, and exit with status 2 (the
//! command could not do its job). A closed output pipe (`gisa … | head`) is not an error:
//! the command stops quietly with status 0, like ripgrep.

pub mod analyze;
pub mod dict;
pub mod extract;
pub mod index;
pub mod report;
pub mod search;
pub mod show;
pub mod stats;

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

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Command::Dict(cmd) => dict::run(&cli, cmd),
        Command::Analyze(args) => analyze::run(&cli, args),
        Command::Extract(args) => extract::run(&cli, args),
        Command::Index(args) => index::run(&cli, args),
        Command::Stats(args) => stats::run(&cli, args),
        Command::Show(args) => show::run(&cli, args),
        Command::Search(args) => search::run(&cli, args),
        Command::Report(args) => report::run(&cli, args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gisa: {}", one_line(&err));
            ExitCode::from(EXIT_ERROR)
        }
    }
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
