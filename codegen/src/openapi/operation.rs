//! Endpoints as operations: parameters, request bodies, responses, and extensions for what OpenAPI has no field for.

use super::{describe, describe_with, schema};
use crate::ir::{
    Api, BodyEncoding, Endpoint, ErrorShape, ErrorWire, Field, KeyGenerator, Location, Method, QueryEncoding, TypeExpr,
    Versioning,
};
use serde_json::{json, Map, Value};

const JSON: &str = "application/json";

/// `paths`: one path item per distinct path, in the order the endpoints first use it.
pub(super) fn paths(api: &Api) -> Value {
    let mut paths = Map::new();
    for endpoint in &api.endpoints {
        let item = paths.entry(endpoint.path.clone()).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(method_key(endpoint.method).to_owned(), operation(api, endpoint));
        }
    }
    Value::Object(paths)
}

fn method_key(method: Method) -> &'static str {
    match method {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
    }
}

/// The key of the version header in `components.parameters` (keys allow only `A-Z a-z 0-9 . _ -`).
pub(super) fn version_parameter_key(versioning: &Versioning) -> String {
    versioning.header.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect()
}

pub(super) fn version_parameter(versioning: &Versioning) -> Value {
    let versions: Vec<String> = versioning.versions.iter().map(|v| format!("`{v}`")).collect();
    let note = format!(
        "The generated client sends it on every request: `{}` unless told otherwise. Versions: {}.",
        versioning.default,
        versions.join(", ")
    );
    let description = describe_with(&versioning.doc, &[note]);
    json!({
        "name": versioning.header,
        "in": "header",
        "description": description,
        "required": true,
        "style": "simple",
        "explode": false,
        "schema": { "type": "string", "enum": versioning.versions, "default": versioning.default },
    })
}

fn operation(api: &Api, endpoint: &Endpoint) -> Value {
    let mut out = Map::new();
    out.insert("operationId".into(), json!(endpoint.name));
    out.insert("summary".into(), json!(endpoint.summary));
    out.insert("description".into(), json!(describe(&endpoint.doc)));
    let mut parameters: Vec<Value> =
        endpoint.arguments.iter().filter(|a| is_parameter(api, a)).map(|a| parameter(api, a)).collect();
    if let Some(versioning) = &api.versioning {
        let key = version_parameter_key(versioning);
        parameters.push(json!({ "$ref": format!("#/components/parameters/{key}") }));
    }
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = request_body(api, endpoint) {
        out.insert("requestBody".into(), body);
    }
    out.insert("responses".into(), responses(api, endpoint));
    if !endpoint.auth_required && !api.auth.is_empty() {
        out.insert("security".into(), json!([]));
    } else if let Some(scheme) = &endpoint.auth_scheme {
        // The one scheme the endpoint takes, with the scopes an OAuth2 scheme asks for.
        let scopes = match api.auth.iter().find(|s| &s.name == scheme).map(|s| &s.method) {
            Some(crate::ir::AuthMethod::OAuth2ClientCredentials { scopes, .. }) => scopes.clone(),
            _ => Vec::new(),
        };
        out.insert("security".into(), json!([{ scheme.clone(): scopes }]));
    }
    if let Some(idempotency) = &endpoint.idempotency {
        out.insert("x-idempotency-reference".into(), json!(idempotency.dotted()));
        out.insert("x-idempotency-repeat".into(), json!(idempotency.repeat_word()));
        if let Some(KeyGenerator::Uuid) = idempotency.generate {
            out.insert("x-idempotency-generate".into(), json!("uuid"));
        }
        if let Some(error) = &idempotency.duplicate_error {
            out.insert("x-idempotency-duplicate-error".into(), json!(error));
        }
        if let Some(lookup) = &idempotency.lookup {
            out.insert(
                "x-idempotency-lookup".into(),
                json!({"operation": lookup.endpoint, "parameter": lookup.argument}),
            );
        }
    }
    if let Some(pagination) = &endpoint.pagination {
        let mut page = Map::new();
        page.insert("kind".into(), json!(pagination.scheme.word()));
        if let Some(items) = &pagination.items {
            page.insert("items".into(), json!(items.dotted()));
        }
        for (key, value) in pagination.scheme.spec_entries() {
            page.insert(key.into(), json!(value));
        }
        if let Some(has_more) = &pagination.has_more {
            page.insert("has_more".into(), json!(has_more.dotted()));
        }
        out.insert("x-pagination".into(), Value::Object(page));
    }
    if !endpoint.groups.is_empty() {
        out.insert("x-argument-groups".into(), groups(endpoint));
    }
    Value::Object(out)
}

/// Whether an argument travels outside the body. RPC endpoints take only body arguments.
fn is_parameter(api: &Api, argument: &Field) -> bool {
    api.style.outside_body(argument)
}

fn parameter(api: &Api, argument: &Field) -> Value {
    let (location, style, explode) = match argument.location {
        Location::Path => ("path", "simple", false),
        Location::Header => ("header", "simple", false),
        Location::Query | Location::Body if argument.encoding == Some(QueryEncoding::Form) => {
            ("query", "deepObject", true)
        }
        Location::Query | Location::Body => {
            let list = matches!(argument.ty, TypeExpr::Array(_));
            ("query", "form", !(list && argument.encoding.is_some_and(|e| e.joins_items())))
        }
    };
    let note = argument.encoding.and_then(|e| e.openapi_note(&argument.wire_name));
    let description = describe_with(&argument.doc, note.as_slice());
    let mut field = argument.clone();
    let example = field.example.take();
    let mut out = Map::new();
    out.insert("name".into(), json!(argument.wire_name));
    out.insert("in".into(), json!(location));
    out.insert("description".into(), json!(description));
    out.insert("required".into(), json!(argument.required || argument.location == Location::Path));
    out.insert("style".into(), json!(style));
    out.insert("explode".into(), json!(explode));
    out.insert("schema".into(), schema::field(api, &field, false));
    if let Some(example) = example {
        out.insert("example".into(), example);
    }
    Value::Object(out)
}

fn body_arguments<'e>(api: &Api, endpoint: &'e Endpoint) -> Vec<&'e Field> {
    endpoint.arguments.iter().filter(|a| !is_parameter(api, a)).collect()
}

fn request_body(api: &Api, endpoint: &Endpoint) -> Option<Value> {
    let arguments = body_arguments(api, endpoint);
    let encoding = endpoint.body?;
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    let required: Vec<&str> = arguments.iter().filter(|a| a.required).map(|a| a.wire_name.as_str()).collect();
    if !required.is_empty() {
        schema.insert("required".into(), json!(required));
    }
    let mut properties = Map::new();
    for argument in &arguments {
        properties.insert(argument.wire_name.clone(), schema::field(api, argument, true));
    }
    schema.insert("properties".into(), Value::Object(properties));
    let mut media = Map::new();
    media.insert("schema".into(), Value::Object(schema));
    let names: Vec<&str> = arguments.iter().map(|a| a.wire_name.as_str()).collect();
    let mut examples = Map::new();
    for example in &endpoint.examples {
        let Some(Value::Object(request)) = &example.request else { continue };
        let body: Map<String, Value> =
            request.iter().filter(|(k, _)| names.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
        if body.is_empty() && !api.style.all_in_body() {
            continue;
        }
        examples.insert(example.name.clone(), example_object(example.description.as_deref(), Value::Object(body)));
    }
    if !examples.is_empty() {
        media.insert("examples".into(), Value::Object(examples));
    }
    let mut description = match encoding {
        BodyEncoding::Json => "The arguments, as one JSON object.".to_owned(),
        BodyEncoding::Form => "The arguments, as a form: nested values take bracketed keys (`metadata[key]=...`, \
                               `list[0]=...`), and `null` or an empty list or object is the key with an empty value."
            .to_owned(),
    };
    for group in &endpoint.groups {
        description.push_str(&format!(
            "\n\n**Argument group `{}`.** {} Exactly one alternative applies; arguments of different alternatives \
             cannot be combined.\n",
            group.name,
            describe(&group.doc)
        ));
        for alternative in &group.alternatives {
            let mut line = format!("\n- `{}`: {}", alternative.name, describe(&alternative.doc).replace('\n', " "));
            if !alternative.arguments.is_empty() {
                line.push_str(&format!(" Takes {}.", code_list(&alternative.arguments)));
            }
            if !alternative.optional.is_empty() {
                line.push_str(&format!(" May also take {}.", code_list(&alternative.optional)));
            }
            if alternative.arguments.is_empty() && alternative.optional.is_empty() {
                line.push_str(" Takes none of the group's arguments.");
            }
            for (argument, value) in &alternative.sets {
                line.push_str(&format!(" Sends `{argument}: {value}`."));
            }
            description.push_str(&line);
        }
    }
    let mut content = Map::new();
    content.insert(encoding.content_type().to_owned(), Value::Object(media));
    Some(json!({ "description": description, "required": true, "content": content }))
}

fn code_list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn groups(endpoint: &Endpoint) -> Value {
    let groups = endpoint.groups.iter().map(|group| {
        let alternatives = group.alternatives.iter().map(|alternative| {
            let mut sets = Map::new();
            for (argument, value) in &alternative.sets {
                sets.insert(argument.clone(), json!(value));
            }
            json!({
                "name": alternative.name,
                "description": describe(&alternative.doc),
                "arguments": alternative.arguments,
                "optional": alternative.optional,
                "sets": sets,
            })
        });
        json!({ "name": group.name, "description": describe(&group.doc), "alternatives": alternatives.collect::<Vec<_>>() })
    });
    Value::Array(groups.collect())
}

fn example_object(description: Option<&str>, value: Value) -> Value {
    match description {
        Some(text) => json!({ "summary": text.trim(), "value": value }),
        None => json!({ "value": value }),
    }
}

/// The examples of an endpoint whose response has `status`.
fn response_examples(endpoint: &Endpoint, status: u16) -> Option<Value> {
    let mut examples = Map::new();
    for example in endpoint.examples.iter().filter(|x| x.status == status) {
        if let Some(response) = &example.response {
            examples.insert(example.name.clone(), example_object(example.description.as_deref(), response.clone()));
        }
    }
    (!examples.is_empty()).then_some(Value::Object(examples))
}

fn content(content_types: &[String], schema: &Value, examples: Option<&Value>) -> Value {
    let mut out = Map::new();
    for content_type in content_types {
        let mut media = Map::new();
        media.insert("schema".into(), schema.clone());
        if let Some(examples) = examples {
            media.insert("examples".into(), examples.clone());
        }
        out.insert(content_type.clone(), Value::Object(media));
    }
    Value::Object(out)
}

fn headers(api: &Api, fields: &[Field]) -> Value {
    let mut out = Map::new();
    for header in fields {
        let mut field = header.clone();
        let example = field.example.take();
        let mut object = Map::new();
        object.insert("description".into(), json!(describe(&header.doc)));
        object.insert("schema".into(), schema::field(api, &field, false));
        if let Some(example) = example {
            object.insert("example".into(), example);
        }
        out.insert(header.wire_name.clone(), Value::Object(object));
    }
    Value::Object(out)
}

fn responses(api: &Api, endpoint: &Endpoint) -> Value {
    let mut out = Map::new();
    let success = &endpoint.response;
    let mut response = Map::new();
    response.insert("description".into(), json!(describe(&success.doc)));
    if !success.headers.is_empty() {
        response.insert("headers".into(), headers(api, &success.headers));
    }
    let examples = response_examples(endpoint, success.status);
    response.insert("content".into(), content(&[JSON.to_owned()], &schema::of(&success.ty), examples.as_ref()));
    out.insert(success.status.to_string(), Value::Object(response));
    // Errors told by status alone each own a status; errors told by code share theirs, one response per status.
    let mut coded: Vec<(u16, Vec<&crate::ir::EndpointError>)> = Vec::new();
    // An error with several statuses is a response under each.
    let each_status = endpoint
        .errors
        .iter()
        .filter_map(|error| api.error(&error.name).map(|def| (error, def)))
        .flat_map(|(error, def)| def.statuses().map(move |status| (error, def, status)));
    for (error, def, status) in each_status {
        let body = match &def.wire {
            ErrorWire::Status { body, .. } => body.as_ref().map(schema::of),
            ErrorWire::Code { .. } => {
                match coded.iter_mut().find(|(at, _)| *at == status) {
                    Some((_, errors)) => errors.push(error),
                    None => coded.push((status, vec![error])),
                }
                continue;
            }
        };
        let mut response = Map::new();
        response.insert("description".into(), json!(format!("`{}`: {}", error.name, describe(&error.doc))));
        if !def.headers.is_empty() {
            response.insert("headers".into(), headers(api, &def.headers));
        }
        // An error documented without a body has no content to describe.
        if let Some(body) = body {
            let examples = response_examples(endpoint, status);
            response.insert("content".into(), content(&api.errors.content_types, &body, examples.as_ref()));
        }
        out.insert(status.to_string(), Value::Object(response));
    }
    if let ErrorShape::Coded(rules) = &api.errors.shape {
        for (status, errors) in coded {
            // An error told by status at the same status answers what no listed code matches; say so.
            let fallback = out.remove(&status.to_string());
            out.insert(status.to_string(), coded_response(api, endpoint, rules, status, &errors, fallback));
        }
    }
    Value::Object(out)
}

/// The response that carries the errors told by code at one status.
fn coded_response(
    api: &Api,
    endpoint: &Endpoint,
    rules: &crate::ir::CodeRules,
    status: u16,
    errors: &[&crate::ir::EndpointError],
    fallback: Option<Value>,
) -> Value {
    let mut description =
        format!("A handled error: HTTP {status}; {}. The codes this endpoint documents:\n", rules.sentence());
    let mut codes = Vec::new();
    for error in errors {
        // An error told by code carries its details.
        let details = api.error(&error.name).and_then(|def| def.wire.payload_type());
        let notes: Vec<String> = details.map(|d| format!("Details: `{d}`.")).into_iter().collect();
        let short = crate::ir::Doc { description: error.doc.description.clone(), source: None };
        let line = describe_with(&short, &notes).replace("\n\n", " ").replace('\n', " ");
        description.push_str(&format!("\n- `{}`: {line}", error.name));
        let mut code = Map::new();
        code.insert("code".into(), json!(error.name));
        code.insert("description".into(), json!(describe(&error.doc)));
        if let Some(details) = details {
            code.insert("details".into(), schema::of(details));
        }
        codes.push(Value::Object(code));
    }
    if let Some(fallback) = fallback.as_ref().and_then(|f| f.get("description")).and_then(Value::as_str) {
        description.push_str(&format!("\n\nWith any other code, or none: {fallback}"));
    }
    // OpenAPI 3.0 cannot tie a part of a body to a value elsewhere in it, so the body is any JSON value and the
    // places and the codes, with their details schemas, are extensions.
    let mut schema = json!({
        "description": format!("An error body: {}.", rules.sentence()),
        "x-error-code": rules.code,
        "x-error-details": rules.details,
        "x-error-codes": codes,
    });
    if let Some(message) = &rules.message {
        schema["x-error-message"] = json!(message);
    }
    // What the body is follows from the code's place: an array when the pointer starts with an index.
    let first = rules.code.split('/').nth(1).unwrap_or_default();
    match first.parse::<u64>() {
        Ok(index) => {
            schema["type"] = json!("array");
            schema["items"] = json!({});
            schema["minItems"] = json!(index + 1);
        }
        Err(_) => schema["type"] = json!("object"),
    }
    let examples = response_examples(endpoint, status);
    json!({
        "description": description,
        "content": content(&api.errors.content_types, &schema, examples.as_ref()),
    })
}
