//! Stage 4: rules across rows and Rust's naming rules turn a model
//! [`Table`] into a [`Checked`] table that can be expanded without further
//! questions.

use std::collections::HashMap;
use std::fmt;

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Span, TokenStream};

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lookalike;
use crate::model::{Row, Table, VariantFrom};
use crate::settings::{AsTokens, Settings};
use crate::source::SourceFile;
use crate::template::Placeholder;

/// A table whose every row can become Rust code.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The rows that passed, in table order.
    pub rows: Vec<CheckedRow>,
    /// Whether the enums are exhaustive (the `exhaustive` setting): part
    /// of the contract, since it decides whether an added row breaks a
    /// downstream `match`.
    pub exhaustive: bool,
}

/// A row with its Rust names.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// The row as the spec writes it: code, status, message.
    pub spec: Row,
    /// Its variant name.
    pub variant: Ident,
    /// One field per placeholder, in order of appearance.
    pub fields: Vec<Field>,
    /// The variant names of its aliases, with the alias each comes from:
    /// the names that downstream code of a revision that sent the alias
    /// still uses, kept as deprecated constants.
    pub former_variants: Vec<(Ident, String)>,
}

/// A field of an error variant.
#[derive(Clone)]
pub struct Field {
    /// The field name.
    pub ident: Ident,
    /// Its type from the `fields` setting, which must then also implement
    /// `FromStr` for decoding; `None` for the default `Cow<'static, str>`.
    pub ty: Option<TokenStream>,
    /// The placeholder it fills.
    pub placeholder: Placeholder,
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            ident,
            ty,
            placeholder,
        } = self;
        f.debug_struct("Field")
            .field("ident", ident)
            .field("ty", &ty.as_ref().map(AsTokens))
            .field("placeholder", placeholder)
            .finish()
    }
}

/// Checks `table`, recording every problem. Rows with a problem are left
/// out; of two rows with the same code, the first is kept.
pub fn check(
    file: &SourceFile,
    mut table: Table,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Checked {
    let mut seen_codes: HashMap<String, (usize, Option<String>)> = HashMap::new();
    let mut seen_variants: HashMap<String, (usize, String)> = HashMap::new();
    let mut rows = Vec::new();
    drop_colliding_aliases(file, &mut table.rows, diagnostics);
    for row in table.rows {
        let line = file.line_of(row.span.start).0;
        if let Some((first_line, first_section)) = seen_codes.get(&row.code.wire) {
            let under = match first_section {
                Some(section) if row.section.as_ref() != Some(section) => {
                    format!(", in the table under `{section}`")
                }
                _ => String::new(),
            };
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateCode,
                    format!("duplicate error code `{}`", row.code.wire),
                )
                .at(row.code.span.clone())
                .label(format!("already defined on line {first_line}{under}"))
                .help("each code may appear once; remove this row or rename its code"),
            );
            continue;
        }
        seen_codes.insert(row.code.wire.clone(), (line, row.section.clone()));
        let Some(variant) = variant(&row, diagnostics) else {
            continue;
        };
        if let Some((first_line, first_code)) = seen_variants.get(&row.code.variant) {
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::CollidingVariants,
                    format!(
                        "codes `{first_code}` and `{}` both become the variant `{}`",
                        row.code.wire, row.code.variant
                    ),
                )
                .at(match row.code.variant_from {
                    VariantFrom::Code => row.code.span.clone(),
                    VariantFrom::Name(_) => row.code.variant_span.clone(),
                })
                .label(format!(
                    "`{first_code}` on line {first_line} has the same Rust name"
                ))
                .help(match row.code.variant_from {
                    VariantFrom::Code => {
                        "rename one of the codes so that they differ in more than case and punctuation"
                    }
                    VariantFrom::Name(_) => {
                        "give one of the two rows another name in the name column, so that the \
                         names differ in more than case and punctuation"
                    }
                }),
            );
            continue;
        }
        seen_variants.insert(row.code.variant.clone(), (line, row.code.wire.clone()));
        if let Some(fields) = fields(&row, settings, diagnostics) {
            rows.push(CheckedRow {
                spec: row,
                variant,
                fields,
                former_variants: Vec::new(),
            });
        }
    }
    name_former_variants(&mut rows, settings.variant_prefix.as_deref());
    Checked {
        rows,
        exhaustive: settings.exhaustive,
    }
}

/// Leaves out, with an error naming both lines, each alias that is a code
/// of the table or an alias met before: a received code must name one
/// row.
fn drop_colliding_aliases(file: &SourceFile, rows: &mut [Row], diagnostics: &mut Diagnostics) {
    let mut taken: HashMap<String, (usize, String)> = HashMap::new();
    for row in rows.iter() {
        let line = file.line_of(row.span.start).0;
        taken
            .entry(row.code.wire.clone())
            .or_insert((line, "the code".to_owned()));
    }
    for row in rows.iter_mut() {
        let line = file.line_of(row.span.start).0;
        let code = row.code.wire.clone();
        row.aliases.retain(|alias| {
            let Some((first_line, what)) = taken.get(&alias.wire) else {
                taken.insert(
                    alias.wire.clone(),
                    (line, format!("an alias of `{code}`")),
                );
                return true;
            };
            let here = if *first_line == line {
                "on this line".to_owned()
            } else {
                format!("on line {first_line}")
            };
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateCode,
                    format!("the alias `{}` of `{code}` is already {what} {here}", alias.wire),
                )
                .at(alias.span.clone())
                .label(format!("already {what} {here}"))
                .help("a received code must name one row; remove the alias or the other use of the code"),
            );
            false
        });
    }
}

/// Gives each alias of a row whose variant is named from its code the
/// variant name that the alias makes, when that is an identifier and no
/// variant or earlier alias has it. A row named by a name column keeps its
/// variant when its code changes, so its aliases need none.
fn name_former_variants(rows: &mut [CheckedRow], prefix: Option<&str>) {
    let mut taken: Vec<String> = rows.iter().map(|row| row.variant.to_string()).collect();
    for row in rows.iter_mut() {
        if row.spec.code.variant_from != VariantFrom::Code {
            continue;
        }
        for alias in &row.spec.aliases {
            let mut name = alias.wire.to_upper_camel_case();
            if let Some(prefix) = prefix
                && name.starts_with(|c: char| c.is_ascii_digit())
            {
                name.insert_str(0, prefix);
            }
            if taken.contains(&name) {
                continue;
            }
            if let Ok(ident) = identifier(&name) {
                taken.push(name);
                row.former_variants.push((ident, alias.wire.clone()));
            }
        }
    }
}

fn variant(row: &Row, diagnostics: &mut Diagnostics) -> Option<Ident> {
    let code = &row.code;
    let name = &code.variant;
    let not_ident = match identifier(name) {
        Ok(ident) => return Some(ident),
        Err(not_ident) => not_ident,
    };
    let (what, label) = match &code.variant_from {
        VariantFrom::Code => (
            format!("the error code `{}`", code.wire),
            "this code has no Rust name",
        ),
        VariantFrom::Name(text) => (
            format!("the name `{text}` of the error code `{}`", code.wire),
            "this name makes no Rust name",
        ),
    };
    let (problem, help) = match not_ident {
        NotIdent::Keyword => (
            format!("{what} becomes `{name}`, a Rust keyword"),
            "rename the code: `Self` cannot name a variant".to_owned(),
        ),
        NotIdent::Shape => (
            format!("{what} becomes `{name}`, which is not a Rust identifier"),
            shape_help(name, &code.variant_from),
        ),
    };
    diagnostics.push(
        Diagnostic::error(DiagnosticCode::CodeHasNoRustName, problem)
            .at(code.variant_span.clone())
            .label(label)
            .help(help),
    );
    None
}

/// How to give a row a Rust name when its code (or name cell) makes none.
fn shape_help(name: &str, from: &VariantFrom) -> String {
    const SHAPE: &str = "with a letter, and use only letters, digits, `_`, `.` and `-`";
    match from {
        VariantFrom::Name(_) => format!("start the name {SHAPE}"),
        VariantFrom::Code if name.starts_with(|c: char| c.is_ascii_digit()) => format!(
            "start the code {SHAPE}; or keep the code and name the variant: \
             `variant_prefix = \"E\"` makes it `E{name}`, and `columns = {{ name = \"…\" }}` \
             takes names from a column"
        ),
        VariantFrom::Code => format!(
            "start the code {SHAPE}; or keep the code and take variant names from a column \
             with `columns = {{ name = \"…\" }}`"
        ),
    }
}

fn fields(row: &Row, settings: &Settings, diagnostics: &mut Diagnostics) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    let mut ok = true;
    for placeholder in row.template.placeholders() {
        match field(placeholder, settings) {
            Ok(field) => fields.push(field),
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                ok = false;
            }
        }
    }
    ok.then_some(fields)
}

/// The field that fills `placeholder`, or why its name cannot be one.
fn field(placeholder: &Placeholder, settings: &Settings) -> Result<Field, Box<Diagnostic>> {
    let name = &placeholder.field;
    let ident = identifier(name).map_err(|why| Box::new(not_a_field(placeholder, &why)))?;
    if let Some(problem) = lookalike::problem(name) {
        return Err(Box::new(problem.diagnostic(placeholder)));
    }
    let setting = settings
        .field_types
        .iter()
        .find(|setting| setting.field == name);
    Ok(Field {
        ident,
        ty: setting.map(|setting| setting.ty.clone()),
        placeholder: placeholder.clone(),
    })
}

fn not_a_field(placeholder: &Placeholder, why: &NotIdent) -> Diagnostic {
    let Placeholder { name, field, span } = placeholder;
    let (problem, help) = match why {
        NotIdent::Keyword => (
            format!("placeholder `{{{name}}}` becomes the field `{field}`, a Rust keyword"),
            format!("add a word, as in `{{the {name} name}}`"),
        ),
        NotIdent::Shape => (
            format!(
                "placeholder `{{{name}}}` becomes the field `{field}`, which is not a Rust identifier"
            ),
            "start the placeholder with a letter, as in `{the first try}`".to_owned(),
        ),
    };
    Diagnostic::error(DiagnosticCode::PlaceholderHasNoRustName, problem)
        .at(span.clone())
        .label("this placeholder has no Rust name")
        .help(help)
}

/// Records, on its token, each `fields` entry that fills no placeholder:
/// a typo, or stale.
pub fn unknown_field_settings(
    checked: &Checked,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) {
    let known: Vec<String> = checked
        .rows
        .iter()
        .flat_map(|row| row.fields.iter().map(|field| field.ident.to_string()))
        .collect();
    let unknown = settings
        .field_types
        .iter()
        .filter(|setting| !known.contains(&setting.field.to_string()));
    for setting in unknown {
        let name = setting.field.to_string();
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::Setting,
                format!(
                    "no placeholder becomes the field `{name}`{}",
                    crate::suggest::did_you_mean(&name, known.iter().map(String::as_str))
                ),
            )
            .at_token(setting.field.span()),
        );
    }
}

/// Why a name cannot be a Rust identifier.
enum NotIdent {
    Keyword,
    Shape,
}

fn identifier(name: &str) -> Result<Ident, NotIdent> {
    let mut chars = name.chars();
    let shaped = chars
        .next()
        .is_some_and(|first| first == '_' || unicode_ident::is_xid_start(first))
        && chars.all(unicode_ident::is_xid_continue)
        && name != "_";
    if !shaped {
        return Err(NotIdent::Shape);
    }
    if KEYWORDS.contains(&name) {
        return Err(NotIdent::Keyword);
    }
    Ok(Ident::new(name, Span::call_site()))
}

/// The words no identifier may be in any edition: strict and reserved
/// keywords, up to edition 2024. Contextual ones (`union`, `raw`, `safe`)
/// are fine.
const KEYWORDS: [&str; 52] = [
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;
    use crate::model;

    /// The checked rows of a table with `header` (and its delimiter row)
    /// above `rows`, and the messages of every diagnostic.
    fn check_table(header: &str, rows: &str) -> (Checked, Vec<String>) {
        let text = format!("{header}{rows}");
        let file = SourceFile::new("t.md", text);
        let mut diagnostics = Diagnostics::default();
        let table = model::build(
            &file,
            &markdown::parse(&file),
            &Settings::default(),
            &mut diagnostics,
            &mut Diagnostics::default(),
        )
        .unwrap();
        let checked = check(&file, table, &Settings::default(), &mut diagnostics);
        let messages = diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| d.message)
            .collect();
        (checked, messages)
    }

    fn check_text(rows: &str) -> (Vec<String>, Vec<String>) {
        let (checked, messages) = check_table("| Code | Status | Message |\n|---|---|---|\n", rows);
        let variants = checked
            .rows
            .iter()
            .map(|row| row.variant.to_string())
            .collect();
        (variants, messages)
    }

    /// A row's code, aliases and former variant names.
    type AliasedRow = (String, Vec<String>, Vec<String>);

    /// The aliases and former variant names of each row of a table with an
    /// aliases column, and the messages.
    fn check_aliases(rows: &str) -> (Vec<AliasedRow>, Vec<String>) {
        let (checked, messages) = check_table(
            "| Code | Status | Message | Former codes |\n|---|---|---|---|\n",
            rows,
        );
        let rows = checked
            .rows
            .iter()
            .map(|row| {
                (
                    row.spec.code.wire.clone(),
                    row.spec
                        .aliases
                        .iter()
                        .map(|alias| alias.wire.clone())
                        .collect(),
                    row.former_variants
                        .iter()
                        .map(|(name, _)| name.to_string())
                        .collect(),
                )
            })
            .collect();
        (rows, messages)
    }

    #[test]
    fn aliases_are_split_at_commas_and_name_former_variants() {
        let (rows, errors) = check_aliases(
            "| Gone | 410 | g |  `Missing`, not_there , |\n| Teapot | 418 | t | |\n| Late | 504 | l | late, 504 |\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            rows,
            [
                (
                    "Gone".into(),
                    vec!["Missing".into(), "not_there".into()],
                    vec!["Missing".into(), "NotThere".into()]
                ),
                ("Teapot".into(), vec![], vec![]),
                // `late` makes the row's own variant name, `504` none.
                ("Late".into(), vec!["late".into(), "504".into()], vec![]),
            ]
        );
    }

    #[test]
    fn an_alias_that_is_a_code_or_another_alias_is_rejected_naming_both_lines() {
        let (rows, errors) = check_aliases(
            "| Gone | 410 | g | Teapot, Old |\n| Teapot | 418 | t | Old |\n| Late | 504 | l | Late |\n| Slow | 503 | s | Bad Alias |\n",
        );
        assert_eq!(
            errors,
            [
                "the alias `Teapot` of `Gone` is already the code on line 4",
                "the alias `Old` of `Teapot` is already an alias of `Gone` on line 3",
                "the alias `Late` of `Late` is already the code on this line",
                "error code `Bad Alias` contains a space",
            ]
        );
        let aliases: Vec<&[String]> = rows.iter().map(|row| row.1.as_slice()).collect();
        assert_eq!(aliases, [&["Old".to_owned()][..], &[], &[]]);
    }

    #[test]
    fn a_duplicate_code_keeps_the_first_row() {
        let (variants, errors) = check_text("| A | 400 | a |\n| B | 400 | b |\n| A | 401 | c |\n");
        assert_eq!(variants, ["A", "B"]);
        assert_eq!(errors, ["duplicate error code `A`"]);
    }

    #[test]
    fn codes_with_one_rust_name_collide() {
        let (variants, errors) =
            check_text("| CARD_DECLINED | 402 | a |\n| card-declined | 402 | b |\n");
        assert_eq!(variants, ["CardDeclined"]);
        assert_eq!(
            errors,
            ["codes `CARD_DECLINED` and `card-declined` both become the variant `CardDeclined`"]
        );
    }

    #[test]
    fn keyword_and_non_identifier_codes_are_rejected() {
        let (variants, errors) =
            check_text("| self | 400 | a |\n| 404_GONE | 404 | b |\n| Ok | 400 | c |\n");
        assert_eq!(variants, ["Ok"]);
        assert_eq!(
            errors,
            [
                "the error code `self` becomes `Self`, a Rust keyword",
                "the error code `404_GONE` becomes `404Gone`, which is not a Rust identifier",
            ]
        );
    }

    fn check_with(text: &str, settings: &Settings) -> (Vec<(String, String)>, Vec<Diagnostic>) {
        let file = SourceFile::new("t.md", text);
        let mut diagnostics = Diagnostics::default();
        let table = model::build(
            &file,
            &markdown::parse(&file),
            settings,
            &mut diagnostics,
            &mut Diagnostics::default(),
        )
        .unwrap();
        let checked = check(&file, table, settings, &mut diagnostics);
        let rows = checked
            .rows
            .iter()
            .map(|row| (row.spec.code.wire.clone(), row.variant.to_string()))
            .collect();
        (rows, diagnostics.into_sorted())
    }

    const NUMERIC: &str = "| Error code | Name | Status | Message |\n|---|---|---|---|\n\
        | 10002 | No such key | 404 | a |\n| 10003 | | 404 | b |\n| 10004 | 4xx gone | 410 | c |\n";

    #[test]
    fn numeric_codes_are_errors_whose_help_names_the_settings() {
        let (rows, errors) = check_with(NUMERIC, &Settings::default());
        assert!(rows.is_empty());
        assert_eq!(
            errors[0].message,
            "the error code `10002` becomes `10002`, which is not a Rust identifier"
        );
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`variant_prefix = \"E\"` makes it `E10002`")
        );
    }

    #[test]
    fn two_rows_of_one_name_are_an_error_at_the_later_name_cell() {
        let text = "| Error code | Name | Status | Message |\n|---|---|---|---|\n\
            | 10002 | PartInvalid | 400 | a |\n| 10003 | PartInvalid | 400 | b |\n";
        let named = Settings {
            columns: vec![crate::settings::ColumnChoice {
                role: crate::settings::ColumnRole::Name,
                header: crate::settings::Text::new("Name", Span::call_site()),
            }],
            ..Settings::default()
        };
        let (rows, errors) = check_with(text, &named);
        assert_eq!(rows, [("10002".to_owned(), "PartInvalid".to_owned())]);
        assert_eq!(errors.len(), 1);
        let file = SourceFile::new("t.md", text);
        let range = errors[0].range().unwrap();
        assert_eq!(file.line_of(range.start).0, 4);
        assert_eq!(&text[range.start..range.end], "PartInvalid");
        assert!(errors[0].help.as_deref().unwrap().contains("name column"));
    }

    #[test]
    fn numeric_codes_take_variant_names_from_a_name_column_or_a_prefix() {
        let named = Settings {
            columns: vec![crate::settings::ColumnChoice {
                role: crate::settings::ColumnRole::Name,
                header: crate::settings::Text::new("Name", Span::call_site()),
            }],
            variant_prefix: Some("E".to_owned()),
            ..Settings::default()
        };
        let (rows, errors) = check_with(NUMERIC, &named);
        assert!(errors.is_empty(), "{errors:?}");
        let expected = [
            ("10002", "NoSuchKey"),
            ("10003", "E10003"),
            ("10004", "E4xxGone"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|&(wire, variant)| (wire.to_owned(), variant.to_owned()))
            .collect();
        assert_eq!(rows, expected);
        let (_, errors) = check_with(
            NUMERIC,
            &Settings {
                variant_prefix: None,
                ..named
            },
        );
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the error code `10003` becomes `10003`, which is not a Rust identifier",
                "the name `4xx gone` of the error code `10004` becomes `4xxGone`, which is not a Rust identifier",
            ]
        );
    }

    #[test]
    fn every_reserved_word_is_a_keyword() {
        for word in [
            "gen", "try", "async", "await", "dyn", "abstract", "yield", "macro", "self", "Self",
            "crate",
        ] {
            assert!(matches!(identifier(word), Err(NotIdent::Keyword)), "{word}");
        }
        assert!(identifier("r#type").is_err());
        assert!(
            identifier("union").is_ok(),
            "a contextual keyword is a fine field name"
        );
    }

    #[test]
    fn a_field_mixing_scripts_is_rejected() {
        let (variants, errors) = check_text(
            "| A | 400 | {the inv\u{430}lid value} |\n| B | 400 | {\u{433}\u{43e}\u{440}\u{43e}\u{434}} and {caf\u{e9} 2} |\n| C | 400 | {\u{304b}\u{30ab}\u{6f22}} |\n",
        );
        assert_eq!(variants, ["B", "C"], "one script each, kana with kanji");
        assert_eq!(
            errors,
            [
                "placeholder `{the inv\u{430}lid value}` mixes scripts: `\u{430}` (U+0430) is Cyrillic, the letters before it Latin"
            ]
        );
    }

    #[test]
    fn fields_rust_would_warn_about_are_rejected_and_other_scripts_pass() {
        let (variants, errors) = check_text(
            "| A | 403 | {\u{441}\u{43e}\u{440}} |\n| B | 400 | {the \u{b5} value} |\n| C | 400 | {\u{438}\u{43c}\u{44f}} |\n",
        );
        assert_eq!(
            variants,
            ["C"],
            "a Cyrillic name with letters unlike Latin ones"
        );
        assert_eq!(
            errors,
            [
                "placeholder `{\u{441}\u{43e}\u{440}}` becomes the field `\u{441}\u{43e}\u{440}`, whose Cyrillic letters all look like letters of another script: `\u{441}` (U+0441), `\u{43e}` (U+043E), `\u{440}` (U+0440)",
                "placeholder `{the \u{b5} value}` becomes the field `\u{b5}_value`, with `\u{b5}` (U+00B5), a character Unicode keeps out of identifiers (`Not_NFKC`)",
            ]
        );
    }

    #[test]
    fn keyword_and_non_identifier_fields_are_rejected() {
        let (variants, errors) = check_text(
            "| A | 400 | {type} |\n| B | 400 | {1st try} |\n| C | 400 | {the type name} |\n",
        );
        assert_eq!(variants, ["C"]);
        assert_eq!(
            errors,
            [
                "placeholder `{type}` becomes the field `type`, a Rust keyword",
                "placeholder `{1st try}` becomes the field `1st_try`, which is not a Rust identifier",
            ]
        );
    }
}
