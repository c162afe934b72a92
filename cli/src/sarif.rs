//! `--format sarif`: SARIF 2.1.0, the log that GitHub code scanning and
//! SARIF viewers read, with one rule per diagnostic code.
//!
//! The types are the few parts of the format that a log of diagnostics
//! uses, named as the SARIF 2.1.0 specification names them; the tests
//! validate the output against the published schema.

use std::fmt::Write as _;

use error_table_codegen::{DiagnosticCode, Severity};
use serde::Serialize;

use crate::report::{Region, Report};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Columns count characters, as in the other formats.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF log of `reports`, as pretty JSON.
pub fn render(reports: &[Report<'_>]) -> String {
    let results = reports.iter().map(result).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "error-table",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: DiagnosticCode::ALL.iter().map(|&code| rule(code)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn rule(code: DiagnosticCode) -> Rule {
    Rule {
        id: code.id(),
        name: format!("{code:?}"),
        short_description: Text {
            text: code.title().to_owned(),
        },
        full_description: Text {
            text: code.meaning(),
        },
        help: Text {
            text: format!("{}\n\nExample:\n{}", code.fix(), code.example()),
        },
        default_configuration: Configuration { level: "error" },
    }
}

fn result(report: &Report<'_>) -> SarifResult {
    let diagnostic = report.diagnostic;
    let code = diagnostic.code;
    let rule_index = DiagnosticCode::ALL
        .iter()
        .position(|&known| known == code)
        .unwrap_or_default();
    let locations = report
        .file
        .map(|file| Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri(file.name()),
                },
                region: Region::of(report).map(|region| SarifRegion {
                    start_line: region.line,
                    start_column: region.column,
                    end_line: region.end_line,
                    end_column: region.end_column,
                }),
            },
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: code.id(),
        rule_index,
        level: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        message: Text {
            text: report.plain_text(),
        },
        locations,
    }
}

/// A relative URI reference for a file name: the path of a Git revision's
/// file (`HEAD:spec/errors.md`), with the characters a URI cannot hold
/// percent-encoded.
fn uri(name: &str) -> String {
    let path = crate::input::revision_path(name).unwrap_or(name);
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}
