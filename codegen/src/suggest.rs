//! "Did you mean" suggestions.

/// The candidate closest to `word` by edit distance, when close enough to
/// be a likely typo: at most a third of the longer word differs.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::levenshtein(&word_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, candidate)| {
            distance > 0 && distance * 3 <= word.chars().count().max(candidate.chars().count())
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// `"; did you mean `x`?"` for the closest candidate, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |near| format!("; did you mean `{near}`?"))
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_typo_finds_its_word() {
        assert_eq!(closest("eror", ["error", "code"]), Some("error"));
        assert_eq!(
            closest("Eror codes", ["Errors", "Error codes"]),
            Some("Error codes")
        );
    }

    #[test]
    fn an_unrelated_word_finds_nothing() {
        assert_eq!(closest("colour", ["error", "code", "vis"]), None);
    }
}
