// SPDX-License-Identifier: MIT OR Apache-2.0
//
// x86 interrupt sources: IRQ handlers for IOAPIC pins and for MSIs.

use crate::invoke::invoke;
use crate::{sys, IrqControl, Result, Slot};

impl IrqControl {
    /// Puts a handler capability for IOAPIC `ioapic`'s `pin` (`level`
    /// triggered if 1, active-low if `polarity` is 1), delivered at CPU
    /// vector `IRQ_OFFSET + vector`, into the empty slot `destination`.
    ///
    /// Corresponds to `seL4_IRQControl_GetIOAPIC`.
    #[inline]
    pub fn get_ioapic(
        self,
        destination: Slot,
        ioapic: usize,
        pin: usize,
        level: usize,
        polarity: usize,
        vector: usize,
    ) -> Result<()> {
        invoke!(
            "IrqControl::get_ioapic",
            sys::seL4_IRQControl_GetIOAPIC(
                self.sys(),
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                u8::try_from(destination.depth()).unwrap_or(u8::MAX),
                ioapic as sys::seL4_Word,
                pin as sys::seL4_Word,
                level as sys::seL4_Word,
                polarity as sys::seL4_Word,
                vector as sys::seL4_Word,
            )
        )
    }

    /// Puts a handler capability for the MSI of PCI function
    /// `bus:device.function` (with the device's `handle`), delivered at CPU
    /// vector `IRQ_OFFSET + vector`, into the empty slot `destination`.
    ///
    /// Corresponds to `seL4_IRQControl_GetMSI`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn get_msi(
        self,
        destination: Slot,
        pci_bus: usize,
        pci_device: usize,
        pci_function: usize,
        handle: usize,
        vector: usize,
    ) -> Result<()> {
        invoke!(
            "IrqControl::get_msi",
            sys::seL4_IRQControl_GetMSI(
                self.sys(),
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                u8::try_from(destination.depth()).unwrap_or(u8::MAX),
                pci_bus as sys::seL4_Word,
                pci_device as sys::seL4_Word,
                pci_function as sys::seL4_Word,
                handle as sys::seL4_Word,
                vector as sys::seL4_Word,
            )
        )
    }
}
