//! Runtime: decoding 1,000-item pages of each list response, encoding request bodies, and the per-request overhead
//! of a generated client call over loopback, each against a hand-written baseline measured in the same run,
//! interleaved with it round by round.

use crate::baseline;
use crate::harness::{f2, f3, median, verdict, Report};
use codegen_runtime::HttpResponse;
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

pub const PAGE_ITEMS: usize = 1_000;

/// Times `iterations` calls of `ours` and of `base`, alternating which goes first, for `rounds` rounds. Returns the
/// median time per call of each, in microseconds, and the median of each round's throughput ratio (base time / our
/// time): the two halves of a round run back to back under the same conditions, so the paired ratio is steadier on
/// a shared machine than the ratio of two medians taken from different moments.
fn compare(rounds: usize, iterations: usize, mut ours: impl FnMut(), mut base: impl FnMut()) -> (f64, f64, f64) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let time = |f: &mut dyn FnMut()| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / iterations as f64
        };
        if round % 2 == 0 {
            a.push(time(&mut ours));
            b.push(time(&mut base));
        } else {
            b.push(time(&mut base));
            a.push(time(&mut ours));
        }
    }
    let ratios: Vec<f64> = a.iter().zip(&b).map(|(ours, base)| base / ours).collect();
    (median(&a), median(&b), median(&ratios))
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

const TOKENIO_STATUSES: &[&str] = &[
    "INITIATION_PENDING",
    "INITIATION_PROCESSING",
    "INITIATION_COMPLETED",
    "INITIATION_REJECTED",
    "INITIATION_FAILED",
];

fn tokenio_payout(i: usize) -> Value {
    let creditor = if i.is_multiple_of(2) {
        json!({"name": "Customer Inc.", "ultimateCreditorName": "Customer Inc.", "accountNumber": format!("{:08}", 10_000_000 + i), "sortCode": "123456"})
    } else {
        json!({"name": "Customer Inc.", "iban": "IE29AIBK93115212345678", "bic": "AIBKIE2D", "bankName": "AIB", "accountVerificationId": "5f0c1d2e-8a3b-4c6d-9e7f-0a1b2c3d4e5f"})
    };
    json!({
        "id": format!("po:yj6sSEf7ZYFP8yxN{i:06}:2gFUX1NDget"),
        "memberId": "m:123456abcd:abcd",
        "status": TOKENIO_STATUSES[i % TOKENIO_STATUSES.len()],
        "createdDateTime": format!("2024-04-05T10:{:02}:{:02}.000+00:00", i / 60 % 60, i % 60),
        "updatedDateTime": format!("2024-04-05T11:{:02}:{:02}.000+00:00", i / 60 % 60, i % 60),
        "bankTransactionId": format!("2UhwCZ3BMaEcAUK8bZdukor7NL4tH6TBuu6aJMp5KKfX:{i:08}"),
        "bankPaymentStatus": "ACPC",
        "statusReasonInformation": "The payment is settled on debtor side.",
        "initiation": {
            "description": format!("INV 2024-{i:04}"),
            "refId": format!("9htio4a1sp{i:06}"),
            "amount": {"value": format!("{}.{:02}", 10 + i, i % 100), "currency": if i.is_multiple_of(2) { "GBP" } else { "EUR" }},
            "debtor": {"accountId": "a12345"},
            "creditor": creditor,
        }
    })
}

fn tokenio_page(items: usize) -> Vec<u8> {
    let payouts: Vec<Value> = (0..items).map(tokenio_payout).collect();
    serde_json::to_vec(&json!({"payouts": payouts, "paging": {"limit": items, "offset": "LerV6Jmex"}})).expect("json")
}

const RESERVEPAY_STATUSES: &[&str] = &["SUCCESSFUL", "PENDING", "AUTHORIZED", "FAILED", "REFUNDED", "EXPIRED"];

fn reservepay_page(items: usize) -> Vec<u8> {
    let page: Vec<Value> = (0..items)
        .map(|i| {
            json!({
                "payment_id": format!("pay_7Rk2X{i:06}"),
                "external_id": format!("order_{i:09}"),
                "payment_session_id": format!("pse_3Vb8T{i:06}"),
                "status": RESERVEPAY_STATUSES[i % RESERVEPAY_STATUSES.len()],
                "amount": 150_000 + i,
                "currency": "THB",
                "payment_method": "PROMPTPAY",
                "payment_method_display_name": "PromptPay",
                "created_at": 1_743_580_800 + i,
                "captured_at": if i.is_multiple_of(3) { Value::Null } else { json!(1_743_580_862 + i) },
                "expires_at": null,
                "capture": if i.is_multiple_of(4) { "manual" } else { "automatic" },
                "customer_id": "ctc_9Xq2LmT7vB",
                "customer_email": "somchai@example.co.th",
                "customer_mobile": "+66812223333",
                "customer_name": "Somchai Jaidee",
                "fees": if i.is_multiple_of(2) { json!([]) } else { json!([{"type": "mdr", "amount": 1500}]) },
                "ref1": format!("INV-2025-{i:04}"),
                "ref2": null,
                "ref3": null,
                "reversible": true,
                "capturable": false,
                "voidable": false,
            })
        })
        .collect();
    let next =
        json!({"contact_id": "ctc_9Xq2LmT7vB", "after": format!("pay_7Rk2X{:06}", items - 1), "per_page": items});
    serde_json::to_vec(&json!({"previous": null, "page": page, "next": next})).expect("json")
}

const REBILLY_STATUSES: &[&str] = &["pending", "instrument-selected", "partially-fulfilled", "fulfilled", "canceled"];

fn rebilly_page(items: usize) -> Vec<u8> {
    let base = "https://api-sandbox.rebilly.com/organizations/org_0YV7DE4Z26DQSA1AC92FBJ7SEG";
    let page: Vec<Value> = (0..items)
        .map(|i| {
            let id = format!("pout_req_0YVDMDE2BMC6KBB5MX{i:06}");
            json!({
                "id": id,
                "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
                "customerId": format!("cus_0YV7DDSDD1C8DA64KH{i:06}"),
                "paymentInstrumentId": if i.is_multiple_of(3) { Value::Null } else { json!("inst_0YVB8KPKNXCBR9EDX7JHSED75N") },
                "currency": "USD",
                "amount": serde_json::from_str::<Value>(&format!("{}.{:02}", 100 + i, i % 100)).expect("number"),
                "availableAmount": serde_json::from_str::<Value>(&format!("{}.25", i)).expect("number"),
                "description": "Weekly winnings withdrawal",
                "status": REBILLY_STATUSES[i % REBILLY_STATUSES.len()],
                "selectPaymentInstrumentUrl": format!("https://example.com/select-instrument/{id}"),
                "allocations": [{
                    "transactionId": "txn_0YVDTQJ8YWDGQACV2N2N5SPWQ0",
                    "transactionResult": "approved",
                    "method": "payment-card",
                    "gatewayName": "TestProcessor",
                    "paymentInstrumentId": "inst_0YVB8KPKNXCBR9EDX7JHSED75N",
                    "amount": 149.75,
                    "currency": "USD",
                    "createdTime": "2024-03-05T10:20:30Z",
                    "updatedTime": "2024-03-05T10:21:02Z"
                }],
                "selectedPaymentInstrumentRedirectUrl": "https://example.com/payout-request-success?id={{id}}",
                "cancellationReason": if i % 5 == 4 { json!({"canceledBy": "merchant", "description": "Duplicate request."}) } else { Value::Null },
                "createdTime": "2024-03-04T09:00:00Z",
                "updatedTime": "2024-03-05T10:21:02Z",
                "_links": [
                    {"href": format!("{base}/payout-requests/{id}"), "rel": "self"},
                    {"href": format!("{base}/payment-instruments/inst_0YVB8KPKNXCBR9EDX7JHSED75N"), "rel": "paymentInstrument"}
                ]
            })
        })
        .collect();
    serde_json::to_vec(&page).expect("json")
}

const STRIPE_STATUSES: &[&str] = &["pending", "in_transit", "paid", "failed", "canceled"];

const STRIPE_FAILURE_CODES: &[&str] = &[
    "account_closed",
    "account_frozen",
    "bank_account_restricted",
    "bank_ownership_changed",
    "could_not_process",
    "debit_not_authorized",
    "declined",
    "insufficient_funds",
    "invalid_account_number",
    "incorrect_account_holder_name",
    "incorrect_account_holder_address",
    "incorrect_account_holder_tax_id",
    "invalid_currency",
    "no_account",
    "unsupported_card",
];

fn stripe_payout(i: usize) -> Value {
    let status = STRIPE_STATUSES[i % STRIPE_STATUSES.len()];
    // Every fourth payout is an instant payout to a debit card, asked for through the API; of the others, two in
    // three come from the automatic schedule.
    let card = i % 4 == 3;
    let automatic = !card && !i.is_multiple_of(3);
    let (currency, destination) = if card {
        (
            "usd",
            json!({"id": "card_1Pt5Mf9hOpg2Zq5SaW0qU7vB", "object": "card", "country": "US", "currency": "usd", "last4": "4242"}),
        )
    } else {
        match i / 2 % 3 {
            0 => (
                "usd",
                json!({"id": "ba_1Pq9Zc2eLkd9Wm2PxT7nR4sY", "object": "bank_account", "bank_name": "STRIPE TEST BANK", "country": "US", "currency": "usd", "last4": "6789", "routing_number": "110000000", "status": "verified"}),
            ),
            1 => (
                "eur",
                json!({"id": "ba_1Pr3Kd7fMne0Xo3QyU8oS5tZ", "object": "bank_account", "bank_name": "STRIPE TEST BANK", "country": "DE", "currency": "eur", "last4": "3000", "routing_number": null, "status": "new"}),
            ),
            _ => (
                "gbp",
                json!({"id": "ba_1Ps4Le8gNof1Yp4RzV9pT6uA", "object": "bank_account", "bank_name": "STRIPE TEST BANK", "country": "GB", "currency": "gbp", "last4": "2345", "routing_number": "108800", "status": "verified"}),
            ),
        }
    };
    let created = 1_764_720_000 - 3_600 * i as i64;
    let trace_id = match status {
        "pending" | "in_transit" => json!({"status": "pending", "value": null}),
        "paid" if !card => json!({"status": "supported", "value": format!("0210000{i:08}")}),
        "canceled" => Value::Null,
        _ => json!({"status": "unsupported", "value": null}),
    };
    let failed = status == "failed";
    json!({
        "id": format!("po_1QvA1bLkd9Wm2Pq7{i:08}"),
        "object": "payout",
        "amount": 10_000 + 137 * i,
        "application_fee": if card && i % 8 == 3 { json!(format!("fee_1QwB2cMle0Xn3Qr8{i:08}")) } else { Value::Null },
        "application_fee_amount": if card && i % 8 == 3 { json!(150) } else { Value::Null },
        "arrival_date": if card { created + 1_800 } else { created + 2 * 86_400 },
        "automatic": automatic,
        "balance_transaction": format!("txn_1QvA1bLkd9Wm2Pq7{i:08}"),
        "created": created,
        "currency": currency,
        "description": if automatic { json!("STRIPE PAYOUT") } else if i.is_multiple_of(6) { Value::Null } else { json!(format!("Weekly settlement {i}")) },
        "destination": destination,
        "failure_balance_transaction": if failed || status == "canceled" { json!(format!("txn_1QyD4eOng2Zp5St0{i:08}")) } else { Value::Null },
        "failure_code": if failed { json!(STRIPE_FAILURE_CODES[i / 5 % STRIPE_FAILURE_CODES.len()]) } else { Value::Null },
        "failure_message": if failed { json!("The bank could not complete the payout; see the failure code.") } else { Value::Null },
        "livemode": false,
        "metadata": if automatic { json!({}) } else { json!({"batch": format!("2026-w{:02}", 1 + i % 52), "ledger_ref": format!("LDG-{:05}", 80_000 + i)}) },
        "method": if card { "instant" } else { "standard" },
        "original_payout": null,
        "payout_method": null,
        "reconciliation_status": if !automatic { "not_applicable" } else if status == "paid" { "completed" } else { "in_progress" },
        "reversed_by": if status == "paid" && i % 25 == 2 { json!(format!("po_1QzE5fPoh3Aq6Tu1{i:08}")) } else { Value::Null },
        "source_type": if i % 10 == 7 { "bank_account" } else { "card" },
        "statement_descriptor": if automatic { Value::Null } else { json!("ACME WEEKLY") },
        "status": status,
        "trace_id": trace_id,
        "type": if card { "card" } else { "bank_account" },
    })
}

/// A page as `GET /v1/payouts?expand[]=data.destination` returns it (the spec's list example expands destinations
/// too). Stripe itself serves at most 100 payouts a page; this page holds `items`, as the other rows' pages do.
fn stripe_page(items: usize) -> Vec<u8> {
    let data: Vec<Value> = (0..items).map(stripe_payout).collect();
    serde_json::to_vec(&json!({"object": "list", "url": "/v1/payouts", "has_more": true, "data": data})).expect("json")
}

const PAYPAL_STATUSES: &[&str] =
    &["SUCCESS", "FAILED", "PENDING", "UNCLAIMED", "RETURNED", "ONHOLD", "BLOCKED", "REFUNDED", "REVERSED"];

const PAYPAL_PURPOSES: &[&str] = &[
    "GOODS",
    "SERVICES",
    "AWARDS",
    "PRIZES",
    "DONATIONS",
    "REBATES",
    "CASHBACK",
    "DISCOUNTS",
    "NON_GOODS_OR_SERVICES",
];

/// A PayPal amount in `currency`: whole units for JPY, two decimals otherwise (PayPal's currency table).
fn paypal_money(currency: &str, cents: usize) -> Value {
    let value =
        if currency == "JPY" { format!("{}", cents / 100) } else { format!("{}.{:02}", cents / 100, cents % 100) };
    json!({"currency": currency, "value": value})
}

fn paypal_item(i: usize) -> Value {
    const BATCH: &str = "5UXD2E8A7EBQJ";
    let status = PAYPAL_STATUSES[i % PAYPAL_STATUSES.len()];
    let currency = ["USD", "USD", "EUR", "GBP", "JPY"][i / 2 % 5];
    let cents = 500 + (i * 7_919) % 250_000;
    let (recipient_type, receiver) = match i % 3 {
        0 => ("EMAIL", format!("payee{i:04}@example.com")),
        1 => ("PHONE", format!("408555{:04}", i % 10_000)),
        _ => ("PAYPAL_ID", format!("G83JX{i:08}")),
    };
    // Venmo takes US dollars to US phone numbers only, and needs a note.
    let venmo = recipient_type == "PHONE" && currency == "USD";
    let mut payout_item = json!({
        "recipient_type": recipient_type,
        "amount": paypal_money(currency, cents),
        "receiver": receiver,
        "sender_item_id": format!("item_{i:05}"),
        "recipient_wallet": if venmo { "VENMO" } else { "PAYPAL" },
        "purpose": PAYPAL_PURPOSES[i / 2 % PAYPAL_PURPOSES.len()],
    });
    if venmo || i.is_multiple_of(2) {
        payout_item["note"] = json!(format!("Thanks for your patronage! Order {i}"));
    }
    if status == "SUCCESS" {
        let (given, surname) = [("Kim", "Lee"), ("Ana", "Souza"), ("Jonas", "Berg")][i / 9 % 3];
        payout_item["recipient_name"] =
            json!({"given_name": given, "surname": surname, "full_name": format!("{given} {surname}")});
    }
    let item_id = format!("8AELMXH{i:06}");
    let mut item = json!({
        "payout_item_id": item_id,
        "activity_id": format!("8HX21{i:06}78544N"),
        "transaction_status": status,
        "payout_item_fee": if status == "FAILED" { paypal_money(currency, 0) } else { paypal_money(currency, 25 + 2 * (cents / 100)) },
        "payout_batch_id": BATCH,
        "payout_item": payout_item,
        "links": [{"href": format!("https://api-m.sandbox.paypal.com/v1/payments/payouts-item/{item_id}"), "rel": "item", "method": "GET", "enctype": "application/json"}],
    });
    // A denied item has no transaction.
    if !matches!(status, "FAILED" | "BLOCKED") {
        item["transaction_id"] = json!(format!("4S1419{i:06}GH56H"));
    }
    if status != "PENDING" {
        item["time_processed"] = json!(format!("2024-07-03T10:{:02}:{:02}Z", i / 60 % 60, i % 60));
    }
    if currency == "EUR" {
        // Paid from a US dollar balance at 0.9214 euro to the dollar.
        item["currency_conversion"] = json!({
            "from_amount": paypal_money("USD", cents * 10_000 / 9_214),
            "to_amount": paypal_money("EUR", cents),
            "exchange_rate": "0.9214",
        });
    }
    let error = match status {
        "FAILED" => Some(("INSUFFICIENT_FUNDS", "Sender does not have sufficient funds.")),
        "UNCLAIMED" | "RETURNED" => Some(("RECEIVER_UNREGISTERED", "Receiver is unregistered.")),
        "BLOCKED" => Some(("RECEIVER_ACCOUNT_LOCKED", "Receiver's account is locked.")),
        _ => None,
    };
    if let Some((name, message)) = error {
        item["errors"] = json!({
            "name": name,
            "message": message,
            "information_link": "https://developer.paypal.com/docs/api/payments.payouts-batch/#errors",
            "details": [],
            "links": [],
        });
    }
    item
}

/// The first page of a 2,500-item batch read with `page_size=1000&total_required=true`.
fn paypal_page(items: usize) -> Vec<u8> {
    let base = "https://api-m.sandbox.paypal.com/v1/payments/payouts/5UXD2E8A7EBQJ";
    let list: Vec<Value> = (0..items).map(paypal_item).collect();
    serde_json::to_vec(&json!({
        "total_items": 2_500,
        "total_pages": 3,
        "batch_header": {
            "payout_batch_id": "5UXD2E8A7EBQJ",
            "batch_status": "SUCCESS",
            "time_created": "2024-07-03T10:30:00Z",
            "time_completed": "2024-07-03T11:02:15Z",
            "sender_batch_header": {"sender_batch_id": "Payouts_2024_100001", "email_subject": "You have a payout!", "email_message": "You have received a payout! Thanks for using our service!"},
            "funding_source": "BALANCE",
            "amount": {"currency": "USD", "value": "3151842.50"},
            "fees": {"currency": "USD", "value": "31843.75"},
        },
        "items": list,
        "links": [
            {"href": format!("{base}?page_size={items}&page=1"), "rel": "self", "method": "GET", "enctype": "application/json"},
            {"href": format!("{base}?page_size={items}&page=2"), "rel": "next", "method": "GET", "enctype": "application/json"},
        ],
    }))
    .expect("json")
}

const WISE_STATUSES: &[&str] = &[
    "incoming_payment_waiting",
    "incoming_payment_initiated",
    "waiting_recipient_input_to_proceed",
    "processing",
    "funds_converted",
    "outgoing_payment_sent",
    "cancelled",
    "funds_refunded",
    "bounced_back",
    "charged_back",
    "unknown",
];

/// A JSON number with exactly the digits of `text` (the benches' serde_json keeps them).
fn number(text: &str) -> Value {
    serde_json::from_str::<Value>(text).expect("number")
}

fn wise_transfer(i: usize) -> Value {
    let status = WISE_STATUSES[i % WISE_STATUSES.len()];
    // (source, target, rate in ten-thousandths)
    let (source, target, rate) =
        [("EUR", "GBP", 8_523), ("GBP", "EUR", 11_732), ("USD", "EUR", 9_214), ("GBP", "USD", 12_688)][i % 4];
    let rate = rate + i % 50;
    let source_cents = 10_000 + 731 * i;
    let fee_cents = 41 + source_cents / 200;
    let target_cents = (source_cents - fee_cents) * rate / 10_000;
    let reference = format!("INV-{:06}", 20_000 + i);
    // Transfers made from old v1 quotes carry the quote's number; the others its UUID.
    let old_quote = i % 10 == 9;
    let mut transfer = json!({
        "id": 15_574_445 + 17 * i,
        "user": 294_205,
        "targetAccount": 7_993_919 + i % 40,
        "sourceAccount": if i.is_multiple_of(4) { json!(8_112_000 + i) } else { Value::Null },
        "quote": if old_quote { json!(113_379 + i) } else { Value::Null },
        "status": status,
        "reference": reference,
        "rate": number(&format!("{}.{:04}", rate / 10_000, rate % 10_000)),
        "created": format!("2024-{:02}-{:02} {:02}:{:02}:{:02}", 1 + i % 12, 1 + i % 28, i % 24, i / 24 % 60, i % 60),
        "business": if i.is_multiple_of(3) { json!(30_000_000 + i % 5) } else { Value::Null },
        "transferRequest": null,
        "details": {"reference": reference},
        "hasActiveIssues": status == "processing" && i.is_multiple_of(2),
        "sourceCurrency": source,
        // Wise reports 0 as the source value of a cancelled transfer.
        "sourceValue": if status == "cancelled" { number("0") } else { number(&format!("{}.{:02}", source_cents / 100, source_cents % 100)) },
        "targetCurrency": target,
        "targetValue": number(&format!("{}.{:02}", target_cents / 100, target_cents % 100)),
        "customerTransactionId": format!("6D9188CF-FA59-44C3-87A2-{:012X}", 0x4506_CE9C_0000 + i),
    });
    if !old_quote {
        transfer["quoteUuid"] = json!(format!("8fa9be20-ba43-4b15-abbb-{:012x}", 0x9424_e148_0000_usize + i));
    }
    if i.is_multiple_of(2) {
        transfer["payinSessionId"] = json!(format!("2c1e5f4a-7b3d-4e6f-9a8b-{:012x}", 0x1c2d_3e4f_0000_usize + i));
    }
    transfer
}

fn wise_page(items: usize) -> Vec<u8> {
    let page: Vec<Value> = (0..items).map(wise_transfer).collect();
    serde_json::to_vec(&page).expect("json")
}

fn response(body: &[u8]) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: body.to_vec(),
    }
}

// ---------------------------------------------------------------------------------------------------------------

pub fn run(report: &mut Report, quick: bool) {
    report.line("## Runtime");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    let rounds = if quick { 3 } else { 21 };
    // Decoding rounds are short (a few ms each): more of them steady the median at little cost.
    decoding(report, if quick { 3 } else { 61 });
    encoding(report, rounds);
    loopback(report, if quick { 3 } else { 21 });
}

fn decoding(report: &mut Report, rounds: usize) {
    report.line(format!(
        "### Decoding a {PAGE_ITEMS}-item page of each list response\n\nOurs: `codegen_runtime::decode_json` into the \
         generated type (what a client call runs). Baseline: `serde_json::from_slice` into the hand-written structs of \
         `benches/src/baseline.rs` (tokenio, reservepay, rebilly) and `benches/src/baseline_vendors.rs` (stripe, paypal, \
         wise). {rounds} interleaved rounds of 3 decodes; times are medians, the throughput ratio is the median of \
         the rounds' own ratios."
    ));
    report.blank();
    let mut rows = Vec::new();
    let mut worst = f64::INFINITY;

    let mut row = |name: &str, body: &[u8], ours: &dyn Fn(&HttpResponse) -> usize, base: &dyn Fn(&[u8]) -> usize| {
        let http = response(body);
        assert_eq!(ours(&http), PAGE_ITEMS, "{name}: ours decodes every item");
        assert_eq!(base(body), PAGE_ITEMS, "{name}: the baseline decodes every item");
        let (o, b, ratio) = compare(
            rounds,
            3,
            || {
                black_box(ours(black_box(&http)));
            },
            || {
                black_box(base(black_box(body)));
            },
        );
        let mb = body.len() as f64 / 1e6;
        worst = worst.min(ratio);
        rows.push(vec![
            name.to_owned(),
            format!("{:.0} KB", body.len() as f64 / 1e3),
            format!("{} ({:.0} MB/s)", f2(o / 1e3), mb / (o / 1e6)),
            format!("{} ({:.0} MB/s)", f2(b / 1e3), mb / (b / 1e6)),
            f3(ratio),
        ]);
        eprintln!("  decode {name}: ours {o:.0} us, baseline {b:.0} us");
    };

    let body = tokenio_page(PAGE_ITEMS);
    row(
        "tokenio `get_payouts` (PayoutsResponse)",
        &body,
        &|r| {
            codegen_runtime::decode_json::<tokenio::PayoutsResponse>(r)
                .expect("tokenio page")
                .payouts
                .map_or(0, |p| p.len())
        },
        &|b| {
            serde_json::from_slice::<baseline::tokenio::PayoutsResponse>(b)
                .expect("page")
                .payouts
                .map_or(0, |p| p.len())
        },
    );
    let body = reservepay_page(PAGE_ITEMS);
    row(
        "reservepay `list_payments_by_contact` (PaymentPage)",
        &body,
        &|r| codegen_runtime::decode_json::<reservepay::PaymentPage>(r).expect("reservepay page").page.len(),
        &|b| serde_json::from_slice::<baseline::reservepay::PaymentPage>(b).expect("page").page.len(),
    );
    let body = rebilly_page(PAGE_ITEMS);
    row(
        "rebilly `get_payout_request_collection` (array of PayoutRequest)",
        &body,
        &|r| codegen_runtime::decode_json::<Vec<rebilly::PayoutRequest>>(r).expect("rebilly page").len(),
        &|b| serde_json::from_slice::<Vec<baseline::rebilly::PayoutRequest>>(b).expect("page").len(),
    );
    let body = stripe_page(PAGE_ITEMS);
    row(
        "stripe `list_payouts` (PayoutList page of Payout)",
        &body,
        &|r| codegen_runtime::decode_json::<payout_clients::stripe::PayoutList>(r).expect("stripe page").data.len(),
        &|b| serde_json::from_slice::<crate::baseline_vendors::stripe::PayoutList>(b).expect("page").data.len(),
    );
    let body = paypal_page(PAGE_ITEMS);
    row(
        "paypal `show_batch_payout` (PayoutBatch page of PayoutBatchItem)",
        &body,
        &|r| {
            codegen_runtime::decode_json::<payout_clients::paypal::PayoutBatch>(r)
                .expect("paypal page")
                .items
                .map_or(0, |items| items.len())
        },
        &|b| {
            serde_json::from_slice::<crate::baseline_vendors::paypal::PayoutBatch>(b)
                .expect("page")
                .items
                .map_or(0, |items| items.len())
        },
    );
    let body = wise_page(PAGE_ITEMS);
    row(
        "wise `list_transfers` (array of Transfer)",
        &body,
        &|r| codegen_runtime::decode_json::<Vec<payout_clients::wise::Transfer>>(r).expect("wise page").len(),
        &|b| serde_json::from_slice::<crate::baseline_vendors::wise::TransferList>(b).expect("page").len(),
    );
    report.table(&["list response", "page size", "ours ms", "baseline ms", "throughput ours / baseline"], &rows);
    report.line(format!(
        "Goal: at least 0.95 of the baseline's throughput (worst list): {}",
        verdict(worst, 0.95, false)
    ));
    report.blank();

    // Where the gap comes from, on the tokenio page: the baseline with unknown fields kept (`#[serde(flatten)]` map),
    // as the generated types keep them.
    let body = tokenio_page(PAGE_ITEMS);
    let (flat, plain, _) = compare(
        rounds,
        3,
        || {
            drop(black_box(
                serde_json::from_slice::<baseline::tokenio::PayoutsResponseKeepingUnknown>(black_box(&body))
                    .expect("page"),
            ))
        },
        || {
            drop(black_box(
                serde_json::from_slice::<baseline::tokenio::PayoutsResponse>(black_box(&body)).expect("page"),
            ))
        },
    );
    report.line(format!(
        "Diagnostic (tokenio page): the same hand-written structs with a `#[serde(flatten)]` map for unknown fields on \
         each item, as the generated types keep them, take {:.2} ms against {:.2} ms without it (throughput {:.3} of \
         the plain baseline).",
        flat / 1e3,
        plain / 1e3,
        plain / flat
    ));
    report.blank();
}

fn encoding(report: &mut Report, rounds: usize) {
    report.line(format!(
        "### Request encoding\n\nThe JSON body of a create call: ours is the generated request type through \
         `serde_json::to_vec` (as the client does), the baseline a hand-written `#[derive(Serialize)]` struct of the same \
         body. Median of {rounds} interleaved rounds of 2,000 encodings. (Rebilly's only endpoint has no body.)"
    ));
    report.blank();
    let mut rows = Vec::new();

    // tokenio initiate_payout
    let initiation = json!({
        "description": "INV 2024-0417",
        "refId": "9htio4a1sp2akdr1aa",
        "onBehalfOfId": "c5a863bc-86f2-4418-a26f-25b24c7983c7",
        "amount": {"value": "10.23", "currency": "GBP"},
        "debtor": {"accountId": "a12345"},
        "creditor": {"name": "Customer Inc.", "ultimateCreditorName": "Customer Inc.", "accountNumber": "12345678", "sortCode": "123456"}
    });
    let ours = tokenio::InitiatePayoutRequest::new(
        serde_json::from_value::<tokenio::PayoutInitiation>(initiation.clone()).expect("initiation"),
    );
    let base =
        baseline::tokenio::InitiatePayoutBody { initiation: serde_json::from_value(initiation).expect("initiation") };
    rows.push(encode_row("tokenio `initiate_payout`", rounds, &ours, &base));

    // reservepay send_payout_to_contact, to a PromptPay mobile number
    let ours = reservepay::SendPayoutToContactRequest::new(
        reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"),
        reservepay::MinorUnits::new("150000").expect("amount"),
    )
    .with_external_id("order_000000035")
    .with_recipient_name("Somchai Jaidee")
    .with_destination(reservepay::SendPayoutToContactDestination::MobileNumber {
        mobile_number: reservepay::MobileNumber::new("+66812223333").expect("mobile"),
    });
    let base = baseline::reservepay::SendPayoutBody {
        recipient_id: "ctc_9Xq2LmT7vB".into(),
        external_id: Some("order_000000035".into()),
        amount: "150000".into(),
        recipient_mobile: None,
        recipient_name: Some("Somchai Jaidee".into()),
        recipient_email: None,
        payout_method: Some("mobile_number"),
        mobile_number: Some("+66812223333".into()),
        bank_account_id: None,
    };
    rows.push(encode_row("reservepay `send_payout_to_contact`", rounds, &ours, &base));
    report.table(&["request", "body bytes", "ours us", "baseline us", "throughput ours / baseline"], &rows);
}

fn encode_row(name: &str, rounds: usize, ours: &impl serde::Serialize, base: &impl serde::Serialize) -> Vec<String> {
    let a: Value = serde_json::from_slice(&serde_json::to_vec(ours).expect("encode")).expect("json");
    let b: Value = serde_json::from_slice(&serde_json::to_vec(base).expect("encode")).expect("json");
    assert_eq!(a, b, "{name}: ours and the baseline encode the same body");
    let bytes = serde_json::to_vec(ours).expect("encode").len();
    let (o, b, ratio) = compare(
        rounds,
        2_000,
        || drop(black_box(serde_json::to_vec(black_box(ours)).expect("encode"))),
        || drop(black_box(serde_json::to_vec(black_box(base)).expect("encode"))),
    );
    vec![name.to_owned(), bytes.to_string(), f3(o), f3(b), f3(ratio)]
}

// ---------------------------------------------------------------------------------------------------------------
// Loopback

/// A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers every request with `body` as JSON, as tasks of
/// the current tokio runtime. Client and server then share one thread: no cross-thread wake-ups, whose latency on a
/// virtual machine varies from call to call far more than the client overhead being measured, and the same server
/// work for every client. `TCP_NODELAY`, one write per response.
async fn serve(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let address = listener.local_addr().expect("address");
    let mut response =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len())
            .into_bytes();
    response.extend_from_slice(&body);
    let response = std::sync::Arc::new(response);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream, response.clone()));
        }
    });
    format!("http://{address}")
}

async fn connection(stream: tokio::net::TcpStream, response: std::sync::Arc<Vec<u8>>) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
    let _ = stream.set_nodelay(true);
    let (reader, mut writer) = stream.into_split();
    let mut reader = tokio::io::BufReader::new(reader);
    let mut line = String::new();
    loop {
        let mut length = 0usize;
        let mut first = true;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" && !first {
                break;
            }
            first = false;
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() || writer.write_all(&response).await.is_err() {
            return;
        }
    }
}

fn loopback(report: &mut Report, rounds: usize) {
    let id = "po:yj6sSEf7ZYFP8yxN000042:2gFUX1NDget";
    let body = serde_json::to_vec(&json!({"payout": tokenio_payout(42)})).expect("json");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let base_url = runtime.block_on(serve(body.clone()));

    let config = codegen_runtime::ClientConfig::default().user_agent("payout-benches");
    let (timeout, connect_timeout) = (config.get_timeout(), config.get_connect_timeout());
    let generated = tokenio::Client::with_config(
        tokenio::Environment::Custom(base_url.clone()),
        tokenio::Auth::Bearer(codegen_runtime::Secret::new("eyJhbGciOiJFZERTQSJ9..sig")),
        config,
    )
    .expect("generated client");
    // The bare client is built as the generated client's transport is: same timeouts, User-Agent, no redirects.
    let bare = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .user_agent("payout-benches")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let url = format!("{base_url}/payouts/{id}");
    let payout_id = tokenio::PayoutId::new(id).expect("payout id");

    let ours = || async {
        let payout =
            generated.get_payout(tokenio::GetPayoutRequest::new(payout_id.clone())).await.expect("generated call");
        black_box(payout);
    };
    let bare_call = |decode: bool| {
        let (bare, url) = (&bare, &url);
        async move {
            let response = bare
                .get(url)
                .header("authorization", "Bearer eyJhbGciOiJFZERTQSJ9..sig")
                .header("accept", "application/json")
                .send()
                .await
                .expect("bare call");
            assert_eq!(response.status().as_u16(), 200);
            let bytes = response.bytes().await.expect("body");
            if decode {
                black_box(serde_json::from_slice::<baseline::tokenio::PayoutResponse>(&bytes).expect("decode"));
            }
            black_box(bytes);
        }
    };

    let iterations = 400;
    let (mut ours_us, mut bare_us, mut decode_us) = (Vec::new(), Vec::new(), Vec::new());
    runtime.block_on(async {
        for _ in 0..300 {
            ours().await;
            bare_call(true).await;
        }
        for round in 0..rounds {
            let mut order = [0, 1, 2];
            order.rotate_left(round % 3);
            for which in order {
                let start = Instant::now();
                for _ in 0..iterations {
                    match which {
                        0 => ours().await,
                        1 => bare_call(false).await,
                        _ => bare_call(true).await,
                    }
                }
                let per_call = start.elapsed().as_secs_f64() * 1e6 / iterations as f64;
                [&mut ours_us, &mut bare_us, &mut decode_us][which].push(per_call);
            }
        }
    });
    let (o, b, d) = (median(&ours_us), median(&bare_us), median(&decode_us));
    report.line(format!(
        "### Per-request overhead over loopback\n\nTokenio `get_payout` (`GET /payouts/{{id}}`, {} byte JSON \
         response) against a minimal keep-alive HTTP/1.1 server on 127.0.0.1 running as tasks of the same \
         current-thread tokio runtime as the client (one thread: no cross-thread wake-ups), sequential calls, {rounds} rounds of {iterations} calls of each variant, rotating the order. The generated client \
         uses its default `ClientConfig` (its hyper transport, retry policy that never fires here) and decodes into the \
         generated types; the bare client is a `reqwest::Client` built with the same timeouts and User-Agent.",
        body.len()
    ));
    report.blank();
    report.table(
        &["variant", "median us / call", "generated / variant"],
        &[
            vec!["generated client `get_payout`".into(), f2(o), "1.000".into()],
            vec!["bare reqwest: send + read body".into(), f2(b), f3(o / b)],
            vec!["bare reqwest + serde_json into the hand-written struct".into(), f2(d), f3(o / d)],
        ],
    );
    report.line(format!(
        "Goal: a generated call at most 1.05 of a bare reqwest call: {} (overhead {:+.1} us per call; against the bare \
         call that also decodes: {:.3}).",
        verdict(o / b, 1.05, true),
        o - b,
        o / d
    ));
    report.blank();
}

/// `payout-benches profile <what>`: loops one workload for a few seconds, for `perf record`. Not part of `all`.
pub fn profile(what: &str) {
    let until = Instant::now() + Duration::from_secs(8);
    match what {
        "decode-tokenio" => {
            let http = response(&tokenio_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<tokenio::PayoutsResponse>(&http).expect("page"));
            }
        }
        "decode-stripe" => {
            let http = response(&stripe_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<payout_clients::stripe::PayoutList>(&http).expect("page"));
            }
        }
        "generate" => {
            // The CLI door's formatted file of the 1,000-endpoint synthetic spec, on one thread.
            let dir = crate::harness::work_dir().join("specs");
            let path = &crate::throughput::write_specs(&dir, &[1_000])[0];
            let text = std::fs::read_to_string(path).expect("read spec");
            let workspace = codegen::Workspace::from_source(&path.display().to_string(), &text);
            let options = codegen::emit::Options::default();
            while Instant::now() < until {
                black_box(codegen::emit::render_on_threads(&workspace.apis[0], &options, true, 1));
            }
        }
        "decode-paypal" => {
            let http = response(&paypal_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<payout_clients::paypal::PayoutBatch>(&http).expect("page"));
            }
        }
        "decode-wise" => {
            let http = response(&wise_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<Vec<payout_clients::wise::Transfer>>(&http).expect("page"));
            }
        }
        "decode-rebilly" => {
            let http = response(&rebilly_page(PAGE_ITEMS));
            while Instant::now() < until {
                black_box(codegen_runtime::decode_json::<Vec<rebilly::PayoutRequest>>(&http).expect("page"));
            }
        }
        "call" => {
            let id = "po:yj6sSEf7ZYFP8yxN000042:2gFUX1NDget";
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
            let base_url =
                runtime.block_on(serve(serde_json::to_vec(&json!({"payout": tokenio_payout(42)})).expect("json")));
            let client = tokenio::Client::with_config(
                tokenio::Environment::Custom(base_url),
                tokenio::Auth::Bearer(codegen_runtime::Secret::new("t")),
                codegen_runtime::ClientConfig::default(),
            )
            .expect("client");
            let payout_id = tokenio::PayoutId::new(id).expect("payout id");
            runtime.block_on(async {
                while Instant::now() < until {
                    black_box(
                        client.get_payout(tokenio::GetPayoutRequest::new(payout_id.clone())).await.expect("call"),
                    );
                }
            });
        }
        other => eprintln!("unknown profile `{other}`: decode-tokenio, decode-rebilly or call"),
    }
}
