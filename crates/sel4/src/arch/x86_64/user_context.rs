// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The registers of an x86_64 thread as `Tcb::read_registers` and
// `write_registers` exchange them (`seL4_UserContext`, ABI section 13).

use crate::sys;

/// A thread's registers: rip, rsp, rflags, the general registers, and
/// the FS and GS bases. The accessors name the ones a program sets to
/// start a thread; [`UserContext::as_sys_mut`] reaches every field.
#[derive(Debug, Clone, Copy)]
#[repr(transparent)]
pub struct UserContext(sys::seL4_UserContext);

/// The registers that carry a function's first six integer arguments in
/// the System V x86_64 calling convention, in order.
const ARGUMENT_REGISTERS: usize = 6;

impl Default for UserContext {
    fn default() -> Self {
        Self(sys::seL4_UserContext {
            rip: 0,
            rsp: 0,
            rflags: 0,
            rax: 0,
            rbx: 0,
            rcx: 0,
            rdx: 0,
            rsi: 0,
            rdi: 0,
            rbp: 0,
            r8: 0,
            r9: 0,
            r10: 0,
            r11: 0,
            r12: 0,
            r13: 0,
            r14: 0,
            r15: 0,
            fs_base: 0,
            gs_base: 0,
        })
    }
}

impl UserContext {
    /// The number of registers (words) in a context: what `count` is to
    /// read or write them all.
    pub const WORDS: usize =
        core::mem::size_of::<sys::seL4_UserContext>() / core::mem::size_of::<sys::seL4_Word>();

    /// The instruction pointer (rip).
    pub fn pc(&self) -> usize {
        self.0.rip as usize
    }

    /// Sets the instruction pointer (rip).
    pub fn set_pc(&mut self, value: usize) {
        self.0.rip = value as sys::seL4_Word;
    }

    /// The stack pointer (rsp).
    pub fn sp(&self) -> usize {
        self.0.rsp as usize
    }

    /// Sets the stack pointer (rsp). A function entered with `set_pc`
    /// expects `rsp + 8` to be a multiple of 16, as after a `call`.
    pub fn set_sp(&mut self, value: usize) {
        self.0.rsp = value as sys::seL4_Word;
    }

    /// Integer argument `index` (0 to 5) of a function entered at `pc`:
    /// rdi, rsi, rdx, rcx, r8, r9.
    ///
    /// # Panics
    ///
    /// If `index` is 6 or more.
    pub fn argument(&self, index: usize) -> usize {
        let context = &self.0;
        let registers = [context.rdi, context.rsi, context.rdx, context.rcx, context.r8, context.r9];
        registers[index] as usize
    }

    /// Sets integer argument `index` (0 to 5): rdi, rsi, rdx, rcx, r8, r9.
    ///
    /// # Panics
    ///
    /// If `index` is 6 or more.
    pub fn set_argument(&mut self, index: usize, value: usize) {
        assert!(index < ARGUMENT_REGISTERS, "x86_64 passes 6 arguments in registers, not {}", index + 1);
        let context = &mut self.0;
        let register = match index {
            0 => &mut context.rdi,
            1 => &mut context.rsi,
            2 => &mut context.rdx,
            3 => &mut context.rcx,
            4 => &mut context.r8,
            _ => &mut context.r9,
        };
        *register = value as sys::seL4_Word;
    }

    /// The TLS base (FS base).
    pub fn tls_base(&self) -> usize {
        self.0.fs_base as usize
    }

    /// Sets the TLS base (FS base).
    pub fn set_tls_base(&mut self, value: usize) {
        self.0.fs_base = value as sys::seL4_Word;
    }

    /// The raw structure.
    pub fn as_sys(&self) -> &sys::seL4_UserContext {
        &self.0
    }

    /// The raw structure, to change any register.
    pub fn as_sys_mut(&mut self) -> &mut sys::seL4_UserContext {
        &mut self.0
    }
}
