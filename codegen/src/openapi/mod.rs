//! An OpenAPI 3.0.3 description of one API, built from the IR, for tools that read OpenAPI rather than our specs.
//!
//! The document describes the wire the generated Rust client speaks, not the client's Rust API: wire names, the
//! JSON bodies, the query encodings and the error bodies. Output depends only on the IR and keeps the spec's order
//! (types, fields, endpoints, errors, examples), so the same spec always gives the same bytes.
//!
//! How the spec language maps onto OpenAPI:
//!
//! - `api` -> `info` (title, description with its source note and the `errors` description appended); `info.version`
//!   is the versioning default, or `"1"` when the API has no versioning header; `docs_url` -> `externalDocs`.
//! - `servers` -> `servers` in spec order (the first is the default); `{variables}` become server variables with the
//!   spec's description. OpenAPI requires a `default` for each: it is the spec's `example` (or the variable's name when
//!   there is none) and the description says to supply your own. The environment name is `x-environment`.
//! - `auth.schemes` -> `components.securitySchemes` (`bearer` -> `http`/`bearer` with `bearerFormat`, `basic` ->
//!   `http`/`basic`, `api_key` -> `apiKey` in its header); top-level `security` lists each scheme as its own
//!   requirement, so any one of them suffices; `oauth2_client_credentials` -> `oauth2` with a `clientCredentials`
//!   flow. `auth: none` endpoints get `security: []`, an endpoint that names its scheme that scheme alone. Environments a scheme is
//!   limited to are `x-environments` (and said in the description).
//! - `versioning` -> a required header parameter in `components.parameters`, referenced by every operation, with the
//!   versions as `enum` and the default as `default`.
//! - Endpoints -> operations (`operationId` is the endpoint name). RPC endpoints are `POST` with a required JSON
//!   object body made of every argument (`{}` when there are none); REST endpoints carry path, query and header
//!   parameters, and a JSON object body when they have `body` arguments.
//! - Query encodings: `repeated` -> `style: form, explode: true`; `comma` and `sort` -> `style: form, explode: false`;
//!   `filter` -> a plain string whose description gives the `field:v1,v2;field2:v3` syntax. Path and header
//!   parameters are `style: simple`.
//! - Argument groups have no OpenAPI equivalent that generators understand: they are described in the request body's
//!   description and listed in `x-argument-groups`. `idempotency` is `x-idempotency-reference` (a dotted argument
//!   path), `x-idempotency-repeat`, and `x-idempotency-duplicate-error` and `x-idempotency-lookup` when given;
//!   `pagination` is `x-pagination` (the spec's own keys).
//! - Responses: the success status with its JSON schema and headers. `by_status` errors: one response per error
//!   status, with the error's body schema for each of `errors.content_types`, and its headers. `code_array` errors:
//!   one response for the shared status whose description lists every code of the endpoint with its description
//!   and details type, and whose schema is an array `[code, message, details]` of any values (`minItems: 2`, as the
//!   client reads a missing third element as `null`). OpenAPI 3.0 can neither type an array by position nor tie the
//!   details to the code, so the codes, their descriptions and their details schemas are also listed, machine
//!   readable, in the schema's `x-error-codes`. (`oneOf` per code would be wrong: the alternatives cannot be told
//!   apart, so every body would match several; `anyOf` per code validates, but generators such as progenitor turn
//!   it into a type that cannot decode an array.)
//! - Named types -> `components.schemas` under their own names. Objects: `properties`, `required` (left out when
//!   empty), `additionalProperties: true` unless `closed`. Enums: `type: string` + `enum` (+ `default`), the value
//!   descriptions in `x-enum-descriptions` (a list in `enum` order, as openapi-generator reads it) and as a list in
//!   the description. Strings: `minLength`/`maxLength` (`length` gives both), `pattern` anchored as `^(?:...)$`,
//!   `format` `date`, `date-time`, `uri`, `email`; `digits` and `positive_integer` become patterns; `decimal` strings
//!   are `format: decimal` with a pattern that also bounds the decimal places. Integers: `format: int32`/`int64`,
//!   `minimum`/`maximum`. IDs: a string with `minLength: 1`, its `maxLength`, the prefix in the description and,
//!   when external IDs are not accepted, a `^prefix` pattern.
//! - Exact decimals (`kind: decimal` and the `decimal` built-in) are `type: number, format: decimal`: a JSON number
//!   on the wire, flagged with the `decimal` format of the OpenAPI format registry ("a fixed point decimal number of
//!   unspecified precision and range"), which is the field a tool has to read to pick an exact decimal type instead
//!   of a float; `max_decimals` is also `multipleOf: 10^-n`. The JSON export writes every number with the digits the
//!   spec gave.
//! - `unix_time` -> `type: integer, format: int64` with a description saying it is seconds since the Unix epoch;
//!   `json` -> a schema without `type` (any value); `map<T>` -> an object with `additionalProperties: T`;
//!   `array<T>` -> `items: T`.
//! - Fields: a field of a named type is `allOf: [$ref]` when it says more than the reference (a description, always),
//!   because OpenAPI 3.0 ignores the siblings of a `$ref`. `nullable` -> `nullable: true`, `read_only` ->
//!   `readOnly: true`, `default`, `example`, inline constraints as above (lengths of arrays as `minItems`/`maxItems`),
//!   `aliases` -> `x-aliases`. Every description carries the spec's `source` note after it, as in the Rust docs.
//! - Examples: each endpoint example feeds the request body (`examples`, body arguments only) and the response of
//!   its status (`examples`, in every content type). Example response headers have no place in an Example Object and
//!   are left out. Type and field examples become `example`.
//! - Nothing is `deprecated`: the spec language has no such key.

mod operation;
mod schema;
mod yaml;

use crate::ir::{Api, Doc};
use serde_json::{json, Map, Value};

/// The OpenAPI 3.0.3 document of `api`.
pub fn export(api: &Api) -> Value {
    let mut document = Map::new();
    document.insert("openapi".into(), json!("3.0.3"));
    document.insert("info".into(), info(api));
    if let Some(url) = &api.docs_url {
        document.insert("externalDocs".into(), json!({ "description": "Vendor documentation.", "url": url }));
    }
    document.insert("servers".into(), Value::Array(api.servers.iter().map(server).collect()));
    if !api.auth.is_empty() {
        let alternatives = api.auth.iter().map(|scheme| json!({ scheme.name.clone(): [] })).collect();
        document.insert("security".into(), Value::Array(alternatives));
    }
    document.insert("paths".into(), operation::paths(api));
    document.insert("components".into(), components(api));
    Value::Object(document)
}

/// The document as pretty-printed JSON with a trailing newline.
pub fn to_json(api: &Api) -> String {
    let mut text = serde_json::to_string_pretty(&export(api)).unwrap_or_default();
    text.push('\n');
    text
}

/// The document as YAML that YAML 1.1 and 1.2 readers read alike (see `yaml.rs`): strings that could read as a date,
/// number, boolean or null are quoted, and numbers keep the digits of the JSON export.
pub fn to_yaml(api: &Api) -> String {
    yaml::to_string(&export(api))
}

/// A description followed by its provenance note, as the Rust docs show it.
pub(crate) fn describe(doc: &Doc) -> String {
    describe_with(doc, &[])
}

/// A description, then paragraphs the export adds (wire facts), then the provenance note.
pub(crate) fn describe_with(doc: &Doc, notes: &[String]) -> String {
    let mut text = doc.description.trim().to_owned();
    for note in notes {
        text.push_str(&format!("\n\n{}", note.trim()));
    }
    if let Some(source) = &doc.source {
        text.push_str(&format!("\n\n*Source:* {}", source.trim()));
    }
    text
}

fn info(api: &Api) -> Value {
    let mut description = describe(&api.doc);
    description.push_str(&format!("\n\n## Errors\n\n{}", describe(&api.errors.doc)));
    if api.errors.shape.ignores_case() {
        description.push_str("\n\nError codes are compared ignoring case.");
    }
    let version = api.versioning.as_ref().map_or("1", |v| v.default.as_str());
    json!({ "title": api.title, "description": description, "version": version })
}

fn server(server: &crate::ir::Server) -> Value {
    let mut out = Map::new();
    out.insert("url".into(), json!(server.url));
    out.insert("description".into(), json!(describe(&server.doc)));
    if !server.variables.is_empty() {
        let mut variables = Map::new();
        for variable in &server.variables {
            // OpenAPI requires a default; the spec only has an example, which is no one's real value.
            let default = match &variable.example {
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => variable.name.clone(),
            };
            let description =
                describe_with(&variable.doc, &["The default is only an example: supply your own value.".to_owned()]);
            variables.insert(variable.name.clone(), json!({ "default": default, "description": description }));
        }
        out.insert("variables".into(), Value::Object(variables));
    }
    out.insert("x-environment".into(), json!(server.name));
    Value::Object(out)
}

fn components(api: &Api) -> Value {
    let mut out = Map::new();
    let mut schemas = Map::new();
    for ty in &api.types {
        schemas.insert(ty.name.clone(), schema::definition(api, ty));
    }
    out.insert("schemas".into(), Value::Object(schemas));
    if let Some(versioning) = &api.versioning {
        let mut parameters = Map::new();
        parameters.insert(operation::version_parameter_key(versioning), operation::version_parameter(versioning));
        out.insert("parameters".into(), Value::Object(parameters));
    }
    if !api.auth.is_empty() {
        let mut schemes = Map::new();
        for scheme in &api.auth {
            schemes.insert(scheme.name.clone(), security_scheme(scheme));
        }
        out.insert("securitySchemes".into(), Value::Object(schemes));
    }
    Value::Object(out)
}

fn security_scheme(scheme: &crate::ir::AuthScheme) -> Value {
    let mut notes = Vec::new();
    if !scheme.environments.is_empty() {
        let names: Vec<String> = scheme.environments.iter().map(|e| format!("`{e}`")).collect();
        notes.push(format!("Accepted only in these environments: {}.", names.join(", ")));
    }
    if let Some(example) = &scheme.example {
        notes.push(format!("Example (made up, in the documented shape): `{example}`"));
    }
    let description = describe_with(&scheme.doc, &notes);
    let mut out = scheme.method.openapi_scheme();
    out.insert("description".into(), json!(description));
    if !scheme.environments.is_empty() {
        out.insert("x-environments".into(), json!(scheme.environments));
    }
    Value::Object(out)
}

/// Writes `<api>.openapi.json` and `<api>.openapi.yaml` for every spec into `out_dir`, each only when its content
/// changes. Nothing is written when a spec has problems.
pub fn write(
    specs: &[std::path::PathBuf],
    out_dir: &std::path::Path,
) -> Result<Vec<(std::path::PathBuf, bool)>, crate::GenerateError> {
    let workspace = crate::Workspace::load(specs)?;
    if !workspace.is_ok() {
        return Err(crate::GenerateError::Spec(workspace.render()));
    }
    std::fs::create_dir_all(out_dir)?;
    let mut written = Vec::new();
    for api in &workspace.apis {
        for (extension, content) in [("json", to_json(api)), ("yaml", to_yaml(api))] {
            let path = out_dir.join(format!("{}.openapi.{extension}", api.name));
            let changed = crate::config::write_if_changed(&path, &content)?;
            written.push((path, changed));
        }
    }
    Ok(written)
}
