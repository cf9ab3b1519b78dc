// Proves: a misspelt `PayoutStatus` variant is a compile error (rustc points to `InitiationCompleted`).
use payout_clients::tokenio::{GetPayoutsRequest, PageLimit, PayoutStatus};

fn main() {
    let limit = PageLimit::new(10).unwrap();
    let _request = GetPayoutsRequest::new(limit).with_statuses(vec![PayoutStatus::InitiationComplet]);
}
