//! The client side: JSON bytes decoded as an `Envelope` and as the
//! generated `ErrorCode` (from `spec/errors.md`) never panic, and what
//! decodes re-encodes to the same value.

#![no_main]

use error_table::Envelope;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
mod table {
    error_table::include_error_table!("../spec/errors.md");
}

use table::ErrorCode;

fuzz_target!(|data: &[u8]| {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<'_>>(data) {
        let json = serde_json::to_vec(&envelope).expect("a decoded envelope encodes");
        let again: Envelope<'_> =
            serde_json::from_slice(&json).expect("an encoded envelope decodes");
        assert_eq!(again, envelope);
        if let Some(code) = ErrorCode::from_code(&envelope.error.code) {
            assert_eq!(code.as_str(), envelope.error.code);
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
    }
});
