// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Untyped memory: the one invocation that makes kernel objects.

use crate::invoke::invoke;
use crate::{sys, ObjectType, Result, Slot, Untyped};

impl Untyped {
    /// Makes `count` objects of `object_type` from this memory and puts
    /// capabilities to them in slots `offset..offset + count` of the CNode
    /// `destination` names (for the root task's own CNode:
    /// `init_thread::CNODE.itself()`). `size_bits` is the size of each
    /// object for untyped memory and CNodes (log2 bytes / log2 slots) and
    /// ignored otherwise.
    ///
    /// When the untyped has no children left, seL4 starts again from its
    /// beginning: deleting every object made from it returns its memory.
    ///
    /// Corresponds to `seL4_Untyped_Retype`.
    #[inline]
    pub fn retype(
        self,
        object_type: ObjectType,
        size_bits: usize,
        destination: Slot,
        offset: usize,
        count: usize,
    ) -> Result<()> {
        invoke!(
            "Untyped::retype",
            sys::seL4_Untyped_Retype(
                self.sys(),
                object_type.into_sys() as sys::seL4_Word,
                size_bits as sys::seL4_Word,
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                destination.depth() as sys::seL4_Word,
                offset as sys::seL4_Word,
                count as sys::seL4_Word,
            )
        )
    }
}
