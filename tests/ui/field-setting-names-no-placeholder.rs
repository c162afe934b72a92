error_table::include_error_table!("tests/ui/fixtures/field-setting-names-no-placeholder.md", fields = { no_such_field: u32 });

fn main() {}
