error_table::include_error_table!("tests/ui/fixtures/invalid-utf8-several-bytes.md");

fn main() {}
