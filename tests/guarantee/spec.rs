//! The test's own description of a random spec: what the strategies build, what is written out as YAML for `check`,
//! and what the wire model reads. It is deliberately not the codegen IR, so that the model of what must cross the
//! wire is derived independently of the code under test.

/// A primitive of the spec language's type expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prim {
    String,
    Boolean,
    Integer,
    Int32,
    Decimal,
    Date,
    DateTime,
    UnixTime,
    Uri,
    Email,
    Json,
}

impl Prim {
    pub const ALL: [Prim; 11] = [
        Prim::String,
        Prim::Boolean,
        Prim::Integer,
        Prim::Int32,
        Prim::Decimal,
        Prim::Date,
        Prim::DateTime,
        Prim::UnixTime,
        Prim::Uri,
        Prim::Email,
        Prim::Json,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Boolean => "boolean",
            Prim::Integer => "integer",
            Prim::Int32 => "int32",
            Prim::Decimal => "decimal",
            Prim::Date => "date",
            Prim::DateTime => "date_time",
            Prim::UnixTime => "unix_time",
            Prim::Uri => "uri",
            Prim::Email => "email",
            Prim::Json => "json",
        }
    }
}

/// A type expression; `Named` is an index into [`Spec::types`].
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Prim(Prim),
    Named(usize),
    Array(Box<Ty>),
    Map(Box<Ty>),
    /// `expandable<Name>` of an object type: an ID string or the object.
    Expandable(usize),
}

/// A string format of `kind: string` types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Date,
    DateTime,
    LocalDateTime,
    Uri,
    Email,
    Digits,
    PositiveInteger,
    Decimal,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Date,
        Format::DateTime,
        Format::LocalDateTime,
        Format::Uri,
        Format::Email,
        Format::Digits,
        Format::PositiveInteger,
        Format::Decimal,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date_time",
            Format::LocalDateTime => "local_date_time",
            Format::Uri => "uri",
            Format::Email => "email",
            Format::Digits => "digits",
            Format::PositiveInteger => "positive_integer",
            Format::Decimal => "decimal",
        }
    }
}

/// Patterns the strategies may put on strings, each with what a matching value looks like (see `values.rs`).
pub const PATTERNS: &[&str] = &["[A-Z]{3}", "[0-9]{4,8}", "[a-z][a-z0-9_]{0,11}", "(GB|DE)[0-9]{2}", "\\+?[0-9]{6,12}"];

/// Constraints that may stand on a field or on a named type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub length: Option<u64>,
    /// Index into [`PATTERNS`].
    pub pattern: Option<usize>,
    pub max_decimals: Option<u64>,
    /// On a map field: the most characters of a key (the values drawn have keys of at most 3).
    pub key_max_length: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Object {
        fields: Vec<Field>,
        closed: bool,
    },
    Enum {
        values: Vec<String>,
        default: Option<usize>,
    },
    Str {
        constraints: Constraints,
        format: Option<Format>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
        width32: bool,
    },
    Decimal {
        min: Option<i64>,
        max: Option<i64>,
        max_decimals: Option<u64>,
    },
    Id {
        prefix: String,
        external: bool,
        max_length: Option<u64>,
    },
    /// A tagged union: the tag's key, and each tag value with the object type (by index) beside it.
    Union {
        tag: String,
        variants: Vec<(String, usize)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub kind: Kind,
    /// An object's `currency_decimals` rule.
    pub currency_decimals: Option<CurrencyRule>,
}

/// The amount field's decimal places by the currency field's code (wire names), with the places of unlisted codes.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrencyRule {
    pub amount: String,
    pub currency: String,
    pub default: Option<u64>,
    pub places: Vec<(String, u64)>,
}

impl CurrencyRule {
    /// The most places an amount in `code` may have, if the rule says.
    pub fn places_of(&self, code: &str) -> Option<u64> {
        self.places.iter().find(|(c, _)| c == code).map(|(_, n)| *n).or(self.default)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    Body,
    Query,
    Path,
    Header,
}

impl Loc {
    pub fn word(self) -> &'static str {
        match self {
            Loc::Body => "body",
            Loc::Query => "query",
            Loc::Path => "path",
            Loc::Header => "header",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Repeated,
    Comma,
    /// Field names joined by `,`, `-` before a descending one.
    Sort,
    /// `field:value1,value2;field2:value`.
    Filter,
    /// Bracketed keys, as a form body nests values: `created[gte]=1`, `expand[0]=a`.
    Form,
}

/// How a request body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    Form,
}

impl BodyEncoding {
    pub fn word(self) -> &'static str {
        match self {
            BodyEncoding::Json => "json",
            BodyEncoding::Form => "form",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        }
    }
}

impl Encoding {
    pub fn word(self) -> &'static str {
        match self {
            Encoding::Repeated => "repeated",
            Encoding::Comma => "comma",
            Encoding::Sort => "sort",
            Encoding::Filter => "filter",
            Encoding::Form => "form",
        }
    }
}

/// An object field, an endpoint argument or a header.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub wire: String,
    pub rust_name: Option<String>,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub constraints: Constraints,
    pub location: Loc,
    pub encoding: Option<Encoding>,
    pub extras: Extras,
    /// A copy, in an endpoint's arguments, of a request header the spec declares once for every endpoint
    /// (`headers.request`); written there, not on the endpoint.
    pub api_wide: bool,
}

/// Keys that change nothing on the wire of a request, filled in once values can be drawn (`main.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// A valid value the server assumes when the field is absent (never sent by the client).
    pub default: Option<serde_json::Value>,
    /// Older wire names decoding also accepts.
    pub aliases: Vec<String>,
    /// A valid sample value.
    pub example: Option<serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AuthKind {
    Bearer,
    Basic,
    ApiKey(String),
    /// OAuth2 client credentials, with the token endpoint's path.
    OAuth2(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Auth {
    pub name: String,
    pub kind: AuthKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Versioning {
    pub header: String,
    pub versions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCode {
    pub name: String,
    pub common: bool,
    /// With `by_status`.
    pub status: Option<u16>,
    /// Further statuses of the same error (`status: [a, b]`).
    pub also: Vec<u16>,
    /// With `by_status`: the body's type; `None` is `body: none`.
    pub body: Option<Ty>,
    /// With `code_array`, or `by_code` for an error told by code.
    pub details: Option<Ty>,
    /// With `by_code`: `match: status`, told by its status alone.
    pub by_status: bool,
    pub headers: Vec<Field>,
    pub outcome: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ErrorStyle {
    CodeArray {
        status: u16,
    },
    /// JSON pointers to the code, the message (if any) and the details.
    ByCode {
        code: &'static str,
        message: Option<&'static str>,
        details: &'static str,
    },
    ByStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Errors {
    pub style: ErrorStyle,
    pub codes: Vec<ErrorCode>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn word(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: String,
    pub arguments: Vec<String>,
    pub optional: Vec<String>,
    pub sets: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub alternatives: Vec<Alternative>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Pagination {
    /// `next` and `previous` hold the whole request body of the neighbouring pages (`rpc`).
    CursorBody {
        items: String,
    },
    LimitOffset {
        limit: String,
        offset: String,
        items: Option<String>,
        total_header: Option<String>,
    },
    OffsetToken {
        limit: String,
        offset: String,
        items: String,
        next_offset: String,
    },
    /// The next request starts after the last item's `id`; `has_more` may say whether one follows.
    LastItem {
        limit: Option<String>,
        offset: String,
        items: String,
        has_more: Option<String>,
    },
    /// `offset` counts pages from `first_page`; `total_pages` may give their number.
    PageNumber {
        limit: Option<String>,
        offset: String,
        first_page: u8,
        items: String,
        total_pages: Option<String>,
    },
    /// The page links to the next one: `link` names a `string` field or an array of relations (`rel`, `href`),
    /// `link_header` a response header; exactly one of them is given.
    NextLink {
        items: Option<String>,
        link: Option<String>,
        link_header: Option<String>,
    },
}

impl Pagination {
    /// The arguments the walk sets on the request (which no group may hold).
    pub fn arguments(&self) -> Vec<&str> {
        match self {
            Pagination::CursorBody { .. } | Pagination::NextLink { .. } => Vec::new(),
            Pagination::LimitOffset { limit, offset, .. } | Pagination::OffsetToken { limit, offset, .. } => {
                vec![limit, offset]
            }
            Pagination::LastItem { limit, offset, .. } | Pagination::PageNumber { limit, offset, .. } => {
                limit.iter().chain([offset]).map(String::as_str).collect()
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub ty: Ty,
    pub headers: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Idempotency {
    pub reference: String,
    pub repeat: &'static str,
    /// `generate: uuid`: the client fills the reference with a new UUID when the request leaves it out.
    pub generate: bool,
    pub lookup: Option<Lookup>,
}

/// How to find what a creating call made: a read, its argument that takes the reference, fixed values for the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub endpoint: String,
    pub argument: String,
    pub with: Vec<(String, serde_json::Value)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub name: String,
    pub method: Method,
    /// Literal path segments and path-argument names, in order; `Err(name)` is a `{name}` placeholder.
    pub path: Vec<Result<String, String>>,
    pub auth_none: bool,
    /// `auth: <scheme>`: the index in `Spec::auth` of the one scheme the endpoint names.
    pub auth_scheme: Option<usize>,
    pub arguments: Vec<Field>,
    pub groups: Vec<Group>,
    pub response: Response,
    pub pagination: Option<Pagination>,
    /// Indices into [`Errors::codes`] of the errors listed on the endpoint.
    pub errors: Vec<usize>,
    pub idempotency: Option<Idempotency>,
    /// `body_encoding` of the endpoint, when it says one (only on an endpoint that sends a body).
    pub body_encoding: Option<BodyEncoding>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub name: String,
    pub variables: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub name: String,
    /// `Some(prefix)` for `rpc`, `None` for `rest`.
    pub rpc_prefix: Option<String>,
    /// `api.body_encoding`, when the spec says one.
    pub body_encoding: Option<BodyEncoding>,
    /// `headers.request`: request headers every endpoint takes (each endpoint's arguments hold a copy).
    pub api_headers: Vec<Field>,
    pub servers: Vec<Server>,
    pub versioning: Option<Versioning>,
    pub auth: Vec<Auth>,
    pub errors: Errors,
    pub types: Vec<TypeDef>,
    pub endpoints: Vec<Endpoint>,
}

impl Spec {
    pub fn is_rpc(&self) -> bool {
        self.rpc_prefix.is_some()
    }

    /// Whether `endpoint` sends a body: every `rpc` call does, a `rest` one when it has a body argument.
    pub fn sends_body(&self, endpoint: &Endpoint) -> bool {
        self.is_rpc() || endpoint.arguments.iter().any(|a| a.location == Loc::Body)
    }

    /// How `endpoint`'s body is written: its own `body_encoding`, else the API's, else JSON.
    pub fn body_encoding(&self, endpoint: &Endpoint) -> BodyEncoding {
        endpoint.body_encoding.or(self.body_encoding).unwrap_or(BodyEncoding::Json)
    }

    /// The path of an endpoint as the spec gives it (`rest`) or as the language derives it (`rpc`).
    pub fn path_template(&self, endpoint: &Endpoint) -> String {
        match &self.rpc_prefix {
            Some(prefix) => format!("{prefix}{}", endpoint.name.replace('_', "-")),
            None => endpoint
                .path
                .iter()
                .map(|segment| match segment {
                    Ok(text) => format!("/{text}"),
                    Err(name) => format!("/{{{name}}}"),
                })
                .collect(),
        }
    }
}

impl Endpoint {
    pub fn argument(&self, wire: &str) -> Option<&Field> {
        self.arguments.iter().find(|a| a.wire == wire)
    }
}
