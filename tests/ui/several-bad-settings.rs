error_table::include_error_table!("tests/ui/fixtures/several-bad-settings.md", eror = ApiError, table = 0, code = ApiCode, code = OtherCode, colour = red);

fn main() {}
