//! The OpenAPI export: every spec's export parses as OpenAPI 3.0 with `openapiv3` (the crate progenitor reads
//! documents with), says everything the IR says about endpoints, parameters, errors and types, reads the same in
//! YAML as in JSON, and is byte-for-byte deterministic.
//!
//! `tests/golden/openapi/<api>.json` is the export of `spec/<api>.yaml`. A change fails the test; it is accepted only
//! with `UPDATE_GOLDENS=1`.

use codegen::ir::{self, Api, ApiStyle, ErrorShape, ErrorWire, Location, QueryEncoding, TypeDefKind, TypeExpr};
use codegen::Workspace;
use openapiv3::{
    IntegerFormat, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, Schema,
    SchemaKind, SecurityScheme, StatusCode, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn apis() -> Vec<Api> {
    let workspace = Workspace::load(&[root().join("spec")]).expect("specs are readable");
    assert!(workspace.is_ok(), "{}", workspace.render());
    let specs = codegen::spec_files(&root().join("spec")).expect("spec/ is readable");
    assert_eq!(workspace.apis.len(), specs.len());
    workspace.apis
}

fn parse(api: &Api) -> OpenAPI {
    let json = codegen::openapi::to_json(api);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: the export is not OpenAPI 3.0: {e}", api.name))
}

fn operation<'a>(document: &'a OpenAPI, api: &Api, endpoint: &ir::Endpoint) -> &'a Operation {
    let item = document
        .paths
        .paths
        .get(&endpoint.path)
        .and_then(ReferenceOr::as_item)
        .unwrap_or_else(|| panic!("{}: no path item for `{}`", api.name, endpoint.path));
    let operation = match endpoint.method {
        ir::Method::Get => &item.get,
        ir::Method::Post => &item.post,
        ir::Method::Put => &item.put,
        ir::Method::Patch => &item.patch,
        ir::Method::Delete => &item.delete,
    };
    let operation =
        operation.as_ref().unwrap_or_else(|| panic!("{}: no {} {}", api.name, endpoint.method.as_str(), endpoint.path));
    assert_eq!(operation.operation_id.as_deref(), Some(endpoint.name.as_str()));
    operation
}

/// A parameter, following a `$ref` into `components.parameters`.
fn resolve<'a>(document: &'a OpenAPI, parameter: &'a ReferenceOr<Parameter>) -> &'a Parameter {
    match parameter {
        ReferenceOr::Item(parameter) => parameter,
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/").expect("a local parameter reference");
            let components = document.components.as_ref().expect("components");
            components.parameters.get(name).and_then(ReferenceOr::as_item).expect("the referenced parameter exists")
        }
    }
}

fn inline_schema(parameter: &Parameter) -> &ReferenceOr<Schema> {
    match &parameter.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(schema) => schema,
        ParameterSchemaOrContent::Content(_) => {
            panic!("`{}` has content instead of a schema", parameter_name(parameter))
        }
    }
}

fn parameter_name(parameter: &Parameter) -> &str {
    &parameter.parameter_data_ref().name
}

#[test]
fn every_export_is_openapi_3_0() {
    for api in apis() {
        let document = parse(&api);
        assert_eq!(document.openapi, "3.0.3");
        assert_eq!(document.info.title, api.title);
        let version = api.versioning.as_ref().map_or("1", |v| v.default.as_str());
        assert_eq!(document.info.version, version, "{}", api.name);
        assert_eq!(document.servers.len(), api.servers.len(), "{}", api.name);
        for (server, spec) in document.servers.iter().zip(&api.servers) {
            assert_eq!(server.url, spec.url);
            let variables = server.variables.clone().unwrap_or_default();
            let names: Vec<&String> = variables.keys().collect();
            let expected: Vec<&String> = spec.variables.iter().map(|v| &v.name).collect();
            assert_eq!(names, expected, "{}: variables of `{}`", api.name, spec.name);
        }
    }
}

#[test]
fn every_endpoint_and_every_named_type_is_there() {
    for api in apis() {
        let document = parse(&api);
        let mut operations = 0;
        for item in document.paths.paths.values() {
            operations += item.as_item().expect("inline path items").iter().count();
        }
        assert_eq!(operations, api.endpoints.len(), "{}: one operation per endpoint", api.name);
        for endpoint in &api.endpoints {
            let operation = operation(&document, &api, endpoint);
            assert_eq!(operation.summary.as_deref(), Some(endpoint.summary.as_str()));
            let security_off = operation.security.as_ref().is_some_and(Vec::is_empty);
            assert_eq!(security_off, !endpoint.auth_required && !api.auth.is_empty(), "{}", endpoint.name);
            assert_eq!(
                operation.extensions.get("x-idempotency-reference").and_then(Value::as_str),
                endpoint.idempotency.as_ref().map(|i| i.dotted()).as_deref(),
                "{}",
                endpoint.name
            );
            assert_eq!(
                operation.extensions.get("x-idempotency-repeat").and_then(Value::as_str),
                endpoint.idempotency.as_ref().map(|i| i.repeat_word()),
                "{}",
                endpoint.name
            );
            assert_eq!(operation.extensions.contains_key("x-pagination"), endpoint.pagination.is_some());
        }
        let schemas = &document.components.as_ref().expect("components").schemas;
        let names: Vec<&String> = schemas.keys().collect();
        let expected: Vec<&String> = api.types.iter().map(|t| &t.name).collect();
        assert_eq!(names, expected, "{}: one schema per named type, in spec order", api.name);
        for ty in &api.types {
            let schema = schemas[&ty.name].as_item().expect("named types are inline schemas");
            check_type(&api, ty, schema);
        }
    }
}

/// The pagination kinds no seed spec uses are exported too, with the spec's own keys: `next_link` says where its
/// link is (`link` for a field or the relations, `link_header` for a header), and the header is a documented one.
#[test]
fn next_link_pagination_is_exported_with_its_keys() {
    let workspace = Workspace::load(&[root().join("tests/specs/page_walks.yaml")]).expect("readable");
    assert!(workspace.is_ok(), "{}", workspace.render());
    let api = &workspace.apis[0];
    let document = parse(api);
    let expected = [
        ("list_transfers", serde_json::json!({"kind": "next_link", "items": "data", "link": "next_url"})),
        ("list_batch_items", serde_json::json!({"kind": "next_link", "items": "items", "link": "links"})),
        ("list_events", serde_json::json!({"kind": "next_link", "link_header": "Link"})),
    ];
    for (name, pagination) in expected {
        let endpoint = api.endpoints.iter().find(|e| e.name == name).expect("the endpoint");
        let operation = operation(&document, api, endpoint);
        assert_eq!(operation.extensions.get("x-pagination"), Some(&pagination), "{name}");
    }
    let events = api.endpoints.iter().find(|e| e.name == "list_events").expect("the endpoint");
    let success = operation(&document, api, events).responses.responses.get(&StatusCode::Code(200)).expect("200");
    let headers = &success.as_item().expect("an inline response").headers;
    assert!(headers.contains_key("Link"), "the link header is documented: {:?}", headers.keys());
}

/// Whether a schema lets `null` through: `nullable: true`, or `anyOf` with a `{enum: [null]}` alternative.
fn accepts_null(schema: &Schema) -> bool {
    let is_null = |s: &ReferenceOr<Schema>| {
        s.as_item().is_some_and(|s| matches!(&s.schema_kind, SchemaKind::Any(any) if any.enumeration == [Value::Null]))
    };
    schema.schema_data.nullable
        || matches!(&schema.schema_kind, SchemaKind::AnyOf { any_of } if any_of.iter().any(is_null))
}

/// The facts of a named type that a generator reads.
fn check_type(api: &Api, ty: &ir::TypeDef, schema: &Schema) {
    let context = format!("{}: {}", api.name, ty.name);
    match (&ty.kind, &schema.schema_kind) {
        (TypeDefKind::Object { fields, closed, .. }, SchemaKind::Type(Type::Object(object))) => {
            let names: Vec<&String> = object.properties.keys().collect();
            let expected: Vec<&String> = fields.iter().map(|f| &f.wire_name).collect();
            assert_eq!(names, expected, "{context}");
            let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.wire_name.as_str()).collect();
            assert_eq!(object.required, required, "{context}");
            assert_eq!(object.additional_properties, Some(openapiv3::AdditionalProperties::Any(!closed)), "{context}");
            for field in fields {
                let property = object.properties[&field.wire_name].as_item().expect("properties are inline");
                assert_eq!(accepts_null(property), field.nullable, "{context}.{}", field.wire_name);
                assert_eq!(property.schema_data.read_only, field.read_only, "{context}.{}", field.wire_name);
                assert!(property.schema_data.description.is_some(), "{context}.{}", field.wire_name);
            }
        }
        (TypeDefKind::Enum { values, default }, SchemaKind::Type(Type::String(string))) => {
            let listed: Vec<Option<&str>> = string.enumeration.iter().map(Option::as_deref).collect();
            let expected: Vec<Option<&str>> = values.iter().map(|v| Some(v.wire.as_str())).collect();
            assert_eq!(listed, expected, "{context}");
            assert_eq!(schema.schema_data.default.as_ref().and_then(Value::as_str), default.as_deref());
            let descriptions = schema.schema_data.extensions["x-enum-descriptions"].as_array().expect("a list");
            assert_eq!(descriptions.len(), values.len(), "{context}");
        }
        (TypeDefKind::String { constraints, .. }, SchemaKind::Type(Type::String(string))) => {
            let max = constraints.length.or(constraints.max_length).map(|n| n as usize);
            let min = constraints.length.or(constraints.min_length).map(|n| n as usize);
            assert_eq!((string.min_length, string.max_length), (min, max), "{context}");
            if let Some(pattern) = &constraints.pattern {
                let written = string.pattern.as_deref().expect("the pattern is kept");
                assert!(written.starts_with('^') && written.ends_with('$') && written.contains(pattern.as_str()));
            }
        }
        (TypeDefKind::Integer { constraints, width }, SchemaKind::Type(Type::Integer(integer))) => {
            let format = if *width == 32 { IntegerFormat::Int32 } else { IntegerFormat::Int64 };
            assert_eq!(integer.format, VariantOrUnknownOrEmpty::Item(format), "{context}");
            let min = constraints.min.map(|d| d.to_string().parse::<i64>().expect("whole bounds"));
            let max = constraints.max.map(|d| d.to_string().parse::<i64>().expect("whole bounds"));
            assert_eq!((integer.minimum, integer.maximum), (min, max), "{context}");
        }
        (TypeDefKind::Decimal { .. }, SchemaKind::Type(Type::Number(number))) => {
            assert_eq!(number.format, VariantOrUnknownOrEmpty::Unknown("decimal".to_owned()), "{context}");
        }
        (TypeDefKind::Id { max_length, .. }, SchemaKind::Type(Type::String(string))) => {
            assert_eq!(string.min_length, Some(1), "{context}");
            assert_eq!(string.max_length, max_length.map(|n| n as usize), "{context}");
        }
        (TypeDefKind::Union { tag, variants }, SchemaKind::OneOf { one_of }) => {
            // Each variant: `allOf` of the object type and the tag with its one value.
            let refs: Vec<String> = one_of
                .iter()
                .map(|variant| {
                    let ReferenceOr::Item(Schema { schema_kind: SchemaKind::AllOf { all_of }, .. }) = variant else {
                        panic!("{context}: a variant that is not allOf: {variant:?}")
                    };
                    match &all_of[0] {
                        ReferenceOr::Reference { reference } => reference.clone(),
                        ReferenceOr::Item(item) => panic!("{context}: an inline variant {item:?}"),
                    }
                })
                .collect();
            let expected: Vec<String> = variants.iter().map(|v| format!("#/components/schemas/{}", v.object)).collect();
            assert_eq!(refs, expected, "{context}");
            let discriminator = schema.schema_data.discriminator.as_ref().expect("a discriminator");
            assert_eq!(&discriminator.property_name, tag, "{context}");
            assert_eq!(discriminator.mapping.len(), variants.len(), "{context}");
        }
        (kind, schema) => panic!("{context}: {kind:?} became {schema:?}"),
    }
}

#[test]
fn parameters_travel_where_and_how_the_client_sends_them() {
    for api in apis() {
        let document = parse(&api);
        for endpoint in &api.endpoints {
            let operation = operation(&document, &api, endpoint);
            let parameters: Vec<&Parameter> = operation.parameters.iter().map(|p| resolve(&document, p)).collect();
            let context = format!("{}.{}", api.name, endpoint.name);
            let mut body_arguments = Vec::new();
            for argument in &endpoint.arguments {
                if matches!(api.style, ApiStyle::Rpc { .. }) || argument.location == Location::Body {
                    body_arguments.push(argument.wire_name.as_str());
                    assert!(
                        !parameters.iter().any(|p| parameter_name(p) == argument.wire_name),
                        "{context}: body argument `{}` is also a parameter",
                        argument.wire_name
                    );
                    continue;
                }
                let parameter = parameters
                    .iter()
                    .find(|p| parameter_name(p) == argument.wire_name)
                    .unwrap_or_else(|| panic!("{context}: no parameter `{}`", argument.wire_name));
                let data = parameter.parameter_data_ref();
                assert_eq!(data.required, argument.required, "{context}: `{}`", argument.wire_name);
                match (argument.location, parameter) {
                    (Location::Path, Parameter::Path { .. }) | (Location::Header, Parameter::Header { .. }) => {}
                    (Location::Query, Parameter::Query { style, .. })
                        if argument.encoding == Some(QueryEncoding::Form) =>
                    {
                        // Bracketed nesting (`created[gte]=1`) is OpenAPI's deepObject, exploded.
                        assert_eq!(*style, QueryStyle::DeepObject, "{context}: `{}`", argument.wire_name);
                        assert_eq!(data.explode, Some(true), "{context}: `{}`", argument.wire_name);
                    }
                    (Location::Query, Parameter::Query { style, .. }) => {
                        assert_eq!(*style, QueryStyle::Form, "{context}: `{}`", argument.wire_name);
                        let joined = matches!(
                            (&argument.ty, argument.encoding),
                            (TypeExpr::Array(_), Some(QueryEncoding::Comma | QueryEncoding::Sort))
                        );
                        let explode = !joined;
                        assert_eq!(data.explode, Some(explode), "{context}: `{}`", argument.wire_name);
                        if argument.encoding == Some(QueryEncoding::Filter) {
                            let schema = inline_schema(parameter).as_item().expect("an inline schema");
                            assert!(matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))), "{context}");
                            assert!(data.description.as_deref().is_some_and(|d| d.contains("Filter syntax")));
                        }
                    }
                    (location, parameter) => {
                        panic!("{context}: `{}` is in {location:?}, exported as {parameter:?}", argument.wire_name)
                    }
                }
            }
            if let Some(versioning) = &api.versioning {
                let header = parameters
                    .iter()
                    .find(|p| parameter_name(p) == versioning.header)
                    .unwrap_or_else(|| panic!("{context}: no version header"));
                assert!(matches!(header, Parameter::Header { .. }) && header.parameter_data_ref().required);
            }
            let body = operation.request_body.as_ref().map(|b| b.as_item().expect("inline request bodies"));
            if api.style == ApiStyle::Rest && body_arguments.is_empty() {
                assert!(body.is_none(), "{context}: a request body without body arguments");
                continue;
            }
            let body = body.unwrap_or_else(|| panic!("{context}: no request body"));
            assert!(body.required, "{context}");
            let content_type = endpoint.body.unwrap_or(ir::BodyEncoding::Json).content_type();
            let schema = body.content[content_type].schema.as_ref().and_then(ReferenceOr::as_item).expect("schema");
            let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
                panic!("{context}: not an object")
            };
            let names: Vec<&str> = object.properties.keys().map(String::as_str).collect();
            assert_eq!(names, body_arguments, "{context}: body properties");
        }
    }
}

#[test]
fn every_error_has_its_response() {
    for api in apis() {
        let document = parse(&api);
        for endpoint in &api.endpoints {
            let operation = operation(&document, &api, endpoint);
            let context = format!("{}.{}", api.name, endpoint.name);
            let responses = &operation.responses.responses;
            let success = responses
                .get(&StatusCode::Code(endpoint.response.status))
                .and_then(ReferenceOr::as_item)
                .unwrap_or_else(|| panic!("{context}: no success response"));
            let headers: Vec<&String> = success.headers.keys().collect();
            let expected: Vec<&String> = endpoint.response.headers.iter().map(|h| &h.wire_name).collect();
            assert_eq!(headers, expected, "{context}: success headers");
            assert!(success.content.contains_key("application/json"), "{context}");
            let mut statuses = vec![endpoint.response.status];
            // Errors told by status own their status; errors told by code share one response per status.
            let coded_statuses: Vec<u16> = endpoint
                .errors
                .iter()
                .filter_map(|e| api.error(&e.name))
                .filter(|def| matches!(def.wire, ErrorWire::Code { .. }))
                .flat_map(|def| def.statuses())
                .collect();
            // An error with several statuses is a response under each.
            let each_status = endpoint.errors.iter().flat_map(|error| {
                let def = api.error(&error.name).expect("declared error");
                def.statuses().map(move |status| (error, def, status))
            });
            for (error, def, status) in each_status {
                statuses.push(status);
                let response = responses
                    .get(&StatusCode::Code(status))
                    .and_then(ReferenceOr::as_item)
                    .unwrap_or_else(|| panic!("{context}: no response for {} ({status})", error.name));
                assert!(response.description.contains(&format!("`{}`", error.name)), "{context}: {}", error.name);
                match &def.wire {
                    ErrorWire::Status { .. } if coded_statuses.contains(&status) => {}
                    ErrorWire::Status { body, .. } => {
                        // An error documented without a body has no content.
                        let content_types: Vec<&String> = response.content.keys().collect();
                        let expected: Vec<&String> =
                            if body.is_some() { api.errors.content_types.iter().collect() } else { Vec::new() };
                        assert_eq!(content_types, expected, "{context}: {status}");
                        let headers: Vec<&String> = response.headers.keys().collect();
                        let expected: Vec<&String> = def.headers.iter().map(|h| &h.wire_name).collect();
                        assert_eq!(headers, expected, "{context}: headers of {status}");
                        if let Some(TypeExpr::Named(body)) = body {
                            let schema = response.content[&api.errors.content_types[0]].schema.as_ref();
                            let reference = match schema {
                                Some(ReferenceOr::Reference { reference }) => reference.as_str(),
                                other => panic!("{context}: the {status} body is {other:?}"),
                            };
                            assert_eq!(reference, format!("#/components/schemas/{body}"), "{context}");
                        }
                    }
                    ErrorWire::Code { details } => {
                        let ErrorShape::Coded(rules) = &api.errors.shape else {
                            panic!("{context}: `{}` is told by code in an API without codes", error.name)
                        };
                        for content_type in &api.errors.content_types {
                            let schema = response.content[content_type]
                                .schema
                                .as_ref()
                                .and_then(ReferenceOr::as_item)
                                .unwrap_or_else(|| panic!("{context}: no inline schema for {content_type}"));
                            let extensions = &schema.schema_data.extensions;
                            assert_eq!(extensions["x-error-code"], rules.code.as_str(), "{context}: code pointer");
                            assert_eq!(extensions["x-error-details"], rules.details.as_str(), "{context}");
                            let codes = extensions["x-error-codes"].as_array().expect("a list");
                            let code = codes
                                .iter()
                                .find(|c| c["code"] == error.name.as_str())
                                .unwrap_or_else(|| panic!("{context}: `{}` is not listed", error.name));
                            assert_eq!(code.get("details").is_some(), details.is_some(), "{context}: {}", error.name);
                        }
                    }
                }
            }
            let mut documented: Vec<u16> = responses
                .keys()
                .map(|code| match code {
                    StatusCode::Code(n) => *n,
                    StatusCode::Range(_) => panic!("{context}: a status range"),
                })
                .collect();
            documented.sort_unstable();
            statuses.sort_unstable();
            statuses.dedup();
            assert_eq!(documented, statuses, "{context}: responses beyond the spec's");
        }
    }
}

#[test]
fn security_schemes_are_the_spec_alternatives() {
    for api in apis() {
        let document = parse(&api);
        let schemes = &document.components.as_ref().expect("components").security_schemes;
        assert_eq!(schemes.len(), api.auth.len(), "{}", api.name);
        for scheme in &api.auth {
            let exported = schemes[&scheme.name].as_item().expect("inline schemes");
            match (&scheme.method, exported) {
                (ir::AuthMethod::Bearer { format }, SecurityScheme::HTTP { scheme: kind, bearer_format, .. }) => {
                    assert_eq!(kind, "bearer");
                    assert_eq!(bearer_format, format);
                }
                (ir::AuthMethod::Basic, SecurityScheme::HTTP { scheme: kind, .. }) => assert_eq!(kind, "basic"),
                (ir::AuthMethod::ApiKey { header }, SecurityScheme::APIKey { location, name, .. }) => {
                    assert_eq!(*location, openapiv3::APIKeyLocation::Header);
                    assert_eq!(name, header);
                }
                (
                    ir::AuthMethod::OAuth2ClientCredentials { token_url, scopes },
                    SecurityScheme::OAuth2 { flows, .. },
                ) => {
                    let flow = flows.client_credentials.as_ref().expect("a client credentials flow");
                    assert_eq!(&flow.token_url, token_url);
                    let exported: Vec<&String> = flow.scopes.keys().collect();
                    assert_eq!(exported, scopes.iter().collect::<Vec<_>>(), "{}", api.name);
                }
                (kind, exported) => panic!("{}: {kind:?} became {exported:?}", api.name),
            }
        }
        // Each requirement names one scheme: any one of them is enough.
        let security = document.security.clone().unwrap_or_default();
        let names: Vec<Vec<&String>> = security.iter().map(|r| r.keys().collect()).collect();
        let expected: Vec<Vec<&String>> = api.auth.iter().map(|s| vec![&s.name]).collect();
        assert_eq!(names, expected, "{}", api.name);
    }
}

/// Numbers as a YAML reader sees them: integers as integers, everything else as `f64`.
fn normalized(value: Value) -> Value {
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(u)) => Value::from(u),
            (None, None) => Value::from(n.as_f64().expect("a finite number")),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        Value::Object(entries) => Value::Object(entries.into_iter().map(|(k, v)| (k, normalized(v))).collect()),
        other => other,
    }
}

#[test]
fn yaml_says_what_json_says() {
    for api in apis() {
        let json: Value = serde_json::from_str(&codegen::openapi::to_json(&api)).expect("JSON");
        let yaml = codegen::openapi::to_yaml(&api);
        let from_yaml: Value = serde_norway::from_str(&yaml).unwrap_or_else(|e| panic!("{}: bad YAML: {e}", api.name));
        assert!(normalized(json) == normalized(from_yaml), "{}: the YAML export differs from the JSON one", api.name);
        assert!(!yaml.contains("serde_json::private"), "{}: a number leaked as a struct", api.name);
        let document: OpenAPI = serde_norway::from_str(&yaml).unwrap_or_else(|e| panic!("{}: YAML: {e}", api.name));
        assert_eq!(document.paths.paths.len(), parse(&api).paths.paths.len());
    }
}

#[test]
fn same_spec_same_bytes() {
    for (a, b) in apis().iter().zip(&apis()) {
        assert_eq!(codegen::openapi::to_json(a), codegen::openapi::to_json(b), "{}: JSON", a.name);
        assert_eq!(codegen::openapi::to_yaml(a), codegen::openapi::to_yaml(b), "{}: YAML", a.name);
        assert!(codegen::openapi::to_json(a).ends_with("}\n"));
    }
}

#[test]
fn exports_match_the_goldens() {
    let dir = root().join("tests/golden/openapi");
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut failures = Vec::new();
    for api in apis() {
        let rendered = codegen::openapi::to_json(&api);
        let golden = dir.join(format!("{}.json", api.name));
        if update {
            std::fs::create_dir_all(&dir).expect("writable golden folder");
            std::fs::write(&golden, &rendered).expect("writable golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => {
                let line = expected.lines().zip(rendered.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
                failures.push(format!("{}: differs from the golden from line {line}", golden.display()));
            }
            Err(_) => failures.push(format!("{}: missing", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}\nreview the change, then accept it with UPDATE_GOLDENS=1", failures.join("\n"));
}
