// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The seL4 build settings and the QEMU command line, in one place. The
// nested build of `cargo run` passes them as `--config` values, `cargo sel4
// init` writes the same values into `.cargo/config.toml`, and `cargo sel4
// run/test` pass them again for the kernel they select. Change them here only.

//! Build settings for seL4 root tasks and the QEMU command line.
//!
//! Root tasks compile for the host triple [`TARGET`] with [`rustflags`]:
//! `--cfg sel4` tells code which side it is built for, the rest makes a
//! static executable linked against the project's C runtime instead of
//! glibc (see `runtime/`).
//!
//! # Kernel configuration as cfgs
//!
//! The kernel's configuration ([`KernelConfig`]: devkernel's, or a real
//! seL4's `gen_config.json`) is added to the flags of every seL4 build by
//! [`rustflags_for`]: `--cfg sel4_config_<option>` for each switch that is
//! on (`sel4_config_debug_build`, `sel4_config_printing`) and
//! `--cfg sel4_config_<option>="<value>"` for each value
//! (`sel4_config_max_num_nodes = "1"`), lower-case names as in seL4's
//! `gen_config.json` without `CONFIG_`. The same flags declare every
//! known option with `--check-cfg`, so a switch that is off is no
//! `unexpected_cfgs` warning. Code reads them as
//!
//! - `#[sel4::sel4_cfg(debug_build)]` and `sel4::cfg_if!`, which also work in the
//!   host build of a `#[sel4::root]` program (they evaluate devkernel's
//!   configuration there, where the build has no kernel cfgs), and
//! - the constants of `sel4::config`, which read the same cfgs.
//!
//! Plain `#[cfg(sel4_config_...)]` works in the seL4 build; in a
//! zero-configuration project the host build would warn about it, so there
//! prefer `#[sel4::sel4_cfg]`.

use crate::kernel_config::{check_cfgs, KernelConfig};
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

/// Every `rustc` flag of the seL4 build for a kernel with `config`: the
/// [`rustflags`], then the kernel configuration's cfgs and the check-cfg
/// declarations of every kernel configuration cfg (and of `sel4`).
pub fn rustflags_for(config: &KernelConfig) -> Vec<String> {
    let mut flags = rustflags();
    for cfg in config.cfgs() {
        flags.push("--cfg".to_owned());
        flags.push(cfg);
    }
    flags.push("--check-cfg".to_owned());
    flags.push(format!("cfg({CFG})"));
    for check in check_cfgs() {
        flags.push("--check-cfg".to_owned());
        flags.push(check);
    }
    flags
}

/// The `--config` value that sets the rustflags of [`TARGET`] for
/// devkernel, with `extra` (the user's own flags) appended after ours.
pub fn rustflags_config(extra: &[String]) -> String {
    rustflags_config_for(&KernelConfig::devkernel(), extra)
}

/// The `--config` value that sets the rustflags of [`TARGET`] for a kernel
/// with `config`, with `extra` (the user's own flags) appended after ours.
pub fn rustflags_config_for(config: &KernelConfig, extra: &[String]) -> String {
    let flags: Vec<String> = rustflags_for(config).into_iter().chain(extra.iter().cloned()).collect();
    format!("target.{TARGET}.rustflags={}", toml_string_array(&flags))
}

/// The environment variable that sets the runner of [`TARGET`]
/// executables, overriding a project's `.cargo/config.toml`.
pub const RUNNER_VARIABLE: &str = "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER";

/// The runner `cargo sel4 init` writes: `cargo sel4 runner`, found through
/// cargo, so it works wherever `cargo sel4` does.
pub const PROJECT_RUNNER: &[&str] = &["cargo", "sel4", "runner"];

/// The text of a project's `.cargo/config.toml` that makes `cargo build`,
/// `cargo run` and `cargo test` build for seL4 and boot on it: the same
/// target and flags as the nested build, for a kernel with `config`, and
/// [`PROJECT_RUNNER`]. The flags are written twice, as `rustflags` and as
/// `rustdocflags`: doc tests are compiled by rustdoc, which takes only the
/// latter, and cargo (since Rust 1.89) runs them through the target's
/// runner, so with the same flags they are root tasks like every other
/// test. A `#![no_std]` program also gets `panic = "abort"`.
pub fn project_cargo_config(config: &KernelConfig, no_std: bool) -> String {
    let runner: Vec<String> = PROJECT_RUNNER.iter().map(|part| (*part).to_owned()).collect();
    let mut text = String::from(
        "# Written by `cargo sel4 init`: build for seL4 and boot in QEMU.\n\
         # `cargo sel4 init` rewrites this file for the kernel it finds\n\
         # (SEL4_PREFIX, or devkernel); edit the flags after ours freely.\n\n",
    );
    text.push_str(&format!("[build]\ntarget = {}\n\n", toml_string(TARGET)));
    text.push_str(&format!("[target.{TARGET}]\nrunner = {}\n", toml_string_array(&runner)));
    let flags = rustflags_for(config);
    for key in ["rustflags", "rustdocflags"] {
        text.push_str(&format!("{key} = [\n"));
        // One flag and its argument per line, so the file reads as a list.
        for pair in flags.chunks(2) {
            let items: Vec<String> = pair.iter().map(|flag| toml_string(flag)).collect();
            text.push_str(&format!("    {},\n", items.join(", ")));
        }
        text.push_str("]\n");
    }
    if no_std {
        text.push_str("\n# The precompiled `core` has no unwinder without `std`.\n");
        for profile in ["dev", "release"] {
            text.push_str(&format!("[profile.{profile}]\npanic = \"abort\"\n"));
        }
    }
    text
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

/// The TCP port of QEMU's gdb stub under `--gdb`.
pub const GDB_PORT: u16 = 1234;

/// The QEMU arguments of `--gdb`: open the gdb stub on [`GDB_PORT`] and
/// wait for the debugger before the first instruction.
pub fn qemu_gdb_args() -> Vec<OsString> {
    vec!["-gdb".into(), format!("tcp::{GDB_PORT}").into(), "-S".into()]
}

/// The gdb command that attaches to a run under `--gdb`, with the symbols
/// of the kernel (when known) and of the root task.
pub fn gdb_command(kernel_symbols: Option<&Path>, root_task: &Path) -> String {
    let mut command = String::from("gdb -q -ex 'set architecture i386:x86-64'");
    if let Some(kernel) = kernel_symbols {
        command.push_str(&format!(" -ex 'file {}'", kernel.display()));
    }
    command.push_str(&format!(
        " -ex 'add-symbol-file {}' -ex 'target remote localhost:{GDB_PORT}'",
        root_task.display()
    ));
    command
}

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
    fn kernel_configuration_becomes_cfgs_and_check_cfgs() {
        let flags = rustflags_for(&KernelConfig::devkernel());
        assert_eq!(flags[..rustflags().len()], rustflags()[..]);
        let text = flags.join(" ");
        assert!(text.contains("--cfg sel4_config_debug_build "), "{text}");
        assert!(text.contains("--cfg sel4_config_max_num_nodes=\"1\" "), "{text}");
        assert!(!text.contains("--cfg sel4_config_kernel_mcs"), "{text}");
        assert!(text.contains("--check-cfg cfg(sel4_config_kernel_mcs)"), "{text}");
        assert!(text.contains("--check-cfg cfg(sel4) "), "{text}");
    }

    #[test]
    fn project_cargo_config_is_valid_toml_with_the_same_flags() {
        let config = KernelConfig::devkernel();
        let text = project_cargo_config(&config, true);
        assert!(text.contains("[build]\ntarget = \"x86_64-unknown-linux-gnu\"\n"), "{text}");
        assert!(text.contains("runner = [\"cargo\", \"sel4\", \"runner\"]"), "{text}");
        assert!(text.contains("    \"--cfg\", \"sel4_config_max_num_nodes=\\\"1\\\"\",\n"), "{text}");
        assert!(text.contains("[profile.release]\npanic = \"abort\"\n"), "{text}");
        assert!(!project_cargo_config(&config, false).contains("panic"));
    }

    #[test]
    fn gdb_command_names_both_symbol_files() {
        assert_eq!(
            gdb_command(Some(Path::new("/k/kernel.elf")), Path::new("/t/app")),
            "gdb -q -ex 'set architecture i386:x86-64' -ex 'file /k/kernel.elf' \
             -ex 'add-symbol-file /t/app' -ex 'target remote localhost:1234'"
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
