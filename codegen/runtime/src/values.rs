//! Wire value types: dates, date-times and Unix timestamps (free-form JSON is [`crate::json::Json`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use codegen_rules::calendar::DateRefusal;

use crate::validate::ValidationError;

/// A calendar date, written `YYYY-MM-DD` on the wire (years 0000 to 9999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// Reads a date written `YYYY-MM-DD`; it must exist in the calendar (`2023-02-29` does not).
    pub fn parse(text: &str) -> Result<Date, ValidationError> {
        match codegen_rules::calendar::parse_date(text) {
            Ok(date) => Ok(Date(date)),
            Err(DateRefusal::Shape) => Err(ValidationError::new("date", "must be written YYYY-MM-DD")),
            Err(DateRefusal::NotInCalendar) => Err(ValidationError::new("date", "must be a real calendar date")),
        }
    }

    /// The date with the given year (0 to 9999), month (1 to 12) and day of the month.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Date, ValidationError> {
        if !(0..=9999).contains(&year) {
            return Err(ValidationError::new("date", "year must be between 0000 and 9999"));
        }
        let month = time::Month::try_from(month).map_err(|_| ValidationError::new("date", "month must be 1 to 12"))?;
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .map_err(|_| ValidationError::new("date", "must be a real calendar date"))
    }

    /// The date as a [`time::Date`], for calendar arithmetic.
    pub fn as_time(&self) -> time::Date {
        self.0
    }
}

impl TryFrom<time::Date> for Date {
    type Error = ValidationError;

    /// Accepts dates in years 0000 to 9999, the ones `YYYY-MM-DD` can write.
    fn try_from(date: time::Date) -> Result<Date, ValidationError> {
        Date::from_ymd(date.year(), u8::from(date.month()), date.day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), u8::from(self.0.month()), self.0.day())
    }
}

impl FromStr for Date {
    type Err = ValidationError;

    fn from_str(text: &str) -> Result<Date, ValidationError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An RFC 3339 date and time, such as `2019-08-24T14:15:22Z`.
///
/// Written back exactly as it was read (`+00:00` stays `+00:00`, `.500` stays `.500`), so a value decoded from the
/// server and sent back, or stored and compared with the original JSON, is unchanged. Values built from a
/// [`time::OffsetDateTime`] are written in canonical form. Equality, ordering and hashing compare instants, so
/// `10:00:00+07:00` equals `03:00:00Z`.
///
/// A server's response is read as sent (see [`crate::as_received()`]): a date-time that is not RFC 3339 there, such
/// as one without an offset (`2024-01-05T10:00:00.000`), is kept as its text, with no instant
/// ([`DateTime::as_offset_date_time`] is `None`); such values compare by their text, after every value with an
/// instant.
///
/// Only the text is stored: the instant is read from it when asked for (and when compared), so that reading a page
/// of responses does not parse every date-time it holds.
#[derive(Clone, Debug)]
pub struct DateTime {
    text: String,
}

impl DateTime {
    /// Reads an RFC 3339 date-time; date and time must be separated by `T` (or `t`).
    pub fn parse(text: &str) -> Result<DateTime, ValidationError> {
        let refused =
            || ValidationError::new("date-time", "must be an RFC 3339 date-time such as 2019-08-24T14:15:22Z");
        codegen_rules::calendar::parse_date_time(text).ok_or_else(refused)?;
        Ok(DateTime { text: text.to_owned() })
    }

    /// Wraps a [`time::OffsetDateTime`] that RFC 3339 can write: year 0000 to 9999, offset in whole minutes.
    pub fn from_offset_date_time(value: OffsetDateTime) -> Result<DateTime, ValidationError> {
        match value.format(&Rfc3339) {
            Ok(text) => Ok(DateTime { text }),
            Err(_) => Err(ValidationError::new(
                "date-time",
                "must have a year from 0000 to 9999 and an offset in whole minutes",
            )),
        }
    }

    /// The date-time as a [`time::OffsetDateTime`]; `None` for a value a server sent that is not RFC 3339 (kept as
    /// its text).
    pub fn as_offset_date_time(&self) -> Option<OffsetDateTime> {
        codegen_rules::calendar::parse_date_time(&self.text)
    }

    /// Checks that the value is an RFC 3339 date-time. One built with [`DateTime::parse`] always is; one read from a
    /// server's response is kept as the server sent it, and may not be.
    pub fn check(&self) -> Result<(), ValidationError> {
        DateTime::parse(&self.text).map(drop)
    }

    /// The text as it travels on the wire.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Instants first; a kept text without one compares by its text, after every instant.
        match (self.as_offset_date_time(), other.as_offset_date_time()) {
            (Some(mine), Some(theirs)) => mine.cmp(&theirs),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => self.text.cmp(&other.text),
        }
    }
}

impl std::hash::Hash for DateTime {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self.as_offset_date_time() {
            Some(instant) => instant.hash(state),
            None => self.text.hash(state),
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for DateTime {
    type Err = ValidationError;

    fn from_str(text: &str) -> Result<DateTime, ValidationError> {
        DateTime::parse(text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        // A response is kept as sent, its instant read when asked for; anywhere else the text is checked now.
        if crate::as_received::reading_as_received() || codegen_rules::calendar::parse_date_time(&text).is_some() {
            return Ok(DateTime { text });
        }
        DateTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A point in time as whole seconds since 1970-01-01T00:00:00Z, a JSON integer on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixTime(i64);

impl UnixTime {
    /// The time `seconds` after (or before, when negative) the Unix epoch.
    pub fn from_seconds(seconds: i64) -> UnixTime {
        UnixTime(seconds)
    }

    /// Seconds since the Unix epoch.
    pub fn seconds(&self) -> i64 {
        self.0
    }

    /// The same instant as a UTC [`DateTime`], or `None` outside the years 0000 to 9999.
    pub fn to_date_time(&self) -> Option<DateTime> {
        let value = OffsetDateTime::from_unix_timestamp(self.0).ok()?;
        DateTime::from_offset_date_time(value).ok()
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Reads the decimal seconds, as a header (`X-RateLimit-Reset: 1700000000`) carries them.
impl FromStr for UnixTime {
    type Err = ValidationError;
    fn from_str(text: &str) -> Result<UnixTime, ValidationError> {
        text.parse().map(UnixTime).map_err(|_| ValidationError::new("unix time", "must be whole seconds"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_time_reads_its_seconds_from_text() {
        assert_eq!("1700000000".parse::<UnixTime>().expect("seconds"), UnixTime::from_seconds(1_700_000_000));
        assert_eq!("-5".parse::<UnixTime>().expect("seconds").seconds(), -5);
        assert!("1.5".parse::<UnixTime>().is_err());
    }

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).expect("serializes")
    }

    #[test]
    fn dates_parse_and_print() {
        let date = Date::parse("2024-02-29").expect("a leap day");
        assert_eq!(date.to_string(), "2024-02-29");
        assert_eq!(date, "2024-02-29".parse().expect("FromStr"));
        assert_eq!(date.as_time(), time::macros::date!(2024 - 02 - 29));
        assert_eq!(Date::from_ymd(5, 1, 9).expect("year 5").to_string(), "0005-01-09");
        assert_eq!(Date::try_from(time::macros::date!(1999 - 12 - 31)).expect("in range").to_string(), "1999-12-31");
        assert!(Date::parse("2024-01-05").ok() < Date::parse("2024-01-06").ok());
    }

    #[test]
    fn dates_refuse() {
        for text in [
            "",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-05",
            "+2024-01-05",
            "2024-01-05 ",
            "2024/01/05",
            "２０２４-01-05",
        ] {
            let error = Date::parse(text).expect_err(text);
            assert_eq!(error.type_name(), "date");
        }
        assert!(Date::from_ymd(10_000, 1, 1).is_err());
        assert!(Date::from_ymd(-1, 1, 1).is_err());
        assert!(Date::from_ymd(2024, 0, 1).is_err());
        assert!(Date::from_ymd(2024, 4, 31).is_err());
    }

    #[test]
    fn dates_serde() {
        let date = Date::from_ymd(2024, 1, 5).expect("a date");
        assert_eq!(json(&date), r#""2024-01-05""#);
        assert_eq!(serde_json::from_str::<Date>(r#""2024-01-05""#).expect("round trip"), date);
        assert_eq!(
            serde_json::from_value::<Date>(serde_json::Value::String("2024-01-05".into())).expect("owned"),
            date
        );
        let error = serde_json::from_str::<Date>(r#""2024-02-30""#).expect_err("no such day");
        assert!(!error.to_string().contains("2024-02-30"));
        assert!(serde_json::from_str::<Date>("20240105").is_err());
    }

    #[test]
    fn date_times_reproduce_canonical_input() {
        for text in [
            "2019-08-24T14:15:22Z",
            "2024-01-05T10:00:00+07:00",
            "2024-01-05T10:00:00.123Z",
            "2024-01-05T10:00:00-03:30",
        ] {
            let value = DateTime::parse(text).expect(text);
            assert_eq!(value.to_string(), text);
            assert_eq!(json(&value), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<DateTime>(&format!("\"{text}\"")).expect(text), value);
            assert_eq!(text.parse::<DateTime>().expect(text), value);
        }
    }

    #[test]
    fn date_times_keep_their_text_and_compare_instants() {
        let utc = DateTime::parse("2024-01-05t10:00:00.500+00:00").expect("lower-case t, +00:00");
        assert_eq!(utc.to_string(), "2024-01-05t10:00:00.500+00:00", "written back exactly as read");
        assert_eq!(utc, DateTime::parse("2024-01-05T10:00:00.5Z").expect("same instant"));
        let built = DateTime::from_offset_date_time(utc.as_offset_date_time().expect("an instant")).expect("formats");
        assert_eq!(built.to_string(), "2024-01-05T10:00:00.5Z", "built values are canonical");
        let plus7 = DateTime::parse("2024-01-05T10:00:00+07:00").expect("offset");
        assert_eq!(plus7, DateTime::parse("2024-01-05T03:00:00Z").expect("utc"));
        assert_eq!(plus7.as_offset_date_time().map(|instant| instant.offset().whole_hours()), Some(7));
    }

    #[test]
    fn date_times_refuse() {
        for text in [
            "",
            "2024-01-05",
            "2024-01-05T10:00:00",
            "2024-01-05 10:00:00Z",
            "2024-01-05X10:00:00Z",
            "2024-01-05T10:00:00Zjunk",
            "2024-01-05T25:00:00Z",
            "2024-02-30T10:00:00Z",
            "2024-01-05T10:00Z",
            "2024-01-05T10:00:00+24:00",
        ] {
            let error = DateTime::parse(text).expect_err(text);
            assert_eq!(error.type_name(), "date-time");
            assert!(text.is_empty() || !error.to_string().contains(text));
        }
        assert!(serde_json::from_str::<DateTime>(r#""2024-01-05T10:00:00""#).is_err());
        assert!(serde_json::from_str::<DateTime>("1704448800").is_err());
    }

    #[test]
    fn a_response_keeps_a_date_time_without_an_offset_as_its_text() {
        let local = r#""2017-04-05T10:43:07.000""#;
        let kept: DateTime = crate::as_received(|| serde_json::from_str(local)).expect("kept as sent");
        assert_eq!(kept.as_str(), "2017-04-05T10:43:07.000");
        assert_eq!(kept.as_offset_date_time(), None);
        assert_eq!(kept.check().map_err(|error| error.type_name().to_owned()), Err("date-time".to_owned()));
        assert_eq!(json(&kept), local, "sent back as received");
        let instant = DateTime::parse("2017-04-05T10:43:07Z").expect("an instant");
        assert!(instant < kept, "values without an instant sort after those with one");
        assert!(instant.check().is_ok());
        assert!(crate::as_received(|| serde_json::from_str::<DateTime>("1704448800")).is_err(), "not text at all");
    }

    #[test]
    fn unix_times() {
        let value: UnixTime = serde_json::from_str("1704448800").expect("an integer");
        assert_eq!(value, UnixTime::from_seconds(1_704_448_800));
        assert_eq!(value.seconds(), 1_704_448_800);
        assert_eq!(json(&value), "1704448800");
        assert_eq!(value.to_string(), "1704448800");
        assert_eq!(value.to_date_time().expect("in range").to_string(), "2024-01-05T10:00:00Z");
        assert_eq!(UnixTime::from_seconds(-1).to_date_time().expect("in range").to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(UnixTime::from_seconds(i64::MAX).to_date_time(), None);
        assert_eq!(UnixTime::from_seconds(i64::MIN).to_date_time(), None);
        assert_eq!(UnixTime::from_seconds(253_402_300_800).to_date_time(), None, "year 10000");
        assert!(serde_json::from_str::<UnixTime>("1.5").is_err());
        assert!(serde_json::from_str::<UnixTime>(r#""1704448800""#).is_err());
    }
}
