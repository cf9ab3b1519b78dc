// Proves: the checks of `NationalId::new` cannot be skipped by building the newtype directly (its field is private).
use payout_clients::reservepay::NationalId;

fn main() {
    let _id = NationalId("not thirteen digits".to_owned());
}
