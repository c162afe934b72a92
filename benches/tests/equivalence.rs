//! The three implementations of the 20-row synthetic table agree, and
//! `Display` (plain and localized) of ours and of the hand-written code
//! allocates nothing, as a counting global allocator shows.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;
use std::str::FromStr;

mod ours {
    include!(concat!(env!("OUT_DIR"), "/t20_ours.rs"));
}
#[allow(clippy::pedantic, dead_code)]
mod hand {
    include!(concat!(env!("OUT_DIR"), "/t20_hand.rs"));
}
#[allow(clippy::pedantic, dead_code)]
mod derive {
    include!(concat!(env!("OUT_DIR"), "/t20_derive.rs"));
}

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
fn the_three_implementations_agree() {
    assert_eq!(ours::HIT, hand::HIT);
    assert_eq!(ours::MISS, derive::MISS);
    for code in ours::ErrorCode::ALL {
        let wire = code.as_str();
        let hand_code = hand::ErrorCode::from_code(wire).unwrap();
        let derive_code = derive::ErrorCode::from_str(wire).unwrap();
        assert_eq!(hand_code.as_str(), wire);
        assert_eq!(<&'static str>::from(derive_code), wire);
        assert_eq!(code.status(), hand_code.status());
        assert_eq!(code.status(), derive_code.status());
    }
    assert_eq!(ours::ErrorCode::ALL.len(), 20);
    for code in [ours::HIT, ours::MISS] {
        assert_eq!(
            ours::ErrorCode::from_code(code).map(ours::ErrorCode::as_str),
            hand::ErrorCode::from_code(code).map(hand::ErrorCode::as_str),
        );
        assert_eq!(
            ours::ErrorCode::from_code(code).is_some(),
            derive::ErrorCode::from_str(code).is_ok()
        );
    }
    let samples = ours::samples();
    for ((ours, hand), derive) in samples.iter().zip(hand::samples()).zip(derive::samples()) {
        let message = ours.to_string();
        assert_eq!(message, hand.to_string());
        assert_eq!(message, derive.to_string());
        assert_eq!(ours.code().as_str(), hand.code().as_str());
        for locale in ["sv-SE", "fr;q=0.9, sv;q=0.5", "de"] {
            assert_eq!(
                ours.localized(locale).to_string(),
                hand.localized(locale).to_string()
            );
        }
        let decoded = hand::Error::from_message(hand.code(), &message).unwrap();
        assert_eq!(decoded.to_string(), message);
        assert_eq!(
            ours::Error::from_message(ours.code(), &message).as_ref(),
            Some(ours)
        );
    }
    assert_ne!(
        samples[1].localized("sv-SE").to_string(),
        samples[1].to_string(),
        "the translation is used"
    );
}

#[test]
fn display_allocates_nothing() {
    let mut buffer = String::with_capacity(4096);
    let ours = ours::samples();
    let hand = hand::samples();
    for (ours, hand) in ours.iter().zip(&hand) {
        let count = allocations_during(|| {
            buffer.clear();
            write!(buffer, "{ours}").unwrap();
            write!(buffer, "{hand}").unwrap();
            for locale in ["sv-SE", "fr;q=0.9, sv;q=0.5"] {
                write!(buffer, "{}", ours.localized(locale)).unwrap();
                write!(buffer, "{}", hand.localized(locale)).unwrap();
            }
        });
        assert_eq!(count, 0, "{ours:?} allocated");
        assert!(allocations_during(|| drop(ours.to_string())) > 0);
    }
}
