error_table::include_error_table!("tests/ui/fixtures/codes-collide-as-one-variant.md");

fn main() {}
