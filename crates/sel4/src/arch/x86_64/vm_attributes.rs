// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The caching attributes of an x86 mapping (`seL4_X86_VMAttributes`, ABI
// section 13): bit 0 PWT, bit 1 PCD, bit 2 PAT.

use core::ops::BitOr;

/// How the CPU caches a mapping: the `attr` argument of every x86 `map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VmAttributes(usize);

impl VmAttributes {
    /// `seL4_X86_Default_VMAttributes`: write-back caching.
    pub const DEFAULT: Self = Self(0);
    /// `seL4_X86_WriteBack`.
    pub const WRITE_BACK: Self = Self(0);
    /// `seL4_X86_WriteThrough` (PWT).
    pub const WRITE_THROUGH: Self = Self(1);
    /// `seL4_X86_CacheDisabled` (PCD).
    pub const CACHE_DISABLED: Self = Self(2);
    /// `seL4_X86_Uncacheable` (PWT and PCD), for device registers.
    pub const UNCACHEABLE: Self = Self(3);
    /// `seL4_X86_WriteCombining` (PAT).
    pub const WRITE_COMBINING: Self = Self(4);

    /// Attributes from their raw word.
    pub const fn from_bits(bits: usize) -> Self {
        Self(bits)
    }

    /// The raw word.
    pub const fn bits(self) -> usize {
        self.0
    }
}

impl BitOr for VmAttributes {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}
