// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo xtask bench`: benchmarks that print figures, never assert them.
//!
//! QEMU runs with `-icount shift=0,sleep=off`: guest time advances one unit per executed
//! instruction, so a TSC difference read in the guest counts instructions, the same on every
//! run. Each benchmark root task (C, in `tests/bench`, against the generated headers) prints
//! lines `name: N instructions`; this command collects them. The root tasks print and exit
//! through IOPort capabilities, not debug system calls, so with `--sel4-prefix` (or
//! `SEL4_PREFIX`) the same binaries boot on a real seL4 build, release builds included.
//!
//! A kernel that lacks something a benchmark needs makes that root task stop (an error it
//! prints, or a time limit); the figures measured before are still printed, and the command
//! fails naming the benchmark that did not finish.

use crate::process::{run, workspace_root};
use sel4_launcher::kernel_selection::{resolve, KernelChoice};
use sel4_launcher::settings::{self, Console};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

/// Each boot takes well under a second of QEMU time on a working kernel; longer means a
/// benchmark waits for something that never happens.
const LIMIT: Duration = Duration::from_secs(60);
const ICOUNT: [&str; 2] = ["-icount", "shift=0,sleep=off"];

/// The benchmark root tasks: each is its own source plus [`SHARED_SOURCES`].
const ROOT_TASKS: [&str; 2] = ["boot.c", "ipc.c"];
/// Start-up, console and kernel objects, linked into every root task.
const SHARED_SOURCES: [&str; 3] = ["start.c", "console.c", "objects.c"];

/// What a root task prints before each measurement.
const RUNNING: &str = "bench: running ";

/// Runs every benchmark and prints its figures.
pub fn main(sel4_prefix: Option<PathBuf>) -> ExitCode {
    let (figures, failures) = run_benchmarks(sel4_prefix);
    for figure in &figures {
        println!("{figure}");
    }
    for failure in &failures {
        eprintln!("error: {failure}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Boots each root task; answers the figures of all and the failures of some.
fn run_benchmarks(sel4_prefix: Option<PathBuf>) -> (Vec<String>, Vec<String>) {
    let kernel = match kernel(sel4_prefix) {
        Ok(kernel) => kernel,
        Err(why) => return (Vec::new(), vec![why]),
    };
    eprintln!("     Kernel {}", kernel.display());
    let mut figures = Vec::new();
    let mut failures = Vec::new();
    for source in ROOT_TASKS {
        let boot = build_c_benchmark(source).and_then(|elf| run_icount(&kernel, &elf));
        let (text, failure) = match boot {
            Ok(boot) => boot,
            Err(why) => (String::new(), Some(why)),
        };
        let found = figures_in(&text);
        let failure = match failure {
            None if found.is_empty() => Some(format!("the benchmark printed no figures:\n{text}")),
            failure => failure,
        };
        if let Some(why) = failure {
            failures.push(format!("{source}: {}{why}", unfinished(&text, &found)));
        }
        figures.extend(found);
    }
    (figures, failures)
}

/// The ELF32 kernel image to boot: devkernel's, or a real seL4 install tree's converted.
fn kernel(sel4_prefix: Option<PathBuf>) -> Result<PathBuf, String> {
    let choice = match sel4_prefix {
        Some(path) => KernelChoice::Prefix { path, origin: "--sel4-prefix".into() },
        None => KernelChoice::from_env(|name| std::env::var(name).ok()),
    };
    let cache = workspace_root().join("target/bench/kernels");
    resolve(&choice, &cache).map(|kernel| kernel.image).map_err(|failure| failure.message)
}

/// Builds a C benchmark root task from `tests/bench` against the generated headers.
fn build_c_benchmark(source: &str) -> Result<PathBuf, String> {
    let root = workspace_root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let elf = out.join(source.replace(".c", ".elf"));
    let mut gcc = Command::new("gcc");
    gcc.args(["-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-static", "-nostdlib", "-ffreestanding"])
        .args(["-fno-pic", "-no-pie", "-fno-stack-protector", "-mno-red-zone", "-I"])
        .arg(root.join("runtime/include"))
        .arg("-o")
        .arg(&elf);
    for file in std::iter::once(source).chain(SHARED_SOURCES) {
        gcc.arg(root.join("tests/bench").join(file));
    }
    run(&mut gcc, LIMIT)?.expect_status(0)?;
    Ok(elf)
}

/// Boots `root_task` with instruction counting; answers what it printed and, when it did not
/// finish cleanly, why.
fn run_icount(kernel: &Path, root_task: &Path) -> Result<(String, Option<String>), String> {
    let mut qemu = Command::new(settings::QEMU);
    qemu.args(settings::qemu_args(kernel, root_task, Console::Piped)).args(ICOUNT);
    match run(&mut qemu, LIMIT) {
        // isa-debug-exit with 0: QEMU's status 1.
        Ok(out) if out.status == Some(1) => Ok((out.text, None)),
        Ok(out) => {
            let why = match out.status {
                Some(status) if status % 2 == 1 => {
                    format!("the root task stopped with status {}", status >> 1)
                }
                status => format!("QEMU ended with status {status:?}"),
            };
            let tail = out.tail();
            Ok((out.text, Some(format!("{why}\n{tail}"))))
        }
        // The time limit: the message holds the output so far.
        Err(why) if why.contains(" did not finish in ") => {
            Ok((why.clone(), Some(format!("no result in {} s", LIMIT.as_secs()))))
        }
        Err(why) => Err(why),
    }
}

/// The `name: N instructions` lines of a benchmark's output.
fn figures_in(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| line.ends_with(" instructions") && line.contains(": "))
        .map(str::to_owned)
        .collect()
}

/// `NAME did not finish: ` for the last benchmark the root task started without printing its
/// figure, or nothing.
fn unfinished(text: &str, found: &[String]) -> String {
    let started = text.lines().rev().find_map(|line| line.trim().strip_prefix(RUNNING));
    match started {
        Some(name) if !found.iter().any(|figure| figure.starts_with(&format!("{name}: "))) => {
            format!("{name} did not finish: ")
        }
        _ => String::new(),
    }
}
