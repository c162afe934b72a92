error_table::include_error_table!("tests/ui/fixtures/error-setting-a-keyword.md", error = type);

fn main() {}
