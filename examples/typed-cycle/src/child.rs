// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The second thread of the typed-cycle example: it calls the root thread
// through a badged endpoint, sending a notification capability, and
// reports the reply through a shared atomic. Its TLS block
// (`sel4::TlsBlock`) registers its IPC buffer, which is the root thread's
// frame: the two never use it at the same time.

use sel4::{
    init_thread, CNodeCapData, CPtr, Endpoint, MessageInfo, Notification, Tcb, TlsBlock, UserContext,
};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The label of the child's call.
pub const LABEL: usize = 7;
/// The message register the child sends.
pub const PAYLOAD: usize = 0x1234;
/// The message register the root thread replies with.
pub const REPLY: usize = 0xbeef;

static REPLY_SEEN: AtomicUsize = AtomicUsize::new(0);

/// The reply's message register as the child saw it.
pub fn reply_seen() -> usize {
    REPLY_SEEN.load(Ordering::SeqCst)
}

/// Starts `thread` at [`main`] in the root task's spaces, with the stack
/// ending at `stack_top` and the two capabilities as arguments. It shares
/// the root thread's IPC buffer: at priority 100 it runs only while the
/// root thread (255) waits.
pub fn start(
    thread: Tcb,
    stack_top: usize,
    endpoint: Endpoint,
    notification: Notification,
) -> sel4::Result<()> {
    let buffer = sel4::bootinfo().ipc_buffer_address();
    let (cnode, vspace) = (init_thread::CNODE, init_thread::VSPACE);
    thread.configure(None, cnode, CNodeCapData::NONE, vspace, buffer, Some(init_thread::IPC_BUFFER_FRAME))?;
    thread.set_priority(init_thread::TCB, 100)?;
    thread.debug_name("typed-cycle-child");
    let mut registers = UserContext::default();
    let entry: extern "C" fn(usize, usize) -> ! = main;
    registers.set_pc(entry as usize);
    registers.set_sp(stack_top - 8);
    registers.set_argument(0, endpoint.bits());
    registers.set_argument(1, notification.bits());
    // The thread runs until the program ends, so its TLS block stays.
    let tls = TlsBlock::new(buffer);
    registers.set_tls_base(tls.thread_pointer());
    core::mem::forget(tls);
    thread.write_registers(false, UserContext::WORDS, &registers)?;
    thread.resume()
}

/// The child's entry point: the root thread puts the capability pointers
/// in the first two argument registers.
pub extern "C" fn main(endpoint: usize, notification: usize) -> ! {
    let endpoint = CPtr::from_cptr(endpoint).cast::<sel4::cap_type::Endpoint>();
    let notification = CPtr::from_cptr(notification).cast::<sel4::cap_type::Notification>();
    if let (Ok(endpoint), Ok(notification)) = (endpoint, notification) {
        call_with_capability(endpoint, notification);
    }
    loop {
        sel4::yield_now();
    }
}

fn call_with_capability(endpoint: Endpoint, notification: Notification) {
    let buffer = sel4::ipc_buffer();
    buffer.set_mr(0, PAYLOAD);
    buffer.set_cap(0, notification);
    let reply = endpoint.call(MessageInfo::builder().label(LABEL).length(1).extra_caps(1).build());
    let seen = if reply.label() == 0 && reply.length() == 1 { buffer.mr(0) } else { usize::MAX };
    REPLY_SEEN.store(seen, Ordering::SeqCst);
    notification.signal();
}
