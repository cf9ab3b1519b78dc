//! The fault matrix: what each network or server fault turns into for the caller of a generated client, over real
//! HTTP. Every fault must give a specific `codegen_runtime::Error` variant (or, for tolerated oddities, a success),
//! never a panic: each call runs in its own task and a panic fails the row.
//!
//! Run with `--nocapture` to see the table (fault | call | error observed | requests the server received).

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use std::fmt::Debug;
use std::future::Future;
use std::time::{Duration, Instant};

use codegen_runtime::{ClientConfig, Error, UnconfirmedReason};
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::{json, Value};

use server::{Reply, TestServer};
use support::*;

/// One row of the matrix.
struct Row {
    fault: &'static str,
    call: &'static str,
    /// The variant the row must produce, as [`outcome`] writes it.
    expected: &'static str,
    observed: String,
    detail: String,
    expected_requests: usize,
    requests: usize,
}

/// The variant of a call's result (`Ok`, `Transport(Io)`, `Api(NotFound)`, `UnexpectedResponse(500)`...) and what it
/// says.
fn outcome<T: Debug, E: Debug + std::fmt::Display>(result: &Result<T, Error<E>>) -> (String, String) {
    match result {
        Ok(value) => ("Ok".to_owned(), shorten(&format!("{value:?}"))),
        Err(Error::Api(error)) => {
            let debug = format!("{error:?}");
            let variant = debug.split('(').next().unwrap_or_default();
            (format!("Api({variant})"), error.to_string())
        }
        Err(Error::Transport(error)) => (format!("Transport({:?})", error.kind), error.to_string()),
        Err(Error::OutcomeUnknown(unconfirmed)) => {
            let reason = match unconfirmed.reason() {
                UnconfirmedReason::NoResponse(error) => format!("{:?}", error.kind),
                UnconfirmedReason::UndocumentedAnswer => {
                    format!("HTTP {}", unconfirmed.response().map_or(0, |response| response.status))
                }
                UnconfirmedReason::UnreadableSuccess(_) => "UnreadableSuccess".to_owned(),
                UnconfirmedReason::RefusedAfterRetry { duplicate } => {
                    format!("RefusedAfterRetry(duplicate: {duplicate})")
                }
            };
            (format!("OutcomeUnknown({reason})"), unconfirmed.to_string())
        }
        Err(Error::Pagination(reason)) => ("Pagination".to_owned(), reason.clone()),
        Err(Error::Credentials(error)) => ("Credentials".to_owned(), error.to_string()),
        Err(Error::UnexpectedResponse { reason, response }) => {
            (format!("UnexpectedResponse({})", response.status), reason.clone())
        }
        Err(Error::InvalidRequest(error)) => ("InvalidRequest".to_owned(), error.to_string()),
    }
}

fn shorten(text: &str) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() > 90 {
        format!("{}...", text.chars().take(87).collect::<String>())
    } else {
        text
    }
}

/// Runs `call` in its own task, so that a panic inside the client is caught and reported as a failed row.
async fn isolated<F>(call: F) -> (String, String)
where
    F: Future<Output = (String, String)> + Send + 'static,
{
    match tokio::spawn(call).await {
        Ok(outcome) => outcome,
        Err(error) => ("PANIC".to_owned(), error.to_string()),
    }
}

fn config(attempts: u32) -> ClientConfig {
    ClientConfig::default().no_proxy().timeout(Duration::from_secs(5)).retry_policy(fast_retries(attempts))
}

fn example_payout() -> Value {
    endpoint("tokenio", "get_payout").examples[0].response.clone().expect("example payout")
}

fn list_request() -> reservepay::ListPaymentsByContactRequest {
    reservepay::ListPaymentsByContactRequest::new(reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"))
}

fn get_payout_request() -> tokenio::GetPayoutRequest {
    tokenio::GetPayoutRequest::new(tokenio::PayoutId::new("po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget").expect("id"))
}

/// A Reservepay payout; with `reference`, the call may be retried (`external_id`), without it, it may not.
fn send(reference: Option<&str>) -> reservepay::SendPayoutToContactRequest {
    let request = reservepay::SendPayoutToContactRequest::new(
        reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"),
        reservepay::MinorUnits::new("10000").expect("amount"),
    );
    match reference {
        Some(reference) => request.with_external_id(reference.to_owned()),
        None => request,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_matrix() {
    let mut rows = Vec::new();
    let started = Instant::now();

    // Reset after the request was read. A read is retried; every attempt reset gives Transport(Io).
    let server = TestServer::always(Reply::Reset).await;
    let client = tokenio_client(&server, config(2));
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    rows.push(Row {
        fault: "connection reset after reading the request (every attempt)",
        call: "tokenio.get_payout (read, 2 attempts)",
        expected: "Transport(Io)",
        observed,
        detail,
        expected_requests: 2,
        requests: server.request_count(),
    });
    assert_eq!(server.resets(), 2);

    // A reset once, then an answer: the read is retried and succeeds.
    let server = TestServer::scripted(vec![Reply::Reset, Reply::json(200, &example_payout())]).await;
    let client = tokenio_client(&server, config(3));
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    rows.push(Row {
        fault: "connection reset once, then 200",
        call: "tokenio.get_payout (read, 3 attempts)",
        expected: "Ok",
        observed,
        detail,
        expected_requests: 2,
        requests: server.request_count(),
    });

    // A reset on a payout without a reference: it may have been made, so it is neither retried nor reported failed.
    let server = TestServer::always(Reply::Reset).await;
    let client = reservepay_client(&server, config(8));
    let (observed, detail) = isolated(async move { outcome(&client.send_payout_to_contact(send(None)).await) }).await;
    rows.push(Row {
        fault: "connection reset after reading the request",
        call: "reservepay.send_payout_to_contact (no external_id)",
        expected: "OutcomeUnknown(Io)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // 500 with an HTML page (a proxy, not the API): not an API error, not retried, response kept.
    let server = TestServer::always(Reply::html(500)).await;
    let client = reservepay_client(&server, config(8));
    let (observed, detail) = isolated(async move {
        let result = client.send_payout_to_contact(send(Some("payout_html"))).await;
        if let Err(Error::OutcomeUnknown(unconfirmed)) = &result {
            let response = unconfirmed.response().expect("the response is kept");
            assert!(response.body_text().contains("<h1>Internal Server Error</h1>"), "the HTML body is kept");
            assert_eq!(response.header("content-type"), Some("text/html; charset=utf-8"));
        }
        outcome(&result)
    })
    .await;
    rows.push(Row {
        fault: "500 with an HTML body (a payout may have been made behind the proxy)",
        call: "reservepay.send_payout_to_contact (external_id)",
        expected: "OutcomeUnknown(HTTP 500)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let server = TestServer::always(Reply::html(500)).await;
    let client = tokenio_client(&server, config(3));
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    rows.push(Row {
        fault: "500 with an HTML body (documented 500 is JSON)",
        call: "tokenio.get_payout",
        expected: "UnexpectedResponse(500)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // Truncated JSON: Content-Length promises more than arrives, then the connection closes.
    let server = TestServer::always(Reply::json(200, &example_payout()).truncated()).await;
    let client = tokenio_client(&server, config(1));
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    rows.push(Row {
        fault: "truncated JSON (Content-Length > body, then close)",
        call: "tokenio.get_payout (1 attempt)",
        expected: "Transport(Io)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let server = TestServer::always(Reply::json(200, &json!("po_6Jt3WsE9xV")).truncated()).await;
    let client = reservepay_client(&server, config(8));
    let (observed, detail) = isolated(async move { outcome(&client.send_payout_to_contact(send(None)).await) }).await;
    rows.push(Row {
        fault: "truncated JSON (Content-Length > body, then close)",
        call: "reservepay.send_payout_to_contact (no external_id)",
        expected: "OutcomeUnknown(Io)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // The body arrives after the client's timeout.
    let server = TestServer::always(Reply::json(200, &example_payout()).delayed(Duration::from_secs(3))).await;
    let client = tokenio_client(&server, config(1).timeout(Duration::from_millis(300)));
    let call_started = Instant::now();
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    assert!(call_started.elapsed() < Duration::from_secs(2), "the timeout fired: {:?}", call_started.elapsed());
    rows.push(Row {
        fault: "body delayed 3 s, past the 300 ms client timeout",
        call: "tokenio.get_payout (1 attempt)",
        expected: "Transport(Timeout)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // 429 with Retry-After: 1, then a page: the client waits the second the server asked for, then succeeds.
    let page = endpoint("rebilly", "get_payout_request_collection").examples[0].response.clone().expect("page");
    let problem = json!({"type": "about:blank", "title": "Too Many Requests", "status": 429});
    let server = TestServer::scripted(vec![
        Reply::body(429, "application/problem+json", problem.to_string()).header("Retry-After", "1"),
        Reply::json(200, &page),
    ])
    .await;
    let client = rebilly_client(&server, config(3));
    let call_started = Instant::now();
    let (observed, detail) = isolated(async move {
        outcome(&client.get_payout_request_collection(rebilly::GetPayoutRequestCollectionRequest::new()).await)
    })
    .await;
    let waited = call_started.elapsed();
    assert!(waited >= Duration::from_secs(1), "Retry-After: 1 is honoured (waited {waited:?})");
    rows.push(Row {
        fault: "429 with Retry-After: 1, then 200",
        call: "rebilly.get_payout_request_collection",
        expected: "Ok",
        observed,
        detail: format!("after {:.2} s; {detail}", waited.as_secs_f64()),
        expected_requests: 2,
        requests: server.request_count(),
    });

    // 429 asking for longer than the policy allows: returned at once as the documented error.
    let quota = endpoint("tokenio", "get_payouts").examples.iter().find(|e| e.status == 429).expect("429 example");
    let server = TestServer::always(example_reply(api("tokenio"), quota).header("Retry-After", "1")).await;
    let policy = fast_retries(3).max_retry_after(Duration::from_millis(500));
    let client = tokenio_client(&server, config(3).retry_policy(policy.clone()));
    let (observed, detail) = isolated(async move {
        let request = tokenio::GetPayoutsRequest::new(tokenio::PageLimit::new(10).expect("limit"));
        outcome(&client.get_payouts(request).await)
    })
    .await;
    rows.push(Row {
        fault: "429 with Retry-After: 1 > max_retry_after 0.5 s",
        call: "tokenio.get_payouts",
        expected: "Api(TooManyRequests)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let server =
        TestServer::always(Reply::json(429, &json!({"message": "slow down"})).header("Retry-After", "1")).await;
    let client = reservepay_client(&server, config(3).retry_policy(policy));
    let (observed, detail) =
        isolated(async move { outcome(&client.send_payout_to_contact(send(Some("payout_429"))).await) }).await;
    rows.push(Row {
        fault: "429 with Retry-After: 1 > max_retry_after (undocumented: API errors are 400)",
        call: "reservepay.send_payout_to_contact",
        expected: "OutcomeUnknown(HTTP 429)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // An error code the spec does not list: kept with its code and message.
    let body = json!(["PAYOUTS_SUSPENDED", "Payouts are suspended for this merchant.", {"until": 1743667200}]);
    let server = TestServer::always(Reply::json(400, &body)).await;
    let client = reservepay_client(&server, config(3));
    let (observed, detail) = isolated(async move {
        let result = client.list_payments_by_contact(list_request()).await;
        if let Err(Error::Api(reservepay::ListPaymentsByContactError::Unknown(error))) = &result {
            assert_eq!(error.status, 400);
            assert_eq!(error.code.as_deref(), Some("PAYOUTS_SUSPENDED"));
            assert_eq!(error.message.as_deref(), Some("Payouts are suspended for this merchant."));
            assert_eq!(serde_json::from_slice::<Value>(&error.response.body).expect("JSON"), body);
        }
        outcome(&result)
    })
    .await;
    rows.push(Row {
        fault: "unknown error code PAYOUTS_SUSPENDED",
        call: "reservepay.list_payments_by_contact",
        expected: "Api(Unknown)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // On a payout the same undocumented code says nothing about whether it was made.
    let body = json!(["PAYOUTS_SUSPENDED", "Payouts are suspended for this merchant.", null]);
    let server = TestServer::always(Reply::json(400, &body)).await;
    let client = reservepay_client(&server, config(3));
    let (observed, detail) =
        isolated(async move { outcome(&client.send_payout_to_contact(send(Some("payout_unknown_code"))).await) }).await;
    rows.push(Row {
        fault: "unknown error code PAYOUTS_SUSPENDED",
        call: "reservepay.send_payout_to_contact",
        expected: "OutcomeUnknown(HTTP 400)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let teapot = json!({"error": {"errorCode": "TEAPOT", "message": "I'm a teapot"}});
    let server = TestServer::always(Reply::json(418, &teapot)).await;
    let client = tokenio_client(&server, config(3));
    let (observed, detail) = isolated(async move { outcome(&client.get_payout(get_payout_request()).await) }).await;
    rows.push(Row {
        fault: "undocumented error status 418 (JSON body)",
        call: "tokenio.get_payout",
        expected: "Api(Unknown)",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // An enum value the spec does not list, in an otherwise valid body: decoded, kept, written back unchanged.
    let mut payout = example_payout();
    payout["payout"]["status"] = json!("INITIATION_ON_HOLD");
    let server = TestServer::always(Reply::json(200, &payout)).await;
    let client = tokenio_client(&server, config(3));
    let (observed, detail) = isolated(async move {
        let result = client.get_payout(get_payout_request()).await;
        if let Ok(response) = &result {
            assert_eq!(response.payout.status, tokenio::PayoutStatus::Unknown("INITIATION_ON_HOLD".to_owned()));
            assert_eq!(to_json(response), payout, "written back unchanged");
        }
        let (observed, _) = outcome(&result);
        (observed, format!("status = {:?}", result.map(|r| r.payout.status)))
    })
    .await;
    rows.push(Row {
        fault: "unknown enum value payout.status = INITIATION_ON_HOLD",
        call: "tokenio.get_payout",
        expected: "Ok",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let mut page = endpoint("rebilly", "get_payout_request_collection").examples[0].response.clone().expect("page");
    page[0]["status"] = json!("in-progress");
    let server = TestServer::always(Reply::json(200, &page)).await;
    let client = rebilly_client(&server, config(3));
    let (observed, detail) = isolated(async move {
        let result = client.get_payout_request_collection(rebilly::GetPayoutRequestCollectionRequest::new()).await;
        let (observed, _) = outcome(&result);
        let status = result.map(|page| page.body[0].status.clone());
        (observed, format!("status = {status:?}"))
    })
    .await;
    rows.push(Row {
        fault: "unknown enum value status = in-progress",
        call: "rebilly.get_payout_request_collection",
        expected: "Ok",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    let mut payments = endpoint("reservepay", "list_payments_by_contact").examples[0].response.clone().expect("page");
    payments["page"][0]["status"] = json!("CHARGEBACK");
    payments["page"][0]["capture"] = json!("deferred");
    let server = TestServer::always(Reply::json(200, &payments)).await;
    let client = reservepay_client(&server, config(3));
    let (observed, detail) = isolated(async move {
        let request = reservepay::ListPaymentsByContactRequest::new(
            reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"),
        );
        let result = client.list_payments_by_contact(request).await;
        let (observed, _) = outcome(&result);
        let values = result.map(|page| (page.page[0].status.clone(), page.page[0].capture.clone()));
        (observed, format!("(status, capture) = {values:?}"))
    })
    .await;
    rows.push(Row {
        fault: "unknown enum values status = CHARGEBACK, capture = deferred",
        call: "reservepay.list_payments_by_contact",
        expected: "Ok",
        observed,
        detail,
        expected_requests: 1,
        requests: server.request_count(),
    });

    // Nothing listens: the request never left, so even a payout without a reference is retried, then reported.
    let closed_port = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("address").port()
    };
    let client = reservepay::Client::with_config(
        reservepay::Environment::Custom(format!("http://127.0.0.1:{closed_port}")),
        reservepay::Auth::ApiKey(codegen_runtime::Secret::new(credential("reservepay", "api_key"))),
        config(3),
    )
    .expect("client");
    let (observed, detail) = isolated(async move { outcome(&client.send_payout_to_contact(send(None)).await) }).await;
    rows.push(Row {
        fault: "connection refused (nothing listens)",
        call: "reservepay.send_payout_to_contact (no external_id)",
        expected: "Transport(Connect)",
        observed,
        detail,
        expected_requests: 0,
        requests: 0,
    });

    print_table(&rows);
    println!("fault matrix: {} rows in {:.2} s", rows.len(), started.elapsed().as_secs_f64());
    let failures: Vec<String> = rows
        .iter()
        .filter(|row| row.observed != row.expected || row.requests != row.expected_requests)
        .map(|row| {
            format!(
                "{} / {}: expected {} after {} request(s), observed {} after {} ({})",
                row.fault, row.call, row.expected, row.expected_requests, row.observed, row.requests, row.detail
            )
        })
        .collect();
    assert!(failures.is_empty(), "fault matrix rows failed:\n{}", failures.join("\n"));
}

fn print_table(rows: &[Row]) {
    let header = ["fault", "call", "error observed", "requests", "detail"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|row| {
            [
                row.fault.to_owned(),
                row.call.to_owned(),
                row.observed.clone(),
                row.requests.to_string(),
                shorten(&row.detail),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|i| cells.iter().map(|c| c[i].chars().count()).chain([header[i].len()]).max().unwrap_or_default())
        .collect();
    let line = |cells: [&str; 5]| {
        let mut text = String::from("|");
        for (i, cell) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or_default();
            text.push_str(&format!(" {cell:<width$} |"));
        }
        text
    };
    println!("{}", line(header));
    println!("{}", line(["---", "---", "---", "---", "---"]));
    for row in &cells {
        println!("{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
}
