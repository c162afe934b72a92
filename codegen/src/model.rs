//! Stage 3: the chosen Markdown table becomes a [`Table`] of typed rows.
//!
//! This stage reads each cell on its own (is the status a number, is the
//! template well formed); rules across rows and Rust's naming rules are
//! checked by [`crate::validate`].

use std::ops::Range;

use heck::ToUpperCamelCase;

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, Cell, Document};
use crate::settings::{ColumnChoice, ColumnRole, Settings, StatusRange};
use crate::source::SourceFile;
use crate::suggest;
use crate::template::Template;

pub mod columns;
mod select;

use self::columns::Mapping;
pub use self::select::{Survey, TableReport, survey};
pub(crate) use self::select::{is_error_table, same_header};

/// The error table: the rows of every Markdown table that is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The Markdown tables read, in page order: one unless the `tables`
    /// setting reads several.
    pub parts: Vec<Part>,
    /// The rows, in page order.
    pub rows: Vec<Row>,
}

/// A Markdown table that is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its index in [`Document::tables`], from 0.
    pub index: usize,
    /// The table.
    pub span: Range<usize>,
    /// The text of the heading it is under.
    pub heading: Option<String>,
    /// Where its columns are; translations without English headers are
    /// read by the same positions.
    pub columns: Columns,
}

/// One error: a row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The whole row.
    pub span: Range<usize>,
    /// The error code.
    pub code: Code,
    /// The HTTP status.
    pub status: Status,
    /// The message template.
    pub template: Template,
    /// The text of a description column, if the table has one.
    pub description: Option<String>,
    /// The row's other codes from an aliases column, in cell order:
    /// former spellings that readers still accept for this row.
    pub aliases: Vec<Alias>,
    /// The heading of the row's table, when the `tables` setting reads
    /// several tables into one enum.
    pub section: Option<String>,
}

/// An error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The code exactly as sent on the wire.
    pub wire: String,
    /// The Rust variant name: the code, or the cell of the name column,
    /// in `UpperCamelCase`, after the `variant_prefix` when it would start
    /// with a digit.
    pub variant: String,
    /// What the variant name is made from.
    pub variant_from: VariantFrom,
    /// The code cell.
    pub span: Range<usize>,
    /// The cell the variant name is made from.
    pub variant_span: Range<usize>,
}

/// Another code of a row, which readers accept and writers never send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The code as it may arrive on the wire.
    pub wire: String,
    /// Its text in the aliases cell.
    pub span: Range<usize>,
}

/// What a variant name is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantFrom {
    /// The code.
    Code,
    /// The row's cell of the name column, with this text.
    Name(String),
}

/// An HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The number, 400 to 599.
    pub value: u16,
    /// The status cell.
    pub span: Range<usize>,
}

/// Where each column of the chosen table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// How many columns the header has.
    pub count: usize,
    /// The code column.
    pub code: usize,
    /// The status column.
    pub status: usize,
    /// The message column.
    pub message: usize,
    /// The optional description column.
    pub description: Option<usize>,
    /// The optional column of variant names.
    pub name: Option<usize>,
    /// The optional column of aliases.
    pub aliases: Option<usize>,
}

/// Finds the error table of `document` and reads its rows.
///
/// Rows with a problem are left out of the result, so that what is
/// generated from the rest stays usable while the problems are reported.
pub fn build(
    file: &SourceFile,
    document: &Document,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
    setting_diagnostics: &mut Diagnostics,
) -> Option<Table> {
    if let Some(problem) = &document.front_matter_problem {
        diagnostics.push(problem.warning());
    }
    let selected = select::select(file, document, settings, diagnostics);
    let read: Vec<&markdown::Table> = selected.iter().map(|(_, table)| *table).collect();
    for problem in unknown_column_headers(document, &read, &settings.columns) {
        setting_diagnostics.push(problem);
    }
    // Rows keep their heading when several tables make one enum, whether a
    // setting chose them or they share the header of the first.
    let several = settings.table.is_several() || selected.len() > 1;
    let mut parts = Vec::new();
    let mut rows = Vec::new();
    let mut headers: Vec<(&markdown::Row, Option<Columns>)> = Vec::new();
    for (index, table) in selected {
        // A header met before is reported once, at its first table.
        let known = headers
            .iter()
            .find(|(header, _)| same_header(header, &table.header));
        let found = if let Some((_, found)) = known {
            *found
        } else {
            let found = columns(table, &settings.columns, diagnostics);
            headers.push((&table.header, found));
            found
        };
        let Some(columns) = found else {
            continue;
        };
        if let Some(orphans) = &table.orphans {
            diagnostics.push(orphaned_rows(file, orphans));
        } else if table.rows.is_empty() {
            diagnostics.push(
                Diagnostic::error(DiagnosticCode::EmptyTable, "the error table has no rows")
                    .at(table.header.span.clone())
                    .label("only a header")
                    .help("add one row per error: its code, its status and its message"),
            );
        }
        let heading = select::heading_text(document, table).map(str::to_owned);
        let section = heading.clone().filter(|_| several);
        rows.extend(table.rows.iter().filter_map(|row| {
            let mut row = build_row(row, columns, settings, diagnostics)?;
            row.section.clone_from(&section);
            Some(row)
        }));
        parts.push(Part {
            index,
            span: table.span.clone(),
            heading,
            columns,
        });
    }
    for warning in unset_variables(file, &rows) {
        diagnostics.push(warning);
    }
    if !diagnostics.has_errors() {
        for problem in unused_vars(&rows, settings) {
            setting_diagnostics.push(problem);
        }
    }
    (!parts.is_empty()).then_some(Table { parts, rows })
}

/// A docs-generator variable without a value shows as `{ name }`: one
/// warning per name, at its first use, naming the other lines.
fn unset_variables(file: &SourceFile, rows: &[Row]) -> Vec<Diagnostic> {
    let mut uses: Vec<(&str, Vec<&Range<usize>>)> = Vec::new();
    let unset = rows
        .iter()
        .flat_map(|row| &row.template.variables)
        .filter(|variable| variable.value.is_none());
    for variable in unset {
        match uses.iter_mut().find(|(name, _)| *name == variable.name) {
            Some((_, spans)) => spans.push(&variable.span),
            None => uses.push((&variable.name, vec![&variable.span])),
        }
    }
    uses.into_iter()
        .filter_map(|(name, spans)| {
            let (first, others) = spans.split_first()?;
            let mut warning = Diagnostic::warning(DiagnosticCode::DocsVariable, format!(
                "`{{{{ {name} }}}}` looks like a docs-generator variable, and the message shows it as `{{ {name} }}`"
            ))
            .at((*first).clone())
            .label("no value for this variable")
            .help(format!(
                "give its value with `vars = {{ \"{name}\" = \"…\" }}`; for literal braces, \
                 write `{{{{{name}}}}}` without the spaces"
            ));
            if !others.is_empty() {
                let lines: Vec<usize> = others.iter().map(|span| file.line_of(span.start).0).collect();
                let plural = if lines.len() == 1 { "" } else { "s" };
                warning = warning.note(format!(
                    "also used on line{plural} {}",
                    list(&runs(&lines))
                ));
            }
            Some(warning)
        })
        .collect()
}

/// A `vars` entry that no message uses is a typo or stale.
fn unused_vars(rows: &[Row], settings: &Settings) -> Vec<Diagnostic> {
    let used: Vec<&str> = rows
        .iter()
        .flat_map(|row| &row.template.variables)
        .map(|variable| variable.name.as_str())
        .collect();
    settings
        .vars
        .iter()
        .filter(|var| !used.contains(&var.name.as_str()))
        .map(|var| {
            Diagnostic::error(
                DiagnosticCode::UnusedVariable,
                format!(
                    "no message uses the variable `{}`{}",
                    var.name,
                    suggest::did_you_mean(&var.name, used.iter().copied())
                ),
            )
            .at_token(var.span)
        })
        .collect()
}

/// Pipe lines after the blank line that ended a table: rows lost to
/// Markdown, pointed at the blank line.
fn orphaned_rows(file: &SourceFile, orphans: &markdown::Orphans) -> Diagnostic {
    let line = |range: &Range<usize>| file.line_of(range.start).0;
    let blank: Vec<usize> = orphans.blank_lines.iter().map(line).collect();
    let orphaned: Vec<usize> = orphans.lines.iter().map(line).collect();
    let count = orphaned.len();
    let these = if count == 1 {
        "the pipe line after it is text, not a row".to_owned()
    } else {
        format!("the {count} pipe lines after it are text, not rows")
    };
    let blank_list = match blank.as_slice() {
        [one] => format!("the blank line {one}"),
        several => format!("the blank lines {}", list(&runs(several))),
    };
    Diagnostic::error(
        DiagnosticCode::RowsAfterBlankLine,
        format!("a blank line ends the error table, and {these}"),
    )
    .at(orphans.blank_lines.first().cloned().unwrap_or_default())
    .label("the table ends at this blank line")
    .help(format!(
        "delete {blank_list}, so that the lines after them are rows of the table"
    ))
    .note(format!("read as text: lines {}", list(&runs(&orphaned))))
}

/// `22-28`, `30`: runs of consecutive line numbers.
fn runs(lines: &[usize]) -> Vec<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == line => *last = line,
            _ => runs.push((line, line)),
        }
    }
    runs.into_iter()
        .map(|(first, last)| {
            if first == last {
                first.to_string()
            } else {
                format!("{first}-{last}")
            }
        })
        .collect()
}

/// `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An entry of the `columns` setting whose header no table that is read
/// has (or, when none is read, no table of the file), on its token.
fn unknown_column_headers(
    document: &Document,
    read: &[&markdown::Table],
    choices: &[ColumnChoice],
) -> Vec<Diagnostic> {
    let searched: Vec<&markdown::Table> = if read.is_empty() {
        document.tables.iter().collect()
    } else {
        read.to_vec()
    };
    let headers: Vec<&str> = searched
        .iter()
        .flat_map(|table| table.header.cells.iter().map(|cell| cell.text.as_str()))
        .collect();
    choices
        .iter()
        .filter(|choice| {
            !searched
                .iter()
                .any(|table| Mapping::of(&table.header, choices).has_chosen(choice.role))
        })
        .map(|choice| {
            let wanted = choice.header.value();
            let place = if read.is_empty() {
                "no table of this file has a column"
            } else {
                "the error table has no column"
            };
            let listed: Vec<String> = headers.iter().map(|header| format!("`{header}`")).collect();
            let known = if listed.is_empty() {
                String::new()
            } else {
                format!(" (its headers: {})", listed.join(", "))
            };
            Diagnostic::error(
                DiagnosticCode::NoSuchHeading,
                format!(
                    "{place} headed `{wanted}`{}{known}",
                    suggest::did_you_mean(wanted, headers.iter().copied())
                ),
            )
            .at_token(choice.header.span())
        })
        .collect()
}

/// The columns of `table`, or `None` with the problems recorded.
pub(crate) fn columns(
    table: &markdown::Table,
    choices: &[ColumnChoice],
    diagnostics: &mut Diagnostics,
) -> Option<Columns> {
    let header = &table.header;
    let mapping = Mapping::of(header, choices);
    let problems = columns::problems(header, &table.rows, &mapping);
    let failed = !problems.is_empty();
    for problem in problems {
        diagnostics.push(problem);
    }
    let (Some(code), Some(status), Some(message), false) = (
        mapping.column(ColumnRole::Code),
        mapping.column(ColumnRole::Status),
        mapping.column(ColumnRole::Message),
        failed,
    ) else {
        return None;
    };
    Some(Columns {
        count: header.cells.len(),
        code,
        status,
        message,
        description: mapping.column(ColumnRole::Description),
        name: mapping.column(ColumnRole::Name),
        aliases: mapping.column(ColumnRole::Aliases),
    })
}

/// A row with fewer or more cells than its header: GFM would pad or drop
/// cells silently.
pub(crate) fn shape_errors(row: &markdown::Row, count: usize) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if row.cells.len() < count {
        errors.push(
            Diagnostic::error(
                DiagnosticCode::MissingCells,
                format!(
                    "this row has {} cell{}, but the header has {}",
                    row.cells.len(),
                    if row.cells.len() == 1 { "" } else { "s" },
                    count
                ),
            )
            .at(row.span.end..row.span.end)
            .label("row ends here")
            .help("fill every column; leave a cell empty with `| |`"),
        );
    }
    if let Some(overflow) = &row.overflow {
        errors.push(
            Diagnostic::error(
                DiagnosticCode::ExtraCells,
                format!("this row has more cells than the header's {count}"),
            )
            .at(overflow.clone())
            .label("Markdown drops these cells")
            .help("remove them, or add a column to the header"),
        );
    }
    errors
}

fn build_row(
    row: &markdown::Row,
    columns: Columns,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<Row> {
    let mut errors = shape_errors(row, columns.count);
    let statuses = settings.statuses;
    let name = columns.name.and_then(|index| row.cells.get(index));
    let code = row
        .cells
        .get(columns.code)
        .and_then(|cell| code(cell, &mut errors))
        .map(|code| code.named(name, settings.variant_prefix.as_deref()));
    let status = row
        .cells
        .get(columns.status)
        .and_then(|cell| status(cell, statuses, &mut errors));
    let template = row
        .cells
        .get(columns.message)
        .and_then(|cell| Template::parse(cell, &settings.vars, &mut errors));
    let description = columns
        .description
        .and_then(|index| row.cells.get(index))
        .map(|cell| cell.text.clone())
        .filter(|text| !text.is_empty());
    let aliases = columns
        .aliases
        .and_then(|index| row.cells.get(index))
        .map_or_else(Vec::new, |cell| aliases(cell, &mut errors));
    let failed = !errors.is_empty();
    for error in errors {
        diagnostics.push(error);
    }
    match (code, status, template, failed) {
        (Some(code), Some(status), Some(template), false) => Some(Row {
            span: row.span.clone(),
            code,
            status,
            template,
            description,
            aliases,
            section: None,
        }),
        _ => None,
    }
}

fn code(cell: &Cell, errors: &mut Vec<Diagnostic>) -> Option<Code> {
    if cell.text.is_empty() {
        errors.push(
            Diagnostic::error(DiagnosticCode::EmptyCode, "empty error code")
                .at(cell.span.clone())
                .label("every row needs a code")
                .help("write the code clients receive, such as `InvalidInput`"),
        );
        return None;
    }
    let span = wire_code(cell, 0..cell.text.len(), errors)?;
    Some(Code {
        wire: cell.text.clone(),
        variant: cell.text.to_upper_camel_case(),
        variant_from: VariantFrom::Code,
        variant_span: span.clone(),
        span,
    })
}

/// The codes of an aliases cell, separated by commas; empty pieces (a
/// trailing comma) are skipped, and each alias is checked like a code.
fn aliases(cell: &Cell, errors: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let mut aliases = Vec::new();
    let mut start = 0;
    for piece in cell.text.split(',') {
        let end = start + piece.len();
        let leading = piece.len() - piece.trim_start().len();
        let text = piece.trim();
        let range = start + leading..start + leading + text.len();
        start = end + 1;
        if text.is_empty() {
            continue;
        }
        if let Some(span) = wire_code(cell, range, errors) {
            aliases.push(Alias {
                wire: text.to_owned(),
                span,
            });
        }
    }
    aliases
}

/// The source span of the code at `range` of the cell's text, or `None`
/// with the error when it is not one word of ASCII.
fn wire_code(
    cell: &Cell,
    range: Range<usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Range<usize>> {
    let text = cell.text.get(range.clone())?;
    let at_cell =
        |at: usize, len: usize| cell.source_span(range.start + at..range.start + at + len);
    if let Some((at, space)) = text.char_indices().find(|(_, c)| c.is_whitespace()) {
        let what = if space == ' ' {
            "a space".to_owned()
        } else {
            format!("the whitespace U+{:04X}", u32::from(space))
        };
        errors.push(
            Diagnostic::error(
                DiagnosticCode::CodeNotOneWord,
                format!("error code `{text}` contains {what}"),
            )
            .at(at_cell(at, space.len_utf8()))
            .label("here")
            .help("an error code is one word, such as `InvalidInput` or `invalid_input`"),
        );
        return None;
    }
    // A look-alike letter (Cyrillic `а` for `a`) or an invisible character
    // makes a code that reads like another, on the wire and as a Rust name
    // (rustc's `confusable_idents` lints fire in the user's crate).
    if let Some((at, other)) = text.char_indices().find(|(_, c)| !c.is_ascii()) {
        let escaped: String = text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    format!("\\u{{{:x}}}", u32::from(c))
                }
            })
            .collect();
        let what = if is_invisible(other) {
            format!("the invisible character U+{:04X}", u32::from(other))
        } else {
            format!("the character `{other}` (U+{:04X})", u32::from(other))
        };
        errors.push(
            Diagnostic::error(
                DiagnosticCode::CodeNotAscii,
                format!("error code `{escaped}` contains {what}, which is not ASCII"),
            )
            .at(at_cell(at, other.len_utf8()))
            .label("not ASCII")
            .help(
                "write codes in ASCII letters, digits, `_`, `.` and `-`: \
                 a look-alike or invisible character makes a code that reads like another",
            ),
        );
        return None;
    }
    Some(cell.source_span(range))
}

impl Code {
    /// The code with its variant name from the `name` cell when that has
    /// text, and `prefix` before a name that starts with a digit.
    fn named(mut self, name: Option<&Cell>, prefix: Option<&str>) -> Self {
        if let Some(name) = name.filter(|name| !name.text.is_empty()) {
            self.variant = name.text.to_upper_camel_case();
            self.variant_from = VariantFrom::Name(name.text.clone());
            self.variant_span = name.source_span(0..name.text.len());
        }
        if let Some(prefix) = prefix
            && self.variant.starts_with(|c: char| c.is_ascii_digit())
        {
            self.variant.insert_str(0, prefix);
        }
        self
    }
}

/// Characters that take no room when shown: zero-width spaces and joiners,
/// bidirectional controls, the soft hyphen and the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

pub(crate) fn status(
    cell: &Cell,
    range: StatusRange,
    errors: &mut Vec<Diagnostic>,
) -> Option<Status> {
    let span = cell.source_span(0..cell.text.len());
    // Other numbers may stand beside the status, as in `HTTP/1.1 404`.
    // The usual cell, the status alone, needs no search for them (every
    // row of every translation, unoptimized in `cargo check`).
    let bare = cell.text.len() == 3 && cell.text.bytes().all(|byte| byte.is_ascii_digit());
    let three_digit: Vec<(usize, &str)> = if bare {
        vec![(0, cell.text.as_str())]
    } else {
        digit_runs(&cell.text)
            .filter(|(_, digits)| digits.len() == 3)
            .collect()
    };
    let (at, digits) = match three_digit.as_slice() {
        [only] => *only,
        [] => {
            errors.push(
                Diagnostic::error(
                    DiagnosticCode::NoStatus,
                    format!("no HTTP status code in `{}`", cell.text),
                )
                .at(span)
                .label("expected a 3-digit status")
                .help("write the status as `400`, `400 Bad Request` or `BadRequest (400)`"),
            );
            return None;
        }
        _ => {
            errors.push(
                Diagnostic::error(
                    DiagnosticCode::SeveralStatuses,
                    format!("more than one 3-digit number in the status `{}`", cell.text),
                )
                .at(span)
                .label("which one is the status?")
                .help("keep one 3-digit status per row"),
            );
            return None;
        }
    };
    let value: u16 = digits.parse().ok()?;
    let span = cell.source_span(at..at + 3);
    if !range.contains(value) {
        errors.push(
            Diagnostic::error(
                DiagnosticCode::NotAnErrorStatus,
                format!("status {value} is not an error status"),
            )
            .at(span)
            .label(format!("expected {} to {}", range.min, range.max))
            .help(status_help(value, range)),
        );
        return None;
    }
    Some(Status { value, span })
}

/// What a status outside `range` asks for: 3xx rows are admitted on
/// purpose only.
fn status_help(value: u16, range: StatusRange) -> String {
    const ERRORS: &str = "an error table holds client (4xx) and server (5xx) errors";
    if range.is_default() && (300..400).contains(&value) {
        format!(
            "{ERRORS}; to admit redirects and conditional responses (such as 304) too, \
             set `statuses = \"300-599\"`"
        )
    } else if range.is_default() {
        ERRORS.to_owned()
    } else {
        format!(
            "the `statuses` setting admits {} to {}",
            range.min, range.max
        )
    }
}

/// Maximal runs of ASCII digits and where they start.
fn digit_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(move |run| (run.as_ptr() as usize - text.as_ptr() as usize, run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::TableSelector;

    fn with_table(selector: TableSelector) -> Settings {
        Settings {
            table: selector,
            ..Settings::default()
        }
    }

    /// The table `settings` read from `text`, and the diagnostics.
    pub(crate) fn read(text: &str, settings: &Settings) -> (Option<Table>, Vec<Diagnostic>) {
        let file = SourceFile::new("t.md", text);
        let mut diagnostics = Diagnostics::default();
        let table = build(
            &file,
            &markdown::parse(&file),
            settings,
            &mut diagnostics,
            &mut Diagnostics::default(),
        );
        (table, diagnostics.into_sorted())
    }

    fn build_text(text: &str, selector: &TableSelector) -> (Option<Table>, Vec<String>) {
        let (table, diagnostics) = read(text, &with_table(selector.clone()));
        let messages = diagnostics.into_iter().map(|d| d.message).collect();
        (table, messages)
    }

    fn first(text: &str) -> (Option<Table>, Vec<String>) {
        build_text(text, &TableSelector::FirstErrorTable)
    }

    const HEADER: &str = "| Error code | HTTP status code | Message |\n|---|---|---|\n";

    /// The statuses of the rows read, in table order.
    fn statuses_of(table: Option<Table>) -> Vec<u16> {
        table
            .unwrap()
            .rows
            .iter()
            .map(|row| row.status.value)
            .collect()
    }

    #[test]
    fn statuses_are_read_in_every_usual_form() {
        let rows = "| A | BadRequest (400) | a |\n| B | 404 | b |\n| C | 503 Service Unavailable | c |\n| D | Hittades inte (404) | d |\n| E | HTTP/1.1 409 | e |\n";
        let (table, errors) = first(&format!("{HEADER}{rows}"));
        assert!(errors.is_empty(), "{errors:?}");
        let statuses = statuses_of(table);
        assert_eq!(statuses, [400, 404, 503, 404, 409]);
    }

    #[test]
    fn bad_statuses_are_each_reported() {
        let rows =
            "| A | Bad Request | a |\n| B | 302 | b |\n| C | 400 or 404 | c |\n| D | 4000 | d |\n";
        let (table, errors) = first(&format!("{HEADER}{rows}"));
        assert_eq!(
            errors,
            [
                "no HTTP status code in `Bad Request`",
                "status 302 is not an error status",
                "more than one 3-digit number in the status `400 or 404`",
                "no HTTP status code in `4000`",
            ]
        );
        assert!(table.unwrap().rows.is_empty());
    }

    #[test]
    fn a_3xx_status_is_an_error_that_says_how_to_admit_it() {
        let text = format!("{HEADER}| NotModified | 304 | a |\n| Gone | 410 | b |\n");
        let (table, errors) = read(&text, &Settings::default());
        assert_eq!(table.unwrap().rows.len(), 1);
        assert_eq!(errors[0].message, "status 304 is not an error status");
        assert_eq!(
            errors[0].help.as_deref(),
            Some(
                "an error table holds client (4xx) and server (5xx) errors; to admit redirects \
                 and conditional responses (such as 304) too, set `statuses = \"300-599\"`"
            )
        );
        let admitted = Settings {
            statuses: StatusRange { min: 300, max: 599 },
            ..Settings::default()
        };
        let (table, errors) = read(&text, &admitted);
        assert!(errors.is_empty(), "{errors:?}");
        let statuses = statuses_of(table);
        assert_eq!(statuses, [304, 410]);
        let (_, errors) = read(&format!("{HEADER}| Ok | 204 | a |\n"), &admitted);
        assert_eq!(errors[0].label.as_deref(), Some("expected 300 to 599"));
        assert_eq!(
            errors[0].help.as_deref(),
            Some("the `statuses` setting admits 300 to 599")
        );
    }

    #[test]
    fn codes_become_upper_camel_case_variants() {
        let rows = "| CARD_DECLINED | 402 | a |\n| auth.token_expired | 401 | b |\n| ODataError | 400 | c |\n| InvalidIpAddress | 400 | d |\n";
        let (table, _) = first(&format!("{HEADER}{rows}"));
        let variants: Vec<String> = table
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.code.variant)
            .collect();
        assert_eq!(
            variants,
            [
                "CardDeclined",
                "AuthTokenExpired",
                "ODataError",
                "InvalidIpAddress"
            ]
        );
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_extra_ones_ignored() {
        let text = "| Message | Notes | Status | Code | Description |\n|---|---|---|---|---|\n| Gone {x}. | n | 410 | Gone | It went. |\n";
        let (table, errors) = first(text);
        assert!(errors.is_empty(), "{errors:?}");
        let row = &table.unwrap().rows[0];
        assert_eq!((row.code.wire.as_str(), row.status.value), ("Gone", 410));
        assert_eq!(row.template.text, "Gone {x}.");
        assert_eq!(row.description.as_deref(), Some("It went."));
    }

    #[test]
    fn the_first_table_with_code_and_status_columns_is_chosen() {
        let text =
            format!("| Name | Value |\n|---|---|\n| a | b |\n\n{HEADER}| Gone | 410 | m |\n");
        let (table, errors) = first(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(table.unwrap().rows[0].code.wire, "Gone");
    }

    #[test]
    fn a_file_without_an_error_table_says_which_tables_it_saw() {
        let file = SourceFile::new("t.md", "# T\n\n| Name | Value |\n|---|---|\n| a | b |\n");
        let document = markdown::parse(&file);
        let diagnostic = select::no_table(&file, &document, &Settings::default());
        assert_eq!(diagnostic.message, "no error table in this file");
        assert_eq!(
            diagnostic.notes,
            ["the table on line 3 has columns `Name`, `Value`, but no code and status column"]
        );
    }

    #[test]
    fn a_file_whose_only_table_is_not_read_points_at_it_and_says_why() {
        let cases = [
            (
                "# E\n\n```markdown\n| Code | Status | Message |\n|---|---|---|\n| A | 400 | a |\n```\n",
                "```markdown",
                "a table in a code block is not read",
            ),
            (
                "# E\n\n<table>\n<tr><th>Code</th><th>Status</th></tr>\n</table>\n",
                "<table>",
                "HTML tables are not read",
            ),
            (
                "# E\n\n> | Code | Status | Message |\n> |---|---|---|\n> | A | 400 | a |\n",
                "> | Code | Status | Message |",
                "a table in a block quote is not read",
            ),
        ];
        for (text, marked_line, label) in cases {
            let file = SourceFile::new("t.md", text);
            let document = markdown::parse(&file);
            let diagnostic = select::no_table(&file, &document, &Settings::default());
            assert_eq!(diagnostic.message, "no error table in this file");
            assert_eq!(diagnostic.label.as_deref(), Some(label));
            let span = diagnostic
                .range()
                .expect("the diagnostic points at the table");
            let (line, range) = file.line_of(span.start);
            assert_eq!((line, &text[range]), (3, marked_line), "{text}");
        }
    }

    #[test]
    fn tables_are_chosen_by_heading_or_position() {
        let text =
            format!("# One\n\n{HEADER}| A | 400 | a |\n\n# Two\n\n{HEADER}| B | 401 | b |\n");
        let by_heading = build_text(&text, &TableSelector::Heading("two".into()))
            .0
            .unwrap();
        assert_eq!(by_heading.rows[0].code.wire, "B");
        let by_index = build_text(&text, &TableSelector::Index(2)).0.unwrap();
        assert_eq!(by_index.rows[0].code.wire, "B");
        let (_, errors) = build_text(&text, &TableSelector::Heading("Tow".into()));
        assert_eq!(errors, ["`table = \"Tow\"` names no heading of this file"]);
        let (_, errors) = build_text(&text, &TableSelector::Index(3));
        assert_eq!(errors, ["`table = 3`, but the file has 2 tables"]);
    }

    #[test]
    fn short_and_long_rows_are_rejected() {
        let (table, errors) = first(&format!(
            "{HEADER}| A | 400 |\n| B | 400 | b | extra |\n| C | 400 | c |\n"
        ));
        assert_eq!(
            errors,
            [
                "this row has 2 cells, but the header has 3",
                "this row has more cells than the header's 3"
            ]
        );
        let codes: Vec<String> = table
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.code.wire)
            .collect();
        assert_eq!(codes, ["C"]);
    }

    /// Found by fuzzing: with CRLF (or a lone CR) line ends, the mark sat
    /// on the `\n`, one column past the end of the line it showed.
    #[test]
    fn a_short_row_is_marked_just_after_its_text_whatever_the_line_ends() {
        for (text, line) in [
            ("code|status|Message\n-|-|-\r v\r\n", 3),
            ("code|status|Message\r\n-|-|-\r\n| v |\r\n", 3),
            ("code|status|Message\n-|-|-\n| v |\n", 3),
            ("code|status|Message\n-|-|-\n| v |", 3),
        ] {
            let file = SourceFile::new("t.md", text);
            let (_, diagnostics) = read(text, &Settings::default());
            assert_eq!(diagnostics.len(), 1, "{text:?}: {diagnostics:?}");
            let span = diagnostics[0].range().unwrap().clone();
            let (shown_line, range) = file.line_of(span.start);
            let line_end = range.end;
            assert_eq!((span.start, span.end), (line_end, line_end), "{text:?}");
            assert_eq!(shown_line, line, "{text:?}");
        }
    }

    #[test]
    fn empty_codes_and_codes_with_spaces_are_rejected() {
        let (_, errors) = first(&format!(
            "{HEADER}| | 400 | a |\n| Bad Code | 400 | b |\n| Nbsp\u{a0} | 400 | c |\n"
        ));
        assert_eq!(
            errors,
            [
                "empty error code",
                "error code `Bad Code` contains a space",
                "error code `Nbsp\u{a0}` contains the whitespace U+00A0",
            ]
        );
    }

    #[test]
    fn codes_with_look_alike_or_invisible_characters_are_rejected() {
        let text = format!(
            "{HEADER}| Inv\u{430}lidInput | 400 | a |\n| Invalid\u{200b}Hash | 400 | b |\n| Ok | 400 | c |\n"
        );
        let (table, diagnostics) = read(&text, &Settings::default());
        let codes: Vec<String> = table
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.code.wire)
            .collect();
        assert_eq!(codes, ["Ok"]);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "error code `Inv\\u{430}lidInput` contains the character `\u{430}` (U+0430), which is not ASCII",
                "error code `Invalid\\u{200b}Hash` contains the invisible character U+200B, which is not ASCII",
            ]
        );
        let marked: Vec<&str> = diagnostics
            .iter()
            .map(|d| &text[d.range().unwrap().clone()])
            .collect();
        assert_eq!(marked, ["\u{430}", "\u{200b}"]);
    }

    #[test]
    fn a_table_with_only_a_header_is_rejected() {
        let (table, errors) = first(HEADER);
        assert!(table.unwrap().rows.is_empty());
        assert_eq!(errors, ["the error table has no rows"]);
    }

    fn with_columns(choices: &[(ColumnRole, &str)]) -> Settings {
        Settings {
            columns: choices
                .iter()
                .map(|&(role, header)| ColumnChoice {
                    role,
                    header: crate::settings::Text::new(header, proc_macro2::Span::call_site()),
                })
                .collect(),
            ..Settings::default()
        }
    }

    const TWO_CODES: &str = "| Error Code | S3 Code | Details | Recommended Fix | HTTP Status Code |\n\
        |---|---|---|---|---|\n\
        | 10002 | NoSuchKey | The key {key} does not exist. | Check the key. | 404 |\n";

    #[test]
    fn the_columns_setting_names_columns_by_their_header() {
        let settings = with_columns(&[
            (ColumnRole::Code, "S3 Code"),
            (ColumnRole::Description, "recommended fix"),
        ]);
        let (table, errors) = read(TWO_CODES, &settings);
        assert!(errors.is_empty(), "{errors:?}");
        let row = &table.unwrap().rows[0];
        assert_eq!(
            (row.code.wire.as_str(), row.status.value),
            ("NoSuchKey", 404)
        );
        assert_eq!(row.template.text, "The key {key} does not exist.");
        assert_eq!(row.description.as_deref(), Some("Check the key."));
    }

    #[test]
    fn two_code_columns_without_the_setting_are_an_error_naming_both() {
        let (table, errors) = read(TWO_CODES, &Settings::default());
        assert!(table.is_none());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "two columns could be the code column");
        assert_eq!(errors[0].label.as_deref(), Some("`Error Code` already is"));
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`columns = { code = \"S3 Code\" }`")
        );
    }

    #[test]
    fn a_column_header_the_table_lacks_is_an_error_on_the_setting_with_a_suggestion() {
        let file = SourceFile::new("t.md", TWO_CODES);
        let mut setting_diagnostics = Diagnostics::default();
        build(
            &file,
            &markdown::parse(&file),
            &with_columns(&[(ColumnRole::Code, "S3 Cod")]),
            &mut Diagnostics::default(),
            &mut setting_diagnostics,
        );
        let messages: Vec<String> = setting_diagnostics
            .into_sorted()
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect();
        assert_eq!(
            messages,
            [
                "the error table has no column headed `S3 Cod`; did you mean `S3 Code`? \
              (its headers: `Error Code`, `S3 Code`, `Details`, `Recommended Fix`, `HTTP Status Code`)"
            ]
        );
    }

    #[test]
    fn real_header_words_read_a_table_with_the_status_first() {
        let text = "| HTTP | Error | Code | User message |\n|---|---|---|---|\n| 409 | x | Taken | Name {name} is taken. |\n";
        let (table, errors) = read(text, &Settings::default());
        assert!(errors.is_empty(), "{errors:?}");
        let row = &table.unwrap().rows[0];
        assert_eq!((row.code.wire.as_str(), row.status.value), ("Taken", 409));
        assert_eq!(row.template.text, "Name {name} is taken.");
    }

    #[test]
    fn a_table_passed_over_says_which_column_it_lacks() {
        let text = "| Code | Message |\n|---|---|\n| A | a |\n\n| Status | Message |\n|---|---|\n| 400 | a |\n";
        let file = SourceFile::new("t.md", text);
        let diagnostic = select::no_table(&file, &markdown::parse(&file), &Settings::default());
        assert_eq!(
            diagnostic.notes,
            [
                "the table on line 1 has columns `Code`, `Message`, but no status column",
                "the table on line 5 has columns `Status`, `Message`, but no code column: \
                 name it with `columns = { code = \"…\" }`",
            ]
        );
    }

    const TWO_TABLES: &str = "# Errors\n\n## Client errors\n\n\
        | Code | Status | Message |\n|---|---|---|\n| BadInput | 400 | a |\n| Missing | 404 | b |\n\n\
        ## Limits\n\n| Name | Value |\n|---|---|\n| rate | 10 |\n\n\
        ## Server errors\n\n\
        | Error code | HTTP | Error message |\n|---|---|---|\n| Internal | 500 | c |\n";

    fn codes_and_sections(table: &Table) -> Vec<(String, Option<String>)> {
        table
            .rows
            .iter()
            .map(|row| (row.code.wire.clone(), row.section.clone()))
            .collect()
    }

    #[test]
    fn by_default_the_first_error_table_is_read_and_the_others_named_in_a_warning() {
        let (table, diagnostics) = read(TWO_TABLES, &Settings::default());
        let table = table.unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(diagnostics.len(), 1);
        let warning = &diagnostics[0];
        assert_eq!(warning.severity, crate::Severity::Warning);
        assert_eq!(
            warning.message,
            "only the first error table is read (line 5), and this page has 1 more"
        );
        assert_eq!(
            warning.notes,
            ["line 18: the table under `Server errors`, 1 row"]
        );
        assert_eq!(
            warning.help.as_deref(),
            Some(
                "read every error table into one enum with `tables = all`, or name their headings \
                 with `tables = [\"Client errors\", \"Server errors\"]`; `table = 1` reads the first \
                 alone, without this warning"
            )
        );
        let file = SourceFile::new("t.md", TWO_TABLES);
        let (line, _) = file.line_of(warning.range().unwrap().start);
        assert_eq!(line, 18);
    }

    /// A table split under headings: three tables of one header, and a
    /// fourth of another.
    const SPLIT_TABLE: &str = "## Client errors\n\n\
        | Code | Status | Message |\n|---|---|---|\n| BadInput | 400 | a |\n\n\
        ## Limits\n\n| Name | Value |\n|---|---|\n| rate | 10 |\n\n\
        ## Server errors\n\n\
        | Code | Status | Message |\n|---|---|---|\n| Internal | 500 | c |\n\n\
        ## Legacy errors\n\n\
        | Error code | HTTP | Error message |\n|---|---|---|\n| Old | 410 | d |\n\n\
        ## Gateway errors\n\n\
        | Code | Status | Message |\n|---|---|---|\n| Timeout | 504 | e |\n";

    #[test]
    fn by_default_the_tables_with_the_first_ones_header_are_read_with_their_headings() {
        let (table, diagnostics) = read(SPLIT_TABLE, &Settings::default());
        let table = table.unwrap();
        assert_eq!(
            codes_and_sections(&table),
            [
                ("BadInput".to_owned(), Some("Client errors".to_owned())),
                ("Internal".to_owned(), Some("Server errors".to_owned())),
                ("Timeout".to_owned(), Some("Gateway errors".to_owned())),
            ]
        );
        // The table of another header still needs a setting, and says so.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            diagnostics[0].message,
            "only the error tables with the header of the first are read (lines 3, 15 and 27), \
             and this page has 1 more with another header"
        );
        assert_eq!(
            diagnostics[0].notes,
            ["line 21: the table under `Legacy errors`, 1 row"]
        );
    }

    #[test]
    fn a_table_setting_reads_only_the_table_it_names() {
        let by_index = build_text(SPLIT_TABLE, &TableSelector::Index(1)).0.unwrap();
        assert_eq!(
            codes_and_sections(&by_index),
            [("BadInput".to_owned(), None)]
        );
        let listed = TableSelector::Headings(vec!["Server errors".into()]);
        let by_heading = build_text(SPLIT_TABLE, &listed).0.unwrap();
        assert_eq!(
            codes_and_sections(&by_heading),
            [("Internal".to_owned(), Some("Server errors".to_owned()))]
        );
    }

    #[test]
    fn a_header_problem_of_tables_with_one_header_is_reported_once() {
        let text = "## A\n\n| Code | Status |\n|---|---|\n| X | 400 |\n\n\
            ## B\n\n| Code | Status |\n|---|---|\n| Y | 400 |\n";
        let (_, messages) = first(text);
        assert_eq!(messages, ["the error table has no message column"]);
    }

    #[test]
    fn an_html_or_yfm_table_beside_the_error_table_is_a_warning_at_its_line() {
        let text = format!(
            "{HEADER}| Gone | 410 | a |\n\n<table><tr><td>Old</td></tr></table>\n\n\
             #|\n|| Code | Status ||\n|#\n"
        );
        let (table, diagnostics) = read(&text, &Settings::default());
        assert_eq!(table.unwrap().rows.len(), 1);
        let file = SourceFile::new("t.md", text.as_str());
        let found: Vec<(usize, Option<&str>)> = diagnostics
            .iter()
            .map(|diagnostic| {
                assert_eq!(diagnostic.severity, crate::Severity::Warning);
                (
                    file.line_of(diagnostic.range().unwrap().start).0,
                    diagnostic.label.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (5, Some("HTML tables are not read")),
                (
                    7,
                    Some("a YFM multiline table (`#|` … `|#`) is not a GFM table")
                ),
            ]
        );
    }

    #[test]
    fn tables_all_reads_every_error_table_in_page_order_with_its_heading() {
        let (table, diagnostics) = read(TWO_TABLES, &with_table(TableSelector::All));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let table = table.unwrap();
        let client = Some("Client errors".to_owned());
        assert_eq!(
            codes_and_sections(&table),
            [
                ("BadInput".to_owned(), client.clone()),
                ("Missing".to_owned(), client),
                ("Internal".to_owned(), Some("Server errors".to_owned())),
            ]
        );
        let indices: Vec<usize> = table.parts.iter().map(|part| part.index).collect();
        assert_eq!(indices, [0, 2]);
    }

    #[test]
    fn tables_by_heading_keep_page_order_and_report_a_missing_heading() {
        let listed = TableSelector::Headings(vec!["server errors".into(), "Client errors".into()]);
        let (table, _) = read(TWO_TABLES, &with_table(listed));
        let codes: Vec<String> = codes_and_sections(&table.unwrap())
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        assert_eq!(codes, ["BadInput", "Missing", "Internal"]);
        let (_, errors) = build_text(
            TWO_TABLES,
            &TableSelector::Headings(vec!["Server error".into()]),
        );
        assert_eq!(
            errors,
            ["`\"Server error\"` of `tables` names no heading of this file"]
        );
    }

    #[test]
    fn a_code_in_two_tables_is_an_error_naming_the_first_line_and_its_table() {
        let text = TWO_TABLES.replace("| Internal |", "| Missing |");
        let file = SourceFile::new("t.md", text.as_str());
        let mut diagnostics = Diagnostics::default();
        let settings = with_table(TableSelector::All);
        let table = build(
            &file,
            &markdown::parse(&file),
            &settings,
            &mut diagnostics,
            &mut Diagnostics::default(),
        );
        let checked = crate::validate::check(&file, table.unwrap(), &settings, &mut diagnostics);
        assert_eq!(checked.rows.len(), 2);
        let errors = diagnostics.into_sorted();
        assert_eq!(errors[0].message, "duplicate error code `Missing`");
        assert_eq!(
            errors[0].label.as_deref(),
            Some("already defined on line 8, in the table under `Client errors`")
        );
    }

    #[test]
    fn a_blank_line_that_ends_the_table_is_pointed_at_and_its_orphans_counted() {
        let text = format!(
            "{HEADER}\n| A | 400 | a |\n| B | 401 | b |\n\n| C | 402 | c |\n\nNext paragraph.\n\n| D | 403 | d |\n"
        );
        let (table, diagnostics) = read(&text, &Settings::default());
        assert!(table.unwrap().rows.is_empty());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let error = &diagnostics[0];
        assert_eq!(
            error.message,
            "a blank line ends the error table, and the 3 pipe lines after it are text, not rows"
        );
        assert_eq!(
            error.help.as_deref(),
            Some(
                "delete the blank lines 3 and 6, so that the lines after them are rows of the table"
            )
        );
        assert_eq!(error.notes, ["read as text: lines 4-5 and 7"]);
        let file = SourceFile::new("t.md", text.as_str());
        assert_eq!(file.line_of(error.range().unwrap().start).0, 3);
    }

    #[test]
    fn pipe_lines_without_a_delimiter_row_are_a_table_that_is_not_read() {
        let text = "# Errors\n\n| Code | Status | Message |\n| A | 400 | a |\n";
        let (table, diagnostics) = read(text, &Settings::default());
        assert!(table.is_none());
        assert_eq!(diagnostics[0].message, "no error table in this file");
        assert_eq!(
            diagnostics[0].label.as_deref(),
            Some("pipe lines without a delimiter row under the first are no table")
        );
        let (_, diagnostics) = read("#|\n|| Code | Status ||\n|#\n", &Settings::default());
        assert_eq!(
            diagnostics[0].label.as_deref(),
            Some("a YFM multiline table (`#|` … `|#`) is not a GFM table")
        );
    }

    const WITH_VARS: &str = "| Code | Status | Message |\n|---|---|---|\n\
        | NotEnrolled | 403 | This account may not use {{ product-name }}. |\n\
        | Busy | 503 | {{ product-name }} is busy; retry in {the delay}. |\n";

    #[test]
    fn a_docs_generator_variable_without_a_value_is_a_warning_at_its_first_use() {
        let (table, diagnostics) = read(WITH_VARS, &Settings::default());
        assert_eq!(
            table.unwrap().rows[0].template.text,
            "This account may not use {{ product-name }}."
        );
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let warning = &diagnostics[0];
        assert_eq!(warning.severity, crate::Severity::Warning);
        assert_eq!(
            warning.message,
            "`{{ product-name }}` looks like a docs-generator variable, and the message shows it as `{ product-name }`"
        );
        assert_eq!(
            &WITH_VARS[warning.range().unwrap().clone()],
            "{{ product-name }}"
        );
        assert_eq!(warning.notes, ["also used on line 4"]);
    }

    #[test]
    fn the_vars_setting_gives_the_value_and_flags_an_unused_name() {
        let var = |name: &str, value: &str| crate::settings::VarValue {
            name: name.to_owned(),
            value: value.to_owned(),
            span: proc_macro2::Span::call_site(),
        };
        let settings = Settings {
            vars: vec![
                var("product-name", "Object {Storage}"),
                var("cloud-nme", "X"),
            ],
            ..Settings::default()
        };
        let file = SourceFile::new("t.md", WITH_VARS);
        let mut diagnostics = Diagnostics::default();
        let mut setting_diagnostics = Diagnostics::default();
        let table = build(
            &file,
            &markdown::parse(&file),
            &settings,
            &mut diagnostics,
            &mut setting_diagnostics,
        )
        .unwrap();
        assert!(diagnostics.into_sorted().is_empty());
        let template = &table.rows[1].template;
        assert_eq!(
            template.text,
            "Object {{Storage}} is busy; retry in {the delay}."
        );
        let literal: Vec<&str> = template
            .segments
            .iter()
            .filter_map(|segment| match segment {
                crate::template::Segment::Literal(text) => Some(text.as_str()),
                crate::template::Segment::Placeholder(_) => None,
            })
            .collect();
        assert_eq!(literal, ["Object {Storage} is busy; retry in ", "."]);
        let errors: Vec<String> = setting_diagnostics
            .into_sorted()
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect();
        assert_eq!(errors, ["no message uses the variable `cloud-nme`"]);
    }

    #[test]
    fn a_missing_column_is_named() {
        let (table, errors) = first("| Code | Status |\n|---|---|\n| A | 400 |\n");
        assert!(table.is_none());
        assert_eq!(errors, ["the error table has no message column"]);
    }
}
