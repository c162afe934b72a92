//! The `error-table` binary as a user runs it: real processes, output
//! pinned by snapshots, exit codes checked. Review a change with
//! `cargo insta review` (or `INSTA_UPDATE=always`) and read the diff.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use error_table_codegen::readable::doc_line_per_attribute;
use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate, generate_with_translations};

/// What a run printed and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Everything, for a snapshot.
    fn transcript(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// The workspace root: spec and fixture paths in the output are relative
/// to it, as a user would type them.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the cli crate")
        .to_path_buf()
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_error-table"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        code: output.status.code().expect("an exit code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr,
    }
}

fn run(args: &[&str]) -> Run {
    run_in(&workspace(), args)
}

/// A fresh directory for a test, under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("spec")).expect("create the scratch directory");
    dir
}

/// A copy of `spec/errors.md` in `dir`, edited by `edit`.
fn copy_spec(dir: &Path, name: &str, edit: impl Fn(String) -> String) {
    let spec = fs::read_to_string(workspace().join("spec/errors.md")).expect("the spec");
    let edited = edit(spec.clone());
    fs::write(dir.join(name), edited).expect("write the copy");
}

/// Replaces `from` with `to`, and fails if `from` is not there.
fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the text");
    text.replacen(from, to, 1)
}

// check

#[test]
fn check_on_the_spec_is_clean() {
    let run = run(&["check", "spec/errors.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "spec/errors.md: 20 codes, no problems\n");
}

#[test]
fn check_shows_every_error_with_its_line() {
    let run = run(&["check", "tests/ui/fixtures/several-errors-in-one-file.md"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_prints_the_diagnostics_of_the_build() {
    let path = "tests/ui/fixtures/several-errors-in-one-file.md";
    let file = SourceFile::read(&workspace(), path).unwrap();
    let generated = generate(&file, &Settings::default());
    let run = run(&["check", path]);
    assert_eq!(generated.diagnostics.len(), 5);
    for diagnostic in &generated.diagnostics {
        assert!(run.stderr.contains(&diagnostic.render(Some(&file))));
    }
}

#[test]
fn check_as_json_gives_positions_for_tools() {
    let run = run(&[
        "check",
        "tests/ui/fixtures/several-errors-in-one-file.md",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(5));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_with_a_column_option_reads_the_named_code_column() {
    let path = "tests/ui/fixtures/two-code-columns.md";
    let ambiguous = run(&["check", path]);
    assert_eq!(ambiguous.code, 1);
    assert!(
        ambiguous
            .stderr
            .contains("or `columns = { code = \"S3 Code\" }`"),
        "{}",
        ambiguous.stderr
    );
    let chosen = run(&["check", path, "--column", "code=S3 Code"]);
    assert_eq!(chosen.code, 0, "{}", chosen.stderr);
    assert_eq!(chosen.stderr, format!("{path}: 2 codes, no problems\n"));
}

#[test]
fn check_with_statuses_admits_a_304_row() {
    let path = "tests/ui/fixtures/statuses-admit-3xx.md";
    let rejected = run(&["check", path]);
    assert_eq!(rejected.code, 1);
    assert!(
        rejected.stderr.contains("set `statuses = \"300-599\"`"),
        "{}",
        rejected.stderr
    );
    let admitted = run(&["check", path, "--statuses", "300-599"]);
    assert_eq!(admitted.code, 0, "{}", admitted.stderr);
    let usage = run(&["check", path, "--statuses", "3xx"]);
    assert_eq!(usage.code, 2, "{}", usage.stderr);
}

#[test]
fn check_of_a_missing_file_is_an_io_error() {
    let run = run(&["check", "spec/nothing.md"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_of_a_missing_file_as_json_is_still_json() {
    let run = run(&["check", "spec/nothing.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json[0]["message"],
        "cannot read `spec/nothing.md`: no such file"
    );
}

#[test]
fn check_of_a_file_that_is_not_utf8_shows_the_byte() {
    let run = run(&["check", "tests/ui/fixtures/invalid-utf8.md"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_of_the_raw_swedish_seed_reports_and_does_not_crash() {
    let seed = workspace().join("../shared/seeds/common-errors.sv-SE.md");
    if !seed.exists() {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    }
    let path = "../shared/seeds/common-errors.sv-SE.md";
    let run = run(&["check", path]);
    assert_eq!(run.code, 1, "the raw seed has problems");
    let file = SourceFile::read(&workspace(), path).unwrap();
    for diagnostic in &generate(&file, &Settings::default()).diagnostics {
        assert!(run.stderr.contains(&diagnostic.render(Some(&file))));
    }
    let by_position = self::run(&["check", path, "--table", "1", "--format", "json"]);
    assert_eq!(by_position.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_of_the_raw_swedish_seed_as_a_translation_prints_what_the_build_reports() {
    let seed = workspace().join("../shared/seeds/common-errors.sv-SE.md");
    if !seed.exists() {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    }
    let path = "../shared/seeds/common-errors.sv-SE.md";
    let run = run(&["check", "spec/errors.md", "--locale", path]);
    assert_eq!(run.code, 1, "the raw seed has drifted");
    let spec = SourceFile::read(&workspace(), "spec/errors.md").unwrap();
    let translation = SourceFile::read(&workspace(), path).unwrap();
    let generated = generate_with_translations(
        &spec,
        std::slice::from_ref(&translation),
        &Settings::default(),
    );
    let diagnostics = &generated.translation_diagnostics[0];
    assert_eq!(diagnostics.len(), 10);
    for diagnostic in diagnostics {
        assert!(
            run.stderr.contains(&diagnostic.render(Some(&translation))),
            "{}",
            run.stderr
        );
    }
}

const STALE_SPEC: &str = "tests/ui/fixtures/translations/errors.md";
const STALE: &str = "tests/ui/fixtures/translations/translation-stale-warning.md";

/// The diagnostics of the build with the macro settings `settings`
/// after the spec path, rendered.
fn build_with(settings: &str) -> Vec<String> {
    let tokens: proc_macro2::TokenStream = format!("{STALE_SPEC:?}, {settings}").parse().unwrap();
    let input = error_table_codegen::settings::MacroInput::parse(tokens).unwrap();
    let spec = SourceFile::read(&workspace(), STALE_SPEC).unwrap();
    let translation = SourceFile::read(&workspace(), STALE).unwrap();
    let generated =
        generate_with_translations(&spec, std::slice::from_ref(&translation), &input.settings);
    generated.translation_diagnostics[0]
        .iter()
        .map(|diagnostic| diagnostic.render(Some(&translation)))
        .collect()
}

#[test]
fn a_code_set_on_the_command_line_has_the_effect_of_the_macros_lints_setting() {
    let default = run(&["check", STALE_SPEC, "--locale", STALE]);
    assert_eq!(default.code, 0, "a stale translation is a warning");
    assert!(
        default.stderr.contains("warning[ET0610]"),
        "{}",
        default.stderr
    );

    let denied = run(&["check", STALE_SPEC, "--locale", STALE, "-D", "ET0610"]);
    assert_eq!(denied.code, 1);
    let built = build_with("lints = { ET0610 = error }");
    assert_eq!(built.len(), 1);
    assert!(built[0].starts_with("error[ET0610]"), "{}", built[0]);
    assert!(denied.stderr.contains(&built[0]), "{}", denied.stderr);

    let allowed = run(&["check", STALE_SPEC, "--locale", STALE, "-A", "ET0610"]);
    assert_eq!(allowed.code, 0);
    assert!(build_with("lints = { ET0610 = allow }").is_empty());
    assert!(!allowed.stderr.contains("ET0610"), "{}", allowed.stderr);

    let warned = run(&[
        "check", STALE_SPEC, "--locale", STALE, "-D", "ET0610", "-W", "ET0610",
    ]);
    assert_eq!(warned.code, 1, "given twice, the stricter level wins");
}

#[test]
fn deny_warnings_fails_on_a_warning() {
    let run = run(&["check", STALE_SPEC, "--locale", STALE, "--deny-warnings"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[ET0610]"), "{}", run.stderr);
}

#[test]
fn an_unknown_code_on_the_command_line_is_a_usage_error_with_the_closest_code() {
    let run = run(&["check", "spec/errors.md", "-W", "ET061O"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`ET061O` is not a diagnostic code; did you mean `ET0610`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_flags_the_mangled_code_in_the_prose_of_the_raw_swedish_seed() {
    let seed = workspace().join("../shared/seeds/common-errors.sv-SE.md");
    if !seed.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is absent",
            seed.display()
        );
        eprintln!("skipped: {} is absent", seed.display());
        return;
    }
    let path = "../shared/seeds/common-errors.sv-SE.md";
    let run = run(&["check", "spec/errors.md", "--locale", path]);
    insta::assert_snapshot!(run.stderr.split("\n\n").find(|d| d.contains("ET0804")).unwrap(), @"
    warning[ET0804]: `InvalidRequest` is not a code of the table
      --> ../shared/seeds/common-errors.sv-SE.md:63:21
       |
    63 | <br>Om du får ett **InvalidRequest Gemener-** eller **MissingRequiredParameter-fel** kan det bero på fel versaler eller gemener.
       |                     ^^^^^^^^^^^^^^
       |
       = help: did you mean `InvalidRequestBody`?
    ");
}

#[test]
fn check_measures_the_json_examples_and_prose_against_the_table() {
    let dir = scratch("page-lint");
    copy_spec(&dir, "spec/errors.md", |spec| {
        let spec = replace(
            &spec,
            "\"code\": \"ResourceNotFound\"",
            "\"code\": \"ResourceNotFond\"",
        );
        replace(
            &spec,
            "`MissingRequiredParameter`",
            "`MissingRequiredParamter`",
        )
    });
    let run = run_in(&dir, &["check", "spec/errors.md"]);
    assert_eq!(run.code, 0, "findings are warnings: {}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn check_takes_translations_by_glob() {
    let run = run(&["check", "spec/errors.md", "--locale", "spec/errors.*.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = self::run(&["check", "spec/errors.md", "--locale", "spec/nothing.*.md"]);
    assert_eq!(run.code, 2);
}

#[test]
fn colour_is_used_when_asked_and_not_on_a_pipe() {
    let path = "tests/ui/fixtures/status-outside-4xx-5xx.md";
    assert!(!run(&["check", path]).stderr.contains('\u{1b}'));
    assert!(
        run(&["check", path, "--color", "always"])
            .stderr
            .contains('\u{1b}')
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&[]).code, 2);
    assert_eq!(run(&["chekc", "spec/errors.md"]).code, 2);
    assert_eq!(run(&["check"]).code, 2);
    let zero = run(&["check", "spec/errors.md", "--table", "0"]);
    assert_eq!(zero.code, 2);
    assert!(
        zero.stderr.contains("tables are counted from 1"),
        "{}",
        zero.stderr
    );
    assert_eq!(run(&["expand", "spec/errors.md", "--error", "fn"]).code, 2);
}

#[test]
fn help_shows_examples() {
    let run = run(&["--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
    for command in ["check", "lock", "diff", "expand", "export"] {
        let help = self::run(&[command, "--help"]);
        assert_eq!(help.code, 0);
        assert!(help.stdout.contains("Examples:"), "{command}");
    }
}

// expand

#[test]
fn expand_prints_what_the_macro_generates() {
    let run = run(&["expand", "spec/errors.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = SourceFile::read(&workspace(), "spec/errors.md").unwrap();
    let tokens = generate(&file, &Settings::default()).tokens;
    let expected = prettyplease::unparse(&syn::parse2(doc_line_per_attribute(tokens)).unwrap());
    assert_eq!(run.stdout, expected);
}

#[test]
fn expand_takes_the_enum_names() {
    let run = run(&[
        "expand",
        "tests/ui/fixtures/lock-added-row-passes.md",
        "--error",
        "ApiError",
        "--code",
        "ApiCode",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn expand_with_a_translation_prints_what_the_macro_generates_with_it() {
    let run = run(&[
        "expand",
        "spec/errors.md",
        "--locale",
        "spec/errors.sv-SE.md",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let spec = SourceFile::read(&workspace(), "spec/errors.md").unwrap();
    let swedish = SourceFile::read(&workspace(), "spec/errors.sv-SE.md").unwrap();
    let tokens = generate_with_translations(&spec, &[swedish], &Settings::default()).tokens;
    let expected = prettyplease::unparse(&syn::parse2(doc_line_per_attribute(tokens)).unwrap());
    assert_eq!(run.stdout, expected);
    assert!(
        run.stdout.contains(r#"&["en-US", "sv-SE"]"#),
        "{}",
        run.stdout
    );
}

#[test]
fn expand_with_a_drifted_translation_fails_and_leaves_its_message_out() {
    let run = run(&[
        "expand",
        STALE_SPEC,
        "--locale",
        "tests/ui/fixtures/translations/translation-renamed-placeholder.md",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[ET0608]: `{resursen}` is not a placeholder of `NotFound`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> tests/ui/fixtures/translations/translation-renamed-placeholder.md:8:29"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(r#"r"Åtkomst till ""#), "{}", run.stdout);
    assert!(!run.stdout.contains("hittades inte"), "{}", run.stdout);
}

#[test]
fn expand_of_a_broken_table_still_prints_the_good_rows() {
    let run = run(&["expand", "tests/ui/fixtures/good-rows-still-generated.md"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("pub enum ErrorCode"));
    assert!(run.stderr.contains("error[ET"), "{}", run.stderr);
}

// explain

#[test]
fn explain_prints_the_meaning_an_example_and_the_fix() {
    let explained = run(&["explain", "et0304"]);
    assert_eq!(explained.code, 0, "{}", explained.stderr);
    insta::assert_snapshot!(explained.stdout, @r"
    ET0304: A status cell holds no 3-digit number.

    Example:

        | NotFound | Not Found | Not found. |

    Fix: write the status as `404`, `404 Not Found` or `NotFound (404)`
    ");
    let unknown = run(&["explain", "ET9999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("`ET9999` is not a diagnostic code"));
}

#[test]
fn the_codes_page_of_the_docs_is_the_registry() {
    let all = run(&["explain", "--all"]);
    let page = fs::read_to_string(workspace().join("spec/CODES.md")).unwrap();
    assert!(
        page == all.stdout,
        "spec/CODES.md is not what the registry says: write it anew with \
         `cargo run -p error-table-cli -- explain --all > spec/CODES.md`"
    );
    for code in error_table_codegen::DiagnosticCode::ALL {
        assert!(page.contains(&format!("### {code}: ")), "{code}");
    }
}

// tables

#[test]
fn tables_shows_every_table_its_columns_and_which_are_read() {
    let run = run(&["tables", "tests/fixtures/pages/several-tables.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn tables_follows_the_settings_given_as_options() {
    let path = "tests/ui/fixtures/two-code-columns.md";
    let ambiguous = run(&["tables", path]);
    assert!(
        ambiguous.stdout.contains(
            "`S3 Code`           -            ambiguous: `Error Code` could be the code column too; \
             say which with `columns = { code = \"…\" }`"
        ),
        "{}",
        ambiguous.stdout
    );
    let chosen = run(&[
        "tables",
        path,
        "--column",
        "code=S3 Code",
        "--tables",
        "all",
    ]);
    assert_eq!(chosen.code, 0, "{}", chosen.stderr);
    insta::assert_snapshot!(chosen.transcript());
}

#[test]
fn tables_of_a_page_without_an_error_table_says_why_and_fails() {
    let run = run(&["tables", "tests/ui/fixtures/html-table.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

// export

#[test]
fn export_as_json_lists_the_rows() {
    let run = run(&["export", "spec/errors.md", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn export_as_csv_lists_the_rows() {
    let run = run(&["export", "spec/errors.md", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A CSV reader gets every row back, the quoted commas inside the cell.
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(run.stdout.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV");
    assert_eq!(records.len(), 20);
    assert_eq!(
        &records[8][2],
        "Maximum batch size exceeded. Received: {batch size received}, allowed: {batch size allowed}."
    );
    assert_eq!(&records[8][3], "batch_size_received batch_size_allowed");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn export_of_several_tables_gives_each_row_its_heading() {
    let path = "tests/fixtures/pages/several-tables.md";
    let json = run(&["export", path, "--tables", "all", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let sections: Vec<(&str, &str)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            (
                row["code"].as_str().unwrap(),
                row["section"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("BadInput", "Client errors"),
            ("Missing", "Client errors"),
            ("Internal", "Server errors"),
            ("Unavailable", "Server errors")
        ]
    );
    let csv = run(&[
        "export",
        path,
        "--tables",
        "Server errors",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(reader.headers().expect("a header").get(5), Some("section"));
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("CSV");
    assert_eq!(records.len(), 2);
    assert_eq!(&records[0][5], "Server errors");
    let openapi = run(&["export", path, "--tables", "all", "--format", "openapi"]);
    assert_eq!(openapi.code, 0, "{}", openapi.stderr);
    let document: serde_json::Value = serde_json::from_str(&openapi.stdout).expect("JSON");
    let example = |status: &str, code: &str| {
        document["components"]["responses"][status]["content"]["application/json"]["examples"][code]
            ["description"]
            .clone()
    };
    assert_eq!(example("Error404", "Missing"), "Client errors");
    assert_eq!(example("Error503", "Unavailable"), "Server errors");
}

#[test]
fn check_names_the_error_tables_it_does_not_read() {
    let run = run(&["check", "tests/fixtures/pages/several-tables.md"]);
    assert_eq!(run.code, 0, "a warning is no error: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[ET0212]: only the first error table is read (line 5), and this page has 1 more"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: line 18: the table under `Server errors`, 2 rows")
    );
}

#[test]
fn export_as_openapi_gives_components() {
    let run = run(&["export", "spec/errors.md", "--format", "openapi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let codes = &json["components"]["schemas"]["ErrorCode"]["enum"];
    assert_eq!(codes.as_array().map(Vec::len), Some(20));
    assert_eq!(
        json["components"]["responses"]["Error404"]["content"]["application/json"]["examples"]["ResourceNotFound"]
            ["value"]["error"]["message"],
        "Resource {the requested resource} was not found."
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn export_of_a_broken_table_exports_nothing() {
    let run = run(&[
        "export",
        "tests/ui/fixtures/good-rows-still-generated.md",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
}

// lock

#[test]
fn lock_writes_one_sorted_line_per_code() {
    let dir = scratch("lock-writes");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    let first = run_in(&dir, &["lock", "spec/errors.md"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.stderr, "wrote spec/errors.lock (20 codes)\n");
    let lock = fs::read_to_string(dir.join("spec/errors.lock")).unwrap();
    insta::assert_snapshot!(lock);
    let again = run_in(&dir, &["lock", "spec/errors.md"]);
    assert_eq!(again.code, 0);
    assert_eq!(again.stderr, "spec/errors.lock is up to date (20 codes)\n");
    let leftovers: Vec<_> = fs::read_dir(dir.join("spec"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn lock_writes_where_it_is_told() {
    let dir = scratch("lock-output");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    let run = run_in(&dir, &["lock", "spec/errors.md", "-o", "contract.lock"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.join("contract.lock").exists());
    assert!(!dir.join("spec/errors.lock").exists());
}

#[test]
fn relocking_keeps_the_lockfile_line_ends_and_byte_order_mark() {
    let dir = scratch("lock-style");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    let lock = dir.join("spec/errors.lock");
    let written = std::fs::read_to_string(&lock).unwrap();
    let windows = format!("\u{feff}{}", written.replace('\n', "\r\n"));
    std::fs::write(&lock, &windows).unwrap();
    let run = run_in(&dir, &["lock", "spec/errors.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("is up to date"), "{}", run.stderr);
    copy_spec(&dir, "spec/errors.md", |spec| {
        replace(
            &spec,
            "| TooManyRequests |",
            "| Teapot | 418 | Short. |\n| TooManyRequests |",
        )
    });
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    let relocked = std::fs::read_to_string(&lock).unwrap();
    assert!(relocked.starts_with('\u{feff}'));
    assert!(relocked.contains("Teapot 418\r\n"), "{relocked:?}");
    assert!(
        !relocked.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
}

#[test]
fn lock_refuses_a_table_with_errors_and_the_spec_as_output() {
    let dir = scratch("lock-refuses");
    copy_spec(&dir, "spec/errors.md", |spec| {
        replace(
            &spec,
            "| NotFound | Not Found (404)",
            "| NotFound | Found (302)",
        )
    });
    let broken = run_in(&dir, &["lock", "spec/errors.md"]);
    assert_eq!(broken.code, 1);
    assert!(!dir.join("spec/errors.lock").exists());
    insta::assert_snapshot!(broken.transcript());

    copy_spec(&dir, "spec/errors.md", |spec| spec);
    let before = fs::read_to_string(dir.join("spec/errors.md")).unwrap();
    let onto_spec = run_in(&dir, &["lock", "spec/errors.md", "-o", "spec/errors.md"]);
    assert_eq!(onto_spec.code, 2);
    assert_eq!(
        fs::read_to_string(dir.join("spec/errors.md")).unwrap(),
        before
    );
}

#[test]
fn lock_round_trip_fails_on_a_changed_status_until_relocked() {
    let dir = scratch("lock-round-trip");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    let check = |dir: &Path| {
        run_in(
            dir,
            &["check", "spec/errors.md", "--lock", "spec/errors.lock"],
        )
    };
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    assert_eq!(check(&dir).code, 0);

    copy_spec(&dir, "spec/errors.md", |spec| {
        replace(
            &spec,
            "| InvalidInput | BadRequest (400)",
            "| InvalidInput | Unprocessable Content (422)",
        )
    });
    let broken = check(&dir);
    assert_eq!(broken.code, 1);
    insta::assert_snapshot!(broken.transcript());

    let relock = run_in(&dir, &["lock", "spec/errors.md"]);
    assert_eq!(relock.code, 0);
    insta::assert_snapshot!(relock.stderr, @r"
    wrote spec/errors.lock (20 codes)
      accepted breaking change: `InvalidInput` status 400 → 422
    ");
    assert_eq!(check(&dir).code, 0);
}

#[test]
fn lock_check_passes_an_up_to_date_lockfile_and_writes_nothing() {
    let dir = scratch("lock-check-clean");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    let missing = run_in(&dir, &["lock", "--check", "spec/errors.md"]);
    assert_eq!(missing.code, 1);
    assert!(
        !dir.join("spec/errors.lock").exists(),
        "--check writes nothing"
    );
    insta::assert_snapshot!(missing.stderr, @"
    error[ET0709]: there is no lockfile `spec/errors.lock`
     |
     = help: write it with `error-table lock spec/errors.md`

    error: spec/errors.lock is out of date; update it with `error-table lock spec/errors.md`
    ");
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    let clean = run_in(&dir, &["lock", "--check", "spec/errors.md"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(clean.stderr, "spec/errors.lock is up to date (20 codes)\n");
}

#[test]
fn lock_check_lists_every_change_relocking_would_make_and_leaves_the_file() {
    let dir = scratch("lock-check-stale");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    let lock = dir.join("spec/errors.lock");
    let locked = fs::read_to_string(&lock).unwrap();
    copy_spec(&dir, "spec/errors.md", |spec| {
        let spec = replace(
            &spec,
            "| InvalidInput | BadRequest (400)",
            "| InvalidInput | Unprocessable Content (422)",
        );
        replace(
            &spec,
            "| TooManyRequests |",
            "| Teapot | 418 | Short. |\n| TooManyRequests |",
        )
    });
    let stale = run_in(&dir, &["lock", "--check", "spec/errors.md"]);
    assert_eq!(stale.code, 1);
    assert_eq!(fs::read_to_string(&lock).unwrap(), locked);
    insta::assert_snapshot!(stale.transcript());
}

#[test]
fn lock_check_fails_on_a_lockfile_written_by_hand_in_another_order() {
    let dir = scratch("lock-check-order");
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    assert_eq!(run_in(&dir, &["lock", "spec/errors.md"]).code, 0);
    let lock = dir.join("spec/errors.lock");
    let text = fs::read_to_string(&lock).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let last = lines.pop().unwrap();
    let at = lines.len() - 1;
    lines.insert(at, last);
    fs::write(&lock, lines.join("\n") + "\n").unwrap();
    let run = run_in(&dir, &["lock", "--check", "spec/errors.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("pins the same contract, but not as `error-table lock` writes it"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_with_a_missing_lock_is_an_io_error() {
    let run = run(&["check", "spec/errors.md", "--lock", "spec/nothing.lock"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

// diff

/// Old: the spec. New: a status changed, a code renamed, a row removed,
/// a placeholder renamed, a message reworded and a row added.
fn diff_fixture(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_spec(&dir, "old.md", |spec| spec);
    copy_spec(&dir, "new.md", |spec| {
        let spec = replace(
            &spec,
            "| NotFound | Not Found (404)",
            "| NotFound | Gone (410)",
        );
        let spec = replace(&spec, "| ResourceNotFound |", "| ResourceNotFond |");
        let spec = replace(
            &spec,
            "| DisabledFeature | Forbidden (403) | Tenant feature is not enabled. |\n",
            "",
        );
        let spec = replace(&spec, "{the invalid hash}", "{the hash}");
        let spec = replace(
            &spec,
            "Invalid request body.",
            "The request body is invalid.",
        );
        replace(
            &spec,
            "| TooManyRequests |",
            "| Teapot | I'm a teapot (418) | Short and stout. |\n| TooManyRequests |",
        )
    });
    dir
}

#[test]
fn diff_classifies_every_change() {
    let dir = diff_fixture("diff-human");
    let run = run_in(&dir, &["diff", "old.md", "new.md"]);
    assert_eq!(run.code, 1, "breaking changes exit with 1");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn diff_as_json() {
    let dir = diff_fixture("diff-json");
    let run = run_in(&dir, &["diff", "old.md", "new.md", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn diff_without_breaking_changes_exits_with_0() {
    let dir = scratch("diff-added");
    copy_spec(&dir, "old.md", |spec| spec);
    copy_spec(&dir, "new.md", |spec| {
        replace(
            &spec,
            "| TooManyRequests |",
            "| Teapot | 418 | Short. |\n| TooManyRequests |",
        )
    });
    let run = run_in(&dir, &["diff", "old.md", "new.md"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "non-breaking  `Teapot` (418) added: the enums are #[non_exhaustive], so older clients take it as an unknown code\n1 change: 0 breaking, 1 non-breaking\n"
    );
    let same = run_in(&dir, &["diff", "old.md", "old.md"]);
    assert_eq!((same.code, same.stdout.as_str()), (0, "no changes\n"));
}

#[test]
fn an_added_code_breaks_an_exhaustive_table_in_diff_and_lock() {
    let dir = scratch("diff-added-exhaustive");
    copy_spec(&dir, "old.md", |spec| spec);
    copy_spec(&dir, "new.md", |spec| {
        replace(
            &spec,
            "| TooManyRequests |",
            "| Teapot | 418 | Short. |\n| TooManyRequests |",
        )
    });
    let run = run_in(&dir, &["diff", "old.md", "new.md", "--exhaustive"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "breaking      `Teapot` (418) added: the enums are exhaustive (--exhaustive), so a match without a wildcard arm no longer compiles\n1 change: 1 breaking, 0 non-breaking\n"
    );

    // The lockfile of an exhaustive table says so, and its check fails on
    // the added code as the build would.
    let lock = run_in(&dir, &["lock", "old.md", "-o", "old.lock", "--exhaustive"]);
    assert_eq!(lock.code, 0, "{}", lock.stderr);
    let text = fs::read_to_string(dir.join("old.lock")).expect("the lockfile");
    assert!(text.contains("version 1\nexhaustive\n"), "{text}");
    let check = run_in(
        &dir,
        &["check", "new.md", "--lock", "old.lock", "--exhaustive"],
    );
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .contains("error[ET0711]: `Teapot` was added, but the table's enums are exhaustive"),
        "{}",
        check.stderr
    );
    let open = run_in(&dir, &["check", "new.md", "--lock", "old.lock"]);
    assert_eq!(open.code, 1, "the enums became #[non_exhaustive]");
    assert!(
        open.stderr.contains(
            "the lockfile pins exhaustive enums, but the table's are `#[non_exhaustive]`"
        ),
        "{}",
        open.stderr
    );
}

#[test]
fn diff_fail_on_any_fails_on_a_change_that_breaks_nothing() {
    let dir = scratch("diff-fail-on");
    copy_spec(&dir, "old.md", |spec| spec);
    copy_spec(&dir, "new.md", |spec| {
        replace(
            &spec,
            "Invalid request body.",
            "The request body is invalid.",
        )
    });
    let breaking = run_in(&dir, &["diff", "old.md", "new.md", "--fail-on", "breaking"]);
    assert_eq!(breaking.code, 0, "{}", breaking.stderr);
    let any = run_in(&dir, &["diff", "old.md", "new.md", "--fail-on", "any"]);
    assert_eq!(any.code, 1);
    assert_eq!(any.stdout, breaking.stdout);
    let unchanged = run_in(&dir, &["diff", "old.md", "old.md", "--fail-on", "any"]);
    assert_eq!(unchanged.code, 0);
}

#[test]
fn diff_refuses_a_table_with_errors() {
    let run = run(&[
        "diff",
        "spec/errors.md",
        "tests/ui/fixtures/several-errors-in-one-file.md",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("has errors; fix them"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_reads_git_revisions() {
    let dir = scratch("diff-git");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs");
        assert!(status.status.success(), "{status:?}");
    };
    git(&["init", "--quiet"]);
    copy_spec(&dir, "spec/errors.md", |spec| spec);
    git(&["add", "spec/errors.md"]);
    git(&["commit", "--quiet", "-m", "spec"]);
    copy_spec(&dir, "spec/errors.md", |spec| {
        replace(
            &spec,
            "| Forbidden | Forbidden (403)",
            "| Forbidden | Unauthorized (401)",
        )
    });
    let run = run_in(&dir, &["diff", "HEAD:spec/errors.md", "spec/errors.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "breaking      `Forbidden` status 403 → 401\n1 change: 1 breaking, 0 non-breaking\n"
    );
    let missing = run_in(&dir, &["diff", "HEAD~5:spec/errors.md", "spec/errors.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("`git show HEAD~5:spec/errors.md` failed")
    );
}
