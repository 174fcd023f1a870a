// SPDX-License-Identifier: MIT OR Apache-2.0
//! Checks that need no QEMU: formatting, lints, the crates' own tests, the C unit tests of
//! the kernel and the runtime (under sanitizers), and the generated files' freshness.

use crate::harness::Suite;
use crate::process::{cargo, run, workspace_root};
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(900);

/// Registers every host check with the suite.
pub fn run_all(suite: &mut Suite) {
    let root = workspace_root();
    suite.check("host: cargo fmt --check", || {
        run(cargo().args(["fmt", "--all", "--check"]).current_dir(&root), LIMIT)?.expect_status(0)?;
        Ok(())
    });
    suite.check("host: generated files are fresh", || {
        run(cargo().args(["run", "--quiet", "-p", "sel4-api", "--", "check"]).current_dir(&root), LIMIT)?
            .expect_status(0)?;
        Ok(())
    });
    suite.check("host: cargo clippy (warnings denied)", || {
        run(
            cargo()
                .args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])
                .current_dir(&root),
            LIMIT,
        )?
        .expect_status(0)?;
        Ok(())
    });
    suite.check("host: cargo test (all crates)", || {
        run(cargo().args(["test", "--workspace", "--quiet"]).current_dir(&root), LIMIT)?.expect_status(0)?;
        Ok(())
    });
    suite.check("host: cargo doc (warnings denied)", || {
        run(
            cargo()
                .args(["doc", "--workspace", "--no-deps", "--quiet"])
                .env("RUSTDOCFLAGS", "-D warnings")
                .current_dir(&root),
            LIMIT,
        )?
        .expect_status(0)?;
        Ok(())
    });
    for dir in ["kernel/tests/host", "runtime/tests/host"] {
        suite.check(&format!("host: C unit tests in {dir} (ASan, UBSan)"), || {
            let path = root.join(dir);
            if !path.join("Makefile").exists() {
                return Err(format!("{} has no Makefile", path.display()));
            }
            run(Command::new("make").arg("-C").arg(&path).arg("-j2"), LIMIT)?.expect_status(0)?;
            Ok(())
        });
    }
}
