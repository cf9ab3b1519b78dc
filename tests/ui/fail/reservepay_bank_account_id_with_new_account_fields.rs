// Proves: a payout destination cannot name an existing bank account (`bank_account_id`) and carry new-account
// details (`bank_account_number`) at once: the `BankAccount` variant has no such field.
use payout_clients::reservepay::{BankAccountRef, SendPayoutToContactDestination};

fn main() {
    let _destination = SendPayoutToContactDestination::BankAccount {
        bank_account_id: BankAccountRef::uid("bka_4Hn8ZrW2pK").unwrap(),
        bank_account_number: "1234567890".to_owned(),
    };
}
