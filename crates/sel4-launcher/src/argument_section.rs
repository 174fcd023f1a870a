// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Program arguments and environment for a root task. seL4 starts the root
// task with neither, so the runner writes them into the ELF file before
// boot: into a section the C runtime reserves and reads at start-up to
// build `argv` and `environ`. This file is the runner's half; the layout
// below is the contract with the runtime (runtime/src/arguments.h). A root
// task without the section gets no arguments and no environment.

//! The `.sel4_arguments` section: arguments and environment written into a
//! root task.
//!
//! Layout (little-endian), at the start of the section:
//!
//! | offset | size | field |
//! | --- | --- | --- |
//! | 0 | 8 | magic `SEL4ARGS` |
//! | 8 | 4 | version: 1 or 2 |
//! | 12 | 4 | `argc`: the number of argument strings (not counting the program name) |
//! | 16 | 4 | bytes of strings written |
//! | 20 | 4 | `envc`: the number of environment strings (version 2; reserved, 0, in version 1) |
//! | 24 | rest | the `argc` arguments, then the `envc` entries `NAME=value`, each NUL-terminated, back to back |
//!
//! The runtime defines the section (allocated, writable, `PROGBITS`, 4 KiB
//! with the header zeroed except for the magic and the version) and at
//! start-up passes `argv = { program name, arguments... }` to `main` and
//! starts `environ` with the entries (see [`crate::environment`] for where
//! they come from). It takes at most [`MAX_ARGUMENTS`] arguments and
//! [`MAX_ENVIRONMENT`] entries, and a section damaged in any way (unknown
//! magic or version, counts past those limits or past the strings, a string
//! running past the recorded size, an entry that is not `NAME=value` with a
//! non-empty `NAME`) gives neither arguments nor environment.
//!
//! The version field of the runtime's copy says which layout it reads:
//! version 1 (arguments only) is the first runtime's, version 2 adds the
//! environment and is what the runtime defines now; the runner writes the
//! layout the file asks for, so a root task built against an older runtime
//! still gets its arguments (and an environment for it is an error). The
//! runner never changes the built file: it writes a copy.

use crate::elf_check;
use crate::environment::Environment;
use std::path::{Path, PathBuf};

/// The section's name.
pub const SECTION: &str = ".sel4_arguments";
/// The magic at the start of the section.
pub const MAGIC: &[u8; 8] = b"SEL4ARGS";
/// The newest layout version, the one with the environment.
pub const VERSION: u32 = 2;
/// The layout version with arguments only.
pub const VERSION_ARGUMENTS_ONLY: u32 = 1;
/// The size of the header before the strings.
pub const HEADER: usize = 24;
/// The most arguments the runtime takes.
pub const MAX_ARGUMENTS: usize = 256;
/// The most environment entries the runtime takes.
pub const MAX_ENVIRONMENT: usize = 256;

/// A little-endian 32-bit word of the section as a count or size.
fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    elf_check::u32_at(bytes, at).and_then(|word| usize::try_from(word).ok())
}

/// The file range of the section in an ELF64 file, if it has one.
pub fn find(elf: &[u8]) -> Option<std::ops::Range<usize>> {
    elf_check::find_section(elf, SECTION)
}

/// Writes `args` and `environment` into the section of `elf`, in the
/// layout version the section carries. `Ok(false)`: the file has no such
/// section (a runtime without argument support).
pub fn fill(elf: &mut [u8], args: &[String], environment: &Environment) -> Result<bool, String> {
    let Some(range) = find(elf) else { return Ok(false) };
    let section = &mut elf[range];
    let version = (section.len() >= HEADER && &section[..8] == MAGIC).then(|| u32_at(section, 8)).flatten();
    match version {
        Some(2) => {}
        Some(1) if environment.is_empty() => {}
        Some(1) => {
            return Err(format!(
                "the root task's runtime reads version 1 of the {SECTION} layout, which has no \
                 environment, so {} cannot be set: update its sel4 dependency (`cargo update -p sel4`)",
                environment.variables()[0].name
            ))
        }
        _ => {
            return Err(format!(
                "the root task's {SECTION} section is not a layout this runner writes (versions \
                 {VERSION_ARGUMENTS_ONLY} to {VERSION}): update cargo-sel4"
            ))
        }
    }
    if args.len() > MAX_ARGUMENTS {
        return Err(format!("{} arguments; a root task takes at most {MAX_ARGUMENTS}", args.len()));
    }
    if environment.variables().len() > MAX_ENVIRONMENT {
        return Err(format!(
            "{} environment variables; a root task takes at most {MAX_ENVIRONMENT}",
            environment.variables().len()
        ));
    }
    let mut strings = Vec::new();
    for arg in args {
        if arg.as_bytes().contains(&0) {
            return Err(format!("the argument {arg:?} contains a NUL byte"));
        }
        strings.extend_from_slice(arg.as_bytes());
        strings.push(0);
    }
    let argument_bytes = strings.len();
    for variable in environment.variables() {
        strings.extend_from_slice(&variable.entry());
        strings.push(0);
    }
    let room = section.len() - HEADER;
    if strings.len() > room {
        return Err(too_large(argument_bytes, strings.len() - argument_bytes, room, environment));
    }
    let count = u32::try_from(args.len()).map_err(|_| "too many arguments".to_owned())?;
    let entries =
        u32::try_from(environment.variables().len()).map_err(|_| "too many variables".to_owned())?;
    let size = u32::try_from(strings.len()).map_err(|_| "arguments too long".to_owned())?;
    section[12..16].copy_from_slice(&count.to_le_bytes());
    section[16..20].copy_from_slice(&size.to_le_bytes());
    // Version 1 keeps the word reserved (zero, as the runtime left it).
    if version == Some(VERSION as usize) {
        section[20..24].copy_from_slice(&entries.to_le_bytes());
    }
    section[HEADER..HEADER + strings.len()].copy_from_slice(&strings);
    Ok(true)
}

/// The message for strings that do not fit: the sizes, and the largest
/// variable with where it was set, since that is the one to shorten.
fn too_large(
    argument_bytes: usize,
    environment_bytes: usize,
    room: usize,
    environment: &Environment,
) -> String {
    if environment.is_empty() {
        return format!("the arguments take {argument_bytes} bytes; the root task has room for {room}");
    }
    let mut message = format!(
        "the arguments ({argument_bytes} bytes) and the environment ({environment_bytes} bytes) do not fit \
         the root task's {SECTION} section (room for {room} bytes)"
    );
    if let Some(largest) = environment.variables().iter().max_by_key(|variable| variable.entry().len()) {
        message.push_str(&format!(
            "; the largest variable is {} ({} bytes, set at {})",
            largest.name,
            largest.entry().len() + 1,
            largest.origin
        ));
    }
    message
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

/// A copy of `root_task` with `args` and `environment` written in, next to
/// it; `Ok(None)` when the root task has no argument section.
pub fn with_arguments(
    root_task: &Path,
    args: &[String],
    environment: &Environment,
) -> Result<Option<PathBuf>, String> {
    let mut elf =
        std::fs::read(root_task).map_err(|error| format!("cannot read {}: {error}", root_task.display()))?;
    if !fill(&mut elf, args, environment)? {
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
    /// bytes in layout `version`, as the runtime would define it.
    fn elf_with_section(size: usize, version: u32) -> Vec<u8> {
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
        elf[section_at + 8..section_at + 12].copy_from_slice(&version.to_le_bytes());
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

    fn environment(pairs: &[(&str, &str)]) -> Environment {
        let mut environment = Environment::new();
        for (name, value) in pairs {
            environment.set(name, *value, "Cargo.toml:9").unwrap();
        }
        environment
    }

    #[test]
    fn arguments_are_written_after_the_header() {
        let mut elf = elf_with_section(64, VERSION);
        assert!(fill(&mut elf, &["it_works".into(), "--exact".into()], &Environment::new()).unwrap());
        let section = &elf[64..128];
        assert_eq!(u32_at(section, 8), Some(2));
        assert_eq!(u32_at(section, 12), Some(2));
        assert_eq!(u32_at(section, 16), Some(17));
        assert_eq!(u32_at(section, 20), Some(0));
        assert_eq!(&section[HEADER..HEADER + 17], b"it_works\0--exact\0");
    }

    #[test]
    fn the_environment_follows_the_arguments() {
        let mut elf = elf_with_section(96, VERSION);
        let environment = environment(&[("GREETING", "hello there"), ("RUST_BACKTRACE", "1"), ("EMPTY", "")]);
        assert!(fill(&mut elf, &["one".into()], &environment).unwrap());
        let section = &elf[64..160];
        let strings: &[u8] = b"one\0GREETING=hello there\0RUST_BACKTRACE=1\0EMPTY=\0";
        assert_eq!(u32_at(section, 12), Some(1));
        assert_eq!(u32_at(section, 16), Some(strings.len()));
        assert_eq!(u32_at(section, 20), Some(3));
        assert_eq!(&section[HEADER..HEADER + strings.len()], strings);
        assert!(section[HEADER + strings.len()..].iter().all(|&byte| byte == 0));
    }

    #[test]
    fn version_1_takes_arguments_but_no_environment() {
        let mut elf = elf_with_section(64, VERSION_ARGUMENTS_ONLY);
        assert!(fill(&mut elf, &["a".into()], &Environment::new()).unwrap());
        assert_eq!(u32_at(&elf[64..], 8), Some(1));
        assert_eq!(u32_at(&elf[64..], 12), Some(1));
        assert_eq!(u32_at(&elf[64..], 20), Some(0), "version 1 keeps the reserved word");
        let error = fill(&mut elf, &[], &environment(&[("RUST_LOG", "debug")])).unwrap_err();
        assert!(error.contains("reads version 1 of the .sel4_arguments layout"), "{error}");
        assert!(error.contains("RUST_LOG cannot be set"), "{error}");
    }

    #[test]
    fn unknown_layouts_are_refused() {
        let mut elf = elf_with_section(64, 3);
        let error = fill(&mut elf, &["a".into()], &Environment::new()).unwrap_err();
        assert!(error.contains("not a layout this runner writes (versions 1 to 2)"), "{error}");
        let mut elf = elf_with_section(64, VERSION);
        elf[64] = b'X';
        assert!(fill(&mut elf, &["a".into()], &Environment::new()).is_err());
    }

    #[test]
    fn too_long_names_the_largest_variable() {
        let mut elf = elf_with_section(32, VERSION);
        let error = fill(&mut elf, &["0123456789".into()], &Environment::new()).unwrap_err();
        assert!(error.contains("room for 8"), "{error}");
        let environment = environment(&[("A", "1"), ("LONG", "0123456789")]);
        let error = fill(&mut elf, &[], &environment).unwrap_err();
        assert_eq!(
            error,
            "the arguments (0 bytes) and the environment (20 bytes) do not fit the root task's \
             .sel4_arguments section (room for 8 bytes); the largest variable is LONG (16 bytes, set at \
             Cargo.toml:9)"
        );
    }

    #[test]
    fn counts_are_limited_as_the_runtime_limits_them() {
        let mut elf = elf_with_section(4096, VERSION);
        let args: Vec<String> = (0..=MAX_ARGUMENTS).map(|_| "a".to_owned()).collect();
        assert!(fill(&mut elf, &args, &Environment::new()).unwrap_err().contains("at most 256"));
        let mut many = Environment::new();
        for index in 0..=MAX_ENVIRONMENT {
            many.set(&format!("V{index}"), "", "x").unwrap();
        }
        assert!(fill(&mut elf, &[], &many).unwrap_err().contains("257 environment variables"));
    }

    #[test]
    fn a_file_without_the_section() {
        let mut plain = vec![0u8; 64];
        plain[..4].copy_from_slice(b"\x7fELF");
        assert_eq!(fill(&mut plain, &["x".into()], &Environment::new()), Ok(false));
    }
}
