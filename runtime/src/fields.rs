//! The values of an error's fields as data: what the wire carries in its
//! `metadata` member, so that a client never has to read them back out of
//! the message.

use core::fmt;
use std::borrow::Cow;

use serde_core::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_core::ser::{Serialize, SerializeMap as _, Serializer};

/// The values of an error's placeholder fields by field name, in the
/// row's order: `{"invalid_hash":"0xZZ"}` on the wire.
///
/// Names are the fields of the generated variant (the `snake_case` names
/// that the lockfile pins), values are what the message shows for them
/// (`Display`), read back with `FromStr` for fields of other types than
/// text. Serialized as a JSON object of strings; reading one refuses
/// values that are not strings and, as serde's maps do, keeps the last
/// value of a name given twice.
///
/// ```
/// use error_table::Fields;
///
/// let fields: Fields = [("received", "1200"), ("allowed", "500")].into_iter().collect();
/// assert_eq!(fields.get("allowed"), Some("500"));
/// assert_eq!(serde_json::to_string(&fields).unwrap(), r#"{"received":"1200","allowed":"500"}"#);
///
/// // Equal when they hold the same values by name, in whichever order: a
/// // newer revision of the page may move a placeholder.
/// let moved: Fields = [("allowed", "500"), ("received", "1200")].into_iter().collect();
/// assert_eq!(fields, moved);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Fields<'a> {
    entries: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> Fields<'a> {
    /// No fields.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Sets the value of `name`, in place when it has one already, else
    /// after the others.
    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) {
        let (name, value) = (name.into(), value.into());
        match self.entries.iter_mut().find(|(known, _)| *known == name) {
            Some((_, slot)) => *slot = value,
            None => self.entries.push((name, value)),
        }
    }

    /// The value of `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.as_ref())
    }

    /// Every name and value, in order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_ref()))
    }

    /// How many fields there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The same fields, owning their text.
    #[must_use]
    pub fn into_owned(self) -> Fields<'static> {
        Fields {
            entries: self
                .entries
                .into_iter()
                .map(|(name, value)| {
                    (
                        Cow::Owned(name.into_owned()),
                        Cow::Owned(value.into_owned()),
                    )
                })
                .collect(),
        }
    }
}

impl PartialEq for Fields<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(name, value)| other.get(name) == Some(value))
    }
}

impl Eq for Fields<'_> {}

impl core::hash::Hash for Fields<'_> {
    /// By name, so that fields equal in another order hash alike.
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        let mut entries: Vec<(&str, &str)> = self.iter().collect();
        entries.sort_unstable();
        entries.hash(state);
    }
}

impl<'a, N: Into<Cow<'a, str>>, V: Into<Cow<'a, str>>> FromIterator<(N, V)> for Fields<'a> {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(entries: I) -> Self {
        let mut fields = Self::new();
        for (name, value) in entries {
            fields.insert(name, value);
        }
        fields
    }
}

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, value) in &self.entries {
            map.serialize_entry(name.as_ref(), value.as_ref())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Fields<'_> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As serde's own maps say it, so that `ErrorBody` reads as a
        // derived struct with a map would.
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Fields::new();
        while let Some(name) = map.next_key::<String>()? {
            let value: String = map.next_value()?;
            fields.insert(name, value);
        }
        Ok(fields)
    }
}

/// Why a received error's fields do not make its typed error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    code: &'static str,
    field: &'static str,
    problem: FieldProblem,
}

/// What is wrong with a field; see [`FieldError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// The fields hold no value for it.
    Missing,
    /// Its value does not parse as the field's type.
    Invalid {
        /// The value as received.
        value: String,
        /// The field's type, as `core::any::type_name` writes it.
        ty: &'static str,
    },
}

impl FieldError {
    /// The code of the row whose field it is.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The field.
    #[must_use]
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What is wrong with it.
    #[must_use]
    pub fn problem(&self) -> &FieldProblem {
        &self.problem
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { code, field, .. } = self;
        match &self.problem {
            FieldProblem::Missing => write!(f, "the field `{field}` of `{code}` is missing"),
            FieldProblem::Invalid { value, ty } => write!(
                f,
                "the field `{field}` of `{code}` is {value:?}, which does not parse as `{ty}`"
            ),
        }
    }
}

impl core::error::Error for FieldError {}

/// The fields of an error as [`ApiError::visit_fields`](crate::ApiError::visit_fields)
/// gives them: each field's name with its value, which `Display` writes as
/// the message shows it.
pub type FieldValues<'a> = &'a [(&'static str, &'a dyn fmt::Display)];

/// The fields of `values`, each value as `Display` writes it, for
/// `ApiError::fields`.
#[must_use]
pub(crate) fn collect(values: FieldValues<'_>) -> Fields<'static> {
    Fields {
        entries: values
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), Cow::Owned(value.to_string())))
            .collect(),
    }
}

/// The text of field `field` of a row with code `code`, for the generated
/// `from_fields`.
///
/// # Errors
///
/// When `fields` holds no value for it.
#[doc(hidden)]
pub fn text(
    fields: &Fields<'_>,
    code: &'static str,
    field: &'static str,
) -> Result<Cow<'static, str>, FieldError> {
    fields
        .get(field)
        .map(|value| Cow::Owned(value.to_owned()))
        .ok_or(FieldError {
            code,
            field,
            problem: FieldProblem::Missing,
        })
}

/// The value of field `field` of a row with code `code`, parsed as `T`,
/// for the generated `from_fields`.
///
/// # Errors
///
/// When `fields` holds no value for it, or one that does not parse.
#[doc(hidden)]
pub fn parse<T: core::str::FromStr>(
    fields: &Fields<'_>,
    code: &'static str,
    field: &'static str,
) -> Result<T, FieldError> {
    let value = fields.get(field).ok_or(FieldError {
        code,
        field,
        problem: FieldProblem::Missing,
    })?;
    value.parse().map_err(|_| FieldError {
        code,
        field,
        problem: FieldProblem::Invalid {
            value: value.to_owned(),
            ty: core::any::type_name::<T>(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::{FieldProblem, Fields, collect, parse, text};

    #[test]
    fn a_name_set_twice_keeps_its_place_and_the_last_value() {
        let mut fields = Fields::new();
        fields.insert("a", "1");
        fields.insert("b", "2");
        fields.insert("a", "3");
        assert_eq!(fields.iter().collect::<Vec<_>>(), [("a", "3"), ("b", "2")]);
    }

    #[test]
    fn values_are_what_display_writes() {
        let fields = collect(&[("count", &12_u32), ("name", &"x y")]);
        assert_eq!(
            fields.iter().collect::<Vec<_>>(),
            [("count", "12"), ("name", "x y")]
        );
    }

    #[test]
    fn a_missing_or_unparsable_field_is_named() {
        let fields: Fields = [("count", "many")].into_iter().collect();
        let error = parse::<u32>(&fields, "TOO_MANY", "count").unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"the field `count` of `TOO_MANY` is "many", which does not parse as `u32`"#
        );
        assert!(matches!(error.problem(), FieldProblem::Invalid { .. }));
        let error = text(&fields, "TOO_MANY", "limit").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the field `limit` of `TOO_MANY` is missing"
        );
        assert_eq!((error.code(), error.field()), ("TOO_MANY", "limit"));
    }
}
