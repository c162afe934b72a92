//! Build-time benchmark of the pipeline alone: `error_table_codegen`
//! reading, checking and expanding synthetic tables of 20, 2,000 and
//! 10,000 rows, as a whole (`generate`) and stage by stage.
//!
//! This runs the library compiled with the bench profile (optimized).
//! Inside `cargo check` the macro runs it compiled for the host with the
//! dev profile (unoptimized) and builds its tokens through the compiler's
//! `proc_macro` bridge: `build-times.sh` measures that end to end.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use error_table_benches::synth;
use error_table_codegen::diagnostic::Diagnostics;
use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, expand, generate, locale, markdown, model, validate};

const SIZES: [usize; 3] = [20, 2_000, 10_000];

fn codegen(c: &mut Criterion) {
    let settings = Settings::default();
    let files: Vec<(usize, SourceFile)> = SIZES
        .iter()
        .map(|&rows| {
            let text = synth::table(rows, 0).markdown(0);
            (rows, SourceFile::new(format!("t{rows}.md"), text))
        })
        .collect();
    for (rows, file) in &files {
        let generated = generate(file, &settings);
        assert!(
            generated.diagnostics.is_empty(),
            "{rows} rows: {:?}",
            generated.diagnostics
        );
        assert_eq!(generated.checked.rows.len(), *rows);
    }

    let mut group = c.benchmark_group("codegen");
    for (rows, file) in &files {
        group.throughput(Throughput::Elements(*rows as u64));
        group.bench_with_input(BenchmarkId::new("generate", rows), file, |b, file| {
            b.iter(|| generate(file, &settings));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("codegen_stages");
    for (rows, file) in &files {
        group.throughput(Throughput::Elements(*rows as u64));
        group.bench_with_input(BenchmarkId::new("markdown", rows), file, |b, file| {
            b.iter(|| markdown::parse(file));
        });
        let document = markdown::parse(file);
        group.bench_with_input(BenchmarkId::new("model", rows), file, |b, file| {
            b.iter(|| {
                model::build(
                    file,
                    &document,
                    &settings,
                    &mut Diagnostics::default(),
                    &mut Diagnostics::default(),
                )
            });
        });
        let table = model::build(
            file,
            &document,
            &settings,
            &mut Diagnostics::default(),
            &mut Diagnostics::default(),
        )
        .expect("a table");
        group.bench_with_input(BenchmarkId::new("validate", rows), file, |b, file| {
            b.iter_batched(
                || table.clone(),
                |table| validate::check(file, table, &settings, &mut Diagnostics::default()),
                criterion::BatchSize::LargeInput,
            );
        });
        let checked = validate::check(file, table, &settings, &mut Diagnostics::default());
        let canonical = locale::canonical_locale(&document);
        group.bench_with_input(BenchmarkId::new("expand", rows), &checked, |b, checked| {
            b.iter(|| expand::expand(checked, &canonical, &[], &settings, file.name()));
        });
        let tokens = expand::expand(&checked, &canonical, &[], &settings, file.name());
        group.bench_with_input(
            BenchmarkId::new("tokens_to_string", rows),
            &tokens,
            |b, tokens| {
                b.iter(|| tokens.to_string());
            },
        );
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
}

criterion_group! {
    name = benches;
    config = config();
    targets = codegen
}
criterion_main!(benches);
