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
//! the language. Its body is the envelope in the canonical locale without
//! `target`, written only when the body is read (or its length asked
//! for), and it leaves an [`ErrorInfo`] (the error itself) in the
//! response's extensions. `ErrorLayer`, around the handlers, reads or
//! makes the ID when the request comes in, stores it as a [`RequestId`]
//! request extension (handlers may take it with `Extension<RequestId>`, to
//! log it) and in the request's ID header, and when the response goes out
//! sets the ID header and, on responses that carry an `ErrorInfo`, puts
//! in place of that unwritten body the envelope with `target`, in the
//! locale negotiated from `Accept-Language` ([`negotiate`](crate::negotiate),
//! once per error response), with `Content-Language` and `Vary:
//! Accept-Language` when the table has translations: each body is written
//! once. This needs no task-local or global state, works
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

use core::cell::OnceCell;
use core::convert::Infallible;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use ::axum_core::body::Body;
use ::axum_core::response::{IntoResponse, Response};
use ::bytes::Bytes;
use ::http::header::{
    ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER,
    VARY,
};
use ::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use ::http_body::{Frame, SizeHint};

use crate::http::{ERROR_CODE_HEADER, REQUEST_ID_HEADER};
pub use crate::server::{ErrorInfo, MAX_REQUEST_ID_LEN, RequestId};
use crate::server::{Head, log_cause};
use crate::{ApiError, WithSource};

/// The response of a generated `IntoResponse`: status, `Content-Type:
/// application/json`, `x-error-code`, `Retry-After` when the row has a
/// delay, the envelope without `target` (written when the body is first
/// read), and an [`ErrorInfo`] extension.
pub(crate) fn into_response<E: ApiError + Send + Sync + 'static>(error: E) -> Response {
    let info = ErrorInfo::new(error);
    let mut response = Response::new(Body::new(CanonicalBody::new(info.clone())));
    write_head(
        &mut response,
        &info,
        &info.canonical_head(),
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

/// The canonical body of an error response (no `target`), for a response
/// made without its request: written when its length or bytes are first
/// asked for, so that a layer or middleware that writes the body again
/// with the correlation ID, in the request's locale, drops it unwritten.
struct CanonicalBody {
    info: ErrorInfo,
    bytes: OnceCell<Bytes>,
    sent: bool,
}

impl CanonicalBody {
    fn new(info: ErrorInfo) -> Self {
        Self {
            info,
            bytes: OnceCell::new(),
            sent: false,
        }
    }

    fn bytes(&self) -> &Bytes {
        self.bytes.get_or_init(|| self.info.body(None, 0))
    }

    /// The number of bytes left to send.
    fn remaining(&self) -> u64 {
        if self.sent {
            0
        } else {
            self.bytes().len() as u64
        }
    }

    /// The bytes, once; `None` after.
    fn next_chunk(&mut self) -> Option<Bytes> {
        if self.sent {
            return None;
        }
        self.sent = true;
        Some(self.bytes.take().unwrap_or_else(|| self.info.body(None, 0)))
    }
}

impl ::http_body::Body for CanonicalBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(
            self.get_mut()
                .next_chunk()
                .map(|bytes| Ok(Frame::data(bytes))),
        )
    }

    fn is_end_stream(&self) -> bool {
        self.remaining() == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining())
    }
}

/// Writes the status and headers `head` of `info` into `response`, the
/// code in the header `code_header`.
fn write_head<B>(
    response: &mut ::http::Response<B>,
    info: &ErrorInfo,
    head: &Head,
    code_header: &HeaderName,
) {
    *response.status_mut() =
        StatusCode::from_u16(head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(head.content_type));
    if let Some(code) = static_header_value(info.code()) {
        headers.insert(code_header.clone(), code);
    }
    if let Some(seconds) = head.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    write_language(headers, head);
}

/// `Content-Language` and `Vary: Accept-Language` when `head` has a locale.
fn write_language(headers: &mut HeaderMap, head: &Head) {
    if let Some(locale) = head.content_language.and_then(static_header_value) {
        headers.insert(CONTENT_LANGUAGE, locale);
        headers.append(VARY, HeaderValue::from_static("accept-language"));
    }
}

/// `text` as a header value without copying it, or `None` when it has
/// bytes a header cannot carry.
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes())).ok()
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
    ResponseBody: From<Bytes>,
{
    type Response = ::http::Response<ResponseBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        let name = &self.settings.request_id_header;
        let (id, id_header, new) =
            RequestId::from_header(request.headers().get(name), HeaderValue::as_bytes, |id| {
                HeaderValue::from_maybe_shared(id).ok()
            });
        if let (true, Some(value)) = (new, &id_header) {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        let accept_language = request.headers().get(ACCEPT_LANGUAGE).cloned();
        request.extensions_mut().insert(id.clone());
        ResponseFuture {
            inner: self.inner.call(request),
            exchange: Some(Exchange {
                id,
                id_header,
                accept_language,
                settings: Arc::clone(&self.settings),
            }),
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        // Taken when the response is ready.
        exchange: Option<Exchange>,
    }
}

impl<F> core::fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("id", &self.exchange.as_ref().map(|exchange| &exchange.id))
            .finish_non_exhaustive()
    }
}

impl<F, ResponseBody, Error> Future for ResponseFuture<F>
where
    F: Future<Output = Result<::http::Response<ResponseBody>, Error>>,
    ResponseBody: From<Bytes>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = core::task::ready!(this.inner.poll(cx));
        Poll::Ready(match this.exchange.take() {
            Some(exchange) => result.map(|response| exchange.finish(response)),
            // Polled again after it was ready: the inner future's answer.
            None => result,
        })
    }
}

/// What the layer kept of a request for its response.
struct Exchange {
    id: RequestId,
    /// The ID as the header value to send back.
    id_header: Option<HeaderValue>,
    accept_language: Option<HeaderValue>,
    settings: Arc<Settings>,
}

impl Exchange {
    /// Completes an error response of a table (or a rejection made a
    /// row), and sets the ID header.
    fn finish<B: From<Bytes>>(self, mut response: ::http::Response<B>) -> ::http::Response<B> {
        if !response.headers().contains_key(CONTENT_ENCODING) {
            // A clone of what stays in the extensions, for the layers
            // outside.
            if let Some(info) = response.extensions().get::<ErrorInfo>().cloned() {
                self.complete(&mut response, &info, Made::ByTable);
            } else if let Some(info) = self.settings.rejection(response.status().as_u16()) {
                self.complete(&mut response, &info, Made::Elsewhere);
                response.extensions_mut().insert(info);
            }
        }
        if let Some(value) = self.id_header {
            let name = self.settings.request_id_header.clone();
            response.headers_mut().insert(name, value);
        }
        response
    }

    /// Writes the error of `info` into `response` with the request's ID
    /// and locale, and logs its cause.
    fn complete<B: From<Bytes>>(
        &self,
        response: &mut ::http::Response<B>,
        info: &ErrorInfo,
        made: Made,
    ) {
        let accept_language = self
            .accept_language
            .as_ref()
            .and_then(|value| value.to_str().ok());
        let locale = info.locale_for(accept_language);
        let head = info.head(locale);
        let code_header = &self.settings.code_header;
        let headers = response.headers_mut();
        // The body changes; its length is the new body's.
        headers.remove(CONTENT_LENGTH);
        if made == Made::ByTable && *code_header == ERROR_CODE_HEADER {
            // Status and headers are those of the canonical response but
            // the language.
            write_language(headers, &head);
        } else {
            if *code_header != ERROR_CODE_HEADER {
                headers.remove(ERROR_CODE_HEADER);
            }
            write_head(response, info, &head, code_header);
        }
        *response.body_mut() = B::from(info.body(Some(self.id.as_str()), locale));
        log_cause(info, &self.id);
    }
}

/// Who made an error response that the layer completes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Made {
    /// A table's `IntoResponse`: its head is the canonical one.
    ByTable,
    /// The framework or a handler, without a table (a rejection).
    Elsewhere,
}
