//! Retry hints: which statuses are worth a retry, and how long to wait.

use core::fmt::{self, Write as _};
use core::time::Duration;

/// Whether `status` says that the same request may succeed later: 408
/// Request Timeout, 429 Too Many Requests, 502 Bad Gateway, 503 Service
/// Unavailable, 504 Gateway Timeout.
#[must_use]
pub fn is_retryable(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

/// The delay a `{retry after seconds}` field's value says: its text, when
/// it is a whole number of seconds (`30`), else `None`.
pub fn retry_after_seconds(value: &impl fmt::Display) -> Option<Duration> {
    let mut digits = Digits::default();
    write!(digits, "{value}").ok()?;
    parse_seconds(digits.as_bytes())
}

/// A `Retry-After` value in its delay-seconds form (RFC 9110, section
/// 10.2.3): ASCII digits only. The HTTP-date form gives `None`.
#[must_use]
pub fn parse_seconds(text: &[u8]) -> Option<Duration> {
    let digits = !text.is_empty() && text.iter().all(u8::is_ascii_digit);
    digits
        .then(|| core::str::from_utf8(text).ok()?.parse().ok())
        .flatten()
        .map(Duration::from_secs)
}

/// Room for the digits of any `u64`; longer text does not fit and is no
/// delay.
#[derive(Default)]
struct Digits {
    buffer: [u8; 20],
    len: usize,
}

impl Digits {
    fn as_bytes(&self) -> &[u8] {
        self.buffer.get(..self.len).unwrap_or_default()
    }
}

impl fmt::Write for Digits {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let slot = self.buffer.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use super::{parse_seconds, retry_after_seconds};

    #[test]
    fn a_delay_is_whole_seconds_in_digits() {
        assert_eq!(retry_after_seconds(&30_u32), Some(Duration::from_secs(30)));
        assert_eq!(retry_after_seconds(&"90"), Some(Duration::from_secs(90)));
        assert_eq!(
            retry_after_seconds(&u64::MAX),
            Some(Duration::from_secs(u64::MAX))
        );
        for text in ["", "1.5", "-3", "+3", " 3", "soon", "123456789012345678901"] {
            assert_eq!(retry_after_seconds(&text), None, "{text:?}");
        }
        assert_eq!(parse_seconds(b"Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_seconds(b"99999999999999999999"), None, "over u64");
    }
}
