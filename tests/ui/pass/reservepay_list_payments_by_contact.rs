// Proves: list_payments_by_contact as documented (spec example `first_page`) sends the contact and page size and
// decodes the page of payments with its cursors.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::reservepay::{
    Auth, Client, ContactRef, Environment, ListPaymentsByContactPerPage, ListPaymentsByContactRequest, PaymentStatus,
};
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Method, Secret};

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(
        200,
        &json!({
            "previous": null,
            "page": [{
                "payment_id": "pay_7Rk2XwQ9mN",
                "external_id": "order_000000035",
                "payment_session_id": "pse_3Vb8TqL1sZ",
                "status": "SUCCESSFUL",
                "amount": 150000,
                "currency": "THB",
                "payment_method": "PROMPTPAY",
                "payment_method_display_name": "PromptPay",
                "created_at": 1743580800,
                "captured_at": 1743580862,
                "expires_at": null,
                "capture": "automatic",
                "customer_id": "ctc_9Xq2LmT7vB",
                "customer_email": "somchai@example.co.th",
                "customer_mobile": "+66812223333",
                "customer_name": "Somchai Jaidee",
                "fees": [],
                "ref1": "INV-2025-0042",
                "ref2": null,
                "ref3": null,
                "reversible": true,
                "capturable": false,
                "voidable": false
            }],
            "next": {"contact_id": "ctc_9Xq2LmT7vB", "after": "pay_7Rk2XwQ9mN", "per_page": 1}
        }),
    );
    let auth = Auth::ApiKey(Secret::new("reservepay_x8R2kQ7mZp4vN9sT1wLcYh3D"));
    let client =
        Client::with_config(Environment::Production, auth, ClientConfig::default().transport(transport.clone()))
            .expect("client");

    let contact = ContactRef::uid("ctc_9Xq2LmT7vB").expect("a contact UID");
    let per_page = ListPaymentsByContactPerPage::new(1).expect("at least 1");
    let request = ListPaymentsByContactRequest::new(contact).with_per_page(per_page);
    let page = block_on(client.list_payments_by_contact(request)).expect("a page");

    assert_eq!(page.page.len(), 1);
    let payment = &page.page[0];
    assert_eq!(payment.payment_id, "pay_7Rk2XwQ9mN");
    assert_eq!(payment.status, PaymentStatus::Successful);
    assert_eq!(payment.amount, 150000);
    assert_eq!(payment.currency.as_str(), "THB");
    assert_eq!(payment.expires_at, Some(None));
    assert_eq!(page.previous, Some(None));
    // The next cursor is the whole request body of the next page, kept as JSON.
    let next = page.next.clone().flatten().expect("a next cursor");
    assert_eq!(
        next.to_value().expect("JSON"),
        json!({"contact_id": "ctc_9Xq2LmT7vB", "after": "pay_7Rk2XwQ9mN", "per_page": 1})
    );

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(sent[0].url, "https://api.reservepay.com/merchants/list-payments-by-contact");
    let body: serde_json::Value = serde_json::from_slice(sent[0].body.as_deref().expect("a body")).expect("JSON");
    assert_eq!(body, json!({"contact_id": "ctc_9Xq2LmT7vB", "per_page": 1}));
}
