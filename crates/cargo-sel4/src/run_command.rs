// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `cargo sel4 run` and `cargo sel4 test`: check the host and the kernel,
// then hand over to `cargo run` / `cargo test` with the seL4 target, the
// flags of the selected kernel's configuration, and this program as the
// runner. Cargo keeps doing what it does best (building, picking binaries,
// the test summary); the runner boots each executable.

use crate::runner::BootArgs;
use crate::{host_check, project};
use clap::Args;
use sel4_launcher::environment;
use sel4_launcher::exit_status::LAUNCHER_ERROR;
use sel4_launcher::{settings, Failure};
use std::os::unix::process::CommandExt;
use std::process::Command;

/// Options of `run` and `test`.
#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub boot: BootArgs,
    /// Build with the release profile.
    #[arg(long, short = 'r')]
    pub release: bool,
    /// The package to run (in a workspace).
    #[arg(long, short = 'p')]
    pub package: Option<String>,
    /// The binary to run.
    #[arg(long)]
    pub bin: Option<String>,
    /// Set an environment variable of the root task for this run (repeat
    /// for more), after those of [package.metadata.sel4] in Cargo.toml.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    pub args: Vec<String>,
}

/// Which cargo command to hand over to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `cargo run`.
    Run,
    /// `cargo test`.
    Test,
}

/// Runs `cargo sel4 run` / `cargo sel4 test`; returns only on failure
/// (cargo replaces this process).
pub fn run(args: RunArgs, mode: Mode) -> Result<i32, Failure> {
    for assignment in &args.env {
        environment::parse_assignment(assignment)
            .map_err(|why| Failure::new(LAUNCHER_ERROR, format!("--env {why}")))?;
    }
    host_check::all()?;
    let choice = args.boot.kernel_choice();
    // Resolving checks the kernel (and converts a real seL4's image once)
    // before a build that would be wasted on a kernel that cannot boot.
    let kernel = sel4_launcher::kernel_selection::resolve(&choice, &args.boot.cache_dir())?;
    if mode == Mode::Run {
        project::check_root_tasks(args.package.as_deref(), args.bin.as_deref())?;
    }
    let runner_exe = std::env::current_exe()
        .map_err(|error| Failure::new(LAUNCHER_ERROR, format!("cannot find cargo-sel4 itself: {error}")))?;
    let mut runner = vec![runner_exe.display().to_string(), "sel4".to_owned(), "runner".to_owned()];
    runner.extend(args.boot.to_runner_args());

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.arg(match mode {
        Mode::Run => "run",
        Mode::Test => "test",
    });
    command.args(["--target", settings::TARGET]);
    // Through the environment, which overrides a project's
    // `.cargo/config.toml` (a `--config` array would be appended to it):
    // the flags of the selected kernel, the user's own after ours.
    let extra = sel4_launcher::nested_build::user_rustflags(|name| std::env::var(name).ok());
    let mut flags = settings::rustflags_for(&kernel.config);
    flags.extend(extra);
    for variable in sel4_launcher::nested_build::RUSTFLAGS_VARIABLES {
        command.env_remove(variable);
    }
    command.env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f"));
    // Doc tests are compiled by rustdoc, which reads only rustdocflags;
    // with the same flags they are root tasks too (see
    // `settings::project_cargo_config`).
    let mut doc_flags = settings::rustflags_for(&kernel.config);
    doc_flags.extend(sel4_launcher::nested_build::user_rustdocflags(|name| std::env::var(name).ok()));
    for variable in sel4_launcher::nested_build::RUSTDOCFLAGS_VARIABLES {
        command.env_remove(variable);
    }
    command.env("CARGO_ENCODED_RUSTDOCFLAGS", doc_flags.join("\x1f"));
    command.env(settings::RUNNER_VARIABLE, runner.join(" "));
    // The runner's arguments are split at spaces; values travel in the
    // environment instead, after any SEL4_RUN_ENV the user set.
    if !args.env.is_empty() {
        let existing = std::env::var_os(environment::RUN_ENV_VARIABLE);
        command
            .env(environment::RUN_ENV_VARIABLE, environment::encode_run_env(existing.as_deref(), &args.env));
    }
    if args.release {
        command.arg("--release");
    }
    if let Some(package) = &args.package {
        command.args(["--package", package]);
    }
    if let Some(bin) = &args.bin {
        command.args(["--bin", bin]);
    }
    if !args.args.is_empty() {
        command.arg("--").args(&args.args);
    }
    let error = command.exec();
    Err(Failure::new(LAUNCHER_ERROR, format!("cannot run cargo: {error}")))
}
