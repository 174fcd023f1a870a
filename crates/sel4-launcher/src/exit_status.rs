// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The exit statuses of `cargo run` for a root task, and the mapping from
// QEMU's own exit status back to the root task's. Kept apart so the numbers
// are documented and tested in one place.

//! Exit statuses of the launcher.
//!
//! | status | meaning |
//! | --- | --- |
//! | 0..=127 | the root task's own exit status (the runtime clamps larger values to 127; 101 is a panic) |
//! | 127 | also: a tool is missing (`qemu-system-x86_64`, `gcc`, `cargo`); a message says which |
//! | cargo's status | the seL4 build failed (usually 101); cargo's messages say why |
//! | [`KERNEL_BOOT_FAILED`] 200 | the kernel refused to boot the root task (`devkernel: boot failed: ...`) |
//! | [`KERNEL_PANIC`] 201 | the kernel hit an internal error (`devkernel: panic: ...`, seL4's `seL4 called fail at ...`) |
//! | [`KERNEL_HALTED`] 202 | the kernel halted (`halting...`, for example after `seL4_DebugHalt`) |
//! | [`UNHANDLED_FAULT`] 203 | a thread faulted with no fault handler (seL4's `Caught ... fault` report) |
//! | [`TIME_LIMIT`] 204 | the run took longer than the time limit (`SEL4_RUN_TIMEOUT`, `--timeout`) |
//! | [`NO_EXIT_STATUS`] 205 | QEMU ended without the root task's status (QEMU error, reset, signal) |
//! | [`LAUNCHER_ERROR`] 206 | the launcher could not start (bad environment value, missing kernel image, an incompatible `SEL4_PREFIX`, a root task that is not a static x86_64 executable, ...) |
//! | [`INTERRUPTED`] 130 | Ctrl-C (or SIGTERM) stopped the run; QEMU was stopped and the terminal restored |
//!
//! The 200s are out of reach of a root task (its status is at most 127)
//! and of the shell's `128 + signal` convention.

use std::process::ExitStatus;

/// A required program is not installed (the shell's "command not found").
pub const TOOL_MISSING: i32 = 127;
/// The kernel printed `devkernel: boot failed: ...`.
pub const KERNEL_BOOT_FAILED: i32 = 200;
/// The kernel printed `devkernel: panic: ...` or `seL4 called fail at ...`.
pub const KERNEL_PANIC: i32 = 201;
/// The kernel printed `halting...`.
pub const KERNEL_HALTED: i32 = 202;
/// The kernel reported a fault that no handler received.
pub const UNHANDLED_FAULT: i32 = 203;
/// The time limit ran out before QEMU ended.
pub const TIME_LIMIT: i32 = 204;
/// QEMU ended but not through the root task's exit.
pub const NO_EXIT_STATUS: i32 = 205;
/// The launcher could not start the run.
pub const LAUNCHER_ERROR: i32 = 206;
/// Ctrl-C stopped the run (the shell's `128 + SIGINT`).
pub const INTERRUPTED: i32 = 130;

/// How QEMU ended, read from its process status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QemuEnd {
    /// Through `isa-debug-exit`: the root task's status.
    RootTask(i32),
    /// With an even status: not through `isa-debug-exit` (0 after a reset
    /// with `-no-reboot`, for example a triple fault).
    EvenStatus(i32),
    /// Killed by this signal.
    Signal(i32),
}

/// Maps QEMU's exit code: an odd `s` is `(v << 1) | 1` written by the root
/// task, so the root task's status is `s >> 1`.
pub fn from_qemu_code(code: i32) -> QemuEnd {
    if code & 1 == 1 {
        QemuEnd::RootTask(code >> 1)
    } else {
        QemuEnd::EvenStatus(code)
    }
}

/// Maps QEMU's process status (see [`from_qemu_code`]).
pub fn from_qemu_status(status: ExitStatus) -> QemuEnd {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => from_qemu_code(code),
        (None, Some(signal)) => QemuEnd::Signal(signal),
        (None, None) => QemuEnd::Signal(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    #[test]
    fn odd_statuses_carry_the_root_task_status() {
        assert_eq!(from_qemu_code(1), QemuEnd::RootTask(0));
        assert_eq!(from_qemu_code(3), QemuEnd::RootTask(1));
        assert_eq!(from_qemu_code((101 << 1) | 1), QemuEnd::RootTask(101));
        assert_eq!(from_qemu_code(255), QemuEnd::RootTask(127));
    }

    #[test]
    fn even_statuses_are_not_root_task_statuses() {
        assert_eq!(from_qemu_code(0), QemuEnd::EvenStatus(0));
        assert_eq!(from_qemu_code(2), QemuEnd::EvenStatus(2));
    }

    #[test]
    fn process_statuses_are_mapped() {
        // A wait(2) status: exit code in bits 8..16, signal in bits 0..7.
        assert_eq!(from_qemu_status(ExitStatus::from_raw(7 << 8)), QemuEnd::RootTask(3));
        assert_eq!(from_qemu_status(ExitStatus::from_raw(9)), QemuEnd::Signal(9));
    }

    #[test]
    fn launcher_statuses_are_distinct_and_out_of_root_task_range() {
        let statuses = [
            KERNEL_BOOT_FAILED,
            KERNEL_PANIC,
            KERNEL_HALTED,
            UNHANDLED_FAULT,
            TIME_LIMIT,
            NO_EXIT_STATUS,
            LAUNCHER_ERROR,
        ];
        for (index, status) in statuses.iter().enumerate() {
            assert!(*status > 192 && *status < 256);
            assert!(!statuses[index + 1..].contains(status));
        }
    }
}
