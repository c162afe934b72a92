//! The JSON error envelope: `{"error":{"code","message","target"}}`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The JSON body of an error response.
///
/// ```
/// let envelope = error_table::Envelope::new("NotFound", "Gone.".into(), Some("43f4cb08"));
/// assert_eq!(
///     serde_json::to_string(&envelope).unwrap(),
///     r#"{"error":{"code":"NotFound","message":"Gone.","target":"43f4cb08"}}"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Envelope<'a> {
    /// The error.
    #[serde(borrow)]
    pub error: ErrorBody<'a>,
}

/// The `error` object of an [`Envelope`].
///
/// Strings borrow from the input when deserialized from a buffer that
/// holds them unescaped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ErrorBody<'a> {
    /// The error code.
    #[serde(borrow)]
    pub code: Cow<'a, str>,
    /// The rendered message.
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    /// The correlation ID of the request, for tracing; left out of the JSON
    /// when absent.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Cow<'a, str>>,
}

impl<'a> Envelope<'a> {
    /// An envelope for `code` with a rendered `message`.
    #[must_use]
    pub fn new(code: &'a str, message: String, target: Option<&'a str>) -> Self {
        Self {
            error: ErrorBody {
                code: Cow::Borrowed(code),
                message: Cow::Owned(message),
                target: target.map(Cow::Borrowed),
            },
        }
    }
}
