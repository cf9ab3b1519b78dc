//! Lengths: `min_length`, `max_length` and `length`, counted in characters (Unicode scalar values, not bytes) for
//! strings and in items for arrays.

/// The length of a string as the spec counts it: characters, not bytes (`é` is one).
pub fn of_text(text: &str) -> u64 {
    text.chars().count() as u64
}

/// Which length rule a value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LengthRefusal {
    /// Not exactly `length` long.
    NotExactly(u64),
    /// Shorter than `min_length`.
    Shorter(u64),
    /// Longer than `max_length`.
    Longer(u64),
}

/// Checks a length against the bounds given. `exact` wins over `min` and `max` (the checker never lets a spec give
/// both).
pub fn check(length: u64, min: Option<u64>, max: Option<u64>, exact: Option<u64>) -> Result<(), LengthRefusal> {
    if let Some(exact) = exact {
        return if length == exact { Ok(()) } else { Err(LengthRefusal::NotExactly(exact)) };
    }
    if let Some(min) = min.filter(|min| length < *min) {
        return Err(LengthRefusal::Shorter(min));
    }
    if let Some(max) = max.filter(|max| length > *max) {
        return Err(LengthRefusal::Longer(max));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters() {
        assert_eq!(of_text("ééé"), 3);
        assert_eq!(of_text("👍🏽"), 2, "two scalar values");
        assert_eq!(of_text(""), 0);
    }

    #[test]
    fn bounds_are_inclusive_and_exact_wins() {
        assert_eq!(check(13, None, None, Some(13)), Ok(()));
        assert_eq!(check(14, None, None, Some(13)), Err(LengthRefusal::NotExactly(13)));
        assert_eq!(check(3, Some(3), Some(3), None), Ok(()));
        assert_eq!(check(2, Some(3), None, None), Err(LengthRefusal::Shorter(3)));
        assert_eq!(check(4, Some(1), Some(3), None), Err(LengthRefusal::Longer(3)));
        assert_eq!(check(0, None, Some(3), None), Ok(()));
        assert_eq!(check(5, Some(9), Some(1), Some(5)), Ok(()), "exact wins");
    }
}
