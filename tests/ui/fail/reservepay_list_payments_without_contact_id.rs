// Proves: a list_payments_by_contact request cannot be built without its required `contact_id`.
use payout_clients::reservepay::{ListPaymentsByContactPerPage, ListPaymentsByContactRequest};

fn main() {
    let per_page = ListPaymentsByContactPerPage::new(25).unwrap();
    let _request = ListPaymentsByContactRequest::new().with_per_page(per_page);
}
