error_table::include_error_table!(
    "tests/ui/fixtures/lock-file-missing.md",
    lock = "tests/ui/fixtures/lock-file-missing.lock",
);

fn main() {}
