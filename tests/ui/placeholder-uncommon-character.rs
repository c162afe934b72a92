error_table::include_error_table!("tests/ui/fixtures/placeholder-uncommon-character.md");

fn main() {}
