//! An error of a table together with the error that caused it, and a
//! retry delay decided when it happens.

use core::fmt;
use core::time::Duration;
use std::sync::Arc;

use crate::{ApiError, Localize};

/// The cause of an error, shared: [`WithSource`] stays `Clone`.
type Cause = Arc<dyn core::error::Error + Send + Sync + 'static>;

/// An error of a table (a row, say `InternalServerError`) with the error
/// that caused it (an I/O or database error) as its
/// [`source()`](core::error::Error::source).
///
/// The row is what the client sees: the status, the code and the message
/// are the row's, so the cause's text is never sent nor serialized, and a
/// 5xx message stays the table's. The cause is for the logs: with the
/// feature `tracing`, the axum `ErrorLayer` and the actix-web
/// `ErrorMiddleware` log it once, with the correlation ID and the code.
///
/// A handler returns `Result<T, WithSource<Error>>`; `?` takes the table's
/// errors as they are ([`From`]), and any other error through
/// [`ResultExt::or_row`], which names the row it becomes:
///
/// ```
/// use error_table::{ResultExt as _, WithSource};
///
/// error_table::include_error_table!("doc/payments.md");
///
/// fn balance(account: &str) -> Result<u64, WithSource<Error>> {
///     if account.is_empty() {
///         return Err(Error::AuthTokenExpired.into());
///     }
///     let text = std::fs::read_to_string(format!("/no/such/ledger/{account}"))
///         .or_row(Error::InternalError)?;
///     Ok(text.len() as u64)
/// }
///
/// let error = balance("acct-1").unwrap_err();
/// assert_eq!(error.error(), &Error::InternalError);
/// assert_eq!(error.to_string(), "Something went wrong on our side.");
/// let cause = std::error::Error::source(&error).unwrap();
/// assert!(cause.downcast_ref::<std::io::Error>().is_some());
/// assert_eq!(balance("").unwrap_err().error(), &Error::AuthTokenExpired);
/// ```
///
/// The generated enum itself keeps no cause, so that its variants stay
/// plain data: `Clone`, `PartialEq`, matched by value.
///
/// A delay known only when the error happens (a rate limiter's) goes with
/// it the same way, for rows whose message has no `{retry after seconds}`:
///
/// ```
/// use std::time::Duration;
/// use error_table::{ApiError as _, WithSource};
///
/// error_table::include_error_table!("doc/payments.md");
///
/// let error = WithSource::from(Error::InternalError).with_retry_after(Duration::from_secs(30));
/// assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
/// ```
#[derive(Clone)]
pub struct WithSource<E> {
    error: E,
    source: Option<Cause>,
    retry_after: Option<Duration>,
}

impl<E> WithSource<E> {
    /// `error`, caused by `source`.
    pub fn new(error: E, source: impl Into<Box<dyn core::error::Error + Send + Sync>>) -> Self {
        Self {
            error,
            source: Some(Arc::from(source.into())),
            retry_after: None,
        }
    }

    /// The same error, telling the client to wait `delay` before it tries
    /// again (`Retry-After` on a 429 or 503 response), in place of the
    /// row's own delay.
    #[must_use]
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// The error of the table.
    #[must_use]
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The error of the table, without its cause.
    #[must_use]
    pub fn into_error(self) -> E {
        self.error
    }
}

/// A table's error without a cause, so that `?` takes it in a function
/// that returns `WithSource`.
impl<E: ApiError> From<E> for WithSource<E> {
    fn from(error: E) -> Self {
        Self {
            error,
            source: None,
            retry_after: None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for WithSource<E> {
    /// The row's message alone: the cause is never shown with it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<E: fmt::Debug> fmt::Debug for WithSource<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithSource")
            .field("error", &self.error)
            .field("source", &self.source)
            .field("retry_after", &self.retry_after)
            .finish()
    }
}

impl<E: fmt::Debug + fmt::Display> core::error::Error for WithSource<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn core::error::Error + 'static))
    }
}

impl<E: Localize> Localize for WithSource<E> {
    const LOCALES: &'static [&'static str] = E::LOCALES;

    fn fmt_localized(&self, f: &mut fmt::Formatter<'_>, locale: usize) -> fmt::Result {
        self.error.fmt_localized(f, locale)
    }
}

impl<E: ApiError> ApiError for WithSource<E> {
    type Code = E::Code;

    fn code(&self) -> E::Code {
        self.error.code()
    }

    fn visit_fields(&self, visit: &mut dyn FnMut(crate::FieldValues<'_>)) {
        self.error.visit_fields(visit);
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after.or_else(|| self.error.retry_after())
    }
}

/// `or_row` on any `Result`: its error becomes the cause of a row.
pub trait ResultExt<T> {
    /// The value, or `row` caused by the error; see [`WithSource`].
    ///
    /// # Errors
    ///
    /// `row` with the error as its source, when `self` is an error.
    fn or_row<E>(self, row: E) -> Result<T, WithSource<E>>;
}

impl<T, X: core::error::Error + Send + Sync + 'static> ResultExt<T> for Result<T, X> {
    fn or_row<E>(self, row: E) -> Result<T, WithSource<E>> {
        self.map_err(|cause| WithSource::new(row, cause))
    }
}
