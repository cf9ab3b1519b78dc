//! Round trips of JSON through generated types, for tests: a generated module built with its registry (the
//! `testing` feature of `payout-clients`) lists its type names and one [`again`] per type, and [`run`] picks the
//! one asked for by name.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes a JSON value as one type and encodes it back, or says why it could not.
pub type RoundTrip = fn(Value) -> Result<Value, String>;

/// Decodes `value` as `T` and encodes it again, both through the value's exact text.
pub fn again<T: Serialize + DeserializeOwned>(value: Value) -> Result<Value, String> {
    let typed: T = crate::from_json_value(&value).map_err(|error| error.to_string())?;
    crate::to_json_value(&typed).map_err(|error| error.to_string())
}

/// Runs the round trip of the type called `type_name`, where `round_trips[i]` is that of `names[i]`; `None` for a
/// name that is not listed.
pub fn run(names: &[&str], round_trips: &[RoundTrip], type_name: &str, value: Value) -> Option<Result<Value, String>> {
    let index = names.iter().position(|name| *name == type_name)?;
    round_trips.get(index).map(|round_trip| round_trip(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_the_round_trip_of_the_named_type_only() {
        let names = ["Count", "Text"];
        let round_trips: [RoundTrip; 2] = [again::<u8>, again::<String>];
        assert_eq!(run(&names, &round_trips, "Count", Value::from(7)), Some(Ok(Value::from(7))));
        assert!(matches!(run(&names, &round_trips, "Count", Value::from("x")), Some(Err(_))));
        assert_eq!(run(&names, &round_trips, "Other", Value::from(7)), None);
    }
}
