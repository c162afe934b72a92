error_table::include_error_table!("tests/ui/fixtures/translations/errors.md", locales = ["tests/ui/fixtures/translations/translation-missing-row.md"]);

fn main() {}
