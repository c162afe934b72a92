error_table::include_error_table!("tests/ui/fixtures/lock-not-a-string.md", lock = errors_lock);

fn main() {}
