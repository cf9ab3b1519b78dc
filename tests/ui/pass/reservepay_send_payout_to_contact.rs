// Proves: send_payout_to_contact as documented (spec examples `to_mobile_number` and `to_new_bank_account`): the
// destination enum sets `payout_method` and its own arguments, and the payout ID comes back.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::reservepay::{
    Auth, Client, ContactRef, CountryCode, Environment, MinorUnits, MobileNumber, SendPayoutToContactDestination,
    SendPayoutToContactRequest,
};
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Method, Secret};

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(200, &json!("po_8Lc5YaR2nF"));
    transport.push_json(200, &json!("po_2Qw7HeK4tU"));
    let auth = Auth::ApiKey(Secret::new("reservepay_x8R2kQ7mZp4vN9sT1wLcYh3D"));
    let client =
        Client::with_config(Environment::Production, auth, ClientConfig::default().transport(transport.clone()))
            .expect("client");

    // 250 THB by PromptPay to a mobile number, to a contact known by your external ID.
    let to_mobile = SendPayoutToContactRequest::new(
        ContactRef::external("customer-8841").expect("an external contact ID"),
        MinorUnits::from_u64(25000).expect("a positive amount"),
    )
    .with_external_id("payout_002".to_owned())
    .with_recipient_name("Somchai Jaidee".to_owned())
    .with_destination(SendPayoutToContactDestination::MobileNumber {
        mobile_number: MobileNumber::new("0812223333").expect("a local mobile number"),
    });
    let payout_id = block_on(client.send_payout_to_contact(to_mobile)).expect("a payout ID");
    assert_eq!(payout_id, "po_8Lc5YaR2nF");

    // 1,500 THB to a new bank account added to the contact.
    let to_new_account = SendPayoutToContactRequest::new(
        ContactRef::uid("ctc_9Xq2LmT7vB").expect("a contact UID"),
        MinorUnits::from_u64(150000).expect("a positive amount"),
    )
    .with_external_id("payout_003".to_owned())
    .with_destination(SendPayoutToContactDestination::NewBankAccount {
        bank_account_number: "1234567890".to_owned(),
        bank_account_name: "Somchai Jaidee".to_owned(),
        bank_code: "004".to_owned(),
        country_code: CountryCode::new("TH").expect("a country code"),
    });
    let payout_id = block_on(client.send_payout_to_contact(to_new_account)).expect("a payout ID");
    assert_eq!(payout_id, "po_2Qw7HeK4tU");

    let sent = transport.requests();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.reservepay.com/merchants/send-payout-to-contact");
    }
    let body = |index: usize| -> serde_json::Value {
        serde_json::from_slice(sent[index].body.as_deref().expect("a body")).expect("JSON")
    };
    assert_eq!(
        body(0),
        json!({
            "recipient_id": "customer-8841",
            "payout_method": "mobile_number",
            "mobile_number": "0812223333",
            "amount": "25000",
            "external_id": "payout_002",
            "recipient_name": "Somchai Jaidee"
        })
    );
    assert_eq!(
        body(1),
        json!({
            "recipient_id": "ctc_9Xq2LmT7vB",
            "bank_account_number": "1234567890",
            "bank_account_name": "Somchai Jaidee",
            "bank_code": "004",
            "country_code": "TH",
            "payout_method": "bank_account",
            "amount": "150000",
            "external_id": "payout_003"
        })
    );
}
