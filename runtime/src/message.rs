//! Reading the values of a message's placeholders back out of the message,
//! for the generated `from_message`.

use std::borrow::Cow;

/// The text of each of the `N` holes of `message`, written from a template
/// whose literal pieces are `pieces`: the text before the first hole,
/// between each two holes, and after the last (`""` where there is none),
/// `N + 1` in all. `None` when the message does not follow the template.
///
/// Each hole takes the text up to the first match of the next piece, so a
/// value that contains that piece is cut short: the same ambiguity a
/// reader of the message has.
#[must_use]
pub fn holes<'m, const N: usize>(message: &'m str, pieces: &[&str]) -> Option<[&'m str; N]> {
    let (prefix, rest) = pieces.split_first()?;
    let (suffix, separators) = rest.split_last()?;
    let mut rest = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let mut separators = separators.iter();
    let mut found = [""; N];
    for hole in &mut found {
        // The last hole takes what is left.
        (*hole, rest) = match separators.next() {
            Some(separator) => rest.split_once(separator)?,
            None => (rest, ""),
        };
    }
    Some(found)
}

/// A hole's text as the value of a string field.
#[must_use]
pub fn owned(text: &str) -> Cow<'static, str> {
    Cow::Owned(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::holes;

    #[test]
    fn holes_are_cut_at_the_pieces_between_them() {
        let pieces = ["Version ", " conflicts with ", "."];
        assert_eq!(
            holes::<2>("Version 3 conflicts with 4.", &pieces),
            Some(["3", "4"])
        );
        assert_eq!(holes::<2>("Version 3 is fine.", &pieces), None);
        assert_eq!(holes::<2>("Versions 3 conflicts with 4.", &pieces), None);
    }

    #[test]
    fn empty_pieces_at_the_ends_take_the_whole_text() {
        assert_eq!(holes::<1>("anything", &["", ""]), Some(["anything"]));
        assert_eq!(holes::<2>("a, b", &["", ", ", ""]), Some(["a", "b"]));
    }

    #[test]
    fn prefix_and_suffix_must_not_overlap() {
        assert_eq!(holes::<1>("ab", &["ab", "b"]), None);
        assert_eq!(holes::<1>("abb", &["ab", "b"]), Some([""]));
    }
}
