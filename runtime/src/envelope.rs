//! The JSON error envelope: `{"error":{"code","message","target","metadata"}}`.
//!
//! `Serialize` and `Deserialize` are written by hand, so that depending on
//! this crate does not compile `serde_derive`; they do exactly what
//! `#[derive]` does (`tests/envelope_serde.rs` compares them with it): the
//! same struct and member names, members other than these ignored, a
//! member given twice refused, a missing `target` or `metadata` read as
//! `None` and left out when `None`, the array form
//! `[code, message, target, metadata]` accepted, and `code` and `message`
//! borrowed from the input when they can be.

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;

use serde_core::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_core::ser::{SerializeStruct as _, Serializer};
use serde_core::{Deserialize, Serialize};

use crate::Fields;

/// The JSON body of an error response.
///
/// ```
/// let envelope = error_table::Envelope::new("NotFound", "Gone.".into(), Some("43f4cb08"));
/// assert_eq!(
///     serde_json::to_string(&envelope).unwrap(),
///     r#"{"error":{"code":"NotFound","message":"Gone.","target":"43f4cb08"}}"#,
/// );
/// ```
///
/// Members may be added (such as `details`), so it is built with
/// [`Envelope::new`] or from an [`ErrorBody`], not as a struct literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Envelope<'a> {
    /// The error.
    pub error: ErrorBody<'a>,
}

/// The `error` object of an [`Envelope`].
///
/// `code` and `message` borrow from the input when deserialized from a
/// buffer that holds them unescaped. Members may be added, so it is built
/// with [`ErrorBody::new`]:
///
/// ```
/// use error_table::{Envelope, ErrorBody};
///
/// let body = ErrorBody::new("NotFound", format!("{} is gone.", "Order 7")).with_target("req-1");
/// assert_eq!(body.target.as_deref(), Some("req-1"));
/// assert_eq!(
///     Envelope::from(body),
///     Envelope::new("NotFound", "Order 7 is gone.".to_owned(), Some("req-1")),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorBody<'a> {
    /// The error code.
    pub code: Cow<'a, str>,
    /// The rendered message.
    pub message: Cow<'a, str>,
    /// The correlation ID of the request, for tracing; left out of the JSON
    /// when absent.
    pub target: Option<Cow<'a, str>>,
    /// The values of the error's fields, so that clients need not read them
    /// out of the message; left out of the JSON when absent, as in the
    /// spec's three-member envelope.
    pub metadata: Option<Fields<'a>>,
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
                metadata: None,
            },
        }
    }
}

impl<'a> ErrorBody<'a> {
    /// The `error` object of `code` with a rendered `message`, without a
    /// correlation ID.
    #[must_use]
    pub fn new(code: impl Into<Cow<'a, str>>, message: impl Into<Cow<'a, str>>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            target: None,
            metadata: None,
        }
    }

    /// The same object with `target` as the correlation ID.
    #[must_use]
    pub fn with_target(self, target: impl Into<Cow<'a, str>>) -> Self {
        Self {
            target: Some(target.into()),
            ..self
        }
    }

    /// The same object with the error's fields in `metadata`.
    ///
    /// ```
    /// use error_table::{Envelope, ErrorBody};
    ///
    /// let body = ErrorBody::new("CARD_DECLINED", "Card 4242 was declined.")
    ///     .with_metadata([("card", "4242")].into_iter().collect());
    /// assert_eq!(
    ///     serde_json::to_string(&Envelope::from(body)).unwrap(),
    ///     r#"{"error":{"code":"CARD_DECLINED","message":"Card 4242 was declined.","metadata":{"card":"4242"}}}"#,
    /// );
    /// ```
    #[must_use]
    pub fn with_metadata(self, metadata: Fields<'a>) -> Self {
        Self {
            metadata: Some(metadata),
            ..self
        }
    }
}

impl<'a> From<ErrorBody<'a>> for Envelope<'a> {
    fn from(error: ErrorBody<'a>) -> Self {
        Self { error }
    }
}

/// The members of an [`Envelope`], in order.
pub(crate) const ENVELOPE_FIELDS: &[&str] = &["error"];

/// The members of an [`ErrorBody`], in order.
pub(crate) const BODY_FIELDS: &[&str] = &["code", "message", "target", "metadata"];

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Envelope", 1)?;
        state.serialize_field("error", &self.error)?;
        state.end()
    }
}

impl Serialize for ErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 2 + usize::from(self.target.is_some()) + usize::from(self.metadata.is_some());
        let mut state = serializer.serialize_struct("ErrorBody", len)?;
        state.serialize_field("code", &self.code)?;
        state.serialize_field("message", &self.message)?;
        // The `Option` itself, not what is in it: formats that tag `Some`
        // (bincode, postcard) write the tag, as with the derive.
        if self.target.is_some() {
            state.serialize_field("target", &self.target)?;
        } else {
            state.skip_field("target")?;
        }
        if self.metadata.is_some() {
            state.serialize_field("metadata", &self.metadata)?;
        } else {
            state.skip_field("metadata")?;
        }
        state.end()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Envelope<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Envelope", ENVELOPE_FIELDS, EnvelopeVisitor(PhantomData))
    }
}

struct EnvelopeVisitor<'a>(PhantomData<Envelope<'a>>);

impl<'de: 'a, 'a> Visitor<'de> for EnvelopeVisitor<'a> {
    type Value = Envelope<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Envelope")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Envelope<'a>, A::Error> {
        let error = seq
            .next_element()?
            .ok_or_else(|| A::Error::invalid_length(0, &"struct Envelope with 1 element"))?;
        Ok(Envelope { error })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Envelope<'a>, A::Error> {
        Ok(Envelope {
            error: envelope_members(map)?,
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorBody<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("ErrorBody", BODY_FIELDS, BodyVisitor(PhantomData))
    }
}

struct BodyVisitor<'a>(PhantomData<ErrorBody<'a>>);

impl<'de: 'a, 'a> Visitor<'de> for BodyVisitor<'a> {
    type Value = ErrorBody<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct ErrorBody")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorBody<'a>, A::Error> {
        let expected = &"struct ErrorBody with 4 elements";
        let code = seq
            .next_element::<CowStr<'a>>()?
            .ok_or_else(|| A::Error::invalid_length(0, expected))?;
        let message = seq
            .next_element::<CowStr<'a>>()?
            .ok_or_else(|| A::Error::invalid_length(1, expected))?;
        // `target` and `metadata` may be left out, as they may be missing
        // from the object.
        let target = seq.next_element::<Option<Cow<'a, str>>>()?.flatten();
        let metadata = seq.next_element::<Option<Fields<'a>>>()?.flatten();
        Ok(ErrorBody {
            code: code.0,
            message: message.0,
            target,
            metadata,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ErrorBody<'a>, A::Error> {
        // `target` through serde's own `Cow` impl, which copies the string:
        // the derive borrows only a field whose type is `Cow<str>` itself.
        let members = body_members::<A, CowStr<'a>, Cow<'a, str>>(map)?;
        Ok(ErrorBody {
            code: members.code.0,
            message: members.message.0,
            target: members.target,
            metadata: members.metadata,
        })
    }
}

/// The `error` member of an envelope object, read as `B`; other members
/// ignored, a member given twice refused.
pub(crate) fn envelope_members<'de, A: MapAccess<'de>, B: Deserialize<'de>>(
    mut map: A,
) -> Result<B, A::Error> {
    let mut error = None;
    while let Some(field) = map.next_key_seed(FieldName(ENVELOPE_FIELDS))? {
        match field {
            Some(name @ "error") => fill(&mut map, &mut error, name)?,
            _ => skip(&mut map)?,
        }
    }
    error.ok_or_else(|| A::Error::missing_field("error"))
}

/// The members of an error object as [`body_members`] reads them.
pub(crate) struct BodyMembers<S, T> {
    pub(crate) code: S,
    pub(crate) message: S,
    pub(crate) target: Option<T>,
    pub(crate) metadata: Option<Fields<'static>>,
}

/// The `code`, `message`, `target` and `metadata` members of an error
/// object, the strings read as `S` and the target as `T`; a missing or
/// null `target` or `metadata` is `None`, other members are ignored, a
/// member given twice refused.
pub(crate) fn body_members<'de, A: MapAccess<'de>, S: Deserialize<'de>, T: Deserialize<'de>>(
    mut map: A,
) -> Result<BodyMembers<S, T>, A::Error> {
    let (mut code, mut message) = (None, None);
    let mut target: Option<Option<T>> = None;
    let mut metadata: Option<Option<Fields<'static>>> = None;
    while let Some(field) = map.next_key_seed(FieldName(BODY_FIELDS))? {
        match field {
            Some(name @ "code") => fill(&mut map, &mut code, name)?,
            Some(name @ "message") => fill(&mut map, &mut message, name)?,
            Some(name @ "target") => fill(&mut map, &mut target, name)?,
            Some(name @ "metadata") => fill(&mut map, &mut metadata, name)?,
            _ => skip(&mut map)?,
        }
    }
    Ok(BodyMembers {
        code: code.ok_or_else(|| A::Error::missing_field("code"))?,
        message: message.ok_or_else(|| A::Error::missing_field("message"))?,
        target: target.flatten(),
        metadata: metadata.flatten(),
    })
}

/// The name of a member of one of our structs, read without allocating:
/// the matching entry of the struct's list of members, or `None` for a
/// member to ignore. It takes what serde's derived field identifiers take:
/// a string, bytes, or the member's index as a number.
#[derive(Clone, Copy)]
pub(crate) struct FieldName(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldName {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldName {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: serde_core::de::Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(index)
            .ok()
            .and_then(|index| self.0.get(index))
            .copied())
    }

    fn visit_str<E: serde_core::de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|field| *field == name))
    }

    fn visit_bytes<E: serde_core::de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self
            .0
            .iter()
            .copied()
            .find(|field| field.as_bytes() == name))
    }
}

/// Reads the value of member `name` into `slot`. A member given twice is
/// refused before its second value is read, as the derive does.
pub(crate) fn fill<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads and drops the value of a member that is ignored.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A string that borrows from the input when the input lends it, as
/// `#[serde(borrow)]` on a `Cow<str>` field does (serde's own `Cow` impl
/// always copies).
struct CowStr<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for CowStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CowStrVisitor).map(CowStr)
    }
}

struct CowStrVisitor;

impl<'a> Visitor<'a> for CowStrVisitor {
    type Value = Cow<'a, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde_core::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_borrowed_str<E: serde_core::de::Error>(self, text: &'a str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_string<E: serde_core::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }

    fn visit_bytes<E: serde_core::de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
        core::str::from_utf8(bytes)
            .map(|text| Cow::Owned(text.to_owned()))
            .map_err(|_| E::invalid_value(serde_core::de::Unexpected::Bytes(bytes), &self))
    }

    fn visit_borrowed_bytes<E: serde_core::de::Error>(
        self,
        bytes: &'a [u8],
    ) -> Result<Self::Value, E> {
        core::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|_| E::invalid_value(serde_core::de::Unexpected::Bytes(bytes), &self))
    }

    fn visit_byte_buf<E: serde_core::de::Error>(self, bytes: Vec<u8>) -> Result<Self::Value, E> {
        String::from_utf8(bytes).map(Cow::Owned).map_err(|error| {
            E::invalid_value(serde_core::de::Unexpected::Bytes(error.as_bytes()), &self)
        })
    }
}
