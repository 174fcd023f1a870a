// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The top of the `sel4` crate: its promises, its modules and its re-exports.
// Everything that differs between the seL4 build and the host build is
// chosen here or in `root_main.rs` with `cfg(sel4)`, never in user code.

//! Write seL4 root tasks in Rust.
//!
//! Put `#[sel4::root]` on the `main` of an ordinary Rust program and
//! `cargo run` boots it as the root task of an seL4 system in QEMU:
//!
//! ```no_run
//! #[sel4::root]
//! fn main() {
//!     println!("Hello, world!");
//! }
//! ```
//!
//! `std` works (`println!`, `Vec`, `HashMap`, panics that unwind) because
//! the project's C runtime stands in for the C library under it. The
//! program is built twice: the host build's `main` is a launcher that
//! builds the package again for seL4 (`--cfg sel4`), boots it on devkernel
//! (or the kernel image in `SEL4_KERNEL`) and exits with the root task's
//! status; in the seL4 build `main` runs as written, after this crate's
//! start-up. See `sel4-launcher` for the statuses and the environment.
//!
//! The boot info the kernel gives the root task is [`bootinfo()`]:
//!
//! ```no_run
//! #[sel4::root]
//! fn main() {
//!     let bootinfo = sel4::bootinfo();
//!     let bytes: u64 = bootinfo.untyped_list().iter().map(|untyped| untyped.size_bytes()).sum();
//!     println!("{} untypeds, {bytes} bytes", bootinfo.untyped_list().len());
//!     println!("free slots: {:?}", bootinfo.empty());
//! }
//! ```
//!
//! # Typed capabilities
//!
//! Every kind of seL4 object has its own capability type ([`Tcb`],
//! [`Endpoint`], [`Notification`], [`CNode`], [`Untyped`], frames by size
//! ([`SmallPage`], [`LargePage`], [`HugePage`]), paging structures,
//! [`IrqHandler`], [`IoPort`], ...), all [`Cap<T>`] with a marker from
//! [`cap_type`]. Each invocation is a method of the right type, named after
//! it (`seL4_TCB_SetPriority` is [`Tcb::set_priority`]), and every one that
//! can fail returns [`Result`], whose [`Error`] names the operation and
//! carries the kernel's details:
//!
//! ```no_run
//! use sel4::{init_thread, Badge, CapRights, Endpoint, ObjectAllocator};
//!
//! #[sel4::root]
//! fn main() -> sel4::Result<()> {
//!     let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
//!     let endpoint: Endpoint = objects.create()?;
//!     let badged = objects.mint(endpoint, CapRights::ALL, Badge::new(7))?;
//!     init_thread::TCB.set_priority(init_thread::TCB, 200)?;
//!     objects.revoke(endpoint)?; // deletes `badged`
//!     println!("{:?}", badged.upcast().identify()); // 0: empty
//!     Ok(())
//! }
//! ```
//!
//! A number becomes a typed capability only through a check
//! ([`CPtr::cast`], which asks a debug kernel what the slot holds) or the
//! `unsafe` [`Cap::from_bits`]. Architecture items (frames, paging,
//! I/O ports, [`VmAttributes`], [`UserContext`]) exist under
//! `#[cfg(target_arch = "x86_64")]`.
//!
//! # Safety
//!
//! Invocations only pass words and capability pointers to the kernel,
//! which checks them, so the safe API cannot corrupt memory through Rust
//! itself. What it cannot prevent is the program changing its own
//! foundations through the kernel, as `std::fs` cannot stop a program
//! overwriting its own executable: mapping a frame over memory the program
//! uses, unmapping it, or changing the running thread's TLS base. The
//! kernel allows these to whoever holds the capabilities; do not aim them
//! at the program's own image, stack, heap or IPC buffer. `unsafe` code
//! lives in a few modules, each block with a `// SAFETY:` comment:
//! `invoke.rs` (every call into `sel4-sys`, whose one precondition, a
//! registered IPC buffer, it checks), `ipc_buffer.rs` (word-by-word access
//! to that buffer, never a reference across a system call), `bootinfo.rs`
//! (the read-only boot info frames the kernel maps), and `runtime.rs` /
//! `panic_handler.rs` (the C runtime's functions). The rest of the crate
//! denies `unsafe_code`. In the host build every kernel call panics
//! instead of executing a system call on the host.
//!
//! `#![no_std]` programs turn off the default `std` feature and mark `main`
//! with `#[sel4::root(no_std)]`; they print with `debug_println!` (feature
//! `utils`), and a panic prints its message and location and exits with
//! status 101:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//!
//! #[sel4::root(no_std)]
//! fn main() {
//!     sel4::debug_println!("Hello, world!");
//! }
//! ```
//!
//! # What this crate promises
//!
//! - The same source builds for the host and for seL4; user code never
//!   needs `cfg(sel4)`. Items that only mean something on seL4 (such as
//!   [`bootinfo()`]) exist in the host build too, so it type-checks the
//!   whole program, and panic if ever called there.
//! - Safe views over the raw structures of [`sys`] (`sel4-sys`), with the
//!   raw ones always reachable.
//! - A root task's exit status is the status of `cargo run`.
//!
//! # What it refuses
//!
//! - Deciding the build: the flags, target and QEMU command line belong to
//!   `sel4_launcher::settings`.
//! - Hiding the ABI: names follow seL4's, and [`sys`] is the ABI itself.
//!
//! # Features
//!
//! - `std` (default): links `std` (and `alloc`); [`Error`] implements
//!   `std::error::Error`. Turn it off in `#![no_std]` programs, which then
//!   get this crate's panic handler in the seL4 build.
//! - `alloc`: links `alloc` without `std`.
//! - `utils`: `debug_print!` and `debug_println!`, which write through
//!   the runtime's `write(1, ...)`, so they work on release kernels too.

#![no_std]
#![deny(missing_docs, unsafe_op_in_unsafe_fn, unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(sel4)]
use sel4_runtime as _;

pub use sel4_macros::root;
pub use sel4_macros::{sel4_cfg, sel4_cfg_if as cfg_if};
pub use sel4_sys as sys;

mod allocator;
mod arch;
mod badge;
mod bootinfo;
mod bootinfo_extra;
mod cap;
mod cap_rights;
pub mod cap_type;
mod cnode_cap_data;
pub mod config;
mod debug;
#[cfg(feature = "utils")]
mod debug_print;
mod error;
pub mod init_thread;
mod invoke;
mod ipc_buffer;
mod message_info;
mod object;
mod object_type;
#[cfg(all(sel4, not(feature = "std")))]
mod panic_handler;
mod root_main;
mod runtime;
#[cfg(feature = "alloc")]
mod tls_block;

pub use allocator::{ObjectAllocator, SlotAllocator};
pub use arch::{ArchObjectType, FrameType, UserContext, VmAttributes};
pub use badge::Badge;
pub use bootinfo::{bootinfo, BootInfo, UntypedDesc};
pub use bootinfo_extra::{AcpiRsdp, ExtraBootInfo, ExtraChunk, ExtraChunkId, MemoryRegion};
pub use cap::{CPtr, Cap, CapType};
pub use cap_rights::CapRights;
pub use cnode_cap_data::CNodeCapData;
pub use debug::{debug_dump_scheduler, debug_halt, debug_put_char, debug_snapshot};
pub use error::{Error, ErrorCode, ErrorKind, LookupFailure, Result};
pub use ipc_buffer::{ipc_buffer, IpcBuffer, MESSAGE_CAPABILITIES, MESSAGE_REGISTERS};
pub use message_info::{MessageInfo, MessageInfoBuilder};
pub use object::{reply, yield_now, FastMessageRegisters, Slot};
pub use object_type::{FixedSizeObject, ObjectType};
#[cfg(feature = "alloc")]
pub use tls_block::TlsBlock;

/// Untyped memory ([`Untyped::retype`] makes objects from it).
pub type Untyped = Cap<cap_type::Untyped>;
/// A thread control block.
pub type Tcb = Cap<cap_type::Tcb>;
/// An IPC endpoint.
pub type Endpoint = Cap<cap_type::Endpoint>;
/// A notification.
pub type Notification = Cap<cap_type::Notification>;
/// A CNode (a table of capability slots).
pub type CNode = Cap<cap_type::CNode>;
/// The authority to create IRQ handlers.
pub type IrqControl = Cap<cap_type::IrqControl>;
/// The authority over one interrupt.
pub type IrqHandler = Cap<cap_type::IrqHandler>;
/// The authority over scheduling domains.
pub type DomainSet = Cap<cap_type::DomainSet>;
/// A 4 KiB frame.
#[cfg(target_arch = "x86_64")]
pub type SmallPage = Cap<cap_type::SmallPage>;
/// A frame of the smallest size: [`SmallPage`].
#[cfg(target_arch = "x86_64")]
pub type Frame = SmallPage;
/// A 2 MiB frame.
#[cfg(target_arch = "x86_64")]
pub type LargePage = Cap<cap_type::LargePage>;
/// A 1 GiB frame.
#[cfg(target_arch = "x86_64")]
pub type HugePage = Cap<cap_type::HugePage>;
/// A page table.
#[cfg(target_arch = "x86_64")]
pub type PageTable = Cap<cap_type::PageTable>;
/// A page directory.
#[cfg(target_arch = "x86_64")]
pub type PageDirectory = Cap<cap_type::PageDirectory>;
/// A page directory pointer table.
#[cfg(target_arch = "x86_64")]
pub type Pdpt = Cap<cap_type::Pdpt>;
/// A PML4, the root of an x86_64 address space.
#[cfg(target_arch = "x86_64")]
pub type Pml4 = Cap<cap_type::Pml4>;
/// The root of an address space: on x86_64 a [`Pml4`].
#[cfg(target_arch = "x86_64")]
pub type VSpace = Pml4;
/// The authority to create ASID pools.
#[cfg(target_arch = "x86_64")]
pub type AsidControl = Cap<cap_type::AsidControl>;
/// A pool of address space identifiers.
#[cfg(target_arch = "x86_64")]
pub type AsidPool = Cap<cap_type::AsidPool>;
/// The authority to create I/O port capabilities.
#[cfg(target_arch = "x86_64")]
pub type IoPortControl = Cap<cap_type::IoPortControl>;
/// A range of x86 I/O ports.
#[cfg(target_arch = "x86_64")]
pub type IoPort = Cap<cap_type::IoPort>;

/// Not public API: what the expansion of `#[sel4::root]` calls.
#[doc(hidden)]
pub mod __private {
    pub use core::ffi::{c_char, c_int};

    #[cfg(feature = "utils")]
    pub use crate::debug_print::print;

    /// Start-up of the seL4 build, before the user's `main` body: makes the
    /// IPC buffer the kernel gave the root task this thread's.
    #[cfg(sel4)]
    pub fn start() {
        crate::bootinfo::install_ipc_buffer();
    }

    /// The host build's `main` of a `std` program.
    #[cfg(not(sel4))]
    pub fn launch(manifest_dir: &str, package: &str, bin: Option<&str>) -> ! {
        sel4_launcher::launch(manifest_dir, package, bin.unwrap_or(package), sel4_launcher::Program::Std)
    }

    /// The host build's `main` of a `#![no_std]` program under `cargo
    /// test`: there is no test harness without Rust's `main`, so it says
    /// so and succeeds.
    #[cfg(not(sel4))]
    pub fn no_std_test_main(package: &str) -> c_int {
        sel4_launcher::note_no_std_tests(package);
        0
    }

    /// The host build's `main` of a `#![no_std]` program.
    #[cfg(not(sel4))]
    pub fn launch_no_std(manifest_dir: &str, package: &str, bin: Option<&str>) -> ! {
        sel4_launcher::launch(manifest_dir, package, bin.unwrap_or(package), sel4_launcher::Program::NoStd)
    }
}
