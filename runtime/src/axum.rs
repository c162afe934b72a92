//! axum responses, correlation IDs and localized messages (feature `axum`).
//!
//! With this feature, every generated error enum implements axum's
//! `IntoResponse`: a handler returns `Err(Error::…)` and the client gets
//! the row's status, the error code in the `x-error-code` header and the
//! body in the table's wire format with its media type: the JSON envelope
//! with the fields in `metadata` (`application/json`, the default), the
//! spec's plain envelope, or problem details (`application/problem+json`).
//!
//! [`ErrorLayer`] gives every request a correlation ID and puts it in the
//! envelope's `target` of every error response, so that no handler passes
//! it by hand; when the table has translations, it writes the message in
//! the language of the request's `Accept-Language`:
//!
//! ```
//! # use axum::{Router, routing::get};
//! error_table::include_error_table!("doc/payments.md", locales = "doc/payments.*.md");
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
//! The response to `GET /charge` with `Accept-Language: de-CH, en;q=0.5`,
//! with the ID taken from the request's `x-request-id` header or made up
//! when there is none:
//!
//! ```text
//! HTTP/1.1 402 Payment Required
//! content-type: application/json
//! x-error-code: CARD_DECLINED
//! content-language: de-DE
//! vary: accept-language
//! x-request-id: 3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d
//!
//! {"error":{"code":"CARD_DECLINED","message":"Die Karte •••• 4242 wurde abgelehnt.","target":"3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d","metadata":{"card":"•••• 4242"}}}
//! ```
//!
//! # How the ID and the locale reach the body
//!
//! `IntoResponse` does not see the request, so it cannot know the ID nor
//! the language. It writes the envelope in the canonical locale without
//! `target` and leaves an [`ErrorInfo`] (the error itself) in the
//! response's extensions. `ErrorLayer`, around the handlers, reads or
//! makes the ID when the request comes in, stores it as a [`RequestId`]
//! request extension (handlers may take it with `Extension<RequestId>`, to
//! log it) and in the request's ID header, and when the response goes out
//! sets the ID header and, on responses that carry an `ErrorInfo`, writes
//! the envelope again with `target`, in the locale negotiated from
//! `Accept-Language` ([`negotiate`](crate::negotiate), once per error
//! response), with `Content-Language` and `Vary: Accept-Language` when the
//! table has translations. This needs no task-local or global state, works
//! with any executor, and leaves other responses untouched. Without the
//! layer, error responses are complete, in the canonical locale, without
//! `target`.
//!
//! The error travels in the response's extensions, which hold only
//! `Send + Sync` values: with this feature, the field types of a table
//! (see the `fields` setting) must be `Send + Sync`, as the values a
//! handler's future holds are anyway.
//!
//! Put the layer outside of any layer that compresses bodies (add it
//! before it, since axum wraps later layers around earlier ones): it leaves
//! a response with a `Content-Encoding` alone.
//!
//! # With tower-http's request IDs
//!
//! The layer reads and writes the ID in a header, so it agrees with
//! `tower-http`'s `SetRequestIdLayer` and `PropagateRequestIdLayer` in
//! either order: outside of `ErrorLayer`, `SetRequestIdLayer` makes the ID
//! and `ErrorLayer` uses it; inside, it finds the ID that `ErrorLayer`
//! put in the request's header and keeps it. Either way one ID is in the
//! response header, the envelope and the handlers' extensions (ours and
//! tower-http's), with the same header name on both
//! ([`request_id_header`](ErrorLayer::request_id_header)).
//!
//! # Causes
//!
//! A handler that returns [`WithSource<Error>`](crate::WithSource) answers
//! with the row alone; the cause stays in the [`ErrorInfo`], and with the
//! feature `tracing` the layer logs it once, with the correlation ID and
//! the code (target `error_table`; `error` level for a 5xx, `warn` for a
//! 4xx).
//!
//! # Rejections as rows
//!
//! The extractors' rejections (a body that is not JSON, a missing query
//! parameter, an invalid path parameter), the router's 404 for an unknown
//! route and 405 for a wrong method answer in axum's own format, plain
//! text or an empty body. [`ErrorLayer::rejections`] turns every error
//! response that no table made into a row of yours, chosen by its status,
//! so that every error response of the service is an envelope of the
//! table:
//!
//! ```
//! # use axum::{Router, routing::get};
//! use error_table::http::StatusCode;
//!
//! error_table::include_error_table!("doc/payments.md");
//!
//! let layer = error_table::axum::ErrorLayer::new().rejections(|status| match status {
//!     StatusCode::TOO_MANY_REQUESTS => Some(Error::RateLimited { retry_after_seconds: "1".into() }),
//!     _ if status.is_server_error() => Some(Error::InternalError),
//!     _ => None, // left as it is
//! });
//! let app: Router = Router::new().route("/charge", get(|| async { "ok" })).layer(layer);
//! ```
//!
//! Where a row needs what the rejection says, take the extractor's
//! `Result` in the handler instead (`Result<Json<T>, JsonRejection>`) and
//! return the row.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use ::axum_core::body::Body;
use ::axum_core::response::{IntoResponse, Response};
use ::http::header::{
    ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER,
    VARY,
};
use ::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};

use crate::http::{ERROR_CODE_HEADER, REQUEST_ID_HEADER};
pub use crate::server::{ErrorInfo, MAX_REQUEST_ID_LEN, RequestId};
use crate::server::{Reply, log_cause};
use crate::{ApiError, WithSource};

/// The response of a generated `IntoResponse`: status, `Content-Type:
/// application/json`, `x-error-code`, `Retry-After` when the row has a
/// delay, the envelope without `target`, and an [`ErrorInfo`] extension.
pub(crate) fn into_response<E: ApiError + Send + Sync + 'static>(error: E) -> Response {
    let info = ErrorInfo::new(error);
    let mut response = Response::new(Body::empty());
    write_reply(
        &mut response,
        &info,
        info.canonical_reply(),
        &ERROR_CODE_HEADER,
    );
    response.extensions_mut().insert(info);
    response
}

impl<E: ApiError + Send + Sync + 'static> IntoResponse for WithSource<E> {
    fn into_response(self) -> Response {
        into_response(self)
    }
}

/// Writes `reply`, the response of `info`, into `response`: status, body
/// and headers, the code in the header `code_header`.
fn write_reply<B: From<String>>(
    response: &mut ::http::Response<B>,
    info: &ErrorInfo,
    reply: Reply,
    code_header: &HeaderName,
) {
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    *response.body_mut() = B::from(reply.body);
    let headers = response.headers_mut();
    headers.remove(CONTENT_LENGTH);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    if let Ok(code) = HeaderValue::from_str(info.code()) {
        headers.insert(code_header.clone(), code);
    }
    if let Some(locale) = reply.content_language.and_then(header_value) {
        headers.insert(CONTENT_LANGUAGE, locale);
        headers.append(VARY, HeaderValue::from_static("accept-language"));
    }
    if let Some(seconds) = reply.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
}

/// `text` as a header value, or `None` when it has bytes a header cannot
/// carry.
fn header_value(text: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(text).ok()
}

/// A tower layer that gives every request a correlation ID and completes
/// the error responses of generated tables; see the [module](self) for how.
///
/// - The ID is the request's `x-request-id` header when it is 1 to 128
///   bytes of visible ASCII, else a new [`RequestId::generate`]d one, which
///   replaces the header in the request for the layers and handlers
///   inside. Set another header name (`x-ms-request-id`,
///   `x-correlation-id`) with [`request_id_header`](Self::request_id_header).
/// - Every response gets the ID in the same header.
/// - Error responses of generated tables get the ID as the envelope's
///   `target`, the message in the locale the request's `Accept-Language`
///   asks for, and the error code in the header named by
///   [`code_header`](Self::code_header) (`x-error-code` by default;
///   `x-ms-error-code` for Azure-style APIs).
/// - With [`rejections`](Self::rejections), other error responses become
///   rows of the table.
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

type Settings = crate::server::Settings<HeaderName>;

impl ErrorLayer {
    /// The layer with `x-request-id` and `x-error-code`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            settings: Arc::new(Settings::new(REQUEST_ID_HEADER, ERROR_CODE_HEADER)),
        }
    }

    /// Reads and writes the correlation ID in the header `name`.
    #[must_use]
    pub fn request_id_header(self, name: HeaderName) -> Self {
        self.with(|settings| settings.request_id_header = name)
    }

    /// Sends the error code in the header `name` instead of `x-error-code`.
    #[must_use]
    pub fn code_header(self, name: HeaderName) -> Self {
        self.with(|settings| settings.code_header = name)
    }

    /// Answers every 4xx or 5xx response that no table made (axum's
    /// rejections, the router's 404 and 405, a handler's bare status) with
    /// the row `rows` gives for its status, in place of its body; `None`
    /// leaves the response as it is. Other headers, such as the `allow` of
    /// a 405, are kept.
    #[must_use]
    pub fn rejections<E, F>(self, rows: F) -> Self
    where
        E: ApiError + Send + Sync + 'static,
        F: Fn(StatusCode) -> Option<E> + Send + Sync + 'static,
    {
        self.with(|settings| {
            settings.set_rejections(move |status| rows(StatusCode::from_u16(status).ok()?));
        })
    }

    fn with(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(Arc::make_mut(&mut self.settings));
        self
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
        let name = &self.settings.request_id_header;
        let sent = request.headers().get(name).map(HeaderValue::as_bytes);
        let id = RequestId::from_request(sent);
        if sent != Some(id.as_str().as_bytes()) {
            set_id(request.headers_mut(), name, &id);
        }
        request.extensions_mut().insert(id.clone());
        let accept_language = request.headers().get(ACCEPT_LANGUAGE).cloned();
        ResponseFuture {
            inner: Box::pin(self.inner.call(request)),
            id,
            accept_language,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// Puts `id` in the header `name`, in place of any other.
fn set_id(headers: &mut HeaderMap, name: &HeaderName, id: &RequestId) {
    if let Some(value) = header_value(id.as_str()) {
        headers.insert(name.clone(), value);
    }
}

/// The response future of [`ErrorService`].
pub struct ResponseFuture<F> {
    inner: Pin<Box<F>>,
    id: RequestId,
    accept_language: Option<HeaderValue>,
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
            Poll::Ready(result) => Poll::Ready(result.map(|response| {
                let request = Exchange {
                    id: &this.id,
                    accept_language: this.accept_language.as_ref(),
                };
                finish(response, &request, &this.settings)
            })),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// What the layer kept of a request for its response.
struct Exchange<'a> {
    id: &'a RequestId,
    accept_language: Option<&'a HeaderValue>,
}

/// Completes an error response of a table (or a rejection made a row), and
/// sets the ID header.
fn finish<B: From<String>>(
    mut response: ::http::Response<B>,
    request: &Exchange<'_>,
    settings: &Settings,
) -> ::http::Response<B> {
    if !response.headers().contains_key(CONTENT_ENCODING) {
        let made = response.extensions_mut().remove::<ErrorInfo>();
        let info = made.or_else(|| settings.rejection(response.status().as_u16()));
        if let Some(info) = info {
            complete(&mut response, info, request, settings);
        }
    }
    set_id(
        response.headers_mut(),
        &settings.request_id_header,
        request.id,
    );
    response
}

/// Writes the error of `info` into `response` with the request's ID and
/// locale, and logs its cause.
fn complete<B: From<String>>(
    response: &mut ::http::Response<B>,
    info: ErrorInfo,
    request: &Exchange<'_>,
    settings: &Settings,
) {
    let accept_language = request
        .accept_language
        .and_then(|value| value.to_str().ok());
    let reply = info.reply(Some(request.id.as_str()), accept_language);
    if settings.code_header != ERROR_CODE_HEADER {
        response.headers_mut().remove(ERROR_CODE_HEADER);
    }
    write_reply(response, &info, reply, &settings.code_header);
    log_cause(&info, request.id);
    response.extensions_mut().insert(info);
}
