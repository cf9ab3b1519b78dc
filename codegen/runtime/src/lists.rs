//! The rule generated list newtypes check: how many items a list may have.

use crate::validate::ValidationError;

/// Checks that a list of `count` items has at least `min`, at most `max`, and exactly `exact` items (each when
/// given). The error names the type and the bound, not the items.
pub fn check_count(
    type_name: &'static str,
    count: usize,
    min: Option<u64>,
    max: Option<u64>,
    exact: Option<u64>,
) -> Result<(), ValidationError> {
    let count = u64::try_from(count).unwrap_or(u64::MAX);
    let plural = |n: u64| if n == 1 { "item" } else { "items" };
    if let Some(exact) = exact.filter(|exact| count != *exact) {
        return Err(ValidationError::new(
            type_name,
            format!("must have exactly {exact} {}, not {count}", plural(exact)),
        ));
    }
    if let Some(min) = min.filter(|min| count < *min) {
        return Err(ValidationError::new(type_name, format!("must have at least {min} {}, not {count}", plural(min))));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(ValidationError::new(type_name, format!("must have at most {max} {}, not {count}", plural(max))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_within_bounds_pass_and_others_name_the_bound() {
        assert!(check_count("Items", 1, Some(1), Some(3), None).is_ok());
        assert!(check_count("Items", 3, Some(1), Some(3), None).is_ok());
        assert!(check_count("Items", 0, None, None, None).is_ok());
        let empty = check_count("Items", 0, Some(1), None, None).expect_err("too few");
        assert_eq!((empty.type_name(), empty.reason()), ("Items", "must have at least 1 item, not 0"));
        let long = check_count("Items", 4, None, Some(3), None).expect_err("too many");
        assert_eq!(long.reason(), "must have at most 3 items, not 4");
        let exact = check_count("Pair", 3, None, None, Some(2)).expect_err("not two");
        assert_eq!(exact.reason(), "must have exactly 2 items, not 3");
    }
}
