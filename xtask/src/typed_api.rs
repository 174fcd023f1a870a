// SPDX-License-Identifier: MIT OR Apache-2.0
//! Boots examples/typed-cycle: the typed `sel4` API through a whole object life cycle
//! (retype, map, mint, IPC carrying a capability, revoke, delete, memory returned), debug
//! and release, its `std-thread-calls` program (seL4 calls from std threads, each through
//! its own IPC buffer), and its `error-replies` program, which checks that `sel4::Error` decodes
//! the kernel's error replies. Each program checks itself and ends with one summary line.
//! The `invocation-cost` benchmark boots too, so it keeps working; its figures (typed and
//! raw calls, meaningful under `-icount`) are printed, never checked.

use crate::harness::Suite;
use crate::process::{cargo, run, workspace_root};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(600);

/// Registers the typed-cycle boots.
pub fn run_all(suite: &mut Suite) {
    let root = workspace_root();
    for release in [false, true] {
        let profile = if release { "release" } else { "debug" };
        suite.check(&format!("boot: examples/typed-cycle ({profile})"), || {
            let mut cmd = cargo();
            cmd.args(["run", "-p", "typed-cycle", "--bin", "typed-cycle"]).current_dir(&root);
            if release {
                cmd.arg("--release");
            }
            let out = run(&mut cmd, LIMIT)?;
            out.expect_status(0)?;
            out.expect_contains("ok: memory returned")?;
            out.expect_contains("typed-cycle: all steps passed")?;
            Ok(())
        });
    }
    suite.check("boot: examples/typed-cycle error-replies", || {
        let mut cmd = cargo();
        cmd.args(["run", "-p", "typed-cycle", "--bin", "error-replies"]).current_dir(&root);
        let out = run(&mut cmd, LIMIT)?;
        out.expect_status(0)?;
        out.expect_contains("error-replies: 12 of 12 errors decoded as expected")?;
        Ok(())
    });
    suite.check("boot: examples/typed-cycle std-thread-calls", || {
        let mut cmd = cargo();
        cmd.args(["run", "-p", "typed-cycle", "--bin", "std-thread-calls"]).current_dir(&root);
        let out = run(&mut cmd, LIMIT)?;
        out.expect_status(0)?;
        out.expect_contains("std-thread-calls: 5 distinct IPC buffers for 5 threads")?;
        out.expect_contains("std-thread-calls: all threads used their own IPC buffer")?;
        Ok(())
    });
    suite.check("boot: examples/typed-cycle invocation-cost (release)", || {
        let mut cmd = cargo();
        cmd.args(["run", "--release", "-p", "typed-cycle", "--bin", "invocation-cost"]).current_dir(&root);
        let out = run(&mut cmd, LIMIT)?;
        out.expect_status(0)?;
        out.expect_contains("CPtr::identify")?;
        Ok(())
    });
}
