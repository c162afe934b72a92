//! Text that Markdown does not read as a table, though its author meant
//! one: pipe lines after the blank line that ended a table, pipe lines
//! without a delimiter row, and table syntaxes that are not GFM.

use std::ops::Range;

/// What a paragraph that starts like a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Lines that start with `|`.
    PipeLines,
    /// A YFM multiline table, opened by `#|`.
    Yfm,
    /// A grid table, drawn with `+---+` lines.
    Grid,
    /// Anything else.
    Text,
}

/// The shape of the paragraph at `range` of `file`, by its first line.
pub(super) fn shape(file: &str, range: &Range<usize>) -> Shape {
    let first = lines(file, range.clone())
        .next()
        .and_then(|line| file.get(line))
        .unwrap_or_default()
        .trim();
    if first.starts_with("#|") {
        Shape::Yfm
    } else if (first.starts_with("+-") || first.starts_with("+=")) && first.ends_with('+') {
        Shape::Grid
    } else if first.starts_with('|') {
        Shape::PipeLines
    } else {
        Shape::Text
    }
}

/// The lines of `range` that start with `|` after spaces, each without
/// its line end.
pub(super) fn pipe_lines(file: &str, range: Range<usize>) -> Vec<Range<usize>> {
    lines(file, range)
        .filter(|line| {
            file.get(line.clone())
                .is_some_and(|text| text.trim_start().starts_with('|'))
        })
        .collect()
}

/// The blank lines between `from` and `to`, each without its line end.
pub(super) fn blank_lines(file: &str, from: usize, to: usize) -> Vec<Range<usize>> {
    lines(file, from..to)
        .filter(|line| {
            file.get(line.clone())
                .is_some_and(|text| text.trim().is_empty())
        })
        .collect()
}

/// Whether a line of `range` closes a YFM multiline table: `|#`.
pub(super) fn closes_yfm(file: &str, range: Range<usize>) -> bool {
    lines(file, range).any(|line| {
        file.get(line)
            .is_some_and(|text| text.trim_start().starts_with("|#"))
    })
}

/// The first line of `range`, without its line end.
pub(super) fn first_line(file: &str, range: Range<usize>) -> Range<usize> {
    lines(file, range.clone())
        .next()
        .unwrap_or(range.start..range.start)
}

/// The lines that start in `range`, each without its line end (`\n`,
/// `\r\n` or `\r`).
fn lines(file: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let text = file.get(range.clone()).unwrap_or_default();
    let mut offset = range.start;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        start..start + line.trim_end_matches(['\n', '\r']).len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_told_by_their_first_line() {
        let file = "| a | b |\n| 1 | 2 |\n#| x\n+---+---+\ntext\n";
        assert_eq!(shape(file, &(0..20)), Shape::PipeLines);
        assert_eq!(shape(file, &(20..25)), Shape::Yfm);
        assert_eq!(shape(file, &(25..35)), Shape::Grid);
        assert_eq!(shape(file, &(35..40)), Shape::Text);
    }

    #[test]
    fn pipe_and_blank_lines_are_found_without_their_line_ends() {
        let file = "| a |\r\n\r\n  | b |\ntext\n";
        assert_eq!(pipe_lines(file, 0..file.len()), [0..5, 9..16]);
        assert_eq!(blank_lines(file, 0, file.len()), vec![7..7]);
    }
}
