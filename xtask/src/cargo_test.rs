// SPDX-License-Identifier: MIT OR Apache-2.0
//! Plain `cargo test` on seL4, the way a user runs it: a copy of `tests/cargo-test-sample`
//! configured by `cargo sel4 init` (the checks use the configuration init writes, nothing
//! written by hand), then `cargo test` with libtest's own options. Every test binary (the
//! library's and the root task's unit tests, the integration test in `tests/`, the doc test)
//! is booted on devkernel by `cargo sel4 runner`, and the tests read the boot info, which
//! exists only on seL4. Checked: the summary lines, `should_panic`, ignored tests with
//! `--ignored` and `--include-ignored`, `--nocapture`, name filters, `--test-threads` (two
//! tests that pass only when they run at the same time) and a failing test that fails
//! `cargo test`. With `SEL4_PREFIX` set, the sample also runs on that real seL4. The target
//! directory stays under `target/` between runs, so a warm suite rebuilds only the sample.

use crate::harness::{CheckResult, Suite};
use crate::process::{cargo, run, workspace_root, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(600);

/// Where the sample lives in the repository.
const SAMPLE: &str = "tests/cargo-test-sample";

/// The sample's dependency on the `sel4` crate, relative to the sample; the copy gets the
/// absolute path.
const SEL4_DEPENDENCY: &str = "path = \"../../crates/sel4\"";

/// Variables of the calling environment that would change what the checks build or boot.
const CLEARED: &[&str] = &[
    "SEL4_PREFIX",
    "SEL4_KERNEL",
    "SEL4_RUN_TIMEOUT",
    "SEL4_RUN_ENV",
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTDOCFLAGS",
    "CARGO_ENCODED_RUSTDOCFLAGS",
    "CARGO_BUILD_RUSTDOCFLAGS",
    "CARGO_BUILD_TARGET",
];

/// The copy of the sample, the `cargo-sel4` the runner line of its configuration calls, and
/// the target directory kept between runs. The copy is removed when dropped.
struct Sample {
    scratch: PathBuf,
    bin: PathBuf,
    target_dir: PathBuf,
}

impl Sample {
    fn project(&self) -> PathBuf {
        self.scratch.join("sample")
    }

    /// `cargo ARGS` in the copy, on devkernel.
    fn cargo(&self, args: &[&str]) -> Command {
        let mut command = cargo();
        command.args(args).current_dir(self.project());
        for variable in CLEARED {
            command.env_remove(variable);
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        let paths = std::iter::once(self.bin.clone()).chain(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths).unwrap_or_default());
        command.env("CARGO_TARGET_DIR", &self.target_dir);
        command
    }

    /// `cargo test ARGS` in the copy.
    fn test(&self, args: &[&str]) -> Result<Output, String> {
        let mut all = vec!["test"];
        all.extend(args);
        run(&mut self.cargo(&all), LIMIT)
    }
}

impl Drop for Sample {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// Registers the `cargo test` checks.
pub fn run_all(suite: &mut Suite) {
    if !suite.selected("cargo test on seL4") {
        return;
    }
    let mut sample = None;
    suite.check("cargo test on seL4: cargo sel4 init configures a copy of tests/cargo-test-sample", || {
        sample = Some(set_up()?);
        Ok(())
    });
    let Some(sample) = sample else { return };
    suite.check(
        "cargo test on seL4: unit tests of a library and a root task, an integration test, a doc test",
        || everything(&sample),
    );
    suite.check("cargo test on seL4: doc tests are built for seL4 and run by cargo sel4 runner", || {
        let out = sample.test(&["--doc", "--verbose"])?;
        out.expect_status(0)?;
        let rustdoc = out.text.lines().find(|line| line.contains("rustdoc") && line.contains("--test "));
        let rustdoc = rustdoc.ok_or_else(|| format!("no rustdoc --test command\n{}", out.tail()))?;
        for flag in ["--cfg sel4 ", "-C link-arg=-nostdlib", "--test-runtool cargo --test-runtool-arg sel4"] {
            if !rustdoc.contains(flag) {
                return Err(format!("rustdoc runs without {flag:?}: {rustdoc}"));
            }
        }
        expect(&out, "Doc-tests cargo_test_sample", &["test result: ok. 1 passed; 0 failed"])
    });
    suite.check("cargo test on seL4: --nocapture shows what a test prints, a filter selects it", || {
        let out = sample.test(&["--lib", "--", "--nocapture", "prints_what_it_checks"])?;
        out.expect_status(0)?;
        expect(
            &out,
            "Running unittests src/lib.rs",
            &[
                "printed by a test on seL4: two 1 MiB untypeds hold 2097152 bytes",
                "test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 7 filtered out",
            ],
        )
    });
    suite.check(
        "cargo test on seL4: --ignored with --test-threads=2 runs the ignored tests side by side",
        || {
            let out = sample.test(&["--lib", "--", "--ignored", "--test-threads=2"])?;
            out.expect_status(0)?;
            expect(
                &out,
                "Running unittests src/lib.rs",
                &[
                    "test tests::every_size_doubles_the_last ... ok",
                    "test tests::side_by_side::first ... ok",
                    "test tests::side_by_side::second ... ok",
                    "test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 5 filtered out",
                ],
            )
        },
    );
    suite.check("cargo test on seL4: --include-ignored --test-threads=3 runs every test", || {
        let out = sample.test(&["--lib", "--", "--include-ignored", "--test-threads=3"])?;
        out.expect_status(0)?;
        expect(
            &out,
            "Running unittests src/lib.rs",
            &["test result: ok. 8 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out"],
        )
    });
    suite.check("cargo test on seL4: a failing test fails cargo test with its message", || {
        let out = sample.test(&["--lib", "--features", "failing-test"])?;
        expect(
            &out,
            "Running unittests src/lib.rs",
            &[
                "test tests::fails_on_purpose ... FAILED",
                "a test that fails on seL4",
                "test result: FAILED. 5 passed; 1 failed; 3 ignored; 0 measured; 0 filtered out",
            ],
        )?;
        match out.status {
            Some(0) | None => Err(format!("status {:?}, expected a failure\n{}", out.status, out.tail())),
            Some(_) => Ok(()),
        }
    });
    real_sel4(suite, &sample);
}

/// Copies the sample into a scratch directory (with the workspace's `Cargo.lock`, so the
/// dependencies resolve as in the workspace, offline), points its `sel4` dependency at this
/// checkout, runs `cargo sel4 init` in it, and provides the `cargo-sel4` its runner calls.
fn set_up() -> Result<Sample, String> {
    let root = workspace_root();
    run(cargo().args(["build", "--quiet", "-p", "cargo-sel4"]).current_dir(&root), LIMIT)?
        .expect_status(0)?;
    let scratch = std::env::temp_dir().join(format!("sel4-cargo-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let sample =
        Sample { bin: scratch.join("bin"), target_dir: root.join("target/cargo-test-sample"), scratch };
    std::fs::create_dir_all(&sample.bin)
        .map_err(|e| format!("cannot create {}: {e}", sample.bin.display()))?;
    let tool = root.join("target/debug/cargo-sel4");
    std::fs::copy(&tool, sample.bin.join("cargo-sel4"))
        .map_err(|e| format!("cannot copy {}: {e}", tool.display()))?;

    let project = sample.project();
    copy_sources(&root.join(SAMPLE), &project)?;
    let manifest_path = project.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).map_err(|e| e.to_string())?;
    if !manifest.contains(SEL4_DEPENDENCY) {
        return Err(format!("{SAMPLE}/Cargo.toml lacks {SEL4_DEPENDENCY:?}"));
    }
    let sel4 = format!("path = {:?}", root.join("crates/sel4").display().to_string());
    std::fs::write(&manifest_path, manifest.replace(SEL4_DEPENDENCY, &sel4)).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).map_err(|e| e.to_string())?;

    run(&mut sample.cargo(&["sel4", "init"]), LIMIT)?.expect_status(0)?.expect_contains("Configured")?;
    let config = std::fs::read_to_string(project.join(".cargo/config.toml")).map_err(|e| e.to_string())?;
    for needle in ["runner = [\"cargo\", \"sel4\", \"runner\"]", "\nrustflags = [", "\nrustdocflags = ["] {
        if !config.contains(needle) {
            return Err(format!("the configuration cargo sel4 init wrote lacks {needle:?}:\n{config}"));
        }
    }
    Ok(sample)
}

/// Copies the sample's sources (not a `target/`, `.cargo/` or `Cargo.lock` of a build in
/// place) from `from` to `to`.
fn copy_sources(from: &Path, to: &Path) -> CheckResult {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        if ["target", ".cargo", "Cargo.lock"].iter().any(|skipped| name == *skipped) {
            continue;
        }
        let (source, destination) = (entry.path(), to.join(&name));
        if source.is_dir() {
            copy_sources(&source, &destination)?;
        } else {
            std::fs::copy(&source, &destination)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// The part of `cargo test`'s output that one test binary printed: from the line cargo
/// starts it with (`Running tests/boot_info.rs (...)`, `Doc-tests NAME`) to the next one
/// (not a ``Running `COMMAND` `` line of `--verbose`).
fn section<'a>(out: &'a Output, start: &str) -> Result<&'a str, String> {
    let text = out.text.as_str();
    let begin = text.find(start).ok_or_else(|| format!("no {start:?} line\n{}", out.tail()))?;
    let rest = &text[begin + start.len()..];
    let mut end = rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let binary = trimmed.starts_with("Running ") && !trimmed.starts_with("Running `");
        if offset > 0 && (binary || trimmed.starts_with("Doc-tests ")) {
            end = offset;
            break;
        }
        offset += line.len();
    }
    Ok(&rest[..end])
}

/// Fails unless the section of the test binary `start` names has every one of `needles`.
fn expect(out: &Output, start: &str, needles: &[&str]) -> CheckResult {
    let part = section(out, start)?;
    match needles.iter().find(|needle| !part.contains(**needle)) {
        None => Ok(()),
        Some(missing) => Err(format!("the output of {start:?} lacks {missing:?}\n{part}")),
    }
}

/// Plain `cargo test`: every test binary of the sample, on seL4.
fn everything(sample: &Sample) -> CheckResult {
    let out = sample.test(&[])?;
    out.expect_status(0)?;
    expect(
        &out,
        "Running unittests src/lib.rs",
        &[
            "Booting cargo_test_sample on devkernel",
            "test tests::sizes_are_powers_of_two ... ok",
            "test tests::oversized_untypeds_panic - should panic ... ok",
            "test tests::every_size_doubles_the_last ... ignored, slow: every size",
            "test tests::side_by_side::first ... ignored, needs --test-threads=2 or more",
            "test tests::threads_share_the_work ... ok",
            "test result: ok. 5 passed; 0 failed; 3 ignored; 0 measured; 0 filtered out",
        ],
    )?;
    // libtest captures what a passing test prints unless told otherwise
    if out.text.contains("printed by a test on seL4") {
        return Err(format!("a passing test's output was shown without --nocapture\n{}", out.tail()));
    }
    expect(
        &out,
        "Running unittests src/main.rs",
        &[
            "Booting cargo_test_sample on devkernel",
            "test tests::the_binary_has_tests_too ... ok",
            "test result: ok. 1 passed; 0 failed; 0 ignored",
        ],
    )?;
    expect(
        &out,
        "Running tests/boot_info.rs",
        &[
            "Booting boot_info on devkernel",
            "test runs_as_an_sel4_root_task ... ok",
            "test result: ok. 1 passed; 0 failed; 0 ignored",
        ],
    )?;
    expect(&out, "Doc-tests cargo_test_sample", &["test result: ok. 1 passed; 0 failed; 0 ignored"])
}

/// The sample on the real seL4 named by `SEL4_PREFIX` in the environment, if any.
fn real_sel4(suite: &mut Suite, sample: &Sample) {
    let Some(prefix) = std::env::var_os("SEL4_PREFIX").filter(|prefix| !prefix.is_empty()) else {
        eprintln!("\n==> cargo test on seL4: real seL4 run skipped (SEL4_PREFIX is not set)");
        return;
    };
    suite.check("cargo test on seL4: the sample on the real seL4 of SEL4_PREFIX", || {
        let out = run(
            sample
                .cargo(&["test", "--", "--include-ignored", "--test-threads=2"])
                .env("SEL4_PREFIX", &prefix),
            LIMIT,
        )?;
        out.expect_status(0)?;
        expect(
            &out,
            "Running unittests src/lib.rs",
            &["Booting cargo_test_sample on seL4 (", "test result: ok. 8 passed; 0 failed; 0 ignored"],
        )?;
        expect(
            &out,
            "Running tests/boot_info.rs",
            &["Booting boot_info on seL4 (", "test result: ok. 1 passed"],
        )?;
        expect(&out, "Doc-tests cargo_test_sample", &["test result: ok. 1 passed; 0 failed"])
    });
}
