// Proves: a send_payout_to_contact request cannot be built without its required `amount`.
use payout_clients::reservepay::{ContactRef, SendPayoutToContactRequest};

fn main() {
    let recipient = ContactRef::uid("ctc_9Xq2LmT7vB").unwrap();
    let _request = SendPayoutToContactRequest::new(recipient).with_external_id("payout_001".to_owned());
}
