//! Messages in other languages: choosing a locale and showing an error in
//! it.

use core::fmt;

/// Implemented by every generated error enum: its messages in each locale
/// of the table.
pub trait Localize: fmt::Display {
    /// The locales of the messages, the canonical one first.
    const LOCALES: &'static [&'static str];

    /// Writes the message in `LOCALES[locale]`, or the canonical message
    /// where that locale has no translation of this row.
    ///
    /// # Errors
    ///
    /// Only those of the formatter.
    fn fmt_localized(&self, locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The message in the best locale for `accept_language`: a language
    /// tag (`sv-SE`) or an `Accept-Language` header value
    /// (`sv;q=0.8, en;q=0.5`). Nothing is allocated.
    fn localized(&self, accept_language: &str) -> Localized<'_, Self>
    where
        Self: Sized,
    {
        Localized {
            error: self,
            locale: negotiate(accept_language, Self::LOCALES),
        }
    }
}

/// An error shown in a chosen locale; see [`Localize::localized`].
#[derive(Debug)]
pub struct Localized<'a, E> {
    error: &'a E,
    locale: usize,
}

// By hand: it holds a reference, so it copies whatever `E` is; the derives
// would ask for `E: Copy`, which no generated error enum is.
impl<E> Clone for Localized<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Localized<'_, E> {}

impl<E: Localize> Localized<'_, E> {
    /// The locale the message is shown in.
    #[must_use]
    pub fn locale(&self) -> &'static str {
        E::LOCALES.get(self.locale).copied().unwrap_or_default()
    }
}

impl<E: Localize> fmt::Display for Localized<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_localized(self.locale, f)
    }
}

/// The index in `available` of the best locale for `accept_language`, or
/// 0 (the canonical locale) when none fits.
///
/// `accept_language` is an `Accept-Language` value: language ranges with
/// optional q-weights. The range with the highest weight that fits a
/// locale wins; between equal weights, the earlier one. A range fits a
/// locale exactly (`sv-SE`), without its script (`zh-Hant-TW` fits
/// `zh-TW`), or by language alone (`sv` fits `sv-SE`), preferring the
/// closest fit. `*` and `q=0` ranges choose nothing.
///
/// ```
/// let available = ["en-US", "ko-KR", "zh-TW", "sv-SE"];
/// assert_eq!(error_table::negotiate("sv", &available), 3);
/// assert_eq!(error_table::negotiate("zh-Hant-TW", &available), 2);
/// assert_eq!(error_table::negotiate("fr;q=0.9, ko;q=0.5, sv;q=0.7", &available), 3);
/// assert_eq!(error_table::negotiate("de-DE", &available), 0);
/// ```
#[must_use]
pub fn negotiate(accept_language: &str, available: &[&str]) -> usize {
    let mut best: Option<(u16, usize)> = None;
    for range in accept_language.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        // A range whose weight is malformed is skipped, not trusted.
        let Some(weight) = parts.try_fold(1000, quality) else {
            continue;
        };
        if weight == 0 || tag == "*" || best.is_some_and(|(best_weight, _)| weight <= best_weight) {
            continue;
        }
        if let Some(index) = best_fit(tag, available) {
            best = Some((weight, index));
        }
    }
    best.map_or(0, |(_, index)| index)
}

/// The weight after reading `parameter`: a `q=0.8` parameter gives 800,
/// other parameters keep `weight`, and a malformed or out-of-range `q`
/// gives `None`.
fn quality(weight: u16, parameter: &str) -> Option<u16> {
    let Some((key, value)) = parameter.trim().split_once('=') else {
        return Some(weight);
    };
    if !key.trim().eq_ignore_ascii_case("q") {
        return Some(weight);
    }
    let value: f32 = value.trim().parse().ok()?;
    // Checked to lie in 0..=1 first, so the cast neither wraps nor loses.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// The available locale that fits `tag` best.
fn best_fit(tag: &str, available: &[&str]) -> Option<usize> {
    let wanted = Tag::parse(tag)?;
    available
        .iter()
        .enumerate()
        .filter_map(|(index, locale)| Some((wanted.fit(&Tag::parse(locale)?)?, index)))
        .max_by_key(|&(fit, index)| (fit, core::cmp::Reverse(index)))
        .map(|(_, index)| index)
}

/// The parts of a language tag that negotiation compares.
struct Tag<'a> {
    language: &'a str,
    script: Option<&'a str>,
    region: Option<&'a str>,
}

impl<'a> Tag<'a> {
    fn parse(tag: &'a str) -> Option<Self> {
        let mut subtags = tag.split(['-', '_']);
        let language = subtags.next().filter(|language| !language.is_empty())?;
        let mut parsed = Self {
            language,
            script: None,
            region: None,
        };
        for subtag in subtags {
            match subtag.len() {
                4 if parsed.script.is_none() && parsed.region.is_none() => {
                    parsed.script = Some(subtag);
                }
                2 | 3 if parsed.region.is_none() => parsed.region = Some(subtag),
                _ => {}
            }
        }
        Some(parsed)
    }

    /// How well `self`, a wanted range, fits `locale`: 3 exactly, 2 when
    /// only a script is left out on one side, 1 by language alone.
    fn fit(&self, locale: &Tag<'_>) -> Option<u8> {
        let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        };
        if !self.language.eq_ignore_ascii_case(locale.language) {
            return None;
        }
        let region = same(self.region, locale.region);
        let script = same(self.script, locale.script);
        let scripts_clash = matches!((self.script, locale.script), (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b));
        Some(match (region, script) {
            (true, true) => 3,
            (true, false) if !scripts_clash => 2,
            _ => 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use core::fmt;

    use super::{Localize, negotiate};

    const AVAILABLE: [&str; 5] = ["en-US", "ko-KR", "zh-TW", "sv-SE", "fr-FR"];

    #[test]
    fn an_exact_tag_wins_ignoring_case() {
        assert_eq!(negotiate("ko-KR", &AVAILABLE), 1);
        assert_eq!(negotiate("SV-se", &AVAILABLE), 3);
    }

    #[test]
    fn language_and_script_fall_back_to_a_region() {
        assert_eq!(negotiate("sv", &AVAILABLE), 3);
        assert_eq!(negotiate("sv-FI", &AVAILABLE), 3);
        assert_eq!(negotiate("zh-Hant-TW", &AVAILABLE), 2);
        assert_eq!(negotiate("en", &AVAILABLE), 0);
    }

    #[test]
    fn the_highest_weight_that_fits_wins() {
        assert_eq!(negotiate("de;q=1, fr;q=0.4, ko;q=0.6", &AVAILABLE), 1);
        assert_eq!(
            negotiate("fr;q=0.5, sv;q=0.5", &AVAILABLE),
            4,
            "the earlier of equal weights"
        );
        assert_eq!(
            negotiate("sv;q=0, fr;q=0.1", &AVAILABLE),
            4,
            "q=0 is refused"
        );
    }

    #[test]
    fn nothing_that_fits_gives_the_canonical_locale() {
        assert_eq!(negotiate("", &AVAILABLE), 0);
        assert_eq!(negotiate("*", &AVAILABLE), 0);
        assert_eq!(negotiate("de-DE, ja", &AVAILABLE), 0);
        assert_eq!(
            negotiate("sv;q=x, ko;q=2, fr;q=0.1", &AVAILABLE),
            4,
            "malformed and out-of-range weights skip their range"
        );
        assert_eq!(negotiate(",;;,-", &AVAILABLE), 0);
    }

    #[test]
    fn a_closer_fit_beats_a_language_match() {
        let available = ["en", "pt-PT", "pt-BR"];
        assert_eq!(negotiate("pt-BR", &available), 2);
        assert_eq!(negotiate("pt", &available), 1, "the first of equal fits");
    }

    /// An error that is not `Copy`, as no generated error enum is.
    struct Owned(String);

    impl fmt::Display for Owned {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl Localize for Owned {
        const LOCALES: &'static [&'static str] = &["en"];

        fn fmt_localized(&self, _locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(self, f)
        }
    }

    #[test]
    fn a_localized_error_copies_though_the_error_does_not() {
        let error = Owned("Gone.".to_owned());
        let localized = error.localized("en");
        let copy = localized;
        assert_eq!(format!("{localized} {copy}"), "Gone. Gone.");
    }
}
