//! `Envelope` and `ErrorBody` implement serde's traits by hand; these tests
//! hold them to what `#[derive(Serialize, Deserialize)]` does, by running
//! derived copies of the two structs (with a map for `metadata`) on the
//! same inputs: JSON of every shape, through each way `serde_json` reads,
//! and the inputs of other formats (numbered members, bytes). The results
//! must agree exactly: values, which strings borrow from the input, and
//! error messages.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::borrow::Cow;
use std::fmt::Display;

use error_table::{Envelope, ErrorBody};
use serde::Deserialize;
use serde::de::IntoDeserializer as _;
use serde::de::value::{
    BorrowedBytesDeserializer, BytesDeserializer, Error as ValueError, MapDeserializer,
    SeqDeserializer,
};
use serde_test::Token;

/// The two structs as they were, derived.
mod derived {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    pub struct Envelope<'a> {
        #[serde(borrow)]
        pub error: ErrorBody<'a>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    pub struct ErrorBody<'a> {
        #[serde(borrow)]
        pub code: Cow<'a, str>,
        #[serde(borrow)]
        pub message: Cow<'a, str>,
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        pub target: Option<Cow<'a, str>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub metadata: Option<BTreeMap<String, String>>,
    }
}

/// A string and whether it borrows from the input.
type Text = (String, bool);

/// The fields of a body, sorted by name (a map sorts them).
type Metadata = Option<Vec<(String, String)>>;

/// What a body holds, down to which strings are borrowed.
type Shape = (Text, Text, Option<Text>, Metadata);

// Whether it borrows is the point: `&str` would not tell.
#[allow(clippy::ptr_arg)]
fn text(text: &Cow<'_, str>) -> Text {
    (text.to_string(), matches!(text, Cow::Borrowed(_)))
}

fn shape(body: &ErrorBody<'_>) -> Shape {
    let metadata = body.metadata.as_ref().map(|fields| {
        let mut entries: Vec<(String, String)> = fields
            .iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        entries.sort();
        entries
    });
    (
        text(&body.code),
        text(&body.message),
        body.target.as_ref().map(text),
        metadata,
    )
}

fn derived_shape(body: &derived::ErrorBody<'_>) -> Shape {
    let metadata = body.metadata.as_ref().map(|map| {
        map.iter()
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    });
    (
        text(&body.code),
        text(&body.message),
        body.target.as_ref().map(text),
        metadata,
    )
}

fn outcome<T, E: Display>(
    result: Result<T, E>,
    shape: impl Fn(&T) -> Shape,
) -> Result<Shape, String> {
    result
        .map(|value| shape(&value))
        .map_err(|error| error.to_string())
}

/// Envelopes in JSON: every shape, valid or not.
const JSON: &[&str] = &[
    // Valid, in each form.
    r#"{"error":{"code":"NotFound","message":"Gone.","target":"43f4cb08"}}"#,
    r#"{"error":{"code":"NotFound","message":"Gone."}}"#,
    r#"{"error":{"code":"NotFound","message":"Gone.","target":null}}"#,
    r#"{"error":{"target":"t","message":"Gone.","code":"NotFound"}}"#,
    r#"{"error":{"code":"","message":""}}"#,
    // The fields.
    r#"{"error":{"code":"A","message":"m","metadata":{"a":"1","b":"2"}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":null}}"#,
    r#"{"error":{"metadata":{"x":"é\n\"q\""},"code":"A","message":"m","target":"t"}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{"a":"1","a":"2"}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{"a":1}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{"a":null}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{"a":{"b":"c"}}}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":["a","1"]}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":"a=1"}}"#,
    r#"{"error":{"code":"A","message":"m","metadata":{},"metadata":{}}}"#,
    r#"[["A","m",null,{"a":"1"}]]"#,
    r#"[["A","m","t",{"a":"1"},"extra"]]"#,
    // Escapes: strings that cannot borrow.
    r#"{"error":{"code":"Not\"Found","message":"line\nbreak \u00e9 \ud83e\udd80","target":"t\\1"}}"#,
    r#"{"error":{"code":"é🦀","message":"ünïcode","target":"ok"}}"#,
    // Other members, at both levels, ignored whatever their value.
    r#"{"error":{"code":"A","message":"m","details":[{"code":"x"}],"innererror":{"a":null}},"odata":1}"#,
    r#"{"x":{"y":[1,2.5,true,null,"s"]},"error":{"0":"zero","code":"A","message":"m","Code":"B"}}"#,
    // The array form that derived structs take too.
    r#"[["A","m","t"]]"#,
    r#"[["A","m",null]]"#,
    r#"[["A","m"]]"#,
    r#"{"error":["A","m"]}"#,
    r#"[["A"]]"#,
    "[[]]",
    "[]",
    r#"[["A","m","t","extra"]]"#,
    r#"[["A","m"],"extra"]"#,
    // Missing members.
    r"{}",
    r#"{"error":{}}"#,
    r#"{"error":{"code":"A"}}"#,
    r#"{"error":{"message":"m"}}"#,
    r#"{"err":{"code":"A","message":"m"}}"#,
    // Members given twice, also when the second has the wrong type.
    r#"{"error":{"code":"A","code":"B","message":"m"}}"#,
    r#"{"error":{"code":"A","message":"m","message":5}}"#,
    r#"{"error":{"code":"A","message":"m","target":null,"target":"t"}}"#,
    r#"{"error":{"code":"A","message":"m"},"error":{"code":"B","message":"n"}}"#,
    r#"{"error":{"code":"A","message":"m"},"error":7}"#,
    // Wrong types.
    "null",
    "true",
    "7",
    r#""NotFound""#,
    r#"{"error":null}"#,
    r#"{"error":"NotFound"}"#,
    r#"{"error":{"code":404,"message":"m"}}"#,
    r#"{"error":{"code":"A","message":["m"]}}"#,
    r#"{"error":{"code":"A","message":{"text":"m"}}}"#,
    r#"{"error":{"code":null,"message":"m"}}"#,
    r#"{"error":{"code":"A","message":"m","target":7}}"#,
    r#"{"error":{"code":"A","message":"m","target":{"id":"t"}}}"#,
    r#"{"error":{"code":"A","message":"m","target":false}}"#,
    r#"[[1,"m"]]"#,
    r#"[["A","m",7]]"#,
    // Not JSON.
    "",
    r#"{"error":{"code":"A","message":"m"}"#,
    r#"{"error":{"code":"A","message":"m"}} trailing"#,
    r#"{"error":{"code":"A","message":"m",}}"#,
    r#"{"error":{"code":"A\x","message":"m"}}"#,
];

/// `serde_json::from_reader`, which wants types that borrow nothing.
fn from_reader<'de, T: Deserialize<'de>>(json: &str) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_reader(json.as_bytes());
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

#[test]
fn json_reads_as_the_derive_read_it() {
    for json in JSON {
        let ours = serde_json::from_str::<Envelope<'_>>(json);
        let theirs = serde_json::from_str::<derived::Envelope<'_>>(json);
        assert_eq!(
            outcome(ours, |envelope| shape(&envelope.error)),
            outcome(theirs, |envelope| derived_shape(&envelope.error)),
            "from_str: {json}"
        );

        let ours = serde_json::from_slice::<Envelope<'_>>(json.as_bytes());
        let theirs = serde_json::from_slice::<derived::Envelope<'_>>(json.as_bytes());
        assert_eq!(
            outcome(ours, |envelope| shape(&envelope.error)),
            outcome(theirs, |envelope| derived_shape(&envelope.error)),
            "from_slice: {json}"
        );

        // A reader lends nothing: every string is copied.
        let ours = from_reader::<Envelope<'_>>(json);
        let theirs = from_reader::<derived::Envelope<'_>>(json);
        assert_eq!(
            outcome(ours, |envelope| shape(&envelope.error)),
            outcome(theirs, |envelope| derived_shape(&envelope.error)),
            "from_reader: {json}"
        );

        // A `serde_json::Value`, borrowed (it lends its strings) and owned.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
            let ours = Envelope::deserialize(&value);
            let theirs = derived::Envelope::deserialize(&value);
            assert_eq!(
                outcome(ours, |envelope| shape(&envelope.error)),
                outcome(theirs, |envelope| derived_shape(&envelope.error)),
                "&Value: {json}"
            );
            let ours = Envelope::deserialize(value.clone());
            let theirs = derived::Envelope::deserialize(value);
            assert_eq!(
                outcome(ours, |envelope| shape(&envelope.error)),
                outcome(theirs, |envelope| derived_shape(&envelope.error)),
                "Value: {json}"
            );
        }
    }
}

#[test]
fn strings_borrow_where_the_derive_borrowed() {
    let json = r#"{"error":{"code":"A","message":"m","target":"t"}}"#;
    let envelope: Envelope<'_> = serde_json::from_str(json).unwrap();
    assert!(matches!(envelope.error.code, Cow::Borrowed("A")));
    assert!(matches!(envelope.error.message, Cow::Borrowed("m")));
    // The derive never borrowed an `Option<Cow<str>>`.
    assert!(matches!(envelope.error.target, Some(Cow::Owned(_))));

    let json = r#"{"error":{"code":"\u0041","message":"m\n"}}"#;
    let envelope: Envelope<'_> = serde_json::from_str(json).unwrap();
    assert!(matches!(envelope.error.code, Cow::Owned(ref code) if code == "A"));
    assert!(matches!(envelope.error.message, Cow::Owned(_)));
}

#[test]
fn metadata_keeps_the_order_it_was_sent_in() {
    // The one difference from a derived map, which sorts: the fields stay
    // in the row's order, as the message shows them.
    let json = r#"{"error":{"code":"A","message":"m","metadata":{"b":"2","a":"1"}}}"#;
    let envelope: Envelope<'_> = serde_json::from_str(json).unwrap();
    let names: Vec<&str> = envelope
        .error
        .metadata
        .as_ref()
        .unwrap()
        .iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["b", "a"]);
    assert_eq!(serde_json::to_string(&envelope).unwrap(), json);
}

#[test]
fn what_decodes_encodes_as_the_derive_encoded_it() {
    for json in JSON {
        let (Ok(ours), Ok(theirs)) = (
            serde_json::from_str::<Envelope<'_>>(json),
            serde_json::from_str::<derived::Envelope<'_>>(json),
        ) else {
            continue;
        };
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap(),
            "{json}"
        );
        assert_eq!(
            serde_json::to_string_pretty(&ours).unwrap(),
            serde_json::to_string_pretty(&theirs).unwrap(),
            "{json}"
        );
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap(),
            "{json}"
        );
        // And reads back the same.
        let encoded = serde_json::to_string(&ours).unwrap();
        let again: Envelope<'_> = serde_json::from_str(&encoded).unwrap();
        assert_eq!(again, ours, "{json}");
    }
}

/// `serialize_struct` with the same names and lengths, `Some` around a
/// target, and no target at all when there is none: what formats other
/// than JSON see.
#[test]
fn serializer_calls_are_those_of_the_derive() {
    let with_target = [
        Token::Struct {
            name: "Envelope",
            len: 1,
        },
        Token::Str("error"),
        Token::Struct {
            name: "ErrorBody",
            len: 3,
        },
        Token::Str("code"),
        Token::Str("NotFound"),
        Token::Str("message"),
        Token::Str("Gone."),
        Token::Str("target"),
        Token::Some,
        Token::Str("t-1"),
        Token::StructEnd,
        Token::StructEnd,
    ];
    let with_metadata = [
        Token::Struct {
            name: "Envelope",
            len: 1,
        },
        Token::Str("error"),
        Token::Struct {
            name: "ErrorBody",
            len: 3,
        },
        Token::Str("code"),
        Token::Str("NotFound"),
        Token::Str("message"),
        Token::Str("Gone."),
        Token::Str("metadata"),
        Token::Some,
        Token::Map { len: Some(1) },
        Token::Str("what"),
        Token::Str("it"),
        Token::MapEnd,
        Token::StructEnd,
        Token::StructEnd,
    ];
    let ours = Envelope::from(
        ErrorBody::new("NotFound", "Gone.").with_metadata([("what", "it")].into_iter().collect()),
    );
    let theirs = derived::Envelope {
        error: derived::ErrorBody {
            code: "NotFound".into(),
            message: "Gone.".into(),
            target: None,
            metadata: Some([("what".to_owned(), "it".to_owned())].into()),
        },
    };
    serde_test::assert_ser_tokens(&ours, &with_metadata);
    serde_test::assert_ser_tokens(&theirs, &with_metadata);
    let without_target = [
        Token::Struct {
            name: "Envelope",
            len: 1,
        },
        Token::Str("error"),
        Token::Struct {
            name: "ErrorBody",
            len: 2,
        },
        Token::Str("code"),
        Token::Str("NotFound"),
        Token::Str("message"),
        Token::Str("Gone."),
        Token::StructEnd,
        Token::StructEnd,
    ];
    for (target, tokens) in [(Some("t-1"), &with_target[..]), (None, &without_target[..])] {
        let ours = Envelope::new("NotFound", "Gone.".to_owned(), target);
        let theirs = derived::Envelope {
            error: derived::ErrorBody {
                code: "NotFound".into(),
                message: "Gone.".into(),
                target: target.map(Cow::Borrowed),
                metadata: None,
            },
        };
        serde_test::assert_ser_tokens(&ours, tokens);
        serde_test::assert_ser_tokens(&theirs, tokens);
    }
}

/// Members named by their index, as compact formats may, or by bytes;
/// strings as bytes, borrowed or not, valid UTF-8 or not; owned strings.
/// (`serde`'s own deserializers, none of which reads an `Option`, so no
/// `target` here.)
#[test]
fn other_formats_read_as_the_derive_read_them() {
    fn agree<'de, D: serde::Deserializer<'de, Error = ValueError>>(
        what: &str,
        make: impl Fn() -> D,
    ) {
        assert_eq!(
            outcome(ErrorBody::deserialize(make()), shape),
            outcome(derived::ErrorBody::deserialize(make()), derived_shape),
            "{what}"
        );
    }

    type Entries = &'static [(u64, &'static [u8])];
    type Named = &'static [(&'static [u8], &'static [u8])];

    let by_index = |entries: Entries| {
        move || {
            MapDeserializer::new(
                entries
                    .iter()
                    .map(|&(index, value)| (index, BorrowedBytesDeserializer::new(value))),
            )
        }
    };
    agree("indices", by_index(&[(0, b"A"), (1, b"m")]));
    agree(
        "an index past the members",
        by_index(&[(1, b"m"), (7, b"x"), (0, b"A")]),
    );
    agree(
        "an index twice",
        by_index(&[(0, b"A"), (1, b"m"), (0, b"B")]),
    );
    agree("bytes not UTF-8", by_index(&[(0, b"A"), (1, b"\xff")]));

    let by_bytes = |entries: Named| {
        move || {
            MapDeserializer::new(entries.iter().map(|&(name, value)| {
                (BytesDeserializer::new(name), BytesDeserializer::new(value))
            }))
        }
    };
    agree(
        "byte names",
        by_bytes(&[(b"code", b"A"), (b"message", b"m")]),
    );
    agree(
        "an unknown byte name",
        by_bytes(&[(b"message", b"m"), (b"Code", b"B"), (b"code", b"A")]),
    );
    agree(
        "copied bytes not UTF-8",
        by_bytes(&[(b"code", b"\xc3"), (b"message", b"m")]),
    );
    agree(
        "a byte name twice",
        by_bytes(&[(b"code", b"A"), (b"code", b"B")]),
    );
    agree("a missing message", by_bytes(&[(b"code", b"A")]));

    let owned = |values: &'static [&'static str]| {
        move || {
            SeqDeserializer::new(
                values
                    .iter()
                    .map(|value| (*value).to_owned().into_deserializer()),
            )
        }
    };
    agree("owned strings", owned(&["A", "m"]));
    agree("one owned string", owned(&["A"]));
}
