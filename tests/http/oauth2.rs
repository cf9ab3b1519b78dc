//! OAuth 2.0 client credentials over real HTTP, in the shape of PayPal's REST API: the token is fetched once with the
//! client's ID and secret (Basic, `grant_type=client_credentials`, the scopes), kept for every call, fetched again
//! when it is about to expire or after the API refuses it, and never printed; the token endpoint's own endpoint
//! authenticates with the ID and secret; a failed token request sends nothing to the API.

#[path = "server.rs"]
mod server;

use std::time::Duration;

use codegen_runtime::{ClientConfig, Error, RetryPolicy, Secret};
use serde_json::json;
use server::{Recorded, Reply, TestServer};

codegen_macro::api!("specs/oauth2_client.yaml");

use oauth2_client::{Auth, Client, Environment, GetAccessTokenRequest, ShowBatchError, ShowBatchRequest};

const CLIENT_ID: &str = "AcLientId";
const CLIENT_SECRET: &str = "s3cr3t-never-printed";

fn client(server: &TestServer) -> Client {
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5)).retry_policy(RetryPolicy::none());
    let auth = Auth::ClientCredentials { client_id: CLIENT_ID.to_owned(), client_secret: Secret::new(CLIENT_SECRET) };
    Client::with_config(Environment::Custom(server.base_url()), auth, config).expect("a client")
}

/// `Basic base64(client_id:client_secret)`.
fn client_basic() -> String {
    format!("Basic {}", codegen_tests::base64_encode(format!("{CLIENT_ID}:{CLIENT_SECRET}").as_bytes()))
}

fn token(value: &str, expires_in: u64) -> Reply {
    Reply::json(200, &json!({"access_token": value, "token_type": "Bearer", "expires_in": expires_in, "scope": "x"}))
}

fn batch() -> Reply {
    Reply::json(200, &json!({"batch_id": "B1", "batch_status": "SUCCESS"}))
}

/// Answers token requests with `tokens` in turn and batch reads with `reads` in turn.
async fn server(tokens: Vec<Reply>, reads: Vec<Reply>) -> TestServer {
    let tokens = std::sync::Mutex::new(tokens.into_iter());
    let reads = std::sync::Mutex::new(reads.into_iter());
    TestServer::start(move |request, _| {
        let next = if request.path == "/v1/oauth2/token" { &tokens } else { &reads };
        next.lock().expect("replies").next().unwrap_or_else(|| Reply::json(599, &json!({"name": "UNSCRIPTED"})))
    })
    .await
}

fn token_requests(server: &TestServer) -> Vec<Recorded> {
    server.requests().into_iter().filter(|r| r.path == "/v1/oauth2/token").collect()
}

fn bearers(server: &TestServer) -> Vec<String> {
    let reads = server.requests().into_iter().filter(|r| r.path != "/v1/oauth2/token");
    reads.map(|r| r.header("authorization").unwrap_or_default().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_fetched_once_and_kept() {
    let server = server(vec![token("tok-1", 32400)], vec![batch(), batch(), batch()]).await;
    let client = client(&server);
    for _ in 0..3 {
        client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect("batch");
    }
    let tokens = token_requests(&server);
    assert_eq!(tokens.len(), 1, "one token for three calls");
    let request = &tokens[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.header("authorization"), Some(client_basic().as_str()));
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        request.body_text(),
        "grant_type=client_credentials&scope=https%3A%2F%2Furi.paypal.com%2Fservices%2Fpayments%2Fpayouts"
    );
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-1", "Bearer tok-1"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_wait_for_one_token() {
    let server = server(vec![token("tok-1", 32400)], vec![batch(), batch(), batch(), batch()]).await;
    let client = client(&server);
    let calls = (0..4).map(|_| client.show_batch(ShowBatchRequest::new("B1".to_owned())));
    for result in futures::future::join_all(calls).await {
        result.expect("batch");
    }
    assert_eq!(token_requests(&server).len(), 1);
    assert_eq!(bearers(&server), ["Bearer tok-1"; 4]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expiring_token_is_replaced_before_it_expires() {
    // A token that lives one second is replaced halfway through its life.
    let server = server(vec![token("tok-1", 1), token("tok-2", 32400)], vec![batch(), batch(), batch()]).await;
    let client = client(&server);
    client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect("first");
    client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect("second, same token");
    tokio::time::sleep(Duration::from_millis(600)).await;
    client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect("third, new token");
    assert_eq!(token_requests(&server).len(), 2);
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_is_not_used_again() {
    let refused = Reply::json(401, &json!({"name": "AUTHENTICATION_FAILURE", "message": "Token expired."}));
    let server = server(vec![token("tok-1", 32400), token("tok-2", 32400)], vec![refused, batch()]).await;
    let client = client(&server);
    match client.show_batch(ShowBatchRequest::new("B1".to_owned())).await {
        Err(Error::Api(ShowBatchError::AuthenticationFailure(error))) => assert_eq!(error.message, "Token expired."),
        other => panic!("expected AuthenticationFailure, got {other:?}"),
    }
    client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect("with a new token");
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_token_request_sends_nothing_to_the_api_and_prints_no_secret() {
    let refused =
        Reply::json(401, &json!({"error": "invalid_client", "error_description": "Client Authentication failed"}));
    let server = server(vec![refused, Reply::json(200, &json!({"token_type": "Bearer"}))], vec![batch()]).await;
    let client = client(&server);
    let error = client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect_err("no token");
    match &error {
        Error::Credentials(failure) => {
            assert_eq!(failure.reason, "the token endpoint answered HTTP 401");
            assert_eq!(failure.response.as_ref().map(|r| r.status), Some(401));
        }
        other => panic!("expected a credentials error, got {other:?}"),
    }
    assert!(!error.may_have_been_processed());
    let error = client.show_batch(ShowBatchRequest::new("B1".to_owned())).await.expect_err("not a token");
    assert!(error.to_string().contains("not a token"), "{error}");
    assert!(bearers(&server).is_empty(), "no call reached the API");
    for printed in [format!("{client:?}"), format!("{error:?}"), error.to_string()] {
        assert!(!printed.contains(CLIENT_SECRET), "{printed}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_endpoint_takes_the_client_id_and_secret() {
    let server = server(vec![token("tok-1", 32400)], vec![]).await;
    let client = client(&server);
    let token = client.get_access_token(GetAccessTokenRequest::new("client_credentials".to_owned())).await;
    let token = token.expect("a token");
    assert_eq!((token.access_token.as_str(), token.expires_in), ("tok-1", 32400));
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "the endpoint itself, no token fetched for it");
    assert_eq!(requests[0].header("authorization"), Some(client_basic().as_str()));
    assert_eq!(requests[0].body_text(), "grant_type=client_credentials");
    // The token never shows in the printed client.
    assert!(!format!("{client:?}").contains("tok-1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_endpoint_authenticates_with_the_scheme_it_names() {
    // A client built with the Basic scheme sends it where the endpoint names it, and refuses, before sending, the
    // endpoint that takes only the OAuth2 token.
    let server = server(vec![token("tok-1", 32400)], vec![batch()]).await;
    let config = ClientConfig::default().no_proxy().retry_policy(RetryPolicy::none());
    let auth = Auth::Client { username: "u".to_owned(), password: Secret::new("p") };
    let basic_client = Client::with_config(Environment::Custom(server.base_url()), auth, config).expect("a client");
    basic_client.get_access_token(GetAccessTokenRequest::new("client_credentials".to_owned())).await.expect("token");
    assert_eq!(server.requests()[0].header("authorization"), Some("Basic dTpw"));
    match basic_client.show_batch(ShowBatchRequest::new("B1".to_owned())).await {
        Err(Error::InvalidRequest(error)) => assert!(error.to_string().contains("`client_credentials`"), "{error}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.request_count(), 1, "nothing sent for the refused call");
}
