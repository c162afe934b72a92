//! `error-table lock`: writes the contract lockfile of a spec.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use error_table_codegen::contract::{self, Change, Contract, lockfile};
use error_table_codegen::diagnostic::Diagnostics;
use error_table_codegen::{Diagnostic, DiagnosticCode, SourceFile};

use crate::input::{self, Loaded, TableArg};
use crate::report::{self, Fatal, Format, Output, Report, Status};

/// Write the contract lockfile of a spec.
///
/// One line per code, sorted by code: the code, its HTTP status and its
/// placeholder fields.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table lock spec/errors.md                      writes spec/errors.lock
  error-table lock spec/errors.md -o api/errors.lock

With the macro setting `lock = \"spec/errors.lock\"`, the build fails when the
table breaks a locked contract: a code removed or renamed, a status changed,
placeholders changed. Run this command again to accept such a change on
purpose; it lists the changes it accepts. Added rows need no new lock.

A table with errors is not locked (exit code 1), and the spec is never written.

With `--check`, nothing is written: the command lists what relocking would
change and exits with 1 when the lockfile is missing or out of date, as a CI
step or a pre-commit hook that asks whether someone forgot to relock.

Exit codes: 0 written or up to date, 1 errors in the table or (with
`--check`) a lockfile out of date, 2 usage or I/O error.")]
pub struct Args {
    /// The Markdown file, or `REV:path` for a file of a Git revision.
    spec: String,
    /// Where to write the lockfile; by default next to the spec, with the
    /// extension `.lock` (`spec/errors.md` → `spec/errors.lock`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write nothing: exit with 1 when the lockfile is missing or is not
    /// what this command would write, listing each difference.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    table: TableArg,
    /// How diagnostics are shown: `human` on stderr; `json`, `sarif`,
    /// `github` or `junit` on stdout, as for `check`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let loaded = input::load(&args.spec, &args.table.settings())?;
    let mut reports = Report::all(&loaded.generated.diagnostics, Some(&loaded.file));
    let spec = loaded.file.name();
    if loaded.has_errors() {
        output.diagnostics(&[spec], &reports, args.format);
        // Rows left out for errors would vanish from the lock and lose
        // their protection.
        output.note(&format!(
            "error: `{spec}` has errors; the lockfile was not written"
        ));
        return Ok(Status::Problems);
    }
    let path = args.output.clone().unwrap_or_else(|| {
        // A revision's path (`HEAD:spec/errors.md`) locks into the work
        // tree's file of the same path.
        let spec = input::revision_path(&args.spec).unwrap_or(&args.spec);
        PathBuf::from(lockfile::default_path(spec))
    });
    refuse_the_spec(&path, &args.spec)?;
    let contract = Contract::of(&loaded.generated.checked);
    let shown = path.display().to_string();
    let previous = fs::read_to_string(&path).ok();
    let text = in_the_style_of(previous.as_deref(), &lockfile::print(&contract));
    let up_to_date = previous.as_deref() == Some(text.as_str());
    let codes = report::plural(contract.entries.len(), "code");
    if args.check {
        let stale = (!up_to_date).then(|| out_of_date(&loaded, &shown, previous, &contract));
        if let Some(stale) = &stale {
            reports.extend(Report::all(&stale.in_spec, Some(&loaded.file)));
            reports.extend(Report::all(&stale.in_lock, stale.lock_file.as_ref()));
        }
        output.diagnostics(&[spec, shown.as_str()], &reports, args.format);
        let Some(stale) = stale else {
            output.note(&format!("{shown} is up to date ({codes})"));
            return Ok(Status::Clean);
        };
        output.note(&format!(
            "error: {shown} is out of date; update it with `{}`",
            stale.command
        ));
        return Ok(Status::Problems);
    }
    output.diagnostics(&[spec], &reports, args.format);
    if up_to_date {
        // Unchanged bytes keep the file's time, so no build reruns.
        output.note(&format!("{shown} is up to date ({codes})"));
        return Ok(Status::Clean);
    }
    write_atomically(&path, &text)?;
    let accepted = previous
        .map(|previous| accepted_changes(&shown, previous, &contract))
        .unwrap_or_default();
    output.note(&format!("wrote {shown} ({codes})"));
    for line in accepted {
        output.note(&line);
    }
    Ok(Status::Clean)
}

/// Why a lockfile is not what `lock` would write, for `--check`.
struct OutOfDate {
    /// The lockfile as read; `None` when there is none.
    lock_file: Option<SourceFile>,
    /// Each contract change, at the spec's row.
    in_spec: Vec<Diagnostic>,
    /// Problems of the lockfile itself, or the one saying it is missing
    /// or written differently.
    in_lock: Vec<Diagnostic>,
    /// The command that brings it up to date.
    command: String,
}

/// One error per difference between the lockfile `previous` and `lock`,
/// the one the table gives: the breaking ones as the build reports them,
/// the added codes, or a lockfile that is missing, malformed or only
/// written in another way.
fn out_of_date(
    loaded: &Loaded,
    shown: &str,
    previous: Option<String>,
    contract: &Contract,
) -> OutOfDate {
    let command = lockfile::lock_command(loaded.file.name(), shown);
    let Some(previous) = previous else {
        return OutOfDate {
            lock_file: None,
            in_spec: Vec::new(),
            in_lock: vec![
                Diagnostic::error(
                    DiagnosticCode::NoLockfile,
                    format!("there is no lockfile `{shown}`"),
                )
                .help(format!("write it with `{command}`")),
            ],
            command,
        };
    };
    let lock_file = SourceFile::new(shown, previous);
    let mut problems = Diagnostics::default();
    let locked = lockfile::parse(&lock_file, &mut problems);
    let checked = contract::check_lock(Ok(lock_file.clone()), Some(contract), &command);
    let mut in_spec = Vec::new();
    let mut in_lock = problems.into_sorted();
    if in_lock.is_empty() {
        in_spec = checked.broken;
        in_spec.extend(
            contract::changes(&locked, contract)
                .iter()
                .filter_map(|change| match change {
                    // Changes that pass the build, but that the lockfile
                    // does not pin yet; the others are in `broken`.
                    Change::Added {
                        entry,
                        exhaustive: false,
                    } => Some(
                        Diagnostic::error(
                            DiagnosticCode::CodeAdded,
                            format!("`{}` is not in the lockfile", entry.code),
                        )
                        .at(entry.spans.code.clone())
                        .label("not locked")
                        .help(format!("lock it with `{command}`")),
                    ),
                    Change::Renamed {
                        old,
                        new,
                        accepted: true,
                    } => Some(
                        Diagnostic::error(
                            DiagnosticCode::CodeRenamed,
                            format!(
                                "`{}` now sends `{}`, its locked alias, which the lockfile does not say",
                                old.code, new.code
                            ),
                        )
                        .at(new.spans.code.clone())
                        .label("not locked")
                        .help(format!("lock it with `{command}`")),
                    ),
                    Change::AliasAdded { new, alias, .. } => Some(
                        Diagnostic::error(
                            DiagnosticCode::CodeAdded,
                            format!("the alias `{alias}` of `{}` is not in the lockfile", new.code),
                        )
                        .at(new.spans.code.clone())
                        .label("not locked")
                        .help(format!("lock it with `{command}`")),
                    ),
                    Change::Exhaustiveness {
                        old: false,
                        new: true,
                    } => Some(
                        Diagnostic::error(
                            DiagnosticCode::EnumsClosed,
                            "the table's enums are exhaustive, which the lockfile does not say",
                        )
                        .help(format!("lock it with `{command}`")),
                    ),
                    _ => None,
                }),
        );
    }
    if in_spec.is_empty() && in_lock.is_empty() {
        in_lock.push(
            Diagnostic::error(
                DiagnosticCode::LockNotCanonical,
                format!(
                    "`{shown}` pins the same contract, but not as `error-table lock` writes it"
                ),
            )
            .help(format!("rewrite it with `{command}`")),
        );
    }
    OutOfDate {
        lock_file: Some(lock_file),
        in_spec,
        in_lock,
        command,
    }
}

/// `text` with the line ends and byte order mark of the file it replaces,
/// so that relocking changes only what changed.
fn in_the_style_of(previous: Option<&str>, text: &str) -> String {
    const BOM: &str = "\u{feff}";
    let Some(previous) = previous else {
        return text.to_owned();
    };
    let mut styled = String::with_capacity(text.len() + text.len() / 16);
    if previous.starts_with(BOM) {
        styled.push_str(BOM);
    }
    if previous.contains("\r\n") {
        styled.push_str(&text.replace('\n', "\r\n"));
    } else {
        styled.push_str(text);
    }
    styled
}

/// Refuses to write the lockfile over the spec, which `-o` could name.
fn refuse_the_spec(path: &Path, spec: &str) -> Result<(), Fatal> {
    let same = match (fs::canonicalize(path), fs::canonicalize(spec)) {
        (Ok(lock), Ok(spec)) => lock == spec,
        _ => path == Path::new(spec),
    };
    if same {
        return Err(Fatal::failed(
            DiagnosticCode::Usage,
            format!("`{}` is the spec itself", path.display()),
            "write the lockfile to another file, such as the default `.lock` next to the spec",
        ));
    }
    Ok(())
}

/// The contract changes from the old lockfile to the new, one line each,
/// so that the person who relocks sees what they accept.
fn accepted_changes(shown: &str, previous: String, contract: &Contract) -> Vec<String> {
    let file = SourceFile::new(shown, previous);
    let mut diagnostics = Diagnostics::default();
    let old = lockfile::parse(&file, &mut diagnostics);
    if diagnostics.has_errors() {
        return vec![format!(
            "  (the previous {shown} was malformed; it was replaced)"
        )];
    }
    contract::changes(&old, contract)
        .iter()
        .map(|change| {
            let kind = if change.is_breaking() {
                "accepted breaking change"
            } else {
                "added"
            };
            format!("  {kind}: {}", describe(change))
        })
        .collect()
}

/// One line saying what changed, shared with `diff`.
pub fn describe(change: &Change<'_>) -> String {
    match change {
        Change::Added {
            entry,
            exhaustive: false,
        } => format!(
            "`{}` ({}) added: the enums are #[non_exhaustive], so older clients take it as an unknown code",
            entry.code, entry.status
        ),
        Change::Added {
            entry,
            exhaustive: true,
        } => format!(
            "`{}` ({}) added: the enums are exhaustive (--exhaustive), so a match without a wildcard arm no longer compiles",
            entry.code, entry.status
        ),
        Change::Exhaustiveness { new: true, .. } => {
            "the enums became exhaustive: a match's wildcard arm goes unused".to_owned()
        }
        Change::Exhaustiveness { new: false, .. } => {
            "the enums became #[non_exhaustive]: a match without a wildcard arm no longer compiles"
                .to_owned()
        }
        Change::Removed(old) => format!("`{}` ({}) removed", old.code, old.status),
        Change::Renamed {
            old,
            new,
            accepted: true,
        } => format!(
            "`{}` renamed to `{}`: clients of the older revision accept `{}` as an alias",
            old.code, new.code, new.code
        ),
        Change::Renamed { old, new, .. } => format!(
            "`{}` renamed to `{}`, which clients of the older revision do not know: list it as an alias of `{}` in a revision first",
            old.code, new.code, old.code
        ),
        Change::AliasAdded { new, alias, .. } => {
            format!("`{}` accepts the alias `{alias}` too", new.code)
        }
        Change::AliasRemoved { new, alias, .. } => format!(
            "`{}` no longer accepts `{alias}`, which servers of the older revision may still send",
            new.code
        ),
        Change::StatusChanged { old, new } => {
            format!("`{}` status {} → {}", old.code, old.status, new.status)
        }
        Change::FieldsChanged { old, new } => format!(
            "`{}` placeholders {} → {}",
            old.code,
            contract::field_list(&old.fields),
            contract::field_list(&new.fields)
        ),
    }
}

/// Writes `text` to a new file in the same directory, then renames it over
/// `path`: a reader, or a build, never sees half a lockfile.
fn write_atomically(path: &Path, text: &str) -> Result<(), Fatal> {
    let failed = |what: &str, error: &std::io::Error| {
        Fatal::failed(
            DiagnosticCode::Unreadable,
            format!("cannot {what} `{}`: {error}", path.display()),
            "check that the directory exists and is writable",
        )
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "lock".into(), |name| name.to_string_lossy());
    let temporary = directory.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        });
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(failed("write", &error));
    }
    fs::rename(&temporary, path).map_err(|error| {
        let _ = fs::remove_file(&temporary);
        failed("replace", &error)
    })
}
