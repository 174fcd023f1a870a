// SPDX-License-Identifier: MIT OR Apache-2.0
//! Where the IPC buffer is, and access to its message registers and
//! capability slots.
//!
//! The pointer lives in one process-wide static for now: that is right while
//! a program has one thread (the root task). When threads arrive it becomes
//! per thread (thread-local), as libsel4's `__sel4_ipc_buffer` is.

use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use crate::{seL4_CPtr, seL4_IPCBuffer, seL4_Word};

static IPC_BUFFER: AtomicPtr<seL4_IPCBuffer> = AtomicPtr::new(ptr::null_mut());

/// The IPC buffer registered with [`seL4_SetIPCBuffer`] (null before).
#[inline]
pub fn seL4_GetIPCBuffer() -> *mut seL4_IPCBuffer {
    IPC_BUFFER.load(Ordering::Relaxed)
}

/// Registers the calling thread's IPC buffer (for the root task:
/// `seL4_BootInfo::ipcBuffer`).
///
/// # Safety
///
/// `buffer` must point to the thread's mapped, writable IPC buffer for as
/// long as any function of this crate that touches the buffer is called.
#[inline]
pub unsafe fn seL4_SetIPCBuffer(buffer: *mut seL4_IPCBuffer) {
    IPC_BUFFER.store(buffer, Ordering::Relaxed);
}

fn buffer() -> *mut seL4_IPCBuffer {
    seL4_GetIPCBuffer()
}

/// Message register `i` from the IPC buffer (panics if `i >= seL4_MsgMaxLength`).
///
/// # Safety
///
/// The IPC buffer must be registered (see [`seL4_SetIPCBuffer`]).
#[inline]
pub unsafe fn seL4_GetMR(i: usize) -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid; the
    // index is bounds-checked on the array place, no reference is formed.
    unsafe { (*buffer()).msg[i] }
}

/// Sets message register `i` in the IPC buffer (panics if `i >= seL4_MsgMaxLength`).
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetMR(i: usize, value: seL4_Word) {
    // SAFETY: as for seL4_GetMR; the buffer is writable by the caller's contract.
    unsafe { (*buffer()).msg[i] = value }
}

/// The IPC buffer's word reserved for the user.
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetUserData() -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).userData }
}

/// Sets the IPC buffer's word reserved for the user.
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetUserData(value: seL4_Word) {
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe { (*buffer()).userData = value }
}

/// Extra capability `i` of the message to send (panics if `i >= seL4_MsgMaxExtraCaps`).
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetCap(i: usize) -> seL4_CPtr {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).caps_or_badges[i] }
}

/// Sets extra capability `i` of the message to send (panics if `i >= seL4_MsgMaxExtraCaps`).
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetCap(i: usize, cptr: seL4_CPtr) {
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe { (*buffer()).caps_or_badges[i] = cptr }
}

/// Badge `i` of a received message whose capabilities were unwrapped.
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetBadge(i: usize) -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).caps_or_badges[i] }
}

/// Where a received capability is stored: slot (`index`, `depth`) under `root`.
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetCapReceivePath(root: seL4_CPtr, index: seL4_CPtr, depth: seL4_Word) {
    let buffer = buffer();
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe {
        (*buffer).receiveCNode = root;
        (*buffer).receiveIndex = index;
        (*buffer).receiveDepth = depth;
    }
}
