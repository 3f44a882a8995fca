//! The dashboard's files, embedded at build time (build.rs bundles web/ with esbuild; without
//! npm, the only file is a page that lists the API).
//!
//! Every response carries a Content-Security-Policy that allows this server only: scripts,
//! styles, map data and API calls come from `'self'`, nothing from elsewhere, no inline
//! script, and no framing.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

pub use generated::DASHBOARD_BUILT;

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Its name under `/assets/` (`index.html` is served at `/`).
    pub name: &'static str,
    /// Its content type.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

/// Every embedded file.
pub fn files() -> impl Iterator<Item = Asset> {
    generated::FILES
        .iter()
        .map(|&(name, content_type, bytes)| Asset {
            name,
            content_type,
            bytes,
        })
}

/// The embedded file called `name`.
pub fn file(name: &str) -> Option<Asset> {
    files().find(|a| a.name == name)
}

/// The policy for the dashboard; the plain API page has an inline style sheet.
const CSP_DASHBOARD: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";
const CSP_PAGE: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
     frame-ancestors 'none'";

/// The response for a file: its type, the security policy, and `no-cache` (names carry no
/// content hash, so a browser must revalidate after an upgrade).
pub fn response(a: Asset) -> Response {
    let csp = if DASHBOARD_BUILT {
        CSP_DASHBOARD
    } else {
        CSP_PAGE
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(a.content_type),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(csp),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        a.bytes,
    )
        .into_response()
}
