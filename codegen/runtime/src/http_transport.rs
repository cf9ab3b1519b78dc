//! [`HttpTransport`]: the real [`Transport`], reqwest with rustls on tokio.

use std::time::Duration;

use crate::http::{BoxFuture, HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind};

#[cfg(test)]
mod tests;

/// Sends requests over HTTP/1.1 and HTTPS (rustls, with the platform's certificate roots) using reqwest on tokio;
/// it must be used inside a tokio runtime.
///
/// Requests go out exactly as given: method, URL, headers in order (credentials marked sensitive) and body.
/// Redirects are not followed, so a `3xx` comes back as a response. The body is read once, chunk by chunk, into
/// one buffer and refused with a [`TransportErrorKind::TooLarge`] error as soon as it passes
/// [`HttpTransport::max_response_bytes`]. Cheap to clone.
#[derive(Clone, Debug)]
pub struct HttpTransport {
    client: reqwest::Client,
    timeout: Duration,
    max_response_bytes: usize,
}

/// The default limit on a response body: far above any page of a list, far below what hurts a server.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

impl HttpTransport {
    /// A transport whose requests take at most `timeout` in all (connecting, sending, reading the whole body), of
    /// which connecting takes at most `connect_timeout`, sending `User-Agent: user_agent` unless a request carries
    /// its own. Fails with a [`TransportErrorKind::Other`] error when `user_agent` is not a valid header value or
    /// the TLS setup fails.
    pub fn new(
        timeout: Duration,
        connect_timeout: Duration,
        user_agent: &str,
    ) -> Result<HttpTransport, TransportError> {
        Self::from_builder(reqwest::Client::builder(), timeout, connect_timeout, user_agent)
    }

    /// [`HttpTransport::new`] with a 30 s timeout and a 10 s connect timeout.
    pub fn default_transport(user_agent: &str) -> Result<HttpTransport, TransportError> {
        Self::new(Duration::from_secs(30), Duration::from_secs(10), user_agent)
    }

    fn from_builder(
        builder: reqwest::ClientBuilder,
        timeout: Duration,
        connect_timeout: Duration,
        user_agent: &str,
    ) -> Result<HttpTransport, TransportError> {
        let user_agent = reqwest::header::HeaderValue::from_str(user_agent)
            .map_err(|_| TransportError::other("the User-Agent is not a valid header value"))?;
        install_crypto_provider();
        let client = builder
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| TransportError::other(describe(error)))?;
        Ok(HttpTransport { client, timeout, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES })
    }

    /// Refuses response bodies larger than `limit` bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let timeout = request.timeout.map_or(self.timeout, |left| left.min(self.timeout));
        let mut request = to_reqwest(request)?;
        // Set per request, so that what is left of the call's deadline also bounds this attempt.
        *request.timeout_mut() = Some(timeout);
        let mut response = self.client.execute(request).await.map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let limit = self.max_response_bytes;
        let too_large = || TransportError::too_large(format!("the response body is larger than {limit} bytes"));
        let announced = response.content_length().map(|length| usize::try_from(length).unwrap_or(usize::MAX));
        if announced.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        // One buffer, grown chunk by chunk: the body is never held twice, and an endless body stops at the limit.
        let mut body = Vec::with_capacity(announced.unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if chunk.len() > limit - body.len() {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body })
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.execute(request))
    }
}

/// The reqwest request for `request`. Errors name a bad header but never show its value.
fn to_reqwest(request: HttpRequest) -> Result<reqwest::Request, TransportError> {
    let method = match request.method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    };
    let url = reqwest::Url::parse(&request.url)
        .map_err(|error| TransportError::invalid(format!("the request URL is not valid: {error}")))?;
    let mut out = reqwest::Request::new(method, url);
    for (name, value) in request.headers {
        let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| TransportError::invalid(format!("`{name}` is not a valid header name")))?;
        let mut header_value = reqwest::header::HeaderValue::from_str(value.as_str()).map_err(|_| {
            TransportError::invalid(format!("the value of header `{name}` is not a valid header value"))
        })?;
        header_value.set_sensitive(value.is_sensitive());
        out.headers_mut().append(header_name, header_value);
    }
    if let Some(body) = request.body {
        *out.body_mut() = Some(body.into());
    }
    Ok(out)
}

/// Classifies a reqwest error: no connection made is `Connect`; a timeout (once connected) is `Timeout`; a failure
/// after the request may have left (reset, incomplete response, body read) is `Io`; anything else is `Other`.
fn transport_error(error: reqwest::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_builder() {
        TransportErrorKind::Invalid
    } else if error.is_request() || error.is_body() || error.is_decode() || error.is_redirect() {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, describe(error))
}

/// Makes ring the process's TLS crypto provider unless the application chose one already. reqwest is built without
/// a provider of its own (see the workspace Cargo.toml) and refuses to build a client when none is installed; an
/// application that prefers another provider installs it before building its first client, and this leaves it be.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread that installs one at the same moment is fine: a provider is then set.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The error and its causes, joined by `: `. Without the URL, which may carry query parameters; reqwest and hyper
/// errors never show header values.
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
