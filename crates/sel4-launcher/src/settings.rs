// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The seL4 build settings and the QEMU command line, in one place. The
// nested build of `cargo run` uses them today; `cargo sel4 init` writes the
// same values into a `.cargo/config.toml` later. Change them here only.

//! Build settings for seL4 root tasks and the QEMU command line.
//!
//! Root tasks compile for the host triple [`TARGET`] with [`rustflags`]:
//! `--cfg sel4` tells code which side it is built for, the rest makes a
//! static executable linked against the project's C runtime instead of
//! glibc (see `runtime/`).

use std::ffi::OsString;
use std::path::Path;

/// The target triple root tasks are compiled for. Stable Rust ships `std`
/// for it precompiled, and seL4 user code on x86_64 has its calling
/// convention.
pub const TARGET: &str = "x86_64-unknown-linux-gnu";

/// The `--cfg` name that marks the seL4 build.
pub const CFG: &str = "sel4";

/// Arguments for the linker (gcc as driver): no C library or start files
/// of the host (the runtime provides both), and an `.eh_frame_hdr` so
/// panics can unwind in a static executable.
pub const LINK_ARGS: &[&str] = &["-nostdlib", "-nostartfiles", "-Wl,--eh-frame-hdr"];

/// Code generation flags: a static, non-PIE executable with the C runtime
/// linked statically.
pub const CODEGEN_FLAGS: &[&str] = &["relocation-model=static", "target-feature=+crt-static"];

/// Every `rustc` flag of the seL4 build, in order.
pub fn rustflags() -> Vec<String> {
    let mut flags = vec!["--cfg".to_owned(), CFG.to_owned()];
    for flag in CODEGEN_FLAGS {
        flags.push("-C".to_owned());
        flags.push((*flag).to_owned());
    }
    for arg in LINK_ARGS {
        flags.push("-C".to_owned());
        flags.push(format!("link-arg={arg}"));
    }
    flags
}

/// The `--config` value that sets the rustflags of [`TARGET`], with
/// `extra` (the user's own flags) appended after ours.
pub fn rustflags_config(extra: &[String]) -> String {
    let flags: Vec<String> = rustflags().into_iter().chain(extra.iter().cloned()).collect();
    format!("target.{TARGET}.rustflags={}", toml_string_array(&flags))
}

/// The `--config` value that makes `profile` abort on panic. `no_std`
/// programs need it: the precompiled `core` has no unwinder without `std`.
pub fn panic_abort_config(profile: &str) -> String {
    format!("profile.{profile}.panic=\"abort\"")
}

/// Writes `items` as a TOML array of basic strings.
fn toml_string_array(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Writes `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The QEMU program.
pub const QEMU: &str = "qemu-system-x86_64";

/// The CPU QEMU emulates: what both devkernel and real seL4 boot on under
/// QEMU's software emulation (huge pages on, PCID and XSAVE off).
pub const QEMU_CPU: &str =
    "Nehalem,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce";

/// The guest's memory.
pub const QEMU_MEMORY: &str = "512M";

/// The I/O port of QEMU's `isa-debug-exit` device: writing `v` to it ends
/// QEMU with status `(v << 1) | 1`.
pub const DEBUG_EXIT_PORT: u16 = 0xf4;

/// How the serial console is connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Console {
    /// Serial on QEMU's stdin/stdout, no monitor: what the runner uses
    /// when it reads the output through a pipe.
    Piped,
    /// Serial and QEMU's monitor multiplexed on the terminal (Ctrl-A X
    /// quits), for interactive use.
    Interactive,
}

/// The arguments of [`QEMU`] that boot `kernel` (a 32-bit ELF image, as
/// QEMU's multiboot loader wants) with `root_task` as its first module.
pub fn qemu_args(kernel: &Path, root_task: &Path, console: Console) -> Vec<OsString> {
    let mut args: Vec<OsString> = ["-cpu", QEMU_CPU, "-m", QEMU_MEMORY].iter().map(OsString::from).collect();
    let console_args: &[&str] = match console {
        Console::Piped => &["-display", "none", "-serial", "stdio", "-monitor", "none"],
        Console::Interactive => &["-nographic", "-serial", "mon:stdio"],
    };
    args.extend(console_args.iter().map(OsString::from));
    args.push("-no-reboot".into());
    args.push("-device".into());
    args.push(format!("isa-debug-exit,iobase={DEBUG_EXIT_PORT:#x},iosize=0x04").into());
    args.push("-kernel".into());
    args.push(kernel.into());
    args.push("-initrd".into());
    args.push(root_task.into());
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustflags_are_the_contract_list() {
        assert_eq!(
            rustflags(),
            [
                "--cfg",
                "sel4",
                "-C",
                "relocation-model=static",
                "-C",
                "target-feature=+crt-static",
                "-C",
                "link-arg=-nostdlib",
                "-C",
                "link-arg=-nostartfiles",
                "-C",
                "link-arg=-Wl,--eh-frame-hdr",
            ]
        );
    }

    #[test]
    fn rustflags_config_is_toml_with_extra_flags_last() {
        let config = rustflags_config(&["-D".into(), "warnings".into()]);
        assert!(config.starts_with("target.x86_64-unknown-linux-gnu.rustflags=[\"--cfg\", \"sel4\", "));
        assert!(config.ends_with("\"-D\", \"warnings\"]"), "{config}");
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(toml_string("tab\there"), "\"tab\\u0009here\"");
    }

    #[test]
    fn panic_abort_config_names_the_profile() {
        assert_eq!(panic_abort_config("release"), "profile.release.panic=\"abort\"");
    }

    #[test]
    fn qemu_args_follow_the_contract() {
        let args = qemu_args(Path::new("k.elf"), Path::new("r.elf"), Console::Piped);
        let args: Vec<&str> = args.iter().map(|arg| arg.to_str().unwrap()).collect();
        assert_eq!(
            args.join(" "),
            "-cpu Nehalem,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce \
             -m 512M -display none -serial stdio -monitor none -no-reboot \
             -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel k.elf -initrd r.elf"
        );
    }
}
