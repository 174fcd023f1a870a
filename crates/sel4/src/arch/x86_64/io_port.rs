// SPDX-License-Identifier: MIT OR Apache-2.0
//
// x86 I/O ports: the control capability issues capabilities for port
// ranges; a port capability reads and writes the ports in its range.

use crate::invoke::{invoke, sys_call};
use crate::ipc_buffer::check;
use crate::{sys, IoPort, IoPortControl, Result, Slot};

impl IoPortControl {
    /// Puts a capability to ports `first_port..=last_port` into the empty
    /// slot `destination`.
    ///
    /// Corresponds to `seL4_X86_IOPortControl_Issue`.
    #[inline]
    pub fn issue(self, first_port: u16, last_port: u16, destination: Slot) -> Result<()> {
        invoke!(
            "IoPortControl::issue",
            sys::seL4_X86_IOPortControl_Issue(
                self.sys(),
                first_port.into(),
                last_port.into(),
                destination.cnode().sys(),
                destination.index() as sys::seL4_Word,
                u8::try_from(destination.depth()).unwrap_or(u8::MAX),
            )
        )
    }
}

impl IoPort {
    /// Reads a byte from `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_In8`.
    #[inline]
    pub fn in8(self, port: u16) -> Result<u8> {
        let reply = sys_call!(sys::seL4_X86_IOPort_In8(self.sys(), port));
        check(reply.error, "IoPort::in8")?;
        Ok(reply.result)
    }

    /// Reads 16 bits from `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_In16`.
    #[inline]
    pub fn in16(self, port: u16) -> Result<u16> {
        let reply = sys_call!(sys::seL4_X86_IOPort_In16(self.sys(), port));
        check(reply.error, "IoPort::in16")?;
        Ok(reply.result)
    }

    /// Reads 32 bits from `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_In32`.
    #[inline]
    pub fn in32(self, port: u16) -> Result<u32> {
        let reply = sys_call!(sys::seL4_X86_IOPort_In32(self.sys(), port));
        check(reply.error, "IoPort::in32")?;
        Ok(reply.result)
    }

    /// Writes a byte to `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_Out8`.
    #[inline]
    pub fn out8(self, port: u16, value: u8) -> Result<()> {
        invoke!("IoPort::out8", sys::seL4_X86_IOPort_Out8(self.sys(), port.into(), value.into()))
    }

    /// Writes 16 bits to `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_Out16`.
    #[inline]
    pub fn out16(self, port: u16, value: u16) -> Result<()> {
        invoke!("IoPort::out16", sys::seL4_X86_IOPort_Out16(self.sys(), port.into(), value.into()))
    }

    /// Writes 32 bits to `port`.
    ///
    /// Corresponds to `seL4_X86_IOPort_Out32`.
    #[inline]
    pub fn out32(self, port: u16, value: u32) -> Result<()> {
        invoke!("IoPort::out32", sys::seL4_X86_IOPort_Out32(self.sys(), port.into(), value.into()))
    }
}
