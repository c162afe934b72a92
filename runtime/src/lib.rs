#![doc = include_str!("../README.md")]

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
mod cause;
mod client;
mod envelope;
mod fields;
#[cfg(feature = "http")]
pub mod http;
mod localize;
mod lookup;
mod message;
mod negotiation;
#[cfg(feature = "openapi")]
pub mod openapi;
mod problem;
#[cfg(feature = "reqwest")]
pub mod reqwest;
mod retry;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod server;
mod translation;
#[cfg(feature = "utoipa")]
pub mod utoipa;
mod wire;

use core::fmt;
use core::hash::Hash;
use core::time::Duration;

pub use error_table_macros::include_error_table;

pub use crate::cause::{ResultExt, WithSource};
pub use crate::client::{
    ClientError, DecodeError, DecodeErrorKind, MAX_BODY_BYTES, MAX_DEPTH, ReceivedCode,
    ReceivedError,
};
pub use crate::envelope::{Envelope, ErrorBody};
pub use crate::fields::{FieldError, FieldProblem, FieldValues, Fields};
pub use crate::localize::{Locale, Localize, Localized};
pub use crate::negotiation::{MAX_LANGUAGE_RANGES, negotiate};
pub use crate::problem::Problem;
pub use crate::retry::is_retryable;
pub use crate::wire::{PROBLEM_JSON, WireFormat};

/// Implemented by every generated code enum (`ErrorCode` by default).
///
/// Generic code, such as a web framework integration, works with any
/// table through this trait; with one known table, the enum's inherent
/// methods of the same names are simpler to call.
pub trait Code: Copy + Eq + Ord + Hash + fmt::Debug + fmt::Display + 'static {
    /// Every code, in table order.
    const ALL: &'static [Self];

    /// The code as sent on the wire.
    fn as_str(self) -> &'static str;

    /// The HTTP status.
    fn status(self) -> u16;

    /// The message template, with `{placeholder}` holes.
    fn template(self) -> &'static str;

    /// The fields of the row, in the order of its message: the names its
    /// values have on the wire (`metadata`).
    fn field_names(self) -> &'static [&'static str];

    /// The code whose wire string is `code`, compared exactly.
    fn from_code(code: &str) -> Option<Self>;

    /// Whether a request that failed with this code may succeed when sent
    /// again unchanged: its status is 408, 429, 502, 503 or 504, which say
    /// that the server, not the request, is the problem for now.
    fn is_retryable(self) -> bool {
        is_retryable(self.status())
    }

    /// How the table's errors are written on the wire (the macro's `wire`
    /// setting).
    const WIRE: WireFormat = WireFormat::Envelope;
}

/// Implemented by every generated error enum (`Error` by default).
pub trait ApiError: core::error::Error + Localize {
    /// The table's code enum.
    type Code: Code;

    /// The error's code.
    fn code(&self) -> Self::Code;

    /// The HTTP status of this error.
    fn status(&self) -> u16 {
        self.code().status()
    }

    /// Calls `visit` once with the error's fields: each field's name (as
    /// on the wire, in `metadata`) with its value, in the row's order, as
    /// `Display` writes them into the message. What [`fields`](Self::fields)
    /// collects, without allocating: the server integrations write
    /// `metadata` from it.
    ///
    /// ```
    /// use error_table::ApiError as _;
    /// # error_table::include_error_table!("doc/payments.md");
    ///
    /// let error = Error::CardDeclined { card: "•••• 4242".into() };
    /// let mut shown = Vec::new();
    /// error.visit_fields(&mut |fields| {
    ///     shown = fields.iter().map(|(name, value)| format!("{name}={value}")).collect();
    /// });
    /// assert_eq!(shown, ["card=•••• 4242"]);
    /// ```
    fn visit_fields(&self, visit: &mut dyn FnMut(FieldValues<'_>));

    /// The values of the error's fields, by field name in the row's order,
    /// as `Display` writes them into the message.
    fn fields(&self) -> Fields<'static> {
        let mut collected = Fields::new();
        self.visit_fields(&mut |values| collected = fields::collect(values));
        collected
    }

    /// The JSON error envelope of this error, with `target` as the
    /// correlation ID and the fields in `metadata`, unless the table's wire
    /// format is [`WireFormat::PlainEnvelope`].
    fn to_envelope<'a>(&self, target: Option<&'a str>) -> Envelope<'a> {
        wire::envelope(Self::Code::WIRE, wire::Parts::of(self, target), || {
            self.fields()
        })
    }

    /// This error as RFC 9457 problem details, with `instance` as the
    /// correlation ID; its `type` is the table's type base and the code
    /// when its wire format is [`WireFormat::ProblemDetails`] with one,
    /// else `about:blank`.
    fn to_problem<'a>(&self, instance: Option<&'a str>) -> Problem<'a> {
        wire::problem(
            Self::Code::WIRE,
            wire::Parts::of(self, instance),
            self.fields(),
        )
    }

    /// How long the client should wait before it sends the request again,
    /// when the error says: the value of a `{retry after seconds}`
    /// placeholder, in whole seconds. The server integrations send it as
    /// `Retry-After` on 429 and 503 responses.
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

/// Implemented by every generated error enum: reading an error back from
/// a response.
pub trait Decode: ApiError + Sized {
    /// The error that `code` and the values of its `fields` stand for.
    ///
    /// # Errors
    ///
    /// When a field of the row is missing from `fields`, or its value does
    /// not parse as the field's type.
    fn from_fields(code: Self::Code, fields: &Fields<'_>) -> Result<Self, FieldError>;

    /// The error that `code` and `message` stand for, its fields read
    /// back from the message; `None` when the row has placeholders and the
    /// message does not follow its template. For servers that send only
    /// the spec's three members.
    fn from_message(code: Self::Code, message: &str) -> Option<Self>;
}

/// A string that is not a code of the table, from `str::parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode(String);

impl UnknownCode {
    /// The error for `code`, a string that is not a code of the table.
    ///
    /// For generic code that parses with [`Code::from_code`]:
    ///
    /// ```
    /// use error_table::{Code, UnknownCode};
    ///
    /// fn parse<C: Code>(code: &str) -> Result<C, UnknownCode> {
    ///     C::from_code(code).ok_or_else(|| UnknownCode::new(code))
    /// }
    /// # error_table::include_error_table!("doc/payments.md");
    /// assert_eq!(parse::<ErrorCode>("RATE_LIMITED"), Ok(ErrorCode::RateLimited));
    /// assert_eq!(parse::<ErrorCode>("NOPE").unwrap_err().code(), "NOPE");
    /// ```
    #[must_use]
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    /// The rejected string.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl core::error::Error for UnknownCode {}

/// What generated code uses. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use std::borrow::Cow;

    pub use serde_core as serde;

    pub use crate::fields::{parse as field_value, text as field_text};
    pub use crate::lookup::CodeMap;
    pub use crate::message::{holes, owned};
    pub use crate::retry::retry_after_seconds;
    pub use crate::translation::{Arg, Messages, write_localized};
    pub use crate::{
        ApiError, Code, Decode, Envelope, FieldError, FieldValues, Fields, Localize, Localized,
        Problem, WireFormat,
    };

    /// The impls of the HTTP frameworks whose features are enabled, for a
    /// generated error enum and its code enum. Each framework's part
    /// expands to nothing when its feature is off, so that the features of
    /// this crate, not of the user's, decide.
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __framework_impls {
        ($error:ident, $code:ident) => {
            $crate::__private::http_impls!($error, $code);
            $crate::__private::axum_impls!($error, $code);
            $crate::__private::actix_web_impls!($error, $code);
        };
    }

    pub use crate::__framework_impls as framework_impls;

    /// `status_code()` and `http::StatusCode: From<…>` (feature `http`).
    #[cfg(feature = "http")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __http_impls {
        ($error:ident, $code:ident) => {
            impl $code {
                /// The HTTP status as an `http::StatusCode`.
                #[must_use]
                pub fn status_code(self) -> $crate::__private::http::StatusCode {
                    $crate::__private::http_status_code(self)
                }
            }
            impl $error {
                /// The HTTP status of this error as an `http::StatusCode`.
                #[must_use]
                pub fn status_code(&self) -> $crate::__private::http::StatusCode {
                    $crate::__private::http_status_code($crate::__private::ApiError::code(self))
                }
            }
            #[automatically_derived]
            impl ::core::convert::From<$code> for $crate::__private::http::StatusCode {
                fn from(code: $code) -> Self {
                    $crate::__private::http_status_code(code)
                }
            }
            #[automatically_derived]
            impl ::core::convert::From<&$error> for $crate::__private::http::StatusCode {
                fn from(error: &$error) -> Self {
                    $crate::__private::http_status_code($crate::__private::ApiError::code(error))
                }
            }
        };
    }

    /// Nothing: the feature `http` is off.
    #[cfg(not(feature = "http"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __http_impls {
        ($error:ident, $code:ident) => {};
    }

    pub use crate::__http_impls as http_impls;

    #[cfg(feature = "http")]
    pub use ::http;

    #[cfg(feature = "http")]
    pub use crate::http::status_code as http_status_code;

    /// `IntoResponse` (feature `axum`).
    #[cfg(feature = "axum")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __axum_impls {
        ($error:ident, $code:ident) => {
            #[automatically_derived]
            impl $crate::__private::axum_core::response::IntoResponse for $error {
                fn into_response(self) -> $crate::__private::axum_core::response::Response {
                    $crate::__private::axum_into_response(self)
                }
            }
        };
    }

    /// Nothing: the feature `axum` is off.
    #[cfg(not(feature = "axum"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __axum_impls {
        ($error:ident, $code:ident) => {};
    }

    pub use crate::__axum_impls as axum_impls;

    #[cfg(feature = "axum")]
    pub use ::axum_core;

    /// The response of a generated `IntoResponse` (feature `axum`).
    #[cfg(feature = "axum")]
    #[must_use]
    pub fn axum_into_response<E: ApiError + Send + Sync + 'static>(
        error: E,
    ) -> ::axum_core::response::Response {
        crate::axum::into_response(error)
    }

    /// `ResponseError` (feature `actix-web`).
    #[cfg(feature = "actix-web")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __actix_web_impls {
        ($error:ident, $code:ident) => {
            #[automatically_derived]
            impl $crate::__private::actix_web::ResponseError for $error {
                fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                    $crate::__private::actix_status_code(self)
                }
                fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                    $crate::__private::actix_error_response(self)
                }
            }
        };
    }

    /// Nothing: the feature `actix-web` is off.
    #[cfg(not(feature = "actix-web"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __actix_web_impls {
        ($error:ident, $code:ident) => {};
    }

    pub use crate::__actix_web_impls as actix_web_impls;

    #[cfg(feature = "actix-web")]
    pub use ::actix_web;

    /// The status of a generated `ResponseError` (feature `actix-web`).
    #[cfg(feature = "actix-web")]
    #[must_use]
    pub fn actix_status_code<E: ApiError>(error: &E) -> ::actix_web::http::StatusCode {
        crate::actix::status_code(error)
    }

    /// The response of a generated `ResponseError` (feature `actix-web`).
    #[cfg(feature = "actix-web")]
    #[must_use]
    pub fn actix_error_response<E: ApiError + Clone + Send + Sync + 'static>(
        error: &E,
    ) -> ::actix_web::HttpResponse {
        crate::actix::error_response(error)
    }

    /// The error of generated `FromStr` impls.
    pub type UnknownCode = crate::UnknownCode;

    /// Deserializes a generated code enum from its wire string.
    ///
    /// # Errors
    ///
    /// When the input is not a string or not a code of the table.
    pub fn deserialize_code<'de, C, D>(deserializer: D) -> Result<C, D::Error>
    where
        C: Code,
        D: serde_core::Deserializer<'de>,
    {
        deserializer.deserialize_str(CodeVisitor(core::marker::PhantomData))
    }

    struct CodeVisitor<C>(core::marker::PhantomData<C>);

    impl<C: Code> serde_core::de::Visitor<'_> for CodeVisitor<C> {
        type Value = C;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("an error code of the table")
        }

        fn visit_str<E: serde_core::de::Error>(self, code: &str) -> Result<C, E> {
            C::from_code(code)
                .ok_or_else(|| E::invalid_value(serde_core::de::Unexpected::Str(code), &self))
        }
    }
}
