//! The invariants every diagnostic keeps, shared by the targets.

use error_table_codegen::{Diagnostic, SourceFile};

/// Checks that `diagnostic` points inside `file`: its span lies inside the
/// text and on char boundaries, and the `--> name:line:column` that its
/// rendering shows is the span's start and lies inside the input.
pub fn diagnostic(file: &SourceFile, diagnostic: &Diagnostic) {
    let text = file.text();
    let rendered = diagnostic.render(Some(file));
    let _ = diagnostic.render_unprefixed(Some(file));
    let _ = diagnostic.render(None);
    let Some(span) = diagnostic.range() else {
        return;
    };
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} outside a text of {} bytes: {}",
        text.len(),
        diagnostic.message
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} splits a character: {}",
        diagnostic.message
    );
    let (line, column) = file.line_col(span.start);
    let (_, line_range) = file.line_of(span.start);
    let line_chars = text.get(line_range).map_or(0, |line| line.chars().count());
    // Lines end at `\n`, `\r\n` or a lone `\r`, as in CommonMark.
    let line_count =
        1 + text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    assert!(
        (1..=line_count).contains(&line) && (1..=line_chars + 1).contains(&column),
        "{line}:{column} is outside the input ({line_count} lines, {line_chars} chars on the line)"
    );
    let marker = format!("--> {}:", file.name());
    let shown = shown_location(&rendered, &marker)
        .unwrap_or_else(|| panic!("no `{marker}line:col` in\n{rendered}"));
    assert_eq!(
        shown,
        (line, column),
        "the rendering shows another place than the span's start\n{rendered}"
    );
}

/// The line and column after the first `marker` of a rendering.
fn shown_location(rendered: &str, marker: &str) -> Option<(usize, usize)> {
    let at = rendered.find(marker)? + marker.len();
    let location = rendered.get(at..)?.split_whitespace().next()?;
    let (line, column) = location.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}
