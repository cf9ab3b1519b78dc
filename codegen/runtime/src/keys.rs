//! Idempotency keys the client makes itself, for APIs that replay a request by a key the caller chooses (Stripe's
//! `Idempotency-Key`, PayPal's `PayPal-Request-Id`, Wise's `customerTransactionId`).
//!
//! A generated call makes one key per logical call, before its first attempt, and sends the same key on every retry:
//! that is what lets the server recognise a retry of a payout it already made. Two different payouts must never
//! share a key (the server would answer the second with the first's result and make no second payout), so the
//! key's 122 random bits come from the operating system's random source, not from a seeded generator.

use crate::validate::ValidationError;

/// A new random UUID (version 4) in its usual text form, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` in lower case.
///
/// Refused (the call is not sent) only if the operating system cannot give random bytes.
pub fn new_idempotency_key() -> Result<String, ValidationError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|why| ValidationError::new("idempotency key", format!("the system's random source failed ({why})")))?;
    Ok(uuid_v4_text(bytes))
}

/// The UUID text of 16 random bytes, with the version (4) and variant (RFC 4122) bits set.
fn uuid_v4_text(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_version_4_uuids() {
        assert_eq!(uuid_v4_text([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4_text([0; 16]), "00000000-0000-4000-8000-000000000000");
        let key = new_idempotency_key().expect("a key");
        let groups: Vec<usize> = key.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{key}");
        assert!(key.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{key}");
        assert_eq!(&key[14..15], "4");
        assert!("89ab".contains(&key[19..20]), "{key}");
    }

    #[test]
    fn keys_differ() {
        let keys: std::collections::BTreeSet<String> =
            (0..1000).map(|_| new_idempotency_key().expect("a key")).collect();
        assert_eq!(keys.len(), 1000);
    }
}
