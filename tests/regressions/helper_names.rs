//! Endpoints named like the helpers a client once kept as its own methods (`auth_headers`, `list_exchange`,
//! `list_walk`) are ordinary endpoint methods, and the client's own helpers still work beside them.

use codegen_runtime::Secret;
use futures::executor::block_on;
use futures::StreamExt as _;

use crate::recording::{self, body, header, path, BASE};

codegen_macro::api!("specs/helper_names.yaml");

use helper_names::{Auth, AuthHeadersRequest, Client, Environment, ListExchangeRequest, ListRequest, ListWalkRequest};

#[test]
fn endpoints_named_like_helpers_call_their_own_endpoints() {
    let transport = recording::transport();
    for answer in ["headers", "exchange", "walk"] {
        transport.push_json(200, &answer);
    }
    transport.push_json(200, &serde_json::json!({"items": ["a"], "next": {"cursor": "c2"}, "previous": null}));
    transport.push_json(200, &serde_json::json!({"items": ["b"], "next": null, "previous": null}));
    let auth = Auth::Key(Secret::new("k-1"));
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), auth, recording::config(&transport)).expect("client");
    assert_eq!(block_on(client.auth_headers(AuthHeadersRequest::new())).expect("answer"), "headers");
    assert_eq!(block_on(client.list_exchange(ListExchangeRequest::new())).expect("answer"), "exchange");
    assert_eq!(block_on(client.list_walk(ListWalkRequest::new())).expect("answer"), "walk");
    let items: Vec<_> = block_on(client.list_items(ListRequest::new()).collect());
    let items: Vec<String> = items.into_iter().map(|item| item.expect("an item")).collect();
    assert_eq!(items, ["a", "b"]);
    let sent = transport.requests();
    let paths: Vec<&str> = sent.iter().map(path).collect();
    assert_eq!(paths, ["/rpc/auth-headers", "/rpc/list-exchange", "/rpc/list-walk", "/rpc/list", "/rpc/list"]);
    assert!(sent.iter().all(|request| header(request, "X-Key") == Some("k-1")), "every call carries the key");
    assert_eq!(body(&sent[4]), Some(serde_json::json!({"cursor": "c2"})), "the cursor is the next body");
}
