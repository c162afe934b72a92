//! Tables written in the ways real docs are written all compile to the
//! same API.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod bom {
    error_table::include_error_table!("tests/fixtures/bom.md");

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert_eq!(ErrorCode::ALL, [ErrorCode::Gone]);
        assert_eq!(Error::Gone.to_string(), "Gone for good.");
    }
}

mod crlf {
    error_table::include_error_table!("tests/fixtures/crlf.md");

    #[test]
    fn windows_line_endings_are_accepted() {
        let error = Error::Gone {
            resource: "x".into(),
        };
        assert_eq!(error.to_string(), "Resource x is gone.");
        assert_eq!(Error::Late.status(), 504);
        assert_eq!(ErrorCode::Late.template(), "Too late.");
    }
}

mod markup {
    error_table::include_error_table!("tests/fixtures/markup.md");

    #[test]
    fn inline_code_links_emphasis_and_escaped_pipes_become_text() {
        assert_eq!(ErrorCode::InvalidFilter.as_str(), "InvalidFilter");
        assert_eq!(ErrorCode::InvalidFilter.status(), 400);
        assert_eq!(
            Error::InvalidFilter.to_string(),
            "Filter a | b is not supported; see filters."
        );
        let gone = Error::Gone {
            resource: "r1".into(),
        };
        assert_eq!(gone.to_string(), "Resource r1 is gone & stays gone.");
    }

    #[test]
    fn doubled_braces_are_literal_braces() {
        assert_eq!(
            Error::Literal.to_string(),
            "Braces {like this} are literal."
        );
        assert_eq!(
            ErrorCode::Literal.template(),
            "Braces {{like this}} are literal."
        );
    }
}

mod columns {
    error_table::include_error_table!("tests/fixtures/columns.md");

    #[test]
    fn columns_are_matched_by_header_in_any_order() {
        let error = Error::QuotaExhausted {
            quota_name: "calls".into(),
        };
        assert_eq!(error.to_string(), "Quota of calls exhausted.");
        assert_eq!(error.status(), 429);
        let error = Error::Maintenance {
            end_time: "noon".into(),
        };
        assert_eq!(
            (error.code().as_str(), error.status()),
            ("Maintenance", 503)
        );
    }
}

mod settings {
    error_table::include_error_table!(
        "tests/fixtures/columns.md",
        error = ServiceError,
        code = ServiceCode,
        vis = pub(crate),
        table = "Errors",
        fields = { end_time: u32 },
    );

    #[test]
    fn names_visibility_table_and_field_types_follow_the_settings() {
        let error = ServiceError::Maintenance { end_time: 12 };
        assert_eq!(error.to_string(), "Maintenance until 12.");
        assert_eq!(error.code(), ServiceCode::Maintenance);
    }
}
