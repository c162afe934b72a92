//! What the user asks for: the macro's arguments after the spec path.
//!
//! ```text
//! include_error_table!("spec/errors.md",
//!     error = ApiError, code = ApiErrorCode, vis = pub(crate),
//!     table = "Error codes", fields = { batch_size_received: u32 },
//!     wire = problem_details("https://api.example.com/errors/"))
//! ```

use std::fmt;

use proc_macro2::{Delimiter, Ident, Span, TokenStream};
use quote::quote;

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lints::{Level, Lints, parse_code};

mod syntax;

use syntax::{Parsed, Tokens, diagnostic, error};
pub use syntax::{Text, string_literal_value};

/// The setting names, in the order the docs list them.
pub const NAMES: &[&str] = &[
    "error",
    "code",
    "vis",
    "table",
    "tables",
    "columns",
    "statuses",
    "variant_prefix",
    "vars",
    "fields",
    "locales",
    "missing_translations",
    "stale_translations",
    "lock",
    "lints",
    "wire",
    "exhaustive",
];

/// The macro's input: the spec path and the settings after it.
#[derive(Clone)]
pub struct MacroInput {
    /// The path literal, relative to the crate's `Cargo.toml` directory.
    pub path: Text,
    /// Everything after the path.
    pub settings: Settings,
}

/// How to read the table and name what is generated.
#[derive(Clone)]
pub struct Settings {
    /// Name of the enum with one variant per row and fields per
    /// placeholder (`Error` by default).
    pub error_name: Ident,
    /// Name of the fieldless code enum (`ErrorCode` by default).
    pub code_name: Ident,
    /// Visibility of both enums (`pub` by default), as written: `pub`,
    /// `pub(…)` or nothing.
    pub vis: TokenStream,
    /// Which table of the file is the error table.
    pub table: TableSelector,
    /// Columns named by their header text, which replace the header words
    /// for their role.
    pub columns: Vec<ColumnChoice>,
    /// The statuses a row may have: 400 to 599 unless the `statuses`
    /// setting admits 3xx rows.
    pub statuses: StatusRange,
    /// Written before a variant name that would start with a digit, as
    /// that of a numeric code: `E` makes `10002` the variant `E10002`.
    pub variant_prefix: Option<String>,
    /// The values of docs-generator variables such as `{{ product-name }}`
    /// in messages.
    pub vars: Vec<VarValue>,
    /// Field types that replace the default `Cow<'static, str>`, by field
    /// name, in the order written.
    pub field_types: Vec<FieldType>,
    /// Translated copies of the spec: paths or glob patterns such as
    /// `"spec/errors.*.md"`, relative like the spec path.
    pub locales: Vec<Text>,
    /// How drift that need not fail the build is reported.
    pub translation_policy: TranslationPolicy,
    /// The contract lockfile written by `error-table lock`, relative like
    /// the spec path: the build fails when the table breaks it.
    pub lock: Option<Text>,
    /// The severity set for diagnostic codes (`lints = { ET0610 = error }`),
    /// over the severities the stages give.
    pub lints: Lints,
    /// How the errors are written on the wire.
    pub wire: Wire,
    /// Whether the generated enums are exhaustive (`exhaustive = true`),
    /// for crates that own every `match` on them; by default they are
    /// `#[non_exhaustive]`, so that a row added to the table breaks no
    /// downstream `match`.
    pub exhaustive: bool,
}

/// The wire format of a table's errors, the `wire` setting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Wire {
    /// `envelope`: `{"error":{"code","message","target","metadata"}}`,
    /// the fields as data in `metadata`.
    #[default]
    Envelope,
    /// `plain_envelope`: the spec's three members exactly.
    PlainEnvelope,
    /// `problem_details` or `problem_details("https://…/")`: RFC 9457,
    /// whose `type` is this base URI followed by the code, or
    /// `about:blank` without one.
    ProblemDetails {
        /// The base URI of the problem types.
        type_base: Option<String>,
    },
}

impl Wire {
    /// The setting's spelling of each format.
    pub const NAMES: [&str; 3] = ["envelope", "plain_envelope", "problem_details"];
}

/// How the translation drift classes that are not always errors are
/// reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TranslationPolicy {
    /// A canonical code without a row in a translation
    /// (`missing_translations = warn`: a warning, and the canonical
    /// message is shown in that locale).
    pub missing: Severity,
    /// A translated message whose English original is not today's
    /// canonical message (`stale_translations = error`: an error).
    pub stale: Severity,
}

impl Default for TranslationPolicy {
    fn default() -> Self {
        Self {
            missing: Severity::Error,
            stale: Severity::Warning,
        }
    }
}

/// Which table of a Markdown file holds the errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableSelector {
    /// The first table with a code column and a status column, and the
    /// later tables with the same header (one table split under
    /// headings).
    FirstErrorTable,
    /// The first table after the heading with this text (case-insensitive).
    Heading(String),
    /// The table at this 1-based position in the file.
    Index(usize),
    /// Every table with a code column and a status column, into one enum
    /// (`tables = all`).
    All,
    /// The table under each of these headings, into one enum
    /// (`tables = ["Client errors", "Server errors"]`).
    Headings(Vec<String>),
}

impl TableSelector {
    /// Whether it reads several tables into one enum.
    #[must_use]
    pub fn is_several(&self) -> bool {
        matches!(self, Self::All | Self::Headings(_))
    }
}

/// The statuses an error table may hold, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRange {
    /// The lowest: 400, or as low as 300 with the setting.
    pub min: u16,
    /// The highest, at most 599.
    pub max: u16,
}

impl Default for StatusRange {
    fn default() -> Self {
        Self { min: 400, max: 599 }
    }
}

impl StatusRange {
    /// Whether `status` is in the range.
    #[must_use]
    pub fn contains(self, status: u16) -> bool {
        (self.min..=self.max).contains(&status)
    }

    /// Whether it is the default range.
    #[must_use]
    pub fn is_default(self) -> bool {
        self == Self::default()
    }

    /// Reads `"300-599"`: two statuses from 300 to 599, the lower first.
    ///
    /// # Errors
    ///
    /// A message saying what is wrong, for the setting's token or the
    /// command line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bounds = text.split_once('-').and_then(|(min, max)| {
            Some((
                min.trim().parse::<u16>().ok()?,
                max.trim().parse::<u16>().ok()?,
            ))
        });
        match bounds {
            Some((min, max)) if (300..=599).contains(&min) && (min..=599).contains(&max) => {
                Ok(Self { min, max })
            }
            Some(_) => Err(format!(
                "`{text}` is not within 300-599: an error table holds redirects and \
                 conditional responses (3xx) at most, besides errors"
            )),
            None => Err(format!(
                "expected the lowest and highest status, as in `\"300-599\"`, not `{text}`"
            )),
        }
    }
}

/// What a column of the error table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnRole {
    /// The error code, sent on the wire.
    Code,
    /// The HTTP status.
    Status,
    /// The message template.
    Message,
    /// A description for the rustdoc of the variant.
    Description,
    /// The Rust variant name, for codes that do not make one.
    Name,
    /// Former codes of the row, which readers still accept.
    Aliases,
}

impl ColumnRole {
    /// Every role, in the order the docs list them.
    pub const ALL: [Self; 6] = [
        Self::Code,
        Self::Status,
        Self::Message,
        Self::Description,
        Self::Name,
        Self::Aliases,
    ];

    /// The role's name in the `columns` setting.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Status => "status",
            Self::Message => "message",
            Self::Description => "description",
            Self::Name => "name",
            Self::Aliases => "aliases",
        }
    }

    /// The role named `name` in the `columns` setting.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// `` `code`, `status`, `message`, `description`, `name`, `aliases` ``.
    #[must_use]
    pub fn names() -> String {
        Self::ALL
            .iter()
            .map(|role| format!("`{}`", role.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An entry `code = "S3 Code"` of the `columns` setting: the column of
/// this role is the one with this header, compared ignoring case.
#[derive(Clone)]
pub struct ColumnChoice {
    /// What the column holds.
    pub role: ColumnRole,
    /// Its header text, as written in the setting.
    pub header: Text,
}

/// An entry `"product-name" = "Contoso"` of the `vars` setting.
#[derive(Debug, Clone)]
pub struct VarValue {
    /// The variable's name, as written between `{{ ` and ` }}`.
    pub name: String,
    /// The text that stands for it in messages.
    pub value: String,
    /// The name's token, for an error when no message uses it.
    pub span: Span,
}

/// A `field: Type` entry of the `fields` setting.
#[derive(Clone)]
pub struct FieldType {
    /// The field, as derived from a placeholder name.
    pub field: Ident,
    /// Its type, as written (rustc checks it where it is used): anything
    /// that implements `Display`, `Debug`, `Clone`, `Eq` and, for reading
    /// errors back from messages, `FromStr`.
    pub ty: TokenStream,
}

/// Shows tokens as written, for `Debug`.
pub(crate) struct AsTokens<'a>(pub(crate) &'a TokenStream);

impl fmt::Debug for AsTokens<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl fmt::Debug for MacroInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { path, settings } = self;
        f.debug_struct("MacroInput")
            .field("path", path)
            .field("settings", settings)
            .finish()
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Taken apart, so that a new setting cannot be left out here.
        let Self {
            error_name,
            code_name,
            vis,
            table,
            columns,
            statuses,
            variant_prefix,
            vars,
            field_types,
            locales,
            translation_policy,
            lock,
            lints,
            wire,
            exhaustive,
        } = self;
        f.debug_struct("Settings")
            .field("error_name", error_name)
            .field("code_name", code_name)
            .field("vis", &AsTokens(vis))
            .field("table", table)
            .field("columns", columns)
            .field("statuses", statuses)
            .field("variant_prefix", variant_prefix)
            .field("vars", vars)
            .field("field_types", field_types)
            .field("locales", locales)
            .field("translation_policy", translation_policy)
            .field("lock", lock)
            .field("lints", lints)
            .field("wire", wire)
            .field("exhaustive", exhaustive)
            .finish()
    }
}

impl fmt::Debug for ColumnChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { role, header } = self;
        f.debug_struct("ColumnChoice")
            .field("role", role)
            .field("header", header)
            .finish()
    }
}

impl fmt::Debug for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { field, ty } = self;
        f.debug_struct("FieldType")
            .field("field", field)
            .field("ty", &AsTokens(ty))
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            error_name: Ident::new("Error", Span::call_site()),
            code_name: Ident::new("ErrorCode", Span::call_site()),
            vis: quote!(pub),
            table: TableSelector::FirstErrorTable,
            columns: Vec::new(),
            statuses: StatusRange::default(),
            variant_prefix: None,
            vars: Vec::new(),
            field_types: Vec::new(),
            locales: Vec::new(),
            translation_policy: TranslationPolicy::default(),
            lock: None,
            lints: Lints::default(),
            wire: Wire::default(),
            exhaustive: false,
        }
    }
}

impl MacroInput {
    /// Parses the macro's tokens.
    ///
    /// # Errors
    ///
    /// Every malformed, unknown or repeated setting, each on its own tokens.
    pub fn parse(tokens: TokenStream) -> Result<Self, Vec<Diagnostic>> {
        let mut input = Tokens::new(tokens, Span::call_site());
        let path = input.string("expected the path of the Markdown file, as a string literal")?;
        let mut settings = Settings::default();
        let mut seen: Vec<Ident> = Vec::new();
        let mut errors = Vec::new();
        while !input.is_empty() {
            input.punct(',')?;
            if input.is_empty() {
                break;
            }
            let name = input.ident("expected a setting's name, as in `error = ApiError`")?;
            input.punct('=')?;
            let result = if seen.contains(&name) {
                error(
                    name.span(),
                    format!("`{name}` is set twice; remove one of the two"),
                )
            } else if let Some(other) = other_table_setting(&name, &seen) {
                error(
                    name.span(),
                    format!("`{other}` and `{name}` both choose tables; keep one of the two"),
                )
            } else {
                settings.set(&name, &mut input)
            };
            if let Err(found) = result {
                // Resume at the next comma, so that later settings are
                // checked too.
                input.skip_to_comma();
                errors.extend(found);
            }
            seen.push(name);
        }
        if settings.error_name == settings.code_name {
            errors.push(diagnostic(
                settings.code_name.span(),
                "`error` and `code` name the same enum; give them different names",
            ));
        }
        if errors.is_empty() {
            Ok(Self { path, settings })
        } else {
            Err(errors)
        }
    }
}

impl Settings {
    fn set(&mut self, name: &Ident, input: &mut Tokens) -> Parsed<()> {
        match name.to_string().as_str() {
            "error" => {
                self.error_name =
                    input.ident("expected the error enum's name, as in `error = ApiError`")?;
            }
            "code" => {
                self.code_name =
                    input.ident("expected the code enum's name, as in `code = ApiErrorCode`")?;
            }
            "vis" => self.vis = visibility(input)?,
            "table" => self.table = table(input)?,
            "tables" => self.table = tables(input)?,
            "columns" => self.columns = column_choices(input)?,
            "variant_prefix" => self.variant_prefix = Some(variant_prefix(input)?),
            "vars" => self.vars = var_values(input)?,
            "statuses" => {
                let range =
                    input.string("expected the statuses as a string, as in `\"300-599\"`")?;
                self.statuses = StatusRange::parse(range.value())
                    .or_else(|message| error(range.span(), message))?;
            }
            "locales" => self.locales = locale_paths(input)?,
            "missing_translations" => self.translation_policy.missing = severity(input)?,
            "stale_translations" => self.translation_policy.stale = severity(input)?,
            "lock" => {
                self.lock =
                    Some(input.string("expected the lockfile's path, as a string literal")?);
            }
            "lints" => {
                let mut content =
                    input.group(Delimiter::Brace, "expected `{ ET0610 = error, … }`")?;
                // Every bad entry is reported, not only the first.
                let mut errors = Vec::new();
                while !content.is_empty() {
                    match lint_entry(&mut content) {
                        Ok((code, level)) => self.lints.set(code, level),
                        Err(found) => {
                            errors.extend(found);
                            content.skip_to_comma();
                        }
                    }
                    content.separator()?;
                }
                if !errors.is_empty() {
                    return Err(errors);
                }
            }
            "wire" => self.wire = wire(input)?,
            "exhaustive" => self.exhaustive = input.boolean()?,
            "fields" => self.field_types = field_types(input)?,
            unknown => {
                let message = format!(
                    "unknown setting `{unknown}`{} (settings: {})",
                    crate::suggest::did_you_mean(unknown, NAMES.iter().copied()),
                    NAMES
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return error(name.span(), message);
            }
        }
        Ok(())
    }
}

/// One `ET0610 = error` entry of the `lints` setting.
fn lint_entry(input: &mut Tokens) -> Parsed<(DiagnosticCode, Level)> {
    let name = input.ident("expected a diagnostic code, as in `ET0610 = error`")?;
    input.punct('=')?;
    let expected = "expected `error`, `warn` or `allow`";
    let span = input.span();
    let word = input.ident(expected)?;
    let code = parse_code(&name.to_string()).or_else(|message| error(name.span(), message))?;
    let level = Level::from_word(&word.to_string()).map_or_else(|| error(span, expected), Ok)?;
    Ok((code, level))
}

/// `pub`, `pub(crate)`, `pub(in path)` and the like, or nothing (private).
fn visibility(input: &mut Tokens) -> Parsed<TokenStream> {
    if input.is_empty() || input.peek_punct(',') {
        return Ok(TokenStream::new());
    }
    let span = input.span();
    let word = input.ident("expected a visibility: `pub`, `pub(crate)`, or nothing")?;
    if word != "pub" {
        return error(
            span,
            "expected a visibility: `pub`, `pub(crate)`, or nothing",
        );
    }
    let mut vis = quote!(#word);
    if input.peek_group(Delimiter::Parenthesis) {
        vis.extend(input.token());
    }
    Ok(vis)
}

/// A heading as a string, or a 1-based position.
fn table(input: &mut Tokens) -> Parsed<TableSelector> {
    if input.peek_string() {
        let heading = input.string("")?;
        return Ok(TableSelector::Heading(heading.value().to_owned()));
    }
    let (position, span) = input.integer(
        "expected the table's heading as a string, or its position as a number starting at 1",
    )?;
    match usize::try_from(position) {
        Ok(0) => error(
            span,
            "tables are counted from 1; use `table = 1` for the first table",
        ),
        Ok(position) => Ok(TableSelector::Index(position)),
        Err(_) => error(span, "this number is too large"),
    }
}

/// `envelope`, `plain_envelope`, `problem_details` or
/// `problem_details("https://…/")`.
fn wire(input: &mut Tokens) -> Parsed<Wire> {
    let expected = || {
        format!(
            "expected a wire format: {}",
            Wire::NAMES.map(|name| format!("`{name}`")).join(", ")
        )
    };
    let name = input.ident(&expected())?;
    match name.to_string().as_str() {
        "envelope" => Ok(Wire::Envelope),
        "plain_envelope" => Ok(Wire::PlainEnvelope),
        "problem_details" if input.peek_group(Delimiter::Parenthesis) => {
            let mut content = input.group(Delimiter::Parenthesis, "")?;
            let base = content.string("expected the base of the problem types, as a string")?;
            if !content.is_empty() {
                return error(
                    content.span(),
                    "expected `)` after the base of the problem types",
                );
            }
            if !is_absolute_uri(base.value()) {
                return error(
                    base.span(),
                    "the base of the problem types must be an absolute URI, such as \
                     `\"https://api.example.com/errors/\"`; each type is it followed by the code",
                );
            }
            Ok(Wire::ProblemDetails {
                type_base: Some(base.value().to_owned()),
            })
        }
        "problem_details" => Ok(Wire::ProblemDetails { type_base: None }),
        other => error(
            name.span(),
            format!(
                "{}{}",
                expected(),
                crate::suggest::did_you_mean(other, Wire::NAMES.iter().copied())
            ),
        ),
    }
}

/// Whether `text` is an absolute URI as RFC 3986 writes one: a scheme
/// and `:`, then only characters a URI may hold.
fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_bytes = scheme.bytes();
    let scheme_ok = scheme_bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && scheme_bytes.all(|byte| byte.is_ascii_alphanumeric() || b"+-.".contains(&byte));
    let rest_ok = rest
        .bytes()
        .all(|byte| byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte));
    scheme_ok && rest_ok
}

/// `{ batch_size_received: u32, when: ::std::time::SystemTime }`.
fn field_types(input: &mut Tokens) -> Parsed<Vec<FieldType>> {
    let mut content = input.group(Delimiter::Brace, "expected `{ field: Type, … }`")?;
    let mut fields = Vec::new();
    while !content.is_empty() {
        let field = content.ident("expected a field's name, as in `{ retry_after: u64 }`")?;
        content.punct(':')?;
        let ty = content.until_comma();
        if ty.is_empty() {
            return error(content.span(), format!("expected the type of `{field}`"));
        }
        fields.push(FieldType { field, ty });
        content.separator()?;
    }
    Ok(fields)
}

/// `code = "S3 Code"`: a role and the header of its column.
fn column_choice(input: &mut Tokens) -> Parsed<ColumnChoice> {
    let name = input.ident(&format!(
        "expected a column's role: {}",
        ColumnRole::names()
    ))?;
    let name_text = name.to_string();
    let Some(role) = ColumnRole::from_name(&name_text) else {
        let roles = ColumnRole::ALL.map(ColumnRole::as_str);
        return error(
            name.span(),
            format!(
                "unknown column `{name_text}`{} (columns: {})",
                crate::suggest::did_you_mean(&name_text, roles),
                ColumnRole::names()
            ),
        );
    };
    input.punct('=')?;
    let header = input.string(&format!(
        "expected the header of the {} column, as a string",
        role.as_str()
    ))?;
    Ok(ColumnChoice { role, header })
}

/// A `variant_prefix` string, as the setting or the command line gives it.
fn variant_prefix(input: &mut Tokens) -> Parsed<String> {
    let prefix = input.string("expected the prefix as a string, as in `\"E\"`")?;
    parse_variant_prefix(prefix.value()).or_else(|message| error(prefix.span(), message))
}

/// Checks that `text` can start a variant name: an ASCII letter, then
/// letters, digits or `_`.
///
/// # Errors
///
/// A message saying so, for the setting's token or the command line.
pub fn parse_variant_prefix(text: &str) -> Result<String, String> {
    let mut chars = text.chars();
    let starts_a_name = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if starts_a_name {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "`{text}` cannot start a variant name: use an ASCII letter, then letters, digits or `_`, such as `\"E\"`"
        ))
    }
}

/// `{ "product-name" = "Contoso", … }`: names as strings, since they hold
/// hyphens; each at most once.
fn var_values(input: &mut Tokens) -> Parsed<Vec<VarValue>> {
    let mut content = input.group(
        Delimiter::Brace,
        "expected `{ \"product-name\" = \"Contoso\", … }`",
    )?;
    let mut vars: Vec<VarValue> = Vec::new();
    while !content.is_empty() {
        let name = content.string(
            "expected a variable's name as a string, as in `vars = { \"product-name\" = \"Contoso\" }`",
        )?;
        content.punct('=')?;
        let value = content.string("expected the variable's value, as a string")?;
        if vars.iter().any(|var| var.name == name.value()) {
            return error(
                name.span(),
                format!("`{}` is given twice; keep one of the two", name.value()),
            );
        }
        vars.push(VarValue {
            name: name.value().to_owned(),
            value: value.value().to_owned(),
            span: name.span(),
        });
        content.separator()?;
    }
    Ok(vars)
}

/// `{ code = "S3 Code", message = "Details" }`, each role at most once.
fn column_choices(input: &mut Tokens) -> Parsed<Vec<ColumnChoice>> {
    let mut content = input.group(Delimiter::Brace, "expected `{ code = \"Error code\", … }`")?;
    let mut choices: Vec<ColumnChoice> = Vec::new();
    let mut errors = Vec::new();
    while !content.is_empty() {
        let choice = column_choice(&mut content)?;
        if choices.iter().any(|earlier| earlier.role == choice.role) {
            errors.push(diagnostic(
                choice.header.span(),
                format!(
                    "the {} column is named twice; keep one of the two",
                    choice.role.as_str()
                ),
            ));
        } else {
            choices.push(choice);
        }
        content.separator()?;
    }
    if errors.is_empty() {
        Ok(choices)
    } else {
        Err(errors)
    }
}

/// `table` when `name` is `tables` and `table` was set, or the reverse.
fn other_table_setting(name: &Ident, seen: &[Ident]) -> Option<&'static str> {
    let other = match name.to_string().as_str() {
        "table" => "tables",
        "tables" => "table",
        _ => return None,
    };
    seen.iter().any(|seen| seen == other).then_some(other)
}

/// `all`, or `["Client errors", "Server errors"]`.
fn tables(input: &mut Tokens) -> Parsed<TableSelector> {
    let expected =
        "expected `all`, or the headings of the tables as `[\"Client errors\", \"Server errors\"]`";
    if input.peek_group(Delimiter::Bracket) {
        let mut content = input.group(Delimiter::Bracket, expected)?;
        let end = content.span();
        let headings = strings(&mut content, expected)?;
        if headings.is_empty() {
            return error(end, expected);
        }
        return Ok(TableSelector::Headings(
            headings
                .iter()
                .map(|heading| heading.value().to_owned())
                .collect(),
        ));
    }
    let span = input.span();
    match input.ident(expected) {
        Ok(word) if word == "all" => Ok(TableSelector::All),
        _ => error(span, expected),
    }
}

/// `"spec/errors.*.md"` or `["a.md", "b.md"]`.
fn locale_paths(input: &mut Tokens) -> Parsed<Vec<Text>> {
    let expected = "expected a path or glob as a string, or a list of them in `[...]`";
    if input.peek_string() {
        return Ok(vec![input.string(expected)?]);
    }
    let mut content = input.group(Delimiter::Bracket, expected)?;
    strings(&mut content, "expected a path or glob as a string")
}

/// `"a", "b"`, a trailing comma allowed.
fn strings(input: &mut Tokens, expected: &str) -> Parsed<Vec<Text>> {
    let mut strings = Vec::new();
    while !input.is_empty() {
        strings.push(input.string(expected)?);
        input.separator()?;
    }
    Ok(strings)
}

/// `warn` or `error`.
fn severity(input: &mut Tokens) -> Parsed<Severity> {
    let span = input.span();
    match input
        .ident("expected `warn` or `error`")?
        .to_string()
        .as_str()
    {
        "warn" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        _ => error(span, "expected `warn` or `error`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn error_of(tokens: TokenStream) -> Vec<String> {
        match MacroInput::parse(tokens) {
            Ok(_) => panic!("settings were accepted"),
            Err(diagnostics) => diagnostics.into_iter().map(|d| d.message).collect(),
        }
    }

    #[test]
    fn the_path_alone_gives_the_defaults() {
        let input = MacroInput::parse(quote!("spec/errors.md")).unwrap();
        assert_eq!(input.path.value(), "spec/errors.md");
        assert_eq!(input.settings.error_name, "Error");
        assert_eq!(input.settings.code_name, "ErrorCode");
        assert_eq!(input.settings.table, TableSelector::FirstErrorTable);
    }

    #[test]
    fn every_setting_is_read() {
        let input = MacroInput::parse(quote!(
            "a.md", error = ApiError, code = ApiCode, vis = pub(crate), table = 2,
            fields = { batch_size: u32, hash: crate::Hash },
        ))
        .unwrap();
        let settings = input.settings;
        assert_eq!(settings.error_name, "ApiError");
        assert_eq!(settings.code_name, "ApiCode");
        assert_eq!(settings.vis.to_string(), "pub (crate)");
        assert_eq!(settings.table, TableSelector::Index(2));
        let fields: Vec<String> = settings
            .field_types
            .iter()
            .map(|f| f.field.to_string())
            .collect();
        assert_eq!(fields, ["batch_size", "hash"]);
    }

    #[test]
    fn a_field_type_is_taken_as_written_up_to_its_comma() {
        let input = MacroInput::parse(quote!(
            "a.md", fields = { counts: ::std::collections::HashMap<String, u32>, id: u64, }, table = 1,
        ))
        .unwrap();
        let types: Vec<String> = input
            .settings
            .field_types
            .iter()
            .map(|f| format!("{}: {}", f.field, f.ty))
            .collect();
        assert_eq!(
            types,
            [
                "counts: :: std :: collections :: HashMap < String , u32 >",
                "id: u64"
            ]
        );
        assert_eq!(
            error_of(quote!("a.md", fields = { id: })),
            ["expected the type of `id`"]
        );
    }

    #[test]
    fn a_visibility_is_pub_with_or_without_its_scope_or_nothing() {
        for (tokens, vis) in [
            (quote!("a.md", vis = pub), "pub"),
            (
                quote!("a.md", vis = pub(in crate::api)),
                "pub (in crate :: api)",
            ),
            (quote!("a.md", vis = , table = 1), ""),
        ] {
            assert_eq!(
                MacroInput::parse(tokens).unwrap().settings.vis.to_string(),
                vis
            );
        }
        assert_eq!(
            error_of(quote!("a.md", vis = crate)),
            ["expected a visibility: `pub`, `pub(crate)`, or nothing"]
        );
        assert_eq!(
            error_of(quote!("a.md", vis = pub(crate) extra)),
            ["expected `,`"]
        );
    }

    #[test]
    fn settings_print_their_syntax_as_written() {
        let input = MacroInput::parse(quote!(
            "a.md", vis = pub(crate), fields = { hash: crate::Hash }, lock = "a.lock",
        ))
        .unwrap();
        let printed = format!("{input:?}");
        for shown in [
            r#"path: "a.md""#,
            "vis: pub (crate)",
            "ty: crate :: Hash",
            r#"lock: Some("a.lock")"#,
        ] {
            assert!(printed.contains(shown), "{shown} in {printed}");
        }
    }

    #[test]
    fn lints_set_the_level_of_codes() {
        use crate::codes::DiagnosticCode;
        use crate::lints::Level;
        let input = MacroInput::parse(quote::quote!(
            "spec/errors.md",
            lints = { ET0610 = error, et0611 = allow, ET0610 = warn }
        ))
        .unwrap();
        let lints = &input.settings.lints;
        assert_eq!(
            lints.level(DiagnosticCode::StaleTranslation),
            Some(Level::Warn)
        );
        assert_eq!(
            lints.level(DiagnosticCode::MissingTranslation),
            Some(Level::Allow)
        );
        assert_eq!(lints.level(DiagnosticCode::EmptyCode), None);
    }

    #[test]
    fn a_heading_selects_the_table() {
        let input = MacroInput::parse(quote!("a.md", table = "Error codes")).unwrap();
        assert_eq!(
            input.settings.table,
            TableSelector::Heading("Error codes".into())
        );
    }

    #[test]
    fn all_bad_settings_are_reported_together() {
        let errors = error_of(quote!("a.md", eror = X, table = 0, code = A, code = B));
        assert_eq!(
            errors,
            [
                "unknown setting `eror`; did you mean `error`? (settings: `error`, `code`, `vis`, `table`, `tables`, `columns`, `statuses`, `variant_prefix`, `vars`, `fields`, `locales`, `missing_translations`, `stale_translations`, `lock`, `lints`, `wire`, `exhaustive`)",
                "tables are counted from 1; use `table = 1` for the first table",
                "`code` is set twice; remove one of the two",
            ]
        );
    }

    #[test]
    fn columns_are_named_by_role_and_header() {
        let input = MacroInput::parse(quote!(
            "a.md",
            columns = { code = "S3 Code", message = "Details", description = "Recommended Fix" }
        ))
        .unwrap();
        let columns: Vec<(&str, String)> = input
            .settings
            .columns
            .iter()
            .map(|choice| (choice.role.as_str(), choice.header.value().to_owned()))
            .collect();
        assert_eq!(
            columns,
            [
                ("code", "S3 Code".to_owned()),
                ("message", "Details".to_owned()),
                ("description", "Recommended Fix".to_owned())
            ]
        );
    }

    #[test]
    fn an_unknown_or_repeated_column_role_is_an_error() {
        assert_eq!(
            error_of(quote!("a.md", columns = { mesage = "Details" })),
            [
                "unknown column `mesage`; did you mean `message`? (columns: `code`, `status`, `message`, `description`, `name`, `aliases`)"
            ]
        );
        assert_eq!(
            error_of(quote!("a.md", columns = { code = "A", code = "B" })),
            ["the code column is named twice; keep one of the two"]
        );
        assert_eq!(
            error_of(quote!("a.md", columns = { code = S3 })),
            ["expected the header of the code column, as a string"]
        );
    }

    #[test]
    fn statuses_admit_3xx_rows_and_bad_ranges_are_rejected() {
        let input = MacroInput::parse(quote!("a.md", statuses = "300-599")).unwrap();
        assert_eq!(input.settings.statuses, StatusRange { min: 300, max: 599 });
        assert!(input.settings.statuses.contains(304));
        assert!(StatusRange::default().contains(400) && !StatusRange::default().contains(304));
        assert_eq!(
            error_of(quote!("a.md", statuses = "200-599")),
            [
                "`200-599` is not within 300-599: an error table holds redirects and \
              conditional responses (3xx) at most, besides errors"
            ]
        );
        assert_eq!(
            error_of(quote!("a.md", statuses = "3xx")),
            ["expected the lowest and highest status, as in `\"300-599\"`, not `3xx`"]
        );
    }

    #[test]
    fn a_variant_prefix_must_start_a_name() {
        let input = MacroInput::parse(quote!("a.md", variant_prefix = "Code")).unwrap();
        assert_eq!(input.settings.variant_prefix.as_deref(), Some("Code"));
        assert_eq!(
            error_of(quote!("a.md", variant_prefix = "1x")),
            [
                "`1x` cannot start a variant name: use an ASCII letter, then letters, digits or `_`, such as `\"E\"`"
            ]
        );
    }

    #[test]
    fn tables_reads_all_or_the_listed_headings() {
        let all = MacroInput::parse(quote!("a.md", tables = all)).unwrap();
        assert_eq!(all.settings.table, TableSelector::All);
        let listed =
            MacroInput::parse(quote!("a.md", tables = ["Client errors", "Server errors"])).unwrap();
        assert_eq!(
            listed.settings.table,
            TableSelector::Headings(vec!["Client errors".into(), "Server errors".into()])
        );
        let expected = "expected `all`, or the headings of the tables as `[\"Client errors\", \"Server errors\"]`";
        assert_eq!(error_of(quote!("a.md", tables = every)), [expected]);
        assert_eq!(error_of(quote!("a.md", tables = [])), [expected]);
        assert_eq!(
            error_of(quote!("a.md", table = 1, tables = all)),
            ["`table` and `tables` both choose tables; keep one of the two"]
        );
    }

    #[test]
    fn vars_give_values_by_name() {
        let input = MacroInput::parse(quote!(
            "a.md",
            vars = { "product-name" = "Contoso", "cloud" = "Example Cloud" }
        ))
        .unwrap();
        let vars: Vec<(&str, &str)> = input
            .settings
            .vars
            .iter()
            .map(|var| (var.name.as_str(), var.value.as_str()))
            .collect();
        assert_eq!(
            vars,
            [("product-name", "Contoso"), ("cloud", "Example Cloud")]
        );
        assert_eq!(
            error_of(quote!("a.md", vars = { product = "X" })),
            [
                "expected a variable's name as a string, as in `vars = { \"product-name\" = \"Contoso\" }`"
            ]
        );
        assert_eq!(
            error_of(quote!("a.md", vars = { "a" = "X", "a" = "Y" })),
            ["`a` is given twice; keep one of the two"]
        );
    }

    #[test]
    fn a_missing_path_is_an_error() {
        assert_eq!(
            error_of(quote!(error = X)),
            ["expected the path of the Markdown file, as a string literal"]
        );
    }

    #[test]
    fn a_malformed_value_is_reported_and_later_settings_still_checked() {
        let errors = error_of(quote!("a.md", table = Errors, error = "E", eror = X));
        assert_eq!(
            errors,
            [
                "expected the table's heading as a string, or its position as a number starting at 1",
                "expected the error enum's name, as in `error = ApiError`",
                "unknown setting `eror`; did you mean `error`? (settings: `error`, `code`, `vis`, `table`, `tables`, `columns`, `statuses`, `variant_prefix`, `vars`, `fields`, `locales`, `missing_translations`, `stale_translations`, `lock`, `lints`, `wire`, `exhaustive`)",
            ]
        );
    }

    #[test]
    fn the_wire_format_is_read_with_its_type_base() {
        let wire = |tokens: TokenStream| MacroInput::parse(tokens).unwrap().settings.wire;
        assert_eq!(wire(quote!("a.md")), Wire::Envelope);
        assert_eq!(
            wire(quote!("a.md", wire = plain_envelope)),
            Wire::PlainEnvelope
        );
        assert_eq!(
            wire(quote!("a.md", wire = problem_details)),
            Wire::ProblemDetails { type_base: None }
        );
        assert_eq!(
            wire(quote!(
                "a.md",
                wire = problem_details("urn:example:errors:")
            )),
            Wire::ProblemDetails {
                type_base: Some("urn:example:errors:".into())
            }
        );
    }

    #[test]
    fn exhaustive_is_a_boolean_off_by_default() {
        let exhaustive =
            |tokens: TokenStream| MacroInput::parse(tokens).map(|input| input.settings.exhaustive);
        assert!(!exhaustive(quote!("a.md")).unwrap());
        assert!(exhaustive(quote!("a.md", exhaustive = true)).unwrap());
        assert_eq!(
            error_of(quote!("a.md", exhaustive = yes)),
            ["expected `true` or `false`"]
        );
    }

    #[test]
    fn a_bad_wire_format_or_type_base_is_an_error() {
        assert_eq!(
            error_of(quote!("a.md", wire = problem_detail)),
            [
                "expected a wire format: `envelope`, `plain_envelope`, `problem_details`; did you mean `problem_details`?"
            ]
        );
        for base in ["errors/", "https://a.example/x y/", "1http://a/", ""] {
            assert_eq!(
                error_of(quote!("a.md", wire = problem_details(#base))),
                [
                    "the base of the problem types must be an absolute URI, such as `\"https://api.example.com/errors/\"`; each type is it followed by the code"
                ],
                "{base}"
            );
        }
    }

    #[test]
    fn error_and_code_need_different_names() {
        assert_eq!(
            error_of(quote!("a.md", error = Problem, code = Problem)),
            ["`error` and `code` name the same enum; give them different names"]
        );
    }
}
