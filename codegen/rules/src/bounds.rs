//! Numbers: inclusive `min`/`max`, `max_decimals`, and the width of an integer.

use rust_decimal::Decimal;

/// Which bound a number breaks, with the bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoundRefusal<T> {
    /// Below `min`.
    Below(T),
    /// Above `max`.
    Above(T),
}

/// Checks that `value` lies within the inclusive bounds given.
pub fn check<T: PartialOrd + Copy>(value: T, min: Option<T>, max: Option<T>) -> Result<(), BoundRefusal<T>> {
    if let Some(min) = min.filter(|min| value < *min) {
        return Err(BoundRefusal::Below(min));
    }
    if let Some(max) = max.filter(|max| value > *max) {
        return Err(BoundRefusal::Above(max));
    }
    Ok(())
}

/// Whether a decimal has at most `max` decimal places. Trailing zeros count: `1.50` has two places.
pub fn places_fit(value: &Decimal, max: u64) -> bool {
    u64::from(value.scale()) <= max
}

/// Whether an integer fits in a signed integer of `width` bits (`32` or `64`, the widths a spec can give).
pub fn fits_width(value: i64, width: u32) -> bool {
    match width {
        32 => i32::try_from(value).is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!(check(5, Some(5), Some(5)), Ok(()));
        assert_eq!(check(4, Some(5), None), Err(BoundRefusal::Below(5)));
        assert_eq!(check(7, None, Some(6)), Err(BoundRefusal::Above(6)));
        assert_eq!(check(i64::MIN, None, None), Ok(()));
        let ten = Decimal::new(1000, 2);
        assert_eq!(check(ten, Some(Decimal::new(1001, 2)), None), Err(BoundRefusal::Below(Decimal::new(1001, 2))));
        assert_eq!(check(ten, Some(Decimal::TEN), Some(Decimal::TEN)), Ok(()), "10.00 equals 10");
    }

    #[test]
    fn places_count_trailing_zeros() {
        assert!(places_fit(&Decimal::new(1234, 2), 2));
        assert!(!places_fit(&Decimal::new(12345, 3), 2));
        assert!(!places_fit(&Decimal::new(150, 2), 1), "1.50 has two places");
        assert!(places_fit(&Decimal::new(12, 0), 0));
    }

    #[test]
    fn widths() {
        assert!(fits_width(i64::from(i32::MAX), 32) && !fits_width(i64::from(i32::MAX) + 1, 32));
        assert!(fits_width(i64::from(i32::MIN), 32) && !fits_width(i64::from(i32::MIN) - 1, 32));
        assert!(fits_width(i64::MAX, 64));
    }
}
