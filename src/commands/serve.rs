//! `gisa serve`: the flags checked into a [`serve::Config`], then the server until Ctrl-C or
//! SIGTERM (exit 0); a refused address or token, a missing index or a bad report file is a
//! one-line error (exit 2) before anything listens.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::dict::KoDict;
use crate::flags::{Cli, ServeArgs};
use crate::serve::{self, Config, ServeLimits};

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<ExitCode> {
    let addr = serve::parse_addr(&args.addr)?;
    let token = args.token.clone().filter(|t| !t.is_empty());
    // Refuse before the dictionary and the index are loaded.
    serve::check_bind(addr, args.allow_remote, token.as_deref())?;
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        bail!("--timeout: give seconds between 0 and 3600, not {}", args.timeout);
    }
    let mut limits = ServeLimits { timeout: Duration::from_secs_f64(args.timeout), ..ServeLimits::default() };
    if let Some(n) = args.max_concurrent {
        if n == 0 || n > 1024 {
            bail!("--max-concurrent: give 1 to 1024 searches, not {n}");
        }
        limits.max_concurrent = n;
    }
    let config = Config {
        index_dir: crate::index::resolve_dir(cli.index.as_deref()),
        dict: Arc::new(KoDict::open_default(cli.dict.as_deref())?),
        press: super::press_table(cli)?,
        addr,
        allow_remote: args.allow_remote,
        token,
        report: args.report.clone(),
        limits,
    };
    let dir = config.index_dir.clone();
    serve::run(config, |bound| {
        // The first line of stdout is the address (port 0 picks one): scripts and tests read it.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{bound}/");
        let _ = out.flush();
        eprintln!("gisa: serving {} at http://{bound}/ (Ctrl-C stops)", dir.display());
    })?;
    Ok(ExitCode::SUCCESS)
}
