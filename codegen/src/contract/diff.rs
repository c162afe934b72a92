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
    /// A code gone and a new code with the same status and fields and a
    /// close spelling, taken to be the same error renamed.
    Renamed {
        /// The entry under its old code.
        old: &'a Entry,
        /// The entry under its new code.
        new: &'a Entry,
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
    /// wildcard arm, and enums that became exhaustive (a wildcard arm then
    /// only goes unused). An added code breaks the `match`es on exhaustive
    /// enums, as do enums that became `#[non_exhaustive]`.
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        match self {
            Self::Added { exhaustive, .. } => *exhaustive,
            Self::Exhaustiveness { new, .. } => !new,
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
            | Self::StatusChanged { old, .. }
            | Self::FieldsChanged { old, .. } => &old.code,
        }
    }
}

/// Every difference from `old` to `new`, sorted by code.
///
/// A code missing from `new` is taken as renamed when a code new in `new`
/// has its status and fields and a close spelling (at most a third of the
/// letters differ); otherwise it is removed.
#[must_use]
pub fn changes<'a>(old: &'a Contract, new: &'a Contract) -> Vec<Change<'a>> {
    let mut changes = Vec::new();
    if old.exhaustive != new.exhaustive {
        changes.push(Change::Exhaustiveness {
            old: old.exhaustive,
            new: new.exhaustive,
        });
    }
    let mut added: Vec<&Entry> = new
        .entries
        .iter()
        .filter(|entry| old.get(&entry.code).is_none())
        .collect();
    for before in &old.entries {
        let Some(after) = new.get(&before.code) else {
            match take_renamed(before, &mut added) {
                Some(after) => changes.push(Change::Renamed {
                    old: before,
                    new: after,
                }),
                None => changes.push(Change::Removed(before)),
            }
            continue;
        };
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
    changes.extend(added.into_iter().map(|entry| Change::Added {
        entry,
        exhaustive: new.exhaustive,
    }));
    changes.sort_by(|a, b| a.code().cmp(b.code()));
    changes
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
                [Change::Renamed { old, new }] if old.code == "NotFound" && new.code == "NotFnd"
            ),
            "{changes:?}"
        );
    }
}
