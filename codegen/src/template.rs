//! Message templates: literal text with `{placeholder name}` holes.

use std::borrow::Cow;
use std::ops::Range;

use heck::ToSnakeCase;
use unicode_normalization::UnicodeNormalization;

use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::markdown::Cell;
use crate::settings::VarValue;

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The message as written, braces included.
    pub text: String,
    /// Literal runs and holes, in order.
    pub segments: Vec<Segment>,
    /// The message cell.
    pub span: Range<usize>,
    /// The docs-generator variables (`{{ product-name }}`) it holds.
    pub variables: Vec<Variable>,
}

/// A docs-generator variable, `{{ name }}` with spaces inside the braces,
/// which a docs site replaces by its value before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Its name, between the braces.
    pub name: String,
    /// Where it is, braces included.
    pub span: Range<usize>,
    /// Its value from the `vars` setting; without one, the message shows
    /// it as `{ name }`, as the braces `{{` and `}}` are literal.
    pub value: Option<String>,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text shown as is, with `{{` and `}}` already turned into braces.
    Literal(String),
    /// A hole filled from a field of the error.
    Placeholder(Placeholder),
}

/// A `{placeholder name}` hole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The name between the braces, trimmed.
    pub name: String,
    /// The Rust field that fills it: lowercase words joined by `_`, a
    /// leading article dropped (`{the invalid IP}` becomes `invalid_ip`).
    pub field: String,
    /// The hole, braces included.
    pub span: Range<usize>,
}

impl Segment {
    /// The hole, if this segment is one.
    #[must_use]
    pub fn placeholder(&self) -> Option<&Placeholder> {
        match self {
            Self::Placeholder(placeholder) => Some(placeholder),
            Self::Literal(_) => None,
        }
    }
}

impl Template {
    /// The placeholders, in order of appearance.
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.segments.iter().filter_map(Segment::placeholder)
    }

    /// Parses a message cell, recording every malformed hole; `vars` are
    /// the values of docs-generator variables, by name.
    ///
    /// Returns `None` when the template has errors.
    pub fn parse(cell: &Cell, vars: &[VarValue], errors: &mut Vec<Diagnostic>) -> Option<Self> {
        if cell.text.is_empty() {
            errors.push(
                Diagnostic::error(DiagnosticCode::EmptyMessage, "empty message")
                    .at(cell.span.clone())
                    .label("every row needs a message")
                    .help("write the message clients see for this error"),
            );
            return None;
        }
        let before = errors.len();
        let mut found = Vec::new();
        let segments = segments(cell, vars, &mut found, errors);
        check_duplicates(&segments, errors);
        (errors.len() == before).then(|| Self {
            text: with_values(&cell.text, &found),
            segments,
            span: cell.source_span(0..cell.text.len()),
            variables: found
                .into_iter()
                .map(|(variable, _)| Variable {
                    span: cell.source_span(variable.span.clone()),
                    ..variable
                })
                .collect(),
        })
    }
}

/// The field name of a placeholder name, in Unicode's composed form
/// (NFC), as Rust compares identifiers: a name typed with a combining
/// accent and one typed with the accented letter are the same field.
#[must_use]
pub fn field_name(name: &str) -> String {
    lowercase_field_name(name).unwrap_or_else(|| any_field_name(name))
}

/// [`field_name`] of any name.
fn any_field_name(name: &str) -> String {
    let name = composed(name);
    let mut words = name.split_whitespace().peekable();
    let first = words.peek().map(|word| word.to_lowercase());
    if matches!(first.as_deref(), Some("the" | "a" | "an"))
        && name.split_whitespace().nth(1).is_some()
    {
        words.next();
    }
    words.collect::<Vec<_>>().join(" ").to_snake_case()
}

/// `text` in Unicode's composed form (NFC). Before the words are cut:
/// a combining mark on its own is no letter, and would cut a word.
fn composed(text: &str) -> Cow<'_, str> {
    // ASCII is composed already; most names are ASCII.
    if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// [`field_name`] of a name of ASCII words separated by spaces, each
/// lowercase but for its first letter, the usual kind: its words
/// lowercased and joined by `_`, without the article. One pass over the
/// bytes, where `to_snake_case` goes `char` by `char` through word
/// boundary rules (the macro runs unoptimized in `cargo check`, and every
/// translation repeats every name). `None` for other names.
fn lowercase_field_name(name: &str) -> Option<String> {
    let mut field = String::with_capacity(name.len());
    let mut word_start = true;
    for byte in name.bytes() {
        match byte {
            b' ' => {
                if !word_start {
                    field.push('_');
                }
                word_start = true;
            }
            b'a'..=b'z' => {
                field.push(char::from(byte));
                word_start = false;
            }
            b'A'..=b'Z' if word_start => {
                field.push(char::from(byte.to_ascii_lowercase()));
                word_start = false;
            }
            _ => return None,
        }
    }
    if field.ends_with('_') {
        field.pop();
    }
    let article = ["the_", "a_", "an_"]
        .iter()
        .find(|article| field.starts_with(**article));
    field.drain(..article.map_or(0, |article| article.len()));
    Some(field)
}

/// Scans bytes for the braces (ASCII, so every cut is a `char` boundary)
/// and copies the text between them in runs: the macro runs unoptimized
/// in `cargo check`, where going `char` by `char` costs many times more.
/// `found` gets each variable, with its span in the cell's text.
fn segments(
    cell: &Cell,
    vars: &[VarValue],
    found: &mut Vec<(Variable, Range<usize>)>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Segment> {
    let text = cell.text.as_str();
    let bytes = text.as_bytes();
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut at = 0;
    while let Some(brace_at) = next_brace(text, at) {
        literal.push_str(text.get(at..brace_at).unwrap_or_default());
        let brace = bytes.get(brace_at).copied();
        if let Some((name, span)) = variable_at(text, brace_at) {
            let value = vars
                .iter()
                .find(|var| var.name == name)
                .map(|var| var.value.clone());
            if let Some(value) = &value {
                literal.push_str(value);
                at = span.end;
            }
            let variable = Variable {
                name: name.to_owned(),
                span: span.clone(),
                value,
            };
            found.push((variable, span));
            if found
                .last()
                .is_some_and(|(variable, _)| variable.value.is_some())
            {
                continue;
            }
        }
        if bytes.get(brace_at + 1).copied() == brace {
            // `{{` and `}}` stand for one brace.
            literal.push(if brace == Some(b'{') { '{' } else { '}' });
            at = brace_at + 2;
            continue;
        }
        at = brace_at + 1;
        if brace == Some(b'}') {
            errors.push(
                Diagnostic::error(DiagnosticCode::UnmatchedBrace, "unmatched `}` in message")
                    .at(cell.source_span(brace_at..brace_at + 1))
                    .label("no `{` opens this")
                    .help("write `}}` for a literal brace"),
            );
            continue;
        }
        let close = next_brace(text, at).filter(|&end| bytes.get(end) == Some(&b'}'));
        let Some(end) = close else {
            errors.push(
                Diagnostic::error(
                    DiagnosticCode::UnclosedPlaceholder,
                    "unclosed placeholder in message",
                )
                .at(cell.source_span(brace_at..brace_at + 1))
                .label("this `{` is never closed")
                .help("close the placeholder with `}`, or write `{{` for a literal brace"),
            );
            continue;
        };
        at = end + 1;
        if let Some(placeholder) = placeholder(cell, brace_at..end + 1, errors) {
            if !literal.is_empty() {
                segments.push(Segment::Literal(std::mem::take(&mut literal)));
            }
            segments.push(Segment::Placeholder(placeholder));
        }
    }
    literal.push_str(text.get(at..).unwrap_or_default());
    if !literal.is_empty() {
        segments.push(Segment::Literal(literal));
    }
    segments
}

/// The variable `{{ name }}` that starts at `start`, if one does: `{{`,
/// spaces, a name of letters, digits, `_`, `.` and `-`, spaces, `}}`. The
/// spaces tell it from literal braces around a word, `{{x}}`.
fn variable_at(text: &str, start: usize) -> Option<(&str, Range<usize>)> {
    let rest = text.get(start..)?.strip_prefix("{{")?;
    let inner_len = rest.find("}}")?;
    let inner = rest.get(..inner_len)?;
    let name = inner.trim_matches([' ', '\t']);
    let spaced = inner.starts_with([' ', '\t']) && inner.ends_with([' ', '\t']);
    let named = name.chars().any(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    (spaced && named).then(|| (name, start..start + 2 + inner_len + 2))
}

/// The message as written, with each variable that has a value replaced by
/// it, its braces doubled so that the text still reads as a template.
fn with_values(text: &str, found: &[(Variable, Range<usize>)]) -> String {
    let mut written = String::with_capacity(text.len());
    let mut at = 0;
    for (variable, span) in found {
        let Some(value) = &variable.value else {
            continue;
        };
        written.push_str(text.get(at..span.start).unwrap_or_default());
        written.push_str(&value.replace('{', "{{").replace('}', "}}"));
        at = span.end;
    }
    written.push_str(text.get(at..).unwrap_or_default());
    written
}

/// Where the next `{` or `}` at or after `from` is. Two searches of the
/// standard library's `str::find` of one byte, which scans a word at a
/// time in its optimized build, rather than a loop: every message of every
/// translation is scanned, unoptimized in `cargo check`.
fn next_brace(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let open = rest.find('{');
    let close = rest.find('}');
    let offset = match (open, close) {
        (Some(open), Some(close)) => open.min(close),
        (found, None) | (None, found) => found?,
    };
    Some(from + offset)
}

fn placeholder(
    cell: &Cell,
    hole: Range<usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Placeholder> {
    let span = cell.source_span(hole.clone());
    let inner = cell
        .text
        .get(hole.start + 1..hole.end - 1)
        .unwrap_or_default()
        .trim();
    let field = field_name(inner);
    if field.is_empty() {
        let what = if inner.is_empty() {
            "empty placeholder `{}`"
        } else {
            "placeholder without a name"
        };
        errors.push(
            Diagnostic::error(
                DiagnosticCode::UnnamedPlaceholder,
                format!("{what} in message"),
            )
            .at(span)
            .label("a placeholder needs a name")
            .help("name the value, as in `{the invalid hash}`, or write `{{}}` for literal braces"),
        );
        return None;
    }
    Some(Placeholder {
        name: inner.to_owned(),
        field,
        span,
    })
}

/// Two holes of one message may not fill the same field.
fn check_duplicates(segments: &[Segment], errors: &mut Vec<Diagnostic>) {
    let placeholders: Vec<&Placeholder> =
        segments.iter().filter_map(Segment::placeholder).collect();
    for (index, later) in placeholders.iter().enumerate() {
        let Some(earlier) = placeholders
            .iter()
            .take(index)
            .find(|earlier| earlier.field == later.field)
        else {
            continue;
        };
        let diagnostic = if composed(&earlier.name) == composed(&later.name) {
            let diagnostic = Diagnostic::error(
                DiagnosticCode::RepeatedPlaceholder,
                format!(
                    "placeholder `{{{}}}` appears twice in one message",
                    later.name
                ),
            )
            .at(later.span.clone())
            .label("second use")
            .help("remove the second one, or give it a name of its own");
            if earlier.name == later.name {
                diagnostic
            } else {
                diagnostic.note(
                    "the two are typed with different Unicode characters (one with a combining accent), but are the same name",
                )
            }
        } else {
            Diagnostic::error(
                DiagnosticCode::CollidingPlaceholders,
                format!(
                    "placeholders `{{{}}}` and `{{{}}}` both become the field `{}`",
                    earlier.name, later.name, later.field
                ),
            )
            .at(later.span.clone())
            .label("collides with an earlier placeholder")
            .help("rename one of them so that their words differ")
        };
        errors.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;
    use crate::source::SourceFile;

    fn parse_message(message: &str) -> (Option<Template>, Vec<String>) {
        let text = format!("| m |\n|---|\n| {message} |\n");
        let doc = markdown::parse(&SourceFile::new("t.md", text));
        let mut errors = Vec::new();
        let template = Template::parse(&doc.tables[0].rows[0].cells[0], &[], &mut errors);
        (template, errors.into_iter().map(|e| e.message).collect())
    }

    #[test]
    fn composed_and_decomposed_spellings_are_one_field() {
        let composed = "the caf\u{e9} name";
        let decomposed = "the cafe\u{301} name";
        assert_eq!(field_name(composed), "caf\u{e9}_name");
        assert_eq!(field_name(decomposed), field_name(composed));
        let (template, errors) = parse_message(&format!("{{{composed}}} and {{{decomposed}}}"));
        assert!(template.is_none());
        assert_eq!(
            errors,
            [format!(
                "placeholder `{{{decomposed}}}` appears twice in one message"
            )]
        );
    }

    #[test]
    fn field_names_drop_a_leading_article_and_join_words() {
        assert_eq!(field_name("the invalid hash"), "invalid_hash");
        assert_eq!(field_name("The requested action"), "requested_action");
        assert_eq!(field_name("the invalid IP"), "invalid_ip");
        assert_eq!(field_name("the client OS Platform"), "client_os_platform");
        assert_eq!(field_name("batch size received"), "batch_size_received");
        assert_eq!(field_name("an"), "an");
        assert_eq!(field_name("  the  spaced   out "), "spaced_out");
        assert_eq!(field_name("the Invalid Hash"), "invalid_hash");
        assert_eq!(field_name("the value2"), "value2");
    }

    #[test]
    fn lowercase_names_take_the_short_way_to_the_same_field() {
        let names = [
            "the invalid hash",
            "The requested action",
            "batch size received",
            "A Machine Id",
            "a b",
            "an",
            "the",
            "The",
            " x  y ",
            "the an a",
        ];
        for name in names {
            assert_eq!(
                lowercase_field_name(name),
                Some(any_field_name(name)),
                "{name:?}"
            );
        }
        for name in [
            "the invalid IP",
            "invalidHash",
            "version\t2",
            "value2",
            "é",
            "a_b",
        ] {
            assert_eq!(lowercase_field_name(name), None, "{name:?}");
        }
        assert_eq!(
            field_name("the disallowed operation and the reason"),
            "disallowed_operation_and_the_reason"
        );
    }

    #[test]
    fn literal_braces_and_holes_are_split() {
        let (template, errors) = parse_message("Got {{x}} for {the value}.");
        assert!(errors.is_empty(), "{errors:?}");
        let template = template.unwrap();
        assert_eq!(template.segments.len(), 3);
        assert_eq!(
            template.segments[0],
            Segment::Literal("Got {x} for ".into())
        );
        let fields: Vec<&str> = template.placeholders().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["value"]);
    }

    #[test]
    fn malformed_holes_are_all_reported() {
        let (template, errors) = parse_message("a {} b } c {open");
        assert!(template.is_none());
        assert_eq!(
            errors,
            [
                "empty placeholder `{}` in message",
                "unmatched `}` in message",
                "unclosed placeholder in message",
            ]
        );
    }

    #[test]
    fn a_brace_inside_a_hole_leaves_it_unclosed() {
        let (_, errors) = parse_message("{a {b}");
        assert_eq!(errors, ["unclosed placeholder in message"]);
    }

    #[test]
    fn repeated_and_colliding_holes_are_rejected() {
        let (_, errors) = parse_message("{x} {x} {the hash} {hash}");
        assert_eq!(
            errors,
            [
                "placeholder `{x}` appears twice in one message",
                "placeholders `{the hash}` and `{hash}` both become the field `hash`",
            ]
        );
    }
}
