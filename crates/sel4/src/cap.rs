// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Typed capabilities: `Cap<T>` is a capability pointer (a slot address in
// the calling thread's CSpace) tagged with the kind of object it refers to,
// so a method of one kind cannot be called on another and a capability of
// the wrong kind cannot be passed. The invocations themselves live in one
// file per object kind (`object/`, `arch/`); this file has the type, its
// conversions and the checked cast.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

use crate::{sys, Error, ErrorKind, Result};

/// A kind of capability: the marker types in [`cap_type`](crate::cap_type).
pub trait CapType: Copy + 'static {
    /// The kind's name, as error messages show it (`"Endpoint"`).
    const NAME: &'static str;
    /// The kernel's tag for this kind (`sys::cap_tag`), or `None` for
    /// [`cap_type::Unspecified`](crate::cap_type::Unspecified), which
    /// matches any capability.
    const TAG: Option<u32>;
}

/// A capability pointer to an object of kind `T`: the address of a slot
/// in the calling thread's CSpace (for the root task, the slot's index in
/// its root CNode).
///
/// `Cap` is `Copy`: copying it copies the address, not the capability.
/// Use the aliases ([`Tcb`](crate::Tcb), [`Endpoint`](crate::Endpoint), ...)
/// rather than naming the markers. A typed `Cap` comes from
/// [`init_thread`](crate::init_thread), the boot info, an allocator, a
/// checked [`CPtr::cast`], or the `unsafe` [`Cap::from_bits`].
#[repr(transparent)]
pub struct Cap<T: CapType> {
    bits: usize,
    kind: PhantomData<T>,
}

/// A capability pointer whose kind is not known: what comes from outside
/// the type system (a number in a message, a slot the program computed).
/// Turn it into a typed one with [`CPtr::cast`].
pub type CPtr = Cap<crate::cap_type::Unspecified>;

impl<T: CapType> Cap<T> {
    /// A capability pointer of kind `T` from its bits, unchecked.
    ///
    /// # Safety
    ///
    /// The slot must hold a capability of kind `T` (or be empty) whenever
    /// the result is invoked: the methods of `Cap<T>` rely on it, for
    /// example a mapped frame's memory is assumed to be the frame's.
    #[allow(unsafe_code)]
    pub const unsafe fn from_bits(bits: usize) -> Self {
        Self::from_bits_trusted(bits)
    }

    /// For this crate's own use where the kind is known: the boot info's
    /// regions, the initial slots, and objects it has just created.
    pub(crate) const fn from_bits_trusted(bits: usize) -> Self {
        Self { bits, kind: PhantomData }
    }

    /// The capability pointer as a number.
    pub const fn bits(self) -> usize {
        self.bits
    }

    /// The same capability pointer, with its kind forgotten.
    pub const fn upcast(self) -> CPtr {
        Cap::from_bits_trusted(self.bits)
    }

    /// The raw capability pointer.
    pub(crate) const fn sys(self) -> sys::seL4_CPtr {
        self.bits as sys::seL4_CPtr
    }

    /// Whether this is the null capability pointer (slot 0, always empty).
    pub const fn is_null(self) -> bool {
        self.bits == 0
    }
}

impl CPtr {
    /// A capability pointer of unknown kind. This is safe: a `CPtr` has no
    /// kind-specific methods.
    pub const fn from_cptr(bits: usize) -> Self {
        Self::from_bits_trusted(bits)
    }

    /// The kernel's tag of the capability in the slot (`sys::cap_tag`, 0
    /// for an empty slot).
    ///
    /// Corresponds to `seL4_DebugCapIdentify`, which only debug kernels
    /// have (every configuration this project builds is one).
    pub fn identify(self) -> u32 {
        crate::ipc_buffer::ensure_on_sel4();
        sys::seL4_DebugCapIdentify(self.sys())
    }

    /// The same pointer as kind `T`, after asking the kernel what the slot
    /// holds (with [`CPtr::identify`]).
    ///
    /// Fails with [`ErrorKind::WrongCapabilityType`] when the slot holds
    /// another kind of capability or none. Frames of every size share one
    /// tag, so a 4 KiB frame passes as a large page: the kernel then refuses
    /// the invocations that depend on the size.
    pub fn cast<T: CapType>(self) -> Result<Cap<T>> {
        let Some(expected) = T::TAG else {
            return Ok(Cap::from_bits_trusted(self.bits));
        };
        let found = self.identify();
        if found == expected {
            Ok(Cap::from_bits_trusted(self.bits))
        } else {
            Err(Error::new("CPtr::cast", ErrorKind::WrongCapabilityType { expected: T::NAME, found }))
        }
    }
}

// The traits are written out so that they hold for every `T`, without
// asking the marker types for them.
impl<T: CapType> Clone for Cap<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: CapType> Copy for Cap<T> {}

impl<T: CapType> PartialEq for Cap<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<T: CapType> Eq for Cap<T> {}

impl<T: CapType> Hash for Cap<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bits.hash(state)
    }
}

impl<T: CapType> fmt::Debug for Cap<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:#x})", T::NAME, self.bits)
    }
}

impl<T: CapType> From<Cap<T>> for usize {
    fn from(cap: Cap<T>) -> usize {
        cap.bits
    }
}
