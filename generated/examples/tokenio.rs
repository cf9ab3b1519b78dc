//! The Token.io client, end to end: initiate a payout, read it back, list payouts page by page, and handle an API
//! error.
//!
//! ```sh
//! cargo run -p payout-clients --example tokenio
//! ```
//!
//! By default the example starts a tiny local server that answers like Token.io, with the vendor's documented
//! example responses (see `spec/tokenio.yaml`), so it runs offline and moves no money. To talk to another server,
//! set `TOKENIO_BASE_URL` (and `TOKENIO_TOKEN`, a bearer JWT): the example then INITIATES A PAYOUT there, so use the
//! sandbox or a mock, never production.

#[path = "common/local_server.rs"]
mod local_server;

use std::time::Duration;

use payout_clients::runtime::{ClientConfig, Date, Error, RetryPolicy, Secret};
use payout_clients::tokenio::{
    Amount, Auth, Client, CreditorInformation, CurrencyCode, DebtorInformation, DecimalAmount, Environment,
    GetPayoutError, GetPayoutRequest, GetPayoutsRequest, InitiatePayoutRequest, PageLimit, PaymentReference, PayoutId,
    PayoutInitiation, PayoutStatus, RefId,
};
use payout_clients::TryStreamExt as _;

use local_server::{Request, Response};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (base_url, token) = match std::env::var("TOKENIO_BASE_URL") {
        Ok(url) => (url, std::env::var("TOKENIO_TOKEN")?),
        Err(_) => (local_server::start(tokenio_like), "eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl".to_owned()),
    };
    println!("Token.io at {base_url}\n");

    let config = ClientConfig::default()
        .timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(100)));
    let client = Client::with_config(Environment::Custom(base_url), Auth::Bearer(Secret::new(token)), config)?;

    // 1. Initiate a payout to a UK account. `refId` is your reference: keep it unique per payout, and after a
    //    timeout look the payout up by it (`ref_ids`) before initiating again.
    let initiation = PayoutInitiation::new(
        PaymentReference::new("INV 2024-0417")?,
        RefId::new("9htio4a1sp2akdr1aa")?,
        Amount::new(DecimalAmount::new("10.23")?, CurrencyCode::new("GBP")?),
        DebtorInformation::new("a12345".to_owned()),
        CreditorInformation::new()
            .with_name("Customer Inc.".to_owned())
            .with_account_number("12345678".to_owned())
            .with_sort_code("123456".to_owned()),
    );
    let initiated = client.initiate_payout(InitiatePayoutRequest::new(initiation)).await?.payout;
    println!("initiated {}: {} at {}", initiated.id, initiated.status, initiated.created_date_time);

    // 2. Read it back; the `:` of the ID are percent-encoded in the path for you.
    let payout = client.get_payout(GetPayoutRequest::new(initiated.id.clone())).await?.payout;
    let amount = payout.initiation.as_ref().map(|i| format!("{} {}", i.amount.value, i.amount.currency));
    println!(
        "payout {}: {} ({}), {}",
        payout.id,
        payout.status,
        payout.bank_payment_status.as_deref().unwrap_or("-"),
        amount.unwrap_or_default()
    );

    // 3. Every completed or rejected payout since 2010, two per page: the stream asks for the next page (with the
    //    previous page's offset) only when the previous one is used up.
    println!("\ncompleted or rejected payouts:");
    let request = GetPayoutsRequest::new(PageLimit::new(2)?)
        .with_start_date(Date::parse("2010-01-01")?)
        .with_statuses(vec![PayoutStatus::InitiationCompleted, PayoutStatus::InitiationRejected]);
    let mut payouts = client.get_payouts_items(request);
    while let Some(payout) = payouts.try_next().await? {
        let reason = payout.status_reason_information.as_ref().map_or("", |r| r.as_str());
        println!("  {} {} {reason}", payout.id, payout.status);
    }

    // 4. An API error is a typed variant of the endpoint's error enum, with the decoded body.
    match client.get_payout(GetPayoutRequest::new(PayoutId::new("po:4QExXrhKTxfShBdcTeqFabqJJhUF:2gFUX1NDgpN")?)).await
    {
        Ok(response) => println!("\nfound {}", response.payout.id),
        Err(Error::Api(GetPayoutError::NotFound(error))) => {
            println!(
                "\nnot found: {} (trace {})",
                error.body.error.message,
                error.body.error.token_trace_id.as_deref().unwrap_or("-")
            );
        }
        Err(other) => println!("\nfailed: {other}"),
    }
    Ok(())
}

/// Answers like Token.io, with the example responses of `spec/tokenio.yaml`.
fn tokenio_like(request: &Request) -> Response {
    let offset = request.query.split('&').find_map(|pair| pair.strip_prefix("offset="));
    match (request.method.as_str(), request.path.as_str(), offset) {
        ("POST", "/payouts", _) => Response::json(200, &format!(r#"{{"payout": {}}}"#, payout("INITIATION_PENDING"))),
        ("GET", "/payouts/po%3Ayj6sSEf7ZYFP8yxN6XWi1KkMEcB%3A2gFUX1NDget", _) => {
            Response::json(200, &format!(r#"{{"payout": {}}}"#, payout("INITIATION_COMPLETED")))
        }
        ("GET", "/payouts", None) => Response::json(
            200,
            &format!(
                r#"{{"payouts": [{}, {}], "paging": {{"limit": 2, "offset": "LerV6Jmex"}}}}"#,
                payout("INITIATION_COMPLETED"),
                REJECTED
            ),
        ),
        ("GET", "/payouts", Some(_)) => Response::json(200, r#"{"payouts": [], "paging": {"limit": 2}}"#),
        _ => Response::json(
            404,
            r#"{"error": {"errorCode": "NOT_FOUND", "message": "Payout not found.", "tokenTraceId": "5678912345",
                "paymentId": "po:4QExXrhKTxfShBdcTeqFabqJJhUF:2gFUX1NDgpN"}}"#,
        ),
    }
}

fn payout(status: &str) -> String {
    format!(
        r#"{{"id": "po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget", "memberId": "m:123456abcd:abcd", "status": "{status}",
            "createdDateTime": "2017-04-05T10:43:07.000+00:00", "updatedDateTime": "2017-04-05T10:45:07.000+00:00",
            "bankPaymentStatus": "ACPC", "statusReasonInformation": "The payment is settled on debtor side.",
            "initiation": {{"description": "INV 2024-0417", "refId": "9htio4a1sp2akdr1aa",
                "amount": {{"value": "10.23", "currency": "GBP"}}, "debtor": {{"accountId": "a12345"}},
                "creditor": {{"name": "Customer Inc.", "accountNumber": "12345678", "sortCode": "123456"}}}}}}"#
    )
}

const REJECTED: &str = r#"{"id": "po:28oivvd3iFhBrcbNj4tmtLEhxRTk:2gFUX1NE1T6", "memberId": "m:123456abcd:abcd",
    "status": "INITIATION_REJECTED", "createdDateTime": "2017-04-06T08:12:55.000+00:00",
    "updatedDateTime": "2017-04-06T08:13:20.000+00:00", "bankPaymentStatus": "RJCT",
    "statusReasonInformation": "The creditor account is closed.",
    "initiation": {"description": "Refund 000123", "refId": "ShBdcTeqFabqJJhUF", "amount": {"value": "42.50", "currency": "GBP"},
        "debtor": {"accountId": "a12345"}, "creditor": {"name": "Jane Doe", "accountNumber": "87654321", "sortCode": "402015"}}}"#;
