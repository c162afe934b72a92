error_table::include_error_table!(
    "tests/ui/fixtures/lock-file-malformed.md",
    lock = "tests/ui/fixtures/lock-file-malformed.lock",
);

fn main() {}
