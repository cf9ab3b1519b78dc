// Proves: the fields of a request are private, so `amount` cannot be replaced after `new` checked the arguments.
use payout_clients::reservepay::{ContactRef, MinorUnits, SendPayoutToContactRequest};

fn main() {
    let recipient = ContactRef::uid("ctc_9Xq2LmT7vB").unwrap();
    let mut request = SendPayoutToContactRequest::new(recipient, MinorUnits::from_u64(10000).unwrap());
    request.amount = MinorUnits::from_u64(50000000).unwrap();
}
