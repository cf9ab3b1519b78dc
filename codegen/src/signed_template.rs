//! The template of what a webhook signature covers (`webhooks.signature.signed`), such as `{timestamp}.{body}` or
//! PayPal's `{header:PAYPAL-TRANSMISSION-ID}|{header:PAYPAL-TRANSMISSION-TIME}|{webhook_id}|{body_crc32}`. Read once
//! here, for the checker (which reports a bad template) and the lowering (which turns it into the runtime's parts).

/// One part of what is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignedPart {
    /// Literal text.
    Text(String),
    /// The raw body.
    Body,
    /// The timestamp the signature header carries.
    Timestamp,
    /// A header's value, by name.
    Header(String),
    /// The CRC-32 of the body, as an unsigned decimal.
    BodyCrc32,
    /// The ID of the webhook subscription, given by the receiver.
    WebhookId,
}

/// The placeholders a template may hold, for messages.
pub const PLACEHOLDERS: &str = "`{body}`, `{timestamp}`, `{header:<Name>}`, `{body_crc32}`, `{webhook_id}`";

/// The parts of `template`, or why it cannot be read: an unclosed `{`, a stray `}`, or a placeholder not in
/// [`PLACEHOLDERS`]. A template must sign the body, directly or through its CRC-32.
pub fn parse(template: &str) -> Result<Vec<SignedPart>, String> {
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                parts.push(SignedPart::Text(rest.to_owned()));
                break;
            }
            Some(at) if rest[at..].starts_with('}') => return Err("has a `}` that closes nothing".to_owned()),
            Some(at) => {
                if at > 0 {
                    parts.push(SignedPart::Text(rest[..at].to_owned()));
                }
                let Some(end) = rest[at..].find('}') else { return Err("has a `{` that is never closed".to_owned()) };
                let name = &rest[at + 1..at + end];
                parts.push(match name {
                    "body" => SignedPart::Body,
                    "timestamp" => SignedPart::Timestamp,
                    "body_crc32" => SignedPart::BodyCrc32,
                    "webhook_id" => SignedPart::WebhookId,
                    _ => match name.strip_prefix("header:") {
                        Some(header) if is_token(header) => SignedPart::Header(header.to_owned()),
                        _ => {
                            return Err(format!("has the placeholder `{{{name}}}`, which is not one of {PLACEHOLDERS}"))
                        }
                    },
                });
                rest = &rest[at + end + 1..];
            }
        }
    }
    if !parts.iter().any(|part| matches!(part, SignedPart::Body | SignedPart::BodyCrc32)) {
        return Err("signs neither `{body}` nor `{body_crc32}`, so a changed body would still verify".to_owned());
    }
    Ok(parts)
}

/// Whether `name` can be an HTTP header name.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_read_into_parts() {
        assert_eq!(parse("{body}"), Ok(vec![SignedPart::Body]));
        assert_eq!(
            parse("{timestamp}.{body}"),
            Ok(vec![SignedPart::Timestamp, SignedPart::Text(".".to_owned()), SignedPart::Body])
        );
        let paypal = parse("{header:PAYPAL-TRANSMISSION-ID}|{webhook_id}|{body_crc32}").expect("PayPal's");
        assert_eq!(paypal[0], SignedPart::Header("PAYPAL-TRANSMISSION-ID".to_owned()));
        assert_eq!(paypal[4], SignedPart::BodyCrc32);
    }

    #[test]
    fn bad_templates_say_why() {
        assert!(parse("{timestamp}.").is_err_and(|why| why.contains("neither")));
        assert!(parse("{body").is_err_and(|why| why.contains("never closed")));
        assert!(parse("body}").is_err_and(|why| why.contains("closes nothing")));
        assert!(parse("{payload}").is_err_and(|why| why.contains("`{payload}`")));
        assert!(parse("{header:}{body}").is_err());
    }
}
