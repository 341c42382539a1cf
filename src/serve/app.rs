//! The router: routes to handlers, and the layers every response passes through — the
//! security headers, the bearer-token check of `/api/`, the body-size limit, JSON errors
//! for unknown routes and methods.
//!
//! Headers on every response: a Content-Security-Policy that allows only the server's own
//! script and style (no inline script, no eval, no framing, no other origin),
//! `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`; API responses are
//! `Cache-Control: no-store`. The token is compared in constant time.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::limits::{ApiError, Gate, ServeLimits};
use super::snapshot::Archive;
use super::{Config, api, assets};
use crate::ingest::PressTable;

/// The page's Content-Security-Policy.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// What every handler shares.
pub struct AppState {
    pub archive: Archive,
    pub gate: Gate,
    pub limits: ServeLimits,
    pub press: Arc<PressTable>,
    pub report: Option<PathBuf>,
    token: Option<String>,
}

/// The state of a router over `archive`.
pub struct State(Arc<AppState>);

impl State {
    pub fn new(archive: Archive, config: &Config) -> State {
        State(Arc::new(AppState {
            archive,
            gate: Gate::new(&config.limits),
            limits: config.limits,
            press: Arc::clone(&config.press),
            report: config.report.clone(),
            token: config.token.clone(),
        }))
    }
}

/// Every route of the server.
pub fn router(state: State) -> Router {
    let st = state.0;
    let api = Router::new()
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/stats", get(api::stats))
        .route("/api/trend", get(api::trend))
        .route("/api/reports", get(api::reports))
        .route("/api/openapi.json", get(assets::openapi))
        .route_layer(middleware::from_fn_with_state(Arc::clone(&st), authorize));
    Router::new()
        .route("/", get(assets::page))
        .route("/app.js", get(assets::script))
        .route("/app.css", get(assets::style))
        .route("/favicon.svg", get(assets::icon))
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(middleware::from_fn_with_state(Arc::clone(&st), guard))
        .with_state(st)
}

async fn not_found() -> ApiError {
    ApiError::not_found(
        "no such route (the API: /api/search, /api/articles/{id}, /api/stats, /api/trend, /api/reports, /api/openapi.json)",
    )
}

async fn not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "only GET is served")
}

/// Equal strings, in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The bearer token of `/api/` requests, when the server has one.
async fn authorize(AxumState(st): AxumState<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(token) = &st.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            None => {
                return ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "this server needs a token: send `Authorization: Bearer TOKEN`",
                )
                .into_response();
            }
            Some(t) if !same(t.as_bytes(), token.as_bytes()) => {
                return ApiError::new(StatusCode::UNAUTHORIZED, "wrong token").into_response();
            }
            Some(_) => {}
        }
    }
    next.run(req).await
}

/// The body limit (before anything reads a body) and the headers of every response.
async fn guard(AxumState(st): AxumState<Arc<AppState>>, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let api = req.uri().path().starts_with("/api/");
    let mut resp = match declared {
        Some(n) if n > st.limits.max_body_bytes as u64 => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("a request body may have at most {} bytes (the API takes none)", st.limits.max_body_bytes),
        )
        .into_response(),
        _ => next.run(req).await,
    };
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_compare_whole() {
        assert!(super::same(b"0123456789abcdef", b"0123456789abcdef"));
        assert!(!super::same(b"0123456789abcdef", b"0123456789abcdeg"));
        assert!(!super::same(b"0123456789abcdef", b"0123456789abcde"));
        assert!(!super::same(b"", b"x"));
    }
}
