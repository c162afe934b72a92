// A conditional response documented in the error table, admitted on purpose.
error_table::include_error_table!("tests/ui/fixtures/statuses-admit-3xx.md", statuses = "300-599");

fn main() {
    assert_eq!(ErrorCode::NotModified.status(), 304);
    assert_eq!(ErrorCode::PreconditionFailed.status(), 412);
}
