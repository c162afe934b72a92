//! Translated messages as data, for the generated `fmt_localized`.
//!
//! A table with many locales would be many times its size as code (a
//! `match` arm per locale and row): for rustc, data is far cheaper than
//! code. So each locale is two literals, the runs of text of all its
//! translated messages (an array of string literals) and a packed table of
//! their pieces, and one function here writes a message from them.
//!
//! The table of pieces, all numbers little-endian:
//!
//! - a `u32`, the number of rows, then `rows + 1` `u32` offsets into the
//!   table: row `r`'s entry is the bytes from offset `r` to offset
//!   `r + 1`, none when the locale has no translation of the row;
//! - an entry: a `u32`, the index of the row's first run of text in the
//!   locale's runs, then a `u16` per piece, in order: below `0x8000` the
//!   next run of text (a row's runs follow each other), else `0x8000` plus
//!   the number of the row's field that fills a hole.
//!
//! Fixed widths, so that writing a message is a few loads a piece, and
//! runs of text that are string literals of their own, so that writing one
//! needs no check that it starts and ends between `char`s. The generator
//! writes the tables; reading one never panics, and a table it did not
//! write ends the message at the first piece it cannot read.

use core::fmt;

/// The value of a field, for filling a hole of a translated message.
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    /// A string field, written as it is.
    Str(&'a str),
    /// A field of a type from the `fields` setting, written by `Display`.
    Display(&'a dyn fmt::Display),
}

impl Arg<'_> {
    fn write(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Str(text) => f.write_str(text),
            Self::Display(value) => value.fmt(f),
        }
    }
}

/// The bit of a piece that makes it a field.
const FIELD: u16 = 0x8000;

/// The translated messages of one locale: their runs of text, and the
/// table of their pieces described in this module's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    runs: &'static [&'static str],
    pieces: &'static [u8],
}

impl Messages {
    /// The messages made of `runs` of text and fields as `pieces` says.
    #[must_use]
    pub const fn new(runs: &'static [&'static str], pieces: &'static [u8]) -> Self {
        Self { runs, pieces }
    }

    /// The table entry of `row`: `None` when the row has no translation.
    #[inline]
    fn entry(&self, row: usize) -> Option<&'static [u8]> {
        let (&rows, header) = self.pieces.split_first_chunk::<4>()?;
        if usize::try_from(u32::from_le_bytes(rows)).ok()? <= row {
            return None;
        }
        let at = row.checked_mul(4)?;
        let (&start, rest) = header.get(at..)?.split_first_chunk::<4>()?;
        let (&end, _) = rest.split_first_chunk::<4>()?;
        let start = usize::try_from(u32::from_le_bytes(start)).ok()?;
        let end = usize::try_from(u32::from_le_bytes(end)).ok()?;
        self.pieces
            .get(start..end)
            .filter(|entry| !entry.is_empty())
    }
}

/// Writes row `row`'s message in `translations[locale - 1]` (locale 0 is
/// the canonical one), filling its holes from `args`, the row's fields in
/// order; writes `canonical` where that locale has no translation of the
/// row.
///
/// # Errors
///
/// Only those of the formatter.
// Inlined into the generated `fmt_localized`, where the tables are
// constants: the checks of their lengths fold away, and `canonical` is a
// direct call.
#[inline]
pub fn write_localized(
    translations: &[Messages],
    locale: usize,
    row: usize,
    args: &[Arg<'_>],
    canonical: &dyn fmt::Display,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let translated = locale
        .checked_sub(1)
        .and_then(|index| translations.get(index))
        .and_then(|messages| Some((messages.runs, messages.entry(row)?)));
    match translated {
        Some((runs, entry)) => write_entry(runs, entry, args, f),
        None => canonical.fmt(f),
    }
}

/// Writes the message of a table entry.
#[inline]
fn write_entry(
    runs: &'static [&'static str],
    entry: &[u8],
    args: &[Arg<'_>],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let Some((&first, pieces)) = entry.split_first_chunk::<4>() else {
        return Ok(());
    };
    let first = usize::try_from(u32::from_le_bytes(first)).unwrap_or(usize::MAX);
    let Some(runs) = runs.get(first..) else {
        return Ok(());
    };
    // A message without holes, four in ten, is one run of text: written
    // without the loop, and without the registers it saves.
    if let (&[low, high], Some(run)) = (pieces, runs.first())
        && u16::from_le_bytes([low, high]) & FIELD == 0
    {
        return f.write_str(run);
    }
    write_pieces(runs, pieces, args, f)
}

/// Writes the pieces of a message whose runs of text are `runs`, in order.
#[inline(never)]
fn write_pieces(
    runs: &[&str],
    pieces: &[u8],
    args: &[Arg<'_>],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut runs = runs.iter();
    let (pieces, _) = pieces.as_chunks::<2>();
    for &piece in pieces {
        let piece = u16::from_le_bytes(piece);
        if piece & FIELD == 0 {
            let Some(run) = runs.next() else {
                break;
            };
            f.write_str(run)?;
        } else {
            let Some(arg) = args.get(usize::from(piece & !FIELD)) else {
                break;
            };
            arg.write(f)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use core::fmt;

    use super::{Arg, Messages, write_localized};

    /// Three rows: row 0 "A " field 0 " B" field 1, row 1 untranslated,
    /// row 2 "C".
    const RUNS: &[&str] = &["A ", " B", "C"];
    const PIECES: &[u8] = &[
        3, 0, 0, 0, // rows
        20, 0, 0, 0, // row 0 starts after the header
        32, 0, 0, 0, // row 1 starts (and row 0 ends) here
        32, 0, 0, 0, // row 1 ends (no translation), row 2 starts
        38, 0, 0, 0, // row 2 ends
        0, 0, 0, 0, // row 0: its runs from 0,
        0, 0, 0, 0x80, 0, 0, 1, 0x80, // "A ", field 0, " B", field 1
        2, 0, 0, 0, // row 2: its runs from 2,
        0, 0, // "C"
    ];

    /// Displays row `row` of `table` in locale `locale`.
    struct Shown<'a> {
        table: &'a [Messages],
        locale: usize,
        row: usize,
        args: &'a [Arg<'a>],
    }

    impl fmt::Display for Shown<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_localized(
                self.table,
                self.locale,
                self.row,
                self.args,
                &"canonical",
                f,
            )
        }
    }

    fn shown(table: &[Messages], locale: usize, row: usize, args: &[Arg<'_>]) -> String {
        let shown = Shown {
            table,
            locale,
            row,
            args,
        };
        shown.to_string()
    }

    #[test]
    fn pieces_are_text_and_fields_in_order() {
        let table = [Messages::new(RUNS, PIECES)];
        let args = [Arg::Str("x"), Arg::Display(&42)];
        assert_eq!(shown(&table, 1, 0, &args), "A x B42");
        assert_eq!(shown(&table, 1, 2, &args), "C", "one run of text");
    }

    #[test]
    fn the_canonical_message_fills_in_for_a_missing_translation() {
        let table = [Messages::new(RUNS, PIECES)];
        let args = [Arg::Str("x"), Arg::Str("y")];
        assert_eq!(shown(&table, 1, 1, &[]), "canonical", "untranslated row");
        assert_eq!(shown(&table, 1, 3, &[]), "canonical", "no such row");
        assert_eq!(
            shown(&table, 0, 0, &args),
            "canonical",
            "the canonical locale"
        );
        assert_eq!(shown(&table, 2, 0, &args), "canonical", "no such locale");
    }

    #[test]
    fn a_table_the_generator_did_not_write_ends_the_message_without_panicking() {
        let args = [Arg::Str("x")];
        let mut corrupt = PIECES.to_vec();
        corrupt[30] = 4; // field 4 of a row with 2
        let table = [Messages::new(RUNS, corrupt.leak())];
        assert_eq!(shown(&table, 1, 0, &args), "A x B");
        for cut in 0..PIECES.len() {
            let table = [Messages::new(RUNS, &PIECES[..cut])];
            let _ = shown(&table, 1, 0, &args);
        }
        for byte in 0..=u8::MAX {
            for position in 0..PIECES.len() {
                let mut changed = PIECES.to_vec();
                changed[position] = byte;
                let table = [Messages::new(RUNS, changed.leak())];
                for row in 0..3 {
                    let _ = shown(&table, 1, row, &args);
                }
            }
        }
    }
}
