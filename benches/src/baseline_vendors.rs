//! Hand-written serde structs for the list responses of the Stripe, PayPal and Wise payout APIs, the baselines of
//! their rows in the runtime decoding benchmark, written as someone writing these clients by hand would: `#[derive]`
//! with `rename_all` or `rename` for the wire names, one field for every field the generated item type has, `Option<T>`
//! for anything optional or nullable (absent and `null` not told apart), `String` for enums (each of these APIs says it
//! may add values, and a `String` keeps any of them), IDs, dates and date-times (no checks, no parsing), `i64` for
//! Unix times and integer amounts, `Decimal` for JSON-number money, and unknown fields ignored.
//!
//! The one place that goes beyond a derive (reading Stripe's expandable fields) says why.

// The benchmark decodes these structs and counts the items; it never reads the fields.
#![allow(dead_code)]

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Stripe `GET /v1/payouts`: a `PayoutList` page of `Payout` objects. Amounts are integers in the currency's smallest
/// unit and times are Unix seconds, so neither needs a decimal or a date type.
pub mod stripe {
    use super::*;

    /// A field Stripe sends as the ID of another object (`"txn_..."`) or, when the request asked for it with
    /// `expand[]`, as that object in full.
    ///
    /// Read by hand rather than with `#[serde(untagged)]`, which would also work: an untagged enum first buffers
    /// every value (an ID string, or a whole expanded object) into serde's internal `Content` and then tries each
    /// variant on the copy. The visitor below takes a string as an ID and hands a map to `T` directly, buffering
    /// nothing, so the baseline pays nothing for the six expandable fields of a payout beyond reading them.
    #[derive(Debug)]
    pub enum Expandable<T> {
        /// Not expanded: the object's ID.
        Id(String),
        /// Expanded: the object itself (boxed, since a payout can hold another payout).
        Object(Box<T>),
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(ExpandableVisitor(PhantomData))
        }
    }

    /// Reads an [`Expandable`]: a string is an ID, a map is the expanded object.
    struct ExpandableVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
        type Value = Expandable<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("an object ID or an expanded object")
        }

        fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
            Ok(Expandable::Id(id.to_owned()))
        }

        fn visit_string<E: de::Error>(self, id: String) -> Result<Self::Value, E> {
            Ok(Expandable::Id(id))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
                .map(|object| Expandable::Object(Box::new(object)))
        }
    }

    /// One page of payouts, newest first (`PayoutList`).
    #[derive(Debug, Deserialize)]
    pub struct PayoutList {
        /// Always `list`.
        pub object: String,
        /// The payouts of this page.
        pub data: Vec<Payout>,
        /// Whether more payouts follow.
        pub has_more: bool,
        /// The path of the list, `/v1/payouts`.
        pub url: String,
    }

    /// A payout from a Stripe balance to a bank account or debit card. Stripe sends every field, with `null` for those
    /// that do not apply; all nullable fields are `Option`.
    #[derive(Debug, Deserialize)]
    pub struct Payout {
        /// `po_...`.
        pub id: String,
        /// Always `payout`.
        pub object: String,
        /// In the currency's smallest unit.
        pub amount: i64,
        #[serde(default)]
        pub application_fee: Option<Expandable<ApplicationFee>>,
        #[serde(default)]
        pub application_fee_amount: Option<i64>,
        pub arrival_date: i64,
        pub automatic: bool,
        #[serde(default)]
        pub balance_transaction: Option<Expandable<BalanceTransaction>>,
        pub created: i64,
        /// Lower-case ISO 4217 code.
        pub currency: String,
        #[serde(default)]
        pub description: Option<String>,
        #[serde(default)]
        pub destination: Option<Expandable<ExternalAccount>>,
        #[serde(default)]
        pub failure_balance_transaction: Option<Expandable<BalanceTransaction>>,
        /// A failure code such as `account_closed`; Stripe may add codes.
        #[serde(default)]
        pub failure_code: Option<String>,
        #[serde(default)]
        pub failure_message: Option<String>,
        pub livemode: bool,
        /// The caller's own key-value pairs; `{}` when there are none.
        #[serde(default)]
        pub metadata: Option<BTreeMap<String, String>>,
        /// `standard` or `instant`.
        pub method: String,
        #[serde(default)]
        pub original_payout: Option<Expandable<Payout>>,
        #[serde(default)]
        pub payout_method: Option<String>,
        /// `not_applicable`, `in_progress` or `completed`.
        pub reconciliation_status: String,
        #[serde(default)]
        pub reversed_by: Option<Expandable<Payout>>,
        /// `card`, `bank_account` or `fpx`.
        pub source_type: String,
        #[serde(default)]
        pub statement_descriptor: Option<String>,
        /// `pending`, `in_transit`, `paid`, `failed` or `canceled`.
        pub status: String,
        #[serde(default)]
        pub trace_id: Option<TraceId>,
        /// `bank_account` or `card`; `type` is a Rust keyword.
        #[serde(rename = "type")]
        pub kind: String,
    }

    /// The bank's trace number for a payout.
    #[derive(Debug, Deserialize)]
    pub struct TraceId {
        /// `pending`, `supported` or `unsupported`.
        pub status: String,
        /// The trace number, when `status` is `supported`.
        #[serde(default)]
        pub value: Option<String>,
    }

    /// An application fee (`fee_...`), as `application_fee` holds it when expanded.
    #[derive(Debug, Deserialize)]
    pub struct ApplicationFee {
        pub id: String,
        #[serde(default)]
        pub object: Option<String>,
        #[serde(default)]
        pub amount: Option<i64>,
        #[serde(default)]
        pub currency: Option<String>,
    }

    /// A balance transaction (`txn_...`), as `balance_transaction` holds it when expanded.
    #[derive(Debug, Deserialize)]
    pub struct BalanceTransaction {
        pub id: String,
        #[serde(default)]
        pub object: Option<String>,
        #[serde(default)]
        pub amount: Option<i64>,
        #[serde(default)]
        pub currency: Option<String>,
        #[serde(default)]
        pub net: Option<i64>,
        #[serde(default)]
        pub fee: Option<i64>,
        /// What caused the movement, such as `payout`; `type` is a Rust keyword.
        #[serde(default, rename = "type")]
        pub kind: Option<String>,
        #[serde(default)]
        pub reporting_category: Option<String>,
        #[serde(default)]
        pub source: Option<String>,
        #[serde(default)]
        pub status: Option<String>,
        #[serde(default)]
        pub created: Option<i64>,
        #[serde(default)]
        pub available_on: Option<i64>,
    }

    /// The bank account or card a payout goes to, as `destination` holds it when expanded; its `object` field says
    /// which. An internally tagged enum, the derive serde offers for this shape (it buffers the object to find the
    /// tag, which is what a hand-written client pays for it).
    #[derive(Debug, Deserialize)]
    #[serde(tag = "object", rename_all = "snake_case")]
    pub enum ExternalAccount {
        /// `object` is `bank_account`.
        BankAccount(BankAccount),
        /// `object` is `card`.
        Card(Card),
        /// Another kind of external account: skipped rather than failing the whole page.
        #[serde(other)]
        Other,
    }

    /// A bank account (`ba_...`).
    #[derive(Debug, Deserialize)]
    pub struct BankAccount {
        pub id: String,
        #[serde(default)]
        pub deleted: Option<bool>,
        #[serde(default)]
        pub bank_name: Option<String>,
        #[serde(default)]
        pub country: Option<String>,
        #[serde(default)]
        pub currency: Option<String>,
        #[serde(default)]
        pub last4: Option<String>,
        #[serde(default)]
        pub routing_number: Option<String>,
        #[serde(default)]
        pub status: Option<String>,
    }

    /// A debit card (`card_...`).
    #[derive(Debug, Deserialize)]
    pub struct Card {
        pub id: String,
        #[serde(default)]
        pub deleted: Option<bool>,
        #[serde(default)]
        pub country: Option<String>,
        #[serde(default)]
        pub currency: Option<String>,
        #[serde(default)]
        pub last4: Option<String>,
    }
}

/// PayPal `GET /v1/payments/payouts/{payout_batch_id}`: a `PayoutBatch` page, its header and items. PayPal writes
/// amounts as decimal strings (`"9.87"`), kept here as `String` as the tokenio baseline keeps its string amounts (the
/// generated type keeps the checked text too); times are RFC 3339 strings.
pub mod paypal {
    use super::*;

    /// One page of a payout batch: its header, some of its items, and the totals when asked for.
    #[derive(Debug, Deserialize)]
    pub struct PayoutBatch {
        /// Only with `total_required=true`; at most 15,000.
        #[serde(default)]
        pub total_items: Option<u32>,
        /// Only with `total_required=true`; at most 1,000.
        #[serde(default)]
        pub total_pages: Option<u32>,
        /// The same on every page.
        #[serde(default)]
        pub batch_header: Option<PayoutBatchHeader>,
        /// Absent when only the header was asked for (`fields=batch_header`).
        #[serde(default)]
        pub items: Option<Vec<PayoutBatchItem>>,
        #[serde(default)]
        pub links: Option<Vec<Link>>,
    }

    /// The header of a batch, with its totals and times.
    #[derive(Debug, Deserialize)]
    pub struct PayoutBatchHeader {
        pub payout_batch_id: String,
        /// `DENIED`, `PENDING`, `PROCESSING`, `SUCCESS` or `CANCELED`.
        pub batch_status: String,
        #[serde(default)]
        pub time_created: Option<String>,
        #[serde(default)]
        pub time_completed: Option<String>,
        #[serde(default)]
        pub time_closed: Option<String>,
        pub sender_batch_header: PayoutSenderBatchHeader,
        /// `BALANCE`.
        #[serde(default)]
        pub funding_source: Option<String>,
        #[serde(default)]
        pub amount: Option<Money>,
        #[serde(default)]
        pub fees: Option<Money>,
    }

    /// The batch-wide settings sent with a batch, as PayPal returns them.
    #[derive(Debug, Deserialize)]
    pub struct PayoutSenderBatchHeader {
        #[serde(default)]
        pub sender_batch_id: Option<String>,
        #[serde(default)]
        pub recipient_type: Option<String>,
        #[serde(default)]
        pub email_subject: Option<String>,
        #[serde(default)]
        pub email_message: Option<String>,
    }

    /// An amount of money with its currency.
    #[derive(Debug, Deserialize)]
    pub struct Money {
        /// Upper-case ISO 4217 code.
        pub currency: String,
        /// A decimal string such as `"9.87"` (`"1500"` for JPY).
        pub value: String,
    }

    /// One item of a batch, as a batch read lists it.
    #[derive(Debug, Deserialize)]
    pub struct PayoutBatchItem {
        pub payout_item_id: String,
        /// Absent for a denied item.
        #[serde(default)]
        pub transaction_id: Option<String>,
        #[serde(default)]
        pub activity_id: Option<String>,
        /// `SUCCESS`, `FAILED`, `PENDING`, `UNCLAIMED`, `RETURNED`, `ONHOLD`, `BLOCKED`, `REFUNDED` or `REVERSED`.
        #[serde(default)]
        pub transaction_status: Option<String>,
        #[serde(default)]
        pub payout_item_fee: Option<Money>,
        pub payout_batch_id: String,
        pub payout_item: PayoutItemDetail,
        #[serde(default)]
        pub currency_conversion: Option<CurrencyConversion>,
        #[serde(default)]
        pub time_processed: Option<String>,
        /// Why the item failed or is waiting; named `errors` on the wire though it holds one error.
        #[serde(default)]
        pub errors: Option<ItemError>,
        #[serde(default)]
        pub links: Option<Vec<Link>>,
    }

    /// A payout item as it was requested, with what PayPal learned about the recipient.
    #[derive(Debug, Deserialize)]
    pub struct PayoutItemDetail {
        /// `EMAIL`, `PHONE`, `PAYPAL_ID` or `USER_HANDLE`.
        #[serde(default)]
        pub recipient_type: Option<String>,
        pub amount: Money,
        #[serde(default)]
        pub note: Option<String>,
        pub receiver: String,
        #[serde(default)]
        pub sender_item_id: Option<String>,
        /// Filled in once the payout has been claimed.
        #[serde(default)]
        pub recipient_name: Option<RecipientName>,
        /// `PAYPAL`, `VENMO` or `RECIPIENT_SELECTED`.
        #[serde(default)]
        pub recipient_wallet: Option<String>,
        /// `GOODS`, `SERVICES`, `AWARDS` and so on.
        #[serde(default)]
        pub purpose: Option<String>,
    }

    /// The recipient's name.
    #[derive(Debug, Deserialize)]
    pub struct RecipientName {
        #[serde(default)]
        pub prefix: Option<String>,
        #[serde(default)]
        pub given_name: Option<String>,
        #[serde(default)]
        pub surname: Option<String>,
        #[serde(default)]
        pub middle_name: Option<String>,
        #[serde(default)]
        pub suffix: Option<String>,
        #[serde(default)]
        pub alternate_full_name: Option<String>,
        #[serde(default)]
        pub full_name: Option<String>,
    }

    /// The currency exchange made for an item paid in another currency than it was sent in.
    #[derive(Debug, Deserialize)]
    pub struct CurrencyConversion {
        #[serde(default)]
        pub from_amount: Option<Money>,
        #[serde(default)]
        pub to_amount: Option<Money>,
        /// A decimal string, as the amounts.
        #[serde(default)]
        pub exchange_rate: Option<String>,
    }

    /// Why one payout item failed or is waiting. The shape of an error body, without `debug_id` as a rule.
    #[derive(Debug, Deserialize)]
    pub struct ItemError {
        /// A reason code such as `RECEIVER_UNREGISTERED`; PayPal's list goes on beyond the documented ones.
        pub name: String,
        pub message: String,
        #[serde(default)]
        pub debug_id: Option<String>,
        #[serde(default)]
        pub information_link: Option<String>,
        #[serde(default)]
        pub details: Option<Vec<ErrorDetail>>,
        #[serde(default)]
        pub links: Option<Vec<Link>>,
    }

    /// One problem found, inside an [`ItemError`].
    #[derive(Debug, Deserialize)]
    pub struct ErrorDetail {
        #[serde(default)]
        pub field: Option<String>,
        #[serde(default)]
        pub value: Option<String>,
        /// `body`, `path` or `query`; `body` when absent.
        #[serde(default)]
        pub location: Option<String>,
        pub issue: String,
        #[serde(default)]
        pub description: Option<String>,
    }

    /// A HATEOAS link.
    #[derive(Debug, Deserialize)]
    pub struct Link {
        pub href: String,
        pub rel: String,
        /// The HTTP method, `GET` when absent.
        #[serde(default)]
        pub method: Option<String>,
        /// Payouts responses spell it `enctype`, other PayPal APIs `encType`: both are read.
        #[serde(default, alias = "encType")]
        pub enctype: Option<String>,
    }
}

/// Wise `GET /v1/transfers`: a bare JSON array of transfers. Amounts and rates are JSON numbers, read as exact
/// decimals as the rebilly baseline reads its amounts; `created` is a local date-time string (`2018-12-16 15:25:51`).
pub mod wise {
    use super::*;

    /// A page of transfers: the response is a bare array, with no total or next link.
    pub type TransferList = Vec<Transfer>;

    /// A transfer of money from the sender to a recipient account. Wise's field names are camelCase.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Transfer {
        pub id: i64,
        #[serde(default)]
        pub user: Option<i64>,
        #[serde(default)]
        pub target_account: Option<i64>,
        /// The refund recipient account, or `null`.
        #[serde(default)]
        pub source_account: Option<i64>,
        /// The v1 quote; `null` for transfers made from a v2 or v3 quote, which `quote_uuid` names instead.
        #[serde(default)]
        pub quote: Option<i64>,
        #[serde(default)]
        pub quote_uuid: Option<String>,
        /// `incoming_payment_waiting`, `processing`, `outgoing_payment_sent` and so on; Wise may add values.
        pub status: String,
        /// Deprecated in favour of `details.reference`, but still sent.
        #[serde(default)]
        pub reference: Option<String>,
        #[serde(default)]
        pub rate: Option<Decimal>,
        /// `yyyy-MM-dd HH:mm:ss`, without an offset.
        #[serde(default)]
        pub created: Option<String>,
        #[serde(default)]
        pub business: Option<i64>,
        /// Deprecated; always `null`.
        #[serde(default)]
        pub transfer_request: Option<i64>,
        #[serde(default)]
        pub details: Option<TransferDetails>,
        #[serde(default)]
        pub has_active_issues: Option<bool>,
        #[serde(default)]
        pub source_currency: Option<String>,
        /// `0` once cancelled.
        #[serde(default)]
        pub source_value: Option<Decimal>,
        #[serde(default)]
        pub target_currency: Option<String>,
        #[serde(default)]
        pub target_value: Option<Decimal>,
        /// The idempotency key the transfer was created with (a UUID).
        #[serde(default)]
        pub customer_transaction_id: Option<String>,
        #[serde(default)]
        pub payin_session_id: Option<String>,
    }

    /// Extra details of a transfer; responses echo only `reference`, but the other fields are read when present.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct TransferDetails {
        #[serde(default)]
        pub reference: Option<String>,
        #[serde(default)]
        pub transfer_purpose: Option<String>,
        #[serde(default)]
        pub transfer_purpose_sub_transfer_purpose: Option<String>,
        #[serde(default)]
        pub transfer_purpose_invoice_number: Option<String>,
        #[serde(default)]
        pub source_of_funds: Option<String>,
        #[serde(default)]
        pub source_of_funds_other: Option<String>,
    }
}
