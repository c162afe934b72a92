//! actix-web responses, correlation IDs and localized messages (feature
//! `actix-web`).
//!
//! With this feature, every generated error enum implements actix-web's
//! `ResponseError`: a handler returns `Err(Error::…)` and the client gets
//! the row's status, the error code in the `x-error-code` header and the
//! body in the table's wire format (without the correlation ID) with its
//! media type: the JSON envelope with the fields in `metadata`, the spec's
//! plain envelope, or problem details (`application/problem+json`).
//!
//! [`ErrorMiddleware`] does for actix-web what `axum::ErrorLayer` does for
//! axum: every request gets a correlation ID (the request's `x-request-id`
//! when it is 1 to 128 bytes of visible ASCII, else a new UUID), in the
//! response header and in the envelope's `target`; the message is written
//! in the locale of the request's `Accept-Language`, with
//! `Content-Language` and `Vary: Accept-Language` when the table has
//! translations; the cause of a [`WithSource`] is logged once (feature
//! `tracing`); and with [`rejections`](ErrorMiddleware::rejections), the
//! error responses that no table made (a body that is not JSON, a missing
//! query or path parameter, an unknown route, a wrong method) become rows
//! of the table. Handlers take the ID with `web::ReqData<RequestId>`.
//!
//! ```
//! use actix_web::{App, web};
//! use error_table::actix::ErrorMiddleware;
//!
//! error_table::include_error_table!("doc/payments.md", locales = "doc/payments.*.md");
//!
//! async fn charge() -> Result<&'static str, Error> {
//!     Err(Error::CardDeclined { card: "•••• 4242".into() })
//! }
//!
//! let app = App::new()
//!     .route("/charge", web::get().to(charge))
//!     .wrap(ErrorMiddleware::new().rejections(|status| {
//!         status.is_server_error().then_some(Error::InternalError)
//!     }));
//! ```
//!
//! Unknown routes answer 404 with an empty body in actix-web, wrong methods
//! 405 (on a `web::resource`) or 404; `rejections` sees both.

use core::future::{Future, Ready, ready};
use core::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use ::actix_web::body::{BoxBody, EitherBody, MessageBody};
use ::actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use ::actix_web::http::StatusCode;
use ::actix_web::http::header::{
    ACCEPT_LANGUAGE, CONTENT_LANGUAGE, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue,
    RETRY_AFTER, VARY,
};
use ::actix_web::{HttpMessage as _, HttpResponse, ResponseError};

pub use crate::server::{ErrorInfo, MAX_REQUEST_ID_LEN, RequestId};
use crate::server::{Head, log_cause};
use crate::{ApiError, Code, WithSource};

/// The name of the response header that carries the error code:
/// `x-error-code`.
pub const ERROR_CODE_HEADER: &str = "x-error-code";

/// The name of the request and response header that carries the
/// correlation ID: `x-request-id`.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The status of `error`, for `ResponseError::status_code`.
pub(crate) fn status_code<E: ApiError>(error: &E) -> StatusCode {
    status(error.code().status())
}

fn status(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of `error`, for `ResponseError::error_response`: the
/// envelope without `target`, and an [`ErrorInfo`] extension for
/// [`ErrorMiddleware`].
pub(crate) fn error_response<E: ApiError + Clone + Send + Sync + 'static>(
    error: &E,
) -> HttpResponse {
    let info = ErrorInfo::new(error.clone());
    let head = info.canonical_head();
    let mut response = HttpResponse::new(status(head.status));
    write_headers(
        response.headers_mut(),
        &info,
        &head,
        &HeaderName::from_static(ERROR_CODE_HEADER),
    );
    // Written now: actix-web's `BoxBody` asks a body's size when it boxes
    // it, so a body written when read would be written here anyway.
    let mut response = response.set_body(BoxBody::new(info.body(None, 0)));
    response.extensions_mut().insert(info);
    response
}

impl<E> ResponseError for WithSource<E>
where
    E: ApiError + Clone + core::fmt::Debug + Send + Sync + 'static,
{
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response(self)
    }
}

/// The headers `head` of the error response of `info`, the code in the
/// header `code_header`.
fn write_headers(headers: &mut HeaderMap, info: &ErrorInfo, head: &Head, code_header: &HeaderName) {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(head.content_type));
    if let Some(code) = static_header_value(info.code()) {
        headers.insert(code_header.clone(), code);
    }
    if let Some(locale) = head.content_language.and_then(static_header_value) {
        headers.insert(CONTENT_LANGUAGE, locale);
        headers.append(VARY, HeaderValue::from_static("accept-language"));
    }
    if let Some(seconds) = head.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
}

/// `text` as a header value without copying it, or `None` when it has
/// bytes a header cannot carry.
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    HeaderValue::from_maybe_shared(::bytes::Bytes::from_static(text.as_bytes())).ok()
}

/// The actix-web middleware that gives every request a correlation ID and
/// completes the error responses of generated tables; see the
/// [module](self).
///
/// ```
/// use actix_web::http::header::HeaderName;
/// use error_table::actix::ErrorMiddleware;
///
/// let middleware = ErrorMiddleware::new()
///     .code_header(HeaderName::from_static("x-ms-error-code"))
///     .request_id_header(HeaderName::from_static("x-ms-request-id"));
/// ```
#[derive(Debug, Clone)]
pub struct ErrorMiddleware {
    settings: Arc<Settings>,
}

type Settings = crate::server::Settings<HeaderName>;

impl ErrorMiddleware {
    /// The middleware with `x-request-id` and `x-error-code`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            settings: Arc::new(Settings::new(
                HeaderName::from_static(REQUEST_ID_HEADER),
                HeaderName::from_static(ERROR_CODE_HEADER),
            )),
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

    /// Answers every 4xx or 5xx response that no table made (extractor
    /// errors, unknown routes, a handler's bare status) with the row
    /// `rows` gives for its status, in place of its body; `None` leaves
    /// the response as it is. Other headers are kept.
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

impl Default for ErrorMiddleware {
    fn default() -> Self {
        Self::new()
    }
}

impl<S, B> Transform<S, ServiceRequest> for ErrorMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Transform = ErrorMiddlewareService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrorMiddlewareService {
            service: Rc::new(service),
            settings: Arc::clone(&self.settings),
        }))
    }
}

/// The service of [`ErrorMiddleware`].
#[derive(Debug)]
pub struct ErrorMiddlewareService<S> {
    service: Rc<S>,
    settings: Arc<Settings>,
}

impl<S, B> Service<ServiceRequest> for ErrorMiddlewareService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, mut request: ServiceRequest) -> Self::Future {
        let name = &self.settings.request_id_header;
        let (id, id_header, new) =
            RequestId::from_header(request.headers().get(name), HeaderValue::as_bytes, |id| {
                HeaderValue::from_maybe_shared(id).ok()
            });
        if let (true, Some(value)) = (new, &id_header) {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        request.extensions_mut().insert(id.clone());
        let accept_language = request.headers().get(ACCEPT_LANGUAGE).cloned();
        let response = self.service.call(request);
        let settings = Arc::clone(&self.settings);
        Box::pin(async move {
            let response = response.await?;
            let mut response = finish(response, &id, accept_language.as_ref(), &settings);
            if let Some(value) = id_header {
                let name = settings.request_id_header.clone();
                response.headers_mut().insert(name, value);
            }
            Ok(response)
        })
    }
}

/// Completes an error response of a table (or a rejection made a row).
fn finish<B>(
    mut response: ServiceResponse<B>,
    id: &RequestId,
    accept_language: Option<&HeaderValue>,
    settings: &Settings,
) -> ServiceResponse<EitherBody<B>> {
    let made = response
        .response_mut()
        .extensions_mut()
        .remove::<ErrorInfo>();
    let info = made.or_else(|| settings.rejection(response.status().as_u16()));
    match info {
        Some(info) => {
            let accept_language = accept_language.and_then(|value| value.to_str().ok());
            let locale = info.locale_for(accept_language);
            log_cause(&info, id);
            let mut response = response.map_body(|head, _| {
                let error_head = info.head(locale);
                head.status = status(error_head.status);
                if settings.code_header.as_str() != ERROR_CODE_HEADER {
                    head.headers_mut().remove(ERROR_CODE_HEADER);
                }
                write_headers(
                    head.headers_mut(),
                    &info,
                    &error_head,
                    &settings.code_header,
                );
                EitherBody::right(BoxBody::new(info.body(Some(id.as_str()), locale)))
            });
            response.response_mut().extensions_mut().insert(info);
            response
        }
        None => response.map_into_left_body(),
    }
}
