//! Code shaped like what `codegen` emits: it names everything through `::codegen_runtime::...` and never mentions
//! serde, serde_json or rust_decimal directly.

// `Error<StatusError<Json>>` is over clippy's 128-byte threshold, as generated error types may be; generated code
// decides whether to box them.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, ::codegen_runtime::serde::Serialize, ::codegen_runtime::serde::Deserialize)]
#[serde(crate = "::codegen_runtime::serde")]
#[serde(rename_all = "camelCase")]
struct CreatePayout {
    amount: ::codegen_runtime::ExactDecimal,
    currency: String,
    value_date: ::codegen_runtime::Date,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    scheduled_at: Option<::codegen_runtime::DateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "::codegen_runtime::serde_helpers::double_option"
    )]
    note: Option<Option<String>>,
    metadata: ::codegen_runtime::Json,
}

#[derive(Debug, Clone, PartialEq, ::codegen_runtime::serde::Deserialize)]
#[serde(crate = "::codegen_runtime::serde")]
struct Payout {
    id: String,
    amount: ::codegen_runtime::ExactDecimal,
    created: ::codegen_runtime::UnixTime,
}

/// A generated newtype with a checked constructor.
#[derive(Debug, Clone, PartialEq)]
struct AccountNumber(String);

impl AccountNumber {
    fn new(value: impl Into<String>) -> Result<Self, ::codegen_runtime::validate::ValidationError> {
        static PATTERN: ::codegen_runtime::validate::Pattern = ::codegen_runtime::validate::Pattern::new("[0-9]{8}");
        let value = value.into();
        ::codegen_runtime::validate::check_length("AccountNumber", &value, None, None, Some(8))?;
        ::codegen_runtime::validate::check_pattern("AccountNumber", &value, &PATTERN)?;
        ::codegen_runtime::validate::check_format(
            "AccountNumber",
            &value,
            ::codegen_runtime::validate::Format::Digits,
        )?;
        Ok(AccountNumber(value))
    }
}

type CreatePayoutError = ::codegen_runtime::error::StatusError<::codegen_runtime::Json>;

/// A generated operation: validate, encode, send, decode.
async fn create_payout(
    core: &::codegen_runtime::client::ClientCore,
    account: &str,
    body: &CreatePayout,
) -> Result<Payout, ::codegen_runtime::error::Error<CreatePayoutError>> {
    let account = AccountNumber::new(account)?;
    ::codegen_runtime::validate::check_range_decimal(
        "amount",
        &body.amount.get(),
        Some(::codegen_runtime::validate::decimal("0.01")),
        None,
    )?;
    let path = format!("/accounts/{}/payouts", ::codegen_runtime::url::encode_path_segment(&account.0));
    let mut query = ::codegen_runtime::url::Query::new();
    query.push_comma("expand", ["fees", "fx"])?;
    let bytes = ::codegen_runtime::serde_json::to_vec(body).map_err(|error| {
        ::codegen_runtime::error::Error::InvalidRequest(::codegen_runtime::validate::ValidationError::new(
            "CreatePayout",
            format!("cannot be encoded: {error}"),
        ))
    })?;
    let response = core
        .send(
            ::codegen_runtime::http::Method::Post,
            &path,
            &query,
            Vec::new(),
            Some(::codegen_runtime::Body::raw(::codegen_runtime::BodyEncoding::Json, bytes)),
        )
        .await?;
    if !::codegen_runtime::client::is_json(&response) {
        return Err(::codegen_runtime::error::Error::UnexpectedResponse {
            reason: "not JSON".into(),
            response: response.into(),
        });
    }
    match response.status {
        200..=299 => ::codegen_runtime::client::decode_json(&response).map_err(|reason| {
            ::codegen_runtime::error::Error::UnexpectedResponse { reason, response: response.into() }
        }),
        status => {
            let body = ::codegen_runtime::client::decode_json(&response).unwrap_or_default();
            Err(::codegen_runtime::error::Error::Api(::codegen_runtime::error::StatusError {
                status,
                body,
                headers: (),
                response: response.into(),
            }))
        }
    }
}

fn request_body() -> CreatePayout {
    CreatePayout {
        amount: ::codegen_runtime::ExactDecimal::new(::codegen_runtime::validate::decimal("0.10")),
        currency: "EUR".into(),
        value_date: ::codegen_runtime::Date::from_ymd(2024, 1, 5).expect("a date"),
        scheduled_at: Some(::codegen_runtime::DateTime::parse("2024-01-05T10:00:00+07:00").expect("a date-time")),
        note: Some(None),
        metadata: ::codegen_runtime::Json::from_text(r#"{"ref":"inv-1"}"#).expect("JSON"),
    }
}

#[test]
fn models_round_trip_through_reexported_serde() {
    let text = r#"{"amount":0.10,"currency":"EUR","valueDate":"2024-01-05","scheduledAt":"2024-01-05T10:00:00+07:00","note":null,"metadata":{"ref":"inv-1"}}"#;
    let body: CreatePayout = ::codegen_runtime::serde_json::from_str(text).expect("decodes");
    assert_eq!(body, request_body());
    assert_eq!(::codegen_runtime::serde_json::to_string(&body).expect("encodes"), text);
}

#[test]
fn a_generated_call_end_to_end() {
    let transport = Arc::new(::codegen_runtime::testing::RecordingTransport::new());
    let reply = r#"{"id":"po_1","amount":1234567890.123456789012,"created":1704448800}"#;
    transport.push_response(::codegen_runtime::http::HttpResponse {
        status: 201,
        headers: vec![("content-type".into(), "application/json; charset=utf-8".into())],
        body: reply.as_bytes().to_vec(),
    });
    let (name, value) = ::codegen_runtime::auth::bearer(&::codegen_runtime::auth::Secret::new("sk_test"));
    let core = ::codegen_runtime::client::ClientCore::new(transport.clone(), "https://api.example.com/v1")
        .with_header(name, value);

    let payout = futures::executor::block_on(create_payout(&core, "12345678", &request_body())).expect("created");
    assert_eq!(payout.id, "po_1");
    assert_eq!(payout.amount.to_string(), "1234567890.123456789012");
    assert_eq!(payout.created.to_date_time().expect("in range").to_string(), "2024-01-05T10:00:00Z");

    let request = &transport.requests()[0];
    assert_eq!(request.url, "https://api.example.com/v1/accounts/12345678/payouts?expand=fees,fx");
    assert_eq!(request.header("Authorization"), Some("Bearer sk_test"));
    let sent = String::from_utf8(request.body.clone().expect("a body")).expect("UTF-8");
    assert!(sent.starts_with(r#"{"amount":0.10,"#), "{sent}");
    assert!(!format!("{request:?}").contains("sk_test"));
}

#[test]
fn generated_calls_fail_in_each_way() {
    let transport = Arc::new(::codegen_runtime::testing::RecordingTransport::new());
    let core = ::codegen_runtime::client::ClientCore::new(transport.clone(), "https://api.example.com");
    let call = |account: &str| futures::executor::block_on(create_payout(&core, account, &request_body()));

    let error = call("1234").expect_err("too short");
    assert!(matches!(error, ::codegen_runtime::error::Error::InvalidRequest(_)));
    assert_eq!(error.to_string(), "request not sent: invalid AccountNumber: must be exactly 8 characters long");
    assert!(transport.requests().is_empty());

    transport.push_error(::codegen_runtime::http::TransportError::connect("refused"));
    assert!(matches!(call("12345678"), Err(::codegen_runtime::error::Error::Transport(_))));

    let problem = ::codegen_runtime::serde_json::json!({"title": "Insufficient funds"});
    transport.push_json(422, &problem);
    let error = call("12345678").expect_err("API error");
    assert_eq!(error.status(), Some(422));
    assert_eq!(error.to_string(), "API error: HTTP 422: Insufficient funds");

    transport.push_response(::codegen_runtime::http::HttpResponse {
        status: 502,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: b"<html>bad gateway</html>".to_vec(),
    });
    let error = call("12345678").expect_err("HTML");
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.to_string(), "unexpected response (HTTP 502): not JSON");

    transport.push_json(200, &::codegen_runtime::serde_json::json!({"id": 1}));
    let error = call("12345678").expect_err("wrong shape");
    assert!(matches!(error, ::codegen_runtime::error::Error::UnexpectedResponse { .. }));
}

/// Generated objects keep unlisted fields as [`codegen_runtime::UnknownFields`], written after the listed fields
/// through `#[serde(flatten)]` and read by the runtime's table-driven decoder (not flatten, which buffers numbers as
/// floats).
#[derive(Debug, PartialEq, ::codegen_runtime::serde::Serialize)]
#[serde(crate = "::codegen_runtime::serde")]
struct Payment {
    amount: i64,
    fee: ::codegen_runtime::ExactDecimal,
    created_at: ::codegen_runtime::UnixTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    settled: Option<::codegen_runtime::Date>,
    #[serde(flatten)]
    additional_fields: ::codegen_runtime::UnknownFields,
}
::codegen_runtime::object_decoder!(Payment open {
    0 amount ["amount"] required: i64;
    1 fee ["fee"] required: ::codegen_runtime::ExactDecimal;
    2 created_at ["created_at"] required: ::codegen_runtime::UnixTime;
    3 settled ["settled"] optional: ::codegen_runtime::Date;
});

#[test]
fn flattened_objects_keep_numbers_exact() {
    let text = r#"{"amount":100,"fee":0.10,"created_at":1704448800,"settled":"2024-01-06","rate":1.50,"tags":[1,2.0]}"#;
    let payment: Payment = ::codegen_runtime::serde_json::from_str(text).expect("decodes");
    assert_eq!(payment.amount, 100);
    assert_eq!(payment.fee.to_string(), "0.10");
    assert_eq!(payment.created_at.seconds(), 1_704_448_800);
    assert_eq!(payment.additional_fields.get("rate").map(|raw| raw.get()), Some("1.50"));
    assert_eq!(::codegen_runtime::serde_json::to_string(&payment).expect("encodes"), text);
}

/// One page of `list_payouts`: untyped items, kept as their exact JSON text.
#[derive(::codegen_runtime::serde::Deserialize)]
#[serde(crate = "::codegen_runtime::serde")]
struct Page {
    #[serde(default)]
    items: Vec<::codegen_runtime::Json>,
    next: Option<String>,
}

/// Generated pagination: pages fetched with `execute` and turned into a stream of items with the re-exported
/// futures utilities.
fn list_payouts(
    core: &::codegen_runtime::ClientCore,
) -> impl ::codegen_runtime::Stream<
    Item = Result<::codegen_runtime::Json, ::codegen_runtime::Error<std::convert::Infallible>>,
> + '_ {
    use ::codegen_runtime::futures::{StreamExt as _, TryStreamExt as _};
    ::codegen_runtime::futures::stream::try_unfold(Some(String::new()), move |cursor| async move {
        type PageError = ::codegen_runtime::Error<std::convert::Infallible>;
        let Some(cursor) = cursor else { return Ok::<_, PageError>(None) };
        let mut query = ::codegen_runtime::url::Query::new();
        if !cursor.is_empty() {
            query.push("cursor", cursor);
        }
        let call = ::codegen_runtime::Call::new(::codegen_runtime::Method::Get, "/payouts", 200).query(query);
        let page: Page = core
            .execute(call, |response| {
                ::codegen_runtime::decode_json(&response)
                    .map_err(|reason| ::codegen_runtime::call::Undecodable::new(reason, response.clone()))
            })
            .await?;
        Ok(Some((::codegen_runtime::futures::stream::iter(page.items.into_iter().map(Ok)), page.next)))
    })
    .try_flatten()
    .boxed()
}

#[tokio::test]
async fn generated_pagination_retries_and_streams() {
    use ::codegen_runtime::futures::TryStreamExt as _;
    let transport = Arc::new(::codegen_runtime::testing::RecordingTransport::new());
    transport.push_json(200, &::codegen_runtime::serde_json::json!({"items": [1, 2], "next": "c2"}));
    transport.push_json(503, &::codegen_runtime::serde_json::json!({}));
    transport.push_json(200, &::codegen_runtime::serde_json::json!({"items": [3]}));
    let retries = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counter = retries.clone();
    let core = ::codegen_runtime::ClientConfig::default()
        .retry_policy(::codegen_runtime::RetryPolicy::default().initial_backoff(std::time::Duration::ZERO))
        .transport(transport.clone())
        .build_core("https://api.example.com", "payout-client/0.1")
        .expect("a core")
        .with_retry_observer(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
    let items: Vec<::codegen_runtime::Json> = list_payouts(&core).try_collect().await.expect("all pages");
    assert_eq!(items, ["1", "2", "3"].map(|text| ::codegen_runtime::Json::from_text(text).expect("JSON")));
    assert_eq!(retries.load(std::sync::atomic::Ordering::SeqCst), 1);
    let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "https://api.example.com/payouts",
            "https://api.example.com/payouts?cursor=c2",
            "https://api.example.com/payouts?cursor=c2"
        ]
    );
    assert!(transport.requests().iter().all(|r| r.header("user-agent") == Some("payout-client/0.1")));

    transport.push_error(::codegen_runtime::TransportError::timeout("slow"));
    let call = ::codegen_runtime::Call::new(::codegen_runtime::Method::Post, "/payouts", 200)
        .body(Some(::codegen_runtime::Body::raw(::codegen_runtime::BodyEncoding::Json, b"{}".to_vec())))
        .resend(::codegen_runtime::Resend::Never, None);
    let error = core.execute::<(), std::convert::Infallible>(call, |_| Ok(())).await.expect_err("may have arrived");
    assert!(matches!(error, ::codegen_runtime::Error::OutcomeUnknown(_)));
    assert_eq!(error.status(), None);
}
