// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `cargo sel4 doctor`: every check of `host_check` plus the optional tools
// and the configured seL4, each on one line with what to do when it fails.
// Exits non-zero when something required is missing.

use crate::host_check;
use sel4_launcher::kernel_selection::{KernelChoice, Sel4Prefix};
use sel4_launcher::{host_tools, messages, Failure};

/// Runs the checks and prints one line each.
pub fn doctor() -> Result<i32, Failure> {
    let mut failed = 0;
    let mut report = |name: &str, result: Result<String, Failure>, required: bool| match result {
        Ok(detail) => messages::status("ok", &format!("{name}: {detail}")),
        Err(failure) if required => {
            failed += 1;
            messages::error(&format!("{name}: {}", failure.message));
        }
        Err(failure) => messages::status("optional", &format!("{name}: {}", failure.message)),
    };
    report("host", host_check::supported_host().map(|()| "x86_64 Linux".to_owned()), true);
    report("Rust", host_check::rust_version(), true);
    report(
        "target",
        host_check::target_installed()
            .map(|()| format!("{} standard library installed", sel4_launcher::settings::TARGET)),
        true,
    );
    report("gcc", host_check::gcc().map(|path| path.display().to_string()), true);
    report("QEMU", host_check::qemu().map(|path| path.display().to_string()), true);
    report(
        "objcopy",
        host_tools::require("objcopy", "binutils")
            .map(|path| format!("{} (converts real seL4 kernels)", path.display())),
        false,
    );
    report(
        "gdb",
        host_tools::require("gdb", "gdb").map(|path| format!("{} (for --gdb)", path.display())),
        false,
    );
    let kernel = match KernelChoice::from_env(|name| std::env::var(name).ok()) {
        KernelChoice::Devkernel => Ok("devkernel (set SEL4_PREFIX to boot a real seL4)".to_owned()),
        KernelChoice::Prefix { path, origin } => Sel4Prefix::open(&path, &origin)
            .map(|prefix| format!("real seL4 at {}, configuration matches", prefix.root.display())),
        KernelChoice::Image { path, .. } => Ok(format!("kernel image {} (SEL4_KERNEL)", path.display())),
        KernelChoice::DevkernelRelease { .. } => Ok("devkernel, release build (SEL4_KERNEL)".to_owned()),
    };
    report("kernel", kernel, true);
    Ok(if failed == 0 { 0 } else { 1 })
}
