//! The severity policy: any diagnostic code set to error, warning or off,
//! by the macro's `lints` setting or the CLI's `-D`, `-W` and `-A`, and
//! applied in one place, so that both give the same diagnostics.
//!
//! ```text
//! include_error_table!("spec/errors.md", lints = { ET0610 = error, ET0611 = allow })
//! error-table check spec/errors.md -D ET0610 -A ET0611
//! ```

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Severity};

/// What becomes of the diagnostics of one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Reported as an error: the build fails.
    Error,
    /// Reported as a warning.
    Warn,
    /// Not reported.
    Allow,
}

impl Level {
    /// `error`, `warn` or `allow`, as the `lints` setting writes them.
    #[must_use]
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "error" | "deny" => Some(Self::Error),
            "warn" => Some(Self::Warn),
            "allow" => Some(Self::Allow),
            _ => None,
        }
    }
}

/// The levels set for codes, over the severities the stages give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lints {
    /// The codes set, in the order written: a later entry wins.
    pub levels: Vec<(DiagnosticCode, Level)>,
    /// Whether the warnings left after `levels` become errors
    /// (`check --deny-warnings`).
    pub deny_warnings: bool,
}

impl Lints {
    /// Sets `code` to `level`, over any earlier setting.
    pub fn set(&mut self, code: DiagnosticCode, level: Level) {
        self.levels.push((code, level));
    }

    /// The level set for `code`, if any.
    #[must_use]
    pub fn level(&self, code: DiagnosticCode) -> Option<Level> {
        self.levels
            .iter()
            .rev()
            .find(|(set, _)| *set == code)
            .map(|&(_, level)| level)
    }

    /// `diagnostics` with the levels applied: allowed ones dropped, the
    /// others with the severity set for their code.
    #[must_use]
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut diagnostic| {
                match self.level(diagnostic.code) {
                    Some(Level::Allow) => return None,
                    Some(Level::Error) => diagnostic.severity = Severity::Error,
                    Some(Level::Warn) => diagnostic.severity = Severity::Warning,
                    None => {}
                }
                if self.deny_warnings {
                    diagnostic.severity = Severity::Error;
                }
                Some(diagnostic)
            })
            .collect()
    }
}

/// The code `id` names, or why it names none, with the closest code.
///
/// # Errors
///
/// A message saying that `id` is no code, with a suggestion.
pub fn parse_code(id: &str) -> Result<DiagnosticCode, String> {
    DiagnosticCode::from_id(id).ok_or_else(|| {
        let suggestion =
            crate::suggest::did_you_mean(id, DiagnosticCode::ALL.iter().map(|code| code.id()));
        format!("`{id}` is not a diagnostic code{suggestion}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stale() -> Diagnostic {
        let mut diagnostic = Diagnostic::error(DiagnosticCode::StaleTranslation, "stale");
        diagnostic.severity = Severity::Warning;
        diagnostic
    }

    #[test]
    fn a_level_sets_the_severity_and_allow_drops_the_diagnostic() {
        let mut lints = Lints::default();
        lints.set(DiagnosticCode::StaleTranslation, Level::Error);
        assert_eq!(lints.apply(vec![stale()])[0].severity, Severity::Error);
        lints.set(DiagnosticCode::StaleTranslation, Level::Allow);
        assert!(
            lints.apply(vec![stale()]).is_empty(),
            "the later entry wins"
        );
        let empty = Diagnostic::error(DiagnosticCode::EmptyCode, "empty");
        assert_eq!(lints.apply(vec![empty])[0].severity, Severity::Error);
    }

    #[test]
    fn deny_warnings_makes_every_remaining_warning_an_error() {
        let lints = Lints {
            deny_warnings: true,
            ..Lints::default()
        };
        assert_eq!(lints.apply(vec![stale()])[0].severity, Severity::Error);
    }

    #[test]
    fn an_unknown_code_is_named_with_the_closest_one() {
        assert_eq!(
            parse_code("ET061O"),
            Err("`ET061O` is not a diagnostic code; did you mean `ET0610`?".to_owned())
        );
    }
}
