//! The wire formats a table's errors travel in, chosen with the macro's
//! `wire` setting.

use std::borrow::Cow;

use crate::{ApiError, Code, Envelope, ErrorBody, Fields, Problem};

/// How a table's errors are written on the wire; the macro's `wire`
/// setting chooses one for each table.
///
/// The server integrations (`axum`, `actix-web`) write this format with
/// its media type, the OpenAPI components describe it, and the client
/// reads all of them whatever the table's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WireFormat {
    /// The JSON envelope with the fields as data (`wire = envelope`, the
    /// default), `application/json`:
    /// `{"error":{"code","message","target","metadata":{…}}}`.
    Envelope,
    /// The spec's envelope, exactly its three members
    /// (`wire = plain_envelope`), `application/json`:
    /// `{"error":{"code","message","target"}}`. A client reads the fields
    /// back out of the message.
    PlainEnvelope,
    /// RFC 9457 problem details (`wire = problem_details`, or
    /// `wire = problem_details("https://…/")`), `application/problem+json`:
    /// `{"type","title","status","detail","instance","code","metadata"}`.
    ProblemDetails {
        /// The base URI of the problem types: a problem's `type` is this
        /// followed by its code, percent-encoded; `None` for `about:blank`.
        type_base: Option<&'static str>,
    },
}

impl WireFormat {
    /// The media type of an error body in this format.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Self::Envelope | Self::PlainEnvelope => "application/json",
            Self::ProblemDetails { .. } => PROBLEM_JSON,
        }
    }

    /// Whether an error body in this format carries the fields as data.
    #[must_use]
    pub const fn carries_fields(self) -> bool {
        !matches!(self, Self::PlainEnvelope)
    }
}

/// The media type of RFC 9457 problem details in JSON.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The reason phrase of an error status in the IANA registry, as RFC 9110
/// names it (`Content Too Large` for 413): the `title` of a problem of
/// that status, and the description of its OpenAPI response. (The `http`
/// crate's `canonical_reason` has the names before RFC 9110, and would be
/// a dependency of every build for a table of phrases.)
pub(crate) fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// What every body of an error says, whatever its format.
pub(crate) struct Parts<'a> {
    pub(crate) code: &'a str,
    pub(crate) status: u16,
    /// The rendered message, in whichever locale.
    pub(crate) message: String,
    /// The correlation ID.
    pub(crate) target: Option<&'a str>,
}

impl<'a> Parts<'a> {
    /// The parts of `error`, with `target` as the correlation ID.
    pub(crate) fn of<E: ApiError + ?Sized>(error: &E, target: Option<&'a str>) -> Self {
        let code = error.code();
        Self {
            code: code.as_str(),
            status: code.status(),
            message: error.to_string(),
            target,
        }
    }
}

/// The envelope of `parts`, with the fields that `fields` gives unless
/// `format` is the plain envelope (which then spends nothing on them).
pub(crate) fn envelope(
    format: WireFormat,
    parts: Parts<'_>,
    fields: impl FnOnce() -> Fields<'static>,
) -> Envelope<'_> {
    let mut body = ErrorBody::new(parts.code, parts.message);
    body.target = parts.target.map(Cow::Borrowed);
    if format.carries_fields() {
        body = body.with_metadata(fields());
    }
    Envelope::from(body)
}

/// The problem details of `parts`, with the type base of `format` when it
/// has one.
pub(crate) fn problem<'a>(
    format: WireFormat,
    parts: Parts<'a>,
    fields: Fields<'static>,
) -> Problem<'a> {
    let type_base = match format {
        WireFormat::ProblemDetails { type_base } => type_base,
        WireFormat::Envelope | WireFormat::PlainEnvelope => None,
    };
    Problem::new(parts.code, parts.status, parts.message, parts.target)
        .with_type_base(type_base)
        .with_metadata(fields)
}

/// The body of `parts` in `format`, as JSON, for the server integrations.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn json(
    format: WireFormat,
    parts: Parts<'_>,
    fields: impl FnOnce() -> Fields<'static>,
) -> Vec<u8> {
    // Room for the members and their names, so that a body of the usual
    // size is written without growing the buffer.
    let mut json = Vec::with_capacity(192 + 2 * parts.message.len());
    let written = match format {
        WireFormat::ProblemDetails { .. } => {
            serde_json::to_writer(&mut json, &problem(format, parts, fields()))
        }
        WireFormat::Envelope | WireFormat::PlainEnvelope => {
            serde_json::to_writer(&mut json, &envelope(format, parts, fields))
        }
    };
    // Serializing strings and numbers into a `Vec` cannot fail.
    written.map_or_else(|_| Vec::new(), |()| json)
}
