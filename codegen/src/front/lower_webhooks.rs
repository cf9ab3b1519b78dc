//! Lowers the `webhooks` section, which the checker has accepted, into the IR.

use super::lower::{doc, text};
use crate::front::ast;
use crate::ir::{SignatureValue, WebhookEvent, WebhookSignature, Webhooks};
use crate::{naming, signed_template};

/// The webhooks of a spec's `webhooks` section.
pub(super) fn lower_webhooks(webhooks: &ast::Webhooks) -> Webhooks {
    Webhooks {
        doc: doc(&webhooks.doc),
        event_type: text(&webhooks.event_type).split('.').map(str::to_owned).collect(),
        events: webhooks
            .events
            .iter()
            .map(|event| WebhookEvent {
                wire: event.name.value.clone(),
                variant: naming::camel(&event.name.value),
                doc: doc(&event.doc),
                payload: text(&event.payload),
            })
            .collect(),
        signature: webhooks.signature.as_ref().map(lower_signature),
        unsigned: webhooks.unsigned.as_ref().map(|why| why.value.trim_end().to_owned()),
    }
}

fn lower_signature(signature: &ast::WebhookSignature) -> WebhookSignature {
    let value = match (&signature.prefix, &signature.parts) {
        (Some(prefix), _) => SignatureValue::Prefixed(prefix.value.clone()),
        (None, Some(parts)) => SignatureValue::Parts {
            timestamp: parts.timestamp.as_ref().map(|t| t.value.clone()),
            signature: text(&parts.signature),
        },
        (None, None) => SignatureValue::Whole,
    };
    let template = signature.signed.as_ref().map_or("{body}", |t| t.value.as_str());
    WebhookSignature {
        doc: doc(&signature.doc),
        header: text(&signature.header),
        value,
        algorithm: signature.algorithm.as_ref().map_or(ast::SignatureAlgorithm::HmacSha256, |a| a.value),
        key: signature.key.as_ref().map_or(ast::SignatureKey::Secret, |k| k.value),
        keys: signature.keys.iter().map(|(name, pem)| (name.value.clone(), pem.value.trim().to_owned())).collect(),
        encoding: signature.encoding.as_ref().map_or(ast::SignatureEncoding::Hex, |e| e.value),
        // The checker refused a template that does not read.
        signed: signed_template::parse(template).unwrap_or_default(),
        tolerance: signature.tolerance.as_ref().map(|t| t.value),
    }
}
