error_table::include_error_table!(
    "tests/ui/fixtures/docs-generator-variables.md",
    vars = { "product-name" = "Object Storage", "link-quota" = "https://example.com/quotas" },
);

fn main() {}
