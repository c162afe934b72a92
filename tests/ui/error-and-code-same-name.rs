error_table::include_error_table!("tests/ui/fixtures/error-and-code-same-name.md", error = Problem, code = Problem);

fn main() {}
