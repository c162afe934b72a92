error_table::include_error_table!(
    "tests/ui/fixtures/lock-contracts-broken.md",
    lock = "tests/ui/fixtures/lock-contracts-broken.lock",
);

fn main() {}
