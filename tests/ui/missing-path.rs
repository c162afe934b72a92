error_table::include_error_table!(error = ApiError);

fn main() {}
