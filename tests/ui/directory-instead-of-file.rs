error_table::include_error_table!("tests/ui/fixtures");

fn main() {}
