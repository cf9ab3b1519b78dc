// Proves: a payout amount cannot be a plain integer; it must be `MinorUnits` (e.g. `MinorUnits::from_u64`, which
// rejects zero), so the unit (satang) is explicit.
use payout_clients::reservepay::{ContactRef, SendPayoutToContactRequest};

fn main() {
    let recipient = ContactRef::uid("ctc_9Xq2LmT7vB").unwrap();
    let _request = SendPayoutToContactRequest::new(recipient, 10000);
}
