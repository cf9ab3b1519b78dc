//! Every sample value a spec carries, as round trips by the type the spec gives it.

use codegen::ir::{ErrorShape, ErrorWire, TypeDefKind};
use serde_json::Value;

use super::model::{Check, Ctx};

/// Where in a spec a sample comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The success response of an endpoint example (every item of an array response).
    Response,
    /// The body (or, for `code_array` errors, the typed details) of an error example.
    ErrorBody,
    /// A response header value of an example, success or error.
    Header,
    /// An argument value of an example request.
    RequestArgument,
    /// The `example` of a type.
    TypeExample,
    /// The `example` of a field, argument or header whose type is a generated named type.
    FieldExample,
    /// The `example` of a field, argument or header of a built-in type (`string`, `date_time`...).
    BuiltinFieldExample,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Response,
        Kind::ErrorBody,
        Kind::Header,
        Kind::RequestArgument,
        Kind::TypeExample,
        Kind::FieldExample,
        Kind::BuiltinFieldExample,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Response => "responses",
            Kind::ErrorBody => "error bodies",
            Kind::Header => "headers",
            Kind::RequestArgument => "request arguments",
            Kind::TypeExample => "type examples",
            Kind::FieldExample => "named-type field examples",
            Kind::BuiltinFieldExample => "built-in field examples",
        }
    }
}

/// Every sample of the API, each as one round trip (arrays give one per item).
pub fn collect(ctx: &Ctx<'_>) -> Vec<(Kind, Check)> {
    let api = ctx.api;
    let mut out = Vec::new();
    let mut push = |kind: Kind, checks: Vec<Check>| out.extend(checks.into_iter().map(|c| (kind, c)));

    for endpoint in &api.endpoints {
        let owner = codegen::naming::camel(&endpoint.name);
        for example in &endpoint.examples {
            let at = format!("endpoint `{}`, example `{}`", endpoint.name, example.name);
            if let Some(Value::Object(request)) = &example.request {
                for (name, value) in request {
                    let what = format!("{at}: request argument `{name}`");
                    match endpoint.arguments.iter().find(|a| a.wire_name == *name) {
                        Some(argument) => push(Kind::RequestArgument, ctx.field_checks(&owner, argument, value, &what)),
                        None => push(Kind::RequestArgument, vec![not_declared(&what, value, "argument")]),
                    }
                }
            }
            match &example.error {
                None => {
                    if let Some(response) = &example.response {
                        push(
                            Kind::Response,
                            ctx.expr_checks(&endpoint.response.ty, response, &format!("{at}: response")),
                        );
                    }
                    for (name, value) in &example.headers {
                        let what = format!("{at}: response header `{name}`");
                        match endpoint.response.headers.iter().find(|h| h.wire_name.eq_ignore_ascii_case(name)) {
                            Some(header) => push(Kind::Header, ctx.field_checks(&owner, header, value, &what)),
                            None => push(Kind::Header, vec![not_declared(&what, value, "response header")]),
                        }
                    }
                }
                Some(error_name) => {
                    let error = api.error(error_name).unwrap_or_else(|| panic!("{at}: no error `{error_name}`"));
                    if let Some(body) = &example.response {
                        let what = format!("{at}: body of error `{error_name}`");
                        match &error.wire {
                            ErrorWire::Code { details } => {
                                push(Kind::ErrorBody, coded_checks(ctx, error_name, details.as_ref(), body, &what))
                            }
                            ErrorWire::Status { body: Some(ty), .. } => {
                                push(Kind::ErrorBody, ctx.expr_checks(ty, body, &what))
                            }
                            // Documented without a body: whatever a sample shows is not read.
                            ErrorWire::Status { body: None, .. } => {}
                        }
                    }
                    for (name, value) in &example.headers {
                        let what = format!("{at}: header `{name}` of error `{error_name}`");
                        match error.headers.iter().find(|h| h.wire_name.eq_ignore_ascii_case(name)) {
                            // Error headers get no inline newtypes: they are read by the error decoder, not a model.
                            Some(header) => push(Kind::Header, ctx.field_checks("", header, value, &what)),
                            None => push(Kind::Header, vec![not_declared(&what, value, "error header")]),
                        }
                    }
                }
            }
        }
    }

    for ty in &api.types {
        if let Some(example) = &ty.example {
            push(
                Kind::TypeExample,
                vec![ctx.named_check(&ty.name, example, &format!("example of type `{}`", ty.name))],
            );
        }
    }

    // Field examples: object fields, endpoint arguments and response headers, error headers.
    let mut fields = Vec::new();
    for ty in &api.types {
        if let TypeDefKind::Object { fields: members, .. } = &ty.kind {
            fields.extend(members.iter().map(|f| (ty.name.clone(), format!("field `{}.{}`", ty.name, f.wire_name), f)));
        }
    }
    for endpoint in &api.endpoints {
        let owner = codegen::naming::camel(&endpoint.name);
        for argument in &endpoint.arguments {
            fields.push((owner.clone(), format!("argument `{}` of `{}`", argument.wire_name, endpoint.name), argument));
        }
        for header in &endpoint.response.headers {
            fields.push((
                owner.clone(),
                format!("response header `{}` of `{}`", header.wire_name, endpoint.name),
                header,
            ));
        }
    }
    for error in &api.errors.codes {
        for header in &error.headers {
            fields.push((String::new(), format!("header `{}` of error `{}`", header.wire_name, error.name), header));
        }
    }
    for (owner, at, field) in fields {
        let Some(example) = &field.example else { continue };
        let checks = ctx.field_checks(&owner, field, example, &format!("example of {at}"));
        for check in checks {
            let named = ctx.inline_name(&owner, field).is_some() || contains_named(&field.ty);
            push(if named { Kind::FieldExample } else { Kind::BuiltinFieldExample }, vec![check]);
        }
    }
    out
}

fn contains_named(ty: &codegen::ir::TypeExpr) -> bool {
    use codegen::ir::TypeExpr;
    match ty {
        TypeExpr::Named(_) | TypeExpr::Expandable(_) => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => contains_named(inner),
        TypeExpr::Primitive(_) => false,
    }
}

/// A body of an error told by its code: the code where the API's rules say must be the example's error, the message
/// (where the rules put one) text, and details of an error that declares their type must round-trip as that type.
fn coded_checks(
    ctx: &Ctx<'_>,
    error_name: &str,
    declared: Option<&codegen::ir::TypeExpr>,
    body: &Value,
    what: &str,
) -> Vec<Check> {
    let api = ctx.api;
    let ErrorShape::Coded(rules) = &api.errors.shape else {
        return vec![bad_sample(what, body, "an error told by its code in an API whose errors carry none")];
    };
    let code_ok = match body.pointer(&rules.code) {
        Some(Value::String(code)) if rules.case_insensitive => code.eq_ignore_ascii_case(error_name),
        Some(Value::String(code)) => code == error_name,
        _ => false,
    };
    if !code_ok {
        return vec![bad_sample(what, body, &format!("the code at `{}` must be `{error_name}`", rules.code))];
    }
    if let Some(message) = rules.message.as_deref().and_then(|pointer| body.pointer(pointer)) {
        if !message.is_string() {
            return vec![bad_sample(what, body, "the message must be text")];
        }
    }
    let details = body.pointer(&rules.details).unwrap_or(&Value::Null);
    match declared {
        Some(ty) if !details.is_null() => ctx.expr_checks(ty, details, &format!("{what}, details")),
        _ => Vec::new(),
    }
}

fn not_declared(what: &str, value: &Value, thing: &str) -> Check {
    bad_sample(what, value, &format!("no such {thing} is declared"))
}

fn bad_sample(what: &str, value: &Value, problem: &str) -> Check {
    Check { what: what.to_owned(), ty: "-".to_owned(), input: value.clone(), output: Err(problem.to_owned()) }
}
