error_table::include_error_table!("tests/ui/fixtures/table-heading-not-found.md", table = "Eror");

fn main() {}
