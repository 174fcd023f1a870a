// SPDX-License-Identifier: MIT OR Apache-2.0
//! Boots every example on devkernel in QEMU, the way a user runs it (`cargo run -p NAME`),
//! and checks what it prints and the status it exits with.

use crate::harness::Suite;
use crate::process::{cargo, run, workspace_root};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(600);

/// An example, the profile to build it with, and a line it must print.
struct Example {
    package: &'static str,
    release: bool,
    expect: &'static [&'static str],
}

const EXAMPLES: &[Example] = &[
    Example { package: "hello", release: false, expect: &["Hello, world!"] },
    Example { package: "hello", release: true, expect: &["Hello, world!"] },
    Example { package: "hello-no-std", release: false, expect: &["Hello, world!"] },
    Example { package: "hello-no-std", release: true, expect: &["Hello, world!"] },
    Example {
        package: "hello-c",
        release: false,
        expect: &["Hello, world! (from C)", "rootserver started with argc = 1", "COM1 line status: "],
    },
    Example {
        package: "c-and-rust",
        release: false,
        expect: &[
            "C: asking Rust for each square",
            "Rust: 4 squared is 16",
            "Rust: C says 1 + 4 + 9 + 16 = 30",
        ],
    },
];

/// Registers one boot check per example and profile.
pub fn run_all(suite: &mut Suite) {
    let root = workspace_root();
    for example in EXAMPLES {
        let profile = if example.release { "release" } else { "debug" };
        suite.check(&format!("boot: examples/{} ({profile})", example.package), || {
            let mut cmd = cargo();
            cmd.args(["run", "-p", example.package]).current_dir(&root);
            if example.release {
                cmd.arg("--release");
            }
            let out = run(&mut cmd, LIMIT)?;
            out.expect_status(0)?;
            for line in example.expect {
                out.expect_contains(line)?;
            }
            Ok(())
        });
    }
}
