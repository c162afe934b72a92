// Every error table of the page, into one enum, in page order.
error_table::include_error_table!("tests/ui/fixtures/several-error-tables.md", tables = all);

fn main() {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(codes, ["BadInput", "Missing", "Internal", "Unavailable"]);
    let error = Error::Unavailable { delay: "30".into() };
    assert_eq!(error.status(), 503);
    assert_eq!(error.to_string(), "Try again in 30 seconds.");
}
