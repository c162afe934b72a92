//! Types of the [`http`](https://docs.rs/http) crate (feature `http`).
//!
//! With this feature, every generated code enum and error enum has a
//! `status_code()` method returning [`StatusCode`], and `StatusCode`
//! converts from both (`StatusCode::from(&error)`):
//!
//! ```
//! error_table::include_error_table!("doc/payments.md");
//! use error_table::http::StatusCode;
//!
//! let error = Error::RateLimited { retry_after_seconds: "30".into() };
//! assert_eq!(error.status_code(), StatusCode::TOO_MANY_REQUESTS);
//! assert_eq!(ErrorCode::CardDeclined.status_code(), StatusCode::PAYMENT_REQUIRED);
//! assert_eq!(StatusCode::from(&error), StatusCode::TOO_MANY_REQUESTS);
//! ```

pub use ::http::{HeaderName, HeaderValue, StatusCode};

use crate::Code;

/// The name of the response header that carries the error code, unless
/// set otherwise: `x-error-code`.
pub const ERROR_CODE_HEADER: HeaderName = HeaderName::from_static("x-error-code");

/// The name of the request and response header that carries the
/// correlation ID, unless set otherwise: `x-request-id`.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The status of `code` as a [`StatusCode`].
///
/// Generated tables hold statuses 400 to 599 only, all valid; any other
/// value would give 500 rather than a panic.
#[must_use]
pub fn status_code<C: Code>(code: C) -> StatusCode {
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
