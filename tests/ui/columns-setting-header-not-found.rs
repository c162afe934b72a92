error_table::include_error_table!(
    "tests/ui/fixtures/columns-setting-header-not-found.md",
    columns = { code = "S3 Cod" },
);

fn main() {}
