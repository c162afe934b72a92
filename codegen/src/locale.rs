//! Stage 4b: a translated copy of the spec becomes a [`Translation`] of the
//! checked canonical table, and every way it drifted is reported.
//!
//! Rows are matched by code. A code the canonical table lacks is never
//! taken for another one: it is an error, with a suggestion. Placeholders
//! are matched by field name, never by position.

use std::collections::HashMap;
use std::ops::Range;

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::markdown::{self, Cell, Document};
use crate::model::{self, Columns, Part};
use crate::settings::{
    ColumnChoice, Settings, StatusRange, TableSelector, TranslationPolicy, VarValue,
};
use crate::source::SourceFile;
use crate::suggest;
use crate::template::Template;
use crate::validate::{Checked, CheckedRow};

/// The front matter keys that name a page's locale, in order of trust.
const LOCALE_KEYS: [&str; 3] = ["ms.contentlocale", "locale", "lang"];

/// The locale of a page that names none.
const DEFAULT_LOCALE: &str = "en";

/// The messages of one locale, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The language tag, normalized (`sv-SE`, `zh-Hant-TW`).
    pub locale: String,
    /// One entry per row of the checked canonical table; `None` where the
    /// translation has no usable row, so the canonical message is shown.
    pub templates: Vec<Option<Template>>,
}

/// The locale of the canonical page: its front matter, or `en`.
#[must_use]
pub fn canonical_locale(document: &Document) -> String {
    document
        .front_matter_value(&LOCALE_KEYS)
        .and_then(|entry| normalize_tag(&entry.value))
        .unwrap_or_else(|| DEFAULT_LOCALE.to_owned())
}

/// Checks the translation in `file` against the `canonical` table and
/// returns its messages. `taken` holds the locales seen so far, the
/// canonical one first.
pub fn check(
    file: &SourceFile,
    canonical: &Checked,
    parts: &[Part],
    settings: &Settings,
    taken: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Translation> {
    let document = markdown::parse(file);
    if let Some(problem) = &document.front_matter_problem {
        diagnostics.push(problem.warning());
    }
    let locale = locale_of(file, &document, taken, diagnostics)?;
    let tables = translated_tables(&document, parts, settings, diagnostics);
    let (first, _) = tables.first()?;
    let header = first.header.span.clone();
    let mut reader = RowReader {
        file,
        canonical,
        rows_by_code: canonical
            .rows
            .iter()
            .enumerate()
            .map(|(index, row)| (row.spec.code.wire.as_str(), index))
            .collect(),
        policy: settings.translation_policy,
        statuses: settings.statuses,
        vars: &settings.vars,
        templates: vec![None; canonical.rows.len()],
        seen: vec![None; canonical.rows.len()],
        claimed: Vec::new(),
        diagnostics,
    };
    let rows = tables
        .iter()
        .flat_map(|(table, columns)| table.rows.iter().map(move |row| (row, columns)));
    for (position, (row, columns)) in rows.enumerate() {
        reader.read(position, row, columns);
    }
    reader.report_missing(&locale, header);
    Some(Translation {
        locale,
        templates: reader.templates,
    })
}

/// The locale from the front matter, else from a file name such as
/// `errors.sv-SE.md`.
fn locale_of(
    file: &SourceFile,
    document: &Document,
    taken: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let declared = document.front_matter_value(&LOCALE_KEYS);
    let (written, span) = match declared {
        Some(entry) => (entry.value.clone(), Some(entry.span.clone())),
        None => (tag_in_file_name(file.name()).unwrap_or_default(), None),
    };
    let Some(locale) = normalize_tag(&written) else {
        let mut diagnostic = Diagnostic::error(
            DiagnosticCode::UnknownLocale,
            format!("cannot tell the locale of `{}`", file.name()),
        )
        .help("add `locale: sv-SE` to its front matter, or name the file like `errors.sv-SE.md`");
        if let Some(span) = span {
            diagnostic = diagnostic.at(span).label("not a language tag");
        }
        diagnostics.push(diagnostic);
        return None;
    };
    if let Some(first) = taken
        .iter()
        .position(|seen| seen.eq_ignore_ascii_case(&locale))
    {
        let what = if first == 0 {
            "the canonical table's own locale".to_owned()
        } else {
            "already given by another file".to_owned()
        };
        let mut diagnostic = Diagnostic::error(
            DiagnosticCode::DuplicateLocale,
            format!("locale `{locale}` is {what}"),
        )
        .help("each translation needs a locale of its own; check the file's front matter and name");
        if let Some(span) = span {
            diagnostic = diagnostic.at(span);
        }
        diagnostics.push(diagnostic);
        return None;
    }
    Some(locale)
}

/// `sv-SE` from `errors.sv-SE.md` or `common-errors.sv-SE.md`.
fn tag_in_file_name(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next()?;
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (_, tag) = stem.rsplit_once('.')?;
    Some(tag.to_owned())
}

/// A BCP 47 language tag in its usual case (`zh-hant-tw` → `zh-Hant-TW`),
/// or `None` if `tag` is not one.
#[must_use]
pub fn normalize_tag(tag: &str) -> Option<String> {
    let mut subtags = tag.trim().split(['-', '_']);
    let language = subtags.next()?;
    let is_language =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphabetic());
    if !is_language {
        return None;
    }
    let mut normalized = language.to_ascii_lowercase();
    for subtag in subtags {
        if subtag.is_empty()
            || subtag.len() > 8
            || !subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return None;
        }
        normalized.push('-');
        match subtag.len() {
            2 => normalized.push_str(&subtag.to_ascii_uppercase()),
            4 if subtag.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let (first, rest) = subtag.split_at(1);
                normalized.push_str(&first.to_ascii_uppercase());
                normalized.push_str(&rest.to_ascii_lowercase());
            }
            _ => normalized.push_str(&subtag.to_ascii_lowercase()),
        }
    }
    Some(normalized)
}

/// The translation's tables and their columns: by default its first error
/// table and the later tables with its header; when a setting chose the canonical tables, the table of each
/// under the same heading (or its English original), else at the same
/// place in the page.
fn translated_tables<'d>(
    document: &'d Document,
    parts: &[Part],
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Vec<(&'d markdown::Table, Columns)> {
    let choices = &settings.columns;
    let tables: Vec<(&markdown::Table, &Part)> = if settings.table == TableSelector::FirstErrorTable
    {
        // As in the canonical page: the first error table, and the later
        // tables with its header.
        parts
            .first()
            .and_then(|part| {
                let first = translated_table(document, &part.columns, choices, diagnostics)?;
                let later = document
                    .tables
                    .iter()
                    .skip_while(|table| !std::ptr::eq(*table, first))
                    .skip(1)
                    .filter(|table| model::same_header(&table.header, &first.header));
                Some(
                    std::iter::once(first)
                        .chain(later)
                        .map(|table| (table, part))
                        .collect::<Vec<_>>(),
                )
            })
            .into_iter()
            .flatten()
            .collect()
    } else {
        parts
            .iter()
            .filter_map(|part| Some((table_of_part(document, part, diagnostics)?, part)))
            .collect()
    };
    tables
        .into_iter()
        .filter_map(|(table, part)| {
            Some((
                table,
                translated_columns(table, &part.columns, choices, diagnostics)?,
            ))
        })
        .collect()
}

/// The table of the translation that stands for the canonical `part`.
fn table_of_part<'d>(
    document: &'d Document,
    part: &Part,
    diagnostics: &mut Diagnostics,
) -> Option<&'d markdown::Table> {
    let by_heading = part.heading.as_deref().and_then(|wanted| {
        let same = |text: &str| text.trim().to_lowercase() == wanted.trim().to_lowercase();
        let heading = document.headings.iter().position(|heading| {
            same(&heading.text) || heading.original.as_deref().is_some_and(same)
        })?;
        document
            .tables
            .iter()
            .find(|table| table.heading == Some(heading))
    });
    let found = by_heading.or_else(|| document.tables.get(part.index));
    if found.is_none() {
        let under = part
            .heading
            .as_deref()
            .map(|heading| format!(" under `{heading}`"))
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::NoTranslatedTable,
                format!(
                    "no translated table for the canonical table {}{under}",
                    part.index + 1
                ),
            )
            .help(format!(
                "keep the translated table under the translated heading, as table {} of the page",
                part.index + 1
            )),
        );
    }
    found
}

/// The first table with English headers for a code and a status column,
/// else the first with as many columns as the canonical table.
fn translated_table<'d>(
    document: &'d Document,
    columns: &Columns,
    choices: &[ColumnChoice],
    diagnostics: &mut Diagnostics,
) -> Option<&'d markdown::Table> {
    let found = document
        .tables
        .iter()
        .find(|table| model::is_error_table(&table.header, choices))
        .or_else(|| {
            document
                .tables
                .iter()
                .find(|table| table.header.cells.len() == columns.count)
        });
    if found.is_none() {
        diagnostics.push(
            Diagnostic::error(DiagnosticCode::NoTranslatedTable, "no translated error table in this file").help(format!(
                "add the translated table, with the {} columns of the canonical table in the same order",
                columns.count
            )),
        );
    }
    found
}

/// Columns found by their (English or original) headers, else by the
/// positions of the canonical table's columns.
fn translated_columns(
    table: &markdown::Table,
    canonical: &Columns,
    choices: &[ColumnChoice],
    diagnostics: &mut Diagnostics,
) -> Option<Columns> {
    if let Some(columns) = model::columns(table, choices, &mut Diagnostics::default()) {
        return Some(columns);
    }
    if table.header.cells.len() == canonical.count {
        return Some(*canonical);
    }
    diagnostics.push(
        Diagnostic::error(
            DiagnosticCode::TranslatedColumns,
            format!(
                "cannot tell the columns of this table: it has {} columns, the canonical table {}",
                table.header.cells.len(),
                canonical.count
            ),
        )
        .at(table.header.span.clone())
        .label("header row")
        .help("keep the canonical table's columns, in the same order"),
    );
    None
}

/// Reads the rows of one translated table.
struct RowReader<'a> {
    file: &'a SourceFile,
    canonical: &'a Checked,
    /// The canonical row of each code: a translation of thousands of rows
    /// looks each up, which a scan would make quadratic.
    rows_by_code: HashMap<&'a str, usize>,
    policy: TranslationPolicy,
    /// The statuses the canonical table admits.
    statuses: StatusRange,
    /// The values of docs-generator variables.
    vars: &'a [VarValue],
    templates: Vec<Option<Template>>,
    /// Canonical row index → where its row is here, to spot duplicates.
    seen: Vec<Option<Range<usize>>>,
    /// Canonical rows that a suggestion for an unknown code already names.
    claimed: Vec<usize>,
    diagnostics: &'a mut Diagnostics,
}

impl RowReader<'_> {
    fn read(&mut self, position: usize, row: &markdown::Row, columns: &Columns) {
        for error in model::shape_errors(row, columns.count) {
            self.diagnostics.push(error);
        }
        let (Some(code), Some(status), Some(message)) = (
            row.cells.get(columns.code),
            row.cells.get(columns.status),
            row.cells.get(columns.message),
        ) else {
            return;
        };
        let Some(index) = self.canonical_row(code) else {
            // The rest of the row is checked against the suggested code,
            // so that one build shows what fixing the code leaves to fix.
            if let Some(suggested) = self.unknown_code(position, code, status)
                && let Some(canonical) = self.canonical.rows.get(suggested)
            {
                self.check_status(canonical, status);
                self.check_message(canonical, message);
            }
            return;
        };
        if let Some(first) = self.seen(index) {
            let (line, _) = self.file.line_of(first.start);
            self.diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateTranslatedRow,
                    format!("duplicate row for `{}`", code.text),
                )
                .at(text_span(code))
                .label(format!("already on line {line}"))
                .help("remove one of the two rows"),
            );
            return;
        }
        if let Some(seen) = self.seen.get_mut(index) {
            *seen = Some(row.span.clone());
        }
        let Some(canonical) = self.canonical.rows.get(index) else {
            return;
        };
        self.check_status(canonical, status);
        let template = self.check_message(canonical, message);
        if let Some(slot) = self.templates.get_mut(index) {
            *slot = template;
        }
    }

    /// Where the row of canonical row `index` is here, once read.
    fn seen(&self, index: usize) -> Option<&Range<usize>> {
        self.seen.get(index)?.as_ref()
    }

    fn canonical_row(&self, code: &Cell) -> Option<usize> {
        self.rows_by_code.get(code.text.as_str()).copied()
    }

    /// Reports a code the canonical table lacks; returns the suggested
    /// canonical row.
    fn unknown_code(&mut self, position: usize, code: &Cell, status: &Cell) -> Option<usize> {
        let status =
            model::status(status, self.statuses, &mut Vec::new()).map(|status| status.value);
        let suggestion = self.suggest(position, code, status);
        let mut diagnostic = Diagnostic::error(
            DiagnosticCode::UnknownTranslatedCode,
            format!("`{}` is not a code of the canonical table", code.text),
        )
        .at(text_span(code))
        .label("unknown code");
        diagnostic = match suggestion {
            Some((index, why)) => {
                self.claimed.push(index);
                let wire = self.wire(index);
                diagnostic.help(format!("did you mean `{wire}`? ({why}); codes are never translated"))
            }
            None => diagnostic.help("codes are never translated: use the code of the canonical table, or remove the row"),
        };
        self.diagnostics.push(diagnostic);
        suggestion.map(|(index, _)| index)
    }

    /// The canonical code an unknown one most likely stands for, and why:
    /// a word of the cell or its English original that is a code; a code
    /// close by spelling; the only code with the row's status; the code of
    /// the canonical row at the same position with the same status.
    fn suggest(
        &self,
        position: usize,
        code: &Cell,
        status: Option<u16>,
    ) -> Option<(usize, &'static str)> {
        let open: Vec<usize> = (0..self.canonical.rows.len())
            .filter(|&index| self.seen(index).is_none() && !self.claimed.contains(&index))
            .collect();
        let words = code
            .text
            .split(|c: char| c.is_whitespace() || "()[]".contains(c))
            .chain(code.original.as_deref())
            .filter(|word| !word.is_empty());
        for word in words {
            if let Some(&index) = open.iter().find(|&&index| self.wire(index) == word) {
                return Some((index, "named in the cell"));
            }
        }
        let first_word = code.text.split_whitespace().next().unwrap_or_default();
        for text in [code.text.as_str(), first_word] {
            let near = suggest::closest(text, open.iter().map(|&index| self.wire(index)));
            if let Some(index) =
                near.and_then(|near| open.iter().copied().find(|&index| self.wire(index) == near))
            {
                return Some((index, "similar spelling"));
            }
        }
        let status = status?;
        let same_status: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&index| self.status(index) == Some(status))
            .collect();
        match same_status.as_slice() {
            [only] => Some((*only, "the only code with this status")),
            _ => same_status
                .contains(&position)
                .then_some((position, "same status, same row")),
        }
    }

    fn check_status(&mut self, canonical: &CheckedRow, cell: &Cell) {
        let mut errors = Vec::new();
        let Some(status) = model::status(cell, self.statuses, &mut errors) else {
            for error in errors {
                self.diagnostics.push(error);
            }
            return;
        };
        let expected = canonical.spec.status.value;
        if status.value != expected {
            self.diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::TranslatedStatus,
                    format!(
                        "`{}` has status {expected} in the canonical table, but {} here",
                        canonical.spec.code.wire, status.value
                    ),
                )
                .at(status.span)
                .label(format!("expected {expected}"))
                .help(format!(
                    "write {expected}: a translation cannot change a status"
                )),
            );
        }
    }

    /// The translated template, if it parses and has the canonical
    /// placeholders.
    fn check_message(&mut self, canonical: &CheckedRow, cell: &Cell) -> Option<Template> {
        let mut errors = Vec::new();
        let template = Template::parse(cell, self.vars, &mut errors);
        for error in errors {
            self.diagnostics.push(error);
        }
        let template = template?;
        let placeholders_match = self.check_placeholders(canonical, &template);
        self.check_stale(canonical, cell);
        placeholders_match.then_some(template)
    }

    fn check_placeholders(&mut self, canonical: &CheckedRow, template: &Template) -> bool {
        // The usual case, the canonical placeholders in their order, needs
        // none of the lists below (every row of every translation).
        let fields = canonical
            .fields
            .iter()
            .map(|field| field.placeholder.field.as_str());
        if template.placeholders().map(|p| p.field.as_str()).eq(fields) {
            return true;
        }
        let wire = &canonical.spec.code.wire;
        let expected: Vec<&str> = canonical
            .fields
            .iter()
            .map(|field| field.placeholder.field.as_str())
            .collect();
        let found: Vec<&str> = template.placeholders().map(|p| p.field.as_str()).collect();
        let lacking: Vec<&crate::validate::Field> = canonical
            .fields
            .iter()
            .filter(|field| !found.contains(&field.placeholder.field.as_str()))
            .collect();
        let mut ok = true;
        for placeholder in template.placeholders() {
            if expected.contains(&placeholder.field.as_str()) {
                continue;
            }
            ok = false;
            let names: Vec<String> = lacking
                .iter()
                .map(|field| format!("`{{{}}}`", field.placeholder.name))
                .collect();
            let help = match names.as_slice() {
                [] => "placeholders keep their canonical names in every language".to_owned(),
                [only] => format!(
                    "did you mean {only}? placeholders keep their canonical names in every language"
                ),
                _ => format!(
                    "placeholders keep their canonical names in every language; this message lacks {}",
                    names.join(" and ")
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::UnknownTranslatedPlaceholder,
                    format!(
                        "`{{{}}}` is not a placeholder of `{wire}`",
                        placeholder.name
                    ),
                )
                .at(placeholder.span.clone())
                .label("unknown placeholder")
                .help(help),
            );
        }
        // A lacking placeholder is already named in the help of an unknown
        // one when there are as many unknown ones.
        let unknown = found
            .iter()
            .filter(|field| !expected.contains(field))
            .count();
        let named_in_help = unknown > 0 && unknown >= lacking.len();
        for field in lacking {
            ok = false;
            if named_in_help {
                continue;
            }
            self.diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::MissingTranslatedPlaceholder,
                    format!(
                        "the translation of `{wire}` lacks `{{{}}}`",
                        field.placeholder.name
                    ),
                )
                .at(template.span.clone())
                .label("this message")
                .help("add the placeholder, so the translated message shows the value too"),
            );
        }
        ok
    }

    /// A cell that keeps its English original was translated from that
    /// text; if the canonical message has changed since, so should the
    /// translation.
    fn check_stale(&mut self, canonical: &CheckedRow, cell: &Cell) {
        let Some(original) = &cell.original else {
            return;
        };
        let current = &canonical.spec.template.text;
        if collapse_whitespace(original) == collapse_whitespace(current) {
            return;
        }
        let mut diagnostic = Diagnostic::error(
            DiagnosticCode::StaleTranslation,
            format!(
                "stale translation of `{}`: it was made from an older English message",
                canonical.spec.code.wire
            ),
        )
        .at(text_span(cell))
        .label(format!("translated from `{original}`"))
        .help("translate the current message, and update the English original beside it")
        .note(format!("the canonical message is now `{current}`"));
        diagnostic.severity = self.policy.stale;
        self.diagnostics.push(diagnostic);
    }

    /// One diagnostic per canonical row without a translation, except rows
    /// an unknown code's suggestion already names.
    fn report_missing(&mut self, locale: &str, header: Range<usize>) {
        for (index, row) in self.canonical.rows.iter().enumerate() {
            if self.seen(index).is_some() || self.claimed.contains(&index) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                DiagnosticCode::MissingTranslation,
                format!(
                    "the `{locale}` translation has no row for `{}`",
                    row.spec.code.wire
                ),
            )
            .at(header.clone())
            .label("in this table")
            .help("add the translated row");
            if self.policy.missing == Severity::Warning {
                diagnostic = diagnostic.note("the canonical message is shown instead");
            }
            diagnostic.severity = self.policy.missing;
            self.diagnostics.push(diagnostic);
        }
    }

    fn wire(&self, index: usize) -> &str {
        self.canonical
            .rows
            .get(index)
            .map_or("", |row| row.spec.code.wire.as_str())
    }

    fn status(&self, index: usize) -> Option<u16> {
        self.canonical
            .rows
            .get(index)
            .map(|row| row.spec.status.value)
    }
}

/// The cell's text, without the spaces around it.
fn text_span(cell: &Cell) -> Range<usize> {
    cell.source_span(0..cell.text.len())
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalized_and_bad_ones_rejected() {
        assert_eq!(normalize_tag("sv-se").as_deref(), Some("sv-SE"));
        assert_eq!(normalize_tag("zh_hant_tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_tag("EN").as_deref(), Some("en"));
        assert_eq!(normalize_tag("es-419").as_deref(), Some("es-419"));
        assert_eq!(normalize_tag(""), None);
        assert_eq!(normalize_tag("errors"), None);
        assert_eq!(normalize_tag("sv-"), None);
    }

    #[test]
    fn the_locale_is_read_from_yaml_comments_quotes_and_nested_keys() {
        let locale = |front_matter: &str| {
            let text = format!("---\n{front_matter}\n---\n# Errors\n");
            canonical_locale(&markdown::parse(&SourceFile::new("t.md", text)))
        };
        assert_eq!(locale("lang: de # German"), "de");
        assert_eq!(locale("locale: \"sv-SE\""), "sv-SE");
        assert_eq!(locale("ms:\n  contentlocale: fr-fr\nlang: de"), "fr-FR");
        // A `lang` nested under another key is not the page's.
        assert_eq!(locale("translation:\n  lang: de"), "en");
    }

    #[test]
    fn the_file_name_gives_the_locale_when_front_matter_does_not() {
        assert_eq!(
            tag_in_file_name("spec/errors.ko-KR.md").as_deref(),
            Some("ko-KR")
        );
        assert_eq!(
            tag_in_file_name("common-errors.sv-SE.md").as_deref(),
            Some("sv-SE")
        );
        assert_eq!(tag_in_file_name("errors.md"), None);
    }
}
