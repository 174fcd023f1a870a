// SPDX-License-Identifier: MIT OR Apache-2.0
//
// x86_64: the capability kinds and invocations only this architecture has
// (frames of three sizes, the four-level paging structures, ASIDs, I/O
// ports, IOAPIC/MSI interrupts) and the register layout of a thread.

pub mod cap_type;
mod frame;
mod io_port;
mod irq;
mod object_type;
mod paging;
mod user_context;
mod vm_attributes;

pub use frame::FrameType;
pub use object_type::ArchObjectType;
pub use user_context::UserContext;
pub use vm_attributes::VmAttributes;
