//! The `webhooks` module of an API with a `webhooks` section: the `Event` enum (one variant per documented event,
//! `Unknown` for the rest) and, when deliveries are signed, the signature scheme as a runtime constant and a
//! `Verifier` built from the receiver's secret or keys. Checking and reading live in the runtime
//! (`rt::webhooks`); this file only declares.

use super::{docs, Options};
use crate::ir::{
    Api, SignatureAlgorithm, SignatureEncoding, SignatureKey, SignatureValue, SignedPart, WebhookSignature, Webhooks,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The module, or nothing for an API without webhooks. With [`Options::doc_example_crate`], its docs carry the sample
/// handler (`crate::webhook_sample`), which `cargo test --doc` compiles.
pub fn module(api: &Api, options: &Options) -> TokenStream {
    let Some(webhooks) = &api.webhooks else { return quote!() };
    let mut module_doc =
        format!("Webhooks of the {}: the events it delivers.\n\n{}", api.title, docs::of(&webhooks.doc));
    match (&webhooks.signature, &webhooks.unsigned) {
        (Some(_), _) => module_doc.push_str(
            "\n\nCheck every delivery with [`Verifier::verify`](webhooks::Verifier::verify), which takes the body \
             exactly as received and the headers, and returns the [`Event`](webhooks::Event) only when its signature \
             holds.",
        ),
        (None, Some(why)) => module_doc.push_str(&format!(
            "\n\n**Deliveries are not signed.** {why}\n\nRead a delivery with \
             [`Event::from_verified_body`](webhooks::Event::from_verified_body) only once it is authenticated as the \
             text above says."
        )),
        (None, None) => {}
    }
    if let Some(handler) =
        options.doc_example_crate.as_deref().and_then(|path| crate::webhook_sample::handler(api, path))
    {
        module_doc.push_str(&format!("\n\n# Receiving a delivery\n\n```no_run\n{handler}```"));
    }
    // An outer attribute: the doc's links resolve from the API module, hence `webhooks::...` in them.
    let module_doc = docs::attrs(&module_doc);
    let event = event_enum(webhooks);
    let verifier = webhooks.signature.as_ref().map(verifier);
    quote! {
        #module_doc
        pub mod webhooks {
            use super::rt;

            #event
            #verifier
        }
    }
}

/// `Event`, read through the runtime's `webhook_events!`.
fn event_enum(webhooks: &Webhooks) -> TokenStream {
    let variants = webhooks.events.iter().map(|event| {
        let variant = format_ident!("{}", event.variant);
        let payload = format_ident!("{}", event.payload);
        let doc = docs::attrs(&format!("`{}`: {}", event.wire, docs::of(&event.doc)));
        quote!(#doc #variant(super::#payload),)
    });
    let table = webhooks.events.iter().map(|event| {
        let (wire, variant) = (&event.wire, format_ident!("{}", event.variant));
        quote!(#wire => #variant)
    });
    let path = &webhooks.event_type;
    let field = path.join(".");
    let doc = docs::attrs(&format!(
        "An event the API delivers, told apart by its `{field}` field. Events the spec does not list are `Unknown`, \
         kept with their type and raw JSON, so that a new event never fails a delivery."
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Event {
            #(#variants)*
            /// An event the spec does not list.
            Unknown {
                /// Its type, when the delivery names one.
                event_type: Option<String>,
                /// The whole body, as received.
                payload: rt::Json,
            },
        }
        rt::webhook_events!(Event at [#(#path),*] { #(#table),* });
    }
}

/// `SCHEME`, the published keys, and `Verifier`.
fn verifier(signature: &WebhookSignature) -> TokenStream {
    let header = &signature.header;
    let value = match &signature.value {
        SignatureValue::Whole => quote!(rt::webhooks::SignatureValue::Whole),
        SignatureValue::Prefixed(prefix) => quote!(rt::webhooks::SignatureValue::Prefixed(#prefix)),
        SignatureValue::Parts { timestamp, signature } => {
            let timestamp = match timestamp {
                Some(key) => quote!(Some(#key)),
                None => quote!(None),
            };
            quote!(rt::webhooks::SignatureValue::Parts { timestamp: #timestamp, signature: #signature })
        }
    };
    let algorithm = match signature.algorithm {
        SignatureAlgorithm::HmacSha256 => quote!(HmacSha256),
        SignatureAlgorithm::RsaSha256 => quote!(RsaSha256),
    };
    let encoding = match signature.encoding {
        SignatureEncoding::Hex => quote!(Hex),
        SignatureEncoding::Base64 => quote!(Base64),
    };
    let parts = signature.signed.iter().map(|part| match part {
        SignedPart::Text(text) => quote!(rt::webhooks::Part::Text(#text)),
        SignedPart::Body => quote!(rt::webhooks::Part::Body),
        SignedPart::Timestamp => quote!(rt::webhooks::Part::Timestamp),
        SignedPart::Header(name) => quote!(rt::webhooks::Part::Header(#name)),
        SignedPart::BodyCrc32 => quote!(rt::webhooks::Part::BodyCrc32),
        SignedPart::WebhookId => quote!(rt::webhooks::Part::WebhookId),
    });
    let tolerance = match signature.tolerance {
        Some(seconds) => quote!(Some(#seconds)),
        None => quote!(None),
    };
    let signs_id = signature.signed.contains(&SignedPart::WebhookId);
    let (id_param, id_doc, with_id) = if signs_id {
        (
            quote!(, webhook_id: impl Into<String>),
            " The deliveries sign the subscription's `webhook_id`, which the vendor gave when the webhook was made.",
            quote!(?.with_webhook_id(webhook_id)),
        )
    } else {
        (quote!(), "", quote!())
    };
    let (key_param, build, key_doc) = match signature.key {
        SignatureKey::Secret | SignatureKey::Base64Secret => {
            let base64 = signature.key == SignatureKey::Base64Secret;
            let doc = if base64 {
                "the secret as the vendor shows it, in base64"
            } else {
                "the secret, as the vendor gives it"
            };
            (quote!(secret: rt::Secret), quote!(rt::webhooks::Verifier::hmac(&SCHEME, &secret, #base64)), doc)
        }
        SignatureKey::PublicKey => (
            quote!(public_keys: &[&str]),
            quote!(rt::webhooks::Verifier::rsa(&SCHEME, public_keys)),
            "the vendor's public keys (PEM); a delivery signed with any of them is accepted",
        ),
    };
    let keys = signature.keys.iter().map(|(name, pem)| {
        let constant = format_ident!("{}_PUBLIC_KEY", name.to_uppercase().replace(['-', ' ', '.'], "_"));
        let doc = format!("The public key the vendor publishes for `{name}` deliveries, for [`Verifier::new`].");
        quote!(#[doc = #doc] pub const #constant: &str = #pem;)
    });
    let scheme_doc = docs::attrs(&format!(
        "How deliveries are signed: header `{header}`.{}",
        if signature.doc.description.is_empty() { String::new() } else { format!(" {}", docs::of(&signature.doc)) }
    ));
    let new_doc = docs::attrs(&format!(
        "A verifier that checks deliveries with {key_doc}.{id_doc}\n\nRefused when the key material is empty or \
         cannot be read."
    ));
    quote! {
        #scheme_doc
        pub static SCHEME: rt::webhooks::Scheme = rt::webhooks::Scheme {
            header: #header,
            value: #value,
            algorithm: rt::webhooks::Algorithm::#algorithm,
            encoding: rt::webhooks::Encoding::#encoding,
            signed: &[#(#parts),*],
            tolerance: #tolerance,
        };

        #(#keys)*

        /// Checks deliveries against [`SCHEME`] and reads their [`Event`].
        #[derive(Debug)]
        pub struct Verifier(rt::webhooks::Verifier);

        impl Verifier {
            #new_doc
            #[inline]
            pub fn new(#key_param #id_param) -> Result<Self, rt::ValidationError> {
                Ok(Self(#build #with_id?))
            }
        }
        rt::webhook_verifier!(Verifier reads Event);
    }
}
