//! A `gisa serve` under test: started on a free loopback port (the address it prints on its
//! first line of stdout), stopped with SIGTERM, and a small HTTP client for it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub addr: String,
    agent: ureq::Agent,
}

/// An HTTP client that returns error statuses as responses (the tests check them).
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// The `gisa` binary under test.
pub fn gisa_bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("gisa")
}

impl Server {
    /// `gisa --index INDEX serve --addr 127.0.0.1:0 ARGS…`, once it listens.
    pub fn start(index: &Path, args: &[&str]) -> Server {
        Server::start_with(index, args, &[])
    }

    pub fn start_with(index: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(gisa_bin());
        cmd.arg("--index").arg(index).args(["serve", "--addr", "127.0.0.1:0"]).args(args);
        cmd.env_remove("GISA_SERVE_TOKEN");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("gisa serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line.trim().trim_end_matches('/').to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "serve prints its address first, got {line:?}");
        let addr = base.trim_start_matches("http://").to_owned();
        Server { child, base, addr, agent: agent() }
    }

    /// GET `path` (with a bearer token if given): (status, headers, body text).
    pub fn get_raw(&self, path: &str, token: Option<&str>) -> (u16, Vec<(String, String)>, String) {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        let mut resp = req.call().unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = resp.status().as_u16();
        let headers =
            resp.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())).collect();
        let body = resp.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().unwrap();
        (status, headers, body)
    }

    /// GET `path`: (status, JSON body).
    pub fn get(&self, path: &str) -> (u16, Value) {
        self.get_token(path, None)
    }

    pub fn get_token(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let (status, headers, body) = self.get_raw(path, token);
        let ct = headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str()).unwrap_or("");
        assert!(ct.starts_with("application/json"), "GET {path}: {status} with content type {ct:?}: {body}");
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}")))
    }

    /// A request written by hand (paths a client library would normalize, bodies on GET):
    /// the status and the body.
    pub fn raw(&self, request: &str) -> (u16, String) {
        let mut s = std::net::TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(request.replace("HOST", &self.addr).as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
        (status, body)
    }

    /// Stops the server with SIGTERM and returns whether it exited 0 in time.
    pub fn terminate(mut self) -> bool {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
