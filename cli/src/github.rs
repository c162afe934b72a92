//! `--format github`: GitHub Actions workflow commands, one per
//! diagnostic, which the runner turns into annotations on the lines of a
//! pull request's diff.
//!
//! ```text
//! ::error file=spec/errors.md,line=14,col=3,endLine=14,endColumn=7,title=ET0304 …::no HTTP status code in `x`
//! ```

use error_table_codegen::Severity;

use crate::report::{Region, Report};

/// One workflow command per line.
pub fn render(reports: &[Report<'_>]) -> String {
    reports.iter().map(command).collect()
}

fn command(report: &Report<'_>) -> String {
    let diagnostic = report.diagnostic;
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = report.file {
        let path = crate::input::revision_path(file.name()).unwrap_or(file.name());
        properties.push(format!("file={}", escape_property(path)));
    }
    if let Some(region) = Region::of(report) {
        properties.push(format!(
            "line={},col={},endLine={},endColumn={}",
            region.line, region.column, region.end_line, region.end_column
        ));
    }
    let code = diagnostic.code;
    let title = format!("{}: {}", code.id(), code.title());
    properties.push(format!("title={}", escape_property(&title)));
    format!(
        "::{level} {}::{}\n",
        properties.join(","),
        escape_data(&report.plain_text())
    )
}

/// The message of a command: `%`, CR and LF encoded, as the runner
/// decodes them.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as data, and `:` and `,` too, which end a value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_reads_them() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext%3A a%2C b"
        );
    }
}
