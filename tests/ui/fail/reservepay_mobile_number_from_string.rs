// Proves: a PromptPay mobile number cannot be given as an unchecked `String`; only a `MobileNumber` (built by
// `MobileNumber::new`, which checks the local or E.164 format) is accepted.
use payout_clients::reservepay::SendPayoutToContactDestination;

fn main() {
    let _destination = SendPayoutToContactDestination::MobileNumber { mobile_number: String::from("0812223333") };
}
