//! The client side without a server: error bodies read back into
//! `ReceivedError`, from the spec page's own examples to hostile input.
//! Nothing here may panic.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

#[path = "support/samples.rs"]
mod samples;

use std::error::Error as _;

use error_table::ApiError as _;

use error_table::{
    ClientError, DecodeErrorKind, FieldProblem, MAX_BODY_BYTES, MAX_DEPTH, ReceivedCode,
    ReceivedError,
};

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
);

fn decode(body: &[u8]) -> Result<ReceivedError<Error>, error_table::DecodeError> {
    ReceivedError::decode(400, body)
}

fn kind(body: &[u8]) -> DecodeErrorKind {
    decode(body).unwrap_err().kind()
}

#[test]
fn every_code_reads_back_from_its_envelope() {
    for &code in ErrorCode::ALL {
        let error = samples::sample(code);
        let body = serde_json::to_vec(&error.to_envelope(Some("t-1"))).unwrap();
        let received = ReceivedError::<Error>::decode(error.status(), &body).unwrap();
        assert_eq!(received.code(), &ReceivedCode::Known(code));
        assert_eq!(received.error(), Some(&error));
        assert_eq!(received.target(), Some("t-1"));
        assert_eq!(received.status(), Some(code.status()));
    }
}

#[test]
fn every_code_reads_back_from_its_fields_whatever_the_message() {
    for &code in ErrorCode::ALL {
        let error = samples::sample(code);
        let mut envelope = error.to_envelope(None);
        envelope.error.message = "Reworded, or in another language.".into();
        let body = serde_json::to_vec(&envelope).unwrap();
        let received = decode(&body).unwrap();
        assert_eq!(received.error(), Some(&error), "{code}");
        assert_eq!(received.fields(), Some(&error.fields()));
    }
}

#[test]
fn a_value_holding_the_templates_own_text_survives_as_data() {
    // Cut out of the message, the value would end at the first " is ".
    let error = Error::InvalidUrl {
        invalid_url: r#"https://x.example/?q="a is {b}" — ünïcode is fine"#.into(),
    };
    let body = serde_json::to_vec(&error.to_envelope(Some("t"))).unwrap();
    assert_eq!(decode(&body).unwrap().error(), Some(&error));
}

#[test]
fn fields_are_read_from_metadata_and_from_the_message_only_without_it() {
    // A message that follows the template, but fields that say otherwise:
    // the fields win.
    let body = br#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","metadata":{"invalid_hash":"0xAB"}}}"#;
    assert_eq!(
        decode(body).unwrap().error(),
        Some(&Error::InvalidHashValue {
            invalid_hash: "0xAB".into()
        })
    );
    // Fields that lack one of the row's: no typed error, and no guess from
    // the message either.
    let body = br#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","metadata":{}}}"#;
    let received = decode(body).unwrap();
    assert_eq!(received.error(), None);
    let error = received.field_error().unwrap();
    assert_eq!(error.field(), "invalid_hash");
    assert_eq!(error.problem(), &FieldProblem::Missing);
    assert_eq!(
        error.to_string(),
        "the field `invalid_hash` of `InvalidHashValue` is missing"
    );
    // The spec's three members: the message it is.
    let body = br#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid."}}"#;
    let received = decode(body).unwrap();
    assert_eq!(received.fields(), None);
    assert_eq!(
        received.error(),
        Some(&Error::InvalidHashValue {
            invalid_hash: "0xZZ".into()
        })
    );
}

#[test]
fn fields_the_table_does_not_know_are_kept_readable() {
    let body = br#"{"error":{"code":"MissingRequiredParameter","message":"m","metadata":{"missing_parameter":"machineId","hint":"Send it in the query."}}}"#;
    let received = decode(body).unwrap();
    assert_eq!(
        received.error(),
        Some(&Error::MissingRequiredParameter {
            missing_parameter: "machineId".into()
        })
    );
    assert_eq!(
        received.fields().unwrap().get("hint"),
        Some("Send it in the query.")
    );

    let body = r#"{"error":{"code":"QuotaExhausted","message":"Kvoten är slut.","metadata":{"quota":"1000","période":"jour"}}}"#;
    let received = decode(body.as_bytes()).unwrap();
    assert_eq!(
        received.code(),
        &ReceivedCode::Unknown("QuotaExhausted".into())
    );
    assert_eq!(received.error(), None);
    assert_eq!(received.field_error(), None);
    let fields: Vec<(&str, &str)> = received.fields().unwrap().iter().collect();
    assert_eq!(fields, [("quota", "1000"), ("période", "jour")]);
}

#[test]
fn a_typed_field_sent_that_does_not_parse_is_named() {
    let body = br#"{"error":{"code":"MaximumBatchSizeExceeded","message":"m","metadata":{"batch_size_received":"1200","batch_size_allowed":"five hundred"}}}"#;
    let received = decode(body).unwrap();
    assert_eq!(received.error(), None);
    assert_eq!(
        received.field_error().unwrap().to_string(),
        r#"the field `batch_size_allowed` of `MaximumBatchSizeExceeded` is "five hundred", which does not parse as `usize`"#
    );
    assert!(received.into_error().is_err());
}

#[test]
fn metadata_must_be_an_object_of_strings() {
    for body in [
        &br#"{"error":{"code":"NotFound","message":"m","metadata":{"n":1}}}"#[..],
        br#"{"error":{"code":"NotFound","message":"m","metadata":["n"]}}"#,
        br#"{"error":{"code":"NotFound","message":"m","metadata":"n=1"}}"#,
        br#"{"error":{"code":"NotFound","message":"m","metadata":{},"metadata":{}}}"#,
    ] {
        assert_eq!(kind(body), DecodeErrorKind::NotAnEnvelope, "{body:?}");
    }
    let received = decode(br#"{"error":{"code":"NotFound","message":"m","metadata":null}}"#);
    assert_eq!(received.unwrap().fields(), None, "null is no fields");
}

#[test]
fn problem_details_read_by_shape_and_by_content_type() {
    let error = samples::sample(ErrorCode::MaximumBatchSizeExceeded);
    let body = serde_json::to_vec(&error.to_problem(Some("req-1"))).unwrap();
    for content_type in [
        None,
        Some("application/json"),
        Some("application/problem+json"),
        Some("Application/Problem+JSON; charset=utf-8"),
    ] {
        let received = ReceivedError::<Error>::decode_response(None, content_type, &body).unwrap();
        assert_eq!(received.error(), Some(&error), "{content_type:?}");
        assert_eq!(received.target(), Some("req-1"));
        assert_eq!(received.status(), Some(400), "from the `status` member");
        assert_eq!(received.message(), error.to_string());
    }
    // The HTTP status given wins over the member.
    let received = ReceivedError::<Error>::decode(418, &body).unwrap();
    assert_eq!(received.status(), Some(418));

    // As problem+json, an `error` member is just another extension.
    let body = br#"{"error":"yes","code":"NotFound","title":"Not Found"}"#;
    let received =
        ReceivedError::<Error>::decode_response(404, Some("application/problem+json"), body)
            .unwrap();
    assert_eq!(received.error(), Some(&Error::NotFound));
    assert_eq!(
        received.message(),
        "Not Found",
        "the title without a detail"
    );
    assert_eq!(
        kind(body),
        DecodeErrorKind::NotAnEnvelope,
        "by shape, an envelope"
    );
}

#[test]
fn problem_members_of_the_wrong_type_are_ignored_as_rfc_9457_says() {
    let body = br#"{"type":7,"title":["x"],"status":"400","detail":{"a":"b"},"instance":null,"code":"InvalidInput","metadata":{"invalid_input":1}}"#;
    let received = decode(body).unwrap();
    assert_eq!(received.known_code(), Some(ErrorCode::InvalidInput));
    assert_eq!(received.message(), "");
    assert_eq!(received.target(), None);
    assert_eq!(received.fields(), None, "metadata of the wrong shape");
    assert_eq!(received.error(), None, "no fields, and no message to read");

    let received = ReceivedError::<Error>::decode_response(
        None,
        None,
        br#"{"status":70000,"code":"NotFound"}"#,
    )
    .unwrap();
    assert_eq!(received.status(), None, "not an HTTP status");
    assert_eq!(received.error(), Some(&Error::NotFound));
}

#[test]
fn problem_details_without_a_code_string_are_refused() {
    for (content_type, body) in [
        (
            None,
            &br#"{"type":"about:blank","title":"Not Found","status":404}"#[..],
        ),
        (
            Some("application/problem+json"),
            br#"{"code":404,"title":"Not Found"}"#,
        ),
        (
            Some("application/problem+json"),
            br#"{"error":{"code":"NotFound","message":"m"}}"#,
        ),
        (None, br#"{"code":"A","code":"B"}"#),
    ] {
        let error = ReceivedError::<Error>::decode_response(404, content_type, body).unwrap_err();
        assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope, "{body:?}");
    }
}

#[test]
fn the_spec_pages_examples_read_back() {
    // The page's own example: the code is known, but its message does not
    // follow the row's template, so there is no typed error.
    let body = br#"{
    "error": {
        "code": "ResourceNotFound",
        "message": "Machine 123123123 was not found",
        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"
    }
}"#;
    let received = ReceivedError::<Error>::decode(404, body).unwrap();
    assert_eq!(received.known_code(), Some(ErrorCode::ResourceNotFound));
    assert_eq!(received.message(), "Machine 123123123 was not found");
    assert_eq!(
        received.target(),
        Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a")
    );
    assert_eq!(received.error(), None);
    assert!(received.into_error().is_err());

    // A row without placeholders has its typed error whatever the text.
    let body = br#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"1fa66c0f-18bd-4133-b378-36d76f3a2ba0"}}"#;
    let received = ReceivedError::<Error>::decode(400, body).unwrap();
    assert_eq!(received.error(), Some(&Error::InvalidRequestBody));
}

#[test]
fn an_unknown_code_is_kept_verbatim() {
    let received = decode(br#"{"error":{"code":"invalidhashvalue","message":"m"}}"#).unwrap();
    assert_eq!(
        received.code(),
        &ReceivedCode::Unknown("invalidhashvalue".to_owned()),
        "codes compare exactly"
    );
    assert_eq!(received.target(), None);
    let received = decode(br#"{"error":{"code":"","message":""}}"#).unwrap();
    assert_eq!(received.code().as_str(), "");
}

#[test]
fn extra_members_null_target_and_escapes_are_accepted() {
    let body =
        br#"{"error":{"code":"InvalidUrl","message":"URL \"a\\b\" is invalid.","target":null,
        "details":[{"code":"x","innererror":{"a":[1,2,{"b":null}]}}]},"odata.metadata":"x"}"#;
    let received = decode(body).unwrap();
    assert_eq!(
        received.error(),
        Some(&Error::InvalidUrl {
            invalid_url: r#""a\b""#.into()
        })
    );
    assert_eq!(received.target(), None);
}

#[test]
fn a_typed_field_that_does_not_parse_gives_no_typed_error() {
    let received = decode(
        br#"{"error":{"code":"MaximumBatchSizeExceeded","message":"Maximum batch size exceeded. Received: many, allowed: 500."}}"#,
    )
    .unwrap();
    assert_eq!(
        received.known_code(),
        Some(ErrorCode::MaximumBatchSizeExceeded)
    );
    assert_eq!(received.error(), None);
}

#[test]
fn bodies_that_are_not_json_are_refused() {
    for body in [
        &b""[..],
        b"<html><body>502 Bad Gateway</body></html>",
        br#"{"error":{"code":"NotFound","message":"m"}"#,
        br#"{"error":{"code":"NotFound","message":"m"}} trailing"#,
        b"{\"error\":{\"code\":\"NotFound\",\"message\":\"\xff\"}}",
        b"\0\0\0\0",
    ] {
        assert_eq!(kind(body), DecodeErrorKind::NotJson, "{body:?}");
    }
}

#[test]
fn json_of_another_shape_is_refused() {
    for body in [
        &b"null"[..],
        b"[]",
        b"{}",
        br#""NotFound""#,
        br#"{"error":"NotFound"}"#,
        br#"{"error":{"code":"NotFound"}}"#,
        br#"{"error":{"message":"m"}}"#,
        br#"{"error":{"code":404,"message":"m"}}"#,
        br#"{"error":{"code":"NotFound","message":["m"]}}"#,
        br#"{"error":{"code":"NotFound","message":"m","target":7}}"#,
        // The array form that serde's derived structs also take.
        br#"[["NotFound","m",null]]"#,
        br#"{"error":["NotFound","m"]}"#,
        // A member given twice.
        br#"{"error":{"code":"NotFound","code":"BadRequest","message":"m"}}"#,
        br#"{"error":{"code":"NotFound","message":"m"},"error":{}}"#,
    ] {
        assert_eq!(kind(body), DecodeErrorKind::NotAnEnvelope, "{body:?}");
    }
}

#[test]
fn huge_bodies_are_refused_before_parsing() {
    let message = "x".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"error":{{"code":"NotFound","message":"{message}"}}}}"#);
    assert_eq!(kind(body.as_bytes()), DecodeErrorKind::TooLarge);

    // Up to the limit is fine.
    let head = r#"{"error":{"code":"InvalidInput","message":"Invalid input "#;
    let tail = r#"."}}"#;
    let fill = "y".repeat(MAX_BODY_BYTES - head.len() - tail.len());
    let body = format!("{head}{fill}{tail}");
    assert_eq!(body.len(), MAX_BODY_BYTES);
    let received = decode(body.as_bytes()).unwrap();
    assert_eq!(
        received.error(),
        Some(&Error::InvalidInput {
            invalid_input: fill.clone().into()
        })
    );
    let body = format!("{head}y{fill}{tail}");
    assert_eq!(kind(body.as_bytes()), DecodeErrorKind::TooLarge);
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let deep = |depth: usize| {
        format!(
            r#"{{"error":{{"code":"NotFound","message":"m","details":{}0{}}}}}"#,
            "[".repeat(depth - 2),
            "]".repeat(depth - 2)
        )
    };
    assert!(decode(deep(MAX_DEPTH).as_bytes()).is_ok());
    assert_eq!(
        kind(deep(MAX_DEPTH + 1).as_bytes()),
        DecodeErrorKind::TooDeep
    );
    assert_eq!(kind(&vec![b'['; 60_000]), DecodeErrorKind::TooDeep);
    assert_eq!(kind(&vec![b'{'; 60_000]), DecodeErrorKind::TooDeep);
    // Brackets inside strings do not count.
    let body = format!(
        r#"{{"error":{{"code":"NotFound","message":"{}"}}}}"#,
        "[".repeat(1000)
    );
    assert!(decode(body.as_bytes()).is_ok());
}

#[test]
fn decode_errors_say_what_and_why() {
    let error = ReceivedError::<Error>::decode(502, b"<html>").unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert_eq!(
        error.to_string(),
        "the error response (HTTP 502) is not JSON"
    );
    assert_eq!(
        error.source().unwrap().to_string(),
        "expected value at line 1 column 1"
    );

    let error = ReceivedError::<Error>::decode(None, b"[]").unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"the error response is neither an error envelope {"error":{"code","message"}} nor problem details with a `code`"#
    );
    assert_eq!(
        error.source().unwrap().to_string(),
        "invalid type: sequence, expected an object with an `error` member or a `code` at line 1 column 0"
    );
    let error = ReceivedError::<Error>::decode(None, &[b'['; 100]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the error response nests deeper than 32 levels"
    );
    let error = ReceivedError::<Error>::decode(None, &vec![b' '; MAX_BODY_BYTES + 1]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the error response is larger than 65536 bytes"
    );
}

#[test]
fn client_errors_wrap_both_outcomes() {
    let api = ClientError::<Error>::decode(
        404,
        br#"{"error":{"code":"NotFound","message":"General Not Found error message."}}"#,
    );
    assert_eq!(api.status(), Some(404));
    assert_eq!(api.api_error(), Some(&Error::NotFound));
    assert_eq!(
        api.to_string(),
        "HTTP 404 NotFound: General Not Found error message."
    );
    let undecodable = ClientError::<Error>::decode(503, b"Service Unavailable");
    assert!(
        matches!(&undecodable, ClientError::Undecodable(error) if error.kind() == DecodeErrorKind::NotJson)
    );
    assert_eq!(undecodable.status(), Some(503));
    assert_eq!(undecodable.api_error(), None);
}

/// Each error of a chain, as a report prints them: `Display`, then each
/// `source()` in turn.
fn chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    std::iter::successors(Some(error), |&error| error.source())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn an_error_chain_says_each_cause_once() {
    let undecodable = ClientError::<Error>::decode(503, b"Service Unavailable");
    assert_eq!(
        chain(&undecodable),
        [
            "the error response (HTTP 503) is not JSON",
            "expected value at line 1 column 1",
        ]
    );
    let decode = ReceivedError::<Error>::decode(503, b"Service Unavailable").unwrap_err();
    assert_eq!(chain(&decode), chain(&undecodable));

    let api =
        ClientError::<Error>::decode(404, br#"{"error":{"code":"NotFound","message":"Gone."}}"#);
    assert_eq!(chain(&api), ["HTTP 404 NotFound: Gone."]);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic generator (xorshift) of bodies built from JSON
    // pieces and raw bytes.
    let pieces: [&[u8]; 18] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"",
        b":",
        b",",
        b"\\",
        b"\"error\"",
        b"\"code\"",
        b"\"message\"",
        b"\"NotFound\"",
        b"null",
        b"\xff",
        b"\"metadata\"",
        b"\"status\"",
        b"\"detail\"",
        b"404",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let mut body = Vec::new();
        for _ in 0..next() % 40 {
            let index = usize::try_from(next() % 18).unwrap();
            body.extend_from_slice(pieces[index]);
        }
        let _ = ReceivedError::<Error>::decode(None, &body);
        let _ =
            ReceivedError::<Error>::decode_response(None, Some("application/problem+json"), &body);
    }
}

mod fields_named_like_the_parameters {
    error_table::include_error_table!(
        "tests/fixtures/code-and-message-fields.md",
        fields = { code: u16 },
    );

    #[test]
    fn fields_named_code_and_message_read_back() {
        let upstream = Error::from_message(ErrorCode::Upstream, "Upstream answered 503: busy.");
        assert_eq!(
            upstream,
            Some(Error::Upstream {
                code: 503,
                message: "busy".into(),
            })
        );
        let echo = Error::from_message(ErrorCode::Echo, "said twice");
        assert_eq!(
            echo,
            Some(Error::Echo {
                message: "said twice".into(),
            })
        );
    }
}
