//! Credentials and the headers that carry them. Neither ever shows a secret in `Debug` output.

use std::fmt;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// A credential (token, password, API key). `Debug` prints `Secret(***)` and there is no `Display`, so a secret
/// only leaves through [`Secret::expose`].
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, for building the request that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// The value of a request header, marked sensitive when it carries a credential. `Debug` prints a sensitive value
/// as `"***"`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HeaderValue {
    value: String,
    sensitive: bool,
}

impl HeaderValue {
    /// An ordinary header value, shown in `Debug` output.
    pub fn plain(value: impl Into<String>) -> Self {
        HeaderValue { value: value.into(), sensitive: false }
    }

    /// A header value carrying a credential, hidden in `Debug` output.
    pub fn sensitive(value: impl Into<String>) -> Self {
        HeaderValue { value: value.into(), sensitive: true }
    }

    /// The value to send.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether the value carries a credential.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }
}

impl fmt::Debug for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sensitive {
            fmt::Debug::fmt("***", f)
        } else {
            fmt::Debug::fmt(&self.value, f)
        }
    }
}

/// Refuses a credential no server would accept, when the client is built rather than at its first call: an empty or
/// blank value, or, for one sent as it is in a header (`sent_as_is`: a bearer token, an API key), a character a
/// header cannot carry (outside printable ASCII), which the call would refuse anyway. `what` names the credential in
/// the error (`bearer token`, `client ID`); the value is never shown.
fn require_credential(
    what: &'static str,
    value: &str,
    sent_as_is: bool,
) -> Result<(), crate::validate::ValidationError> {
    if value.trim().is_empty() {
        return Err(crate::validate::ValidationError::new(what, "must not be empty"));
    }
    if sent_as_is && !value.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) {
        return Err(crate::validate::ValidationError::new(what, "has a character an HTTP header cannot carry"));
    }
    Ok(())
}

/// The `Authorization: Bearer <token>` header.
pub fn bearer(token: &Secret) -> (String, HeaderValue) {
    ("Authorization".to_owned(), HeaderValue::sensitive(format!("Bearer {}", token.expose())))
}

/// The `Authorization: Basic <base64 of username:password>` header (RFC 7617).
pub fn basic(username: &str, password: &Secret) -> (String, HeaderValue) {
    let credentials = STANDARD.encode(format!("{username}:{}", password.expose()));
    ("Authorization".to_owned(), HeaderValue::sensitive(format!("Basic {credentials}")))
}

/// An API key sent as-is in the header named `header`.
pub fn api_key(header: &str, key: &Secret) -> (String, HeaderValue) {
    (header.to_owned(), HeaderValue::sensitive(key.expose()))
}

/// What a client authenticates with, made into a header for each call that takes credentials. Cheap to clone: the
/// clones of a client share one OAuth2 token.
#[derive(Clone, Debug, Default)]
pub enum Credentials {
    /// None: the API takes no credentials.
    #[default]
    None,
    /// A header fixed when the client was built (bearer token, basic, API key), for the scheme named first.
    Header(&'static str, (String, HeaderValue)),
    /// OAuth2 client credentials for the scheme named first: a bearer token fetched at the token endpoint and kept.
    OAuth2(&'static str, Arc<crate::oauth2::ClientCredentials>),
}

/// The one scheme an endpoint authenticates with (`auth: <scheme>` in the spec), when it names one: its name, and
/// whether it is `basic`, which OAuth2 client credentials serve with the client's ID and secret (as at the token
/// endpoint).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeUse {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// Whether the scheme is HTTP Basic.
    pub basic: bool,
}

/// Why a call got no credentials header: the endpoint takes a scheme the client's credentials cannot serve, or the
/// OAuth2 token could not be had.
#[derive(Debug)]
pub enum CredentialsFailure {
    /// The endpoint takes another scheme than the client was built with.
    WrongScheme(crate::validate::ValidationError),
    /// The token endpoint failed.
    Token(crate::oauth2::CredentialsError),
}

impl<E> From<CredentialsFailure> for crate::error::Error<E> {
    fn from(failure: CredentialsFailure) -> Self {
        match failure {
            CredentialsFailure::WrongScheme(error) => crate::error::Error::InvalidRequest(error),
            CredentialsFailure::Token(error) => crate::error::Error::Credentials(error),
        }
    }
}

impl Credentials {
    /// Fixed credentials `header` of the scheme `scheme`.
    pub fn header(scheme: &'static str, header: (String, HeaderValue)) -> Self {
        Credentials::Header(scheme, header)
    }

    /// OAuth2 client credentials of the scheme `scheme`.
    pub fn oauth2(scheme: &'static str, credentials: crate::oauth2::ClientCredentials) -> Self {
        Credentials::OAuth2(scheme, Arc::new(credentials))
    }

    // What a generated client's `Auth` becomes, one constructor per kind of scheme. Each refuses, when the client is
    // built, a credential no server would accept (see `require_credential`), so no generated code repeats the checks.

    /// `Authorization: Bearer <token>` for the scheme `scheme`; refused when the token is blank or cannot be sent.
    pub fn bearer(scheme: &'static str, token: &Secret) -> Result<Self, crate::validate::ValidationError> {
        require_credential("bearer token", token.expose(), true)?;
        Ok(Credentials::header(scheme, bearer(token)))
    }

    /// HTTP Basic for the scheme `scheme`; refused when the user name or the password is blank.
    pub fn basic(
        scheme: &'static str,
        username: &str,
        password: &Secret,
    ) -> Result<Self, crate::validate::ValidationError> {
        require_credential("user name", username, false)?;
        require_credential("password", password.expose(), false)?;
        Ok(Credentials::header(scheme, basic(username, password)))
    }

    /// An API key in the header `header` for the scheme `scheme`; refused when the key is blank or cannot be sent.
    pub fn api_key(scheme: &'static str, header: &str, key: &Secret) -> Result<Self, crate::validate::ValidationError> {
        require_credential("API key", key.expose(), true)?;
        Ok(Credentials::header(scheme, api_key(header, key)))
    }

    /// OAuth2 client credentials for the scheme `scheme`, traded at `token_path` for `scope`; refused when the client
    /// ID or secret is blank.
    pub fn client_credentials(
        scheme: &'static str,
        client_id: String,
        client_secret: Secret,
        token_path: &str,
        scope: Option<&str>,
    ) -> Result<Self, crate::validate::ValidationError> {
        require_credential("client ID", &client_id, false)?;
        require_credential("client secret", client_secret.expose(), false)?;
        let credentials = crate::oauth2::ClientCredentials::new(client_id, client_secret, token_path, scope);
        Ok(Credentials::oauth2(scheme, credentials))
    }

    /// The header a call sends, through `core` for a token that must be fetched: the credentials' own header, or,
    /// for an endpoint that names its scheme, that scheme's header when these credentials can give it.
    pub async fn header_for(
        &self,
        core: &crate::client::ClientCore,
        scheme: Option<SchemeUse>,
    ) -> Result<Option<(String, HeaderValue)>, CredentialsFailure> {
        let (own, oauth) = match self {
            Credentials::None => return Ok(None),
            Credentials::Header(name, header) => {
                return match scheme {
                    Some(wanted) if wanted.name != *name => Err(wrong_scheme(wanted.name, name)),
                    _ => Ok(Some(header.clone())),
                };
            }
            Credentials::OAuth2(name, oauth) => (*name, oauth),
        };
        match scheme {
            Some(wanted) if wanted.name != own && wanted.basic => Ok(Some(oauth.basic())),
            Some(wanted) if wanted.name != own => Err(wrong_scheme(wanted.name, own)),
            _ => oauth.bearer(core).await.map(Some).map_err(CredentialsFailure::Token),
        }
    }

    /// Forgets an OAuth2 token the API refused (HTTP 401), so that the next call fetches a new one.
    pub async fn refused(&self) {
        if let Credentials::OAuth2(_, oauth) = self {
            oauth.forget().await;
        }
    }
}

fn wrong_scheme(wanted: &str, own: &str) -> CredentialsFailure {
    CredentialsFailure::WrongScheme(crate::validate::ValidationError::new(
        "credentials",
        format!("this endpoint authenticates with `{wanted}`, and the client was built with `{own}`"),
    ))
}

/// The error of a client built with credentials its environment does not accept (`allowed` is false).
pub fn require_allowed(allowed: bool) -> Result<(), crate::validate::ValidationError> {
    if allowed {
        Ok(())
    } else {
        Err(crate::validate::ValidationError::new(
            "credentials",
            "this authentication scheme is not accepted in the chosen environment",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_credentials_are_refused_without_showing_them() {
        assert_eq!(require_credential("bearer token", "eyJh.c2ln", true), Ok(()));
        assert_eq!(require_credential("password", "pässword", false), Ok(()), "a Basic password is encoded");
        for (value, sent_as_is, why) in [
            ("", true, "must not be empty"),
            ("  \t", false, "must not be empty"),
            ("tok\r\nX-Injected: 1", true, "has a character an HTTP header cannot carry"),
            ("clé", true, "has a character an HTTP header cannot carry"),
        ] {
            let error = require_credential("API key", value, sent_as_is).expect_err(value);
            assert_eq!(error.to_string(), format!("invalid API key: {why}"));
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let secret = Secret::new("sk_live_123");
        assert_eq!(secret.expose(), "sk_live_123");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(format!("{:?}", Some(secret.clone())), "Some(Secret(***))");
        assert_eq!(Secret::from("a").expose(), "a");
        assert_eq!(Secret::from(String::from("b")).expose(), "b");
    }

    #[test]
    fn header_values_redact_sensitive_ones() {
        let plain = HeaderValue::plain("application/json");
        assert_eq!(format!("{plain:?}"), r#""application/json""#);
        assert!(!plain.is_sensitive());
        let sensitive = HeaderValue::sensitive("Bearer sk_live_123");
        assert_eq!(format!("{sensitive:?}"), r#""***""#);
        assert_eq!(sensitive.as_str(), "Bearer sk_live_123");
        assert!(sensitive.is_sensitive());
        let headers = vec![("Authorization".to_owned(), sensitive)];
        assert!(!format!("{headers:?}").contains("sk_live"));
    }

    #[test]
    fn auth_headers() {
        let (name, value) = bearer(&Secret::new("tok"));
        assert_eq!((name.as_str(), value.as_str(), value.is_sensitive()), ("Authorization", "Bearer tok", true));
        let (name, value) = basic("Aladdin", &Secret::new("open sesame"));
        assert_eq!((name.as_str(), value.as_str()), ("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assert!(value.is_sensitive());
        let (name, value) = api_key("X-Api-Key", &Secret::new("k1"));
        assert_eq!((name.as_str(), value.as_str(), value.is_sensitive()), ("X-Api-Key", "k1", true));
    }
}
