//! One call from request to typed answer: [`Call`] describes it, [`ClientCore::execute`] runs it through the outcome
//! model of [`crate::outcome`], retrying only what may be retried, within the call's deadline.

use std::time::{Duration, Instant, SystemTime};

use tracing::Instrument as _;

use crate::auth::{Credentials, HeaderValue};
use crate::body::Body;
use crate::client::ClientCore;
use crate::error::{Error, RawResponse};
use crate::http::{HttpResponse, Method};
use crate::origin::SameOriginUrl;
use crate::outcome::{Resend, Unconfirmed, UnconfirmedReason};
use crate::retry::RetryEvent;
use crate::url::{join_url, Query};
use crate::validate::ValidationError;

/// What a generated error enum tells the runtime about its variants.
pub trait ApiError: Sized + crate::error::HttpStatus {
    /// Reads a response whose status is not the documented success: a documented (or well-formed but unknown) error
    /// as [`Error::Api`], anything else as [`Error::UnexpectedResponse`].
    fn from_response(response: HttpResponse) -> Error<Self>;

    /// Whether the server says with this error that it did not act on the request (the spec's error `outcome`).
    fn is_refusal(&self) -> bool;

    /// Whether this is the error the server answers a repeated reference with (the spec's `duplicate_error`).
    fn is_duplicate_reference(&self) -> bool {
        false
    }

    /// The response the error came from.
    fn into_response(self) -> RawResponse;
}

/// An operation that documents no errors has none to read: every non-success response is unexpected.
impl ApiError for std::convert::Infallible {
    fn from_response(response: HttpResponse) -> Error<Self> {
        Error::UnexpectedResponse {
            reason: format!("HTTP {} is not a documented answer", response.status),
            response: response.into(),
        }
    }

    fn is_refusal(&self) -> bool {
        match *self {}
    }

    fn into_response(self) -> RawResponse {
        match self {}
    }
}

/// How a success response becomes the endpoint's answer (see [`json_body`]).
pub type Decoder<T> = fn(HttpResponse) -> Result<T, Undecodable>;

/// The typed request of one endpoint, as the runtime sends it: generated request types implement it, and the client's
/// method for the endpoint hands the request to [`ClientCore::run`].
pub trait Operation {
    /// What a success returns.
    type Success;
    /// The errors the endpoint documents.
    type Error: ApiError;
    /// Whether the call carries the client's credentials.
    const AUTHENTICATED: bool;
    /// The one scheme the endpoint authenticates with, when the spec names one (`auth: <scheme>`).
    const SCHEME: Option<crate::auth::SchemeUse> = None;
    /// How the success response is read.
    const DECODE: Decoder<Self::Success>;
    /// Which endpoint this is, for the call's tracing span. Generated operations always name it.
    const ENDPOINT: Endpoint = Endpoint { api: "", name: "", path: "" };

    /// The call: method, path, query, headers, body, success status and what may be resent. Refused when an
    /// argument cannot be sent as given.
    fn call(&self) -> Result<Call, ValidationError>;
}

/// Names of an endpoint as the spec gives them, recorded on every call's tracing span: never the filled path, whose
/// IDs could identify a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The API's name (`api.name`).
    pub api: &'static str,
    /// The endpoint's name, as its client method is called.
    pub name: &'static str,
    /// The path template, with its `{placeholders}`.
    pub path: &'static str,
}

/// A success response whose body (or a documented header) could not be read: why, and the response.
#[derive(Clone, Debug, PartialEq)]
pub struct Undecodable {
    /// What was wrong with it.
    pub reason: String,
    /// The response.
    pub response: RawResponse,
}

impl Undecodable {
    /// `reason` about `response`.
    pub fn new(reason: impl Into<String>, response: HttpResponse) -> Self {
        Undecodable { reason: reason.into(), response: response.into() }
    }
}

/// Reads a success response as JSON of type `T`: [`Undecodable`] when it is not JSON or does not have `T`'s shape.
pub fn json_body<T: serde::de::DeserializeOwned>(response: HttpResponse) -> Result<T, Undecodable> {
    if !crate::client::is_json(&response) {
        return Err(Undecodable::new("the success response is not JSON", response));
    }
    match crate::client::decode_json(&response) {
        Ok(body) => Ok(body),
        Err(why) => Err(Undecodable::new(format!("the success body does not match the spec: {why}"), response)),
    }
}

/// Reads the documented response header `name` as `T` (surrounding spaces ignored): `None` when the server left it
/// out, an error saying which header when its value cannot be read.
pub fn header_value<T: std::str::FromStr>(response: &HttpResponse, name: &str) -> Result<Option<T>, String> {
    match response.header(name) {
        None => Ok(None),
        Some(text) => text.trim().parse().map(Some).map_err(|_| format!("header `{name}` has an unreadable value")),
    }
}

/// Reads the header `name` that links to the next page as `T`, from every line the server sent it on, joined with
/// `, ` as RFC 9110 (5.3) combines the lines of a list header: a `Link` whose `rel="next"` comes on a second line is
/// still found. `None` when the server left it out.
pub fn header_links<T: std::str::FromStr>(response: &HttpResponse, name: &str) -> Result<Option<T>, String> {
    let lines: Vec<&str> = response
        .headers
        .iter()
        .filter(|(header, _)| header.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim())
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    lines.join(", ").parse().map(Some).map_err(|_| format!("header `{name}` has an unreadable value"))
}

/// Reads the documented response header `name` as a list of `T` (its items separated by commas, see
/// [`crate::header_lists::split`]): `None` when the server left it out, an error saying which header when an item
/// cannot be read.
pub fn header_list<T: std::str::FromStr>(response: &HttpResponse, name: &str) -> Result<Option<Vec<T>>, String> {
    match response.header(name) {
        None => Ok(None),
        Some(text) => {
            crate::header_lists::split(text).map(Some).ok_or_else(|| format!("header `{name}` has an unreadable value"))
        }
    }
}

/// A request to send and the rules for answering it: the documented success status, and what may be resent.
#[derive(Clone, Debug)]
pub struct Call {
    method: Method,
    target: Target,
    query: Query,
    headers: Vec<(String, HeaderValue)>,
    body: Option<Body>,
    success: u16,
    resend: Resend,
    reference: Option<String>,
}

/// Where a call is sent.
#[derive(Clone, Debug)]
enum Target {
    /// A path relative to the base URL, followed by the call's query.
    Path(String),
    /// A link from a page, checked to stay at the base URL's origin; it carries its own query.
    Link(SameOriginUrl),
}

impl Call {
    /// A call of `method` on `path` (relative to the base URL) whose documented success status is `success`. It
    /// starts as a read ([`Resend::Free`]) without query, headers or body.
    pub fn new(method: Method, path: impl Into<String>, success: u16) -> Self {
        Call {
            method,
            target: Target::Path(path.into()),
            query: Query::new(),
            headers: Vec::new(),
            body: None,
            success,
            resend: Resend::Free,
            reference: None,
        }
    }

    /// The same call sent to `url`, a page's link, in place of its path and query: its method, headers, body and
    /// resend rules stay as they are. Only a URL checked by [`crate::origin::link_target`] is taken, so the call
    /// cannot leave the base URL's origin.
    pub(crate) fn sent_to_link(mut self, url: SameOriginUrl) -> Self {
        self.target = Target::Link(url);
        self.query = Query::new();
        self
    }

    /// The query string.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// The call's own headers (credentials included), sent after the client's default headers.
    pub fn headers(mut self, headers: Vec<(String, HeaderValue)>) -> Self {
        self.headers = headers;
        self
    }

    /// Appends what the request adds beyond its spec (see [`crate::extras`]) after the call's own query and headers;
    /// its extra body fields are already in the body, written with the request.
    pub fn extras(mut self, extras: &crate::extras::RequestExtras) -> Self {
        extras.append_to(&mut self.query, &mut self.headers);
        self
    }

    /// The body, sent with its content type unless a `Content-Type` header says otherwise.
    pub fn body(mut self, body: Option<Body>) -> Self {
        self.body = body;
        self
    }

    /// What may be resent (see [`Resend`]), and the reference the server knows the call by, if any. A missing or
    /// blank reference turns [`Resend::Replayed`] and [`Resend::Refused`] into [`Resend::Never`].
    pub fn resend(mut self, rule: Resend, reference: Option<String>) -> Self {
        self.resend = rule.with_reference(reference.as_deref());
        self.reference = reference.filter(|reference| !reference.trim().is_empty());
        self
    }

    /// The client's credentials, sent before the call's own headers.
    pub fn credentials(mut self, credentials: Option<&(String, HeaderValue)>) -> Self {
        self.headers.splice(0..0, credentials.cloned());
        self
    }

    /// The rule in force (after the reference was taken into account).
    pub fn resend_rule(&self) -> Resend {
        self.resend
    }
}

/// What the attempts of one call have seen so far.
struct Journal {
    attempts: u32,
    seen: Vec<String>,
    /// Whether an attempt may have reached the server without a definite answer.
    reached: bool,
    reference: Option<String>,
}

impl Journal {
    fn note(&mut self, what: impl std::fmt::Display) {
        self.seen.push(format!("attempt {}: {what}", self.attempts));
    }

    fn unconfirmed(self, reason: UnconfirmedReason) -> Unconfirmed {
        Unconfirmed::new(reason, self.reference, self.attempts, self.seen)
    }
}

/// The response inside an answer, for an [`Unconfirmed`] that keeps it.
fn response_of<E: ApiError>(answer: Error<E>) -> Option<RawResponse> {
    match answer {
        Error::Api(error) => Some(error.into_response()),
        Error::UnexpectedResponse { response, .. } => Some(response),
        _ => None,
    }
}

/// Whether an answer is HTTP 401, the API refusing the credentials.
fn refused_credentials<E: ApiError>(error: &Error<E>) -> bool {
    match error {
        Error::Api(error) => error.http_status() == 401,
        Error::UnexpectedResponse { response, .. } => response.status == 401,
        Error::OutcomeUnknown(unconfirmed) => unconfirmed.response().is_some_and(|r| r.status == 401),
        _ => false,
    }
}

/// The statuses that say "try again later".
fn asks_for_retry(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

impl ClientCore {
    /// Sends `operation`, with `credentials` when the endpoint takes them, and reads the answer: see
    /// [`ClientCore::execute`].
    pub async fn run<O: Operation>(
        &self,
        operation: O,
        credentials: &Credentials,
    ) -> Result<O::Success, Error<O::Error>> {
        let call = operation.call()?;
        self.run_call::<O>(call, credentials).await
    }

    /// Sends `call`, a call of the endpoint of `O` built some other way (a page walk's cursor), as [`ClientCore::run`]
    /// sends the call of an `O`.
    ///
    /// The call runs inside a `tracing` span named `call` (see [`crate::observe`]).
    pub async fn run_call<O: Operation>(
        &self,
        call: Call,
        credentials: &Credentials,
    ) -> Result<O::Success, Error<O::Error>> {
        self.run_call_reading::<O, O::Success>(call, credentials, O::DECODE).await
    }

    /// [`ClientCore::run_call`] with the success read by `read` instead of the endpoint's own decoder (the items
    /// stream reads a page's items one by one when the page cannot be read whole).
    pub(crate) async fn run_call_reading<O: Operation, T>(
        &self,
        call: Call,
        credentials: &Credentials,
        read: Decoder<T>,
    ) -> Result<T, Error<O::Error>> {
        let span = crate::observe::call_span(&O::ENDPOINT, call.method);
        let started = Instant::now();
        let answer = async {
            if !O::AUTHENTICATED {
                return self.execute(call, read).await;
            }
            let header = credentials.header_for(self, O::SCHEME).await?;
            let answer = self.execute(call.credentials(header.as_ref()), read).await;
            // A token the API refuses is not used again: the next call fetches a new one.
            if matches!(&answer, Err(error) if refused_credentials(error)) {
                credentials.refused().await;
            }
            answer
        }
        .instrument(span.clone())
        .await;
        crate::observe::finished(&span, started, &answer);
        answer
    }

    /// Runs `call`: sends it, retries what the retry policy and the call's [`Resend`] rule allow within the deadline,
    /// and reads the answer, `decode` for the success status and [`ApiError::from_response`] for any other. A
    /// success `decode` cannot read is [`Error::UnexpectedResponse`], or for a call that must not act twice
    /// [`Error::OutcomeUnknown`] (the server acted).
    ///
    /// For a call that must not act twice (any rule but [`Resend::Free`]), every error answers "could the request
    /// have been processed?": [`Error::Api`] only for a documented refusal, [`Error::Transport`] only when nothing
    /// reached the server, and [`Error::OutcomeUnknown`] whenever something may have.
    pub async fn execute<T, E: ApiError>(
        &self,
        call: Call,
        decode: impl FnOnce(HttpResponse) -> Result<T, Undecodable>,
    ) -> Result<T, Error<E>> {
        let Call { method, target, query, headers, body, success, resend, reference } = call;
        let url = match target {
            Target::Path(path) => join_url(self.base_url(), &path, &query),
            Target::Link(url) => url.into_string(),
        };
        let mut request = self.prepare(method, url, headers, body)?;
        let started = Instant::now();
        let deadline = self.deadline();
        let policy = self.retry_policy().clone();
        let mut journal = Journal { attempts: 0, seen: Vec::new(), reached: false, reference };
        loop {
            request.timeout = deadline.map(|deadline| deadline.saturating_sub(started.elapsed()));
            let outcome = self.transport().send(request.clone()).await;
            journal.attempts += 1;
            let attempt = journal.attempts;
            crate::observe::attempted(attempt, &outcome, started);
            let attempts_left = attempt < policy.get_max_attempts();
            // Whether there is time for a wait of `delay` and another attempt.
            let time_for = |delay: Duration| deadline.is_none_or(|deadline| started.elapsed() + delay < deadline);
            let (delay, reason) = match outcome {
                Err(error) => {
                    journal.note(&error);
                    let sent = error.request_may_have_been_sent();
                    journal.reached |= sent;
                    let may_retry = error.is_transient() && (!sent || resend != Resend::Never);
                    let delay = policy.delay(attempt);
                    if may_retry && attempts_left && time_for(delay) {
                        (delay, error.to_string())
                    } else if journal.reached && resend != Resend::Free {
                        return Err(Error::OutcomeUnknown(Box::new(
                            journal.unconfirmed(UnconfirmedReason::NoResponse(error)),
                        )));
                    } else {
                        return Err(Error::Transport(error));
                    }
                }
                Ok(response) if response.status == success => {
                    journal.note(format_args!("HTTP {}", response.status));
                    return match decode(response) {
                        Ok(value) => Ok(value),
                        // The server acted; for a call that must not act twice that is what the caller must hear.
                        Err(Undecodable { reason, response }) if resend != Resend::Free => {
                            let unconfirmed = journal.unconfirmed(UnconfirmedReason::UnreadableSuccess(reason));
                            Err(Error::OutcomeUnknown(Box::new(unconfirmed.with_response(response))))
                        }
                        Err(Undecodable { reason, response }) => Err(Error::UnexpectedResponse { reason, response }),
                    };
                }
                Ok(response) => {
                    let status = response.status;
                    journal.note(format_args!("HTTP {status}"));
                    if (200..300).contains(&status) && resend != Resend::Free {
                        let unconfirmed = journal.unconfirmed(UnconfirmedReason::UndocumentedAnswer);
                        return Err(Error::OutcomeUnknown(Box::new(unconfirmed.with_response(response.into()))));
                    }
                    let retry_after = response.header("retry-after").map(str::to_owned);
                    let answer = E::from_response(response);
                    let refusal = matches!(&answer, Error::Api(error) if error.is_refusal());
                    let reached_before = journal.reached;
                    journal.reached |= !refusal;
                    // Resending after this answer cannot act twice: a read, a call whose repeats the server
                    // recognises, or a refusal, which says this attempt did nothing.
                    let may_resend = resend != Resend::Never || refusal;
                    let wait = policy.retry_delay(attempt, retry_after.as_deref(), SystemTime::now());
                    match wait {
                        Some(delay) if asks_for_retry(status) && may_resend && attempts_left && time_for(delay) => {
                            (delay, format!("HTTP {status}"))
                        }
                        _ => return Err(final_answer(answer, refusal, reached_before, resend, journal)),
                    }
                }
            };
            crate::observe::retrying(attempt, delay, &reason);
            if let Some(observer) = self.retry_observer() {
                observer(RetryEvent { attempt, delay, reason });
            }
            // A zero wait needs no timer, so clients with zero backoff also run outside a tokio runtime.
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
        }
    }
}

/// The error a call ends with after a non-success answer that will not be retried.
fn final_answer<E: ApiError>(
    answer: Error<E>,
    refusal: bool,
    reached_before: bool,
    resend: Resend,
    journal: Journal,
) -> Error<E> {
    let duplicate = matches!(&answer, Error::Api(error) if error.is_duplicate_reference());
    let reason = match resend {
        Resend::Free => return answer,
        // A refusal is definite when no earlier attempt may have acted, or when the server would have answered a
        // repeat of an earlier success with that success (it replays).
        _ if refusal && (!reached_before || resend == Resend::Replayed) => return answer,
        _ if refusal => UnconfirmedReason::RefusedAfterRetry { duplicate },
        _ => UnconfirmedReason::UndocumentedAnswer,
    };
    let mut unconfirmed = journal.unconfirmed(reason);
    if let Some(response) = response_of(answer) {
        unconfirmed = unconfirmed.with_response(response);
    }
    Error::OutcomeUnknown(Box::new(unconfirmed))
}

/// Why a request cannot be sent as given: a header name that is not a token, or a value with a byte HTTP does not
/// allow (line breaks, NUL, non-ASCII). Checked before anything is sent, so it is never retried nor mistaken for a
/// request that may have arrived.
pub(crate) fn unsendable_header(name: &str, value: &str) -> Option<String> {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Some(format!("`{}` is not a valid header name", crate::text::shown(name)));
    }
    if !value.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) {
        return Some(format!("the value of header `{name}` has a character HTTP headers cannot carry"));
    }
    None
}

#[cfg(test)]
#[path = "call_tests.rs"]
mod tests;
