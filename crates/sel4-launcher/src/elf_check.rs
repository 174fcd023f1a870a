// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Looks at ELF headers before QEMU does: a root task must be a static
// x86_64 executable, a kernel image an x86 ELF file. Catching a wrong file
// here gives one line that names it instead of a kernel's boot failure.

//! Checks of the ELF files handed to QEMU.

use std::path::Path;

const ELF_MAGIC: &[u8; 4] = b"\x7fELF";
const CLASS_32: u8 = 1;
const CLASS_64: u8 = 2;
const LITTLE_ENDIAN: u8 = 1;
const MACHINE_I386: u16 = 3;
const MACHINE_X86_64: u16 = 62;
const TYPE_EXEC: u16 = 2;
const TYPE_DYN: u16 = 3;
const SEGMENT_DYNAMIC: u32 = 2;
const SEGMENT_INTERP: u32 = 3;

/// What the ELF header of a file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElfSummary {
    /// 32 or 64.
    pub bits: u8,
    /// `e_machine`.
    pub machine: u16,
    /// `e_type`.
    pub file_type: u16,
    /// Has a `PT_INTERP` or `PT_DYNAMIC` segment (needs a dynamic loader).
    pub dynamic: bool,
}

impl ElfSummary {
    /// The machine's name, for messages.
    pub fn machine_name(&self) -> String {
        match self.machine {
            MACHINE_I386 => "i386".to_owned(),
            MACHINE_X86_64 => "x86_64".to_owned(),
            40 => "ARM".to_owned(),
            183 => "AArch64".to_owned(),
            243 => "RISC-V".to_owned(),
            other => format!("machine {other}"),
        }
    }

    /// Whether this is a 64-bit x86_64 file.
    pub fn is_x86_64(&self) -> bool {
        self.bits == 64 && self.machine == MACHINE_X86_64
    }

    /// Whether this is a 32-bit file QEMU's multiboot loader takes.
    pub fn is_elf32_x86(&self) -> bool {
        self.bits == 32 && (self.machine == MACHINE_I386 || self.machine == MACHINE_X86_64)
    }
}

pub(crate) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// The file range of the section called `name` in a little-endian ELF64
/// file, if it has one and the range lies inside the file.
pub fn find_section(elf: &[u8], name: &str) -> Option<std::ops::Range<usize>> {
    let word = |at: usize| u64_at(elf, at).and_then(|value| usize::try_from(value).ok());
    let half = |at: usize| u16_at(elf, at).map(usize::from);
    let table = word(0x28)?;
    let (entry_size, count, names_index) = (half(0x3a)?, half(0x3c)?, half(0x3e)?);
    let header = |index: usize| table.checked_add(index.checked_mul(entry_size)?);
    let names = word(header(names_index)?.checked_add(24)?)?;
    (0..count).find_map(|index| {
        let at = header(index)?;
        let name_start = names.checked_add(usize::try_from(u32_at(elf, at)?).ok()?)?;
        let name_end = name_start + elf.get(name_start..)?.iter().position(|&byte| byte == 0)?;
        if &elf[name_start..name_end] != name.as_bytes() {
            return None;
        }
        let offset = word(at + 24)?;
        let range = offset..offset.checked_add(word(at + 32)?)?;
        (range.end <= elf.len()).then_some(range)
    })
}

/// Reads the summary from a file's bytes; `None` if it is not a
/// little-endian ELF file.
pub fn summarise(bytes: &[u8]) -> Option<ElfSummary> {
    if bytes.get(..4)? != ELF_MAGIC || *bytes.get(5)? != LITTLE_ENDIAN {
        return None;
    }
    let class = *bytes.get(4)?;
    let file_type = u16_at(bytes, 16)?;
    let machine = u16_at(bytes, 18)?;
    // Program header table: offset, entry size and count.
    let (bits, table, entry_size, count) = match class {
        CLASS_64 => {
            (64, u64_at(bytes, 32)? as usize, u16_at(bytes, 54)? as usize, u16_at(bytes, 56)? as usize)
        }
        CLASS_32 => {
            (32, u32_at(bytes, 28)? as usize, u16_at(bytes, 42)? as usize, u16_at(bytes, 44)? as usize)
        }
        _ => return None,
    };
    let dynamic = (0..count).any(|index| {
        u32_at(bytes, table.saturating_add(index.saturating_mul(entry_size)))
            .is_some_and(|kind| kind == SEGMENT_INTERP || kind == SEGMENT_DYNAMIC)
    });
    Some(ElfSummary { bits, machine, file_type, dynamic })
}

/// Reads the summary of the file at `path`.
pub fn summarise_file(path: &Path) -> Result<ElfSummary, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    summarise(&bytes).ok_or_else(|| format!("{} is not an ELF file", path.display()))
}

/// Checks that `path` is a root task seL4 can load: a static x86_64
/// executable. The error is the whole message.
pub fn check_root_task(path: &Path) -> Result<(), String> {
    let summary = summarise_file(path)?;
    if !summary.is_x86_64() {
        return Err(format!(
            "the root task {} is a {}-bit {} file; seL4 on x86_64 loads only 64-bit x86_64 executables \
             (build for x86_64-unknown-linux-gnu)",
            path.display(),
            summary.bits,
            summary.machine_name()
        ));
    }
    if summary.dynamic || summary.file_type == TYPE_DYN || summary.file_type != TYPE_EXEC {
        return Err(format!(
            "the root task {} is not a static executable (it needs a dynamic loader or is position \
             independent); build it with the seL4 settings: `cargo sel4 init` writes them, or use \
             `#[sel4::root]`",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal ELF header with one program header of type `segment`.
    fn header(class: u8, machine: u16, file_type: u16, segment: u32) -> Vec<u8> {
        let mut bytes = vec![0u8; 128];
        bytes[..4].copy_from_slice(ELF_MAGIC);
        bytes[4] = class;
        bytes[5] = LITTLE_ENDIAN;
        bytes[16..18].copy_from_slice(&file_type.to_le_bytes());
        bytes[18..20].copy_from_slice(&machine.to_le_bytes());
        if class == CLASS_64 {
            bytes[32..40].copy_from_slice(&64u64.to_le_bytes());
            bytes[54..56].copy_from_slice(&56u16.to_le_bytes());
            bytes[56..58].copy_from_slice(&1u16.to_le_bytes());
            bytes[64..68].copy_from_slice(&segment.to_le_bytes());
        } else {
            bytes[28..32].copy_from_slice(&52u32.to_le_bytes());
            bytes[42..44].copy_from_slice(&32u16.to_le_bytes());
            bytes[44..46].copy_from_slice(&1u16.to_le_bytes());
            bytes[52..56].copy_from_slice(&segment.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn static_x86_64_executable() {
        let summary = summarise(&header(CLASS_64, MACHINE_X86_64, TYPE_EXEC, 1)).unwrap();
        assert!(summary.is_x86_64());
        assert!(!summary.dynamic);
    }

    #[test]
    fn dynamic_and_foreign_files() {
        assert!(summarise(&header(CLASS_64, MACHINE_X86_64, TYPE_EXEC, SEGMENT_INTERP)).unwrap().dynamic);
        let arm = summarise(&header(CLASS_64, 183, TYPE_EXEC, 1)).unwrap();
        assert_eq!(arm.machine_name(), "AArch64");
        assert!(!arm.is_x86_64());
        assert!(summarise(&header(CLASS_32, MACHINE_I386, TYPE_EXEC, 1)).unwrap().is_elf32_x86());
        assert_eq!(summarise(b"#!/bin/sh\n"), None);
    }

    #[test]
    fn root_task_messages() {
        let dir = std::env::temp_dir().join(format!("sel4-elf-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let arm = dir.join("arm");
        std::fs::write(&arm, header(CLASS_64, 183, TYPE_EXEC, 1)).unwrap();
        assert!(check_root_task(&arm).unwrap_err().contains("is a 64-bit AArch64 file"));
        let dynamic = dir.join("dynamic");
        std::fs::write(&dynamic, header(CLASS_64, MACHINE_X86_64, TYPE_DYN, SEGMENT_INTERP)).unwrap();
        assert!(check_root_task(&dynamic).unwrap_err().contains("is not a static executable"));
        let good = dir.join("good");
        std::fs::write(&good, header(CLASS_64, MACHINE_X86_64, TYPE_EXEC, 1)).unwrap();
        assert_eq!(check_root_task(&good), Ok(()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
