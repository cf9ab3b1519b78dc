//! Length bounds on lists (`min_length`, `max_length`, `length`) hold for arguments and for object fields: a list
//! that breaks them cannot be built, nor decoded, so no request ever carries one.

use futures::executor::block_on;

use crate::recording::{self, body_text, query, BASE};

codegen_macro::api!("specs/array_lengths.yaml");

use array_lengths::{
    Auth, Batch, BatchItems, BatchTags, Client, CreateBatchIds, CreateBatchItems, CreateBatchRequest, Environment,
};

#[test]
fn a_list_argument_shorter_than_its_minimum_is_refused_by_name() {
    let error = CreateBatchItems::new(Vec::new()).expect_err("at least one item");
    assert_eq!(error.type_name(), "CreateBatchItems");
    assert_eq!(error.reason(), "must have at least 1 item, not 0");
    let error = CreateBatchIds::new(vec!["a".into(), "b".into(), "c".into()]).expect_err("at most two");
    assert_eq!(error.reason(), "must have at most 2 items, not 3");
}

#[test]
fn object_fields_keep_their_bounds_when_built_and_when_decoded() {
    assert!(BatchItems::new(Vec::new()).is_err());
    assert!(BatchItems::new(vec!["a".into(), "b".into(), "c".into(), "d".into()]).is_err());
    assert_eq!(BatchTags::new(vec!["x".into()]).expect_err("exactly two").reason(), "must have exactly 2 items, not 1");
    assert!(serde_json::from_str::<Batch>(r#"{"items":[]}"#).is_err());
    assert!(serde_json::from_str::<Batch>(r#"{"items":["a"],"tags":["x","y","z"]}"#).is_err());
    let batch: Batch = serde_json::from_str(r#"{"items":["a"],"tags":["x","y"]}"#).expect("within bounds");
    assert_eq!(batch.items.as_slice(), ["a"]);
    assert_eq!(serde_json::to_string(&batch).expect("JSON"), r#"{"items":["a"],"tags":["x","y"]}"#);
}

#[test]
fn lists_within_bounds_are_sent_as_plain_arrays() {
    let transport = recording::transport();
    transport.push_json(201, &serde_json::json!({"items": ["po_1"]}));
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(&transport)).expect("client");
    let nested = Batch::new(BatchItems::new(vec!["po_1".into()]).expect("one item"))
        .with_tags(BatchTags::new(vec!["a".into(), "b".into()]).expect("two tags"));
    let request = CreateBatchRequest::new(CreateBatchItems::new(vec![100, 200]).expect("two amounts"))
        .with_ids(CreateBatchIds::new(vec!["x".into(), "y".into()]).expect("two IDs"))
        .with_nested(nested);
    let created = block_on(client.create_batch(request)).expect("created");
    assert_eq!(created.items.len(), 1);
    let sent = &transport.requests()[0];
    assert_eq!(body_text(sent), r#"{"items":[100,200],"nested":{"items":["po_1"],"tags":["a","b"]}}"#);
    assert_eq!(query(sent), crate::recording::pairs(&[("ids", "x"), ("ids", "y")]));
}
