//! Right-to-left messages are kept verbatim: Display writes them as the
//! table has them, with literal `{{`/`}}` braces and the field in its
//! place; spaces after a code are not part of it.

error_table::include_error_table!("tests/ui/fixtures/right-to-left-message.md");

fn main() {
    let error = Error::FileNotFound {
        file: "a.txt".into(),
    };
    assert_eq!(error.to_string(), "הקובץ a.txt לא נמצא.");
    let error = Error::AccessDenied {
        resource: "/admin".into(),
    };
    assert_eq!(error.to_string(), "ليس لديك إذن للوصول إلى /admin.");
    let error = Error::BadField {
        field: "שם".into()
    };
    assert_eq!(error.to_string(), "השדה שם אינו {חוקי}.");
    assert_eq!(
        ErrorCode::BadField.template(),
        "השדה {the field} אינו {{חוקי}}."
    );
    assert_eq!(ErrorCode::TrailingSpaces.as_str(), "TrailingSpaces");
    assert_eq!(
        ErrorCode::from_code("TrailingSpaces"),
        Some(ErrorCode::TrailingSpaces)
    );
}
