//! Benchmarks of error-table against what users write without it; see
//! `BENCHMARKS.md` at the root of the workspace.
//!
//! This library is the generator of the synthetic tables. The build
//! script writes each table, as Markdown and as the three implementations
//! of [`synth`], into `OUT_DIR`; the bench targets include them.

pub mod synth;
