//! The generated API, row by row, against the English seed page in
//! `../shared/seeds/`: the page is the oracle, not our parser. The table
//! is generated with `wire = plain_envelope`, so that its envelopes are
//! held to the page's own three members byte for byte.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use std::path::PathBuf;

use error_table::Envelope;

error_table::include_error_table!("spec/errors.md", wire = plain_envelope);

/// One row of the rendered seed page: code, status, message.
struct SeedRow {
    code: String,
    status: u16,
    message: String,
}

/// The seed page, or `None` (said on stderr) where `../shared` is absent.
fn seed_page() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/common-errors.en-US.rendered.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) => {
            eprintln!(
                "skipped: seed page {} not readable ({error})",
                path.display()
            );
            None
        }
    }
}

/// The table of the rendered page: one line per row after the header
/// line, `Code Status words (NNN) Message`, up to the first blank line.
fn seed_rows(page: &str) -> Vec<SeedRow> {
    let lines = page
        .lines()
        .skip_while(|line| *line != "Error code HTTP status code Message")
        .skip(1);
    lines
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let (code, rest) = line.split_once(' ').expect("a code, then the status");
            let open = rest.find('(').expect("a status in parentheses");
            let status = rest[open + 1..open + 4].parse().expect("a 3-digit status");
            let message = rest[open + 5..].trim().to_owned();
            SeedRow {
                code: code.to_owned(),
                status,
                message,
            }
        })
        .collect()
}

/// An error of each code with sample values, and the values by the
/// placeholder they fill.
fn sample(code: ErrorCode) -> (Error, Vec<(&'static str, &'static str)>) {
    use ErrorCode as C;
    match code {
        C::BadRequest => (Error::BadRequest, vec![]),
        C::ODataError => (Error::ODataError, vec![]),
        C::InvalidInput => (
            Error::InvalidInput {
                invalid_input: "$top=-1".into(),
            },
            vec![("{the invalid input}", "$top=-1")],
        ),
        C::InvalidRequestBody => (Error::InvalidRequestBody, vec![]),
        C::InvalidHashValue => (
            Error::InvalidHashValue {
                invalid_hash: "0xZZ".into(),
            },
            vec![("{the invalid hash}", "0xZZ")],
        ),
        C::InvalidDomainName => (
            Error::InvalidDomainName {
                invalid_domain: "exa mple.com".into(),
            },
            vec![("{the invalid domain}", "exa mple.com")],
        ),
        C::InvalidIpAddress => (
            Error::InvalidIpAddress {
                invalid_ip: "300.1.1.1".into(),
            },
            vec![("{the invalid IP}", "300.1.1.1")],
        ),
        C::InvalidUrl => (
            Error::InvalidUrl {
                invalid_url: "htp:/x".into(),
            },
            vec![("{the invalid URL}", "htp:/x")],
        ),
        C::MaximumBatchSizeExceeded => (
            Error::MaximumBatchSizeExceeded {
                batch_size_received: "1200".into(),
                batch_size_allowed: "500".into(),
            },
            vec![
                ("{batch size received}", "1200"),
                ("{batch size allowed}", "500"),
            ],
        ),
        C::MissingRequiredParameter => (
            Error::MissingRequiredParameter {
                missing_parameter: "machineId".into(),
            },
            vec![("{the missing parameter}", "machineId")],
        ),
        C::OsPlatformNotSupported => (
            Error::OsPlatformNotSupported {
                client_os_platform: "Windows 7".into(),
            },
            vec![("{the client OS Platform}", "Windows 7")],
        ),
        C::ClientVersionNotSupported => (
            Error::ClientVersionNotSupported {
                requested_action: "Live response".into(),
                supported_client_version: "10.8040".into(),
            },
            vec![
                ("{The requested action}", "Live response"),
                ("{supported client version}", "10.8040"),
            ],
        ),
        C::Unauthorized => (Error::Unauthorized, vec![]),
        C::Forbidden => (Error::Forbidden, vec![]),
        C::DisabledFeature => (Error::DisabledFeature, vec![]),
        C::DisallowedOperation => (
            Error::DisallowedOperation {
                disallowed_operation_and_the_reason: "Isolation {twice} is not allowed".into(),
            },
            vec![(
                "{the disallowed operation and the reason}",
                "Isolation {twice} is not allowed",
            )],
        ),
        C::NotFound => (Error::NotFound, vec![]),
        C::ResourceNotFound => (
            Error::ResourceNotFound {
                requested_resource: "Machine 123123123".into(),
            },
            vec![("{the requested resource}", "Machine 123123123")],
        ),
        C::InternalServerError => (Error::InternalServerError, vec![]),
        C::TooManyRequests => (Error::TooManyRequests, vec![]),
    }
}

#[test]
fn every_seed_row_has_its_code_status_message_and_envelope() {
    let Some(page) = seed_page() else { return };
    let rows = seed_rows(&page);
    assert_eq!(rows.len(), 20, "the seed table has 20 rows");
    let seed_codes: Vec<&str> = rows.iter().map(|row| row.code.as_str()).collect();
    let generated: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(generated, seed_codes, "codes, in table order");

    for (n, row) in rows.iter().enumerate() {
        let code = ErrorCode::from_code(&row.code)
            .unwrap_or_else(|| panic!("{} is not generated", row.code));
        assert_eq!(code.status(), row.status, "status of {}", row.code);
        assert_eq!(code.template(), row.message, "template of {}", row.code);

        let (error, values) = sample(code);
        let expected = values
            .iter()
            .fold(row.message.clone(), |message, (hole, value)| {
                message.replace(hole, value)
            });
        assert_eq!(error.code(), code);
        assert_eq!(error.status(), row.status);
        assert_eq!(error.to_string(), expected, "Display of {}", row.code);

        let target = format!("00000000-0000-4000-8000-{n:012}");
        let json = serde_json::to_string(&error.to_envelope(Some(&target))).unwrap();
        let expected_json = format!(
            r#"{{"error":{{"code":"{}","message":"{expected}","target":"{target}"}}}}"#,
            row.code
        );
        assert_eq!(json, expected_json, "envelope of {}", row.code);
        assert_eq!(
            Error::from_message(code, &expected).as_ref(),
            Some(&error),
            "{} read back from its message",
            row.code
        );
    }
}

/// The page's JSON examples, compacted: whitespace outside strings removed.
fn seed_examples(page: &str) -> Vec<String> {
    let examples = page.split("Examples").nth(1).expect("an Examples section");
    let mut compact = Vec::new();
    let mut current = String::new();
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for c in examples.chars() {
        if in_string {
            current.push(c);
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => depth -= 1,
            c if c.is_whitespace() => continue,
            _ => {}
        }
        if depth > 0 || c == '}' {
            current.push(c);
        }
        if depth == 0 && c == '}' {
            compact.push(std::mem::take(&mut current));
        }
    }
    compact
}

#[test]
fn envelopes_match_the_seed_examples_byte_for_byte() {
    let Some(page) = seed_page() else { return };
    let examples = seed_examples(&page);
    assert_eq!(examples.len(), 2);
    for example in examples {
        let decoded: Envelope<'_> = serde_json::from_str(&example).unwrap();
        assert!(
            ErrorCode::from_code(&decoded.error.code).is_some(),
            "{example}"
        );
        let rebuilt = Envelope::new(
            &decoded.error.code,
            decoded.error.message.to_string(),
            decoded.error.target.as_deref(),
        );
        assert_eq!(serde_json::to_string(&rebuilt).unwrap(), example);
    }
}

#[test]
fn an_envelope_without_target_leaves_it_out() {
    let json = serde_json::to_string(&Error::NotFound.to_envelope(None)).unwrap();
    assert_eq!(
        json,
        r#"{"error":{"code":"NotFound","message":"General Not Found error message."}}"#
    );
}

#[test]
fn codes_parse_serialize_and_reject_unknown_strings() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
    assert_eq!(
        ErrorCode::from_code("notfound"),
        None,
        "codes are case-sensitive"
    );
    assert_eq!(ErrorCode::from_code(""), None);
    let unknown = "Teapot".parse::<ErrorCode>().unwrap_err();
    assert_eq!(unknown.to_string(), "unknown error code `Teapot`");
    let error = serde_json::from_str::<ErrorCode>("\"Teapot\"").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid value: string \"Teapot\", expected an error code of the table at line 1 column 8"
    );
}

#[test]
fn placeholder_values_are_shown_verbatim_never_as_templates() {
    let error = Error::InvalidInput {
        invalid_input: "{the invalid input} {{".into(),
    };
    assert_eq!(error.to_string(), "Invalid input {the invalid input} {{.");
}

#[test]
fn generated_errors_work_through_the_runtime_traits() {
    fn describe<E: error_table::ApiError>(error: &E) -> (u16, &'static str) {
        use error_table::Code;
        (error.status(), error.code().as_str())
    }
    let error: Box<dyn std::error::Error> = Box::new(Error::TooManyRequests);
    assert!(error.source().is_none());
    assert_eq!(describe(&Error::TooManyRequests), (429, "TooManyRequests"));
    assert_eq!(<ErrorCode as error_table::Code>::ALL.len(), 20);
}

#[test]
fn a_message_that_does_not_follow_the_template_is_not_read_back() {
    assert_eq!(
        Error::from_message(ErrorCode::InvalidHashValue, "Hash 0xZZ is invalid."),
        None
    );
    assert_eq!(
        Error::from_message(ErrorCode::InvalidHashValue, "Hash value 0xZZ is invalid"),
        None
    );
    assert_eq!(
        Error::from_message(
            ErrorCode::MaximumBatchSizeExceeded,
            "Maximum batch size exceeded. Received: 3."
        ),
        None
    );
    // A row without placeholders has nothing to read back: the code is enough.
    assert_eq!(
        Error::from_message(ErrorCode::NotFound, "Reworded since."),
        Some(Error::NotFound)
    );
}

#[test]
fn typed_fields_are_parsed_when_read_back() {
    mod typed {
        error_table::include_error_table!(
            "spec/errors.md",
            fields = { batch_size_received: u32, batch_size_allowed: u32 }
        );
    }
    let message = "Maximum batch size exceeded. Received: 1200, allowed: 500.";
    assert_eq!(
        typed::Error::from_message(typed::ErrorCode::MaximumBatchSizeExceeded, message),
        Some(typed::Error::MaximumBatchSizeExceeded {
            batch_size_received: 1200,
            batch_size_allowed: 500
        })
    );
    let not_a_number = "Maximum batch size exceeded. Received: many, allowed: 500.";
    assert_eq!(
        typed::Error::from_message(typed::ErrorCode::MaximumBatchSizeExceeded, not_a_number),
        None
    );
}
