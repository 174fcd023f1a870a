// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `CNodeCapData`: the guard of a CNode capability (`seL4_CNode_CapData_t`,
// ABI section 13), given when minting a CNode capability or setting a
// thread's CSpace root.

use crate::sys;

/// A CNode capability's guard: `guard_size` bits that an address must
/// start with (`guard`), skipped before the CNode's own index bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(transparent)]
pub struct CNodeCapData(sys::seL4_CNode_CapData);

impl CNodeCapData {
    /// No change to the guard (`seL4_NilData`).
    pub const NONE: Self = Self(sys::seL4_CNode_CapData::from_word(sys::seL4_NilData));

    /// A guard of `guard_size` bits with value `guard` (masked to 58 and 6 bits).
    pub const fn new(guard: usize, guard_size: usize) -> Self {
        Self(sys::seL4_CNode_CapData::new(guard as u64, guard_size as u64))
    }

    /// A guard of value 0 that skips `bits` address bits: what makes a
    /// CNode of `2^radix` slots resolve a full word with
    /// `skip_bits(usize::BITS - radix)`.
    pub const fn skip_bits(bits: usize) -> Self {
        Self::new(0, bits)
    }

    /// The guard's value.
    pub const fn guard(self) -> usize {
        self.0.guard() as usize
    }

    /// The guard's size in bits.
    pub const fn guard_size(self) -> usize {
        self.0.guard_size() as usize
    }

    /// The word as it travels in a message register.
    pub const fn word(self) -> usize {
        self.0.word() as usize
    }
}

impl From<CNodeCapData> for sys::seL4_CNode_CapData {
    fn from(data: CNodeCapData) -> Self {
        data.0
    }
}
