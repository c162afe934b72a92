error_table::include_error_table!("tests/ui/fixtures/translations/errors.md", lints = { ET061O = allow, ET0610 = off });

fn main() {}
