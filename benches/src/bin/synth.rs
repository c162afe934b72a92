//! `synth ROWS DIR [--locales N] [--pasted]`: writes a synthetic table of
//! ROWS rows into DIR as `errors.md` (and N translations `errors.sv-SE.md`,
//! `errors.fr-FR.md`, … with `--locales N`), `derive.rs` and `hand.rs`,
//! for `build-times.sh`; with `--pasted`, also `pasted.rs`: what
//! `include_error_table!("errors.md", locales = "errors.*.md")` expands to.

use std::path::Path;
use std::process::ExitCode;

use error_table_benches::synth::{self, MAX_TRANSLATIONS, Table};
use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate_with_translations};

const USAGE: &str = "usage: synth ROWS DIR [--locales N] [--pasted]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut translations = Some(0);
    let mut pasted = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--locales" => translations = args.next().and_then(|n| n.parse().ok()),
            "--pasted" => pasted = true,
            _ => positional.push(arg),
        }
    }
    let (Some(rows), [_, dir], Some(translations)) = (
        positional
            .first()
            .and_then(|rows| rows.parse::<usize>().ok()),
        positional.as_slice(),
        translations.filter(|&n| n <= MAX_TRANSLATIONS),
    ) else {
        eprintln!("{USAGE} (N at most {MAX_TRANSLATIONS})");
        return ExitCode::from(2);
    };
    if rows < 10 {
        eprintln!("synth: a table needs at least 10 rows");
        return ExitCode::from(2);
    }
    let table = synth::table(rows, translations);
    let mut files = vec![
        ("errors.md".to_owned(), table.markdown(0)),
        ("derive.rs".to_owned(), table.derive()),
        ("hand.rs".to_owned(), table.hand()),
    ];
    for (index, locale) in table.translations() {
        files.push((format!("errors.{locale}.md"), table.markdown(index)));
    }
    if pasted {
        match expansion(&table) {
            Ok(code) => files.push(("pasted.rs".to_owned(), code)),
            Err(message) => {
                eprintln!("synth: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    let dir = Path::new(dir);
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

/// The code the macro generates for `table` and its translations.
fn expansion(table: &Table) -> Result<String, String> {
    let spec = SourceFile::new("errors.md", table.markdown(0));
    let translations: Vec<SourceFile> = table
        .translations()
        .map(|(index, locale)| {
            SourceFile::new(format!("errors.{locale}.md"), table.markdown(index))
        })
        .collect();
    let generated = generate_with_translations(&spec, &translations, &Settings::default());
    let problems = generated.diagnostics.len()
        + generated
            .translation_diagnostics
            .iter()
            .map(Vec::len)
            .sum::<usize>();
    if problems > 0 {
        return Err(format!("the synthetic table has {problems} problems"));
    }
    Ok(format!(
        "// What `include_error_table!` generates for the synthetic table.\n\n{}\n",
        generated.tokens
    ))
}
