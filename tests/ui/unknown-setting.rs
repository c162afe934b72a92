error_table::include_error_table!("tests/ui/fixtures/unknown-setting.md", eror = ApiError);

fn main() {}
