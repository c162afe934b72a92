// rustc hides "cannot find" errors once a macro has reported errors, so a
// clean use of the good rows alone would not prove that they were generated.
// The two deliberate errors below can only be reported if `Error` and
// `ErrorCode` exist: `Gone` is there, `Moved` (a bad row) is not.
error_table::include_error_table!("tests/ui/fixtures/bad-rows-left-out-of-the-types.md");

fn main() {
    let _: u8 = ErrorCode::Gone;
    let _ = Error::Moved;
}
