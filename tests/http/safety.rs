//! Payout safety over real HTTP: for every way a payout call can go wrong, how many requests reached the server,
//! what the caller got, and whether that error truthfully says the payout may exist.
//!
//! Run with `--nocapture` to see the table (scenario | requests received | error or value | may the payout exist).

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use std::time::{Duration, Instant};

use codegen_runtime::{ApiError, ClientConfig, Error, Secret, TransportErrorKind, UnconfirmedReason};
use payout_clients::{reservepay, tokenio};
use serde_json::{json, Value};

use server::{Reply, TestServer};
use support::*;

/// One row of the table.
struct Row {
    scenario: String,
    requests: usize,
    observed: String,
    may_exist: bool,
}

/// The variant a call ended with, and whether its error says the payout may exist.
fn describe<T: std::fmt::Debug, E: ApiError + std::fmt::Debug>(result: &Result<T, Error<E>>) -> (String, bool) {
    match result {
        Ok(value) => (format!("Ok({})", shorten(&format!("{value:?}"))), true),
        Err(error) => {
            let variant = match error {
                Error::Api(api) => format!("Api({})", format!("{api:?}").split('(').next().unwrap_or_default()),
                Error::OutcomeUnknown(unconfirmed) => match unconfirmed.reason() {
                    UnconfirmedReason::NoResponse(e) => format!("OutcomeUnknown(no response: {:?})", e.kind),
                    UnconfirmedReason::UndocumentedAnswer => {
                        format!("OutcomeUnknown(HTTP {})", unconfirmed.response().map_or(0, |response| response.status))
                    }
                    UnconfirmedReason::UnreadableSuccess(_) => "OutcomeUnknown(unreadable success)".to_owned(),
                    UnconfirmedReason::RefusedAfterRetry { duplicate } => {
                        format!("OutcomeUnknown(refused retry, duplicate: {duplicate})")
                    }
                },
                Error::Transport(e) => format!("Transport({:?})", e.kind),
                Error::InvalidRequest(_) => "InvalidRequest".to_owned(),
                Error::UnexpectedResponse { response, .. } => format!("UnexpectedResponse({})", response.status),
                Error::Pagination(_) => "Pagination".to_owned(),
                Error::Credentials(_) => "Credentials".to_owned(),
            };
            (variant, error.may_have_been_processed())
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(37).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// Up to `attempts` attempts, 1 ms apart, with a 2 s timeout per attempt.
fn config(attempts: u32) -> ClientConfig {
    ClientConfig::default().no_proxy().timeout(Duration::from_secs(2)).retry_policy(fast_retries(attempts))
}

fn initiation(ref_id: &str) -> tokenio::InitiatePayoutRequest {
    use tokenio::{
        Amount, CreditorInformation, CurrencyCode, DebtorInformation, DecimalAmount, PaymentReference, RefId,
    };
    let creditor = CreditorInformation::new()
        .with_name("Customer Inc.".to_owned())
        .with_account_number("12345678".to_owned())
        .with_sort_code("123456".to_owned());
    tokenio::InitiatePayoutRequest::new(tokenio::PayoutInitiation::new(
        PaymentReference::new("INV 2024-0417").expect("payment reference"),
        RefId::new(ref_id).expect("refId"),
        Amount::new(DecimalAmount::new("10.23").expect("amount"), CurrencyCode::new("GBP").expect("currency")),
        DebtorInformation::new("a12345".to_owned()),
        creditor,
    ))
}

fn send(external_id: Option<&str>) -> reservepay::SendPayoutToContactRequest {
    let request = reservepay::SendPayoutToContactRequest::new(
        reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"),
        reservepay::MinorUnits::new("10000").expect("amount"),
    );
    match external_id {
        Some(reference) => request.with_external_id(reference.to_owned()),
        None => request,
    }
}

fn tokenio_error(status: u16, code: &str) -> Reply {
    Reply::json(status, &json!({"error": {"errorCode": code, "message": format!("{code} from the test server")}}))
}

fn payout_example() -> Value {
    endpoint("tokenio", "get_payout").examples[0].response.clone().expect("example payout")
}

/// A reply that arrives after the client gave up (the 2 s timeout of [`config`]).
fn too_late(reply: Reply) -> Reply {
    reply.delayed(Duration::from_secs(4))
}

async fn tokenio_initiate(
    scenario: &str,
    replies: Vec<Reply>,
    rows: &mut Vec<Row>,
) -> Error<tokenio::InitiatePayoutError> {
    let server = TestServer::scripted(replies).await;
    let client = tokenio_client(&server, config(4));
    let result = client.initiate_payout(initiation("9htio4a1sp2akdr1aa")).await;
    let (observed, may_exist) = describe(&result);
    rows.push(Row {
        scenario: format!("Token.io initiate: {scenario}"),
        requests: server.request_count(),
        observed,
        may_exist,
    });
    result.expect_err("the scenario fails")
}

async fn reservepay_send(
    scenario: &str,
    external_id: Option<&str>,
    replies: Vec<Reply>,
    rows: &mut Vec<Row>,
) -> Result<String, Error<reservepay::SendPayoutToContactError>> {
    let server = TestServer::scripted(replies).await;
    let client = reservepay_client(&server, config(4));
    let result = client.send_payout_to_contact(send(external_id)).await;
    let (observed, may_exist) = describe(&result);
    let with = match external_id {
        Some(reference) if reference.trim().is_empty() => format!("external_id {reference:?}"),
        Some(_) => "with external_id".to_owned(),
        None => "no external_id".to_owned(),
    };
    rows.push(Row {
        scenario: format!("Reservepay send ({with}): {scenario}"),
        requests: server.request_count(),
        observed,
        may_exist,
    });
    result
}

fn unconfirmed<E: std::fmt::Debug>(error: &Error<E>) -> &codegen_runtime::Unconfirmed {
    match error {
        Error::OutcomeUnknown(unconfirmed) => unconfirmed,
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payouts_are_never_sent_twice_and_unknown_outcomes_are_said() {
    let mut rows = Vec::new();

    // Token.io does not document what a repeated refId does: nothing that may have arrived is sent again.
    let payout = Reply::json(200, &payout_example());
    for (scenario, first) in [
        ("timeout", too_late(payout.clone())),
        ("connection reset", Reply::Reset),
        ("503", tokenio_error(503, "UNAVAILABLE")),
        ("504", tokenio_error(504, "DEADLINE_EXCEEDED")),
        ("429", tokenio_error(429, "RESOURCE_EXHAUSTED")),
        ("500", tokenio_error(500, "InternalServerError")),
        ("201 (undocumented success)", Reply::json(201, &payout_example())),
    ] {
        let error = tokenio_initiate(scenario, vec![first, payout.clone()], &mut rows).await;
        let unconfirmed = unconfirmed(&error);
        assert_eq!(unconfirmed.reference(), Some("9htio4a1sp2akdr1aa"), "{scenario}");
        assert_eq!(unconfirmed.attempts(), 1, "{scenario}");
    }
    let error =
        tokenio_initiate("400 (documented refusal)", vec![tokenio_error(400, "INVALID_ARGUMENT")], &mut rows).await;
    assert!(matches!(error, Error::Api(tokenio::InitiatePayoutError::BadRequest(_))), "{error:?}");
    let error =
        tokenio_initiate("501 (documented refusal)", vec![tokenio_error(501, "UNIMPLEMENTED")], &mut rows).await;
    assert!(matches!(error, Error::Api(tokenio::InitiatePayoutError::NotImplemented(_))), "{error:?}");

    // Reservepay refuses a repeated external_id, so with one the payout is retried; without one it is not.
    let created = Reply::json(200, &json!("po_6Jt3WsE9xV"));
    let refusal = |code: &str| Reply::json(400, &json!([code, format!("{code} from the test server"), null]));
    for (scenario, replies, retried) in [
        ("429 then 200", vec![Reply::json(429, &json!({"message": "slow down"})), created.clone()], true),
        ("503 then 200", vec![Reply::json(503, &json!({})), created.clone()], true),
        ("connection reset then 200", vec![Reply::Reset, created.clone()], true),
        ("timeout then 200", vec![too_late(created.clone()), created.clone()], true),
    ] {
        let result = reservepay_send(scenario, Some("payout_001"), replies.clone(), &mut rows).await;
        assert_eq!(result.expect(scenario), "po_6Jt3WsE9xV");
        assert!(retried);
        // The same failures without a reference: sent once, and the caller is told the payout may exist.
        let result = reservepay_send(scenario, None, replies, &mut rows).await;
        let error = result.expect_err(scenario);
        assert_eq!(unconfirmed(&error).attempts(), 1, "{scenario}");
    }
    for (scenario, replies) in [
        ("503 on every attempt", vec![Reply::json(503, &json!({})); 4]),
        ("reset on every attempt", vec![Reply::Reset; 4]),
        ("500 HTML page", vec![Reply::html(500), created.clone()]),
        ("201 (undocumented success)", vec![Reply::json(201, &json!("po_6Jt3WsE9xV"))]),
        ("204 (undocumented success)", vec![Reply::body(204, "application/json", Vec::new())]),
        ("reset, then the retry refused (reference used)", vec![Reply::Reset, refusal("INVALID_ARGUMENTS")]),
        ("reset, then the retry refused (balance)", vec![Reply::Reset, refusal("INSUFFICIENT_BALANCE")]),
        ("UNHANDLED_ERROR (outcome unknown)", vec![refusal("UNHANDLED_ERROR")]),
    ] {
        let error = reservepay_send(scenario, Some("payout_001"), replies, &mut rows).await.expect_err(scenario);
        assert!(error.may_have_been_processed(), "{scenario}: {error}");
        assert_eq!(unconfirmed(&error).reference(), Some("payout_001"), "{scenario}");
    }
    let error = reservepay_send(
        "INSUFFICIENT_BALANCE on the first attempt",
        Some("payout_001"),
        vec![refusal("INSUFFICIENT_BALANCE")],
        &mut rows,
    )
    .await
    .expect_err("refused");
    assert!(matches!(error, Error::Api(reservepay::SendPayoutToContactError::InsufficientBalance(_))), "{error:?}");
    assert!(error.to_string().contains("INSUFFICIENT_BALANCE from the test server"), "{error}");

    // A blank reference identifies nothing: it is treated like no reference at all.
    for blank in ["", "   "] {
        let error = reservepay_send("connection reset", Some(blank), vec![Reply::Reset, created.clone()], &mut rows)
            .await
            .expect_err("blank");
        assert_eq!(unconfirmed(&error).attempts(), 1);
        assert_eq!(unconfirmed(&error).reference(), None);
    }

    // Credentials that can never be sent are refused when the client is built: no call exists to be retried or to be
    // reported as maybe sent. (A header argument that cannot be sent is refused at call time, before sending: the
    // runtime's `unsendable_requests_are_refused_before_anything_is_sent`.)
    let server = TestServer::always(Reply::json(200, &payout_example())).await;
    let broken = tokenio::Client::with_config(
        tokenio::Environment::Custom(server.base_url()),
        tokenio::Auth::Bearer(Secret::new("eyJhbGciOi\r\nX-Injected: 1")),
        config(4),
    );
    let refused = broken.expect_err("a token with a line break is refused");
    assert_eq!(refused.to_string(), "invalid bearer token: has a character an HTTP header cannot carry");
    rows.push(Row {
        scenario: "Token.io client: line break in the token (refused when the client is built)".into(),
        requests: server.request_count(),
        // A definite answer, as an `Error::InvalidRequest` of a call would be: nothing was sent.
        observed: format!("InvalidRequest from Client::with_config ({refused})"),
        may_exist: false,
    });
    assert_eq!(server.request_count(), 0);
    assert_eq!(server.request_count(), 0);

    print_table(&rows);
    // What each row's error says must match what the server saw: whenever the server received a request and the
    // caller got no definite answer, the error says the payout may exist.
    for row in &rows {
        let definite = row.observed.starts_with("Ok")
            || row.observed.starts_with("Api(")
            || row.observed.starts_with("InvalidRequest");
        assert_eq!(row.may_exist, !definite || row.observed.starts_with("Ok"), "{}: {}", row.scenario, row.observed);
    }
    let sent_twice: Vec<&Row> =
        rows.iter().filter(|r| r.requests > 1 && !r.scenario.contains("with external_id")).collect();
    assert!(
        sent_twice.is_empty(),
        "sent twice without a way to recognise the repeat: {}",
        sent_twice.iter().map(|r| r.scenario.as_str()).collect::<Vec<_>>().join(", ")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_outcome_is_reconciled_by_reference() {
    let payout = payout_example();
    let found = json!({"payouts": [payout["payout"].clone()], "paging": {"offset": "next"}});
    let server = TestServer::start(move |request, _| match request.method.as_str() {
        "POST" => Reply::Reset,
        _ if request.target().contains("refIds=9htio4a1sp2akdr1aa") => Reply::json(200, &found),
        _ => Reply::json(200, &json!({"payouts": [], "paging": {}})),
    })
    .await;
    let client = tokenio_client(&server, config(4));
    let error = client.initiate_payout(initiation("9htio4a1sp2akdr1aa")).await.expect_err("reset");
    let reference = unconfirmed(&error).reference().expect("the reference").to_owned();
    let payout = client.reconcile_initiate_payout(&reference).await.expect("looked up").expect("found");
    assert_eq!(payout.id.as_str(), payout_example()["payout"]["id"].as_str().expect("id"));
    let none = client.reconcile_initiate_payout("unknownref1").await.expect("looked up");
    assert!(none.is_none());
    let requests = server.requests();
    assert_eq!(requests.iter().filter(|r| r.method == "POST").count(), 1, "the payout is never sent again");
    let lookup = &requests[1];
    assert_eq!((lookup.method.as_str(), lookup.path.as_str()), ("GET", "/payouts"));
    assert_eq!(
        lookup.query_pairs(),
        [("limit".to_owned(), "10".to_owned()), ("refIds".to_owned(), "9htio4a1sp2akdr1aa".to_owned())]
    );
    // A reference the lookup argument's type refuses is refused before anything is sent.
    let before = server.request_count();
    let refused = client.reconcile_initiate_payout("not valid: spaces").await;
    assert!(matches!(refused, Err(Error::InvalidRequest(_))), "{refused:?}");
    assert_eq!(server.request_count(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_servers_cannot_exhaust_memory_or_time() {
    // An endless body: refused at the limit, not retried.
    let server = TestServer::always(Reply::json(200, &json!({"payout": {"id": "x".repeat(4 * 1024 * 1024)}}))).await;
    let client = tokenio_client(&server, config(4).max_response_bytes(1024 * 1024));
    let request = tokenio::GetPayoutRequest::new(tokenio::PayoutId::new("po:abc:def").expect("id"));
    let error = client.get_payout(request.clone()).await.expect_err("too large");
    assert!(matches!(&error, Error::Transport(e) if e.kind == TransportErrorKind::TooLarge), "{error:?}");
    assert_eq!(server.request_count(), 1);

    // A server that never answers: the deadline bounds the whole call, whatever the attempts and timeouts.
    let server = TestServer::always(Reply::json(200, &payout_example()).delayed(Duration::from_secs(60))).await;
    let slow = ClientConfig::default()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .retry_policy(fast_retries(4))
        .deadline(Some(Duration::from_millis(800)));
    let client = tokenio_client(&server, slow);
    let started = Instant::now();
    let error = client.get_payout(request).await.expect_err("no answer");
    assert!(matches!(&error, Error::Transport(e) if e.kind == TransportErrorKind::Timeout), "{error:?}");
    let error = client.initiate_payout(initiation("9htio4a1sp2akdr1aa")).await.expect_err("no answer");
    assert!(matches!(error, Error::OutcomeUnknown(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "two calls bounded by 0.8 s each: {:?}", started.elapsed());

    // Server text in messages is bounded: a 1 MB message does not make a 1 MB error.
    let huge = "9".repeat(1_000_000);
    let server = TestServer::always(Reply::json(400, &json!(["NOT_FOUND", huge, null]))).await;
    let client = reservepay_client(&server, config(1));
    let error = client.send_payout_to_contact(send(Some("payout_001"))).await.expect_err("refused");
    let shown = error.to_string();
    assert!(shown.starts_with("API error: NOT_FOUND: 999"), "{}", shorten(&shown));
    assert!(shown.len() < 1_000, "{} bytes", shown.len());
    let server = TestServer::always(Reply::json(200, &json!({"payout": {"id": huge}}))).await;
    let client = tokenio_client(&server, config(1));
    let request = tokenio::GetPayoutRequest::new(tokenio::PayoutId::new("po:abc:def").expect("id"));
    let shown = client.get_payout(request).await.expect_err("wrong shape").to_string();
    assert!(shown.len() < 1_000, "{} bytes: {}", shown.len(), shorten(&shown));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_read_well_and_chain_their_causes() {
    let body =
        json!({"error": {"errorCode": "INVALID_ARGUMENT", "message": "refId is too long", "tokenTraceId": "t1"}});
    let server = TestServer::always(Reply::json(400, &body)).await;
    let client = tokenio_client(&server, config(1));
    let error = client.initiate_payout(initiation("9htio4a1sp2akdr1aa")).await.expect_err("refused");
    assert_eq!(error.to_string(), "API error: BAD_REQUEST: HTTP 400: INVALID_ARGUMENT: refId is too long");
    let api = std::error::Error::source(&error).expect("the API error");
    let status = api.source().expect("the status error");
    assert_eq!(status.to_string(), "HTTP 400: INVALID_ARGUMENT: refId is too long");

    let server = TestServer::always(Reply::Reset).await;
    let client = tokenio_client(&server, config(1));
    let error = client.initiate_payout(initiation("9htio4a1sp2akdr1aa")).await.expect_err("reset");
    let unconfirmed = std::error::Error::source(&error).expect("the unconfirmed outcome");
    assert!(unconfirmed.to_string().contains("reference `9htio4a1sp2akdr1aa`"), "{unconfirmed}");
    assert!(unconfirmed.source().is_some(), "the transport error");
}

fn print_table(rows: &[Row]) {
    println!("| scenario | requests the server received | error or value the caller got | could the payout exist (as the error says) |");
    println!("| --- | --- | --- | --- |");
    for row in rows {
        let exists = if row.observed.starts_with("Ok") {
            "yes (created)"
        } else if row.may_exist {
            "yes, maybe"
        } else {
            "no"
        };
        println!("| {} | {} | {} | {} |", row.scenario, row.requests, row.observed, exists);
    }
}
