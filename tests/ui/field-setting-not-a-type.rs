// A field type is passed on as written: rustc reports one that is no type
// at the setting's own token.
error_table::include_error_table!("tests/ui/fixtures/field-setting-not-a-type.md", fields = { item: 3 });

fn main() {}
