// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The x86_64 capability kinds, with the kernel's tags (ABI section 16):
// frames in three sizes share the frame tag; the size lives in the type.

use crate::cap_type::cap_types;
use crate::sys::cap_tag;

cap_types! {
    /// A 4 KiB frame (`seL4_X86_4K`).
    SmallPage = Some(cap_tag::cap_frame_cap);
    /// A 2 MiB frame (`seL4_X86_LargePageObject`).
    LargePage = Some(cap_tag::cap_frame_cap);
    /// A 1 GiB frame (`seL4_X64_HugePageObject`).
    HugePage = Some(cap_tag::cap_frame_cap);
    /// A page table: maps 2 MiB of address space in 4 KiB frames.
    PageTable = Some(cap_tag::cap_page_table_cap);
    /// A page directory: maps 1 GiB in page tables or 2 MiB frames.
    PageDirectory = Some(cap_tag::cap_page_directory_cap);
    /// A page directory pointer table: maps 512 GiB.
    Pdpt = Some(cap_tag::cap_pdpt_cap);
    /// A PML4, the root of an address space (a VSpace).
    Pml4 = Some(cap_tag::cap_pml4_cap);
    /// The authority to create ASID pools.
    AsidControl = Some(cap_tag::cap_asid_control_cap);
    /// A pool of address space identifiers.
    AsidPool = Some(cap_tag::cap_asid_pool_cap);
    /// The authority to create I/O port capabilities.
    IoPortControl = Some(cap_tag::cap_io_port_control_cap);
    /// A range of I/O ports.
    IoPort = Some(cap_tag::cap_io_port_cap);
}
