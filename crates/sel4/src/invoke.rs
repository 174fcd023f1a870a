// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The one door from the typed API into `sel4-sys`: every invocation and
// system call of this crate goes through `sys_call!`, which checks that the
// calling thread has an IPC buffer and then calls the raw function. The
// `unsafe` of all those calls is therefore written (and justified) once,
// here; the object modules stay free of it.

/// Calls a `sel4-sys` function whose only precondition is a registered,
/// mapped and writable IPC buffer of the calling thread; evaluates to its
/// return value. Panics if no IPC buffer is registered (in the host build,
/// always).
macro_rules! sys_call {
    ($call:expr) => {{
        $crate::ipc_buffer::ensure_registered();
        // SAFETY: the sel4-sys invocation stubs and IPC system calls need
        // the calling thread's IPC buffer registered, mapped and writable.
        // It is registered (checked just above). It is mapped and writable
        // because only two things register one: this crate's start-up,
        // with the buffer the kernel mapped for the root task for its whole
        // life, and `sel4::sys::seL4_SetIPCBuffer`, an unsafe function
        // whose caller promises the same. The kernel writes nothing else
        // of ours: the buffer is never borrowed as a Rust reference.
        #[allow(unsafe_code)]
        let value = unsafe { $call };
        value
    }};
}
pub(crate) use sys_call;

/// `sys_call!` of an invocation stub that returns an `seL4_Error`:
/// evaluates to `sel4::Result<()>`, with the error's details read from the
/// IPC buffer and `$operation` as its name.
macro_rules! invoke {
    ($operation:expr, $call:expr) => {
        $crate::ipc_buffer::check($crate::invoke::sys_call!($call), $operation)
    };
}
pub(crate) use invoke;
