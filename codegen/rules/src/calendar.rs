//! Dates (`YYYY-MM-DD`, a day that exists) and RFC 3339 date-times.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRefusal {
    /// Not written `YYYY-MM-DD` with ASCII digits.
    Shape,
    /// Written `YYYY-MM-DD`, but no such day exists (`2023-02-29`, `2023-02-31`, `2024-13-01`).
    NotInCalendar,
}

/// Reads a date written `YYYY-MM-DD` (years 0000 to 9999); it must exist in the calendar.
pub fn parse_date(text: &str) -> Result<time::Date, DateRefusal> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(DateRefusal::Shape);
    }
    time::Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|_| DateRefusal::NotInCalendar)
}

/// Reads an RFC 3339 date-time such as `2019-08-24T14:15:22Z`; date and time must be separated by `T` (or `t`),
/// and the day and time must exist.
pub fn parse_date_time(text: &str) -> Option<OffsetDateTime> {
    // `time` accepts any separator byte; RFC 3339's `date-time` production allows only `T`.
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// A date and time without an offset: `YYYY-MM-DD`, a space or `T`, `HH:MM:SS` and an optional fraction of one to
/// nine digits, for a date that exists and a time of day (a leap second `:60` included, as RFC 3339 allows).
pub fn parse_local_date_time(text: &str) -> Option<(time::Date, time::Time)> {
    let bytes = text.as_bytes();
    if bytes.len() < 19 || !matches!(bytes[10], b' ' | b'T') {
        return None;
    }
    let date = parse_date(&text[..10]).ok()?;
    let (clock, fraction) = text[11..].split_at(8);
    let shape = clock.as_bytes();
    let two = |at: usize| -> Option<u8> {
        let digits = shape.get(at..at + 2)?;
        digits.iter().all(u8::is_ascii_digit).then(|| (digits[0] - b'0') * 10 + (digits[1] - b'0'))
    };
    if shape[2] != b':' || shape[5] != b':' {
        return None;
    }
    let (hour, minute, second) = (two(0)?, two(3)?, two(6)?);
    let nanos = match fraction.strip_prefix('.') {
        None if fraction.is_empty() => 0,
        Some(digits) if (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{digits:0<9}").parse::<u32>().ok()?
        }
        _ => return None,
    };
    // A leap second (`:60`) is accepted, as RFC 3339 allows; its time of day is checked as `:59`.
    let second = if second == 60 { 59 } else { second };
    let time = time::Time::from_hms_nano(hour, minute, second, nanos).ok()?;
    Some((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("0000-01-01").is_ok());
        assert_eq!(parse_date("2023-02-29"), Err(DateRefusal::NotInCalendar));
        assert_eq!(parse_date("2023-02-31"), Err(DateRefusal::NotInCalendar));
        assert_eq!(parse_date("2023-13-01"), Err(DateRefusal::NotInCalendar));
        assert_eq!(parse_date("2023-00-10"), Err(DateRefusal::NotInCalendar));
        for text in ["2024-1-05", "+2024-01-05", "2024/01/05", "２０２４-01-05", "", "2024-01-05T00:00:00Z"] {
            assert_eq!(parse_date(text), Err(DateRefusal::Shape), "{text:?}");
        }
    }

    #[test]
    fn local_date_times_have_no_offset() {
        for text in
            ["2018-08-28 07:43:55", "2018-08-28T07:43:55", "2024-02-29 23:59:59.123456789", "2016-12-31 23:59:60"]
        {
            assert!(parse_local_date_time(text).is_some(), "{text:?}");
        }
        for text in [
            "2018-08-28 07:43:55Z",
            "2018-08-28 07:43:55+01:00",
            "2018-08-28 07:43",
            "2023-02-29 10:00:00",
            "2018-08-28 24:00:00",
            "2018-08-28 07:43:55.",
            "2018-08-28 07:43:55.1234567890",
            "2018-08-28/07:43:55",
            "2018-08-28 7:43:55",
        ] {
            assert!(parse_local_date_time(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn date_times_are_rfc_3339() {
        assert!(parse_date_time("2019-08-24T14:15:22Z").is_some());
        assert!(parse_date_time("2024-01-05t10:00:00.123+07:00").is_some());
        assert!(parse_date_time("2016-12-31T23:59:60Z").is_some(), "a leap second");
        for text in ["2024-01-05 10:00:00Z", "2024-01-05T10:00:00", "2023-02-31T10:00:00Z", "2024-01-05T24:00:00Z", ""]
        {
            assert!(parse_date_time(text).is_none(), "{text:?}");
        }
    }
}
