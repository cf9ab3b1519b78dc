// Proves: a PromptPay national ID cannot be given as an unchecked `&str`; only a `NationalId` (built by
// `NationalId::new`, which checks the 13 digits) is accepted.
use payout_clients::reservepay::SendPayoutToContactDestination;

fn main() {
    let _destination = SendPayoutToContactDestination::NationalId { national_id: "1101700203451" };
}
