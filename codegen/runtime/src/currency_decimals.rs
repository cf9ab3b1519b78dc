//! Decimal places that depend on the currency (`currency_decimals` on an object in a spec): PayPal refuses `10.50`
//! in JPY, HUF or TWD and wants at most two places elsewhere. A generated object with such a rule checks it whenever
//! it is written, so a request breaking it is refused before anything is sent (`Error::InvalidRequest`).
//!
//! Decoding does not check it: what the server sends is kept as sent.

use serde::Serialize;

/// The places an amount may have, by currency code.
#[derive(Clone, Copy, Debug)]
pub struct CurrencyDecimals {
    /// The wire name of the amount field and of the currency field, for messages.
    pub amount: &'static str,
    /// The wire name of the currency field.
    pub currency: &'static str,
    /// The places for a currency not listed; `None` leaves such amounts unchecked.
    pub default: Option<u32>,
    /// The places of each listed currency, by code.
    pub places: &'static [(&'static str, u32)],
}

impl CurrencyDecimals {
    /// The most places an amount in `currency` may have, if the rule says. Codes compare without regard to ASCII
    /// case: a server reading `jpy` as JPY refuses its decimals all the same.
    pub fn places_of(&self, currency: &str) -> Option<u32> {
        let listed = self.places.iter().find(|(code, _)| code.eq_ignore_ascii_case(currency));
        listed.map(|(_, places)| *places).or(self.default)
    }

    /// Checks `amount` against `currency`, both as their fields hold them (a decimal, a decimal string, a currency
    /// enum or string, each possibly optional): why not, when the amount has more places written than the currency
    /// takes. An absent amount or currency is not checked.
    pub fn check<A: Serialize + ?Sized, C: Serialize + ?Sized>(&self, amount: &A, currency: &C) -> Result<(), String> {
        let (Some((amount, is_number)), Some((currency, _))) = (text_of(amount), text_of(currency)) else {
            return Ok(());
        };
        let Some(allowed) = self.places_of(&currency) else { return Ok(()) };
        let written = codegen_rules::decimal::amount_places(&amount, is_number);
        if written <= u64::from(allowed) {
            return Ok(());
        }
        // Neither value is quoted: an amount may end up in a log line.
        let takes = match allowed {
            0 => "none".to_owned(),
            n => format!("at most {n}"),
        };
        Err(format!(
            "`{}` has {written} decimal place{}, more than its currency (`{}`) takes: {takes}",
            self.amount,
            if written == 1 { "" } else { "s" },
            self.currency,
        ))
    }
}

/// A value's wire text (a string without its quotes) and whether it is a JSON number; `None` for `null` (an absent
/// optional field).
fn text_of<T: Serialize + ?Sized>(value: &T) -> Option<(String, bool)> {
    let json = serde_json::to_string(value).ok()?;
    match json.as_str() {
        "null" => None,
        quoted if quoted.starts_with('"') => serde_json::from_str::<String>(quoted).ok().map(|text| (text, false)),
        plain => Some((plain.to_owned(), true)),
    }
}

/// `Serialize` for a generated object with a `currency_decimals` rule: checks the rule, then writes the object with
/// the impl its `#[serde(remote = "Self")]` derive made. The object names its amount and currency fields (Rust
/// name, wire name), the default places (or `_` for none) and the listed currencies.
///
/// ```
/// use codegen_runtime as rt;
///
/// #[derive(rt::serde::Serialize)]
/// #[serde(crate = "rt::serde", remote = "Self")]
/// pub struct Money {
///     pub currency: String,
///     pub value: String,
/// }
/// rt::currency_decimals!(Money { value "value", currency "currency", default 2, { "JPY" = 0, "TND" = 3 } });
///
/// let money = |currency: &str, value: &str| Money { currency: currency.into(), value: value.into() };
/// assert!(rt::serde_json::to_string(&money("USD", "10.50")).is_ok());
/// assert!(rt::serde_json::to_string(&money("TND", "10.505")).is_ok());
/// let refused = rt::serde_json::to_string(&money("JPY", "10.5")).unwrap_err();
/// assert_eq!(refused.to_string(), "`value` has 1 decimal place, more than its currency (`currency`) takes: none");
/// ```
#[macro_export]
macro_rules! currency_decimals {
    (
        $type:ident {
            $amount:ident $amount_wire:literal, $currency:ident $currency_wire:literal,
            default $default:tt, { $($code:literal = $places:literal),* $(,)? }
        }
    ) => {
        impl $crate::serde::Serialize for $type {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                const RULE: $crate::currency_decimals::CurrencyDecimals = $crate::currency_decimals::CurrencyDecimals {
                    amount: $amount_wire,
                    currency: $currency_wire,
                    default: $crate::__default_places!($default),
                    places: &[$(($code, $places)),*],
                };
                RULE.check(&self.$amount, &self.$currency).map_err(<__S::Error as $crate::serde::ser::Error>::custom)?;
                $type::serialize(self, serializer)
            }
        }
    };
}

/// The default places of [`currency_decimals!`]: a number, or `_` for none.
#[doc(hidden)]
#[macro_export]
macro_rules! __default_places {
    (_) => {
        ::std::option::Option::None
    };
    ($places:literal) => {
        ::std::option::Option::Some($places)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;

    const PAYPAL: CurrencyDecimals = CurrencyDecimals {
        amount: "value",
        currency: "currency",
        default: Some(2),
        places: &[("HUF", 0), ("JPY", 0), ("TWD", 0)],
    };

    #[test]
    fn places_follow_the_currency() {
        assert!(PAYPAL.check("10.50", "USD").is_ok());
        assert!(PAYPAL.check("10", "JPY").is_ok());
        assert!(PAYPAL.check("10.0", "JPY").is_err(), "a written place counts, even a zero");
        assert!(PAYPAL.check("10.505", "EUR").is_err());
        assert_eq!(
            PAYPAL.check("1.505", "EUR").unwrap_err(),
            "`value` has 3 decimal places, more than its currency (`currency`) takes: at most 2"
        );
        assert!(PAYPAL.check(&Decimal::new(1050, 2), "HUF").is_err(), "an exact decimal keeps its scale");
        assert!(PAYPAL.check(&Decimal::new(1050, 2), "GBP").is_ok());
        assert!(PAYPAL.check("10.5", "jpy").is_err(), "codes compare without regard to case");
    }

    #[test]
    fn absent_values_and_unlisted_currencies_without_a_default_are_not_checked() {
        assert!(PAYPAL.check(&None::<String>, "JPY").is_ok());
        assert!(PAYPAL.check("10.5", &None::<String>).is_ok());
        let listed_only = CurrencyDecimals { default: None, ..PAYPAL };
        assert!(listed_only.check("10.12345", "USD").is_ok());
        assert!(listed_only.check("10.1", "JPY").is_err());
    }
}
