//! `Display` of an error, in the canonical locale or a translated one,
//! allocates nothing: a counting global allocator proves it.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

error_table::include_error_table!("spec/errors.md", locales = "spec/errors.*.md");

/// Counts allocations made by the current thread, so that other tests
/// running at the same time do not disturb the count.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

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
