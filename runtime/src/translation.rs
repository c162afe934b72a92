//! Translated messages as data, for the generated `fmt_localized`.
//!
//! A table with many locales would be many times its size as code (a
//! `match` arm per locale and row): for rustc, data is far cheaper than
//! code. So each locale is two literals, the text of all its translated
//! messages and a packed table of their pieces, and one function here
//! writes a message from them.
//!
//! The table of pieces, all numbers little-endian:
//!
//! - `u32` rows, then `rows + 1` `u32` offsets into the table: row `r`'s
//!   entry is the bytes from offset `r` to offset `r + 1`, empty when the
//!   locale has no translation of the row;
//! - an entry: the offset of the row's text in the locale's text, then its
//!   pieces in order, each a LEB128 number: `len << 1` for the next `len`
//!   bytes of text, `field << 1 | 1` for the row's field number `field`.
//!
//! A translated message has at least one piece, so an entry is never
//! empty. The generator writes the tables; reading one never panics, and a
//! table it did not write ends the message at the first piece it cannot
//! read.

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

/// The translated messages of one locale: their text, and the table of
/// their pieces described in this module's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    text: &'static str,
    pieces: &'static [u8],
}

impl Messages {
    /// The messages of `text` cut and filled as `pieces` says.
    #[must_use]
    pub const fn new(text: &'static str, pieces: &'static [u8]) -> Self {
        Self { text, pieces }
    }

    /// The table entry of `row`: `None` when the row has no translation.
    fn entry(&self, row: usize) -> Option<&'static [u8]> {
        let rows = read_u32(self.pieces, 0)?;
        if row >= rows {
            return None;
        }
        let offset = |index: usize| read_u32(self.pieces, index.checked_add(1)?);
        let entry = self
            .pieces
            .get(offset(row)?..offset(row.checked_add(1)?)?)?;
        (!entry.is_empty()).then_some(entry)
    }
}

/// The `u32` at `index` (in `u32`s) of `bytes`, as a `usize`.
fn read_u32(bytes: &[u8], index: usize) -> Option<usize> {
    let start = index.checked_mul(4)?;
    let chunk = bytes.get(start..start.checked_add(4)?)?;
    let value = u32::from_le_bytes(chunk.try_into().ok()?);
    usize::try_from(value).ok()
}

/// Writes row `row`'s message in `translations[locale - 1]` (locale 0 is
/// the canonical one), filling its holes from `args`, the row's fields in
/// order; writes `canonical` where that locale has no translation of the
/// row.
///
/// # Errors
///
/// Only those of the formatter.
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
        .and_then(|messages| Some((messages.text, messages.entry(row)?)));
    match translated {
        Some((text, entry)) => write_entry(text, entry, args, f),
        None => canonical.fmt(f),
    }
}

/// Writes the message of a table entry.
fn write_entry(
    text: &str,
    entry: &[u8],
    args: &[Arg<'_>],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut numbers = Numbers(entry);
    let Some(mut rest) = numbers.next().and_then(|start| text.get(start..)) else {
        return Ok(());
    };
    for piece in numbers {
        if piece & 1 == 0 {
            let Some((literal, after)) = rest.split_at_checked(piece >> 1) else {
                break;
            };
            f.write_str(literal)?;
            rest = after;
        } else {
            let Some(arg) = args.get(piece >> 1) else {
                break;
            };
            arg.write(f)?;
        }
    }
    Ok(())
}

/// The LEB128 numbers of a table entry; a truncated or overlong number
/// ends them.
struct Numbers<'a>(&'a [u8]);

impl Iterator for Numbers<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let mut value = 0_u32;
        for (index, &byte) in self.0.iter().enumerate().take(5) {
            // At most 5 bytes: the shift stays below 32.
            value |= u32::from(byte & 0x7f) << (7 * index);
            if byte & 0x80 == 0 {
                self.0 = self.0.get(index + 1..).unwrap_or_default();
                return usize::try_from(value).ok();
            }
        }
        self.0 = &[];
        None
    }
}

#[cfg(test)]
mod tests {
    use core::fmt;

    use super::{Arg, Messages, write_localized};

    /// Two rows: row 0 "A " field 0 " B" field 1, row 1 untranslated.
    const TEXT: &str = "A  B";
    const PIECES: &[u8] = &[
        2, 0, 0, 0, // rows
        16, 0, 0, 0, // row 0 starts after the header
        22, 0, 0, 0, // row 1 starts (and row 0 ends) here
        22, 0, 0, 0, // row 1 ends: no translation
        0, 4, 1, 4, 3, 0, // row 0: text from 0, "A ", field 0, " B", field 1, ""
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
        let table = [Messages::new(TEXT, PIECES)];
        let args = [Arg::Str("x"), Arg::Display(&42)];
        assert_eq!(shown(&table, 1, 0, &args), "A x B42");
    }

    #[test]
    fn the_canonical_message_fills_in_for_a_missing_translation() {
        let table = [Messages::new(TEXT, PIECES)];
        let args = [Arg::Str("x"), Arg::Str("y")];
        assert_eq!(shown(&table, 1, 1, &[]), "canonical", "untranslated row");
        assert_eq!(shown(&table, 1, 2, &[]), "canonical", "no such row");
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
        corrupt[20] = 9; // field 4 of a row with 2
        let table = [Messages::new(TEXT, corrupt.leak())];
        assert_eq!(shown(&table, 1, 0, &args), "A x B");
        for cut in 0..PIECES.len() {
            let table = [Messages::new(TEXT, &PIECES[..cut])];
            let _ = shown(&table, 1, 0, &args);
        }
        for byte in 0..=u8::MAX {
            for position in 0..PIECES.len() {
                let mut changed = PIECES.to_vec();
                changed[position] = byte;
                let table = [Messages::new("é", changed.leak())];
                let _ = shown(&table, 1, 0, &args);
                let _ = shown(&table, 1, 1, &args);
            }
        }
    }
}
