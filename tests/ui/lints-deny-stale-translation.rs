error_table::include_error_table!("tests/ui/fixtures/translations/errors.md", locales = ["tests/ui/fixtures/translations/translation-stale-warning.md"], lints = { ET0610 = error });

fn main() {}
