//! The rest of the page measured against the table: JSON examples of
//! error responses and codes named in the prose. Every finding is a
//! warning with an `ET08xx` code.
//!
//! A fenced `json` block whose object has an `error` member with a `code`
//! is an error envelope: its code must be a row, its message must follow
//! the row's template, and a status shown with it (an `HTTP/1.1 404` line
//! or a `status` member) must be the row's. A word in backticks or bold
//! that looks like a code (`InvalidRequestBdy`), is not one and is close
//! to one gets "did you mean".

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::template::{Segment, Template};
use crate::validate::{Checked, CheckedRow};

/// Every finding of the page `file` against the rows of `table`.
#[must_use]
pub fn check(file: &SourceFile, table: &Checked) -> Vec<Diagnostic> {
    if table.rows.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    let mut in_json = false;
    let mut strong = 0_usize;
    for (event, range) in Parser::new(file.text()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_json = is_json(&kind);
            }
            Event::Text(text) if in_json => {
                findings.extend(example(file, table, &text, &range));
            }
            Event::End(TagEnd::CodeBlock) => in_json = false,
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Code(text) => findings.extend(named_codes(file, table, &text, &range)),
            Event::Text(text) if strong > 0 => {
                findings.extend(named_codes(file, table, &text, &range));
            }
            _ => {}
        }
    }
    findings
}

fn is_json(kind: &CodeBlockKind<'_>) -> bool {
    matches!(kind, CodeBlockKind::Fenced(info) if info.split_whitespace().next().is_some_and(|lang| lang.eq_ignore_ascii_case("json")))
}

/// The findings of each word of `text`, an inline code or bold text
/// at `range`.
fn named_codes(
    file: &SourceFile,
    table: &Checked,
    text: &str,
    range: &Range<usize>,
) -> Vec<Diagnostic> {
    let source = file.text().get(range.clone()).unwrap_or_default();
    let mut searched = 0;
    let mut findings = Vec::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        // The word's place in the source, after the ones before it.
        let at = source
            .get(searched..)
            .and_then(|rest| rest.find(word))
            .map_or(0, |at| searched + at);
        searched = at + word.len();
        let span = range.start + at..range.start + at + word.len();
        findings.extend(named_code(table, word, span));
    }
    findings
}

/// A code-like word: one token of letters, digits, `_`, `.` and `-`,
/// with an inner capital or a separator, as codes are written.
fn looks_like_a_code(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && word
            .chars()
            .skip(1)
            .any(|c| c.is_ascii_uppercase() || c == '_')
}

fn named_code(table: &Checked, word: &str, span: Range<usize>) -> Option<Diagnostic> {
    // A code with a suffix of the page's language, as in Swedish
    // `MissingRequiredParameter-fel`, names the code.
    let stem = word.rsplit_once('-').map_or(word, |(stem, _)| stem);
    if !looks_like_a_code(word) || row(table, word).is_some() || row(table, stem).is_some() {
        return None;
    }
    let codes = table.rows.iter().map(|row| row.spec.code.wire.as_str());
    let near = crate::suggest::closest(word, codes)?;
    Some(warning(
        DiagnosticCode::ProseUnknownCode,
        format!("`{word}` is not a code of the table"),
        span,
        format!("did you mean `{near}`?"),
    ))
}

fn row<'a>(table: &'a Checked, code: &str) -> Option<&'a CheckedRow> {
    table.rows.iter().find(|row| row.spec.code.wire == code)
}

fn warning(code: DiagnosticCode, message: String, span: Range<usize>, help: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(code, message).at(span).help(help);
    diagnostic.severity = Severity::Warning;
    diagnostic
}

/// The findings of one JSON block, whose text starts at `text_range`.
fn example(
    file: &SourceFile,
    table: &Checked,
    text: &str,
    text_range: &Range<usize>,
) -> Vec<Diagnostic> {
    let (status_line, json) = split_status_line(text);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    let member = |name: &str| value.get("error").and_then(|error| error.get(name));
    let Some(code) = member("code").and_then(serde_json::Value::as_str) else {
        return Vec::new();
    };
    let locate = |needle: &str| {
        let quoted = serde_json::to_string(needle).unwrap_or_default();
        file.text()
            .get(text_range.clone())
            .and_then(|block| block.find(&quoted))
            .map_or(text_range.clone(), |at| {
                let start = text_range.start + at;
                start..start + quoted.len()
            })
    };
    let Some(found) = row(table, code) else {
        let codes = table.rows.iter().map(|row| row.spec.code.wire.as_str());
        let help = crate::suggest::closest(code, codes).map_or_else(
            || "write a code of the table".to_owned(),
            |near| format!("did you mean `{near}`?"),
        );
        return vec![warning(
            DiagnosticCode::ExampleUnknownCode,
            format!("the example's code `{code}` is not a code of the table"),
            locate(code),
            help,
        )];
    };
    let mut findings = Vec::new();
    let template = &found.spec.template;
    let message = member("message").and_then(serde_json::Value::as_str);
    if let Some(message) = message.filter(|message| !follows(template, message)) {
        findings.push(warning(
            DiagnosticCode::ExampleMessage,
            format!("the example's message for `{code}` does not follow its template"),
            locate(message),
            format!("the table says `{}`", template.text),
        ));
    }
    let shown = status_line.or_else(|| {
        member("status")
            .and_then(serde_json::Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
    });
    if let Some(status) = shown.filter(|&status| status != found.spec.status.value) {
        findings.push(warning(
            DiagnosticCode::ExampleStatus,
            format!(
                "the example shows status {status} for `{code}`, but the table says {}",
                found.spec.status.value
            ),
            locate(code),
            format!("write status {}", found.spec.status.value),
        ));
    }
    findings
}

/// The status of a leading `HTTP/1.1 404 Not Found` line, and the rest.
fn split_status_line(text: &str) -> (Option<u16>, &str) {
    let trimmed = text.trim_start();
    if !trimmed.starts_with("HTTP/") {
        return (None, text);
    }
    let (line, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    (status, rest)
}

/// Whether `message` is the template with each placeholder filled by
/// some text.
fn follows(template: &Template, message: &str) -> bool {
    matches_from(&template.segments, message.trim())
}

fn matches_from(segments: &[Segment], text: &str) -> bool {
    match segments.split_first() {
        None => text.is_empty(),
        Some((Segment::Literal(literal), rest)) => text
            .strip_prefix(literal.as_str())
            .is_some_and(|after| matches_from(rest, after)),
        Some((Segment::Placeholder(_), rest)) => (1..=text.len())
            .filter(|&end| text.is_char_boundary(end))
            .any(|end| {
                text.get(end..)
                    .is_some_and(|after| matches_from(rest, after))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    const PAGE: &str = "\
| Error code | HTTP status code | Message |
|---|---|---|
| NotFound | 404 | Resource {the resource} was not found. |
| InvalidInput | 400 | Invalid input. |

A typo shows up as `InvalidInptu` or **NotFund**; `serde_json` and `Error` are not codes.

```json
{\"error\": {\"code\": \"NotFound\", \"message\": \"Resource 12 was not found.\"}}
```

```json
HTTP/1.1 400 Bad Request

{\"error\": {\"code\": \"NotFound\", \"message\": \"Machine 12 was not found\"}}
```

```json
{\"error\": {\"code\": \"InvalidInpt\", \"message\": \"Invalid input.\"}}
```
";

    fn findings(page: &str) -> Vec<String> {
        let file = SourceFile::new("errors.md", page);
        let generated = crate::generate(&file, &Settings::default());
        check(&file, &generated.checked)
            .iter()
            .map(|diagnostic| {
                let (line, column) =
                    file.line_col(diagnostic.range().cloned().unwrap_or_default().start);
                format!("{}:{line}:{column} {}", diagnostic.code, diagnostic.message)
            })
            .collect()
    }

    #[test]
    fn examples_and_prose_are_measured_against_the_table() {
        assert_eq!(
            findings(PAGE),
            [
                "ET0804:6:21 `InvalidInptu` is not a code of the table",
                "ET0804:6:40 `NotFund` is not a code of the table",
                "ET0802:15:43 the example's message for `NotFound` does not follow its template",
                "ET0803:15:20 the example shows status 400 for `NotFound`, but the table says 404",
                "ET0801:19:20 the example's code `InvalidInpt` is not a code of the table",
            ]
        );
    }

    #[test]
    fn a_message_follows_a_template_when_each_placeholder_holds_some_text() {
        let file = SourceFile::new("errors.md", PAGE);
        let generated = crate::generate(&file, &Settings::default());
        let template = &generated.checked.rows[0].spec.template;
        assert!(follows(template, "Resource 12 was not found."));
        assert!(!follows(template, "Resource  was not found"));
        assert!(!follows(template, "Resource was not found."));
    }
}
