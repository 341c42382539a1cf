//! `gisa serve`: the archive as a local web app and a JSON API, on axum and tokio.
//!
//! The server is laid out like the rest of the pipeline, one job per file: [`snapshot`]
//! keeps the opened index and re-opens it when `gisa index` commits (a cron re-index shows
//! up without a restart); [`limits`] bounds what one request may cost (query length, hits,
//! time, concurrent searches) and turns failures into JSON errors; [`api`] answers the
//! `/api/…` routes by driving the same library calls as the CLI (validate → search →
//! `output::machine`'s HIT schema); [`assets`] holds the page (HTML, CSS, one script),
//! embedded in the binary; [`app`] ties them into one router with the security headers and
//! the bearer-token check. [`run`] binds, prints the address and serves until SIGTERM or
//! Ctrl-C, letting requests in flight finish.
//!
//! Safe to leave running: it binds loopback unless told otherwise ([`check_bind`]), and a
//! server other machines can reach needs a token.

pub mod api;
pub mod app;
pub mod assets;
pub mod limits;
pub mod snapshot;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};

use crate::dict::KoDict;
use crate::ingest::PressTable;
pub use limits::ServeLimits;

/// The default address: loopback, port 7700.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";
/// The environment variable a token may come from (instead of `--token`, which other users
/// of the machine can read in the process list).
pub const TOKEN_ENV: &str = "GISA_SERVE_TOKEN";
/// The shortest token accepted: a guessable token is no lock.
pub const MIN_TOKEN_CHARS: usize = 16;

/// What the server serves and how.
pub struct Config {
    pub index_dir: PathBuf,
    pub dict: Arc<KoDict>,
    pub press: Arc<PressTable>,
    pub addr: SocketAddr,
    /// Whether a non-loopback address is allowed.
    pub allow_remote: bool,
    /// The bearer token every `/api/` request must carry, if any.
    pub token: Option<String>,
    /// The report file whose saved searches the page lists.
    pub report: Option<PathBuf>,
    pub limits: ServeLimits,
}

/// Parses `--addr`: `IP:PORT`, or `localhost:PORT`.
pub fn parse_addr(s: &str) -> Result<SocketAddr> {
    let t = s.trim();
    if let Some(port) = t.strip_prefix("localhost:") {
        let port: u16 = port.parse().map_err(|_| anyhow!("--addr {s:?}: the port must be a number up to 65535"))?;
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    t.parse().map_err(|_| anyhow!("--addr {s:?} is not an address: give IP:PORT, e.g. 127.0.0.1:7700 or [::1]:7700"))
}

/// The binding rules: loopback by default; another address only with `allow_remote`, and
/// then only with a token of at least [`MIN_TOKEN_CHARS`] characters.
pub fn check_bind(addr: SocketAddr, allow_remote: bool, token: Option<&str>) -> Result<()> {
    if let Some(t) = token
        && t.chars().count() < MIN_TOKEN_CHARS
    {
        bail!("--token: a token needs at least {MIN_TOKEN_CHARS} characters (e.g. `openssl rand -hex 16`)");
    }
    if addr.ip().is_loopback() {
        return Ok(());
    }
    if !allow_remote {
        bail!(
            "--addr {addr} is not a loopback address: other machines could read the archive; add --allow-remote and a --token (or {TOKEN_ENV}) to serve them"
        );
    }
    if token.is_none() {
        bail!(
            "--allow-remote needs a token: give --token T or set {TOKEN_ENV} (clients send `Authorization: Bearer T`)"
        );
    }
    Ok(())
}

/// Serves until SIGTERM or Ctrl-C. `ready` is called with the bound address (port 0 picks
/// a free one) once the server accepts connections.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    check_bind(config.addr, config.allow_remote, config.token.as_deref())?;
    if let Some(report) = &config.report {
        // A report file with a mistake is refused now, not on the first page load.
        crate::report::ReportFile::load(report)?;
    }
    let archive = snapshot::Archive::open(config.index_dir.clone(), Arc::clone(&config.dict))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.limits.max_concurrent.max(1) * 2 + 2)
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let bound = listener.local_addr()?;
        let router = app::router(app::State::new(archive, &config));
        ready(bound);
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .with_context(|| format!("the server on {bound} stopped"))
    })?;
    // Searches that outlived their request finish in the blocking pool; do not wait long.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (what `systemctl stop` and `docker stop` send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_binds_freely_and_other_addresses_need_the_flag_and_a_token() {
        let lo = parse_addr("127.0.0.1:7700").unwrap();
        let v6 = parse_addr("[::1]:0").unwrap();
        let any = parse_addr("0.0.0.0:7700").unwrap();
        assert_eq!(parse_addr("localhost:80").unwrap(), SocketAddr::from(([127, 0, 0, 1], 80)));
        assert!(parse_addr("example.com:80").is_err());
        assert!(parse_addr("localhost:99999").is_err());
        assert!(check_bind(lo, false, None).is_ok());
        assert!(check_bind(v6, false, None).is_ok());
        let e = check_bind(any, false, None).unwrap_err().to_string();
        assert!(e.contains("--allow-remote") && !e.contains('\n'), "{e}");
        assert!(check_bind(any, true, None).unwrap_err().to_string().contains("token"));
        assert!(check_bind(any, true, Some("short")).unwrap_err().to_string().contains("16 characters"));
        assert!(check_bind(any, true, Some("0123456789abcdef")).is_ok());
    }
}
