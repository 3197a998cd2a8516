//! Remote catalogs: catalogs named by URL in `catalogs`, fetched over HTTP into the user's cache
//! folder and read from there.
//!
//! Loading never touches the network: every command and the language server read the cached
//! copy (`$XDG_CACHE_HOME/errcode-ls/catalogs/<hash of the URL>/`, the body beside a small
//! `meta.json` with the URL, `ETag`, `Last-Modified` and when it was fetched). Only [`update`]
//! fetches, and only two callers may call it: `errcode-ls catalog update`, and the language
//! server when the *user* allowed it (`remote-catalogs = true` in the user-level
//! configuration or the editor's settings; see [`user_consent`]). A fetch revalidates with
//! `If-None-Match` / `If-Modified-Since`, follows at most a few redirects itself (each hop is
//! checked: `https://`, or `http://` to this machine only), and stops at a size limit and at
//! connect and read timeouts; a failed fetch leaves the cached copy as it was.
//!
//! **Invariant:** no HTTP written by hand (ureq speaks it); the catalog text goes to the pure
//! importers in [`crate::catalog`]; nothing here decides when to fetch.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::catalog::{Import, Problem, ProblemKind, import_document_as};

/// The command that fetches remote catalogs, as messages name it (the one place it is spelt).
pub const UPDATE_COMMAND: &str = "errcode-ls catalog update";

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// How long the server may take to send its answer's head, and then its body.
    pub read_timeout: Duration,
    /// The largest body accepted, in bytes (after decompression).
    pub max_body: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_body: 16 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Why a fetch failed. Each message starts with the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(
        "{url}: only https:// URLs are fetched (http:// only from this machine: 127.0.0.1, localhost, [::1])"
    )]
    Insecure { url: String },
    #[error("{url}: not a URL ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("{url}: the server answered {status}{}", via.as_ref().map(|v| format!(" (at {v})")).unwrap_or_default())]
    Status { url: String, status: u16, via: Option<String> },
    #[error("{url}: no answer within the {what} timeout of {}", seconds(*limit))]
    Timeout { url: String, what: &'static str, limit: Duration },
    #[error("{url}: the catalog is larger than the limit of {limit} bytes ({})", mib(*limit))]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: more than {max} redirects (the last one to {last})")]
    TooManyRedirects { url: String, max: u32, last: String },
    #[error("{url}: redirected to {to}, which is not fetched (only https://, or http:// to this machine)")]
    InsecureRedirect { url: String, to: String },
    #[error("{url}: a redirect without a Location header")]
    RedirectWithoutLocation { url: String },
    #[error("{url}: the server sent an HTML page, not a catalog file; point the URL at the raw file")]
    Html { url: String },
    #[error("{url}: {message}")]
    Transport { url: String, message: String },
    #[error("{url}: cannot write the cache folder {}: {source}", path.display())]
    Cache { url: String, path: PathBuf, source: io::Error },
    #[error("{url}: no cache folder (no home folder or XDG_CACHE_HOME)")]
    NoCacheFolder { url: String },
}

/// What a successful fetch did to the cached copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Updated {
    /// Fetched for the first time.
    New,
    /// The body changed.
    Changed,
    /// The server sent the same body again.
    Same,
    /// The server answered 304 Not Modified: the cached body stands.
    NotModified,
}

impl Updated {
    /// Whether what is loaded from the cache is different now.
    pub fn changed(self) -> bool {
        matches!(self, Updated::New | Updated::Changed)
    }
}

/// What is kept beside a cached body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When the body was last fetched or revalidated, in seconds since 1970 (UTC).
    pub fetched_at: u64,
    /// The body's file name in the cache folder; its extension picks the importer.
    pub file: String,
    pub content_type: Option<String>,
}

/// A cached remote catalog.
#[derive(Debug, Clone)]
pub struct Cached {
    pub meta: Meta,
    /// The body file (what go-to-definition opens).
    pub path: PathBuf,
    pub text: String,
}

impl Cached {
    /// The catalog, read by the importer the URL (or the server's `Content-Type`) calls for.
    /// Problems name the URL.
    pub fn import(&self) -> Import {
        import_document_as(&self.meta.url, &self.meta.file, &self.text)
    }

    /// "the cached copy from 2026-11-30 23:40 UTC", as notes say it.
    pub fn note(&self) -> String {
        format!(
            "{}: using the cached copy from {} (`{UPDATE_COMMAND}` refreshes it)",
            self.meta.url,
            format_utc(self.meta.fetched_at)
        )
    }
}

/// Whether a `catalogs` entry is a URL rather than a file path.
pub fn is_url(entry: &str) -> bool {
    let lower = entry.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Checks a URL may be fetched: `https://`, or `http://` to a loopback host.
pub fn check_url(url: &str) -> Result<(), FetchError> {
    let uri: ureq::http::Uri = url.parse().map_err(|e: ureq::http::uri::InvalidUri| FetchError::BadUrl {
        url: url.into(),
        reason: e.to_string(),
    })?;
    let host = uri.host().unwrap_or_default();
    if host.is_empty() {
        return Err(FetchError::BadUrl { url: url.into(), reason: "no host".into() });
    }
    match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("https") => Ok(()),
        Some("http") if is_loopback(host) => Ok(()),
        _ => Err(FetchError::Insecure { url: url.into() }),
    }
}

/// The folder remote catalogs are cached in: `$XDG_CACHE_HOME/errcode-ls/catalogs`.
pub fn cache_root() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.cache_dir().join("errcode-ls").join("catalogs"))
}

/// What the user-level configuration says about `remote-catalogs` (`None`: nothing, or no
/// such file). Only this file and the editor's settings speak for the user; a workspace's
/// `errcode.toml` may come from anyone.
pub fn user_consent() -> Option<bool> {
    super::read_user_config().0.remote_catalogs
}

/// The cached copy of `url` in `root` (see [`cache_root`]), if it was ever fetched.
pub fn cached(root: &Path, url: &str) -> Option<Cached> {
    let dir = root.join(url_hash(url));
    let meta: Meta = serde_json::from_slice(&std::fs::read(dir.join(META_FILE)).ok()?).ok()?;
    // Another URL with the same hash is not this one's copy.
    if meta.url != url {
        return None;
    }
    let path = dir.join(&meta.file);
    let text = String::from_utf8_lossy(&std::fs::read(&path).ok()?).into_owned();
    Some(Cached { meta, path, text })
}

/// The problem reported for a URL never fetched.
pub fn never_fetched(url: &str) -> Problem {
    Problem::new(
        url,
        None,
        ProblemKind::Unreadable(format!("not fetched yet; `{UPDATE_COMMAND}` fetches it into the cache")),
    )
}

/// Fetches `url` into the cache folder `root`, revalidating the copy already there. On any
/// error the cached copy is left as it was.
pub fn update(root: &Path, url: &str, limits: &Limits) -> Result<Updated, FetchError> {
    let dir = root.join(url_hash(url));
    let previous = cached(root, url);
    let fetched = fetch(url, previous.as_ref().map(|c| &c.meta), limits)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let cache_error =
        |path: &Path, source: io::Error| FetchError::Cache { url: url.into(), path: path.into(), source };
    match fetched {
        Fetched::NotModified => {
            let Some(previous) = previous else {
                return Err(FetchError::Status { url: url.into(), status: 304, via: None });
            };
            let meta = Meta { fetched_at: now, ..previous.meta };
            write_meta(&dir, &meta).map_err(|e| cache_error(&dir, e))?;
            Ok(Updated::NotModified)
        }
        Fetched::Body { body, etag, last_modified, content_type, final_url } => {
            let file = body_file_name(&final_url, content_type.as_deref());
            let file = file.unwrap_or_default();
            // An HTML page for a URL that names a Markdown or RST file is a repository's
            // rendered view of it, not the file.
            let html_named = extension(&file).is_some_and(|ext| ext == "html" || ext == "htm");
            if !html_named && looks_like_html(content_type.as_deref(), &body) {
                return Err(FetchError::Html { url: url.into() });
            }
            let outcome = match &previous {
                None => Updated::New,
                Some(old) if old.text.as_bytes() == body.as_slice() && old.meta.file == file => Updated::Same,
                Some(_) => Updated::Changed,
            };
            std::fs::create_dir_all(&dir).map_err(|e| cache_error(&dir, e))?;
            write_atomically(&dir, &file, &body).map_err(|e| cache_error(&dir.join(&file), e))?;
            if let Some(old) = previous.as_ref().filter(|old| old.meta.file != file) {
                let _ = std::fs::remove_file(&old.path);
            }
            let meta = Meta { url: url.into(), etag, last_modified, fetched_at: now, file, content_type };
            write_meta(&dir, &meta).map_err(|e| cache_error(&dir, e))?;
            Ok(outcome)
        }
    }
}

const META_FILE: &str = "meta.json";

enum Fetched {
    NotModified,
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        content_type: Option<String>,
        final_url: String,
    },
}

/// One GET, following redirects by hand so every hop is checked against [`check_url`].
fn fetch(url: &str, previous: Option<&Meta>, limits: &Limits) -> Result<Fetched, FetchError> {
    let mut current = url.to_owned();
    for hop in 0..=limits.max_redirects {
        match check_url(&current) {
            Err(FetchError::Insecure { .. }) if hop > 0 => {
                return Err(FetchError::InsecureRedirect { url: url.into(), to: current });
            }
            checked => checked?,
        }
        let via = (hop > 0).then(|| current.clone());
        let mut request = agent(&current, limits).get(&current).header(
            "Accept",
            "text/markdown, text/x-rst, text/plain;q=0.9, application/json;q=0.8, application/toml;q=0.8, */*;q=0.1",
        );
        if let Some(meta) = previous {
            if let Some(etag) = &meta.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &meta.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        let response = request.call().map_err(|e| transport_error(url, e, limits))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned())
        };
        match status {
            304 => return Ok(Fetched::NotModified),
            301 | 302 | 303 | 307 | 308 => {
                let location = header("location")
                    .ok_or_else(|| FetchError::RedirectWithoutLocation { url: url.into() })?;
                current = resolve(&current, &location);
                continue;
            }
            200..=299 => {}
            _ => return Err(FetchError::Status { url: url.into(), status, via }),
        }
        let etag = header("etag");
        let last_modified = header("last-modified");
        let content_type = header("content-type");
        let body = response
            .into_body()
            .into_with_config()
            .limit(limits.max_body)
            .read_to_vec()
            .map_err(|e| transport_error(url, e, limits))?;
        return Ok(Fetched::Body { body, etag, last_modified, content_type, final_url: current });
    }
    Err(FetchError::TooManyRedirects { url: url.into(), max: limits.max_redirects, last: current })
}

fn agent(url: &str, limits: &Limits) -> ureq::Agent {
    let loopback =
        url.parse::<ureq::http::Uri>().ok().and_then(|u| u.host().map(is_loopback)).unwrap_or(false);
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_recv_response(Some(limits.read_timeout))
        .timeout_recv_body(Some(limits.read_timeout));
    if loopback {
        // This machine is never reached through a proxy.
        config = config.proxy(None);
    }
    config.build().into()
}

fn transport_error(url: &str, error: ureq::Error, limits: &Limits) -> FetchError {
    let url = url.to_owned();
    match error {
        ureq::Error::Timeout(which) => {
            let connect = matches!(which, ureq::Timeout::Connect | ureq::Timeout::Resolve);
            let (what, limit) =
                if connect { ("connect", limits.connect_timeout) } else { ("read", limits.read_timeout) };
            FetchError::Timeout { url, what, limit }
        }
        ureq::Error::Io(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
            FetchError::Timeout { url, what: "read", limit: limits.read_timeout }
        }
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge { url, limit },
        ureq::Error::Io(e) => FetchError::Transport { url, message: format!("cannot reach the server: {e}") },
        ureq::Error::HostNotFound => FetchError::Transport { url, message: "host not found".into() },
        ureq::Error::ConnectionFailed => FetchError::Transport { url, message: "cannot connect".into() },
        other => FetchError::Transport { url, message: other.to_string() },
    }
}

/// A `Location` header made absolute against the URL that sent it.
fn resolve(base: &str, location: &str) -> String {
    if is_url(location) {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if let Some(path) = location.strip_prefix("//") {
        return format!("{scheme}://{path}");
    }
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = rest[authority.len()..].split(['?', '#']).next().unwrap_or_default();
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{scheme}://{authority}{folder}{location}")
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
        || host.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// Extensions the importers know.
const KNOWN: [&str; 9] = ["md", "markdown", "rst", "rest", "txt", "json", "toml", "html", "htm"];

/// The cached body's file name: the URL's own file name when its extension names a format,
/// else `catalog.<ext>` from the `Content-Type` (`catalog` to let the importers sniff); an
/// HTML documentation page is read by the HTML importer.
fn body_file_name(url: &str, content_type: Option<&str>) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    let known = extension(last).is_some_and(|ext| KNOWN.contains(&ext.as_str()));
    if known && path.contains('/') {
        let safe: String =
            last.chars().map(|c| if c.is_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
        return Some(safe);
    }
    let mime =
        content_type.unwrap_or_default().split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let ext = match mime.as_str() {
        "text/markdown" | "text/x-markdown" => ".md",
        "text/x-rst" | "text/prs.fallenstein.rst" => ".rst",
        "application/json" => ".json",
        "application/toml" => ".toml",
        "text/html" | "application/xhtml+xml" => ".html",
        _ => "",
    };
    Some(format!("catalog{ext}"))
}

/// A page served as HTML whose text is markup (a repository's rendered view of the file).
fn looks_like_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let html = content_type.is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("text/html"));
    html && body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn extension(file: &str) -> Option<String> {
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// A stable name for a URL's cache folder (FNV-1a, 64 bits; the URL itself is checked in
/// `meta.json`, so a collision only costs a refetch).
fn url_hash(url: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in url.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn write_meta(dir: &Path, meta: &Meta) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(meta).map_err(io::Error::other)?;
    write_atomically(dir, META_FILE, &json)
}

/// Writes under a temporary name and renames, so a reader never sees half a file.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let temp = dir.join(format!(".{name}.{}", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, dir.join(name))
}

fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms % 1000 == 0 { format!("{} s", ms / 1000) } else { format!("{:.1} s", d.as_secs_f64()) }
}

fn mib(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since 1970.
pub fn format_utc(secs: u64) -> String {
    format!("{} UTC", crate::time::format_minute(i64::try_from(secs).unwrap_or(i64::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_this_machine() {
        let verdicts: Vec<String> = [
            "https://docs.example.com/errors.md",
            "http://127.0.0.1:8080/errors.md",
            "http://127.1.2.3/errors.md",
            "http://localhost/errors.md",
            "http://[::1]:9000/errors.md",
            "http://docs.example.com/errors.md",
            "http://10.0.0.1/errors.md",
            "ftp://docs.example.com/errors.md",
            "https:///errors.md",
        ]
        .iter()
        .map(|url| match check_url(url) {
            Ok(()) => format!("ok   {url}"),
            Err(e) => format!("no   {e}"),
        })
        .collect();
        expect_test::expect![[r#"
            [
                "ok   https://docs.example.com/errors.md",
                "ok   http://127.0.0.1:8080/errors.md",
                "ok   http://127.1.2.3/errors.md",
                "ok   http://localhost/errors.md",
                "ok   http://[::1]:9000/errors.md",
                "no   http://docs.example.com/errors.md: only https:// URLs are fetched (http:// only from this machine: 127.0.0.1, localhost, [::1])",
                "no   http://10.0.0.1/errors.md: only https:// URLs are fetched (http:// only from this machine: 127.0.0.1, localhost, [::1])",
                "no   ftp://docs.example.com/errors.md: only https:// URLs are fetched (http:// only from this machine: 127.0.0.1, localhost, [::1])",
                "no   https:///errors.md: not a URL (invalid format)",
            ]
        "#]]
        .assert_debug_eq(&verdicts);
    }

    #[test]
    fn the_importer_follows_the_url_then_the_content_type() {
        let names: Vec<Option<String>> = [
            ("https://h/docs/errors.rst?ref=main", Some("text/plain")),
            ("https://h/raw/errors.MD", None),
            ("https://h/api/catalog", Some("application/json; charset=utf-8")),
            ("https://h/api/catalog", Some("text/markdown")),
            ("https://h/api/catalog", Some("text/plain")),
            ("https://h/page", Some("text/html; charset=utf-8")),
            ("https://h/errors.php", None),
        ]
        .iter()
        .map(|(url, content_type)| body_file_name(url, *content_type))
        .collect();
        expect_test::expect![[r#"
            [
                Some(
                    "errors.rst",
                ),
                Some(
                    "errors.MD",
                ),
                Some(
                    "catalog.json",
                ),
                Some(
                    "catalog.md",
                ),
                Some(
                    "catalog",
                ),
                Some(
                    "catalog.html",
                ),
                Some(
                    "catalog",
                ),
            ]
        "#]]
        .assert_debug_eq(&names);
    }

    #[test]
    fn redirects_resolve_against_the_url_that_sent_them() {
        let base = "http://127.0.0.1:8080/docs/v1/errors.md?x=1";
        assert_eq!(resolve(base, "https://other/e.md"), "https://other/e.md");
        assert_eq!(resolve(base, "/moved.md"), "http://127.0.0.1:8080/moved.md");
        assert_eq!(resolve(base, "v2.md"), "http://127.0.0.1:8080/docs/v1/v2.md");
        assert_eq!(resolve(base, "//localhost/x.md"), "http://localhost/x.md");
    }

    #[test]
    fn dates_are_shown_in_utc() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(951_827_696), "2000-02-29 12:34 UTC");
        assert_eq!(format_utc(1_796_083_200), "2026-12-01 00:00 UTC");
    }

    #[test]
    fn the_cache_folder_name_is_stable() {
        // Changing it would orphan every cached copy.
        assert_eq!(
            url_hash("https://docs.example.com/errors.md"),
            url_hash("https://docs.example.com/errors.md")
        );
        assert_eq!(url_hash(""), "cbf29ce484222325");
        assert_eq!(url_hash("a"), "af63dc4c8601ec8c");
    }
}
