//! The CI formats read by the programs that CI systems use: SARIF by the
//! published 2.1.0 JSON schema (with Python's `jsonschema`) and by the
//! SARIF multitool, `JUnit` by `junitparser`, GitHub workflow commands by
//! the runner's rules. The consumers are installed by `.ci/run`
//! (`pip install jsonschema junitparser`, `npm install
//! @microsoft/sarif-multitool`), so the tests that run them are ignored
//! and `.ci/run` runs them; `ERROR_TABLE_CI_TOOLS` names the npm prefix
//! (by default `target/ci-tools`).

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the cli crate")
        .to_path_buf()
}

/// What `error-table args…` printed on stdout, and its exit code.
fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_error-table"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
    )
}

const BROKEN: &str = "tests/ui/fixtures/several-errors-in-one-file.md";

/// Errors, warnings (a stale translation) and a clean file, each format.
fn outputs(format: &str) -> Vec<(String, String)> {
    let runs: [&[&str]; 3] = [
        &["check", BROKEN],
        &["check", "spec/errors.md"],
        &[
            "check",
            "tests/ui/fixtures/translations/errors.md",
            "--locale",
            "tests/ui/fixtures/translations/translation-stale-warning.md",
        ],
    ];
    runs.iter()
        .map(|args| {
            let mut args = args.to_vec();
            args.extend(["--format", format]);
            (args.join(" "), run(&args).1)
        })
        .collect()
}

/// A fresh directory for a test, under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("ci-formats")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// Runs `python3 -c script args…` and fails with its output if it fails.
fn python(script: &str, args: &[&Path]) {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs; .ci/run installs what it imports");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn ci_tools() -> PathBuf {
    std::env::var_os("ERROR_TABLE_CI_TOOLS")
        .map_or_else(|| workspace().join("target/ci-tools"), PathBuf::from)
}

fn multitool_dir() -> PathBuf {
    ci_tools().join("node_modules/@microsoft/sarif-multitool-linux")
}

#[test]
fn github_commands_name_the_file_the_region_and_the_code() {
    let (code, stdout) = run(&["check", BROKEN, "--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn github_commands_are_one_line_each_with_only_the_escapes_the_runner_decodes() {
    for (run, stdout) in outputs("github") {
        for line in stdout.lines() {
            let (command, message) = line
                .strip_prefix("::")
                .and_then(|rest| rest.split_once("::"))
                .unwrap_or_else(|| panic!("{run}: not a workflow command: {line}"));
            let (level, properties) = command.split_once(' ').expect("properties");
            assert!(["error", "warning"].contains(&level), "{line}");
            for property in properties.split(',') {
                let (key, value) = property.split_once('=').expect("key=value");
                assert!(
                    ["file", "line", "col", "endLine", "endColumn", "title"].contains(&key),
                    "{line}"
                );
                assert!(!value.contains(':'), "{line}");
            }
            assert!(!message.contains(['\r', '\n']), "{line}");
            let percent_escapes = message.match_indices('%').all(|(at, _)| {
                ["%25", "%0D", "%0A"]
                    .iter()
                    .any(|escape| message[at..].starts_with(escape))
            });
            assert!(percent_escapes, "{line}");
        }
    }
}

#[test]
fn junit_has_a_failure_per_error_and_a_passing_case_per_clean_file() {
    let (code, stdout) = run(&["check", "spec/errors.md", "--format", "junit"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("junit_clean", stdout);
    let (code, stdout) = run(&["check", BROKEN, "--format", "junit"]);
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("<failure ").count(), 5, "{stdout}");
}

#[test]
fn sarif_has_a_rule_per_code_and_a_result_per_diagnostic() {
    let (code, stdout) = run(&["check", BROKEN, "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), error_table_codegen::DiagnosticCode::ALL.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&results[0]).unwrap(), @r#"
    {
      "level": "error",
      "locations": [
        {
          "physicalLocation": {
            "artifactLocation": {
              "uri": "tests/ui/fixtures/several-errors-in-one-file.md"
            },
            "region": {
              "endColumn": 14,
              "endLine": 6,
              "startColumn": 11,
              "startLine": 6
            }
          }
        }
      ],
      "message": {
        "text": "status 302 is not an error status (expected 400 to 599)\nhelp: an error table holds client (4xx) and server (5xx) errors; to admit redirects and conditional responses (such as 304) too, set `statuses = \"300-599\"`"
      },
      "ruleId": "ET0306",
      "ruleIndex": 24
    }
    "#);
}

#[test]
#[ignore = "needs Python's jsonschema and the SARIF multitool's schema: .ci/run installs them"]
fn sarif_is_valid_by_the_published_2_1_0_schema() {
    let dir = scratch("sarif-schema");
    let schema = multitool_dir().join("sarif-2.1.0.json");
    assert!(schema.is_file(), "no {}", schema.display());
    for (index, (run, stdout)) in outputs("sarif").into_iter().enumerate() {
        let log = dir.join(format!("{index}.sarif"));
        fs::write(&log, &stdout).unwrap();
        println!("{run}");
        python(
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             log = json.load(open(sys.argv[2]))\n\
             jsonschema.validators.validator_for(schema)(schema).validate(log)\n",
            &[&schema, &log],
        );
    }
}

#[test]
#[ignore = "needs the SARIF multitool from npm: .ci/run installs it"]
fn sarif_passes_the_sarif_multitool_validator() {
    let dir = scratch("sarif-multitool");
    for (index, (run, stdout)) in outputs("sarif").into_iter().enumerate() {
        let log = dir.join(format!("{index}.sarif"));
        let verdict = dir.join(format!("{index}.validation.sarif"));
        fs::write(&log, &stdout).unwrap();
        let status = Command::new(multitool_dir().join("Sarif.Multitool"))
            .arg("validate")
            .arg(&log)
            .arg("--output")
            .arg(&verdict)
            .output()
            .expect("the SARIF multitool runs");
        assert!(status.status.success(), "{run}: {status:?}");
        let verdict: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&verdict).unwrap()).unwrap();
        let problems: Vec<&serde_json::Value> = verdict["runs"][0]["results"]
            .as_array()
            .map(|results| {
                results
                    .iter()
                    .filter(|result| result["level"] != "note")
                    .collect()
            })
            .unwrap_or_default();
        assert!(problems.is_empty(), "{run}: {problems:#?}");
    }
}

#[test]
#[ignore = "needs Python's junitparser: .ci/run installs it"]
fn junit_is_read_by_junitparser_with_a_failure_per_error() {
    let dir = scratch("junit");
    for (index, (run, stdout)) in outputs("junit").into_iter().enumerate() {
        let report = dir.join(format!("{index}.xml"));
        fs::write(&report, &stdout).unwrap();
        let errors = stdout.matches("<failure ").count();
        println!("{run}");
        python(
            &format!(
                "import sys\n\
                 from junitparser import JUnitXml, Failure\n\
                 xml = JUnitXml.fromfile(sys.argv[1])\n\
                 cases = [case for suite in xml for case in suite]\n\
                 failures = [r for case in cases for r in case.result if isinstance(r, Failure)]\n\
                 assert len(failures) == {errors}, (len(failures), {errors})\n\
                 assert all(r.type.startswith('ET') and r.message for r in failures)\n\
                 assert cases and all(case.classname for case in cases)\n"
            ),
            &[&report],
        );
    }
}
