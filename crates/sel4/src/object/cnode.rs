// SPDX-License-Identifier: MIT OR Apache-2.0
//
// CNode invocations. A CNode invocation names a slot by a path: the CNode
// capability to start from, an index and a depth (how many bits of the
// index to resolve). `Slot` is that path; its methods are the invocations,
// each on the destination slot, as seL4's are.

use crate::invoke::invoke;
use crate::{sys, Badge, CNode, CNodeCapData, Cap, CapRights, CapType, Result};

/// The address of a slot: resolve `index` (its low `depth` bits) starting
/// from `cnode`. For the root task's own CNode, `init_thread::CNODE.slot(i)`
/// is slot `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    cnode: CNode,
    index: usize,
    depth: usize,
}

/// A full word: the depth at which a capability pointer of the calling
/// thread resolves.
const WORD_BITS: usize = sys::seL4_WordBits as usize;

/// The depth argument of the stubs (8 bits): an impossible depth stays
/// impossible instead of wrapping to a valid one.
fn depth_u8(depth: usize) -> u8 {
    u8::try_from(depth).unwrap_or(u8::MAX)
}

impl CNode {
    /// The slot that capability pointer `index` names, when this CNode is
    /// the calling thread's CSpace root (resolves a whole word).
    #[inline]
    pub const fn slot(self, index: usize) -> Slot {
        Slot { cnode: self, index, depth: WORD_BITS }
    }

    /// The slot that holds `cap`, when this CNode is the calling thread's
    /// CSpace root.
    #[inline]
    pub const fn slot_of<T: CapType>(self, cap: Cap<T>) -> Slot {
        self.slot(cap.bits())
    }

    /// The slot at `index`, resolving `depth` bits from this CNode.
    #[inline]
    pub const fn slot_at_depth(self, index: usize, depth: usize) -> Slot {
        Slot { cnode: self, index, depth }
    }

    /// This CNode itself as the destination of `Untyped::retype` and
    /// similar calls (path depth 0: no bits resolved).
    #[inline]
    pub const fn itself(self) -> Slot {
        Slot { cnode: self, index: 0, depth: 0 }
    }
}

impl Slot {
    /// A slot path from its parts.
    #[inline]
    pub const fn new(cnode: CNode, index: usize, depth: usize) -> Self {
        Self { cnode, index, depth }
    }

    /// The CNode the path starts from.
    #[inline]
    pub const fn cnode(self) -> CNode {
        self.cnode
    }

    /// The index to resolve.
    #[inline]
    pub const fn index(self) -> usize {
        self.index
    }

    /// The number of bits of the index to resolve.
    #[inline]
    pub const fn depth(self) -> usize {
        self.depth
    }

    fn sys_index(self) -> sys::seL4_Word {
        self.index as sys::seL4_Word
    }

    /// Deletes every capability derived from the one in this slot (the
    /// badged copies of an endpoint, the objects made from an untyped),
    /// keeping this one.
    ///
    /// Corresponds to `seL4_CNode_Revoke`.
    #[inline]
    pub fn revoke(self) -> Result<()> {
        invoke!(
            "CNode::revoke",
            sys::seL4_CNode_Revoke(self.cnode.sys(), self.sys_index(), depth_u8(self.depth))
        )
    }

    /// Deletes the capability in this slot (the object goes when its last
    /// capability does).
    ///
    /// Corresponds to `seL4_CNode_Delete`.
    #[inline]
    pub fn delete(self) -> Result<()> {
        invoke!(
            "CNode::delete",
            sys::seL4_CNode_Delete(self.cnode.sys(), self.sys_index(), depth_u8(self.depth))
        )
    }

    /// Cancels the pending sends through the badged endpoint capability in
    /// this slot.
    ///
    /// Corresponds to `seL4_CNode_CancelBadgedSends`.
    #[inline]
    pub fn cancel_badged_sends(self) -> Result<()> {
        invoke!(
            "CNode::cancel_badged_sends",
            sys::seL4_CNode_CancelBadgedSends(self.cnode.sys(), self.sys_index(), depth_u8(self.depth))
        )
    }

    /// Puts a copy of the capability at `source` into this (empty) slot,
    /// with `rights` at most.
    ///
    /// Corresponds to `seL4_CNode_Copy`.
    #[inline]
    pub fn copy(self, source: Slot, rights: CapRights) -> Result<()> {
        invoke!(
            "CNode::copy",
            sys::seL4_CNode_Copy(
                self.cnode.sys(),
                self.sys_index(),
                depth_u8(self.depth),
                source.cnode.sys(),
                source.sys_index(),
                depth_u8(source.depth),
                rights.into_sys(),
            )
        )
    }

    /// Puts a badged copy of the endpoint or notification capability at
    /// `source` into this (empty) slot, with `rights` at most.
    ///
    /// Corresponds to `seL4_CNode_Mint`.
    #[inline]
    pub fn mint(self, source: Slot, rights: CapRights, badge: Badge) -> Result<()> {
        self.mint_word(source, rights, badge.value())
    }

    /// Puts a copy of the CNode capability at `source` into this (empty)
    /// slot, with a new guard.
    ///
    /// Corresponds to `seL4_CNode_Mint` of a CNode capability.
    #[inline]
    pub fn mint_with_guard(self, source: Slot, rights: CapRights, guard: CNodeCapData) -> Result<()> {
        self.mint_word(source, rights, guard.word())
    }

    fn mint_word(self, source: Slot, rights: CapRights, data: usize) -> Result<()> {
        invoke!(
            "CNode::mint",
            sys::seL4_CNode_Mint(
                self.cnode.sys(),
                self.sys_index(),
                depth_u8(self.depth),
                source.cnode.sys(),
                source.sys_index(),
                depth_u8(source.depth),
                rights.into_sys(),
                data as sys::seL4_Word,
            )
        )
    }

    /// Moves the capability at `source` into this (empty) slot.
    ///
    /// Corresponds to `seL4_CNode_Move`.
    #[inline]
    pub fn move_from(self, source: Slot) -> Result<()> {
        invoke!(
            "CNode::move",
            sys::seL4_CNode_Move(
                self.cnode.sys(),
                self.sys_index(),
                depth_u8(self.depth),
                source.cnode.sys(),
                source.sys_index(),
                depth_u8(source.depth),
            )
        )
    }

    /// Moves the capability at `source` into this (empty) slot, giving it
    /// `badge` (or, for a CNode capability, the guard `badge.value()`
    /// encodes) on the way.
    ///
    /// Corresponds to `seL4_CNode_Mutate`.
    #[inline]
    pub fn mutate(self, source: Slot, badge: Badge) -> Result<()> {
        invoke!(
            "CNode::mutate",
            sys::seL4_CNode_Mutate(
                self.cnode.sys(),
                self.sys_index(),
                depth_u8(self.depth),
                source.cnode.sys(),
                source.sys_index(),
                depth_u8(source.depth),
                badge.value() as sys::seL4_Word,
            )
        )
    }

    /// Moves the capability at `pivot` to this slot (with
    /// `destination_badge`) and the one at `source` to `pivot` (with
    /// `pivot_badge`), atomically.
    ///
    /// Corresponds to `seL4_CNode_Rotate`.
    #[inline]
    pub fn rotate(
        self,
        destination_badge: Badge,
        pivot: Slot,
        pivot_badge: Badge,
        source: Slot,
    ) -> Result<()> {
        invoke!(
            "CNode::rotate",
            sys::seL4_CNode_Rotate(
                self.cnode.sys(),
                self.sys_index(),
                depth_u8(self.depth),
                destination_badge.value() as sys::seL4_Word,
                pivot.cnode.sys(),
                pivot.sys_index(),
                depth_u8(pivot.depth),
                pivot_badge.value() as sys::seL4_Word,
                source.cnode.sys(),
                source.sys_index(),
                depth_u8(source.depth),
            )
        )
    }

    /// Saves the reply capability of the calling thread's last caller into
    /// this (empty) slot.
    ///
    /// Corresponds to `seL4_CNode_SaveCaller`.
    #[inline]
    pub fn save_caller(self) -> Result<()> {
        invoke!(
            "CNode::save_caller",
            sys::seL4_CNode_SaveCaller(self.cnode.sys(), self.sys_index(), depth_u8(self.depth))
        )
    }
}
