// SPDX-License-Identifier: MIT OR Apache-2.0
//! Hostile boot input: root task files devkernel must refuse at boot with a line that says
//! why (`devkernel: boot failed: ...`) before it halts, and that the runner must turn into a
//! non-zero status instead of waiting for ever.

use crate::harness::Suite;
use crate::process::{run_until, workspace_root};
use sel4_launcher::qemu_runner::{Outcome, Run};
use sel4_launcher::serial_watch::Fatal;
use sel4_launcher::settings::{self, Console};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const BOOT_FAILED: &str = "devkernel: boot failed:";

/// One refused root task: its file name, its bytes (`None`: no module at all) and a word the
/// kernel's reason must contain.
struct Case {
    name: &'static str,
    file: Option<Vec<u8>>,
    reason: &'static str,
}

/// Registers the bad-input boot checks.
pub fn run_all(suite: &mut Suite) {
    if !suite.selected("bad input") {
        return;
    }
    let dir = workspace_root().join("target/bad-input");
    let cases = [
        Case { name: "not an ELF file", file: Some(b"#!/bin/sh\necho hello\n".to_vec()), reason: "ELF" },
        Case { name: "an ELF32 file", file: Some(elf(|e| e[4] = 1)), reason: "ELF64" },
        Case { name: "an ELF for another machine", file: Some(elf(|e| e[18] = 0xb7)), reason: "machine" },
        Case { name: "a dynamic executable", file: std::fs::read("/bin/true").ok(), reason: "dynamic" },
        Case {
            name: "an image larger than memory",
            file: Some(elf(|e| set_u64(e, 64 + 40, 1 << 30))),
            reason: "too large",
        },
        Case {
            name: "an entry point outside the image",
            file: Some(elf(|e| set_u64(e, 24, 0x10))),
            reason: "entry",
        },
        Case { name: "no root task module", file: None, reason: "module" },
    ];
    for case in cases {
        suite.check(&format!("bad input: devkernel refuses {}", case.name), || {
            let root_task = match &case.file {
                Some(bytes) => Some(write(&dir, case.name, bytes)?),
                None => None,
            };
            refused_by_kernel(root_task.as_deref(), case.reason)
        });
    }
    suite.check("bad input: the runner stops a refused boot with a non-zero status", || {
        let root_task = write(&dir, "runner", b"not an ELF file")?;
        let run = Run {
            kernel: sel4_devkernel::IMAGE.into(),
            root_task,
            time_limit: Some(LIMIT),
            extra_args: Vec::new(),
        };
        match run.boot().map_err(|e| format!("cannot boot: {e}"))? {
            Outcome::Fatal(Fatal::BootFailed) => Ok(()),
            other => Err(format!("the runner saw {other:?}, expected a refused boot")),
        }
    });
}

/// Boots devkernel with `root_task` as the module (none when `None`) and checks that it
/// refuses with a boot-failed line naming `reason`.
fn refused_by_kernel(root_task: Option<&Path>, reason: &str) -> Result<(), String> {
    let placeholder = PathBuf::from("/dev/null");
    let mut args = settings::qemu_args(
        Path::new(sel4_devkernel::IMAGE),
        root_task.unwrap_or(&placeholder),
        Console::Piped,
    );
    if root_task.is_none() {
        // Drop `-initrd <file>`: the machine boots with no module at all.
        let at = args.iter().position(|a| a == "-initrd").ok_or("no -initrd in the QEMU arguments")?;
        args.drain(at..at + 2);
    }
    let out = run_until(Command::new(settings::QEMU).args(&args), LIMIT, Some(BOOT_FAILED))?;
    let line = out
        .text
        .lines()
        .find(|l| l.contains(BOOT_FAILED))
        .ok_or_else(|| format!("devkernel did not refuse the root task\n{}", out.tail()))?;
    if line.to_lowercase().contains(&reason.to_lowercase()) {
        Ok(())
    } else {
        Err(format!("the reason should mention {reason:?}: {line}"))
    }
}

/// Writes a test file and answers its path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(name.replace(' ', "-"));
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// A minimal valid static x86_64 ELF64 executable (one PT_LOAD of one page at 0x400000,
/// entry at its start, code `jmp .`), changed by `edit`.
fn elf(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut e = vec![0u8; 0x1000];
    e[..4].copy_from_slice(b"\x7fELF");
    e[4] = 2; // ELFCLASS64
    e[5] = 1; // little endian
    e[6] = 1; // EV_CURRENT
    set_u16(&mut e, 16, 2); // ET_EXEC
    set_u16(&mut e, 18, 62); // EM_X86_64
    e[20] = 1; // e_version
    set_u64(&mut e, 24, 0x400000 + 0x100); // e_entry
    set_u64(&mut e, 32, 64); // e_phoff
    set_u16(&mut e, 52, 64); // e_ehsize
    set_u16(&mut e, 54, 56); // e_phentsize
    set_u16(&mut e, 56, 1); // e_phnum
    let ph = 64;
    e[ph] = 1; // PT_LOAD
    e[ph + 4] = 7; // RWX
    set_u64(&mut e, ph + 16, 0x400000); // p_vaddr
    set_u64(&mut e, ph + 24, 0x400000); // p_paddr
    set_u64(&mut e, ph + 32, 0x1000); // p_filesz
    set_u64(&mut e, ph + 40, 0x1000); // p_memsz
    set_u64(&mut e, ph + 48, 0x1000); // p_align
    e[0x100] = 0xeb; // jmp .
    e[0x101] = 0xfe;
    edit(&mut e);
    e
}

fn set_u16(bytes: &mut [u8], at: usize, value: u16) {
    bytes[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

fn set_u64(bytes: &mut [u8], at: usize, value: u64) {
    bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
}
