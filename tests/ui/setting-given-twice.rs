error_table::include_error_table!("tests/ui/fixtures/setting-given-twice.md", code = ApiCode, code = OtherCode);

fn main() {}
