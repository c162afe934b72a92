error_table::include_error_table!("tests/ui/fixtures/markup-in-cells.md");

fn main() {}
