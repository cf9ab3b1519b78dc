//! Runtime: decoding 1,000-item pages of each list response, encoding request bodies, and the per-request overhead
//! of a generated client call over loopback, each against a hand-written baseline measured in the same run,
//! interleaved with it round by round.

use crate::baseline;
use crate::harness::{f2, f3, median, verdict, Report};
use payout_clients::{rebilly, reservepay, tokenio};
use codegen_runtime::HttpResponse;
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

pub const PAGE_ITEMS: usize = 1_000;

/// Times `iterations` calls of `ours` and of `base`, alternating which goes first, for `rounds` rounds. Returns the
/// median time per call of each, in microseconds.
fn compare(rounds: usize, iterations: usize, mut ours: impl FnMut(), mut base: impl FnMut()) -> (f64, f64) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let time = |f: &mut dyn FnMut()| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / iterations as f64
        };
        if round % 2 == 0 {
            a.push(time(&mut ours));
            b.push(time(&mut base));
        } else {
            b.push(time(&mut base));
            a.push(time(&mut ours));
        }
    }
    (median(&a), median(&b))
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

const TOKENIO_STATUSES: &[&str] = &[
    "INITIATION_PENDING",
    "INITIATION_PROCESSING",
    "INITIATION_COMPLETED",
    "INITIATION_REJECTED",
    "INITIATION_FAILED",
];

fn tokenio_payout(i: usize) -> Value {
    let creditor = if i.is_multiple_of(2) {
        json!({"name": "Customer Inc.", "ultimateCreditorName": "Customer Inc.", "accountNumber": format!("{:08}", 10_000_000 + i), "sortCode": "123456"})
    } else {
        json!({"name": "Customer Inc.", "iban": "IE29AIBK93115212345678", "bic": "AIBKIE2D", "bankName": "AIB", "accountVerificationId": "5f0c1d2e-8a3b-4c6d-9e7f-0a1b2c3d4e5f"})
    };
    json!({
        "id": format!("po:yj6sSEf7ZYFP8yxN{i:06}:2gFUX1NDget"),
        "memberId": "m:123456abcd:abcd",
        "status": TOKENIO_STATUSES[i % TOKENIO_STATUSES.len()],
        "createdDateTime": format!("2024-04-05T10:{:02}:{:02}.000+00:00", i / 60 % 60, i % 60),
        "updatedDateTime": format!("2024-04-05T11:{:02}:{:02}.000+00:00", i / 60 % 60, i % 60),
        "bankTransactionId": format!("2UhwCZ3BMaEcAUK8bZdukor7NL4tH6TBuu6aJMp5KKfX:{i:08}"),
        "bankPaymentStatus": "ACPC",
        "statusReasonInformation": "The payment is settled on debtor side.",
        "initiation": {
            "description": format!("INV 2024-{i:04}"),
            "refId": format!("9htio4a1sp{i:06}"),
            "amount": {"value": format!("{}.{:02}", 10 + i, i % 100), "currency": if i.is_multiple_of(2) { "GBP" } else { "EUR" }},
            "debtor": {"accountId": "a12345"},
            "creditor": creditor,
        }
    })
}

fn tokenio_page(items: usize) -> Vec<u8> {
    let payouts: Vec<Value> = (0..items).map(tokenio_payout).collect();
    serde_json::to_vec(&json!({"payouts": payouts, "paging": {"limit": items, "offset": "LerV6Jmex"}})).expect("json")
}

const RESERVEPAY_STATUSES: &[&str] = &["SUCCESSFUL", "PENDING", "AUTHORIZED", "FAILED", "REFUNDED", "EXPIRED"];

fn reservepay_page(items: usize) -> Vec<u8> {
    let page: Vec<Value> = (0..items)
        .map(|i| {
            json!({
                "payment_id": format!("pay_7Rk2X{i:06}"),
                "external_id": format!("order_{i:09}"),
                "payment_session_id": format!("pse_3Vb8T{i:06}"),
                "status": RESERVEPAY_STATUSES[i % RESERVEPAY_STATUSES.len()],
                "amount": 150_000 + i,
                "currency": "THB",
                "payment_method": "PROMPTPAY",
                "payment_method_display_name": "PromptPay",
                "created_at": 1_743_580_800 + i,
                "captured_at": if i.is_multiple_of(3) { Value::Null } else { json!(1_743_580_862 + i) },
                "expires_at": null,
                "capture": if i.is_multiple_of(4) { "manual" } else { "automatic" },
                "customer_id": "ctc_9Xq2LmT7vB",
                "customer_email": "somchai@example.co.th",
                "customer_mobile": "+66812223333",
                "customer_name": "Somchai Jaidee",
                "fees": if i.is_multiple_of(2) { json!([]) } else { json!([{"type": "mdr", "amount": 1500}]) },
                "ref1": format!("INV-2025-{i:04}"),
                "ref2": null,
                "ref3": null,
                "reversible": true,
                "capturable": false,
                "voidable": false,
            })
        })
        .collect();
    let next =
        json!({"contact_id": "ctc_9Xq2LmT7vB", "after": format!("pay_7Rk2X{:06}", items - 1), "per_page": items});
    serde_json::to_vec(&json!({"previous": null, "page": page, "next": next})).expect("json")
}

const REBILLY_STATUSES: &[&str] = &["pending", "instrument-selected", "partially-fulfilled", "fulfilled", "canceled"];

fn rebilly_page(items: usize) -> Vec<u8> {
    let base = "https://api-sandbox.rebilly.com/organizations/org_0YV7DE4Z26DQSA1AC92FBJ7SEG";
    let page: Vec<Value> = (0..items)
        .map(|i| {
            let id = format!("pout_req_0YVDMDE2BMC6KBB5MX{i:06}");
            json!({
                "id": id,
                "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
                "customerId": format!("cus_0YV7DDSDD1C8DA64KH{i:06}"),
                "paymentInstrumentId": if i.is_multiple_of(3) { Value::Null } else { json!("inst_0YVB8KPKNXCBR9EDX7JHSED75N") },
                "currency": "USD",
                "amount": serde_json::from_str::<Value>(&format!("{}.{:02}", 100 + i, i % 100)).expect("number"),
                "availableAmount": serde_json::from_str::<Value>(&format!("{}.25", i)).expect("number"),
                "description": "Weekly winnings withdrawal",
                "status": REBILLY_STATUSES[i % REBILLY_STATUSES.len()],
                "selectPaymentInstrumentUrl": format!("https://example.com/select-instrument/{id}"),
                "allocations": [{
                    "transactionId": "txn_0YVDTQJ8YWDGQACV2N2N5SPWQ0",
                    "transactionResult": "approved",
                    "method": "payment-card",
                    "gatewayName": "TestProcessor",
                    "paymentInstrumentId": "inst_0YVB8KPKNXCBR9EDX7JHSED75N",
                    "amount": 149.75,
                    "currency": "USD",
                    "createdTime": "2024-03-05T10:20:30Z",
                    "updatedTime": "2024-03-05T10:21:02Z"
                }],
                "selectedPaymentInstrumentRedirectUrl": "https://example.com/payout-request-success?id={{id}}",
                "cancellationReason": if i % 5 == 4 { json!({"canceledBy": "merchant", "description": "Duplicate request."}) } else { Value::Null },
                "createdTime": "2024-03-04T09:00:00Z",
                "updatedTime": "2024-03-05T10:21:02Z",
                "_links": [
                    {"href": format!("{base}/payout-requests/{id}"), "rel": "self"},
                    {"href": format!("{base}/payment-instruments/inst_0YVB8KPKNXCBR9EDX7JHSED75N"), "rel": "paymentInstrument"}
                ]
            })
        })
        .collect();
    serde_json::to_vec(&page).expect("json")
}

fn response(body: &[u8]) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: body.to_vec(),
    }
}

// ---------------------------------------------------------------------------------------------------------------

pub fn run(report: &mut Report, quick: bool) {
    report.line("## Runtime");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    let rounds = if quick { 3 } else { 21 };
    decoding(report, rounds);
    encoding(report, rounds);
    loopback(report, if quick { 3 } else { 21 });
}

fn decoding(report: &mut Report, rounds: usize) {
    report.line(format!(
        "### Decoding a {PAGE_ITEMS}-item page of each list response\n\nOurs: `codegen_runtime::decode_json` into the \
         generated type (what a client call runs). Baseline: `serde_json::from_slice` into the hand-written structs of \
         `benches/src/baseline.rs`. Median of {rounds} interleaved rounds."
    ));
    report.blank();
    let mut rows = Vec::new();
    let mut worst = f64::INFINITY;

    let mut row = |name: &str, body: &[u8], ours: &dyn Fn(&HttpResponse) -> usize, base: &dyn Fn(&[u8]) -> usize| {
        let http = response(body);
        assert_eq!(ours(&http), PAGE_ITEMS, "{name}: ours decodes every item");
        assert_eq!(base(body), PAGE_ITEMS, "{name}: the baseline decodes every item");
        let (o, b) = compare(
            rounds,
            3,
            || {
                black_box(ours(black_box(&http)));
            },
            || {
                black_box(base(black_box(body)));
            },
        );
        let mb = body.len() as f64 / 1e6;
        let ratio = b / o;
        worst = worst.min(ratio);
        rows.push(vec![
            name.to_owned(),
            format!("{:.0} KB", body.len() as f64 / 1e3),
            format!("{} ({:.0} MB/s)", f2(o / 1e3), mb / (o / 1e6)),
            format!("{} ({:.0} MB/s)", f2(b / 1e3), mb / (b / 1e6)),
            f3(ratio),
        ]);
        eprintln!("  decode {name}: ours {o:.0} us, baseline {b:.0} us");
    };

    let body = tokenio_page(PAGE_ITEMS);
    row(
        "tokenio `get_payouts` (PayoutsResponse)",
        &body,
        &|r| {
            codegen_runtime::decode_json::<tokenio::PayoutsResponse>(r)
                .expect("tokenio page")
                .payouts
                .map_or(0, |p| p.len())
        },
        &|b| {
            serde_json::from_slice::<baseline::tokenio::PayoutsResponse>(b)
                .expect("page")
                .payouts
                .map_or(0, |p| p.len())
        },
    );
    let body = reservepay_page(PAGE_ITEMS);
    row(
        "reservepay `list_payments_by_contact` (PaymentPage)",
        &body,
        &|r| codegen_runtime::decode_json::<reservepay::PaymentPage>(r).expect("reservepay page").page.len(),
        &|b| serde_json::from_slice::<baseline::reservepay::PaymentPage>(b).expect("page").page.len(),
    );
    let body = rebilly_page(PAGE_ITEMS);
    row(
        "rebilly `get_payout_request_collection` (array of PayoutRequest)",
        &body,
        &|r| codegen_runtime::decode_json::<Vec<rebilly::PayoutRequest>>(r).expect("rebilly page").len(),
        &|b| serde_json::from_slice::<Vec<baseline::rebilly::PayoutRequest>>(b).expect("page").len(),
    );
    report.table(&["list response", "page size", "ours ms", "baseline ms", "throughput ours / baseline"], &rows);
    report.line(format!(
        "Goal: at least 0.95 of the baseline's throughput (worst list): {}",
        verdict(worst, 0.95, false)
    ));
    report.blank();

    // Where the gap comes from, on the tokenio page: the baseline with unknown fields kept (`#[serde(flatten)]` map),
    // as the generated types keep them.
    let body = tokenio_page(PAGE_ITEMS);
    let (flat, plain) = compare(
        rounds,
        3,
        || {
            drop(black_box(
                serde_json::from_slice::<baseline::tokenio::PayoutsResponseKeepingUnknown>(black_box(&body))
                    .expect("page"),
            ))
        },
        || {
            drop(black_box(
                serde_json::from_slice::<baseline::tokenio::PayoutsResponse>(black_box(&body)).expect("page"),
            ))
        },
    );
    report.line(format!(
        "Diagnostic (tokenio page): the same hand-written structs with a `#[serde(flatten)]` map for unknown fields on \
         each item, as the generated types keep them, take {:.2} ms against {:.2} ms without it (throughput {:.3} of \
         the plain baseline).",
        flat / 1e3,
        plain / 1e3,
        plain / flat
    ));
    report.blank();
}

fn encoding(report: &mut Report, rounds: usize) {
    report.line(format!(
        "### Request encoding\n\nThe JSON body of a create call: ours is the generated request type through \
         `serde_json::to_vec` (as the client does), the baseline a hand-written `#[derive(Serialize)]` struct of the same \
         body. Median of {rounds} interleaved rounds of 2,000 encodings. (Rebilly's only endpoint has no body.)"
    ));
    report.blank();
    let mut rows = Vec::new();

    // tokenio initiate_payout
    let initiation = json!({
        "description": "INV 2024-0417",
        "refId": "9htio4a1sp2akdr1aa",
        "onBehalfOfId": "c5a863bc-86f2-4418-a26f-25b24c7983c7",
        "amount": {"value": "10.23", "currency": "GBP"},
        "debtor": {"accountId": "a12345"},
        "creditor": {"name": "Customer Inc.", "ultimateCreditorName": "Customer Inc.", "accountNumber": "12345678", "sortCode": "123456"}
    });
    let ours = tokenio::InitiatePayoutRequest::new(serde_json::from_value::<tokenio::PayoutInitiation>(initiation.clone()).expect("initiation"));
    let base =
        baseline::tokenio::InitiatePayoutBody { initiation: serde_json::from_value(initiation).expect("initiation") };
    rows.push(encode_row("tokenio `initiate_payout`", rounds, &ours, &base));

    // reservepay send_payout_to_contact, to a PromptPay mobile number
    let ours = reservepay::SendPayoutToContactRequest::new(
        reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"),
        reservepay::MinorUnits::new("150000").expect("amount"),
    )
    .with_external_id("order_000000035")
    .with_recipient_name("Somchai Jaidee")
    .with_destination(reservepay::SendPayoutToContactDestination::MobileNumber {
        mobile_number: reservepay::MobileNumber::new("+66812223333").expect("mobile"),
    });
    let base = baseline::reservepay::SendPayoutBody {
        recipient_id: "ctc_9Xq2LmT7vB".into(),
        external_id: Some("order_000000035".into()),
        amount: "150000".into(),
        recipient_mobile: None,
        recipient_name: Some("Somchai Jaidee".into()),
        recipient_email: None,
        payout_method: Some("mobile_number"),
        mobile_number: Some("+66812223333".into()),
        bank_account_id: None,
    };
    rows.push(encode_row("reservepay `send_payout_to_contact`", rounds, &ours, &base));
    report.table(&["request", "body bytes", "ours us", "baseline us", "throughput ours / baseline"], &rows);
}

fn encode_row(name: &str, rounds: usize, ours: &impl serde::Serialize, base: &impl serde::Serialize) -> Vec<String> {
    let a: Value = serde_json::from_slice(&serde_json::to_vec(ours).expect("encode")).expect("json");
    let b: Value = serde_json::from_slice(&serde_json::to_vec(base).expect("encode")).expect("json");
    assert_eq!(a, b, "{name}: ours and the baseline encode the same body");
    let bytes = serde_json::to_vec(ours).expect("encode").len();
    let (o, b) = compare(
        rounds,
        2_000,
        || drop(black_box(serde_json::to_vec(black_box(ours)).expect("encode"))),
        || drop(black_box(serde_json::to_vec(black_box(base)).expect("encode"))),
    );
    vec![name.to_owned(), bytes.to_string(), f3(o), f3(b), f3(b / o)]
}

// ---------------------------------------------------------------------------------------------------------------
// Loopback

/// A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers every request with `body` as JSON, as tasks of
/// the current tokio runtime. Client and server then share one thread: no cross-thread wake-ups, whose latency on a
/// virtual machine varies from call to call far more than the client overhead being measured, and the same server
/// work for every client. `TCP_NODELAY`, one write per response.
async fn serve(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let address = listener.local_addr().expect("address");
    let mut response =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len())
            .into_bytes();
    response.extend_from_slice(&body);
    let response = std::sync::Arc::new(response);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream, response.clone()));
        }
    });
    format!("http://{address}")
}

async fn connection(stream: tokio::net::TcpStream, response: std::sync::Arc<Vec<u8>>) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
    let _ = stream.set_nodelay(true);
    let (reader, mut writer) = stream.into_split();
    let mut reader = tokio::io::BufReader::new(reader);
    let mut line = String::new();
    loop {
        let mut length = 0usize;
        let mut first = true;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" && !first {
                break;
            }
            first = false;
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() || writer.write_all(&response).await.is_err() {
            return;
        }
    }
}

fn loopback(report: &mut Report, rounds: usize) {
    let id = "po:yj6sSEf7ZYFP8yxN000042:2gFUX1NDget";
    let body = serde_json::to_vec(&json!({"payout": tokenio_payout(42)})).expect("json");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let base_url = runtime.block_on(serve(body.clone()));

    let config = codegen_runtime::ClientConfig::default().user_agent("payout-benches");
    let (timeout, connect_timeout) = (config.get_timeout(), config.get_connect_timeout());
    let generated = tokenio::Client::with_config(
        tokenio::Environment::Custom(base_url.clone()),
        tokenio::Auth::Bearer(codegen_runtime::Secret::new("eyJhbGciOiJFZERTQSJ9..sig")),
        config,
    )
    .expect("generated client");
    // The bare client is built as the generated client's transport is: same timeouts, User-Agent, no redirects.
    let bare = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .user_agent("payout-benches")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let url = format!("{base_url}/payouts/{id}");
    let payout_id = tokenio::PayoutId::new(id).expect("payout id");

    let ours = || async {
        let payout =
            generated.get_payout(tokenio::GetPayoutRequest::new(payout_id.clone())).await.expect("generated call");
        black_box(payout);
    };
    let bare_call = |decode: bool| {
        let (bare, url) = (&bare, &url);
        async move {
            let response = bare
                .get(url)
                .header("authorization", "Bearer eyJhbGciOiJFZERTQSJ9..sig")
                .header("accept", "application/json")
                .send()
                .await
                .expect("bare call");
            assert_eq!(response.status().as_u16(), 200);
            let bytes = response.bytes().await.expect("body");
            if decode {
                black_box(serde_json::from_slice::<baseline::tokenio::PayoutResponse>(&bytes).expect("decode"));
            }
            black_box(bytes);
        }
    };

    let iterations = 400;
    let (mut ours_us, mut bare_us, mut decode_us) = (Vec::new(), Vec::new(), Vec::new());
    runtime.block_on(async {
        for _ in 0..300 {
            ours().await;
            bare_call(true).await;
        }
        for round in 0..rounds {
            let mut order = [0, 1, 2];
            order.rotate_left(round % 3);
            for which in order {
                let start = Instant::now();
                for _ in 0..iterations {
                    match which {
                        0 => ours().await,
                        1 => bare_call(false).await,
                        _ => bare_call(true).await,
                    }
                }
                let per_call = start.elapsed().as_secs_f64() * 1e6 / iterations as f64;
                [&mut ours_us, &mut bare_us, &mut decode_us][which].push(per_call);
            }
        }
    });
    let (o, b, d) = (median(&ours_us), median(&bare_us), median(&decode_us));
    report.line(format!(
        "### Per-request overhead over loopback\n\nTokenio `get_payout` (`GET /payouts/{{id}}`, {} byte JSON \
         response) against a minimal keep-alive HTTP/1.1 server on 127.0.0.1 running as tasks of the same \
         current-thread tokio runtime as the client (one thread: no cross-thread wake-ups), sequential calls, {rounds} rounds of {iterations} calls of each variant, rotating the order. The generated client \
         uses its default `ClientConfig` (its hyper transport, retry policy that never fires here) and decodes into the \
         generated types; the bare client is a `reqwest::Client` built with the same timeouts and User-Agent.",
        body.len()
    ));
    report.blank();
    report.table(
        &["variant", "median us / call", "generated / variant"],
        &[
            vec!["generated client `get_payout`".into(), f2(o), "1.000".into()],
            vec!["bare reqwest: send + read body".into(), f2(b), f3(o / b)],
            vec!["bare reqwest + serde_json into the hand-written struct".into(), f2(d), f3(o / d)],
        ],
    );
    report.line(format!(
        "Goal: a generated call at most 1.05 of a bare reqwest call: {} (overhead {:+.1} us per call; against the bare \
         call that also decodes: {:.3}).",
        verdict(o / b, 1.05, true),
        o - b,
        o / d
    ));
    report.blank();
}

/// `payout-benches profile <what>`: loops one workload for a few seconds, for `perf record`. Not part of `all`.
pub fn profile(what: &str) {
    let until = Instant::now() + Duration::from_secs(8);
    match what {
        "decode-tokenio" => {
            let http = response(&tokenio_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<tokenio::PayoutsResponse>(&http).expect("page"));
            }
        }
        "decode-rebilly" => {
            let http = response(&rebilly_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<Vec<rebilly::PayoutRequest>>(&http).expect("page"));
            }
        }
        "call" => {
            let id = "po:yj6sSEf7ZYFP8yxN000042:2gFUX1NDget";
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
            let base_url =
                runtime.block_on(serve(serde_json::to_vec(&json!({"payout": tokenio_payout(42)})).expect("json")));
            let client = tokenio::Client::with_config(
                tokenio::Environment::Custom(base_url),
                tokenio::Auth::Bearer(codegen_runtime::Secret::new("t")),
                codegen_runtime::ClientConfig::default(),
            )
            .expect("client");
            let payout_id = tokenio::PayoutId::new(id).expect("payout id");
            runtime.block_on(async {
                while Instant::now() < until {
                    black_box(
                        client.get_payout(tokenio::GetPayoutRequest::new(payout_id.clone())).await.expect("call"),
                    );
                }
            });
        }
        other => eprintln!("unknown profile `{other}`: decode-tokenio, decode-rebilly or call"),
    }
}
