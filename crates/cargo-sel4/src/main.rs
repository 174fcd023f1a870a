// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `cargo sel4`: the command line and the dispatch to one module per command.
// Everything about how a root task is built and booted lives in
// `sel4-launcher` (its `settings` module above all), which the zero-config
// `cargo run` of a `#[sel4::root]` program uses too.

//! `cargo sel4`: create, run and test seL4 root tasks written in Rust.
//!
//! - `cargo sel4 new NAME [--no-std]`, `cargo sel4 init [--no-std]`: a
//!   project whose `cargo run` and `cargo test` run on seL4 in QEMU.
//! - `cargo sel4 run` / `cargo sel4 test`: build for seL4 and boot, with
//!   `--kernel devkernel|PATH`, `--sel4-prefix`, `--release`, `--timeout`,
//!   `--qemu-arg`, `--gdb`, `--env NAME=VALUE`.
//! - `cargo sel4 runner EXE`: what `cargo run` calls in such projects.
//! - `cargo sel4 doctor`: checks the host and says what to install.
//!
//! The root task's environment is what its package names in `Cargo.toml`
//! (`[package.metadata.sel4.env]`, `pass-env`), then `--env`; see
//! `sel4_launcher::environment`.
//!
//! What it promises: quiet when all is well (cargo's lines, then the root
//! task's output), one `error:` line with the fix when not, and a non-zero
//! status for every failure (see `sel4_launcher::exit_status`).

#![forbid(unsafe_code)]

mod doctor;
mod host_check;
mod new_project;
mod project;
mod run_command;
mod runner;

use clap::{Args, Parser, Subcommand};
use sel4_launcher::{messages, Failure};
use std::process::ExitCode;

/// `cargo` passes the subcommand's own name first: `cargo-sel4 sel4 run`.
#[derive(Parser)]
#[command(name = "cargo", bin_name = "cargo", styles = clap::builder::Styles::styled())]
enum CargoCli {
    /// Build, run and test seL4 root tasks written in Rust.
    #[command(name = "sel4", version, about)]
    Sel4(Cli),
}

#[derive(Args)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project in directory NAME.
    New {
        /// The project's directory (and package name).
        name: String,
        /// A `#![no_std]` program instead of a `std` one.
        #[arg(long)]
        no_std: bool,
    },
    /// Make the current directory a project (or configure an existing one).
    Init {
        /// A `#![no_std]` program instead of a `std` one.
        #[arg(long)]
        no_std: bool,
    },
    /// Build the program for seL4 and boot it in QEMU.
    Run(run_command::RunArgs),
    /// Build the tests for seL4 and run them in QEMU.
    Test(run_command::RunArgs),
    /// Check QEMU, gcc, Rust and the configured seL4; say what to fix.
    Doctor,
    /// Boot one root task ELF file (what `cargo run` calls).
    Runner(runner::RunnerArgs),
}

fn main() -> ExitCode {
    let CargoCli::Sel4(cli) = CargoCli::parse();
    let result = match cli.command {
        Command::New { name, no_std } => new_project::new(&name, no_std),
        Command::Init { no_std } => new_project::init(no_std),
        Command::Run(args) => run_command::run(args, run_command::Mode::Run),
        Command::Test(args) => run_command::run(args, run_command::Mode::Test),
        Command::Doctor => doctor::doctor(),
        Command::Runner(args) => runner::runner(args),
    };
    match result {
        Ok(status) => exit_code(status),
        Err(Failure { status, message }) => {
            messages::error(&message);
            exit_code(status)
        }
    }
}

fn exit_code(status: i32) -> ExitCode {
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}
