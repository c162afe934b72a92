#![deny(deprecated)]

error_table::include_error_table!("tests/ui/fixtures/front-matter-not-yaml.md");

fn main() {}
