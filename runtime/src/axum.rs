//! axum responses and correlation IDs (feature `axum`).
//!
//! With this feature, every generated error enum implements axum's
//! `IntoResponse`: a handler returns `Err(Error::…)` and the client gets
//! the row's status, `Content-Type: application/json`, the error code in
//! the `x-error-code` header and the JSON envelope as body.
//!
//! [`ErrorLayer`] gives every request a correlation ID and puts it in the
//! envelope's `target` of every error response, so that no handler passes
//! it by hand:
//!
//! ```
//! # use axum::{Router, routing::get};
//! error_table::include_error_table!("doc/payments.md");
//!
//! async fn charge() -> Result<&'static str, Error> {
//!     Err(Error::CardDeclined { card: "•••• 4242".into() })
//! }
//!
//! let app: Router = Router::new()
//!     .route("/charge", get(charge))
//!     .layer(error_table::axum::ErrorLayer::new());
//! ```
//!
//! The response to `GET /charge`, with the ID taken from the request's
//! `x-request-id` header or made up when there is none:
//!
//! ```text
//! HTTP/1.1 402 Payment Required
//! content-type: application/json
//! x-error-code: CARD_DECLINED
//! x-request-id: 3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d
//!
//! {"error":{"code":"CARD_DECLINED","message":"Card •••• 4242 was declined.","target":"3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d"}}
//! ```
//!
//! # How the ID reaches the body
//!
//! `IntoResponse` does not see the request, so it cannot know the ID. It
//! writes the envelope without `target` and leaves an [`ErrorInfo`] (code
//! and message) in the response's extensions. `ErrorLayer`, around the
//! handlers, reads or makes the ID when the request comes in, stores it as
//! a [`RequestId`] request extension (handlers may take it with
//! `Extension<RequestId>`, to log it), and when the response goes out sets
//! the `x-request-id` header and, on responses that carry an `ErrorInfo`,
//! writes the envelope again with `target`. This needs no task-local or
//! global state, works with any executor, and leaves other responses
//! untouched. Without the layer, error responses are complete but have no
//! `target`.
//!
//! Put the layer outside of any layer that compresses bodies (add it
//! before it, since axum wraps later layers around earlier ones): it leaves
//! a response with a `Content-Encoding` alone.

use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::{AtomicU64, Ordering};
use core::task::{Context, Poll};
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

use ::axum_core::body::Body;
use ::axum_core::response::Response;
use ::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE};
use ::http::{HeaderMap, HeaderName, HeaderValue, Request};

use crate::http::{ERROR_CODE_HEADER, REQUEST_ID_HEADER, status_code};
use crate::{ApiError, Code, Envelope};

/// The longest incoming request ID that is kept: 128 bytes. A longer one,
/// or one with other bytes than visible ASCII, is replaced by a new ID.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The code and message of an error response made by a generated
/// `IntoResponse`, in the response's extensions.
///
/// [`ErrorLayer`] reads it to write the envelope again with the
/// correlation ID; your own middleware can read it too, to log errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    code: &'static str,
    message: String,
}

impl ErrorInfo {
    /// The error code, as on the wire.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The rendered message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The response of a generated `IntoResponse`: status, `Content-Type:
/// application/json`, `x-error-code`, the envelope without `target`, and
/// an [`ErrorInfo`] extension.
pub(crate) fn into_response<E: ApiError>(error: &E) -> Response {
    let code = error.code();
    let info = ErrorInfo {
        code: code.as_str(),
        message: error.to_string(),
    };
    let mut response = Response::new(Body::from(envelope_json(&info, None)));
    *response.status_mut() = status_code(code);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(value) = code_header_value(info.code) {
        headers.insert(ERROR_CODE_HEADER, value);
    }
    response.extensions_mut().insert(info);
    response
}

/// `code` as a header value, or `None` when it has bytes a header cannot
/// carry.
fn code_header_value(code: &str) -> Option<HeaderValue> {
    HeaderValue::from_bytes(code.as_bytes()).ok()
}

/// The envelope of `info` as JSON.
fn envelope_json(info: &ErrorInfo, target: Option<&str>) -> String {
    let envelope = Envelope::new(info.code, info.message.clone(), target);
    // Serializing strings into a `String` cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The correlation ID of a request, set by [`ErrorLayer`] as a request
/// extension.
///
/// ```
/// # use axum::Extension;
/// use error_table::axum::RequestId;
///
/// async fn handler(Extension(id): Extension<RequestId>) -> String {
///     format!("request {id}")
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// A new ID: a random UUID (version 4) text, such as
    /// `3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d`.
    ///
    /// The bits come from a process-wide counter hashed with the random
    /// keys of the standard library's `RandomState`: IDs do not repeat
    /// within a process and are not guessable from one another, with no
    /// dependency on a random number crate.
    #[must_use]
    pub fn generate() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        static KEYS: OnceLock<(RandomState, RandomState)> = OnceLock::new();
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let (high, low) = KEYS.get_or_init(|| (RandomState::new(), RandomState::new()));
        let bits = u128::from(high.hash_one(count)) << 64 | u128::from(low.hash_one(count));
        // Version 4 in bits 76..80, variant `10` in bits 62..64.
        let bits = bits & !(0xF << 76) | 0x4 << 76;
        let bits = bits & !(0x3 << 62) | 0x2 << 62;
        let hex = format!("{bits:032x}");
        let parts = [0..8, 8..12, 12..16, 16..20, 20..32].map(|range| hex.get(range).unwrap_or(""));
        Self(parts.join("-").into())
    }

    /// The ID in `value`, when it is 1 to [`MAX_REQUEST_ID_LEN`] bytes of
    /// visible ASCII.
    #[must_use]
    pub fn from_header(value: &HeaderValue) -> Option<Self> {
        let bytes = value.as_bytes();
        let valid = (1..=MAX_REQUEST_ID_LEN).contains(&bytes.len())
            && bytes.iter().all(u8::is_ascii_graphic);
        valid
            .then(|| value.to_str().ok())
            .flatten()
            .map(|id| Self(id.into()))
    }

    /// The ID.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Display for RequestId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&self.0)
    }
}

/// A tower layer that gives every request a correlation ID and completes
/// the error responses of generated tables; see the [module](self) for how.
///
/// - The ID is the request's `x-request-id` header when it is 1 to 128
///   bytes of visible ASCII, else a new [`RequestId::generate`]d one. Set
///   another header name (`x-ms-request-id`, `x-correlation-id`) with
///   [`request_id_header`](Self::request_id_header).
/// - Every response gets the ID in the same header.
/// - Error responses of generated tables get the ID as the envelope's
///   `target`, and the error code in the header named by
///   [`code_header`](Self::code_header) (`x-error-code` by default;
///   `x-ms-error-code` for Azure-style APIs).
///
/// ```
/// use error_table::axum::ErrorLayer;
/// use error_table::http::HeaderName;
///
/// let layer = ErrorLayer::new()
///     .code_header(HeaderName::from_static("x-ms-error-code"))
///     .request_id_header(HeaderName::from_static("x-ms-request-id"));
/// ```
#[derive(Debug, Clone)]
pub struct ErrorLayer {
    settings: Arc<Settings>,
}

#[derive(Debug)]
struct Settings {
    request_id_header: HeaderName,
    code_header: HeaderName,
}

impl ErrorLayer {
    /// The layer with `x-request-id` and `x-error-code`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            settings: Arc::new(Settings {
                request_id_header: REQUEST_ID_HEADER,
                code_header: ERROR_CODE_HEADER,
            }),
        }
    }

    /// Reads and writes the correlation ID in the header `name`.
    #[must_use]
    pub fn request_id_header(self, name: HeaderName) -> Self {
        Self {
            settings: Arc::new(Settings {
                request_id_header: name,
                code_header: self.settings.code_header.clone(),
            }),
        }
    }

    /// Sends the error code in the header `name` instead of `x-error-code`.
    #[must_use]
    pub fn code_header(self, name: HeaderName) -> Self {
        Self {
            settings: Arc::new(Settings {
                request_id_header: self.settings.request_id_header.clone(),
                code_header: name,
            }),
        }
    }
}

impl Default for ErrorLayer {
    fn default() -> Self {
        Self::new()
    }
}

impl<S> tower_layer::Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> ErrorService<S> {
        ErrorService {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The service of [`ErrorLayer`].
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    settings: Arc<Settings>,
}

impl<S, RequestBody, ResponseBody> tower_service::Service<Request<RequestBody>> for ErrorService<S>
where
    S: tower_service::Service<Request<RequestBody>, Response = ::http::Response<ResponseBody>>,
    ResponseBody: From<String>,
{
    type Response = ::http::Response<ResponseBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        let id = request_id(request.headers(), &self.settings.request_id_header);
        request.extensions_mut().insert(id.clone());
        ResponseFuture {
            inner: Box::pin(self.inner.call(request)),
            id,
            settings: Arc::clone(&self.settings),
        }
    }
}

fn request_id(headers: &HeaderMap, name: &HeaderName) -> RequestId {
    headers
        .get(name)
        .and_then(RequestId::from_header)
        .unwrap_or_else(RequestId::generate)
}

/// The response future of [`ErrorService`].
pub struct ResponseFuture<F> {
    inner: Pin<Box<F>>,
    id: RequestId,
    settings: Arc<Settings>,
}

impl<F> core::fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<F, ResponseBody, Error> Future for ResponseFuture<F>
where
    F: Future<Output = Result<::http::Response<ResponseBody>, Error>>,
    ResponseBody: From<String>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match this.inner.as_mut().poll(cx) {
            Poll::Ready(result) => {
                Poll::Ready(result.map(|response| finish(response, &this.id, &this.settings)))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Completes an error response of a table, and sets the ID header.
fn finish<B: From<String>>(
    mut response: ::http::Response<B>,
    id: &RequestId,
    settings: &Settings,
) -> ::http::Response<B> {
    let info = response
        .extensions()
        .get::<ErrorInfo>()
        .filter(|_| !response.headers().contains_key(CONTENT_ENCODING));
    if let Some(info) = info {
        let body = envelope_json(info, Some(id.as_str()));
        let code = code_header_value(info.code);
        *response.body_mut() = B::from(body);
        let headers = response.headers_mut();
        headers.remove(CONTENT_LENGTH);
        if settings.code_header != ERROR_CODE_HEADER {
            headers.remove(ERROR_CODE_HEADER);
            if let Some(code) = code {
                headers.insert(settings.code_header.clone(), code);
            }
        }
    }
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        response
            .headers_mut()
            .insert(settings.request_id_header.clone(), value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{ErrorInfo, ErrorLayer, MAX_REQUEST_ID_LEN, RequestId, finish};
    use ::http::header::CONTENT_ENCODING;
    use ::http::{HeaderValue, Response};

    fn error_response() -> Response<String> {
        let mut response = Response::new("{}".to_owned());
        response.extensions_mut().insert(ErrorInfo {
            code: "NotFound",
            message: "Gone.".to_owned(),
        });
        response
    }

    #[test]
    fn an_error_response_gets_the_id_in_its_body_and_header() {
        let id = RequestId("r-1".into());
        let layer = ErrorLayer::new();
        let response = finish(error_response(), &id, &layer.settings);
        assert_eq!(
            response.body(),
            r#"{"error":{"code":"NotFound","message":"Gone.","target":"r-1"}}"#
        );
        assert_eq!(response.headers()["x-request-id"], "r-1");
    }

    #[test]
    fn an_encoded_body_is_left_alone() {
        let id = RequestId("r-1".into());
        let mut response = error_response();
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        let response = finish(response, &id, &ErrorLayer::new().settings);
        assert_eq!(response.body(), "{}");
        assert_eq!(response.headers()["x-request-id"], "r-1");
    }

    #[test]
    fn generated_ids_are_version_4_uuids_that_differ() {
        let first = RequestId::generate();
        let second = RequestId::generate();
        assert_ne!(first, second);
        for id in [first, second] {
            let id = id.as_str();
            assert_eq!(id.len(), 36, "{id}");
            let dashes: Vec<usize> = id.match_indices('-').map(|(at, _)| at).collect();
            assert_eq!(dashes, [8, 13, 18, 23], "{id}");
            assert_eq!(id.get(14..15), Some("4"), "version of {id}");
            assert!(
                matches!(id.get(19..20), Some("8" | "9" | "a" | "b")),
                "variant of {id}"
            );
            assert!(
                id.bytes()
                    .all(|byte| byte == b'-' || byte.is_ascii_hexdigit())
            );
        }
    }

    #[test]
    fn incoming_ids_are_kept_only_when_short_visible_ascii() {
        let id = |text: &str| RequestId::from_header(&HeaderValue::from_str(text).unwrap());
        assert_eq!(id("req-7f3a").unwrap().as_str(), "req-7f3a");
        assert_eq!(id(""), None);
        assert_eq!(id("two words"), None);
        assert!(id(&"a".repeat(MAX_REQUEST_ID_LEN)).is_some());
        assert_eq!(id(&"a".repeat(MAX_REQUEST_ID_LEN + 1)), None);
        let obs_text = HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap();
        assert_eq!(RequestId::from_header(&obs_text), None);
    }
}
