//! Round trips through the generated models: every JSON value the specs show, and random values of every generated
//! type, decode into the generated type and encode back to the same JSON; unknown fields and enum values survive;
//! decimals keep their digits; values that break a rule of their type are refused.
//!
//! Each test collects every failure and fails once at the end with the whole list. Run with `--nocapture` for a
//! summary per API. `PROPTEST_CASES` sets the number of random values per type (default 64). The random values are
//! the same on every run (each property has its own fixed seed) unless `PROPTEST_RNG_SEED` picks another seed.
//!
//! The registry decodes from a `serde_json::Value`; the decimal and number tests also decode typed from the text, as a
//! client decodes a response body, to tell the two paths apart.

#[path = "roundtrip/invalid.rs"]
mod invalid;
#[path = "roundtrip/model.rs"]
mod model;
#[path = "roundtrip/samples.rs"]
mod samples;
#[path = "roundtrip/strategy.rs"]
mod strategy;

use std::collections::BTreeMap;

use codegen::ir::TypeDefKind;
use model::{contexts, same_after_roundtrip, Ctx, Failures, Shape};
use proptest::prelude::*;
use serde_json::{json, Value};
use strategy::{find_failure, Gen};

/// The unlisted field of the unknown-fields check, with a number whose trailing zero must survive.
fn unlisted_value() -> Value {
    serde_json::from_str(r#"{"nested": [1, 2.50]}"#).expect("JSON")
}

#[test]
fn spec_samples_round_trip() {
    let mut failures = Failures::default();
    for ctx in contexts() {
        let checks = samples::collect(&ctx);
        let mut counts: BTreeMap<samples::Kind, (usize, usize)> = BTreeMap::new();
        for (kind, check) in &checks {
            let count = counts.entry(*kind).or_default();
            count.0 += 1;
            if check.passed() {
                count.1 += 1;
            } else {
                failures.push(format!("[{}] {check}", ctx.name()));
            }
        }
        let passed: usize = counts.values().map(|c| c.1).sum();
        let detail: Vec<String> = samples::Kind::ALL
            .iter()
            .map(|kind| {
                let (total, ok) = counts.get(kind).copied().unwrap_or_default();
                format!("{} {ok}/{total}", kind.label())
            })
            .collect();
        println!(
            "roundtrip[samples] {}: {passed}/{} spec samples round-tripped ({})",
            ctx.name(),
            checks.len(),
            detail.join(", ")
        );
        assert!(!checks.is_empty(), "{}: the spec carries no samples", ctx.name());
    }
    failures.finish("spec samples do not round-trip");
}

#[test]
fn every_generated_type_round_trips_random_valid_values() {
    let cases = strategy::cases();
    let mut failures = Failures::default();
    let mut coverage = Vec::new();
    for ctx in contexts() {
        let generator = Gen::new(&ctx);
        let mut covered = 0;
        let mut failed = 0;
        for &name in ctx.module.type_names {
            let Some(strategy) = generator.type_named(name) else {
                failures
                    .push(format!("[{}] `{name}` is in TYPE_NAMES but is no spec type or inline newtype", ctx.name()));
                continue;
            };
            covered += 1;
            let label = format!("{}/{name}", ctx.name());
            let Some((input, reason)) = find_failure(&strategy, cases, &label, |v| same_after_roundtrip(&ctx, name, v))
            else {
                continue;
            };
            failed += 1;
            failures.push(format!(
                "[{}] type `{name}`: a random valid value does not round-trip (smallest case found)\n      input:  \
                 {input}\n      {reason}{}",
                ctx.name(),
                rerun_conservatively(&ctx, name, cases),
            ));
        }
        for (name, _) in &ctx.shapes {
            if !ctx.module.type_names.contains(&name.as_str()) {
                failures.push(format!("[{}] spec type `{name}` is missing from TYPE_NAMES", ctx.name()));
            }
        }
        let sample_checks = samples::collect(&ctx);
        let samples_ok = sample_checks.iter().filter(|(_, check)| check.passed()).count();
        println!(
            "roundtrip[summary] {}: {covered}/{} generated types covered by property tests ({cases} random values \
             each, {failed} failing); {samples_ok}/{} spec samples round-tripped",
            ctx.name(),
            ctx.module.type_names.len(),
            sample_checks.len(),
        );
        coverage.push((ctx.name().to_owned(), covered, ctx.module.type_names.len()));
    }
    for (api, covered, total) in coverage {
        assert_eq!(covered, total, "{api}: every name in TYPE_NAMES must be covered by a property test");
    }
    failures.finish("generated types fail the property round trip");
}

/// After a failure: whether the type round-trips with values written without the spellings known to be rewritten
/// (non-canonical date-times, unusual JSON numbers), so that those do not hide another failure of the same type.
fn rerun_conservatively(ctx: &Ctx<'_>, name: &str, cases: u32) -> String {
    let strategy = Gen::conservative(ctx).type_named(name).expect("a known type");
    let label = format!("{}/{name}/conservative", ctx.name());
    match find_failure(&strategy, cases, &label, |v| same_after_roundtrip(ctx, name, v)) {
        None => "\n      (with canonical date-times and plain JSON numbers, every case passes)".to_owned(),
        Some((input, reason)) => format!(
            "\n      with canonical date-times and plain JSON numbers it still fails:\n      input:  {input}\n      {reason}"
        ),
    }
}

#[test]
fn unknown_fields_and_enum_values_survive() {
    let cases = (strategy::cases() / 4).max(8);
    let mut failures = Failures::default();
    for ctx in contexts() {
        // Values in the spellings that survive otherwise, so that only unknown fields and values are under test.
        let mut generator = Gen::conservative(&ctx);
        generator.unlisted_fields = false;
        generator.float_safe_decimals = true;
        let (mut objects, mut enums, mut aliases, mut unions) = (0, 0, 0, 0);
        for ty in &ctx.api.types {
            match &ty.kind {
                TypeDefKind::Object { fields, closed, .. } => {
                    objects += 1;
                    let base = generator.type_named(&ty.name).expect("a spec type");
                    if *closed {
                        let strategy = base.clone().prop_map(|v| with_field(v, "x_unlisted", unlisted_value())).boxed();
                        let refused = |v: &Value| refused(&ctx, &ty.name, v);
                        let label = format!("{}/{}/closed", ctx.name(), ty.name);
                        if let Some((input, reason)) = find_failure(&strategy, cases, &label, refused) {
                            failures.push(format!(
                                "[{}] closed `{}`: {reason}\n      input: {input}",
                                ctx.name(),
                                ty.name
                            ));
                        }
                        continue;
                    }
                    // A field the spec does not list, and every enum field holding a value the spec does not list.
                    let enum_fields: Vec<String> = fields
                        .iter()
                        .filter(|f| matches!(&f.ty, codegen::ir::TypeExpr::Named(n) if is_enum(&ctx, n)))
                        .map(|f| f.wire_name.clone())
                        .collect();
                    let strategy = base
                        .clone()
                        .prop_map(move |v| {
                            let mut v = with_field(v, "x_unlisted", unlisted_value());
                            for name in &enum_fields {
                                if let Some(value) = v.get_mut(name.as_str()).filter(|value| value.is_string()) {
                                    *value = json!("SOMETHING_NEW");
                                }
                            }
                            v
                        })
                        .boxed();
                    let kept = |v: &Value| {
                        same_after_roundtrip(&ctx, &ty.name, v)?;
                        match ctx.roundtrip(&ty.name, v.clone()) {
                            Ok(out) if out.get("x_unlisted") == Some(&unlisted_value()) => Ok(()),
                            other => Err(format!("the unlisted field did not survive: {other:?}")),
                        }
                    };
                    let label = format!("{}/{}/unlisted", ctx.name(), ty.name);
                    if let Some((input, reason)) = find_failure(&strategy, cases, &label, kept) {
                        failures.push(format!(
                            "[{}] `{}` with an unlisted field (and unknown enum values): {reason}\n      input:  {input}",
                            ctx.name(),
                            ty.name
                        ));
                    }
                    // A field sent under one of its aliases decodes as the field, and is encoded under its wire name.
                    for field in fields {
                        for alias in &field.aliases {
                            aliases += 1;
                            let value = generator.field_value(field);
                            let strategy = (base.clone(), value)
                                .prop_map({
                                    let wire = field.wire_name.clone();
                                    move |(object, value)| {
                                        let mut object = object.as_object().expect("an object").clone();
                                        object.remove(&wire);
                                        object.insert(wire.clone(), value);
                                        Value::Object(object)
                                    }
                                })
                                .boxed();
                            let renamed = |v: &Value| {
                                let mut sent = v.as_object().expect("an object").clone();
                                let value = sent.remove(&field.wire_name).expect("the field");
                                sent.insert(alias.clone(), value);
                                match ctx.roundtrip(&ty.name, Value::Object(sent)) {
                                    Ok(out) if out == *v => Ok(()),
                                    Ok(out) => Err(format!("sent under alias `{alias}`, encoded as {out}")),
                                    Err(error) => Err(format!("sent under alias `{alias}`, rejected: {error}")),
                                }
                            };
                            let label = format!("{}/{}/{alias}", ctx.name(), ty.name);
                            if let Some((input, reason)) = find_failure(&strategy, cases, &label, renamed) {
                                failures.push(format!(
                                    "[{}] `{}.{}`: {reason}\n      expected: {input}",
                                    ctx.name(),
                                    ty.name,
                                    field.wire_name
                                ));
                            }
                        }
                    }
                }
                TypeDefKind::Enum { values, .. } => {
                    enums += 1;
                    let documented: Vec<String> = values.iter().map(|v| v.wire.clone()).collect();
                    let fixed = json!("SOMETHING_NEW");
                    if let Err(reason) = same_after_roundtrip(&ctx, &ty.name, &fixed) {
                        failures.push(format!("[{}] enum `{}`: {fixed} {reason}", ctx.name(), ty.name));
                    }
                    // Any other text, including near misses of the documented values (other case, spaces).
                    let near = proptest::sample::select(documented.clone())
                        .prop_flat_map(|w| {
                            prop_oneof![
                                Just(w.to_uppercase()),
                                Just(w.to_lowercase()),
                                Just(format!(" {w}")),
                                Just(format!("{w} ")),
                            ]
                        })
                        .boxed();
                    let strategy = prop_oneof![any::<String>(), near]
                        .prop_filter("not a documented value", move |s| !documented.contains(s))
                        .prop_map(Value::String)
                        .boxed();
                    let label = format!("{}/{}/unknown", ctx.name(), ty.name);
                    let check = |v: &Value| same_after_roundtrip(&ctx, &ty.name, v);
                    if let Some((input, reason)) = find_failure(&strategy, cases, &label, check) {
                        failures.push(format!("[{}] enum `{}`: unknown value {input} {reason}", ctx.name(), ty.name));
                    }
                }
                TypeDefKind::Union { tag, variants } => {
                    unions += 1;
                    // An unlisted tag keeps the whole object, whatever it holds; listed tags in other cases too.
                    let listed: Vec<String> = variants.iter().map(|v| v.wire.clone()).collect();
                    let tag = tag.clone();
                    let strategy = ("[a-z_]{1,12}", any::<i64>(), "[ -~]{0,8}")
                        .prop_filter("not a listed tag", move |(t, _, _)| !listed.contains(t))
                        .prop_map(move |(t, n, s)| json!({ tag.as_str(): t, "x_amount": n, "x_note": s, "x_nested": [n, {"s": s}] }))
                        .boxed();
                    let label = format!("{}/{}/unknown", ctx.name(), ty.name);
                    let check = |v: &Value| same_after_roundtrip(&ctx, &ty.name, v);
                    if let Some((input, reason)) = find_failure(&strategy, cases, &label, check) {
                        failures.push(format!("[{}] union `{}`: unknown tag {input} {reason}", ctx.name(), ty.name));
                    }
                }
                _ => {}
            }
        }
        println!(
            "roundtrip[unknown] {}: {objects} object types with an unlisted field, {enums} enum types with unknown \
             values, {unions} union types with unknown tags, {aliases} field aliases",
            ctx.name()
        );
    }
    failures.finish("unknown fields, enum values or aliases are lost");
}

fn is_enum(ctx: &Ctx<'_>, name: &str) -> bool {
    matches!(ctx.type_def(name).kind, TypeDefKind::Enum { .. })
}

fn with_field(value: Value, name: &str, field: Value) -> Value {
    let mut object = value.as_object().expect("an object").clone();
    object.insert(name.to_owned(), field);
    Value::Object(object)
}

/// Amounts that must come back digit for digit: trailing zeros, more digits than a float holds, the extremes of an
/// exact decimal, and a value whose float spelling is ambiguous (found by the property test).
const EXACT_AMOUNTS: [&str; 13] = [
    "0.10",
    "0.1",
    "1234567890.123456789",
    "100",
    "100.00",
    "-0.005",
    "0.0000000000000000000000000001",
    "7922816251426433759354395033.5",
    "0.3000000000000000000000000000",
    "983856177571862.3",
    "-983856177571862.3",
    "18446744073709551616",
    "79228162514264337593543950335",
];

/// More digits than an exact decimal holds: refusing them is fine, changing them is not. The exponent form was once
/// checked through a float, which rounds it to 10.
const TOO_PRECISE_AMOUNTS: [&str; 5] = [
    "0.12345678901234567890123456789012",
    "123456789012345678901234567890.5",
    "79228162514264337593543950336",
    "9.9999999999999999999999999999999e0",
    "1e-29",
];

fn payout_request_with_amount(text: &str) -> String {
    format!(
        r#"{{"websiteId":"web_0YV7DE4Z26DQSA1AC92FBJ7SEG","customerId":"cus_0YV7DDSDD1C8DA64KHH2W33CPF","currency":"USD","amount":{text},"allocations":[{{"amount":{text},"currency":"USD"}}]}}"#
    )
}

#[test]
fn decimals_keep_their_digits() {
    let ctx = contexts().into_iter().find(|c| c.name() == "rebilly").expect("the rebilly API");
    let mut failures = Failures::default();
    let mut checked = 0;
    for text in EXACT_AMOUNTS {
        let request = payout_request_with_amount(text);
        // Through the registry, from a `serde_json::Value`.
        for (name, json) in [("PayoutRequest", request.as_str()), ("Money", text)] {
            checked += 1;
            let value: Value = serde_json::from_str(json).expect("JSON");
            match ctx.roundtrip(name, value.clone()) {
                Ok(out) => {
                    let amount = if name == "Money" { &out } else { &out["amount"] };
                    let written = serde_json::to_string(amount).expect("JSON");
                    if out != value || written != text {
                        failures.push(format!("[rebilly] `{name}` from a Value, amount {text}: encoded as {out}"));
                    }
                }
                Err(error) => {
                    failures.push(format!("[rebilly] `{name}` from a Value, amount {text}: rejected: {error}"))
                }
            }
        }
        // As a client decodes a response: typed, from the bytes.
        checked += 2;
        match serde_json::from_str::<payout_clients::rebilly::PayoutRequest>(&request) {
            Ok(typed) => {
                let written = serde_json::to_string(&typed).expect("JSON");
                let same = serde_json::from_str::<Value>(&written).ok() == serde_json::from_str::<Value>(&request).ok();
                if !same {
                    failures.push(format!("[rebilly] `PayoutRequest` from text, amount {text}: encoded as {written}"));
                }
            }
            Err(error) => {
                failures.push(format!("[rebilly] `PayoutRequest` from text, amount {text}: rejected: {error}"))
            }
        }
        match serde_json::from_str::<payout_clients::rebilly::Money>(text) {
            Ok(typed) => {
                let written = serde_json::to_string(&typed).expect("JSON");
                if written != text {
                    failures.push(format!("[rebilly] `Money` from text {text}: encoded as {written}"));
                }
            }
            Err(error) => failures.push(format!("[rebilly] `Money` from text {text}: rejected: {error}")),
        }
    }
    for text in TOO_PRECISE_AMOUNTS {
        checked += 2;
        if let Ok(out) = ctx.roundtrip("Money", strategy::number(text)) {
            let written = serde_json::to_string(&out).expect("JSON");
            if written != text {
                failures.push(format!("[rebilly] `Money` from a Value {text}: accepted and changed to {written}"));
            }
        }
        if let Ok(typed) = serde_json::from_str::<payout_clients::rebilly::Money>(text) {
            let written = serde_json::to_string(&typed).expect("JSON");
            if written != text {
                failures.push(format!("[rebilly] `Money` from text {text}: accepted and changed to {written}"));
            }
        }
    }
    println!(
        "roundtrip[decimals] rebilly: {checked} amount decodings checked digit for digit (from Values and from text)"
    );
    failures.finish("decimal amounts lose or change digits");
}

/// A decimal string an exact decimal cannot hold was accepted, and `to_decimal` then returned 0. It is refused when
/// built and when decoded, with a reason that does not repeat the amount; what fits converts digit for digit.
#[test]
fn decimal_strings_a_decimal_cannot_hold_are_refused() {
    use payout_clients::tokenio::{Amount, DecimalAmount};
    let too_long = "123456789012345678901234567890123.45";
    let error = DecimalAmount::new(too_long).expect_err("33 significant digits");
    assert!(error.to_string().contains("cannot be held exactly by a decimal"), "{error}");
    assert!(!error.to_string().contains(too_long));
    let body = format!(r#"{{"value":"{too_long}","currency":"EUR"}}"#);
    let error = serde_json::from_str::<Amount>(&body).expect_err("refused on decode too");
    assert!(error.to_string().contains("cannot be held exactly by a decimal"), "{error}");
    for text in ["0.0001", "79228162514264337593543950335", "-10.50", "12345678901234567890123456.78"] {
        let amount = DecimalAmount::new(text).expect(text);
        assert_eq!(amount.to_decimal().to_string(), text);
    }
}

/// Unusual JSON numbers in unlisted fields and `json` fields, and RFC 3339 spellings, decoded the way a client decodes
/// a response body (typed, from the text), and through the registry (from a `serde_json::Value`).
#[test]
fn numbers_in_free_form_json_survive_text_and_value_decoding() {
    let numbers = r#"[-0, 100000000000000000000, -3801280995995293641674991, 1e400, 2.50, 6e+8]"#;
    let cases: [(&str, &str, String); 4] = [
        ("tokenio", "DebtorInformation", format!(r#"{{"accountId":"a12345","x_unlisted":{numbers}}}"#)),
        (
            "reservepay",
            "InvalidArgument",
            format!(r#"{{"type":"invalid","argument":"a","message":"m","x":{numbers}}}"#),
        ),
        (
            "reservepay",
            "PayoutExport",
            format!(
                r#"{{"export_id":"exp_1","status":"pending","created_at":1743580800,"filters":{{"n":{numbers}}}}}"#
            ),
        ),
        ("rebilly", "Problem", format!(r#"{{"title":"t","status":401,"x_extra":{numbers}}}"#)),
    ];
    fn text_roundtrip<T>(text: &str) -> Result<Value, String>
    where
        T: payout_clients::runtime::serde::Serialize + payout_clients::runtime::serde::de::DeserializeOwned,
    {
        let typed: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let written = serde_json::to_string(&typed).map_err(|e| e.to_string())?;
        serde_json::from_str(&written).map_err(|e| e.to_string())
    }
    let all = contexts();
    let mut failures = Failures::default();
    for (api, name, text) in &cases {
        let ctx = all.iter().find(|c| c.name() == *api).expect("a known API");
        let value: Value = serde_json::from_str(text).expect("JSON");
        let from_text = match (*api, *name) {
            ("tokenio", "DebtorInformation") => text_roundtrip::<payout_clients::tokenio::DebtorInformation>(text),
            ("reservepay", "InvalidArgument") => text_roundtrip::<payout_clients::reservepay::InvalidArgument>(text),
            ("reservepay", "PayoutExport") => text_roundtrip::<payout_clients::reservepay::PayoutExport>(text),
            ("rebilly", "Problem") => text_roundtrip::<payout_clients::rebilly::Problem>(text),
            _ => unreachable!(),
        };
        match from_text {
            Ok(out) if out == value => {}
            Ok(out) => failures.push(format!("[{api}] `{name}` from text:\n      input:  {text}\n      output: {out}")),
            Err(error) => {
                failures.push(format!("[{api}] `{name}` from text:\n      input:  {text}\n      error:  {error}"))
            }
        }
        if let Err(reason) = same_after_roundtrip(ctx, name, &value) {
            failures
                .push(format!("[{api}] `{name}` from a Value (roundtrip_json):\n      input:  {text}\n      {reason}"));
        }
    }
    println!("roundtrip[numbers] {} objects with unusual JSON numbers, from text and from Values", cases.len());
    failures.finish("JSON numbers in free-form JSON are changed or refused");
}

/// Unlisted fields are kept as their JSON text, not buffered through serde's `Content` (where numbers become floats):
/// decoded from a response body and encoded again, they come back byte for byte.
#[test]
fn unlisted_fields_round_trip_byte_for_byte() {
    let text = r#"{"accountId":"a1","rate":12345678901234567890.123456789,"n":[1e400,2.50,-0],"o":{"k":0.10}}"#;
    let typed: payout_clients::tokenio::DebtorInformation = serde_json::from_str(text).expect("decodes");
    let rate = typed.additional_fields().get("rate").map(|raw| raw.get());
    assert_eq!(rate, Some("12345678901234567890.123456789"));
    assert_eq!(serde_json::to_string(&typed).expect("encodes"), text);
}

/// Whether `value` is refused as `name`, for a test of rules.
fn refused(ctx: &Ctx<'_>, name: &str, value: &Value) -> Result<(), String> {
    match ctx.roundtrip(name, value.clone()) {
        // A type the registry does not hold refuses nothing: that is a gap in the harness, not a refusal.
        Err(why) if why.contains("is not in the registry") => Err(why),
        Err(_) => Ok(()),
        Ok(out) => Err(format!("accepted, encoded as {out}")),
    }
}

#[test]
fn values_that_break_a_constraint_are_refused() {
    let mut failures = Failures::default();
    // The cases named in the brief, written out.
    let named = [
        ("reservepay", "NationalId", json!("123456789012")),
        ("reservepay", "CurrencyCode", json!("THBX")),
        ("tokenio", "CurrencyCode", json!("EURO")),
        ("rebilly", "CurrencyCode", json!("USDX")),
        ("tokenio", "Amount", json!({"value": "10.23", "currency": "EURO"})),
        (
            "rebilly",
            "PayoutRequest",
            json!({"websiteId": "web_1", "customerId": "cus_1", "currency": "USDX", "amount": 1}),
        ),
    ];
    let all = contexts();
    for (api, name, value) in &named {
        let ctx = all.iter().find(|c| c.name() == *api).expect("a known API");
        if let Err(reason) = refused(ctx, name, value) {
            failures.push(format!("[{api}] `{name}` {value}: {reason}"));
        }
    }
    let strict = [invalid::Rule::Constraint, invalid::Rule::NestedConstraint, invalid::Rule::Structure];
    rule_checks(&all, &strict, &mut failures, "rules");
    failures.finish("invalid values are accepted");
}

#[test]
fn null_is_refused_in_required_fields_that_are_not_nullable() {
    let mut failures = Failures::default();
    rule_checks(&contexts(), &[invalid::Rule::Null], &mut failures, "nulls");
    failures.finish("`null`s in required fields that are not nullable are accepted");
}

/// A deliberate tolerance: servers often write `null` for a field they leave out, and refusing it would turn a
/// completed call (a payout sent) into a decoding error. An optional, non-nullable field therefore reads `null` as
/// absent, and is written back absent.
#[test]
fn null_in_an_optional_field_reads_as_absent() {
    let decoded = payout_clients::rebilly::roundtrip_json("Problem", serde_json::json!({"title": null, "status": 401}));
    assert_eq!(decoded, Some(Ok(serde_json::json!({"status": 401}))));
}

#[test]
fn values_of_the_wrong_json_type_are_refused() {
    let mut failures = Failures::default();
    rule_checks(&contexts(), &[invalid::Rule::JsonType], &mut failures, "json-types");
    failures.finish("values of the wrong JSON type are accepted");
}

#[test]
fn builtin_uri_email_date_and_date_time_fields_are_checked() {
    let mut failures = Failures::default();
    rule_checks(&contexts(), &[invalid::Rule::BuiltinFormat], &mut failures, "formats");
    failures.finish("badly formatted values of built-in types are accepted");
}

/// Decodes every IR-derived violation of `rules` for every generated type; each must be refused.
fn rule_checks(all: &[Ctx<'_>], rules: &[invalid::Rule], failures: &mut Failures, tag: &str) {
    for ctx in all {
        let mut counts: BTreeMap<invalid::Rule, (usize, usize)> = BTreeMap::new();
        let mut skipped = Vec::new();
        for (name, shape) in &ctx.shapes {
            let Some(violations) = invalid::for_type(ctx, name) else {
                skipped.push(name.as_str());
                continue;
            };
            for violation in violations.into_iter().filter(|v| rules.contains(&v.rule)) {
                let count = counts.entry(violation.rule).or_default();
                count.0 += 1;
                match refused(ctx, name, &violation.value) {
                    Ok(()) => count.1 += 1,
                    Err(reason) => {
                        let kind = if matches!(shape, Shape::Inline(_)) { "inline newtype" } else { "type" };
                        failures.push(format!(
                            "[{}] {kind} `{name}`, {}: {}\n      input: {}\n      {reason}",
                            ctx.name(),
                            violation.rule.label(),
                            violation.why,
                            violation.value
                        ));
                    }
                }
            }
        }
        let detail: Vec<String> =
            counts.iter().map(|(rule, (total, ok))| format!("{} {ok}/{total}", rule.label())).collect();
        let refused: usize = counts.values().map(|c| c.1).sum();
        let total: usize = counts.values().map(|c| c.0).sum();
        println!(
            "roundtrip[{tag}] {}: {refused}/{total} invalid values refused ({}){}",
            ctx.name(),
            detail.join(", "),
            if skipped.is_empty() { String::new() } else { format!("; no accepted base value for {skipped:?}") }
        );
    }
}

/// A field of a built-in type is checked with the Rust type the generator writes for it: an exact decimal stays a
/// JSON number (a `rust_decimal::Decimal` would write it as a string), a URI and an e-mail address keep their text.
#[test]
fn built_in_types_round_trip_as_the_generated_code_types_them() {
    use codegen::ir::Primitive;
    let cases = [
        (Primitive::Decimal, json!(12.5)),
        (Primitive::Decimal, json!(-3)),
        (Primitive::Uri, json!("https://example.com/payouts?id=1")),
        (Primitive::Email, json!("payouts@example.com")),
        (Primitive::Json, json!({"any": [1, "two", null]})),
        (Primitive::DateTime, json!("2026-12-03T10:00:00Z")),
    ];
    for (primitive, value) in cases {
        assert_eq!(model::primitive_roundtrip(primitive, value.clone()), Ok(value), "{primitive:?}");
    }
}
