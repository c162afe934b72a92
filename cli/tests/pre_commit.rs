//! The hooks of `.pre-commit-hooks.yaml` run by the real `pre-commit`
//! (from the Python package index) in a throwaway docs repository: a clean page passes, a
//! broken page and a page whose lockfile is out of date fail with their
//! diagnostics. Ignored, as it needs `pre-commit`; `.ci/run` installs it
//! and runs this test.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the cli crate")
        .to_path_buf()
}

/// A fresh directory for a test, under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pre-commit")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// `pre-commit run` on the staged files of `docs`, with the built
/// `error-table` first on the PATH.
fn pre_commit(docs: &Path, home: &Path) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_error-table"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    Command::new("pre-commit")
        .args(["run", "--color", "never"])
        .current_dir(docs)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .output()
        .expect("pre-commit runs; .ci/run installs it with pip")
}

/// What pre-commit printed.
fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
#[ignore = "needs pre-commit from PyPI: .ci/run installs it"]
fn the_hooks_pass_a_clean_page_and_fail_a_broken_one_or_a_stale_lockfile() {
    let root = scratch("hooks");
    let home = root.join("cache");

    // This repository's hooks, committed in a repository of their own.
    let hooks = root.join("hooks");
    fs::create_dir_all(&hooks).unwrap();
    fs::copy(
        workspace().join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(&hooks, &["init", "--quiet"]);
    git(&hooks, &["add", "."]);
    git(&hooks, &["commit", "--quiet", "-m", "hooks"]);
    let rev = git(&hooks, &["rev-parse", "HEAD"]);

    // A docs repository that uses them on its error page.
    let docs = root.join("docs");
    fs::create_dir_all(docs.join("spec")).unwrap();
    git(&docs, &["init", "--quiet"]);
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: error-table-check\n        files: ^spec/errors\\.md$\n      - id: error-table-lock-check\n        files: ^spec/errors\\.md$\n",
        hooks.display(),
        rev.trim()
    );
    fs::write(docs.join(".pre-commit-config.yaml"), config).unwrap();
    let spec = fs::read_to_string(workspace().join("spec/errors.md")).unwrap();
    fs::write(docs.join("spec/errors.md"), &spec).unwrap();
    let lock = Command::new(env!("CARGO_BIN_EXE_error-table"))
        .args(["lock", "spec/errors.md"])
        .current_dir(&docs)
        .output()
        .unwrap();
    assert!(lock.status.success(), "{lock:?}");
    git(&docs, &["add", "."]);

    let clean = pre_commit(&docs, &home);
    assert!(clean.status.success(), "{}", printed(&clean));
    let text = printed(&clean);
    assert!(
        text.contains("error-table check") && text.contains("Passed"),
        "{text}"
    );
    git(&docs, &["commit", "--quiet", "--no-verify", "-m", "docs"]);

    let broken = spec.replacen(
        "| NotFound | Not Found (404)",
        "| NotFound | Found (302)",
        1,
    );
    assert_ne!(broken, spec);
    fs::write(docs.join("spec/errors.md"), &broken).unwrap();
    git(&docs, &["add", "spec/errors.md"]);
    let failed = pre_commit(&docs, &home);
    let text = printed(&failed);
    assert!(!failed.status.success(), "{text}");
    assert!(
        text.contains("error[ET0306]: status 302 is not an error status"),
        "{text}"
    );
    assert!(text.contains("--> spec/errors.md:"), "{text}");

    let added = spec.replacen(
        "| TooManyRequests |",
        "| Teapot | 418 | Short. |\n| TooManyRequests |",
        1,
    );
    fs::write(docs.join("spec/errors.md"), &added).unwrap();
    git(&docs, &["add", "spec/errors.md"]);
    let stale = pre_commit(&docs, &home);
    let text = printed(&stale);
    assert!(!stale.status.success(), "{text}");
    assert!(
        text.contains("error[ET0707]: `Teapot` is not in the lockfile"),
        "{text}"
    );
    assert!(text.contains("spec/errors.lock is out of date"), "{text}");
}
