//! Hand-written serde structs for the same wire shapes, as someone writing a client by hand would: `#[derive]` with
//! `rename_all`, `String` for text, IDs and timestamps (no checks, no parsing), `Option<T>` for anything optional or
//! nullable (absent and `null` not told apart), `Decimal` for JSON-number money, enums with a catch-all variant, and
//! unknown fields ignored. These are the baselines of the runtime benchmarks.

#![allow(dead_code)]

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod tokenio {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutsResponse {
        #[serde(default)]
        pub payouts: Option<Vec<Payout>>,
        #[serde(default)]
        pub paging: Option<PagingInfo>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutResponse {
        pub payout: Payout,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PagingInfo {
        #[serde(default)]
        pub limit: Option<i32>,
        #[serde(default)]
        pub offset: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Payout {
        pub id: String,
        pub member_id: String,
        pub status: PayoutStatus,
        pub created_date_time: String,
        pub updated_date_time: String,
        #[serde(default)]
        pub bank_transaction_id: Option<String>,
        #[serde(default)]
        pub bank_payment_status: Option<String>,
        #[serde(default)]
        pub status_reason_information: Option<String>,
        #[serde(default)]
        pub initiation: Option<ResolvedPayoutInitiation>,
    }

    /// The same item with unknown fields kept in a map, as the generated type does (diagnostic variant).
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutKeepingUnknown {
        pub id: String,
        pub member_id: String,
        pub status: PayoutStatus,
        pub created_date_time: String,
        pub updated_date_time: String,
        #[serde(default)]
        pub bank_transaction_id: Option<String>,
        #[serde(default)]
        pub bank_payment_status: Option<String>,
        #[serde(default)]
        pub status_reason_information: Option<String>,
        #[serde(default)]
        pub initiation: Option<ResolvedPayoutInitiation>,
        #[serde(flatten)]
        pub additional_fields: serde_json::Map<String, Value>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutsResponseKeepingUnknown {
        #[serde(default)]
        pub payouts: Option<Vec<PayoutKeepingUnknown>>,
        #[serde(default)]
        pub paging: Option<PagingInfo>,
    }

    #[derive(Debug, Deserialize)]
    pub enum PayoutStatus {
        #[serde(rename = "INITIATION_PENDING")]
        Pending,
        #[serde(rename = "INITIATION_PROCESSING")]
        Processing,
        #[serde(rename = "INITIATION_COMPLETED")]
        Completed,
        #[serde(rename = "INITIATION_REJECTED")]
        Rejected,
        #[serde(rename = "INITIATION_FAILED")]
        Failed,
        #[serde(other)]
        Unknown,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ResolvedPayoutInitiation {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        pub ref_id: String,
        pub amount: Amount,
        pub debtor: DebtorInformation,
        pub creditor: CreditorInformation,
    }

    #[derive(Debug, Deserialize, Serialize)]
    pub struct Amount {
        pub value: String,
        pub currency: String,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct DebtorInformation {
        pub account_id: String,
    }

    #[derive(Debug, Default, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CreditorInformation {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ultimate_creditor_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bank_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub iban: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bic: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sort_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_verification_id: Option<String>,
    }

    /// The body of `POST /payouts`.
    #[derive(Debug, Serialize)]
    pub struct InitiatePayoutBody {
        pub initiation: PayoutInitiation,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutInitiation {
        pub description: String,
        pub ref_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub on_behalf_of_id: Option<String>,
        pub amount: Amount,
        pub debtor: DebtorInformation,
        pub creditor: CreditorInformation,
    }
}

pub mod reservepay {
    use super::*;

    #[derive(Debug, Deserialize)]
    pub struct PaymentPage {
        #[serde(default)]
        pub previous: Option<Value>,
        pub page: Vec<Payment>,
        #[serde(default)]
        pub next: Option<Value>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Payment {
        pub payment_id: String,
        #[serde(default)]
        pub external_id: Option<String>,
        #[serde(default)]
        pub payment_session_id: Option<String>,
        pub status: PaymentStatus,
        pub amount: i64,
        pub currency: String,
        #[serde(default)]
        pub payment_method: Option<String>,
        #[serde(default)]
        pub payment_method_display_name: Option<String>,
        pub created_at: i64,
        #[serde(default)]
        pub captured_at: Option<i64>,
        #[serde(default)]
        pub expires_at: Option<i64>,
        #[serde(default)]
        pub capture: Option<CaptureMode>,
        #[serde(default)]
        pub customer_id: Option<String>,
        #[serde(default)]
        pub customer_email: Option<String>,
        #[serde(default)]
        pub customer_mobile: Option<String>,
        #[serde(default)]
        pub customer_name: Option<String>,
        #[serde(default)]
        pub fees: Option<Vec<Value>>,
        #[serde(default)]
        pub ref1: Option<String>,
        #[serde(default)]
        pub ref2: Option<String>,
        #[serde(default)]
        pub ref3: Option<String>,
        #[serde(default)]
        pub reversible: Option<bool>,
        #[serde(default)]
        pub capturable: Option<bool>,
        #[serde(default)]
        pub voidable: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum PaymentStatus {
        Successful,
        PartiallyRefunded,
        Refunded,
        Disputed,
        Pending,
        Authorized,
        Failed,
        Expired,
        Reversed,
        Voided,
        #[serde(other)]
        Unknown,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CaptureMode {
        Automatic,
        Manual,
        #[serde(other)]
        Unknown,
    }

    /// The body of `POST /merchants/send-payout-to-contact`.
    #[derive(Debug, Serialize)]
    pub struct SendPayoutBody {
        pub recipient_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub external_id: Option<String>,
        pub amount: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub recipient_mobile: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub recipient_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub recipient_email: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub payout_method: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub mobile_number: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub bank_account_id: Option<String>,
    }
}

pub mod rebilly {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PayoutRequest {
        #[serde(default)]
        pub id: Option<String>,
        pub website_id: String,
        pub customer_id: String,
        #[serde(default)]
        pub payment_instrument_id: Option<String>,
        pub currency: String,
        pub amount: Decimal,
        #[serde(default)]
        pub available_amount: Option<Decimal>,
        #[serde(default)]
        pub description: Option<String>,
        #[serde(default)]
        pub status: Option<PayoutRequestStatus>,
        #[serde(default)]
        pub select_payment_instrument_url: Option<String>,
        #[serde(default)]
        pub allocations: Option<Vec<Allocation>>,
        #[serde(default)]
        pub selected_payment_instrument_redirect_url: Option<String>,
        #[serde(default, alias = "cancellation")]
        pub cancellation_reason: Option<Cancellation>,
        #[serde(default)]
        pub created_time: Option<String>,
        #[serde(default)]
        pub updated_time: Option<String>,
        #[serde(default, rename = "_links")]
        pub links: Option<Vec<Link>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum PayoutRequestStatus {
        Pending,
        InstrumentSelected,
        PartiallyFulfilled,
        Fulfilled,
        Canceled,
        #[serde(other)]
        Unknown,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Allocation {
        #[serde(default)]
        pub transaction_id: Option<String>,
        #[serde(default)]
        pub transaction_result: Option<String>,
        #[serde(default)]
        pub method: Option<String>,
        #[serde(default)]
        pub gateway_name: Option<String>,
        #[serde(default)]
        pub payment_instrument_id: Option<String>,
        #[serde(default)]
        pub amount: Option<Decimal>,
        #[serde(default)]
        pub currency: Option<String>,
        #[serde(default)]
        pub created_time: Option<String>,
        #[serde(default)]
        pub updated_time: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Cancellation {
        #[serde(default)]
        pub canceled_by: Option<String>,
        #[serde(default)]
        pub description: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Link {
        pub href: String,
        pub rel: String,
    }
}
