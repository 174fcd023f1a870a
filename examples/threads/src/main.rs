// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: starting a second thread in the root task's address space, with
// its own stack, its own IPC buffer and its own thread-local storage, and
// talking to it through an endpoint. The thread asks the root thread for
// squares (Call), then says what they add up to (Send). Its TLS block
// (`sel4::TlsBlock`) is what lets it print and use `sel4::ipc_buffer()`:
// the IPC buffer pointer is a thread-local, so each thread reaches its own
// buffer.

use sel4::{init_thread, CNodeCapData, CapRights, Endpoint, MessageInfo, ObjectAllocator, UserContext};
use sel4::{PageDirectory, PageTable, SmallPage, Tcb, TlsBlock, VmAttributes};

/// Where the thread's IPC buffer is mapped: 64 GiB, away from the program.
const IPC_BUFFER_VADDR: usize = 0x10_0000_0000;
/// The label of the thread's last message.
const DONE: usize = 1;

#[sel4::root]
fn main() -> sel4::Result<()> {
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let endpoint: Endpoint = objects.create()?;
    let thread: Tcb = objects.create()?;

    // The IPC buffer: a frame of its own, mapped with the paging structures it needs.
    let (directory, table): (PageDirectory, PageTable) = (objects.create()?, objects.create()?);
    let buffer: SmallPage = objects.create()?;
    let vspace = init_thread::VSPACE;
    directory.map(vspace, IPC_BUFFER_VADDR, VmAttributes::DEFAULT)?;
    table.map(vspace, IPC_BUFFER_VADDR, VmAttributes::DEFAULT)?;
    buffer.map(vspace, IPC_BUFFER_VADDR, CapRights::READ_WRITE, VmAttributes::DEFAULT)?;

    // The stack: 64 KiB of heap memory the thread keeps for good.
    let stack = vec![0u8; 64 * 1024].leak();
    let stack_top = (stack.as_ptr() as usize + stack.len()) & !15;

    // Same CSpace and VSpace as ours; below our priority, so it runs while we wait.
    thread.configure(None, init_thread::CNODE, CNodeCapData::NONE, vspace, IPC_BUFFER_VADDR, Some(buffer))?;
    thread.set_priority(init_thread::TCB, 100)?;
    let mut registers = UserContext::default();
    let entry: extern "C" fn(usize) -> ! = second_thread;
    registers.set_pc(entry as usize);
    registers.set_sp(stack_top - 8); // as if `call` had pushed a return address
    registers.set_argument(0, endpoint.bits());
    // Thread-locals for the thread, with its IPC buffer registered. The TLS
    // base is a register (fs_base) that write_registers sets with the rest.
    // The thread runs for the rest of the program, so the block stays.
    let tls = TlsBlock::new(IPC_BUFFER_VADDR);
    registers.set_tls_base(tls.thread_pointer());
    core::mem::forget(tls);
    thread.write_registers(true, UserContext::WORDS, &registers)?;

    loop {
        let (info, _badge, [number, ..]) = endpoint.recv_with_mrs();
        if info.label() == DONE {
            println!("root: the thread says the squares add up to {number}");
            return Ok(());
        }
        println!("root: the thread asks for {number} squared");
        sel4::ipc_buffer().set_mr(0, number * number);
        sel4::reply(MessageInfo::builder().length(1).build());
    }
}

/// The second thread: its first argument register holds the endpoint.
extern "C" fn second_thread(endpoint: usize) -> ! {
    if let Ok(endpoint) = sel4::CPtr::from_cptr(endpoint).cast::<sel4::cap_type::Endpoint>() {
        println!("thread: started, with an IPC buffer at {:#x}", sel4::ipc_buffer().address());
        let mut sum = 0;
        for number in 1..=3 {
            sel4::ipc_buffer().set_mr(0, number);
            endpoint.call(MessageInfo::builder().length(1).build());
            sum += sel4::ipc_buffer().mr(0);
        }
        sel4::ipc_buffer().set_mr(0, sum);
        endpoint.send(MessageInfo::builder().label(DONE).length(1).build());
    }
    // Nothing is left to do; the root task exits while this thread yields.
    loop {
        sel4::yield_now();
    }
}
