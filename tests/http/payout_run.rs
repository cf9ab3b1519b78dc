//! A payout run over a lossy network: 1,000 Reservepay payouts, each with its own `external_id`, against a server
//! that records every request and then drops 30% of the responses (connection reset after the request was read, so
//! the payout may well have been made).
//!
//! What must hold: every payout eventually succeeds; every attempt of one payout carries the same `external_id` in
//! a byte-identical body (so the server can recognise a repeat instead of paying twice); the server sees exactly
//! 1,000 distinct references; and a payout sent without a reference whose response is lost reaches the server at
//! most once and ends as `Error::OutcomeUnknown`, for the caller to look up, never a blind retry.
//!
//! The drops are decided by a seeded RNG keyed on (reference, attempt), so the run is the same whatever order the
//! concurrent sends arrive in. Run with `--nocapture` for the figures.

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codegen_runtime::{ClientConfig, Error};
use futures::stream::{self, StreamExt as _};
use payout_clients::reservepay;
use serde_json::json;

use server::{Recorded, Reply, TestServer};
use support::*;

const SENDS: usize = 1_000;
const DROP_PERCENT: u64 = 30;
const SEED: u64 = 0x5EED_2025_0401;
const CONCURRENCY: usize = 16;
const MAX_ATTEMPTS: u32 = 8;

/// FNV-1a, so the drop pattern does not depend on the standard library's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether attempt `attempt` (1-based) of the payout `reference` loses its response.
fn dropped(reference: &str, attempt: u32) -> bool {
    let mut rng = fastrand::Rng::with_seed(SEED ^ fnv1a(reference) ^ u64::from(attempt).rotate_left(32));
    rng.u64(0..100) < DROP_PERCENT
}

fn reference(i: usize) -> String {
    format!("run-2025-04-01-{i:04}")
}

fn payout(reference: Option<&str>, i: usize) -> reservepay::SendPayoutToContactRequest {
    let request = reservepay::SendPayoutToContactRequest::new(
        reservepay::ContactRef::external(format!("customer-{i}")).expect("contact"),
        reservepay::MinorUnits::from_u64(10_000 + i as u64).expect("amount"),
    )
    .with_destination(reservepay::SendPayoutToContactDestination::MobileNumber {
        mobile_number: reservepay::MobileNumber::new(format!("08{:08}", i)).expect("mobile number"),
    })
    .with_recipient_name(format!("Recipient {i}"));
    match reference {
        Some(reference) => request.with_external_id(reference.to_owned()),
        None => request,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payout_run_with_dropped_responses() {
    let attempts_seen: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let seen = attempts_seen.clone();
    let server = TestServer::start(move |request: &Recorded, _| {
        let body = request.json();
        let Some(reference) = body["external_id"].as_str() else {
            // A payout without a reference: the server acts on it, and the response is lost.
            return Reply::Reset;
        };
        let attempt = {
            let mut seen = seen.lock().expect("lock");
            let count = seen.entry(reference.to_owned()).or_default();
            *count += 1;
            *count
        };
        if dropped(reference, attempt) {
            Reply::Reset
        } else {
            Reply::json(200, &json!(format!("po_{reference}")))
        }
    })
    .await;
    let config =
        ClientConfig::default().no_proxy().timeout(Duration::from_secs(10)).retry_policy(fast_retries(MAX_ATTEMPTS));
    let client = reservepay_client(&server, config);

    let started = Instant::now();
    let results: Vec<(usize, Result<String, _>)> = stream::iter(0..SENDS)
        .map(|i| {
            let client = &client;
            async move { (i, client.send_payout_to_contact(payout(Some(&reference(i)), i)).await) }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let wall = started.elapsed();

    // Every logical payout succeeded, with the ID the server gave for its reference.
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(i, result)| match result {
            Ok(id) if *id == format!("po_{}", reference(*i)) => None,
            other => Some(format!("payout {i}: {other:?}")),
        })
        .collect();
    assert!(failures.is_empty(), "{} payouts failed:\n{}", failures.len(), failures.join("\n"));

    // Group what crossed the wire by reference: every attempt of a payout sent the same bytes.
    let requests = server.requests();
    let mut by_reference: BTreeMap<String, Vec<&Recorded>> = BTreeMap::new();
    for request in &requests {
        let reference = request.json()["external_id"].as_str().expect("every request has a reference").to_owned();
        by_reference.entry(reference).or_default().push(request);
    }
    assert_eq!(by_reference.len(), SENDS, "distinct references recorded");
    let mut most_attempts = 0;
    for (i, (reference, attempts)) in by_reference.iter().enumerate() {
        assert_eq!(reference, &self::reference(i), "the references are exactly the ones sent");
        let first = attempts[0];
        for attempt in attempts {
            assert_eq!(attempt.body, first.body, "{reference}: every attempt sends an identical body");
            assert_eq!(attempt.headers.len(), first.headers.len(), "{reference}: same headers");
        }
        // The payout was sent until the first attempt whose response was not dropped, and then no more.
        let planned = (1..=MAX_ATTEMPTS).find(|&a| !dropped(reference, a)).expect("a response within the attempts");
        assert_eq!(attempts.len(), planned as usize, "{reference}: attempts");
        most_attempts = most_attempts.max(attempts.len());
        assert_standard_headers(api("reservepay"), first);
    }
    let drops = server.resets();
    let retries = requests.len() - SENDS;
    assert_eq!(retries, drops, "each dropped response cost exactly one retry");

    // A payout without a reference whose response is lost: sent once, then reported as of unknown outcome.
    let before = server.request_count();
    let unreferenced = client.send_payout_to_contact(payout(None, SENDS)).await;
    let sent = server.request_count() - before;
    match &unreferenced {
        Err(Error::OutcomeUnknown(unconfirmed)) => assert_eq!(unconfirmed.attempts(), 1, "{unconfirmed}"),
        other => panic!("a payout without external_id whose response is lost must be OutcomeUnknown, got {other:?}"),
    }
    assert_eq!(sent, 1, "a payout without a reference reaches the server at most once");

    println!("payout run: {SENDS} sends, {CONCURRENCY} at a time, up to {MAX_ATTEMPTS} attempts each (1 ms backoff)");
    println!(
        "  drops: {drops} of {} responses ({:.1}%), retries (attempts - sends): {retries}, most attempts for one \
         payout: {most_attempts}",
        requests.len(),
        100.0 * drops as f64 / requests.len() as f64
    );
    println!("  distinct references recorded: {}, all bodies identical per reference", by_reference.len());
    println!("  TCP connections accepted: {}", server.connections());
    println!("  wall time: {:.3} s ({:.0} sends/s)", wall.as_secs_f64(), SENDS as f64 / wall.as_secs_f64());
    println!("  unreferenced send with a lost response: {sent} request, {}", unreferenced.expect_err("error"));
}
