//! A type expression nested as deep as the language allows, `array<...>` 32 times, compiles and keeps its JSON.

use futures::executor::block_on;

use crate::recording::{self, body_text, BASE};

codegen_macro::api!("specs/deep_arrays.yaml");

use deep_arrays::{Auth, Client, Deep, Environment, SendRequest};

/// 32 nested arrays around one string.
const CELLS: &str = r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#;

#[test]
fn thirty_two_levels_of_arrays_are_sent_and_read_unchanged() {
    let deep: Deep = serde_json::from_str(&format!(r#"{{"cells":{CELLS}}}"#)).expect("a deep value");
    assert_eq!(serde_json::to_string(&deep).expect("JSON"), format!(r#"{{"cells":{CELLS}}}"#));
    let transport = recording::transport();
    transport.push_response(codegen_runtime::HttpResponse {
        status: 200,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: CELLS.as_bytes().to_vec(),
    });
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(&transport)).expect("client");
    let answer = block_on(client.send(SendRequest::new(deep.cells.clone()))).expect("sent");
    assert_eq!(serde_json::to_string(&answer).expect("JSON"), CELLS);
    assert_eq!(body_text(&transport.requests()[0]), format!(r#"{{"cells":{CELLS}}}"#));
}
