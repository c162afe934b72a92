//! The wire formats a table's errors travel in, chosen with the macro's
//! `wire` setting.

use std::borrow::Cow;

#[cfg(any(feature = "axum", feature = "actix-web"))]
use crate::FieldValues;
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

/// What every body of an error says, whatever its format: the message
/// rendered (`String`), or written when the body is (`impl Display`).
pub(crate) struct Parts<'a, M = String> {
    pub(crate) code: &'a str,
    pub(crate) status: u16,
    /// The message, in whichever locale.
    pub(crate) message: M,
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

/// Calls its argument once with the fields of an error (as
/// [`ApiError::visit_fields`] does).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) trait VisitFields: FnOnce(&mut dyn FnMut(FieldValues<'_>)) {}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<F: FnOnce(&mut dyn FnMut(FieldValues<'_>))> VisitFields for F {}

/// The body of `parts` in `format`, as JSON, for the server integrations,
/// with the fields that `visit_fields` gives.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn json<M: core::fmt::Display>(
    format: WireFormat,
    parts: &Parts<'_, M>,
    visit_fields: impl VisitFields,
) -> Vec<u8> {
    // Room for a body of the usual size (the example service's is 165
    // bytes; the message's length is known only once it is written), so
    // that it is written without growing the buffer.
    let mut json = Vec::with_capacity(320);
    let written = match format {
        WireFormat::ProblemDetails { .. } => {
            let parts = Parts {
                code: parts.code,
                status: parts.status,
                message: parts.message.to_string(),
                target: parts.target,
            };
            let mut fields = Fields::new();
            visit_fields(&mut |values| fields = crate::fields::collect(values));
            serde_json::to_writer(&mut json, &problem(format, parts, fields)).is_ok()
        }
        WireFormat::Envelope | WireFormat::PlainEnvelope => {
            write_envelope(&mut json, format, parts, visit_fields).is_ok()
        }
    };
    // Writing into a `Vec` fails only where a field's `Display` does.
    if written { json } else { Vec::new() }
}

/// Writes the envelope of `parts` as `serde_json::to_writer` writes an
/// [`Envelope`] (the tests below compare them on hostile text, and
/// `tests/axum_service.rs` on every row), with the members' names as
/// bytes and the message and the fields' values escaped as they are
/// displayed, not rendered into a `String` first: the example service's
/// error response through `ErrorLayer` takes 1,100 fewer instructions of
/// 19,300 (BENCHMARKS.md, "The envelope written directly").
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn write_envelope(
    json: &mut Vec<u8>,
    format: WireFormat,
    parts: &Parts<'_, impl core::fmt::Display>,
    visit_fields: impl VisitFields,
) -> core::fmt::Result {
    json.extend_from_slice(br#"{"error":{"code":"#);
    write_str(json, parts.code)?;
    json.extend_from_slice(br#","message":"#);
    write_displayed(json, &parts.message)?;
    if let Some(target) = parts.target {
        json.extend_from_slice(br#","target":"#);
        write_str(json, target)?;
    }
    if format.carries_fields() {
        json.extend_from_slice(br#","metadata":{"#);
        let mut written = Ok(());
        visit_fields(&mut |values| written = write_metadata(json, values));
        written?;
        json.push(b'}');
    }
    json.extend_from_slice(b"}}");
    Ok(())
}

/// Writes the members of `metadata`, each value escaped as it is
/// displayed.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn write_metadata(json: &mut Vec<u8>, values: FieldValues<'_>) -> core::fmt::Result {
    for (index, (name, value)) in values.iter().enumerate() {
        if index > 0 {
            json.push(b',');
        }
        write_str(json, name)?;
        json.push(b':');
        write_displayed(json, value)?;
    }
    Ok(())
}

/// Writes `text` as a JSON string, escaped as `serde_json` escapes it.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn write_str(json: &mut Vec<u8>, text: &str) -> core::fmt::Result {
    use core::fmt::Write as _;
    json.push(b'"');
    StringContents(json).write_str(text)?;
    json.push(b'"');
    Ok(())
}

/// Writes what `value` displays as a JSON string, escaped as `serde_json`
/// escapes it, without a `String` of its own.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn write_displayed(json: &mut Vec<u8>, value: &dyn core::fmt::Display) -> core::fmt::Result {
    json.push(b'"');
    core::fmt::write(&mut StringContents(json), format_args!("{value}"))?;
    json.push(b'"');
    Ok(())
}

/// The contents of a JSON string being written: text that needs no
/// escaping, as the codes, the generated IDs and most messages, is copied
/// whole; other text is escaped by `serde_json`. Its per-byte table
/// lookup took 1,170 of the 24,500 instructions of the example service's
/// error response under load (BENCHMARKS.md, "Fewer allocations, text
/// copied whole").
#[cfg(any(feature = "axum", feature = "actix-web"))]
struct StringContents<'a>(&'a mut Vec<u8>);

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl core::fmt::Write for StringContents<'_> {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        if !needs_escaping(text.as_bytes()) {
            self.0.extend_from_slice(text.as_bytes());
            return Ok(());
        }
        let start = self.0.len();
        serde_json::to_writer(&mut *self.0, text).map_err(|_| core::fmt::Error)?;
        // `serde_json` wrote a whole string; this is a part of one.
        self.0.pop();
        self.0.remove(start);
        Ok(())
    }
}

/// Whether a byte of `bytes` must be escaped in a JSON string, as
/// `serde_json` escapes them: a control character (below 0x20), a quote or
/// a backslash. Eight bytes at a time, with the tests for a byte below `n`
/// and a zero byte of "Bit Twiddling Hacks" (exact for the word as a
/// whole).
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn needs_escaping(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |word: u64| word.wrapping_sub(ONES) & !word;
    let special = |word: u64| {
        let control = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
        (control | quote | backslash) & HIGH != 0
    };
    let (words, rest) = bytes.as_chunks::<8>();
    // The last bytes as one more word, filled up with a byte that never
    // needs escaping.
    let mut last = [b' '; 8];
    for (byte, &rest) in last.iter_mut().zip(rest) {
        *byte = rest;
    }
    words.iter().any(|word| special(u64::from_ne_bytes(*word))) || special(u64::from_ne_bytes(last))
}

#[cfg(all(test, any(feature = "axum", feature = "actix-web")))]
mod tests {
    use super::{Parts, WireFormat, envelope, json};
    use crate::{FieldValues, Fields};

    /// Text that JSON must escape, and some that it must not.
    const TEXTS: [&str; 7] = [
        "",
        "plain",
        "a \"quoted\" word",
        "back\\slash and /slash",
        "tab\tnew line\ncarriage\rbell\u{7}nul\u{0}unit\u{1f}del\u{7f}",
        "Größe überschritten — 大小",
        "\u{2028} line separator, \u{1F600}",
    ];

    fn parts<'a>(text: &'a str, target: Option<&'a str>) -> Parts<'a> {
        Parts {
            code: text,
            status: 400,
            message: format!("message: {text}"),
            target,
        }
    }

    /// Calls `visit` with fields named and valued `text`, one of them
    /// written in several pieces.
    fn visit_fields(text: &'static str, visit: &mut dyn FnMut(FieldValues<'_>)) {
        visit(&[
            ("name", &text),
            (text, &"value"),
            ("pieces", &format_args!("<{text}>{text}")),
        ]);
    }

    fn fields(text: &'static str) -> Fields<'static> {
        let mut collected = Fields::new();
        visit_fields(text, &mut |values| {
            collected = crate::fields::collect(values);
        });
        collected
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every ASCII byte and some longer characters, at every place of
        // strings that fill zero to two words and some.
        let specials = (0..=0x7f_u8)
            .map(char::from)
            .chain(['é', '€', '\u{2028}', '\u{1F600}']);
        for special in specials {
            for length in 0..=17 {
                for at in 0..=length {
                    let mut text: String = "a".repeat(length);
                    text.insert(at, special);
                    let mut written = Vec::new();
                    super::write_str(&mut written, &text).unwrap();
                    let mut displayed = Vec::new();
                    let pieces = format_args!("{}{special}{}", &text[..at], &text[at..]);
                    super::write_displayed(&mut displayed, &pieces).unwrap();
                    let expected = serde_json::to_vec(&text).unwrap();
                    assert_eq!(written, expected, "{text:?}");
                    assert_eq!(displayed, serde_json::to_vec(&format!("{pieces}")).unwrap());
                }
            }
        }
    }

    #[test]
    fn the_envelope_is_written_as_serde_json_writes_it() {
        for format in [WireFormat::Envelope, WireFormat::PlainEnvelope] {
            for text in TEXTS {
                for target in [
                    None,
                    Some(text),
                    Some("3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d"),
                ] {
                    let written = json(format, &parts(text, target), |visit| {
                        visit_fields(text, visit);
                    });
                    let serialized =
                        serde_json::to_vec(&envelope(format, parts(text, target), || fields(text)))
                            .unwrap();
                    assert_eq!(
                        String::from_utf8(written).unwrap(),
                        String::from_utf8(serialized).unwrap(),
                        "{format:?}, {text:?}, {target:?}"
                    );
                }
            }
        }
    }
}
