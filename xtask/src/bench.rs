// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo xtask bench`: benchmarks that print figures, never assert them.
//!
//! QEMU runs with `-icount shift=0,sleep=off`: guest time advances one unit per executed
//! instruction, so a TSC difference read in the guest counts instructions, the same on every
//! run. Each benchmark root task prints lines `name: N instructions`; this command collects
//! them. With `--sel4-prefix` (or `SEL4_PREFIX`) the same binaries boot on a real seL4 build.

use crate::process::{run, workspace_root};
use sel4_launcher::settings::{self, Console};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);
const ICOUNT: [&str; 2] = ["-icount", "shift=0,sleep=off"];

/// Runs every benchmark and prints its figures.
pub fn main(sel4_prefix: Option<PathBuf>) -> ExitCode {
    match run_benchmarks(sel4_prefix) {
        Ok(figures) => {
            for figure in figures {
                println!("{figure}");
            }
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::FAILURE
        }
    }
}

fn run_benchmarks(sel4_prefix: Option<PathBuf>) -> Result<Vec<String>, String> {
    let kernel = match sel4_prefix.or_else(|| std::env::var_os("SEL4_PREFIX").map(PathBuf::from)) {
        Some(prefix) => elf32_kernel(&prefix)?,
        None => PathBuf::from(sel4_devkernel::IMAGE),
    };
    eprintln!("     Kernel {}", kernel.display());
    let boot = build_c_benchmark("boot.c")?;
    figures(&run_icount(&kernel, &boot)?)
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
        .arg(&elf)
        .arg(root.join("tests/bench").join(source));
    run(&mut gcc, LIMIT)?.expect_status(0)?;
    Ok(elf)
}

/// Boots `root_task` with instruction counting and answers what it printed.
fn run_icount(kernel: &Path, root_task: &Path) -> Result<String, String> {
    let mut qemu = Command::new(settings::QEMU);
    qemu.args(settings::qemu_args(kernel, root_task, Console::Piped)).args(ICOUNT);
    let out = run(&mut qemu, LIMIT)?;
    // isa-debug-exit with 0: QEMU's status 1.
    out.expect_status(1)?;
    Ok(out.text)
}

/// The `name: N instructions` lines of a benchmark's output.
fn figures(text: &str) -> Result<Vec<String>, String> {
    let found: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| line.ends_with(" instructions") && line.contains(": "))
        .map(str::to_owned)
        .collect();
    if found.is_empty() {
        Err(format!("the benchmark printed no figures:\n{text}"))
    } else {
        Ok(found)
    }
}

/// A real seL4 install's kernel as QEMU's multiboot loader takes it (ELF32).
fn elf32_kernel(prefix: &Path) -> Result<PathBuf, String> {
    let elf64 = prefix.join("bin/kernel.elf");
    if !elf64.is_file() {
        return Err(format!("{} has no bin/kernel.elf: is it a seL4 install tree?", prefix.display()));
    }
    let elf32 = workspace_root().join("target/bench/sel4-kernel32.elf");
    std::fs::create_dir_all(elf32.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    let mut objcopy = Command::new("objcopy");
    objcopy.args(["-O", "elf32-i386"]).arg(&elf64).arg(&elf32);
    run(&mut objcopy, LIMIT)?.expect_status(0)?;
    Ok(elf32)
}
