//! The benchmarks' runner: criterion, or, for `instructions.sh`, one
//! benchmark run a counted number of times.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};

/// A criterion group, or, when `ERROR_TABLE_COUNT=ID:N` is set, nothing
/// but the benchmark `ID` run `N` times, for counting its instructions
/// (`instructions.sh`).
pub struct Group<'a> {
    name: &'static str,
    inner: BenchmarkGroup<'a, WallTime>,
}

impl<'a> Group<'a> {
    pub fn new(c: &'a mut Criterion, name: &'static str) -> Self {
        Self {
            name,
            inner: c.benchmark_group(name),
        }
    }

    pub fn finish(self) {
        self.inner.finish();
    }
}

fn count_mode() -> Option<(String, u64)> {
    let spec = std::env::var("ERROR_TABLE_COUNT").ok()?;
    let (id, count) = spec.rsplit_once(':')?;
    Some((id.to_owned(), count.parse().ok()?))
}

/// Benchmarks `routine` as `name` in `group`, or runs it the counted number
/// of times in count mode when its id is the one asked for.
pub fn run<R>(group: &mut Group<'_>, name: &str, mut routine: impl FnMut() -> R) {
    if let Some((id, count)) = count_mode() {
        if id == format!("{}/{name}", group.name) {
            for _ in 0..count {
                black_box(routine());
            }
        }
        return;
    }
    group.inner.bench_function(name, |b| b.iter(&mut routine));
}

/// Criterion as the run-time benchmarks use it: short by default, for a
/// 2-core machine; the command line overrides.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
}
