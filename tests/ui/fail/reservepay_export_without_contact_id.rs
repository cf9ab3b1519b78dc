// Proves: a request_payout_by_contact_export request cannot be built without its required `contact_id`.
use payout_clients::reservepay::{ExportFormat, RequestPayoutByContactExportRequest};

fn main() {
    let _request = RequestPayoutByContactExportRequest::new().with_format(ExportFormat::Csv);
}
