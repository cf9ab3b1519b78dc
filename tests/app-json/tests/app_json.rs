//! Depending on `payout-clients` must not change how the rest of an application reads and writes JSON.
//!
//! The expected texts are what plain serde_json and rust_decimal (default features) produce. serde_json's
//! `arbitrary_precision` and rust_decimal's `serde-float`, once turned on by the runtime for the whole program, made a
//! `Decimal` a number, broke `#[serde(flatten)]` and untagged enums over numbers, and `preserve_order` changed the
//! key order of every `serde_json::Value`. The runtime now keeps exact numbers through `RawValue` instead, and turns
//! none of those features on; the last test shows the clients stay exact in the same program.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[test]
fn a_plain_decimal_is_still_a_string() {
    let amount: Decimal = "10.50".parse().expect("a decimal");
    assert_eq!(serde_json::to_string(&amount).expect("encodes"), r#""10.50""#);
    let read: Decimal = serde_json::from_str(r#""10.50""#).expect("decodes");
    assert_eq!(read.to_string(), "10.50");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Totals {
    count: u32,
    ratio: f64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Report {
    id: String,
    #[serde(flatten)]
    totals: Totals,
}

#[test]
fn flatten_over_numbers_still_works() {
    let text = r#"{"id":"r1","count":3,"ratio":0.5}"#;
    let report: Report = serde_json::from_str(text).expect("decodes");
    assert_eq!(report, Report { id: "r1".into(), totals: Totals { count: 3, ratio: 0.5 } });
    assert_eq!(serde_json::to_string(&report).expect("encodes"), text);
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum Quantity {
    Whole(u64),
    Fraction(f64),
    Named(String),
}

#[test]
fn untagged_enums_over_numbers_still_match() {
    assert_eq!(serde_json::from_str::<Quantity>("7").expect("whole"), Quantity::Whole(7));
    assert_eq!(serde_json::from_str::<Quantity>("2.5").expect("fraction"), Quantity::Fraction(2.5));
    assert_eq!(serde_json::from_str::<Quantity>(r#""dozen""#).expect("named"), Quantity::Named("dozen".into()));
    assert_eq!(serde_json::to_string(&Quantity::Fraction(2.5)).expect("encodes"), "2.5");
}

#[test]
fn values_keep_serde_json_key_order() {
    let value: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":2.50}"#).expect("decodes");
    assert_eq!(value.to_string(), r#"{"a":2.5,"b":1}"#);
}

/// In the same program the generated clients still keep money and unlisted fields exact.
#[test]
fn the_clients_stay_exact() {
    let amount: payout_clients::rebilly::Money = serde_json::from_str("0.10").expect("an amount");
    assert_eq!(serde_json::to_string(&amount).expect("encodes"), "0.10");
    let text = r#"{"accountId":"a1","rate":12345678901234567890.123456789}"#;
    let debtor: payout_clients::tokenio::DebtorInformation = serde_json::from_str(text).expect("decodes");
    assert_eq!(serde_json::to_string(&debtor).expect("encodes"), text);
    // A cursor (`json` in the spec) goes back with the digits and key order the server gave it.
    let text = r#"{"previous":null,"page":[],"next":{"per_page":2,"after":"pay_2","weights":[1,2.50,1e400]}}"#;
    let page: payout_clients::reservepay::PaymentPage = serde_json::from_str(text).expect("decodes");
    let next = page.next.clone().flatten().expect("a cursor");
    assert_eq!(next.get(), r#"{"per_page":2,"after":"pay_2","weights":[1,2.50,1e400]}"#);
    assert_eq!(serde_json::to_string(&page).expect("encodes"), text);
}
