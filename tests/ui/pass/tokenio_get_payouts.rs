// Proves: get_payouts as documented (spec example `completed_and_rejected`) sends the filters as query parameters,
// repeating `statuses`, and decodes the page with its next offset.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::runtime::serde_json::json;
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Date, Method, Secret};
use payout_clients::tokenio::{Auth, Client, Environment, GetPayoutsRequest, PageLimit, PayoutStatus};

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(
        200,
        &json!({
            "payouts": [
                {
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
                        "creditor": {"name": "Customer Inc.", "accountNumber": "12345678", "sortCode": "123456"}
                    }
                },
                {
                    "id": "po:28oivvd3iFhBrcbNj4tmtLEhxRTk:2gFUX1NE1T6",
                    "memberId": "m:123456abcd:abcd",
                    "status": "INITIATION_REJECTED",
                    "createdDateTime": "2017-04-06T08:12:55.000+00:00",
                    "updatedDateTime": "2017-04-06T08:13:20.000+00:00",
                    "bankPaymentStatus": "RJCT",
                    "statusReasonInformation": "The creditor account is closed.",
                    "initiation": {
                        "description": "Refund 000123",
                        "refId": "ShBdcTeqFabqJJhUF",
                        "amount": {"value": "42.50", "currency": "GBP"},
                        "debtor": {"accountId": "a12345"},
                        "creditor": {"name": "Jane Doe", "accountNumber": "87654321", "sortCode": "402015"}
                    }
                }
            ],
            "paging": {"limit": 10, "offset": "LerV6Jmex"}
        }),
    );
    let client = Client::with_config(
        Environment::Production,
        Auth::Bearer(Secret::new("jwt")),
        ClientConfig::default().transport(transport.clone()),
    )
    .expect("client");

    let request = GetPayoutsRequest::new(PageLimit::new(10).expect("from 1 to 200"))
        .with_start_date(Date::from_ymd(2010, 1, 1).expect("a date"))
        .with_statuses(vec![PayoutStatus::InitiationCompleted, PayoutStatus::InitiationRejected]);
    let page = block_on(client.get_payouts(request)).expect("a page");

    let payouts = page.payouts.expect("payouts");
    let statuses: Vec<PayoutStatus> = payouts.iter().map(|payout| payout.status.clone()).collect();
    assert_eq!(statuses, [PayoutStatus::InitiationCompleted, PayoutStatus::InitiationRejected]);
    assert_eq!(payouts[1].bank_payment_status.as_deref(), Some("RJCT"));
    assert_eq!(page.paging.and_then(|paging| paging.offset).as_deref(), Some("LerV6Jmex"));

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Get);
    assert_eq!(
        sent[0].url,
        "https://api.token.io/payouts?limit=10&startDate=2010-01-01\
         &statuses=INITIATION_COMPLETED&statuses=INITIATION_REJECTED"
    );
    assert_eq!(sent[0].header("Authorization"), Some("Bearer jwt"));
    assert_eq!(sent[0].body, None);
}
