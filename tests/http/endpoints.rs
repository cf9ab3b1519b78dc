//! Every endpoint of the three generated clients over real HTTP, driven by the vendor examples of the specs.
//!
//! For each example of each endpoint, an in-process server answers with the example's response (status, headers,
//! body) and records the request. The test then checks that the request that crossed the wire is the one the
//! example documents (method, path, query, body, derived from the argument declarations of the spec, plus the
//! credential, version, content type and user agent headers), that a success response decodes to the right type and
//! says the same thing as the example, and that an error example decodes to the right variant of the endpoint's
//! error enum with its code or status, message, details or body, and raw response kept.
//!
//! Every example of an endpoint must have a request builder here (the test fails on an example it does not know),
//! so a new vendor example is tested as soon as it is added to the spec.

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use codegen::ir;
use codegen_runtime::{CodedError, Error, Filter, RawResponse, Secret, SortField, StatusError, UnknownApiError};
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::{json, Value};

use server::{Recorded, Reply, TestServer};
use support::*;

/// What an API error says, whichever enum and variant carries it.
#[derive(Debug)]
struct ErrorFacts {
    /// The spec's name of the error (`NOT_FOUND`), or `<unknown>` for the `Unknown` variant.
    name: &'static str,
    status: u16,
    code: Option<String>,
    message: Option<String>,
    /// Typed details (`code_array`), written back as JSON.
    details: Option<Value>,
    /// Typed body (`by_status`), written back as JSON.
    body: Option<Value>,
    /// `token-external-error` of a Token.io 500, when the variant has it.
    external_error: Option<Option<bool>>,
    raw: RawResponse,
}

impl ErrorFacts {
    fn coded<D: codegen_runtime::serde::Serialize>(name: &'static str, error: &CodedError<D>) -> ErrorFacts {
        ErrorFacts {
            name,
            status: error.response.status,
            code: Some(error.code.clone()),
            message: Some(error.message.clone()),
            details: error.details.as_ref().map(to_json),
            body: None,
            external_error: None,
            raw: error.response.clone(),
        }
    }

    fn status<B: codegen_runtime::serde::Serialize, H>(name: &'static str, error: &StatusError<B, H>) -> ErrorFacts {
        ErrorFacts {
            name,
            status: error.status,
            code: None,
            message: None,
            details: None,
            body: Some(to_json(&error.body)),
            external_error: None,
            raw: error.response.clone(),
        }
    }

    fn unknown(error: &UnknownApiError) -> ErrorFacts {
        ErrorFacts {
            name: "<unknown>",
            status: error.status,
            code: error.code.clone(),
            message: error.message.clone(),
            details: None,
            body: None,
            external_error: None,
            raw: error.response.clone(),
        }
    }
}

/// `fn $name(&$enum) -> ErrorFacts` for a `code_array` error enum, mapping each variant to its wire code.
macro_rules! coded_facts {
    ($name:ident: $enum:ident { $($variant:ident => $code:literal),* $(,)? }) => {
        fn $name(error: &reservepay::$enum) -> ErrorFacts {
            match error {
                $(reservepay::$enum::$variant(e) => ErrorFacts::coded($code, e),)*
                reservepay::$enum::Unknown(e) => ErrorFacts::unknown(e),
            }
        }
    };
}

coded_facts!(export_error_facts: RequestPayoutByContactExportError {
    NotFound => "NOT_FOUND",
    RateLimitExceeded => "RATE_LIMIT_EXCEEDED",
    UnhandledError => "UNHANDLED_ERROR",
    InvalidArguments => "INVALID_ARGUMENTS",
    BadVersion => "BAD_VERSION",
    Unauthorized => "UNAUTHORIZED",
});

coded_facts!(list_error_facts: ListPaymentsByContactError {
    NotFound => "NOT_FOUND",
    UnhandledError => "UNHANDLED_ERROR",
    InvalidArguments => "INVALID_ARGUMENTS",
    BadVersion => "BAD_VERSION",
    Unauthorized => "UNAUTHORIZED",
});

coded_facts!(send_error_facts: SendPayoutToContactError {
    NotFound => "NOT_FOUND",
    InvalidOperation => "INVALID_OPERATION",
    InsufficientBalance => "INSUFFICIENT_BALANCE",
    InvalidMobileNumber => "INVALID_MOBILE_NUMBER",
    InvalidNationalId => "INVALID_NATIONAL_ID",
    InvalidAmount => "INVALID_AMOUNT",
    UnhandledError => "UNHANDLED_ERROR",
    InvalidArguments => "INVALID_ARGUMENTS",
    BadVersion => "BAD_VERSION",
    Unauthorized => "UNAUTHORIZED",
});

/// `fn $name(&$enum) -> ErrorFacts` for a Token.io error enum (every endpoint has the same nine statuses).
macro_rules! tokenio_facts {
    ($name:ident: $enum:ident) => {
        fn $name(error: &tokenio::$enum) -> ErrorFacts {
            use tokenio::$enum as E;
            match error {
                E::BadRequest(e) => ErrorFacts::status("BAD_REQUEST", e),
                E::Unauthorized(e) => ErrorFacts::status("UNAUTHORIZED", e),
                E::PermissionDenied(e) => ErrorFacts::status("PERMISSION_DENIED", e),
                E::NotFound(e) => ErrorFacts::status("NOT_FOUND", e),
                E::TooManyRequests(e) => ErrorFacts::status("TOO_MANY_REQUESTS", e),
                E::InternalServerError(e) => ErrorFacts {
                    external_error: Some(e.headers.token_external_error),
                    ..ErrorFacts::status("INTERNAL_SERVER_ERROR", e)
                },
                E::NotImplemented(e) => ErrorFacts::status("NOT_IMPLEMENTED", e),
                E::ServiceUnavailable(e) => ErrorFacts::status("SERVICE_UNAVAILABLE", e),
                E::GatewayTimeout(e) => ErrorFacts::status("GATEWAY_TIMEOUT", e),
                E::Unknown(e) => ErrorFacts::unknown(e),
            }
        }
    };
}

tokenio_facts!(initiate_error_facts: InitiatePayoutError);
tokenio_facts!(get_payouts_error_facts: GetPayoutsError);
tokenio_facts!(get_payout_error_facts: GetPayoutError);

fn rebilly_error_facts(error: &rebilly::GetPayoutRequestCollectionError) -> ErrorFacts {
    use rebilly::GetPayoutRequestCollectionError as E;
    match error {
        E::Unauthorized(e) => ErrorFacts::status("UNAUTHORIZED", e),
        E::Forbidden(e) => ErrorFacts::status("FORBIDDEN", e),
        E::Unknown(e) => ErrorFacts::unknown(e),
    }
}

/// How many requests an example costs: the runtime retries 429, 503 and 504 [`ATTEMPTS`] times when resending
/// cannot act twice (a read, a call whose server recognises its reference, or an error the spec calls a refusal);
/// anything else is sent once.
fn expected_attempts(api: &ir::Api, endpoint: &ir::Endpoint, example: &ir::Example) -> usize {
    let recognised = endpoint.idempotency.as_ref().is_some_and(|i| i.repeat != ir::Repeat::Undocumented);
    let refusal = example.error.as_deref().and_then(|name| api.error(name)).is_some_and(|e| e.refusal);
    if matches!(example.status, 429 | 503 | 504) && (endpoint.is_read() || recognised || refusal) {
        ATTEMPTS as usize
    } else {
        1
    }
}

/// Whether an error example of a call that changes something comes back as an unknown outcome: the error does not
/// say the server refused to act.
fn ends_unknown(api: &ir::Api, endpoint: &ir::Endpoint, error: &str) -> bool {
    !endpoint.is_read() && api.error(error).is_some_and(|e| !e.refusal)
}

/// Which example of which endpoint an exchange is, and the path the client's base URL puts before the endpoint's.
struct Case<'a> {
    api_name: &'a str,
    endpoint: &'a ir::Endpoint,
    base_path: &'a str,
    example: &'a ir::Example,
}

/// Checks one exchange of `example`: the requests the server recorded and the result the client returned.
/// `success` writes a decoded success back as JSON; `facts` reads a decoded error.
fn check_exchange<T, E: std::fmt::Debug>(
    case: Case<'_>,
    requests: &[Recorded],
    result: Result<T, Error<E>>,
    success: impl Fn(&T) -> Value,
    facts: impl Fn(&E) -> ErrorFacts,
) {
    let Case { api_name, endpoint, base_path, example } = case;
    let api = api(api_name);
    let at = format!("{api_name}.{} example `{}`", endpoint.name, example.name);
    let expected = expected_wire(endpoint, example);
    assert_eq!(requests.len(), expected_attempts(api, endpoint, example), "{at}: requests sent: {requests:#?}");
    for request in requests {
        assert_wire(api, base_path, &expected, request);
        assert_eq!(request, &requests[0], "{at}: every attempt sends the same request");
    }
    let served = serde_json::to_vec(example.response.as_ref().unwrap_or(&Value::Null)).expect("JSON");
    match (&example.error, result) {
        (None, Ok(value)) => {
            let response = example.response.as_ref().unwrap_or_else(|| panic!("{at}: no response"));
            assert_eq!(&success(&value), response, "{at}: the decoded response says what the example says");
        }
        (Some(name), Err(Error::Api(error))) => {
            let facts = facts(&error);
            assert_eq!(facts.name, name, "{at}: error variant of {error:?}");
            assert_eq!(facts.status, example.status, "{at}: status");
            assert_eq!(facts.raw.status, example.status, "{at}: raw status");
            assert_eq!(facts.raw.body, served, "{at}: the raw body is kept");
            for (header, value) in &example.headers {
                assert_eq!(facts.raw.header(header), Some(scalar_text(value).as_str()), "{at}: raw header {header}");
            }
            let response = example.response.as_ref().unwrap_or_else(|| panic!("{at}: no error body"));
            let told_by_code = api.error(name).is_some_and(|def| matches!(def.wire, ir::ErrorWire::Code { .. }));
            match &api.errors.shape {
                ir::ErrorShape::Coded(rules) if told_by_code => {
                    let at_pointer = |pointer: &str| response.pointer(pointer);
                    assert_eq!(facts.code.as_deref(), at_pointer(&rules.code).and_then(|c| c.as_str()), "{at}: code");
                    let message = rules.message.as_deref().and_then(at_pointer).and_then(|m| m.as_str());
                    assert_eq!(facts.message.as_deref(), message, "{at}: message");
                    let details = at_pointer(&rules.details).filter(|d| !d.is_null());
                    assert_eq!(facts.details.as_ref(), details, "{at}: details");
                }
                _ => {
                    assert_eq!(facts.body.as_ref(), Some(response), "{at}: body");
                }
            }
            if let Some(external) = facts.external_error {
                let documented = example.headers.iter().find(|(name, _)| name == "token-external-error");
                assert_eq!(external, documented.map(|(_, value)| value == &json!(true)), "{at}: token-external-error");
            }
        }
        (Some(name), Err(Error::OutcomeUnknown(unconfirmed))) if ends_unknown(api, endpoint, name) => {
            let raw = unconfirmed.response().unwrap_or_else(|| panic!("{at}: the response is kept"));
            assert_eq!(raw.status, example.status, "{at}: raw status");
            assert_eq!(raw.body, served, "{at}: the raw body is kept");
        }
        (expected, Err(error)) => panic!("{at}: expected {expected:?}, got {error:?}"),
        (Some(name), Ok(_)) => panic!("{at}: expected the error {name}, got a success"),
    }
}

/// Runs every example of an endpoint, each against a fresh server that answers with the example's response: the
/// client is built by `$client`, `|client, example_name| call` makes the call, `$success` and `$facts` read the
/// outcome for [`check_exchange`].
macro_rules! run_examples {
    ($api:literal, $endpoint:literal, $base_path:expr, $client:ident, |$c:ident, $name:ident| $call:expr,
     $success:expr, $facts:expr) => {{
        let endpoint = endpoint($api, $endpoint);
        assert!(!endpoint.examples.is_empty(), "{}.{} has no examples", $api, $endpoint);
        let mut errors = 0;
        for example in &endpoint.examples {
            let server = TestServer::always(example_reply(api($api), example)).await;
            let $c = $client(&server, test_config());
            let $name = example.name.as_str();
            let result = $call;
            errors += usize::from(example.error.is_some());
            let base_path = $base_path(&server);
            let case = Case { api_name: $api, endpoint, base_path: &base_path, example };
            check_exchange(case, &server.requests(), result, $success, $facts);
        }
        println!("{}.{}: {} examples ({errors} errors) checked over HTTP", $api, $endpoint, endpoint.examples.len());
    }};
}

fn no_base_path(_: &TestServer) -> String {
    String::new()
}

fn rebilly_base_path(server: &TestServer) -> String {
    // `rebilly_base` is `<server>/organizations/<id>`: requests arrive below that path.
    rebilly_base(server).strip_prefix(&server.base_url()).expect("below the server").to_owned()
}

// ---------------------------------------------------------------------------------------------------------------
// Reservepay

fn contact(id: &str) -> reservepay::ContactRef {
    if id.starts_with(reservepay::ContactRef::UID_PREFIX) {
        reservepay::ContactRef::uid(id).expect("contact UID")
    } else {
        reservepay::ContactRef::external(id).expect("external contact ID")
    }
}

fn export_request(example: &str) -> reservepay::RequestPayoutByContactExportRequest {
    use reservepay::{ExportFormat, RequestPayoutByContactExportRequest as R};
    match example {
        "request_csv_export" => R::new(contact("ctc_9Xq2LmT7vB")).with_format(ExportFormat::Csv),
        "unknown_contact" => R::new(contact("customer-8841")),
        "export_already_running" => R::new(contact("ctc_9Xq2LmT7vB")),
        other => panic!("reservepay.request_payout_by_contact_export example `{other}` has no request builder here"),
    }
}

fn list_request(example: &str) -> reservepay::ListPaymentsByContactRequest {
    use reservepay::{ListPaymentsByContactPerPage, ListPaymentsByContactRequest as R};
    match example {
        "first_page" => {
            R::new(contact("ctc_9Xq2LmT7vB")).with_per_page(ListPaymentsByContactPerPage::new(1).expect("1"))
        }
        "unknown_contact" => R::new(contact("ctc_0000000000")),
        "bad_cursor" => R::new(contact("ctc_9Xq2LmT7vB")).with_after("yesterday".to_owned()),
        other => panic!("reservepay.list_payments_by_contact example `{other}` has no request builder here"),
    }
}

fn send_request(example: &str) -> reservepay::SendPayoutToContactRequest {
    use reservepay::{
        BankAccountRef, CountryCode, MinorUnits, MobileNumber, SendPayoutToContactDestination as D,
        SendPayoutToContactRequest as R,
    };
    let amount = |minor: &str| MinorUnits::new(minor).expect("minor units");
    let new_account = |number: &str| D::NewBankAccount {
        bank_account_number: number.to_owned(),
        bank_account_name: "Somchai Jaidee".to_owned(),
        bank_code: "004".to_owned(),
        country_code: CountryCode::new("TH").expect("country"),
    };
    match example {
        "to_primary_bank_account" => {
            R::new(contact("ctc_9Xq2LmT7vB"), amount("10000")).with_external_id("payout_001".to_owned())
        }
        "to_mobile_number" => R::new(contact("customer-8841"), amount("25000"))
            .with_destination(D::MobileNumber { mobile_number: MobileNumber::new("0812223333").expect("mobile") })
            .with_external_id("payout_002".to_owned())
            .with_recipient_name("Somchai Jaidee".to_owned()),
        "to_new_bank_account" => R::new(contact("ctc_9Xq2LmT7vB"), amount("150000"))
            .with_destination(new_account("1234567890"))
            .with_external_id("payout_003".to_owned()),
        "no_primary_bank_account" | "invalid_api_key" => R::new(contact("ctc_9Xq2LmT7vB"), amount("10000")),
        "insufficient_balance" => R::new(contact("ctc_9Xq2LmT7vB"), amount("50000000"))
            .with_destination(D::BankAccount { bank_account_id: BankAccountRef::uid("bka_4Hn8ZrW2pK").expect("bka") }),
        "invalid_bank_account_number" => {
            R::new(contact("ctc_9Xq2LmT7vB"), amount("10000")).with_destination(new_account("123-4-56789-0"))
        }
        other => panic!("reservepay.send_payout_to_contact example `{other}` has no request builder here"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_request_payout_by_contact_export() {
    run_examples!(
        "reservepay",
        "request_payout_by_contact_export",
        no_base_path,
        reservepay_client,
        |client, name| client.request_payout_by_contact_export(export_request(name)).await,
        |export: &reservepay::PayoutExport| to_json(export),
        export_error_facts
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_list_payments_by_contact() {
    run_examples!(
        "reservepay",
        "list_payments_by_contact",
        no_base_path,
        reservepay_client,
        |client, name| client.list_payments_by_contact(list_request(name)).await,
        |page: &reservepay::PaymentPage| to_json(page),
        list_error_facts
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_send_payout_to_contact() {
    run_examples!(
        "reservepay",
        "send_payout_to_contact",
        no_base_path,
        reservepay_client,
        |client, name| client.send_payout_to_contact(send_request(name)).await,
        |payout_id: &String| json!(payout_id),
        send_error_facts
    );
}

/// Reservepay error codes are compared ignoring case; the code is kept as the server sent it, the typed details are
/// decoded, and elements after the third are ignored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_error_codes_ignore_case() {
    let details = json!([{"type": "invalid", "argument": "amount", "message": "Must be positive, got 0"}]);
    let server = TestServer::scripted(vec![
        Reply::json(400, &json!(["not_found", "No contact found with the provided recipient_id.", null])),
        Reply::json(400, &json!(["Invalid_Arguments", "One or more arguments are invalid", details, "extra"])),
        Reply::json(400, &json!(["insufficient_balance", "Not enough money.", {"available": "100"}])),
    ])
    .await;
    let client = reservepay_client(&server, test_config());
    let send = || {
        reservepay::SendPayoutToContactRequest::new(
            contact("ctc_9Xq2LmT7vB"),
            reservepay::MinorUnits::new("10000").expect("amount"),
        )
        .with_external_id("payout_case".to_owned())
    };
    let mut seen = Vec::new();
    for _ in 0..3 {
        match client.send_payout_to_contact(send()).await {
            Err(Error::Api(error)) => seen.push(send_error_facts(&error)),
            other => panic!("expected an API error, got {other:?}"),
        }
    }
    assert_eq!((seen[0].name, seen[0].code.as_deref()), ("NOT_FOUND", Some("not_found")));
    assert_eq!((seen[1].name, seen[1].code.as_deref()), ("INVALID_ARGUMENTS", Some("Invalid_Arguments")));
    assert_eq!(seen[1].details.as_ref(), Some(&details), "typed details of INVALID_ARGUMENTS");
    assert_eq!(seen[2].name, "INSUFFICIENT_BALANCE");
    assert_eq!(seen[2].details, Some(json!({"available": "100"})), "untyped details are kept as JSON");
    assert_eq!(server.request_count(), 3, "400 errors are not retried");
}

/// `with_api_version` sends the chosen version, once; a version the client does not know is refused before sending.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_api_version_header() {
    let server = TestServer::always(Reply::json(200, &json!("po_6Jt3WsE9xV"))).await;
    let client = reservepay_client(&server, test_config()).with_api_version(reservepay::API_VERSION).expect("known");
    client.send_payout_to_contact(send_request("to_primary_bank_account")).await.expect("sent");
    let request = &server.requests()[0];
    assert_eq!(request.header_values("api-version"), [reservepay::API_VERSION], "sent exactly once");
    assert!(reservepay_client(&server, test_config()).with_api_version("1999-01-01").is_err());
    assert_eq!(server.request_count(), 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Token.io

fn initiation(example: &str) -> tokenio::PayoutInitiation {
    use tokenio::{
        Amount, Bic, CreditorInformation, CurrencyCode, DebtorInformation, DecimalAmount, Iban, PaymentReference,
        PayoutInitiation, RefId,
    };
    let amount = |value: &str, currency: &str| {
        Amount::new(DecimalAmount::new(value).expect("amount"), CurrencyCode::new(currency).expect("currency"))
    };
    let scan = |name: &str| {
        CreditorInformation::new()
            .with_name(name.to_owned())
            .with_account_number("12345678".to_owned())
            .with_sort_code("123456".to_owned())
    };
    let build = |description: &str, ref_id: &str, amount: Amount, creditor: CreditorInformation| {
        PayoutInitiation::new(
            PaymentReference::new(description).expect("payment reference"),
            RefId::new(ref_id).expect("refId"),
            amount,
            DebtorInformation::new("a12345".to_owned()),
            creditor,
        )
    };
    match example {
        "scan_payout" => build(
            "INV 2024-0417",
            "9htio4a1sp2akdr1aa",
            amount("10.23", "GBP"),
            scan("Customer Inc.").with_ultimate_creditor_name("Customer Inc.".to_owned()),
        )
        .with_on_behalf_of_id("c5a863bc-86f2-4418-a26f-25b24c7983c7".to_owned()),
        "iban_payout" => build(
            "e49j-2145-sp17-k3h0",
            "N5cJDFsQzVca3Q",
            amount("250.00", "EUR"),
            CreditorInformation::new()
                .with_name("Customer Inc.".to_owned())
                .with_iban(Iban::new("IE29AIBK93115212345678").expect("IBAN"))
                .with_bic(Bic::new("AIBKIE2D").expect("BIC"))
                .with_bank_name("AIB".to_owned())
                .with_account_verification_id("5f0c1d2e-8a3b-4c6d-9e7f-0a1b2c3d4e5f".to_owned()),
        ),
        "reference_too_long_for_scan" => {
            build("e49j-2145-sp17-k3h0", "ShBdcTeqFabqJJhUF", amount("10.23", "GBP"), scan("Customer Inc."))
        }
        "bank_unavailable" => build("INV 2024-0418", "Qm7c2XvA9pLk3", amount("99.99", "GBP"), scan("Customer Inc.")),
        other => panic!("tokenio.initiate_payout example `{other}` has no request builder here"),
    }
}

fn page_limit(limit: i32) -> tokenio::PageLimit {
    tokenio::PageLimit::new(limit).expect("page limit")
}

fn get_payouts_request(example: &str) -> tokenio::GetPayoutsRequest {
    use tokenio::{GetPayoutsRequest as R, PayoutStatus, RefId};
    match example {
        "completed_and_rejected" => R::new(page_limit(10))
            .with_start_date(codegen_runtime::Date::parse("2010-01-01").expect("date"))
            .with_statuses(vec![PayoutStatus::InitiationCompleted, PayoutStatus::InitiationRejected]),
        "next_page_by_ref_ids" => R::new(page_limit(10)).with_offset("LerV6Jmex".to_owned()).with_ref_ids(vec![
            RefId::new("ShBdcTeqFabqJJhUF").expect("refId"),
            RefId::new("N5cJDFsQzVca3Q").expect("refId"),
        ]),
        "missing_credentials" => R::new(page_limit(10)),
        "quota_exhausted" => R::new(page_limit(200)),
        other => panic!("tokenio.get_payouts example `{other}` has no request builder here"),
    }
}

fn payout_id(id: &str) -> tokenio::PayoutId {
    tokenio::PayoutId::new(id).expect("payout ID")
}

fn get_payout_request(example: &str) -> tokenio::GetPayoutRequest {
    match example {
        "completed_payout" | "bank_failure" => {
            tokenio::GetPayoutRequest::new(payout_id("po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget"))
        }
        "unknown_payout" => tokenio::GetPayoutRequest::new(payout_id("po:4QExXrhKTxfShBdcTeqFabqJJhUF:2gFUX1NDgpN")),
        other => panic!("tokenio.get_payout example `{other}` has no request builder here"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_initiate_payout() {
    run_examples!(
        "tokenio",
        "initiate_payout",
        no_base_path,
        tokenio_client,
        |client, name| client.initiate_payout(tokenio::InitiatePayoutRequest::new(initiation(name))).await,
        |payout: &tokenio::PayoutResponse| to_json(payout),
        initiate_error_facts
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_get_payouts() {
    run_examples!(
        "tokenio",
        "get_payouts",
        no_base_path,
        tokenio_client,
        |client, name| client.get_payouts(get_payouts_request(name)).await,
        |page: &tokenio::PayoutsResponse| to_json(page),
        get_payouts_error_facts
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_get_payout() {
    run_examples!(
        "tokenio",
        "get_payout",
        no_base_path,
        tokenio_client,
        |client, name| client.get_payout(get_payout_request(name)).await,
        |payout: &tokenio::PayoutResponse| to_json(payout),
        get_payout_error_facts
    );
}

/// The exact wire form of Token.io's path and query arguments: `:` in a payout ID is percent-encoded in the path,
/// array filters are repeated parameters, and every other argument travels as documented.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_path_and_query_encoding() {
    let page = json!({"payouts": [], "paging": {"limit": 50}});
    let payout = endpoint("tokenio", "get_payout").examples[0].response.clone().expect("example payout");
    let server =
        TestServer::start(
            move |request, _| {
                if request.path == "/payouts" {
                    Reply::json(200, &page)
                } else {
                    Reply::json(200, &payout)
                }
            },
        )
        .await;
    let client = tokenio_client(&server, test_config());

    let id = "po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget";
    client.get_payout(tokenio::GetPayoutRequest::new(payout_id(id))).await.expect("payout");

    let request = tokenio::GetPayoutsRequest::new(page_limit(50))
        .with_offset("LerV6Jmex".to_owned())
        .with_start_date(codegen_runtime::Date::parse("2024-01-01").expect("date"))
        .with_end_date(codegen_runtime::Date::parse("2024-12-31").expect("date"))
        .with_ids(vec![payout_id("po:28oivvd3iFhBrcbNj4tmtLEhxRTk:2gFUX1NE1T6"), payout_id("po:b c/d")])
        .with_invert_ids(false)
        .with_statuses(vec![tokenio::PayoutStatus::InitiationCompleted, tokenio::PayoutStatus::InitiationFailed])
        .with_invert_statuses(true)
        .with_ref_ids(vec![tokenio::RefId::new("ShBdcTeqFabqJJhUF").expect("refId")])
        .with_on_behalf_of_id("c5a863bc-86f2-4418-a26f-25b24c7983c7".to_owned());
    client.get_payouts(request).await.expect("page");

    let requests = server.requests();
    assert_eq!(requests[0].target(), "GET /payouts/po%3Ayj6sSEf7ZYFP8yxN6XWi1KkMEcB%3A2gFUX1NDget");
    assert_eq!(
        requests[1].query.as_deref(),
        Some(
            "limit=50&offset=LerV6Jmex&startDate=2024-01-01&endDate=2024-12-31\
             &ids=po%3A28oivvd3iFhBrcbNj4tmtLEhxRTk%3A2gFUX1NE1T6&ids=po%3Ab+c%2Fd&invertIds=false\
             &statuses=INITIATION_COMPLETED&statuses=INITIATION_FAILED&invertStatuses=true\
             &refIds=ShBdcTeqFabqJJhUF&onBehalfOfId=c5a863bc-86f2-4418-a26f-25b24c7983c7"
        )
    );
    let ids: Vec<String> = requests[1].query_pairs().into_iter().filter(|(k, _)| k == "ids").map(|(_, v)| v).collect();
    assert_eq!(ids, ["po:28oivvd3iFhBrcbNj4tmtLEhxRTk:2gFUX1NE1T6", "po:b c/d"], "`ids` is repeated, decoded back");
    for request in &requests {
        assert_standard_headers(api("tokenio"), request);
    }
}

/// HTTP Basic credentials (accepted by a custom URL, as in the sandbox) travel as `Authorization: Basic base64`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_basic_auth() {
    let payout = endpoint("tokenio", "get_payout").examples[0].response.clone().expect("example payout");
    let server = TestServer::always(Reply::json(200, &payout)).await;
    let credential = credential("tokenio", "basic");
    let (username, password) = credential.split_once(':').map(|(u, p)| (u.to_owned(), p.to_owned())).expect("user:pw");
    let client = tokenio::Client::with_config(
        tokenio::Environment::Custom(server.base_url()),
        tokenio::Auth::Basic { username: username.clone(), password: Secret::new(password.clone()) },
        test_config(),
    )
    .expect("client");
    client.get_payout(get_payout_request("completed_payout")).await.expect("payout");
    let expected = format!("Basic {}", codegen_tests::base64_encode(format!("{username}:{password}").as_bytes()));
    assert_eq!(server.requests()[0].header("authorization"), Some(expected.as_str()));
    // Basic is sandbox-only: the production environment refuses it before any request.
    let production = tokenio::Client::with_config(
        tokenio::Environment::Production,
        tokenio::Auth::Basic { username, password: Secret::new(password) },
        test_config(),
    );
    assert!(production.is_err());
}

// ---------------------------------------------------------------------------------------------------------------
// Rebilly

fn collection_request(example: &str) -> rebilly::GetPayoutRequestCollectionRequest {
    use rebilly::{CollectionLimit, CollectionOffset, GetPayoutRequestCollectionRequest as R};
    let limit = |n| CollectionLimit::new(n).expect("limit");
    let offset = |n| CollectionOffset::new(n).expect("offset");
    match example {
        "list_payout_requests" => R::new().with_limit(limit(100)).with_offset(offset(2)),
        "filtered_partially_fulfilled" => R::new()
            .with_limit(limit(10))
            .with_offset(offset(0))
            .with_filter(Filter::new().field("status", ["partially-fulfilled", "canceled"]).expect("filter"))
            .with_sort(vec![SortField::desc("createdTime").expect("sort")]),
        "invalid_api_key" => R::new().with_limit(limit(100)),
        "key_without_permission" => R::new(),
        other => panic!("rebilly.get_payout_request_collection example `{other}` has no request builder here"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_get_payout_request_collection() {
    run_examples!(
        "rebilly",
        "get_payout_request_collection",
        rebilly_base_path,
        rebilly_client,
        |client, name| client.get_payout_request_collection(collection_request(name)).await,
        |page: &rebilly::GetPayoutRequestCollectionResponse| to_json(&page.body),
        rebilly_error_facts
    );
    // The documented pagination headers of the success examples decode into the response.
    for example in endpoint("rebilly", "get_payout_request_collection").examples.iter().filter(|e| e.error.is_none()) {
        let server = TestServer::always(example_reply(api("rebilly"), example)).await;
        let page = rebilly_client(&server, test_config())
            .get_payout_request_collection(collection_request(&example.name))
            .await
            .expect("page");
        let header = |name: &str| {
            example.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_i64().expect("integer header"))
        };
        assert_eq!(page.pagination_total, header("Pagination-Total"), "{}", example.name);
        assert_eq!(page.pagination_limit, header("Pagination-Limit"), "{}", example.name);
        assert_eq!(page.pagination_offset, header("Pagination-Offset"), "{}", example.name);
    }
}

/// `sort` is one comma-joined parameter with `-` for descending fields, `filter` is built with
/// `codegen_runtime::Filter` (`field:v1,v2;field2:v3`), and both are form-encoded except for their commas.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_filter_and_sort_on_the_wire() {
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    let client = rebilly_client(&server, test_config());
    let filter = Filter::new()
        .field("status", ["pending", "instrument-selected"])
        .and_then(|f| f.field("currency", ["USD"]))
        .expect("filter");
    let sort = vec![SortField::desc("createdTime").expect("sort"), SortField::asc("amount").expect("sort")];
    let request = rebilly::GetPayoutRequestCollectionRequest::new()
        .with_limit(rebilly::CollectionLimit::new(20).expect("limit"))
        .with_filter(filter)
        .with_sort(sort);
    let page = client.get_payout_request_collection(request).await.expect("empty page");
    assert!(page.body.is_empty() && page.pagination_total.is_none());
    let recorded = &server.requests()[0];
    assert_eq!(recorded.path, format!("/organizations/{REBILLY_ORGANIZATION}/payout-requests"));
    assert_eq!(
        recorded.query.as_deref(),
        Some("limit=20&filter=status%3Apending,instrument-selected%3Bcurrency%3AUSD&sort=-createdTime,amount")
    );
    assert_eq!(
        recorded.query_pairs(),
        [
            ("limit".to_owned(), "20".to_owned()),
            ("filter".to_owned(), "status:pending,instrument-selected;currency:USD".to_owned()),
            ("sort".to_owned(), "-createdTime,amount".to_owned()),
        ]
    );
    assert_standard_headers(api("rebilly"), recorded);
}

/// The filter values issue #9 called hostile carry Rebilly filter syntax (`..` ranges, `!` negation, `@` lists, `,`
/// `;` `:` separators) or syntax Rebilly does not document (spaces with `OR`, quotes, a `-field`). Rebilly documents no
/// escaping, so each is refused while the request is built: the server receives nothing. Only `Filter` reaches the
/// `filter` parameter, so a refused value has no other way onto the wire.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_hostile_filter_values_never_reach_the_server() {
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    let client = rebilly_client(&server, test_config());
    let hostile_values = [
        "cus_1 OR status:paid",
        "1..9999",
        "\"cus_1\"",
        "'cus_1'",
        "!cus_1",
        "@vipList",
        "Weekly winnings, March",
        "pending;currency:USD",
    ];
    for value in hostile_values {
        let built = Filter::new().field("customerId", [value]);
        let error = built.expect_err(value);
        assert!(!error.to_string().contains(value), "the value stays out of the error: {error}");
    }
    for field in ["-customerId", "status,currency", "customerId OR status"] {
        Filter::new().field(field, ["cus_1"]).expect_err(field);
    }
    SortField::desc("createdTime,amount").expect_err("a sort field holding the separator");
    assert_eq!(server.request_count(), 0, "nothing reached the server");

    // An empty filter sends no `filter` parameter at all.
    let request = rebilly::GetPayoutRequestCollectionRequest::new().with_filter(Filter::new());
    drop(client.get_payout_request_collection(request).await.expect("page"));
    assert_eq!(server.requests()[0].query, None);
}

/// Negation and ranges are written by `Filter` itself, exactly in Rebilly's documented form, so a caller who wants
/// `1..9999` gets it on purpose and never by passing a value through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_filter_operators_on_the_wire() {
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    let client = rebilly_client(&server, test_config());
    let filter = Filter::new()
        .field("customerId", ["cus_1"])
        .and_then(|f| f.excluding("status", ["canceled", "fulfilled"]))
        .and_then(|f| f.range("amount", Some("1"), Some("9999")))
        .and_then(|f| f.range("createdTime", Some("2021-02-14T13:30:00Z"), None))
        .expect("filter");
    let request = rebilly::GetPayoutRequestCollectionRequest::new().with_filter(filter);
    drop(client.get_payout_request_collection(request).await.expect("page"));
    let recorded = &server.requests()[0];
    assert_eq!(
        recorded.query_pairs(),
        [(
            "filter".to_owned(),
            "customerId:cus_1;status:!canceled,!fulfilled;amount:1..9999;createdTime:2021-02-14T13:30:00Z..".to_owned()
        )]
    );
    assert_eq!(
        recorded.query.as_deref(),
        Some(
            "filter=customerId%3Acus_1%3Bstatus%3A%21canceled,%21fulfilled%3Bamount%3A1..9999%3B\
             createdTime%3A2021-02-14T13%3A30%3A00Z.."
        )
    );
}

/// The JWT scheme sends `Authorization: Bearer`, and no `REB-APIKEY`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_jwt_auth() {
    let server = TestServer::always(Reply::json(200, &json!([]))).await;
    let jwt = credential("rebilly", "jwt");
    let client = rebilly::Client::with_config(
        rebilly::Environment::Custom(rebilly_base(&server)),
        rebilly::Auth::Jwt(Secret::new(jwt.clone())),
        test_config(),
    )
    .expect("client");
    client.get_payout_request_collection(rebilly::GetPayoutRequestCollectionRequest::new()).await.expect("page");
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some(format!("Bearer {jwt}").as_str()));
    assert_eq!(request.header("reb-apikey"), None);
}

/// Token.io's Basic credentials are for the sandbox only: a production client built with them is refused before it
/// exists, and the same credentials build a sandbox client.
#[test]
fn tokenio_basic_credentials_are_refused_in_production() {
    let basic = || tokenio::Auth::Basic { username: "user".to_owned(), password: Secret::new("password") };
    let error = tokenio::Client::new(tokenio::Environment::Production, basic()).expect_err("sandbox only");
    assert!(error.to_string().contains("not accepted in the chosen environment"), "{error}");
    assert!(tokenio::Client::new(tokenio::Environment::Sandbox, basic()).is_ok());
    let bearer = tokenio::Auth::Bearer(Secret::new("token"));
    assert!(tokenio::Client::new(tokenio::Environment::Production, bearer).is_ok());
}
