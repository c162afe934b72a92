//! The three implementations of the 20-row synthetic table agree, and
//! `Display` (plain and localized) of ours and of the hand-written code
//! allocates nothing, as a counting global allocator shows. The 2,000-row
//! table, past the sizes where the macro switches to a perfect hash for
//! `from_code` and to a function per row for `Display`, agrees with the
//! hand-written code too, in its translations as well.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

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
mod ours_2000 {
    include!(concat!(env!("OUT_DIR"), "/t2000_ours.rs"));
}
#[allow(clippy::pedantic, dead_code)]
mod hand_2000 {
    include!(concat!(env!("OUT_DIR"), "/t2000_hand.rs"));
}

#[path = "../../tests/support/counting.rs"]
mod counting;

use counting::allocations_during;

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

#[test]
fn a_large_table_agrees_with_the_hand_written_code() {
    assert_eq!(ours_2000::ErrorCode::ALL.len(), 2_000);
    for &code in ours_2000::ErrorCode::ALL {
        let wire = code.as_str();
        assert_eq!(ours_2000::ErrorCode::from_code(wire), Some(code));
        let hand = hand_2000::ErrorCode::from_code(wire).unwrap();
        assert_eq!(code.status(), hand.status());
        // Near misses: one byte more, one less, one changed.
        assert_eq!(ours_2000::ErrorCode::from_code(&format!("{wire}x")), None);
        assert_eq!(ours_2000::ErrorCode::from_code(&wire[1..]), None);
        assert_eq!(
            ours_2000::ErrorCode::from_code(&wire.to_ascii_lowercase()),
            None
        );
    }
    assert_eq!(
        ours_2000::ErrorCode::from_code(ours_2000::HIT).map(ours_2000::ErrorCode::as_str),
        Some(ours_2000::HIT)
    );
    assert_eq!(ours_2000::ErrorCode::from_code(""), None);
    assert_eq!(ours_2000::ErrorCode::from_code(ours_2000::MISS), None);
    assert_eq!(hand_2000::ErrorCode::from_code(hand_2000::MISS), None);
    let mut buffer = String::with_capacity(4096);
    for (ours, hand) in ours_2000::samples().iter().zip(hand_2000::samples()) {
        let message = ours.to_string();
        assert_eq!(message, hand.to_string());
        for locale in ["sv-SE", "fr", "de"] {
            assert_eq!(
                ours.localized(locale).to_string(),
                hand.localized(locale).to_string()
            );
        }
        buffer.clear();
        let count = allocations_during(|| {
            write!(buffer, "{ours}").unwrap();
            write!(buffer, "{}", ours.localized("sv-SE")).unwrap();
        });
        assert_eq!(count, 0, "{ours:?} allocated");
        assert_eq!(
            ours_2000::Error::from_message(ours.code(), &message).as_ref(),
            Some(ours)
        );
    }
}
