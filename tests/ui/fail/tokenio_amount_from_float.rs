// Proves: a Token.io amount value cannot be a float; it must be a `DecimalAmount` (exact, at most 4 decimal places).
use payout_clients::tokenio::{Amount, CurrencyCode};

fn main() {
    let currency = CurrencyCode::new("GBP").unwrap();
    let _amount = Amount::new(10.23, currency);
}
