//! Choosing the locale of a message from an `Accept-Language` value.
//!
//! The weights and the order of the ranges are read here (RFC 9110,
//! section 12.5.4); whether a range fits a locale is decided by
//! [`fits`], which compares language tags with CLDR's likely subtags
//! (feature `cldr`, through `unic-langid`) or, without it, as RFC 4647's
//! basic filtering does.

/// The most language ranges of one `Accept-Language` value that are read:
/// 32. Browsers send a handful; the ranges after these are ignored, so that
/// a hostile header of thousands of ranges costs no more than 32.
pub const MAX_LANGUAGE_RANGES: usize = 32;

/// The index in `available` of the best locale for `accept_language`, or
/// 0 (the canonical locale) when none fits.
///
/// `accept_language` is an `Accept-Language` value: language ranges with
/// optional q-weights. The range with the highest weight that fits a
/// locale wins; between equal weights, the earlier one. `*`, `q=0` and
/// ranges with a malformed weight (not RFC 9110's `qvalue`: `0` or `1`
/// with at most three decimals) choose nothing, and only the first
/// [`MAX_LANGUAGE_RANGES`] ranges are read. Nothing is allocated.
///
/// With the feature `cldr`, a range fits a locale as CLDR's likely subtags
/// say: both are completed with their likely script and region (`zh-CN`
/// is `zh-Hans-CN`, `zh-TW` is `zh-Hant-TW`, `sr` is `sr-Cyrl-RS`), then
/// the locale equal to the range wins, else the first with the same
/// language and script: `sv-FI` gets `sv-SE`, `zh-Hant-HK` gets `zh-TW`,
/// but `zh-CN` never gets `zh-TW`, nor `sr-Latn` `sr-Cyrl`. A range that
/// is not a well-formed language tag (`zh-cmn-Hans`, whose 3-letter
/// extended language subtag is not a region) fits nothing.
///
/// Without it, a range fits the locales it is a prefix of, subtag by
/// subtag (RFC 4647, basic filtering): `sv` gets `sv-SE`, `zh-Hant` gets
/// `zh-Hant-TW`, `zh-CN` gets only `zh-CN`.
///
/// ```
/// let available = ["en-US", "ko-KR", "zh-TW", "sv-SE"];
/// assert_eq!(error_table::negotiate("sv", &available), 3);
/// assert_eq!(error_table::negotiate("fr;q=0.9, ko;q=0.5, sv;q=0.7", &available), 3);
/// assert_eq!(error_table::negotiate("zh-CN", &available), 0);
/// assert_eq!(error_table::negotiate("de-DE", &available), 0);
/// ```
#[must_use]
pub fn negotiate(accept_language: &str, available: &[&str]) -> usize {
    // Read as bytes: the separators are ASCII, and a `char` search costs
    // more than the rest of a short header's negotiation.
    let header = accept_language.as_bytes();
    let mut best: Option<(u16, usize)> = None;
    for range in header.split(|&byte| byte == b',').take(MAX_LANGUAGE_RANGES) {
        let mut parts = range.split(|&byte| byte == b';');
        let tag = parts.next().unwrap_or_default().trim_ascii();
        // A range whose weight is malformed is skipped, not trusted.
        let Some(weight) = parts.try_fold(MAX_WEIGHT, quality) else {
            continue;
        };
        if weight == 0 || tag == b"*" || best.is_some_and(|(best_weight, _)| weight <= best_weight)
        {
            continue;
        }
        if let Some(index) = fits(tag, available) {
            if weight == MAX_WEIGHT {
                // No later range can weigh more, and an equal weight loses.
                return index;
            }
            best = Some((weight, index));
        }
    }
    best.map_or(0, |(_, index)| index)
}

/// The weight of a range without `q`, or with `q=1`, in thousandths.
const MAX_WEIGHT: u16 = 1000;

/// The weight after reading `parameter`: a `q=0.8` parameter gives 800,
/// other parameters keep `weight`, and a malformed `q` gives `None`.
fn quality(weight: u16, parameter: &[u8]) -> Option<u16> {
    let Some((key, value)) = split_once(parameter.trim_ascii(), b'=') else {
        return Some(weight);
    };
    if !key.trim_ascii().eq_ignore_ascii_case(b"q") {
        return Some(weight);
    }
    qvalue(value.trim_ascii())
}

/// A weight as RFC 9110 writes it (`0`, `0.8`, `0.125`, `1`, `1.000`), in
/// thousandths; `None` for anything else (`.5`, `0.1234`, `2`, `1.5`).
fn qvalue(text: &[u8]) -> Option<u16> {
    let (whole, fraction) = split_once(text, b'.').unwrap_or((text, b""));
    if fraction.len() > 3 || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let thousandths = fraction
        .iter()
        .chain(core::iter::repeat(&b'0'))
        .take(3)
        .fold(0, |value, digit| value * 10 + u16::from(digit - b'0'));
    match whole {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(MAX_WEIGHT),
        _ => None,
    }
}

/// `bytes` before and after the first `separator`.
fn split_once(bytes: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|&byte| byte == separator)?;
    Some((bytes.get(..at)?, bytes.get(at + 1..)?))
}

/// The available locale that the language range `range` fits best, by
/// CLDR's likely subtags: an exact match, else the one equal to the range
/// once both have their likely subtags added, else the first with the same
/// language and script.
#[cfg(feature = "cldr")]
fn fits(range: &[u8], available: &[&str]) -> Option<usize> {
    use unic_langid::LanguageIdentifier;

    // Text comparisons first: they find the common cases without parsing.
    if let Some(index) = available
        .iter()
        .position(|locale| begins_with_subtags(locale.as_bytes(), range, true))
    {
        return Some(index);
    }
    let language = range.split(|&byte| is_separator(byte)).next()?;
    let parse = |tag: &[u8]| LanguageIdentifier::from_bytes(tag).ok();
    let maximized = |mut tag: LanguageIdentifier| {
        tag.maximize();
        tag
    };
    let wanted = maximized(parse(range).filter(|wanted| !wanted.language.is_empty())?);
    let mut same_script = None;
    // Likely subtags keep the language, so only the locales of the range's
    // language are worth completing (the costly part).
    for (index, locale) in available.iter().enumerate() {
        if !begins_with_subtags(locale.as_bytes(), language, false) {
            continue;
        }
        let Some(locale) = parse(locale.as_bytes()).map(maximized) else {
            continue;
        };
        if locale.language != wanted.language || locale.script != wanted.script {
            continue;
        }
        if locale.region == wanted.region {
            return Some(index);
        }
        same_script = same_script.or(Some(index));
    }
    same_script
}

/// The first available locale that the language range `range` is a prefix
/// of, subtag by subtag and ignoring case (RFC 4647, basic filtering).
#[cfg(not(feature = "cldr"))]
fn fits(range: &[u8], available: &[&str]) -> Option<usize> {
    available
        .iter()
        .position(|locale| begins_with_subtags(locale.as_bytes(), range, false))
}

/// Whether `tag` begins with the whole subtags of `range` (is all of it,
/// when `whole`), ignoring case and taking `_` for `-`.
fn begins_with_subtags(tag: &[u8], range: &[u8], whole: bool) -> bool {
    let Some((head, rest)) = tag.split_at_checked(range.len()) else {
        return false;
    };
    let same = |a: &u8, b: &u8| a.eq_ignore_ascii_case(b) || (is_separator(*a) && is_separator(*b));
    !range.is_empty()
        && head.iter().zip(range).all(|(a, b)| same(a, b))
        && match rest.first() {
            None => true,
            Some(&byte) => !whole && is_separator(byte),
        }
}

fn is_separator(byte: u8) -> bool {
    matches!(byte, b'-' | b'_')
}

#[cfg(test)]
mod tests {
    use super::{MAX_LANGUAGE_RANGES, negotiate};

    const AVAILABLE: [&str; 5] = ["en-US", "ko-KR", "zh-TW", "sv-SE", "fr-FR"];

    #[test]
    fn an_exact_tag_wins_ignoring_case() {
        assert_eq!(negotiate("ko-KR", &AVAILABLE), 1);
        assert_eq!(negotiate("SV-se", &AVAILABLE), 3);
        assert_eq!(negotiate("sv_SE", &AVAILABLE), 3);
    }

    #[test]
    fn a_language_alone_gets_a_locale_of_that_language() {
        assert_eq!(negotiate("sv", &AVAILABLE), 3);
        assert_eq!(negotiate("ko", &AVAILABLE), 1);
        assert_eq!(negotiate("en", &AVAILABLE), 0);
    }

    #[test]
    fn simplified_chinese_is_never_served_the_traditional_table() {
        for range in ["zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG"] {
            assert_eq!(negotiate(range, &AVAILABLE), 0, "{range}");
        }
        let with_simplified = ["en-US", "zh-TW", "zh-CN"];
        assert_eq!(negotiate("zh-CN", &with_simplified), 2);
        assert_eq!(negotiate("zh-TW", &with_simplified), 1);
    }

    #[test]
    fn latin_serbian_is_never_served_the_cyrillic_table() {
        let available = ["en", "sr-Cyrl"];
        assert_eq!(negotiate("sr-Latn", &available), 0);
        assert_eq!(negotiate("sr-Latn-RS", &available), 0);
        let both = ["en", "sr-Cyrl", "sr-Latn"];
        assert_eq!(negotiate("sr-Latn", &both), 2);
    }

    #[test]
    fn a_three_letter_subtag_is_not_a_region() {
        // `cmn` is an extended language subtag; read as a region, the old
        // negotiation gave `zh-TW` by language.
        assert_eq!(negotiate("zh-cmn-Hans-CN", &AVAILABLE), 0);
        assert_eq!(negotiate("sv-abc", &AVAILABLE), 0);
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
        assert_eq!(negotiate("ko;q=0.3, zh-CN, sv;q=0.2", &AVAILABLE), 1);
        assert_eq!(
            negotiate("fr;q=0.125, sv;q=0.12", &AVAILABLE),
            4,
            "thousandths"
        );
        assert_eq!(negotiate("fr;q=0.5, sv;q=1.000", &AVAILABLE), 3);
        assert_eq!(
            negotiate("ko, sv, fr;q=1", &AVAILABLE),
            1,
            "the first of the full weight"
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
        for weight in [
            "q=.5", "q=0.1234", "q=1.5", "q=01", "q=0.5e1", "q=-0", "q=", "q=0.x",
        ] {
            let header = format!("sv;{weight}, fr;q=0.1");
            assert_eq!(negotiate(&header, &AVAILABLE), 4, "{header}");
        }
        assert_eq!(negotiate("und, x-klingon, 12", &AVAILABLE), 0);
    }

    #[test]
    fn only_the_first_ranges_are_read() {
        let mut header = "de, ".repeat(MAX_LANGUAGE_RANGES - 1);
        header.push_str("fr;q=0.1, sv");
        assert_eq!(negotiate(&header, &AVAILABLE), 4, "`sv` is past the limit");
    }

    #[cfg(feature = "cldr")]
    #[test]
    fn likely_subtags_match_scripts_and_regions() {
        assert_eq!(negotiate("zh-Hant-TW", &AVAILABLE), 2);
        assert_eq!(negotiate("zh-Hant", &AVAILABLE), 2);
        assert_eq!(negotiate("zh-HK", &AVAILABLE), 2, "Hong Kong writes Hant");
        assert_eq!(negotiate("sv-FI", &AVAILABLE), 3);
        assert_eq!(negotiate("en-GB", &AVAILABLE), 0);
        assert_eq!(negotiate("zh", &AVAILABLE), 0, "`zh` is `zh-Hans-CN`");
        let portuguese = ["en", "pt-PT", "pt-BR"];
        assert_eq!(negotiate("pt", &portuguese), 2, "`pt` is `pt-Latn-BR`");
        assert_eq!(
            negotiate("pt-AO", &portuguese),
            1,
            "the first of its script"
        );
        assert_eq!(negotiate("es-419", &["en", "es-ES"]), 1, "a numeric region");
        assert_eq!(negotiate("sr-Cyrl-RS", &["en", "sr-Cyrl"]), 1);
    }

    #[cfg(not(feature = "cldr"))]
    #[test]
    fn without_likely_subtags_a_range_is_a_prefix() {
        assert_eq!(negotiate("zh-Hant", &["en", "zh-Hant-TW"]), 1);
        assert_eq!(negotiate("zh", &AVAILABLE), 2, "`zh` is any Chinese");
        assert_eq!(negotiate("zh-Hant-TW", &AVAILABLE), 0);
        assert_eq!(negotiate("sv-FI", &AVAILABLE), 0);
        assert_eq!(negotiate("s", &AVAILABLE), 0, "a prefix of whole subtags");
        let portuguese = ["en", "pt-PT", "pt-BR"];
        assert_eq!(negotiate("pt", &portuguese), 1, "the first of equal fits");
    }
}
