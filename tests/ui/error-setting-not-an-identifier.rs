error_table::include_error_table!("tests/ui/fixtures/error-setting-not-an-identifier.md", error = "ApiError");

fn main() {}
