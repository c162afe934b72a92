//! `Display` of an error, in the canonical locale or a translated one,
//! allocates nothing: a counting global allocator proves it.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fmt::Write;

error_table::include_error_table!("spec/errors.md", locales = "spec/errors.*.md");

#[path = "support/counting.rs"]
mod counting;

use counting::allocations_during;

#[test]
fn display_and_localized_display_do_not_allocate() {
    let errors = [
        Error::BadRequest,
        Error::InvalidHashValue {
            invalid_hash: "0xZZ".into(),
        },
        Error::MaximumBatchSizeExceeded {
            batch_size_received: "1200".into(),
            batch_size_allowed: "500".into(),
        },
    ];
    let mut buffer = String::with_capacity(4096);
    for error in &errors {
        let count = allocations_during(|| {
            buffer.clear();
            write!(buffer, "{error}").unwrap();
            for locale in Error::LOCALES {
                write!(buffer, "{}", error.localized(locale)).unwrap();
            }
            write!(buffer, "{}", error.localized("sv;q=0.5, zh-Hant-TW")).unwrap();
        });
        assert_eq!(count, 0, "{error:?} allocated");
        // The counter does count: `to_string` allocates its `String`.
        assert!(allocations_during(|| drop(error.to_string())) > 0);
        assert!(!buffer.is_empty());
    }
}
