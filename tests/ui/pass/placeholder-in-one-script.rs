//! A placeholder in Cyrillic with a letter that looks like no Latin one
//! becomes a field the user's crate can name without a warning.

#![deny(warnings)]

error_table::include_error_table!("tests/ui/fixtures/placeholder-in-one-script.md");

fn main() {
    let taken = Error::BadName { имя: "Анна".into() };
    assert_eq!(taken.to_string(), "Имя Анна занято.");
    let unknown = Error::UnknownCity { город: "Тверь".into() };
    assert_eq!(unknown.to_string(), "Город Тверь не найден.");
}
