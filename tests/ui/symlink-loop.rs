error_table::include_error_table!("tests/ui/fixtures/symlink-loop.md");

fn main() {}
