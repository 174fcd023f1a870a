// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Program arguments for a root task. seL4 starts the root task with no
// arguments, so the runner writes them into the ELF file before boot: into
// a section the C runtime reserves and reads at start-up to build `argv`.
// This file is the runner's half; the layout below is the contract with
// the runtime. A root task without the section gets no arguments.

//! The `.sel4_arguments` section: arguments written into a root task.
//!
//! Layout (little-endian), at the start of the section:
//!
//! | offset | size | field |
//! | --- | --- | --- |
//! | 0 | 8 | magic `SEL4ARGS` |
//! | 8 | 4 | version, 1 |
//! | 12 | 4 | `argc`: the number of strings (not counting the program name) |
//! | 16 | 4 | bytes of strings written |
//! | 20 | 4 | reserved, 0 |
//! | 24 | rest | the strings, each NUL-terminated, back to back |
//!
//! The runtime defines the section (allocated, writable, `PROGBITS`, for
//! example 4 KiB with the header zeroed except for the magic and version)
//! and at start-up passes `argv = { program name, strings... }`. The
//! runner never changes the built file: it writes a copy.

use std::path::{Path, PathBuf};

/// The section's name.
pub const SECTION: &str = ".sel4_arguments";
/// The magic at the start of the section.
pub const MAGIC: &[u8; 8] = b"SEL4ARGS";
/// The layout version.
pub const VERSION: u32 = 1;
/// The size of the header before the strings.
pub const HEADER: usize = 24;

fn read<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    read::<2>(bytes, at).map(|raw| usize::from(u16::from_le_bytes(raw)))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    read::<4>(bytes, at).and_then(|raw| usize::try_from(u32::from_le_bytes(raw)).ok())
}

fn u64_at(bytes: &[u8], at: usize) -> Option<usize> {
    read::<8>(bytes, at).and_then(|raw| usize::try_from(u64::from_le_bytes(raw)).ok())
}

/// The file range of the section in an ELF64 file, if it has one.
pub fn find(elf: &[u8]) -> Option<std::ops::Range<usize>> {
    let table = u64_at(elf, 0x28)?;
    let entry_size = u16_at(elf, 0x3a)?;
    let count = u16_at(elf, 0x3c)?;
    let names_index = u16_at(elf, 0x3e)?;
    let header = |index: usize| table.checked_add(index.checked_mul(entry_size)?);
    let names = u64_at(elf, header(names_index)? + 24)?;
    (0..count).find_map(|index| {
        let at = header(index)?;
        let name_start = names.checked_add(u32_at(elf, at)?)?;
        let name_end = name_start + elf.get(name_start..)?.iter().position(|&byte| byte == 0)?;
        if &elf[name_start..name_end] != SECTION.as_bytes() {
            return None;
        }
        let offset = u64_at(elf, at + 24)?;
        let size = u64_at(elf, at + 32)?;
        let range = offset..offset.checked_add(size)?;
        (range.end <= elf.len()).then_some(range)
    })
}

/// Writes `args` into the section of `elf`. `Ok(false)`: the file has no
/// such section (a runtime without argument support).
pub fn fill(elf: &mut [u8], args: &[String]) -> Result<bool, String> {
    let Some(range) = find(elf) else { return Ok(false) };
    let section = &mut elf[range];
    if section.len() < HEADER || &section[..8] != MAGIC || u32_at(section, 8) != Some(VERSION as usize) {
        return Err(format!("the root task's {SECTION} section is not version {VERSION} of the layout"));
    }
    let mut strings = Vec::new();
    for arg in args {
        if arg.as_bytes().contains(&0) {
            return Err(format!("the argument {arg:?} contains a NUL byte"));
        }
        strings.extend_from_slice(arg.as_bytes());
        strings.push(0);
    }
    if strings.len() > section.len() - HEADER {
        return Err(format!(
            "the arguments take {} bytes; the root task has room for {}",
            strings.len(),
            section.len() - HEADER
        ));
    }
    let count = u32::try_from(args.len()).map_err(|_| "too many arguments".to_owned())?;
    let size = u32::try_from(strings.len()).map_err(|_| "arguments too long".to_owned())?;
    section[12..16].copy_from_slice(&count.to_le_bytes());
    section[16..20].copy_from_slice(&size.to_le_bytes());
    section[HEADER..HEADER + strings.len()].copy_from_slice(&strings);
    Ok(true)
}

/// Test harness arguments that change nothing for a run in QEMU (tests
/// run one at a time there anyway), so a root task without the section
/// runs without them.
pub fn harmless(arg: &str) -> bool {
    arg == "--nocapture"
        || arg == "--no-capture"
        || arg == "--test-threads=1"
        || arg == "-q"
        || arg == "--quiet"
        || arg.starts_with("--color")
}

/// A copy of `root_task` with `args` written in, next to it; `Ok(None)`
/// when the root task has no argument section.
pub fn with_arguments(root_task: &Path, args: &[String]) -> Result<Option<PathBuf>, String> {
    let mut elf =
        std::fs::read(root_task).map_err(|error| format!("cannot read {}: {error}", root_task.display()))?;
    if !fill(&mut elf, args)? {
        return Ok(None);
    }
    let mut name = root_task.as_os_str().to_owned();
    name.push(".with-arguments");
    let copy = PathBuf::from(name);
    std::fs::write(&copy, &elf).map_err(|error| format!("cannot write {}: {error}", copy.display()))?;
    Ok(Some(copy))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ELF64 file with a name table and an argument section of `size`
    /// bytes, as the runtime would define it.
    fn elf_with_section(size: usize) -> Vec<u8> {
        let names = b"\0.shstrtab\0.sel4_arguments\0";
        let section_at = 64;
        let names_at = section_at + size;
        let table_at = names_at + names.len();
        let mut elf = vec![0u8; table_at + 3 * 64];
        elf[..4].copy_from_slice(b"\x7fELF");
        elf[0x28..0x30].copy_from_slice(&(table_at as u64).to_le_bytes());
        elf[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        elf[0x3c..0x3e].copy_from_slice(&3u16.to_le_bytes());
        elf[0x3e..0x40].copy_from_slice(&1u16.to_le_bytes());
        elf[section_at..section_at + 8].copy_from_slice(MAGIC);
        elf[section_at + 8..section_at + 12].copy_from_slice(&VERSION.to_le_bytes());
        elf[names_at..names_at + names.len()].copy_from_slice(names);
        let mut header = |index: usize, name: u32, offset: usize, size: usize| {
            let at = table_at + index * 64;
            elf[at..at + 4].copy_from_slice(&name.to_le_bytes());
            elf[at + 24..at + 32].copy_from_slice(&(offset as u64).to_le_bytes());
            elf[at + 32..at + 40].copy_from_slice(&(size as u64).to_le_bytes());
        };
        header(1, 1, names_at, names.len());
        header(2, 11, section_at, size);
        elf
    }

    #[test]
    fn arguments_are_written_after_the_header() {
        let mut elf = elf_with_section(64);
        assert!(fill(&mut elf, &["it_works".into(), "--exact".into()]).unwrap());
        let section = &elf[64..128];
        assert_eq!(u32_at(section, 12), Some(2));
        assert_eq!(u32_at(section, 16), Some(17));
        assert_eq!(&section[HEADER..HEADER + 17], b"it_works\0--exact\0");
    }

    #[test]
    fn too_long_and_missing() {
        let mut elf = elf_with_section(32);
        assert!(fill(&mut elf, &["0123456789".into()]).unwrap_err().contains("room for 8"));
        let mut plain = vec![0u8; 64];
        plain[..4].copy_from_slice(b"\x7fELF");
        assert_eq!(fill(&mut plain, &["x".into()]), Ok(false));
    }
}
