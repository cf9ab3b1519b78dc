//! Backoff, `Retry-After` and the replay decision table, tested directly.

use super::*;
use std::time::UNIX_EPOCH;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[test]
fn policy_defaults_builders_and_accessors() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.get_max_attempts(), 4);
    assert_eq!(policy.get_initial_backoff(), ms(200));
    assert_eq!(policy.get_max_backoff(), Duration::from_secs(5));
    assert_eq!(policy.get_max_retry_after(), Duration::from_secs(30));
    assert!(policy.get_jitter());
    assert_eq!(RetryPolicy::none().get_max_attempts(), 1);
    let policy = RetryPolicy::default()
        .max_attempts(7)
        .initial_backoff(ms(1))
        .max_backoff(ms(9))
        .max_retry_after(ms(3))
        .jitter(false);
    assert_eq!(
        (
            policy.get_max_attempts(),
            policy.get_initial_backoff(),
            policy.get_max_backoff(),
            policy.get_max_retry_after()
        ),
        (7, ms(1), ms(9), ms(3))
    );
    assert!(!policy.get_jitter());
    assert_eq!(RetryPolicy::default().max_attempts(0).get_max_attempts(), 1, "at least one attempt");
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let policy = RetryPolicy::default();
    let backoffs: Vec<Duration> = (1..=7).map(|retry| policy.backoff(retry)).collect();
    assert_eq!(backoffs, [ms(200), ms(400), ms(800), ms(1600), ms(3200), ms(5000), ms(5000)]);
    assert_eq!(policy.backoff(0), ms(200), "retry 0 counts as the first");
    assert_eq!(policy.backoff(33), ms(5000), "2^32 overflows u32");
    assert_eq!(policy.backoff(u32::MAX), ms(5000));
    assert_eq!(RetryPolicy::default().initial_backoff(Duration::MAX).backoff(2), ms(5000), "Duration overflow");
    assert_eq!(RetryPolicy::default().initial_backoff(ms(9000)).backoff(1), ms(5000), "initial above the cap");
    let zero = RetryPolicy::default().initial_backoff(Duration::ZERO);
    assert!((0..=40).chain([u32::MAX]).all(|retry| zero.backoff(retry).is_zero() && zero.delay(retry).is_zero()));
    let uncapped = RetryPolicy::default().max_backoff(Duration::MAX).initial_backoff(ms(1));
    assert_eq!(uncapped.backoff(11), ms(1024));
}

#[test]
fn jitter_stays_within_the_backoff() {
    let policy = RetryPolicy::default();
    for retry in 1..=8 {
        let ceiling = policy.backoff(retry);
        let samples: Vec<Duration> = (0..500).map(|_| policy.delay(retry)).collect();
        assert!(samples.iter().all(|delay| *delay <= ceiling), "retry {retry}");
        assert!(samples.iter().any(|delay| *delay != samples[0]), "retry {retry}: jitter varies the delay");
        assert!(samples.iter().any(|delay| *delay < ceiling / 2), "retry {retry}: full jitter reaches below half");
    }
    let steady = policy.clone().jitter(false);
    assert!((1..=8).all(|retry| steady.delay(retry) == steady.backoff(retry)));
    let huge = RetryPolicy::default().initial_backoff(Duration::MAX).max_backoff(Duration::MAX);
    assert!(huge.delay(3) <= Duration::MAX, "a ceiling beyond u64 nanoseconds does not panic");
}

#[test]
fn retry_after_seconds_and_dates() {
    // Wed, 21 Oct 2015 07:28:00 GMT
    let at = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
    let now = at - Duration::from_secs(10);
    assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
    assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
    assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::from_secs(u64::MAX)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(Duration::from_secs(10)));
    assert_eq!(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), Some(Duration::from_secs(10)));
    assert_eq!(parse_retry_after("Wed Oct 21 07:28:00 2015", now), Some(Duration::from_secs(10)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at + ms(1)), Some(Duration::ZERO), "in the past");
    for garbage in ["", " ", "soon", "-5", "1.5", "12abc", "+3", "Wed, 32 Oct 2015 07:28:00 GMT", "٣"] {
        assert_eq!(parse_retry_after(garbage, now), None, "{garbage:?}");
    }
}

#[test]
fn retry_after_replaces_the_delay_up_to_the_cap() {
    let now = UNIX_EPOCH + Duration::from_secs(1_445_412_470);
    let policy = RetryPolicy::default().jitter(false);
    assert_eq!(policy.retry_delay(2, None, now), Some(ms(400)));
    assert_eq!(policy.retry_delay(2, Some("garbage"), now), Some(ms(400)), "ignored");
    assert_eq!(policy.retry_delay(2, Some("10"), now), Some(Duration::from_secs(10)));
    assert_eq!(policy.retry_delay(2, Some("0"), now), Some(Duration::ZERO));
    assert_eq!(policy.retry_delay(2, Some("30"), now), Some(Duration::from_secs(30)), "the cap itself is allowed");
    assert_eq!(policy.retry_delay(2, Some("31"), now), None, "above the cap: no retry");
    assert_eq!(policy.retry_delay(2, Some("Wed, 21 Oct 2015 07:28:00 GMT"), now), Some(Duration::from_secs(10)));
    assert_eq!(policy.retry_delay(2, Some("Wed, 21 Oct 2015 08:28:00 GMT"), now), None);
    assert_eq!(policy.retry_delay(1, Some("99999999999999999999999"), now), None);
    let jittered = RetryPolicy::default();
    assert_eq!(jittered.retry_delay(1, Some("7"), now), Some(Duration::from_secs(7)), "no jitter on Retry-After");
}
