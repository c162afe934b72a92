//! The YAML front matter of a page, read by a YAML parser: comments,
//! quoted values and nested keys are read as YAML reads them.

use std::ops::Range;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::Entry;
use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;

/// A front matter block that is not YAML: where, and what the parser
/// says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the parser stopped.
    pub span: Range<usize>,
    /// Its message.
    pub message: String,
}

impl Problem {
    /// A warning: the page is still read, without its front matter's keys.
    #[must_use]
    pub fn warning(&self) -> Diagnostic {
        Diagnostic::warning(
            DiagnosticCode::FrontMatterNotYaml,
            format!(
                "the front matter is not YAML, so none of its keys is read: {}",
                self.message
            ),
        )
        .at(self.span.clone())
        .label("the YAML parser stops here")
        .help("fix the YAML between the `---` lines; a value with `: ` or ` #` in it needs quotes")
    }
}

/// One open collection while the events are read.
enum Frame {
    /// A mapping, and the key whose value comes next.
    Map(Option<String>),
    /// A sequence: its items are not read.
    Seq,
}

/// The scalar values of `block` (the text between the `---` lines, which
/// starts at byte `start` of the file) under their keys, nested keys
/// joined by `.` (`ms.contentlocale`); values in lists are left out.
pub(super) fn read(block: &str, start: usize) -> Result<Vec<Entry>, Problem> {
    let mut parser = Parser::new_from_str(block);
    let mut frames: Vec<Frame> = Vec::new();
    let mut entries = Vec::new();
    loop {
        let (event, marker) = parser.next_token().map_err(|error| Problem {
            span: point(block, start, *error.marker()),
            message: error.info().to_owned(),
        })?;
        match event {
            Event::StreamEnd => return Ok(entries),
            Event::MappingStart(..) => frames.push(Frame::Map(None)),
            Event::SequenceStart(..) => frames.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                value_read(&mut frames);
            }
            Event::Scalar(value, style, ..) => match frames.last_mut() {
                Some(Frame::Map(key @ None)) => *key = Some(value),
                Some(Frame::Map(Some(_))) => {
                    if let Some(key) = path(&frames) {
                        let span = value_span(block, start, marker, &value, style);
                        entries.push(Entry { key, value, span });
                    }
                    value_read(&mut frames);
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// After a mapping's value, the next scalar is a key again.
fn value_read(frames: &mut [Frame]) {
    if let Some(Frame::Map(key)) = frames.last_mut() {
        *key = None;
    }
}

/// The keys from the outermost mapping to the innermost, joined by `.`;
/// `None` inside a list.
fn path(frames: &[Frame]) -> Option<String> {
    let keys: Option<Vec<&str>> = frames
        .iter()
        .map(|frame| match frame {
            Frame::Map(Some(key)) => Some(key.as_str()),
            _ => None,
        })
        .collect();
    keys.map(|keys| keys.join("."))
}

/// Where a scalar's text is: after its opening quote, for as long as the
/// value when it is written as is.
fn value_span(
    block: &str,
    start: usize,
    marker: Marker,
    value: &str,
    style: TScalarStyle,
) -> Range<usize> {
    let at = byte_offset(block, marker);
    let quoted = matches!(
        style,
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
    );
    let text_at = at + usize::from(quoted);
    let verbatim = block
        .get(text_at..text_at + value.len())
        .is_some_and(|text| text == value);
    if verbatim {
        start + text_at..start + text_at + value.len()
    } else {
        start + at..start + at
    }
}

/// The place of `marker`, as an empty range of the file.
fn point(block: &str, start: usize, marker: Marker) -> Range<usize> {
    let at = start + byte_offset(block, marker);
    at..at
}

/// The byte offset in `block` of a marker, which counts characters.
fn byte_offset(block: &str, marker: Marker) -> usize {
    block
        .char_indices()
        .nth(marker.index())
        .map_or(block.len(), |(offset, _)| offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(block: &str) -> Vec<(String, String, String)> {
        read(block, 0)
            .unwrap()
            .into_iter()
            .map(|entry| {
                let marked = block.get(entry.span.clone()).unwrap_or_default().to_owned();
                (entry.key, entry.value, marked)
            })
            .collect()
    }

    fn owned(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        items
            .iter()
            .map(|&(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
            .collect()
    }

    #[test]
    fn comments_quotes_and_nested_keys_are_read_as_yaml() {
        let block = "title: \"Errors: all of them\"\nlang: de # German\nms:\n  contentlocale: 'sv-SE'\n\
                     tags:\n  - a\n  - b\nsidebar:\n  order: 5\n";
        assert_eq!(
            entries(block),
            owned(&[
                ("title", "Errors: all of them", "Errors: all of them"),
                ("lang", "de", "de"),
                ("ms.contentlocale", "sv-SE", "sv-SE"),
                ("sidebar.order", "5", "5"),
            ])
        );
    }

    #[test]
    fn a_value_after_multibyte_text_is_marked_at_its_bytes() {
        let block = "title: Fel – översikt\nlocale: sv-SE\n";
        assert_eq!(entries(block)[1].2, "sv-SE");
    }

    #[test]
    fn a_block_that_is_not_yaml_is_a_problem_with_a_place() {
        let problem = read("title: x\n  bad: [unclosed\n", 10).unwrap_err();
        assert!(problem.span.start >= 10, "{problem:?}");
        assert!(!problem.message.is_empty());
    }
}
