//! Lists in headers. HTTP writes a list in one header as its items joined by commas (RFC 9110, section 5.6.1), so a
//! header argument of an array type is sent that way and a response header of an array type is read that way.

use std::fmt::Display;
use std::str::FromStr;

use crate::validate::ValidationError;

/// The items of the header `name`, joined by `,`. Refuses an item that contains `,`: the server would read it as
/// two items. The error names the header, not the item.
pub fn join<T: Display>(name: &str, items: impl IntoIterator<Item = T>) -> Result<String, ValidationError> {
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    if items.iter().any(|item| item.contains(',')) {
        return Err(ValidationError::new(
            "header list",
            format!("an item of header `{name}` contains `,`, the separator between items"),
        ));
    }
    Ok(items.join(","))
}

/// The items of a header value: split at `,`, each without surrounding spaces, empty items skipped (RFC 9110 lets a
/// list carry them). `None` when an item cannot be read as `T`.
pub fn split<T: FromStr>(value: &str) -> Option<Vec<T>> {
    value.split(',').map(str::trim).filter(|item| !item.is_empty()).map(|item| item.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_with_commas_and_refuse_an_item_holding_one() {
        assert_eq!(join("X-Tags", ["a", "b"]).expect("joined"), "a,b");
        assert_eq!(join::<&str>("X-Tags", []).expect("joined"), "");
        let error = join("X-Tags", ["a,b"]).expect_err("a comma inside an item");
        assert_eq!(error.reason(), "an item of header `X-Tags` contains `,`, the separator between items");
    }

    #[test]
    fn lists_split_at_commas_and_skip_empty_items() {
        assert_eq!(split::<String>(" a, b ,,c").expect("items"), ["a", "b", "c"]);
        assert_eq!(split::<i64>("1, 2").expect("items"), [1, 2]);
        assert_eq!(split::<i64>("1, x"), None);
    }
}
