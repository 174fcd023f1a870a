// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo xtask`: the project's own commands.
//!
//! - `cargo xtask test` runs everything CI runs: formatting, lints, host unit tests of the
//!   crates and of the C code under sanitizers, the generated-file check, and every QEMU boot
//!   (examples, the newcomer workflow, hostile boot input). It ends with `N passed, M failed`.
//! - `cargo xtask gen` regenerates the files derived from `api/`.

mod bad_input;
mod boots;
mod harness;
mod host_checks;
mod process;
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
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Cmd::Test { filter } => {
            let mut suite = harness::Suite::new(filter);
            host_checks::run_all(&mut suite);
            bad_input::run_all(&mut suite);
            boots::run_all(&mut suite);
            workflow::run_all(&mut suite);
            if suite.finish() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
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
