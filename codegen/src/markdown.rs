//! Stage 2: Markdown text becomes a [`Document`]: its headings and its GFM
//! tables, each cell reduced to plain text that still knows where every
//! piece of it came from.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::SourceFile;

pub mod front_matter;
mod near_miss;

use self::near_miss::Shape;

/// The parts of a Markdown file that the pipeline reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The scalar values of the YAML front matter block, by key.
    pub front_matter: Vec<Entry>,
    /// Why the front matter block could not be read as YAML, if so.
    pub front_matter_problem: Option<front_matter::Problem>,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every table outside block quotes, in order.
    pub tables: Vec<Table>,
    /// Tables that are not read, so that "no error table" can say why.
    pub ignored_tables: Vec<IgnoredTable>,
}

/// A table the pipeline does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredTable {
    /// The block it is in, or the `<table>` tag.
    pub span: Range<usize>,
    /// Why it is not read.
    pub place: Ignored,
}

/// Where a table is that makes it not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// A Markdown table in a block quote.
    BlockQuote,
    /// A Markdown table in a fenced or indented code block.
    CodeBlock,
    /// A table written in HTML.
    Html,
    /// Lines that start with `|` but have no delimiter row under their
    /// first (or one with another number of cells): text to Markdown.
    PipeLines,
    /// A YFM multiline table (`#|` … `|#`), which GFM does not know.
    Yfm,
    /// A grid table (`+---+---+`), which GFM does not know.
    Grid,
}

/// A scalar value of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its key; the keys of nested mappings are joined by `.`
    /// (`ms.contentlocale`).
    pub key: String,
    /// The value, as YAML reads it: without quotes or a comment.
    pub value: String,
    /// Where the value is.
    pub span: Range<usize>,
}

impl Document {
    /// The value of the first front matter key among `keys`, compared
    /// without regard to case.
    #[must_use]
    pub fn front_matter_value(&self, keys: &[&str]) -> Option<&Entry> {
        keys.iter().find_map(|key| {
            self.front_matter
                .iter()
                .find(|entry| entry.key.eq_ignore_ascii_case(key))
        })
    }
}

/// A heading and its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The visible text, without markup or HTML anchors.
    pub text: String,
    /// The text inside `<span class="sxs-lookup">` wrappers: the English
    /// original of a translated heading.
    pub original: Option<String>,
    /// Where the heading is.
    pub span: Range<usize>,
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The whole table.
    pub span: Range<usize>,
    /// Index into [`Document::headings`] of the last heading before it.
    pub heading: Option<usize>,
    /// The header row.
    pub header: Row,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Pipe lines after a blank line that ended the table: text to
    /// Markdown, though they look like rows.
    pub orphans: Option<Orphans>,
}

/// Pipe lines cut off from a table by blank lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orphans {
    /// The blank lines: the first ends the table, the others separate the
    /// groups of pipe lines after it.
    pub blank_lines: Vec<Range<usize>>,
    /// The pipe lines, each without its line end.
    pub lines: Vec<Range<usize>>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The whole line, without its line ending.
    pub span: Range<usize>,
    /// The cells as written; cells that GFM invents for a short row are
    /// left out, so a short row has fewer cells than the header.
    pub cells: Vec<Cell>,
    /// Text after the last cell that GFM drops from a row longer than the
    /// header.
    pub overflow: Option<Range<usize>>,
}

/// A table cell reduced to text: inline code, links and emphasis become
/// their text, `\|` becomes `|`, HTML tags are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The visible text, trimmed of ASCII whitespace.
    pub text: String,
    /// The cell between its pipes.
    pub span: Range<usize>,
    /// The text inside `<span class="sxs-lookup">` wrappers, which
    /// translated pages use to keep the English original beside the
    /// translation.
    pub original: Option<String>,
    /// Which byte range of the source each run of `text` came from.
    pieces: Vec<Piece>,
}

/// A run of cell text and the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: Range<usize>,
    source: Range<usize>,
    /// Whether every text byte sits at the same distance from its source
    /// byte, so that offsets inside the run map exactly.
    exact: bool,
}

impl Cell {
    /// The source range of a byte range of [`Cell::text`]: exact where the
    /// text was copied verbatim, the start of the markup otherwise.
    #[must_use]
    pub fn source_span(&self, text: Range<usize>) -> Range<usize> {
        let start = self.source_offset(text.start, false);
        let end = self.source_offset(text.end, true).max(start);
        start..end
    }

    fn source_offset(&self, offset: usize, is_end: bool) -> usize {
        let containing = self.pieces.iter().find(|piece| {
            if is_end {
                piece.text.start < offset && offset <= piece.text.end
            } else {
                piece.text.start <= offset && offset < piece.text.end
            }
        });
        match containing {
            Some(piece) if piece.exact => piece.source.start + (offset - piece.text.start),
            Some(piece) if is_end => piece.source.end,
            Some(piece) => piece.source.start,
            None if is_end => self
                .pieces
                .last()
                .map_or(self.span.end, |piece| piece.source.end),
            None => self
                .pieces
                .first()
                .map_or(self.span.start, |piece| piece.source.start),
        }
    }

    fn push(&mut self, text: &str, source: Range<usize>, file: &str) {
        let verbatim = file.get(source.clone()).unwrap_or_default();
        // Mostly the text is its source: checked first, since a search
        // costs many times more in the unoptimized macro.
        let found = if verbatim.starts_with(text) {
            Some(0)
        } else {
            verbatim.find(text)
        };
        let (source, exact) = match found {
            Some(at) if !text.is_empty() => {
                (source.start + at..source.start + at + text.len(), true)
            }
            _ => (source, false),
        };
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            text: start..self.text.len(),
            source,
            exact,
        });
    }

    /// Trims ASCII whitespace left by dropped HTML, keeping the offsets of
    /// the pieces right. Other whitespace, such as a no-break space, stays:
    /// it is part of what the author wrote.
    fn finish(&mut self) {
        // Byte loops, in place: this runs for every cell of every file.
        // ASCII whitespace ends on `char` boundaries.
        let leading = self.text.len() - self.text.trim_ascii_start().len();
        let kept = self.text.trim_ascii().len();
        self.text.truncate(leading + kept);
        self.text.drain(..leading);
        for piece in &mut self.pieces {
            let start = piece.text.start.saturating_sub(leading).min(kept);
            let end = piece.text.end.saturating_sub(leading).min(kept);
            if piece.exact {
                let cut = leading.saturating_sub(piece.text.start);
                piece.source.start += cut.min(piece.source.len());
            }
            piece.text = start..end;
        }
        self.pieces.retain(|piece| !piece.text.is_empty());
        if let Some(original) = &mut self.original {
            *original = original.trim().to_owned();
        }
    }
}

/// Parses `file` as `CommonMark` with GFM tables and front matter.
#[must_use]
pub fn parse(file: &SourceFile) -> Document {
    // Heading attributes (`## Errors {#errors}`) are not heading text.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut reader = Reader {
        file: file.text(),
        document: Document::default(),
        heading: None,
        table: None,
        row: None,
        cell: None,
        quote_depth: 0,
        in_front_matter: false,
        front_matter: None,
        code_block: None,
        original_depth: None,
        span_depth: 0,
        after_table: None,
        in_yfm: false,
    };
    for (event, range) in Parser::new_ext(file.text(), options).into_offset_iter() {
        reader.event(event, range);
    }
    reader.document
}

/// The state of one pass over the event stream.
struct Reader<'a> {
    file: &'a str,
    document: Document,
    heading: Option<Heading>,
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<Cell>,
    /// Tables inside block quotes are asides, not the error table.
    quote_depth: usize,
    in_front_matter: bool,
    /// The text of the front matter block read so far.
    front_matter: Option<Range<usize>>,
    /// The span and text of the code block being read.
    code_block: Option<(Range<usize>, String)>,
    /// The `<span>` depth at which an `sxs-lookup` wrapper opened.
    original_depth: Option<usize>,
    span_depth: usize,
    /// The table that the blocks read since it ended have all been pipe
    /// lines, and where the last of them ended.
    after_table: Option<(usize, usize)>,
    /// Inside a YFM multiline table, whose cells may hold blank lines:
    /// until its `|#`.
    in_yfm: bool,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(_) if self.in_front_matter => self.front_matter_text(range),
            Event::Text(text) if self.code_block.is_some() => {
                if let Some((_, code)) = &mut self.code_block {
                    code.push_str(&text);
                }
            }
            Event::Html(html) if html.to_ascii_lowercase().contains("<table") => {
                self.document.ignored_tables.push(IgnoredTable {
                    span: range,
                    place: Ignored::Html,
                });
            }
            Event::Text(text) | Event::Code(text) => self.text(&text, range),
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::Rule => self.after_table = None,
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        if is_block(tag) {
            self.block(tag, &range);
        }
        match tag {
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::MetadataBlock(_) => self.in_front_matter = true,
            Tag::CodeBlock(_) => self.code_block = Some((range, String::new())),
            Tag::Table(_) if self.quote_depth > 0 => {
                self.document.ignored_tables.push(IgnoredTable {
                    span: range,
                    place: Ignored::BlockQuote,
                });
            }
            Tag::Heading { .. } => {
                self.heading = Some(Heading {
                    text: String::new(),
                    original: None,
                    span: range,
                });
            }
            Tag::Table(_) if self.quote_depth == 0 => {
                self.table = Some(Table {
                    span: range.clone(),
                    heading: self.document.headings.len().checked_sub(1),
                    header: empty_row(range),
                    rows: Vec::new(),
                    orphans: None,
                });
            }
            Tag::TableHead | Tag::TableRow if self.table.is_some() => {
                self.row = Some(empty_row(without_line_end(self.file, range)));
            }
            Tag::TableCell if self.row.is_some() => {
                self.cell = Some(Cell {
                    span: range,
                    ..Cell::default()
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {
                self.in_front_matter = false;
                self.end_front_matter();
            }
            TagEnd::CodeBlock => {
                if let Some((span, code)) = self.code_block.take()
                    && has_table(&code)
                {
                    self.document.ignored_tables.push(IgnoredTable {
                        span,
                        place: Ignored::CodeBlock,
                    });
                }
            }
            TagEnd::Heading(_) => {
                if let Some(Heading {
                    text,
                    original,
                    span,
                }) = self.heading.take()
                {
                    self.document.headings.push(Heading {
                        text: text.trim().to_owned(),
                        original: original.map(|original| original.trim().to_owned()),
                        span,
                    });
                }
            }
            TagEnd::TableCell => self.end_cell(),
            TagEnd::TableHead => {
                let row = self.take_row();
                if let (Some(table), Some(row)) = (&mut self.table, row) {
                    table.header = row;
                }
            }
            TagEnd::TableRow => {
                let row = self.take_row();
                if let (Some(table), Some(row)) = (&mut self.table, row) {
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.after_table = Some((self.document.tables.len(), table.span.end));
                    self.document.tables.push(table);
                }
            }
            _ => {}
        }
    }

    /// Widens the text of the front matter block to `range`: it is read
    /// as a whole when the block ends.
    fn front_matter_text(&mut self, range: Range<usize>) {
        let block = self.front_matter.get_or_insert(range.clone());
        block.start = block.start.min(range.start);
        block.end = block.end.max(range.end);
    }

    /// Reads the front matter block as YAML.
    fn end_front_matter(&mut self) {
        let Some(range) = self.front_matter.take() else {
            return;
        };
        let block = self.file.get(range.clone()).unwrap_or_default();
        match front_matter::read(block, range.start) {
            Ok(entries) => self.document.front_matter = entries,
            Err(problem) => self.document.front_matter_problem = Some(problem),
        }
    }

    /// A block starts: pipe lines right after a table are its orphaned
    /// rows; a paragraph shaped like a table elsewhere is a table that is
    /// not read.
    fn block(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        let after_table = self.after_table.take();
        if !matches!(tag, Tag::Paragraph) || self.quote_depth > 0 {
            return;
        }
        if self.in_yfm {
            self.in_yfm = !near_miss::closes_yfm(self.file, range.clone());
            return;
        }
        let shape = near_miss::shape(self.file, range);
        if shape == Shape::Yfm {
            self.in_yfm = !near_miss::closes_yfm(self.file, range.clone());
        }
        match (shape, after_table) {
            (Shape::PipeLines, Some((index, end))) => {
                if let Some(table) = self.document.tables.get_mut(index) {
                    let orphans = table.orphans.get_or_insert_with(Orphans::default);
                    orphans
                        .blank_lines
                        .extend(near_miss::blank_lines(self.file, end, range.start));
                    orphans
                        .lines
                        .extend(near_miss::pipe_lines(self.file, range.clone()));
                }
                self.after_table = Some((index, range.end));
            }
            (Shape::Text, _) => {}
            (shape, _) => {
                let lines = near_miss::pipe_lines(self.file, range.clone());
                // One line with pipes is a sentence, not a table.
                if shape != Shape::PipeLines || lines.len() > 1 {
                    self.document.ignored_tables.push(IgnoredTable {
                        span: near_miss::first_line(self.file, range.clone()),
                        place: match shape {
                            Shape::Yfm => Ignored::Yfm,
                            Shape::Grid => Ignored::Grid,
                            _ => Ignored::PipeLines,
                        },
                    });
                }
            }
        }
    }

    fn end_cell(&mut self) {
        let (Some(row), Some(mut cell)) = (&mut self.row, self.cell.take()) else {
            return;
        };
        // GFM pads a short row with empty cells placed at the end of the
        // line; they were never written.
        if cell.span.is_empty() && cell.span.start >= row.span.end {
            return;
        }
        cell.finish();
        row.cells.push(cell);
    }

    /// The row read, with what follows its last cell on its line.
    fn take_row(&mut self) -> Option<Row> {
        let mut row = self.row.take()?;
        if let Some(last) = row.cells.last() {
            row.overflow = overflow(self.file, last.span.end..row.span.end);
        }
        Some(row)
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(cell) = &mut self.cell {
            if self.original_depth.is_some() {
                let original = cell.original.get_or_insert_with(String::new);
                original.push_str(text);
            } else {
                cell.push(text, range, self.file);
            }
        } else if let Some(heading) = &mut self.heading {
            if self.original_depth.is_some() {
                let original = heading.original.get_or_insert_with(String::new);
                original.push_str(text);
            } else {
                heading.text.push_str(text);
            }
        }
    }

    /// Tracks `<span>` nesting to tell translated text from the English
    /// original kept in `sxs-lookup` wrappers; other tags are dropped.
    fn inline_html(&mut self, html: &str) {
        let Some(tag) = HtmlTag::parse(html) else {
            return;
        };
        if tag.is("br") {
            // A line break inside a cell separates words.
            if let Some(cell) = &mut self.cell
                && self.original_depth.is_none()
            {
                cell.text.push(' ');
            }
        } else if tag.is("span") && tag.closing {
            self.span_depth = self.span_depth.saturating_sub(1);
            if self
                .original_depth
                .is_some_and(|depth| self.span_depth < depth)
            {
                self.original_depth = None;
            }
        } else if tag.is("span") && !tag.self_closing {
            self.span_depth += 1;
            if self.original_depth.is_none() && html.contains("sxs-lookup") {
                self.original_depth = Some(self.span_depth);
                if let Some(original) = self.cell.as_mut().and_then(|cell| cell.original.as_mut()) {
                    original.push(' ');
                }
            }
        }
    }
}

/// An HTML tag as pulldown-cmark reports it, one event per tag: its name
/// and whether it closes (`</span>`) or closes itself (`<br/>`).
struct HtmlTag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

impl<'a> HtmlTag<'a> {
    /// The tag `html`, or `None` for a comment, a declaration or a
    /// processing instruction. A tag name is, as the Markdown spec says,
    /// an ASCII letter, then letters, digits and `-`: `<brand>` is not a
    /// `<br>`.
    fn parse(html: &'a str) -> Option<Self> {
        let inside = html.trim().strip_prefix('<')?.strip_suffix('>')?;
        let (closing, rest) = match inside.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inside),
        };
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let name = rest.get(..end)?;
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            .then_some(Self {
                name,
                closing,
                self_closing: rest.ends_with('/'),
            })
    }

    /// Whether this is a tag `name`; HTML tag names ignore case.
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Whether `tag` starts a block, which ends the run of blocks right after
/// a table.
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
    )
}

fn empty_row(span: Range<usize>) -> Row {
    Row {
        span,
        cells: Vec::new(),
        overflow: None,
    }
}

/// Whether the text of a code block would be a table as Markdown.
fn has_table(code: &str) -> bool {
    Parser::new_ext(code, Options::ENABLE_TABLES)
        .any(|event| matches!(event, Event::Start(Tag::Table(_))))
}

/// `line` without the `\n`, `\r\n` or `\r` that ends it, so that "the end
/// of the row" is the same place whatever the file's line endings.
fn without_line_end(file: &str, line: Range<usize>) -> Range<usize> {
    let text = file.get(line.clone()).unwrap_or_default();
    let kept = text.trim_end_matches(['\n', '\r']).len();
    line.start..line.start + kept
}

/// The written text after a row's last kept cell, if any: GFM drops cells
/// beyond the header's count, and nothing written may be lost silently.
fn overflow(file: &str, rest: Range<usize>) -> Option<Range<usize>> {
    let text = file.get(rest.clone())?;
    let is_filler = |c: char| c == '|' || c.is_ascii_whitespace();
    let start = text.find(|c: char| !is_filler(c))?;
    let end = text
        .rfind(|c: char| !is_filler(c))
        .map_or(text.len(), |last| {
            last + text
                .get(last..)
                .and_then(|tail| tail.chars().next())
                .map_or(1, char::len_utf8)
        });
    Some(rest.start + start..rest.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Document {
        parse(&SourceFile::new("t.md", text))
    }

    fn cell_texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|cell| cell.text.as_str()).collect()
    }

    #[test]
    fn cells_are_reduced_to_their_text() {
        let doc =
            parse_text("| a | b |\n|---|---|\n| `Code` | x \\| y [link](u) *em* **strong** |\n");
        let table = &doc.tables[0];
        assert_eq!(cell_texts(&table.header), ["a", "b"]);
        assert_eq!(cell_texts(&table.rows[0]), ["Code", "x | y link em strong"]);
    }

    #[test]
    fn verbatim_text_maps_back_to_exact_source_offsets() {
        let text = "| a |\n|---|\n| Hash {the hash} \\| x |\n";
        let doc = parse_text(text);
        let cell = &doc.tables[0].rows[0].cells[0];
        let at = cell.text.find('{').unwrap();
        let span = cell.source_span(at..at + "{the hash}".len());
        assert_eq!(&text[span], "{the hash}");
        let pipe = cell.text.find('|').unwrap();
        assert_eq!(&text[cell.source_span(pipe..pipe + 1)], "|");
    }

    #[test]
    fn short_rows_keep_only_written_cells_and_long_rows_report_the_rest() {
        let text = "| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 | 5 |\n";
        let doc = parse_text(text);
        let rows = &doc.tables[0].rows;
        assert_eq!(cell_texts(&rows[0]), ["1", "2"]);
        assert_eq!(rows[0].overflow, None);
        assert_eq!(&text[rows[1].overflow.clone().unwrap()], "4 | 5");
    }

    #[test]
    fn tables_in_block_quotes_and_code_blocks_are_ignored() {
        let doc = parse_text("> | a |\n> |---|\n> | 1 |\n\n```\n| a |\n|---|\n```\n");
        assert!(doc.tables.is_empty());
    }

    #[test]
    fn front_matter_values_are_found_by_key_ignoring_case() {
        let text = "---\ntitle: x\nMS.contentlocale: \"sv-SE\"\n---\n# Errors\n";
        let doc = parse_text(text);
        let entry = doc
            .front_matter_value(&["ms.contentlocale", "locale"])
            .unwrap();
        assert_eq!(entry.value, "sv-SE");
        assert_eq!(&text[entry.span.clone()], "sv-SE");
        assert!(doc.front_matter_value(&["lang"]).is_none());
    }

    #[test]
    fn front_matter_is_read_as_yaml() {
        let text = "---\ntitle: \"Fel: översikt\"\nlang: de # German\nms:\n  contentlocale: sv-SE\n---\n# Fel\n";
        let doc = parse_text(text);
        let value = |key: &str| {
            doc.front_matter_value(&[key])
                .map(|entry| entry.value.as_str())
        };
        assert_eq!(value("title"), Some("Fel: översikt"));
        assert_eq!(value("lang"), Some("de"));
        assert_eq!(value("ms.contentlocale"), Some("sv-SE"));
        let entry = doc.front_matter_value(&["ms.contentlocale"]).unwrap();
        assert_eq!(&text[entry.span.clone()], "sv-SE");
        assert_eq!(doc.front_matter_problem, None);
    }

    #[test]
    fn front_matter_that_is_not_yaml_is_a_problem_and_no_entries() {
        let doc = parse_text("---\ntitle: [unclosed\nlang: de\n---\n# Errors\n");
        assert!(doc.front_matter.is_empty());
        assert!(doc.front_matter_problem.is_some());
    }

    #[test]
    fn front_matter_is_not_read_as_a_heading() {
        let doc = parse_text("---\ntitle: x\n---\n# Errors\n");
        let texts: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Errors"]);
    }

    #[test]
    fn headings_drop_html_anchors_and_tables_know_their_heading() {
        let doc = parse_text("# <a name=\"x\"></a>Error codes\n\n| a |\n|---|\n| 1 |\n");
        assert_eq!(doc.headings[0].text, "Error codes");
        assert_eq!(doc.tables[0].heading, Some(0));
    }

    #[test]
    fn translated_cells_split_text_from_english_original() {
        let doc = parse_text(concat!(
            "| a |\n|---|\n",
            "| <span data-ttu-id=\"1\">번역</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">One.</span></span> ",
            "<span data-ttu-id=\"2\">둘</span><span class=\"sxs-lookup\"><span data-stu-id=\"2\">Two.</span></span> |\n",
        ));
        let cell = &doc.tables[0].rows[0].cells[0];
        assert_eq!(cell.text, "번역 둘");
        assert_eq!(cell.original.as_deref(), Some("One. Two."));
    }

    #[test]
    fn a_line_break_tag_separates_words() {
        let doc = parse_text("| a |\n|---|\n| one<br>two |\n");
        assert_eq!(doc.tables[0].rows[0].cells[0].text, "one two");
    }

    #[test]
    fn a_line_break_tag_is_known_in_any_case_and_closed_or_not() {
        for tag in [
            "<BR>",
            "<Br>",
            "<br/>",
            "<br />",
            "<BR />",
            "<br class=\"x\">",
        ] {
            let doc = parse_text(&format!("| a |\n|---|\n| one{tag}two |\n"));
            assert_eq!(doc.tables[0].rows[0].cells[0].text, "one two", "{tag:?}");
        }
    }

    #[test]
    fn a_tag_whose_name_starts_with_br_is_not_a_line_break() {
        for tag in ["<brand>", "<br-x>", "<br2>"] {
            let doc = parse_text(&format!("| a |\n|---|\n| one{tag}two |\n"));
            assert_eq!(doc.tables[0].rows[0].cells[0].text, "onetwo", "{tag:?}");
        }
    }

    #[test]
    fn no_break_space_in_a_cell_is_kept() {
        let doc = parse_text("| a |\n|---|\n| Code\u{a0} |\n");
        assert_eq!(doc.tables[0].rows[0].cells[0].text, "Code\u{a0}");
    }
}
