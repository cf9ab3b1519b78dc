//! The macro that gives a generated object its `with_*` setters.
//!
//! Generated code declares the struct, its constructor and its docs, then lists the optional fields once:
//!
//! ```
//! use codegen_runtime as rt;
//!
//! /// A payout.
//! #[derive(Clone, Debug, Default, PartialEq)]
//! pub struct Payout {
//!     /// A note for the recipient.
//!     pub note: Option<String>,
//!     /// When it was sent; absent and `null` are kept apart.
//!     pub sent_at: Option<Option<rt::UnixTime>>,
//! }
//! rt::setters!(Payout {
//!     with_note(note, "note"): String;
//!     with_sent_at(sent_at, "sentAt", nullable): rt::UnixTime;
//! });
//!
//! let payout = Payout::default().with_note("thanks").with_sent_at(None);
//! assert_eq!(payout.note.as_deref(), Some("thanks"));
//! assert_eq!(payout.sent_at, Some(None));
//! ```
//!
//! Every path in the macro body is absolute (`::std::...`): the generated module may declare types of its own, and
//! they must not change what a setter means.

/// `with_*` setters for the optional fields of the object `$type`. Each entry names the setter, the field, its wire
/// name (for the setter's docs), how it is stored and the value the setter takes: a plain field takes `impl Into<T>`;
/// `nullable` takes `impl Into<Option<T>>`, where `None` sends `null`; `boxed` (after `nullable` when both) stores
/// the value boxed, which breaks a cycle of types.
#[macro_export]
macro_rules! setters {
    ($type:ident { $($setter:ident($field:ident, $wire:literal $(, $how:ident)*): $value:ty;)* }) => {
        impl $type {
            $($crate::__setter!($setter, $field, $wire, [$($how)*], $value);)*
        }
    };
}

/// One setter of [`setters!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __setter {
    ($setter:ident, $field:ident, $wire:literal, [], $value:ty) => {
        #[doc = ::std::concat!("Sets `", $wire, "`.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$value>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    ($setter:ident, $field:ident, $wire:literal, [boxed], $value:ty) => {
        #[doc = ::std::concat!("Sets `", $wire, "`.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$value>) -> Self {
            self.$field = ::std::option::Option::Some(::std::boxed::Box::new(value.into()));
            self
        }
    };
    ($setter:ident, $field:ident, $wire:literal, [nullable], $value:ty) => {
        #[doc = ::std::concat!("Sets `", $wire, "` (`None` sends `null`).")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<::std::option::Option<$value>>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    ($setter:ident, $field:ident, $wire:literal, [nullable boxed], $value:ty) => {
        #[doc = ::std::concat!("Sets `", $wire, "` (`None` sends `null`).")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<::std::option::Option<$value>>) -> Self {
            // `into` alone could not tell its target before `map`.
            let value: ::std::option::Option<$value> = value.into();
            self.$field = ::std::option::Option::Some(value.map(::std::boxed::Box::new));
            self
        }
    };
}
