error_table::include_error_table!("tests/ui/fixtures/field-setting-typo.md", fields = { iten: u32 });

fn main() {}
