// Proves: a get_payout request cannot be built without its required path argument `id`.
use payout_clients::tokenio::GetPayoutRequest;

fn main() {
    let _request = GetPayoutRequest::new();
}
