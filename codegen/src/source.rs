//! Stage 1: bytes on disk become a [`SourceFile`] of checked UTF-8 text.

use std::io;
use std::ops::Range;
use std::path::Path;

use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;

/// The byte order mark some editors put at the start of UTF-8 files.
const BOM: &str = "\u{feff}";

/// A Markdown file as the pipeline sees it: a display name and its text.
///
/// Every span in the pipeline is a byte range into [`SourceFile::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    name: String,
    text: String,
    /// The byte offset where each line starts, so that finding the line of
    /// an offset is a binary search, not a scan.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A source from text already in memory, such as a test fixture.
    #[must_use]
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let text = match text.strip_prefix(BOM) {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let line_starts = line_starts(&text);
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Reads `relative` (as the user wrote it) from under `base`.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is not UTF-8.
    pub fn read(base: &Path, relative: &str) -> Result<Self, Box<ReadError>> {
        let bytes = std::fs::read(base.join(relative)).map_err(|error| {
            Box::new(ReadError {
                diagnostic: read_error(relative, &error),
                lossy: None,
            })
        })?;
        Self::from_bytes(relative, &bytes)
    }

    /// Decodes `bytes`, accepting a leading byte order mark.
    ///
    /// # Errors
    ///
    /// One diagnostic listing every invalid UTF-8 sequence, together with
    /// the lossily decoded file it points into.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self, Box<ReadError>> {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok(Self::new(name, text));
        }
        let mut text = String::with_capacity(bytes.len());
        let mut bad = Vec::new();
        let mut offset = 0;
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            offset += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                bad.push((offset, text.len()));
                text.push(char::REPLACEMENT_CHARACTER);
                offset += chunk.invalid().len();
            }
        }
        let file = Self::new(name, text);
        // A stripped BOM shifts the decoded text left by its length.
        let shift = if bytes.starts_with(BOM.as_bytes()) {
            BOM.len()
        } else {
            0
        };
        let (first_byte, first_char) = bad.first().copied().unwrap_or_default();
        let start = first_char.saturating_sub(shift);
        let mut diagnostic = Diagnostic::error(
            DiagnosticCode::NotUtf8,
            format!("`{name}` is not valid UTF-8: invalid byte at offset {first_byte}"),
        )
        .at(start..start + char::REPLACEMENT_CHARACTER.len_utf8())
        .label("this byte is not UTF-8")
        .help("save the file as UTF-8");
        if bad.len() > 1 {
            let offsets: Vec<String> = bad
                .iter()
                .skip(1)
                .map(|(byte, _)| byte.to_string())
                .collect();
            diagnostic = diagnostic.note(format!(
                "more invalid bytes at offsets {}",
                offsets.join(", ")
            ));
        }
        Err(Box::new(ReadError {
            diagnostic,
            lossy: Some(Box::new(file)),
        }))
    }

    /// The name used in messages: the path as the user wrote it.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text, without a byte order mark.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line number and the byte range of the line holding
    /// `offset`, without its line ending.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let offset = offset.min(self.text.len());
        // The number of lines starting at or before `offset`; at least 1,
        // as the first line starts at 0.
        let number = self.line_starts.partition_point(|&start| start <= offset);
        let start = self
            .line_starts
            .get(number.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .line_starts
            .get(number)
            .map_or(self.text.len(), |next| next - 1);
        let line_text = self.text.get(start..end).unwrap_or_default();
        (
            number,
            start..start + line_text.trim_end_matches('\r').len(),
        )
    }

    /// The 1-based line and column (in characters) of `offset`.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, range) = self.line_of(offset);
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let column = self
            .text
            .get(range.start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        (line, column + 1)
    }
}

/// The paths, relative to `base_dir`, that `pattern` names: itself when it
/// has no wildcard, else every matching file, sorted so that the result
/// does not depend on the file system's order.
///
/// # Errors
///
/// A message when the pattern is malformed or matches no file.
pub fn matching_paths(base_dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
    if !pattern.contains(['*', '?', '[']) {
        return Ok(vec![pattern.to_owned()]);
    }
    let absolute = base_dir.join(pattern);
    let entries = glob::glob(&absolute.to_string_lossy())
        .map_err(|error| format!("`{pattern}` is not a valid glob pattern: {error}"))?;
    let mut paths: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|path| path.is_file())
        .filter_map(|path| {
            path.strip_prefix(base_dir)
                .ok()
                .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!(
            "no file matches `{pattern}` (relative to the directory of the crate's Cargo.toml)"
        ));
    }
    Ok(paths)
}

/// Why a file could not become a [`SourceFile`].
#[derive(Debug, Clone)]
pub struct ReadError {
    /// What went wrong, pointing into `lossy` when there is one.
    pub diagnostic: Diagnostic,
    /// The file decoded with replacement characters, when it was read but
    /// is not UTF-8, so that the diagnostic can show the line.
    pub lossy: Option<Box<SourceFile>>,
}

/// The largest char boundary at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn read_error(relative: &str, error: &io::Error) -> Diagnostic {
    let (what, help) = match error.kind() {
        io::ErrorKind::NotFound => (
            "no such file",
            "the path is relative to the directory of the crate's Cargo.toml",
        ),
        io::ErrorKind::IsADirectory => ("it is a directory", "name the Markdown file inside it"),
        io::ErrorKind::PermissionDenied => ("permission denied", "make the file readable"),
        _ => {
            // The system's words, such as "too many levels of symbolic
            // links" for a link loop, which has no stable `ErrorKind`.
            let reason = error.to_string();
            let mut chars = reason.chars();
            let reason: String = chars
                .next()
                .map(|first| first.to_ascii_lowercase())
                .into_iter()
                .chain(chars)
                .collect();
            return Diagnostic::error(
                DiagnosticCode::Unreadable,
                format!("cannot read `{relative}`: {reason}"),
            )
            .help("check that the path names a readable file, and that links lead to one");
        }
    };
    Diagnostic::error(
        DiagnosticCode::Unreadable,
        format!("cannot read `{relative}`: {what}"),
    )
    .help(help)
}

/// Where each line of `text` starts. Lines end at `\n`, `\r\n` or a lone
/// `\r`, as in `CommonMark`.
///
/// The searches are the standard library's `str::find` of one byte and
/// `<[u8]>::contains`, which scan a word at a time in its optimized build:
/// the macro runs unoptimized in `cargo check`, where a loop over the bytes
/// costs about 85 instructions a byte, and twenty translations of a
/// 2,000-row table are 4.7 MB.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(ends_of(text, '\n'));
    if text.as_bytes().contains(&b'\r') {
        let bytes = text.as_bytes();
        let lone = ends_of(text, '\r').filter(|&next| bytes.get(next) != Some(&b'\n'));
        starts.extend(lone);
        starts.sort_unstable();
    }
    starts
}

/// The offsets just after each `end` in `text`.
fn ends_of(text: &str, end: char) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = text.get(at..)?.find(end)?;
        at += found + end.len_utf8();
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_offsets_start_after_it() {
        let file = SourceFile::new("a.md", "\u{feff}# Title\n");
        assert_eq!(file.text(), "# Title\n");
        assert_eq!(file.line_col(2), (1, 3));
    }

    #[test]
    fn crlf_line_ends_are_not_part_of_the_line() {
        let file = SourceFile::new("a.md", "one\r\ntwo\r\n");
        assert_eq!(file.line_of(6), (2, 5..8));
        assert_eq!(file.line_col(6), (2, 2));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_commonmark() {
        let file = SourceFile::new("a.md", "one\rtwo\r\nthree\rfour");
        assert_eq!(file.line_of(4), (2, 4..7));
        assert_eq!(file.line_col(9), (3, 1));
        assert_eq!(file.line_of(16), (4, 15..19));
        assert_eq!(file.line_col(3), (1, 4));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a.md", "é | x");
        assert_eq!(file.line_col(5), (1, 5));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_do_not_panic() {
        let file = SourceFile::new("a.md", "é");
        assert_eq!(file.line_col(1), (1, 1));
        assert_eq!(file.line_col(99), (1, 2));
    }

    #[test]
    fn invalid_utf8_names_every_bad_offset() {
        let error = SourceFile::from_bytes("a.md", b"ok\n\xffx\xfe").unwrap_err();
        let ReadError {
            diagnostic,
            lossy: Some(lossy),
        } = *error
        else {
            panic!("no lossy text for invalid UTF-8");
        };
        assert_eq!(
            diagnostic.message,
            "`a.md` is not valid UTF-8: invalid byte at offset 3"
        );
        assert_eq!(diagnostic.notes, ["more invalid bytes at offsets 5"]);
        assert_eq!(lossy.text(), "ok\n\u{fffd}x\u{fffd}");
        assert_eq!(diagnostic.range(), Some(&(3..6)));
    }

    /// `tests/inputs.rs` reads a real mode-000 file, which root can read
    /// all the same; this checks the message whoever runs the tests.
    #[test]
    fn an_unreadable_file_says_permission_denied() {
        let error = io::Error::from(io::ErrorKind::PermissionDenied);
        let diagnostic = read_error("spec/errors.md", &error);
        assert_eq!(
            diagnostic.message,
            "cannot read `spec/errors.md`: permission denied"
        );
        assert_eq!(diagnostic.help.as_deref(), Some("make the file readable"));
    }

    #[test]
    #[cfg(unix)]
    fn a_symbolic_link_loop_is_named_by_the_system_error() {
        let dir = std::env::temp_dir().join(format!("error-table-loop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let link = dir.join("loop.md");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("loop.md", &link).unwrap();
        let error = SourceFile::read(&dir, "loop.md").unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            error
                .diagnostic
                .message
                .starts_with("cannot read `loop.md`: too many levels of symbolic links (os error "),
            "{}",
            error.diagnostic.message
        );
        assert_eq!(
            error.diagnostic.help.as_deref(),
            Some("check that the path names a readable file, and that links lead to one")
        );
    }

    #[test]
    fn missing_file_says_where_paths_are_relative_to() {
        let error = SourceFile::read(Path::new("/nonexistent-dir"), "spec/errors.md").unwrap_err();
        assert_eq!(
            error.diagnostic.message,
            "cannot read `spec/errors.md`: no such file"
        );
        assert!(error.lossy.is_none());
    }
}
