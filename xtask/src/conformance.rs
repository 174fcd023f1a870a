// SPDX-License-Identifier: MIT OR Apache-2.0
//! The seL4 conformance suite (`tests/conformance`): a root task that checks capabilities and
//! memory invocations against real seL4's answers. `cargo xtask conformance` boots it on
//! devkernel, or with `--sel4-prefix PATH` (or `SEL4_PREFIX`) on the real seL4 kernel installed
//! at PATH; `cargo xtask test` runs it on devkernel as one check.

use crate::harness::Suite;
use crate::process::{cargo, run, workspace_root, Output};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

/// Building and booting the suite takes seconds; the limit only stops a hung build.
const LIMIT: Duration = Duration::from_secs(900);

/// The root task runs in a few seconds on either kernel; a kernel that hangs on some case is
/// stopped by the launcher after this many seconds (unless `SEL4_RUN_TIMEOUT` says otherwise).
const RUN_TIMEOUT_SECS: &str = "120";

/// The counts from the root task's last `N passed, M failed` line.
#[derive(Debug, PartialEq)]
pub struct Summary {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
}

/// Reads the last `N passed, M failed` line of the serial output (lines may end in `\r`).
pub fn summary(text: &str) -> Option<Summary> {
    text.lines().rev().find_map(|line| {
        let (passed, failed) = line.trim().strip_suffix(" failed")?.split_once(" passed, ")?;
        Some(Summary { passed: passed.parse().ok()?, failed: failed.parse().ok()? })
    })
}

/// The `cargo run -p conformance` command, for devkernel or for the real seL4 installed at
/// `prefix`. The launcher itself checks the prefix's configuration and converts its kernel,
/// as for any `cargo run` with `SEL4_PREFIX`.
fn command(prefix: Option<&Path>) -> Command {
    let mut cmd = cargo();
    cmd.args(["run", "-p", "conformance"]).current_dir(workspace_root());
    if std::env::var_os("SEL4_RUN_TIMEOUT").is_none() {
        cmd.env("SEL4_RUN_TIMEOUT", RUN_TIMEOUT_SECS);
    }
    cmd.env_remove("SEL4_KERNEL");
    match prefix {
        Some(prefix) => cmd.env("SEL4_PREFIX", prefix),
        None => cmd.env_remove("SEL4_PREFIX"),
    };
    cmd
}

/// Boots the suite and judges its output: every case passed and the root task exited with 0.
fn boot(prefix: Option<&Path>) -> Result<(Output, Summary), String> {
    let out = run(&mut command(prefix), LIMIT)?;
    let Some(counts) = summary(&out.text) else {
        return Err(format!("the suite printed no `N passed, M failed` line\n{}", out.tail()));
    };
    Ok((out, counts))
}

/// `cargo xtask conformance [--sel4-prefix PATH]`: runs the suite, echoes its output, and ends
/// with the suite's own `N passed, M failed` line.
pub fn main(sel4_prefix: Option<PathBuf>) -> ExitCode {
    let prefix =
        sel4_prefix.or_else(|| std::env::var_os("SEL4_PREFIX").filter(|p| !p.is_empty()).map(PathBuf::from));
    match &prefix {
        Some(prefix) => eprintln!("conformance: booting real seL4 ({})", prefix.display()),
        None => eprintln!("conformance: booting devkernel"),
    }
    match boot(prefix.as_deref()) {
        Ok((out, counts)) => {
            println!("{} passed, {} failed", counts.passed, counts.failed);
            if counts.failed == 0 && counts.passed > 0 && out.status == Some(0) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(why) => {
            eprintln!("error: {why}");
            println!("0 passed, 1 failed");
            ExitCode::FAILURE
        }
    }
}

/// Registers the suite as one check of `cargo xtask test`, on devkernel.
pub fn run_all(suite: &mut Suite) {
    suite.check("conformance: every case passes on devkernel", || {
        let (out, counts) = boot(None)?;
        if counts.failed > 0 || counts.passed == 0 {
            return Err(format!(
                "{} passed, {} failed (see the FAILED lines above)",
                counts.passed, counts.failed
            ));
        }
        out.expect_status(0)?;
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_last_summary_line() {
        let text = "case a ... ok\r\n1 passed, 0 failed\r\nnoise\r\n3 passed, 2 failed\r\n";
        assert_eq!(summary(text), Some(Summary { passed: 3, failed: 2 }));
    }

    #[test]
    fn ignores_lines_that_only_look_alike() {
        assert_eq!(summary("case x ... FAILED: 2 passed, y failed\n"), None);
        assert_eq!(summary(""), None);
    }
}
