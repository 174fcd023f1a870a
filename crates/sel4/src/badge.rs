// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `Badge`: the word a minted endpoint or notification capability carries,
// which the receiver sees with every message sent through it. Its own type
// so that it is never mixed up with a capability pointer or a label.

use core::fmt;

/// The badge of an endpoint or notification capability (`seL4_Word`,
/// all 64 bits usable). Badge 0 means "no badge".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct Badge(usize);

impl Badge {
    /// No badge: a capability minted with it is unbadged.
    pub const NONE: Self = Self(0);

    /// A badge with this value.
    pub const fn new(value: usize) -> Self {
        Self(value)
    }

    /// The badge's value.
    pub const fn value(self) -> usize {
        self.0
    }

    /// Whether this is [`Badge::NONE`].
    pub const fn is_none(self) -> bool {
        self.0 == 0
    }
}

impl From<usize> for Badge {
    fn from(value: usize) -> Self {
        Self(value)
    }
}

impl From<Badge> for usize {
    fn from(badge: Badge) -> usize {
        badge.0
    }
}

impl fmt::Display for Badge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}
