//! The stable code of every kind of diagnostic, such as `ET0304`, with
//! what it means, an example and the fix: what `error-table explain`
//! prints and the docs list.
//!
//! A code names a kind of problem, not a message: the wording of a message
//! may improve, its code does not change, and a retired code is never
//! reused. The two digits after `ET` are the stage that finds it (see
//! [`Stage`]), the last two number the kinds within the stage.

use std::fmt::Write as _;

/// The part of the pipeline a code belongs to: the first two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// `ET01xx`: reading files, and the command line's own inputs.
    Source,
    /// `ET02xx`: finding the error table and its columns in the page.
    Markdown,
    /// `ET03xx`: the codes, statuses and messages of the rows.
    Model,
    /// `ET04xx`: what the rows become in Rust.
    Validate,
    /// `ET05xx`: the macro's settings.
    Settings,
    /// `ET06xx`: translations compared with the canonical table.
    Locale,
    /// `ET07xx`: the contract: the lockfile and the changes between two
    /// versions of a table.
    Contract,
    /// `ET08xx`: the rest of the page measured against the table.
    Lint,
}

impl Stage {
    /// Every stage, in the order of their codes.
    pub const ALL: [Self; 8] = [
        Self::Source,
        Self::Markdown,
        Self::Model,
        Self::Validate,
        Self::Settings,
        Self::Locale,
        Self::Contract,
        Self::Lint,
    ];

    /// The stage's heading in the list of codes.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Source => "Files and inputs",
            Self::Markdown => "The error table in the page",
            Self::Model => "Codes, statuses and messages",
            Self::Validate => "Rust names",
            Self::Settings => "Settings",
            Self::Locale => "Translations",
            Self::Contract => "The contract: lockfile and changes",
            Self::Lint => "The rest of the page",
        }
    }

    /// The two digits after `ET` that the stage's codes start with.
    const fn digits(self) -> &'static str {
        match self {
            Self::Source => "01",
            Self::Markdown => "02",
            Self::Model => "03",
            Self::Validate => "04",
            Self::Settings => "05",
            Self::Locale => "06",
            Self::Contract => "07",
            Self::Lint => "08",
        }
    }
}

/// Declares [`DiagnosticCode`] with one line of data per variant, so that a code's
/// identifier, title, example and fix cannot fall out of step.
macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = $id:literal {
            example: $example:literal,
            fix: $fix:literal $(,)?
        }
    )*) => {
        /// The kind of a diagnostic, with a stable identifier such as
        /// `ET0304`. Every [`Diagnostic`](crate::Diagnostic) is made with
        /// one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticCode {
            $($(#[doc = $doc])+ $variant,)*
        }

        impl DiagnosticCode {
            /// Every code, in the order of their identifiers.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The stable identifier, such as `ET0304`.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            /// The lines of the code's documentation.
            const fn doc_lines(self) -> &'static [&'static str] {
                match self {
                    $(Self::$variant => &[$($doc),+],)*
                }
            }

            /// An input that has the problem.
            #[must_use]
            pub const fn example(self) -> &'static str {
                match self {
                    $(Self::$variant => $example,)*
                }
            }

            /// How to fix it.
            #[must_use]
            pub const fn fix(self) -> &'static str {
                match self {
                    $(Self::$variant => $fix,)*
                }
            }
        }
    };
}

codes! {
    /// The file is not valid UTF-8.
    /// A Markdown spec, a translation and a lockfile are read as UTF-8 text; a
    /// byte order mark and CRLF line ends are accepted.
    NotUtf8 = "ET0101" {
        example: "a page saved as Windows-1252, where `é` is the single byte 0xE9",
        fix: "save the file as UTF-8; the diagnostic names the offset of the first bad byte",
    }
    /// A file cannot be read or written.
    /// The path names no file, a directory, or a file without permission; in the
    /// macro paths are relative to the crate's `Cargo.toml`, on the command line
    /// to the current directory.
    Unreadable = "ET0102" {
        example: "include_error_table!(\"spec/erors.md\")",
        fix: "correct the path, or make the file readable (or its directory writable)",
    }
    /// A pattern of translation files is malformed or matches no file.
    NoMatchingFiles = "ET0103" {
        example: "locales = \"spec/errors.*.md\" in a crate with no translated page",
        fix: "correct the pattern, relative to the crate's `Cargo.toml` (the current directory on the command line)",
    }
    /// A Git revision cannot be read.
    /// The command line reads `REV:path` with `git show`; Git is missing, or the
    /// revision or the path does not exist.
    GitRevision = "ET0104" {
        example: "error-table check HEAD~1:errors.md (run outside the repository)",
        fix: "write the revision as `REV:path`, with the path from the repository's root or starting with `./`",
    }
    /// The command was asked for something it cannot do.
    /// Two options contradict each other, or an output would overwrite an input.
    Usage = "ET0105" {
        example: "error-table lock spec/errors.md -o spec/errors.md",
        fix: "follow the help of the diagnostic; `error-table <command> --help` shows every option",
    }
    /// error-table failed at its own work: a bug.
    Internal = "ET0106" {
        example: "the generated code does not parse as Rust",
        fix: "report the bug with the spec that shows it",
    }
    /// The page has no error table.
    /// The error table is the first table whose header names a code column and a
    /// status column; a `table` setting can choose another.
    NoErrorTable = "ET0201" {
        example: "| Name | Value |\n|---|---|\n| NotFound | 404 |",
        fix: "name the columns `Error code` and `HTTP status code` (any header with the words code and status), or choose the table with `table = \"Heading\"` or `table = 2`",
    }
    /// The `table` setting counts more tables than the page has.
    NoSuchTable = "ET0202" {
        example: "table = 3, in a page with two tables",
        fix: "count the page's tables from 1, or select the table by its heading",
    }
    /// The `table` setting names a heading the page does not have.
    NoSuchHeading = "ET0203" {
        example: "table = \"Error codes\", in a page whose heading is `Common error codes`",
        fix: "write the heading as the page does; the diagnostic lists the page's headings",
    }
    /// No table follows the heading that the `table` setting names.
    /// The table must come after the heading and before the next one.
    NoTableUnderHeading = "ET0204" {
        example: "## Errors\n\nSee the next section.\n\n## Codes\n\n| DiagnosticCode | Status |",
        fix: "move the error table under the heading, or name the heading above it",
    }
    /// Two columns of the header could both be the same column.
    AmbiguousColumn = "ET0205" {
        example: "| Error code | DiagnosticCode | HTTP status code | Message |",
        fix: "rename one of the two headers, so that one word says which is which",
    }
    /// The error table lacks a column it needs: the code, status or message.
    MissingColumn = "ET0206" {
        example: "| Error code | HTTP status code |\n|---|---|\n| NotFound | 404 |",
        fix: "add the column, with a header such as `Message`",
    }
    /// A row has fewer cells than the header.
    MissingCells = "ET0207" {
        example: "| Error code | HTTP status code | Message |\n|---|---|---|\n| NotFound | 404 |",
        fix: "fill the row's empty cells, or check for a `|` that should be written `\\|`",
    }
    /// A row has more cells than the header; Markdown drops the extra ones.
    ExtraCells = "ET0208" {
        example: "| Error code | HTTP status code | Message |\n|---|---|---|\n| NotFound | 404 | Not | found. |",
        fix: "remove the extra cells, write a `|` inside a cell as `\\|`, or add a column to the header",
    }
    /// The error table has a header and no rows.
    EmptyTable = "ET0209" {
        example: "| Error code | HTTP status code | Message |\n|---|---|---|",
        fix: "add one row per error: its code, its status and its message",
    }
    /// A cell holds a docs-generator variable that no `vars` setting gives.
    /// Pages built by a docs generator write `{{ product }}`; the `vars` setting
    /// (or `--var`) gives its value.
    DocsVariable = "ET0210" {
        example: "| NotFound | 404 | {{ product }} has no such resource. |",
        fix: "give the variable with `vars = { product = \"Defender\" }` or `--var product=Defender`",
    }
    /// A blank line ends the error table and leaves rows after it unread.
    RowsAfterBlankLine = "ET0211" {
        example: "| NotFound | 404 | Not found. |\n\n| Gone | 410 | Gone. |",
        fix: "remove the blank line, so that the rows belong to the table",
    }
    /// The page has tables that are not read beside the error table.
    /// By default the first error table is read with the later tables of
    /// its header; error tables with another header need the `tables`
    /// setting, and HTML, YFM and grid tables are never read.
    UnreadTables = "ET0212" {
        example: "two tables with code and status columns but different headers, and no `tables` setting",
        fix: "read them all with `tables = all`, or name them with `tables = [\"Heading\"]`; write an HTML or YFM table as a GFM table",
    }
    /// The front matter is not YAML, so none of its keys is read.
    FrontMatterNotYaml = "ET0213" {
        example: "---\nlocale: [sv-SE\n---",
        fix: "write the front matter as YAML, such as `locale: sv-SE`",
    }
    /// A row's code cell is empty.
    EmptyCode = "ET0301" {
        example: "| | 404 | Not found. |",
        fix: "write the code clients receive, such as `NotFound`",
    }
    /// A code holds a space or another character that splits it into words.
    CodeNotOneWord = "ET0302" {
        example: "| Not Found | 404 | Not found. |",
        fix: "write the code as one word, such as `NotFound` or `not_found`",
    }
    /// A code holds a character that is not ASCII.
    /// Codes travel on the wire and become Rust names; a letter that looks like
    /// an ASCII one (a Cyrillic `а`, a non-breaking space) would make two codes
    /// that look the same.
    CodeNotAscii = "ET0303" {
        example: "| NotFоund | 404 | Not found. | (with a Cyrillic `о`)",
        fix: "retype the code in ASCII letters, digits, `_`, `.` and `-`",
    }
    /// A status cell holds no 3-digit number.
    NoStatus = "ET0304" {
        example: "| NotFound | Not Found | Not found. |",
        fix: "write the status as `404`, `404 Not Found` or `NotFound (404)`",
    }
    /// A status cell holds more than one 3-digit number.
    SeveralStatuses = "ET0305" {
        example: "| NotFound | 404 or 410 | Not found. |",
        fix: "keep one status per code; two statuses make two codes",
    }
    /// A status is not an error status: not from 400 to 599.
    NotAnErrorStatus = "ET0306" {
        example: "| Moved | Found (302) | Moved. |",
        fix: "an error table holds client (4xx) and server (5xx) errors; write one of those, or remove the row",
    }
    /// A row's message cell is empty.
    EmptyMessage = "ET0307" {
        example: "| NotFound | 404 | |",
        fix: "write the message clients see for this error",
    }
    /// A message has a `}` that no `{` opens.
    UnmatchedBrace = "ET0308" {
        example: "| BadJson | 400 | Expected } here. |",
        fix: "write `}}` for a literal brace",
    }
    /// A message has a `{` that is never closed.
    UnclosedPlaceholder = "ET0309" {
        example: "| NotFound | 404 | Resource {the resource was not found. |",
        fix: "close the placeholder with `}`, or write `{{` for a literal brace",
    }
    /// A placeholder has no name.
    /// A placeholder's name becomes a field of the error's variant: `{the invalid
    /// hash}` is the field `invalid_hash`; leading `the`, `a` and `an` are dropped.
    UnnamedPlaceholder = "ET0310" {
        example: "| NotFound | 404 | Resource {} was not found. |",
        fix: "name the value, as in `{the resource}`, or write `{{}}` for literal braces",
    }
    /// A message names one placeholder twice.
    RepeatedPlaceholder = "ET0311" {
        example: "| Mismatch | 400 | {the name} is not {the name}. |",
        fix: "remove the second one, or give it a name of its own",
    }
    /// Two placeholders of one message become the same field.
    CollidingPlaceholders = "ET0312" {
        example: "| Mismatch | 400 | {the name} is not {a name}. |",
        fix: "give the two placeholders names that differ by more than `the`, `a` or `an`",
    }
    /// A code appears in two rows.
    DuplicateCode = "ET0401" {
        example: "| NotFound | 404 | Not found. |\n| NotFound | 410 | Gone. |",
        fix: "each code may appear once; remove one row or rename its code",
    }
    /// Two codes become the same Rust variant.
    /// A code's variant is its `UpperCamelCase` form, so `not_found` and `NotFound`
    /// are one variant.
    CollidingVariants = "ET0402" {
        example: "| NotFound | 404 | Not found. |\n| not_found | 404 | Not found. |",
        fix: "rename one of the two codes, or remove the row that repeats the other",
    }
    /// A code has no Rust name.
    /// Its `UpperCamelCase` form is a keyword or not an identifier.
    CodeHasNoRustName = "ET0403" {
        example: "| self | 400 | Bad self. |  or  | 404Error | 404 | Not found. |",
        fix: "rename the code: start it with a letter, and do not make it `Self`",
    }
    /// A placeholder has no Rust name.
    /// Its field would be a keyword or not an identifier.
    PlaceholderHasNoRustName = "ET0404" {
        example: "| BadType | 400 | Bad {type}. |",
        fix: "add a word, as in `{the type name}`, and start the name with a letter",
    }
    /// A placeholder's name mixes scripts.
    /// Letters of two scripts in one name (a Cyrillic `а` among Latin ones) make
    /// two names that look the same.
    MixedScriptPlaceholder = "ET0405" {
        example: "| BadHash | 400 | Hash {the hаsh} is invalid. | (with a Cyrillic `а`)",
        fix: "retype the placeholder's name in one script",
    }
    /// A placeholder's name is written in letters that all look like Latin ones.
    /// Rust warns (`mixed_script_confusables`) where a crate names a field whose
    /// letters of one script all look like letters of another, such as a
    /// Cyrillic `сор` that reads as `cop`.
    LookAlikePlaceholder = "ET0406" {
        example: "| Arrested | 403 | Stopped by {сор}. | (in Cyrillic letters)",
        fix: "write the name in Latin letters, or use letters of its script that look like no Latin one",
    }
    /// A placeholder's name holds a character Unicode keeps out of identifiers.
    /// Rust warns (`uncommon_codepoints`) where a crate names such a field, for
    /// example one with the micro sign `µ` instead of the Greek `μ`.
    UncommonCharacterPlaceholder = "ET0407" {
        example: "| TooSmall | 400 | Below {the µ value}. |",
        fix: "write the character's usual form, such as `μ` for `µ`",
    }
    /// A setting of the macro does not fit the table.
    /// For example, a `fields` setting names a field that no placeholder of the
    /// table has.
    Setting = "ET0501" {
        example: "fields = { batch_sise: u32 }",
        fix: "correct the setting as its help says; the README lists every setting",
    }
    /// A severity setting names no code, or no severity.
    BadLintSetting = "ET0502" {
        example: "lints = { ET0999 = warn }  or  -W ET0804X",
        fix: "name a code that `error-table explain` knows, and set it to `deny`, `warn` or `allow`",
    }
    /// A variable given by the `vars` setting is used by no message.
    UnusedVariable = "ET0503" {
        example: "vars = { product = \"Defender\" }  in a page without `{{ product }}`",
        fix: "remove the variable, or check its spelling against the page",
    }
    /// The locale of a translation cannot be told.
    /// The locale comes from the front matter (`locale`, `lang` or
    /// `ms.contentlocale`) or from the file's name, such as `errors.sv-SE.md`.
    UnknownLocale = "ET0601" {
        example: "a translation `errors.swedish.md` without front matter",
        fix: "add `locale: sv-SE` to its front matter, or name the file like `errors.sv-SE.md`",
    }
    /// Two files have the same locale, or a translation has the canonical table's.
    DuplicateLocale = "ET0602" {
        example: "errors.sv-SE.md and errors.sv.md both saying `locale: sv-SE`",
        fix: "each translation needs a locale of its own; check the front matter and the file names",
    }
    /// A translation has no table with the canonical table's columns.
    NoTranslatedTable = "ET0603" {
        example: "a translated page whose table was replaced by a list",
        fix: "add the translated table, with the canonical table's columns in the same order",
    }
    /// The columns of a translated table do not match the canonical table's.
    /// Translated headers are not read; the columns are matched by position,
    /// so the count must be the same.
    TranslatedColumns = "ET0604" {
        example: "a translation that added a column `Anmärkning`",
        fix: "keep the canonical table's columns, in the same order",
    }
    /// A translation has two rows for one code.
    DuplicateTranslatedRow = "ET0605" {
        example: "| NotFound | 404 | Hittades inte. |\n| NotFound | 404 | Saknas. |",
        fix: "remove one of the two rows",
    }
    /// A translation has a code that the canonical table does not.
    /// Codes are not translated; a translated or misspelled code is flagged with
    /// the closest canonical code.
    UnknownTranslatedCode = "ET0606" {
        example: "| Obehörig | 401 | Obehörig. |  where the canonical code is `Unauthorized`",
        fix: "write the canonical code, or remove the row if the canonical table dropped it",
    }
    /// A translation gives a code another status than the canonical table.
    TranslatedStatus = "ET0607" {
        example: "| NotFound | 410 | Hittades inte. |  where the canonical status is 404",
        fix: "write the canonical status; the status is part of the contract and is not translated",
    }
    /// A translated message has a placeholder that the canonical message lacks.
    /// Placeholder names are not translated: each becomes a field, matched by name.
    UnknownTranslatedPlaceholder = "ET0608" {
        example: "Hashvärdet {hashvärdet} är ogiltigt.  where the canonical message has `{the invalid hash}`",
        fix: "keep the canonical placeholder's name in the translation: `{the invalid hash}`",
    }
    /// A translated message lacks a placeholder of the canonical message.
    MissingTranslatedPlaceholder = "ET0609" {
        example: "Hashvärdet är ogiltigt.  where the canonical message has `{the invalid hash}`",
        fix: "put the placeholder where the value belongs in the translated sentence",
    }
    /// A translation was made from an older canonical message.
    /// A translated cell that carries its English original (`<span
    /// class=\"sxs-lookup\">`) shows which text it was translated from.
    StaleTranslation = "ET0610" {
        example: "a translated cell whose English original reads `Invalid hash.` where the canonical message is now `Hash value {the invalid hash} is invalid.`",
        fix: "translate the current message and update the original it carries; the `stale_translations` setting or `-W ET0610`/`-D ET0610` chooses the severity",
    }
    /// A translation has no row for a code of the canonical table.
    /// With the severity lowered to a warning, the canonical message is shown in
    /// that locale instead.
    MissingTranslation = "ET0611" {
        example: "a translation made before the row `TooManyRequests` was added",
        fix: "add the translated row; or set `missing_translations = warn` (or `-W ET0611`) to fall back to the canonical message",
    }
    /// The lockfile is malformed.
    /// Each line after `version 1` is a code, its HTTP status and its placeholder
    /// fields; `#` starts a comment.
    MalformedLock = "ET0701" {
        example: "version 1\nNotFound four-oh-four",
        fix: "write the lockfile anew with `error-table lock <spec>`",
    }
    /// The lockfile has an unresolved merge conflict.
    LockConflict = "ET0702" {
        example: "<<<<<<< HEAD\nNotFound 404\n=======\nNotFound 410\n>>>>>>> branch",
        fix: "write the lockfile anew from the merged table with `error-table lock <spec>`",
    }
    /// A locked status changed.
    /// Clients may branch on the status of a code: the build fails until the
    /// lockfile accepts the change.
    StatusChanged = "ET0703" {
        example: "the lockfile pins `NotFound 404` and the table says `Gone (410)`",
        fix: "restore the status, or accept the change on purpose with `error-table lock <spec>`",
    }
    /// The placeholder fields of a locked code changed.
    /// Clients read the fields of an error: a field renamed or lost breaks them.
    FieldsChanged = "ET0704" {
        example: "the lockfile pins `InvalidHashValue 400 invalid_hash` and the message now says `{the hash}`",
        fix: "restore the placeholder's name, or accept the change on purpose with `error-table lock <spec>`",
    }
    /// A locked code was renamed.
    /// A code gone and a new code with the same status and fields and a close
    /// spelling are taken to be one error renamed.
    CodeRenamed = "ET0705" {
        example: "the lockfile pins `ResourceNotFound` and the table now says `ResourceNotFond`",
        fix: "restore the code, or accept the change on purpose with `error-table lock <spec>`",
    }
    /// A locked code is no longer in the table.
    CodeRemoved = "ET0706" {
        example: "the lockfile pins `DisabledFeature` and the table has no such row",
        fix: "restore the row, or accept the change on purpose with `error-table lock <spec>`",
    }
    /// A code was added: it is not in the lockfile, or not in the old table.
    /// Adding a code breaks no client, but `lock --check` asks for the lockfile to
    /// pin it.
    CodeAdded = "ET0707" {
        example: "a new row `Teapot | 418 | Short.` after the last `error-table lock`",
        fix: "lock it with `error-table lock <spec>`",
    }
    /// A message was reworded between two versions of a table.
    /// Messages are free to change; `diff --fail-on any` makes it fail.
    MessageChanged = "ET0708" {
        example: "`Invalid request body.` became `The request body is invalid.`",
        fix: "nothing, unless the table is frozen",
    }
    /// There is no lockfile where `lock --check` looks.
    NoLockfile = "ET0709" {
        example: "error-table lock --check spec/errors.md, with no spec/errors.lock",
        fix: "write it with `error-table lock <spec>` and commit it",
    }
    /// The lockfile is not written the way `error-table lock` writes it.
    /// It pins the same contract, but lines out of order, or a changed comment, make diffs noisy.
    LockNotCanonical = "ET0710" {
        example: "the lines of spec/errors.lock sorted by status by hand",
        fix: "rewrite it with `error-table lock <spec>`",
    }
    /// A code was added to a table whose enums are exhaustive.
    /// With `exhaustive = true` the generated enums are not `#[non_exhaustive]`,
    /// so a `match` on them in another crate may have no wildcard arm, and a
    /// new variant stops it compiling: the build fails until the lockfile
    /// accepts the change.
    CodeAddedToExhaustive = "ET0711" {
        example: "a new row `Teapot | 418 | Short.` in a table built with `exhaustive = true`",
        fix: "leave out `exhaustive = true`, so that rows may be added; or accept the change on purpose with `error-table lock <spec>`",
    }
    /// The lockfile pins exhaustive enums, but the table's are `#[non_exhaustive]`.
    /// A `match` in another crate written without a wildcard arm no longer
    /// compiles.
    EnumsOpened = "ET0712" {
        example: "`exhaustive = true` removed from the macro call while the lockfile says `exhaustive`",
        fix: "set `exhaustive = true` again, or accept the change on purpose with `error-table lock <spec>`",
    }
    /// The table's enums are exhaustive, which the lockfile does not say.
    /// Nothing breaks, but from now on an added code would; `lock --check` asks
    /// for the lockfile to say so.
    EnumsClosed = "ET0713" {
        example: "`exhaustive = true` added to the macro call after the last `error-table lock`",
        fix: "lock it with `error-table lock <spec> --exhaustive`",
    }
    /// A JSON example of an error response names a code the table lacks.
    /// A fenced `json` block whose object has an `error` member with a `code`
    /// is taken as an error envelope; its code must be a row of the table.
    ExampleUnknownCode = "ET0801" {
        example: "```json\n{\"error\": {\"code\": \"ResourceNotFond\", \"message\": \"…\"}}\n```",
        fix: "write a code of the table; the diagnostic names the closest one",
    }
    /// A JSON example's message does not follow its row's template.
    /// The literal text of the template must be there, each placeholder filled
    /// with some text.
    ExampleMessage = "ET0802" {
        example: "\"message\": \"Machine 123 was not found\"  where the template is `Resource {the requested resource} was not found.`",
        fix: "write the message the service sends for that code, such as `Resource Machine 123 was not found.`",
    }
    /// A JSON example's status is not its row's status.
    /// The status is read from an `HTTP/1.1 404` line of the example, or from a
    /// `status` member of the error.
    ExampleStatus = "ET0803" {
        example: "HTTP/1.1 400 Bad Request\n{\"error\": {\"code\": \"NotFound\", …}}  where `NotFound` is 404",
        fix: "write the status of the code's row",
    }
    /// A code named in the prose is not a code of the table, but close to one.
    /// Words in bold or in backticks that look like codes are compared with the
    /// table's codes.
    ProseUnknownCode = "ET0804" {
        example: "A misspelled parameter shows up as `InvalidRequestBdy`.",
        fix: "write the code as the table does; the diagnostic names the closest one",
    }
}

impl DiagnosticCode {
    /// What the code means, in a sentence: the first line of its
    /// documentation.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.doc_lines().first().map_or("", |line| line.trim())
    }

    /// What the code means, in a paragraph: the title and the detail.
    #[must_use]
    pub fn meaning(self) -> String {
        let lines: Vec<&str> = self.doc_lines().iter().map(|line| line.trim()).collect();
        lines.join(" ")
    }

    /// The documentation after its first line, in a paragraph; empty when
    /// the title says it all.
    #[must_use]
    pub fn detail(self) -> String {
        let lines: Vec<&str> = self
            .doc_lines()
            .iter()
            .skip(1)
            .map(|line| line.trim())
            .collect();
        lines.join(" ")
    }

    /// The code with the identifier `id`, such as `ET0304`, in any case.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|code| code.id().eq_ignore_ascii_case(id))
    }

    /// The stage the code belongs to.
    #[must_use]
    pub fn stage(self) -> Stage {
        let digits = self.id().get(2..4).unwrap_or_default();
        Stage::ALL
            .into_iter()
            .find(|stage| stage.digits() == digits)
            .unwrap_or(Stage::Source)
    }

    /// What `error-table explain` prints: the meaning, an example and the
    /// fix.
    #[must_use]
    pub fn explanation(self) -> String {
        let mut text = format!("{}: {}\n\nExample:\n\n", self.id(), self.meaning());
        for line in self.example().lines() {
            let _ = writeln!(text, "    {line}");
        }
        let _ = writeln!(text, "\nFix: {}", self.fix());
        text
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.id())
    }
}

/// The Markdown page that lists every code, grouped by stage: the docs'
/// `spec/CODES.md`, generated from this registry.
#[must_use]
pub fn page() -> String {
    let mut page = String::from(
        "# Diagnostic codes\n\n\
         Every diagnostic of `error-table` has a stable code, shown in every output\n\
         format (`error[ET0304]: …`). `error-table explain ET0304` prints what a code\n\
         means, an example and the fix. This page is generated from the same list\n\
         (`error-table explain --all`); a test keeps the two in step.\n",
    );
    for stage in Stage::ALL {
        let _ = writeln!(page, "\n## {}", stage.title());
        for code in DiagnosticCode::ALL
            .iter()
            .filter(|code| code.stage() == stage)
        {
            let _ = write!(page, "\n### {}: {}\n\n", code.id(), code.title());
            let detail = code.detail();
            if !detail.is_empty() {
                let _ = write!(page, "{detail}\n\n");
            }
            let _ = writeln!(
                page,
                "```text\n{}\n```\n\nFix: {}",
                code.example(),
                code.fix()
            );
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_unique_sorted_and_name_their_stage() {
        let ids: Vec<&str> = DiagnosticCode::ALL.iter().map(|code| code.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "sorted and unique");
        for code in DiagnosticCode::ALL {
            let id = code.id();
            assert!(
                id.len() == 6
                    && id.starts_with("ET")
                    && id.bytes().skip(2).all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert_eq!(
                id.get(2..4),
                Some(code.stage().digits()),
                "{id} is in its stage"
            );
        }
    }

    #[test]
    fn every_code_has_a_title_an_example_and_a_fix() {
        for code in DiagnosticCode::ALL {
            assert!(
                code.title().ends_with('.'),
                "{code}: a sentence on one line"
            );
            assert!(!code.example().is_empty(), "{code}");
            assert!(!code.fix().is_empty(), "{code}");
        }
    }

    #[test]
    fn codes_are_found_by_identifier_in_any_case() {
        assert_eq!(
            DiagnosticCode::from_id("ET0304"),
            Some(DiagnosticCode::NoStatus)
        );
        assert_eq!(
            DiagnosticCode::from_id("et0304"),
            Some(DiagnosticCode::NoStatus)
        );
        assert_eq!(DiagnosticCode::from_id("ET9999"), None);
    }

    #[test]
    fn an_explanation_has_the_meaning_an_example_and_the_fix() {
        insta::assert_snapshot!(DiagnosticCode::NotAnErrorStatus.explanation(), @r"
        ET0306: A status is not an error status: not from 400 to 599.

        Example:

            | Moved | Found (302) | Moved. |

        Fix: an error table holds client (4xx) and server (5xx) errors; write one of those, or remove the row
        ");
    }
}
