//! Rules for the `webhooks` section: each event's payload is an object type of the spec, each event makes a distinct
//! variant, and the signature's parts fit together (a key for the algorithm, a template with known placeholders, a
//! timestamp for the tolerance), so that whatever `check` accepts generates a verifier that compiles and checks what
//! the vendor signs.

use std::collections::HashMap;

use super::Ctx;
use crate::front::ast::{SignatureAlgorithm, SignatureKey, TypeKind, WebhookSignature, Webhooks};
use crate::front::messages as msg;
use crate::naming;
use crate::signed_template;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    let Some(webhooks) = &spec.webhooks else { return };
    signed_or_unsigned(ctx, webhooks);
    events_name_object_payloads(ctx, webhooks);
    events_make_distinct_variants(ctx, webhooks);
    if let Some(signature) = &webhooks.signature {
        signature_parts_fit(ctx, signature);
    }
}

/// A receiver must know whether to check a signature: the spec says how, or why not.
fn signed_or_unsigned(ctx: &mut Ctx<'_, '_>, webhooks: &Webhooks) {
    let message = match (&webhooks.signature, &webhooks.unsigned) {
        (None, None) => "the webhooks have neither `signature` nor `unsigned`",
        (Some(_), Some(_)) => "the webhooks have both `signature` and `unsigned`",
        _ => return,
    };
    let help = "describe how deliveries are signed under `signature`, or say under `unsigned` why they are not \
                (the vendor documents no signature) and what protects a receiver instead";
    ctx.diagnostics.push(msg::webhooks(webhooks.span, "webhooks", message.to_owned(), help.to_owned()));
}

/// A payload is read as a whole body, so it must be an object type of the spec.
fn events_name_object_payloads(ctx: &mut Ctx<'_, '_>, webhooks: &Webhooks) {
    let objects: Vec<String> = ctx
        .spec
        .types
        .iter()
        .filter(|t| t.kind.as_ref().is_some_and(|k| k.value == TypeKind::Object))
        .map(|t| t.name.value.clone())
        .collect();
    for event in &webhooks.events {
        let Some(payload) = &event.payload else { continue };
        if !objects.contains(&payload.value) {
            let path = format!("{}.payload", event.path);
            let what = "object type";
            ctx.diagnostics.push(msg::unknown_reference(payload.span, &path, what, &payload.value, &objects));
        }
    }
}

/// Each event becomes a variant of `Event`, named in `UpperCamelCase`, beside `Unknown`.
fn events_make_distinct_variants(ctx: &mut Ctx<'_, '_>, webhooks: &Webhooks) {
    let mut taken: HashMap<String, String> =
        HashMap::from([("Unknown".to_owned(), "the variant for unlisted events".to_owned())]);
    for event in &webhooks.events {
        let variant = naming::camel(&event.name.value);
        let clash = if naming::is_identifier(&variant) {
            taken.get(&variant).map(|first| format!("`Event::{variant}`, which {first} also makes"))
        } else {
            Some(format!("`{variant}`, which is not a Rust identifier"))
        };
        match clash {
            Some(clash) => {
                let message = format!("event `{}` would make the variant {clash}", event.name.value);
                let help = "webhook events become variants of `Event`; rename the event as the vendor names it";
                ctx.diagnostics.push(msg::webhooks(event.name.span, &event.path, message, help.to_owned()));
            }
            None => {
                taken.insert(variant, format!("event `{}`", event.name.value));
            }
        }
    }
}

/// The signature's keys must describe one scheme the runtime can check.
fn signature_parts_fit(ctx: &mut Ctx<'_, '_>, signature: &WebhookSignature) {
    let path = "webhooks.signature";
    let mut report = |span, message: String, help: &str| {
        ctx.diagnostics.push(msg::webhooks(span, path, message, help.to_owned()));
    };
    if let (Some(prefix), Some(_)) = (&signature.prefix, &signature.parts) {
        report(
            prefix.span,
            "`prefix` and `parts` cannot both describe the header".to_owned(),
            "keep the one the vendor uses",
        );
    }
    if let (Some(algorithm), Some(key)) = (&signature.algorithm, &signature.key) {
        let fits = match algorithm.value {
            SignatureAlgorithm::HmacSha256 => key.value != SignatureKey::PublicKey,
            SignatureAlgorithm::RsaSha256 => key.value == SignatureKey::PublicKey,
        };
        if !fits {
            let help = "`hmac_sha256` takes `secret` or `base64_secret`; `rsa_sha256` takes `public_key`";
            report(key.span, "the key does not fit the algorithm".to_owned(), help);
        }
    }
    let rsa = signature.algorithm.as_ref().is_some_and(|a| a.value == SignatureAlgorithm::RsaSha256);
    for (name, pem) in &signature.keys {
        if !rsa {
            report(name.span, "published `keys` are public keys, for `rsa_sha256` only".to_owned(), "remove them");
        } else if let Err(refusal) = codegen_rules::public_key::rsa_public_key(&pem.value) {
            let help = "paste the PEM text the vendor publishes, from `-----BEGIN PUBLIC KEY-----` to its END line";
            report(pem.span, format!("the key `{}` {}", name.value, refusal.reason()), help);
        }
    }
    let timestamp = signature.parts.as_ref().and_then(|parts| parts.timestamp.as_ref()).is_some();
    if let Some(signed) = &signature.signed {
        match signed_template::parse(&signed.value) {
            Err(why) => report(signed.span, format!("the template `{}` {why}", signed.value), "see `spec/README.md`"),
            Ok(parts) if !timestamp && parts.contains(&signed_template::SignedPart::Timestamp) => report(
                signed.span,
                "the template signs `{timestamp}`, but the header carries none".to_owned(),
                "name the timestamp's key under `parts.timestamp`",
            ),
            Ok(_) => {}
        }
    }
    if let (Some(tolerance), false) = (&signature.tolerance, timestamp) {
        let help = "name the timestamp's key under `parts.timestamp`, or remove `tolerance`";
        report(tolerance.span, "a tolerance needs the timestamp the header carries".to_owned(), help);
    }
    if let Some(header) = &signature.header {
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if header.value.is_empty() || !header.value.bytes().all(token) {
            report(header.span, format!("`{}` is not a header name", header.value), "write the header's name");
        }
    }
}
