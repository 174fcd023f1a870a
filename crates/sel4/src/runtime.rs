// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The C functions this crate calls, with safe wrappers. In the seL4 build
// the project's runtime defines them; in the host build the host's C
// library does (only `write` and `exit`; the boot info exists on seL4 only).

// Which helpers are used depends on the features and the build.
#![allow(dead_code)]
#![allow(unsafe_code)]

use core::ffi::{c_int, c_void};

extern "C" {
    fn write(fd: c_int, buffer: *const c_void, count: usize) -> isize;
    fn exit(status: c_int) -> !;
    #[cfg(sel4)]
    fn sel4runtime_bootinfo() -> *const sel4_sys::seL4_BootInfo;
    #[cfg(sel4)]
    fn sel4runtime_empty_slots() -> sel4_sys::seL4_SlotRegion;
    #[cfg(sel4)]
    fn sel4runtime_tls_area_size() -> usize;
    #[cfg(sel4)]
    fn sel4runtime_tls_init(
        area: *mut c_void,
        size: usize,
        ipc_buffer: *mut sel4_sys::seL4_IPCBuffer,
    ) -> usize;
}

/// Standard output's file descriptor.
pub const STDOUT: c_int = 1;
/// Standard error's file descriptor.
pub const STDERR: c_int = 2;

/// Writes all of `bytes` to `fd`, giving up silently on an error: the
/// callers print diagnostics, with nowhere else to report a failure.
pub fn write_all(fd: c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe the live slice `bytes`,
        // which `write` only reads.
        let written = unsafe { write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match usize::try_from(written) {
            Ok(count) if count > 0 => bytes = &bytes[count.min(bytes.len())..],
            _ => return,
        }
    }
}

/// Ends the program with `status` (on seL4: QEMU's exit device gets it).
pub fn exit_with(status: c_int) -> ! {
    // SAFETY: `exit` may be called at any time; it runs the C library's
    // exit handlers and does not return.
    unsafe { exit(status) }
}

/// The boot info the kernel handed the root task, kept by the runtime.
#[cfg(sel4)]
pub fn bootinfo_pointer() -> *const sel4_sys::seL4_BootInfo {
    // SAFETY: the runtime's accessor has no preconditions; it answers the
    // pointer it saved at start-up.
    unsafe { sel4runtime_bootinfo() }
}

/// The free slots the runtime has not taken for itself.
#[cfg(sel4)]
pub fn empty_slots() -> sel4_sys::seL4_SlotRegion {
    // SAFETY: the runtime's accessor has no preconditions.
    unsafe { sel4runtime_empty_slots() }
}

/// Bytes a TLS block for another thread needs.
#[cfg(sel4)]
pub fn tls_area_size() -> usize {
    // SAFETY: the runtime's accessor has no preconditions.
    unsafe { sel4runtime_tls_area_size() }
}

/// Builds a TLS block in `area` for a thread whose IPC buffer is at
/// `ipc_buffer`; answers its thread pointer, or 0 when `area` is too small.
#[cfg(sel4)]
pub fn tls_init(area: &mut [u8], ipc_buffer: usize) -> usize {
    // SAFETY: the pointer and length describe `area`, which the runtime
    // writes only inside; the IPC buffer address is only stored.
    unsafe { sel4runtime_tls_init(area.as_mut_ptr().cast(), area.len(), ipc_buffer as *mut _) }
}
