// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo xtask`: the project's own commands.
//!
//! - `cargo xtask test` runs everything CI runs: formatting, lints, host unit tests of the
//!   crates and of the C code under sanitizers, the generated-file check, and every QEMU boot
//!   (examples, the newcomer workflow, hostile boot input, `cargo test` on seL4). It ends with `N passed, M failed`.
//! - `cargo xtask gen` regenerates the files derived from `api/`.
//! - `cargo xtask bench [--sel4-prefix PATH]` prints benchmark figures (guest instructions).
//! - `cargo xtask roottask [MODE]` builds and boots one of devkernel's C test root tasks.
//! - `cargo xtask conformance [--sel4-prefix PATH]` runs the seL4 conformance suite on devkernel,
//!   or on the real seL4 kernel installed at PATH (also `SEL4_PREFIX`).

mod bad_input;
mod bench;
mod boots;
mod cargo_test;
mod conformance;
mod harness;
mod host_checks;
mod process;
mod release_kernel;
mod roottasks;
mod tool;
mod typed_api;
mod workflow;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "The project's build, test and generate commands")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run every check and boot that CI runs.
    Test {
        /// Run only the checks whose name contains this text (for example `boot` or `workflow`).
        filter: Option<String>,
    },
    /// Regenerate the C headers and Rust bindings from the API description in `api/`.
    Gen,
    /// Build and boot one of devkernel's C test root tasks (kernel/tests/roottask).
    Roottask {
        /// smoke (default), caps, vspace, fuzz, vspacetrace, N (smoke ending in fault N) or
        /// vspaceN.
        mode: Option<String>,
    },
    /// Print benchmark figures (guest instructions under QEMU's -icount), on devkernel or on a
    /// real seL4.
    Bench {
        /// Boot the real seL4 kernel installed at this prefix (its `bin/kernel.elf`) instead of
        /// devkernel; defaults to the environment variable `SEL4_PREFIX` when set.
        #[arg(long, value_name = "PATH")]
        sel4_prefix: Option<std::path::PathBuf>,
    },
    /// Run the seL4 conformance suite (caps, memory, threads, IPC, faults, IRQs) on devkernel or on a real seL4.
    Conformance {
        /// Boot the real seL4 kernel installed at this prefix (its `bin/kernel.elf`) instead of
        /// devkernel; defaults to the environment variable `SEL4_PREFIX` when set.
        #[arg(long, value_name = "PATH")]
        sel4_prefix: Option<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Cmd::Test { filter } => {
            let mut suite = harness::Suite::new(filter);
            host_checks::run_all(&mut suite);
            bad_input::run_all(&mut suite);
            roottasks::run_all(&mut suite);
            release_kernel::run_all(&mut suite);
            boots::run_all(&mut suite);
            typed_api::run_all(&mut suite);
            conformance::run_all(&mut suite);
            workflow::run_all(&mut suite);
            tool::run_all(&mut suite);
            cargo_test::run_all(&mut suite);
            if suite.finish() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Cmd::Conformance { sel4_prefix } => conformance::main(sel4_prefix),
        Cmd::Bench { sel4_prefix } => bench::main(sel4_prefix),
        Cmd::Roottask { mode } => roottasks::main(mode),
        Cmd::Gen => {
            let status = process::cargo()
                .args(["run", "--quiet", "-p", "sel4-api", "--", "generate"])
                .current_dir(process::workspace_root())
                .status();
            match status {
                Ok(s) if s.success() => ExitCode::SUCCESS,
                Ok(_) => ExitCode::FAILURE,
                Err(e) => {
                    eprintln!("error: cannot run cargo: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
