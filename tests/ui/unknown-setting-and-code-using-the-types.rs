error_table::include_error_table!("tests/ui/fixtures/unknown-setting-and-code-using-the-types.md", eror = ApiError);

fn main() {
    let _ = Error::Gone { item: "page".into() };
}
