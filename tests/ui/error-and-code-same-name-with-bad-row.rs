error_table::include_error_table!("tests/ui/fixtures/error-and-code-same-name-with-bad-row.md", error = Problem, code = Problem);

fn main() {}
