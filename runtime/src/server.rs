//! What the axum and actix-web integrations share: the error of an error
//! response, kept until the layer or middleware writes it again in the
//! request's locale with the correlation ID, and request IDs.

use core::fmt;
use core::time::Duration;
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use crate::localize::Locale;
use crate::{ApiError, Code, FieldValues, Fields, WireFormat};

/// The longest incoming request ID that is kept: 128 bytes. A longer one,
/// or one with other bytes than visible ASCII, is replaced by a new ID.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The error of an error response made by a generated table's
/// `IntoResponse` (axum) or `ResponseError` (actix-web), in the response's
/// extensions.
///
/// The layer (`axum::ErrorLayer`) or middleware (`actix::ErrorMiddleware`)
/// reads it to write the body again, in the table's wire format, with the
/// correlation ID and in the request's locale, and logs its cause; your
/// own middleware can read it too.
#[derive(Clone)]
pub struct ErrorInfo(Arc<Shared<dyn Erased + Send + Sync>>);

/// The error of an [`ErrorInfo`] and its canonical message, written the
/// first time it is asked for: a response in another locale, or one whose
/// body nobody reads, never writes it.
struct Shared<E: ?Sized> {
    message: OnceLock<String>,
    error: E,
}

impl ErrorInfo {
    pub(crate) fn new<E: ApiError + Send + Sync + 'static>(error: E) -> Self {
        Self(Arc::new(Shared {
            message: OnceLock::new(),
            error,
        }))
    }

    fn error(&self) -> &(dyn Erased + Send + Sync) {
        &self.0.error
    }

    /// The error code, as on the wire.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.error().code()
    }

    /// The HTTP status of the error's row.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.error().status()
    }

    /// The message in the canonical locale.
    #[must_use]
    pub fn message(&self) -> &str {
        self.0.message.get_or_init(|| {
            // Room for a message of the usual length, written without
            // growing.
            let mut message = String::with_capacity(128);
            // Writing into a `String` cannot fail.
            let _ = fmt::write(
                &mut message,
                format_args!(
                    "{}",
                    Message {
                        error: self.error(),
                        locale: 0,
                    }
                ),
            );
            message
        })
    }

    /// The values of the error's fields, as the body carries them in
    /// `metadata`.
    #[must_use]
    pub fn fields(&self) -> Fields<'static> {
        let mut collected = Fields::new();
        self.error()
            .visit_fields(&mut |values| collected = crate::fields::collect(values));
        collected
    }

    /// The error that caused this one (see [`WithSource`](crate::WithSource)):
    /// for the logs, never sent.
    #[must_use]
    pub fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.error().source()
    }

    /// How long the client should wait before it tries again, when the
    /// error says (see [`ApiError::retry_after`]).
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.error().retry_after()
    }

    /// The index of the locale to answer in, among the table's locales,
    /// for the request's `Accept-Language` (0, the canonical one, when
    /// there is none or nothing fits).
    pub(crate) fn locale_for(&self, accept_language: Option<&str>) -> usize {
        accept_language.map_or(0, |value| crate::negotiate(value, self.error().locales()))
    }

    /// The response for this error made without its request: the
    /// canonical locale, no `Content-Language` (it does not vary).
    pub(crate) fn canonical_head(&self) -> Head {
        Head {
            content_language: None,
            ..self.head(0)
        }
    }

    /// The status and headers of the response in the locale at `locale`.
    pub(crate) fn head(&self, locale: usize) -> Head {
        let locales = self.error().locales();
        let status = self.status();
        Head {
            status,
            content_type: self.error().format().content_type(),
            // A table without translations always answers alike.
            content_language: (locales.len() > 1)
                .then(|| locales.get(locale).copied())
                .flatten(),
            retry_after: self
                .retry_after()
                .filter(|_| sends_retry_after(status))
                .map(|delay| delay.as_secs()),
        }
    }

    /// The body of the response in the locale at `locale`, in the table's
    /// wire format, with `target` as the correlation ID.
    pub(crate) fn body(&self, target: Option<&str>, locale: usize) -> Bytes {
        let parts = crate::wire::Parts {
            code: self.code(),
            status: self.status(),
            message: Message {
                error: self.error(),
                locale,
            },
            target,
        };
        crate::wire::json(self.error().format(), &parts, |visit| {
            self.error().visit_fields(visit);
        })
        .into()
    }
}

/// The message of an error in a locale, written where it is displayed.
struct Message<'a> {
    error: &'a (dyn Erased + Send + Sync),
    locale: usize,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(self.locale, f)
    }
}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorInfo")
            .field("code", &self.code())
            .field("message", &self.message())
            .finish_non_exhaustive()
    }
}

/// What a layer or middleware is set to, with the header names of its
/// framework.
#[derive(Clone)]
pub(crate) struct Settings<Name> {
    /// The request and response header of the correlation ID.
    pub(crate) request_id_header: Name,
    /// The response header of the error code.
    pub(crate) code_header: Name,
    rejections: Option<Arc<Rejections>>,
}

/// The row, if any, for an error response of a status that no table made.
type Rejections = dyn Fn(u16) -> Option<ErrorInfo> + Send + Sync;

impl<Name> Settings<Name> {
    pub(crate) fn new(request_id_header: Name, code_header: Name) -> Self {
        Self {
            request_id_header,
            code_header,
            rejections: None,
        }
    }

    /// Answers the error responses that no table made with `rows`.
    pub(crate) fn set_rejections<E, F>(&mut self, rows: F)
    where
        E: ApiError + Send + Sync + 'static,
        F: Fn(u16) -> Option<E> + Send + Sync + 'static,
    {
        self.rejections = Some(Arc::new(move |status| rows(status).map(ErrorInfo::new)));
    }

    /// The row for a response of `status` that no table made: for a 4xx
    /// or 5xx, when rejections are mapped and the mapping gives one.
    pub(crate) fn rejection(&self, status: u16) -> Option<ErrorInfo> {
        let rows = self.rejections.as_ref()?;
        (400..600).contains(&status).then(|| rows(status)).flatten()
    }
}

impl<Name: fmt::Debug> fmt::Debug for Settings<Name> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("request_id_header", &self.request_id_header)
            .field("code_header", &self.code_header)
            .field("rejections", &self.rejections.is_some())
            .finish()
    }
}

/// Whether a response of `status` carries `Retry-After` when its error has
/// a delay: 429 Too Many Requests (RFC 6585) and 503 Service Unavailable
/// (RFC 9110).
pub(crate) fn sends_retry_after(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// The status and headers of an error response, for either framework.
pub(crate) struct Head {
    pub(crate) status: u16,
    /// The media type of the body: that of the table's wire format.
    pub(crate) content_type: &'static str,
    /// The locale of the message, when the table has translations (the
    /// response then varies with `Accept-Language`).
    pub(crate) content_language: Option<&'static str>,
    /// Seconds for `Retry-After`.
    pub(crate) retry_after: Option<u64>,
}

/// An [`ApiError`] of any table, behind a pointer.
trait Erased {
    fn code(&self) -> &'static str;
    fn status(&self) -> u16;
    fn locales(&self) -> &'static [&'static str];
    fn write_message(&self, locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)>;
    fn retry_after(&self) -> Option<Duration>;
    fn visit_fields(&self, visit: &mut dyn FnMut(FieldValues<'_>));
    fn format(&self) -> WireFormat;
}

impl<E: ApiError> Erased for E {
    fn code(&self) -> &'static str {
        ApiError::code(self).as_str()
    }

    fn status(&self) -> u16 {
        ApiError::status(self)
    }

    fn locales(&self) -> &'static [&'static str] {
        E::LOCALES
    }

    fn write_message(&self, locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.in_locale(Locale::at(locale)), f)
    }

    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        core::error::Error::source(self)
    }

    fn retry_after(&self) -> Option<Duration> {
        ApiError::retry_after(self)
    }

    fn visit_fields(&self, visit: &mut dyn FnMut(FieldValues<'_>)) {
        ApiError::visit_fields(self, visit);
    }

    fn format(&self) -> WireFormat {
        E::Code::WIRE
    }
}

/// Logs the cause of an error response, once, with the correlation ID and
/// the code (feature `tracing`): at `error` level for a 5xx, `warn` for a
/// 4xx, with target `error_table`.
pub(crate) fn log_cause(info: &ErrorInfo, request_id: &RequestId) {
    #[cfg(feature = "tracing")]
    if let Some(cause) = info.source() {
        let cause = Chain(cause);
        if info.status() >= 500 {
            tracing::error!(target: "error_table", request_id = %request_id, code = info.code(), status = info.status(), %cause, "error response with a cause");
        } else {
            tracing::warn!(target: "error_table", request_id = %request_id, code = info.code(), status = info.status(), %cause, "error response with a cause");
        }
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (info, request_id);
}

/// An error and its sources, `: `-separated.
#[cfg(feature = "tracing")]
struct Chain<'a>(&'a (dyn core::error::Error + 'static));

#[cfg(feature = "tracing")]
impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// The correlation ID of a request, set by the layer or middleware as a
/// request extension (axum: `Extension<RequestId>`, actix-web:
/// `web::ReqData<RequestId>`), to log it.
///
/// Its bytes are shared with the header values that carry it: cloning it
/// copies nothing.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Bytes);

impl RequestId {
    /// A new ID: a random UUID (version 4, from the `uuid` crate, with the
    /// per-thread generator of `rand`, seeded by the OS), such as
    /// `3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d`.
    #[must_use]
    pub fn generate() -> Self {
        let mut id = [0; uuid::fmt::Hyphenated::LENGTH];
        uuid::Uuid::new_v4().hyphenated().encode_lower(&mut id);
        // One allocation, which the clones and the header values share
        // (`Bytes::copy_from_slice` would allocate again at the first
        // clone).
        Self(Bytes::from_owner(id))
    }

    /// The ID in a header's bytes, when they are 1 to
    /// [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let valid = (1..=MAX_REQUEST_ID_LEN).contains(&bytes.len())
            && bytes.iter().all(u8::is_ascii_graphic);
        valid.then(|| Self(Bytes::copy_from_slice(bytes)))
    }

    /// The request's ID if its header `sent` holds a valid one, else a new
    /// one; with the ID as the header value to send back (`sent` itself
    /// when kept, made by `to_value` from the ID's bytes when new), and
    /// whether it is new (and so belongs in the request's header for the
    /// handlers).
    pub(crate) fn from_header<V: Clone>(
        sent: Option<&V>,
        as_bytes: impl Fn(&V) -> &[u8],
        to_value: impl Fn(Bytes) -> Option<V>,
    ) -> (Self, Option<V>, bool) {
        if let Some((id, value)) =
            sent.and_then(|value| Some((Self::from_bytes(as_bytes(value))?, value)))
        {
            return (id, Some(value.clone()), false);
        }
        let id = Self::generate();
        let value = to_value(id.0.clone());
        (id, value, true)
    }

    /// The ID.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Visible ASCII, checked when it was made.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RequestId").field(&self.as_str()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_REQUEST_ID_LEN, RequestId};

    #[test]
    fn generated_ids_are_version_4_uuids_that_differ() {
        let first = RequestId::generate();
        let second = RequestId::generate();
        assert_ne!(first, second);
        for id in [first, second] {
            let parsed = uuid::Uuid::parse_str(id.as_str()).unwrap();
            assert_eq!(parsed.get_version_num(), 4, "{id}");
            assert_eq!(parsed.hyphenated().to_string(), id.as_str());
        }
    }

    #[test]
    fn incoming_ids_are_kept_only_when_short_visible_ascii() {
        let id = |text: &[u8]| RequestId::from_bytes(text).map(|id| id.as_str().to_owned());
        assert_eq!(id(b"req-7f3a").as_deref(), Some("req-7f3a"));
        assert_eq!(id(b""), None);
        assert_eq!(id(b"two words"), None);
        assert!(id(&[b'a'; MAX_REQUEST_ID_LEN]).is_some());
        assert_eq!(id(&[b'a'; MAX_REQUEST_ID_LEN + 1]), None);
        assert_eq!(id(b"caf\xc3\xa9"), None);
        assert_eq!(id(b"\xff\xfe"), None);
    }
}
