//! A page one of whose items cannot be read still gives the others: the items stream reads such a page again item
//! by item, reports each unreadable one as that item's error, and keeps the rest.
//!
//! Decoding is tried whole first ([`crate::pages::Paged`]'s own decoder), so a page that reads costs nothing more.
//! Only when it fails is the body split: the list is found by the wire names leading to it
//! ([`crate::pages::Paged::ITEMS_AT`]), each element is decoded on its own, and the page is decoded again from a body
//! whose list holds only the elements that could be read. The body is cut as text at the positions serde_json
//! reports for each value ([`RawValue`]), never parsed into a `serde_json::Value` and written back, which would round
//! amounts through a float. If the page still cannot be read, the failure was not in an item, and the page's own
//! error stands.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::collections::HashMap;

/// The items of a page read one by one: each item or why it could not be read (with the path of the field from the
/// top of the body, `payouts[3].creditor.sortCode`), and the body with only the readable ones in its list.
pub(crate) struct ItemByItem<T> {
    pub(crate) items: Vec<Result<T, String>>,
    pub(crate) readable_body: Vec<u8>,
}

/// Reads the list at `at` in `body` item by item; `None` when the body has no list there (or is not UTF-8 JSON), or
/// when every item reads, so that the failure was elsewhere.
pub(crate) fn read_item_by_item<T: DeserializeOwned>(body: &[u8], at: &[&str]) -> Option<ItemByItem<T>> {
    let text = std::str::from_utf8(body).ok()?;
    let list = find_list(text, at)?;
    let (start, end) = span_in(text, list.get())?;
    let elements: Vec<&RawValue> = serde_json::from_str(list.get()).ok()?;
    let mut readable = String::with_capacity(text.len());
    readable.push_str(&text[..start]);
    readable.push('[');
    let mut items = Vec::with_capacity(elements.len());
    let mut first = true;
    for (index, element) in elements.iter().enumerate() {
        let path = format!("{}[{index}]", at.join("."));
        match crate::client::decode_json_at::<T>(element.get().as_bytes(), &path) {
            Ok(item) => {
                if !first {
                    readable.push(',');
                }
                first = false;
                readable.push_str(element.get());
                items.push(Ok(item));
            }
            Err(why) => items.push(Err(format!("item {index} of the page cannot be read: {why}"))),
        }
    }
    if items.iter().all(Result::is_ok) {
        return None;
    }
    readable.push(']');
    readable.push_str(&text[end..]);
    Some(ItemByItem { items, readable_body: readable.into_bytes() })
}

/// The raw JSON of the list at `at` (the wire names of the objects leading to it; none: the body itself).
fn find_list<'a>(text: &'a str, at: &[&str]) -> Option<&'a RawValue> {
    let mut current: &'a RawValue = serde_json::from_str(text).ok()?;
    for name in at {
        let mut object: HashMap<String, &'a RawValue> = serde_json::from_str(current.get()).ok()?;
        current = object.remove(*name)?;
    }
    current.get().trim_start().starts_with('[').then_some(current)
}

/// Where `part`, a slice serde_json borrowed from `text`, lies in it.
fn span_in(text: &str, part: &str) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= text.len() && text.get(start..end) == Some(part)).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payout whose amount must be a number, as a generated item would require.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Payout {
        id: String,
        amount: crate::ExactDecimal,
    }

    #[test]
    fn an_unreadable_item_is_reported_and_the_others_kept_exactly() {
        let body = br#"{"paging": {"offset": "x"}, "payouts": [
            {"id": "a", "amount": 10.10},
            {"id": "b", "amount": {"value": 3}},
            {"id": "c", "amount": 123456789012345678901234.5678}
        ], "total": 3}"#;
        let read = read_item_by_item::<Payout>(body, &["payouts"]).expect("one item fails");
        assert_eq!(read.items.len(), 3);
        assert_eq!(read.items[0].as_ref().map(|p| p.amount.to_string()), Ok("10.10".to_owned()));
        let why = read.items[1].as_ref().expect_err("b's amount is an object");
        assert!(why.starts_with("item 1 of the page cannot be read"), "{why}");
        assert!(why.contains("`payouts[1].amount`"), "{why}");
        assert_eq!(read.items[2].as_ref().map(|p| p.id.as_str()), Ok("c"));
        let readable = String::from_utf8(read.readable_body).expect("text");
        assert_eq!(
            readable,
            r#"{"paging": {"offset": "x"}, "payouts": [{"id": "a", "amount": 10.10},{"id": "c", "amount": 123456789012345678901234.5678}], "total": 3}"#,
            "the rest of the body is kept byte for byte, amounts never through a float"
        );
    }

    #[test]
    fn a_list_that_is_the_body_or_nested_is_found() {
        let body = br#"[{"id": "a", "amount": 1}, {"id": 7, "amount": 2}]"#;
        let read = read_item_by_item::<Payout>(body, &[]).expect("the body is the list");
        assert!(read.items[1].as_ref().is_err_and(|why| why.contains("`[1].id`")), "{:?}", read.items[1]);
        assert_eq!(read.readable_body, br#"[{"id": "a", "amount": 1}]"#);
        let body = br#"{"data": {"items": [{"id": "a"}]}}"#;
        let read = read_item_by_item::<Payout>(body, &["data", "items"]).expect("nested");
        assert!(read.items[0].as_ref().is_err_and(|why| why.contains("`data.items[0]`")), "{:?}", read.items[0]);
    }

    #[test]
    fn nothing_to_split_leaves_the_page_error_standing() {
        let readable = br#"{"payouts": [{"id": "a", "amount": 1}], "paging": 5}"#;
        assert!(read_item_by_item::<Payout>(readable, &["payouts"]).is_none(), "every item reads");
        assert!(read_item_by_item::<Payout>(br#"{"payouts": 5}"#, &["payouts"]).is_none(), "not a list");
        assert!(read_item_by_item::<Payout>(br#"{"other": []}"#, &["payouts"]).is_none(), "no list there");
        assert!(read_item_by_item::<Payout>(b"{\"payouts\": [\xff]}", &["payouts"]).is_none(), "not UTF-8");
        assert!(read_item_by_item::<Payout>(br#"{"payouts": [1,"#, &["payouts"]).is_none(), "not JSON");
    }
}
