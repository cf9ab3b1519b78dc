//! Strict requests, tolerant responses: the rules a spec writes on a value (lengths, patterns, bounds, decimal
//! places, formats such as e-mail) are checked when a value is built, and not when a server's response is read.
//!
//! A documented constraint tells the client what to send. It is no reason to refuse a payout the server reports: a
//! `refId` one character longer than the documentation says, or a status reason longer than its documented limit,
//! is still the server's record of that payout, and failing the call (or the page it is on) would hide it.
//!
//! serde gives a `Deserialize` impl no context, so the runtime marks the thread while it decodes a response
//! ([`as_received`]); the newtypes' decoders ask [`reading_as_received`] and, when it is set, keep the value as sent
//! instead of checking it. Everything else decodes strictly as before: `serde_json::from_str` in an application (a
//! request read from a queue, a test) still refuses a value that breaks the rules. A value that cannot be represented
//! at all (text where a number belongs, an amount that is not a decimal, a missing required field) fails either way.
//!
//! Every generated newtype has `check()`, which applies its rules to a value however it was made.

use std::cell::Cell;

thread_local! {
    // `const` initialization and no destructor: reading it is a plain thread-local load.
    static AS_RECEIVED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode` with the thread marked as reading a server's response: generated newtypes decoded inside keep their
/// values as sent rather than checking the spec's rules. The mark is removed when `decode` returns or unwinds, and
/// a nested call leaves it as it found it.
///
/// ```
/// use codegen_runtime as rt;
///
/// /// A reference of at most 18 characters.
/// #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// pub struct RefId(String);
/// rt::text_newtype!(RefId { max_length = 18 });
///
/// let sent = "\"a-reference-of-20-ch\"";
/// assert!(rt::serde_json::from_str::<RefId>(sent).is_err(), "strict outside a response");
/// let kept: RefId = rt::as_received(|| rt::serde_json::from_str(sent)).unwrap();
/// assert_eq!(kept.as_str(), "a-reference-of-20-ch");
/// assert!(kept.check().is_err(), "and it can say that it breaks the rules");
/// ```
pub fn as_received<R>(decode: impl FnOnce() -> R) -> R {
    /// Puts back the mark found on entry, on return and on unwinding alike.
    struct Restore(bool);

    impl Drop for Restore {
        fn drop(&mut self) {
            AS_RECEIVED.with(|mark| mark.set(self.0));
        }
    }

    let _restore = Restore(AS_RECEIVED.with(|mark| mark.replace(true)));
    decode()
}

/// Whether this thread is decoding a server's response (inside [`as_received`]).
#[inline]
pub fn reading_as_received() -> bool {
    AS_RECEIVED.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_is_scoped_and_nests() {
        assert!(!reading_as_received());
        as_received(|| {
            assert!(reading_as_received());
            as_received(|| assert!(reading_as_received()));
            assert!(reading_as_received(), "an inner scope leaves the outer one marked");
        });
        assert!(!reading_as_received());
    }

    #[test]
    fn the_mark_is_removed_when_decoding_panics() {
        let unwound = std::panic::catch_unwind(|| as_received(|| panic!("a decoder panicked")));
        assert!(unwound.is_err());
        assert!(!reading_as_received());
    }
}
