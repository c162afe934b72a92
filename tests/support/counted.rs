//! A table whose one field counts how often it is written, to see how
//! often a response writes its message and metadata.

use core::fmt;
use core::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of times a `Card` was written; one test uses this table, so
/// no other test moves it.
pub static WRITES: AtomicUsize = AtomicUsize::new(0);

/// A card number that counts its writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card(pub String);

impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        WRITES.fetch_add(1, Ordering::SeqCst);
        f.write_str(&self.0)
    }
}

impl FromStr for Card {
    type Err = core::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self(text.to_owned()))
    }
}

error_table::include_error_table!(
    "runtime/doc/payments.md",
    fields = { card: Card },
    locales = "runtime/doc/payments.*.md",
);
