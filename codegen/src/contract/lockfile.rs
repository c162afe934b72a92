//! The contract lockfile: a [`Contract`] pinned in a text file next to
//! the spec.
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
//! A row with aliases (codes its readers accept besides its own, see
//! `spec/FORMAT.md`) ends its line with the word `aliases:` and them,
//! sorted:
//!
//! ```text
//! VersionConflict 409 other_version version aliases: Conflict
//! ```
//!
//! Codes never hold whitespace (the table rejects such codes) and fields
//! are identifiers (never `aliases:`), so a line splits at spaces without
//! quoting. Messages
//! are not locked: they are free text and may be reworded.
//!
//! A table whose enums are exhaustive (the macro's `exhaustive = true`,
//! the CLI's `--exhaustive`) has a line `exhaustive` after the version:
//! for it, an added code is a breaking change too, since a downstream
//! `match` without a wildcard arm stops compiling. (A code line always has
//! a status, so the one word cannot be read as a code.)

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::{Contract, Entry, EntrySpans};
use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The format version this code reads and writes.
pub const VERSION: u32 = 1;

/// The comment at the top of every lockfile.
const PREAMBLE: &str = "\
# error-table lockfile: the error contract that clients rely on.
# One line per error code, sorted by code: the code, its HTTP status and
# its placeholder fields. The build fails when the table breaks a line;
# after a deliberate change, update this file with `error-table lock <spec>`.
";

/// The word before the aliases of a line.
const ALIASES: &str = "aliases:";

/// The lines Git writes into a file with a merge conflict.
const CONFLICT_MARKERS: [&str; 4] = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"];

/// The text of the lockfile of `contract`: the same table gives the same
/// bytes.
#[must_use]
pub fn print(contract: &Contract) -> String {
    let mut text = format!("{PREAMBLE}version {VERSION}\n");
    if contract.exhaustive {
        text.push_str("exhaustive\n");
    }
    for entry in &contract.entries {
        text.push_str(&entry.code);
        text.push(' ');
        text.push_str(&entry.status.to_string());
        for field in &entry.fields {
            text.push(' ');
            text.push_str(field);
        }
        if !entry.aliases.is_empty() {
            text.push(' ');
            text.push_str(ALIASES);
            for alias in &entry.aliases {
                text.push(' ');
                text.push_str(alias);
            }
        }
        text.push('\n');
    }
    text
}

/// Reads a lockfile, recording every malformed line; the lines that are
/// fine are kept.
pub fn parse(file: &SourceFile, diagnostics: &mut Diagnostics) -> Contract {
    let mut parser = Parser::default();
    for (line, words) in lines(file.text()) {
        parser.line(file, line, &words, diagnostics);
    }
    if !parser.versioned {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::MalformedLock,
                "the lockfile has no `version` line",
            )
            .help("write the lockfile with `error-table lock <spec>`"),
        );
    }
    Contract::sorted(parser.entries, parser.exhaustive)
}

/// The state of reading a lockfile line by line.
#[derive(Default)]
struct Parser {
    /// Whether the `version` line was seen; it must come first.
    versioned: bool,
    /// Whether a merge conflict was reported, so that it is reported once.
    conflict: bool,
    entries: Vec<Entry>,
    /// Whether the `exhaustive` line was seen.
    exhaustive: bool,
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
                    Diagnostic::error(DiagnosticCode::LockConflict, "the lockfile has an unresolved merge conflict")
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
                Diagnostic::error(
                    DiagnosticCode::MalformedLock,
                    "the lockfile does not start with a `version` line",
                )
                .at(line.clone())
                .label(format!("expected `version {VERSION}` before this line"))
                .help("write the lockfile with `error-table lock <spec>`"),
            );
        }
        if let [(_, "exhaustive")] = words {
            self.exhaustive = true;
            return;
        }
        if let Some(entry) = entry(line, words, diagnostics) {
            let number = file.line_of(entry.spans.line.start).0;
            if let Some(first_line) = self.seen.get(&entry.code) {
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticCode::MalformedLock,
                        format!("`{}` is locked twice", entry.code),
                    )
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
            Diagnostic::error(
                DiagnosticCode::MalformedLock,
                format!("lockfile version `{number}` is not supported"),
            )
            .at(span.clone())
            .label(format!("this error-table reads version {VERSION}"))
            .help("write the lockfile with this version's `error-table lock <spec>`"),
        ),
        _ => diagnostics.push(
            Diagnostic::error(DiagnosticCode::MalformedLock, "malformed `version` line")
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
            Diagnostic::error(
                DiagnosticCode::MalformedLock,
                format!("no status for `{code}`"),
            )
            .at(code_span.clone())
            .label("expected a status after the code")
            .help("each line is the code, its HTTP status and its placeholder fields"),
        );
        return None;
    };
    let status = status(status_span, status_text, diagnostics);
    let (fields, aliases) = match fields.iter().position(|(_, word)| *word == ALIASES) {
        Some(at) => (
            fields.get(..at).unwrap_or_default(),
            fields.get(at + 1..).unwrap_or_default(),
        ),
        None => (fields, &[][..]),
    };
    let fields_span = match (fields.first(), fields.last()) {
        (Some((first, _)), Some((last, _))) => first.start..last.end,
        _ => status_span.end..status_span.end,
    };
    let fields = field_set(fields, diagnostics);
    let aliases = alias_set(code, aliases, diagnostics);
    Some(Entry {
        code: (*code).to_owned(),
        status: status?,
        fields: fields?,
        aliases: aliases?,
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
        // 3xx too: the `statuses` setting may admit them to the table.
        .filter(|value| text.len() == 3 && (300..=599).contains(value));
    if value.is_none() {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::MalformedLock,
                format!("`{text}` is not an HTTP error status"),
            )
            .at(span.clone())
            .label("expected a status from 300 to 599")
            .help("each line is the code, its HTTP status and its placeholder fields"),
        );
    }
    value
}

/// The fields of a line, sorted; `None` when one is malformed or repeated.
fn field_set(words: &[Word<'_>], diagnostics: &mut Diagnostics) -> Option<Vec<String>> {
    word_set(
        words,
        |field| {
            (!field.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .then_some("is not a field name")
        },
        |field, problem| format!("`{field}` {problem}"),
        (
            "expected the snake_case field of a placeholder",
            "each line is the code, its HTTP status and its placeholder fields",
        ),
        diagnostics,
    )
}

/// The aliases of a line, sorted; `None` when one is repeated or is the
/// line's code.
fn alias_set(code: &str, words: &[Word<'_>], diagnostics: &mut Diagnostics) -> Option<Vec<String>> {
    word_set(
        words,
        |alias| (alias == code).then_some("is the line's own code"),
        |alias, problem| format!("the alias `{alias}` {problem}"),
        (
            "expected another code that clients accept for this line's",
            "after `aliases:`, list each other code of the row once",
        ),
        diagnostics,
    )
}

/// `words` as a sorted set; `None`, with an error at each such word, when one
/// is repeated or `problem` finds fault with it. `message` words the
/// error of a word and its problem; `(label, help)` are the error's.
fn word_set(
    words: &[Word<'_>],
    problem: impl Fn(&str) -> Option<&'static str>,
    message: impl Fn(&str, &str) -> String,
    (label, help): (&str, &str),
    diagnostics: &mut Diagnostics,
) -> Option<Vec<String>> {
    let mut set: Vec<String> = Vec::new();
    let mut ok = true;
    for (span, word) in words {
        let Some(problem) = problem(word).or_else(|| {
            set.iter()
                .any(|seen| seen == word)
                .then_some("is listed twice")
        }) else {
            set.push((*word).to_owned());
            continue;
        };
        diagnostics.push(
            Diagnostic::error(DiagnosticCode::MalformedLock, message(word, problem))
                .at(span.clone())
                .label(label)
                .help(help),
        );
        ok = false;
    }
    set.sort();
    ok.then_some(set)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{SPEC, of_spec};

    fn read(text: &str) -> (Contract, Vec<String>) {
        let file = SourceFile::new("spec/errors.lock", text);
        let mut diagnostics = Diagnostics::default();
        let contract = parse(&file, &mut diagnostics);
        let messages = diagnostics
            .into_sorted()
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect();
        (contract, messages)
    }

    #[test]
    fn the_text_is_sorted_by_code_with_sorted_fields() {
        let (_, contract) = of_spec(SPEC);
        let text = print(&contract);
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
        assert_eq!(print(&of_spec(SPEC).1), print(&of_spec(&moved).1));
    }

    #[test]
    fn text_round_trips() {
        let (_, contract) = of_spec(SPEC);
        let (parsed, errors) = read(&print(&contract));
        assert!(errors.is_empty(), "{errors:?}");
        let strip = |contract: &Contract| -> Vec<(String, u16, Vec<String>)> {
            contract
                .entries
                .iter()
                .map(|entry| (entry.code.clone(), entry.status, entry.fields.clone()))
                .collect()
        };
        assert_eq!(strip(&parsed), strip(&contract));
        assert_eq!(print(&parsed), print(&contract));
    }

    #[test]
    fn aliases_are_printed_after_the_fields_and_read_back() {
        let (_, contract) = of_spec(
            "| Code | Status | Message | Aliases |\n|---|---|---|---|\n\
             | Gone | 410 | {the resource} is gone. | Missing, Deleted |\n\
             | Teapot | 418 | Short and stout. | `Kettle` |\n\
             | Internal | 500 | Oops. | |\n",
        );
        let text = print(&contract);
        let body: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
        assert_eq!(
            body,
            [
                "version 1",
                "Gone 410 resource aliases: Deleted Missing",
                "Internal 500",
                "Teapot 418 aliases: Kettle",
            ]
        );
        let (parsed, errors) = read(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(parsed.entries[0].aliases, ["Deleted", "Missing"]);
        assert_eq!(parsed.entries[0].fields, ["resource"]);
        assert_eq!(print(&parsed), text);
    }

    #[test]
    fn a_repeated_alias_or_the_own_code_as_alias_is_malformed() {
        let (_, errors) = read("version 1\nA 400 x aliases: B B\nC 400 aliases: C\n");
        assert_eq!(
            errors,
            [
                "the alias `B` is listed twice",
                "the alias `C` is the line's own code"
            ]
        );
    }

    #[test]
    fn a_code_may_start_with_a_hash() {
        let (contract, errors) = read("version 1\n#Tag 400\n# a comment\n#\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(contract.entries.len(), 1);
        assert_eq!(contract.entries[0].code, "#Tag");
    }

    #[test]
    fn crlf_and_unsorted_lines_are_read() {
        let (contract, errors) = read("version 1\r\nB 500\r\nA 400 y x\r\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(contract.entries[0].code, "A");
        assert_eq!(contract.entries[0].fields, ["x", "y"]);
        assert_eq!(contract.entries[1].spans.line, 11..16);
    }

    #[test]
    fn every_malformed_line_is_reported() {
        let (contract, errors) =
            read("version 1\nA\nB 4000\nC 204\nD 400 ok bad-field ok\nE 400\nE 401\nF 400 x\n");
        assert_eq!(
            errors,
            [
                "no status for `A`",
                "`4000` is not an HTTP error status",
                "`204` is not an HTTP error status",
                "`bad-field` is not a field name",
                "`ok` is listed twice",
                "`E` is locked twice",
            ]
        );
        let codes: Vec<&str> = contract.entries.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["E", "F"]);
    }

    #[test]
    fn the_version_line_is_required_and_checked() {
        assert_eq!(
            read("A 400\n").1,
            ["the lockfile does not start with a `version` line"]
        );
        assert_eq!(read("").1, ["the lockfile has no `version` line"]);
        assert_eq!(
            read("version 2\n").1,
            ["lockfile version `2` is not supported"]
        );
        assert_eq!(read("version\n").1, ["malformed `version` line"]);
    }

    #[test]
    fn a_merge_conflict_is_reported_once() {
        let (_, errors) = read("version 1\n<<<<<<< HEAD\nA 400\n=======\nA 404\n>>>>>>> branch\n");
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
        let _ = parse(&file, &mut diagnostics);
        let rendered: Vec<String> = diagnostics
            .into_sorted()
            .iter()
            .map(|diagnostic| diagnostic.render(Some(&file)))
            .collect();
        insta::assert_snapshot!(rendered.join("\n"), @"
        error[ET0701]: `4x4` is not an HTTP error status
         --> spec/errors.lock:2:3
          |
        2 | A 4x4
          |   ^^^ expected a status from 300 to 599
          |
          = help: each line is the code, its HTTP status and its placeholder fields
        ");
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
