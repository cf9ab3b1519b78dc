// Proves: a response type cannot be used as a request: request_payout_by_contact_export takes a
// `RequestPayoutByContactExportRequest`, not a previous `PayoutExport`.
use payout_clients::reservepay::{Client, PayoutExport};

fn export_again(client: &Client, previous: PayoutExport) {
    let _future = client.request_payout_by_contact_export(previous);
}

fn main() {}
