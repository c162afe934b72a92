//! `--format junit`: `JUnit` XML, the test report that GitLab, Jenkins and
//! most CI systems show: a test suite per file, a failed test case per
//! error, and a passing one per file without errors.

use std::collections::BTreeMap;

use error_table_codegen::Severity;
use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::report::{Region, Report};

/// The report of `reports` on the files `checked`, as XML.
pub fn render(checked: &[&str], reports: &[Report<'_>]) -> String {
    let mut by_file: BTreeMap<&str, Vec<TestCase>> =
        checked.iter().map(|&name| (name, Vec::new())).collect();
    for report in reports {
        let name = report.file.map_or("error-table", |file| file.name());
        by_file
            .entry(name)
            .or_default()
            .push(test_case(name, report));
    }
    let mut junit = JunitReport::new("error-table");
    for (name, mut cases) in by_file {
        let failed = |case: &TestCase| matches!(case.status, TestCaseStatus::NonSuccess { .. });
        if !cases.iter().any(failed) {
            let mut clean = TestCase::new(format!("{name}: no errors"), TestCaseStatus::success());
            clean.set_classname(name);
            cases.insert(0, clean);
        }
        let mut suite = TestSuite::new(name);
        suite.add_test_cases(cases);
        junit.add_test_suite(suite);
    }
    junit.to_string().unwrap_or_default() + "\n"
}

/// An error is a failure whose text is the diagnostic as rendered in a
/// terminal; a warning passes and keeps its text in the case's output.
fn test_case(name: &str, report: &Report<'_>) -> TestCase {
    let diagnostic = report.diagnostic;
    let place = Region::of(report).map_or_else(String::new, |region| {
        format!(":{}:{}", region.line, region.column)
    });
    let title = format!("{} {name}{place}: {}", diagnostic.code, diagnostic.message);
    let rendered = diagnostic.render(report.file);
    let mut case = match diagnostic.severity {
        Severity::Error => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(diagnostic.message.as_str())
                .set_type(diagnostic.code.id())
                .set_description(rendered);
            TestCase::new(title, status)
        }
        Severity::Warning => {
            let mut case = TestCase::new(title, TestCaseStatus::success());
            case.set_system_out(rendered);
            case
        }
    };
    case.set_classname(name);
    case
}
