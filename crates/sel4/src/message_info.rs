// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `MessageInfo`: the tag of every IPC message (label, length, capabilities;
// ABI section 5), and a builder for it.

use core::fmt;

use crate::sys;

/// The tag of a message: a label chosen by the sender (for kernel replies,
/// the error code), the number of message registers, the number of
/// capabilities sent, and which received capabilities were unwrapped to
/// their badges.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct MessageInfo(sys::seL4_MessageInfo);

impl MessageInfo {
    /// A tag from its four fields; each is cut to its width (label 52
    /// bits, capabilities unwrapped 3, extra capabilities 2, length 7),
    /// as seL4 does.
    pub const fn new(label: usize, caps_unwrapped: usize, extra_caps: usize, length: usize) -> Self {
        Self(sys::seL4_MessageInfo::new(
            label as u64,
            caps_unwrapped as u64,
            extra_caps as u64,
            length as u64,
        ))
    }

    /// A builder with every field 0.
    pub const fn builder() -> MessageInfoBuilder {
        MessageInfoBuilder { label: 0, caps_unwrapped: 0, extra_caps: 0, length: 0 }
    }

    /// The label.
    pub const fn label(self) -> usize {
        self.0.label() as usize
    }

    /// A bit mask: bit `i` set when received capability `i` was unwrapped
    /// (its badge is in the IPC buffer instead of a new slot).
    pub const fn caps_unwrapped(self) -> usize {
        self.0.caps_unwrapped() as usize
    }

    /// The number of capabilities the message carries.
    pub const fn extra_caps(self) -> usize {
        self.0.extra_caps() as usize
    }

    /// The number of message registers the message carries.
    pub const fn length(self) -> usize {
        self.0.length() as usize
    }

    /// The word as it travels in a register.
    pub const fn word(self) -> usize {
        self.0.word() as usize
    }

    /// The raw tag.
    pub const fn into_sys(self) -> sys::seL4_MessageInfo {
        self.0
    }

    /// A tag from the raw one.
    pub const fn from_sys(raw: sys::seL4_MessageInfo) -> Self {
        Self(raw)
    }
}

impl From<sys::seL4_MessageInfo> for MessageInfo {
    fn from(raw: sys::seL4_MessageInfo) -> Self {
        Self(raw)
    }
}

impl From<MessageInfo> for sys::seL4_MessageInfo {
    fn from(info: MessageInfo) -> Self {
        info.0
    }
}

impl fmt::Debug for MessageInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageInfo")
            .field("label", &self.label())
            .field("caps_unwrapped", &self.caps_unwrapped())
            .field("extra_caps", &self.extra_caps())
            .field("length", &self.length())
            .finish()
    }
}

/// Builds a [`MessageInfo`] field by field:
///
/// ```
/// let info = sel4::MessageInfo::builder().label(7).length(2).extra_caps(1).build();
/// assert_eq!((info.label(), info.length(), info.extra_caps()), (7, 2, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[must_use]
pub struct MessageInfoBuilder {
    label: usize,
    caps_unwrapped: usize,
    extra_caps: usize,
    length: usize,
}

impl MessageInfoBuilder {
    /// Sets the label.
    pub const fn label(mut self, label: usize) -> Self {
        self.label = label;
        self
    }

    /// Sets the mask of unwrapped capabilities (meaningful only in received messages).
    pub const fn caps_unwrapped(mut self, mask: usize) -> Self {
        self.caps_unwrapped = mask;
        self
    }

    /// Sets the number of capabilities sent (0 to 3).
    pub const fn extra_caps(mut self, count: usize) -> Self {
        self.extra_caps = count;
        self
    }

    /// Sets the number of message registers sent (0 to 120).
    pub const fn length(mut self, count: usize) -> Self {
        self.length = count;
        self
    }

    /// The tag.
    pub const fn build(self) -> MessageInfo {
        MessageInfo::new(self.label, self.caps_unwrapped, self.extra_caps, self.length)
    }
}

impl From<MessageInfoBuilder> for MessageInfo {
    fn from(builder: MessageInfoBuilder) -> Self {
        builder.build()
    }
}
