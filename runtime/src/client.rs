//! The client side: reading an error response back into the table's types.

use core::fmt;
use core::time::Duration;

use crate::retry::{is_retryable, parse_seconds};
use crate::{ApiError, Code, Decode, Envelope, FieldError, Fields};

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
/// not), the message, the correlation ID (`target`, or `instance` in
/// problem details), the HTTP status and the fields (`metadata`); and, when
/// the code is known, the typed error. Its fields come from `metadata`
/// ([`Decode::from_fields`]), whatever the message says or in which
/// language; only a server that sends the spec's three members without
/// `metadata` has them read back out of the message
/// ([`Decode::from_message`]).
///
/// ```
/// error_table::include_error_table!("doc/payments.md");
/// use error_table::{ReceivedCode, ReceivedError};
///
/// let body = br#"{"error":{"code":"CARD_DECLINED","message":"Die Karte 4242 wurde abgelehnt.","target":"req-7","metadata":{"card":"4242"}}}"#;
/// let received = ReceivedError::<Error>::decode(402, body).unwrap();
/// assert_eq!(received.code(), &ReceivedCode::Known(ErrorCode::CardDeclined));
/// assert_eq!(received.target(), Some("req-7"));
/// assert_eq!(received.status(), Some(402));
/// assert_eq!(received.error(), Some(&Error::CardDeclined { card: "4242".into() }));
///
/// // A code this table does not know is kept as it was sent, with its fields.
/// let body = br#"{"error":{"code":"CARD_STOLEN","message":"Call the bank.","metadata":{"bank":"ACME"}}}"#;
/// let received = ReceivedError::<Error>::decode(None, body).unwrap();
/// assert_eq!(received.code(), &ReceivedCode::Unknown("CARD_STOLEN".into()));
/// assert_eq!(received.error(), None);
/// assert_eq!(received.fields().and_then(|fields| fields.get("bank")), Some("ACME"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedError<E: ApiError> {
    code: ReceivedCode<E::Code>,
    message: String,
    target: Option<String>,
    status: Option<u16>,
    /// Boxed, as most received errors have none or few: the box keeps
    /// every `ReceivedError` small.
    fields: Option<Box<Fields<'static>>>,
    typed: Result<E, Untyped>,
    retry_after: Option<Duration>,
}

/// Why a received error has no typed error.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Untyped {
    /// The table does not know the code.
    UnknownCode,
    /// The message does not follow the row's template (no fields sent).
    Message,
    /// A field sent is missing or does not parse (boxed: the rarest case
    /// need not make every received error larger).
    Field(Box<FieldError>),
}

impl<E: Decode> ReceivedError<E> {
    /// Reads an error response from its HTTP `status` (`None` when unknown)
    /// and its body (feature `json`): a JSON envelope
    /// `{"error":{"code","message","target","metadata"}}` or RFC 9457
    /// problem details with a `code` member, told apart by their shape (an
    /// `error` member makes an envelope).
    ///
    /// Other members are ignored, so envelopes that add `details` or
    /// `innererror` read too, and so do the spec's envelopes without
    /// `metadata`. Never panics, whatever the body.
    ///
    /// # Errors
    ///
    /// When the body is larger than [`MAX_BODY_BYTES`], nests deeper than
    /// [`MAX_DEPTH`], is not JSON, or is JSON of neither form; see
    /// [`DecodeErrorKind`].
    #[cfg(feature = "json")]
    pub fn decode(status: impl Into<Option<u16>>, body: &[u8]) -> Result<Self, DecodeError> {
        Self::decode_response(status, None, body)
    }

    /// Reads an error response as [`decode`](Self::decode) does, choosing
    /// the format by the response's `content_type` first:
    /// `application/problem+json` reads problem details only, any other
    /// type (or none) goes by the body's shape.
    ///
    /// A problem's `status` member stands in for a `status` that is `None`.
    ///
    /// # Errors
    ///
    /// As [`decode`](Self::decode).
    #[cfg(feature = "json")]
    pub fn decode_response(
        status: impl Into<Option<u16>>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        use serde_core::de::DeserializeSeed as _;

        let status = status.into();
        if body.len() > MAX_BODY_BYTES {
            return Err(DecodeError::new(status, DecodeErrorKind::TooLarge));
        }
        if nesting_exceeds(body, MAX_DEPTH) {
            return Err(DecodeError::new(status, DecodeErrorKind::TooDeep));
        }
        let shape = wire::Shape::for_content_type(content_type);
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let read = shape
            .deserialize(&mut deserializer)
            .and_then(|received| deserializer.end().map(|()| received));
        let received = read.map_err(|error| {
            let kind = match error.classify() {
                serde_json::error::Category::Data => DecodeErrorKind::NotAnEnvelope,
                _ => DecodeErrorKind::NotJson,
            };
            DecodeError::new(status, kind).with_source(Box::new(error))
        })?;
        Ok(Self::new(
            received.code,
            received.message,
            received.target,
            status.or(received.status),
            received.fields,
        ))
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
            body.metadata.clone().map(Fields::into_owned),
        )
    }

    fn new(
        code: String,
        message: String,
        target: Option<String>,
        status: Option<u16>,
        fields: Option<Fields<'static>>,
    ) -> Self {
        let code = match <E::Code as Code>::from_code(&code) {
            Some(known) => ReceivedCode::Known(known),
            None => ReceivedCode::Unknown(code),
        };
        // The fields as data when the server sent them; the message only
        // when it did not.
        let typed = match (code.known(), &fields) {
            (None, _) => Err(Untyped::UnknownCode),
            (Some(code), Some(fields)) => {
                E::from_fields(code, fields).map_err(|error| Untyped::Field(Box::new(error)))
            }
            (Some(code), None) => E::from_message(code, &message).ok_or(Untyped::Message),
        };
        Self {
            code,
            message,
            target,
            status,
            fields: fields.map(Box::new),
            typed,
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

    /// The fields as the server sent them (`metadata`), those the table
    /// does not know included; `None` from a server that sends the spec's
    /// three members only.
    #[must_use]
    pub fn fields(&self) -> Option<&Fields<'static>> {
        self.fields.as_deref()
    }

    /// The typed error: present when the code is known and its fields were
    /// sent and parse, or, from a server that sends no fields, when the
    /// message follows its row's template (always, for a row without
    /// placeholders).
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.typed.as_ref().ok()
    }

    /// Why a known code has no typed error although fields were sent: the
    /// field that is missing or does not parse.
    #[must_use]
    pub fn field_error(&self) -> Option<&FieldError> {
        match &self.typed {
            Err(Untyped::Field(error)) => Some(error),
            _ => None,
        }
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
        self.retry_after.or_else(|| self.error()?.retry_after())
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
    /// `self`, when the code is unknown, a field is missing or does not
    /// parse, or (without fields) the message does not follow the template.
    pub fn into_error(self) -> Result<E, Self> {
        match self.typed {
            Ok(error) => Ok(error),
            Err(untyped) => Err(Self {
                typed: Err(untyped),
                ..self
            }),
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
    /// JSON, but neither `{"error":{"code":"…","message":"…"}}` with
    /// strings nor problem details with a `code` string.
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
                r#"is neither an error envelope {"error":{"code","message"}} nor problem details with a `code`"#.to_owned()
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
        Self::decode_response(status, None, body)
    }

    /// Reads an error response by its content type and shape; see
    /// [`ReceivedError::decode_response`].
    #[cfg(feature = "json")]
    #[must_use]
    pub fn decode_response(
        status: impl Into<Option<u16>>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Self {
        match ReceivedError::decode_response(status, content_type, body) {
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

/// The body as [`ReceivedError::decode_response`] reads it, in one pass
/// over its members: an envelope's `error` object as [`crate::Envelope`]
/// reads it (objects only, other members ignored, a member given twice
/// refused), or the members of problem details, each ignored when it has
/// the wrong type, as RFC 9457 asks.
#[cfg(feature = "json")]
mod wire {
    use core::fmt;

    use serde_core::de::{
        Deserialize, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess,
        Visitor,
    };

    use crate::Fields;
    use crate::envelope::{FieldName, body_members, fill, skip};

    /// What a body said, in either format.
    pub(super) struct Received {
        pub(super) code: String,
        pub(super) message: String,
        pub(super) target: Option<String>,
        pub(super) status: Option<u16>,
        pub(super) fields: Option<Fields<'static>>,
    }

    /// The formats a body may be read as.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(super) enum Shape {
        /// An envelope when it has an `error` member, else problem details.
        Either,
        /// Problem details only.
        Problem,
    }

    impl Shape {
        /// `Problem` for `application/problem+json`, parameters and case
        /// aside; `Either` for any other type.
        pub(super) fn for_content_type(content_type: Option<&str>) -> Self {
            let essence = content_type
                .and_then(|value| value.split(';').next())
                .map(str::trim);
            match essence {
                Some(essence) if essence.eq_ignore_ascii_case(crate::PROBLEM_JSON) => Self::Problem,
                _ => Self::Either,
            }
        }
    }

    /// The members read at the top level.
    const MEMBERS: &[&str] = &[
        "error", "type", "title", "status", "detail", "instance", "code", "metadata",
    ];

    impl<'de> DeserializeSeed<'de> for Shape {
        type Value = Received;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Received, D::Error> {
            deserializer.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for Shape {
        type Value = Received;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Self::Either => f.write_str("an object with an `error` member or a `code`"),
                Self::Problem => f.write_str("problem details with a `code`"),
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Received, A::Error> {
            let mut error: Option<Body> = None;
            let [
                mut code,
                mut detail,
                mut title,
                mut status,
                mut instance,
                mut metadata,
            ] = [None, None, None, None, None, None];
            while let Some(field) = map.next_key_seed(FieldName(MEMBERS))? {
                match field {
                    Some(name @ "error") if self == Self::Either => {
                        fill(&mut map, &mut error, name)?;
                    }
                    Some(name @ "code") => fill(&mut map, &mut code, name)?,
                    Some(name @ "detail") => fill(&mut map, &mut detail, name)?,
                    Some(name @ "title") => fill(&mut map, &mut title, name)?,
                    Some(name @ "status") => fill(&mut map, &mut status, name)?,
                    Some(name @ "instance") => fill(&mut map, &mut instance, name)?,
                    Some(name @ "metadata") => fill(&mut map, &mut metadata, name)?,
                    _ => skip(&mut map)?,
                }
            }
            if let Some(Body(received)) = error {
                return Ok(received);
            }
            let Some(Member::Text(code)) = code else {
                return Err(A::Error::custom(match self {
                    Self::Either => "neither an `error` member nor a `code` string",
                    Self::Problem => "no `code` string",
                }));
            };
            let message = [detail, title]
                .into_iter()
                .find_map(|member| member.and_then(Member::text))
                .unwrap_or_default();
            Ok(Received {
                code,
                message,
                target: instance.and_then(Member::text),
                status: status.and_then(Member::status),
                fields: metadata.and_then(Member::fields),
            })
        }
    }

    /// The `error` member of an envelope.
    struct Body(Received);

    impl<'de> Deserialize<'de> for Body {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(BodyVisitor)
        }
    }

    struct BodyVisitor;

    impl<'de> Visitor<'de> for BodyVisitor {
        type Value = Body;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object with `code` and `message` strings")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Body, A::Error> {
            let members = body_members::<A, String, String>(map)?;
            Ok(Body(Received {
                code: members.code,
                message: members.message,
                target: members.target,
                status: None,
                fields: members.metadata,
            }))
        }
    }

    /// A member of problem details, of whichever type it has.
    enum Member {
        Text(String),
        Number(u64),
        Fields(Fields<'static>),
        Other,
    }

    impl Member {
        fn text(self) -> Option<String> {
            match self {
                Self::Text(text) => Some(text),
                _ => None,
            }
        }

        fn status(self) -> Option<u16> {
            match self {
                Self::Number(number) => u16::try_from(number).ok(),
                _ => None,
            }
        }

        fn fields(self) -> Option<Fields<'static>> {
            match self {
                Self::Fields(fields) => Some(fields),
                _ => None,
            }
        }
    }

    impl<'de> Deserialize<'de> for Member {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(MemberVisitor)
        }
    }

    struct MemberVisitor;

    impl<'de> Visitor<'de> for MemberVisitor {
        type Value = Member;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any value")
        }

        fn visit_str<E: serde_core::de::Error>(self, text: &str) -> Result<Member, E> {
            Ok(Member::Text(text.to_owned()))
        }

        fn visit_string<E: serde_core::de::Error>(self, text: String) -> Result<Member, E> {
            Ok(Member::Text(text))
        }

        fn visit_u64<E: serde_core::de::Error>(self, number: u64) -> Result<Member, E> {
            Ok(Member::Number(number))
        }

        fn visit_i64<E: serde_core::de::Error>(self, _: i64) -> Result<Member, E> {
            Ok(Member::Other)
        }

        fn visit_f64<E: serde_core::de::Error>(self, _: f64) -> Result<Member, E> {
            Ok(Member::Other)
        }

        fn visit_bool<E: serde_core::de::Error>(self, _: bool) -> Result<Member, E> {
            Ok(Member::Other)
        }

        fn visit_unit<E: serde_core::de::Error>(self) -> Result<Member, E> {
            Ok(Member::Other)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Member, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Member::Other)
        }

        /// Fields when every value is a string; of a name given twice, the
        /// last value, as [`Fields`] reads them.
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Member, A::Error> {
            let mut fields = Some(Fields::new());
            while let Some(name) = map.next_key::<String>()? {
                let value: Member = map.next_value()?;
                fields = match (fields, value) {
                    (Some(mut fields), Member::Text(value)) => {
                        fields.insert(name, value);
                        Some(fields)
                    }
                    _ => None,
                };
            }
            Ok(fields.map_or(Member::Other, Member::Fields))
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
