// Proves: a page walk owns what it needs. A function returns the items stream of get_payout_request_collection
// (`impl Stream + 'static`), the client it came from is dropped before the stream is read, and the stream is read
// without pinning through `payout_clients::TryStreamExt` (the import rustc suggests); it sends one request per page
// and stops at `Pagination-Total`.

use std::sync::Arc;

use futures::executor::block_on;
use payout_clients::rebilly::{
    Auth, Client, CollectionLimit, Environment, GetPayoutRequestCollectionError, GetPayoutRequestCollectionRequest,
    PayoutRequest,
};
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{ClientConfig, Error, HttpResponse, Secret, Stream};
use payout_clients::TryStreamExt;

/// Every payout request, one per page, from a client made here and gone when this returns.
fn every_payout_request(
    transport: Arc<RecordingTransport>,
) -> impl Stream<Item = Result<PayoutRequest, Error<GetPayoutRequestCollectionError>>> + Unpin + Send + 'static {
    let environment = Environment::Sandbox { organization_id: "org_1".to_owned() };
    let auth = Auth::SecretApiKey(Secret::new("sk_sandbox_key"));
    let client = Client::with_config(environment, auth, ClientConfig::default().transport(transport)).expect("client");
    let request = GetPayoutRequestCollectionRequest::new().with_limit(CollectionLimit::new(1).expect("from 0 to 1000"));
    client.get_payout_request_collection_items(request)
}

fn page(id: &str, offset: u32) -> HttpResponse {
    let body = json!([{ "id": id, "websiteId": "web_1", "customerId": "cus_1", "currency": "USD", "amount": 5 }]);
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Pagination-Total".to_owned(), "2".to_owned()),
            ("Pagination-Limit".to_owned(), "1".to_owned()),
            ("Pagination-Offset".to_owned(), offset.to_string()),
        ],
        body: serde_json::to_vec(&body).expect("JSON"),
    }
}

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_response(page("pout_req_1", 0));
    transport.push_response(page("pout_req_2", 1));
    let mut requests = every_payout_request(transport.clone());
    let mut ids = Vec::new();
    while let Some(request) = block_on(requests.try_next()).expect("a page") {
        ids.push(request.id.expect("an id").as_str().to_owned());
    }
    assert_eq!(ids, ["pout_req_1", "pout_req_2"]);
    let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "https://api-sandbox.rebilly.com/organizations/org_1/payout-requests?limit=1",
            "https://api-sandbox.rebilly.com/organizations/org_1/payout-requests?limit=1&offset=1",
        ]
    );
}
