// Proves: a response type cannot be used as a request: get_payout takes a `GetPayoutRequest`, not the `Payout` that
// initiate_payout returned.
use payout_clients::tokenio::{Client, PayoutResponse};

fn follow_up(client: &Client, created: PayoutResponse) {
    let _future = client.get_payout(created.payout);
}

fn main() {}
