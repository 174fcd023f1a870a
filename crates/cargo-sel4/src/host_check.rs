// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The checks every command makes before it builds or boots: the host is
// x86_64 Linux, Rust is new enough and has the host target's `std`, and
// gcc and QEMU are installed. Each failure is one line with the fix;
// `cargo sel4 doctor` shows them all at once.

use sel4_launcher::exit_status::{LAUNCHER_ERROR, TOOL_MISSING};
use sel4_launcher::{host_tools, settings, Failure};
use std::path::PathBuf;
use std::process::Command;

/// The oldest Rust that builds root tasks (the workspace's `rust-version`).
pub const MINIMUM_RUST: (u32, u32) = (1, 95);

/// The host as `<arch>-<os>`; the test suite overrides it with
/// `CARGO_SEL4_TEST_HOST` to check the refusal on other hosts.
fn host() -> String {
    std::env::var("CARGO_SEL4_TEST_HOST")
        .unwrap_or_else(|_| format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS))
}

/// Fails unless the host is x86_64 Linux.
pub fn supported_host() -> Result<(), Failure> {
    let host = host();
    if host == "x86_64-linux" {
        return Ok(());
    }
    Err(Failure::new(
        LAUNCHER_ERROR,
        format!(
            "this host is {host}; cargo sel4 supports x86_64 Linux only (root tasks are built with the \
             x86_64-unknown-linux-gnu standard library): use an x86_64 Linux machine or VM"
        ),
    ))
}

/// The `rustc` cargo uses.
fn rustc() -> PathBuf {
    std::env::var_os("RUSTC").map(PathBuf::from).unwrap_or_else(|| "rustc".into())
}

/// Parses `rustc 1.95.0 (abc 2026-01-01)` into (1, 95).
pub fn parse_rust_version(text: &str) -> Option<(u32, u32)> {
    let version = text.split_whitespace().nth(1)?;
    let mut parts = version.split(['.', '-']);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Fails unless rustc is at least [`MINIMUM_RUST`]; answers its version line.
pub fn rust_version() -> Result<String, Failure> {
    let output = Command::new(rustc())
        .arg("--version")
        .output()
        .map_err(|_| host_tools::missing("rustc", "rustc` or from https://rustup.rs (`rustup"))?;
    let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let Some(version) = parse_rust_version(&text) else {
        return Err(Failure::new(LAUNCHER_ERROR, format!("cannot read the Rust version from `{text}`")));
    };
    if version < MINIMUM_RUST {
        return Err(Failure::new(
            LAUNCHER_ERROR,
            format!(
                "Rust {}.{} is too old; root tasks need Rust {}.{} or newer: run `rustup update stable`",
                version.0, version.1, MINIMUM_RUST.0, MINIMUM_RUST.1
            ),
        ));
    }
    Ok(text)
}

/// Fails unless the precompiled `std` of the target is installed.
pub fn target_installed() -> Result<(), Failure> {
    let output = Command::new(rustc()).args(["--print", "sysroot"]).output();
    let sysroot =
        output.map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned()).unwrap_or_default();
    let lib = PathBuf::from(&sysroot).join("lib/rustlib").join(settings::TARGET).join("lib");
    if lib.is_dir() {
        return Ok(());
    }
    Err(Failure::new(
        LAUNCHER_ERROR,
        format!(
            "the {} standard library is not installed: run `rustup target add {}`",
            settings::TARGET,
            settings::TARGET
        ),
    ))
}

/// Fails unless gcc (the linker driver, and devkernel's compiler) is
/// installed.
pub fn gcc() -> Result<PathBuf, Failure> {
    match std::env::var_os("CC") {
        Some(cc) if !cc.is_empty() => host_tools::find_program(&cc.to_string_lossy()).ok_or_else(|| {
            Failure::new(
                TOOL_MISSING,
                format!("CC={} not found: install it or unset CC", cc.to_string_lossy()),
            )
        }),
        _ => host_tools::require("gcc", "gcc"),
    }
}

/// Fails unless QEMU is installed.
pub fn qemu() -> Result<PathBuf, Failure> {
    host_tools::require(settings::QEMU, "qemu-system-x86")
}

/// Every check a build-and-boot command needs, in order.
pub fn all() -> Result<(), Failure> {
    supported_host()?;
    rust_version()?;
    target_installed()?;
    gcc()?;
    qemu()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_versions_are_read() {
        assert_eq!(parse_rust_version("rustc 1.95.0 (29483883e 2026-01-01)"), Some((1, 95)));
        assert_eq!(parse_rust_version("rustc 1.70.0-nightly (x)"), Some((1, 70)));
        assert_eq!(parse_rust_version("nonsense"), None);
        assert!((1, 94) < MINIMUM_RUST && (2, 0) > MINIMUM_RUST);
    }
}
