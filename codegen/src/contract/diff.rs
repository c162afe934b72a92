//! The changes from one [`Contract`] to another, each breaking for
//! clients or not: what `error-table diff` lists and what the lock check
//! reports.

use super::{Contract, Entry};

/// One difference between two contracts, old and new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// A code that was not there before.
    Added {
        /// The new entry.
        entry: &'a Entry,
        /// Whether the new table's enums are exhaustive, so that a
        /// downstream `match` without a wildcard arm breaks on it.
        exhaustive: bool,
    },
    /// The enums became exhaustive or `#[non_exhaustive]`.
    Exhaustiveness {
        /// Whether the old enums were exhaustive.
        old: bool,
        /// Whether the new ones are.
        new: bool,
    },
    /// A code that is gone, with no similar new code to be its new name.
    Removed(&'a Entry),
    /// An entry sent under another code: one whose codes (code and
    /// aliases) share one with the old entry's, or else one with the same
    /// status and fields and a close spelling, taken to be the same error
    /// renamed.
    Renamed {
        /// The entry under its old code.
        old: &'a Entry,
        /// The entry under its new code.
        new: &'a Entry,
        /// Whether the old entry accepts the new code (it was one of its
        /// aliases), so that clients of the old contract read it.
        accepted: bool,
    },
    /// A code that readers of the new entry accept and readers of the old
    /// did not.
    AliasAdded {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
        /// The added alias.
        alias: &'a str,
    },
    /// A code that readers of the old entry accepted (its code or an
    /// alias) and readers of the new one reject: servers of the old
    /// contract may still send it, and the deprecated constant of its
    /// variant name is gone.
    AliasRemoved {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
        /// The code no longer accepted.
        alias: &'a str,
    },
    /// The same code with another status.
    StatusChanged {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
    },
    /// The same code with another set of placeholder fields.
    FieldsChanged {
        /// The old entry.
        old: &'a Entry,
        /// The new entry.
        new: &'a Entry,
    },
}

impl Change<'_> {
    /// Whether clients written against the old contract can break: every
    /// change but an added code, which old clients take as an unknown one
    /// and their `match`es on `#[non_exhaustive]` enums handle in their
    /// wildcard arm, enums that became exhaustive (a wildcard arm then
    /// only goes unused), an added alias, and a code renamed to one the old
    /// entry accepted. An added code breaks the `match`es on exhaustive
    /// enums, as do enums that became `#[non_exhaustive]`.
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        match self {
            Self::Added { exhaustive, .. } => *exhaustive,
            Self::Exhaustiveness { new, .. } => !new,
            Self::Renamed { accepted, .. } => !accepted,
            Self::AliasAdded { .. } => false,
            _ => true,
        }
    }

    /// The code the change is about: the old one for a rename; none for a
    /// change of the enums.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Self::Exhaustiveness { .. } => "",
            Self::Added { entry, .. } | Self::Removed(entry) => &entry.code,
            Self::Renamed { old, .. }
            | Self::AliasAdded { old, .. }
            | Self::AliasRemoved { old, .. }
            | Self::StatusChanged { old, .. }
            | Self::FieldsChanged { old, .. } => &old.code,
        }
    }
}

/// Every difference from `old` to `new`, sorted by code.
///
/// An old entry is the new entry of its code, else the new entry that
/// accepts its code or one of its aliases (a rename declared with an
/// alias). An old entry with none of these is taken as renamed when a
/// code new in `new` has its status and fields and a close spelling (at
/// most a third of the letters differ); otherwise it is removed.
#[must_use]
pub fn changes<'a>(old: &'a Contract, new: &'a Contract) -> Vec<Change<'a>> {
    let mut changes = Vec::new();
    if old.exhaustive != new.exhaustive {
        changes.push(Change::Exhaustiveness {
            old: old.exhaustive,
            new: new.exhaustive,
        });
    }
    let paired: Vec<(&Entry, Option<&Entry>)> = old
        .entries
        .iter()
        .map(|before| (before, successor(before, new)))
        .collect();
    let mut added: Vec<&Entry> = new
        .entries
        .iter()
        .filter(|entry| {
            !paired
                .iter()
                .any(|(_, after)| after.is_some_and(|after| after.code == entry.code))
        })
        .collect();
    for (before, after) in paired {
        let Some(after) = after else {
            match take_renamed(before, &mut added) {
                Some(after) => changes.push(Change::Renamed {
                    old: before,
                    new: after,
                    accepted: false,
                }),
                None => changes.push(Change::Removed(before)),
            }
            continue;
        };
        same_entry_changes(before, after, &mut changes);
    }
    changes.extend(added.into_iter().map(|entry| Change::Added {
        entry,
        exhaustive: new.exhaustive,
    }));
    changes.sort_by(|a, b| a.code().cmp(b.code()));
    changes
}

/// The entry of `new` that `before` became: the one of its code, else
/// one that accepts a code of `before`.
fn successor<'a>(before: &Entry, new: &'a Contract) -> Option<&'a Entry> {
    new.get(&before.code).or_else(|| {
        new.entries
            .iter()
            .find(|after| before.codes().any(|code| after.accepts(code)))
    })
}

/// The changes between two entries of one row: its code, its aliases,
/// its status, its fields.
fn same_entry_changes<'a>(before: &'a Entry, after: &'a Entry, changes: &mut Vec<Change<'a>>) {
    if before.code != after.code {
        changes.push(Change::Renamed {
            old: before,
            new: after,
            accepted: before.accepts(&after.code),
        });
    }
    for alias in before.codes().filter(|code| !after.accepts(code)) {
        changes.push(Change::AliasRemoved {
            old: before,
            new: after,
            alias,
        });
    }
    for alias in after.aliases.iter().filter(|alias| !before.accepts(alias)) {
        changes.push(Change::AliasAdded {
            old: before,
            new: after,
            alias,
        });
    }
    if before.status != after.status {
        changes.push(Change::StatusChanged {
            old: before,
            new: after,
        });
    }
    if before.fields != after.fields {
        changes.push(Change::FieldsChanged {
            old: before,
            new: after,
        });
    }
}

/// Removes from `added` and returns the entry most likely to be `old`
/// under a new code.
fn take_renamed<'a>(old: &Entry, added: &mut Vec<&'a Entry>) -> Option<&'a Entry> {
    let (index, _) = added
        .iter()
        .enumerate()
        .filter(|(_, new)| new.status == old.status && new.fields == old.fields)
        .map(|(index, new)| (index, strsim::levenshtein(&old.code, &new.code)))
        .filter(|&(index, distance)| {
            let longest = added.get(index).map_or(0, |new| new.code.chars().count());
            distance * 3 <= longest.max(old.code.chars().count())
        })
        .min_by_key(|&(_, distance)| distance)?;
    Some(added.remove(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{SPEC, of_spec};

    #[test]
    fn an_unrelated_new_code_is_no_rename() {
        let (_, old) = of_spec(SPEC);
        let (_, new) = of_spec(&SPEC.replace("| Teapot |", "| Kettle |"));
        let changes = changes(&old, &new);
        let kinds: Vec<(&str, bool)> = changes
            .iter()
            .map(|change| (change.code(), change.is_breaking()))
            .collect();
        assert_eq!(kinds, [("Kettle", false), ("Teapot", true)]);
    }

    #[test]
    fn an_added_code_breaks_exactly_the_exhaustive_tables() {
        let (_, old) = of_spec(SPEC);
        let (_, mut new) = of_spec(&format!("{SPEC}| Gone | 410 | Gone. |\n"));
        assert!(!changes(&old, &new)[0].is_breaking(), "#[non_exhaustive]");
        let (mut old, mut new) = (old, {
            new.exhaustive = true;
            new
        });
        old.exhaustive = true;
        assert!(changes(&old, &new)[0].is_breaking(), "exhaustive");

        new.entries.retain(|entry| entry.code != "Gone");
        old.exhaustive = true;
        new.exhaustive = false;
        let became_open = changes(&old, &new);
        assert!(
            matches!(became_open.as_slice(), [change @ Change::Exhaustiveness { old: true, new: false }] if change.is_breaking()),
            "{became_open:?}"
        );
        let became_closed = changes(&new, &old);
        assert!(!became_closed[0].is_breaking());
    }

    #[test]
    fn a_close_new_code_with_the_same_contract_is_a_rename() {
        let (_, old) = of_spec(SPEC);
        let (_, new) = of_spec(&SPEC.replace("| NotFound |", "| NotFnd |"));
        let changes = changes(&old, &new);
        assert!(
            matches!(
                changes.as_slice(),
                [Change::Renamed { old, new, accepted: false }] if old.code == "NotFound" && new.code == "NotFnd"
            ),
            "{changes:?}"
        );
    }

    /// `Conflict` with the aliases `aliases` in the aliases column.
    fn conflict(code: &str, aliases: &str) -> Contract {
        of_spec(&format!(
            "| Code | Status | Message | Aliases |\n|---|---|---|---|\n\
             | {code} | 409 | Version {{the version}} conflicts. | {aliases} |\n\
             | Internal | 500 | Oops. | |\n"
        ))
        .1
    }

    /// Each change's code, whether it breaks, and its kind.
    fn verdicts<'a>(changes: &'a [Change<'a>]) -> Vec<(&'a str, bool, &'static str)> {
        changes
            .iter()
            .map(|change| {
                let kind = match change {
                    Change::Renamed { .. } => "renamed",
                    Change::AliasAdded { .. } => "alias added",
                    Change::AliasRemoved { .. } => "alias removed",
                    Change::Added { .. } => "added",
                    Change::Removed(_) => "removed",
                    _ => "other",
                };
                (change.code(), change.is_breaking(), kind)
            })
            .collect()
    }

    #[test]
    fn a_rename_in_two_steps_breaks_no_step_but_jumping_breaks() {
        let revision_0 = conflict("Conflict", "");
        let revision_1 = conflict("Conflict", "VersionConflict");
        let revision_2 = conflict("VersionConflict", "Conflict");
        assert_eq!(
            verdicts(&changes(&revision_0, &revision_1)),
            [("Conflict", false, "alias added")]
        );
        assert_eq!(
            verdicts(&changes(&revision_1, &revision_2)),
            [("Conflict", false, "renamed")]
        );
        assert_eq!(
            verdicts(&changes(&revision_0, &revision_2)),
            [("Conflict", true, "renamed")]
        );
    }

    #[test]
    fn dropping_an_alias_or_the_former_code_breaks() {
        let revision_1 = conflict("Conflict", "VersionConflict");
        let revision_2 = conflict("VersionConflict", "Conflict");
        assert_eq!(
            verdicts(&changes(&revision_2, &conflict("VersionConflict", ""))),
            [("VersionConflict", true, "alias removed")]
        );
        assert_eq!(
            verdicts(&changes(&revision_1, &conflict("VersionConflict", ""))),
            [
                ("Conflict", false, "renamed"),
                ("Conflict", true, "alias removed")
            ]
        );
        assert_eq!(
            verdicts(&changes(&revision_1, &conflict("Conflict", ""))),
            [("Conflict", true, "alias removed")]
        );
    }
}
