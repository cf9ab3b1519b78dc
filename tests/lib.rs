//! Helpers shared by several workspace tests; each test keeps what only it needs.

/// The crate that includes the generated modules in this workspace (`generated/`), as the docs' Rust samples and the
/// compiled doc examples name it.
pub const CRATE_PATH: &str = "payout_clients";

/// The reference as this repository's README builds it: its title, and samples through [`CRATE_PATH`].
pub fn site_options() -> codegen::docs::SiteOptions {
    codegen::docs::SiteOptions::new("Payout API reference", CRATE_PATH)
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
