// Proves: get_payout as documented (spec example `completed_payout`) puts the checked payout ID in the path of a GET
// and decodes the payout.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::runtime::serde_json::json;
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Method, Secret};
use payout_clients::tokenio::{Auth, Client, Environment, GetPayoutRequest, PayoutId, PayoutStatus};

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(
        200,
        &json!({
            "payout": {
                "id": "po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget",
                "memberId": "m:123456abcd:abcd",
                "status": "INITIATION_COMPLETED",
                "createdDateTime": "2017-04-05T10:43:07.000+00:00",
                "updatedDateTime": "2017-04-05T10:45:07.000+00:00",
                "bankTransactionId": "2UhwCZ3BMaEcAUK8bZdukor7NL4tH6TBuu6aJMp5KKfX:5zKcENpV",
                "bankPaymentStatus": "ACPC",
                "statusReasonInformation": "The payment is settled on debtor side.",
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
    let client = Client::with_config(
        Environment::Production,
        Auth::Bearer(Secret::new("jwt")),
        ClientConfig::default().transport(transport.clone()),
    )
    .expect("client");

    let id = PayoutId::new("po:yj6sSEf7ZYFP8yxN6XWi1KkMEcB:2gFUX1NDget").expect("a payout ID");
    let found = block_on(client.get_payout(GetPayoutRequest::new(id))).expect("the payout");

    assert_eq!(found.payout.status, PayoutStatus::InitiationCompleted);
    assert_eq!(found.payout.member_id.as_str(), "m:123456abcd:abcd");
    assert_eq!(found.payout.bank_payment_status.as_deref(), Some("ACPC"));
    let reason = found.payout.status_reason_information.expect("a reason");
    assert_eq!(reason.as_str(), "The payment is settled on debtor side.");

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Get);
    assert_eq!(sent[0].url, "https://api.token.io/payouts/po%3Ayj6sSEf7ZYFP8yxN6XWi1KkMEcB%3A2gFUX1NDget");
    assert_eq!(sent[0].body, None);
}
