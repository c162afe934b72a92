//! Messages in other languages: a locale chosen once, and an error shown
//! in it.

use core::fmt;
use core::marker::PhantomData;

use crate::negotiation::negotiate;

/// Implemented by every generated error enum: its messages in each locale
/// of the table.
pub trait Localize: fmt::Display {
    /// The locales of the messages, the canonical one first.
    const LOCALES: &'static [&'static str];

    /// Writes the message in `LOCALES[locale]`, or the canonical message
    /// where that locale has no translation of this row.
    ///
    /// The formatter comes first, as in `Display::fmt`, so that a
    /// [`Localized`] passes it on in the register it came in: its check for
    /// the canonical locale is then a load, a branch and a jump.
    ///
    /// # Errors
    ///
    /// Only those of the formatter.
    fn fmt_localized(&self, f: &mut fmt::Formatter<'_>, locale: usize) -> fmt::Result;

    /// The message in the best locale for `accept_language`: a language
    /// tag (`sv-SE`) or an `Accept-Language` header value
    /// (`sv;q=0.8, en;q=0.5`), negotiated as [`negotiate`](crate::negotiate)
    /// says. Nothing is allocated.
    ///
    /// To show several messages in one locale, such as every error of a
    /// request, negotiate once with [`Locale::negotiate`] and use
    /// [`in_locale`](Self::in_locale).
    fn localized(&self, accept_language: &str) -> Localized<'_, Self>
    where
        Self: Sized,
    {
        self.in_locale(Locale::negotiate(accept_language))
    }

    /// The message in `locale`, already negotiated: it displays at the
    /// cost of the canonical `Display`.
    fn in_locale(&self, locale: Locale<Self>) -> Localized<'_, Self>
    where
        Self: Sized,
    {
        Localized {
            error: self,
            locale: locale.index,
        }
    }
}

/// A locale of the table `E` (one of `E::LOCALES`), negotiated once, for
/// instance from the `Accept-Language` header of a request, and then used
/// for every message shown in it.
///
/// ```
/// use error_table::{Locale, Localize as _};
///
/// error_table::include_error_table!("doc/payments.md", locales = "doc/payments.*.md");
///
/// let locale = Locale::<Error>::negotiate("de-AT, de;q=0.9, en;q=0.5");
/// assert_eq!(locale.as_str(), "de-DE");
/// let declined = Error::CardDeclined { card: "•••• 4242".into() };
/// assert_eq!(declined.in_locale(locale).to_string(), "Die Karte •••• 4242 wurde abgelehnt.");
/// assert!(Locale::<Error>::negotiate("ja").is_canonical());
/// ```
pub struct Locale<E> {
    index: usize,
    table: PhantomData<fn() -> E>,
}

impl<E: Localize> Locale<E> {
    /// The best of `E::LOCALES` for `accept_language`, as
    /// [`negotiate`](crate::negotiate) chooses it; the canonical locale
    /// when none fits.
    #[must_use]
    pub fn negotiate(accept_language: &str) -> Self {
        Self::at(negotiate(accept_language, E::LOCALES))
    }

    /// The canonical locale, the table's own.
    #[must_use]
    pub fn canonical() -> Self {
        Self::at(0)
    }

    /// The locale's tag, as written in its table (`de-DE`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        E::LOCALES.get(self.index).copied().unwrap_or_default()
    }

    /// Whether this is the canonical locale.
    #[must_use]
    pub fn is_canonical(self) -> bool {
        self.index == 0
    }

    pub(crate) fn at(index: usize) -> Self {
        Self {
            index,
            table: PhantomData,
        }
    }
}

// By hand: derived impls would ask `E` for the same traits.
impl<E> Clone for Locale<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Locale<E> {}

impl<E> PartialEq for Locale<E> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl<E> Eq for Locale<E> {}

impl<E: Localize> fmt::Debug for Locale<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Locale").field(&self.as_str()).finish()
    }
}

impl<E: Localize> fmt::Display for Locale<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
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
        // The canonical locale is the error's own `Display`, without the
        // detour through the match on the locale.
        if self.locale == 0 {
            fmt::Display::fmt(self.error, f)
        } else {
            self.error.fmt_localized(f, self.locale)
        }
    }
}

#[cfg(test)]
mod tests {
    use core::fmt;

    use super::Localize;

    /// An error that is not `Copy`, as no generated error enum is.
    struct Owned(String);

    impl fmt::Display for Owned {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl Localize for Owned {
        const LOCALES: &'static [&'static str] = &["en"];

        fn fmt_localized(&self, f: &mut fmt::Formatter<'_>, _locale: usize) -> fmt::Result {
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
