//! Proptest strategies that generate JSON values valid for a spec type, driven by the IR: objects with their required
//! fields always and optional ones sometimes (nullable ones sometimes `null`), enums from their documented values,
//! strings within their format, length and pattern, numbers within their bounds, IDs with or without their prefix.

use std::collections::{BTreeMap, BTreeSet};

use codegen::ir::{Constraints, CurrencyDecimals, Field, Primitive, StringFormat, TypeDef, TypeDefKind, TypeExpr};
use payout_clients::runtime::Decimal;
use proptest::collection::{btree_map, vec as vec_of, SizeRange};
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::string::string_regex;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use serde_json::{Map, Value};

use super::model::{Ctx, Shape};

/// Nesting depth after which optional fields are left out and collections are kept at their minimum size.
const MAX_DEPTH: u32 = 4;

/// Test cases per property: `PROPTEST_CASES` when set, else 64.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

/// Runs `check` on `cases` values of `strategy`; the smallest failing value and why it failed, if any fails.
///
/// The random values are the same on every run (the seed comes from `label`) unless `PROPTEST_RNG_SEED` is set.
pub fn find_failure(
    strategy: &BoxedStrategy<Value>,
    cases: u32,
    label: &str,
    check: impl Fn(&Value) -> Result<(), String>,
) -> Option<(Value, String)> {
    let defaults = Config::default();
    let rng_seed = match defaults.rng_seed {
        RngSeed::Random => RngSeed::Fixed(fnv1a(label)),
        fixed => fixed,
    };
    // No failure persistence: the suite writes nothing into the source tree.
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 8192, rng_seed, ..defaults };
    let mut runner = TestRunner::new(config);
    match runner.run(strategy, |value| check(&value).map_err(TestCaseError::fail)) {
        Ok(()) => None,
        Err(TestError::Fail(_, value)) => {
            let reason = check(&value).err().unwrap_or_else(|| "fails only intermittently".to_owned());
            Some((value, reason))
        }
        Err(TestError::Abort(reason)) => Some((Value::Null, format!("the generator gave up: {reason}"))),
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// A few values of `strategy`, the same on every run.
pub fn samples(strategy: &BoxedStrategy<Value>, count: usize) -> Vec<Value> {
    let mut runner = TestRunner::deterministic();
    (0..count).filter_map(|_| strategy.new_tree(&mut runner).ok().map(|tree| tree.current())).collect()
}

/// Generates values valid for the types of one API.
pub struct Gen<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    /// Write every date-time the way the runtime prints it (`T`, `Z` for UTC, no trailing zeros in fractions)
    /// instead of in any of the forms RFC 3339 allows.
    pub canonical_date_times: bool,
    /// In free-form JSON, write numbers only as `i64` integers (never `-0`) and short plain decimals, instead of in
    /// every spelling JSON allows (exponents, `-0`, integers beyond 64 bits, more digits than a float holds).
    pub plain_json_numbers: bool,
    /// Keep decimals to 15 significant digits, which a float spells the same way as the decimal, so that the float
    /// detour of decoding from a `serde_json::Value` cannot change them.
    pub float_safe_decimals: bool,
    /// Add fields the spec does not list to objects that are not closed, now and then.
    pub unlisted_fields: bool,
}

impl<'c, 'a> Gen<'c, 'a> {
    /// Every value the spec allows, in every spelling JSON and RFC 3339 allow.
    pub fn new(ctx: &'c Ctx<'a>) -> Self {
        Gen {
            ctx,
            canonical_date_times: false,
            plain_json_numbers: false,
            float_safe_decimals: false,
            unlisted_fields: true,
        }
    }

    /// Valid values without the spellings known to be rewritten (non-canonical date-times, unusual JSON numbers), so
    /// that a failure they cause does not hide another one.
    pub fn conservative(ctx: &'c Ctx<'a>) -> Self {
        Gen {
            ctx,
            canonical_date_times: true,
            plain_json_numbers: true,
            float_safe_decimals: false,
            unlisted_fields: true,
        }
    }

    /// Values of the generated type `name` (a spec type or an inline newtype).
    pub fn type_named(&self, name: &str) -> Option<BoxedStrategy<Value>> {
        Some(match self.ctx.shape(name)? {
            Shape::Def(def) => self.def(def, 0),
            Shape::Inline(field) => self.expr(&field.ty, &field.constraints, 0),
        })
    }

    /// Values of a field, without `null` (even when the field is nullable).
    pub fn field_value(&self, field: &Field) -> BoxedStrategy<Value> {
        self.expr(&field.ty, &field.constraints, 1)
    }

    fn def(&self, def: &TypeDef, depth: u32) -> BoxedStrategy<Value> {
        match &def.kind {
            TypeDefKind::Object { fields, closed, currency_decimals } => {
                self.object(fields, *closed, currency_decimals.as_ref(), depth)
            }
            TypeDefKind::Enum { values, .. } => {
                let wires: Vec<String> = values.iter().map(|v| v.wire.clone()).collect();
                proptest::sample::select(wires).prop_map(Value::String).boxed()
            }
            TypeDefKind::String { constraints, format } => {
                self.string(*format, constraints).prop_map(Value::String).boxed()
            }
            TypeDefKind::Integer { constraints, width } => integer(constraints, *width),
            TypeDefKind::Decimal { constraints } => decimal(constraints, self.float_safe_decimals),
            TypeDefKind::Id { uid_prefix, external, max_length } => id(uid_prefix, *external, *max_length),
            // A variant's object with the tag beside its fields.
            TypeDefKind::Union { tag, variants } => {
                let choices: Vec<BoxedStrategy<Value>> = variants
                    .iter()
                    .map(|variant| {
                        let (tag, wire) = (tag.clone(), variant.wire.clone());
                        self.def(self.ctx.type_def(&variant.object), depth + 1)
                            .prop_map(move |mut value| {
                                if let Value::Object(members) = &mut value {
                                    members.insert(tag.clone(), Value::String(wire.clone()));
                                }
                                value
                            })
                            .boxed()
                    })
                    .collect();
                proptest::strategy::Union::new(choices).boxed()
            }
        }
    }

    fn object(
        &self,
        fields: &[Field],
        closed: bool,
        currency_decimals: Option<&CurrencyDecimals>,
        depth: u32,
    ) -> BoxedStrategy<Value> {
        let rule = currency_decimals.cloned();
        let members: Vec<BoxedStrategy<Option<(String, Value)>>> =
            fields.iter().map(|field| self.member(field, depth)).collect();
        let listed: BTreeSet<String> =
            fields.iter().flat_map(|f| std::iter::once(f.wire_name.clone()).chain(f.aliases.iter().cloned())).collect();
        let unlisted = if self.unlisted_fields && !closed && depth < MAX_DEPTH {
            let name = "x_[a-z]{1,6}".prop_filter("a name the spec does not list", move |n| !listed.contains(n));
            prop_oneof![
                3 => Just(BTreeMap::new()),
                1 => btree_map(name, json(depth + 1, self.plain_json_numbers), 1..=2),
            ]
            .boxed()
        } else {
            Just(BTreeMap::new()).boxed()
        };
        (members, unlisted)
            .prop_map(move |(members, unlisted)| {
                let mut object = Map::new();
                object.extend(members.into_iter().flatten());
                object.extend(unlisted);
                if let Some(rule) = &rule {
                    fit_currency_decimals(rule, &mut object);
                }
                Value::Object(object)
            })
            .boxed()
    }

    fn member(&self, field: &Field, depth: u32) -> BoxedStrategy<Option<(String, Value)>> {
        if !field.required && depth >= MAX_DEPTH {
            return Just(None).boxed();
        }
        let name = field.wire_name.clone();
        let value = self.expr(&field.ty, &field.constraints, depth + 1);
        let value = match (field.nullable, field.required) {
            (true, _) => prop_oneof![3 => value, 1 => Just(Value::Null)].boxed(),
            // An optional field that is not nullable reads `null` as absent: a `json` one holds any value but that.
            (false, false) => value.prop_filter("not null", |v| !v.is_null()).boxed(),
            (false, true) => value,
        };
        if field.required {
            value.prop_map(move |v| Some((name.clone(), v))).boxed()
        } else {
            proptest::option::weighted(0.7, value).prop_map(move |v| v.map(|v| (name.clone(), v))).boxed()
        }
    }

    /// Values of a type expression, with the constraints a field writes on it.
    fn expr(&self, ty: &TypeExpr, constraints: &Constraints, depth: u32) -> BoxedStrategy<Value> {
        match ty {
            TypeExpr::Primitive(p) => self.primitive(*p, constraints, depth),
            TypeExpr::Named(name) => {
                let strategy = self.def(self.ctx.type_def(name), depth);
                if constraints.is_empty() {
                    strategy
                } else {
                    let constraints = constraints.clone();
                    strategy.prop_filter("the field's own constraints", move |v| satisfies(v, &constraints)).boxed()
                }
            }
            TypeExpr::Array(inner) => {
                let item = self.expr(inner, &Constraints::default(), depth + 1);
                vec_of(item, collection_size(constraints, depth)).prop_map(Value::Array).boxed()
            }
            // An ID, or the object it identifies.
            TypeExpr::Expandable(name) => {
                let object = self.def(self.ctx.type_def(name), depth);
                prop_oneof![any_text(1, 12).prop_map(Value::String), object].boxed()
            }
            TypeExpr::Map(inner) => {
                let item = self.expr(inner, &Constraints::default(), depth + 1);
                // Keys follow the map's key rules (Stripe metadata: at most 40 characters, no brackets).
                let key_rules = Constraints {
                    min_length: constraints.key_min_length,
                    max_length: constraints.key_max_length.map(|max| max.min(8)),
                    pattern: constraints.key_pattern.clone(),
                    ..Constraints::default()
                };
                let keys = if key_rules.is_empty() { any_text(0, 8) } else { self.string(None, &key_rules) };
                btree_map(keys, item, collection_size(constraints, depth))
                    .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                    .boxed()
            }
        }
    }

    fn primitive(&self, primitive: Primitive, constraints: &Constraints, depth: u32) -> BoxedStrategy<Value> {
        let text = |format| self.string(format, constraints).prop_map(Value::String).boxed();
        match primitive {
            Primitive::String => text(None),
            Primitive::Uri => text(Some(StringFormat::Uri)),
            Primitive::Email => text(Some(StringFormat::Email)),
            Primitive::Date => text(Some(StringFormat::Date)),
            Primitive::DateTime => text(Some(StringFormat::DateTime)),
            Primitive::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
            Primitive::Integer => integer(constraints, 64),
            Primitive::Int32 => integer(constraints, 32),
            Primitive::Decimal => decimal(constraints, self.float_safe_decimals),
            Primitive::UnixTime => prop_oneof![
                4 => 0i64..=4_102_444_800,
                1 => any::<i64>(),
            ]
            .prop_map(Value::from)
            .boxed(),
            Primitive::Json => json(depth, self.plain_json_numbers),
        }
    }

    /// Text in `format`, with the length and pattern of `constraints`.
    pub fn string(&self, format: Option<StringFormat>, constraints: &Constraints) -> BoxedStrategy<String> {
        let (min, max) = length_bounds(constraints);
        let base = match (&constraints.pattern, format) {
            (Some(pattern), _) => {
                let strategy = string_regex(pattern).unwrap_or_else(|e| panic!("pattern `{pattern}`: {e}")).boxed();
                let places = constraints.max_decimals;
                // A decimal's places past the point, which `max_decimals` bounds.
                let places_fit = move |s: &str| {
                    places.is_none_or(|places| s.split_once('.').is_none_or(|(_, f)| f.len() as u64 <= places))
                };
                match format {
                    // Both a pattern and a format: generate from the pattern, keep what the format allows.
                    Some(format) => {
                        strategy.prop_filter("the format", move |s| has_format(s, format) && places_fit(s)).boxed()
                    }
                    None => strategy,
                }
            }
            (None, Some(format)) => self.formatted(format, constraints, min, max),
            (None, None) => {
                let cap = max.unwrap_or(min + 24).min(min + 24);
                let mut options = vec![(4, any_text(min, cap))];
                if let Some(max) = max.filter(|&max| max > cap) {
                    options.push((1, any_text(max, max)));
                }
                Union::new_weighted(options).boxed()
            }
        };
        if constraints.min_length.is_none() && constraints.max_length.is_none() && constraints.length.is_none() {
            return base;
        }
        base.prop_filter("the length bounds", move |s| {
            let length = s.chars().count() as u64;
            length >= min && max.is_none_or(|max| length <= max)
        })
        .boxed()
    }

    fn formatted(
        &self,
        format: StringFormat,
        constraints: &Constraints,
        min: u64,
        max: Option<u64>,
    ) -> BoxedStrategy<String> {
        let digits = |min: u64, max: u64| vec_of(digit(), min as usize..=max as usize).prop_map(String::from_iter);
        match format {
            StringFormat::Date => date(),
            StringFormat::DateTime => date_time(self.canonical_date_times),
            StringFormat::LocalDateTime => (date(), 0u8..24, 0u8..60, 0u8..60, proptest::bool::ANY)
                .prop_map(|(date, h, m, s, spaced)| {
                    format!("{date}{}{h:02}:{m:02}:{s:02}", if spaced { ' ' } else { 'T' })
                })
                .boxed(),
            StringFormat::Uri => regex(r"[a-z][a-z0-9+.-]{0,7}:[A-Za-z0-9._~:/?#@!$&'()*+,;=%\[\]-]{1,40}"),
            StringFormat::Email => regex(r"[A-Za-z0-9._%+-]{1,16}@[a-z0-9-]{1,12}(\.[a-z0-9-]{1,8}){0,2}\.[a-z]{2,6}"),
            StringFormat::Digits => {
                let min = min.max(1);
                digits(min, max.unwrap_or(min + 20).max(min)).boxed()
            }
            StringFormat::PositiveInteger => {
                let min = min.max(1);
                let max = max.unwrap_or(min + 18).max(min);
                ((1u8..=9), digits(min - 1, max - 1)).prop_map(|(first, rest)| format!("{first}{rest}")).boxed()
            }
            StringFormat::Decimal => {
                let places = constraints.max_decimals.unwrap_or(10).min(18);
                let fraction = if places == 0 {
                    Just(String::new()).boxed()
                } else {
                    proptest::option::of(digits(1, places))
                        .prop_map(|f| f.map(|f| format!(".{f}")).unwrap_or_default())
                        .boxed()
                };
                (any::<bool>(), digits(1, 15), fraction)
                    .prop_map(|(negative, whole, fraction)| {
                        format!("{}{whole}{fraction}", if negative { "-" } else { "" })
                    })
                    .boxed()
            }
        }
    }
}

fn regex(pattern: &str) -> BoxedStrategy<String> {
    string_regex(pattern).unwrap_or_else(|e| panic!("pattern `{pattern}`: {e}")).boxed()
}

fn digit() -> impl Strategy<Value = char> {
    proptest::char::range('0', '9')
}

/// Any text (all of Unicode, control characters included) of `min..=max` characters.
fn any_text(min: u64, max: u64) -> BoxedStrategy<String> {
    let char = prop_oneof![
        3 => proptest::char::range(' ', '~'),
        1 => any::<char>(),
    ];
    vec_of(char, min as usize..=max as usize).prop_map(String::from_iter).boxed()
}

fn length_bounds(constraints: &Constraints) -> (u64, Option<u64>) {
    match constraints.length {
        Some(length) => (length, Some(length)),
        None => (constraints.min_length.unwrap_or(0), constraints.max_length),
    }
}

fn collection_size(constraints: &Constraints, depth: u32) -> SizeRange {
    let (min, max) = length_bounds(constraints);
    let max = if depth >= MAX_DEPTH { min } else { max.unwrap_or(min + 3).min(min + 3) };
    (min as usize..=max as usize).into()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    // Written without `is_multiple_of`, which is newer than the workspace's minimum Rust version.
    let leap = matches!((year % 400, year % 100, year % 4), (0, _, _) | (1.., 1.., 0));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A real calendar date `YYYY-MM-DD`, years 0000 to 9999.
fn date() -> BoxedStrategy<String> {
    (0u32..=9999, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{:02}", d.min(days_in_month(y, m))))
        .boxed()
}

/// An RFC 3339 date-time. Canonical ones are written as the runtime prints them; the others use every form RFC 3339
/// allows: `t` or `T`, `z`, `Z` or a numeric offset (`+00:00` and `-00:00` included), fractions with trailing zeros.
fn date_time(canonical: bool) -> BoxedStrategy<String> {
    let separator = if canonical { Just("T").boxed() } else { prop_oneof![4 => Just("T"), 1 => Just("t")].boxed() };
    let fraction = if canonical {
        // Without trailing zeros: any digits, then one that is not 0.
        proptest::option::of((vec_of(digit(), 0..=8), proptest::char::range('1', '9')))
            .prop_map(|f| f.map(|(d, last)| format!(".{}{last}", String::from_iter(d))).unwrap_or_default())
            .boxed()
    } else {
        proptest::option::of(vec_of(digit(), 1..=9))
            .prop_map(|f| f.map(|d| format!(".{}", String::from_iter(d))).unwrap_or_default())
            .boxed()
    };
    let numeric = (any::<bool>(), 0u32..=23, 0u32..=59)
        .prop_map(|(minus, h, m)| format!("{}{h:02}:{m:02}", if minus { '-' } else { '+' }));
    let offset = if canonical {
        prop_oneof![
            1 => Just("Z".to_owned()),
            2 => numeric.prop_filter("UTC is written Z", |o| !o.ends_with("00:00")),
        ]
        .boxed()
    } else {
        prop_oneof![
            2 => Just("Z".to_owned()),
            1 => Just("z".to_owned()),
            1 => Just("+00:00".to_owned()),
            1 => Just("-00:00".to_owned()),
            3 => numeric,
        ]
        .boxed()
    };
    (date(), separator, 0u32..=23, 0u32..=59, 0u32..=59, fraction, offset)
        .prop_map(|(date, t, h, m, s, fraction, offset)| format!("{date}{t}{h:02}:{m:02}:{s:02}{fraction}{offset}"))
        .boxed()
}

fn has_format(text: &str, format: StringFormat) -> bool {
    use payout_clients::runtime::validate::{check_format, Format};
    let format = match format {
        StringFormat::Date => Format::Date,
        StringFormat::DateTime => Format::DateTime,
        StringFormat::LocalDateTime => Format::LocalDateTime,
        StringFormat::Uri => Format::Uri,
        StringFormat::Email => Format::Email,
        StringFormat::Digits => Format::Digits,
        StringFormat::PositiveInteger => Format::PositiveInteger,
        StringFormat::Decimal => Format::Decimal,
    };
    check_format("format", text, format).is_ok()
}

/// An integer bound as an `i64`, rounded into the range (`ceil` for a minimum, `floor` for a maximum).
fn integer_bound(bound: Option<Decimal>, ceil: bool) -> Option<i64> {
    let bound = bound?;
    let rounded = if ceil { bound.ceil() } else { bound.floor() };
    rounded.to_string().parse().ok()
}

fn integer(constraints: &Constraints, width: u8) -> BoxedStrategy<Value> {
    let (low, high) = if width == 32 { (i64::from(i32::MIN), i64::from(i32::MAX)) } else { (i64::MIN, i64::MAX) };
    let min = integer_bound(constraints.min, true).unwrap_or(low).max(low);
    let max = integer_bound(constraints.max, false).unwrap_or(high).min(high);
    assert!(min <= max, "empty integer range {min}..={max}");
    let small = (-1000i64..=1000).prop_map(move |v| v.clamp(min, max));
    prop_oneof![
        1 => Just(min),
        1 => Just(max),
        3 => small,
        3 => min..=max,
    ]
    .prop_map(Value::from)
    .boxed()
}

fn pow10(exponent: u32) -> i128 {
    10i128.pow(exponent)
}

/// The mantissa range at `scale` of a decimal bound, clamped to 10^15 on either side.
fn mantissa_range(constraints: &Constraints, scale: u32) -> (i128, i128) {
    let limit = Decimal::from(1_000_000_000_000_000i64);
    let factor = Decimal::from_i128_with_scale(pow10(scale), 0);
    let bound = |value: Option<Decimal>, default: Decimal, ceil: bool| {
        let value = value.unwrap_or(default).clamp(-limit, limit) * factor;
        let rounded = if ceil { value.ceil() } else { value.floor() };
        rounded.to_string().parse::<i128>().expect("an integer")
    };
    (bound(constraints.min, -limit, true), bound(constraints.max, limit, false))
}

/// A JSON number, written with the digits of an exact decimal (trailing zeros included) within the bounds and
/// decimal places of `constraints`; with `float_safe`, of at most 15 significant digits.
fn decimal(constraints: &Constraints, float_safe: bool) -> BoxedStrategy<Value> {
    let places = constraints.max_decimals.map(|p| p as u32).unwrap_or(10).min(12);
    let bounded = constraints.clone();
    let digits = if float_safe { pow10(15) - 1 } else { i128::MAX };
    let scaled = (0..=places)
        .prop_flat_map(move |scale| {
            let (low, high) = mantissa_range(&bounded, scale);
            (low.max(-digits)..=high.min(digits)).prop_map(move |m| Decimal::from_i128_with_scale(m, scale))
        })
        .boxed();
    let mut options = vec![(6, scaled)];
    for bound in [constraints.min, constraints.max].into_iter().flatten() {
        options.push((1, Just(bound).boxed()));
    }
    if !float_safe && constraints.min.is_none() && constraints.max.is_none() && constraints.max_decimals.is_none() {
        // Up to 28 significant digits anywhere around the point: all that an exact decimal holds.
        let wide = (any::<bool>(), 1u32..=28, 0u32..=28, any::<u128>()).prop_map(|(negative, digits, scale, raw)| {
            let magnitude = (raw % pow10(digits) as u128) as i128;
            Decimal::from_i128_with_scale(if negative { -magnitude } else { magnitude }, scale.min(28))
        });
        options.push((2, wide.boxed()));
    }
    Union::new_weighted(options).prop_map(|d| number(&d.to_string())).boxed()
}

/// A JSON number written exactly as `text`.
pub fn number(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("`{text}` is not a JSON number: {e}"))
}

fn id(prefix: &str, external: bool, max_length: Option<u64>) -> BoxedStrategy<Value> {
    let owned = prefix.to_owned();
    let uid = any_text(0, 12).prop_map(move |tail| format!("{owned}{tail}")).boxed();
    let mut options = vec![(1, uid)];
    if external {
        let owned = prefix.to_owned();
        let chosen =
            any_text(1, 16).prop_filter("external IDs do not start with the prefix", move |s| !s.starts_with(&owned));
        options.push((1, chosen.boxed()));
    }
    Union::new_weighted(options)
        .prop_filter("the maximum length", move |s| max_length.is_none_or(|max| s.chars().count() as u64 <= max))
        .prop_map(Value::String)
        .boxed()
}

/// Any JSON value. Numbers come in every spelling (exponents, `-0`, trailing zeros, integers beyond 64 bits, more
/// digits than a float holds) unless `plain_numbers` asks for `i64` integers and short plain decimals only.
pub fn json(depth: u32, plain_numbers: bool) -> BoxedStrategy<Value> {
    let plain = prop_oneof![
        any::<i64>().prop_map(|i| i.to_string()),
        regex(r"-?(0|[1-9][0-9]{0,6})\.[0-9]{1,6}"),
        Just("0.10".to_owned()),
    ];
    let number_text = if plain_numbers {
        plain.boxed()
    } else {
        prop_oneof![
            3 => plain,
            1 => any::<u64>().prop_map(|i| i.to_string()),
            1 => regex(r"-?[1-9][0-9]{19,40}(\.[0-9]{1,30})?"),
            1 => regex(r"-?[1-9](\.[0-9]{1,4})?[eE][+-]?[0-9]{1,3}"),
            1 => Just("-0".to_owned()),
        ]
        .boxed()
    };
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text.prop_map(|t| number(&t)),
        any_text(0, 12).prop_map(Value::String),
    ];
    if depth >= MAX_DEPTH {
        return leaf.boxed();
    }
    leaf.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            vec_of(inner.clone(), 0..=3).prop_map(Value::Array),
            btree_map(any_text(0, 6), inner, 0..=3).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Whether `value` keeps the constraints a field writes on a named type (length, bounds, pattern).
fn satisfies(value: &Value, constraints: &Constraints) -> bool {
    let (min, max) = length_bounds(constraints);
    let length_ok = |length: u64| length >= min && max.is_none_or(|max| length <= max);
    match value {
        Value::String(text) => {
            let pattern_ok = constraints
                .pattern
                .as_ref()
                .is_none_or(|p| codegen_rules::pattern::anchored(p).is_some_and(|regex| regex.is_match(text)));
            length_ok(text.chars().count() as u64) && pattern_ok
        }
        Value::Array(items) => length_ok(items.len() as u64),
        Value::Number(n) => match Decimal::from_str_exact(&n.to_string()) {
            Ok(d) => constraints.min.is_none_or(|min| d >= min) && constraints.max.is_none_or(|max| d <= max),
            Err(_) => false,
        },
        _ => true,
    }
}

/// Cuts the amount of an object with a `currency_decimals` rule to the places its currency takes (dropping digits
/// never leaves the amount's own bounds on the side it was drawn from by more than the cut), so that the value is one
/// the generated type writes.
fn fit_currency_decimals(rule: &CurrencyDecimals, object: &mut Map<String, Value>) {
    let Some(currency) = object.get(&rule.currency.1).and_then(Value::as_str) else { return };
    let listed = rule.places.iter().find(|(code, _)| code == currency).map(|(_, places)| *places);
    let Some(allowed) = listed.or(rule.default) else { return };
    let cut = |text: &str| -> String {
        match text.split_once('.') {
            Some((whole, fraction)) if fraction.len() > allowed as usize => {
                if allowed == 0 {
                    whole.to_owned()
                } else {
                    format!("{whole}.{}", &fraction[..allowed as usize])
                }
            }
            _ => text.to_owned(),
        }
    };
    let fitted = match object.get(&rule.amount.1) {
        Some(Value::String(text)) => Value::String(cut(text)),
        Some(Value::Number(number)) => match serde_json::from_str(&cut(&number.to_string())) {
            Ok(value) => value,
            Err(_) => return,
        },
        _ => return,
    };
    object.insert(rule.amount.1.clone(), fitted);
}
