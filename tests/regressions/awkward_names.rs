//! Spec types named like what generated functions name inside themselves (`D`, `S`, `Listed`, `Step`) keep meaning
//! the API's types: they decode, encode and page.

use futures::executor::block_on;
use futures::StreamExt as _;

use crate::recording::{self, BASE};

codegen_macro::api!("specs/awkward_names.yaml");

use awkward_names::{Auth, Client, Environment, ListRequest, Step, D};

#[test]
fn types_named_like_local_names_decode_and_encode() {
    let text = r#"{"s":{"n":"x"},"listed":{"n":"y","more":[{"s":{"n":"z"}}]}}"#;
    let d: D = serde_json::from_str(text).expect("a D");
    assert_eq!(serde_json::to_string(&d).expect("JSON"), text);
    assert!(serde_json::from_str::<D>(r#"{"listed":{"more":[]}}"#).is_err(), "`more` needs at least one item");
}

#[test]
fn a_page_of_steps_is_walked() {
    let transport = recording::transport();
    transport.push_json(200, &serde_json::json!({"items": [{"d": {}}], "next": "2"}));
    transport.push_json(200, &serde_json::json!({"items": [], "next": "3"}));
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(&transport)).expect("client");
    let steps: Vec<Step> = block_on(client.list_items(ListRequest::new()).collect::<Vec<_>>())
        .into_iter()
        .map(|step| step.expect("a step"))
        .collect();
    assert_eq!(steps.len(), 1);
    assert_eq!(transport.requests().len(), 2, "an empty page ends the walk");
}
