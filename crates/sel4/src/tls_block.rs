// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Thread-local storage for threads a program starts by hand (with a TCB of
// its own, as in examples/threads). Thread-locals, printing and every seL4
// call from Rust need the thread's TLS block: the IPC buffer pointer is a
// thread-local of the C runtime. The runtime knows the program's TLS image
// and lays the block out; this file owns the memory.
#![allow(unsafe_code)]

use alloc::vec::Vec;

/// A thread's thread-local storage, built from the program's TLS image
/// with the thread's IPC buffer already registered in it.
///
/// Install [`TlsBlock::thread_pointer`] as the new thread's TLS base before
/// it runs: with [`UserContext::set_tls_base`](crate::UserContext::set_tls_base)
/// in the registers given to [`Tcb::write_registers`](crate::Tcb::write_registers)
/// (which writes the FS base with the rest), or with
/// [`Tcb::set_tls_base`](crate::Tcb::set_tls_base) after them. Keep the block
/// alive as long as the thread runs: dropping it frees the memory the
/// thread's thread-locals live in.
///
/// ```no_run
/// # fn start(thread: sel4::Tcb, entry: usize, stack_top: usize) -> sel4::Result<()> {
/// const IPC_BUFFER: usize = 0x10_0000_0000; // mapped for the thread already
/// let tls = sel4::TlsBlock::new(IPC_BUFFER);
/// let mut registers = sel4::UserContext::default();
/// registers.set_pc(entry);
/// registers.set_sp(stack_top);
/// registers.set_tls_base(tls.thread_pointer());
/// thread.write_registers(true, sel4::UserContext::WORDS, &registers)?;
/// core::mem::forget(tls); // the thread runs for the rest of the program
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct TlsBlock {
    // Owned only to be kept alive: the thread addresses it through its FS base.
    _memory: Vec<u8>,
    thread_pointer: usize,
}

impl TlsBlock {
    /// A block for a thread whose IPC buffer is mapped at `ipc_buffer_address`.
    ///
    /// # Panics
    ///
    /// In the host build, where the program's TLS image is not the runtime's.
    pub fn new(ipc_buffer_address: usize) -> Self {
        #[cfg(sel4)]
        {
            let size = crate::runtime::tls_area_size();
            let mut memory = alloc::vec![0u8; size];
            let thread_pointer = crate::runtime::tls_init(&mut memory, ipc_buffer_address);
            // The runtime asked for `size` bytes itself; it cannot refuse them.
            assert_ne!(thread_pointer, 0, "the runtime refused a TLS block of its own size");
            TlsBlock { _memory: memory, thread_pointer }
        }
        #[cfg(not(sel4))]
        {
            let _ = ipc_buffer_address;
            panic!("sel4::TlsBlock is only available in the seL4 build of a root task")
        }
    }

    /// The value for the thread's TLS base (its FS base).
    pub fn thread_pointer(&self) -> usize {
        self.thread_pointer
    }
}
