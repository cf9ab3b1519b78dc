//! The resolved, owned description of one API that every emitter reads.
//!
//! Built by `front::lower` from a spec that passed every check: names are resolved, defaults applied, each endpoint
//! carries the full list of errors it can return, and Rust names are decided. No spans, no YAML, no options that a
//! check has already ruled out. Order is the spec's own order, so output is deterministic.

// Plain value types the spec and the IR share; the kinds (`crate::kinds`) are the IR's own.
pub use crate::front::ast::{KeyGenerator, Location, Method, Primitive, Repeat, StringFormat, TypeExpr};
pub use crate::front::ast::{SignatureAlgorithm, SignatureEncoding, SignatureKey};
pub use crate::kinds::auth::AuthMethod;
pub use crate::kinds::encoding::{BodyEncoding, QueryEncoding};
pub use crate::kinds::errors::{CodeRules, ErrorShape, ErrorWire};
pub use crate::kinds::paging::{NextLink, PageScheme, Pagination};
pub use crate::kinds::style::ApiStyle;
pub use crate::signed_template::SignedPart;
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub description: String,
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// File name of the spec, for headers and docs of generated code (the same whichever path a door used).
    pub spec_file: String,
    /// Path of the spec as it was given, for messages to the user.
    pub spec_path: String,
    pub name: String,
    pub title: String,
    pub doc: Doc,
    pub style: ApiStyle,
    pub docs_url: Option<String>,
    pub servers: Vec<Server>,
    pub versioning: Option<Versioning>,
    pub auth: Vec<AuthScheme>,
    pub errors: ErrorModel,
    pub types: Vec<TypeDef>,
    /// The events the API delivers, when the spec describes them.
    pub webhooks: Option<Webhooks>,
    pub endpoints: Vec<Endpoint>,
}

impl Api {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn error(&self, name: &str) -> Option<&ErrorDef> {
        self.errors.codes.iter().find(|e| e.name == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub name: String,
    /// Its variant of the generated `Environment` enum.
    pub variant: String,
    pub url: String,
    pub doc: Doc,
    pub variables: Vec<ServerVariable>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServerVariable {
    pub name: String,
    /// The field of the `Environment` variant that takes the variable.
    pub rust_name: String,
    pub doc: Doc,
    pub example: Option<serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Versioning {
    pub header: String,
    pub versions: Vec<String>,
    pub default: String,
    pub doc: Doc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AuthScheme {
    pub name: String,
    /// Its variant of the generated `Auth` enum.
    pub variant: String,
    /// How the credential travels.
    pub method: AuthMethod,
    /// Servers that accept the scheme; empty means all.
    pub environments: Vec<String>,
    pub doc: Doc,
    pub example: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorModel {
    pub shape: ErrorShape,
    pub content_types: Vec<String>,
    pub doc: Doc,
    pub codes: Vec<ErrorDef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDef {
    /// The wire code (an error told by code) or the spec's name (one told by status).
    pub name: String,
    /// Rust variant name.
    pub variant: String,
    pub doc: Doc,
    pub common: bool,
    /// The HTTP status the error arrives with: its own (the first, when it has several), or the one all share
    /// (`code_array`).
    pub status: u16,
    /// Further statuses the same error arrives with (`status: [400, 422]`).
    pub also: Vec<u16>,
    /// The response headers the spec documents for the error (only the payload of an error told by status reads
    /// them).
    pub headers: Vec<Field>,
    /// What it carries: a body (told by status) or details (told by code).
    pub wire: ErrorWire,
    /// The server, answering with this error, says it did not act: the spec's `outcome: refused`, or by default any
    /// 4xx but 408 and 429.
    pub refusal: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Doc,
    pub example: Option<serde_json::Value>,
    pub kind: TypeDefKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeDefKind {
    Object {
        fields: Vec<Field>,
        closed: bool,
        currency_decimals: Option<CurrencyDecimals>,
    },
    Enum {
        values: Vec<EnumValue>,
        default: Option<String>,
    },
    String {
        constraints: Constraints,
        format: Option<StringFormat>,
    },
    Integer {
        constraints: Constraints,
        width: u8,
    },
    Decimal {
        constraints: Constraints,
    },
    Id {
        uid_prefix: String,
        external: bool,
        max_length: Option<u64>,
    },
    /// One JSON object whose `tag` field says which object type the rest of its fields belong to.
    Union {
        tag: String,
        variants: Vec<UnionVariant>,
    },
}

/// An object's amount field may have at most as many decimal places as its currency field's code takes.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrencyDecimals {
    /// The amount field: Rust name, wire name.
    pub amount: (String, String),
    /// The currency field: Rust name, wire name.
    pub currency: (String, String),
    /// Places for a currency not listed; `None` leaves it unchecked.
    pub default: Option<u32>,
    /// Currency code and places, in the spec's order.
    pub places: Vec<(String, u32)>,
}

impl CurrencyDecimals {
    /// The rule in a sentence, for the docs of every output.
    pub fn summary(&self) -> String {
        let listed: Vec<String> = self.places.iter().map(|(code, places)| format!("{code} {places}")).collect();
        let others = self.default.map_or("other currencies are not checked".to_owned(), |d| format!("others {d}"));
        format!(
            "`{}` takes at most as many decimal places as the currency in `{}` has ({}; {others}): a value with more \
             is refused when it is written, so a request carrying it is not sent.",
            self.amount.1,
            self.currency.1,
            if listed.is_empty() { "none listed".to_owned() } else { listed.join(", ") },
        )
    }
}

/// A variant of a union: the tag value on the wire, the Rust variant, and the object type it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    pub wire: String,
    pub variant: String,
    pub object: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    pub variant: String,
    pub doc: Doc,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub length: Option<u64>,
    pub pattern: Option<String>,
    pub max_decimals: Option<u64>,
    /// Rules on each key of a map (`key_min_length`, `key_max_length`, `key_pattern`).
    pub key_min_length: Option<u64>,
    pub key_max_length: Option<u64>,
    pub key_pattern: Option<String>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// An object field, an endpoint argument, or a header.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeExpr,
    pub doc: Doc,
    pub required: bool,
    pub nullable: bool,
    pub default: Option<serde_json::Value>,
    pub example: Option<serde_json::Value>,
    pub constraints: Constraints,
    pub read_only: bool,
    pub aliases: Vec<String>,
    /// Where an argument travels; `Body` for object fields and headers' own kind for headers.
    pub location: Location,
    pub encoding: Option<QueryEncoding>,
    /// The checked newtype generated for the field's own constraints (`<Owner><Field>`, the owner being the object
    /// type, or the endpoint for arguments and response headers); `None` when its type carries the rules.
    pub inline_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub name: String,
    /// The Rust names generated for the endpoint.
    pub names: EndpointNames,
    pub summary: String,
    pub doc: Doc,
    pub method: Method,
    /// Full path below the server URL, with `{placeholders}` for path arguments.
    pub path: String,
    pub auth_required: bool,
    /// The one scheme (by spec name) the endpoint authenticates with, when it names one.
    pub auth_scheme: Option<String>,
    /// How the request body is written; `None` when the request has no body (a REST call without body arguments).
    pub body: Option<BodyEncoding>,
    /// The call changes nothing on the server, so a failed attempt may be repeated freely (always true for GET).
    pub read_only: bool,
    pub arguments: Vec<Field>,
    pub groups: Vec<Group>,
    pub response: Response,
    pub pagination: Option<Pagination>,
    /// Every error this endpoint can return: its own first, then the common ones, each with the description that
    /// applies here.
    pub errors: Vec<EndpointError>,
    /// What the server does with a repeated request, for an endpoint that creates something.
    pub idempotency: Option<Idempotency>,
    pub examples: Vec<Example>,
}

/// The Rust items an endpoint gets, named once here for every output (code, docs, samples).
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointNames {
    /// The `Client` method.
    pub method: String,
    /// The struct of its arguments.
    pub request: String,
    /// The enum of its errors.
    pub error: String,
    /// The struct of body and headers, for a response that declares headers.
    pub response: Option<String>,
}

impl Endpoint {
    /// Whether a failed attempt may be repeated freely: the call changes nothing (always true for GET).
    pub fn is_read(&self) -> bool {
        self.method == Method::Get || self.read_only
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Idempotency {
    /// Wire path of the caller's reference, as the spec writes it (`initiation.refId`).
    pub reference: Vec<String>,
    /// The fields walked to reach it: the request's argument, then object fields.
    pub steps: Vec<Field>,
    pub repeat: Repeat,
    /// How the client makes the reference when the caller leaves it out; `None`: it sends none.
    pub generate: Option<KeyGenerator>,
    /// The error (by spec name) a repeated reference is answered with, for `repeat: rejected`.
    pub duplicate_error: Option<String>,
    pub lookup: Option<Lookup>,
}

impl Idempotency {
    /// The reference's path as the spec writes it.
    pub fn dotted(&self) -> String {
        self.reference.join(".")
    }

    /// The spec's word for [`Idempotency::repeat`].
    pub fn repeat_word(&self) -> &'static str {
        match self.repeat {
            Repeat::Replayed => "replayed",
            Repeat::Rejected => "rejected",
            Repeat::Undocumented => "undocumented",
        }
    }

    /// What a failed attempt leads to, in one or two sentences for the docs (Markdown).
    pub fn retry_note(&self) -> String {
        let reference = self.dotted();
        let mut note = match self.repeat {
            Repeat::Replayed => format!(
                "`{reference}` is the call's reference and the server answers a repeat of it with the first result, \
                 so with it set a failed attempt is retried safely."
            ),
            Repeat::Rejected => format!(
                "`{reference}` is the call's reference and the server refuses a repeat of it, so with it set a failed \
                 attempt is retried; a retry that is refused after an earlier attempt may have arrived is reported as \
                 an unknown outcome."
            ),
            Repeat::Undocumented => format!(
                "`{reference}` is the call's reference, but what the server does with a repeat is not documented, so \
                 an attempt that may have reached the server is never resent: look the result up by `{reference}` \
                 first."
            ),
        };
        match self.generate {
            Some(KeyGenerator::Uuid) => note.push_str(&format!(
                " When the caller leaves `{reference}` out, the client sets it to a new random UUID, the same on every \
                 retry of the call; a blank one is sent as given and the call is then never resent once it may have \
                 arrived."
            )),
            None => {
                note.push_str(" Without it (or with a blank one), the call is never resent once it may have arrived.")
            }
        }
        if let Some(lookup) = &self.lookup {
            note.push_str(&format!(" `{}` finds the result by `{}`.", lookup.endpoint, lookup.argument));
        }
        note
    }
}

/// An endpoint that finds, by reference, what a creating call made.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub endpoint: String,
    /// Wire name of the lookup's argument that takes the reference.
    pub argument: String,
    /// Fixed values (by wire name) for the lookup's other required arguments.
    pub with: Vec<(String, serde_json::Value)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    /// The enum of its alternatives.
    pub rust_type: String,
    /// The request's setter (and field) that takes the alternative.
    pub rust_name: String,
    pub doc: Doc,
    pub alternatives: Vec<Alternative>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: String,
    pub variant: String,
    pub doc: Doc,
    pub arguments: Vec<String>,
    pub optional: Vec<String>,
    pub sets: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub ty: TypeExpr,
    pub doc: Doc,
    pub headers: Vec<Field>,
}

/// A path of fields through a response body: the wire names as the spec writes them (`paging.next`), and the fields
/// they name, outermost first.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPath {
    /// The fields walked through before the last one (empty for a field of the body itself).
    pub parents: Vec<Field>,
    /// The field the path names.
    pub leaf: Field,
}

impl Field {
    /// The name of the method that sets the field when it is optional, on objects and requests alike: `with_` and
    /// its Rust name. Decided here alone, for the generated code and the docs' samples.
    pub fn setter(&self) -> String {
        format!("with_{}", self.rust_name)
    }
}

impl Group {
    /// The name of the request's method that chooses an alternative of the group, named like a field's setter.
    pub fn setter(&self) -> String {
        format!("with_{}", self.rust_name)
    }
}

impl FieldPath {
    /// Every field of the path, outermost first.
    pub fn fields(&self) -> Vec<&Field> {
        self.parents.iter().chain([&self.leaf]).collect()
    }

    /// The path as the spec writes it, dotted.
    pub fn dotted(&self) -> String {
        self.fields().iter().map(|f| f.wire_name.as_str()).collect::<Vec<_>>().join(".")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointError {
    pub name: String,
    pub doc: Doc,
    pub common: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub name: String,
    pub description: Option<String>,
    pub request: Option<serde_json::Value>,
    pub status: u16,
    pub error: Option<String>,
    pub response: Option<serde_json::Value>,
    pub headers: Vec<(String, serde_json::Value)>,
}

/// The events an API delivers to a merchant, and how a delivery is signed (`webhooks` in the spec).
#[derive(Clone, Debug, PartialEq)]
pub struct Webhooks {
    pub doc: Doc,
    /// Wire names leading to the field that names the event.
    pub event_type: Vec<String>,
    pub events: Vec<WebhookEvent>,
    pub signature: Option<WebhookSignature>,
    /// Why deliveries are not signed, when they are not.
    pub unsigned: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WebhookEvent {
    /// The value of the event-type field.
    pub wire: String,
    /// The variant of `Event` that holds it.
    pub variant: String,
    pub doc: Doc,
    /// The object type of the whole body.
    pub payload: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WebhookSignature {
    pub doc: Doc,
    pub header: String,
    pub value: SignatureValue,
    pub algorithm: SignatureAlgorithm,
    pub key: SignatureKey,
    /// Published public keys: name, PEM text.
    pub keys: Vec<(String, String)>,
    pub encoding: SignatureEncoding,
    pub signed: Vec<SignedPart>,
    pub tolerance: Option<u64>,
}

/// How the signature header's value is written.
#[derive(Clone, Debug, PartialEq)]
pub enum SignatureValue {
    Whole,
    Prefixed(String),
    Parts { timestamp: Option<String>, signature: String },
}
