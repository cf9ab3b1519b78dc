//! The Reservepay client, end to end: request an export, list a contact's payments page by page, send payouts, and
//! handle an API error.
//!
//! ```sh
//! cargo run -p payout-clients --example reservepay
//! ```
//!
//! By default the example starts a tiny local server that answers like Reservepay, with the vendor's documented
//! example responses (see `spec/reservepay.yaml`), so it runs offline and moves no money. To talk to another server,
//! set `RESERVEPAY_BASE_URL` (and `RESERVEPAY_API_KEY`): the example then SENDS TWO PAYOUTS there, so use a test
//! server, never production.

#[path = "common/local_server.rs"]
mod local_server;

use std::time::Duration;

use payout_clients::reservepay::{
    Auth, Client, ContactRef, Environment, ExportFormat, ListPaymentsByContactPerPage, ListPaymentsByContactRequest,
    MinorUnits, MobileNumber, RequestPayoutByContactExportRequest, SendPayoutToContactDestination,
    SendPayoutToContactError, SendPayoutToContactRequest,
};
use payout_clients::runtime::{ClientConfig, Error, RetryPolicy, Secret};
use payout_clients::TryStreamExt as _;

use local_server::{Request, Response};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (base_url, api_key) = match std::env::var("RESERVEPAY_BASE_URL") {
        Ok(url) => (url, std::env::var("RESERVEPAY_API_KEY")?),
        Err(_) => (local_server::start(reservepay_like), "reservepay_x8R2kQ7mZp4vN9sT1wLcYh3D".to_owned()),
    };
    println!("Reservepay at {base_url}\n");

    // A client: where, which credentials, and how patient (10 s per request, up to 3 attempts for calls that may be
    // repeated safely).
    let config = ClientConfig::default()
        .timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(100)));
    let client = Client::with_config(Environment::Custom(base_url), Auth::ApiKey(Secret::new(api_key)), config)?;

    // Values with rules are checked when they are built: a contact is either Reservepay's UID or your own ID.
    let contact = ContactRef::uid("ctc_9Xq2LmT7vB")?;

    // 1. Request a CSV export of the contact's payouts.
    let export = client
        .request_payout_by_contact_export(
            RequestPayoutByContactExportRequest::new(contact.clone()).with_format(ExportFormat::Csv),
        )
        .await?;
    println!(
        "export {} ({}): status {}, requested at {}",
        export.export_id,
        export.format.as_ref().map_or("csv", |f| f.as_str()),
        export.status,
        export.created_at
    );

    // 2. Every payment of the contact: the stream fetches the next page only when the previous one is used up.
    println!("\npayments of {contact}:");
    let request =
        ListPaymentsByContactRequest::new(contact.clone()).with_per_page(ListPaymentsByContactPerPage::new(1)?);
    let mut payments = client.list_payments_by_contact_items(request);
    while let Some(payment) = payments.try_next().await? {
        println!("  {} {:>9} {} {}", payment.payment_id, payment.amount, payment.currency, payment.status);
    }

    // 3. A payout by PromptPay. `external_id` is your reference: with it, a retry after a lost response cannot pay
    //    twice, because the server recognises the repeated reference.
    let payout = SendPayoutToContactRequest::new(ContactRef::external("customer-8841")?, MinorUnits::new("25000")?)
        .with_destination(SendPayoutToContactDestination::MobileNumber {
            mobile_number: MobileNumber::new("0812223333")?,
        })
        .with_external_id("payout_002".to_owned())
        .with_recipient_name("Somchai Jaidee".to_owned());
    let payout_id = client.send_payout_to_contact(payout).await?;
    println!("\npayout sent: {payout_id}");

    // 4. An API error is a typed variant of the endpoint's error enum, with the code, message and details.
    let too_big = SendPayoutToContactRequest::new(contact, MinorUnits::new("50000000")?)
        .with_external_id("payout_004".to_owned());
    match client.send_payout_to_contact(too_big).await {
        Ok(payout_id) => println!("payout sent: {payout_id}"),
        Err(Error::Api(SendPayoutToContactError::InsufficientBalance(error))) => {
            println!("not sent, insufficient balance: {} ({})", error.message, error.code);
        }
        Err(Error::OutcomeUnknown(_)) => println!("no answer: look payout_004 up before sending it again"),
        Err(other) => println!("not sent: {other}"),
    }
    Ok(())
}

/// Answers like Reservepay, with the example responses of `spec/reservepay.yaml`.
fn reservepay_like(request: &Request) -> Response {
    match request.path.as_str() {
        "/merchants/request-payout-by-contact-export" => Response::json(200, EXPORT),
        // The first page's `next` is the body of the request for the second page, which is the last one.
        "/merchants/list-payments-by-contact" if request.body.contains("\"after\"") => Response::json(
            200,
            r#"{"previous": {"before": "pay_7Rk2XwQ9mN", "per_page": 1}, "page": [], "next": null}"#,
        ),
        "/merchants/list-payments-by-contact" => Response::json(200, FIRST_PAGE),
        "/merchants/send-payout-to-contact" if request.body.contains("\"50000000\"") => Response::json(
            400,
            r#"["INSUFFICIENT_BALANCE", "The merchant does not have sufficient balance to complete this payout.", null]"#,
        ),
        "/merchants/send-payout-to-contact" => Response::json(200, r#""po_8Lc5YaR2nF""#),
        _ => Response::json(404, r#"{"message": "no such endpoint"}"#),
    }
}

const EXPORT: &str = r#"{
  "export_id": "exp_5Gm1NcY8dR", "type": "payouts_by_contact", "format": "csv", "status": "pending",
  "filters": {"contact_id": "ctc_9Xq2LmT7vB"}, "created_at": 1743580800,
  "requester_id": "usr_2Pz6KfJ4hA", "requester_email": "finance@example.co.th"
}"#;

const FIRST_PAGE: &str = r#"{
  "previous": null,
  "page": [{
    "payment_id": "pay_7Rk2XwQ9mN", "external_id": "order_000000035", "payment_session_id": "pse_3Vb8TqL1sZ",
    "status": "SUCCESSFUL", "amount": 150000, "currency": "THB", "payment_method": "PROMPTPAY",
    "payment_method_display_name": "PromptPay", "created_at": 1743580800, "captured_at": 1743580862,
    "expires_at": null, "capture": "automatic", "customer_id": "ctc_9Xq2LmT7vB",
    "customer_email": "somchai@example.co.th", "customer_mobile": "+66812223333", "customer_name": "Somchai Jaidee",
    "fees": [], "ref1": "INV-2025-0042", "ref2": null, "ref3": null,
    "reversible": true, "capturable": false, "voidable": false
  }],
  "next": {"contact_id": "ctc_9Xq2LmT7vB", "after": "pay_7Rk2XwQ9mN", "per_page": 1}
}"#;
