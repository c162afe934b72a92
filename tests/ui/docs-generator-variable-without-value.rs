#![deny(deprecated)]

error_table::include_error_table!("tests/ui/fixtures/docs-generator-variables.md", vars = { "link-quotas" = "https://example.com/quotas" });

fn main() {}
