//! The spec side of the round-trip tests: the IR of every API, the generated type each registry name stands for, and
//! round trips of a JSON value by its spec type.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use codegen::ir::{Api, Field, Primitive, TypeDef, TypeDefKind, TypeExpr};
use payout_clients::runtime;
use runtime::serde::de::DeserializeOwned;
use runtime::serde::Serialize;
use serde_json::Value;

/// `roundtrip_json` of one generated module.
pub type RoundTrip = fn(&str, Value) -> Option<Result<Value, String>>;

/// The hidden registry of one generated API module.
pub struct Module {
    pub name: &'static str,
    pub type_names: &'static [&'static str],
    pub roundtrip: RoundTrip,
}

pub const MODULES: [Module; 6] = [
    Module {
        name: "reservepay",
        type_names: payout_clients::reservepay::TYPE_NAMES,
        roundtrip: payout_clients::reservepay::roundtrip_json,
    },
    Module {
        name: "tokenio",
        type_names: payout_clients::tokenio::TYPE_NAMES,
        roundtrip: payout_clients::tokenio::roundtrip_json,
    },
    Module {
        name: "rebilly",
        type_names: payout_clients::rebilly::TYPE_NAMES,
        roundtrip: payout_clients::rebilly::roundtrip_json,
    },
    Module {
        name: "stripe",
        type_names: payout_clients::stripe::TYPE_NAMES,
        roundtrip: payout_clients::stripe::roundtrip_json,
    },
    Module {
        name: "paypal",
        type_names: payout_clients::paypal::TYPE_NAMES,
        roundtrip: payout_clients::paypal::roundtrip_json,
    },
    Module {
        name: "wise",
        type_names: payout_clients::wise::TYPE_NAMES,
        roundtrip: payout_clients::wise::roundtrip_json,
    },
];

/// Every API in `spec/`, read once per test binary. The specs must have no problems.
pub fn apis() -> &'static [Api] {
    static APIS: OnceLock<Vec<Api>> = OnceLock::new();
    APIS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let workspace = codegen::Workspace::load(&[dir]).expect("spec/ can be read");
        assert!(
            workspace.diagnostics.is_empty(),
            "the specs have problems:\n{}",
            codegen::render_plain(&workspace.sources, &workspace.diagnostics)
        );
        workspace.apis
    })
}

/// One context per API, paired with its generated module. Every API must have a module and every module an API.
pub fn contexts() -> Vec<Ctx<'static>> {
    let apis = apis();
    let mut names: Vec<&str> = apis.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    let mut modules: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
    modules.sort_unstable();
    assert_eq!(names, modules, "every API in spec/ must have a generated module with a registry, and the reverse");
    apis.iter()
        .map(|api| {
            let module = MODULES.iter().find(|m| m.name == api.name).expect("checked above");
            Ctx::new(api, module)
        })
        .collect()
}

/// What a generated type with a JSON form stands for in the spec.
#[derive(Clone, Copy)]
pub enum Shape<'a> {
    /// A type declared under `types`.
    Def(&'a TypeDef),
    /// The newtype made for a field whose constraints are written on the field itself.
    Inline(&'a Field),
}

/// One API, its generated module, and which generated type every spec type and inline-constrained field became.
pub struct Ctx<'a> {
    pub api: &'a Api,
    pub module: &'a Module,
    /// Generated type name to spec shape, in spec order (types first, then inline newtypes).
    pub shapes: Vec<(String, Shape<'a>)>,
    /// (owner, wire name) of an inline-constrained field to its newtype's name.
    inline: BTreeMap<(String, String), String>,
}

impl<'a> Ctx<'a> {
    pub fn new(api: &'a Api, module: &'a Module) -> Ctx<'a> {
        let mut ctx = Ctx { api, module, shapes: Vec::new(), inline: BTreeMap::new() };
        for ty in &api.types {
            ctx.shapes.push((ty.name.clone(), Shape::Def(ty)));
        }
        // The generator gives a newtype, named `<Owner><Field>`, to every scalar, list or map field with constraints of
        // its own:
        // owners are object types, and endpoints (in UpperCamelCase) for arguments and response headers.
        for ty in &api.types {
            if let TypeDefKind::Object { fields, .. } = &ty.kind {
                for field in fields {
                    ctx.add_inline(&ty.name, field);
                }
            }
        }
        for endpoint in &api.endpoints {
            let owner = codegen::naming::camel(&endpoint.name);
            for field in endpoint.arguments.iter().chain(&endpoint.response.headers) {
                ctx.add_inline(&owner, field);
            }
        }
        ctx
    }

    fn add_inline(&mut self, owner: &str, field: &'a Field) {
        // Text, numbers, and lists and maps with rules on their length or keys.
        let own_rules = matches!(
            field.ty,
            TypeExpr::Primitive(
                Primitive::String
                    | Primitive::Uri
                    | Primitive::Email
                    | Primitive::Integer
                    | Primitive::Int32
                    | Primitive::Decimal
            ) | TypeExpr::Array(_)
                | TypeExpr::Map(_)
        );
        if field.constraints.is_empty() || !own_rules {
            return;
        }
        let name = format!("{owner}{}", codegen::naming::camel(&field.rust_name));
        self.inline.insert((owner.to_owned(), field.wire_name.clone()), name.clone());
        self.shapes.push((name, Shape::Inline(field)));
    }

    pub fn name(&self) -> &str {
        &self.api.name
    }

    pub fn shape(&self, name: &str) -> Option<Shape<'a>> {
        self.shapes.iter().find(|(n, _)| n == name).map(|(_, s)| *s)
    }

    pub fn type_def(&self, name: &str) -> &'a TypeDef {
        self.api.type_def(name).unwrap_or_else(|| panic!("{}: no type `{name}` in the spec", self.api.name))
    }

    /// The newtype the generator made for `field` of `owner`, if its constraints gave it one.
    pub fn inline_name(&self, owner: &str, field: &Field) -> Option<&str> {
        self.inline.get(&(owner.to_owned(), field.wire_name.clone())).map(String::as_str)
    }

    /// Decodes `value` as the generated type `name` and encodes it again.
    pub fn roundtrip(&self, name: &str, value: Value) -> Result<Value, String> {
        match (self.module.roundtrip)(name, value) {
            Some(result) => result,
            None => Err(format!("`{name}` is not in the registry of `{}`", self.module.name)),
        }
    }

    /// Round trips of a value of `field` (of `owner`): through its inline newtype when it has one, else by its type.
    pub fn field_checks(&self, owner: &str, field: &Field, value: &Value, what: &str) -> Vec<Check> {
        if value.is_null() && field.nullable {
            return Vec::new();
        }
        match self.inline_name(owner, field) {
            Some(name) => vec![self.named_check(name, value, what)],
            None => self.expr_checks(&field.ty, value, what),
        }
    }

    pub fn named_check(&self, name: &str, value: &Value, what: &str) -> Check {
        Check {
            what: what.to_owned(),
            ty: name.to_owned(),
            input: value.clone(),
            output: self.roundtrip(name, value.clone()),
        }
    }

    /// Round trips of a value of type `ty`: named types through the registry, arrays and maps item by item, built-in
    /// types through the Rust type the generator uses for them.
    pub fn expr_checks(&self, ty: &TypeExpr, value: &Value, what: &str) -> Vec<Check> {
        match ty {
            TypeExpr::Named(name) => vec![self.named_check(name, value, what)],
            // An expanded object round-trips as its type; an ID is a string.
            TypeExpr::Expandable(name) if value.is_object() => vec![self.named_check(name, value, what)],
            TypeExpr::Expandable(_) => self.expr_checks(&TypeExpr::Primitive(Primitive::String), value, what),
            TypeExpr::Array(inner) => match value {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .flat_map(|(i, item)| self.expr_checks(inner, item, &format!("{what}[{i}]")))
                    .collect(),
                _ => vec![Check::mismatch(what, ty, value, "an array")],
            },
            TypeExpr::Map(inner) => match value {
                Value::Object(entries) => entries
                    .iter()
                    .flat_map(|(key, item)| self.expr_checks(inner, item, &format!("{what}.{key}")))
                    .collect(),
                _ => vec![Check::mismatch(what, ty, value, "an object")],
            },
            TypeExpr::Primitive(p) => vec![Check {
                what: what.to_owned(),
                ty: ty.to_string(),
                input: value.clone(),
                output: primitive_roundtrip(*p, value.clone()),
            }],
        }
    }
}

/// Decodes `value` as the Rust type the generator uses for a built-in spec type (`emit::rust_type`), and encodes it
/// again. The value travels as JSON text, as it does on the wire: the exact types read a number's digits.
pub fn primitive_roundtrip(primitive: Primitive, value: Value) -> Result<Value, String> {
    fn again<T: Serialize + DeserializeOwned>(value: Value) -> Result<Value, String> {
        let text = serde_json::to_string(&value).map_err(|e| e.to_string())?;
        let typed: T = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        serde_json::to_value(&typed).map_err(|e| e.to_string())
    }
    match primitive {
        Primitive::String => again::<String>(value),
        Primitive::Uri => again::<runtime::Uri>(value),
        Primitive::Email => again::<runtime::Email>(value),
        Primitive::Boolean => again::<bool>(value),
        Primitive::Integer => again::<i64>(value),
        Primitive::Int32 => again::<i32>(value),
        Primitive::Decimal => again::<runtime::ExactDecimal>(value),
        Primitive::Date => again::<runtime::Date>(value),
        Primitive::DateTime => again::<runtime::DateTime>(value),
        Primitive::UnixTime => again::<runtime::UnixTime>(value),
        Primitive::Json => again::<runtime::Json>(value),
    }
}

/// One decode-and-encode of one value, and what came out.
pub struct Check {
    pub what: String,
    pub ty: String,
    pub input: Value,
    pub output: Result<Value, String>,
}

impl Check {
    fn mismatch(what: &str, ty: &TypeExpr, value: &Value, expected: &str) -> Check {
        Check {
            what: what.to_owned(),
            ty: ty.to_string(),
            input: value.clone(),
            output: Err(format!("the sample is not {expected}")),
        }
    }

    pub fn passed(&self) -> bool {
        matches!(&self.output, Ok(output) if *output == self.input)
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} (type `{}`)", self.what, self.ty)?;
        writeln!(f, "      input:  {}", self.input)?;
        match &self.output {
            Ok(output) => write!(f, "      output: {output}"),
            Err(error) => write!(f, "      error:  {error}"),
        }
    }
}

/// Whether decoding and encoding `value` as `name` gives it back unchanged; the difference otherwise.
pub fn same_after_roundtrip(ctx: &Ctx<'_>, name: &str, value: &Value) -> Result<(), String> {
    match ctx.roundtrip(name, value.clone()) {
        Ok(output) if output == *value => Ok(()),
        Ok(output) => Err(format!("encoded back as {output}")),
        Err(error) => Err(format!("rejected: {error}")),
    }
}

/// Collects failures and fails the test once, at the end, with all of them.
#[derive(Default)]
pub struct Failures(Vec<String>);

impl Failures {
    pub fn push(&mut self, failure: String) {
        self.0.push(failure);
    }

    pub fn finish(self, what: &str) {
        if !self.0.is_empty() {
            let list: Vec<String> = self.0.iter().enumerate().map(|(i, f)| format!("{:>3}. {f}", i + 1)).collect();
            panic!("{} {what}:\n{}", self.0.len(), list.join("\n"));
        }
    }
}
