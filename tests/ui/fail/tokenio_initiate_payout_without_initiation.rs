// Proves: an initiate_payout request cannot be built without its required `initiation`.
use payout_clients::tokenio::InitiatePayoutRequest;

fn main() {
    let _request = InitiatePayoutRequest::new();
}
