// SPDX-License-Identifier: MIT OR Apache-2.0
//
// What `Untyped::retype` can make: the object types as a Rust enum (the
// architecture's own types in `ArchObjectType`), their sizes, and the
// link from a capability kind to the object type that creates it, which
// lets `ObjectAllocator::create::<T>()` pick the type from `T`.

use crate::arch::ArchObjectType;
use crate::cap::CapType;
use crate::{cap_type, sys};

/// A type of kernel object, the `type` argument of `seL4_Untyped_Retype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// `seL4_UntypedObject`: smaller untyped memory (size given by `size_bits`).
    Untyped,
    /// `seL4_TCBObject`.
    Tcb,
    /// `seL4_EndpointObject`.
    Endpoint,
    /// `seL4_NotificationObject`.
    Notification,
    /// `seL4_CapTableObject`: a CNode of `2^size_bits` slots.
    CNode,
    /// An object type of this architecture (frames, paging structures).
    Arch(ArchObjectType),
}

impl ObjectType {
    /// The raw `seL4_ObjectType` number.
    pub const fn into_sys(self) -> usize {
        (match self {
            Self::Untyped => sys::seL4_UntypedObject,
            Self::Tcb => sys::seL4_TCBObject,
            Self::Endpoint => sys::seL4_EndpointObject,
            Self::Notification => sys::seL4_NotificationObject,
            Self::CNode => sys::seL4_CapTableObject,
            Self::Arch(arch) => return arch.into_sys(),
        }) as usize
    }

    /// log2 of the bytes one object takes, given the `size_bits` argument
    /// of the retype (used only by untyped memory and CNodes).
    pub const fn object_size_bits(self, size_bits: usize) -> usize {
        (match self {
            Self::Untyped => return size_bits,
            Self::Tcb => sys::seL4_TCBBits,
            Self::Endpoint => sys::seL4_EndpointBits,
            Self::Notification => sys::seL4_NotificationBits,
            Self::CNode => return sys::seL4_SlotBits as usize + size_bits,
            Self::Arch(arch) => return arch.object_size_bits(),
        }) as usize
    }
}

impl From<ArchObjectType> for ObjectType {
    fn from(arch: ArchObjectType) -> Self {
        Self::Arch(arch)
    }
}

/// A capability kind whose objects have one fixed size, so creating one
/// needs no size argument: what `ObjectAllocator::create` accepts.
pub trait FixedSizeObject: CapType {
    /// The object type to retype into.
    const OBJECT_TYPE: ObjectType;
}

impl FixedSizeObject for cap_type::Tcb {
    const OBJECT_TYPE: ObjectType = ObjectType::Tcb;
}

impl FixedSizeObject for cap_type::Endpoint {
    const OBJECT_TYPE: ObjectType = ObjectType::Endpoint;
}

impl FixedSizeObject for cap_type::Notification {
    const OBJECT_TYPE: ObjectType = ObjectType::Notification;
}
