// SPDX-License-Identifier: MIT OR Apache-2.0
//! Raw bindings to the seL4 ABI for x86_64: the layer everything else in
//! Rust is built on.
//!
//! What it is:
//! - the types and constants of libsel4 under libsel4's names (`seL4_Word`,
//!   `seL4_CPtr`, `seL4_CapInitThreadTCB`, `seL4_MsgMaxLength`, ...);
//! - bit field words with constructors and accessors ([`seL4_MessageInfo`],
//!   [`seL4_CapRights`], [`seL4_CNode_CapData`]), also under libsel4's
//!   function names (`seL4_MessageInfo_new`, `seL4_MessageInfo_get_label`);
//! - the ABI structures ([`seL4_BootInfo`], [`seL4_IPCBuffer`],
//!   [`seL4_UserContext`], ...) as `#[repr(C)]` structs whose size,
//!   alignment and field offsets are checked at compile time;
//! - the system calls ([`seL4_Call`], [`seL4_Send`], [`seL4_Recv`],
//!   [`seL4_DebugPutChar`], [`seL4_SetTLSBase`], ...) in inline assembly;
//! - the IPC buffer pointer ([`seL4_SetIPCBuffer`] / [`seL4_GetIPCBuffer`])
//!   and message register access ([`seL4_GetMR`], [`seL4_SetMR`], ...);
//! - one function per kernel invocation (`seL4_TCB_Configure`,
//!   `seL4_X86_IOPort_Out8`, ...), generated with the types and constants
//!   from the one API description in `api/interface` by `sel4-api`.
//!
//! What it promises: the ABI of seL4 for x86_64 pc99 (non-MCS, debug
//! build), exactly, and nothing more. It is raw: no ownership, no `Result`
//! (that is the `sel4` crate's job). Functions that touch memory through the
//! IPC buffer are `unsafe`, each with a `# Safety` section; the few that only
//! pass registers are safe.
//!
//! Choices worth knowing:
//! - Enumerations (`seL4_Error`, `seL4_ObjectType`, ...) are a type alias
//!   plus constants, as in C, not Rust enums: a value that comes from the
//!   kernel can then never be an invalid enum. `seL4_Error` is `u32`.
//! - Invocation labels are in the module [`invocation_label`], the kernel's
//!   capability type tags in [`cap_tag`].
//! - The IPC buffer pointer is per thread: in the seL4 build it is the C
//!   runtime's thread-local `__sel4_ipc_buffer`, which libsel4-style C code
//!   in the same program shares.
//!
//! The crate compiles on any x86_64 host (it is only inline assembly), but
//! its functions assume they run as a thread on seL4.

#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

mod generated;
mod ipc_buffer;
mod syscalls;

pub use generated::constants::*;
pub use generated::invocations::*;
pub use generated::types::*;
pub use ipc_buffer::*;
pub use syscalls::*;
