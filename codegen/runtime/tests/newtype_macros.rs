//! The newtype and string-enum macros as generated code uses them: in a module that imports the runtime as `rt` and
//! declares types named like std's, which the macro bodies must not pick up.

#![deny(missing_docs)]

mod api {
    #![allow(dead_code)]
    use codegen_runtime as rt;

    /// A spec type named like std's `Result`, `Option` and `String`: the impls below must still mean std's.
    pub struct Result;
    /// See [`Result`].
    pub struct Option;
    /// See [`Result`].
    pub struct String;

    /// A three-letter code.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Code(::std::string::String);
    rt::text_newtype!(Code { length = 3, pattern = "[A-Z]+" });

    /// Any text.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Free(::std::string::String);
    rt::text_newtype!(Free {});

    /// A payout ID.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct PayoutId(::std::string::String);
    rt::id_newtype!(PayoutId { prefix = "po:", max_length = 8 });

    /// A contact ID of the API's own or the caller's.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct ContactId {
        value: ::std::string::String,
        external: bool,
    }
    rt::external_id!(ContactId { prefix = "ct_" });

    /// A page size.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Limit(i32);
    rt::integer_newtype!(Limit(i32) { min = 1, max = 100 });

    /// An amount.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Amount(rt::Decimal);
    rt::decimal_newtype!(Amount { min = "0.01", places = 2 });

    /// One to two codes.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Codes(::std::vec::Vec<Code>);
    rt::list_newtype!(Codes(Code) { min_length = 1, max_length = 2 });

    /// A status.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub enum Status {
        /// Paid.
        Paid,
        /// Failed.
        Failed,
        /// Anything else.
        Unknown(::std::string::String),
    }
    rt::string_enum!(Status { Paid = "PAID", Failed = "FAILED" });
}

use api::{Amount, Code, Codes, ContactId, Free, Limit, PayoutId, Status};

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

#[test]
fn text_newtypes_check_their_rules_everywhere_they_are_built() {
    assert_eq!(Code::new("GBP").map(|code| code.to_string()), Ok("GBP".to_owned()));
    assert_eq!(Code::new("GB").expect_err("short").reason(), "must be exactly 3 characters long");
    assert!("gbp".parse::<Code>().is_err());
    assert!(decode::<Code>("\"EURO\"").expect_err("long").contains("Code"));
    let code: Code = decode("\"EUR\"").expect("valid");
    assert_eq!((code.as_ref(), serde_json::to_string(&code).expect("encodes")), ("EUR", "\"EUR\"".to_owned()));
    assert_eq!(Free::new("").map(Free::into_inner), Ok(String::new()));
}

#[test]
fn ids_check_their_prefix_and_external_ids_keep_which_they_are() {
    assert_eq!(PayoutId::PREFIX, "po:");
    assert!(PayoutId::new("po:1").is_ok());
    assert_eq!(PayoutId::new("1").expect_err("no prefix").reason(), "must start with `po:`");
    assert!(PayoutId::new("po:123456").is_err());
    let own: ContactId = decode("\"ct_1\"").expect("own ID");
    let mine: ContactId = "mine".parse().expect("external ID");
    assert!(!own.is_external() && mine.is_external());
    assert!(ContactId::external("ct_mine").is_err());
    assert_eq!(serde_json::to_string(&mine).expect("encodes"), "\"mine\"");
}

#[test]
fn numbers_check_their_bounds_and_read_text_exactly() {
    assert_eq!(Limit::new(100).map(Limit::get), Ok(100));
    assert!(Limit::new(0).is_err() && "x".parse::<Limit>().is_err());
    assert!(decode::<Limit>("101").is_err());
    let amount: Amount = decode("10.25").expect("valid");
    assert_eq!(
        (amount.to_string(), serde_json::to_string(&amount).expect("encodes")),
        ("10.25".into(), "10.25".into())
    );
    assert_eq!("1.001".parse::<Amount>().expect_err("three places").reason(), "must have at most 2 decimal places");
    assert!("0".parse::<Amount>().is_err());
}

#[test]
fn lists_check_their_count_when_built_and_decoded() {
    let codes: Codes = decode("[\"GBP\"]").expect("one code");
    assert_eq!(codes.len(), 1);
    assert!(decode::<Codes>("[]").is_err());
    assert!(Codes::try_from(vec![]).is_err());
}

#[test]
fn string_enums_keep_values_they_do_not_know() {
    assert_eq!(Status::DOCUMENTED, &["PAID", "FAILED"]);
    assert_eq!(decode::<Status>("\"PAID\""), Ok(Status::Paid));
    let later: Status = decode("\"REFUNDED\"").expect("unknown values decode");
    assert_eq!((later.as_str(), serde_json::to_string(&later).expect("encodes")), ("REFUNDED", "\"REFUNDED\"".into()));
    assert_eq!("FAILED".parse::<Status>(), Ok(Status::Failed));
    assert!(decode::<Status>("1").is_err());
}
