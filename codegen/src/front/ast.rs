//! What a spec file says, as written, with a span on everything a diagnostic may point at.
//!
//! The reader fills these leniently: a missing or malformed value is `None` (its diagnostic is already recorded) so
//! that later checks still run on everything else. Only a spec without diagnostics is lowered to the IR.

use crate::source::{FileId, Span};
use std::collections::HashMap;

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

pub type Text = Spanned<String>;

impl Text {
    /// The span of `range` (byte offsets into the value) when the value is written as it reads: plain, or quoted
    /// without escapes. Otherwise (escapes, folded lines) the span of the whole value.
    pub fn sub_span(&self, range: std::ops::Range<usize>) -> Span {
        let written = self.span.end - self.span.start;
        let open = if written == self.value.len() {
            0
        } else if written == self.value.len() + 2 {
            1
        } else {
            return self.span;
        };
        let start = self.span.start + open + range.start.min(self.value.len());
        let end = self.span.start + open + range.end.min(self.value.len());
        Span::new(self.span.file, start, end)
    }
}

/// A JSON value written in the spec (examples, defaults).
pub type Json = Spanned<serde_json::Value>;

#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub description: Option<Text>,
    pub source: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub file: FileId,
    pub root: Span,
    pub api: Api,
    pub servers: Vec<Server>,
    pub servers_span: Span,
    pub versioning: Option<Versioning>,
    pub auth: Vec<AuthScheme>,
    pub errors: Option<Errors>,
    pub types: Vec<TypeDef>,
    pub endpoints: Vec<Endpoint>,
    pub webhooks: Option<Webhooks>,
    pub written: Written,
}

/// The keys each mapping of the spec was written with, by spec path. Rules that report a missing key ask here: a key
/// written with a value that could not be read is not missing (that problem is already reported), and a mapping that
/// lost a line to syntax-error recovery may well have had the key on that line.
#[derive(Clone, Debug, Default)]
pub struct Written {
    maps: HashMap<String, WrittenMap>,
}

#[derive(Clone, Debug)]
struct WrittenMap {
    /// Each key, with its span when it was written without a value.
    keys: Vec<(String, Option<Span>)>,
    incomplete: bool,
}

/// How a key stands in the mapping it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Written with a value (readable or not).
    Present,
    /// Written with nothing after the `:`; the span is the key's.
    Empty(Span),
    /// Not written, in a mapping that was read whole.
    Absent,
    /// The mapping was not read, or lost a line to syntax-error recovery: nothing can be said.
    Unknown,
}

impl Written {
    pub fn record(&mut self, path: &str, keys: impl IntoIterator<Item = (String, Option<Span>)>, incomplete: bool) {
        self.maps.insert(path.to_owned(), WrittenMap { keys: keys.into_iter().collect(), incomplete });
    }

    /// Whether the mapping at `path` was read (whole or not).
    pub fn is_recorded(&self, path: &str) -> bool {
        self.maps.contains_key(path)
    }

    pub fn state(&self, path: &str, key: &str) -> KeyState {
        let Some(map) = self.maps.get(path) else { return KeyState::Unknown };
        match map.keys.iter().find(|(k, _)| k == key) {
            Some((_, None)) => KeyState::Present,
            Some((_, Some(span))) => KeyState::Empty(*span),
            None if map.incomplete => KeyState::Unknown,
            None => KeyState::Absent,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Rpc,
    Rest,
}

#[derive(Clone, Debug)]
pub struct Api {
    pub span: Span,
    pub name: Option<Text>,
    pub title: Option<Text>,
    pub doc: Doc,
    pub style: Option<Spanned<Style>>,
    pub path_prefix: Option<Text>,
    pub docs_url: Option<Text>,
    pub body_encoding: Option<Spanned<BodyEncoding>>,
}

#[derive(Clone, Debug)]
pub struct Server {
    pub name: Text,
    pub url: Option<Text>,
    pub doc: Doc,
    pub variables: Vec<ServerVariable>,
}

#[derive(Clone, Debug)]
pub struct ServerVariable {
    pub name: Text,
    pub doc: Doc,
    pub example: Option<Json>,
}

#[derive(Clone, Debug)]
pub struct Versioning {
    pub span: Span,
    pub header: Option<Text>,
    pub versions: Vec<Text>,
    pub default: Option<Text>,
    pub doc: Doc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    Bearer,
    Basic,
    ApiKey,
    /// OAuth 2.0 client credentials: a bearer token the client fetches at `token_url` with its ID and secret.
    OAuth2ClientCredentials,
}

impl AuthKind {
    pub fn name(self) -> &'static str {
        match self {
            AuthKind::Bearer => "bearer",
            AuthKind::Basic => "basic",
            AuthKind::ApiKey => "api_key",
            AuthKind::OAuth2ClientCredentials => "oauth2_client_credentials",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AuthScheme {
    pub name: Text,
    pub kind: Option<Spanned<AuthKind>>,
    pub header: Option<Text>,
    pub format: Option<Text>,
    /// `oauth2_client_credentials`: the path of the token endpoint on the API's server.
    pub token_url: Option<Text>,
    /// `oauth2_client_credentials`: the scopes to ask for.
    pub scopes: Vec<Text>,
    pub environments: Vec<Text>,
    pub doc: Doc,
    pub example: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorStyle {
    /// `[code, message, details]` read by position on one status: `by_code` with `/0`, `/1` and `/2`.
    CodeArray,
    /// A code at a JSON pointer of the body, several codes per status.
    ByCode,
    ByStatus,
}

/// How one error of a `by_code` API is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorMatch {
    /// By its status and the code in the body (the default).
    Code,
    /// By its status alone, as an error documented with no body or a body without a code.
    Status,
}

#[derive(Clone, Debug)]
pub struct Errors {
    pub span: Span,
    pub style: Option<Spanned<ErrorStyle>>,
    pub status: Option<Spanned<u64>>,
    pub case_insensitive_codes: Option<Spanned<bool>>,
    /// `by_code`: JSON pointers to the code, the message and the part an error's `details` type describes.
    pub code: Option<Text>,
    pub message: Option<Text>,
    pub details: Option<Text>,
    pub content_types: Vec<Text>,
    pub doc: Doc,
    pub codes: Vec<ErrorCode>,
}

/// Where the code, the message and the details of an error told by its code are in the body, as JSON pointers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodePlaces {
    pub code: String,
    pub message: Option<String>,
    pub details: String,
}

impl Errors {
    /// Where errors carry their code, for an API whose errors are told by code: `code_array` reads them by position,
    /// `by_code` where its pointers say (details default to the whole body). `None` for `by_status`.
    pub fn code_places(&self) -> Option<CodePlaces> {
        match self.style.as_ref()?.value {
            ErrorStyle::ByStatus => None,
            ErrorStyle::CodeArray => {
                Some(CodePlaces { code: "/0".into(), message: Some("/1".into()), details: "/2".into() })
            }
            ErrorStyle::ByCode => Some(CodePlaces {
                code: self.code.as_ref().map_or_else(String::new, |t| t.value.clone()),
                message: self.message.as_ref().map(|t| t.value.clone()),
                details: self.details.as_ref().map_or_else(String::new, |t| t.value.clone()),
            }),
        }
    }
}

impl ErrorCode {
    /// Every status the error arrives with.
    pub fn statuses(&self) -> impl Iterator<Item = &Spanned<u64>> {
        self.status.iter().chain(&self.also)
    }

    /// Whether the error is told by its status alone: every error of a `by_status` API, and a `by_code` error with
    /// `match: status`.
    pub fn told_by_status(&self, style: ErrorStyle) -> bool {
        match style {
            ErrorStyle::ByStatus => true,
            ErrorStyle::CodeArray => false,
            ErrorStyle::ByCode => self.matched_by.as_ref().is_some_and(|m| m.value == ErrorMatch::Status),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ErrorCode {
    pub name: Text,
    /// The Rust variant to use instead of the one derived from the name (the wire code stays the name).
    pub rust_name: Option<Text>,
    pub path: String,
    pub doc: Doc,
    pub common: bool,
    pub details: Option<TypeRef>,
    /// The status (the first, when the spec lists several).
    pub status: Option<Spanned<u64>>,
    /// Further statuses the same error arrives with (`status: [400, 422]`).
    pub also: Vec<Spanned<u64>>,
    pub body: Option<ErrorBody>,
    /// `by_code`: whether the error is told by its code (default) or by its status alone.
    pub matched_by: Option<Spanned<ErrorMatch>>,
    pub headers: Vec<Field>,
    /// Whether the server, answering with this error, says it did not act on the request.
    pub outcome: Option<Spanned<ErrorOutcome>>,
}

/// What an error's `body` says: its type, or `none` for an error told by its status and headers alone.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    Type(TypeRef),
    None(Span),
}

impl ErrorBody {
    pub fn span(&self) -> Span {
        match self {
            ErrorBody::Type(ty) => ty.span,
            ErrorBody::None(span) => *span,
        }
    }

    pub fn type_ref(&self) -> Option<&TypeRef> {
        match self {
            ErrorBody::Type(ty) => Some(ty),
            ErrorBody::None(_) => None,
        }
    }
}

/// What an error says about the request it answers (`outcome:` of an error code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorOutcome {
    /// The server refused the request and did nothing: it may be sent again.
    Refused,
    /// The error says nothing about whether the server acted (an internal failure, a gateway time-out).
    Unknown,
}

/// Built-in types of the spec language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
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

impl Primitive {
    pub const ALL: [(&'static str, Primitive); 11] = [
        ("string", Primitive::String),
        ("boolean", Primitive::Boolean),
        ("integer", Primitive::Integer),
        ("int32", Primitive::Int32),
        ("decimal", Primitive::Decimal),
        ("date", Primitive::Date),
        ("date_time", Primitive::DateTime),
        ("unix_time", Primitive::UnixTime),
        ("uri", Primitive::Uri),
        ("email", Primitive::Email),
        ("json", Primitive::Json),
    ];

    pub fn from_name(name: &str) -> Option<Primitive> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, p)| *p == self).map_or("?", |(n, _)| n)
    }
}

/// A parsed type expression.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeExpr {
    Primitive(Primitive),
    Named(String),
    Array(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    /// `expandable<Name>`: the ID of an object of the named object type, or the object itself, as Stripe sends a
    /// field the caller may ask to expand.
    Expandable(String),
}

impl TypeExpr {
    /// The named type the expression is or refers to as a whole (`Payout` and `expandable<Payout>`), not through
    /// an array or map.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(name) | TypeExpr::Expandable(name) => Some(name),
            TypeExpr::Primitive(_) | TypeExpr::Array(_) | TypeExpr::Map(_) => None,
        }
    }
}

impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::Primitive(p) => f.write_str(p.name()),
            TypeExpr::Named(n) => f.write_str(n),
            TypeExpr::Array(t) => write!(f, "array<{t}>"),
            TypeExpr::Map(t) => write!(f, "map<{t}>"),
            TypeExpr::Expandable(n) => write!(f, "expandable<{n}>"),
        }
    }
}

/// A type expression and where it was written. `span` covers the whole expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    pub expr: TypeExpr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Enum,
    String,
    Integer,
    Decimal,
    Id,
    Union,
}

impl TypeKind {
    pub fn name(self) -> &'static str {
        match self {
            TypeKind::Object => "object",
            TypeKind::Enum => "enum",
            TypeKind::String => "string",
            TypeKind::Integer => "integer",
            TypeKind::Decimal => "decimal",
            TypeKind::Id => "id",
            TypeKind::Union => "union",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringFormat {
    Date,
    DateTime,
    LocalDateTime,
    Uri,
    Email,
    Digits,
    PositiveInteger,
    Decimal,
}

/// Value constraints, on a named type or inline on a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub min: Option<Spanned<rust_decimal::Decimal>>,
    pub max: Option<Spanned<rust_decimal::Decimal>>,
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub length: Option<Spanned<u64>>,
    pub pattern: Option<Text>,
    pub max_decimals: Option<Spanned<u64>>,
    /// Rules on each key of a `map<...>` field.
    pub key_min_length: Option<Spanned<u64>>,
    pub key_max_length: Option<Spanned<u64>>,
    pub key_pattern: Option<Text>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: Text,
    pub path: String,
    pub kind: Option<Spanned<TypeKind>>,
    pub doc: Doc,
    pub example: Option<Json>,
    /// `object`
    pub fields: Vec<Field>,
    pub closed: bool,
    /// `enum`
    pub values: Vec<EnumValue>,
    /// The `values` key, when it is written as an empty mapping.
    pub empty_values: Option<Span>,
    pub default: Option<Json>,
    /// `string`, `integer`, `decimal`
    pub constraints: Constraints,
    pub format: Option<Spanned<StringFormat>>,
    pub width: Option<Spanned<u64>>,
    /// `id`
    pub uid_prefix: Option<Text>,
    pub external: bool,
    /// `object`: decimal places of an amount field that depend on a currency field.
    pub currency_decimals: Option<CurrencyDecimals>,
    /// `union`: the key of the tag field, and which object type each tag value stands for.
    pub tag: Option<Text>,
    pub variants: Vec<UnionVariant>,
    /// Syntax-error recovery skipped a line of this type (its fields or values included), so values are not judged
    /// against it.
    pub incomplete: bool,
}

/// `currency_decimals` of an object: its amount field may have at most as many decimal places as its currency field's
/// code takes.
#[derive(Clone, Debug)]
pub struct CurrencyDecimals {
    /// The `currency_decimals` key, for messages about the rule as a whole.
    pub span: Span,
    pub amount: Option<Text>,
    pub currency: Option<Text>,
    pub default: Option<Spanned<u64>>,
    /// Currency code and places.
    pub places: Vec<(Text, Spanned<u64>)>,
}

/// One variant of a `union`: a value of its tag, and the object type the rest of the fields then belong to.
#[derive(Clone, Debug)]
pub struct UnionVariant {
    pub tag: Text,
    pub ty: Text,
    /// The Rust variant's name, for a tag value that makes none (`self`, `3ds`).
    pub rust_name: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub value: Text,
    pub doc: Doc,
    pub rust_name: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Body,
    Query,
    Path,
    Header,
}

impl Location {
    pub fn name(self) -> &'static str {
        match self {
            Location::Body => "body",
            Location::Query => "query",
            Location::Path => "path",
            Location::Header => "header",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Repeated,
    Comma,
    Sort,
    Filter,
    Form,
}

/// How a request body is written (`body_encoding` of the API or an endpoint).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    Form,
}

/// A field of an object, an argument, or a header.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: Text,
    pub path: String,
    pub ty: Option<TypeRef>,
    pub doc: Doc,
    pub required: bool,
    pub nullable: bool,
    pub default: Option<Json>,
    pub example: Option<Json>,
    pub constraints: Constraints,
    pub read_only: bool,
    pub aliases: Vec<Text>,
    pub rust_name: Option<Text>,
    /// Arguments only.
    pub location: Option<Spanned<Location>>,
    pub encoding: Option<Spanned<Encoding>>,
    /// Syntax-error recovery skipped a line of this field, so values are not judged against it.
    pub incomplete: bool,
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
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub name: Text,
    pub path_in_spec: String,
    pub summary: Option<Text>,
    pub doc: Doc,
    pub method: Option<Spanned<Method>>,
    pub path: Option<Text>,
    pub auth_required: bool,
    /// `auth: <scheme>`: the one scheme the endpoint authenticates with.
    pub auth_scheme: Option<Text>,
    pub body_encoding: Option<Spanned<BodyEncoding>>,
    pub arguments: Vec<Field>,
    pub groups: Vec<Group>,
    pub response: Option<Response>,
    pub pagination: Option<Pagination>,
    pub errors: Vec<EndpointError>,
    pub idempotency: Option<Idempotency>,
    pub examples: Vec<Example>,
}

/// What the server does with a repeated request of a creating endpoint (`idempotency:`).
#[derive(Clone, Debug)]
pub struct Idempotency {
    pub span: Span,
    pub path: String,
    /// Argument path (`external_id`, `initiation.refId`) of the caller's reference.
    pub reference: Option<Text>,
    pub repeat: Option<Spanned<Repeat>>,
    /// The client makes the reference itself when the caller leaves it out (`generate: uuid`).
    pub generate: Option<Spanned<KeyGenerator>>,
    /// With `repeat: rejected`, the error a repeated reference is answered with.
    pub duplicate_error: Option<Text>,
    pub lookup: Option<Lookup>,
}

/// How the client makes a reference the caller did not give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyGenerator {
    /// A random UUID (version 4), as Stripe's and PayPal's SDKs make idempotency keys.
    Uuid,
}

/// What the server does when the same reference arrives again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// It answers with the first result, doing nothing again.
    Replayed,
    /// It refuses the repeat (with `duplicate_error`, when the docs name it).
    Rejected,
    /// The docs do not say.
    Undocumented,
}

/// An endpoint that finds what a creating call made, by its reference.
#[derive(Clone, Debug)]
pub struct Lookup {
    pub span: Span,
    pub path: String,
    pub endpoint: Option<Text>,
    /// The lookup endpoint's argument that takes the reference.
    pub argument: Option<Text>,
    /// Fixed values for the lookup's other arguments.
    pub with: Vec<(Text, Spanned<serde_json::Value>)>,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub name: Text,
    pub path: String,
    pub doc: Doc,
    pub alternatives: Vec<Alternative>,
}

#[derive(Clone, Debug)]
pub struct Alternative {
    pub name: Text,
    pub path: String,
    pub doc: Doc,
    pub arguments: Vec<Text>,
    pub optional: Vec<Text>,
    pub sets: Vec<(Text, Text)>,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub span: Span,
    pub status: Option<Spanned<u64>>,
    pub ty: Option<TypeRef>,
    pub doc: Doc,
    pub headers: Vec<Field>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    CursorBody,
    OffsetToken,
    LimitOffset,
    /// The next request starts after the last item received: a field of it goes into the `offset` argument.
    LastItem,
    /// The `offset` argument counts pages.
    PageNumber,
    /// The request is sent again to the URL a page links to (`link` or `link_header`).
    NextLink,
}

#[derive(Clone, Debug)]
pub struct Pagination {
    pub span: Span,
    pub kind: Option<Spanned<PageKind>>,
    pub items: Option<Text>,
    pub next: Option<Text>,
    pub previous: Option<Text>,
    pub limit: Option<Text>,
    pub offset: Option<Text>,
    pub next_offset: Option<Text>,
    pub total_header: Option<Text>,
    /// `last_item`: the field of an item (dotted) whose value the next request starts after.
    pub last_item: Option<Text>,
    /// `page_number`: the number of the first page, when the request does not say. Default 1.
    pub first_page: Option<Spanned<u64>>,
    /// `page_number`: the response field (dotted) giving the number of pages.
    pub total_pages: Option<Text>,
    /// `next_link`: the response field (dotted) holding the next page's URL, or the relations (`rel`, `href`) that
    /// name it.
    pub link: Option<Text>,
    /// `next_link`: the response header that links to the next page, as RFC 8288 writes it.
    pub link_header: Option<Text>,
    /// Any kind: the boolean response field (dotted) that says whether more pages follow.
    pub has_more: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct EndpointError {
    pub name: Text,
    pub doc: Doc,
}

#[derive(Clone, Debug)]
pub struct Example {
    pub span: Span,
    pub path: String,
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub request: Option<Json>,
    pub status: Option<Spanned<u64>>,
    pub error: Option<Text>,
    pub response: Option<Json>,
    pub headers: Vec<(Text, Json)>,
    /// Syntax-error recovery skipped a line of this example (perhaps its `error` or `status`), so it is not judged.
    pub incomplete: bool,
}

/// The `webhooks` section: the events the API delivers, and how a delivery is signed.
#[derive(Clone, Debug)]
pub struct Webhooks {
    pub span: Span,
    pub doc: Doc,
    /// Dotted path of the payload field that names the event.
    pub event_type: Option<Text>,
    pub events: Vec<WebhookEvent>,
    pub signature: Option<WebhookSignature>,
    /// Why deliveries are not signed (instead of `signature`).
    pub unsigned: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct WebhookEvent {
    /// The value of the event-type field.
    pub name: Text,
    pub path: String,
    pub doc: Doc,
    /// The type of the whole body of such a delivery.
    pub payload: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct WebhookSignature {
    pub span: Span,
    pub doc: Doc,
    pub header: Option<Text>,
    pub prefix: Option<Text>,
    pub parts: Option<SignatureParts>,
    pub algorithm: Option<Spanned<SignatureAlgorithm>>,
    pub key: Option<Spanned<SignatureKey>>,
    /// Published public keys, name to PEM text.
    pub keys: Vec<(Text, Text)>,
    pub encoding: Option<Spanned<SignatureEncoding>>,
    /// The template of what is signed; `{body}` when absent.
    pub signed: Option<Text>,
    pub tolerance: Option<Spanned<u64>>,
}

/// A signature header written as `key=value` parts.
#[derive(Clone, Debug)]
pub struct SignatureParts {
    pub span: Span,
    pub timestamp: Option<Text>,
    pub signature: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    HmacSha256,
    RsaSha256,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureKey {
    Secret,
    Base64Secret,
    PublicKey,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureEncoding {
    Hex,
    Base64,
}
