//! RFC 9457 problem details: the body of an `application/problem+json`
//! error response, the table's second wire format.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_core::ser::{Serialize, SerializeStruct as _, Serializer};

use crate::Fields;

/// The bytes of a code that stay as they are in a problem type URI: RFC
/// 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An error as RFC 9457 problem details.
///
/// ```
/// use error_table::{Fields, Problem};
///
/// let fields: Fields = [("card", "4242")].into_iter().collect();
/// let problem = Problem::new("CARD_DECLINED", 402, "Card 4242 was declined.".into(), Some("req-7"))
///     .with_type_base(Some("https://api.example.com/errors/"))
///     .with_metadata(fields);
/// assert_eq!(
///     serde_json::to_string(&problem).unwrap(),
///     r#"{"type":"https://api.example.com/errors/CARD_DECLINED","title":"Payment Required","status":402,"detail":"Card 4242 was declined.","instance":"req-7","code":"CARD_DECLINED","metadata":{"card":"4242"}}"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Problem<'a> {
    /// `type`: a URI naming the kind of problem, `about:blank` by default.
    pub problem_type: Cow<'a, str>,
    /// `title`: the reason phrase of the status, the same for every
    /// occurrence; left out for a status without one.
    pub title: Option<Cow<'a, str>>,
    /// `status`: the HTTP status.
    pub status: u16,
    /// `detail`: the rendered message.
    pub detail: Cow<'a, str>,
    /// `instance`: the correlation ID of the request, when known.
    pub instance: Option<Cow<'a, str>>,
    /// `code`, an extension member: the error code.
    pub code: Cow<'a, str>,
    /// `metadata`, an extension member: the values of the error's fields.
    pub metadata: Fields<'a>,
}

impl<'a> Problem<'a> {
    /// The problem of `code`, with `status`, the rendered message as
    /// `detail` and the correlation ID as `instance`; its type is
    /// `about:blank` and it has no fields until set.
    #[must_use]
    pub fn new(code: &'a str, status: u16, detail: String, instance: Option<&'a str>) -> Self {
        Self {
            problem_type: Cow::Borrowed("about:blank"),
            title: crate::wire::reason_phrase(status).map(Cow::Borrowed),
            status,
            detail: Cow::Owned(detail),
            instance: instance.map(Cow::Borrowed),
            code: Cow::Borrowed(code),
            metadata: Fields::new(),
        }
    }

    /// The same problem whose `type` is `base` followed by the code,
    /// percent-encoded; `about:blank` when `base` is `None`.
    #[must_use]
    pub fn with_type_base(mut self, base: Option<&str>) -> Self {
        self.problem_type = match base {
            Some(base) => Cow::Owned(type_uri(base, &self.code)),
            None => Cow::Borrowed("about:blank"),
        };
        self
    }

    /// The same problem with these fields.
    #[must_use]
    pub fn with_metadata(mut self, metadata: Fields<'a>) -> Self {
        self.metadata = metadata;
        self
    }
}

/// `base` followed by `code`, percent-encoded where a URI needs it.
fn type_uri(base: &str, code: &str) -> String {
    format!("{base}{}", utf8_percent_encode(code, UNRESERVED))
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 5 + usize::from(self.title.is_some()) + usize::from(self.instance.is_some());
        let mut state = serializer.serialize_struct("Problem", len)?;
        state.serialize_field("type", &self.problem_type)?;
        if let Some(title) = &self.title {
            state.serialize_field("title", title)?;
        } else {
            state.skip_field("title")?;
        }
        state.serialize_field("status", &self.status)?;
        state.serialize_field("detail", &self.detail)?;
        if let Some(instance) = &self.instance {
            state.serialize_field("instance", instance)?;
        } else {
            state.skip_field("instance")?;
        }
        state.serialize_field("code", &self.code)?;
        state.serialize_field("metadata", &self.metadata)?;
        state.end()
    }
}

#[cfg(test)]
mod tests {
    use super::type_uri;

    #[test]
    fn codes_are_percent_encoded_in_the_type() {
        assert_eq!(
            type_uri("https://e.example/errors/", "auth.token_expired"),
            "https://e.example/errors/auth.token_expired"
        );
        assert_eq!(
            type_uri("urn:errors:", "a/b?c#d%é"),
            "urn:errors:a%2Fb%3Fc%23d%25%C3%A9"
        );
    }
}
