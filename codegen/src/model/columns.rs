//! Which column of a table holds what: the columns that the `columns`
//! setting names by their header, then the others by their header words.

use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Cell};
use crate::settings::{ColumnChoice, ColumnRole};

/// The header words of each role, tested in this order: the first word a
/// header has gives its role, so `HTTP status code` is the status and
/// `Error code` the code. Of two columns with one role, the one with the
/// lower rank is taken: `Details` is the message only beside no `Message`.
/// The words of the aliases come first, so that `Former codes` is no
/// code column.
const WORDS: [(&str, ColumnRole, u8); 13] = [
    ("aliases", ColumnRole::Aliases, 0),
    ("alias", ColumnRole::Aliases, 0),
    ("former", ColumnRole::Aliases, 0),
    ("accepted", ColumnRole::Aliases, 0),
    ("status", ColumnRole::Status, 0),
    ("http", ColumnRole::Status, 0),
    ("code", ColumnRole::Code, 0),
    ("message", ColumnRole::Message, 0),
    ("template", ColumnRole::Message, 0),
    ("details", ColumnRole::Message, 1),
    ("detail", ColumnRole::Message, 1),
    ("meaning", ColumnRole::Message, 1),
    ("description", ColumnRole::Description, 0),
];

/// The roles every error table has.
pub const REQUIRED: [ColumnRole; 3] = [ColumnRole::Code, ColumnRole::Status, ColumnRole::Message];

/// Why a column has its role, or has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The `columns` setting names its header.
    Setting,
    /// Its header has this word.
    Word(&'static str),
    /// Its header has the word `description`, and no other column is the
    /// message.
    DescriptionAsMessage,
    /// Its header has a word of `role`, but the column at index `by`
    /// holds it: the setting names it, or its word is surer (`Message`
    /// beside `Details`).
    Taken {
        /// The role its header words give.
        role: ColumnRole,
        /// The column that has the role.
        by: usize,
    },
    /// Its header has a word of `role` as sure as that of the column at
    /// index `with`: which one is meant must be said.
    Ambiguous {
        /// The role both headers give.
        role: ColumnRole,
        /// The earlier column with that role.
        with: usize,
    },
    /// Its header has no word of any role.
    NoWord,
}

/// The role of one header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped {
    /// What the column holds; `None` for a column that is not read.
    pub role: Option<ColumnRole>,
    /// Why.
    pub why: Why,
}

/// The role of every column of a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per header cell, in order.
    pub columns: Vec<Mapped>,
}

impl Mapping {
    /// Maps `header`: a column the `columns` setting names takes that
    /// role, and the other roles go by header words.
    #[must_use]
    pub fn of(header: &markdown::Row, choices: &[ColumnChoice]) -> Self {
        let mut columns: Vec<Mapped> = header
            .cells
            .iter()
            .map(|cell| match chosen_role(cell, choices) {
                Some(role) => Mapped {
                    role: Some(role),
                    why: Why::Setting,
                },
                None => Mapped {
                    role: None,
                    why: Why::NoWord,
                },
            })
            .collect();
        let worded: Vec<Option<(&'static str, ColumnRole, u8)>> =
            header.cells.iter().map(header_word).collect();
        for role in ColumnRole::ALL {
            assign_by_words(&mut columns, &worded, role);
        }
        description_as_message(&mut columns);
        Self { columns }
    }

    /// The column of `role`, if one has it.
    #[must_use]
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns
            .iter()
            .position(|mapped| mapped.role == Some(role))
    }

    /// Whether some column is `role`, or would be if it were not
    /// ambiguous.
    #[must_use]
    pub fn names(&self, role: ColumnRole) -> bool {
        self.columns.iter().any(|mapped| {
            mapped.role == Some(role)
                || matches!(mapped.why, Why::Ambiguous { role: ambiguous, .. } if ambiguous == role)
        })
    }

    /// Whether the header has a code and a status column: what makes a
    /// table an error table.
    #[must_use]
    pub fn is_error_table(&self) -> bool {
        self.names(ColumnRole::Code) && self.names(ColumnRole::Status)
    }

    /// Whether the `columns` setting's entry for `role` names a header of
    /// this table.
    #[must_use]
    pub fn has_chosen(&self, role: ColumnRole) -> bool {
        self.columns
            .iter()
            .any(|mapped| mapped.why == Why::Setting && mapped.role == Some(role))
    }
}

/// The role the `columns` setting gives to `cell`, by its text or its
/// English original, ignoring case and surrounding spaces.
fn chosen_role(cell: &Cell, choices: &[ColumnChoice]) -> Option<ColumnRole> {
    choices
        .iter()
        .find(|choice| {
            let wanted = choice.header.value();
            same_header(&cell.text, wanted)
                || cell
                    .original
                    .as_deref()
                    .is_some_and(|original| same_header(original, wanted))
        })
        .map(|choice| choice.role)
}

/// Whether two header texts are the same, ignoring case and surrounding
/// spaces.
fn same_header(written: &str, wanted: &str) -> bool {
    written.trim().to_lowercase() == wanted.trim().to_lowercase()
}

/// The first word of [`WORDS`] that the header has, in its text or else
/// its English original. Whole words only: a `Barcode` column is no code
/// column.
fn header_word(cell: &Cell) -> Option<(&'static str, ColumnRole, u8)> {
    let of = |text: &str| {
        let text = text.to_lowercase();
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        WORDS.into_iter().find(|(word, _, _)| words.contains(word))
    };
    of(&cell.text).or_else(|| cell.original.as_deref().and_then(of))
}

/// Gives `role` to the column whose header word for it is surest, unless
/// the setting gave it already; the others with that word are marked.
fn assign_by_words(
    columns: &mut [Mapped],
    worded: &[Option<(&'static str, ColumnRole, u8)>],
    role: ColumnRole,
) {
    let chosen = columns
        .iter()
        .position(|mapped| mapped.why == Why::Setting && mapped.role == Some(role));
    let candidates: Vec<(usize, &'static str, u8)> = worded
        .iter()
        .enumerate()
        .filter_map(|(index, word)| match word {
            Some((word, word_role, rank)) if *word_role == role => Some((index, *word, *rank)),
            _ => None,
        })
        .filter(|(index, _, _)| columns.get(*index).is_some_and(|m| m.why != Why::Setting))
        .collect();
    let best = candidates
        .iter()
        .min_by_key(|(_, _, rank)| *rank)
        .map(|&(index, _, rank)| (index, rank));
    for &(index, word, rank) in &candidates {
        let why = match (chosen, best) {
            (Some(by), _) => Why::Taken { role, by },
            (None, Some((first, best_rank))) if rank == best_rank && index == first => {
                Why::Word(word)
            }
            (None, Some((first, best_rank))) if rank == best_rank => {
                Why::Ambiguous { role, with: first }
            }
            (None, Some((first, _))) => Why::Taken { role, by: first },
            (None, None) => Why::NoWord,
        };
        if let Some(mapped) = columns.get_mut(index) {
            mapped.role = matches!(why, Why::Word(_)).then_some(role);
            mapped.why = why;
        }
    }
}

/// Without a message column, a `Description` column is the message.
fn description_as_message(columns: &mut [Mapped]) {
    let has_message = columns.iter().any(|mapped| {
        mapped.role == Some(ColumnRole::Message)
            || matches!(
                mapped.why,
                Why::Ambiguous {
                    role: ColumnRole::Message,
                    ..
                }
            )
    });
    if has_message {
        return;
    }
    if let Some(description) = columns
        .iter_mut()
        .find(|mapped| mapped.role == Some(ColumnRole::Description) && mapped.why != Why::Setting)
    {
        description.role = Some(ColumnRole::Message);
        description.why = Why::DescriptionAsMessage;
    }
}

/// The errors of a mapping that leaves the table unreadable: two columns
/// for one role, and each required role no column has.
#[must_use]
pub fn problems(
    header: &markdown::Row,
    rows: &[markdown::Row],
    mapping: &Mapping,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (cell, mapped) in header.cells.iter().zip(&mapping.columns) {
        if let Why::Ambiguous { role, with } = mapped.why {
            let earlier = header.cells.get(with).map_or("", |cell| cell.text.as_str());
            let mut problem = Diagnostic::error(
                DiagnosticCode::AmbiguousColumn,
                format!("two columns could be the {} column", role.as_str()),
            )
            .at(cell.span.clone())
            .label(format!("`{earlier}` already is"))
            .help(format!(
                "say which is the {role} column, with `columns = {{ {role} = \"{earlier}\" }}` \
                 or `columns = {{ {role} = \"{header}\" }}`, or rename one of the two headers",
                role = role.as_str(),
                header = cell.text
            ));
            if role == ColumnRole::Code && all_numbers(rows, with) {
                // Pages with numeric codes name each code in a second
                // column (R2's `Error Code` and `S3 Code`).
                problem = problem.note(format!(
                    "when the `{earlier}` codes make no Rust names (numbers), keep them as the \
                     wire codes and take the variant names from `{header}`: \
                     `columns = {{ code = \"{earlier}\", name = \"{header}\" }}`",
                    header = cell.text
                ));
            }
            problems.push(problem);
        }
    }
    for role in REQUIRED {
        if !mapping.names(role) {
            problems.push(missing_column(header, role));
        }
    }
    problems
}

/// Whether the cells of `column` are numbers, as codes that make no
/// Rust names are: every cell with text, and at least one.
fn all_numbers(rows: &[markdown::Row], column: usize) -> bool {
    let mut cells = rows
        .iter()
        .filter_map(|row| row.cells.get(column))
        .filter(|cell| !cell.text.is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|cell| cell.text.bytes().all(|byte| byte.is_ascii_digit()))
}

/// A required column no header names: the header words that would be
/// taken, and the setting that names a column of another header.
fn missing_column(header: &markdown::Row, role: ColumnRole) -> Diagnostic {
    let example = match role {
        ColumnRole::Code => "Error code",
        ColumnRole::Status => "HTTP status code",
        _ => "Message",
    };
    Diagnostic::error(DiagnosticCode::MissingColumn, format!(
        "the error table has no {} column",
        role.as_str()
    ))
    .at(header.span.clone())
    .label("header row")
    .help(format!(
        "add a column headed `{example}`, or name the {role} column with `columns = {{ {role} = \"…\" }}`",
        role = role.as_str()
    ))
    .note(words_note(role))
}

/// Which headers are taken as the column of `role`.
#[must_use]
pub fn words_note(role: ColumnRole) -> String {
    let taken = match role {
        ColumnRole::Code => "a header with the word `code`, such as `Error code`",
        ColumnRole::Status => {
            "a header with the word `status` or `HTTP`, such as `HTTP status code`, `Status` or `HTTP`"
        }
        ColumnRole::Message => {
            "a header with the word `message` or `template` (`Message`, `User message`, `Error message`), \
             else `details` or `meaning`, else `description`"
        }
        ColumnRole::Description => "a header with the word `description`",
        ColumnRole::Name => "only the column that `columns = { name = \"…\" }` names",
        ColumnRole::Aliases => {
            "a header with the word `aliases`, `alias`, `former` or `accepted`, such as `Aliases`, \
             `Former codes` or `Also accepted`"
        }
    };
    format!("taken as the {} column: {taken}", role.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use proc_macro2::Span;

    fn header(text: &str) -> markdown::Row {
        let delimiter = "|---".repeat(text.matches('|').count() - 1);
        let file = SourceFile::new("t.md", format!("{text}\n{delimiter}|\n"));
        markdown::parse(&file)
            .tables
            .into_iter()
            .next()
            .expect("a table")
            .header
    }

    fn roles(text: &str, choices: &[ColumnChoice]) -> Vec<Option<&'static str>> {
        Mapping::of(&header(text), choices)
            .columns
            .iter()
            .map(|mapped| mapped.role.map(ColumnRole::as_str))
            .collect()
    }

    fn choice(role: ColumnRole, header: &str) -> ColumnChoice {
        ColumnChoice {
            role,
            header: crate::settings::Text::new(header, Span::call_site()),
        }
    }

    #[test]
    fn every_header_word_of_the_docs_is_recognised_ignoring_case() {
        for status in [
            "HTTP",
            "Status",
            "HTTP status",
            "Status code",
            "http STATUS code",
        ] {
            assert_eq!(
                roles(&format!("| Code | {status} | Message |"), &[])[1],
                Some("status")
            );
        }
        for message in [
            "User message",
            "Error message",
            "Details",
            "Meaning",
            "Description",
            "template",
        ] {
            assert_eq!(
                roles(&format!("| Code | 400 | {message} |"), &[])[2],
                Some("message")
            );
        }
    }

    #[test]
    fn a_description_beside_a_message_is_the_description() {
        assert_eq!(
            roles("| Description | Code | Status | Message |", &[]),
            [
                Some("description"),
                Some("code"),
                Some("status"),
                Some("message")
            ]
        );
        assert_eq!(
            roles("| Meaning | Code | Status | Description |", &[]),
            [
                Some("message"),
                Some("code"),
                Some("status"),
                Some("description")
            ]
        );
    }

    #[test]
    fn a_surer_message_word_wins_over_details() {
        let mapping = Mapping::of(&header("| Code | Status | Details | Message |"), &[]);
        assert_eq!(mapping.column(ColumnRole::Message), Some(3));
        assert_eq!(
            mapping.columns[2].why,
            Why::Taken {
                role: ColumnRole::Message,
                by: 3
            }
        );
    }

    #[test]
    fn the_setting_names_columns_and_takes_the_role_from_header_words() {
        let choices = [
            choice(ColumnRole::Code, "s3 code"),
            choice(ColumnRole::Message, "Details"),
            choice(ColumnRole::Description, "Recommended Fix"),
        ];
        assert_eq!(
            roles(
                "| Error Code | S3 Code | Details | Recommended Fix | HTTP Status Code |",
                &choices
            ),
            [
                None,
                Some("code"),
                Some("message"),
                Some("description"),
                Some("status")
            ]
        );
    }

    #[test]
    fn two_code_columns_are_ambiguous_and_the_help_shows_the_setting() {
        let header = header("| Error Code | S3 Code | HTTP Status Code | Message |");
        let mapping = Mapping::of(&header, &[]);
        assert!(mapping.is_error_table());
        let problems = problems(&header, &[], &mapping);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "two columns could be the code column");
        assert_eq!(
            problems[0].label.as_deref(),
            Some("`Error Code` already is")
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some(
                "say which is the code column, with `columns = { code = \"Error Code\" }` \
                 or `columns = { code = \"S3 Code\" }`, or rename one of the two headers"
            )
        );
    }

    #[test]
    fn a_missing_column_names_the_words_that_would_be_taken() {
        let header = header("| Code | Status |");
        let problems = problems(&header, &[], &Mapping::of(&header, &[]));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "the error table has no message column");
        assert_eq!(problems[0].notes, [words_note(ColumnRole::Message)]);
    }

    #[test]
    fn alias_headers_are_recognised_before_the_code_word() {
        for aliases in [
            "Aliases",
            "Also accepted",
            "Former codes",
            "former CODE",
            "Alias",
        ] {
            assert_eq!(
                roles(&format!("| Code | Status | Message | {aliases} |"), &[])[3],
                Some("aliases"),
                "{aliases}"
            );
        }
        let choices = [choice(ColumnRole::Aliases, "Old spellings")];
        assert_eq!(
            roles("| Code | Status | Message | Old spellings |", &choices)[3],
            Some("aliases")
        );
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            roles("| Barcode | Encoded value | Statuses |", &[]),
            [None, None, None]
        );
    }
}
