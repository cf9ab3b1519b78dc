//! Object types that contain themselves compile (the field closing the cycle is boxed), and their JSON is the same
//! as for any other object: nested objects, with `null` and absent kept apart.

use futures::executor::block_on;

use crate::recording::{self, body_text, BASE};

codegen_macro::api!("specs/recursive_types.yaml");

use recursive_types::{Account, Auth, Client, Environment, GetTreeRequest, Node, Owner, Ring};

#[test]
fn a_type_that_contains_itself_reads_and_writes_nested_json() {
    let leaf = Node::new("leaf".to_owned()).with_parent(Node::new("root".to_owned()));
    assert_eq!(serde_json::to_string(&leaf).expect("JSON"), r#"{"name":"leaf","parent":{"name":"root"}}"#);
    let text = r#"{"name":"a","parent":{"name":"b","parent":{"name":"c"}},"children":[{"name":"d"}],"by_name":{"e":{"name":"e"}}}"#;
    let node: Node = serde_json::from_str(text).expect("a node");
    assert_eq!(node.parent.as_ref().and_then(|p| p.parent.as_ref()).map(|p| p.name.as_str()), Some("c"));
    assert_eq!(serde_json::to_string(&node).expect("JSON"), text);
}

#[test]
fn a_required_nullable_self_reference_keeps_null() {
    let ring = Ring::new(Some(Ring::new(None)));
    assert_eq!(serde_json::to_string(&ring).expect("JSON"), r#"{"next":{"next":null}}"#);
    let read: Ring = serde_json::from_str(r#"{"next":{"next":{"next":null}}}"#).expect("a ring");
    assert_eq!(serde_json::to_string(&read).expect("JSON"), r#"{"next":{"next":{"next":null}}}"#);
}

#[test]
fn mutually_recursive_types_are_sent_and_read() {
    let transport = recording::transport();
    transport
        .push_json(200, &serde_json::json!({"id": "a1", "owner": {"main": {"id": "a2"}, "accounts": [{"id": "a3"}]}}));
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(&transport)).expect("client");
    let owner = Owner::new(Account::new("a1".to_owned()).with_owner(Owner::new(Account::new("a0".to_owned()))));
    let request = GetTreeRequest::new(Node::new("root".to_owned())).with_owner(owner);
    let account = block_on(client.get_tree(request)).expect("an account");
    assert_eq!(account.owner.as_ref().map(|owner| owner.main.id.as_str()), Some("a2"));
    assert_eq!(
        body_text(&transport.requests()[0]),
        r#"{"root":{"name":"root"},"owner":{"main":{"id":"a1","owner":{"main":{"id":"a0"}}}}}"#
    );
}
