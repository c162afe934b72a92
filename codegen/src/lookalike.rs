//! Field names that Rust warns about where a user's crate writes them: a
//! character Unicode keeps out of identifiers (`uncommon_codepoints`), a
//! name mixing scripts, or one whose letters of a script all look like
//! letters of another (`mixed_script_confusables`), after Unicode's
//! UTS #39 as rustc applies it.
//!
//! The generated code itself never warns, as lints skip a macro's output;
//! but `Error::Arrested { сор: … }` in the user's code is the user's own
//! identifier, and there rustc lints it.

use unicode_normalization::UnicodeNormalization;
use unicode_security::general_security_profile::IdentifierType;
use unicode_security::mixed_script::AugmentedScriptSet;
use unicode_security::{
    GeneralSecurityProfile, is_potential_mixed_script_confusable_char, skeleton,
};

use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::template::Placeholder;

/// Why Rust warns about a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A character that Unicode keeps out of identifiers, as the micro
    /// sign `µ`, a compatibility form of the Greek `μ`.
    Uncommon {
        /// The character.
        letter: char,
        /// Why Unicode keeps it out, such as `Not_NFKC`.
        kind: Option<IdentifierType>,
    },
    /// A letter that no script shares with the letters before it.
    MixedScripts {
        /// The letter.
        letter: char,
        /// Its script, such as `Cyrillic`.
        script: String,
        /// The script of the letters before it, such as `Latin`.
        before: String,
    },
    /// Letters of one script that each look like a letter of another:
    /// the Cyrillic `сор` reads as the Latin `cop`.
    LookAlikes {
        /// The script, such as `Cyrillic`.
        script: String,
        /// Its letters in the name, each once, in order.
        letters: Vec<char>,
    },
}

/// The first problem of `field`, a field name in composed form (NFC), as
/// rustc compares identifiers.
///
/// rustc judges look-alike letters across the whole crate: a Cyrillic
/// letter that looks like no Latin one in any identifier clears all
/// Cyrillic ones. Which identifiers the user's crate has is not known
/// here, so each name is judged alone; a name that reads as another
/// misleads on its own, too.
#[must_use]
pub fn problem(field: &str) -> Option<Problem> {
    if field.is_ascii() {
        return None;
    }
    uncommon(field)
        .or_else(|| mixed_scripts(field))
        .or_else(|| look_alikes_only(field))
}

fn uncommon(field: &str) -> Option<Problem> {
    let letter = field.chars().find(|&letter| !letter.identifier_allowed())?;
    Some(Problem::Uncommon {
        letter,
        kind: letter.identifier_type(),
    })
}

/// The first letter that no script shares with the letters before it (by
/// Unicode's script extensions): digits and `_` go with any script, and
/// Japanese kana with kanji.
fn mixed_scripts(field: &str) -> Option<Problem> {
    let mut scripts = AugmentedScriptSet::default();
    for letter in field.chars() {
        let own = AugmentedScriptSet::for_char(letter);
        let mut shared = scripts;
        shared.intersect_with(own);
        if shared.is_empty() {
            return Some(Problem::MixedScripts {
                letter,
                script: own.to_string(),
                before: scripts.to_string(),
            });
        }
        scripts = shared;
    }
    None
}

/// A name in a script that Latin does not share, all of whose letters look
/// like letters of another script. Runs after [`mixed_scripts`]: the
/// letters share a script, so one letter that looks like no other clears
/// them all, as it does in rustc.
fn look_alikes_only(field: &str) -> Option<Problem> {
    let letters: Vec<char> = field
        .chars()
        .filter(|&letter| !letter.is_ascii() && !AugmentedScriptSet::for_char(letter).is_all())
        .collect();
    let foreign = letters.iter().copied().find(|&letter| !latin(letter))?;
    if !letters
        .iter()
        .all(|&letter| is_potential_mixed_script_confusable_char(letter))
    {
        return None;
    }
    let mut distinct: Vec<char> = Vec::new();
    for letter in letters {
        if !distinct.contains(&letter) {
            distinct.push(letter);
        }
    }
    Some(Problem::LookAlikes {
        script: AugmentedScriptSet::for_char(foreign).to_string(),
        letters: distinct,
    })
}

/// Whether Latin is among the scripts of `letter`.
fn latin(letter: char) -> bool {
    let mut scripts = AugmentedScriptSet::for_char(letter);
    scripts.intersect_with(AugmentedScriptSet::for_char('a'));
    !scripts.is_empty()
}

impl Problem {
    /// The error at the placeholder whose field has this problem.
    #[must_use]
    pub fn diagnostic(&self, placeholder: &Placeholder) -> Diagnostic {
        let Placeholder { name, field, span } = placeholder;
        let diagnostic = match self {
            Self::Uncommon { letter, kind } => Diagnostic::error(DiagnosticCode::UncommonCharacterPlaceholder, format!(
                "placeholder `{{{name}}}` becomes the field `{field}`, with `{letter}` ({}), a character Unicode keeps out of identifiers{}",
                code_point(*letter),
                kind.map(|kind| format!(" (`{kind:?}`)")).unwrap_or_default()
            ))
            .label("not a letter for names")
            .help(uncommon_help(*letter)),
            Self::MixedScripts {
                letter,
                script,
                before,
            } => Diagnostic::error(DiagnosticCode::MixedScriptPlaceholder, format!(
                "placeholder `{{{name}}}` mixes scripts: `{letter}` ({}) is {script}, the letters before it {before}",
                code_point(*letter)
            ))
            .label(format!("{before} and {script} letters in one name"))
            .help(
                "write the name in one script: a look-alike letter from another script \
                 makes a name that reads like another, and Rust warns about it in your crate",
            ),
            Self::LookAlikes { script, letters } => Diagnostic::error(DiagnosticCode::LookAlikePlaceholder, format!(
                "placeholder `{{{name}}}` becomes the field `{field}`, whose {script} letters all look like letters of another script: {}",
                letters
                    .iter()
                    .map(|&letter| format!("`{letter}` ({})", code_point(letter)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .label("reads like a name in another script")
            .help(look_alikes_help(name, script)),
        };
        diagnostic.at(span.clone())
    }
}

fn code_point(letter: char) -> String {
    format!("U+{:04X}", u32::from(letter))
}

/// How to write the character instead: its compatibility form (NFKC) when
/// that is a letter for names, as `μ` for `µ`.
fn uncommon_help(letter: char) -> String {
    let usual: String = letter.nfkc().collect();
    let why = format!(
        "Rust warns about `{letter}` where your crate names the field (`uncommon_codepoints`)"
    );
    if usual != letter.to_string()
        && usual
            .chars()
            .all(GeneralSecurityProfile::identifier_allowed)
    {
        format!("write `{usual}` instead, its usual form: {why}")
    } else {
        format!("write the name with letters in common use: {why}")
    }
}

/// The name as it reads, when that is ASCII: the Latin name that was
/// likely meant.
fn look_alikes_help(name: &str, script: &str) -> String {
    let rule = format!(
        "a {script} name needs a letter that looks like no letter of another script, \
         or Rust warns where your crate names the field (`mixed_script_confusables`)"
    );
    let read_as: String = name
        .chars()
        .map(|letter| {
            if letter.is_ascii() || latin(letter) {
                letter.to_string()
            } else {
                skeleton(&letter.to_string()).collect()
            }
        })
        .collect();
    if read_as.is_ascii() {
        format!("if you mean `{{{read_as}}}`, write it in Latin letters; {rule}")
    } else {
        format!("write the name in Latin letters; {rule}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_one_script_names_pass() {
        for field in [
            "invalid_value",
            "caf\u{e9}_2",
            "\u{438}\u{43c}\u{44f}",
            "\u{433}\u{43e}\u{440}\u{43e}\u{434}",
            "\u{304b}\u{30ab}\u{6f22}",
        ] {
            assert_eq!(problem(field), None, "{field}");
        }
    }

    #[test]
    fn a_cyrillic_name_of_latin_look_alikes_is_rejected() {
        assert_eq!(
            problem("\u{441}\u{43e}\u{440}_\u{441}"),
            Some(Problem::LookAlikes {
                script: "Cyrillic".into(),
                letters: vec!['\u{441}', '\u{43e}', '\u{440}'],
            })
        );
        assert_eq!(
            look_alikes_help("the \u{421}\u{41e}\u{420}", "Cyrillic"),
            "if you mean `{the COP}`, write it in Latin letters; a Cyrillic name needs a letter \
             that looks like no letter of another script, or Rust warns where your crate names the field \
             (`mixed_script_confusables`)"
        );
    }

    #[test]
    fn a_character_kept_out_of_identifiers_is_rejected() {
        assert_eq!(
            problem("\u{b5}_value"),
            Some(Problem::Uncommon {
                letter: '\u{b5}',
                kind: Some(IdentifierType::Not_NFKC),
            })
        );
        assert!(uncommon_help('\u{b5}').starts_with("write `\u{3bc}` instead"));
        assert!(matches!(problem("\u{1bf}"), Some(Problem::Uncommon { .. })));
        assert!(uncommon_help('\u{1bf}').starts_with("write the name with letters in common use"));
    }

    #[test]
    fn a_letter_of_another_script_after_latin_ones_is_mixed() {
        assert_eq!(
            problem("inv\u{430}lid_value"),
            Some(Problem::MixedScripts {
                letter: '\u{430}',
                script: "Cyrillic".into(),
                before: "Latin".into(),
            })
        );
    }
}
