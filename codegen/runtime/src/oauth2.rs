//! OAuth 2.0 client credentials (RFC 6749, section 4.4): the client trades its ID and secret for a bearer token at
//! the API's token endpoint, keeps the token, and fetches a new one shortly before it expires.
//!
//! One [`ClientCredentials`] is shared by every clone of a client, so concurrent calls wait for one token request
//! rather than each sending their own. The token and the secret never appear in `Debug` output or error messages.

use std::fmt;
use std::time::{Duration, Instant};

use futures_util::lock::Mutex;
use serde::Deserialize;

use crate::auth::{basic, HeaderValue, Secret};
use crate::body::{Body, BodyEncoding};
use crate::client::ClientCore;
use crate::error::RawResponse;
use crate::http::{HttpResponse, Method};
use crate::text::shown;
use crate::url::Query;

/// How long before its announced expiry a token is replaced, at most: a call that starts just before expiry would
/// otherwise arrive with a token the server no longer takes.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// A client ID and secret, the token endpoint they are traded at, and the token they were last traded for.
pub struct ClientCredentials {
    client_id: String,
    client_secret: Secret,
    token_path: String,
    scope: Option<String>,
    token: Mutex<Option<Token>>,
}

/// A token and when to stop using it (`None`: the server gave no lifetime, so it is used until refused).
struct Token {
    value: Secret,
    refresh_at: Option<Instant>,
}

/// Why no token could be had: the token endpoint refused the credentials, could not be reached, or answered
/// something that is not a token. No request was sent to the endpoint the caller called.
#[derive(Clone, Debug, PartialEq)]
pub struct CredentialsError {
    /// What went wrong, without the secret or any token.
    pub reason: String,
    /// The token endpoint's answer, when one came.
    pub response: Option<RawResponse>,
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no OAuth2 token: {}", self.reason)
    }
}

impl std::error::Error for CredentialsError {}

/// The token endpoint's answer (RFC 6749, section 5.1); other members are ignored.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    token_type: String,
    expires_in: Option<f64>,
}

impl ClientCredentials {
    /// Credentials traded at `token_path` (a path on the API's server, such as `/v1/oauth2/token`), asking for
    /// `scope` (space-separated scopes) when given.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: Secret,
        token_path: impl Into<String>,
        scope: Option<&str>,
    ) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret,
            token_path: token_path.into(),
            scope: scope.map(str::to_owned),
            token: Mutex::new(None),
        }
    }

    /// The client's own credentials as HTTP Basic, as the token endpoint takes them (and any endpoint that
    /// authenticates the client itself).
    pub fn basic(&self) -> (String, HeaderValue) {
        basic(&self.client_id, &self.client_secret)
    }

    /// `Authorization: Bearer <token>` with a token that is not about to expire, fetched through `core` when there
    /// is none yet or the last one is due for replacement. Concurrent callers wait for one fetch.
    pub async fn bearer(&self, core: &ClientCore) -> Result<(String, HeaderValue), CredentialsError> {
        let mut token = self.token.lock().await;
        let fresh = token.as_ref().filter(|t| t.refresh_at.is_none_or(|at| Instant::now() < at));
        if let Some(fresh) = fresh {
            return Ok(crate::auth::bearer(&fresh.value));
        }
        let fetched = self.fetch(core).await?;
        let header = crate::auth::bearer(&fetched.value);
        *token = Some(fetched);
        Ok(header)
    }

    /// Forgets the token, after the API refused it (HTTP 401): the next call fetches a new one.
    pub async fn forget(&self) {
        *self.token.lock().await = None;
    }

    async fn fetch(&self, core: &ClientCore) -> Result<Token, CredentialsError> {
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let body = Body::raw(BodyEncoding::Form, body.into_bytes());
        let failed = |reason: String, response: Option<HttpResponse>| CredentialsError {
            reason,
            response: response.map(RawResponse::from),
        };
        let headers = vec![self.basic()];
        let response = core
            .send(Method::Post, &self.token_path, &Query::new(), headers, Some(body))
            .await
            .map_err(|error| failed(format!("the token endpoint could not be reached: {error}"), None))?;
        if !(200..300).contains(&response.status) {
            let reason = format!("the token endpoint answered HTTP {}", response.status);
            return Err(failed(reason, Some(response)));
        }
        let answer: TokenAnswer = match serde_json::from_slice(&response.body) {
            Ok(answer) => answer,
            Err(_) => {
                let reason = "the token endpoint's answer is not a token (`access_token`, `token_type`)".to_owned();
                return Err(failed(reason, Some(response)));
            }
        };
        if !answer.token_type.eq_ignore_ascii_case("bearer") {
            let reason = format!("the token endpoint gave a `{}` token, not a bearer token", shown(&answer.token_type));
            return Err(failed(reason, Some(response)));
        }
        if answer.access_token.is_empty()
            || crate::call::unsendable_header("Authorization", &answer.access_token).is_some()
        {
            return Err(failed("the token endpoint gave an empty or unsendable token".to_owned(), Some(response)));
        }
        // Replace the token a minute before it expires, or halfway through a shorter life.
        let refresh_at = answer.expires_in.filter(|s| s.is_finite() && *s >= 0.0).map(|seconds| {
            let lifetime = Duration::from_secs_f64(seconds.min(1e9));
            Instant::now() + lifetime.saturating_sub(REFRESH_MARGIN.min(lifetime / 2))
        });
        Ok(Token { value: Secret::new(answer.access_token), refresh_at })
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("token_path", &self.token_path)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}
