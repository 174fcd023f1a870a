// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Which kernel configuration a root task was built for, read back from the
// ELF file before boot. The runtime's build script writes the options that
// decide which system calls exist into a `.sel4_kernel_config` section; a
// root task built for a debug kernel and booted on a release one would
// make debug calls the kernel lacks (an unknown-syscall fault that a
// release kernel does not even print). This happens when a project's
// `.cargo/config.toml`, written by `cargo sel4 init` for one kernel, builds
// for another; the runner then says so before QEMU starts.

//! The kernel configuration a root task was built for (`.sel4_kernel_config`).
//!
//! The section holds one NUL-terminated line: `SEL4CFG1`, then
//! ` debug_build=0|1 printing=0|1`, or ` unknown` when the build had no
//! kernel cfgs. Other words may follow later; readers skip what they do not
//! know.

use crate::elf_check::find_section;
use crate::kernel_config::KernelConfig;

/// The section's name.
pub const SECTION: &str = ".sel4_kernel_config";
/// The first word of the line.
pub const MAGIC: &str = "SEL4CFG1";

/// The options a root task was built with, as far as the runner checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltFor {
    /// Built with `sel4_config_debug_build`: may make debug system calls.
    pub debug_build: bool,
    /// Built with `sel4_config_printing`: may call `seL4_DebugPutChar`.
    pub printing: bool,
}

/// What `elf` says it was built for; `None` when it does not say (no
/// section, an unknown configuration, a damaged line).
pub fn read(elf: &[u8]) -> Option<BuiltFor> {
    let range = find_section(elf, SECTION)?;
    let bytes = &elf[range];
    let line = &bytes[..bytes.iter().position(|&byte| byte == 0)?];
    parse(std::str::from_utf8(line).ok()?)
}

/// Reads the line written by the runtime's build script.
pub fn parse(line: &str) -> Option<BuiltFor> {
    let mut words = line.split_ascii_whitespace();
    if words.next()? != MAGIC {
        return None;
    }
    let (mut debug_build, mut printing) = (None, None);
    for word in words {
        match word.split_once('=') {
            Some(("debug_build", value)) => debug_build = flag(value),
            Some(("printing", value)) => printing = flag(value),
            _ => {}
        }
    }
    Some(BuiltFor { debug_build: debug_build?, printing: printing? })
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// Why a root task built for `built` cannot boot on a kernel with
/// `config`: the first option it relies on that the kernel lacks.
pub fn mismatch(built: BuiltFor, config: &KernelConfig) -> Option<&'static str> {
    if built.debug_build && !config.is_on("DEBUG_BUILD") {
        return Some("debug_build");
    }
    if built.printing && !config.is_on("PRINTING") {
        return Some("printing");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read() {
        assert_eq!(
            parse("SEL4CFG1 debug_build=1 printing=0"),
            Some(BuiltFor { debug_build: true, printing: false })
        );
        assert_eq!(
            parse("SEL4CFG1 printing=1 later=7 debug_build=0"),
            Some(BuiltFor { debug_build: false, printing: true })
        );
        assert_eq!(parse("SEL4CFG1 unknown"), None);
        assert_eq!(parse("SEL4CFG2 debug_build=1 printing=1"), None);
        assert_eq!(parse("SEL4CFG1 debug_build=yes printing=1"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_debug_build_needs_a_debug_kernel() {
        let debug = BuiltFor { debug_build: true, printing: true };
        let release = BuiltFor { debug_build: false, printing: false };
        assert_eq!(mismatch(debug, &KernelConfig::devkernel()), None);
        assert_eq!(mismatch(debug, &KernelConfig::devkernel_release()), Some("debug_build"));
        assert_eq!(mismatch(release, &KernelConfig::devkernel_release()), None);
        assert_eq!(mismatch(release, &KernelConfig::devkernel()), None);
    }
}
