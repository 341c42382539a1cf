//! The page and the API's description, embedded in the binary: one HTML file, one style
//! sheet, one script written for gisa (no framework, nothing fetched from another origin,
//! no web font: the browser's own Korean font), an icon, and the OpenAPI 3.1 document of
//! `/api/` (hand-written; the tests validate real responses against it).

use axum::http::header;
use axum::response::IntoResponse;

pub const PAGE: &str = include_str!("assets/index.html");
pub const SCRIPT: &str = include_str!("assets/app.js");
pub const STYLE: &str = include_str!("assets/app.css");
pub const ICON: &str = include_str!("assets/favicon.svg");
pub const OPENAPI: &str = include_str!("assets/openapi.json");

pub async fn page() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], PAGE)
}

pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], SCRIPT)
}

pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], STYLE)
}

pub async fn icon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml")], ICON)
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_is_json_and_the_page_loads_only_its_own_files() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        // No inline script or style the CSP would block, nothing from another origin.
        assert!(!PAGE.contains("<script>") && !PAGE.contains("style=") && !PAGE.contains("http"));
        assert!(PAGE.contains("<script src=\"/app.js\" defer></script>"));
        // The script never turns data into markup.
        for banned in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            assert!(!SCRIPT.contains(banned), "app.js uses {banned}");
        }
    }
}
