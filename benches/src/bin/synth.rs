//! `synth ROWS DIR`: writes a synthetic table of ROWS rows into DIR as
//! `errors.md` (and its translations `errors.sv-SE.md`, `errors.fr-FR.md`
//! with `--translated`), `derive.rs` and `hand.rs`, for `build-times.sh`.

use std::path::Path;
use std::process::ExitCode;

use error_table_benches::synth;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let translated = args.iter().any(|arg| arg == "--translated");
    let positional: Vec<&String> = args.iter().filter(|arg| !arg.starts_with("--")).collect();
    let (Some(rows), Some(dir)) = (
        positional
            .first()
            .and_then(|rows| rows.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        eprintln!("usage: synth ROWS DIR [--translated]");
        return ExitCode::from(2);
    };
    if rows < 10 {
        eprintln!("synth: a table needs at least 10 rows");
        return ExitCode::from(2);
    }
    let table = synth::table(rows, translated);
    let dir = Path::new(dir);
    let mut files = vec![
        ("errors.md".to_owned(), table.markdown(0)),
        ("derive.rs".to_owned(), table.derive()),
        ("hand.rs".to_owned(), table.hand()),
    ];
    if translated {
        for (index, locale) in synth::LOCALES.iter().enumerate().skip(1) {
            files.push((format!("errors.{locale}.md"), table.markdown(index)));
        }
    }
    for (name, text) in files {
        if let Err(error) =
            std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join(&name), text))
        {
            eprintln!("synth: cannot write {}: {error}", dir.join(name).display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
