// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The marker types of `Cap<T>`, one per kind of seL4 object, each tied to
// the kernel's capability tag (for the checked cast) and, where it can be
// created from untyped memory, to its object type. Architecture kinds
// (frames, paging structures, I/O ports) come from `arch`.

//! Marker types for [`Cap`](crate::Cap): one per kind of capability.
//!
//! Programs name the aliases ([`Tcb`](crate::Tcb), [`Endpoint`](crate::Endpoint),
//! ...) instead; the markers appear in generic code (`Cap<T>`,
//! `ObjectAllocator::create::<T>`).

use crate::sys::cap_tag;

/// Declares marker types: `Name = tag, "doc"`.
macro_rules! cap_types {
    ($($(#[$attribute:meta])* $name:ident = $tag:expr;)*) => {
        $(
            $(#[$attribute])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum $name {}

            impl $crate::cap::CapType for $name {
                const NAME: &'static str = stringify!($name);
                const TAG: Option<u32> = $tag;
            }
        )*
    };
}
pub(crate) use cap_types;

cap_types! {
    /// A capability of any kind (or an empty slot): [`CPtr`](crate::CPtr).
    Unspecified = None;
    /// Untyped memory, from which every other object is made.
    Untyped = Some(cap_tag::cap_untyped_cap);
    /// A thread control block.
    Tcb = Some(cap_tag::cap_thread_cap);
    /// An IPC endpoint.
    Endpoint = Some(cap_tag::cap_endpoint_cap);
    /// A notification (an array of binary semaphores).
    Notification = Some(cap_tag::cap_notification_cap);
    /// A CNode: a table of capability slots.
    CNode = Some(cap_tag::cap_cnode_cap);
    /// The authority to create IRQ handlers.
    IrqControl = Some(cap_tag::cap_irq_control_cap);
    /// The authority over one interrupt.
    IrqHandler = Some(cap_tag::cap_irq_handler_cap);
    /// The authority to set threads' scheduling domains.
    DomainSet = Some(cap_tag::cap_domain_cap);
}

pub use crate::arch::cap_type::*;
