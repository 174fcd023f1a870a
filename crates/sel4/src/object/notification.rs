// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Notifications: signal, wait and poll. Like endpoint IPC these report no
// error code (a bad capability is a fault), so they return plain values.

use crate::invoke::sys_call;
use crate::ipc_buffer::ensure_on_sel4;
use crate::{sys, Badge, Notification};

impl Notification {
    /// Sets the bits of the capability's badge in the notification's word
    /// and wakes a waiter.
    ///
    /// Corresponds to `seL4_Signal`.
    #[inline]
    pub fn signal(self) {
        ensure_on_sel4();
        sys::seL4_Signal(self.sys())
    }

    /// Waits until the notification is signalled; returns (and clears) the
    /// accumulated badge bits.
    ///
    /// Corresponds to `seL4_Wait`.
    #[inline]
    pub fn wait(self) -> Badge {
        let mut badge: sys::seL4_Word = 0;
        sys_call!(sys::seL4_Wait(self.sys(), Some(&mut badge)));
        Badge::new(badge as usize)
    }

    /// Returns (and clears) the accumulated badge bits without waiting:
    /// [`Badge::NONE`] if the notification was not signalled.
    ///
    /// Corresponds to `seL4_Poll`.
    #[inline]
    pub fn poll(self) -> Badge {
        let mut badge: sys::seL4_Word = 0;
        sys_call!(sys::seL4_Poll(self.sys(), Some(&mut badge)));
        Badge::new(badge as usize)
    }
}
