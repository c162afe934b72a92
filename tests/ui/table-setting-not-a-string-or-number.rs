error_table::include_error_table!("tests/ui/fixtures/table-setting-not-a-string-or-number.md", table = Errors);

fn main() {}
