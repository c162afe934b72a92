//! Which tables of a page are read: the first error table, or the ones
//! the `table` and `tables` settings choose; and why each other one is
//! not, for the diagnostics and for `error-table tables`.

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, Document, Ignored};
use crate::settings::{ColumnChoice, ColumnRole, Settings, TableSelector};
use crate::source::SourceFile;
use crate::suggest;

use super::columns::Mapping;

/// The tables `settings` choose, in page order, each with its index in
/// [`Document::tables`]. Problems (no table, a heading that does not
/// exist, error tables that are not read) are recorded.
pub(crate) fn select<'d>(
    file: &SourceFile,
    document: &'d Document,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, &'d markdown::Table)> {
    let choices = &settings.columns;
    let error_tables = || {
        document
            .tables
            .iter()
            .enumerate()
            .filter(|(_, table)| is_error_table(&table.header, choices))
    };
    let found: Vec<(usize, &markdown::Table)> = match &settings.table {
        TableSelector::FirstErrorTable => {
            let found = first_with_its_header(document, error_tables().next());
            if let Some(warning) = unread_error_tables(file, document, &found, choices) {
                diagnostics.push(warning);
            }
            found
        }
        TableSelector::All => error_tables().collect(),
        TableSelector::Index(position) => position
            .checked_sub(1)
            .and_then(|index| Some((index, document.tables.get(index)?)))
            .into_iter()
            .collect(),
        TableSelector::Heading(wanted) => {
            let setting = format!("`table = \"{wanted}\"`");
            return under_heading(document, wanted, &setting, diagnostics)
                .into_iter()
                .collect();
        }
        TableSelector::Headings(wanted) => {
            let mut found: Vec<_> = wanted
                .iter()
                .filter_map(|heading| {
                    let setting = format!("`\"{heading}\"` of `tables`");
                    under_heading(document, heading, &setting, diagnostics)
                })
                .collect();
            found.sort_by_key(|(index, _)| *index);
            found.dedup_by_key(|(index, _)| *index);
            return found;
        }
    };
    if found.is_empty() {
        diagnostics.push(no_table(file, document, settings));
    } else {
        for warning in unread_table_syntax(document) {
            diagnostics.push(warning);
        }
    }
    found
}

/// Tables in HTML or a syntax that is not GFM beside the error table:
/// they may hold rows, which are never read. Tables in code blocks and
/// block quotes are examples and quotes, and pipe lines without a
/// delimiter row are as often prose: those pass without a word.
fn unread_table_syntax(document: &Document) -> Vec<Diagnostic> {
    document
        .ignored_tables
        .iter()
        .filter(|ignored| matches!(ignored.place, Ignored::Html | Ignored::Yfm | Ignored::Grid))
        .map(|ignored| {
            let (label, help) = ignored_reason(ignored.place);
            Diagnostic::warning(
                DiagnosticCode::UnreadTables,
                "a table beside the error table is not read, and its rows are not generated",
            )
            .at(ignored.span.clone())
            .label(label)
            .help(format!("if it holds errors, {help}"))
        })
        .collect()
}

/// The first error table and the later tables with its header: one table
/// split under headings, as pages split their errors by kind.
fn first_with_its_header<'d>(
    document: &'d Document,
    first: Option<(usize, &'d markdown::Table)>,
) -> Vec<(usize, &'d markdown::Table)> {
    let Some((first_index, first)) = first else {
        return Vec::new();
    };
    let later = document
        .tables
        .iter()
        .enumerate()
        .skip(first_index + 1)
        .filter(|(_, table)| same_header(&table.header, &first.header));
    std::iter::once((first_index, first)).chain(later).collect()
}

/// Whether two headers have the same cells in the same order.
pub(crate) fn same_header(one: &markdown::Row, other: &markdown::Row) -> bool {
    one.cells.len() == other.cells.len()
        && one
            .cells
            .iter()
            .zip(&other.cells)
            .all(|(one, other)| one.text == other.text)
}

/// Whether the header has a code and a status column.
pub(crate) fn is_error_table(header: &markdown::Row, choices: &[ColumnChoice]) -> bool {
    Mapping::of(header, choices).is_error_table()
}

/// The error tables with another header than the first, which the
/// default does not read: a warning at the first of them, naming each, so
/// that no row is skipped silently.
fn unread_error_tables(
    file: &SourceFile,
    document: &Document,
    read: &[(usize, &markdown::Table)],
    choices: &[ColumnChoice],
) -> Option<Diagnostic> {
    let &[(first_index, _), ..] = read else {
        return None;
    };
    let others: Vec<&markdown::Table> = document
        .tables
        .iter()
        .enumerate()
        .skip(first_index + 1)
        .filter(|(index, table)| {
            !read.iter().any(|(read, _)| read == index) && is_error_table(&table.header, choices)
        })
        .map(|(_, table)| table)
        .collect();
    let second = others.first()?;
    let read_tables: Vec<&markdown::Table> = read.iter().map(|(_, table)| *table).collect();
    let read_lines: Vec<String> = read_tables
        .iter()
        .map(|table| file.line_of(table.span.start).0.to_string())
        .collect();
    let mut everything = read_tables.clone();
    everything.extend(others.iter().copied());
    everything.sort_by_key(|table| table.span.start);
    let listed = headings_setting(document, &everything);
    let (message, alone) = match read_lines.as_slice() {
        [line] => (
            format!(
                "only the first error table is read (line {line}), and this page has {} more",
                others.len()
            ),
            format!("`table = {}` reads the first alone", first_index + 1),
        ),
        lines => (
            format!(
                "only the error tables with the header of the first are read (lines {}), \
                 and this page has {} more with another header",
                super::list(lines),
                others.len()
            ),
            format!(
                "{} reads those alone",
                headings_setting(document, &read_tables)
            ),
        ),
    };
    let mut warning = Diagnostic::warning(DiagnosticCode::UnreadTables, message)
        .at(second.header.span.clone())
        .label("this table is not read")
        .help(format!(
            "read every error table into one enum with `tables = all`, or name their headings with \
             {listed}; {alone}, without this warning"
        ));
    for table in others {
        warning = warning.note(describe(file, document, table));
    }
    Some(warning)
}

/// `tables = ["Client errors", "Server errors"]` for these tables, or a
/// pattern of it when one has no heading of its own.
fn headings_setting(document: &Document, tables: &[&markdown::Table]) -> String {
    let mut headings: Vec<String> = tables
        .iter()
        .filter_map(|table| heading_text(document, table))
        .map(|heading| format!("\"{heading}\""))
        .collect();
    headings.dedup();
    if headings.len() == tables.len() {
        format!("`tables = [{}]`", headings.join(", "))
    } else {
        "`tables = [\"…\", \"…\"]`".to_owned()
    }
}

/// `line 20: the table under `Server errors`, 3 rows`.
fn describe(file: &SourceFile, document: &Document, table: &markdown::Table) -> String {
    let (line, _) = file.line_of(table.span.start);
    let rows = table.rows.len();
    let rows = format!("{rows} row{}", if rows == 1 { "" } else { "s" });
    match heading_text(document, table) {
        Some(heading) => format!("line {line}: the table under `{heading}`, {rows}"),
        None => format!("line {line}: a table, {rows}"),
    }
}

/// The text of the heading a table is under.
pub(crate) fn heading_text<'d>(document: &'d Document, table: &markdown::Table) -> Option<&'d str> {
    let index = table.heading?;
    document
        .headings
        .get(index)
        .map(|heading| heading.text.as_str())
}

pub(super) fn no_table(file: &SourceFile, document: &Document, settings: &Settings) -> Diagnostic {
    let count = document.tables.len();
    if let TableSelector::Index(position) = &settings.table {
        Diagnostic::error(
            DiagnosticCode::NoSuchTable,
            format!(
                "`table = {position}`, but the file has {count} table{}",
                if count == 1 { "" } else { "s" }
            ),
        )
        .help("tables are counted from 1, in the order they appear in the file")
    } else {
        let mut diagnostic =
            Diagnostic::error(DiagnosticCode::NoErrorTable, "no error table in this file");
        // A table where none is read is most likely the one meant: point
        // at it and say why it was skipped.
        diagnostic = match document.ignored_tables.first() {
            Some(ignored) => {
                let (label, help) = ignored_reason(ignored.place);
                diagnostic.at(ignored.span.clone()).label(label).help(help)
            }
            None => diagnostic.help(
                "add a Markdown table whose header has an `Error code` and an `HTTP status code` column, \
                 or choose a table with `table = \"Heading\"` or `table = 1`",
            ),
        };
        for ignored in document.ignored_tables.iter().skip(1) {
            let (line, _) = file.line_of(ignored.span.start);
            let (label, _) = ignored_reason(ignored.place);
            diagnostic = diagnostic.note(format!("line {line}: {label}"));
        }
        // The help for what the tables show, unless it is about a table
        // that is not read.
        if let (Some(help), true) = (
            tables_help(file, document, &settings.columns),
            document.ignored_tables.is_empty(),
        ) {
            diagnostic = diagnostic.help(help);
        }
        for table in &document.tables {
            diagnostic = diagnostic.note(passed_over(file, table, &settings.columns));
        }
        diagnostic
    }
}

/// A help for a page whose tables hold errors in a shape that is no
/// error table: codes and statuses in group rows, or codes without
/// statuses.
fn tables_help(
    file: &SourceFile,
    document: &Document,
    choices: &[ColumnChoice],
) -> Option<&'static str> {
    let names = |role| {
        document
            .tables
            .iter()
            .any(|table| Mapping::of(&table.header, choices).names(role))
    };
    if document
        .tables
        .iter()
        .any(|table| !group_rows(file, table).is_empty())
    {
        Some(
            "write one row per error, with its code, its status and its message in columns \
             of their own: `| Error code | HTTP status code | Message |`, such as \
             `| BadRequest | 400 | … |`, instead of a group row above the rows",
        )
    } else if names(ColumnRole::Code) && !names(ColumnRole::Status) {
        Some(
            "no table of this page has a status column: an error table gives each error its \
             HTTP status, so add a column such as `HTTP status code` to the table of codes",
        )
    } else {
        None
    }
}

/// The rows of `table` that hold one bold cell and nothing else, with
/// their lines: headings of groups (`**BadRequestError (status code
/// 400)**`), where some pages put the code and the status of the rows
/// below.
fn group_rows<'t>(file: &SourceFile, table: &'t markdown::Table) -> Vec<(usize, &'t str)> {
    let is_bold = |cell: &markdown::Cell| {
        let source = file
            .text()
            .get(cell.span.clone())
            .unwrap_or_default()
            .trim();
        ["**", "__"].iter().any(|mark| {
            source.len() > 2 * mark.len() && source.starts_with(mark) && source.ends_with(mark)
        })
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let (first, rest) = row.cells.split_first()?;
            let alone = is_bold(first) && rest.iter().all(|cell| cell.text.is_empty());
            alone.then(|| (file.line_of(row.span.start).0, first.text.as_str()))
        })
        .collect()
}

/// Why a table without a code or a status column is not the error table.
pub(crate) fn passed_over(
    file: &SourceFile,
    table: &markdown::Table,
    choices: &[ColumnChoice],
) -> String {
    let (line, _) = file.line_of(table.span.start);
    let names: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|cell| format!("`{}`", cell.text))
        .collect();
    let mapping = Mapping::of(&table.header, choices);
    // A status column without a code column is most often a code column
    // with another name (`Type`, `Error`).
    let hint = if mapping.names(ColumnRole::Status) && !mapping.names(ColumnRole::Code) {
        ": name it with `columns = { code = \"…\" }`"
    } else {
        ""
    };
    let groups = group_rows(file, table);
    let grouped = match groups.as_slice() {
        [] => String::new(),
        [(_, example), ..] => {
            let lines: Vec<String> = groups.iter().map(|(line, _)| line.to_string()).collect();
            format!(
                "; the codes and statuses stand in one-cell group rows above the rows \
                 (line{} {}, such as `{example}`), which are no columns",
                if lines.len() == 1 { "" } else { "s" },
                super::list(&lines)
            )
        }
    };
    format!(
        "the table on line {line} has columns {}, but {}{hint}{grouped}",
        names.join(", "),
        lacking(&mapping)
    )
}

/// `no status column`, or what else keeps a header from an error table.
pub(crate) fn lacking(mapping: &Mapping) -> &'static str {
    match (
        mapping.names(ColumnRole::Code),
        mapping.names(ColumnRole::Status),
    ) {
        (false, false) => "no code and status column",
        (false, true) => "no code column",
        (true, false) => "no status column",
        (true, true) => "a code and a status column",
    }
}

/// The label and help for a table that is not read.
pub(crate) fn ignored_reason(place: Ignored) -> (&'static str, &'static str) {
    match place {
        Ignored::CodeBlock => (
            "a table in a code block is not read",
            "take the error table out of the code block: only Markdown tables outside \
             code blocks and block quotes are read",
        ),
        Ignored::BlockQuote => (
            "a table in a block quote is not read",
            "take the error table out of the block quote: remove the `>` before its lines",
        ),
        Ignored::Html => (
            "HTML tables are not read",
            "write the error table in Markdown: `| Error code | HTTP status code | Message |`, \
             then `|---|---|---|` and one line per error",
        ),
        Ignored::PipeLines => (
            "pipe lines without a delimiter row under the first are no table",
            "put a delimiter row right under the header, with one `---` per header cell, \
             such as `|---|---|---|`",
        ),
        Ignored::Yfm => (
            "a YFM multiline table (`#|` … `|#`) is not a GFM table",
            "write the error table as a GFM table: `| Error code | HTTP status code | Message |`, \
             then `|---|---|---|` and one line per error",
        ),
        Ignored::Grid => (
            "a grid table (`+---+`) is not a GFM table",
            "write the error table as a GFM table: `| Error code | HTTP status code | Message |`, \
             then `|---|---|---|` and one line per error",
        ),
    }
}

/// The first table under the heading `wanted`; `setting` names what
/// asked for it in the errors.
fn under_heading<'d>(
    document: &'d Document,
    wanted: &str,
    setting: &str,
    diagnostics: &mut Diagnostics,
) -> Option<(usize, &'d markdown::Table)> {
    let wanted_lower = wanted.trim().to_lowercase();
    let Some(heading) = document
        .headings
        .iter()
        .position(|heading| heading.text.to_lowercase() == wanted_lower)
    else {
        let names = document
            .headings
            .iter()
            .map(|heading| heading.text.as_str());
        let help = if let Some(near) = suggest::closest(wanted, names.clone()) {
            format!("did you mean `{near}`?")
        } else {
            let all: Vec<String> = names.map(|name| format!("`{name}`")).collect();
            format!("the headings are {}", all.join(", "))
        };
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::NoSuchHeading,
                format!("{setting} names no heading of this file"),
            )
            .help(help),
        );
        return None;
    };
    let table = document
        .tables
        .iter()
        .enumerate()
        .find(|(_, table)| table.heading == Some(heading));
    if table.is_none() {
        let span = document
            .headings
            .get(heading)
            .map(|heading| heading.span.clone())
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::NoTableUnderHeading,
                format!("no table under the heading `{wanted}`"),
            )
            .at(span)
            .label("the table should follow this heading, before the next one")
            .help("move the error table under this heading, or name the heading above it"),
        );
    }
    table
}

/// What `error-table tables` shows: every table of a page, how its
/// columns map and whether it is read, and the tables that are not read
/// at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// How the tables are chosen, in words.
    pub rule: String,
    /// Every Markdown table, in page order.
    pub tables: Vec<TableReport>,
    /// The tables that are not Markdown tables to the parser (in HTML,
    /// in a code block, in a block quote): their line and why.
    pub ignored: Vec<(usize, &'static str)>,
}

/// One Markdown table of a [`Survey`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReport {
    /// Its place among the tables, from 1, as `table = N` counts.
    pub number: usize,
    /// The line of its header.
    pub line: usize,
    /// The heading it is under.
    pub heading: Option<String>,
    /// The header cells' text.
    pub headers: Vec<String>,
    /// The role of each column, and why.
    pub mapping: Mapping,
    /// How many body rows it has.
    pub rows: usize,
    /// Whether the macro reads it.
    pub read: bool,
    /// Why it is read, or why not.
    pub reason: String,
}

/// Surveys the tables of `document` as `settings` read them.
#[must_use]
pub fn survey(file: &SourceFile, document: &Document, settings: &Settings) -> Survey {
    let read: Vec<usize> = select(file, document, settings, &mut Diagnostics::default())
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    let first_read = read.first().copied();
    let tables = document
        .tables
        .iter()
        .enumerate()
        .map(|(index, table)| {
            let mapping = Mapping::of(&table.header, &settings.columns);
            let read = read.contains(&index);
            TableReport {
                number: index + 1,
                line: file.line_of(table.span.start).0,
                heading: heading_text(document, table).map(str::to_owned),
                headers: table
                    .header
                    .cells
                    .iter()
                    .map(|cell| cell.text.clone())
                    .collect(),
                reason: reason(&settings.table, read, first_read == Some(index), &mapping),
                mapping,
                rows: table.rows.len(),
                read,
            }
        })
        .collect();
    let ignored = document
        .ignored_tables
        .iter()
        .map(|ignored| {
            (
                file.line_of(ignored.span.start).0,
                ignored_reason(ignored.place).0,
            )
        })
        .collect();
    Survey {
        rule: rule(&settings.table),
        tables,
        ignored,
    }
}

/// How `selector` chooses tables, in words.
fn rule(selector: &TableSelector) -> String {
    match selector {
        TableSelector::FirstErrorTable => {
            "the first table with a code and a status column, and the later tables with its \
             header (the default)"
                .to_owned()
        }
        TableSelector::Index(position) => {
            format!("`table = {position}`: table {position} of the file")
        }
        TableSelector::Heading(heading) => {
            format!("`table = \"{heading}\"`: the table under this heading")
        }
        TableSelector::All => {
            "`tables = all`: every table with a code and a status column".to_owned()
        }
        TableSelector::Headings(headings) => {
            let listed: Vec<String> = headings
                .iter()
                .map(|heading| format!("\"{heading}\""))
                .collect();
            format!(
                "`tables = [{}]`: the table under each of these headings",
                listed.join(", ")
            )
        }
    }
}

/// Why a table is read, or is not; `first` is whether it is the first
/// table read.
fn reason(selector: &TableSelector, read: bool, first: bool, mapping: &Mapping) -> String {
    let error_table = mapping.is_error_table();
    match (read, selector) {
        (true, TableSelector::FirstErrorTable) if first => {
            "the first table with a code and a status column".to_owned()
        }
        (true, TableSelector::FirstErrorTable) => {
            "it has the header of the first error table".to_owned()
        }
        (true, TableSelector::All) => "it has a code and a status column".to_owned(),
        (true, _) => "the setting chooses it".to_owned(),
        (false, TableSelector::FirstErrorTable) if error_table => {
            "an error table with another header than the first: `tables = all` reads it too"
                .to_owned()
        }
        (false, _) if error_table => "the setting does not choose it".to_owned(),
        (false, _) => format!("it has {}", lacking(mapping)),
    }
}
