//! What every command reads: a spec from a file or a Git revision, the
//! settings that choose its table, and the pipeline's result.

use std::path::Path;
use std::process::Command;

use error_table_codegen::lints::{Level, Lints};
use error_table_codegen::settings::{
    ColumnChoice, ColumnRole, Settings, StatusRange, TableSelector, VarValue, parse_variant_prefix,
};
use error_table_codegen::{DiagnosticCode, Generated, SourceFile, generate_with_translations};

use crate::report::{Fatal, Report, Status};

/// `--table`, `--tables`, `--column`, `--statuses`, `--variant-prefix` and
/// `--var`, shared by every command that reads a table.
#[derive(clap::Args, Clone)]
pub struct TableArg {
    /// Which table is the error table: the one under this heading, or
    /// the Nth table of the file, counted from 1 (as the macro's `table`
    /// setting). By default, the first table with a code and a status
    /// column, and the later tables with its header.
    #[arg(long, value_name = "HEADING|N", value_parser = parse_table)]
    pub table: Option<TableSelector>,
    /// Several tables into one enum, as the macro's `tables` setting:
    /// `--tables all` reads every error table, `--tables HEADING` (repeated)
    /// the table under each heading.
    #[arg(long = "tables", value_name = "all|HEADING", conflicts_with = "table")]
    pub tables: Vec<String>,
    /// A column named by its header, as the macro's `columns` setting:
    /// `--column code="S3 Code"`; repeat the option for more. Roles:
    /// code, status, message, description, name.
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = parse_column)]
    pub columns: Vec<ColumnArg>,
    /// The statuses admitted, as the macro's `statuses` setting:
    /// `--statuses 300-599` admits 3xx rows (by default 400-599).
    #[arg(long, value_name = "LOW-HIGH", value_parser = StatusRange::parse)]
    pub statuses: Option<StatusRange>,
    /// Written before variant names that would start with a digit, as the
    /// macro's `variant_prefix` setting: `--variant-prefix E`.
    #[arg(long, value_name = "PREFIX", value_parser = parse_variant_prefix)]
    pub variant_prefix: Option<String>,
    /// The value of a docs-generator variable `{{ NAME }}` in messages, as
    /// the macro's `vars` setting: `--var product-name=Contoso`; repeat
    /// the option for more.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
    /// The enums are exhaustive, as the macro's `exhaustive = true`: an
    /// added code is then a breaking change (a downstream `match` without
    /// a wildcard arm stops compiling), and the lockfile says so.
    #[arg(long)]
    pub exhaustive: bool,
}

/// A `--column ROLE=HEADER`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnArg {
    role: ColumnRole,
    header: String,
}

impl TableArg {
    /// The macro's default settings with this table and these columns.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::default();
        if let Some(table) = &self.table {
            settings.table = table.clone();
        }
        match self.tables.as_slice() {
            [] => {}
            [all] if all == "all" => settings.table = TableSelector::All,
            headings => settings.table = TableSelector::Headings(headings.to_vec()),
        }
        settings.variant_prefix.clone_from(&self.variant_prefix);
        settings.exhaustive = self.exhaustive;
        settings.vars = self
            .vars
            .iter()
            .map(|(name, value)| VarValue {
                name: name.clone(),
                value: value.clone(),
                span: proc_macro2::Span::call_site(),
            })
            .collect();
        if let Some(statuses) = self.statuses {
            settings.statuses = statuses;
        }
        settings.columns = self
            .columns
            .iter()
            .map(|column| ColumnChoice {
                role: column.role,
                header: error_table_codegen::settings::Text::new(
                    &column.header,
                    proc_macro2::Span::call_site(),
                ),
            })
            .collect();
        settings
    }
}

/// `product-name=Contoso`.
fn parse_var(value: &str) -> Result<(String, String), String> {
    value
        .split_once('=')
        .map(|(name, value)| (name.trim().to_owned(), value.to_owned()))
        .filter(|(name, _)| !name.is_empty())
        .ok_or_else(|| {
            format!("expected NAME=VALUE, such as `product-name=Contoso`, not `{value}`")
        })
}

/// `code=S3 Code`: a role, `=`, and the header (quotes around it are
/// dropped).
fn parse_column(value: &str) -> Result<ColumnArg, String> {
    let Some((role, header)) = value.split_once('=') else {
        return Err(format!(
            "expected ROLE=HEADER, such as `code=\"S3 Code\"`; roles: {}",
            ColumnRole::names()
        ));
    };
    let role = ColumnRole::from_name(role.trim()).ok_or_else(|| {
        format!(
            "unknown column `{}` (columns: {})",
            role.trim(),
            ColumnRole::names()
        )
    })?;
    let header = header.trim().trim_matches('"').to_owned();
    Ok(ColumnArg { role, header })
}

/// `-D`, `-W` and `-A`: the severity of diagnostic codes, as the
/// macro's `lints` setting sets it.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LintArgs {
    /// Report this code as an error (`error` in the macro's `lints`);
    /// repeat for more codes.
    #[arg(short = 'D', long = "deny", value_name = "CODE", value_parser = parse_code)]
    deny: Vec<DiagnosticCode>,
    /// Report this code as a warning (`warn`).
    #[arg(short = 'W', long = "warn", value_name = "CODE", value_parser = parse_code)]
    warn: Vec<DiagnosticCode>,
    /// Do not report this code (`allow`).
    #[arg(short = 'A', long = "allow", value_name = "CODE", value_parser = parse_code)]
    allow: Vec<DiagnosticCode>,
}

impl LintArgs {
    /// Sets the codes in `lints`: a code given twice takes the stricter
    /// level.
    pub fn apply_to(&self, lints: &mut Lints) {
        let given = [
            (&self.allow, Level::Allow),
            (&self.warn, Level::Warn),
            (&self.deny, Level::Error),
        ];
        for (codes, level) in given {
            for &code in codes {
                lints.set(code, level);
            }
        }
    }
}

fn parse_code(value: &str) -> Result<DiagnosticCode, String> {
    error_table_codegen::lints::parse_code(value)
}

/// A number selects by position, anything else by heading.
fn parse_table(value: &str) -> Result<TableSelector, String> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Ok(TableSelector::Heading(value.to_owned()));
    }
    match value.parse::<usize>() {
        Ok(0) => Err("tables are counted from 1; use `--table 1` for the first table".to_owned()),
        Ok(position) => Ok(TableSelector::Index(position)),
        Err(error) => Err(error.to_string()),
    }
}

/// A spec and what the pipeline made of it.
pub struct Loaded {
    /// The spec.
    pub file: SourceFile,
    /// Its translations, in the order of `Generated::translation_diagnostics`.
    pub translations: Vec<SourceFile>,
    /// The generated code, the checked rows and the diagnostics.
    pub generated: Generated,
}

impl Loaded {
    /// Whether the table has errors; a command that needs every row stops.
    pub fn has_errors(&self) -> bool {
        self.generated.has_errors()
    }

    /// The spec, then the translations.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        std::iter::once(&self.file).chain(&self.translations)
    }

    /// The pipeline's diagnostics, each with the file it is in: the
    /// spec's, then each translation's.
    pub fn reports(&self) -> Vec<Report<'_>> {
        let mut reports = Report::all(&self.generated.diagnostics, Some(&self.file));
        let translated = self
            .translations
            .iter()
            .zip(&self.generated.translation_diagnostics);
        for (file, diagnostics) in translated {
            reports.extend(Report::all(diagnostics, Some(file)));
        }
        reports
    }
}

/// Reads `spec` and runs the pipeline on it.
pub fn load(spec: &str, settings: &Settings) -> Result<Loaded, Fatal> {
    load_with_translations(spec, &[], settings)
}

/// Reads `spec` and the translations that `locales` name (files or glob
/// patterns, relative to the current directory) and runs the pipeline.
pub fn load_with_translations(
    spec: &str,
    locales: &[String],
    settings: &Settings,
) -> Result<Loaded, Fatal> {
    let file = read(spec)?;
    let mut translations = Vec::new();
    for pattern in locales {
        let paths = error_table_codegen::source::matching_paths(Path::new(""), pattern).map_err(
            |message| {
                Fatal::failed(
                    DiagnosticCode::NoMatchingFiles,
                    message,
                    "name translated Markdown files, or a glob such as `spec/errors.*.md`",
                )
            },
        )?;
        for path in paths.iter().filter(|path| path.as_str() != spec) {
            translations.push(read(path)?);
        }
    }
    let mut generated = generate_with_translations(&file, &translations, settings);
    // Only the `fields` setting makes these, and no command sets it; kept
    // so that a future option cannot make them vanish silently.
    let setting_diagnostics = std::mem::take(&mut generated.setting_diagnostics);
    generated.diagnostics.extend(setting_diagnostics);
    Ok(Loaded {
        file,
        translations,
        generated,
    })
}

/// Reads a spec named by `arg`: a file, or `REV:path` for a file of a Git
/// revision (`HEAD~1:spec/errors.md`) when no file has that name.
pub fn read(arg: &str) -> Result<SourceFile, Fatal> {
    let bytes = if revision_path(arg).is_none() {
        std::fs::read(arg).map_err(|error| {
            let (what, help) = match error.kind() {
                std::io::ErrorKind::NotFound => (
                    "no such file",
                    "name a Markdown file, or `REV:path` for a file of a Git revision",
                ),
                std::io::ErrorKind::IsADirectory => {
                    ("it is a directory", "name the Markdown file inside it")
                }
                _ => (
                    "it could not be read",
                    "check that the path names a readable file",
                ),
            };
            Fatal::failed(
                DiagnosticCode::Unreadable,
                format!("cannot read `{arg}`: {what}"),
                help,
            )
        })?
    } else {
        git_show(arg)?
    };
    SourceFile::from_bytes(arg, &bytes).map_err(|error| Fatal {
        status: Status::Problems,
        diagnostic: Box::new(error.diagnostic),
        file: error.lossy,
    })
}

/// The path inside the revision when `arg` names a file of a Git revision
/// (`REV:path`) rather than a file: when it has a colon and no file has
/// its name.
pub fn revision_path(arg: &str) -> Option<&str> {
    if Path::new(arg).exists() {
        return None;
    }
    arg.split_once(':').map(|(_, path)| path)
}

/// The bytes of `REV:path`, as `git show` prints them.
fn git_show(arg: &str) -> Result<Vec<u8>, Fatal> {
    if arg.starts_with('-') {
        return Err(Fatal::failed(
            DiagnosticCode::GitRevision,
            format!("`{arg}` is neither a file nor a Git revision"),
            "write a revision as `REV:path`, such as `HEAD:spec/errors.md`",
        ));
    }
    let output = Command::new("git")
        .args(["show", "--no-textconv", arg])
        .output()
        .map_err(|error| {
            Fatal::failed(
                DiagnosticCode::GitRevision,
                format!("cannot run `git show {arg}`: {error}"),
                "install Git, or name a file instead of a revision",
            )
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Fatal::failed(
            DiagnosticCode::GitRevision,
            format!("`git show {arg}` failed: {}", stderr.trim()),
            "write a revision as `REV:path`, with the path from the repository's root or starting with `./`",
        ));
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_a_position_and_anything_else_a_heading() {
        assert_eq!(parse_table("2"), Ok(TableSelector::Index(2)));
        assert_eq!(
            parse_table("Error codes"),
            Ok(TableSelector::Heading("Error codes".into()))
        );
        assert_eq!(
            parse_table("2 errors"),
            Ok(TableSelector::Heading("2 errors".into()))
        );
        assert!(parse_table("0").is_err());
        assert!(parse_table("99999999999999999999999").is_err());
    }

    #[test]
    fn a_column_is_a_role_and_a_header() {
        assert_eq!(
            parse_column("code=\"S3 Code\""),
            Ok(ColumnArg {
                role: ColumnRole::Code,
                header: "S3 Code".to_owned()
            })
        );
        assert_eq!(
            parse_column("wire=X").err().as_deref(),
            Some(
                "unknown column `wire` (columns: `code`, `status`, `message`, `description`, `name`, `aliases`)"
            )
        );
        assert!(parse_column("code").is_err());
    }
}
