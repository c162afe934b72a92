error_table::include_error_table!("tests/ui/fixtures/homoglyph-code.md");

fn main() {}
