// Numeric wire codes, variants named from a column or, where its cell is
// empty, by the prefix rule.
error_table::include_error_table!(
    "tests/ui/fixtures/numeric-codes.md",
    columns = { code = "Error Code", name = "S3 Code" },
    variant_prefix = "E",
);

fn main() {
    assert_eq!(ErrorCode::AccessDenied.as_str(), "10006");
    assert_eq!(ErrorCode::from_code("10002"), Some(ErrorCode::Unauthorized));
    let error = Error::E10007 { key: "a.txt".into() };
    assert_eq!(error.code().as_str(), "10007");
    assert_eq!(error.to_string(), "The object a.txt does not exist.");
}
