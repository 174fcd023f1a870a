// SPDX-License-Identifier: MIT OR Apache-2.0
//! Boots every example on devkernel in QEMU, the way a user runs it (`cargo run -p NAME`),
//! and checks what it prints and the status it exits with.

use crate::harness::Suite;
use crate::process::{cargo, run, run_with_input, workspace_root, Input};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(600);

/// An example, the profile to build it with, the lines it must print, and what to type
/// into its serial console, if anything.
struct Example {
    package: &'static str,
    release: bool,
    expect: &'static [&'static str],
    input: Option<Input<'static>>,
}

const EXAMPLES: &[Example] = &[
    Example { package: "hello", release: false, expect: &["Hello, world!"], input: None },
    Example { package: "hello", release: true, expect: &["Hello, world!"], input: None },
    Example { package: "hello-no-std", release: false, expect: &["Hello, world!"], input: None },
    Example { package: "hello-no-std", release: true, expect: &["Hello, world!"], input: None },
    Example {
        package: "hello-c",
        release: false,
        expect: &["Hello, world! (from C)", "rootserver started with argc = 1", "COM1 line status: "],
        input: None,
    },
    Example {
        package: "c-and-rust",
        release: false,
        expect: &[
            "C: asking Rust for each square",
            "Rust: 4 squared is 16",
            "Rust: C says 1 + 4 + 9 + 16 = 30",
        ],
        input: None,
    },
    Example {
        package: "threads",
        release: false,
        expect: &["root: the thread asks for 3 squared", "root: the thread says the squares add up to 14"],
        input: None,
    },
    Example {
        package: "faults",
        release: false,
        expect: &[
            "caught a data access fault at address 0x0",
            "instruction pointer 0x",
            ": reads_address_zero + 0x",
        ],
        input: None,
    },
    Example {
        package: "irq",
        release: false,
        expect: &["hello, interrupts", "irq: bye (interrupts handled: "],
        input: Some(Input { after: "irq: type a line", text: "hello, interrupts\nquit\n" }),
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
            let out = match &example.input {
                Some(input) => run_with_input(&mut cmd, LIMIT, input)?,
                None => run(&mut cmd, LIMIT)?,
            };
            out.expect_status(0)?;
            for line in example.expect {
                out.expect_contains(line)?;
            }
            Ok(())
        });
    }
}
