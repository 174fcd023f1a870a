// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Interrupts: the IRQ control capability hands out handlers; a handler
// delivers its interrupt to a notification and is acknowledged after each.
// (x86's IOAPIC and MSI forms of `IrqControl::get` are in `arch`.)

use crate::invoke::invoke;
use crate::{sys, IrqControl, IrqHandler, Notification, Result, Slot};

impl IrqControl {
    /// Puts a handler capability for interrupt `irq` into the empty slot `destination`.
    ///
    /// Corresponds to `seL4_IRQControl_Get`.
    #[inline]
    pub fn get(self, irq: usize, destination: Slot) -> Result<()> {
        invoke!(
            "IrqControl::get",
            sys::seL4_IRQControl_Get(
                self.sys(),
                irq as sys::seL4_Word,
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                u8::try_from(destination.depth()).unwrap_or(u8::MAX),
            )
        )
    }
}

impl IrqHandler {
    /// Acknowledges the interrupt, so the next one is delivered.
    ///
    /// Corresponds to `seL4_IRQHandler_Ack`.
    #[inline]
    pub fn ack(self) -> Result<()> {
        invoke!("IrqHandler::ack", sys::seL4_IRQHandler_Ack(self.sys()))
    }

    /// Delivers the interrupt to `notification` from now on.
    ///
    /// Corresponds to `seL4_IRQHandler_SetNotification`.
    #[inline]
    pub fn set_notification(self, notification: Notification) -> Result<()> {
        invoke!(
            "IrqHandler::set_notification",
            sys::seL4_IRQHandler_SetNotification(self.sys(), notification.sys())
        )
    }

    /// Stops delivering the interrupt.
    ///
    /// Corresponds to `seL4_IRQHandler_Clear`.
    #[inline]
    pub fn clear(self) -> Result<()> {
        invoke!("IrqHandler::clear", sys::seL4_IRQHandler_Clear(self.sys()))
    }
}
