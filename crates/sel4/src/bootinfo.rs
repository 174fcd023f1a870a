// SPDX-License-Identifier: MIT OR Apache-2.0
//
// A safe view of the boot info the kernel hands the root task: the raw
// `seL4_BootInfo` of `sel4-sys` behind accessors that return slices and
// ranges instead of raw arrays and slot pairs, typed capabilities for the
// slots it lists, and the extra boot info chunks after it.
#![allow(unsafe_code)]

use crate::bootinfo_extra::ExtraBootInfo;
use crate::{sys, Cap, SmallPage, Untyped};
use core::ops::Range;

/// The boot information the kernel gave the root task: its initial
/// capabilities, free slots and untyped memory.
///
/// A thin wrapper over [`sys::seL4_BootInfo`]; [`BootInfo::raw`] gives the
/// structure itself.
#[repr(transparent)]
pub struct BootInfo(sys::seL4_BootInfo);

/// One untyped capability of the root task: a block of `2^size_bits`
/// bytes of physical memory.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct UntypedDesc(sys::seL4_UntypedDesc);

/// The boot info of this root task.
///
/// # Panics
///
/// In the host build, where there is no seL4 boot info. (The host build
/// of a `#[sel4::root]` program never runs `main`'s body; it only
/// type-checks it.)
pub fn bootinfo() -> &'static BootInfo {
    #[cfg(sel4)]
    {
        let raw = crate::runtime::bootinfo_pointer();
        assert!(!raw.is_null(), "the runtime has no boot info");
        // SAFETY: the kernel maps the boot info frame read-only into the
        // root task for its whole life and never changes it; the runtime
        // keeps its address. `BootInfo` is a transparent wrapper.
        unsafe { &*raw.cast::<BootInfo>() }
    }
    #[cfg(not(sel4))]
    {
        panic!("sel4::bootinfo() is only available in the seL4 build of a root task")
    }
}

/// Makes the root task's IPC buffer (from the boot info) the one
/// `sel4-sys` uses on this thread.
#[cfg(sel4)]
pub(crate) fn install_ipc_buffer() {
    let buffer = bootinfo().0.ipcBuffer;
    // SAFETY: this is the IPC buffer the kernel mapped for this thread,
    // valid for the root task's whole life.
    unsafe { sys::seL4_SetIPCBuffer(buffer) }
}

/// A slot region of the boot info as a range.
fn slots(region: &sys::seL4_SlotRegion) -> Range<usize> {
    region.start as usize..region.end as usize
}

impl BootInfo {
    /// The raw structure.
    pub fn raw(&self) -> &sys::seL4_BootInfo {
        &self.0
    }

    /// The free slots of the root task's CNode: the kernel's `empty`
    /// region less the slots the runtime took for itself (the serial and
    /// exit I/O ports) or handed out with `sel4runtime_alloc_slot`. The
    /// kernel's own region is `self.raw().empty`.
    pub fn empty(&self) -> Range<usize> {
        #[cfg(sel4)]
        let region = &crate::runtime::empty_slots();
        #[cfg(not(sel4))]
        let region = &self.0.empty;
        slots(region)
    }

    /// The slots that hold the untyped capabilities, in the order of
    /// [`BootInfo::untyped_list`].
    pub fn untyped(&self) -> Range<usize> {
        slots(&self.0.untyped)
    }

    /// What each untyped capability covers, in slot order.
    pub fn untyped_list(&self) -> &[UntypedDesc] {
        let count = self.untyped().count().min(self.0.untypedList.len());
        let list = &self.0.untypedList[..count];
        // SAFETY: `UntypedDesc` is a transparent wrapper of
        // `seL4_UntypedDesc`, so the slices have the same layout.
        unsafe { &*(list as *const [sys::seL4_UntypedDesc] as *const [UntypedDesc]) }
    }

    /// Each untyped capability with its description (size, physical
    /// address, whether it is device memory).
    pub fn untypeds(&self) -> impl ExactSizeIterator<Item = (Untyped, &UntypedDesc)> + '_ {
        self.untyped()
            .zip(self.untyped_list())
            .map(|(slot, description)| (Cap::from_bits_trusted(slot), description))
    }

    /// The slots of the frames that hold the root task's image, lowest
    /// address first.
    pub fn user_image_frame_slots(&self) -> Range<usize> {
        slots(&self.0.userImageFrames)
    }

    /// The 4 KiB frames that hold the root task's image, lowest address first.
    pub fn user_image_frames(&self) -> impl ExactSizeIterator<Item = SmallPage> {
        self.user_image_frame_slots().map(Cap::from_bits_trusted)
    }

    /// The slots of the paging structures that map the root task's image.
    pub fn user_image_paging_slots(&self) -> Range<usize> {
        slots(&self.0.userImagePaging)
    }

    /// The address of the root task's IPC buffer.
    pub fn ipc_buffer_address(&self) -> usize {
        self.0.ipcBuffer as usize
    }

    /// The extra boot info chunks (memory map, ACPI RSDP, TSC frequency).
    pub fn extra(&self) -> ExtraBootInfo<'_> {
        let length = self.0.extraLen as usize;
        if length == 0 {
            return ExtraBootInfo::new(&[]);
        }
        let address = self as *const Self as usize + sys::seL4_BootInfoFrameSize as usize;
        let start = core::ptr::with_exposed_provenance::<u8>(address);
        // SAFETY: the kernel maps `extraLen` bytes of extra boot info
        // directly after the boot info frame, read-only for the root task's
        // whole life (ABI section 15); it is no Rust allocation, so the
        // address is turned into a pointer directly. A boot info with `extraLen` 0 (the
        // only kind the host build can make) never gets here.
        ExtraBootInfo::new(unsafe { core::slice::from_raw_parts(start, length) })
    }

    /// log2 of the number of slots in the root task's CNode.
    pub fn init_thread_cnode_size_bits(&self) -> usize {
        self.0.initThreadCNodeSizeBits as usize
    }

    /// The index of the CPU core this root task runs on.
    pub fn node_id(&self) -> usize {
        self.0.nodeID as usize
    }

    /// The number of CPU cores.
    pub fn num_nodes(&self) -> usize {
        self.0.numNodes as usize
    }
}

impl UntypedDesc {
    /// The raw description.
    pub fn raw(&self) -> &sys::seL4_UntypedDesc {
        &self.0
    }

    /// The physical address of the memory.
    pub fn paddr(&self) -> usize {
        self.0.paddr as usize
    }

    /// log2 of the size in bytes.
    pub fn size_bits(&self) -> usize {
        self.0.sizeBits.into()
    }

    /// The size in bytes.
    pub fn size_bytes(&self) -> u64 {
        1u64 << self.0.sizeBits
    }

    /// Whether this is device memory (which cannot hold kernel objects).
    pub fn is_device(&self) -> bool {
        self.0.isDevice != 0
    }
}

impl core::fmt::Debug for UntypedDesc {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("UntypedDesc")
            .field("paddr", &format_args!("{:#x}", self.paddr()))
            .field("size_bits", &self.size_bits())
            .field("is_device", &self.is_device())
            .finish()
    }
}

impl core::fmt::Debug for BootInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BootInfo")
            .field("node_id", &self.node_id())
            .field("num_nodes", &self.num_nodes())
            .field("empty", &self.empty())
            .field("untyped", &self.untyped())
            .field("user_image_frames", &self.user_image_frame_slots())
            .field("extra_bytes", &self.0.extraLen)
            .field("init_thread_cnode_size_bits", &self.init_thread_cnode_size_bits())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(start: u64, end: u64) -> sys::seL4_SlotRegion {
        sys::seL4_SlotRegion { start: start as _, end: end as _ }
    }

    fn untyped(paddr: u64, size_bits: u8, is_device: bool) -> sys::seL4_UntypedDesc {
        sys::seL4_UntypedDesc {
            paddr: paddr as _,
            sizeBits: size_bits,
            isDevice: is_device.into(),
            padding: [0; 6],
        }
    }

    /// A boot info with three untypeds in slots 20..23 and free slots 23..4096.
    fn sample() -> BootInfo {
        let mut list = [untyped(0, 0, false); sys::CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS as usize];
        list[0] = untyped(0x10_0000, 20, false);
        list[1] = untyped(0x20_0000, 21, false);
        list[2] = untyped(0xfee0_0000, 12, true);
        BootInfo(sys::seL4_BootInfo {
            extraLen: 0,
            nodeID: 0,
            numNodes: 1,
            numIOPTLevels: 0,
            ipcBuffer: core::ptr::null_mut(),
            empty: region(23, 4096),
            sharedFrames: region(0, 0),
            userImageFrames: region(10, 20),
            userImagePaging: region(0, 0),
            ioSpaceCaps: region(0, 0),
            extraBIPages: region(0, 0),
            initThreadCNodeSizeBits: 12,
            initThreadDomain: 0,
            untyped: region(20, 23),
            untypedList: list,
        })
    }

    #[test]
    fn untyped_list_has_one_entry_per_untyped_slot() {
        let info = sample();
        assert_eq!(info.untyped(), 20..23);
        let list = info.untyped_list();
        assert_eq!(list.len(), 3);
        assert_eq!(list[1].paddr(), 0x20_0000);
        assert_eq!(list[1].size_bytes(), 2 << 20);
        assert!(list[2].is_device());
        assert!(info.untypeds().map(|(untyped, _)| untyped.bits()).eq(20..23));
    }

    #[test]
    fn untyped_list_is_clamped_to_the_array() {
        let mut info = sample();
        info.0.untyped = region(0, 100_000);
        assert_eq!(info.untyped_list().len(), sys::CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS as usize);
    }

    #[test]
    fn other_regions_and_numbers() {
        let info = sample();
        assert_eq!(info.empty(), 23..4096);
        assert_eq!(info.user_image_frame_slots(), 10..20);
        assert!(info.user_image_frames().map(|frame| frame.bits()).eq(10..20));
        assert_eq!(info.extra().chunks().count(), 0);
        assert_eq!(info.init_thread_cnode_size_bits(), 12);
        assert_eq!((info.node_id(), info.num_nodes()), (0, 1));
    }
}
