// SPDX-License-Identifier: MIT OR Apache-2.0
//! devkernel's own test root tasks (`kernel/tests/roottask`): plain C with raw system calls,
//! built with the host gcc and booted with the launcher's QEMU command line. Each must pass
//! all its checks, and each deliberate fault must end in seL4's report for that fault.

use crate::harness::Suite;
use crate::process::{run, run_until, workspace_root, Output};
use sel4_launcher::kernel_selection::{self, KernelChoice};
use sel4_launcher::settings::{self, Console};
use sel4_launcher::BootOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);
const CFLAGS: &[&str] = &[
    "-static",
    "-nostdlib",
    "-ffreestanding",
    "-fno-pic",
    "-no-pie",
    "-O2",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fno-stack-protector",
];

/// The test root tasks that must pass all their checks (exit status 0).
const PASSING: &[(&str, &str)] = &[
    ("smoke.c", "devkernel smoke test passes every check"),
    ("caps.c", "capability and memory checks pass"),
    ("vspace.c", "memory accesses see every map, remap and unmap at once"),
    ("fuzz.c", "20,000 random system calls leave devkernel alive"),
];

/// Deliberate faults: the source, the macro that selects the fault, its number, what it is,
/// and the line of the kernel's report that names it.
const FAULTS: &[(&str, &str, u32, &str, &str)] = &[
    ("smoke.c", "SMOKE_FAULT", 1, "an unknown syscall", "unknown syscall 0x2a"),
    ("smoke.c", "SMOKE_FAULT", 2, "a VM fault", "vm fault on data at address 0x10 with status 0x6"),
    ("smoke.c", "SMOKE_FAULT", 3, "a cap fault", "cap fault in send phase at address 0x1000"),
    ("smoke.c", "SMOKE_FAULT", 4, "an invalid opcode", "user exception 0x6 code 0"),
    ("smoke.c", "SMOKE_FAULT", 5, "DebugHalt", "Debug halt syscall from user thread"),
    ("smoke.c", "SMOKE_FAULT", 7, "a breakpoint", "user exception 0x3 code 0"),
    ("smoke.c", "SMOKE_FAULT", 8, "int $0x80", "user exception 0xd code 0x802"),
    (
        "vspace.c",
        "VSPACE_FAULT",
        1,
        "a read after unmap",
        "vm fault on data at address 0x1000000000 with status 0x4",
    ),
    (
        "vspace.c",
        "VSPACE_FAULT",
        2,
        "a write to a read-only remap",
        "vm fault on data at address 0x1000001000 with status 0x7",
    ),
    (
        "vspace.c",
        "VSPACE_FAULT",
        3,
        "a read after its page table is deleted",
        "vm fault on data at address 0x1000001000 with status 0x4",
    ),
    (
        "vspace.c",
        "VSPACE_FAULT",
        4,
        "a read after its frame is deleted",
        "vm fault on data at address 0x1000001000 with status 0x4",
    ),
];

/// Registers the test root task checks.
pub fn run_all(suite: &mut Suite) {
    let dir = workspace_root().join("target/roottask");
    suite.check("roottask: a C root task on the generated headers passes its checks", || {
        let elf = dir.join("c-api.elf");
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut gcc = Command::new("gcc");
        gcc.args(["-std=c11", "-Wconversion", "-mno-red-zone", "-Wl,-e,_start"])
            .args(CFLAGS)
            .arg("-I")
            .arg(workspace_root().join("runtime/include"))
            .arg("-o")
            .arg(&elf)
            .arg(workspace_root().join("api/tests/c/root_task.c"));
        run(&mut gcc, LIMIT)?.expect_status(0)?;
        boot(&elf, None)?.expect_status(1)?;
        Ok(())
    });
    for &(source, name) in PASSING {
        suite.check(&format!("roottask: {name}"), || {
            let elf = build(&dir, source, None)?;
            boot(&elf, None)?.expect_status(1)?;
            Ok(())
        });
    }
    for &(source, define, number, name, report) in FAULTS {
        suite.check(&format!("roottask: {name} ends in seL4's report"), || {
            let elf = build(&dir, source, Some((define, number.to_string())))?;
            boot(&elf, Some(report))?.expect_contains(report)?;
            Ok(())
        });
    }
}

/// Compiles one test root task and answers its path.
fn build(dir: &Path, source: &str, define: Option<(&str, String)>) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let stem = source.trim_end_matches(".c");
    let elf = match &define {
        Some((name, value)) => dir.join(format!("{stem}-{}{value}.elf", name.to_lowercase())),
        None => dir.join(format!("{stem}.elf")),
    };
    let mut gcc = Command::new("gcc");
    gcc.args(CFLAGS).arg("-o").arg(&elf).arg(workspace_root().join("kernel/tests/roottask").join(source));
    if let Some((name, value)) = define {
        gcc.arg(format!("-D{name}={value}"));
    }
    run(&mut gcc, LIMIT)?.expect_status(0)?;
    Ok(elf)
}

/// Boots `elf` on devkernel; with `stop_at`, stops QEMU once that report line is complete.
fn boot(elf: &Path, stop_at: Option<&str>) -> Result<Output, String> {
    let args = settings::qemu_args(Path::new(sel4_devkernel::IMAGE), elf, Console::Piped);
    let out = run_until(Command::new(settings::QEMU).args(args), LIMIT, stop_at)?;
    if stop_at.is_some() && out.status.is_some() {
        return Err(format!("QEMU exited instead of the kernel reporting a fault\n{}", out.tail()));
    }
    Ok(out)
}

/// `cargo xtask roottask [MODE]`: builds one test root task and boots it the way `cargo run`
/// boots a program (devkernel, or the kernel `SEL4_KERNEL` / `SEL4_PREFIX` names), streaming
/// its output; exits with its status. MODE: `smoke` (the default), `caps`, `vspace`, `fuzz`,
/// `vspacetrace` (`TRACE_SEED` picks the sequence), `N` (smoke.c ending in fault N) or
/// `vspaceN` (vspace.c ending in fault N).
pub fn main(mode: Option<String>) -> ExitCode {
    let dir = workspace_root().join("target/roottask");
    let (source, define) = match mode.as_deref().unwrap_or("smoke") {
        "smoke" => ("smoke.c", None),
        "caps" => ("caps.c", None),
        "vspace" => ("vspace.c", None),
        "fuzz" => ("fuzz.c", None),
        "vspacetrace" => {
            ("vspace_trace.c", std::env::var("TRACE_SEED").ok().map(|seed| ("TRACE_SEED", seed)))
        }
        other => {
            match (other.strip_prefix("vspace").unwrap_or(other).parse::<u32>(), other.starts_with("vspace"))
            {
                (Ok(n), true) => ("vspace.c", Some(("VSPACE_FAULT", n.to_string()))),
                (Ok(n), false) => ("smoke.c", Some(("SMOKE_FAULT", n.to_string()))),
                _ => {
                    eprintln!(
                    "error: unknown test root task `{other}`: use smoke, caps, vspace, fuzz, vspacetrace, N or vspaceN"
                );
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let status = build(&dir, source, define).and_then(|elf| {
        let choice = KernelChoice::from_env(|name| std::env::var(name).ok());
        let kernel = kernel_selection::resolve(&choice, &dir.join("kernel")).map_err(|f| f.message)?;
        let options = BootOptions { time_limit: Some(LIMIT), ..BootOptions::default() };
        sel4_launcher::boot_root_task(&elf, source, &kernel, &options).map_err(|f| f.message)
    });
    match status {
        Ok(status) => ExitCode::from(u8::try_from(status).unwrap_or(u8::MAX)),
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::FAILURE
        }
    }
}
