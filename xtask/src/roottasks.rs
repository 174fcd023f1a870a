// SPDX-License-Identifier: MIT OR Apache-2.0
//! devkernel's own test root tasks (`kernel/tests/roottask`): plain C with raw system calls,
//! built with the host gcc and booted with the launcher's QEMU command line. Each must pass
//! all its checks, and each deliberate fault must end in seL4's report for that fault.

use crate::harness::Suite;
use crate::process::{run, run_until, workspace_root, Output};
use sel4_launcher::settings::{self, Console};
use std::path::{Path, PathBuf};
use std::process::Command;
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
            let elf = build(&dir, source, Some((define, number)))?;
            boot(&elf, Some(report))?.expect_contains(report)?;
            Ok(())
        });
    }
}

/// Compiles one test root task and answers its path.
fn build(dir: &Path, source: &str, fault: Option<(&str, u32)>) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let stem = source.trim_end_matches(".c");
    let elf = match fault {
        Some((_, n)) => dir.join(format!("{stem}-fault{n}.elf")),
        None => dir.join(format!("{stem}.elf")),
    };
    let mut gcc = Command::new("gcc");
    gcc.args(CFLAGS).arg("-o").arg(&elf).arg(workspace_root().join("kernel/tests/roottask").join(source));
    if let Some((define, n)) = fault {
        gcc.arg(format!("-D{define}={n}"));
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
