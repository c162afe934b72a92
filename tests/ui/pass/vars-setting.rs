// Docs-generator variables get their values, in `Display` and in
// `template()`, and the message reads back.
error_table::include_error_table!(
    "tests/ui/fixtures/docs-generator-variables.md",
    vars = { "product-name" = "Object Storage", "link-quotas" = "https://example.com/quotas" },
);

fn main() {
    let error = Error::Busy { delay: "30".into() };
    assert_eq!(error.to_string(), "Object Storage is busy; retry in 30 seconds.");
    assert_eq!(ErrorCode::NotEnrolled.template(), "This account may not use Object Storage.");
    assert_eq!(Error::Limit.to_string(), "See https://example.com/quotas for the limits.");
}
