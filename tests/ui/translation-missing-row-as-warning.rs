#![deny(deprecated)]

error_table::include_error_table!("tests/ui/fixtures/translations/errors.md", locales = ["tests/ui/fixtures/translations/translation-missing-row-as-warning.md"], missing_translations = warn);

fn main() {}
