//! `error-table diff`: the contract changes between two versions of a
//! table, each marked breaking or not for clients.

use std::collections::HashMap;
use std::ops::Range;

use error_table_codegen::contract::{self, Change, Contract, Entry};
use error_table_codegen::validate::Checked;
use error_table_codegen::{Diagnostic, DiagnosticCode, Severity};
use serde::Serialize;

use crate::input::{self, Loaded, TableArg};
use crate::lock::describe;
use crate::report::{self, Fatal, Format, Output, Report, Status};

/// List the contract changes between two versions of a spec.
///
/// Codes added, removed or renamed, statuses, placeholders and messages,
/// each marked breaking or non-breaking for clients.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table diff old/errors.md spec/errors.md
  error-table diff HEAD:spec/errors.md spec/errors.md     since the last commit
  error-table diff v1.0:spec/errors.md HEAD:spec/errors.md --format json

Breaking: a code removed or renamed, a status changed, placeholder fields
changed. Non-breaking: a code added, a message reworded. A removed code and
an added one with the same status and fields and a close spelling are
shown as a rename.

With `--fail-on any`, any change fails the run, as a guard on a table that is
frozen; the default, `--fail-on breaking`, fails only on breaking changes.

Exit codes: 0 no change that `--fail-on` names, 1 such changes or errors in a
table, 2 usage or I/O error.")]
pub struct Args {
    /// The old version: a file, or `REV:path` for a file of a Git revision.
    old: String,
    /// The new version: a file, or `REV:path`.
    new: String,
    #[command(flatten)]
    table: TableArg,
    /// Which changes make the run fail (exit code 1).
    #[arg(long, value_enum, value_name = "CHANGES", default_value_t = FailOn::Breaking)]
    fail_on: FailOn,
    /// `human`: one line per change; `json`: an array of changes;
    /// `sarif`, `github` and `junit`: each change a diagnostic at its
    /// row, an error when `--fail-on` names it, else a warning.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    /// A change that can break clients: a code removed or renamed, a
    /// status or placeholders changed.
    Breaking,
    /// Any change, a reworded message or an added code too.
    Any,
}

impl FailOn {
    /// Whether `item` makes the run fail.
    fn fails(self, item: &Item) -> bool {
        match self {
            Self::Breaking => item.breaking,
            Self::Any => true,
        }
    }
}

/// One change, as printed.
#[derive(Serialize)]
struct Item {
    /// `added`, `removed`, `renamed`, `status`, `placeholders`, `message` or
    /// `exhaustiveness`.
    change: &'static str,
    breaking: bool,
    /// The code (the old one for a rename).
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_message: Option<String>,
    /// The change in words.
    summary: String,
    /// The kind of change, for the formats that report diagnostics.
    #[serde(skip)]
    kind: DiagnosticCode,
    /// Where it is: in the old file for a removed code, else in the new.
    #[serde(skip)]
    place: Place,
}

/// Where a change is shown.
#[derive(Debug, Clone, Default)]
struct Place {
    in_old: bool,
    span: Option<Range<usize>>,
}

impl Place {
    fn new(span: &Range<usize>) -> Self {
        Self {
            in_old: false,
            span: Some(span.clone()),
        }
    }
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let settings = args.table.settings();
    let old = input::load(&args.old, &settings)?;
    let new = input::load(&args.new, &settings)?;
    let mut broken = false;
    for loaded in [&old, &new] {
        let reports = Report::all(&loaded.generated.diagnostics, Some(&loaded.file));
        output.diagnostics(&[loaded.file.name()], &reports, Format::Human);
        if loaded.has_errors() {
            output.note(&format!(
                "error: `{}` has errors; fix them to compare its contract",
                loaded.file.name()
            ));
            broken = true;
        }
    }
    if broken {
        return Ok(Status::Problems);
    }
    let items = items(&old, &new);
    let breaking = items.iter().filter(|item| item.breaking).count();
    match args.format {
        Format::Json => output.json(&items),
        Format::Human => output.data(&human(&items, breaking)),
        format => {
            let diagnostics: Vec<Diagnostic> = items
                .iter()
                .map(|item| diagnostic(item, args.fail_on))
                .collect();
            let reports: Vec<Report<'_>> = items
                .iter()
                .zip(&diagnostics)
                .map(|(item, diagnostic)| Report {
                    diagnostic,
                    file: Some(if item.place.in_old {
                        &old.file
                    } else {
                        &new.file
                    }),
                })
                .collect();
            output.diagnostics(&[old.file.name(), new.file.name()], &reports, format);
        }
    }
    Ok(Status::problems_if(
        items.iter().any(|item| args.fail_on.fails(item)),
    ))
}

/// The contract changes, then message changes, in code order.
fn items(old: &Loaded, new: &Loaded) -> Vec<Item> {
    let old_contract = Contract::of(&old.generated.checked);
    let new_contract = Contract::of(&new.generated.checked);
    let changes = contract::changes(&old_contract, &new_contract);
    let mut items: Vec<Item> = changes.iter().map(item).collect();
    // A message is matched by code, or across a rename.
    let renamed: HashMap<&str, &str> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Renamed { old, new, .. } => Some((new.code.as_str(), old.code.as_str())),
            _ => None,
        })
        .collect();
    let old_messages = messages(&old.generated.checked);
    for (code, (new_message, span)) in messages(&new.generated.checked) {
        let old_code = renamed.get(code).copied().unwrap_or(code);
        match old_messages.get(old_code) {
            Some((old_message, _)) if *old_message != new_message => {
                items.push(message_item(old_code, old_message, new_message, span));
            }
            _ => {}
        }
    }
    items.sort_by(|a, b| a.code.cmp(&b.code));
    items
}

/// The message of each code, with the span of its cell.
fn messages(table: &Checked) -> HashMap<&str, (&str, &Range<usize>)> {
    table
        .rows
        .iter()
        .map(|row| {
            let template = &row.spec.template;
            (
                row.spec.code.wire.as_str(),
                (template.text.as_str(), &template.span),
            )
        })
        .collect()
}

fn item(change: &Change<'_>) -> Item {
    let mut item = Item {
        change: "added",
        breaking: change.is_breaking(),
        code: change.code().to_owned(),
        new_code: None,
        old_status: None,
        new_status: None,
        old_fields: None,
        new_fields: None,
        old_message: None,
        new_message: None,
        summary: describe(change),
        kind: DiagnosticCode::CodeAdded,
        place: Place::default(),
    };
    let set_old = |item: &mut Item, entry: &Entry| {
        item.old_status = Some(entry.status);
        item.old_fields = Some(entry.fields.clone());
    };
    let set_new = |item: &mut Item, entry: &Entry| {
        item.new_status = Some(entry.status);
        item.new_fields = Some(entry.fields.clone());
    };
    match change {
        Change::Added { entry, .. } => {
            set_new(&mut item, entry);
            item.place = Place::new(&entry.spans.code);
        }
        Change::Exhaustiveness { .. } => item.change = "exhaustiveness",
        Change::Removed(old) => {
            item.change = "removed";
            set_old(&mut item, old);
            item.kind = DiagnosticCode::CodeRemoved;
            item.place = Place {
                in_old: true,
                ..Place::new(&old.spans.code)
            };
        }
        Change::AliasAdded { new, .. } | Change::AliasRemoved { new, .. } => {
            item.change = if matches!(change, Change::AliasAdded { .. }) {
                "alias added"
            } else {
                "alias removed"
            };
            item.kind = if change.is_breaking() {
                DiagnosticCode::CodeRemoved
            } else {
                DiagnosticCode::CodeAdded
            };
            item.place = Place::new(&new.spans.code);
        }
        Change::Renamed { old, new, .. } => {
            item.change = "renamed";
            item.new_code = Some(new.code.clone());
            set_old(&mut item, old);
            set_new(&mut item, new);
            item.kind = DiagnosticCode::CodeRenamed;
            item.place = Place::new(&new.spans.code);
        }
        Change::StatusChanged { old, new } => {
            item.change = "status";
            item.old_status = Some(old.status);
            item.new_status = Some(new.status);
            item.kind = DiagnosticCode::StatusChanged;
            item.place = Place::new(&new.spans.status);
        }
        Change::FieldsChanged { old, new } => {
            item.change = "placeholders";
            item.old_fields = Some(old.fields.clone());
            item.new_fields = Some(new.fields.clone());
            item.kind = DiagnosticCode::FieldsChanged;
            item.place = Place::new(&new.spans.fields);
        }
    }
    item
}

fn message_item(code: &str, old: &str, new: &str, span: &Range<usize>) -> Item {
    Item {
        change: "message",
        breaking: false,
        code: code.to_owned(),
        new_code: None,
        old_status: None,
        new_status: None,
        old_fields: None,
        new_fields: None,
        old_message: Some(old.to_owned()),
        new_message: Some(new.to_owned()),
        summary: format!("`{code}` message {old:?} → {new:?}"),
        kind: DiagnosticCode::MessageChanged,
        place: Place::new(span),
    }
}

/// A change as a diagnostic: an error when it fails the run, else a
/// warning.
fn diagnostic(item: &Item, fail_on: FailOn) -> Diagnostic {
    let breaking = if item.breaking {
        "breaking"
    } else {
        "non-breaking"
    };
    let mut diagnostic =
        Diagnostic::error(item.kind, item.summary.clone()).label(format!("{breaking} change"));
    if let Some(span) = &item.place.span {
        diagnostic = diagnostic.at(span.clone());
    }
    if !fail_on.fails(item) {
        diagnostic.severity = Severity::Warning;
    }
    diagnostic
}

/// One line per change, then a count.
fn human(items: &[Item], breaking: usize) -> String {
    let mut lines: Vec<String> = items
        .iter()
        .map(|item| {
            let kind = if item.breaking {
                "breaking    "
            } else {
                "non-breaking"
            };
            format!("{kind}  {}\n", item.summary)
        })
        .collect();
    let total = items.len();
    lines.push(if total == 0 {
        "no changes\n".to_owned()
    } else {
        format!(
            "{}: {breaking} breaking, {} non-breaking\n",
            report::plural(total, "change"),
            total - breaking
        )
    });
    lines.concat()
}
