// Proves: get_payout_request_collection as documented (spec example `list_payout_requests`) sends limit and offset as
// query parameters and decodes the payout requests, their exact amounts and the pagination headers.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::rebilly::{
    Auth, Client, CollectionLimit, CollectionOffset, Environment, GetPayoutRequestCollectionRequest,
    PayoutRequestStatus,
};
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{HttpResponse, Method, Secret};

fn main() {
    let body = json!([{
        "id": "pout_req_0YVDMDE2BMC6KBB5MX76RF6T80",
        "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
        "customerId": "cus_0YV7DDSDD1C8DA64KHH2W33CPF",
        "paymentInstrumentId": "inst_0YVB8KPKNXCBR9EDX7JHSED75N",
        "currency": "USD",
        "amount": 0.1,
        "availableAmount": 0.1,
        "description": "string",
        "status": "pending",
        "selectPaymentInstrumentUrl": "http://example.com",
        "selectedPaymentInstrumentRedirectUrl": "https://example.com/payout-request-success?id={{id}}",
        "createdTime": "2019-08-24T14:15:22Z",
        "updatedTime": "2019-08-24T14:15:22Z"
    }]);
    let transport = Arc::new(RecordingTransport::new());
    transport.push_response(HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Pagination-Total".to_owned(), "332".to_owned()),
            ("Pagination-Limit".to_owned(), "100".to_owned()),
            ("Pagination-Offset".to_owned(), "2".to_owned()),
        ],
        body: serde_json::to_vec(&body).expect("JSON"),
    });
    let environment = Environment::Sandbox { organization_id: "org_0YV7DE4Z26DQSA1AC92FBJ7SEG".to_owned() };
    let auth = Auth::SecretApiKey(Secret::new("sk_sandbox_key"));
    let client =
        Client::with_config(environment, auth, ClientConfig::default().transport(transport.clone())).expect("client");

    let request = GetPayoutRequestCollectionRequest::new()
        .with_limit(CollectionLimit::new(100).expect("from 0 to 1000"))
        .with_offset(CollectionOffset::new(2).expect("from 0 to 1000"));
    let listed = block_on(client.get_payout_request_collection(request)).expect("a page");

    assert_eq!(
        (listed.pagination_total, listed.pagination_limit, listed.pagination_offset),
        (Some(332), Some(100), Some(2))
    );
    assert_eq!(listed.body.len(), 1);
    let first = &listed.body[0];
    assert_eq!(first.id.as_ref().map(|id| id.as_str()), Some("pout_req_0YVDMDE2BMC6KBB5MX76RF6T80"));
    assert_eq!(first.status, Some(PayoutRequestStatus::Pending));
    // 0.1 is read as the exact decimal 0.1, not as the nearest binary float.
    assert_eq!(first.amount.get().to_string(), "0.1");
    assert_eq!(first.currency.as_str(), "USD");

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Get);
    assert_eq!(
        sent[0].url,
        "https://api-sandbox.rebilly.com/organizations/org_0YV7DE4Z26DQSA1AC92FBJ7SEG/payout-requests?limit=100&offset=2"
    );
    assert_eq!(sent[0].header("REB-APIKEY"), Some("sk_sandbox_key"));
    assert_eq!(sent[0].body, None);
}
