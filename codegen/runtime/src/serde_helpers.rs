//! Serde adapters used by generated models.

/// Tells an absent field, an explicit `null` and a value apart, for `Option<Option<T>>` fields (typically PATCH
/// bodies where `null` clears a value):
///
/// | JSON          | Rust             |
/// |---------------|------------------|
/// | field absent  | `None`           |
/// | `null`        | `Some(None)`     |
/// | a value       | `Some(Some(v))`  |
///
/// Use it together with `default` and `skip_serializing_if`, so that `None` is left out when serializing:
///
/// ```
/// use codegen_runtime::serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// #[serde(crate = "::codegen_runtime::serde")]
/// struct Patch {
///     #[serde(
///         default,
///         skip_serializing_if = "Option::is_none",
///         with = "::codegen_runtime::serde_helpers::double_option"
///     )]
///     note: Option<Option<String>>,
/// }
///
/// let cleared: Patch = codegen_runtime::serde_json::from_str(r#"{"note":null}"#).unwrap();
/// assert_eq!(cleared.note, Some(None));
/// ```
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `Some(Some(v))` as `v` and `Some(None)` as `null`. `None` is written as `null` too, but
    /// `skip_serializing_if = "Option::is_none"` leaves it out.
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => serializer.serialize_some(value),
            Some(None) | None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `Some(None)` and a value as `Some(Some(v))`; an absent field never gets here and becomes
    /// `None` through `default`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
        note: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
        limit: Option<Option<u32>>,
    }

    #[test]
    fn three_states_round_trip() {
        let cases = [
            ("{}", Patch { note: None, limit: None }),
            (r#"{"note":null}"#, Patch { note: Some(None), limit: None }),
            (r#"{"note":"hi","limit":null}"#, Patch { note: Some(Some("hi".into())), limit: Some(None) }),
            (r#"{"limit":5}"#, Patch { note: None, limit: Some(Some(5)) }),
        ];
        for (json, patch) in cases {
            assert_eq!(serde_json::from_str::<Patch>(json).expect(json), patch);
            assert_eq!(serde_json::to_string(&patch).expect(json), json);
        }
        assert!(serde_json::from_str::<Patch>(r#"{"limit":"5"}"#).is_err());
    }
}
