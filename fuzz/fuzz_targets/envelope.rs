//! The client side: JSON bytes decoded as an `Envelope` and as the
//! generated `ErrorCode` (from `spec/errors.md`), and a code and message
//! read back into an `Error` with `from_message`, never panic; what
//! decodes re-encodes to the same value, and an error read back from a
//! message displays as that message.

#![no_main]

use error_table::Envelope;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
mod table {
    error_table::include_error_table!("../spec/errors.md");
}

use table::{Error, ErrorCode};

/// An error read back from `message` displays as `message`, whenever the
/// row has fields to read (a row without them decodes from its code
/// alone, whatever the text).
fn check_from_message(code: ErrorCode, message: &str) {
    if let Some(error) = Error::from_message(code, message) {
        assert_eq!(error.code(), code);
        if code.template().contains('{') {
            assert_eq!(error.to_string(), message, "read back from {code}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<'_>>(data) {
        let json = serde_json::to_vec(&envelope).expect("a decoded envelope encodes");
        let again: Envelope<'_> =
            serde_json::from_slice(&json).expect("an encoded envelope decodes");
        assert_eq!(again, envelope);
        if let Some(code) = ErrorCode::from_code(&envelope.error.code) {
            assert_eq!(code.as_str(), envelope.error.code);
            check_from_message(code, &envelope.error.message);
        }
    }
    if let Ok(code) = serde_json::from_slice::<ErrorCode>(data) {
        let json = serde_json::to_string(&code).expect("a code encodes");
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).ok(), Some(code));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        match text.parse::<ErrorCode>() {
            Ok(code) => assert_eq!(code.as_str(), text),
            Err(unknown) => assert_eq!(unknown.code(), text),
        }
        // The first line picks a row by its place, the rest is the message.
        let (first, message) = text.split_once('\n').unwrap_or((text, ""));
        let index = first.bytes().map(usize::from).sum::<usize>();
        if let Some(&code) = ErrorCode::ALL.get(index % ErrorCode::ALL.len()) {
            check_from_message(code, message);
        }
    }
});
