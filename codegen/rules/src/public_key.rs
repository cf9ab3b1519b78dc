//! RSA public keys written as PEM, as vendors publish the keys their webhooks are signed with (Wise), and as a spec
//! writes them under `webhooks.signature.keys`.
//!
//! `codegen check` refuses a key that is not an RSA public key, and the runtime reads the same text into the key it
//! verifies with, so a key the checker accepts is a key the client can use. Only the structure is read here: the
//! base64 of the PEM body, then the DER of a `SubjectPublicKeyInfo` (`-----BEGIN PUBLIC KEY-----`) whose algorithm is
//! `rsaEncryption`, or of a bare `RSAPublicKey` (`-----BEGIN RSA PUBLIC KEY-----`). The result is the `RSAPublicKey`
//! DER, what a PKCS #1 verifier takes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// The object identifier `1.2.840.113549.1.1.1` (rsaEncryption), as DER content bytes.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// Why a text is not an RSA public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRefusal {
    /// No `-----BEGIN ... -----` / `-----END ... -----` lines around the body.
    NotPem,
    /// The label is not `PUBLIC KEY` or `RSA PUBLIC KEY` (a certificate or a private key, say).
    WrongLabel,
    /// The body is not base64.
    NotBase64,
    /// The DER does not hold an RSA public key.
    NotRsa,
}

impl KeyRefusal {
    /// What is wrong, to follow "the key".
    pub fn reason(self) -> &'static str {
        match self {
            KeyRefusal::NotPem => "is not PEM text (`-----BEGIN PUBLIC KEY-----` ... `-----END PUBLIC KEY-----`)",
            KeyRefusal::WrongLabel => {
                "is not a public key (its PEM label is neither `PUBLIC KEY` nor `RSA PUBLIC KEY`)"
            }
            KeyRefusal::NotBase64 => "has a PEM body that is not base64",
            KeyRefusal::NotRsa => "is not an RSA public key",
        }
    }
}

/// The `RSAPublicKey` DER of the PEM text `pem`.
pub fn rsa_public_key(pem: &str) -> Result<Vec<u8>, KeyRefusal> {
    let (label, der) = pem_body(pem)?;
    match label {
        "PUBLIC KEY" => spki_rsa_key(&der).map(<[u8]>::to_vec).ok_or(KeyRefusal::NotRsa),
        "RSA PUBLIC KEY" => match read(&der, 0x30) {
            Some((_, [])) => Ok(der),
            _ => Err(KeyRefusal::NotRsa),
        },
        _ => Err(KeyRefusal::WrongLabel),
    }
}

/// The label and decoded body of one PEM block.
fn pem_body(pem: &str) -> Result<(&str, Vec<u8>), KeyRefusal> {
    let text = pem.trim();
    let label = text
        .strip_prefix("-----BEGIN ")
        .and_then(|rest| rest.split_once("-----"))
        .map(|(label, _)| label)
        .ok_or(KeyRefusal::NotPem)?;
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let body = text.strip_prefix(&begin).and_then(|rest| rest.strip_suffix(&end)).ok_or(KeyRefusal::NotPem)?;
    let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD.decode(base64).map_err(|_| KeyRefusal::NotBase64)?;
    Ok((label, der))
}

/// The `RSAPublicKey` inside a `SubjectPublicKeyInfo` whose algorithm is rsaEncryption.
fn spki_rsa_key(der: &[u8]) -> Option<&[u8]> {
    let (info, rest) = read(der, 0x30)?;
    if !rest.is_empty() {
        return None;
    }
    let (algorithm, info) = read(info, 0x30)?;
    let (oid, _) = read(algorithm, 0x06)?;
    if oid != RSA_ENCRYPTION {
        return None;
    }
    let (bits, rest) = read(info, 0x03)?;
    // A BIT STRING starts with the count of unused bits, zero for a key.
    let (&0, key) = bits.split_first()? else { return None };
    let (_, after) = read(key, 0x30)?;
    (rest.is_empty() && after.is_empty()).then_some(key)
}

/// One DER element with tag `tag` at the start of `der`: its content and what follows it.
fn read(der: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&found, rest) = der.split_first()?;
    if found != tag {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        // Long form: the low bits count the length's bytes (at most 4 here: no key is larger).
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, rest) = rest.split_at(count);
        (bytes.iter().fold(0usize, |length, &byte| (length << 8) | usize::from(byte)), rest)
    };
    (rest.len() >= length).then(|| rest.split_at(length))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1024-bit RSA key made with `openssl genrsa 1024 | openssl rsa -pubout` for this test (never used to sign
    /// anything real).
    const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDpA7BwSY8qRjwQ40bCcmeC6YQB
T1u7PcEac4YdwxJw706FiIh7s7Wkq4a4Z3PSAAr5cRhVGrZC5+H4E+9zG+Itamjg
gWR9ykx4RYtgRfiFUbUuzX9EGn9C/aQ7AVq6kKKLZ55Hy50VWJrrmdr8rJX7NrVu
EWAEyx60nwngUVnyCQIDAQAB
-----END PUBLIC KEY-----";

    #[test]
    fn a_subject_public_key_info_gives_its_rsa_key() {
        let key = rsa_public_key(SPKI).expect("an RSA key");
        assert_eq!(key[0], 0x30, "an RSAPublicKey is a SEQUENCE");
        assert!(key.len() > 128, "holds a 1024-bit modulus");
    }

    #[test]
    fn other_texts_are_refused_with_their_reason() {
        assert_eq!(rsa_public_key("MIGfMA0GCSqGSIb3DQEB"), Err(KeyRefusal::NotPem));
        let private = SPKI.replace("PUBLIC KEY", "PRIVATE KEY");
        assert_eq!(rsa_public_key(&private), Err(KeyRefusal::WrongLabel));
        let mangled = SPKI.replace("MIGfMA0G", "MIGf*A0G");
        assert_eq!(rsa_public_key(&mangled), Err(KeyRefusal::NotBase64));
        let truncated = SPKI.replace("EWAEyx60nwngUVnyCQIDAQAB\n", "");
        assert_eq!(rsa_public_key(&truncated), Err(KeyRefusal::NotRsa));
        let unclosed = SPKI.replace("-----END PUBLIC KEY-----", "");
        assert_eq!(rsa_public_key(&unclosed), Err(KeyRefusal::NotPem));
    }
}
