// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The host side of `cargo run` for a root task: what `#[sel4::root]`'s host
// expansion calls. It reads the launch flow top to bottom: find the build,
// check the tools, build for seL4, pick the kernel, boot, report.

//! The host side of `cargo run` for seL4 root tasks.
//!
//! A program whose `main` carries `#[sel4::root]` is built twice. The host
//! build's `main` calls [`launch`], which
//!
//! 1. builds the same package and binary again for seL4 ([`nested_build`]:
//!    `cargo build --target x86_64-unknown-linux-gnu` with the flags of
//!    [`settings`], same profile as the running program, in
//!    `<target dir>/sel4`);
//! 2. boots that ELF file as the root task on a kernel in QEMU
//!    ([`qemu_runner`]): devkernel from the `sel4-devkernel` crate, a real
//!    seL4 install tree named by `SEL4_PREFIX` (its configuration checked
//!    and turned into cfgs, [`kernel_selection`]), or the kernel image
//!    named by `SEL4_KERNEL`;
//! 3. copies the serial output to stdout as it arrives and exits with the
//!    root task's status ([`exit_status`] lists every status).
//!
//! The arguments after `cargo run --` and the environment the package
//! names in its `Cargo.toml` reach the root task's `std::env::args` and
//! `std::env::var` through the ELF file ([`argument_section`],
//! [`environment`]):
//!
//! ```toml
//! [package.metadata.sel4]
//! pass-env = ["RUST_LOG"]               # forwarded from the host when set there
//!
//! [package.metadata.sel4.env]
//! GREETING = "hello from Cargo.toml"    # fixed values
//! RUST_BACKTRACE = "1"
//! ```
//!
//! What it promises: `cargo run` needs no configuration; stdout carries only
//! the serial output, the launcher's own lines go to stderr in cargo's
//! style; a run never hangs past its time limit (`SEL4_RUN_TIMEOUT`
//! seconds, default 300, `0` for none); a kernel panic, a fault nobody
//! handles, or a halt ends the run at once with a status of its own.
//!
//! What it refuses: running on anything but the host (it is only a
//! dependency of `sel4` under `cfg(not(sel4))`), and guessing: a missing
//! `qemu-system-x86_64` or `gcc` is one line naming the package to install.
//!
//! Environment: `SEL4_PREFIX` (boot a real seL4), `SEL4_KERNEL` (boot
//! another kernel image), `SEL4_RUN_TIMEOUT`, `SEL4_RUN_ENV` (more
//! variables for the root task, see [`environment`]), the variables
//! `pass-env` names, and the usual `CARGO`; `RUSTFLAGS` and its kin are
//! merged into the seL4 build's flags (see [`nested_build`]).

#![deny(missing_docs)]

pub mod argument_section;
pub mod build_config_note;
pub mod config_check;
pub mod elf_check;
pub mod environment;
pub mod exit_status;
pub mod gen_config;
pub mod host_tools;
pub mod kernel_config;
pub mod kernel_selection;
pub mod messages;
pub mod nested_build;
pub mod qemu_runner;
pub mod serial_watch;
pub mod settings;

use environment::Environment;
use exit_status::{QemuEnd, INTERRUPTED, LAUNCHER_ERROR, NO_EXIT_STATUS, TIME_LIMIT};
use kernel_selection::{Kernel, KernelChoice};
use nested_build::{layout_from_exe, NestedBuild};
use qemu_runner::{Outcome, Run};
use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

/// The default time limit of a run.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(300);

/// Why a launch stopped early: the status to exit with and the one line
/// that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The process exit status.
    pub status: i32,
    /// The error line (without `error: `).
    pub message: String,
}

impl Failure {
    /// A failure with `status` and `message`.
    pub fn new(status: i32, message: impl Into<String>) -> Self {
        Failure { status, message: message.into() }
    }
}

/// The kind of program being launched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// A `std` program (`#[sel4::root]`).
    Std,
    /// A `#![no_std] #![no_main]` program (`#[sel4::root(no_std)]`).
    NoStd,
}

/// Builds the running program for seL4, boots it, and exits with the root
/// task's status. `manifest_dir`, `package` and `bin` are the host build's
/// `CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME` and `CARGO_BIN_NAME`.
pub fn launch(manifest_dir: &str, package: &str, bin: &str, program: Program) -> ! {
    let status = match launch_and_wait(manifest_dir, package, bin, program) {
        Ok(status) => status,
        Err(failure) => {
            messages::error(&failure.message);
            failure.status
        }
    };
    std::process::exit(status)
}

/// Says that the host tests of a `#![no_std] #![no_main]` program cannot
/// run: Rust's test harness needs the `main` such programs do without.
pub fn note_no_std_tests(package: &str) {
    messages::status(
        "Skipping",
        &format!("tests of `{package}`: a #![no_main] program has no test harness on the host"),
    );
}

/// [`launch`] without the exit: answers the status to exit with.
pub fn launch_and_wait(
    manifest_dir: &str,
    package: &str,
    bin: &str,
    program: Program,
) -> Result<i32, Failure> {
    let exe = std::env::current_exe()
        .map_err(|error| Failure::new(LAUNCHER_ERROR, format!("cannot find the running program: {error}")))?;
    let layout = layout_from_exe(&exe).map_err(|why| Failure::new(LAUNCHER_ERROR, why))?;
    let time_limit = time_limit(std::env::var("SEL4_RUN_TIMEOUT").ok().as_deref())?;
    // Read before the build, so a mistake in Cargo.toml costs no build.
    let environment =
        Environment::for_run(&Path::new(manifest_dir).join("Cargo.toml"), |name| std::env::var_os(name))
            .map_err(|why| Failure::new(LAUNCHER_ERROR, why))?;
    let choice = KernelChoice::from_env(|name| std::env::var(name).ok());
    let kernel = kernel_selection::resolve(&choice, &layout.target_dir.join("sel4").join("kernel"))?;
    if std::env::var_os("CC").is_none() {
        host_tools::require("gcc", "gcc")?;
    }
    host_tools::require(settings::QEMU, "qemu-system-x86")?;

    messages::status("Building", &format!("{bin} for seL4 (profile `{}`)", layout.profile));
    let build = NestedBuild {
        manifest_dir: manifest_dir.into(),
        bin: bin.to_owned(),
        layout,
        no_std: program == Program::NoStd,
        config: kernel.config.clone(),
    };
    let root_task = build.run()?;
    // `cargo run -- ARGS` passes ARGS to the host program; they go on to the root task.
    let options = BootOptions {
        time_limit,
        args: std::env::args().skip(1).collect(),
        environment,
        ..BootOptions::default()
    };
    boot_root_task(&root_task, package, &kernel, &options)
}

/// How to boot a root task, besides the kernel.
#[derive(Debug, Clone, Default)]
pub struct BootOptions {
    /// The time limit (`None`: none).
    pub time_limit: Option<Duration>,
    /// More QEMU arguments, appended to ours.
    pub qemu_args: Vec<OsString>,
    /// Open QEMU's gdb stub and wait for the debugger.
    pub gdb: bool,
    /// Arguments for the program (see [`argument_section`]).
    pub args: Vec<String>,
    /// The program's environment (see [`environment`]).
    pub environment: Environment,
}

/// Boots `root_task` (shown as `name`) on `kernel` and answers the status to
/// exit with: the root task's, or a failure that says what ended the run.
pub fn boot_root_task(
    root_task: &Path,
    name: &str,
    kernel: &Kernel,
    options: &BootOptions,
) -> Result<i32, Failure> {
    elf_check::check_root_task(root_task).map_err(|why| Failure::new(LAUNCHER_ERROR, why))?;
    check_built_for(root_task, kernel)?;
    host_tools::require(settings::QEMU, "qemu-system-x86")?;
    let root_task = &with_arguments(root_task, &options.args, &options.environment)?;
    let mut extra_args = Vec::new();
    let mut time_limit = options.time_limit;
    if options.gdb {
        extra_args.extend(settings::qemu_gdb_args());
        // Waiting for a person at a debugger has no time limit.
        time_limit = None;
    }
    extra_args.extend(options.qemu_args.iter().cloned());
    messages::status("Booting", &format!("{name} on {} (QEMU)", kernel.name));
    if options.gdb {
        if kernel.symbols.is_none() {
            messages::status(
                "Note",
                "no ELF64 file with the kernel's symbols is known; gdb sees the root task only",
            );
        }
        messages::status(
            "Waiting",
            &format!(
                "for gdb on port {}; attach with:\n    {}",
                settings::GDB_PORT,
                settings::gdb_command(kernel.symbols.as_deref(), root_task)
            ),
        );
    }
    let run = Run { kernel: kernel.image.clone(), root_task: root_task.to_owned(), time_limit, extra_args };
    let outcome = run.boot().map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            host_tools::missing(settings::QEMU, "qemu-system-x86")
        } else {
            Failure::new(LAUNCHER_ERROR, format!("cannot start {}: {error}", settings::QEMU))
        }
    })?;
    status_of(outcome, time_limit)
}

/// Refuses a root task built for a kernel configuration that `kernel`
/// lacks (see [`build_config_note`]); one that does not say passes.
fn check_built_for(root_task: &Path, kernel: &Kernel) -> Result<(), Failure> {
    let Some(built) = std::fs::read(root_task).ok().and_then(|elf| build_config_note::read(&elf)) else {
        return Ok(());
    };
    match build_config_note::mismatch(built, &kernel.config) {
        None => Ok(()),
        Some(option) => Err(Failure::new(
            LAUNCHER_ERROR,
            format!(
                "{} was built for a kernel with {option} on (cfg sel4_config_{option}), but {} has it off, \
                 so the program's debug calls would fault: build for the kernel you boot \
                 (`cargo sel4 run/test --kernel ...` do; for plain `cargo run`, run `cargo sel4 init` again \
                 with that kernel selected)",
                root_task.display(),
                kernel.name
            ),
        )),
    }
}

/// Reads `SEL4_RUN_TIMEOUT` (whole seconds; `0` means no limit).
pub fn time_limit(value: Option<&str>) -> Result<Option<Duration>, Failure> {
    let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(Some(DEFAULT_TIME_LIMIT));
    };
    match value.parse::<u64>() {
        Ok(0) => Ok(None),
        Ok(seconds) => Ok(Some(Duration::from_secs(seconds))),
        Err(_) => Err(Failure::new(
            LAUNCHER_ERROR,
            format!("SEL4_RUN_TIMEOUT={value:?} is not a whole number of seconds (0 means no limit)"),
        )),
    }
}

/// The root task to boot for `args` and `environment`: itself when there
/// are none (or only harmless test-harness flags and it cannot take any),
/// else a copy with them written in.
fn with_arguments(
    root_task: &Path,
    args: &[String],
    environment: &Environment,
) -> Result<std::path::PathBuf, Failure> {
    if args.is_empty() && environment.is_empty() {
        return Ok(root_task.to_owned());
    }
    match argument_section::with_arguments(root_task, args, environment) {
        Ok(Some(copy)) => Ok(copy),
        Ok(None) => {
            let refused: Vec<&str> =
                args.iter().map(String::as_str).filter(|arg| !argument_section::harmless(arg)).collect();
            if !environment.is_empty() {
                let first = &environment.variables()[0];
                return Err(Failure::new(
                    LAUNCHER_ERROR,
                    format!(
                        "the environment cannot reach this root task (got {}, set at {}): its runtime has \
                         no {} section",
                        first.name,
                        first.origin,
                        argument_section::SECTION
                    ),
                ));
            }
            if refused.is_empty() {
                return Ok(root_task.to_owned());
            }
            Err(Failure::new(
                LAUNCHER_ERROR,
                format!(
                    "arguments cannot reach this root task (got `{}`): its runtime has no {} section; \
                     run without them (for tests: no filter, all tests run)",
                    refused.join(" "),
                    argument_section::SECTION
                ),
            ))
        }
        Err(why) => Err(Failure::new(LAUNCHER_ERROR, why)),
    }
}

/// The status to exit with for a boot's outcome.
fn status_of(outcome: Outcome, time_limit: Option<Duration>) -> Result<i32, Failure> {
    match outcome {
        Outcome::Ended(QemuEnd::RootTask(status)) => Ok(status),
        Outcome::Ended(QemuEnd::EvenStatus(status)) => Err(Failure::new(
            NO_EXIT_STATUS,
            format!(
                "QEMU ended with status {status} before the root task exited (the machine reset, \
                 for example after a triple fault)"
            ),
        )),
        Outcome::Ended(QemuEnd::Signal(signal)) => {
            Err(Failure::new(NO_EXIT_STATUS, format!("QEMU was killed by signal {signal}")))
        }
        Outcome::QemuFailed => {
            Err(Failure::new(NO_EXIT_STATUS, "QEMU could not run the machine (see its message above)"))
        }
        Outcome::Fatal(fatal) => {
            Err(Failure::new(fatal_status(fatal), format!("{}; QEMU stopped", fatal.description())))
        }
        Outcome::TimedOut => Err(Failure::new(
            TIME_LIMIT,
            format!(
                "timeout: the root task ran longer than the time limit of {} s; QEMU stopped (set \
                 SEL4_RUN_TIMEOUT or --timeout to change the limit, 0 for none)",
                time_limit.unwrap_or_default().as_secs()
            ),
        )),
        Outcome::Interrupted => Err(Failure::new(INTERRUPTED, "interrupted; QEMU stopped")),
    }
}

/// The exit status for a fatal kernel message.
fn fatal_status(fatal: serial_watch::Fatal) -> i32 {
    use serial_watch::Fatal;
    match fatal {
        Fatal::BootFailed => exit_status::KERNEL_BOOT_FAILED,
        Fatal::KernelPanic => exit_status::KERNEL_PANIC,
        Fatal::Halted => exit_status::KERNEL_HALTED,
        Fatal::UnhandledFault => exit_status::UNHANDLED_FAULT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limit_default_zero_and_errors() {
        assert_eq!(time_limit(None).unwrap(), Some(DEFAULT_TIME_LIMIT));
        assert_eq!(time_limit(Some("")).unwrap(), Some(DEFAULT_TIME_LIMIT));
        assert_eq!(time_limit(Some("12")).unwrap(), Some(Duration::from_secs(12)));
        assert_eq!(time_limit(Some("0")).unwrap(), None);
        assert_eq!(time_limit(Some("ten")).unwrap_err().status, LAUNCHER_ERROR);
    }

    #[test]
    fn outcomes_map_to_statuses() {
        let limit = Some(DEFAULT_TIME_LIMIT);
        assert_eq!(status_of(Outcome::Ended(QemuEnd::RootTask(0)), limit), Ok(0));
        assert_eq!(status_of(Outcome::Ended(QemuEnd::RootTask(101)), limit), Ok(101));
        assert_eq!(
            status_of(Outcome::Ended(QemuEnd::EvenStatus(0)), limit).unwrap_err().status,
            NO_EXIT_STATUS
        );
        assert_eq!(status_of(Outcome::Ended(QemuEnd::Signal(9)), limit).unwrap_err().status, NO_EXIT_STATUS);
        assert_eq!(status_of(Outcome::QemuFailed, limit).unwrap_err().status, NO_EXIT_STATUS);
        assert_eq!(status_of(Outcome::TimedOut, limit).unwrap_err().status, TIME_LIMIT);
        assert_eq!(
            status_of(Outcome::Fatal(serial_watch::Fatal::UnhandledFault), limit).unwrap_err().status,
            exit_status::UNHANDLED_FAULT
        );
    }
}
