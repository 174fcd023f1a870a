// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Allocators for root tasks: a slot allocator over the free slots
// of the root CNode, and an object allocator that retypes untyped memory
// into those slots (`let endpoint: Endpoint = objects.create()?`).
// Neither needs a heap: freed slots are kept in a bitmap the size of the
// root CNode.

use core::ops::Range;

use crate::object_type::FixedSizeObject;
use crate::{
    init_thread, sys, Badge, BootInfo, CNode, CPtr, Cap, CapRights, CapType, Error, ErrorKind, ObjectType,
    Result, Slot, Untyped,
};

/// Slots of the root task's CNode (`CONFIG_ROOT_CNODE_SIZE_BITS`).
const ROOT_CNODE_SLOTS: usize = 1 << sys::CONFIG_ROOT_CNODE_SIZE_BITS;
const BITMAP_WORDS: usize = ROOT_CNODE_SLOTS / 64;

/// Hands out the free slots of the root task's CNode.
///
/// Slots come from a range (normally [`BootInfo::empty`]), lowest first;
/// freed slots are handed out again before new ones.
#[derive(Debug, Clone)]
pub struct SlotAllocator {
    next: usize,
    end: usize,
    freed: [u64; BITMAP_WORDS],
    freed_count: usize,
}

impl SlotAllocator {
    /// An allocator of the slots in `range` (cut to the root CNode's size).
    pub fn new(range: Range<usize>) -> Self {
        let end = range.end.min(ROOT_CNODE_SLOTS);
        Self { next: range.start.min(end), end, freed: [0; BITMAP_WORDS], freed_count: 0 }
    }

    /// An allocator of the free slots the boot info reports.
    pub fn from_bootinfo(bootinfo: &BootInfo) -> Self {
        Self::new(bootinfo.empty())
    }

    /// A free slot's index.
    pub fn alloc(&mut self) -> Result<usize> {
        if self.freed_count > 0 {
            if let Some(word) = self.freed.iter().position(|word| *word != 0) {
                let bit = self.freed[word].trailing_zeros() as usize;
                self.freed[word] &= !(1 << bit);
                self.freed_count -= 1;
                return Ok(word * 64 + bit);
            }
        }
        if self.next < self.end {
            self.next += 1;
            Ok(self.next - 1)
        } else {
            Err(Error::new("SlotAllocator::alloc", ErrorKind::OutOfSlots))
        }
    }

    /// Gives back a slot from [`SlotAllocator::alloc`]. The slot must be
    /// empty by then (delete its capability first).
    ///
    /// # Panics
    ///
    /// If the slot was not handed out by an allocator of this CNode or is
    /// already free.
    pub fn free(&mut self, slot: usize) {
        assert!(slot < self.next, "slot {slot} was never handed out by this allocator");
        let (word, bit) = (slot / 64, slot % 64);
        assert!(self.freed[word] & (1 << bit) == 0, "slot {slot} is already free");
        self.freed[word] |= 1 << bit;
        self.freed_count += 1;
    }

    /// How many slots are left.
    pub fn remaining(&self) -> usize {
        self.end - self.next + self.freed_count
    }
}

/// Creates kernel objects from one untyped capability, each in a slot of
/// the root task's CNode.
///
/// ```no_run
/// # fn main() -> sel4::Result<()> {
/// let mut objects = sel4::ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
/// let endpoint: sel4::Endpoint = objects.create()?;
/// let notification = objects.create::<sel4::cap_type::Notification>()?;
/// objects.delete(endpoint)?;
/// # let _ = notification;
/// # Ok(())
/// # }
/// ```
///
/// Memory goes back as seL4 allows: an untyped's memory is reused once
/// every object made from it (and every copy of their capabilities) is
/// deleted.
#[derive(Debug, Clone)]
pub struct ObjectAllocator {
    slots: SlotAllocator,
    untyped: Untyped,
    cnode: CNode,
}

impl ObjectAllocator {
    /// An allocator that takes objects from `untyped` and slots from
    /// `slots` (of the root task's CNode).
    pub fn new(slots: SlotAllocator, untyped: Untyped) -> Self {
        Self { slots, untyped, cnode: init_thread::CNODE }
    }

    /// An allocator over the free slots of the boot info and its largest
    /// untyped capability of ordinary memory.
    pub fn from_bootinfo(bootinfo: &BootInfo) -> Result<Self> {
        let largest = bootinfo
            .untypeds()
            .filter(|(_, description)| !description.is_device())
            .max_by_key(|(_, description)| description.size_bits());
        match largest {
            Some((untyped, _)) => Ok(Self::new(SlotAllocator::from_bootinfo(bootinfo), untyped)),
            None => Err(Error::new(
                "ObjectAllocator::from_bootinfo",
                ErrorKind::NotEnoughMemory { bytes_available: 0 },
            )),
        }
    }

    /// The untyped capability objects come from.
    pub fn untyped(&self) -> Untyped {
        self.untyped
    }

    /// The slot allocator (for slots the program fills itself, such as
    /// the receive path of an IPC).
    pub fn slots(&mut self) -> &mut SlotAllocator {
        &mut self.slots
    }

    /// A free slot of the root CNode.
    pub fn alloc_slot(&mut self) -> Result<Slot> {
        Ok(self.cnode.slot(self.slots.alloc()?))
    }

    /// Creates one object of a fixed-size kind.
    ///
    /// Uses `seL4_Untyped_Retype`.
    pub fn create<T: FixedSizeObject>(&mut self) -> Result<Cap<T>> {
        let cptr = self.create_object(T::OBJECT_TYPE, 0)?;
        Ok(Cap::from_bits_trusted(cptr.bits()))
    }

    /// Creates a CNode of `2^radix_bits` slots.
    pub fn create_cnode(&mut self, radix_bits: usize) -> Result<CNode> {
        let cptr = self.create_object(ObjectType::CNode, radix_bits)?;
        Ok(Cap::from_bits_trusted(cptr.bits()))
    }

    /// Creates untyped memory of `2^size_bits` bytes.
    pub fn create_untyped(&mut self, size_bits: usize) -> Result<Untyped> {
        let cptr = self.create_object(ObjectType::Untyped, size_bits)?;
        Ok(Cap::from_bits_trusted(cptr.bits()))
    }

    /// Creates one object of any type (`size_bits` as for [`Untyped::retype`]).
    pub fn create_object(&mut self, object_type: ObjectType, size_bits: usize) -> Result<CPtr> {
        let slot = self.slots.alloc()?;
        match self.untyped.retype(object_type, size_bits, self.cnode.itself(), slot, 1) {
            Ok(()) => Ok(CPtr::from_cptr(slot)),
            Err(error) => {
                self.slots.free(slot);
                Err(error)
            }
        }
    }

    /// A badged copy of `cap` (an endpoint or notification), with `rights`
    /// at most, in a new slot.
    ///
    /// Uses `seL4_CNode_Mint`.
    pub fn mint<T: CapType>(&mut self, cap: Cap<T>, rights: CapRights, badge: Badge) -> Result<Cap<T>> {
        self.derive(cap, |destination, source| destination.mint(source, rights, badge))
    }

    /// A copy of `cap` with `rights` at most, in a new slot.
    ///
    /// Uses `seL4_CNode_Copy`.
    pub fn copy<T: CapType>(&mut self, cap: Cap<T>, rights: CapRights) -> Result<Cap<T>> {
        self.derive(cap, |destination, source| destination.copy(source, rights))
    }

    fn derive<T: CapType>(
        &mut self,
        cap: Cap<T>,
        make: impl FnOnce(Slot, Slot) -> Result<()>,
    ) -> Result<Cap<T>> {
        let slot = self.slots.alloc()?;
        match make(self.cnode.slot(slot), self.cnode.slot_of(cap)) {
            Ok(()) => Ok(Cap::from_bits_trusted(slot)),
            Err(error) => {
                self.slots.free(slot);
                Err(error)
            }
        }
    }

    /// Deletes every capability derived from `cap` (its copies, or the
    /// objects made from it), keeping `cap`. The slots of derived
    /// capabilities this allocator made stay taken: delete those through
    /// [`ObjectAllocator::delete`] to reuse them.
    ///
    /// Uses `seL4_CNode_Revoke`.
    pub fn revoke<T: CapType>(&self, cap: Cap<T>) -> Result<()> {
        self.cnode.slot_of(cap).revoke()
    }

    /// Deletes `cap` and frees its slot (which this allocator handed out).
    ///
    /// Uses `seL4_CNode_Delete`.
    pub fn delete<T: CapType>(&mut self, cap: Cap<T>) -> Result<()> {
        self.cnode.slot_of(cap).delete()?;
        self.slots.free(cap.bits());
        Ok(())
    }
}
