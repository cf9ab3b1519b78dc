//! The Webhooks section of an API's page: the events, how a delivery is signed (or why it is not), and the sample
//! handler the `webhooks` module's rustdoc also shows (compiled there by `cargo test --doc`).

use super::escape;
use super::tables::doc_html;
use crate::ir::{Api, SignatureAlgorithm, SignatureEncoding, SignatureKey, SignatureValue, SignedPart};

/// The section, or nothing for an API without webhooks.
pub fn section(api: &Api, crate_path: &str) -> String {
    let Some(webhooks) = &api.webhooks else { return String::new() };
    let mut out = format!(
        "<section id=\"webhooks\">\n<h2>Webhooks</h2>\n<div class=\"prose\">{}</div>\n\
         <table class=\"webhook-events\">\n<thead><tr><th><code>{}</code></th><th>Payload</th><th>Rust</th><th>Description</th></tr></thead>\n<tbody>\n",
        doc_html(&webhooks.doc),
        escape::text(&webhooks.event_type.join("."))
    );
    for event in &webhooks.events {
        out.push_str(&format!(
            "<tr data-name=\"{}\"><td class=\"name\"><code>{}</code></td><td><a href=\"#type-{}\"><code>{}</code></a></td>\
             <td><code>webhooks::Event::{}</code></td><td>{}</td></tr>\n",
            escape::attr(&event.wire),
            escape::text(&event.wire),
            escape::attr(&event.payload),
            escape::text(&event.payload),
            escape::text(&event.variant),
            doc_html(&event.doc)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    match (&webhooks.signature, &webhooks.unsigned) {
        (Some(signature), _) => {
            let header = match &signature.value {
                SignatureValue::Whole => "the signature".to_owned(),
                SignatureValue::Prefixed(prefix) => format!("<code>{}</code> then the signature", escape::text(prefix)),
                SignatureValue::Parts { timestamp, signature } => format!(
                    "comma-separated parts: {}<code>{}=</code> for each signature",
                    timestamp
                        .as_ref()
                        .map_or(String::new(), |t| format!("<code>{}=</code> the Unix time, ", escape::text(t))),
                    escape::text(signature)
                ),
            };
            let algorithm = match signature.algorithm {
                SignatureAlgorithm::HmacSha256 => "HMAC-SHA256",
                SignatureAlgorithm::RsaSha256 => "RSA PKCS #1 v1.5 with SHA-256",
            };
            let key = match signature.key {
                SignatureKey::Secret => "the secret's text",
                SignatureKey::Base64Secret => "the bytes of the secret's base64",
                SignatureKey::PublicKey => "the vendor's public keys",
            };
            let encoding = match signature.encoding {
                SignatureEncoding::Hex => "hexadecimal",
                SignatureEncoding::Base64 => "base64",
            };
            let signed: String = signature
                .signed
                .iter()
                .map(|part| match part {
                    SignedPart::Text(text) => text.clone(),
                    SignedPart::Body => "{body}".to_owned(),
                    SignedPart::Timestamp => "{timestamp}".to_owned(),
                    SignedPart::Header(name) => format!("{{header:{name}}}"),
                    SignedPart::BodyCrc32 => "{body_crc32}".to_owned(),
                    SignedPart::WebhookId => "{webhook_id}".to_owned(),
                })
                .collect();
            let tolerance = signature.tolerance.map_or("not checked".to_owned(), |s| format!("{s} s, either way"));
            out.push_str(&format!(
                "<h3>Signature</h3>\n<dl class=\"facts\"><dt>Header</dt><dd><code>{}</code>: {header}</dd>\
                 <dt>Algorithm</dt><dd>{algorithm}, keyed with {key}</dd><dt>Signed</dt><dd><code>{}</code></dd>\
                 <dt>Encoding</dt><dd>{encoding}</dd><dt>Timestamp tolerance</dt><dd>{tolerance}</dd></dl>\n\
                 <div class=\"prose\">{}</div>\n",
                escape::text(&signature.header),
                escape::text(&signed),
                doc_html(&signature.doc)
            ));
        }
        (None, Some(why)) => {
            out.push_str(&format!("<h3>Not signed</h3>\n<div class=\"prose\">{}</div>\n", escape::markdown_inline(why)))
        }
        (None, None) => {}
    }
    if let Some(handler) = crate::webhook_sample::handler(api, crate_path) {
        out.push_str(&format!(
            "<h3>Receiving a delivery</h3>\n<pre class=\"sample-webhook\"><code>{}</code></pre>\n",
            escape::text(&handler)
        ));
    }
    out.push_str("</section>\n");
    out
}
