//! [`Proxy`]: which proxy, if any, an [`HttpTransport`](super::HttpTransport) sends its requests through. The
//! matching itself (which URL goes to which proxy, `NO_PROXY` rules, credentials) is hyper-util's proxy `Matcher`.

use std::fmt;

use hyper::Uri;
use hyper_util::client::proxy::matcher::Matcher;

use crate::http::TransportError;

/// Which proxy an [`HttpTransport`](super::HttpTransport) uses. The default, [`Proxy::from_environment`], reads the
/// variables curl and reqwest read; [`Proxy::url`] sends every request through one proxy; [`Proxy::none`] connects
/// directly whatever the environment says.
///
/// Only HTTP proxies (`http://` URLs, or no scheme) are supported: `http` requests go to the proxy with the whole URL
/// as request target, `https` requests through an HTTP `CONNECT` tunnel, TLS to the API inside it, so the proxy sees
/// only the host and port. Credentials in the proxy URL (`http://user:pass@proxy:3128`, percent-encoded) are sent as
/// `Proxy-Authorization: Basic ...`, marked sensitive; they never appear in messages nor in `Debug` output.
///
/// ```
/// use codegen_runtime::Proxy;
///
/// let proxy = Proxy::url("http://user:secret@proxy.internal:3128");
/// assert_eq!(format!("{proxy:?}"), r#"Proxy::url("http://***@proxy.internal:3128")"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Proxy(Setting);

#[derive(Clone, Default, PartialEq, Eq)]
enum Setting {
    /// Read the process environment when the transport is built.
    #[default]
    Environment,
    None,
    Url(String),
    Variables(Variables),
}

/// The proxy variables, as read (empty when not set).
#[derive(Clone, Default, PartialEq, Eq)]
struct Variables {
    all: String,
    http: String,
    https: String,
    no: String,
}

impl Proxy {
    /// The proxies the process environment names, read when the transport is built, as curl and reqwest read them:
    /// `HTTPS_PROXY` (or `https_proxy`) for `https` URLs, `HTTP_PROXY` (or `http_proxy`) for `http` URLs, `ALL_PROXY`
    /// (or `all_proxy`) for either when its own is not set, except for the hosts `NO_PROXY` (or `no_proxy`) lists. See
    /// [`Proxy::from_variables`] for the details.
    pub fn from_environment() -> Proxy {
        Proxy(Setting::Environment)
    }

    /// No proxy: every request connects directly, whatever the environment says.
    pub fn none() -> Proxy {
        Proxy(Setting::None)
    }

    /// Every request through the HTTP proxy at `url` (`http://proxy.internal:3128`, with `user:password@` before the
    /// host when the proxy asks for credentials), whatever the environment says. The URL is checked when the
    /// transport is built, which fails for a URL that does not parse or a proxy that is not an HTTP proxy.
    pub fn url(url: impl Into<String>) -> Proxy {
        Proxy(Setting::Url(url.into()))
    }

    /// The proxies named by the variables `lookup` returns, read now and by the rules of
    /// [`Proxy::from_environment`] (which is this with the process environment): the upper-case name first, then the
    /// lower-case one, the first that is set and not empty. `NO_PROXY` is a comma-separated list of host names (each
    /// also covering its subdomains: `example.com` and `.example.com` both match `api.example.com`), IP addresses,
    /// networks (`10.0.0.0/8`) or `*` for all hosts. As in reqwest, `HTTP_PROXY` is ignored when `REQUEST_METHOD` is
    /// set (a CGI program, where a request's `Proxy:` header arrives as `HTTP_PROXY`); `http_proxy` still counts.
    ///
    /// ```
    /// use codegen_runtime::Proxy;
    ///
    /// let proxy = Proxy::from_variables(|name| match name {
    ///     "https_proxy" => Some("http://proxy.internal:3128".to_owned()),
    ///     "NO_PROXY" => Some("localhost,.internal".to_owned()),
    ///     _ => None,
    /// });
    /// # let _ = proxy;
    /// ```
    pub fn from_variables(lookup: impl Fn(&str) -> Option<String>) -> Proxy {
        let first = |names: &[&str]| {
            let mut set = names.iter().filter_map(|name| lookup(name)).map(|value| value.trim().to_owned());
            set.find(|value| !value.is_empty()).unwrap_or_default()
        };
        let cgi = lookup("REQUEST_METHOD").is_some();
        let http = if cgi { first(&["http_proxy"]) } else { first(&["HTTP_PROXY", "http_proxy"]) };
        Proxy(Setting::Variables(Variables {
            all: first(&["ALL_PROXY", "all_proxy"]),
            http,
            https: first(&["HTTPS_PROXY", "https_proxy"]),
            no: first(&["NO_PROXY", "no_proxy"]),
        }))
    }

    /// The matcher for this setting (reading the environment now for [`Proxy::from_environment`]), `None` when no
    /// request goes through a proxy. Fails for a [`Proxy::url`] that is not an HTTP proxy's URL; the message never
    /// repeats the URL, which may hold credentials.
    pub(crate) fn matcher(&self) -> Result<Option<Matcher>, TransportError> {
        let variables = match &self.0 {
            Setting::None => return Ok(None),
            Setting::Environment => match Proxy::from_variables(|name| std::env::var(name).ok()).0 {
                Setting::Variables(variables) => variables,
                _ => unreachable!("from_variables gives variables"),
            },
            Setting::Variables(variables) => variables.clone(),
            Setting::Url(url) => {
                check_proxy_url(url)?;
                Variables { all: url.clone(), ..Variables::default() }
            }
        };
        if [&variables.all, &variables.http, &variables.https].iter().all(|value| value.is_empty()) {
            return Ok(None);
        }
        let matcher =
            Matcher::builder().all(variables.all).http(variables.http).https(variables.https).no(variables.no).build();
        Ok(Some(matcher))
    }
}

/// Fails unless `url` is an HTTP proxy's URL: `http://` or no scheme, a host, nothing after the port but `/`.
fn check_proxy_url(url: &str) -> Result<(), TransportError> {
    let invalid = |why: &dyn fmt::Display| TransportError::other(format!("the proxy URL is not valid: {why}"));
    let uri: Uri = url.trim().parse().map_err(|error| invalid(&error))?;
    match uri.scheme_str() {
        None | Some("http") => {}
        Some("https") => return Err(invalid(&"proxies reached over TLS (https://) are not supported, only http://")),
        Some(_) => return Err(invalid(&"only HTTP proxies (http://) are supported")),
    }
    let host = uri.authority().map(|authority| authority.host());
    if host.is_none_or(str::is_empty) {
        return Err(invalid(&"it has no host"));
    }
    // hyper-util's matcher reads the same URL; make sure it takes it rather than silently connecting directly.
    let matched = Matcher::builder().all(url.trim()).build().intercept(&Uri::from_static("http://example.com/"));
    if matched.is_none() {
        return Err(invalid(&"it is not an HTTP proxy's URL"));
    }
    Ok(())
}

/// `url` with any credentials (`user:password@`) replaced by `***`.
pub(super) fn redact(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(at) => url.split_at(at + 3),
        None => ("", url),
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    match authority.rfind('@') {
        Some(at) => format!("{scheme}***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Setting::Environment => f.write_str("Proxy::from_environment()"),
            Setting::None => f.write_str("Proxy::none()"),
            Setting::Url(url) => write!(f, "Proxy::url({:?})", redact(url)),
            Setting::Variables(variables) => f
                .debug_struct("Proxy::from_variables")
                .field("all", &redact(&variables.all))
                .field("http", &redact(&variables.http))
                .field("https", &redact(&variables.https))
                .field("no", &variables.no)
                .finish(),
        }
    }
}
