//! Random values that a spec says are valid, for requests: every constraint honoured, read-only fields left out,
//! text that travels in a URL or a header kept to what those places can carry.

use crate::spec::Constraints;
use crate::spec::{Encoding, Endpoint, Format, Kind, Loc, Prim, Spec, Ty, PATTERNS};
use serde_json::{Map, Value};

/// Where a value travels, which limits the text it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A JSON body: any text.
    Body,
    /// A query item; with `comma`, one item of a comma-joined list (no `,`).
    Query { comma: bool },
    /// A path segment: not empty, `.` or `..`.
    Path,
    /// A header value: visible ASCII and inner spaces.
    Header,
}

/// Values are built at most this deep; a recursive type that needs more (a required array with a minimum length
/// that contains itself) gets no value and its endpoint is not exercised.
const MAX_DEPTH: usize = 10;

const FREE_TEXT: &[&str] = &[
    "abc",
    "a b",
    "x&y=z",
    "ünïcødé",
    "50%",
    "a/b",
    "?#[]",
    "plus+sign",
    "",
    "日本",
    "quote\"s",
    "back\\slash",
    "{braces}",
    "semi;colon",
    "comma,here",
    "tab\tx",
    "new\nline",
    "~tilde",
    "  padded  ",
    "é",
];

pub struct Values<'s> {
    spec: &'s Spec,
    rng: fastrand::Rng,
    /// Building what a server sends: read-only fields are included.
    responding: bool,
}

/// A success response the server could send for an endpoint.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

/// One request: the arguments given (wire name to value) and the alternative chosen in each group.
#[derive(Clone, Debug)]
pub struct Request {
    pub arguments: Map<String, Value>,
    pub alternatives: Vec<usize>,
}

impl<'s> Values<'s> {
    pub fn new(spec: &'s Spec, seed: u64) -> Self {
        Values { spec, rng: fastrand::Rng::with_seed(seed), responding: false }
    }

    /// True about once in `n` draws.
    pub fn one_in(&mut self, n: u32) -> bool {
        self.rng.u32(..n) == 0
    }

    /// A valid value for a field or an argument where it travels, never `null`.
    pub fn for_field(&mut self, field: &crate::spec::Field) -> Option<Value> {
        let place = match field.location {
            Loc::Body => Place::Body,
            Loc::Path => Place::Path,
            Loc::Header => Place::Header,
            Loc::Query => Place::Query { comma: field.encoding == Some(Encoding::Comma) },
        };
        if field.encoding.is_some_and(|e| matches!(e, Encoding::Sort | Encoding::Filter)) {
            return self.argument(&crate::spec::Field { nullable: false, ..field.clone() });
        }
        self.value(&field.ty, &field.constraints, place, 1)
    }

    /// A valid success response of `endpoint`: its status, every required header and some optional ones, a body.
    pub fn answer(&mut self, endpoint: &Endpoint) -> Option<Answer> {
        self.responding = true;
        let answer = self.answer_inner(endpoint);
        self.responding = false;
        answer
    }

    fn answer_inner(&mut self, endpoint: &Endpoint) -> Option<Answer> {
        let mut headers = Vec::new();
        for header in &endpoint.response.headers {
            if header.required || self.rng.bool() {
                let value = self.value(&header.ty, &header.constraints, Place::Header, 1)?;
                headers.push((header.wire.clone(), crate::wire::text(&value)));
            }
        }
        let body = self.value(&endpoint.response.ty, &Constraints::default(), Place::Body, 0)?;
        Some(Answer { status: endpoint.response.status, headers, body })
    }

    /// A valid request for `endpoint`, or `None` when some required value cannot be built.
    pub fn request(&mut self, endpoint: &Endpoint) -> Option<Request> {
        let grouped: Vec<&str> = endpoint
            .groups
            .iter()
            .flat_map(|g| &g.alternatives)
            .flat_map(|a| a.arguments.iter().chain(&a.optional).chain(a.sets.iter().map(|(k, _)| k)))
            .map(String::as_str)
            .collect();
        let mut arguments = Map::new();
        for argument in &endpoint.arguments {
            if grouped.contains(&argument.wire.as_str()) {
                continue;
            }
            if argument.required || self.rng.bool() {
                arguments.insert(argument.wire.clone(), self.argument(argument)?);
            }
        }
        let mut alternatives = Vec::new();
        for group in &endpoint.groups {
            let chosen = self.rng.usize(..group.alternatives.len());
            alternatives.push(chosen);
            let alternative = &group.alternatives[chosen];
            for name in &alternative.arguments {
                let argument = endpoint.argument(name)?;
                arguments.insert(name.clone(), self.argument(argument)?);
            }
            for name in &alternative.optional {
                if self.rng.bool() {
                    let argument = endpoint.argument(name)?;
                    arguments.insert(name.clone(), self.argument(argument)?);
                }
            }
        }
        Some(Request { arguments, alternatives })
    }

    fn argument(&mut self, argument: &crate::spec::Field) -> Option<Value> {
        match argument.encoding {
            Some(Encoding::Sort) => {
                let fields = ["createdTime", "-amount", "id", "-status"];
                let count = self.rng.usize(1..=3);
                let items: Vec<Value> =
                    (0..count).map(|_| Value::from(fields[self.rng.usize(..fields.len())])).collect();
                return Some(Value::Array(items));
            }
            Some(Encoding::Filter) => {
                let filters = [
                    "status:pending,instrument-selected;currency:USD",
                    "id:a1",
                    "amount:10..20;createdTime:..2024-01-01T00:00:00Z",
                    "status:!failed,!void",
                    "name:ü;amount:..1.5",
                ];
                return Some(Value::from(filters[self.rng.usize(..filters.len())]));
            }
            _ => {}
        }
        if argument.nullable && self.rng.u8(..5) == 0 {
            return Some(Value::Null);
        }
        let place = match argument.location {
            Loc::Body => Place::Body,
            Loc::Path => Place::Path,
            Loc::Header => Place::Header,
            Loc::Query => Place::Query { comma: argument.encoding == Some(Encoding::Comma) },
        };
        self.value(&argument.ty, &argument.constraints, place, 0)
    }

    pub fn value(&mut self, ty: &Ty, c: &Constraints, place: Place, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match ty {
            Ty::Prim(p) => self.primitive(*p, c, place),
            Ty::Array(item) => {
                let (low, high) = match (c.length, c.min_length, c.max_length) {
                    (Some(n), _, _) => (n, n),
                    (None, min, max) => {
                        let low = min.unwrap_or(0);
                        (low, max.unwrap_or(low + 3).max(low))
                    }
                };
                let high = if depth > 3 { low } else { high };
                let count = self.rng.u64(low..=high);
                let mut items = Vec::new();
                for _ in 0..count {
                    items.push(self.value(item, &Constraints::default(), place, depth + 1)?);
                }
                Value::Array(items)
            }
            Ty::Map(item) => {
                // As many entries as the field allows (the lengths of a map count its entries), keys of at most three
                // characters so that every `key_max_length` the strategies write admits them.
                let (low, high) = match (c.length, c.min_length, c.max_length) {
                    (Some(n), _, _) => (n, n),
                    (None, min, max) => {
                        let low = min.unwrap_or(0);
                        (low, max.unwrap_or(low + 2).max(low))
                    }
                };
                let high = if depth > 3 { low } else { high };
                let count = self.rng.u64(low..=high);
                let mut map = Map::new();
                for index in 0..count {
                    let key = match index {
                        0 => "a".to_owned(),
                        1 => "b c".to_owned(),
                        2 => "ü".to_owned(),
                        n => format!("k{n}"),
                    };
                    map.insert(key, self.value(item, &Constraints::default(), place, depth + 1)?);
                }
                Value::Object(map)
            }
            Ty::Named(index) => self.named(*index, place, depth)?,
            // The ID, or (not too deep, since an object may expand to itself) the object.
            Ty::Expandable(index) if depth > 2 || self.rng.bool() => Value::from(format!("id_{}", self.rng.u32(..))),
            Ty::Expandable(index) => self.named(*index, place, depth)?,
        })
    }

    fn named(&mut self, index: usize, place: Place, depth: usize) -> Option<Value> {
        let def = &self.spec.types[index];
        Some(match &def.kind {
            Kind::Object { fields, .. } => {
                let mut map = Map::new();
                for field in fields {
                    if (field.read_only && !self.responding) || (!field.required && (depth > 2 || self.rng.bool())) {
                        continue;
                    }
                    let value = if field.nullable && self.rng.u8(..4) == 0 {
                        Value::Null
                    } else {
                        self.value(&field.ty, &field.constraints, Place::Body, depth + 1)?
                    };
                    map.insert(field.wire.clone(), value);
                }
                if let Some(rule) = &def.currency_decimals {
                    fit_places(rule, &mut map);
                }
                Value::Object(map)
            }
            // The tag first, as the client writes it, then the variant's object.
            Kind::Union { tag, variants } => {
                let (wire, object) = &variants[self.rng.usize(..variants.len())];
                let mut map = Map::new();
                map.insert(tag.clone(), Value::from(wire.clone()));
                if let Value::Object(fields) = self.named(*object, place, depth + 1)? {
                    map.extend(fields);
                }
                Value::Object(map)
            }
            Kind::Enum { values, .. } => Value::from(values[self.rng.usize(..values.len())].clone()),
            Kind::Str { constraints, format } => match format {
                Some(Format::Uri) if place == Place::Header => Value::from("https://example.com/a?b=c"),
                Some(format) => Value::from(self.formatted(*format)),
                None => Value::from(self.text(constraints, place)),
            },
            Kind::Integer { min, max, width32 } => self.integer(*min, *max, *width32),
            Kind::Decimal { min, max, max_decimals } => self.decimal(*min, *max, *max_decimals),
            Kind::Id { prefix, external, max_length } => {
                let limit = max_length.map_or(12, |m| usize::try_from(m).unwrap_or(12).saturating_sub(prefix.len()));
                let length = self.rng.usize(1..=limit.clamp(1, 12));
                let suffix: String = (0..length).map(|_| self.rng.alphanumeric()).collect();
                if *external && self.rng.bool() {
                    // An external ID is anything that does not look like an internal one.
                    Value::from(format!("ext-{}", &suffix[..suffix.len().min(limit.saturating_sub(4).max(1))]))
                } else {
                    Value::from(format!("{prefix}{suffix}"))
                }
            }
        })
    }

    fn primitive(&mut self, p: Prim, c: &Constraints, place: Place) -> Value {
        match p {
            Prim::String => Value::from(self.text(c, place)),
            Prim::Boolean => Value::from(self.rng.bool()),
            Prim::Integer => self.integer(c.min, c.max, false),
            Prim::Int32 => self.integer(c.min, c.max, true),
            Prim::Decimal => self.decimal(c.min, c.max, c.max_decimals),
            Prim::Date => Value::from(self.formatted(Format::Date)),
            Prim::DateTime => Value::from(self.formatted(Format::DateTime)),
            Prim::UnixTime => Value::from(self.rng.i64(0..4_000_000_000)),
            // An internationalised URI cannot travel in a header as it is.
            Prim::Uri if place == Place::Header => Value::from("https://example.com/a?b=c"),
            Prim::Uri => Value::from(self.formatted(Format::Uri)),
            Prim::Email => Value::from(self.formatted(Format::Email)),
            Prim::Json => self.json(),
        }
    }

    fn integer(&mut self, min: Option<i64>, max: Option<i64>, width32: bool) -> Value {
        let (floor, ceiling) = if width32 { (i64::from(i32::MIN), i64::from(i32::MAX)) } else { (i64::MIN, i64::MAX) };
        let low = min.unwrap_or(floor);
        let high = max.unwrap_or(ceiling);
        // Mostly small numbers, sometimes the bounds themselves, sometimes beyond what an f64 holds exactly.
        let n = match self.rng.u8(..6) {
            0 => low,
            1 => high,
            2 if !width32 && min.is_none() && max.is_none() => 9_007_199_254_740_993,
            _ => self.rng.i64(low.max(-1000)..=high.min(1000).max(low.max(-1000))),
        };
        Value::from(n.clamp(low, high))
    }

    fn decimal(&mut self, min: Option<i64>, max: Option<i64>, max_decimals: Option<u64>) -> Value {
        let places =
            max_decimals.map_or(self.rng.u32(0..5), |m| self.rng.u32(0..=u32::try_from(m).unwrap_or(4).min(4)));
        let scale = 10i128.pow(places);
        let low = i128::from(min.unwrap_or(-1000)) * scale;
        let high = i128::from(max.unwrap_or(1000)) * scale;
        let units =
            if high <= low { low } else { low + i128::from(self.rng.u64(..u64::try_from(high - low).unwrap_or(1))) };
        Value::Number(decimal_text(units, places).parse().expect("a decimal is a JSON number"))
    }

    fn text(&mut self, c: &Constraints, place: Place) -> String {
        if let Some(pattern) = c.pattern {
            return self.matching(pattern);
        }
        let bounded = c.length.is_some() || c.min_length.is_some() || c.max_length.is_some();
        if !bounded {
            let candidates: Vec<&str> = FREE_TEXT.iter().copied().filter(|t| fits(t, place)).collect();
            return candidates[self.rng.usize(..candidates.len())].to_owned();
        }
        let (low, high) = match (c.length, c.min_length, c.max_length) {
            (Some(n), _, _) => (n, n),
            (None, min, max) => {
                let low = min.unwrap_or(0);
                (low, max.unwrap_or(low + 8).max(low))
            }
        };
        let low = if place == Place::Path { low.max(1) } else { low };
        let count = self.rng.u64(low..=high.max(low));
        // Characters of several UTF-8 widths: lengths are counted in characters, not bytes.
        let alphabet: &[char] =
            if place == Place::Header { &['a', 'Z', '9', '-'] } else { &['a', 'é', 'ß', 'z', '1', '€'] };
        let text: String = (0..count).map(|_| alphabet[self.rng.usize(..alphabet.len())]).collect();
        if place == Place::Path && (text == "." || text == "..") {
            return "a".repeat(text.len());
        }
        text
    }

    fn matching(&mut self, pattern: usize) -> String {
        let digits = |rng: &mut fastrand::Rng, n: usize| (0..n).map(|_| rng.digit(10)).collect::<String>();
        match PATTERNS[pattern] {
            "[A-Z]{3}" => (0..3).map(|_| self.rng.uppercase()).collect(),
            "[0-9]{4,8}" => {
                let n = self.rng.usize(4..=8);
                digits(&mut self.rng, n)
            }
            "[a-z][a-z0-9_]{0,11}" => {
                let n = self.rng.usize(0..=11);
                let tail: String = (0..n).map(|_| ['a', 'q', '0', '_'][self.rng.usize(..4)]).collect();
                format!("{}{tail}", self.rng.lowercase())
            }
            "(GB|DE)[0-9]{2}" => format!("{}{}", ["GB", "DE"][self.rng.usize(..2)], digits(&mut self.rng, 2)),
            "\\+?[0-9]{6,12}" => {
                let n = self.rng.usize(6..=12);
                format!("{}{}", if self.rng.bool() { "+" } else { "" }, digits(&mut self.rng, n))
            }
            other => panic!("no value generator for pattern {other}"),
        }
    }

    fn formatted(&mut self, format: Format) -> String {
        match format {
            Format::Date => {
                format!("{:04}-{:02}-{:02}", self.rng.u32(1970..2100), self.rng.u32(1..=12), self.rng.u32(1..=28))
            }
            Format::DateTime => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                self.rng.u32(1970..2100),
                self.rng.u32(1..=12),
                self.rng.u32(1..=28),
                self.rng.u32(0..24),
                self.rng.u32(0..60),
                self.rng.u32(0..60)
            ),
            // Both separators the format allows, sometimes with a fraction.
            Format::LocalDateTime => format!(
                "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}{}",
                self.rng.u32(1970..2100),
                self.rng.u32(1..=12),
                self.rng.u32(1..=28),
                [' ', 'T'][self.rng.usize(..2)],
                self.rng.u32(0..24),
                self.rng.u32(0..60),
                self.rng.u32(0..60),
                ["", ".5", ".123456789"][self.rng.usize(..3)],
            ),
            Format::Uri => ["https://example.com/a?b=c", "urn:isbn:0451450523", "https://ü.example/ä"]
                [self.rng.usize(..3)]
            .to_owned(),
            Format::Email => ["a@example.com", "first.last+tag@example.co.uk"][self.rng.usize(..2)].to_owned(),
            Format::Digits => {
                let n = self.rng.usize(1..12);
                (0..n).map(|_| self.rng.digit(10)).collect()
            }
            Format::PositiveInteger => self.rng.u64(1..1_000_000_000_000).to_string(),
            Format::Decimal => {
                let places = self.rng.u32(0..4);
                decimal_text(i128::from(self.rng.i64(-100_000..100_000)), places)
            }
        }
    }

    fn json(&mut self) -> Value {
        match self.rng.u8(..5) {
            0 => Value::Null,
            1 => serde_json::json!({"nested": [1, "two", null, true], "n": 0.1}),
            2 => Value::from("text"),
            3 => serde_json::json!([{"a": {}}, []]),
            _ => Value::Number("12345678901234567890.123456789".parse().expect("a JSON number")),
        }
    }
}

/// Whether free text may travel in `place`.
fn fits(text: &str, place: Place) -> bool {
    match place {
        Place::Body => true,
        Place::Query { comma } => !(comma && text.contains(',')),
        Place::Path => !matches!(text, "" | "." | ".."),
        Place::Header => {
            text.bytes().all(|b| (0x21..0x7f).contains(&b) || b == b' ') && text.trim() == text && !text.is_empty()
        }
    }
}

/// `units / 10^places` written out, without trailing zeros after the point.
fn decimal_text(units: i128, places: u32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let digits = format!("{:0width$}", units.unsigned_abs(), width = places as usize + 1);
    let (whole, fraction) = digits.split_at(digits.len() - places as usize);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// Cuts the amount of an object with a `currency_decimals` rule to the places its currency takes, as a caller who
/// knows the rule writes it.
fn fit_places(rule: &crate::spec::CurrencyRule, map: &mut Map<String, Value>) {
    let Some(allowed) = map.get(&rule.currency).and_then(Value::as_str).and_then(|code| rule.places_of(code)) else {
        return;
    };
    let cut = |text: &str| match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() as u64 > allowed => {
            let kept = &fraction[..allowed as usize];
            if kept.is_empty() {
                whole.to_owned()
            } else {
                format!("{whole}.{kept}")
            }
        }
        _ => text.to_owned(),
    };
    let fitted = match map.get(&rule.amount) {
        Some(Value::String(text)) => Value::String(cut(text)),
        Some(Value::Number(number)) => match cut(&number.to_string()).parse() {
            Ok(number) => Value::Number(number),
            Err(_) => return,
        },
        _ => return,
    };
    map.insert(rule.amount.clone(), fitted);
}
