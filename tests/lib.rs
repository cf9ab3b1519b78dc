//! Helpers shared by several workspace tests; each test keeps what only it needs.

/// The crate that includes the generated modules in this workspace (`generated/`), as the docs' Rust samples and the
/// compiled doc examples name it.
pub const CRATE_PATH: &str = "payout_clients";

/// The reference as this repository's README builds it: its title, and samples through [`CRATE_PATH`].
pub fn site_options() -> codegen::docs::SiteOptions {
    codegen::docs::SiteOptions::new("Payout API reference", CRATE_PATH)
}

/// Whether `text` is a version 4 UUID in lower case, as the generated clients make idempotency keys; written here
/// rather than taken from the runtime, whose keys it checks.
pub fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<usize> = text.split('-').map(str::len).collect();
    groups == [8, 4, 4, 4, 12]
        && text.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && &text[14..15] == "4"
        && "89ab".contains(&text[19..20])
}

/// Standard base64 with padding, written here so that tests of Basic credentials do not reuse the runtime's encoder
/// (they check it).
pub fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(super::base64_encode(plain.as_bytes()), encoded);
        }
    }
}
