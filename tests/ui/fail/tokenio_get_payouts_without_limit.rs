// Proves: a get_payouts request cannot be built without its required `limit`.
use payout_clients::runtime::Date;
use payout_clients::tokenio::GetPayoutsRequest;

fn main() {
    let start = Date::from_ymd(2010, 1, 1).unwrap();
    let _request = GetPayoutsRequest::new().with_start_date(start);
}
