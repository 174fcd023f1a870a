// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The kernel's debug system calls (debug kernels only): a character on the
// kernel console, halting, scheduler and capability dumps. Each only passes
// registers, so they need no IPC buffer; in the host build they panic.

use crate::ipc_buffer::ensure_on_sel4;
use crate::sys;

/// Writes one byte to the kernel's console.
///
/// Corresponds to `seL4_DebugPutChar`.
pub fn debug_put_char(byte: u8) {
    ensure_on_sel4();
    sys::seL4_DebugPutChar(byte)
}

/// Stops the machine: the kernel prints `halting...` and halts (QEMU keeps
/// running; the runner reports it).
///
/// Corresponds to `seL4_DebugHalt`.
pub fn debug_halt() {
    ensure_on_sel4();
    sys::seL4_DebugHalt()
}

/// Prints the kernel's scheduler state on its console.
///
/// Corresponds to `seL4_DebugDumpScheduler`.
pub fn debug_dump_scheduler() {
    ensure_on_sel4();
    sys::seL4_DebugDumpScheduler()
}

/// Asks the kernel for a snapshot of the capability state.
///
/// Corresponds to `seL4_DebugSnapshot`.
pub fn debug_snapshot() {
    ensure_on_sel4();
    sys::seL4_DebugSnapshot()
}
