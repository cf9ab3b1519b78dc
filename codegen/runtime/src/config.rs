//! [`ClientConfig`]: timeouts, retries, transport and User-Agent of a generated client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::ClientCore;
use crate::http::{Transport, TransportError};
use crate::http_transport::{HttpTransport, Proxy, DEFAULT_MAX_RESPONSE_BYTES};
use crate::retry::RetryPolicy;
use crate::validate::ValidationError;

/// How a generated client talks to its API. `Default` gives a 30 s timeout per attempt, a 60 s deadline per call
/// (all attempts and waits), a 10 s connect timeout, a 16 MiB limit on response bodies, the default [`RetryPolicy`],
/// an [`HttpTransport`] using the proxies the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
/// `NO_PROXY`, as curl and reqwest do; see [`ClientConfig::proxy`]) and the generated client's own User-Agent.
///
/// ```
/// use std::time::Duration;
/// use codegen_runtime::{ClientConfig, RetryPolicy};
///
/// let core = ClientConfig::default()
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::none())
///     .user_agent("my-app/1.0")
///     .build_core("https://api.example.com/v1", "payout-client/0.1")
///     .expect("a client");
/// assert_eq!(core.user_agent(), Some("my-app/1.0"));
/// ```
#[derive(Clone)]
pub struct ClientConfig {
    timeout: Duration,
    connect_timeout: Duration,
    retry_policy: RetryPolicy,
    transport: Option<Arc<dyn Transport>>,
    user_agent: Option<String>,
    deadline: Option<Duration>,
    max_response_bytes: usize,
    proxy: Proxy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(30),
            deadline: Some(Duration::from_secs(60)),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            connect_timeout: Duration::from_secs(10),
            retry_policy: RetryPolicy::default(),
            transport: None,
            user_agent: None,
            proxy: Proxy::from_environment(),
        }
    }
}

impl ClientConfig {
    /// The default configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// The longest a request may take, from connecting to the end of the response body (default 30 s). Used by the
    /// [`HttpTransport`] that [`ClientConfig::build_core`] builds, not by a custom transport.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest one call may take, all its attempts and the waits between them included (default 60 s; `None`
    /// for no limit beyond [`ClientConfig::timeout`] per attempt). Each attempt is given what is left of it, and no
    /// retry starts that could not finish in time.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB). A larger one is refused as it arrives, with a
    /// [`crate::TransportErrorKind::TooLarge`] error. Used by the [`HttpTransport`], not by a custom transport.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The longest making a connection may take (default 10 s). Not used by a custom transport.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sends every request through the HTTP proxy at `url` (`http://proxy.internal:3128`, or
    /// `http://user:password@proxy.internal:3128` when the proxy asks for credentials, which go out as a sensitive
    /// `Proxy-Authorization` header and never appear in messages), instead of the proxies the environment names.
    /// `https` requests go through a `CONNECT` tunnel, so the proxy sees only the API's host and port. Building the
    /// client fails for a URL that is not an HTTP proxy's. Not used by a custom transport.
    ///
    /// By default the proxies come from the environment when the client is built, as in curl and reqwest:
    /// `HTTPS_PROXY` (or `https_proxy`) for `https` URLs, `HTTP_PROXY` (or `http_proxy`) for `http` URLs, `ALL_PROXY`
    /// (or `all_proxy`) for either, except for the hosts, domains (with their subdomains), IP addresses and networks
    /// listed in `NO_PROXY` (or `no_proxy`; `*` for all). See [`Proxy`].
    pub fn proxy(self, url: impl Into<String>) -> Self {
        self.proxy_setting(Proxy::url(url))
    }

    /// Connects directly, ignoring any proxy the environment names. Not used by a custom transport.
    pub fn no_proxy(self) -> Self {
        self.proxy_setting(Proxy::none())
    }

    /// Which proxy the [`HttpTransport`] uses (default [`Proxy::from_environment`]), such as
    /// [`Proxy::from_variables`] with the application's own settings. Not used by a custom transport.
    pub fn proxy_setting(mut self, proxy: Proxy) -> Self {
        self.proxy = proxy;
        self
    }

    /// The retry policy of [`ClientCore::run`] (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Sends requests through `transport` (such as [`crate::testing::RecordingTransport`], or an `Arc` of one)
    /// instead of an [`HttpTransport`].
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The User-Agent sent with every request, instead of the generated client's default.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The request timeout.
    pub fn get_timeout(&self) -> Duration {
        self.timeout
    }

    /// The deadline of one call.
    pub fn get_deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// The largest response body accepted.
    pub fn get_max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// The connect timeout.
    pub fn get_connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The proxy setting.
    pub fn get_proxy(&self) -> &Proxy {
        &self.proxy
    }

    /// The retry policy.
    pub fn get_retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// The configured User-Agent, if one was set.
    pub fn get_user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }

    /// Whether a custom transport was set.
    pub fn has_custom_transport(&self) -> bool {
        self.transport.is_some()
    }

    /// The [`ClientCore`] for `base_url`: the custom transport, or else a new [`HttpTransport`] with the configured
    /// timeouts and proxy (reading the environment now unless a proxy was set); the retry policy; and a User-Agent
    /// header on every request (the configured one, else `default_user_agent`). Fails only when the [`HttpTransport`]
    /// cannot be built, such as for a User-Agent that is not a valid header value or a proxy URL that is not an HTTP
    /// proxy's.
    pub fn build_core(
        self,
        base_url: impl Into<String>,
        default_user_agent: &str,
    ) -> Result<ClientCore, TransportError> {
        let user_agent = self.user_agent.unwrap_or_else(|| default_user_agent.to_owned());
        let transport: Arc<dyn Transport> = match self.transport {
            Some(transport) => transport,
            None => Arc::new(
                HttpTransport::with_proxy(self.timeout, self.connect_timeout, &user_agent, &self.proxy)?
                    .max_response_bytes(self.max_response_bytes),
            ),
        };
        Ok(ClientCore::new(transport, base_url)
            .with_user_agent(user_agent)
            .with_retry_policy(self.retry_policy)
            .with_deadline(self.deadline))
    }

    /// [`ClientConfig::build_core`] as a generated client's constructor reports it: a base URL that is not an `http`
    /// or `https` URL with a host is a [`ValidationError`] of the "base URL" (see [`crate::origin::check_base_url`]),
    /// and a transport that cannot be built one of the "HTTP client" setting.
    pub fn connect(self, base_url: impl Into<String>, default_user_agent: &str) -> Result<ClientCore, ValidationError> {
        let base_url = base_url.into();
        crate::origin::check_base_url(&base_url).map_err(|why| ValidationError::new("base URL", why))?;
        self.build_core(base_url, default_user_agent)
            .map_err(|why| ValidationError::new("HTTP client", why.to_string()))
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry_policy", &self.retry_policy)
            .field("transport", &if self.transport.is_some() { "custom" } else { "HttpTransport" })
            .field("user_agent", &self.user_agent)
            .field("proxy", &self.proxy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::Call;
    use crate::http::HttpResponse;
    use crate::http::Method;
    use crate::testing::RecordingTransport;
    use crate::url::Query;
    use futures::executor::block_on;

    #[test]
    fn defaults_and_accessors() {
        let config = ClientConfig::default();
        assert_eq!(config.get_timeout(), Duration::from_secs(30));
        assert_eq!(config.get_connect_timeout(), Duration::from_secs(10));
        assert_eq!(config.get_retry_policy(), &RetryPolicy::default());
        assert_eq!(config.get_deadline(), Some(Duration::from_secs(60)));
        assert_eq!(config.get_max_response_bytes(), 16 * 1024 * 1024);
        assert_eq!(config.get_user_agent(), None);
        assert!(!config.has_custom_transport());
        let config = ClientConfig::new()
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(2))
            .retry_policy(RetryPolicy::none())
            .user_agent("app/2")
            .transport(RecordingTransport::new());
        assert_eq!(
            (config.get_timeout(), config.get_connect_timeout()),
            (Duration::from_secs(5), Duration::from_secs(2))
        );
        assert_eq!(config.get_retry_policy().get_max_attempts(), 1);
        assert_eq!(config.get_user_agent(), Some("app/2"));
        let shown = format!("{:?}", config.clone());
        assert!(shown.contains("custom") && shown.contains("app/2"), "{shown}");
    }

    #[test]
    fn build_core_with_custom_transport_sends_user_agent() {
        let transport = Arc::new(RecordingTransport::new());
        transport.push_json(503, &serde_json::json!({}));
        transport.push_json(200, &serde_json::json!({}));
        let policy = RetryPolicy::default().initial_backoff(Duration::ZERO);
        let core = ClientConfig::default()
            .retry_policy(policy.clone())
            .transport(transport.clone())
            .build_core("https://api.example.com", "payout-client/0.1")
            .expect("built");
        assert_eq!((core.base_url(), core.user_agent()), ("https://api.example.com", Some("payout-client/0.1")));
        assert_eq!(core.retry_policy(), &policy);
        let call = Call::new(Method::Get, "/a", 200);
        let response = block_on(core.execute::<_, std::convert::Infallible>(call, |r: HttpResponse| Ok(r.status)));
        assert_eq!(response.expect("a response"), 200);
        let requests = transport.requests();
        assert_eq!(requests.len(), 2);
        assert!(requests.iter().all(|r| r.header("user-agent") == Some("payout-client/0.1")));

        let core = ClientConfig::default()
            .user_agent("mine/1")
            .transport(transport.clone())
            .build_core("https://x", "default/1")
            .expect("built");
        let headers = vec![("User-Agent".to_owned(), crate::auth::HeaderValue::plain("call/1"))];
        let _ = block_on(core.send(Method::Get, "/", &Query::new(), headers, None));
        let _ = block_on(core.send(Method::Get, "/", &Query::new(), Vec::new(), None));
        let requests = transport.requests();
        let agents: Vec<_> =
            requests[2..].iter().map(|r| r.headers.iter().filter(|(n, _)| n == "User-Agent").count()).collect();
        assert_eq!(agents, [1, 1], "never sent twice");
        assert_eq!(requests[2].header("user-agent"), Some("call/1"));
        assert_eq!(requests[3].header("user-agent"), Some("mine/1"));
    }

    #[test]
    fn build_core_with_http_transport() {
        let core = ClientConfig::default().build_core("https://api.example.com", "payout-client/0.1").expect("built");
        assert_eq!(core.user_agent(), Some("payout-client/0.1"));
        assert_eq!(core.retry_policy(), &RetryPolicy::default());
        let error = ClientConfig::default().user_agent("bad\nagent").build_core("https://x", "d").expect_err("invalid");
        assert_eq!(error.kind(), crate::http::TransportErrorKind::Other);
    }

    #[test]
    fn proxy_settings() {
        assert_eq!(ClientConfig::default().get_proxy(), &Proxy::from_environment());
        assert_eq!(ClientConfig::default().no_proxy().get_proxy(), &Proxy::none());
        let config = ClientConfig::default().proxy("http://user:hunter2@proxy.internal:3128");
        assert_eq!(config.get_proxy(), &Proxy::url("http://user:hunter2@proxy.internal:3128"));
        let shown = format!("{config:?}");
        assert!(shown.contains("http://***@proxy.internal:3128") && !shown.contains("hunter2"), "{shown}");
        config.build_core("https://api.example.com", "d").expect("an HTTP proxy is accepted");
        for (url, why) in [
            ("https://user:hunter2@proxy.internal:3128", "https://"),
            ("socks5://user:hunter2@proxy.internal:1080", "only HTTP proxies"),
            ("http://user:hunter2@", "not valid"),
            ("http://us er:hunter2@proxy", "not valid"),
        ] {
            let error = ClientConfig::default().proxy(url).build_core("https://x", "d").expect_err(url);
            assert_eq!(error.kind(), crate::http::TransportErrorKind::Other);
            assert!(error.to_string().contains(why) && !error.to_string().contains("hunter2"), "{url}: {error}");
        }
    }
}
