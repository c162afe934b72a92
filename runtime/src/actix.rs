//! actix-web responses (feature `actix-web`).
//!
//! With this feature, every generated error enum implements actix-web's
//! `ResponseError`: a handler returns `Err(Error::…)` and the client gets
//! the row's status, `Content-Type: application/json`, the error code in
//! the `x-error-code` header and the JSON envelope (without `target`) as
//! body.
//!
//! ```
//! use actix_web::{App, web};
//!
//! error_table::include_error_table!("doc/payments.md");
//!
//! async fn charge() -> Result<&'static str, Error> {
//!     Err(Error::CardDeclined { card: "•••• 4242".into() })
//! }
//!
//! let app = App::new().route("/charge", web::get().to(charge));
//! ```

use ::actix_web::HttpResponse;
use ::actix_web::http::StatusCode;
use ::actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};

use crate::{ApiError, Code};

/// The name of the response header that carries the error code:
/// `x-error-code`.
pub const ERROR_CODE_HEADER: &str = "x-error-code";

/// The status of `error`, for `ResponseError::status_code`.
pub(crate) fn status_code<E: ApiError>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of `error`, for `ResponseError::error_response`.
pub(crate) fn error_response<E: ApiError>(error: &E) -> HttpResponse {
    let code = error.code();
    // Serializing strings into a `String` cannot fail.
    let body = serde_json::to_string(&error.to_envelope(None)).unwrap_or_default();
    let mut response = HttpResponse::build(status_code(error));
    response.insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")));
    if let Ok(value) = HeaderValue::from_bytes(code.as_str().as_bytes()) {
        response.insert_header((HeaderName::from_static(ERROR_CODE_HEADER), value));
    }
    response.body(body)
}
