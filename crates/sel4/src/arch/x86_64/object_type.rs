// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The x86_64 object types of `Untyped::retype` (ABI section 10) and the
// capability kinds they create.

use super::cap_type;
use crate::object_type::{FixedSizeObject, ObjectType};
use crate::sys;

/// An x86_64 object type (`seL4_X86_4K`, `seL4_X86_PageTableObject`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArchObjectType {
    /// `seL4_X86_PDPTObject`.
    Pdpt,
    /// `seL4_X64_PML4Object`.
    Pml4,
    /// `seL4_X64_HugePageObject`: a 1 GiB frame.
    HugePage,
    /// `seL4_X86_4K`: a 4 KiB frame.
    SmallPage,
    /// `seL4_X86_LargePageObject`: a 2 MiB frame.
    LargePage,
    /// `seL4_X86_PageTableObject`.
    PageTable,
    /// `seL4_X86_PageDirectoryObject`.
    PageDirectory,
}

impl ArchObjectType {
    /// The raw `seL4_ObjectType` number.
    pub const fn into_sys(self) -> usize {
        (match self {
            Self::Pdpt => sys::seL4_X86_PDPTObject,
            Self::Pml4 => sys::seL4_X64_PML4Object,
            Self::HugePage => sys::seL4_X64_HugePageObject,
            Self::SmallPage => sys::seL4_X86_4K,
            Self::LargePage => sys::seL4_X86_LargePageObject,
            Self::PageTable => sys::seL4_X86_PageTableObject,
            Self::PageDirectory => sys::seL4_X86_PageDirectoryObject,
        }) as usize
    }

    /// log2 of the bytes one object takes.
    pub const fn object_size_bits(self) -> usize {
        (match self {
            Self::Pdpt => sys::seL4_PDPTBits,
            Self::Pml4 => sys::seL4_PML4Bits,
            Self::HugePage => sys::seL4_HugePageBits,
            Self::SmallPage => sys::seL4_PageBits,
            Self::LargePage => sys::seL4_LargePageBits,
            Self::PageTable => sys::seL4_PageTableBits,
            Self::PageDirectory => sys::seL4_PageDirBits,
        }) as usize
    }
}

macro_rules! fixed_size {
    ($($kind:ident),*) => {
        $(
            impl FixedSizeObject for cap_type::$kind {
                const OBJECT_TYPE: ObjectType = ObjectType::Arch(ArchObjectType::$kind);
            }
        )*
    };
}

fixed_size!(Pdpt, Pml4, HugePage, SmallPage, LargePage, PageTable, PageDirectory);
