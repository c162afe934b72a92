//! Writes the synthetic tables and their three implementations into
//! `OUT_DIR`: `tN.md` (and `tN.sv-SE.md`, `tN.fr-FR.md` for the 20- and
//! 2,000-row tables), `tN_ours.rs`, `tN_derive.rs`, `tN_hand.rs` for N = 20 and 2,000
//! (and 10,000 with the `large-full` feature), and with the `large` feature
//! `t10000_lookup_{ours,hand,derive,phf}.rs`: the code enum and its lookup
//! alone.
//!
//! The macro call names the Markdown by its absolute path in `OUT_DIR`
//! (the macro joins its path to the crate directory, and joining an
//! absolute path gives that path), so nothing is written into the source
//! tree.

#[allow(clippy::all, clippy::pedantic, dead_code, missing_docs)]
#[path = "src/synth.rs"]
mod synth;

use std::path::Path;

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

fn write(path: &Path, text: &str) {
    // Unchanged files keep their modification time, so that the bench
    // targets are not rebuilt for nothing.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    if let Err(error) = std::fs::write(path, text) {
        panic!("cannot write {}: {error}", path.display());
    }
}

/// The first two items the pipeline generates for `table`, the code enum
/// and its inherent impl (`as_str`, `status`, `template`, `from_code`),
/// exactly as the macro emits them: what a 10,000-row `from_code` is, to
/// compare with the hand-written `match` alone, whose whole table rustc
/// cannot optimize at that size in 24 GB (see BENCHMARKS.md).
fn ours_lookup(table: &synth::Table) -> String {
    let file = SourceFile::new("t10000.md", table.markdown(0));
    let generated = generate(&file, &Settings::default());
    assert!(
        generated.diagnostics.is_empty(),
        "the synthetic table is valid"
    );
    let mut items = TokenStream::new();
    let mut bodies = 0;
    for tree in generated.tokens {
        let body =
            matches!(&tree, TokenTree::Group(group) if group.delimiter() == Delimiter::Brace);
        items.extend([tree]);
        if body {
            bodies += 1;
            if bodies == 2 {
                break;
            }
        }
    }
    let mut out = format!(
        "// The code enum and its impl as `include_error_table!` generates them.\n\n{items}\n"
    );
    table.lookup_picks(&mut out);
    out
}

fn main() {
    println!("cargo::rerun-if-changed=src/synth.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let out_dir = Path::new(&out_dir);
    let full = std::env::var_os("CARGO_FEATURE_LARGE_FULL").is_some();
    let sizes: &[usize] = if full {
        &[20, 2_000, 10_000]
    } else {
        &[20, 2_000]
    };
    for &rows in sizes {
        // Translations for `localized`, but not at 10,000 rows, whose
        // hand-written `Display` alone is hard enough to compile.
        let table = synth::table(rows, if rows <= 2_000 { 2 } else { 0 });
        let spec = out_dir.join(format!("t{rows}.md"));
        write(&spec, &table.markdown(0));
        let mut translations = Vec::new();
        for (index, locale) in table.translations() {
            let path = out_dir.join(format!("t{rows}.{locale}.md"));
            write(&path, &table.markdown(index));
            translations.push(path.to_string_lossy().into_owned());
        }
        write(
            &out_dir.join(format!("t{rows}_ours.rs")),
            &table.ours(&spec.to_string_lossy(), &translations),
        );
        if rows == 20 {
            // The wire formats that carry the fields, against the plain one.
            for (name, wire) in [("fields", "envelope"), ("problem", "problem_details")] {
                write(
                    &out_dir.join(format!("t20_ours_{name}.rs")),
                    &table.ours_with(&spec.to_string_lossy(), &[], wire),
                );
            }
        }
        write(&out_dir.join(format!("t{rows}_derive.rs")), &table.derive());
        write(&out_dir.join(format!("t{rows}_hand.rs")), &table.hand());
    }
    if std::env::var_os("CARGO_FEATURE_LARGE").is_some() {
        let table = synth::table(10_000, 0);
        write(&out_dir.join("t10000_lookup_ours.rs"), &ours_lookup(&table));
        write(&out_dir.join("t10000_lookup_hand.rs"), &table.hand_lookup());
        write(
            &out_dir.join("t10000_lookup_derive.rs"),
            &table.derive_lookup(),
        );
        write(&out_dir.join("t10000_lookup_phf.rs"), &table.phf_lookup());
    }
}
