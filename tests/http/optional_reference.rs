//! A reference reached through optional objects (`sender_batch_header.sender_batch_id`, as PayPal's batches have
//! it) is read at call time: a batch is resent only when that reference is there and not blank.

#[path = "server.rs"]
mod server;

use std::time::Duration;

use codegen_runtime::{ClientConfig, Error, RetryPolicy};
use serde_json::json;
use server::{Reply, TestServer};

codegen_macro::api!("specs/batch_payouts.yaml");

use batch_payouts::{Auth, Client, CreateBatchRequest, Environment, SenderBatchHeader};

fn client(server: &TestServer) -> Client {
    let retries = RetryPolicy::default().max_attempts(4).initial_backoff(Duration::from_millis(1));
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5)).retry_policy(retries);
    Client::with_config(Environment::Custom(server.base_url()), Auth, config).expect("a client")
}

/// Sends `request` to a server that resets the first connection and then creates the batch; the result and the
/// number of requests the server received.
async fn after_a_reset(
    request: CreateBatchRequest,
) -> (Result<batch_payouts::Batch, Error<batch_payouts::CreateBatchError>>, usize) {
    let created = Reply::json(201, &json!({"batch_id": "B-1"}));
    let server = TestServer::scripted(vec![Reply::Reset, created]).await;
    let result = client(&server).create_batch(request).await;
    (result, server.request_count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reference_behind_optional_fields_decides_each_call() {
    let header = |id: Option<&str>| match id {
        Some(id) => SenderBatchHeader::new().with_sender_batch_id(id.to_owned()),
        None => SenderBatchHeader::new(),
    };
    // With the reference: the server replays repeats, so the lost response is retried.
    let (result, requests) =
        after_a_reset(CreateBatchRequest::new("10.00".to_owned()).with_sender_batch_header(header(Some("batch-7"))))
            .await;
    assert_eq!(result.expect("created").batch_id, "B-1");
    assert_eq!(requests, 2);
    // Without the header, with the header but no reference, or with a blank one: sent once, outcome unknown.
    for request in [
        CreateBatchRequest::new("10.00".to_owned()),
        CreateBatchRequest::new("10.00".to_owned()).with_sender_batch_header(header(None)),
        CreateBatchRequest::new("10.00".to_owned()).with_sender_batch_header(header(Some(""))),
        CreateBatchRequest::new("10.00".to_owned()).with_sender_batch_header(header(Some("  "))),
    ] {
        let shown = format!("{request:?}");
        let (result, requests) = after_a_reset(request).await;
        assert_eq!(requests, 1, "{shown}");
        match result {
            Err(Error::OutcomeUnknown(unconfirmed)) => assert_eq!(unconfirmed.reference(), None, "{shown}"),
            other => panic!("{shown}: expected OutcomeUnknown, got {other:?}"),
        }
    }
}
