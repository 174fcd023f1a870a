// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The x86_64 paging structures below the PML4 (page tables, page
// directories, PDPTs) and the ASID invocations that make a PML4 usable as
// an address space.

use crate::invoke::invoke;
use crate::{
    sys, AsidControl, AsidPool, PageDirectory, PageTable, Pdpt, Result, Slot, Untyped, VSpace, VmAttributes,
};

impl PageTable {
    /// Maps the page table so that it covers the 2 MiB around `vaddr` in `vspace`.
    ///
    /// Corresponds to `seL4_X86_PageTable_Map`.
    #[inline]
    pub fn map(self, vspace: VSpace, vaddr: usize, attributes: VmAttributes) -> Result<()> {
        invoke!(
            "PageTable::map",
            sys::seL4_X86_PageTable_Map(
                self.sys(),
                vspace.sys(),
                vaddr as sys::seL4_Word,
                attributes.bits() as sys::seL4_X86_VMAttributes,
            )
        )
    }

    /// Removes the page table's mapping.
    ///
    /// Corresponds to `seL4_X86_PageTable_Unmap`.
    #[inline]
    pub fn unmap(self) -> Result<()> {
        invoke!("PageTable::unmap", sys::seL4_X86_PageTable_Unmap(self.sys()))
    }
}

impl PageDirectory {
    /// Maps the page directory so that it covers the 1 GiB around `vaddr` in `vspace`.
    ///
    /// Corresponds to `seL4_X86_PageDirectory_Map`.
    #[inline]
    pub fn map(self, vspace: VSpace, vaddr: usize, attributes: VmAttributes) -> Result<()> {
        invoke!(
            "PageDirectory::map",
            sys::seL4_X86_PageDirectory_Map(
                self.sys(),
                vspace.sys(),
                vaddr as sys::seL4_Word,
                attributes.bits() as sys::seL4_X86_VMAttributes,
            )
        )
    }

    /// Removes the page directory's mapping.
    ///
    /// Corresponds to `seL4_X86_PageDirectory_Unmap`.
    #[inline]
    pub fn unmap(self) -> Result<()> {
        invoke!("PageDirectory::unmap", sys::seL4_X86_PageDirectory_Unmap(self.sys()))
    }
}

impl Pdpt {
    /// Maps the PDPT so that it covers the 512 GiB around `vaddr` in `vspace`.
    ///
    /// Corresponds to `seL4_X86_PDPT_Map`.
    #[inline]
    pub fn map(self, vspace: VSpace, vaddr: usize, attributes: VmAttributes) -> Result<()> {
        invoke!(
            "Pdpt::map",
            sys::seL4_X86_PDPT_Map(
                self.sys(),
                vspace.sys(),
                vaddr as sys::seL4_Word,
                attributes.bits() as sys::seL4_X86_VMAttributes,
            )
        )
    }

    /// Removes the PDPT's mapping.
    ///
    /// Corresponds to `seL4_X86_PDPT_Unmap`.
    #[inline]
    pub fn unmap(self) -> Result<()> {
        invoke!("Pdpt::unmap", sys::seL4_X86_PDPT_Unmap(self.sys()))
    }
}

impl AsidControl {
    /// Makes an ASID pool from `untyped` (exactly 4 KiB) and puts its
    /// capability into the empty slot `destination`.
    ///
    /// Corresponds to `seL4_X86_ASIDControl_MakePool`.
    #[inline]
    pub fn make_pool(self, untyped: Untyped, destination: Slot) -> Result<()> {
        invoke!(
            "AsidControl::make_pool",
            sys::seL4_X86_ASIDControl_MakePool(
                self.sys(),
                untyped.sys(),
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                u8::try_from(destination.depth()).unwrap_or(u8::MAX),
            )
        )
    }
}

impl AsidPool {
    /// Gives the address space `vspace` an ASID from this pool, so that it
    /// can be used.
    ///
    /// Corresponds to `seL4_X86_ASIDPool_Assign`.
    #[inline]
    pub fn assign(self, vspace: VSpace) -> Result<()> {
        invoke!("AsidPool::assign", sys::seL4_X86_ASIDPool_Assign(self.sys(), vspace.sys()))
    }
}
