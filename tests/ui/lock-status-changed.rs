error_table::include_error_table!(
    "tests/ui/fixtures/lock-status-changed.md",
    lock = "tests/ui/fixtures/lock-status-changed.lock",
);

fn main() {}
