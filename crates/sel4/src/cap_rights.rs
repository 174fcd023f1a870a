// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `CapRights`: the access rights of a capability (`seL4_CapRights_t`, ABI
// section 13), used when copying, minting and mapping.

use core::fmt;

use crate::sys;

/// What a capability allows: read, write, grant (pass capabilities
/// through it) and grant-reply (let the receiver reply with a capability).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct CapRights(sys::seL4_CapRights);

impl CapRights {
    /// `seL4_AllRights`.
    pub const ALL: Self = Self::new(true, true, true, true);
    /// `seL4_ReadWrite`.
    pub const READ_WRITE: Self = Self::new(false, false, true, true);
    /// `seL4_CanRead`: read only.
    pub const READ: Self = Self::new(false, false, true, false);
    /// `seL4_CanWrite`: write only.
    pub const WRITE: Self = Self::new(false, false, false, true);
    /// `seL4_CanGrant`.
    pub const GRANT: Self = Self::new(false, true, false, false);
    /// `seL4_CanGrantReply`.
    pub const GRANT_REPLY: Self = Self::new(true, false, false, false);
    /// `seL4_NoRights`.
    pub const NONE: Self = Self::new(false, false, false, false);

    /// Rights from their four bits, in seL4's argument order.
    pub const fn new(grant_reply: bool, grant: bool, read: bool, write: bool) -> Self {
        Self(sys::seL4_CapRights::new(grant_reply as u64, grant as u64, read as u64, write as u64))
    }

    /// Whether reading (receiving, for endpoints) is allowed.
    pub const fn read(self) -> bool {
        self.0.cap_allow_read() != 0
    }

    /// Whether writing (sending, for endpoints) is allowed.
    pub const fn write(self) -> bool {
        self.0.cap_allow_write() != 0
    }

    /// Whether capabilities may be sent through it.
    pub const fn grant(self) -> bool {
        self.0.cap_allow_grant() != 0
    }

    /// Whether a receiver may reply with a capability.
    pub const fn grant_reply(self) -> bool {
        self.0.cap_allow_grant_reply() != 0
    }

    /// The word as it travels in a message register.
    pub const fn word(self) -> usize {
        self.0.word() as usize
    }

    /// The raw structure.
    pub const fn into_sys(self) -> sys::seL4_CapRights {
        self.0
    }

    /// Rights from the raw structure.
    pub const fn from_sys(raw: sys::seL4_CapRights) -> Self {
        Self(raw)
    }
}

impl From<CapRights> for sys::seL4_CapRights {
    fn from(rights: CapRights) -> Self {
        rights.0
    }
}

impl fmt::Debug for CapRights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CapRights")
            .field("grant_reply", &self.grant_reply())
            .field("grant", &self.grant())
            .field("read", &self.read())
            .field("write", &self.write())
            .finish()
    }
}
