error_table::include_error_table!("tests/ui/fixtures/bom-and-crlf.md");

fn main() {}
