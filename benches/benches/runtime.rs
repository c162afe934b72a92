//! Run-time benchmarks: generated code (`ours`) against hand-written code
//! (`hand`, the baseline of every ratio) and the derive stack (`derive`:
//! thiserror 2, strum, serde derive) on the same synthetic tables.
//!
//! `cargo bench -p error-table-benches --bench runtime` (add
//! `--features large` for the 10,000-row tables); `benches/ratios.py`
//! turns criterion's results into the table of `BENCHMARKS.md`.

// A benchmark fails loudly by design.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::borrow::Cow;
use std::fmt::Write;
use std::hint::black_box;
use std::str::FromStr;

mod count;

use count::{Group, config, run};
use criterion::{Criterion, criterion_group, criterion_main};
use error_table_benches::synth::TARGET;
use serde::{Deserialize, Serialize};

macro_rules! tables {
    ($($(#[$attr:meta])* $name:ident = $rows:literal;)*) => {$(
        $(#[$attr])*
        mod $name {
            // clippy's pedantic `large_stack_arrays` fires on the generated
            // `ALL` of 10,000 codes (see BENCHMARKS.md).
            #[cfg_attr(feature = "large-full", allow(clippy::large_stack_arrays))]
            pub mod ours {
                include!(concat!(env!("OUT_DIR"), "/t", $rows, "_ours.rs"));
            }
            #[allow(clippy::pedantic, dead_code)]
            pub mod hand {
                include!(concat!(env!("OUT_DIR"), "/t", $rows, "_hand.rs"));
            }
            #[allow(clippy::pedantic, dead_code)]
            pub mod derive {
                include!(concat!(env!("OUT_DIR"), "/t", $rows, "_derive.rs"));
            }
        }
    )*};
}

tables! {
    t20 = 20;
    t2000 = 2000;
    #[cfg(feature = "large-full")]
    t10000 = 10000;
}

/// The code enums of the 10,000-row table and their lookups alone.
#[cfg(feature = "large")]
mod t10000_lookup {
    // Generated code pasted outside its macro: rustc rejects its
    // `#[automatically_derived]` on an inherent impl, and clippy's pedantic
    // `large_stack_arrays` fires on the 10,000-code `ALL` (see BENCHMARKS.md).
    #[allow(dead_code, unused_attributes, clippy::pedantic)]
    pub mod ours {
        include!(concat!(env!("OUT_DIR"), "/t10000_lookup_ours.rs"));
    }
    #[allow(clippy::pedantic, dead_code)]
    pub mod hand {
        include!(concat!(env!("OUT_DIR"), "/t10000_lookup_hand.rs"));
    }
    #[allow(clippy::pedantic, dead_code)]
    pub mod derive {
        include!(concat!(env!("OUT_DIR"), "/t10000_lookup_derive.rs"));
    }
    #[allow(clippy::pedantic, dead_code)]
    pub mod phf {
        include!(concat!(env!("OUT_DIR"), "/t10000_lookup_phf.rs"));
    }
}

/// strum's `EnumString` with `use_phf` at 10,000 rows: what a perfect
/// hash gives, for comparison.
#[cfg(feature = "large")]
fn from_code_phf(c: &mut Criterion) {
    use t10000_lookup::phf;
    assert!(phf::ErrorCode::from_str(phf::HIT).is_ok());
    assert!(phf::ErrorCode::from_str(phf::MISS).is_err());
    let mut group = Group::new(c, "from_code/10000");
    for (what, code) in [("hit", phf::HIT), ("miss", phf::MISS)] {
        run(&mut group, &format!("phf/{what}"), || {
            phf::ErrorCode::from_str(black_box(code)).ok()
        });
    }
    group.finish();
}

/// The body of a serialized envelope, the hand-written way.
#[derive(Serialize)]
struct EnvelopeOut<'a, C> {
    error: BodyOut<'a, C>,
}

#[derive(Serialize)]
struct BodyOut<'a, C> {
    code: C,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
}

/// A received envelope whose code is read afterwards with `from_code`.
#[derive(Deserialize)]
struct HandEnvelopeIn<'a> {
    #[serde(borrow)]
    error: HandBodyIn<'a>,
}

#[derive(Deserialize)]
struct HandBodyIn<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(borrow, default)]
    target: Option<Cow<'a, str>>,
}

/// A received envelope whose code is an enum deriving `Deserialize`.
#[derive(Deserialize)]
struct DeriveEnvelopeIn<'a> {
    #[serde(borrow)]
    error: DeriveBodyIn<'a>,
}

#[derive(Deserialize)]
struct DeriveBodyIn<'a> {
    code: t20::derive::ErrorCode,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(borrow, default)]
    target: Option<Cow<'a, str>>,
}

const HOLES: [&str; 3] = ["0 holes", "1 hole", "2 holes"];

/// `from_code` for a hit near the end of the table and a miss, for the
/// three implementations of one table.
macro_rules! from_code {
    ($c:expr, $table:ident, $rows:literal) => {{
        use $table::{derive, hand, ours};
        assert_eq!(
            ours::ErrorCode::from_code(ours::HIT).map(|code| code as u32),
            hand::ErrorCode::from_code(hand::HIT).map(|code| code as u32)
        );
        assert!(derive::ErrorCode::from_str(derive::HIT).is_ok());
        assert!(ours::ErrorCode::from_code(ours::MISS).is_none());
        assert!(hand::ErrorCode::from_code(hand::MISS).is_none());
        assert!(derive::ErrorCode::from_str(derive::MISS).is_err());
        let mut group = Group::new($c, concat!("from_code/", $rows));
        for (what, code) in [("hit", ours::HIT), ("miss", ours::MISS)] {
            run(&mut group, &format!("ours/{what}"), || {
                ours::ErrorCode::from_code(black_box(code))
            });
            run(&mut group, &format!("hand/{what}"), || {
                hand::ErrorCode::from_code(black_box(code))
            });
            run(&mut group, &format!("derive/{what}"), || {
                derive::ErrorCode::from_str(black_box(code)).ok()
            });
        }
        group.finish();
    }};
}

/// `Display` into a reused `String`, and `from_code` for a hit near the
/// end of the table and a miss, for the three implementations of one
/// table; checks first that they agree.
macro_rules! per_table {
    ($c:expr, $table:ident, $rows:literal) => {{
        use $table::{derive, hand, ours};
        let (ours_errors, hand_errors, derive_errors) =
            (ours::samples(), hand::samples(), derive::samples());
        for index in 0..3 {
            let message = ours_errors[index].to_string();
            assert_eq!(message, hand_errors[index].to_string());
            assert_eq!(message, derive_errors[index].to_string());
        }
        assert_eq!(
            ours::ErrorCode::from_code(ours::HIT).map(ours::ErrorCode::as_str),
            Some(hand::HIT)
        );
        assert!(hand::ErrorCode::from_code(hand::HIT).is_some());
        assert!(derive::ErrorCode::from_str(derive::HIT).is_ok());
        assert!(ours::ErrorCode::from_code(ours::MISS).is_none());
        assert!(hand::ErrorCode::from_code(hand::MISS).is_none());
        assert!(derive::ErrorCode::from_str(derive::MISS).is_err());

        let mut group = Group::new($c, concat!("display/", $rows));
        let mut buffer = String::with_capacity(1024);
        for index in 0..3 {
            run(&mut group, &format!("ours/{}", HOLES[index]), || {
                buffer.clear();
                write!(buffer, "{}", black_box(&ours_errors[index])).unwrap();
            });
            run(&mut group, &format!("hand/{}", HOLES[index]), || {
                buffer.clear();
                write!(buffer, "{}", black_box(&hand_errors[index])).unwrap();
            });
            run(&mut group, &format!("derive/{}", HOLES[index]), || {
                buffer.clear();
                write!(buffer, "{}", black_box(&derive_errors[index])).unwrap();
            });
        }
        group.finish();

        from_code!($c, $table, $rows);
    }};
}

fn display_and_from_code(c: &mut Criterion) {
    per_table!(c, t20, "20");
    per_table!(c, t2000, "2000");
    #[cfg(feature = "large-full")]
    per_table!(c, t10000, "10000");
    #[cfg(all(feature = "large", not(feature = "large-full")))]
    from_code!(c, t10000_lookup, "10000");
}

/// The envelope of an error to JSON bytes, and JSON bytes back to a code
/// and message, and to a typed error, on the 20-row table.
fn envelope(c: &mut Criterion) {
    use t20::{derive, hand, ours};
    let ours_error = &ours::samples()[1];
    let hand_error = &hand::samples()[1];
    let derive_error = &derive::samples()[1];
    let encode_ours = |buffer: &mut Vec<u8>| {
        buffer.clear();
        let envelope = black_box(ours_error).to_envelope(Some(TARGET));
        serde_json::to_writer(buffer, &envelope).unwrap();
    };
    let encode_hand = |buffer: &mut Vec<u8>| {
        buffer.clear();
        let error = black_box(hand_error);
        let envelope = EnvelopeOut {
            error: BodyOut {
                code: error.code().as_str(),
                message: error.to_string(),
                target: Some(TARGET),
            },
        };
        serde_json::to_writer(buffer, &envelope).unwrap();
    };
    let encode_derive = |buffer: &mut Vec<u8>| {
        buffer.clear();
        let error = black_box(derive_error);
        let envelope = EnvelopeOut {
            error: BodyOut {
                code: error.code(),
                message: error.to_string(),
                target: Some(TARGET),
            },
        };
        serde_json::to_writer(buffer, &envelope).unwrap();
    };
    let mut buffer = Vec::with_capacity(1024);
    encode_ours(&mut buffer);
    let ours_json = buffer.clone();
    encode_hand(&mut buffer);
    assert_eq!(buffer, ours_json);
    encode_derive(&mut buffer);
    assert_eq!(buffer, ours_json);

    let mut group = Group::new(c, "envelope_encode/20");
    run(&mut group, "ours", || encode_ours(&mut buffer));
    run(&mut group, "hand", || encode_hand(&mut buffer));
    run(&mut group, "derive", || encode_derive(&mut buffer));
    group.finish();

    let json = ours_json.as_slice();
    let mut group = Group::new(c, "envelope_decode/20");
    run(&mut group, "ours", || {
        let envelope: error_table::Envelope<'_> = serde_json::from_slice(black_box(json)).unwrap();
        let code = ours::ErrorCode::from_code(&envelope.error.code).unwrap();
        (code, envelope.error.message, envelope.error.target)
    });
    run(&mut group, "hand", || {
        let envelope: HandEnvelopeIn<'_> = serde_json::from_slice(black_box(json)).unwrap();
        let code = hand::ErrorCode::from_code(&envelope.error.code).unwrap();
        (code, envelope.error.message, envelope.error.target)
    });
    run(&mut group, "derive", || {
        let envelope: DeriveEnvelopeIn<'_> = serde_json::from_slice(black_box(json)).unwrap();
        (
            envelope.error.code,
            envelope.error.message,
            envelope.error.target,
        )
    });
    group.finish();

    let mut group = Group::new(c, "decode_typed/20");
    run(&mut group, "ours", || {
        let envelope: error_table::Envelope<'_> = serde_json::from_slice(black_box(json)).unwrap();
        let code = ours::ErrorCode::from_code(&envelope.error.code).unwrap();
        ours::Error::from_message(code, &envelope.error.message).unwrap()
    });
    run(&mut group, "hand", || {
        let envelope: HandEnvelopeIn<'_> = serde_json::from_slice(black_box(json)).unwrap();
        let code = hand::ErrorCode::from_code(&envelope.error.code).unwrap();
        hand::Error::from_message(code, &envelope.error.message).unwrap()
    });
    group.finish();
}

/// The 20-row table in the wire formats that carry the fields (only its
/// samples are used: not its `HIT` and `MISS`).
#[allow(dead_code)]
mod t20_wire {
    pub mod fields {
        include!(concat!(env!("OUT_DIR"), "/t20_ours_fields.rs"));
    }
    pub mod problem {
        include!(concat!(env!("OUT_DIR"), "/t20_ours_problem.rs"));
    }
}

/// What carrying the fields costs: an error with two fields encoded in
/// each wire format, and read back into the typed error by
/// `ReceivedError::decode` (from `metadata`, or from the message for the
/// plain envelope), on the 20-row table.
fn wire_formats(c: &mut Criterion) {
    use t20::ours as plain;
    use t20_wire::{fields, problem};
    let plain_error = &plain::samples()[2];
    let fields_error = &fields::samples()[2];
    let problem_error = &problem::samples()[2];
    // Made here, not by the routines below: a count run runs only one.
    let plain_json = serde_json::to_vec(&plain_error.to_envelope(Some(TARGET))).unwrap();
    let fields_json = serde_json::to_vec(&fields_error.to_envelope(Some(TARGET))).unwrap();
    let problem_json = serde_json::to_vec(&problem_error.to_problem(Some(TARGET))).unwrap();
    let mut buffer = Vec::with_capacity(1024);
    let mut group = Group::new(c, "wire_encode/20");
    run(&mut group, "plain_envelope", || {
        buffer.clear();
        let envelope = black_box(plain_error).to_envelope(Some(TARGET));
        serde_json::to_writer(&mut buffer, &envelope).unwrap();
    });
    run(&mut group, "envelope", || {
        buffer.clear();
        let envelope = black_box(fields_error).to_envelope(Some(TARGET));
        serde_json::to_writer(&mut buffer, &envelope).unwrap();
    });
    run(&mut group, "problem_details", || {
        buffer.clear();
        let problem = black_box(problem_error).to_problem(Some(TARGET));
        serde_json::to_writer(&mut buffer, &problem).unwrap();
    });
    group.finish();

    let mut group = Group::new(c, "wire_decode_typed/20");
    run(&mut group, "plain_envelope", || {
        let received =
            error_table::ReceivedError::<plain::Error>::decode(400, black_box(&plain_json));
        received.unwrap().into_error().unwrap()
    });
    run(&mut group, "envelope", || {
        let received =
            error_table::ReceivedError::<fields::Error>::decode(400, black_box(&fields_json));
        received.unwrap().into_error().unwrap()
    });
    run(&mut group, "problem_details", || {
        let received =
            error_table::ReceivedError::<problem::Error>::decode(400, black_box(&problem_json));
        received.unwrap().into_error().unwrap()
    });
    group.finish();
}

/// `localized()` Display on a table and its two translations: the locale
/// negotiated from a tag each time (`localized`, what a server does per
/// response), and the message alone, the locale negotiated once
/// (`localized_message`).
macro_rules! localized {
    ($c:expr, $table:ident, $rows:literal) => {{
        use $table::{hand, ours};
        let ours_errors = ours::samples();
        let hand_errors = hand::samples();
        let mut buffer = String::with_capacity(1024);
        let mut group = Group::new($c, concat!("localized/", $rows));
        for index in 0..3 {
            assert_eq!(
                ours_errors[index].localized("sv-SE").to_string(),
                hand_errors[index].localized("sv-SE").to_string()
            );
            run(&mut group, &format!("ours/{}", HOLES[index]), || {
                buffer.clear();
                let error = black_box(&ours_errors[index]);
                write!(buffer, "{}", error.localized(black_box("sv-SE"))).unwrap();
            });
            run(&mut group, &format!("hand/{}", HOLES[index]), || {
                buffer.clear();
                let error = black_box(&hand_errors[index]);
                write!(buffer, "{}", error.localized(black_box("sv-SE"))).unwrap();
            });
        }
        group.finish();
        let mut group = Group::new($c, concat!("localized_message/", $rows));
        for index in 0..3 {
            let ours_localized = ours_errors[index].localized("sv-SE");
            let hand_localized = hand_errors[index].localized("sv-SE");
            run(&mut group, &format!("ours/{}", HOLES[index]), || {
                buffer.clear();
                write!(buffer, "{}", black_box(&ours_localized)).unwrap();
            });
            run(&mut group, &format!("hand/{}", HOLES[index]), || {
                buffer.clear();
                write!(buffer, "{}", black_box(&hand_localized)).unwrap();
            });
        }
        group.finish();
    }};
}

fn localized(c: &mut Criterion) {
    localized!(c, t20, "20");
    localized!(c, t2000, "2000");
}

/// A message shown in a locale negotiated once (`Locale::negotiate`, as a
/// server does per request), side by side with the canonical `Display` of
/// the same error: the handle should cost no more than `Display`.
fn locale_handle(c: &mut Criterion) {
    use error_table::{Locale, Localize as _};
    use t20::ours;
    let errors = ours::samples();
    let swedish = Locale::<ours::Error>::negotiate("sv-SE, en;q=0.5");
    assert_eq!(swedish.as_str(), "sv-SE");
    let canonical = Locale::<ours::Error>::canonical();
    let mut buffer = String::with_capacity(1024);
    let mut group = Group::new(c, "locale_handle/20");
    for index in 0..3 {
        assert_eq!(
            errors[index].in_locale(swedish).to_string(),
            errors[index].localized("sv-SE").to_string()
        );
        run(&mut group, &format!("display/{}", HOLES[index]), || {
            buffer.clear();
            write!(buffer, "{}", black_box(&errors[index])).unwrap();
        });
        // Each hides from the optimizer what it displays, as `display`
        // does with its `&Error`: here the handle, built in the loop.
        run(&mut group, &format!("sv-SE/{}", HOLES[index]), || {
            buffer.clear();
            write!(buffer, "{}", black_box(errors[index].in_locale(swedish))).unwrap();
        });
        run(&mut group, &format!("canonical/{}", HOLES[index]), || {
            buffer.clear();
            write!(buffer, "{}", black_box(errors[index].in_locale(canonical))).unwrap();
        });
    }
    group.finish();
    let mut group = Group::new(c, "negotiate/20");
    run(&mut group, "sv-SE", || {
        Locale::<ours::Error>::negotiate(black_box("sv-SE, en;q=0.5"))
    });
    run(&mut group, "de-CH, fr;q=0.8", || {
        Locale::<ours::Error>::negotiate(black_box("de-CH, de;q=0.9, fr;q=0.8"))
    });
    group.finish();
}

#[cfg(not(feature = "large"))]
fn from_code_phf(_: &mut Criterion) {}

criterion_group! {
    name = benches;
    config = config();
    targets = display_and_from_code, from_code_phf, envelope, wire_formats, localized, locale_handle
}
criterion_main!(benches);
