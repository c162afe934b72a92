//! The client side: reading an error response back into the table's types.

use core::fmt;
use core::time::Duration;

use crate::retry::{is_retryable, parse_seconds};
use crate::{ApiError, Code, Decode, Envelope};

/// The largest error body `ReceivedError::decode` (feature `json`) reads:
/// 64 KiB.
///
/// An envelope holds a code, a message and a correlation ID, a few hundred
/// bytes; a larger body is refused before it is parsed, so that a hostile
/// or broken server cannot make the client hold megabytes of message. The
/// `reqwest` helpers stop reading the body at this size too.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The deepest nesting of JSON arrays and objects `ReceivedError::decode`
/// (feature `json`) accepts: 32.
///
/// An envelope is two levels deep; extra members that some APIs add
/// (`details`, `innererror`) nest a few more. Deeper bodies are refused
/// before they are parsed.
pub const MAX_DEPTH: usize = 32;

/// The code of a received error: one of the table, or a code the table does
/// not know (a newer server, another service), kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReceivedCode<C> {
    /// A code of the table.
    Known(C),
    /// A code that is not in the table, exactly as received.
    Unknown(String),
}

impl<C: Code> ReceivedCode<C> {
    /// The code read from its wire string.
    #[must_use]
    pub fn new(code: &str) -> Self {
        C::from_code(code).map_or_else(|| Self::Unknown(code.to_owned()), Self::Known)
    }

    /// The code as it was on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(code) => code.as_str(),
            Self::Unknown(code) => code,
        }
    }

    /// The table's code, when it is one.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        match self {
            Self::Known(code) => Some(*code),
            Self::Unknown(_) => None,
        }
    }
}

impl<C: Code> fmt::Display for ReceivedCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An error response as a client received it, read with the table `E`
/// (the generated `Error` enum).
///
/// It keeps everything the server sent: the code (known to the table or
/// not), the message, the correlation ID (`target`) and the HTTP status; and,
/// when the code is known and the message follows its row's template, the
/// typed error with its fields read back ([`Decode::from_message`]).
///
/// ```
/// error_table::include_error_table!("doc/payments.md");
/// use error_table::{ReceivedCode, ReceivedError};
///
/// let body = br#"{"error":{"code":"CARD_DECLINED","message":"Card 4242 was declined.","target":"req-7"}}"#;
/// let received = ReceivedError::<Error>::decode(402, body).unwrap();
/// assert_eq!(received.code(), &ReceivedCode::Known(ErrorCode::CardDeclined));
/// assert_eq!(received.target(), Some("req-7"));
/// assert_eq!(received.status(), Some(402));
/// assert_eq!(received.error(), Some(&Error::CardDeclined { card: "4242".into() }));
///
/// // A code this table does not know is kept as it was sent.
/// let body = br#"{"error":{"code":"CARD_STOLEN","message":"Call the bank."}}"#;
/// let received = ReceivedError::<Error>::decode(None, body).unwrap();
/// assert_eq!(received.code(), &ReceivedCode::Unknown("CARD_STOLEN".into()));
/// assert_eq!(received.error(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedError<E: ApiError> {
    code: ReceivedCode<E::Code>,
    message: String,
    target: Option<String>,
    status: Option<u16>,
    error: Option<E>,
    retry_after: Option<Duration>,
}

impl<E: Decode> ReceivedError<E> {
    /// Reads an error response from its HTTP `status` (`None` when unknown)
    /// and its body, a JSON envelope `{"error":{"code","message","target"}}`
    /// (feature `json`).
    ///
    /// Members other than these three are ignored, so envelopes that add
    /// `details` or `innererror` read too. Never panics, whatever the body.
    ///
    /// # Errors
    ///
    /// When the body is larger than [`MAX_BODY_BYTES`], nests deeper than
    /// [`MAX_DEPTH`], is not JSON, or is JSON but not an envelope; see
    /// [`DecodeErrorKind`].
    #[cfg(feature = "json")]
    pub fn decode(status: impl Into<Option<u16>>, body: &[u8]) -> Result<Self, DecodeError> {
        let status = status.into();
        if body.len() > MAX_BODY_BYTES {
            return Err(DecodeError::new(status, DecodeErrorKind::TooLarge));
        }
        if nesting_exceeds(body, MAX_DEPTH) {
            return Err(DecodeError::new(status, DecodeErrorKind::TooDeep));
        }
        let wire: wire::Envelope = serde_json::from_slice(body).map_err(|error| {
            let kind = match error.classify() {
                serde_json::error::Category::Data => DecodeErrorKind::NotAnEnvelope,
                _ => DecodeErrorKind::NotJson,
            };
            DecodeError::new(status, kind).with_source(Box::new(error))
        })?;
        Ok(Self::new(wire.code, wire.message, wire.target, status))
    }

    /// The error that a decoded `envelope` holds, received with `status`.
    #[must_use]
    pub fn from_envelope(envelope: &Envelope<'_>, status: Option<u16>) -> Self {
        let body = &envelope.error;
        Self::new(
            body.code.as_ref().to_owned(),
            body.message.as_ref().to_owned(),
            body.target.as_deref().map(str::to_owned),
            status,
        )
    }

    fn new(code: String, message: String, target: Option<String>, status: Option<u16>) -> Self {
        let code = match <E::Code as Code>::from_code(&code) {
            Some(known) => ReceivedCode::Known(known),
            None => ReceivedCode::Unknown(code),
        };
        let error = code
            .known()
            .and_then(|code| E::from_message(code, &message));
        Self {
            code,
            message,
            target,
            status,
            error,
            retry_after: None,
        }
    }
}

impl<E: ApiError> ReceivedError<E> {
    /// The code, known to the table or kept verbatim.
    #[must_use]
    pub fn code(&self) -> &ReceivedCode<E::Code> {
        &self.code
    }

    /// The code, when the table knows it.
    #[must_use]
    pub fn known_code(&self) -> Option<E::Code> {
        self.code.known()
    }

    /// The message, as sent.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The correlation ID of the request (`target`), when the server sent
    /// one.
    #[must_use]
    pub fn target(&self) -> Option<&str> {
        self.target.as_deref()
    }

    /// The HTTP status, when it was given.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The typed error: present when the code is known and the message
    /// follows its row's template (always, for a row without placeholders).
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// The same error, received with the `Retry-After` header `value`
    /// (its delay-seconds form; an HTTP date is ignored). The `reqwest`
    /// helpers call it; another client passes the header's bytes.
    #[must_use]
    pub fn with_retry_after_header(mut self, value: &[u8]) -> Self {
        self.retry_after = parse_seconds(value);
        self
    }

    /// How long to wait before sending the request again: the response's
    /// `Retry-After`, else the delay of the typed error (its
    /// `{retry after seconds}`), else `None`.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
            .or_else(|| self.error.as_ref()?.retry_after())
    }

    /// Whether the same request may succeed later: the response has a
    /// retry delay, or its status (or, without one, its known code's) is
    /// 408, 429, 502, 503 or 504 ([`is_retryable`](crate::is_retryable)).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        let status = self.status.or_else(|| self.known_code().map(Code::status));
        self.retry_after().is_some() || status.is_some_and(is_retryable)
    }

    /// The typed error, or `self` when there is none.
    ///
    /// # Errors
    ///
    /// `self`, when the code is unknown or the message does not follow the
    /// template.
    pub fn into_error(self) -> Result<E, Self> {
        match self.error {
            Some(error) => Ok(error),
            None => Err(self),
        }
    }
}

impl<E: ApiError> fmt::Display for ReceivedError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status {
            write!(f, "HTTP {status} ")?;
        }
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(target) = &self.target {
            write!(f, " (target {target})")?;
        }
        Ok(())
    }
}

impl<E: ApiError> core::error::Error for ReceivedError<E> {}

/// Why a body could not be read as an error envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Longer than [`MAX_BODY_BYTES`].
    TooLarge,
    /// Arrays or objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not JSON (an HTML error page of a proxy, an empty body, truncated
    /// JSON, invalid UTF-8).
    NotJson,
    /// JSON, but not `{"error":{"code":"…","message":"…"}}` with strings.
    NotAnEnvelope,
    /// The body could not be read (the connection broke).
    Body,
}

impl DecodeErrorKind {
    fn describe(self) -> String {
        match self {
            Self::TooLarge => format!("is larger than {MAX_BODY_BYTES} bytes"),
            Self::TooDeep => format!("nests deeper than {MAX_DEPTH} levels"),
            Self::NotJson => "is not JSON".to_owned(),
            Self::NotAnEnvelope => {
                r#"is not an error envelope {"error":{"code","message","target"}}"#.to_owned()
            }
            Self::Body => "could not be read".to_owned(),
        }
    }
}

/// A body that is not an error envelope; see `ReceivedError::decode`
/// (feature `json`).
#[derive(Debug)]
pub struct DecodeError {
    status: Option<u16>,
    kind: DecodeErrorKind,
    source: Option<Box<dyn core::error::Error + Send + Sync>>,
}

impl DecodeError {
    /// An error of `kind` for a response with `status`.
    #[must_use]
    pub fn new(status: Option<u16>, kind: DecodeErrorKind) -> Self {
        Self {
            status,
            kind,
            source: None,
        }
    }

    /// The same error, caused by `source`.
    #[must_use]
    pub fn with_source(mut self, source: Box<dyn core::error::Error + Send + Sync>) -> Self {
        self.source = Some(source);
        self
    }

    /// What was wrong with the body.
    #[must_use]
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The HTTP status of the response, when it was given.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the error response")?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        // The source is not written here: `source()` gives it, and a
        // report that walks the chain would show it twice.
        write!(f, " {}", self.kind.describe())
    }
}

impl core::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn core::error::Error + 'static))
    }
}

/// An error response: one of the API, or one that could not be read.
///
/// What the `reqwest` helpers return for a response with an error status;
/// any other HTTP client can build it with `decode` (feature `json`), or
/// from [`ReceivedError::from_envelope`]. It shows as the error it holds,
/// and its `source()` is that error's.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E: ApiError> {
    /// An error envelope, read.
    Api(ReceivedError<E>),
    /// A body that is not an error envelope.
    Undecodable(DecodeError),
}

impl<E: Decode> ClientError<E> {
    /// Reads an error response; see [`ReceivedError::decode`].
    #[cfg(feature = "json")]
    #[must_use]
    pub fn decode(status: impl Into<Option<u16>>, body: &[u8]) -> Self {
        match ReceivedError::decode(status, body) {
            Ok(received) => Self::Api(received),
            Err(error) => Self::Undecodable(error),
        }
    }
}

impl<E: ApiError> ClientError<E> {
    /// The HTTP status of the response, when it was given.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(received) => received.status(),
            Self::Undecodable(error) => error.status(),
        }
    }

    /// The typed error of the table, when the response held one.
    #[must_use]
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api(received) => received.error(),
            Self::Undecodable(_) => None,
        }
    }
}

impl<E: ApiError> From<ReceivedError<E>> for ClientError<E> {
    fn from(received: ReceivedError<E>) -> Self {
        Self::Api(received)
    }
}

impl<E: ApiError> From<DecodeError> for ClientError<E> {
    fn from(error: DecodeError) -> Self {
        Self::Undecodable(error)
    }
}

impl<E: ApiError> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(received) => fmt::Display::fmt(received, f),
            Self::Undecodable(error) => fmt::Display::fmt(error, f),
        }
    }
}

// Transparent: `Display` is the inner error's, so `source()` is too; the
// inner error itself as the source would print its text twice.
impl<E: ApiError> core::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Api(received) => core::error::Error::source(received),
            Self::Undecodable(error) => core::error::Error::source(error),
        }
    }
}

/// Whether `json` nests arrays and objects deeper than `limit`, counting
/// brackets outside strings. Malformed JSON is left to the parser.
#[cfg(feature = "json")]
fn nesting_exceeds(json: &[u8], limit: usize) -> bool {
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in json {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The envelope as [`ReceivedError::decode`] reads it: objects only
/// ([`crate::Envelope`]'s `Deserialize`, like a derived one, takes an
/// array of its fields too), other members ignored, a member given twice
/// refused; members are named and filled as in [`crate::Envelope`].
#[cfg(feature = "json")]
mod wire {
    use core::fmt;

    use serde_core::de::{Deserialize, Deserializer, MapAccess, Visitor};

    use crate::envelope::{body_members, envelope_members};

    pub(super) struct Envelope {
        pub(super) code: String,
        pub(super) message: String,
        pub(super) target: Option<String>,
    }

    impl<'de> Deserialize<'de> for Envelope {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(Outer)
        }
    }

    struct Outer;

    impl<'de> Visitor<'de> for Outer {
        type Value = Envelope;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object with an `error` member")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Envelope, A::Error> {
            envelope_members::<A, Body>(map).map(|body| body.0)
        }
    }

    struct Body(Envelope);

    impl<'de> Deserialize<'de> for Body {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(Inner)
        }
    }

    struct Inner;

    impl<'de> Visitor<'de> for Inner {
        type Value = Body;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object with `code` and `message` strings")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Body, A::Error> {
            let (code, message, target) = body_members::<A, String, String>(map)?;
            Ok(Body(Envelope {
                code,
                message,
                target,
            }))
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::nesting_exceeds;

    #[test]
    fn nesting_is_counted_outside_strings_only() {
        assert!(!nesting_exceeds(br#"{"error":{"code":"A"}}"#, 2));
        assert!(nesting_exceeds(br#"{"error":{"code":["A"]}}"#, 2));
        assert!(!nesting_exceeds(br#"{"a":"[[[[[[\"[[[["}"#, 1));
        assert!(
            !nesting_exceeds(b"]]]]]]{}", 1),
            "stray closers do not go below zero"
        );
        assert!(nesting_exceeds(&[b'['; 33], 32));
        assert!(!nesting_exceeds(&[b'['; 32], 32));
    }
}
