// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: handling an interrupt in user space. The root task asks for
// the interrupt of the serial port COM1 (ISA IRQ 4, IOAPIC 0 pin 4), has
// the kernel signal a notification when it fires, turns on the UART's
// "data received" interrupt, and then sleeps on the notification: each
// signal means bytes to read, echo and acknowledge. The line "quit" ends it.
// Type into `cargo run -p irq`, or pipe text in: `echo quit | cargo run -p irq`.

use sel4::{cap_type, init_thread, sys, CPtr, IrqHandler, Notification, ObjectAllocator};
use std::io::Write;

/// COM1's registers: data, interrupt enable, modem control and line status.
const DATA: u16 = 0x3f8;
const INTERRUPT_ENABLE: u16 = 0x3f9;
const MODEM_CONTROL: u16 = 0x3fc;
const LINE_STATUS: u16 = 0x3fd;

extern "C" {
    /// The C runtime's I/O port capability for COM1 (0x3f8-0x3ff), which it prints through.
    fn sel4runtime_serial_port() -> sys::seL4_CPtr;
}

#[sel4::root]
fn main() -> sel4::Result<()> {
    // SAFETY: the runtime's accessor has no preconditions; it returns a slot number.
    let port = CPtr::from_cptr(unsafe { sel4runtime_serial_port() } as usize).cast::<cap_type::IoPort>()?;
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let notification: Notification = objects.create()?;

    // ISA interrupts are edge triggered (level 0) and active high (polarity 0);
    // the kernel delivers this one at CPU vector IRQ_OFFSET + 4.
    let slot = objects.alloc_slot()?;
    init_thread::IRQ_CONTROL.get_ioapic(slot, 0, 4, 0, 0, 4)?;
    let serial_irq: IrqHandler = CPtr::from_cptr(slot.index()).cast()?;
    serial_irq.set_notification(notification)?;

    // The UART raises its line when a byte arrives (OUT2 gates the line on a PC).
    port.out8(MODEM_CONTROL, 0x0b)?; // DTR, RTS, OUT2
    port.out8(INTERRUPT_ENABLE, 0x01)?; // "received data available"
    println!("irq: type a line (\"quit\" ends)");

    let (mut line, mut interrupts, mut quit) = (String::new(), 0, false);
    while !quit {
        notification.wait();
        interrupts += 1;
        // The kernel masked the interrupt when it fired. Unmask it first, then read
        // every byte the UART holds: the edge-triggered line rises again only after it
        // fell, so a byte that comes after the last read raises a new interrupt.
        serial_irq.ack()?;
        while port.in8(LINE_STATUS)? & 0x01 != 0 {
            let byte = port.in8(DATA)?;
            if byte == b'\r' || byte == b'\n' {
                quit |= line == "quit";
                line.clear();
                echo(b"\n");
            } else {
                line.push(char::from(byte));
                echo(&[byte]);
            }
        }
    }
    port.out8(INTERRUPT_ENABLE, 0)?;
    println!("irq: bye (interrupts handled: {interrupts})");
    Ok(())
}

/// Writes `bytes` to the console at once (standard output keeps a line otherwise).
fn echo(bytes: &[u8]) {
    let mut stdout = std::io::stdout();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).expect("the console takes every byte");
}
