//! Where a link from a page may be followed. A walk follows a link by sending the request again, credentials and
//! all, so a link the server (or whoever tampered with its answer) points elsewhere would hand them to another host.
//! A link is followed only to the origin of the client's base URL: the same scheme, host and port.
//!
//! Two forms of link are followed: an absolute `http://` or `https://` URL at that origin, and a path starting with
//! `/`, taken at that origin. Anything else is refused rather than guessed at: a relative path, a `//host` reference,
//! another scheme, or a link holding a space, a control character, a backslash or a character outside ASCII.

use crate::text::shown;

/// A URL at the origin of a client's base URL, built only by [`link_target`]: a call sent to it cannot reach
/// another host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameOriginUrl(String);

impl SameOriginUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The URL that `link`, from a page, leads to: the origin of `base_url` followed by the link's path and query (a
/// fragment is dropped: it is never sent). Refused, with the reason an [`crate::Error::Pagination`] gives, when the
/// link leads to another origin or is not one of the two forms followed.
///
/// ```
/// use codegen_runtime::origin::link_target;
/// let base = "https://api.example.com/v1";
/// let next = link_target(base, "/v1/payouts?page=2").expect("a path at the origin");
/// assert_eq!(next.as_str(), "https://api.example.com/v1/payouts?page=2");
/// let next = link_target(base, "HTTPS://API.example.com:443/v1/payouts?page=3").expect("the same origin");
/// assert_eq!(next.as_str(), "https://api.example.com/v1/payouts?page=3");
/// assert!(link_target(base, "https://evil.example/v1/payouts?page=2").is_err());
/// assert!(link_target(base, "http://api.example.com/v1/payouts?page=2").is_err());
/// assert!(link_target(base, "payouts?page=2").is_err());
/// ```
pub fn link_target(base_url: &str, link: &str) -> Result<SameOriginUrl, String> {
    let refused = |why: &str| Err(format!("the next page's link `{}` is not followed: {why}", quoted(link)));
    let Ok((base, _)) = Origin::split(base_url) else {
        return refused(&format!("the base URL `{}` has no origin to check it against", quoted(base_url)));
    };
    if !link.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'\\') {
        return refused("it holds a space, a control character, a backslash or a character outside ASCII");
    }
    if link.starts_with("//") {
        return refused("it names a host without a scheme (`//host`)");
    }
    let path_and_query = if link.starts_with('/') {
        link
    } else if has_http_scheme(link) {
        let (theirs, rest) = match Origin::split(link) {
            Ok(split) => split,
            Err(why) => return refused(why),
        };
        if let Some(why) = base.differs_from(&theirs) {
            return refused(&format!("{why}; links are only followed to `{}`", base.text));
        }
        rest
    } else {
        return refused("it is neither an `http` or `https` URL nor a path starting with `/`");
    };
    let without_fragment = path_and_query.split('#').next().unwrap_or_default();
    // `https://host?page=2` has an empty path, which HTTP sends as `/`.
    let slash = if without_fragment.starts_with('/') { "" } else { "/" };
    Ok(SameOriginUrl(format!("{}{slash}{without_fragment}", base.text)))
}

/// Why `base_url` cannot be a client's base URL, if it cannot: it must be an `http` or `https` URL with a host (and
/// no user name, password, query or fragment). Checked when a client is built, so that a URL without a scheme fails
/// there rather than at the first call.
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    let refused = |why: &str| Err(format!("`{}` cannot be a base URL: {why}", quoted(base_url)));
    if !base_url.bytes().all(|byte| byte.is_ascii_graphic()) {
        return refused("it holds a space, a control character or a character outside ASCII");
    }
    match Origin::split(base_url) {
        Err(why) => refused(why),
        Ok((_, rest)) if rest.contains(['?', '#']) => refused("it has a query or a fragment"),
        Ok(_) => Ok(()),
    }
}

/// Whether a URL starts with `http://` or `https://` (schemes compare without regard to case).
fn has_http_scheme(url: &str) -> bool {
    let starts = |prefix: &str| url.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    starts("http://") || starts("https://")
}

/// The server's text as a message shows it: escaped and bounded.
fn quoted(text: &str) -> String {
    shown(&text.escape_debug().to_string()).into_owned()
}

/// The scheme, host and port of an `http` or `https` URL, and the text that spells them (`https://api.example.com`).
#[derive(Debug)]
struct Origin<'a> {
    text: &'a str,
    scheme: &'a str,
    host: &'a str,
    port: u16,
}

impl<'a> Origin<'a> {
    /// The origin of `url` and what follows it (the path, query and fragment), or why it cannot be told.
    fn split(url: &'a str) -> Result<(Origin<'a>, &'a str), &'static str> {
        let Some((scheme, after)) = url.split_once("://") else { return Err("it has no `scheme://`") };
        let default_port = if scheme.eq_ignore_ascii_case("https") {
            443
        } else if scheme.eq_ignore_ascii_case("http") {
            80
        } else {
            return Err("its scheme is neither `http` nor `https`");
        };
        let authority_end = after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority = &after[..authority_end];
        if authority.contains('@') {
            return Err("it carries a user name or password (`user@host`)");
        }
        let (host, port) = match authority.strip_prefix('[') {
            // An IPv6 address, `[::1]:8080`: the port follows the bracket.
            Some(inside) => {
                let Some((address, after_bracket)) = inside.split_once(']') else { return Err("its `[` has no `]`") };
                if address.is_empty() || !address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
                    return Err("its host is not an IPv6 address");
                }
                let port = match after_bracket {
                    "" => None,
                    _ => Some(after_bracket.strip_prefix(':').ok_or("its host has text after the `]`")?),
                };
                (&authority[..address.len() + 2], port)
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        if host.is_empty() || (!host.starts_with('[') && !host.bytes().all(name_byte)) {
            return Err("its host is not a host name or an IP address");
        }
        let port = match port {
            // An empty port is the default one (RFC 3986, section 6.2.3).
            None | Some("") => default_port,
            Some(digits) if digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().map_err(|_| "its port is not a port number")?
            }
            Some(_) => return Err("its port is not a port number"),
        };
        let text_end = url.len() - after.len() + authority_end;
        Ok((Origin { text: &url[..text_end], scheme, host, port }, &after[authority_end..]))
    }

    /// Why a link at `other` would leave this origin, or `None` when it stays.
    fn differs_from(&self, other: &Origin<'_>) -> Option<String> {
        if !self.scheme.eq_ignore_ascii_case(other.scheme) {
            Some(format!("it leads to another scheme (`{}`, not `{}`)", quoted(other.scheme), self.scheme))
        } else if !self.host.eq_ignore_ascii_case(other.host) {
            Some(format!("it leads to another host (`{}`, not `{}`)", quoted(other.host), self.host))
        } else if self.port != other.port {
            Some(format!("it leads to another port ({}, not {})", other.port, self.port))
        } else {
            None
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn target(base: &str, link: &str) -> Result<String, String> {
        link_target(base, link).map(SameOriginUrl::into_string)
    }

    #[test]
    fn a_base_url_needs_an_http_scheme_and_a_host() {
        for good in
            ["https://api.example.com", "http://127.0.0.1:8080", "https://api.example.com/v1", "http://[::1]:3000"]
        {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("api.example.com", "it has no `scheme://`"),
            ("ftp://api.example.com", "its scheme is neither `http` nor `https`"),
            ("https://", "its host is not a host name or an IP address"),
            ("https://user:pw@api.example.com", "it carries a user name or password (`user@host`)"),
            ("https://api.example.com/v1?key=1", "it has a query or a fragment"),
            ("https://api.example.com /v1", "it holds a space, a control character or a character outside ASCII"),
            ("", "it has no `scheme://`"),
        ] {
            let error = check_base_url(bad).expect_err(bad);
            assert!(error.ends_with(why), "{bad}: {error}");
        }
    }

    #[test]
    fn paths_are_taken_at_the_base_urls_origin() {
        let base = "https://api.example.com/v1";
        assert_eq!(target(base, "/v1/items?page=2").as_deref(), Ok("https://api.example.com/v1/items?page=2"));
        assert_eq!(target(base, "/other").as_deref(), Ok("https://api.example.com/other"));
        assert_eq!(target(base, "/v1/items?page=2#top").as_deref(), Ok("https://api.example.com/v1/items?page=2"));
        assert_eq!(target("http://127.0.0.1:8080", "/a").as_deref(), Ok("http://127.0.0.1:8080/a"));
        assert_eq!(target("http://[::1]:8080/api/", "/a").as_deref(), Ok("http://[::1]:8080/a"));
    }

    #[test]
    fn absolute_links_at_the_same_origin_are_followed() {
        let base = "https://api.example.com/v1";
        let same = [
            "https://api.example.com/v1/items?page=2",
            "HTTPS://API.EXAMPLE.COM/v1/items?page=2",
            "https://api.example.com:443/v1/items?page=2",
            "https://api.example.com:/v1/items?page=2",
        ];
        for link in same {
            assert_eq!(target(base, link).as_deref(), Ok("https://api.example.com/v1/items?page=2"), "{link}");
        }
        // The URL sent spells the origin as the base URL does, whatever the link's spelling.
        assert_eq!(target("http://Example.com:80", "http://example.COM/a").as_deref(), Ok("http://Example.com:80/a"));
        assert_eq!(
            target("http://example.com", "http://example.com:80?page=2").as_deref(),
            Ok("http://example.com/?page=2")
        );
        assert_eq!(
            target("http://example.com:8080", "http://example.com:8080").as_deref(),
            Ok("http://example.com:8080/")
        );
        assert_eq!(target("http://[::1]:8080", "http://[::1]:8080/a").as_deref(), Ok("http://[::1]:8080/a"));
    }

    #[test]
    fn links_to_another_origin_are_refused_and_say_why() {
        let base = "https://api.example.com/v1";
        let refused = [
            ("https://evil.example/v1/items", "another host (`evil.example`, not `api.example.com`)"),
            ("https://api.example.com.evil.example/v1", "another host"),
            ("http://api.example.com/v1/items", "another scheme (`http`, not `https`)"),
            ("https://api.example.com:8443/v1/items", "another port (8443, not 443)"),
            ("https://api.example.com:80/v1/items", "another port (80, not 443)"),
        ];
        for (link, why) in refused {
            let reason = target(base, link).expect_err(link);
            assert!(reason.contains(why), "{link}: {reason}");
            assert!(reason.contains("links are only followed to `https://api.example.com`"), "{reason}");
        }
        assert!(target("http://example.com:8080", "http://example.com/a").is_err(), "the default port is another");
        assert!(target("http://example.com", "http://example.com:8080/a").is_err());
        assert!(target("http://[::1]:8080", "http://[::2]:8080/a").is_err());
    }

    #[test]
    fn links_of_any_other_form_are_refused() {
        let base = "https://api.example.com/v1";
        let refused = [
            ("//evil.example/v1/items", "without a scheme"),
            ("items?page=2", "neither"),
            ("?page=2", "neither"),
            ("../items", "neither"),
            ("ftp://api.example.com/items", "neither"),
            ("javascript:alert(1)", "neither"),
            ("https:/api.example.com/items", "neither"),
            ("https://user:pw@api.example.com/v1/items", "user name or password"),
            ("https://api.example.com@evil.example/v1", "user name or password"),
            ("https:///v1/items", "not a host name"),
            ("https://[::1/v1", "no `]`"),
            ("https://[::1]x/v1", "after the `]`"),
            ("https://[evil.example]/v1", "not an IPv6 address"),
            ("https://api.example.com:99999/v1", "not a port number"),
            ("https://api.example.com:4a3/v1", "not a port number"),
            ("https://api.example.com:443:443/v1", "not a port number"),
            ("https://api.example.com%2F.evil.example/v1", "not a host name"),
            ("/v1/items page=2", "a space"),
            ("/v1/items\r\nX-Injected: 1", "a control character"),
            ("/v1/items\t", "a control character"),
            (" /v1/items", "a space"),
            ("/\\evil.example/v1", "a backslash"),
            ("/v1/itéms", "outside ASCII"),
            ("", "neither"),
        ];
        for (link, why) in refused {
            let reason = target(base, link).expect_err(link);
            assert!(reason.contains(why), "{link:?}: {reason}");
        }
        // The link is shown escaped and bounded: a server cannot write lines, or a novel, into the error.
        let reason = target(base, "/a\nb").expect_err("a line break");
        assert!(reason.starts_with("the next page's link `/a\\nb` is not followed"), "{reason}");
        let reason = target(base, &format!("/{}", " ".repeat(10_000))).expect_err("long");
        assert!(reason.len() < 1_000, "{}", reason.len());
    }

    /// `count` texts of up to 11 of `pieces` each, drawn by a fixed generator: the same texts every run.
    pub(crate) fn junk(count: usize, pieces: &[&str]) -> Vec<String> {
        let mut state: u64 = 0x2026_1203;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        (0..count).map(|_| (0..next() % 12).map(|_| pieces[next() % pieces.len()]).collect()).collect()
    }

    #[test]
    fn no_link_whatever_its_text_leaves_the_origin() {
        let base = "https://api.example.com/v1";
        let mut followed = 0;
        let pieces = [
            "/",
            "//",
            "?",
            "#",
            "@",
            ":",
            "[",
            "]",
            "::1",
            "http://",
            "https://",
            "HTTPS://",
            "api.example.com",
            "API.example.com",
            "evil.example",
            "443",
            "80",
            "8080",
            "%2F",
            "é",
            " ",
            "\t",
            "\r\n",
            "\\",
            "..",
            "a",
        ];
        for link in junk(50_000, &pieces) {
            if let Ok(url) = target(base, &link) {
                followed += 1;
                assert!(url.starts_with("https://api.example.com/"), "{link:?} led to {url}");
                assert!(url.bytes().all(|b| b.is_ascii_graphic() && b != b'#'), "{link:?} led to {url:?}");
            }
        }
        assert!(followed > 100, "the generator reaches followed links too ({followed})");
    }

    #[test]
    fn a_base_url_without_an_origin_follows_nothing() {
        let reason = target("api.example.com", "/v1/items").expect_err("no scheme in the base URL");
        assert!(reason.contains("the base URL `api.example.com` has no origin"), "{reason}");
    }
}
