error_table::include_error_table!("tests/ui/fixtures/good-rows-still-generated.md");

fn main() {
    let _ = Error::Gone { item: "page".into() };
    let _ = Error::NotFound;
    let _ = ErrorCode::Gone.status();
}
