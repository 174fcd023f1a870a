// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: fault handling. A thread whose fault endpoint is set does not
// just stop when it faults: the kernel turns the fault into a message to
// that endpoint and the thread waits. Here a second thread reads address 0
// and the root thread, waiting on the endpoint, is its fault handler: it
// prints the fault address and the instruction pointer from the message.
// The one `unsafe` block is that deliberate read of address 0.

use sel4::{init_thread, sys, CNodeCapData, Endpoint, ObjectAllocator, Tcb, UserContext};

#[sel4::root]
fn main() -> sel4::Result<()> {
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let faults: Endpoint = objects.create()?;
    let thread: Tcb = objects.create()?;

    // Our CSpace and VSpace; faults go to `faults` (looked up in that CSpace).
    // The thread needs no IPC buffer: the kernel writes the fault message.
    let (cnode, vspace) = (init_thread::CNODE, init_thread::VSPACE);
    thread.configure(Some(faults), cnode, CNodeCapData::NONE, vspace, 0, None)?;
    thread.set_priority(init_thread::TCB, 100)?;
    let stack = vec![0u8; 16 * 1024].leak();
    let entry: extern "C" fn() -> ! = reads_address_zero;
    let mut registers = UserContext::default();
    registers.set_pc(entry as usize);
    registers.set_sp(((stack.as_ptr() as usize + stack.len()) & !15) - 8);
    thread.write_registers(true, UserContext::WORDS, &registers)?;

    // The fault arrives as a message: label VMFault, then instruction pointer,
    // address, whether it was an instruction fetch, and the CPU's error code.
    let (info, _badge, [ip, address, prefetch, error_code]) = faults.recv_with_mrs();
    assert_eq!(info.label(), sys::seL4_Fault_VMFault as usize, "expected a VM fault");
    let kind = if prefetch != 0 { "instruction fetch" } else { "data access" };
    println!("caught a {kind} fault at address {address:#x} (error code {error_code:#x})");
    println!("instruction pointer {ip:#x}: reads_address_zero + {:#x}", ip - entry as usize);

    // Not replying leaves the thread waiting for ever; suspending it says so.
    thread.suspend()?;
    println!("the faulting thread is suspended");
    Ok(())
}

/// The faulting thread: it reads address 0, where nothing is mapped.
extern "C" fn reads_address_zero() -> ! {
    // SAFETY: the read faults before it can load anything; the kernel stops
    // this thread there and sends the fault to its handler, which never
    // resumes it.
    unsafe { core::arch::asm!("mov {value}, qword ptr [0]", value = out(reg) _, options(nostack)) };
    unreachable!("the handler never resumes a thread that read address 0")
}
