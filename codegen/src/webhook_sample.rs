//! The sample webhook handler of an API with webhooks: shown in the `webhooks` module's rustdoc (where `cargo test
//! --doc` compiles it) and on the API's reference page. Framework-agnostic on purpose: a handler gets the raw body
//! and the headers from any web framework (axum and hyper hand over an `http::HeaderMap`, which the verifier takes as
//! it is; pairs of strings work too) and answers with a status.

use crate::ir::{Api, SignatureKey, SignedPart};

/// The handler's Rust source, using the generated module at `{crate_path}::{api}`; `None` without webhooks.
pub fn handler(api: &Api, crate_path: &str) -> Option<String> {
    let webhooks = api.webhooks.as_ref()?;
    let module = format!("{crate_path}::{}::webhooks", api.name);
    let first = webhooks.events.first();
    let documented_arm = first.map_or(String::new(), |event| {
        format!(
            "        Ok(Event::{variant}(event)) => {{\n            \
             // Keep the event (or its ID) and act on it after answering; the vendor may deliver it again.\n            \
             println!(\"{wire}: {{event:?}}\");\n            200\n        }}\n",
            variant = event.variant,
            wire = event.wire.replace('\\', "\\\\").replace('"', "\\\"")
        )
    });
    let Some(signature) = &webhooks.signature else {
        return Some(format!(
            "use {module}::Event;\n\n\
             /// Deliveries are not signed: authenticate them first, as the module's documentation says.\n\
             fn receive(authenticated: bool, body: &[u8]) -> u16 {{\n    \
             if !authenticated {{\n        return 401;\n    }}\n    \
             match Event::from_verified_body(body) {{\n\
             {documented_arm}        \
             Ok(other) => {{\n            println!(\"{{:?}}\", other.event_type());\n            200\n        }}\n        \
             Err(why) => {{\n            eprintln!(\"refused: {{why}}\");\n            400\n        }}\n    }}\n}}\n"
        ));
    };
    let signs_id = signature.signed.contains(&SignedPart::WebhookId);
    let id_argument = if signs_id { ", &std::env::var(\"WEBHOOK_ID\")?" } else { "" };
    let build = match signature.key {
        SignatureKey::Secret | SignatureKey::Base64Secret => format!(
            "    let secret = {crate_path}::runtime::Secret::new(std::env::var(\"WEBHOOK_SECRET\")?);\n    \
             Ok(Verifier::new(secret{id_argument})?)\n"
        ),
        SignatureKey::PublicKey => match signature.keys.first() {
            Some((name, _)) => {
                let constant = format!("{}_PUBLIC_KEY", name.to_uppercase().replace(['-', ' ', '.'], "_"));
                format!("    Ok(Verifier::new(&[{module}::{constant}]{id_argument})?)\n")
            }
            None => format!(
                "    // The vendor's public key (PEM), as you fetched and checked it.\n    \
                 let public_key = std::env::var(\"WEBHOOK_PUBLIC_KEY\")?;\n    \
                 Ok(Verifier::new(&[&public_key]{id_argument})?)\n"
            ),
        },
    };
    Some(format!(
        "use {module}::{{Event, Verifier}};\n\n\
         /// Built once, when the service starts.\n\
         fn verifier() -> Result<Verifier, Box<dyn std::error::Error>> {{\n\
         {build}}}\n\n\
         /// Answers a delivery: `body` exactly as received, `headers` as the web framework gives them.\n\
         fn receive(verifier: &Verifier, body: &[u8], headers: &[(String, String)]) -> u16 {{\n    \
         match verifier.verify(body, headers) {{\n\
         {documented_arm}        \
         Ok(other) => {{\n            println!(\"{{:?}}\", other.event_type());\n            200\n        }}\n        \
         // A forged, altered or replayed delivery, or one this spec cannot read: say so, act on nothing.\n        \
         Err(why) => {{\n            eprintln!(\"refused: {{why}}\");\n            400\n        }}\n    }}\n}}\n"
    ))
}
