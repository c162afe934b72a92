//! The contract lockfile: the codes, statuses and placeholder fields that
//! clients rely on, pinned in a text file next to the spec.
//!
//! `error-table lock spec/errors.md` writes `spec/errors.lock`; the macro
//! setting `lock = "spec/errors.lock"` then fails the build when the table
//! breaks a line of it, until the lock is written again on purpose.
//!
//! The format is made for diffs and reviews: after a few comment lines and
//! a `version 1` line, one line per code, sorted by code (so that moving a
//! row in the table changes nothing), holding the code, its status and its
//! placeholder fields, sorted:
//!
//! ```text
//! version 1
//! BadRequest 400
//! InvalidInput 400 invalid_input
//! MaximumBatchSizeExceeded 400 batch_size_allowed batch_size_received
//! ```
//!
//! Codes never hold whitespace (the table rejects such codes) and fields
//! are identifiers, so a line splits at spaces without quoting. Messages
//! are not locked: they are free text and may be reworded.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::Generated;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceFile;
use crate::validate::Checked;

/// The format version this code reads and writes.
pub const VERSION: u32 = 1;

/// The comment at the top of every lockfile.
const PREAMBLE: &str = "\
# error-table lockfile: the error contract that clients rely on.
# One line per error code, sorted by code: the code, its HTTP status and
# its placeholder fields. The build fails when the table breaks a line;
# after a deliberate change, update this file with `error-table lock <spec>`.
";

/// The lines Git writes into a file with a merge conflict.
const CONFLICT_MARKERS: [&str; 4] = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"];

/// The pinned contract of a table: one entry per code, sorted by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// The entries, sorted by code.
    pub entries: Vec<Entry>,
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
    /// Where it was read from: a line of a lock file, or a row of a table.
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
    /// The fields in a lock file; the message cell in a table.
    pub fields: Range<usize>,
}

/// One difference between two contracts, old and new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// A code that was not there before.
    Added(&'a Entry),
    /// A code that is gone, with no similar new code to be its new name.
    Removed(&'a Entry),
    /// A code gone and a new code with the same status and fields and a
    /// close spelling, taken to be the same error renamed.
    Renamed {
        /// The entry under its old code.
        old: &'a Entry,
        /// The entry under its new code.
        new: &'a Entry,
    },
    /// The same code with another status.
    StatusChanged {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
    },
    /// The same code with another set of placeholder fields.
    FieldsChanged {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
    },
}

impl Change<'_> {
    /// Whether clients written against the old contract can break: every
    /// change but an added code, which old clients take as an unknown one.
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        !matches!(self, Self::Added(_))
    }

    /// The code the change is about: the old one for a rename.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Self::Added(entry) | Self::Removed(entry) => &entry.code,
            Self::Renamed { old, .. }
            | Self::StatusChanged { old, .. }
            | Self::FieldsChanged { old, .. } => &old.code,
        }
    }
}

impl Lock {
    /// The contract of every row of a checked table.
    #[must_use]
    pub fn from_checked(table: &Checked) -> Self {
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
                Entry {
                    code: row.code.wire.clone(),
                    status: row.status.value,
                    fields,
                    spans: EntrySpans {
                        line: row.span.clone(),
                        code: row.code.span.clone(),
                        status: row.status.span.clone(),
                        fields: row.template.span.clone(),
                    },
                }
            })
            .collect();
        Self::sorted(entries)
    }

    fn sorted(mut entries: Vec<Entry>) -> Self {
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        Self { entries }
    }

    /// The entry of `code`.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|entry| entry.code.as_str().cmp(code))
            .ok()
            .and_then(|index| self.entries.get(index))
    }

    /// The text of the lockfile: the same table gives the same bytes.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = format!("{PREAMBLE}version {VERSION}\n");
        for entry in &self.entries {
            text.push_str(&entry.code);
            text.push(' ');
            text.push_str(&entry.status.to_string());
            for field in &entry.fields {
                text.push(' ');
                text.push_str(field);
            }
            text.push('\n');
        }
        text
    }

    /// Reads a lockfile, recording every malformed line; the lines that
    /// are fine are kept.
    pub fn parse(file: &SourceFile, diagnostics: &mut Diagnostics) -> Self {
        let mut parser = Parser::default();
        for (line, words) in lines(file.text()) {
            parser.line(file, line, &words, diagnostics);
        }
        if !parser.versioned {
            diagnostics.push(
                Diagnostic::error("the lockfile has no `version` line")
                    .help("write the lockfile with `error-table lock <spec>`"),
            );
        }
        Self::sorted(parser.entries)
    }
}

/// The state of reading a lockfile line by line.
#[derive(Default)]
struct Parser {
    /// Whether the `version` line was seen; it must come first.
    versioned: bool,
    /// Whether a merge conflict was reported, so that it is reported once.
    conflict: bool,
    entries: Vec<Entry>,
    /// The line of each code read so far.
    seen: HashMap<String, usize>,
}

/// A word of a line and its byte range in the file.
type Word<'a> = (Range<usize>, &'a str);

impl Parser {
    fn line(
        &mut self,
        file: &SourceFile,
        line: Range<usize>,
        words: &[Word<'_>],
        diagnostics: &mut Diagnostics,
    ) {
        let Some((first_span, first)) = words.first() else {
            return;
        };
        if CONFLICT_MARKERS
            .iter()
            .any(|marker| first.starts_with(marker))
        {
            if !self.conflict {
                diagnostics.push(
                    Diagnostic::error("the lockfile has an unresolved merge conflict")
                        .at(first_span.clone())
                        .label("conflict marker")
                        .help("write the lockfile anew from the merged table with `error-table lock <spec>`"),
                );
            }
            self.conflict = true;
            return;
        }
        if !self.versioned {
            self.versioned = true;
            if *first == "version" {
                version(words, line, diagnostics);
                return;
            }
            diagnostics.push(
                Diagnostic::error("the lockfile does not start with a `version` line")
                    .at(line.clone())
                    .label(format!("expected `version {VERSION}` before this line"))
                    .help("write the lockfile with `error-table lock <spec>`"),
            );
        }
        if let Some(entry) = entry(line, words, diagnostics) {
            let number = file.line_of(entry.spans.line.start).0;
            if let Some(first_line) = self.seen.get(&entry.code) {
                diagnostics.push(
                    Diagnostic::error(format!("`{}` is locked twice", entry.code))
                        .at(entry.spans.code)
                        .label(format!("already locked on line {first_line}"))
                        .help("keep one line per code"),
                );
                return;
            }
            self.seen.insert(entry.code.clone(), number);
            self.entries.push(entry);
        }
    }
}

fn version(words: &[Word<'_>], line: Range<usize>, diagnostics: &mut Diagnostics) {
    match words {
        [_, (_, number)] if *number == VERSION.to_string() => {}
        [_, (span, number)] => diagnostics.push(
            Diagnostic::error(format!("lockfile version `{number}` is not supported"))
                .at(span.clone())
                .label(format!("this error-table reads version {VERSION}"))
                .help("write the lockfile with this version's `error-table lock <spec>`"),
        ),
        _ => diagnostics.push(
            Diagnostic::error("malformed `version` line")
                .at(line)
                .label(format!("expected `version {VERSION}`"))
                .help("write the lockfile with `error-table lock <spec>`"),
        ),
    }
}

/// One `CODE STATUS FIELD...` line.
fn entry(line: Range<usize>, words: &[Word<'_>], diagnostics: &mut Diagnostics) -> Option<Entry> {
    let [(code_span, code), rest @ ..] = words else {
        return None;
    };
    let Some(((status_span, status_text), fields)) = rest.split_first() else {
        diagnostics.push(
            Diagnostic::error(format!("no status for `{code}`"))
                .at(code_span.clone())
                .label("expected a status after the code")
                .help("each line is the code, its HTTP status and its placeholder fields"),
        );
        return None;
    };
    let status = status(status_span, status_text, diagnostics);
    let fields = field_set(fields, diagnostics);
    let fields_span = match (rest.get(1), rest.last()) {
        (Some((first, _)), Some((last, _))) => first.start..last.end,
        _ => status_span.end..status_span.end,
    };
    Some(Entry {
        code: (*code).to_owned(),
        status: status?,
        fields: fields?,
        spans: EntrySpans {
            line,
            code: code_span.clone(),
            status: status_span.clone(),
            fields: fields_span,
        },
    })
}

fn status(span: &Range<usize>, text: &str, diagnostics: &mut Diagnostics) -> Option<u16> {
    let value = text
        .parse::<u16>()
        .ok()
        .filter(|value| text.len() == 3 && (400..=599).contains(value));
    if value.is_none() {
        diagnostics.push(
            Diagnostic::error(format!("`{text}` is not an HTTP error status"))
                .at(span.clone())
                .label("expected a status from 400 to 599")
                .help("each line is the code, its HTTP status and its placeholder fields"),
        );
    }
    value
}

/// The fields of a line, sorted; `None` when one is malformed or repeated.
fn field_set(words: &[Word<'_>], diagnostics: &mut Diagnostics) -> Option<Vec<String>> {
    let mut fields: Vec<String> = Vec::new();
    let mut ok = true;
    for (span, field) in words {
        let problem = if !field.chars().all(|c| c.is_alphanumeric() || c == '_') {
            "is not a field name"
        } else if fields.iter().any(|seen| seen == field) {
            "is listed twice"
        } else {
            fields.push((*field).to_owned());
            continue;
        };
        diagnostics.push(
            Diagnostic::error(format!("`{field}` {problem}"))
                .at(span.clone())
                .label("expected the snake_case field of a placeholder")
                .help("each line is the code, its HTTP status and its placeholder fields"),
        );
        ok = false;
    }
    fields.sort();
    ok.then_some(fields)
}

/// The significant lines of `text`: the range of each and its words, with
/// blank lines and `#` comments left out.
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, Vec<Word<'_>>)> {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |raw| {
        let line_start = start;
        start += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        // A code may start with `#`, so only `#` alone or before a space
        // opens a comment.
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed == "#" || trimmed.starts_with("# ") {
            return None;
        }
        let words = line
            .split_ascii_whitespace()
            .map(|word| {
                let at = line_start + (word.as_ptr() as usize - line.as_ptr() as usize);
                (at..at + word.len(), word)
            })
            .collect();
        Some((line_start..line_start + line.len(), words))
    })
}

/// Every difference from `old` to `new`, sorted by code.
///
/// A code missing from `new` is taken as renamed when a code new in `new`
/// has its status and fields and a close spelling (at most a third of the
/// letters differ); otherwise it is removed.
#[must_use]
pub fn changes<'a>(old: &'a Lock, new: &'a Lock) -> Vec<Change<'a>> {
    let mut changes = Vec::new();
    let mut added: Vec<&Entry> = new
        .entries
        .iter()
        .filter(|entry| old.get(&entry.code).is_none())
        .collect();
    for before in &old.entries {
        let Some(after) = new.get(&before.code) else {
            match take_renamed(before, &mut added) {
                Some(after) => changes.push(Change::Renamed {
                    old: before,
                    new: after,
                }),
                None => changes.push(Change::Removed(before)),
            }
            continue;
        };
        if before.status != after.status {
            changes.push(Change::StatusChanged {
                old: before,
                new: after,
            });
        }
        if before.fields != after.fields {
            changes.push(Change::FieldsChanged {
                old: before,
                new: after,
            });
        }
    }
    changes.extend(added.into_iter().map(Change::Added));
    changes.sort_by(|a, b| a.code().cmp(b.code()));
    changes
}

/// Removes from `added` and returns the entry most likely to be `old`
/// under a new code.
fn take_renamed<'a>(old: &Entry, added: &mut Vec<&'a Entry>) -> Option<&'a Entry> {
    let (index, _) = added
        .iter()
        .enumerate()
        .filter(|(_, new)| new.status == old.status && new.fields == old.fields)
        .map(|(index, new)| (index, strsim::levenshtein(&old.code, &new.code)))
        .filter(|&(index, distance)| {
            let longest = added.get(index).map_or(0, |new| new.code.chars().count());
            distance * 3 <= longest.max(old.code.chars().count())
        })
        .min_by_key(|&(_, distance)| distance)?;
    Some(added.remove(index))
}

/// One error per contract of `locked` that `table` breaks, pointing into
/// the table's file; `update` is the command that accepts the changes.
#[must_use]
pub fn broken_contracts(
    locked: &Lock,
    lock_file: &SourceFile,
    table: &Lock,
    update: &str,
) -> Vec<Diagnostic> {
    changes(locked, table)
        .into_iter()
        .filter_map(|change| broken_contract(change, lock_file, update))
        .collect()
}

/// The error for a breaking change; `None` for an added code.
fn broken_contract(change: Change<'_>, lock_file: &SourceFile, update: &str) -> Option<Diagnostic> {
    let lock = lock_file.name();
    let pinned = |entry: &Entry| {
        let (line, _) = lock_file.line_of(entry.spans.line.start);
        let text = lock_file
            .text()
            .get(entry.spans.line.clone())
            .unwrap_or_default();
        format!("`{lock}` line {line} pins `{text}`")
    };
    let accept = |what: &str, pronoun: &str| {
        format!(
            "clients may rely on the locked {what}: restore {pronoun}, or accept the change on purpose with `{update}`"
        )
    };
    let diagnostic = match change {
        Change::StatusChanged { old, new } => Diagnostic::error(format!(
            "the status of `{}` changed from {} to {}, but the lockfile pins {}",
            old.code, old.status, new.status, old.status
        ))
        .at(new.spans.status.clone())
        .label(format!("locked as {}", old.status))
        .help(accept("status", "it"))
        .note(pinned(old)),
        Change::FieldsChanged { old, new } => Diagnostic::error(format!(
            "the placeholder fields of `{}` changed from {} to {}, but the lockfile pins {}",
            old.code,
            field_list(&old.fields),
            field_list(&new.fields),
            field_list(&old.fields)
        ))
        .at(new.spans.fields.clone())
        .label(format!("locked with {}", field_list(&old.fields)))
        .help(accept("placeholder fields", "them"))
        .note(pinned(old)),
        Change::Renamed { old, new } => Diagnostic::error(format!(
            "the locked code `{}` was renamed to `{}`",
            old.code, new.code
        ))
        .at(new.spans.code.clone())
        .label(format!("locked as `{}`", old.code))
        .help(accept("code", "it"))
        .note(pinned(old)),
        Change::Removed(old) => Diagnostic::error(format!(
            "the locked code `{}` is no longer in the table",
            old.code
        ))
        .help(accept("code", "it"))
        .note(pinned(old)),
        Change::Added(_) => return None,
    };
    Some(diagnostic)
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

/// The lockfile that `error-table lock <spec>` writes by default: the
/// spec's path with the extension `.lock`.
#[must_use]
pub fn default_path(spec: &str) -> String {
    Path::new(spec)
        .with_extension("lock")
        .to_string_lossy()
        .into_owned()
}

/// The command that writes `lock` from `spec`.
#[must_use]
pub fn lock_command(spec: &str, lock: &str) -> String {
    if default_path(spec) == lock {
        format!("error-table lock {spec}")
    } else {
        format!("error-table lock {spec} -o {lock}")
    }
}

/// What the lockfile says about a table, ready to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enforcement {
    /// The lockfile as read, lossily decoded if it is not UTF-8; `None`
    /// when it could not be read. A file that was read must be tracked
    /// for rebuilds.
    pub lock_file: Option<SourceFile>,
    /// Problems with the lockfile itself, pointing into `lock_file`.
    pub lock_problems: Vec<Diagnostic>,
    /// One error per contract that the table breaks, pointing into the
    /// spec.
    pub broken: Vec<Diagnostic>,
}

/// The `lock` setting at work: reads `lock` (relative to `base_dir`) and
/// compares it with the table that `generated` holds for `spec`.
///
/// A table with errors is not compared: its left-out rows would look
/// removed, and the table's own errors say more.
#[must_use]
pub fn enforce(
    base_dir: &Path,
    lock: &str,
    spec: &SourceFile,
    generated: &Generated,
) -> Enforcement {
    let command = lock_command(spec.name(), lock);
    let lock_file = match SourceFile::read(base_dir, lock) {
        Ok(file) => file,
        Err(error) => {
            let diagnostic = error
                .diagnostic
                .note(format!("write the lockfile with `{command}`"));
            return Enforcement {
                lock_file: error.lossy.map(|file| *file),
                lock_problems: vec![diagnostic],
                broken: Vec::new(),
            };
        }
    };
    let mut diagnostics = Diagnostics::default();
    let locked = Lock::parse(&lock_file, &mut diagnostics);
    let table_has_errors = generated
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error);
    let broken = if diagnostics.has_errors() || table_has_errors {
        Vec::new()
    } else {
        let table = Lock::from_checked(&generated.checked);
        broken_contracts(&locked, &lock_file, &table, &command)
    };
    Enforcement {
        lock_file: Some(lock_file),
        lock_problems: diagnostics.into_sorted(),
        broken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    const SPEC: &str = "\
| Code | Status | Message |
|---|---|---|
| NotFound | 404 | Resource {the resource} was not found. |
| BadInput | 400 | Input {the input} is bad for {the reason}. |
| Teapot | 418 | Short and stout. |
";

    fn table_lock(text: &str) -> (SourceFile, Lock) {
        let file = SourceFile::new("spec/errors.md", text);
        let generated = crate::generate(&file, &Settings::default());
        assert!(
            generated.diagnostics.is_empty(),
            "{:?}",
            generated.diagnostics
        );
        let lock = Lock::from_checked(&generated.checked);
        (file, lock)
    }

    fn parse(text: &str) -> (Lock, Vec<String>) {
        let file = SourceFile::new("spec/errors.lock", text);
        let mut diagnostics = Diagnostics::default();
        let lock = Lock::parse(&file, &mut diagnostics);
        let messages = diagnostics
            .into_sorted()
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect();
        (lock, messages)
    }

    fn broken(old_spec: &str, new_spec: &str) -> Vec<String> {
        let (_, old) = table_lock(old_spec);
        let lock_file = SourceFile::new("spec/errors.lock", old.to_text());
        let (locked, errors) = parse(lock_file.text());
        assert!(errors.is_empty(), "{errors:?}");
        let (spec, new) = table_lock(new_spec);
        broken_contracts(&locked, &lock_file, &new, "error-table lock spec/errors.md")
            .iter()
            .map(|diagnostic| diagnostic.render(Some(&spec)))
            .collect()
    }

    #[test]
    fn the_text_is_sorted_by_code_with_sorted_fields() {
        let (_, lock) = table_lock(SPEC);
        let text = lock.to_text();
        let body: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
        assert_eq!(
            body,
            [
                "version 1",
                "BadInput 400 input reason",
                "NotFound 404 resource",
                "Teapot 418",
            ]
        );
    }

    #[test]
    fn moving_rows_does_not_change_the_lock() {
        let teapot = "| Teapot | 418 | Short and stout. |\n";
        let moved = SPEC
            .replace(teapot, "")
            .replace("| NotFound |", &format!("{teapot}| NotFound |"));
        assert_ne!(moved, SPEC);
        assert_eq!(table_lock(SPEC).1.to_text(), table_lock(&moved).1.to_text());
    }

    #[test]
    fn text_round_trips() {
        let (_, lock) = table_lock(SPEC);
        let (parsed, errors) = parse(&lock.to_text());
        assert!(errors.is_empty(), "{errors:?}");
        let strip = |lock: &Lock| -> Vec<(String, u16, Vec<String>)> {
            lock.entries
                .iter()
                .map(|entry| (entry.code.clone(), entry.status, entry.fields.clone()))
                .collect()
        };
        assert_eq!(strip(&parsed), strip(&lock));
        assert_eq!(parsed.to_text(), lock.to_text());
    }

    #[test]
    fn a_code_may_start_with_a_hash() {
        let (lock, errors) = parse("version 1\n#Tag 400\n# a comment\n#\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lock.entries.len(), 1);
        assert_eq!(lock.entries[0].code, "#Tag");
    }

    #[test]
    fn crlf_and_unsorted_lines_are_read() {
        let (lock, errors) = parse("version 1\r\nB 500\r\nA 400 y x\r\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lock.entries[0].code, "A");
        assert_eq!(lock.entries[0].fields, ["x", "y"]);
        assert_eq!(lock.entries[1].spans.line, 11..16);
    }

    #[test]
    fn every_malformed_line_is_reported() {
        let (lock, errors) =
            parse("version 1\nA\nB 4000\nC 302\nD 400 ok bad-field ok\nE 400\nE 401\nF 400 x\n");
        assert_eq!(
            errors,
            [
                "no status for `A`",
                "`4000` is not an HTTP error status",
                "`302` is not an HTTP error status",
                "`bad-field` is not a field name",
                "`ok` is listed twice",
                "`E` is locked twice",
            ]
        );
        let codes: Vec<&str> = lock.entries.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["E", "F"]);
    }

    #[test]
    fn the_version_line_is_required_and_checked() {
        assert_eq!(
            parse("A 400\n").1,
            ["the lockfile does not start with a `version` line"]
        );
        assert_eq!(parse("").1, ["the lockfile has no `version` line"]);
        assert_eq!(
            parse("version 2\n").1,
            ["lockfile version `2` is not supported"]
        );
        assert_eq!(parse("version\n").1, ["malformed `version` line"]);
    }

    #[test]
    fn a_merge_conflict_is_reported_once() {
        let (_, errors) = parse("version 1\n<<<<<<< HEAD\nA 400\n=======\nA 404\n>>>>>>> branch\n");
        assert_eq!(
            errors,
            [
                "the lockfile has an unresolved merge conflict",
                "`A` is locked twice",
            ]
        );
    }

    #[test]
    fn parse_errors_point_into_the_lockfile() {
        let file = SourceFile::new("spec/errors.lock", "version 1\nA 4x4\n");
        let mut diagnostics = Diagnostics::default();
        let _ = Lock::parse(&file, &mut diagnostics);
        let rendered: Vec<String> = diagnostics
            .into_sorted()
            .iter()
            .map(|diagnostic| diagnostic.render(Some(&file)))
            .collect();
        insta::assert_snapshot!(rendered.join("\n"), @r"
        error: `4x4` is not an HTTP error status
         --> spec/errors.lock:2:3
          |
        2 | A 4x4
          |   ^^^ expected a status from 400 to 599
          |
          = help: each line is the code, its HTTP status and its placeholder fields
        ");
    }

    #[test]
    fn added_rows_pass() {
        let added = format!("{SPEC}| Gone | 410 | Gone for {{the reason}}. |\n");
        assert!(broken(SPEC, &added).is_empty());
    }

    #[test]
    fn a_status_change_points_at_the_status_cell() {
        let changed = SPEC.replace("| BadInput | 400 |", "| BadInput | 422 |");
        insta::assert_snapshot!(broken(SPEC, &changed).join("\n"), @r"
        error: the status of `BadInput` changed from 400 to 422, but the lockfile pins 400
         --> spec/errors.md:4:14
          |
        4 | | BadInput | 422 | Input {the input} is bad for {the reason}. |
          |              ^^^ locked as 400
          |
          = help: clients may rely on the locked status: restore it, or accept the change on purpose with `error-table lock spec/errors.md`
          = note: `spec/errors.lock` line 6 pins `BadInput 400 input reason`
        ");
    }

    #[test]
    fn a_placeholder_change_is_reported_with_both_sets() {
        let changed = SPEC.replace("{the reason}", "{the cause}");
        let errors = broken(SPEC, &changed);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "error: the placeholder fields of `BadInput` changed from `input`, `reason` to `cause`, `input`, but the lockfile pins `input`, `reason`"
            ),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn renaming_a_placeholder_without_changing_its_field_passes() {
        let changed = SPEC.replace("{the reason}", "{The Reason}");
        assert!(broken(SPEC, &changed).is_empty());
    }

    #[test]
    fn a_close_new_code_with_the_same_contract_is_a_rename() {
        let changed = SPEC.replace("| NotFound |", "| NotFnd |");
        let errors = broken(SPEC, &changed);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("error: the locked code `NotFound` was renamed to `NotFnd`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_removed_code_names_its_lock_line() {
        let changed = SPEC.replace("| Teapot | 418 | Short and stout. |\n", "");
        insta::assert_snapshot!(broken(SPEC, &changed).join("\n"), @r"
        error: the locked code `Teapot` is no longer in the table
        --> spec/errors.md
         = help: clients may rely on the locked code: restore it, or accept the change on purpose with `error-table lock spec/errors.md`
         = note: `spec/errors.lock` line 8 pins `Teapot 418`
        ");
    }

    #[test]
    fn an_unrelated_new_code_is_no_rename() {
        let (_, old) = table_lock(SPEC);
        let (_, new) = table_lock(&SPEC.replace("| Teapot |", "| Kettle |"));
        let changes = changes(&old, &new);
        let kinds: Vec<(&str, bool)> = changes
            .iter()
            .map(|change| (change.code(), change.is_breaking()))
            .collect();
        assert_eq!(kinds, [("Kettle", false), ("Teapot", true)]);
    }

    #[test]
    fn the_update_command_names_a_lockfile_off_the_default_path() {
        assert_eq!(default_path("spec/errors.md"), "spec/errors.lock");
        assert_eq!(
            lock_command("spec/errors.md", "spec/errors.lock"),
            "error-table lock spec/errors.md"
        );
        assert_eq!(
            lock_command("spec/errors.md", "errors.lock"),
            "error-table lock spec/errors.md -o errors.lock"
        );
    }
}
