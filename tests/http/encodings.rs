//! Form bodies and query objects on the wire (`body_encoding: form`, `encoding: form`), generated idempotency keys and
//! API-wide headers, in the shape of Stripe's v1 API: what the server receives, byte for byte, what the client reads
//! back, and what it refuses before sending anything.

#[path = "server.rs"]
mod server;

use std::collections::BTreeMap;
use std::time::Duration;

use codegen_runtime::{ClientConfig, Decimal, Error, Secret, UnixTime};
use serde_json::json;
use server::{Recorded, Reply, TestServer};

codegen_macro::api!("specs/form_bodies.yaml");

use form_bodies::{
    Auth, CancelPayoutRequest, Card, Client, CreatePayoutRequest, Environment, Fee, ListPayoutsRequest, Metadata,
    Range, Recipient, Split,
};

fn client(server: &TestServer) -> Client {
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5));
    let auth = Auth::SecretKey(Secret::new("sk_test_123"));
    Client::with_config(Environment::Custom(server.base_url()), auth, config).expect("a client")
}

fn payout() -> Reply {
    Reply::json(200, &json!({"id": "po_1", "amount": 1100}))
}

fn only_request(server: &TestServer) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().expect("one request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_extra_field_goes_into_a_form_body_after_the_listed_ones() {
    let server = TestServer::always(payout()).await;
    let metadata = Metadata::new().with_order_id("6735").add_field("region", "eu").expect("unlisted");
    let request = CreatePayoutRequest::new(1100, "usd")
        .with_metadata(metadata)
        .add_field("statement_descriptor", "PAYOUT 17")
        .expect("unlisted");
    assert!(CreatePayoutRequest::new(1100, "usd").add_field("currency", "eur").is_err(), "a listed argument");
    client(&server).create_payout(request).await.expect("created");
    assert_eq!(
        only_request(&server).body_text(),
        "amount=1100&currency=usd&metadata%5Border_id%5D=6735&metadata%5Bregion%5D=eu&statement_descriptor=PAYOUT+17"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_body_nests_with_bracketed_keys() {
    let server = TestServer::always(payout()).await;
    let tags: BTreeMap<String, String> = [("b", "2"), ("a", "1")].map(|(k, v)| (k.to_owned(), v.to_owned())).into();
    let request = CreatePayoutRequest::new(1100, "usd".to_owned())
        .with_description(None)
        .with_rate(Decimal::new(1050, 2))
        .with_metadata(Metadata::new().with_order_id("6735".to_owned()).with_note("a b&c".to_owned()))
        .with_tags(tags)
        .with_expand(vec!["destination".to_owned()])
        .with_splits(vec![Split::new("acct_1".to_owned(), 500)]);
    let payout = client(&server).create_payout(request).await.expect("created");
    assert_eq!(payout.body.id, "po_1");
    let seen = only_request(&server);
    assert_eq!((seen.method.as_str(), seen.path.as_str(), seen.query.as_deref()), ("POST", "/v1/payouts", None));
    assert_eq!(seen.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(seen.header("authorization"), Some("Bearer sk_test_123"));
    // Arguments in the spec's order; `null` (the cleared description) as an empty value; the decimal's own digits;
    // a map in key order; keys and values encoded as browsers encode forms.
    assert_eq!(
        seen.body_text(),
        "amount=1100&currency=usd&description=&rate=10.50\
         &metadata%5Border_id%5D=6735&metadata%5Bnote%5D=a+b%26c&tags%5Ba%5D=1&tags%5Bb%5D=2\
         &expand%5B0%5D=destination&splits%5B0%5D%5Baccount%5D=acct_1&splits%5B0%5D%5Bamount%5D=500"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_a_form_would_read_as_nesting_is_refused_before_sending() {
    let server = TestServer::always(payout()).await;
    let tags: BTreeMap<String, String> = [("order[id]".to_owned(), "1".to_owned())].into();
    let request = CreatePayoutRequest::new(1100, "usd".to_owned()).with_tags(tags);
    match client(&server).create_payout(request).await {
        Err(Error::InvalidRequest(error)) => assert!(error.reason().contains("`[` or `]`"), "{error}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.request_count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_objects_and_lists_take_bracketed_keys() {
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    let range =
        Range::new().with_gte(UnixTime::from_seconds(1_700_000_000)).with_lt(UnixTime::from_seconds(1_800_000_000));
    let request =
        ListPayoutsRequest::new().with_created(range).with_expand(vec!["destination".to_owned()]).with_limit(3);
    let payouts = client(&server).list_payouts(request).await.expect("listed");
    assert!(payouts.body.is_empty());
    let seen = only_request(&server);
    assert_eq!(seen.body, b"");
    assert_eq!(seen.header("content-type"), None);
    let pairs: Vec<(String, String)> = seen.query_pairs();
    let expected =
        [("created[gte]", "1700000000"), ("created[lt]", "1800000000"), ("expand[0]", "destination"), ("limit", "3")];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())), "{}", seen.target());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_may_keep_a_json_body() {
    let server = TestServer::always(payout()).await;
    let request = CancelPayoutRequest::new("po_1".to_owned()).with_reason("duplicate".to_owned());
    client(&server).cancel_payout(request).await.expect("cancelled");
    let seen = only_request(&server);
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/v1/payouts/po_1/cancel"));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.body_text(), r#"{"reason":"duplicate"}"#);
}

fn client_with_retries(server: &TestServer) -> Client {
    let retries = codegen_runtime::RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(1));
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5)).retry_policy(retries);
    Client::with_config(Environment::Custom(server.base_url()), Auth::SecretKey(Secret::new("sk_test_123")), config)
        .expect("a client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_key_is_the_same_on_every_retry_of_a_call() {
    // The first attempt is cut off after the server read it: only a key the server recognises makes the retry safe.
    let server = TestServer::scripted(vec![Reply::Reset, payout()]).await;
    let request = CreatePayoutRequest::new(1100, "usd".to_owned());
    let payout = client_with_retries(&server).create_payout(request).await.expect("created on the retry");
    assert_eq!(payout.body.id, "po_1");
    let keys: Vec<String> =
        server.requests().iter().map(|r| r.header("idempotency-key").expect("a key").to_owned()).collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(codegen_tests::is_uuid_v4(&keys[0]), "{keys:?}");
    assert_eq!(keys[0], keys[1], "a retry must carry the first attempt's key");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_call_gets_its_own_key_and_a_given_key_is_sent_as_it_is() {
    let server = TestServer::always(payout()).await;
    let client = client_with_retries(&server);
    for _ in 0..2 {
        client.create_payout(CreatePayoutRequest::new(1100, "usd".to_owned())).await.expect("created");
    }
    let request = CreatePayoutRequest::new(1100, "usd".to_owned()).with_idempotency_key(
        form_bodies::CreatePayoutIdempotencyKey::new("order-6735".to_owned()).expect("a valid key"),
    );
    client.create_payout(request).await.expect("created");
    let keys: Vec<String> =
        server.requests().iter().map(|r| r.header("idempotency-key").expect("a key").to_owned()).collect();
    assert!(
        codegen_tests::is_uuid_v4(&keys[0]) && codegen_tests::is_uuid_v4(&keys[1]) && keys[0] != keys[1],
        "{keys:?}"
    );
    assert_eq!(keys[2], "order-6735");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_wide_headers_go_out_with_every_endpoint_and_come_back_from_every_response() {
    let server = TestServer::always(payout().header("Request-Id", "req_123")).await;
    let client = client(&server);
    let created = CreatePayoutRequest::new(1100, "usd".to_owned()).with_stripe_account("acct_9".to_owned());
    let created = client.create_payout(created).await.expect("created");
    let cancelled = CancelPayoutRequest::new("po_1".to_owned()).with_stripe_account("acct_9".to_owned());
    let cancelled = client.cancel_payout(cancelled).await.expect("cancelled");
    assert_eq!(created.request_id.as_deref(), Some("req_123"));
    assert_eq!(cancelled.request_id.as_deref(), Some("req_123"));
    for seen in server.requests() {
        assert_eq!(seen.header("stripe-account"), Some("acct_9"), "{}", seen.target());
    }
    // Left out, the header is not sent.
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    client_with_retries(&server).list_payouts(ListPayoutsRequest::new()).await.expect("listed");
    assert_eq!(only_request(&server).header("stripe-account"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_keeps_the_api_wide_response_headers() {
    let server = TestServer::always(
        Reply::json(400, &json!({"error": {"code": "amount_too_small"}})).header("Request-Id", "req_9"),
    )
    .await;
    match client(&server).list_payouts(ListPayoutsRequest::new()).await {
        Err(Error::Api(form_bodies::ListPayoutsError::InvalidRequest(error))) => {
            assert_eq!(error.headers.request_id.as_deref(), Some("req_9"));
        }
        other => panic!("expected the documented 400, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expandable_field_is_an_id_or_the_object() {
    let replies = vec![
        Reply::json(200, &json!({"id": "po_1", "amount": 1100, "destination": "ba_1"})),
        Reply::json(200, &json!({"id": "po_1", "amount": 1100, "destination": {"id": "ba_1", "last4": "6789"}})),
        Reply::json(200, &json!({"id": "po_1", "amount": 1100, "destination": 7})),
    ];
    let server = TestServer::scripted(replies).await;
    let client = client(&server);
    let get = || client.create_payout(CreatePayoutRequest::new(1100, "usd".to_owned()));
    let by_id = get().await.expect("an ID").body.destination.expect("a destination");
    assert_eq!(by_id.as_id(), Some("ba_1"));
    let expanded = get().await.expect("an object").body.destination.expect("a destination");
    assert_eq!(expanded.as_object().and_then(|account| account.last4.as_deref()), Some("6789"));
    // Neither an ID nor an object: the create may have happened, so the answer is an unknown outcome.
    match get().await {
        Err(Error::OutcomeUnknown(unconfirmed)) => {
            assert!(format!("{unconfirmed:?}").contains("an ID (a string) or the object"), "{unconfirmed:?}")
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_constrained_map_checks_its_entries_and_keys_before_sending() {
    use form_bodies::CreatePayoutLabels;
    let labels = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    };
    let too_many = CreatePayoutLabels::new(labels(&[("a", "1"), ("b", "2"), ("c", "3")])).expect_err("three entries");
    assert!(too_many.reason().contains("at most 2"), "{too_many}");
    let long_key = CreatePayoutLabels::new(labels(&[("much_too_long", "1")])).expect_err("a long key");
    assert!(long_key.reason().starts_with("a key must be at most 10 characters"), "{long_key}");
    let bad_key = CreatePayoutLabels::new(labels(&[("Env", "1")])).expect_err("an upper-case key");
    assert!(bad_key.reason().starts_with("a key must match the pattern"), "{bad_key}");

    let server = TestServer::always(payout()).await;
    let ok = CreatePayoutLabels::new(labels(&[("env", "prod")])).expect("valid labels");
    let request = CreatePayoutRequest::new(1100, "usd".to_owned()).with_labels(ok);
    client(&server).create_payout(request).await.expect("created");
    assert_eq!(only_request(&server).body_text(), "amount=1100&currency=usd&labels%5Benv%5D=prod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_documented_without_a_body_is_told_by_its_status_and_headers() {
    let reply = Reply::body(403, "text/html", "<html>Forbidden</html>").header("x-2fa-approval", "tok_1");
    let server = TestServer::always(reply).await;
    match client(&server).list_payouts(ListPayoutsRequest::new()).await {
        Err(Error::Api(form_bodies::ListPayoutsError::ScaRequired(error))) => {
            assert_eq!(error.headers.x_2fa_approval.as_deref(), Some("tok_1"));
            assert_eq!(error.body, codegen_runtime::NoBody);
            // What arrived is kept, not read.
            assert_eq!(error.response.body, b"<html>Forbidden</html>");
        }
        other => panic!("expected the documented 403, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_union_sends_its_tag_first_and_reads_the_variant_it_names() {
    let replies = vec![
        Reply::json(200, &json!({"id": "po_1", "amount": 1100})),
        Reply::json(
            200,
            &json!({"id": "po_1", "amount": 1100, "recipient": {"last4": "6789", "type": "bank_account", "id": "ba_1"}}),
        ),
        Reply::json(200, &json!({"id": "po_1", "amount": 1100, "recipient": {"type": "wallet", "handle": "@ana"}})),
        Reply::json(200, &json!({"id": "po_1", "amount": 1100, "recipient": {"last4": "4242"}})),
    ];
    let server = TestServer::scripted(replies).await;
    let client = client(&server);
    let card = Card::new("4242".to_owned()).with_exp_year(2030);
    let request = CreatePayoutRequest::new(1100, "usd".to_owned()).with_recipient(Recipient::from(card));
    client.create_payout(request).await.expect("created");
    // The tag first, then the card's own fields, nested under the argument's name.
    let sent = server.requests().into_iter().next().expect("a request");
    assert!(
        sent.body_text().ends_with("&recipient%5Btype%5D=card&recipient%5Blast4%5D=4242&recipient%5Bexp_year%5D=2030"),
        "{}",
        sent.body_text()
    );
    let get = || client.create_payout(CreatePayoutRequest::new(1100, "usd".to_owned()));
    let bank = get().await.expect("a bank account").body.recipient.expect("a recipient");
    match &bank {
        // The variant's Rust name is the spec's `rust_name`; the tag stays `bank_account` on the wire.
        Recipient::Bank(account) => {
            assert_eq!((account.id.as_str(), account.last4.as_deref()), ("ba_1", Some("6789")));
            // The tag belongs to the union, not to the bank account's unlisted fields.
            assert!(account.additional_fields().is_empty(), "{account:?}");
        }
        other => panic!("expected the bank account, got {other:?}"),
    }
    assert_eq!(bank.tag(), "bank_account");
    // A tag the spec does not list is kept whole, and written back as it came.
    let other = get().await.expect("an unlisted tag").body.recipient.expect("a recipient");
    let Recipient::Unknown(unknown) = &other else { panic!("expected an unknown variant, got {other:?}") };
    assert_eq!((unknown.tag(), unknown.object().get()), ("wallet", r#"{"type":"wallet","handle":"@ana"}"#));
    // No tag: the answer does not match the spec, and a create that may have happened is an unknown outcome.
    match get().await {
        Err(Error::OutcomeUnknown(unconfirmed)) => {
            // The reason names the field that did not fit, not only a line and column.
            let reason = format!("{unconfirmed:?}");
            assert!(reason.contains("at `recipient`: missing field `type`"), "{reason}")
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amount_with_more_places_than_its_currency_takes_is_not_sent() {
    let server = TestServer::always(payout()).await;
    let client = client(&server);
    let create = |amount: i64, scale: u32, currency: &str| {
        let fee = Fee::new(codegen_runtime::ExactDecimal::from(Decimal::new(amount, scale)), currency);
        client.create_payout(CreatePayoutRequest::new(1100, "jpy".to_owned()).with_fee(fee))
    };
    for (amount, scale, currency) in [(105, 1, "JPY"), (1005, 3, "USD"), (10005, 4, "TND"), (100, 2, "JPY")] {
        match create(amount, scale, currency).await {
            Err(Error::InvalidRequest(error)) => {
                assert!(error.reason().contains("more than its currency (`currency`) takes"), "{error}");
                // Neither the amount nor the code is quoted: they may end up in a log line.
                assert!(!error.reason().contains(currency), "{error}");
            }
            other => panic!("{amount}e-{scale} {currency}: expected InvalidRequest, got {other:?}"),
        }
    }
    assert_eq!(server.request_count(), 0, "nothing is sent");
    for (amount, scale, currency) in [(10, 0, "JPY"), (1005, 2, "USD"), (10005, 3, "TND"), (7, 0, "EUR")] {
        create(amount, scale, currency).await.expect("sent");
    }
    let bodies: Vec<String> = server.requests().iter().map(|r| r.body_text()).collect();
    let fees: Vec<&str> = bodies.iter().filter_map(|b| b.split_once("&fee").map(|(_, fee)| fee)).collect();
    assert_eq!(
        fees,
        [
            "%5Bamount%5D=10&fee%5Bcurrency%5D=JPY",
            "%5Bamount%5D=10.05&fee%5Bcurrency%5D=USD",
            "%5Bamount%5D=10.005&fee%5Bcurrency%5D=TND",
            "%5Bamount%5D=7&fee%5Bcurrency%5D=EUR"
        ]
    );
}
