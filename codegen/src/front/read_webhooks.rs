//! Reads the `webhooks` section: the events an API delivers and how a delivery is signed. Shape problems are reported
//! here; whether the parts fit together (a template's placeholders, a key for the algorithm) is checked in
//! `check::webhooks`.

use crate::front::ast::*;
use crate::front::reader::{join, Reader};
use crate::front::yaml::Entry;

const WEBHOOKS_KEYS: &[&str] = &["description", "source", "event_type", "events", "signature", "unsigned"];
const EVENT_KEYS: &[&str] = &["description", "source", "payload"];
const SIGNATURE_KEYS: &[&str] = &[
    "description",
    "source",
    "header",
    "prefix",
    "parts",
    "algorithm",
    "key",
    "keys",
    "encoding",
    "signed",
    "tolerance",
];
const PARTS_KEYS: &[&str] = &["timestamp", "signature"];

/// The `webhooks` section at `entry`.
pub(super) fn read_webhooks(r: &mut Reader<'_>, entry: &Entry) -> Option<Webhooks> {
    let map = r.map(&entry.value, entry.key_span, "webhooks", WEBHOOKS_KEYS)?;
    for key in ["event_type", "events"] {
        r.required(&map, key);
    }
    let events = r
        .named(&map, "events")
        .into_iter()
        .filter_map(|event| {
            let path = join("webhooks.events", &event.key);
            let emap = r.map(&event.value, event.key_span, &path, EVENT_KEYS)?;
            r.required(&emap, "payload");
            Some(WebhookEvent {
                name: Spanned { value: event.key.clone(), span: event.key_span },
                path,
                doc: Doc { description: r.prose(&emap, "description", true), source: r.prose(&emap, "source", false) },
                payload: r.text(&emap, "payload"),
            })
        })
        .collect();
    let signature = map.get("signature").and_then(|entry| read_signature(r, entry));
    Some(Webhooks {
        span: entry.key_span,
        doc: Doc { description: r.prose(&map, "description", true), source: r.prose(&map, "source", false) },
        event_type: r.text(&map, "event_type"),
        events,
        signature,
        unsigned: r.prose(&map, "unsigned", false),
    })
}

fn read_signature(r: &mut Reader<'_>, entry: &Entry) -> Option<WebhookSignature> {
    let path = "webhooks.signature";
    let map = r.map(&entry.value, entry.key_span, path, SIGNATURE_KEYS)?;
    for key in ["header", "algorithm", "key", "encoding"] {
        r.required(&map, key);
    }
    let parts = map.get("parts").and_then(|parts| {
        let pmap = r.map(&parts.value, parts.key_span, &join(path, "parts"), PARTS_KEYS)?;
        r.required(&pmap, "signature");
        Some(SignatureParts {
            span: parts.key_span,
            timestamp: r.text(&pmap, "timestamp"),
            signature: r.text(&pmap, "signature"),
        })
    });
    let keys = r
        .named(&map, "keys")
        .into_iter()
        .filter_map(|key| {
            let pem = r.scalar_text(&key.value, &join(&join(path, "keys"), &key.key))?;
            Some((Spanned { value: key.key.clone(), span: key.key_span }, pem))
        })
        .collect();
    Some(WebhookSignature {
        span: entry.key_span,
        doc: Doc { description: r.prose(&map, "description", false), source: r.prose(&map, "source", false) },
        header: r.text(&map, "header"),
        prefix: r.text(&map, "prefix"),
        parts,
        algorithm: r.choice(
            &map,
            "algorithm",
            &[("hmac_sha256", SignatureAlgorithm::HmacSha256), ("rsa_sha256", SignatureAlgorithm::RsaSha256)],
        ),
        key: r.choice(
            &map,
            "key",
            &[
                ("secret", SignatureKey::Secret),
                ("base64_secret", SignatureKey::Base64Secret),
                ("public_key", SignatureKey::PublicKey),
            ],
        ),
        keys,
        encoding: r.choice(&map, "encoding", &[("hex", SignatureEncoding::Hex), ("base64", SignatureEncoding::Base64)]),
        signed: r.text(&map, "signed"),
        tolerance: r.unsigned(&map, "tolerance"),
    })
}
