//! The `lock` setting's check: a table's [`Contract`] against the one its
//! lockfile pins. Added codes pass, unless the enums are exhaustive, and so
//! do added aliases and a rename to a code the lockfile lists as an alias;
//! every other change fails the build, until the lockfile is written again on
//! purpose.

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::{ReadError, SourceFile};

use super::diff::{Change, changes};
use super::{Contract, Entry, field_list, lockfile};

/// What the lockfile says about a table, ready to report.
#[derive(Debug, Clone, Default)]
pub struct LockCheck {
    /// The lockfile as read, lossily decoded if it is not UTF-8; `None`
    /// when it could not be read. A file that was read must be tracked
    /// for rebuilds.
    pub lock_file: Option<SourceFile>,
    /// Problems with the lockfile itself, pointing into `lock_file`.
    pub lock_problems: Vec<Diagnostic>,
    /// One error per contract that the table breaks, pointing into the
    /// spec.
    pub broken: Vec<Diagnostic>,
}

/// Checks `table` against the lockfile that reading gave (`read`);
/// `update` is the command that writes the lockfile anew
/// ([`lockfile::lock_command`]).
///
/// `table` is `None` for a table with errors, which is not compared: its
/// left-out rows would look removed, and the table's own errors say more.
#[must_use]
pub fn check_lock(
    read: Result<SourceFile, Box<ReadError>>,
    table: Option<&Contract>,
    update: &str,
) -> LockCheck {
    let lock_file = match read {
        Ok(file) => file,
        Err(error) => {
            let diagnostic = error
                .diagnostic
                .note(format!("write the lockfile with `{update}`"));
            return LockCheck {
                lock_file: error.lossy.map(|file| *file),
                lock_problems: vec![diagnostic],
                broken: Vec::new(),
            };
        }
    };
    let mut diagnostics = Diagnostics::default();
    let locked = lockfile::parse(&lock_file, &mut diagnostics);
    let broken = match table {
        Some(table) if !diagnostics.has_errors() => changes(&locked, table)
            .into_iter()
            .filter_map(|change| broken_contract(change, &lock_file, update))
            .collect(),
        _ => Vec::new(),
    };
    LockCheck {
        lock_file: Some(lock_file),
        lock_problems: diagnostics.into_sorted(),
        broken,
    }
}

/// The error for a breaking change; `None` for an added code.
fn broken_contract(change: Change<'_>, lock_file: &SourceFile, update: &str) -> Option<Diagnostic> {
    let lock = lock_file.name();
    let pinned = |entry: &Entry| {
        let (line, _) = lock_file.line_of(entry.spans.line.start);
        let text = lock_file
            .text()
            .get(entry.spans.line.clone())
            .unwrap_or_default();
        format!("`{lock}` line {line} pins `{text}`")
    };
    let accept = |what: &str, pronoun: &str| {
        format!(
            "clients may rely on the locked {what}: restore {pronoun}, or accept the change on purpose with `{update}`"
        )
    };
    let diagnostic = match change {
        Change::StatusChanged { old, new } => Diagnostic::error(
            DiagnosticCode::StatusChanged,
            format!(
                "the status of `{}` changed from {} to {}, but the lockfile pins {}",
                old.code, old.status, new.status, old.status
            ),
        )
        .at(new.spans.status.clone())
        .label(format!("locked as {}", old.status))
        .help(accept("status", "it"))
        .note(pinned(old)),
        Change::FieldsChanged { old, new } => Diagnostic::error(
            DiagnosticCode::FieldsChanged,
            format!(
                "the placeholder fields of `{}` changed from {} to {}, but the lockfile pins {}",
                old.code,
                field_list(&old.fields),
                field_list(&new.fields),
                field_list(&old.fields)
            ),
        )
        .at(new.spans.fields.clone())
        .label(format!("locked with {}", field_list(&old.fields)))
        .help(accept("placeholder fields", "them"))
        .note(pinned(old)),
        Change::Renamed {
            old,
            new,
            accepted: false,
        } => unknown_rename(old, new, update).note(pinned(old)),
        Change::AliasRemoved { old, new, alias } => {
            alias_dropped(new, alias, update).note(pinned(old))
        }
        Change::Removed(old) => Diagnostic::error(
            DiagnosticCode::CodeRemoved,
            format!("the locked code `{}` is no longer in the table", old.code),
        )
        .help(accept("code", "it"))
        .note(pinned(old)),
        Change::Added {
            entry,
            exhaustive: true,
        } => Diagnostic::error(
            DiagnosticCode::CodeAddedToExhaustive,
            format!(
                "`{}` was added, but the table's enums are exhaustive: a `match` on them without a wildcard arm no longer compiles",
                entry.code
            ),
        )
        .at(entry.spans.code.clone())
        .label("a new variant")
        .help(format!(
            "leave out `exhaustive = true`, so that the enums are `#[non_exhaustive]` and rows may be added; or accept the change on purpose with `{update}`"
        ))
        .note(format!("`{lock}` says `exhaustive`")),
        Change::Exhaustiveness {
            old: true,
            new: false,
        } => Diagnostic::error(
            DiagnosticCode::EnumsOpened,
            "the lockfile pins exhaustive enums, but the table's are `#[non_exhaustive]`: a `match` on them without a wildcard arm no longer compiles",
        )
        .help(format!(
            "set `exhaustive = true` again, or accept the change on purpose with `{update}`"
        ))
        .note(format!("`{lock}` says `exhaustive`")),
        Change::Added { .. }
        | Change::Exhaustiveness { .. }
        | Change::Renamed { accepted: true, .. }
        | Change::AliasAdded { .. } => return None,
    };
    Some(diagnostic)
}

/// A locked code renamed to one that the lockfile's table did not accept.
fn unknown_rename(old: &Entry, new: &Entry, update: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::CodeRenamed,
        format!(
            "the locked code `{}` was renamed to `{}`, which clients of the lockfile's table do not know",
            old.code, new.code
        ),
    )
    .at(new.spans.code.clone())
    .label(format!("locked as `{}`", old.code))
    .help(format!(
        "to rename without breaking clients, first lock a revision that still sends `{}` and lists `{}` in its aliases column; \
         or restore the code, or accept the change on purpose with `{update}`",
        old.code, new.code
    ))
}

/// A code that the lockfile's entry accepted and the table's rejects.
fn alias_dropped(new: &Entry, alias: &str, update: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::CodeRemoved,
        format!(
            "`{}` no longer accepts the locked code `{alias}`, which servers of the lockfile's table may still send",
            new.code
        ),
    )
    .at(new.spans.code.clone())
    .label(format!("`{alias}` is not among its codes"))
    .help(format!(
        "keep `{alias}` in the row's aliases column while servers may still send it; \
         or accept the change on purpose with `{update}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{SPEC, of_spec};

    const UPDATE: &str = "error-table lock spec/errors.md";

    /// The rendered errors of the table `new_spec` against the lockfile
    /// of `old_spec`.
    fn broken(old_spec: &str, new_spec: &str) -> Vec<String> {
        let (_, old) = of_spec(old_spec);
        let lock_file = SourceFile::new("spec/errors.lock", lockfile::print(&old));
        let (spec, new) = of_spec(new_spec);
        let checked = check_lock(Ok(lock_file), Some(&new), UPDATE);
        assert!(
            checked.lock_problems.is_empty(),
            "{:?}",
            checked.lock_problems
        );
        checked
            .broken
            .iter()
            .map(|diagnostic| diagnostic.render(Some(&spec)))
            .collect()
    }

    #[test]
    fn added_rows_pass() {
        let added = format!("{SPEC}| Gone | 410 | Gone for {{the reason}}. |\n");
        assert!(broken(SPEC, &added).is_empty());
    }

    #[test]
    fn a_status_change_points_at_the_status_cell() {
        let changed = SPEC.replace("| BadInput | 400 |", "| BadInput | 422 |");
        insta::assert_snapshot!(broken(SPEC, &changed).join("\n"), @"
        error[ET0703]: the status of `BadInput` changed from 400 to 422, but the lockfile pins 400
         --> spec/errors.md:4:14
          |
        4 | | BadInput | 422 | Input {the input} is bad for {the reason}. |
          |              ^^^ locked as 400
          |
          = help: clients may rely on the locked status: restore it, or accept the change on purpose with `error-table lock spec/errors.md`
          = note: `spec/errors.lock` line 6 pins `BadInput 400 input reason`
        ");
    }

    #[test]
    fn a_placeholder_change_is_reported_with_both_sets() {
        let changed = SPEC.replace("{the reason}", "{the cause}");
        let errors = broken(SPEC, &changed);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "error[ET0704]: the placeholder fields of `BadInput` changed from `input`, `reason` to `cause`, `input`, but the lockfile pins `input`, `reason`"
            ),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn renaming_a_placeholder_without_changing_its_field_passes() {
        let changed = SPEC.replace("{the reason}", "{The Reason}");
        assert!(broken(SPEC, &changed).is_empty());
    }

    #[test]
    fn a_close_new_code_with_the_same_contract_is_a_rename() {
        let changed = SPEC.replace("| NotFound |", "| NotFnd |");
        let errors = broken(SPEC, &changed);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "error[ET0705]: the locked code `NotFound` was renamed to `NotFnd`, which clients of the lockfile's table do not know"
            ),
            "{}",
            errors[0]
        );
    }

    const RENAMING: &str = "\
| Code | Status | Message | Also accepted |
|---|---|---|---|
| Conflict | 409 | Version {the version} conflicts. | VersionConflict |
";

    #[test]
    fn a_rename_to_a_locked_alias_passes_and_dropping_the_former_code_fails() {
        let renamed = RENAMING
            .replace("| Conflict |", "| VersionConflict |")
            .replace("| VersionConflict |\n", "| Conflict |\n");
        assert!(broken(RENAMING, &renamed).is_empty());
        // Dropping the alias before the rename breaks servers that send it.
        assert_eq!(
            broken(RENAMING, &RENAMING.replace("VersionConflict |", " |")).len(),
            1
        );
        let dropped = RENAMING
            .replace("| Conflict |", "| VersionConflict |")
            .replace("| VersionConflict |\n", "| |\n");
        insta::assert_snapshot!(broken(RENAMING, &dropped).join("\n"), @"
        error[ET0706]: `VersionConflict` no longer accepts the locked code `Conflict`, which servers of the lockfile's table may still send
         --> spec/errors.md:3:3
          |
        3 | | VersionConflict | 409 | Version {the version} conflicts. | |
          |   ^^^^^^^^^^^^^^^ `Conflict` is not among its codes
          |
          = help: keep `Conflict` in the row's aliases column while servers may still send it; or accept the change on purpose with `error-table lock spec/errors.md`
          = note: `spec/errors.lock` line 6 pins `Conflict 409 version aliases: VersionConflict`
        ");
    }

    #[test]
    fn a_rename_to_an_unlisted_code_says_to_list_it_first() {
        let jumped = RENAMING
            .replace("| Conflict |", "| VersionConflict |")
            .replace("| VersionConflict |\n", "| Conflict |\n");
        let errors = broken(&RENAMING.replace("VersionConflict |", " |"), &jumped);
        insta::assert_snapshot!(errors.join("\n"), @"
        error[ET0705]: the locked code `Conflict` was renamed to `VersionConflict`, which clients of the lockfile's table do not know
         --> spec/errors.md:3:3
          |
        3 | | VersionConflict | 409 | Version {the version} conflicts. | Conflict |
          |   ^^^^^^^^^^^^^^^ locked as `Conflict`
          |
          = help: to rename without breaking clients, first lock a revision that still sends `Conflict` and lists `VersionConflict` in its aliases column; or restore the code, or accept the change on purpose with `error-table lock spec/errors.md`
          = note: `spec/errors.lock` line 6 pins `Conflict 409 version`
        ");
    }

    #[test]
    fn a_removed_code_names_its_lock_line() {
        let changed = SPEC.replace("| Teapot | 418 | Short and stout. |\n", "");
        insta::assert_snapshot!(broken(SPEC, &changed).join("\n"), @"
        error[ET0706]: the locked code `Teapot` is no longer in the table
        --> spec/errors.md
         = help: clients may rely on the locked code: restore it, or accept the change on purpose with `error-table lock spec/errors.md`
         = note: `spec/errors.lock` line 8 pins `Teapot 418`
        ");
    }

    #[test]
    fn a_table_with_errors_is_not_compared() {
        let (_, old) = of_spec(SPEC);
        let lock_file = SourceFile::new("spec/errors.lock", lockfile::print(&old));
        let checked = check_lock(Ok(lock_file), None, UPDATE);
        assert!(checked.lock_problems.is_empty() && checked.broken.is_empty());
    }

    #[test]
    fn a_malformed_lockfile_is_not_compared() {
        let (_, table) = of_spec(SPEC);
        let lock_file = SourceFile::new("spec/errors.lock", "version 1\nTeapot 4x4\n");
        let checked = check_lock(Ok(lock_file), Some(&table), UPDATE);
        assert_eq!(checked.lock_problems.len(), 1);
        assert!(checked.broken.is_empty());
    }
}
