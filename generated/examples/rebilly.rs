//! The Rebilly client, end to end: list payout requests with a filter and a sort, walk every page, and handle an API
//! error.
//!
//! ```sh
//! cargo run -p payout-clients --example rebilly
//! ```
//!
//! By default the example starts a tiny local server that answers like Rebilly, with the vendor's documented example
//! responses (see `spec/rebilly.yaml`), so it runs offline. To talk to another server, set `REBILLY_BASE_URL` to the
//! full base URL including `/organizations/<organization id>` (for the sandbox:
//! `https://api-sandbox.rebilly.com/organizations/<id>`) and `REBILLY_API_KEY` to a secret key. The example only
//! reads.

#[path = "common/local_server.rs"]
mod local_server;

use std::time::Duration;

use payout_clients::rebilly::{
    Auth, Client, CollectionLimit, Environment, GetPayoutRequestCollectionError, GetPayoutRequestCollectionRequest,
};
use payout_clients::runtime::{ClientConfig, Error, Filter, RetryPolicy, Secret, SortField};
use payout_clients::TryStreamExt as _;

use local_server::{Request, Response};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (base_url, api_key) = match std::env::var("REBILLY_BASE_URL") {
        Ok(url) => (url, std::env::var("REBILLY_API_KEY")?),
        Err(_) => {
            let server = local_server::start(rebilly_like);
            (format!("{server}/organizations/org_0YV7DE4Z26DQSA1AC92FBJ7SEG"), "sk_sandbox_example".to_owned())
        }
    };
    println!("Rebilly at {base_url}\n");

    let config = ClientConfig::default()
        .timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(100)));
    let client =
        Client::with_config(Environment::Custom(base_url.clone()), Auth::SecretApiKey(Secret::new(api_key)), config)?;

    // 1. One page: partially fulfilled or canceled requests, newest first. Filters and sorts are built from checked
    //    parts, so a value that would change their meaning (one containing `,` or `;`) is refused, never sent.
    let filter = Filter::new().field("status", ["partially-fulfilled", "canceled"])?;
    let request = GetPayoutRequestCollectionRequest::new()
        .with_limit(CollectionLimit::new(10)?)
        .with_filter(filter)
        .with_sort(vec![SortField::desc("createdTime")?]);
    let page = client.get_payout_request_collection(request).await?;
    println!("{} of {} matching payout requests:", page.body.len(), page.pagination_total.unwrap_or_default());
    for payout in &page.body {
        let status = payout.status.as_ref().map_or("-", |s| s.as_str());
        let available = payout.available_amount.map(|a| a.get().to_string()).unwrap_or_default();
        println!(
            "  {} {} {} (available {available}) {status}",
            payout.id.as_ref().map_or("-", |i| i.as_str()),
            payout.amount.get(),
            payout.currency
        );
    }

    // 2. Every payout request, two per page: the stream asks for the next page only when the previous one is used
    //    up, and stops at `Pagination-Total`.
    println!("\nall payout requests:");
    let every_page = GetPayoutRequestCollectionRequest::new().with_limit(CollectionLimit::new(2)?);
    let mut pages = client.get_payout_request_collection_pages(every_page);
    while let Some(page) = pages.try_next().await? {
        let ids: Vec<&str> = page.body.iter().filter_map(|p| p.id.as_ref().map(|i| i.as_str())).collect();
        println!("  offset {}: {ids:?}", page.pagination_offset.unwrap_or_default());
    }

    // 3. An API error is a typed variant of the endpoint's error enum, with the decoded problem details.
    let wrong_key = Client::with_config(
        Environment::Custom(base_url),
        Auth::SecretApiKey(Secret::new("sk_sandbox_revoked")),
        ClientConfig::default(),
    )?;
    match wrong_key.get_payout_request_collection(GetPayoutRequestCollectionRequest::new()).await {
        Ok(page) => println!("\n{} payout requests", page.body.len()),
        Err(Error::Api(GetPayoutRequestCollectionError::Unauthorized(error))) => {
            println!("\nunauthorized: {}", error.body.detail.as_deref().unwrap_or("-"));
        }
        Err(other) => println!("\nfailed: {other}"),
    }
    Ok(())
}

/// Answers like Rebilly, with the example responses of `spec/rebilly.yaml`: three payout requests in all, of which
/// the filtered example shows two.
fn rebilly_like(request: &Request) -> Response {
    if request.path != "/organizations/org_0YV7DE4Z26DQSA1AC92FBJ7SEG/payout-requests" {
        return Response::json(404, r#"{"title": "Not Found", "status": 404}"#);
    }
    if request.header("REB-APIKEY") != Some("sk_sandbox_example") {
        let problem =
            r#"{"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "Invalid credentials used."}"#;
        return Response::json(401, problem).header("Content-Type", "application/problem+json");
    }
    let number = |name: &str| {
        request.query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse::<usize>().ok())
    };
    let (offset, limit) = (number("offset").unwrap_or(0), number("limit").unwrap_or(100));
    // This server knows one filter, the one of the example: status partially-fulfilled or canceled.
    let all: &[&str] = if request.query.contains("filter=") {
        &[PARTIALLY_FULFILLED, CANCELED]
    } else {
        &[PARTIALLY_FULFILLED, CANCELED, PENDING]
    };
    let items: Vec<&str> = all.iter().skip(offset).take(limit).copied().collect();
    Response::json(200, &format!("[{}]", items.join(",")))
        .header("Pagination-Total", all.len().to_string())
        .header("Pagination-Limit", limit.to_string())
        .header("Pagination-Offset", offset.to_string())
}

const PARTIALLY_FULFILLED: &str = r#"{"id": "pout_req_0YVDMDE2BMC6KBB5MX76RF6T81", "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
    "customerId": "cus_0YV7DDSDD1C8DA64KHH2W33CPF", "paymentInstrumentId": "inst_0YVB8KPKNXCBR9EDX7JHSED75N",
    "currency": "USD", "amount": 250, "availableAmount": 100.25, "description": "Weekly winnings withdrawal",
    "status": "partially-fulfilled", "createdTime": "2024-03-04T09:00:00Z", "updatedTime": "2024-03-05T10:21:02Z"}"#;

const CANCELED: &str = r#"{"id": "pout_req_0YVDMDE2BMC6KBB5MX76RF6T82", "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
    "customerId": "cus_0YV7DDSDD1C8DA64KHH2W33CPG", "paymentInstrumentId": null, "currency": "EUR", "amount": 40,
    "availableAmount": 40, "description": null, "status": "canceled",
    "cancellationReason": {"canceledBy": "merchant", "description": "Duplicate request."},
    "createdTime": "2024-03-01T08:00:00Z", "updatedTime": "2024-03-02T12:30:00Z"}"#;

const PENDING: &str = r#"{"id": "pout_req_0YVDMDE2BMC6KBB5MX76RF6T80", "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
    "customerId": "cus_0YV7DDSDD1C8DA64KHH2W33CPF", "paymentInstrumentId": "inst_0YVB8KPKNXCBR9EDX7JHSED75N",
    "currency": "USD", "amount": 0.1, "availableAmount": 0.1, "description": "string", "status": "pending",
    "selectPaymentInstrumentUrl": "http://example.com", "createdTime": "2019-08-24T14:15:22Z", "updatedTime": "2019-08-24T14:15:22Z"}"#;
