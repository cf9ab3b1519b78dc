//! proptest strategies for random valid specs.
//!
//! Each part of a spec is drawn as a "gene" (a type expression, a field, an endpoint...) whose references to other
//! parts are plain indices; [`assemble`] then makes the whole consistent the way a careful author would: unique names,
//! only argument types the language allows in each location, path placeholders for path arguments, groups of optional
//! arguments, pagination arguments and response fields, an idempotency reference, and no cycle of required fields
//! (which would have no finite value). Names are drawn from pools full of Rust keywords, std names and the names of
//! items the generator emits itself, so that collisions are tried on purpose.

use crate::spec::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::BTreeSet;

/// A name from `names`, or rarely one of `hazards`.
fn name(names: &'static [&'static str], hazards: &'static [&'static str]) -> BoxedStrategy<&'static str> {
    prop_oneof![80 => select(names), 1 => select(hazards)].boxed()
}

const TYPE_NAMES: &[&str] = &[
    "Payout",
    "Amount",
    "Money",
    "Party",
    "Error",
    "Request",
    "Response",
    "Value",
    "Json",
    "Date",
    "Page",
    "Status",
    "Node",
    "Tree",
    "Unknown",
    "Default",
    "Serialize",
    "Deserialize",
    "Debug",
    "Clone",
    "Send",
    "Map",
    "UnknownFields",
    "Secret",
    "HeaderValue",
    "Query",
    "Call",
    "Resend",
    "ApiError",
    "Recipient",
];
/// Names the checker must refuse or the generator must handle; drawn rarely so that most specs are accepted.
// The prelude names are reserved since the generated code names them unqualified (`naming::MODULE_ITEMS`).
const TYPE_HAZARDS: &[&str] =
    &["Client", "Auth", "Environment", "Self", "Option", "Result", "String", "Some", "None", "Ok", "Err", "Vec", "Box"];

const FIELD_NAMES: &[&str] = &[
    "id",
    "amount",
    "currency",
    "status",
    "refId",
    "created_at",
    "created[gte]",
    "starting_after",
    "type",
    "self",
    "match",
    "ref",
    "value",
    "map",
    "serializer",
    "path",
    "query",
    "headers",
    "body",
    "call",
    "client",
    "core",
    "default",
    "items",
    "data",
    "fn",
    "Some",
    "None",
    "option",
    "result",
    "string",
    "vec",
    "s",
    "f",
    "d",
    "builder",
    "deserializer",
    "formatter",
    "key",
    "len",
    "to_string",
    "clone",
    "into",
    "from",
    "account-number",
    "x.y",
    "_private",
    "kind",
    "name",
    "email",
    "note",
    "metadata",
    "tags",
];
/// Names the checker must refuse or the generator must handle; drawn rarely so that most specs are accepted.
const FIELD_HAZARDS: &[&str] = &["additional_fields", "new", "request", "response", "error"];

const HEADER_NAMES: &[&str] =
    &["X-Request-Id", "Idempotency-Key", "X-Trace", "If-Match", "X-Page-Token", "Request-Id", "X-Correlation"];

const ENUM_VALUES: &[&str] = &[
    "active",
    "in-progress",
    "DONE",
    "Unknown",
    "other",
    "A",
    "b",
    "x_y",
    "pending",
    "failed",
    "COMPLETED",
    "new",
    "self",
    "type",
    "ok",
    "v2",
    "Default",
];

const ENDPOINT_NAMES: &[&str] = &[
    "create_payout",
    "get_payout",
    "list_payouts",
    "auth_headers",
    "send",
    "get",
    "list",
    "delete",
    "cancel_payout",
    "payout_exchange",
    "reconcile_send",
    "into",
    "clone",
    "fmt",
    "core",
    "stream",
    "pages",
    "request",
    "execute",
    "update_recipient",
    "query",
];
/// Names the checker must refuse or the generator must handle; drawn rarely so that most specs are accepted.
const ENDPOINT_HAZARDS: &[&str] = &["new", "with_config", "with_api_version"];

const ERROR_NAMES: &[&str] = &[
    "NOT_FOUND",
    "INVALID_ARGUMENTS",
    "Conflict",
    "RateLimited",
    "Api",
    "Other",
    "Transport",
    "INTERNAL",
    "Forbidden",
    "Timeout",
    "BAD_VERSION",
];
/// Names the checker must refuse or the generator must handle; drawn rarely so that most specs are accepted.
const ERROR_HAZARDS: &[&str] = &["UNKNOWN", "Unknown", "unknown"];

const SERVER_NAMES: &[&str] = &["production", "sandbox", "staging", "live", "eu", "default"];
/// Names the checker must refuse or the generator must handle; drawn rarely so that most specs are accepted.
const SERVER_HAZARDS: &[&str] = &["custom"];

const AUTH_NAMES: &[&str] = &["api_key", "jwt", "basic", "token", "custom", "secret", "oauth"];
const ALTERNATIVE_NAMES: &[&str] = &["card", "bank_account", "mobile", "default", "other", "custom", "none", "wallet"];
const SEGMENTS: &[&str] = &["payouts", "v1", "items", "a-b", "x.y", "recipients", "_tilde~"];
const ID_PREFIXES: &[&str] = &["po_", "ctc", "bka_", "x"];
/// Keys of union tags, and the tag values of their variants (distinct Rust names, none of them `Unknown`).
const UNION_TAGS: &[&str] = &["object", "type", "kind"];
const UNION_VARIANTS: &[&str] = &["card", "bank_account", "wallet", "sepa_iban", "cheque"];

/// A type expression over `n` named types: mostly primitives and names, some arrays and maps, rarely an array
/// nested as deep as the language allows.
pub fn ty(n: usize) -> BoxedStrategy<Ty> {
    let leaf = prop_oneof![
        3 => select(&Prim::ALL[..]).prop_map(Ty::Prim),
        2 => (0..n).prop_map(Ty::Named),
        1 => (0..n).prop_map(Ty::Expandable),
    ];
    let nested = leaf.prop_recursive(3, 8, 1, |inner| {
        prop_oneof![inner.clone().prop_map(|t| Ty::Array(Box::new(t))), inner.prop_map(|t| Ty::Map(Box::new(t)))]
    });
    prop_oneof![
        60 => nested,
        1 => Just((0..31).fold(Ty::Prim(Prim::String), |t, _| Ty::Array(Box::new(t)))),
    ]
    .boxed()
}

/// Raw constraint numbers; [`fit_constraints`] keeps those that apply to the type they end up on.
#[derive(Clone, Debug)]
pub struct ConstraintGene {
    bounds: (Option<i64>, Option<i64>),
    lengths: (Option<u64>, Option<u64>, Option<u64>),
    pattern: Option<usize>,
    max_decimals: Option<u64>,
}

fn constraint_gene() -> impl Strategy<Value = ConstraintGene> {
    (
        option::weighted(0.3, -5i64..50),
        option::weighted(0.3, 0i64..1000),
        option::weighted(0.3, 0u64..3),
        option::weighted(0.3, 1u64..6),
        option::weighted(0.1, 1u64..5),
        option::weighted(0.2, 0..PATTERNS.len()),
        option::weighted(0.2, 0u64..4),
    )
        .prop_map(|(min, max, min_length, max_length, length, pattern, max_decimals)| ConstraintGene {
            bounds: (min, max),
            lengths: (min_length, max_length, length),
            pattern,
            max_decimals,
        })
}

#[derive(Clone, Debug)]
pub struct FieldGene {
    name: &'static str,
    ty: Ty,
    required: bool,
    nullable: bool,
    read_only: bool,
    constraints: ConstraintGene,
    /// 0 body, 1 query, 2 path, 3 header (for arguments of `rest` endpoints).
    location: u8,
    encoding: u8,
    header_name: usize,
    rust_name: bool,
}

fn field_gene(n: usize) -> impl Strategy<Value = FieldGene> {
    (
        name(FIELD_NAMES, FIELD_HAZARDS),
        ty(n),
        any::<bool>(),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.08),
        constraint_gene(),
        0u8..4,
        0u8..4,
        0..HEADER_NAMES.len(),
        prop::bool::weighted(0.98),
    )
        .prop_map(
            |(name, ty, required, nullable, read_only, constraints, location, encoding, header_name, rust_name)| {
                // A read-only field is never sent, so a request could not carry a required one.
                let required = required && !read_only;
                FieldGene {
                    name,
                    ty,
                    required,
                    nullable,
                    read_only,
                    constraints,
                    location,
                    encoding,
                    header_name,
                    rust_name,
                }
            },
        )
}

#[derive(Clone, Debug)]
pub enum TypeGene {
    /// `money`: a `currency_decimals` rule where the fields allow one, and whether it has a default.
    Object {
        fields: Vec<FieldGene>,
        closed: bool,
        money: Option<bool>,
    },
    Enum {
        values: Vec<usize>,
        default: Option<usize>,
    },
    Str {
        constraints: ConstraintGene,
        format: Option<Format>,
    },
    Integer {
        constraints: ConstraintGene,
        width32: bool,
    },
    Decimal {
        constraints: ConstraintGene,
    },
    Id {
        prefix: usize,
        external: bool,
        max_length: Option<u64>,
    },
    /// The tag's key (by index) and the types its variants would hold (by index; kept only where they are objects).
    Union {
        tag: usize,
        variants: Vec<usize>,
    },
}

fn type_gene(n: usize) -> impl Strategy<Value = (&'static str, TypeGene)> {
    let kind = prop_oneof![
        4 => (vec(field_gene(n), 0..6), prop::bool::weighted(0.2), option::weighted(0.4, any::<bool>()))
            .prop_map(|(fields, closed, money)| TypeGene::Object { fields, closed, money }),
        2 => (vec(0..ENUM_VALUES.len(), 1..5), option::weighted(0.3, 0usize..5))
            .prop_map(|(values, default)| TypeGene::Enum { values, default }),
        2 => (constraint_gene(), option::weighted(0.5, select(&Format::ALL[..])))
            .prop_map(|(constraints, format)| TypeGene::Str { constraints, format }),
        1 => (constraint_gene(), any::<bool>()).prop_map(|(constraints, width32)| TypeGene::Integer { constraints, width32 }),
        1 => constraint_gene().prop_map(|constraints| TypeGene::Decimal { constraints }),
        1 => (0..ID_PREFIXES.len(), any::<bool>(), option::weighted(0.3, 24u64..40))
            .prop_map(|(prefix, external, max_length)| TypeGene::Id { prefix, external, max_length }),
        1 => (0..UNION_TAGS.len(), vec(0..n.max(1), 1..4))
            .prop_map(|(tag, variants)| TypeGene::Union { tag, variants }),
    ];
    (name(TYPE_NAMES, TYPE_HAZARDS), kind)
}

/// Alternatives (2..=4), whether one takes no arguments, whether they set an enum argument, and per optional argument
/// the alternative it joins (or none) and whether it is required there.
type GroupGene = (usize, bool, bool, Vec<(u8, bool)>);

/// Name, (common, told by its status alone with `by_code`), status (by index), body or details type, headers,
/// outcome (by index).
type ErrorGene = (&'static str, (bool, bool), usize, Option<Ty>, Vec<FieldGene>, u8);

#[derive(Clone, Debug)]
pub struct EndpointGene {
    name: &'static str,
    method: u8,
    segments: Vec<usize>,
    /// 0: `auth: none`; 1: names the API's first scheme; 2: names a `basic` scheme beside OAuth2; else required.
    auth_use: u8,
    arguments: Vec<FieldGene>,
    /// Alternatives (2..=4), whether one takes no arguments, whether they set an enum argument, and per optional
    /// argument the alternative it joins (or none) and whether it is required there.
    group: Option<GroupGene>,
    response_status: u16,
    response_ty: Ty,
    response_headers: Vec<FieldGene>,
    /// 0 limit_offset with items, 1 limit_offset as a bare array, 2 offset_token, 3 cursor_body (`rpc` only, else
    /// 0), 4 last_item, 5 page_number, 6 to 8 next_link (a URL field, relations, a `Link` header); and a flag each
    /// kind reads its own way (a total header, `has_more`, `total_pages`, the shapes of the link).
    pagination: Option<(u8, bool)>,
    errors: Vec<usize>,
    /// What the server does with a repeat (0 replayed, 1 rejected, 2 undocumented), and whether the client generates
    /// the reference when the strategy adds one of its own.
    idempotency: Option<(u8, bool)>,
    /// Whether a `rest` endpoint takes a Rebilly-style `sort` and `filter` query argument.
    collection: (bool, bool),
    /// 0: `body_encoding: json`, 1: `body_encoding: form` on the endpoint (when it sends a body); else none.
    body_override: u8,
}

fn endpoint_gene(n: usize) -> impl Strategy<Value = EndpointGene> {
    (
        (name(ENDPOINT_NAMES, ENDPOINT_HAZARDS), 0u8..5, vec(0..SEGMENTS.len(), 1..3), 0u8..7),
        vec(field_gene(n), 0..7),
        option::weighted(0.4, (2usize..5, any::<bool>(), prop::bool::weighted(0.4), vec((0u8..5, any::<bool>()), 8))),
        (select(&[200u16, 201, 202][..]), ty(n), vec(field_gene(n), 0..3)),
        option::weighted(0.25, (0u8..9, any::<bool>())),
        vec(0usize..8, 0..3),
        option::weighted(0.4, (0u8..3, any::<bool>())),
        (prop::bool::weighted(0.15), prop::bool::weighted(0.15)),
        0u8..6,
    )
        .prop_map(
            |(
                (name, method, segments, auth_use),
                arguments,
                group,
                response,
                pagination,
                errors,
                idempotency,
                collection,
                body_override,
            )| {
                EndpointGene {
                    name,
                    method,
                    segments,
                    auth_use,
                    arguments,
                    group,
                    response_status: response.0,
                    response_ty: response.1,
                    response_headers: response.2,
                    pagination,
                    errors,
                    idempotency,
                    collection,
                    body_override,
                }
            },
        )
}

#[derive(Clone, Debug)]
pub struct ApiGene {
    rpc: bool,
    servers: Vec<(&'static str, bool)>,
    versioning: Option<(usize, usize)>,
    auth: Vec<(usize, u8, usize)>,
    /// 0: by_status, 1: code_array (with the status), 2: by_code (with the index of its pointers).
    error_style: (u8, u16, usize),
    errors: Vec<ErrorGene>,
    /// 0: no `body_encoding`, 1: `json`, 2: `form`.
    body_encoding: u8,
    /// Request headers declared once for every endpoint (`headers.request`, `rest` APIs only).
    api_headers: Vec<FieldGene>,
}

fn api_gene(n: usize) -> impl Strategy<Value = ApiGene> {
    (
        prop::bool::weighted(0.3),
        vec((name(SERVER_NAMES, SERVER_HAZARDS), prop::bool::weighted(0.2)), 1..3),
        option::weighted(0.4, (0..3usize, 1..3usize)),
        vec((0..AUTH_NAMES.len(), 0u8..4, 0..HEADER_NAMES.len()), 0..3),
        (0u8..3, select(&[400u16, 422][..]), 0..CODE_POINTERS.len()),
        vec(
            (
                name(ERROR_NAMES, ERROR_HAZARDS),
                (prop::bool::weighted(0.3), prop::bool::weighted(0.3)),
                0usize..11,
                option::weighted(0.6, ty(n)),
                vec(field_gene(n), 0..2),
                0u8..3,
            ),
            0..5,
        ),
        0u8..3,
        vec(field_gene(n), 0..3),
    )
        .prop_map(|(rpc, servers, versioning, auth, error_style, errors, body_encoding, api_headers)| ApiGene {
            rpc,
            servers,
            versioning,
            auth,
            error_style,
            errors,
            body_encoding,
            api_headers,
        })
}

/// A random valid spec named `name`.
pub fn spec(name: String) -> impl Strategy<Value = Spec> {
    (1usize..=6)
        .prop_flat_map(|n| (api_gene(n), vec(type_gene(n), n), vec(endpoint_gene(n), 1..5)))
        .prop_map(move |(api, types, endpoints)| assemble(name.clone(), api, types, endpoints))
}

/// Picks `pool[index]`, made unique among `taken` with a numeric suffix.
fn unique(taken: &mut BTreeSet<String>, base: &str, separator: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name.to_ascii_lowercase()) {
        name = format!("{base}{separator}{n}");
        n += 1;
    }
    taken.insert(name.to_ascii_lowercase());
    name
}

/// The Rust name a careful author gives a field whose derived name would be a keyword or not an identifier.
fn rust_name_for(wire: &str, wanted: bool) -> Option<String> {
    let derived = codegen::naming::snake(wire);
    if codegen::naming::is_identifier(&derived) || !wanted {
        return None;
    }
    let cleaned: String = wire.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    Some(format!("{}_value", if cleaned.is_empty() { "field".to_owned() } else { cleaned }))
}

fn fit_constraints(spec_types: &[TypeDef], ty: &Ty, gene: &ConstraintGene) -> Constraints {
    let mut c = Constraints::default();
    let (min, max) = ordered(gene.bounds);
    match ty {
        Ty::Prim(Prim::Integer | Prim::Int32) => (c.min, c.max) = (min, max),
        Ty::Prim(Prim::Decimal) => {
            (c.min, c.max) = (min, max);
            c.max_decimals = gene.max_decimals;
        }
        Ty::Prim(Prim::String) => fit_lengths(&mut c, gene, true),
        Ty::Array(_) => fit_lengths(&mut c, gene, false),
        // A map's lengths count its entries; its keys get a bound of their own.
        Ty::Map(_) => {
            fit_lengths(&mut c, gene, false);
            c.key_max_length = gene.lengths.1.map(|max| max.max(3));
        }
        _ => {}
    }
    let _ = spec_types;
    c
}

fn ordered((a, b): (Option<i64>, Option<i64>)) -> (Option<i64>, Option<i64>) {
    match (a, b) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        other => other,
    }
}

fn fit_lengths(c: &mut Constraints, gene: &ConstraintGene, text: bool) {
    if text && gene.pattern.is_some() {
        c.pattern = gene.pattern;
        return;
    }
    let (min, max, exact) = gene.lengths;
    if exact.is_some() {
        c.length = exact;
        return;
    }
    c.min_length = min;
    c.max_length = max.map(|m| m.max(min.unwrap_or(0)).max(1));
}

/// `ty` with each `expandable<...>` of a type that is neither an object nor a union made a plain reference to it: only
/// those are expanded.
fn expandable_fit(types: &[TypeDef], ty: &Ty) -> Ty {
    match ty {
        Ty::Expandable(i) if !matches!(types[*i].kind, Kind::Object { .. } | Kind::Union { .. }) => Ty::Named(*i),
        Ty::Array(item) => Ty::Array(Box::new(expandable_fit(types, item))),
        Ty::Map(item) => Ty::Map(Box::new(expandable_fit(types, item))),
        other => other.clone(),
    }
}

/// Whether values of `ty` can travel as text (a path segment, a header, a query item).
fn is_text_scalar(types: &[TypeDef], ty: &Ty) -> bool {
    match ty {
        Ty::Prim(p) => *p != Prim::Json,
        Ty::Named(i) => !matches!(types[*i].kind, Kind::Object { .. } | Kind::Union { .. }),
        _ => false,
    }
}

/// The nearest type a query, path or header argument may have.
fn text_type(types: &[TypeDef], ty: &Ty, allow_array: bool) -> Ty {
    match ty {
        Ty::Array(item) if allow_array && is_text_scalar(types, item) => ty.clone(),
        Ty::Array(item) | Ty::Map(item) => text_type(types, item, false),
        t if is_text_scalar(types, t) => t.clone(),
        _ => Ty::Prim(Prim::String),
    }
}

fn field(types: &[TypeDef], taken: &mut BTreeSet<String>, gene: &FieldGene) -> Field {
    let wire = unique(taken, gene.name, "_");
    let rust_name = rust_name_for(&wire, gene.rust_name);
    if let Some(rust) = &rust_name {
        taken.insert(rust.clone());
    }
    Field {
        rust_name,
        constraints: fit_constraints(types, &gene.ty, &gene.constraints),
        ty: expandable_fit(types, &gene.ty),
        required: gene.required,
        nullable: gene.nullable,
        read_only: gene.read_only,
        location: Loc::Body,
        encoding: None,
        extras: Extras::default(),
        api_wide: false,
        wire,
    }
}

fn header(types: &[TypeDef], taken: &mut BTreeSet<String>, gene: &FieldGene) -> Field {
    let wire = unique(taken, HEADER_NAMES[gene.header_name], "-");
    let ty = text_type(types, &gene.ty, false);
    Field {
        constraints: fit_constraints(types, &ty, &gene.constraints),
        ty,
        rust_name: None,
        required: gene.required,
        nullable: false,
        read_only: false,
        location: Loc::Header,
        encoding: None,
        extras: Extras::default(),
        api_wide: false,
        wire,
    }
}

fn assemble(
    name: String,
    api: ApiGene,
    type_genes: Vec<(&'static str, TypeGene)>,
    endpoint_genes: Vec<EndpointGene>,
) -> Spec {
    let mut type_names = BTreeSet::new();
    // Names and kinds first (fields refer to types by index, so all types must exist before fields are fitted).
    let mut types: Vec<TypeDef> = type_genes
        .iter()
        .map(|(name, gene)| TypeDef {
            name: unique(&mut type_names, name, ""),
            kind: match gene {
                TypeGene::Object { closed, .. } => Kind::Object { fields: Vec::new(), closed: *closed },
                TypeGene::Enum { values, default } => {
                    let mut seen = BTreeSet::new();
                    let values: Vec<String> = values.iter().map(|v| unique(&mut seen, ENUM_VALUES[*v], "_")).collect();
                    let default = default.filter(|d| *d < values.len());
                    Kind::Enum { values, default }
                }
                TypeGene::Str { constraints, format } => {
                    let mut c = Constraints::default();
                    if format.is_none() {
                        fit_lengths(&mut c, constraints, true);
                    }
                    Kind::Str { constraints: c, format: *format }
                }
                TypeGene::Integer { constraints, width32 } => {
                    let (min, max) = ordered(constraints.bounds);
                    Kind::Integer { min, max, width32: *width32 }
                }
                TypeGene::Decimal { constraints } => {
                    let (min, max) = ordered(constraints.bounds);
                    Kind::Decimal { min, max, max_decimals: constraints.max_decimals }
                }
                TypeGene::Id { prefix, external, max_length } => {
                    Kind::Id { prefix: ID_PREFIXES[*prefix].to_owned(), external: *external, max_length: *max_length }
                }
                // Variants are fitted once every object has its fields (`fit_unions`).
                TypeGene::Union { tag, .. } => Kind::Union { tag: UNION_TAGS[*tag].to_owned(), variants: Vec::new() },
            },
            currency_decimals: None,
        })
        .collect();
    for (index, (_, gene)) in type_genes.iter().enumerate() {
        if let TypeGene::Object { fields: genes, .. } = gene {
            let mut taken = BTreeSet::new();
            let fields: Vec<Field> = genes.iter().map(|g| field(&types, &mut taken, g)).collect();
            if let Kind::Object { fields: slot, .. } = &mut types[index].kind {
                *slot = fields;
            }
        }
    }
    fit_unions(&mut types, &type_genes);
    fit_currency_rules(&mut types, &type_genes);
    break_required_cycles(&mut types);

    let mut server_names = BTreeSet::new();
    let servers = api
        .servers
        .iter()
        .map(|(name, variable)| Server {
            name: unique(&mut server_names, name, "_"),
            variables: if *variable { vec!["tenant".to_owned()] } else { Vec::new() },
        })
        .collect();
    let versioning = api.versioning.map(|(header, count)| Versioning {
        header: ["Api-Version", "X-Version", "Version"][header].to_owned(),
        versions: (0..count).map(|i| format!("2024-0{}-01", i + 1)).collect(),
    });
    let mut auth_names = BTreeSet::new();
    let auth: Vec<Auth> = api
        .auth
        .iter()
        .map(|(name, kind, header)| Auth {
            name: unique(&mut auth_names, AUTH_NAMES[*name], "_"),
            kind: match kind {
                0 => AuthKind::Bearer,
                1 => AuthKind::Basic,
                2 => AuthKind::ApiKey(format!("X-{}-Key", HEADER_NAMES[*header].trim_start_matches("X-"))),
                _ => AuthKind::OAuth2(format!("/oauth2/{}/token", SEGMENTS[*header % SEGMENTS.len()])),
            },
        })
        .collect();

    let errors = errors(&types, &api);
    // Request headers every endpoint takes, declared once (`rest` only: `rpc` endpoints take body arguments alone).
    let mut header_names = BTreeSet::new();
    let api_headers: Vec<Field> = match api.rpc {
        true => Vec::new(),
        false => {
            api.api_headers.iter().map(|g| Field { api_wide: true, ..header(&types, &mut header_names, g) }).collect()
        }
    };
    let mut endpoint_names = BTreeSet::new();
    let mut endpoints = Vec::new();
    for gene in &endpoint_genes {
        let endpoint = endpoint(&mut types, &mut endpoint_names, &errors, (api.rpc, &auth), &api_headers, gene);
        endpoints.push(endpoint);
    }
    let body_encoding = [None, Some(BodyEncoding::Json), Some(BodyEncoding::Form)][usize::from(api.body_encoding)];
    Spec {
        name,
        rpc_prefix: api.rpc.then(|| "/api/".to_owned()),
        body_encoding,
        api_headers,
        servers,
        versioning,
        auth,
        errors,
        types,
        endpoints,
    }
}

/// Where `by_code` errors carry their code, message and details: an object inside the body, the top level, an array
/// inside an object, and names that need RFC 6901's escapes.
const CODE_POINTERS: &[(&str, Option<&str>, &str)] = &[
    ("/error/code", Some("/error/message"), "/error"),
    ("/name", Some("/message"), ""),
    ("/errors/0/code", None, "/errors/0/meta"),
    ("/a~1b/c~0d", Some("/m"), "/d"),
];

fn errors(types: &[TypeDef], api: &ApiGene) -> Errors {
    const STATUSES: [u16; 11] = [400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503];
    let (style_index, array_status, pointers) = api.error_style;
    let style = match style_index {
        1 => ErrorStyle::CodeArray { status: array_status },
        2 => {
            let (code, message, details) = CODE_POINTERS[pointers];
            ErrorStyle::ByCode { code, message, details }
        }
        _ => ErrorStyle::ByStatus,
    };
    let mut names = BTreeSet::new();
    // The statuses owned by errors told by status alone.
    let mut statuses = BTreeSet::new();
    let mut codes = Vec::new();
    for (name, (common, by_status), status, ty, headers, outcome) in &api.errors {
        let name = unique(&mut names, name, "_");
        let mut header_names = BTreeSet::new();
        let headers = headers.iter().map(|g| header(types, &mut header_names, g)).collect();
        let outcome = [None, Some("refused"), Some("unknown")][usize::from(*outcome)];
        let told_by_status = match style {
            ErrorStyle::CodeArray { .. } => false,
            ErrorStyle::ByCode { .. } => *by_status,
            ErrorStyle::ByStatus => true,
        };
        let ty = ty.as_ref().map(|ty| expandable_fit(types, ty));
        if !told_by_status {
            let name = match style {
                ErrorStyle::CodeArray { .. } => name.to_ascii_uppercase().replace('-', "_"),
                _ => name,
            };
            // Errors told by code share statuses freely; every third one has a second status.
            let coded = matches!(style, ErrorStyle::ByCode { .. });
            let also =
                if coded && status % 3 == 0 { vec![STATUSES[(status + 5) % STATUSES.len()]] } else { Vec::new() };
            let status = coded.then_some(STATUSES[status % STATUSES.len()]);
            let by_status = false;
            let (body, details) = (None, ty);
            codes.push(ErrorCode { name, common: *common, status, also, body, details, by_status, headers, outcome });
            continue;
        }
        let mut free =
            (0..STATUSES.len()).map(|i| STATUSES[(status + i) % STATUSES.len()]).filter(|s| !statuses.contains(s));
        let Some(first) = free.next() else { continue };
        // Every third error told by status owns a second status as well.
        let also: Vec<u16> = free.next().filter(|_| status % 3 == 0).into_iter().collect();
        statuses.insert(first);
        statuses.extend(also.iter().copied());
        // Without a drawn type, the error is documented without a body (`body: none`).
        let by_status = matches!(style, ErrorStyle::ByCode { .. });
        let status = Some(first);
        let (body, details) = (ty, None);
        codes.push(ErrorCode { name, common: *common, status, also, body, details, by_status, headers, outcome });
    }
    // Upper-casing may have made two code names equal; keep the first.
    let mut seen = BTreeSet::new();
    codes.retain(|c| seen.insert(c.name.clone()));
    Errors { style, codes }
}

fn endpoint(
    types: &mut Vec<TypeDef>,
    names: &mut BTreeSet<String>,
    errors: &Errors,
    (rpc, auth): (bool, &[Auth]),
    api_headers: &[Field],
    gene: &EndpointGene,
) -> Endpoint {
    let name = unique(names, gene.name, "_");
    // A walk by next link is a `GET` (the checker refuses it elsewhere): a `rest` endpoint drawn with one is a `GET`.
    let follows_links = gene.pagination.is_some_and(|(kind, _)| (6..=8).contains(&kind));
    let method = if rpc {
        Method::Post
    } else if follows_links {
        Method::Get
    } else {
        [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete][usize::from(gene.method)]
    };
    // The API-wide headers join every endpoint, so its own arguments take other names.
    let mut taken: BTreeSet<String> = api_headers.iter().map(|h| h.wire.to_ascii_lowercase()).collect();
    let mut arguments = Vec::new();
    for arg in &gene.arguments {
        let mut location =
            if rpc { Loc::Body } else { [Loc::Body, Loc::Query, Loc::Path, Loc::Header][usize::from(arg.location)] };
        if location == Loc::Body && method == Method::Get {
            location = Loc::Query;
        }
        let mut field = match location {
            Loc::Header => header(types, &mut taken, arg),
            _ => field(types, &mut taken, arg),
        };
        field.location = location;
        field.read_only = false;
        match location {
            Loc::Body | Loc::Header => {}
            Loc::Query => {
                // A list of text values (repeated, by default or by name, or comma-joined), or one value.
                // Or, with `encoding: form`, any value under bracketed keys.
                let item = text_type(types, &field.ty, false);
                field.nullable = false;
                (field.ty, field.encoding) = match arg.encoding {
                    0 => (item, None),
                    1 => (Ty::Array(Box::new(item)), [None, Some(Encoding::Repeated)][arg.name.len() % 2]),
                    2 => (Ty::Array(Box::new(item)), Some(Encoding::Comma)),
                    _ => (field.ty, Some(Encoding::Form)),
                };
            }
            Loc::Path => {
                field.ty = text_type(types, &field.ty, false);
                field.required = true;
                field.nullable = false;
                if !field.wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    taken.remove(&field.wire.to_ascii_lowercase());
                    field.wire = unique(&mut taken, "arg", "_");
                    field.rust_name = None;
                }
            }
        }
        if location != Loc::Body {
            field.constraints = fit_constraints(types, &field.ty, &arg.constraints);
        }
        arguments.push(field);
    }

    let mut path: Vec<Result<String, String>> = gene.segments.iter().map(|s| Ok(SEGMENTS[*s].to_owned())).collect();
    for arg in arguments.iter().filter(|a| a.location == Loc::Path) {
        path.push(Err(arg.wire.clone()));
    }

    let mut response_names = BTreeSet::new();
    let mut response = Response {
        status: gene.response_status,
        ty: expandable_fit(types, &gene.response_ty),
        headers: gene.response_headers.iter().map(|g| header(types, &mut response_names, g)).collect(),
    };
    for h in &mut response.headers {
        h.location = Loc::Body;
    }

    let pagination = gene.pagination.and_then(|(kind, total)| {
        // A next link is only followed by a `GET` (the checker refuses it elsewhere).
        let kind = if (6..=8).contains(&kind) && method != Method::Get { 0 } else { kind };
        paginate(types, &mut arguments, &mut taken, &mut response, &mut response_names, rpc, &name, kind, total)
    });

    if !rpc {
        let (sort, filter) = gene.collection;
        let mut collection_argument = |base: &str, ty: Ty, encoding: Encoding| {
            let wire = unique(&mut taken, base, "_");
            arguments.push(Field {
                wire,
                rust_name: None,
                ty,
                required: false,
                nullable: false,
                read_only: false,
                constraints: Constraints::default(),
                location: Loc::Query,
                encoding: Some(encoding),
                extras: Extras::default(),
                api_wide: false,
            });
        };
        if sort {
            collection_argument("sort", Ty::Array(Box::new(Ty::Prim(Prim::String))), Encoding::Sort);
        }
        if filter {
            collection_argument("filter", Ty::Prim(Prim::String), Encoding::Filter);
        }
    }

    let paged: Vec<String> = pagination.iter().flat_map(Pagination::arguments).map(str::to_owned).collect();
    let groups = group(types, &mut arguments, &mut taken, method, gene, &paged);
    arguments.extend(api_headers.iter().cloned());

    let idempotency =
        gene.idempotency.filter(|_| method != Method::Get && pagination.is_none()).map(|(repeat, generate)| {
            let grouped: BTreeSet<String> = groups
                .iter()
                .flat_map(|g| &g.alternatives)
                .flat_map(|a| a.arguments.iter().chain(&a.optional))
                .cloned()
                .collect();
            // A generated key gets an argument of its own: an optional plain string the client can fill.
            let existing = arguments
                .iter()
                .filter(|_| !generate)
                .find(|a| {
                    a.ty == Ty::Prim(Prim::String)
                        && !grouped.contains(&a.wire)
                        && a.location != Loc::Path
                        && !a.nullable
                })
                .map(|a| a.wire.clone());
            let reference = existing.unwrap_or_else(|| {
                // Numbered as their kind of name is: `external_id_2`, `Idempotency-Key-2`.
                let (base, separator) =
                    if rpc || repeat == 0 { ("external_id", "_") } else { ("Idempotency-Key", "-") };
                let wire = unique(&mut taken, base, separator);
                let location = if rpc || wire.starts_with("external") { Loc::Body } else { Loc::Header };
                arguments.push(Field {
                    wire: wire.clone(),
                    rust_name: None,
                    ty: Ty::Prim(Prim::String),
                    required: false,
                    nullable: false,
                    read_only: false,
                    constraints: Constraints::default(),
                    location,
                    encoding: None,
                    extras: Extras::default(),
                    api_wide: false,
                });
                wire
            });
            Idempotency {
                reference,
                repeat: ["replayed", "rejected", "undocumented"][usize::from(repeat)],
                generate,
                lookup: None,
            }
        });

    let errors = {
        let listable: Vec<usize> = (0..errors.codes.len()).filter(|i| !errors.codes[*i].common).collect();
        let mut chosen: Vec<usize> =
            gene.errors.iter().filter(|_| !listable.is_empty()).map(|e| listable[e % listable.len()]).collect();
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    };

    let sends_body = rpc || arguments.iter().any(|a| a.location == Loc::Body);
    let body_encoding = match gene.body_override {
        0 if sends_body => Some(BodyEncoding::Json),
        1 if sends_body => Some(BodyEncoding::Form),
        _ => None,
    };
    Endpoint {
        name,
        method,
        path,
        auth_none: gene.auth_use == 0,
        // An endpoint may name the scheme the client is built with, or, beside OAuth2, a `basic` scheme that the
        // client's ID and secret serve (as a token endpoint takes them).
        auth_scheme: match gene.auth_use {
            1 if !auth.is_empty() => Some(0),
            2 if auth.first().is_some_and(|a| matches!(a.kind, AuthKind::OAuth2(_))) => {
                auth.iter().position(|a| a.kind == AuthKind::Basic)
            }
            _ => None,
        },
        arguments,
        groups,
        response,
        pagination,
        errors,
        idempotency,
        body_encoding,
    }
}

#[allow(clippy::too_many_arguments)]
fn paginate(
    types: &mut Vec<TypeDef>,
    arguments: &mut Vec<Field>,
    taken: &mut BTreeSet<String>,
    response: &mut Response,
    response_names: &mut BTreeSet<String>,
    rpc: bool,
    endpoint: &str,
    kind: u8,
    total: bool,
) -> Option<Pagination> {
    let location = if rpc { Loc::Body } else { Loc::Query };
    let item = match &response.ty {
        Ty::Array(item) => (**item).clone(),
        other => other.clone(),
    };
    let mut argument = |base: &str, ty: Ty, constraints: Constraints| {
        let wire = unique(taken, base, "_");
        arguments.push(Field {
            wire: wire.clone(),
            rust_name: None,
            ty,
            required: false,
            nullable: false,
            read_only: false,
            constraints,
            location,
            encoding: None,
            extras: Extras::default(),
            api_wide: false,
        });
        wire
    };
    let limit = argument(
        "limit",
        Ty::Prim(Prim::Integer),
        Constraints { min: Some(1), max: Some(100), ..Constraints::default() },
    );
    let page_type = |types: &mut Vec<TypeDef>, fields: Vec<Field>| {
        let mut names: BTreeSet<String> = types.iter().map(|t| t.name.to_ascii_lowercase()).collect();
        let name = unique(&mut names, &format!("{}Page", codegen::naming::camel(endpoint)), "");
        types.push(TypeDef { name, kind: Kind::Object { fields, closed: false }, currency_decimals: None });
        Ty::Named(types.len() - 1)
    };
    let list_field = body_field;
    let kind = if kind == 3 && !rpc { 0 } else { kind };
    if kind == 3 {
        // The page size stays an ordinary argument; the cursors are whole request bodies, opaque to the caller.
        let mut cursor = list_field("next", Ty::Prim(Prim::Json));
        cursor.required = false;
        cursor.nullable = true;
        let previous = Field { wire: "previous".to_owned(), ..cursor.clone() };
        response.ty = page_type(types, vec![list_field("items", Ty::Array(Box::new(item))), cursor, previous]);
        return Some(Pagination::CursorBody { items: "items".to_owned() });
    }
    match kind {
        0 | 1 => {
            let offset =
                argument("offset", Ty::Prim(Prim::Integer), Constraints { min: Some(0), ..Constraints::default() });
            let items = if kind == 0 {
                response.ty = page_type(types, vec![list_field("items", Ty::Array(Box::new(item)))]);
                Some("items".to_owned())
            } else {
                response.ty = Ty::Array(Box::new(item));
                None
            };
            let total_header = total.then(|| {
                let wire = unique(response_names, "Pagination-Total", "-");
                response.headers.push(Field {
                    required: false,
                    location: Loc::Body,
                    ..list_field(&wire, Ty::Prim(Prim::Integer))
                });
                wire
            });
            Some(Pagination::LimitOffset { limit, offset, items, total_header })
        }
        6 => {
            // The page gives the next page's URL in a field; with `total` it may be `null` and its length is bounded,
            // which makes it a newtype the walk reads as it reads a `String`.
            let mut next = list_field("next_url", Ty::Prim(Prim::String));
            next.required = false;
            next.nullable = total;
            if total {
                next.constraints = Constraints { max_length: Some(2048), ..Constraints::default() };
            }
            response.ty = page_type(types, vec![list_field("data", Ty::Array(Box::new(item))), next]);
            Some(Pagination::NextLink {
                items: Some("data".to_owned()),
                link: Some("next_url".to_owned()),
                link_header: None,
            })
        }
        7 => {
            // HATEOAS relations, as PayPal's `links`: `href` and `rel` (and a `method` the walk does not read). With
            // `total`, `rel` is optional, `href` nullable and the list bounded (a list newtype).
            let mut names: BTreeSet<String> = types.iter().map(|t| t.name.to_ascii_lowercase()).collect();
            let link_type = unique(&mut names, &format!("{}Link", codegen::naming::camel(endpoint)), "");
            let mut href = list_field("href", Ty::Prim(Prim::String));
            href.nullable = total;
            let mut rel = list_field("rel", Ty::Prim(Prim::String));
            rel.required = !total;
            let mut method = list_field("method", Ty::Prim(Prim::String));
            method.required = false;
            types.push(TypeDef {
                name: link_type,
                kind: Kind::Object { fields: vec![href, rel, method], closed: false },
                currency_decimals: None,
            });
            let mut links = list_field("links", Ty::Array(Box::new(Ty::Named(types.len() - 1))));
            links.required = false;
            if total {
                links.constraints = Constraints { max_length: Some(10), ..Constraints::default() };
            }
            response.ty = page_type(types, vec![list_field("items", Ty::Array(Box::new(item))), links]);
            Some(Pagination::NextLink {
                items: Some("items".to_owned()),
                link: Some("links".to_owned()),
                link_header: None,
            })
        }
        8 => {
            // A `Link` header; the body is the list itself, or with `total` an object holding it.
            let wire = unique(response_names, "Link", "-");
            response.headers.push(Field {
                required: false,
                location: Loc::Body,
                ..list_field(&wire, Ty::Prim(Prim::String))
            });
            let items = if total {
                response.ty = page_type(types, vec![list_field("items", Ty::Array(Box::new(item)))]);
                Some("items".to_owned())
            } else {
                response.ty = Ty::Array(Box::new(item));
                None
            };
            Some(Pagination::NextLink { items, link: None, link_header: Some(wire) })
        }
        4 => {
            // Each item is wrapped in an object with the `id` the next request starts after.
            let offset = argument("starting_after", Ty::Prim(Prim::String), Constraints::default());
            let mut value = list_field("value", item);
            value.required = false;
            let mut names: BTreeSet<String> = types.iter().map(|t| t.name.to_ascii_lowercase()).collect();
            let wrapper = unique(&mut names, &format!("{}Entry", codegen::naming::camel(endpoint)), "");
            types.push(TypeDef {
                name: wrapper,
                kind: Kind::Object { fields: vec![list_field("id", Ty::Prim(Prim::String)), value], closed: false },
                currency_decimals: None,
            });
            let entry = Ty::Named(types.len() - 1);
            let mut fields = vec![list_field("data", Ty::Array(Box::new(entry)))];
            let has_more = total.then(|| {
                fields.push(list_field("has_more", Ty::Prim(Prim::Boolean)));
                "has_more".to_owned()
            });
            response.ty = page_type(types, fields);
            Some(Pagination::LastItem { limit: total.then_some(limit), offset, items: "data".to_owned(), has_more })
        }
        5 => {
            let page = argument("page", Ty::Prim(Prim::Int32), Constraints { min: Some(1), ..Constraints::default() });
            let mut fields = vec![list_field("items", Ty::Array(Box::new(item)))];
            let total_pages = total.then(|| {
                let mut count = list_field("total_pages", Ty::Prim(Prim::Integer));
                count.required = false;
                // Bounds make the count a newtype of its own, which the walk reads as well as a plain integer.
                count.constraints = Constraints { min: Some(0), ..Constraints::default() };
                fields.push(count);
                "total_pages".to_owned()
            });
            response.ty = page_type(types, fields);
            let (limit, first_page) = if total { (None, 1) } else { (Some(limit), 0) };
            Some(Pagination::PageNumber { limit, offset: page, first_page, items: "items".to_owned(), total_pages })
        }
        _ => {
            let offset = argument("offset", Ty::Prim(Prim::String), Constraints::default());
            let mut next = list_field("next_offset", Ty::Prim(Prim::String));
            next.required = false;
            next.nullable = true;
            response.ty = page_type(types, vec![list_field("data", Ty::Array(Box::new(item))), next]);
            Some(Pagination::OffsetToken {
                limit,
                offset,
                items: "data".to_owned(),
                next_offset: "next_offset".to_owned(),
            })
        }
    }
}

fn group(
    types: &mut Vec<TypeDef>,
    arguments: &mut Vec<Field>,
    taken: &mut BTreeSet<String>,
    method: Method,
    gene: &EndpointGene,
    paged: &[String],
) -> Vec<Group> {
    let Some((count, with_empty, with_sets, membership)) = &gene.group else { return Vec::new() };
    // The page walk sets its arguments on the request itself, so none of them joins a group.
    let candidates: Vec<usize> = (0..arguments.len())
        .filter(|i| {
            let a = &arguments[*i];
            !a.required && a.location != Loc::Path && !paged.contains(&a.wire)
        })
        .collect();
    let mut alternatives: Vec<Alternative> = Vec::new();
    let mut alt_names = BTreeSet::new();
    for i in 0..*count {
        alternatives.push(Alternative {
            name: unique(&mut alt_names, ALTERNATIVE_NAMES[i % ALTERNATIVE_NAMES.len()], "_"),
            arguments: Vec::new(),
            optional: Vec::new(),
            sets: Vec::new(),
        });
    }
    for (slot, index) in candidates.iter().enumerate() {
        let (which, required) = membership[slot % membership.len()];
        let which = usize::from(which);
        if which >= alternatives.len() {
            continue;
        }
        let wire = arguments[*index].wire.clone();
        if required {
            alternatives[which].arguments.push(wire);
        } else {
            alternatives[which].optional.push(wire);
        }
    }
    // Every alternative but at most one (the default) is recognised by a required argument of its own, so the
    // arguments given always say which alternative was meant.
    let mut empty_seen = false;
    alternatives.retain(|a| {
        if !a.arguments.is_empty() {
            return true;
        }
        let keep = *with_empty && !empty_seen && a.optional.is_empty();
        empty_seen |= keep;
        keep
    });
    if alternatives.len() < 2 {
        return Vec::new();
    }
    if *with_sets {
        let values: Vec<String> = alternatives.iter().map(|a| a.name.clone()).collect();
        let mut names: BTreeSet<String> = types.iter().map(|t| t.name.to_ascii_lowercase()).collect();
        let type_name = unique(&mut names, "Method", "");
        types.push(TypeDef {
            name: type_name,
            kind: Kind::Enum { values: values.clone(), default: None },
            currency_decimals: None,
        });
        let wire = unique(taken, "method", "_");
        let location = if method == Method::Get { Loc::Query } else { Loc::Body };
        arguments.push(Field {
            wire: wire.clone(),
            rust_name: None,
            ty: Ty::Named(types.len() - 1),
            required: false,
            nullable: false,
            read_only: false,
            constraints: Constraints::default(),
            location,
            encoding: None,
            extras: Extras::default(),
            api_wide: false,
        });
        for (alternative, value) in alternatives.iter_mut().zip(values) {
            alternative.sets.push((wire.clone(), value));
        }
    }
    let group_name = ["destination", "selector", "request", "mode"][gene.name.len() % 4].to_owned();
    vec![Group { name: group_name, alternatives }]
}

/// Makes optional every required, non-nullable field that closes a cycle of such fields between objects: a value
/// of such a cycle would be infinite.
/// Gives an object whose gene asks for it a `currency_decimals` rule over an amount field (a decimal or a decimal
/// string) and a currency field (a string or an enum, whose values are then the listed codes); an object without
/// them gets an optional `amount` (a decimal) and `currency` (the first enum type, or a string) first.
fn fit_currency_rules(types: &mut [TypeDef], genes: &[(&'static str, TypeGene)]) {
    let first_enum = types.iter().position(|t| matches!(t.kind, Kind::Enum { .. }));
    for (index, (_, gene)) in genes.iter().enumerate() {
        let TypeGene::Object { money: Some(with_default), .. } = gene else { continue };
        add_money_fields(types, index, first_enum);
        let Kind::Object { fields, .. } = &types[index].kind else { continue };
        let is_amount = |ty: &Ty| match ty {
            Ty::Prim(p) => *p == Prim::Decimal,
            Ty::Named(i) => {
                matches!(types[*i].kind, Kind::Decimal { .. } | Kind::Str { format: Some(Format::Decimal), .. })
            }
            _ => false,
        };
        let codes = |ty: &Ty| -> Option<Vec<String>> {
            match ty {
                Ty::Prim(Prim::String) => Some(Vec::new()),
                Ty::Named(i) => match &types[*i].kind {
                    Kind::Enum { values, .. } => Some(values.clone()),
                    Kind::Str { format: None, .. } => Some(Vec::new()),
                    _ => None,
                },
                _ => None,
            }
        };
        let Some(amount) = fields.iter().find(|f| is_amount(&f.ty)) else { continue };
        let Some((currency, codes)) =
            fields.iter().filter(|f| f.wire != amount.wire).find_map(|f| codes(&f.ty).map(|codes| (f, codes)))
        else {
            continue;
        };
        let places: Vec<(String, u64)> =
            codes.iter().take(2).zip([0, 3]).map(|(code, places)| (code.clone(), places)).collect();
        if places.is_empty() && !with_default {
            continue;
        }
        let rule = CurrencyRule {
            amount: amount.wire.clone(),
            currency: currency.wire.clone(),
            default: with_default.then_some(2),
            places,
        };
        types[index].currency_decimals = Some(rule);
    }
}

/// A required, non-nullable body field of type `ty`, with nothing else set.
fn body_field(wire: &str, ty: Ty) -> Field {
    Field {
        wire: wire.to_owned(),
        rust_name: None,
        ty,
        required: true,
        nullable: false,
        read_only: false,
        constraints: Constraints::default(),
        location: Loc::Body,
        encoding: None,
        extras: Extras::default(),
        api_wide: false,
    }
}

/// Adds an optional decimal `amount` and a `currency` to the object at `index` when it has none of each kind.
fn add_money_fields(types: &mut [TypeDef], index: usize, first_enum: Option<usize>) {
    let amount_ty = |ty: &Ty| match ty {
        Ty::Prim(p) => *p == Prim::Decimal,
        Ty::Named(i) => {
            matches!(types[*i].kind, Kind::Decimal { .. } | Kind::Str { format: Some(Format::Decimal), .. })
        }
        _ => false,
    };
    let Kind::Object { fields, .. } = &types[index].kind else { return };
    let has_amount = fields.iter().any(|f| amount_ty(&f.ty));
    let has_currency = fields.iter().any(|f| match &f.ty {
        Ty::Prim(Prim::String) => true,
        Ty::Named(i) => matches!(types[*i].kind, Kind::Enum { .. } | Kind::Str { format: None, .. }),
        _ => false,
    });
    let mut taken: BTreeSet<String> = fields.iter().map(|f| f.wire.to_ascii_lowercase()).collect();
    let mut added = Vec::new();
    let field = |wire: String, ty: Ty| Field { required: false, ..body_field(&wire, ty) };
    if !has_amount {
        added.push(field(unique(&mut taken, "amount", "_"), Ty::Prim(Prim::Decimal)));
    }
    if !has_currency {
        let ty = first_enum.map_or(Ty::Prim(Prim::String), Ty::Named);
        added.push(field(unique(&mut taken, "currency", "_"), ty));
    }
    if let Kind::Object { fields, .. } = &mut types[index].kind {
        fields.extend(added);
    }
}

/// Gives each union the variants its gene asks for that the language allows: object types, each once, that do not
/// list the tag among their fields. A union left without any becomes an empty open object, which every use of the
/// union (a body field, an array item, `expandable<...>`) also admits.
fn fit_unions(types: &mut [TypeDef], genes: &[(&'static str, TypeGene)]) {
    for (index, (_, gene)) in genes.iter().enumerate() {
        let TypeGene::Union { variants: wanted, .. } = gene else { continue };
        let Kind::Union { tag, .. } = &types[index].kind else { continue };
        let tag = tag.clone();
        let mut chosen: Vec<usize> = Vec::new();
        for &candidate in wanted {
            let candidate = candidate % types.len();
            let fits = match &types[candidate].kind {
                Kind::Object { fields, .. } => fields.iter().all(|f| f.wire != tag),
                _ => false,
            };
            if fits && !chosen.contains(&candidate) {
                chosen.push(candidate);
            }
        }
        types[index].kind = if chosen.is_empty() {
            Kind::Object { fields: Vec::new(), closed: false }
        } else {
            let variants = chosen.into_iter().zip(UNION_VARIANTS).map(|(object, wire)| ((*wire).to_owned(), object));
            Kind::Union { tag, variants: variants.collect() }
        };
    }
}

fn break_required_cycles(types: &mut [TypeDef]) {
    loop {
        let Some((owner, field)) = find_required_cycle(types) else { return };
        if let Kind::Object { fields, .. } = &mut types[owner].kind {
            fields[field].required = false;
        }
    }
}

fn find_required_cycle(types: &[TypeDef]) -> Option<(usize, usize)> {
    fn visit(
        types: &[TypeDef],
        at: usize,
        stack: &mut Vec<usize>,
        done: &mut BTreeSet<usize>,
    ) -> Option<(usize, usize)> {
        stack.push(at);
        if let Kind::Object { fields, .. } = &types[at].kind {
            for (index, field) in fields.iter().enumerate() {
                let Ty::Named(target) = field.ty else { continue };
                if !field.required || field.nullable {
                    continue;
                }
                // A union's value is one of its variants' objects: each of them follows.
                let next: Vec<usize> = match &types[target].kind {
                    Kind::Object { .. } => vec![target],
                    Kind::Union { variants, .. } => variants.iter().map(|(_, object)| *object).collect(),
                    _ => continue,
                };
                for next in next {
                    if stack.contains(&next) {
                        return Some((at, index));
                    }
                    if !done.contains(&next) {
                        if let Some(found) = visit(types, next, stack, done) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        stack.pop();
        done.insert(at);
        None
    }
    let mut done = BTreeSet::new();
    (0..types.len()).find_map(|start| {
        if done.contains(&start) {
            None
        } else {
            visit(types, start, &mut Vec::new(), &mut done)
        }
    })
}
