// Proves: a Rebilly amount cannot be a float; it must be `Money`, which holds an exact decimal.
use payout_clients::rebilly::{CurrencyCode, CustomerId, PayoutRequest, WebsiteId};

fn main() {
    let website = WebsiteId::new("web_0YV7DE4Z26DQSA1AC92FBJ7SEG").unwrap();
    let customer = CustomerId::new("cus_0YV7DDSDD1C8DA64KHH2W33CPF").unwrap();
    let currency = CurrencyCode::new("USD").unwrap();
    let _payout_request = PayoutRequest::new(website, customer, currency, 0.1);
}
