// Proves: request_payout_by_contact_export as documented (spec example `request_csv_export`) sends the contact and
// format as a JSON POST with the API key and version, and decodes the export.

use std::sync::Arc;

use payout_clients::runtime::ClientConfig;

use futures::executor::block_on;
use payout_clients::reservepay::{
    Auth, Client, ContactRef, Environment, ExportFormat, RequestPayoutByContactExportRequest,
};
use payout_clients::runtime::serde_json::{self, json};
use payout_clients::runtime::testing::RecordingTransport;
use payout_clients::runtime::{Method, Secret};

fn main() {
    let transport = Arc::new(RecordingTransport::new());
    transport.push_json(
        200,
        &json!({
            "export_id": "exp_5Gm1NcY8dR",
            "type": "payouts_by_contact",
            "format": "csv",
            "status": "pending",
            "filters": {"contact_id": "ctc_9Xq2LmT7vB"},
            "created_at": 1743580800,
            "requester_id": "usr_2Pz6KfJ4hA",
            "requester_email": "finance@example.co.th"
        }),
    );
    let auth = Auth::ApiKey(Secret::new("reservepay_x8R2kQ7mZp4vN9sT1wLcYh3D"));
    let client =
        Client::with_config(Environment::Production, auth, ClientConfig::default().transport(transport.clone()))
            .expect("client");

    let contact = ContactRef::uid("ctc_9Xq2LmT7vB").expect("a contact UID");
    let request = RequestPayoutByContactExportRequest::new(contact).with_format(ExportFormat::Csv);
    let export = block_on(client.request_payout_by_contact_export(request)).expect("the export");

    assert_eq!(export.export_id, "exp_5Gm1NcY8dR");
    assert_eq!(export.status, "pending");
    assert_eq!(export.format, Some(ExportFormat::Csv));
    assert_eq!(export.created_at.seconds(), 1743580800);

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(sent[0].url, "https://api.reservepay.com/merchants/request-payout-by-contact-export");
    assert_eq!(sent[0].header("Authorization"), Some("Bearer reservepay_x8R2kQ7mZp4vN9sT1wLcYh3D"));
    assert_eq!(sent[0].header("Api-Version"), Some("2025-04-01"));
    let body: serde_json::Value = serde_json::from_slice(sent[0].body.as_deref().expect("a body")).expect("JSON");
    assert_eq!(body, json!({"contact_id": "ctc_9Xq2LmT7vB", "format": "csv"}));
}
