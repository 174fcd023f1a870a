// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The capabilities the kernel puts in fixed slots of the root task's CNode
// (ABI section 11), already typed.

//! The root task's initial capabilities, in the slots seL4 fixes.
//!
//! ```no_run
//! use sel4::init_thread;
//! # fn main() -> sel4::Result<()> {
//! init_thread::TCB.set_priority(init_thread::TCB, 200)?;
//! # Ok(())
//! # }
//! ```

use crate::{
    sys, AsidControl, AsidPool, CNode, Cap, DomainSet, IoPortControl, IrqControl, SmallPage, Tcb, VSpace,
};

const fn slot<T: crate::CapType>(slot: sys::seL4_Word) -> Cap<T> {
    Cap::from_bits_trusted(slot as usize)
}

/// The root task's own thread (`seL4_CapInitThreadTCB`).
pub const TCB: Tcb = slot(sys::seL4_CapInitThreadTCB);
/// The root task's CNode, the root of its CSpace (`seL4_CapInitThreadCNode`).
pub const CNODE: CNode = slot(sys::seL4_CapInitThreadCNode);
/// The root task's address space (`seL4_CapInitThreadVSpace`).
pub const VSPACE: VSpace = slot(sys::seL4_CapInitThreadVSpace);
/// The authority over interrupts (`seL4_CapIRQControl`).
pub const IRQ_CONTROL: IrqControl = slot(sys::seL4_CapIRQControl);
/// The authority to make ASID pools (`seL4_CapASIDControl`).
pub const ASID_CONTROL: AsidControl = slot(sys::seL4_CapASIDControl);
/// The ASID pool of the root task's address space (`seL4_CapInitThreadASIDPool`).
pub const ASID_POOL: AsidPool = slot(sys::seL4_CapInitThreadASIDPool);
/// The authority over I/O ports (`seL4_CapIOPortControl`).
pub const IO_PORT_CONTROL: IoPortControl = slot(sys::seL4_CapIOPortControl);
/// The frame holding the boot info (`seL4_CapBootInfoFrame`).
pub const BOOT_INFO_FRAME: SmallPage = slot(sys::seL4_CapBootInfoFrame);
/// The frame holding the root task's IPC buffer (`seL4_CapInitThreadIPCBuffer`).
pub const IPC_BUFFER_FRAME: SmallPage = slot(sys::seL4_CapInitThreadIPCBuffer);
/// The authority over scheduling domains (`seL4_CapDomain`).
pub const DOMAIN: DomainSet = slot(sys::seL4_CapDomain);
