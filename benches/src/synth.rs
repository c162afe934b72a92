//! Synthetic error tables in the shape of the seed rows, and three
//! equivalent implementations of each: the `include_error_table!` call,
//! the derive stack users write today (thiserror + strum + serde) and plain
//! hand-written code (match arms and `write_str`).
//!
//! Shared by the build script (through `#[path]`), the library and the
//! `synth` binary, so it uses nothing but `std`.

// Indexes are table positions and locale numbers this module made itself,
// and constant arrays taken modulo their length: a panic would be a bug of
// the generator, caught by every benchmark run.
#![allow(clippy::indexing_slicing)]

use std::fmt::Write;

/// Locales of the synthetic translations, canonical first: Swedish and
/// French texts, then 38 more locales whose messages are the Swedish or
/// French ones marked with their tag, for measuring many translations.
pub const LOCALES: [&str; 41] = [
    "en-US",
    "sv-SE",
    "fr-FR",
    "de-DE",
    "es-ES",
    "it-IT",
    "ja-JP",
    "ko-KR",
    "zh-CN",
    "zh-TW",
    "pt-BR",
    "pt-PT",
    "nl-NL",
    "pl-PL",
    "ru-RU",
    "tr-TR",
    "cs-CZ",
    "hu-HU",
    "da-DK",
    "fi-FI",
    "nb-NO",
    "el-GR",
    "he-IL",
    "ar-SA",
    "th-TH",
    "id-ID",
    "ms-MY",
    "vi-VN",
    "uk-UA",
    "ro-RO",
    "bg-BG",
    "hr-HR",
    "sk-SK",
    "sl-SI",
    "et-EE",
    "lv-LV",
    "lt-LT",
    "sr-Latn-RS",
    "ca-ES",
    "hi-IN",
    "en-GB",
];

/// The most translations a synthetic table can have.
pub const MAX_TRANSLATIONS: usize = LOCALES.len() - 1;

/// The correlation ID every envelope benchmark sends.
pub const TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";

const PREFIXES: [&str; 10] = [
    "Invalid",
    "Missing",
    "Unsupported",
    "Disabled",
    "Expired",
    "Duplicate",
    "Unknown",
    "Malformed",
    "Locked",
    "Exhausted",
];

const NOUNS: [&str; 20] = [
    "Widget",
    "Account",
    "Token",
    "Tenant",
    "Device",
    "Machine",
    "Domain",
    "Address",
    "Session",
    "Policy",
    "Report",
    "Query",
    "Batch",
    "Quota",
    "File",
    "Folder",
    "Indicator",
    "Alert",
    "Incident",
    "Script",
];

/// Statuses 400–503, 400 the most common as in the seed table.
const STATUSES: [u16; 13] = [
    400, 400, 400, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503,
];

/// Placeholders per row, repeating: 4 rows with none, 4 with one, one
/// with two and one with three, close to the seed's mix.
const SHAPES: [u8; 10] = [0, 1, 0, 1, 2, 0, 1, 0, 3, 4];

/// A piece of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text shown as is.
    Literal(String),
    /// A hole: the name between the braces and the Rust field it fills.
    Hole {
        /// The placeholder's name as written in the table.
        name: &'static str,
        /// The field: the name's words without a leading article.
        field: &'static str,
    },
}

/// One row of a synthetic table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The wire code, which is also its `UpperCamelCase` variant name.
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// The message in each of [`LOCALES`], canonical first.
    pub messages: Vec<Vec<Segment>>,
}

impl Row {
    /// The fields of the row, in order of appearance in the canonical message.
    #[must_use]
    pub fn fields(&self) -> Vec<&'static str> {
        self.messages
            .first()
            .into_iter()
            .flatten()
            .filter_map(|segment| match segment {
                Segment::Hole { field, .. } => Some(*field),
                Segment::Literal(_) => None,
            })
            .collect()
    }
}

/// A synthetic table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its rows, in table order.
    pub rows: Vec<Row>,
    /// How many of [`LOCALES`] it has messages in, the canonical one
    /// included.
    pub locales: usize,
}

/// The rows the benchmarks use, found by shape near the end of the table,
/// where a linear lookup is slowest.
#[derive(Debug, Clone)]
pub struct Picks {
    /// Rows with 0, 1 and 2 placeholders.
    pub by_holes: [usize; 3],
    /// A code near the end of the table.
    pub hit: String,
    /// A string of the same length as `hit` that is no code.
    pub miss: String,
}

fn literal(text: impl Into<String>) -> Segment {
    Segment::Literal(text.into())
}

const fn hole(name: &'static str, field: &'static str) -> Segment {
    Segment::Hole { name, field }
}

/// The message of row `index` of `shape` in locale `locale` (an index of
/// [`LOCALES`]), about `noun`: past the Swedish and French ones, one of
/// them with the locale's tag after its last piece, which is always text.
fn message(shape: u8, locale: usize, noun: &str, index: usize) -> Vec<Segment> {
    let base = if locale == 0 { 0 } else { 2 - locale % 2 };
    let mut segments = base_message(shape, base, noun, index);
    if locale > 2
        && let Some(Segment::Literal(last)) = segments.last_mut()
    {
        let _ = write!(last, " ({})", LOCALES[locale]);
    }
    segments
}

/// The message of row `index` of `shape` in English (0), Swedish (1) or
/// French (2), about `noun`.
fn base_message(shape: u8, locale: usize, noun: &str, index: usize) -> Vec<Segment> {
    let lower = noun.to_lowercase();
    match (shape, locale) {
        (0, 0) => vec![literal(format!(
            "General {lower} error {index}: the request could not be processed."
        ))],
        (0, 1) => vec![literal(format!(
            "Allmänt {lower}-fel {index}: begäran kunde inte behandlas."
        ))],
        (0, _) => vec![literal(format!(
            "Erreur générale {lower} {index} : la requête n'a pas pu être traitée."
        ))],
        (1, 0) => vec![
            literal(format!("{noun} value ")),
            hole("the invalid value", "invalid_value"),
            literal(format!(" is invalid (check {index}).")),
        ],
        (1, 1) => vec![
            literal(format!("{noun}värdet ")),
            hole("the invalid value", "invalid_value"),
            literal(format!(" är ogiltigt (kontroll {index}).")),
        ],
        (1, _) => vec![
            literal(format!("La valeur {lower} ")),
            hole("the invalid value", "invalid_value"),
            literal(format!(" n'est pas valide (contrôle {index}).")),
        ],
        (2, 0) => vec![
            literal(format!(
                "Maximum {lower} batch size exceeded (check {index}). Received: "
            )),
            hole("batch size received", "batch_size_received"),
            literal(", allowed: "),
            hole("batch size allowed", "batch_size_allowed"),
            literal("."),
        ],
        (2, 1) => vec![
            literal(format!(
                "Maximal {lower}-batchstorlek överskriden (kontroll {index}). Mottaget: "
            )),
            hole("batch size received", "batch_size_received"),
            literal(", tillåtet: "),
            hole("batch size allowed", "batch_size_allowed"),
            literal("."),
        ],
        (2, _) => vec![
            literal(format!(
                "Taille maximale du lot {lower} dépassée (contrôle {index}). Reçu : "
            )),
            hole("batch size received", "batch_size_received"),
            literal(", autorisé : "),
            hole("batch size allowed", "batch_size_allowed"),
            literal("."),
        ],
        (3, 0) => vec![
            hole("The requested action", "requested_action"),
            literal(format!(" on {lower} ")),
            hole("the resource id", "resource_id"),
            literal(" requires client version "),
            hole("minimum version", "minimum_version"),
            literal(format!(" (check {index}).")),
        ],
        (3, 1) => vec![
            hole("The requested action", "requested_action"),
            literal(format!(" för {lower} ")),
            hole("the resource id", "resource_id"),
            literal(" kräver klientversion "),
            hole("minimum version", "minimum_version"),
            literal(format!(" (kontroll {index}).")),
        ],
        (3, _) => vec![
            hole("The requested action", "requested_action"),
            literal(format!(" sur {lower} ")),
            hole("the resource id", "resource_id"),
            literal(" exige la version du client "),
            hole("minimum version", "minimum_version"),
            literal(format!(" (contrôle {index}).")),
        ],
        // One placeholder first, as the seed's `DisallowedOperation`.
        (_, 0) => vec![
            hole("the requested resource", "requested_resource"),
            literal(format!(
                " was not found among {lower} items (check {index})."
            )),
        ],
        (_, 1) => vec![
            hole("the requested resource", "requested_resource"),
            literal(format!(
                " hittades inte bland {lower}-objekt (kontroll {index})."
            )),
        ],
        (_, _) => vec![
            hole("the requested resource", "requested_resource"),
            literal(format!(
                " est introuvable parmi les éléments {lower} (contrôle {index})."
            )),
        ],
    }
}

/// A table of `rows` rows, with translations into the first
/// `translations` locales of [`LOCALES`] after the canonical one.
///
/// # Panics
///
/// When `translations` is more than [`MAX_TRANSLATIONS`].
#[must_use]
pub fn table(rows: usize, translations: usize) -> Table {
    assert!(
        translations <= MAX_TRANSLATIONS,
        "at most {MAX_TRANSLATIONS} translations"
    );
    let locales = translations + 1;
    let combinations = PREFIXES.len() * NOUNS.len();
    let rows = (0..rows)
        .map(|index| {
            let prefix = PREFIXES[index % PREFIXES.len()];
            let noun = NOUNS[(index / PREFIXES.len()) % NOUNS.len()];
            let round = index / combinations;
            let code = if round == 0 {
                format!("{prefix}{noun}")
            } else {
                format!("{prefix}{noun}{round}")
            };
            let shape = SHAPES[index % SHAPES.len()];
            let status = STATUSES[(index * 7 + 3) % STATUSES.len()];
            let messages = (0..locales)
                .map(|locale| message(shape, locale, noun, index))
                .collect();
            Row {
                code,
                status,
                messages,
            }
        })
        .collect();
    Table { rows, locales }
}

impl Table {
    /// The rows and codes the benchmarks use.
    ///
    /// # Panics
    ///
    /// When the table has no row of 0, 1 or 2 placeholders (fewer than
    /// five rows).
    #[must_use]
    pub fn picks(&self) -> Picks {
        let last_with = |holes: usize| {
            self.rows
                .iter()
                .rposition(|row| row.fields().len() == holes)
                .unwrap_or_else(|| panic!("no row with {holes} placeholders"))
        };
        let hit = self.rows[self.rows.len() - 2].code.clone();
        let mut miss = hit.clone();
        miss.pop();
        miss.push('Q');
        Picks {
            by_holes: [last_with(0), last_with(1), last_with(2)],
            hit,
            miss,
        }
    }

    /// The index in [`LOCALES`] and the tag of each translation.
    pub fn translations(&self) -> impl Iterator<Item = (usize, &'static str)> {
        LOCALES
            .iter()
            .copied()
            .enumerate()
            .take(self.locales)
            .skip(1)
    }

    /// The table as Markdown in locale `locale` (an index of [`LOCALES`]).
    #[must_use]
    pub fn markdown(&self, locale: usize) -> String {
        let mut out = format!(
            "---\nlocale: {}\n---\n\n# Synthetic error table\n\n\
             | Error code | HTTP status code | Message |\n|---|---|---|\n",
            LOCALES[locale]
        );
        for row in &self.rows {
            let mut text = String::new();
            for segment in &row.messages[locale] {
                match segment {
                    Segment::Literal(literal) => text.push_str(literal),
                    Segment::Hole { name, .. } => {
                        let _ = write!(text, "{{{name}}}");
                    }
                }
            }
            let _ = writeln!(out, "| {} | {} | {text} |", row.code, row.status);
        }
        out
    }

    /// The module body with the `include_error_table!` call on the
    /// Markdown at `spec` and its translations at `translations`, writing
    /// the spec's three-member envelope, as the hand-written and derived
    /// code do.
    #[must_use]
    pub fn ours(&self, spec: &str, translations: &[String]) -> String {
        self.ours_with(spec, translations, "plain_envelope")
    }

    /// [`Self::ours`] with the wire format `wire` (the `wire` setting).
    #[must_use]
    pub fn ours_with(&self, spec: &str, translations: &[String], wire: &str) -> String {
        let mut out = String::from("// `include_error_table!` on the synthetic table.\n\n");
        if translations.is_empty() {
            let _ = writeln!(
                out,
                "error_table::include_error_table!({spec:?}, wire = {wire});"
            );
        } else {
            let _ = writeln!(
                out,
                "error_table::include_error_table!({spec:?}, locales = {translations:?}, wire = {wire});"
            );
        }
        self.samples(&mut out);
        out
    }

    /// The module body of plain hand-written code: match arms, `write_str`.
    #[must_use]
    pub fn hand(&self) -> String {
        let mut out = String::from(
            "// Hand-written: match arms and `write_str`.\n\n\
             use std::borrow::Cow;\nuse std::fmt;\n\n",
        );
        self.code_enum(
            &mut out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]",
        );
        out.push_str("impl ErrorCode {\n    #[must_use]\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
        for row in &self.rows {
            let _ = writeln!(out, "            Self::{0} => {0:?},", row.code);
        }
        out.push_str("        }\n    }\n\n");
        self.status_fn(&mut out);
        out.push_str("    #[must_use]\n    pub fn from_code(code: &str) -> Option<Self> {\n        match code {\n");
        for row in &self.rows {
            let _ = writeln!(out, "            {0:?} => Some(Self::{0}),", row.code);
        }
        out.push_str("            _ => None,\n        }\n    }\n}\n\n");
        self.error_enum(&mut out, "#[derive(Debug, Clone, PartialEq, Eq)]", false);
        self.code_fn(&mut out);
        out.push_str("impl fmt::Display for Error {\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        match self {\n");
        for row in &self.rows {
            write_arm(&mut out, row, &row.messages[0]);
        }
        out.push_str("        }\n    }\n}\n\nimpl std::error::Error for Error {}\n\n");
        self.hand_from_message(&mut out);
        if self.locales > 1 {
            self.hand_localized(&mut out);
        }
        self.samples(&mut out);
        out
    }

    /// The module body of the derive stack: thiserror, strum and serde.
    #[must_use]
    pub fn derive(&self) -> String {
        let mut out = String::from(
            "// The derive stack: thiserror 2, strum, serde derive.\n\n\
             use std::borrow::Cow;\n\n",
        );
        self.code_enum(
            &mut out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, \
             strum::IntoStaticStr, serde::Serialize, serde::Deserialize)]",
        );
        out.push_str("impl ErrorCode {\n");
        self.status_fn(&mut out);
        out.push_str("}\n\n");
        self.error_enum(
            &mut out,
            "#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]",
            true,
        );
        self.code_fn(&mut out);
        self.samples(&mut out);
        out
    }

    /// The code enum alone with `as_str` and `from_code`, hand-written.
    #[must_use]
    pub fn hand_lookup(&self) -> String {
        let mut out = String::from("// Hand-written code lookup: a `match` on the string.\n\n");
        self.code_enum(
            &mut out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]",
        );
        out.push_str("impl ErrorCode {\n    #[must_use]\n    pub fn from_code(code: &str) -> Option<Self> {\n        match code {\n");
        for row in &self.rows {
            let _ = writeln!(out, "            {0:?} => Some(Self::{0}),", row.code);
        }
        out.push_str("            _ => None,\n        }\n    }\n}\n");
        self.lookup_picks(&mut out);
        out
    }

    /// The code enum alone deriving strum's `EnumString`.
    #[must_use]
    pub fn derive_lookup(&self) -> String {
        let mut out = String::from("// The derive stack's code lookup: strum's `EnumString`.\n\n");
        self.code_enum(
            &mut out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString)]",
        );
        self.lookup_picks(&mut out);
        out
    }

    /// The code enum alone deriving strum's `EnumString` with a perfect
    /// hash (`#[strum(use_phf)]`), for comparison.
    #[must_use]
    pub fn phf_lookup(&self) -> String {
        let mut out = String::from("// strum's `EnumString` with `use_phf`: a perfect hash.\n\n");
        self.code_enum(
            &mut out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString)]\n#[strum(use_phf)]",
        );
        self.lookup_picks(&mut out);
        out
    }

    /// `HIT` and `MISS` for a lookup-only module.
    pub fn lookup_picks(&self, out: &mut String) {
        let picks = self.picks();
        let _ = writeln!(
            out,
            "\n/// A code near the end of the table.\npub const HIT: &str = {:?};\n\
             /// A string as long as `HIT` that is no code.\npub const MISS: &str = {:?};",
            picks.hit, picks.miss
        );
    }

    fn code_enum(&self, out: &mut String, derives: &str) {
        let _ = writeln!(out, "{derives}\npub enum ErrorCode {{");
        for row in &self.rows {
            let _ = writeln!(out, "    {},", row.code);
        }
        out.push_str("}\n\n");
    }

    fn status_fn(&self, out: &mut String) {
        out.push_str(
            "    #[must_use]\n    pub const fn status(self) -> u16 {\n        match self {\n",
        );
        for row in &self.rows {
            let _ = writeln!(out, "            Self::{} => {},", row.code, row.status);
        }
        out.push_str("        }\n    }\n\n");
    }

    fn error_enum(&self, out: &mut String, derives: &str, thiserror: bool) {
        let _ = writeln!(out, "{derives}\npub enum Error {{");
        for row in &self.rows {
            if thiserror {
                let mut format = String::new();
                for segment in &row.messages[0] {
                    match segment {
                        Segment::Literal(text) => {
                            format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                        }
                        Segment::Hole { field, .. } => {
                            let _ = write!(format, "{{{field}}}");
                        }
                    }
                }
                let _ = writeln!(out, "    #[error({format:?})]");
            }
            let fields = row.fields();
            if fields.is_empty() {
                let _ = writeln!(out, "    {},", row.code);
            } else {
                let _ = writeln!(out, "    {} {{", row.code);
                for field in fields {
                    let _ = writeln!(out, "        {field}: Cow<'static, str>,");
                }
                out.push_str("    },\n");
            }
        }
        out.push_str("}\n\n");
    }

    fn code_fn(&self, out: &mut String) {
        out.push_str("impl Error {\n    #[must_use]\n    pub const fn code(&self) -> ErrorCode {\n        match self {\n");
        for row in &self.rows {
            let rest = if row.fields().is_empty() {
                ""
            } else {
                " { .. }"
            };
            let _ = writeln!(
                out,
                "            Self::{0}{rest} => ErrorCode::{0},",
                row.code
            );
        }
        out.push_str("        }\n    }\n}\n\n");
    }

    fn hand_from_message(&self, out: &mut String) {
        out.push_str(
            "impl Error {\n    #[must_use]\n    pub fn from_message(code: ErrorCode, message: &str) -> Option<Self> {\n        match code {\n",
        );
        for row in &self.rows {
            let fields = row.fields();
            if fields.is_empty() {
                let _ = writeln!(
                    out,
                    "            ErrorCode::{0} => Some(Self::{0}),",
                    row.code
                );
                continue;
            }
            let _ = writeln!(
                out,
                "            ErrorCode::{} => {{\n                let rest = message;",
                row.code
            );
            let mut segments = row.messages[0].as_slice();
            if let [Segment::Literal(prefix), tail @ ..] = segments {
                let _ = writeln!(
                    out,
                    "                let rest = rest.strip_prefix({prefix:?})?;"
                );
                segments = tail;
            }
            if let [init @ .., Segment::Literal(suffix)] = segments {
                let _ = writeln!(
                    out,
                    "                let rest = rest.strip_suffix({suffix:?})?;"
                );
                segments = init;
            }
            let mut iter = segments.iter();
            while let Some(segment) = iter.next() {
                let Segment::Hole { field, .. } = segment else {
                    continue;
                };
                if let Some(Segment::Literal(separator)) = iter.next() {
                    let _ = writeln!(
                        out,
                        "                let ({field}, rest) = rest.split_once({separator:?})?;"
                    );
                } else {
                    let _ = writeln!(out, "                let {field} = rest;");
                }
            }
            let _ = write!(out, "                Some(Self::{} {{ ", row.code);
            for field in fields {
                let _ = write!(out, "{field}: Cow::Owned({field}.to_owned()), ");
            }
            out.push_str("})\n            }\n");
        }
        out.push_str("        }\n    }\n}\n\n");
    }

    fn hand_localized(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "pub const LOCALES: &[&str] = &{:?};\n",
            &LOCALES[..self.locales]
        );
        out.push_str(
            "/// An error shown in a chosen locale.\npub struct Localized<'a> {\n    pub error: &'a Error,\n    pub locale: usize,\n}\n\n\
             impl Error {\n    #[must_use]\n    pub fn localized(&self, accept_language: &str) -> Localized<'_> {\n        \
             Localized { error: self, locale: error_table::negotiate(accept_language, LOCALES) }\n    }\n}\n\n\
             impl fmt::Display for Localized<'_> {\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        match self.locale {\n",
        );
        for locale in 1..self.locales {
            let _ = writeln!(out, "            {locale} => match self.error {{");
            for row in &self.rows {
                write_arm(out, row, &row.messages[locale]);
            }
            out.push_str("            },\n");
        }
        out.push_str("            _ => fmt::Display::fmt(self.error, f),\n        }\n    }\n}\n\n");
    }

    /// `samples()` (the picked errors with 0, 1 and 2 placeholders), `HIT`
    /// and `MISS`, the same in every implementation.
    fn samples(&self, out: &mut String) {
        let picks = self.picks();
        let _ = writeln!(
            out,
            "\n/// A code near the end of the table.\npub const HIT: &str = {:?};\n\
             /// A string as long as `HIT` that is no code.\npub const MISS: &str = {:?};\n",
            picks.hit, picks.miss
        );
        out.push_str("/// Errors with 0, 1 and 2 placeholders.\n#[must_use]\npub fn samples() -> [Error; 3] {\n    [\n");
        for index in picks.by_holes {
            let row = &self.rows[index];
            let fields = row.fields();
            if fields.is_empty() {
                let _ = writeln!(out, "        Error::{},", row.code);
            } else {
                let _ = write!(out, "        Error::{} {{ ", row.code);
                for (value, field) in ["0xZZ", "1200", "500"].iter().zip(fields) {
                    let _ = write!(out, "{field}: ::std::borrow::Cow::Borrowed({value:?}), ");
                }
                out.push_str("},\n");
            }
        }
        out.push_str("    ]\n}\n");
    }
}

/// A `Display` arm writing `message` piece by piece with `write_str`.
fn write_arm(out: &mut String, row: &Row, message: &[Segment]) {
    let fields = row.fields();
    let pattern = if fields.is_empty() {
        format!("Self::{}", row.code)
    } else {
        format!("Self::{} {{ {} }}", row.code, fields.join(", "))
    };
    let pattern = pattern.replace("Self::", "Error::");
    let _ = write!(out, "            {pattern} => {{ ");
    for (index, segment) in message.iter().enumerate() {
        let question = if index + 1 == message.len() { "" } else { "?;" };
        match segment {
            Segment::Literal(text) => {
                let _ = write!(out, "f.write_str({text:?}){question} ");
            }
            Segment::Hole { field, .. } => {
                let _ = write!(out, "f.write_str({field}){question} ");
            }
        }
    }
    out.push_str("}\n");
}
