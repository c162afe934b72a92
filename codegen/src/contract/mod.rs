//! Stage 5, beside [`crate::expand`]: the contract that clients rely on,
//! built from a [`Checked`] table: each code, its HTTP status and its
//! placeholder fields. Messages are not part of it: they are free text and
//! may be reworded.
//!
//! Everything here is a pure function of contracts and texts already
//! read; the files are read at the edges (the macro, the CLI):
//!
//! - [`lockfile`]: the contract as the text of a lockfile, and back;
//! - [`diff`]: the changes from one contract to another, for
//!   `error-table diff` and the lock check alike;
//! - [`check`]: the `lock` setting's check of a table against its
//!   lockfile.

pub mod check;
pub mod diff;
pub mod lockfile;

use std::ops::Range;

use crate::validate::Checked;

pub use self::check::{LockCheck, check_lock};
pub use self::diff::{Change, changes};

/// The contract of a table: one entry per code, sorted by code, so that
/// moving a row changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contract {
    /// The entries, sorted by code.
    pub entries: Vec<Entry>,
    /// Whether the generated enums are exhaustive (the `exhaustive`
    /// setting), so that an added code breaks a downstream `match` too.
    pub exhaustive: bool,
}

/// The contract of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The code as sent on the wire.
    pub code: String,
    /// Its HTTP status.
    pub status: u16,
    /// The fields of its placeholders, sorted.
    pub fields: Vec<String>,
    /// Its other codes, which readers accept for it, sorted.
    pub aliases: Vec<String>,
    /// Where it was read from: a line of a lockfile, or a row of a table.
    pub spans: EntrySpans,
}

/// Byte ranges of an [`Entry`] in the file it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntrySpans {
    /// The whole line or row.
    pub line: Range<usize>,
    /// The code.
    pub code: Range<usize>,
    /// The status.
    pub status: Range<usize>,
    /// The fields in a lockfile; the message cell in a table.
    pub fields: Range<usize>,
}

impl Contract {
    /// The contract of every row of a checked table.
    #[must_use]
    pub fn of(table: &Checked) -> Self {
        let entries = table
            .rows
            .iter()
            .map(|checked| {
                let row = &checked.spec;
                let mut fields: Vec<String> = row
                    .template
                    .placeholders()
                    .map(|placeholder| placeholder.field.clone())
                    .collect();
                fields.sort();
                let mut aliases: Vec<String> =
                    row.aliases.iter().map(|alias| alias.wire.clone()).collect();
                aliases.sort();
                Entry {
                    code: row.code.wire.clone(),
                    status: row.status.value,
                    fields,
                    aliases,
                    spans: EntrySpans {
                        line: row.span.clone(),
                        code: row.code.span.clone(),
                        status: row.status.span.clone(),
                        fields: row.template.span.clone(),
                    },
                }
            })
            .collect();
        Self::sorted(entries, table.exhaustive)
    }

    fn sorted(mut entries: Vec<Entry>, exhaustive: bool) -> Self {
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        Self {
            entries,
            exhaustive,
        }
    }

    /// The entry of `code`.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|entry| entry.code.as_str().cmp(code))
            .ok()
            .and_then(|index| self.entries.get(index))
    }
}

impl Entry {
    /// Whether readers of this entry take `code` for it: its code or one
    /// of its aliases.
    #[must_use]
    pub fn accepts(&self, code: &str) -> bool {
        self.code == code || self.aliases.iter().any(|alias| alias == code)
    }

    /// Its code, then its aliases.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.code.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// `` `a`, `b` `` or `no fields`.
#[must_use]
pub fn field_list(fields: &[String]) -> String {
    if fields.is_empty() {
        return "no fields".to_owned();
    }
    let quoted: Vec<String> = fields.iter().map(|field| format!("`{field}`")).collect();
    quoted.join(", ")
}

/// The contract of a Markdown table, for the tests of the submodules.
#[cfg(test)]
fn of_spec(text: &str) -> (crate::SourceFile, Contract) {
    let file = crate::SourceFile::new("spec/errors.md", text);
    let generated = crate::generate(&file, &crate::settings::Settings::default());
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let contract = Contract::of(&generated.checked);
    (file, contract)
}

/// A table of three rows, for the tests of the submodules.
#[cfg(test)]
const SPEC: &str = "\
| Code | Status | Message |
|---|---|---|
| NotFound | 404 | Resource {the resource} was not found. |
| BadInput | 400 | Input {the input} is bad for {the reason}. |
| Teapot | 418 | Short and stout. |
";
