//! What one request may cost, and the JSON errors a request gets when it asks too much or
//! something fails.
//!
//! Searches are CPU work: they run on tokio's blocking pool ([`Gate::run`]), at most
//! [`ServeLimits::max_concurrent`] at a time. A request waits for a turn and runs within
//! [`ServeLimits::timeout`] in all: no turn in time is 503 (busy, `Retry-After`), a search
//! that outruns the time is 504. A search cut off that way still finishes in the pool and
//! keeps its turn meanwhile, so a flood of expensive queries cannot pile up threads.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::search::Limits;

/// The limits of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeLimits {
    /// Characters of a query (longer: 400).
    pub max_query_chars: usize,
    /// Words and phrases of a query.
    pub max_words: usize,
    /// Hits of one page (`limit` above it: 400).
    pub max_limit: usize,
    /// How deep paging goes (`offset` above it: 400).
    pub max_offset: usize,
    /// Snippets per hit.
    pub max_fragments: usize,
    /// Time for one request, waiting for a turn included.
    pub timeout: Duration,
    /// Searches running at once.
    pub max_concurrent: usize,
    /// Bytes of a request body (the API takes none; larger: 413).
    pub max_body_bytes: usize,
}

impl Default for ServeLimits {
    fn default() -> ServeLimits {
        ServeLimits {
            max_query_chars: 1_000,
            max_words: 64,
            max_limit: 100,
            max_offset: 10_000,
            max_fragments: 5,
            timeout: Duration::from_secs(10),
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_body_bytes: 16 * 1024,
        }
    }
}

impl ServeLimits {
    /// The request limits of [`crate::search::validate`].
    pub fn request(&self) -> Limits {
        Limits {
            max_query_chars: self.max_query_chars,
            max_words: self.max_words,
            max_hits: self.max_limit.saturating_add(self.max_offset),
            max_fragments: self.max_fragments,
        }
    }
}

/// An error as the API answers it: `{"error": "...", "status": N}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// A failure of the server's own (the index unreadable): 500, said on one line.
    pub fn internal(err: &anyhow::Error) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, crate::commands::one_line(err))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.message, "status": self.status.as_u16()});
        let mut r = (self.status, axum::Json(body)).into_response();
        match self.status {
            StatusCode::SERVICE_UNAVAILABLE => {
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            StatusCode::UNAUTHORIZED => {
                r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"gisa\""));
            }
            _ => {}
        }
        r
    }
}

/// The turns of the blocking pool.
#[derive(Clone)]
pub struct Gate {
    permits: Arc<Semaphore>,
    timeout: Duration,
}

impl Gate {
    pub fn new(limits: &ServeLimits) -> Gate {
        Gate { permits: Arc::new(Semaphore::new(limits.max_concurrent.max(1))), timeout: limits.timeout }
    }

    /// Runs `job` on the blocking pool within the time limit.
    pub async fn run<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let started = Instant::now();
        let ms = self.timeout.as_millis();
        let permit = match tokio::time::timeout(self.timeout, Arc::clone(&self.permits).acquire_owned()).await {
            Ok(Ok(p)) => p,
            Ok(Err(_)) => return Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down")),
            Err(_) => {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("busy: every search slot stayed taken for {ms} ms; try again"),
                ));
            }
        };
        let task = tokio::task::spawn_blocking(move || {
            let out = job();
            drop(permit);
            out
        });
        let left = self.timeout.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, task).await {
            Ok(Ok(out)) => out,
            Ok(Err(e)) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("internal error: {e}"))),
            Err(_) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                format!("the request took longer than the server's limit of {ms} ms: narrow the query or the dates"),
            )),
        }
    }
}
