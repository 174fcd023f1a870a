// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Frames (4 KiB, 2 MiB and 1 GiB pages): mapping into an address space,
// unmapping, and the physical address. One set of methods serves the three
// sizes; the size is in the capability's type.

use super::cap_type;
use crate::invoke::{invoke, sys_call};
use crate::ipc_buffer::check;
use crate::object_type::FixedSizeObject;
use crate::{sys, Cap, CapRights, Result, VSpace, VmAttributes};

/// A frame kind: [`SmallPage`](crate::SmallPage), [`LargePage`](crate::LargePage)
/// or [`HugePage`](crate::HugePage).
pub trait FrameType: FixedSizeObject {
    /// log2 of the frame's size in bytes.
    const SIZE_BITS: usize;
    /// The frame's size in bytes.
    const SIZE: usize = 1 << Self::SIZE_BITS;
}

impl FrameType for cap_type::SmallPage {
    const SIZE_BITS: usize = sys::seL4_PageBits as usize;
}

impl FrameType for cap_type::LargePage {
    const SIZE_BITS: usize = sys::seL4_LargePageBits as usize;
}

impl FrameType for cap_type::HugePage {
    const SIZE_BITS: usize = sys::seL4_HugePageBits as usize;
}

impl<T: FrameType> Cap<T> {
    /// Maps the frame at `vaddr` (aligned to the frame's size) of the
    /// address space `vspace`, with `rights` (read, or read and write) and
    /// caching `attributes`. The paging structures above it must be mapped
    /// already; if one is missing, the error says which. A 4 KiB or 2 MiB
    /// frame replaces whatever frame was mapped there: never map over
    /// memory the program uses (see the crate's Safety section).
    ///
    /// Corresponds to `seL4_X86_Page_Map`.
    #[inline]
    pub fn map(
        self,
        vspace: VSpace,
        vaddr: usize,
        rights: CapRights,
        attributes: VmAttributes,
    ) -> Result<()> {
        invoke!(
            "Frame::map",
            sys::seL4_X86_Page_Map(
                self.sys(),
                vspace.sys(),
                vaddr as sys::seL4_Word,
                rights.into_sys(),
                attributes.bits() as sys::seL4_X86_VMAttributes,
            )
        )
    }

    /// Removes the frame's mapping.
    ///
    /// Corresponds to `seL4_X86_Page_Unmap`.
    #[inline]
    pub fn unmap(self) -> Result<()> {
        invoke!("Frame::unmap", sys::seL4_X86_Page_Unmap(self.sys()))
    }

    /// The frame's physical address.
    ///
    /// Corresponds to `seL4_X86_Page_GetAddress`.
    #[inline]
    pub fn get_address(self) -> Result<usize> {
        let reply = sys_call!(sys::seL4_X86_Page_GetAddress(self.sys()));
        check(reply.error, "Frame::get_address")?;
        Ok(reply.paddr as usize)
    }
}
