// Two code-like columns: the setting says which is the code.
error_table::include_error_table!(
    "tests/ui/fixtures/two-code-columns.md",
    columns = { code = "S3 Code" },
);

fn main() {
    let error = Error::NoSuchKey { key: "a.txt".into() };
    assert_eq!(error.to_string(), "The key a.txt does not exist.");
    assert_eq!(error.code().as_str(), "NoSuchKey");
    assert_eq!(error.status(), 404);
}
