//! A checked AST to the IR. Runs only on specs without diagnostics, so absent values here are ones the checks allow to
//! be absent; anything else falls back to an empty value rather than panicking.

use crate::front::ast;
use crate::ir::*;
use crate::naming;

pub fn lower(spec: &ast::Spec, spec_file: &str) -> Api {
    let errors = lower_errors(spec);
    let api_body = spec.api.body_encoding.as_ref().map_or(BodyEncoding::Json, |b| body_encoding(b.value));
    let style = match spec.api.style.as_ref().map_or(ast::Style::Rest, |s| s.value) {
        ast::Style::Rpc => {
            ApiStyle::Rpc { path_prefix: spec.api.path_prefix.as_ref().map_or(String::new(), |p| p.value.clone()) }
        }
        ast::Style::Rest => ApiStyle::Rest,
    };
    let mut api = Api {
        spec_file: spec_file.to_owned(),
        spec_path: spec_file.to_owned(),
        name: text(&spec.api.name),
        title: text(&spec.api.title),
        doc: doc(&spec.api.doc),
        docs_url: spec.api.docs_url.as_ref().map(|t| t.value.clone()),
        servers: spec.servers.iter().map(lower_server).collect(),
        versioning: spec.versioning.as_ref().map(|v| Versioning {
            header: text(&v.header),
            versions: v.versions.iter().map(|t| t.value.clone()).collect(),
            default: text(&v.default),
            doc: doc(&v.doc),
        }),
        auth: spec.auth.iter().map(lower_auth).collect(),
        types: spec.types.iter().map(lower_type).collect(),
        endpoints: spec.endpoints.iter().map(|e| lower_endpoint(e, &style, &errors, api_body)).collect(),
        webhooks: spec.webhooks.as_ref().map(super::lower_webhooks::lower_webhooks),
        errors,
        style,
    };
    // References are resolved through the lowered types, so they need the whole API first.
    for (endpoint, source) in api.endpoints.iter_mut().zip(&spec.endpoints) {
        endpoint.idempotency = source.idempotency.as_ref().and_then(|i| lower_idempotency(i, endpoint, &api.types));
        endpoint.pagination = source.pagination.as_ref().and_then(|p| lower_pagination(p, endpoint, &api.types));
    }
    api
}

/// The fields a dotted path names, from the object type `root` down. `None` for a path the checker would have refused.
fn resolve_path(root: &TypeExpr, dotted: &str, types: &[TypeDef]) -> Option<FieldPath> {
    let mut fields: Vec<Field> = Vec::new();
    let mut current = root;
    for part in dotted.split('.') {
        let TypeExpr::Named(name) = current else { return None };
        let TypeDefKind::Object { fields: members, .. } = &types.iter().find(|t| &t.name == name)?.kind else {
            return None;
        };
        let field = members.iter().find(|f| f.wire_name == part)?;
        fields.push(field.clone());
        current = &fields.last()?.ty;
    }
    let leaf = fields.pop()?;
    Some(FieldPath { parents: fields, leaf })
}

/// The pagination of a checked spec with its names resolved. The checker refuses any spec where a name does not
/// resolve, so `None` here means a checker gap, not a spec the user can write.
fn lower_pagination(p: &ast::Pagination, endpoint: &Endpoint, types: &[TypeDef]) -> Option<Pagination> {
    let body = &endpoint.response.ty;
    let path = |t: &Option<ast::Text>| t.as_ref().and_then(|t| resolve_path(body, &t.value, types));
    let argument = |t: &Option<ast::Text>| {
        let name = &t.as_ref()?.value;
        endpoint.arguments.iter().find(|a| &a.wire_name == name).cloned()
    };
    let scheme = match p.kind.as_ref().map_or(ast::PageKind::LimitOffset, |k| k.value) {
        ast::PageKind::CursorBody => PageScheme::CursorBody { next: path(&p.next)?, previous: path(&p.previous)? },
        ast::PageKind::OffsetToken => PageScheme::OffsetToken {
            limit: argument(&p.limit)?,
            offset: argument(&p.offset)?,
            next_offset: path(&p.next_offset)?,
        },
        ast::PageKind::LimitOffset => PageScheme::LimitOffset {
            limit: argument(&p.limit)?,
            offset: argument(&p.offset)?,
            total_header: p.total_header.as_ref().map(|t| t.value.clone()),
        },
        ast::PageKind::LastItem => {
            // The checker resolved `last_item` inside the type of the items, a plain array.
            let list = match &p.items {
                Some(items) => resolve_path(body, &items.value, types)?.leaf.ty,
                None => body.clone(),
            };
            let TypeExpr::Array(item) = list else { return None };
            PageScheme::LastItem {
                offset: argument(&p.offset)?,
                last_item: resolve_path(&item, &p.last_item.as_ref()?.value, types)?,
                limit: argument(&p.limit),
            }
        }
        ast::PageKind::PageNumber => PageScheme::PageNumber {
            page: argument(&p.offset)?,
            first_page: p.first_page.as_ref().map_or(1, |f| f.value),
            limit: argument(&p.limit),
            total_pages: path(&p.total_pages),
        },
        ast::PageKind::NextLink => PageScheme::NextLink { link: lower_next_link(p, endpoint, types)? },
    };
    let items = match &p.items {
        Some(items) => Some(resolve_path(body, &items.value, types)?),
        None => None,
    };
    Some(Pagination { items, scheme, has_more: path(&p.has_more) })
}

/// Where a `next_link` page gives its link: the header `link_header` names, or the field `link` names, a string or
/// (as the checker allows) an array of objects with `rel` and `href`.
fn lower_next_link(p: &ast::Pagination, endpoint: &Endpoint, types: &[TypeDef]) -> Option<NextLink> {
    if let Some(header) = &p.link_header {
        let headers = &endpoint.response.headers;
        return headers.iter().find(|h| h.wire_name.eq_ignore_ascii_case(&header.value)).cloned().map(NextLink::Header);
    }
    let links = resolve_path(&endpoint.response.ty, &p.link.as_ref()?.value, types)?;
    let TypeExpr::Array(item) = &links.leaf.ty else { return Some(NextLink::Field(links)) };
    let rel = resolve_path(item, "rel", types)?.leaf;
    let href = resolve_path(item, "href", types)?.leaf;
    Some(NextLink::Relations { links, rel, href })
}

fn lower_idempotency(i: &ast::Idempotency, endpoint: &Endpoint, types: &[TypeDef]) -> Option<Idempotency> {
    let reference: Vec<String> = i.reference.as_ref()?.value.split('.').map(str::to_owned).collect();
    let (head, rest) = reference.split_first()?;
    let mut steps = vec![endpoint.arguments.iter().find(|a| &a.wire_name == head)?.clone()];
    for part in rest {
        let TypeExpr::Named(name) = &steps.last()?.ty else { return None };
        let TypeDefKind::Object { fields, .. } = &types.iter().find(|t| &t.name == name)?.kind else { return None };
        steps.push(fields.iter().find(|f| &f.wire_name == part)?.clone());
    }
    Some(Idempotency {
        reference,
        steps,
        repeat: i.repeat.as_ref().map_or(Repeat::Undocumented, |r| r.value),
        generate: i.generate.as_ref().map(|g| g.value),
        duplicate_error: i.duplicate_error.as_ref().map(|t| t.value.clone()),
        lookup: i.lookup.as_ref().map(|l| Lookup {
            endpoint: text(&l.endpoint),
            argument: text(&l.argument),
            with: l.with.iter().map(|(k, v)| (k.value.clone(), v.value.clone())).collect(),
        }),
    })
}

pub(super) fn text(t: &Option<ast::Text>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.clone())
}

pub(super) fn doc(d: &ast::Doc) -> Doc {
    Doc {
        description: text(&d.description).trim_end().to_owned(),
        source: d.source.as_ref().map(|s| s.value.trim_end().to_owned()),
    }
}

fn lower_server(s: &ast::Server) -> Server {
    Server {
        name: s.name.value.clone(),
        variant: naming::camel(&s.name.value),
        url: text(&s.url),
        doc: doc(&s.doc),
        variables: s
            .variables
            .iter()
            .map(|v| ServerVariable {
                name: v.name.value.clone(),
                rust_name: naming::snake(&v.name.value),
                doc: doc(&v.doc),
                example: v.example.as_ref().map(|e| e.value.clone()),
            })
            .collect(),
    }
}

fn lower_auth(s: &ast::AuthScheme) -> AuthScheme {
    let method = match s.kind.as_ref().map_or(ast::AuthKind::Bearer, |k| k.value) {
        ast::AuthKind::Bearer => AuthMethod::Bearer { format: s.format.as_ref().map(|t| t.value.clone()) },
        ast::AuthKind::Basic => AuthMethod::Basic,
        ast::AuthKind::ApiKey => AuthMethod::ApiKey { header: text(&s.header) },
        ast::AuthKind::OAuth2ClientCredentials => AuthMethod::OAuth2ClientCredentials {
            token_url: text(&s.token_url),
            scopes: s.scopes.iter().map(|t| t.value.clone()).collect(),
        },
    };
    AuthScheme {
        name: s.name.value.clone(),
        variant: naming::camel(&s.name.value),
        method,
        environments: s.environments.iter().map(|t| t.value.clone()).collect(),
        doc: doc(&s.doc),
        example: s.example.as_ref().map(|t| t.value.clone()),
    }
}

fn status(s: &Option<ast::Spanned<u64>>) -> Option<u16> {
    s.as_ref().and_then(|s| u16::try_from(s.value).ok())
}

fn lower_errors(spec: &ast::Spec) -> ErrorModel {
    let Some(e) = &spec.errors else {
        return ErrorModel {
            shape: ErrorShape::ByStatus,
            content_types: vec!["application/json".into()],
            doc: Doc { description: String::new(), source: None },
            codes: Vec::new(),
        };
    };
    let content_types = if e.content_types.is_empty() {
        vec!["application/json".to_owned()]
    } else {
        e.content_types.iter().map(|t| t.value.clone()).collect()
    };
    let style = e.style.as_ref().map_or(ast::ErrorStyle::ByStatus, |s| s.value);
    ErrorModel {
        shape: match e.code_places() {
            None => ErrorShape::ByStatus,
            // The checker requires `errors.status` of `code_array`, between 400 and 599.
            Some(places) => ErrorShape::Coded(CodeRules {
                code: places.code,
                message: places.message,
                details: places.details,
                only_status: (style == ast::ErrorStyle::CodeArray).then(|| status(&e.status).unwrap_or(400)),
                case_insensitive: e.case_insensitive_codes.as_ref().is_some_and(|f| f.value),
            }),
        },
        content_types,
        doc: doc(&e.doc),
        codes: e
            .codes
            .iter()
            .map(|c| {
                // The checker requires a status of each error but those of `code_array`, which share `errors.status`.
                let wire_status = status(&c.status).or(status(&e.status)).unwrap_or(400);
                let variant = variant_name(&c.name, c.rust_name.as_ref());
                ErrorDef {
                    name: c.name.value.clone(),
                    wire: if c.told_by_status(style) {
                        // The checker requires a body of every error told by status.
                        ErrorWire::Status {
                            body: match &c.body {
                                Some(ast::ErrorBody::Type(ty)) => Some(ty.expr.clone()),
                                Some(ast::ErrorBody::None(_)) => None,
                                None => Some(TypeExpr::Primitive(Primitive::Json)),
                            },
                            headers_type: (!c.headers.is_empty()).then(|| naming::error_headers_type(&variant)),
                        }
                    } else {
                        ErrorWire::Code { details: c.details.as_ref().map(|t| t.expr.clone()) }
                    },
                    variant,
                    doc: doc(&c.doc),
                    common: c.common,
                    status: wire_status,
                    also: c.also.iter().filter_map(|s| u16::try_from(s.value).ok()).collect(),
                    headers: c.headers.iter().map(|h| lower_field(h, Location::Header, None)).collect(),
                    refusal: match c.outcome.as_ref().map(|o| o.value) {
                        Some(ast::ErrorOutcome::Refused) => true,
                        Some(ast::ErrorOutcome::Unknown) => false,
                        // Several statuses: a refusal only when each of them says so.
                        None => std::iter::once(wire_status)
                            .chain(c.also.iter().filter_map(|s| u16::try_from(s.value).ok()))
                            .all(refusal_by_status),
                    },
                }
            })
            .collect(),
    }
}

/// Without an `outcome`, a client error says the request was refused, except a time-out (408) and a rate limit
/// (429), after which a server may or may not have acted; a server error (5xx) says nothing either.
fn refusal_by_status(status: u16) -> bool {
    (400..500).contains(&status) && !matches!(status, 408 | 429)
}

fn constraints(c: &ast::Constraints) -> Constraints {
    Constraints {
        min: c.min.as_ref().map(|s| s.value),
        max: c.max.as_ref().map(|s| s.value),
        min_length: c.min_length.as_ref().map(|s| s.value),
        max_length: c.max_length.as_ref().map(|s| s.value),
        length: c.length.as_ref().map(|s| s.value),
        pattern: c.pattern.as_ref().map(|s| s.value.clone()),
        max_decimals: c.max_decimals.as_ref().map(|s| s.value),
        key_min_length: c.key_min_length.as_ref().map(|s| s.value),
        key_max_length: c.key_max_length.as_ref().map(|s| s.value),
        key_pattern: c.key_pattern.as_ref().map(|s| s.value.clone()),
    }
}

/// The Rust variant of a wire name (an enum value, an error, a union tag): its `rust_name`, or its `UpperCamelCase`.
fn variant_name(wire: &ast::Text, rust_name: Option<&ast::Text>) -> String {
    rust_name.map_or_else(|| naming::camel(&wire.value), |given| given.value.clone())
}

fn lower_type(t: &ast::TypeDef) -> TypeDef {
    let kind = match t.kind.as_ref().map_or(ast::TypeKind::Object, |k| k.value) {
        ast::TypeKind::Object => {
            let fields: Vec<Field> =
                t.fields.iter().map(|f| lower_field(f, Location::Body, Some(&t.name.value))).collect();
            let currency_decimals = t.currency_decimals.as_ref().and_then(|rule| {
                let named = |name: &Option<ast::Text>| {
                    let name = name.as_ref()?;
                    fields
                        .iter()
                        .find(|f| f.wire_name == name.value)
                        .map(|f| (f.rust_name.clone(), f.wire_name.clone()))
                };
                let places = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                Some(CurrencyDecimals {
                    amount: named(&rule.amount)?,
                    currency: named(&rule.currency)?,
                    default: rule.default.as_ref().map(|d| places(d.value)),
                    places: rule.places.iter().map(|(code, n)| (code.value.clone(), places(n.value))).collect(),
                })
            });
            TypeDefKind::Object { fields, closed: t.closed, currency_decimals }
        }
        ast::TypeKind::Enum => TypeDefKind::Enum {
            values: t
                .values
                .iter()
                .map(|v| EnumValue {
                    wire: v.value.value.clone(),
                    variant: variant_name(&v.value, v.rust_name.as_ref()),
                    doc: doc(&v.doc),
                })
                .collect(),
            default: t.default.as_ref().and_then(|d| d.value.as_str().map(str::to_owned)),
        },
        ast::TypeKind::String => {
            TypeDefKind::String { constraints: constraints(&t.constraints), format: t.format.as_ref().map(|f| f.value) }
        }
        ast::TypeKind::Integer => TypeDefKind::Integer {
            constraints: constraints(&t.constraints),
            width: if t.width.as_ref().is_some_and(|w| w.value == 32) { 32 } else { 64 },
        },
        ast::TypeKind::Decimal => TypeDefKind::Decimal { constraints: constraints(&t.constraints) },
        ast::TypeKind::Id => TypeDefKind::Id {
            uid_prefix: text(&t.uid_prefix),
            external: t.external,
            max_length: t.constraints.max_length.as_ref().map(|m| m.value),
        },
        ast::TypeKind::Union => TypeDefKind::Union {
            tag: text(&t.tag),
            variants: t
                .variants
                .iter()
                .map(|v| UnionVariant {
                    wire: v.tag.value.clone(),
                    variant: variant_name(&v.tag, v.rust_name.as_ref()),
                    object: v.ty.value.clone(),
                })
                .collect(),
        },
    };
    TypeDef { name: t.name.value.clone(), doc: doc(&t.doc), example: t.example.as_ref().map(|e| e.value.clone()), kind }
}

/// `owner` names the newtype a constrained field gets (`naming::inline_type`); fields without one (error headers)
/// keep their rules in the docs.
fn lower_field(f: &ast::Field, default_location: Location, owner: Option<&str>) -> Field {
    let rust_name = f.rust_name.as_ref().map_or_else(|| naming::snake(&f.name.value), |r| r.value.clone());
    let ty = f.ty.as_ref().map_or(TypeExpr::Primitive(Primitive::Json), |t| t.expr.clone());
    let inline_type = owner
        .filter(|_| naming::gets_inline_type(&ty, !constraints(&f.constraints).is_empty()))
        .map(|owner| naming::inline_type(owner, &rust_name));
    Field {
        wire_name: f.name.value.clone(),
        rust_name,
        ty,
        doc: doc(&f.doc),
        required: f.required,
        nullable: f.nullable,
        default: f.default.as_ref().map(|d| d.value.clone()),
        example: f.example.as_ref().map(|e| e.value.clone()),
        constraints: constraints(&f.constraints),
        read_only: f.read_only,
        aliases: f.aliases.iter().map(|a| a.value.clone()).collect(),
        location: f.location.as_ref().map_or(default_location, |l| l.value),
        encoding: f.encoding.as_ref().map(|e| encoding(e.value)).or(match f.location.as_ref().map(|l| l.value) {
            Some(Location::Query) if matches!(f.ty.as_ref().map(|t| &t.expr), Some(TypeExpr::Array(_))) => {
                Some(QueryEncoding::Repeated)
            }
            _ => None,
        }),
        inline_type,
    }
}

fn body_encoding(encoding: ast::BodyEncoding) -> BodyEncoding {
    match encoding {
        ast::BodyEncoding::Json => BodyEncoding::Json,
        ast::BodyEncoding::Form => BodyEncoding::Form,
    }
}

fn encoding(encoding: ast::Encoding) -> QueryEncoding {
    match encoding {
        ast::Encoding::Repeated => QueryEncoding::Repeated,
        ast::Encoding::Comma => QueryEncoding::Comma,
        ast::Encoding::Sort => QueryEncoding::Sort,
        ast::Encoding::Filter => QueryEncoding::Filter,
        ast::Encoding::Form => QueryEncoding::Form,
    }
}

fn lower_endpoint(e: &ast::Endpoint, style: &ApiStyle, errors: &ErrorModel, api_body: BodyEncoding) -> Endpoint {
    let (method, path) = style.route(&e.name.value, e.method.as_ref().map_or(Method::Get, |m| m.value), text(&e.path));
    let mut endpoint_errors: Vec<EndpointError> = e
        .errors
        .iter()
        .filter(|own| errors.codes.iter().any(|c| c.name == own.name.value && !c.common))
        .map(|own| endpoint_error(own, errors))
        .collect();
    for common in errors.codes.iter().filter(|c| c.common) {
        let own = e.errors.iter().find(|o| o.name.value == common.name);
        endpoint_errors.push(match own {
            Some(own) => endpoint_error(own, errors),
            None => EndpointError { name: common.name.clone(), doc: common.doc.clone(), common: true },
        });
    }
    let response = e.response.as_ref();
    let success = response.and_then(|r| status(&r.status)).unwrap_or(200);
    let owner = naming::camel(&e.name.value);
    let headers_declared = response.is_some_and(|r| !r.headers.is_empty());
    let arguments: Vec<Field> = e.arguments.iter().map(|a| lower_field(a, Location::Body, Some(&owner))).collect();
    Endpoint {
        name: e.name.value.clone(),
        names: EndpointNames {
            method: e.name.value.clone(),
            request: naming::request_type(&e.name.value),
            error: naming::error_type(&e.name.value),
            response: headers_declared.then(|| naming::response_type(&e.name.value)),
        },
        summary: text(&e.summary),
        doc: doc(&e.doc),
        method,
        path,
        auth_required: e.auth_required,
        auth_scheme: e.auth_scheme.as_ref().map(|t| t.value.clone()),
        body: style
            .sends_body(&arguments)
            .then(|| e.body_encoding.as_ref().map_or(api_body, |b| body_encoding(b.value))),
        // GET changes nothing on the server, and neither does a paginated call: listing pages is a read whatever
        // method carries it (Reservepay lists with POST).
        read_only: method == Method::Get || e.pagination.is_some(),
        arguments,
        groups: e
            .groups
            .iter()
            .map(|g| Group {
                name: g.name.value.clone(),
                rust_type: naming::group_type(&e.name.value, &g.name.value),
                rust_name: naming::snake(&g.name.value),
                doc: doc(&g.doc),
                alternatives: g
                    .alternatives
                    .iter()
                    .map(|a| Alternative {
                        name: a.name.value.clone(),
                        variant: naming::camel(&a.name.value),
                        doc: doc(&a.doc),
                        arguments: a.arguments.iter().map(|t| t.value.clone()).collect(),
                        optional: a.optional.iter().map(|t| t.value.clone()).collect(),
                        sets: a.sets.iter().map(|(k, v)| (k.value.clone(), v.value.clone())).collect(),
                    })
                    .collect(),
            })
            .collect(),
        response: Response {
            status: success,
            ty: response.and_then(|r| r.ty.as_ref()).map_or(TypeExpr::Primitive(Primitive::Json), |t| t.expr.clone()),
            doc: response.map_or(Doc { description: String::new(), source: None }, |r| doc(&r.doc)),
            headers: response.map_or(Vec::new(), |r| {
                r.headers.iter().map(|h| lower_field(h, Location::Header, Some(&owner))).collect()
            }),
        },
        // Resolved once the types are lowered (`lower`).
        pagination: None,
        errors: endpoint_errors,
        idempotency: None,
        examples: e
            .examples
            .iter()
            .map(|x| {
                let error_status = x.error.as_ref().and_then(|name| errors.status_of(&name.value));
                Example {
                    name: text(&x.name),
                    description: x.description.as_ref().map(|t| t.value.clone()),
                    request: x.request.as_ref().map(|r| r.value.clone()),
                    status: status(&x.status).or(error_status).unwrap_or(success),
                    error: x.error.as_ref().map(|t| t.value.clone()),
                    response: x.response.as_ref().map(|r| r.value.clone()),
                    headers: x.headers.iter().map(|(k, v)| (k.value.clone(), v.value.clone())).collect(),
                }
            })
            .collect(),
    }
}

fn endpoint_error(own: &ast::EndpointError, errors: &ErrorModel) -> EndpointError {
    let declared = errors.codes.iter().find(|c| c.name == own.name.value);
    let mut d = doc(&own.doc);
    if d.description.is_empty() {
        if let Some(declared) = declared {
            d.description = declared.doc.description.clone();
        }
    }
    EndpointError { name: own.name.value.clone(), doc: d, common: declared.is_some_and(|c| c.common) }
}
