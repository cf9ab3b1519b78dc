// Proves: initiate_payout as documented (spec example `scan_payout`) sends the initiation, built from checked values,
// as the JSON body of `POST /payouts` and decodes the new payout.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Method, Secret};
use payout_clients::tokenio::{
    Amount, Auth, Client, CreditorInformation, CurrencyCode, DebtorInformation, DecimalAmount, Environment,
    InitiatePayoutRequest, PaymentReference, PayoutInitiation, PayoutStatus, RefId,
};

fn main() {
    let initiation_json = json!({
        "description": "INV 2024-0417",
        "refId": "9htio4a1sp2akdr1aa",
        "onBehalfOfId": "c5a863bc-86f2-4418-a26f-25b24c7983c7",
        "amount": {"value": "10.23", "currency": "GBP"},
        "debtor": {"accountId": "a12345"},
        "creditor": {
            "name": "Customer Inc.",
            "ultimateCreditorName": "Customer Inc.",
            "accountNumber": "12345678",
            "sortCode": "123456"
        }
    });
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(
        200,
        &json!({
            "payout": {
                "id": "po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget",
                "memberId": "m:123456abcd:abcd",
                "status": "INITIATION_PENDING",
                "createdDateTime": "2017-04-05T10:43:07.000+00:00",
                "updatedDateTime": "2017-04-05T10:43:07.000+00:00",
                "initiation": {
                    "description": "INV 2024-0417",
                    "refId": "9htio4a1sp2akdr1aa",
                    "amount": {"value": "10.23", "currency": "GBP"},
                    "debtor": {"accountId": "a12345"},
                    "creditor": {
                        "name": "Customer Inc.",
                        "ultimateCreditorName": "Customer Inc.",
                        "accountNumber": "12345678",
                        "sortCode": "123456"
                    }
                }
            }
        }),
    );
    let auth = Auth::Basic { username: "m-123456abcd-abcd".to_owned(), password: Secret::new("sandbox-api-key") };
    let client = Client::with_config(Environment::Sandbox, auth, ClientConfig::default().transport(transport.clone()))
        .expect("client");

    let initiation = PayoutInitiation::new(
        PaymentReference::new("INV 2024-0417").expect("a payment reference"),
        RefId::new("9htio4a1sp2akdr1aa").expect("a reference"),
        Amount::new(
            DecimalAmount::new("10.23").expect("a decimal amount"),
            CurrencyCode::new("GBP").expect("a currency"),
        ),
        DebtorInformation::new("a12345".to_owned()),
        CreditorInformation::new()
            .with_name("Customer Inc.".to_owned())
            .with_ultimate_creditor_name("Customer Inc.".to_owned())
            .with_account_number("12345678".to_owned())
            .with_sort_code("123456".to_owned()),
    )
    .with_on_behalf_of_id("c5a863bc-86f2-4418-a26f-25b24c7983c7".to_owned());
    let created = block_on(client.initiate_payout(InitiatePayoutRequest::new(initiation))).expect("the payout");

    assert_eq!(created.payout.id.as_str(), "po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget");
    assert_eq!(created.payout.status, PayoutStatus::InitiationPending);
    let stored = created.payout.initiation.expect("the stored initiation");
    assert_eq!(stored.ref_id.as_str(), "9htio4a1sp2akdr1aa");
    assert_eq!(stored.amount.value.as_str(), "10.23");

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(sent[0].url, "https://api.sandbox.token.io/payouts");
    assert_eq!(sent[0].header("Authorization"), Some("Basic bS0xMjM0NTZhYmNkLWFiY2Q6c2FuZGJveC1hcGkta2V5"));
    let body: serde_json::Value = serde_json::from_slice(sent[0].body.as_deref().expect("a body")).expect("JSON");
    assert_eq!(body, json!({"initiation": initiation_json}));
}
