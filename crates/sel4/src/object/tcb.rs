// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Thread control block invocations: a thread's spaces, IPC buffer,
// registers, scheduling and notification binding.

use crate::invoke::{invoke, sys_call};
use crate::ipc_buffer::check;
use crate::{sys, CNode, CNodeCapData, Endpoint, Notification, Result, SmallPage, Tcb, UserContext, VSpace};

/// The raw pointer of an optional capability (0, the null slot, for none).
fn optional<T: crate::CapType>(cap: Option<crate::Cap<T>>) -> sys::seL4_Word {
    cap.map_or(0, |cap| cap.bits() as sys::seL4_Word)
}

/// The number of registers in a [`UserContext`].
const CONTEXT_WORDS: usize =
    core::mem::size_of::<sys::seL4_UserContext>() / core::mem::size_of::<sys::seL4_Word>();

impl Tcb {
    /// Reads the first `count` registers of the thread (in
    /// [`UserContext`] order; [`UserContext::WORDS`] for all), suspending
    /// it first if `suspend_source`.
    ///
    /// Corresponds to `seL4_TCB_ReadRegisters`.
    #[inline]
    pub fn read_registers(self, suspend_source: bool, count: usize) -> Result<UserContext> {
        let mut context = UserContext::default();
        invoke!(
            "Tcb::read_registers",
            sys::seL4_TCB_ReadRegisters(
                self.sys(),
                suspend_source as sys::seL4_Bool,
                0,
                count.min(CONTEXT_WORDS) as sys::seL4_Word,
                context.as_sys_mut(),
            )
        )?;
        Ok(context)
    }

    /// Writes the first `count` registers of the thread from `context`
    /// ([`UserContext::WORDS`] for all), resuming it afterwards if
    /// `resume_target`.
    ///
    /// Corresponds to `seL4_TCB_WriteRegisters`.
    #[inline]
    pub fn write_registers(self, resume_target: bool, count: usize, context: &UserContext) -> Result<()> {
        invoke!(
            "Tcb::write_registers",
            sys::seL4_TCB_WriteRegisters(
                self.sys(),
                resume_target as sys::seL4_Bool,
                0,
                count.min(CONTEXT_WORDS) as sys::seL4_Word,
                context.as_sys(),
            )
        )
    }

    /// Copies registers from `source` to this thread: the frame registers
    /// (instruction and stack pointers, flags and the argument registers)
    /// if `transfer_frame`, the other integer registers if
    /// `transfer_integer`.
    ///
    /// Corresponds to `seL4_TCB_CopyRegisters`.
    #[inline]
    pub fn copy_registers(
        self,
        source: Tcb,
        suspend_source: bool,
        resume_target: bool,
        transfer_frame: bool,
        transfer_integer: bool,
    ) -> Result<()> {
        invoke!(
            "Tcb::copy_registers",
            sys::seL4_TCB_CopyRegisters(
                self.sys(),
                source.sys(),
                suspend_source as sys::seL4_Bool,
                resume_target as sys::seL4_Bool,
                transfer_frame as sys::seL4_Bool,
                transfer_integer as sys::seL4_Bool,
                0,
            )
        )
    }

    /// Sets the thread's fault endpoint (a capability pointer in the
    /// thread's own CSpace; `None` for none), CSpace and VSpace roots and
    /// IPC buffer (`buffer` its address, `buffer_frame` the frame there).
    ///
    /// Corresponds to `seL4_TCB_Configure`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn configure(
        self,
        fault_endpoint: Option<Endpoint>,
        cspace_root: CNode,
        cspace_root_data: CNodeCapData,
        vspace_root: VSpace,
        buffer: usize,
        buffer_frame: Option<SmallPage>,
    ) -> Result<()> {
        invoke!(
            "Tcb::configure",
            sys::seL4_TCB_Configure(
                self.sys(),
                optional(fault_endpoint),
                cspace_root.sys(),
                cspace_root_data.word() as sys::seL4_Word,
                vspace_root.sys(),
                0,
                buffer as sys::seL4_Word,
                optional(buffer_frame),
            )
        )
    }

    /// Sets the thread's priority; `authority` (a thread whose maximum
    /// controlled priority is at least `priority`) vouches for it.
    ///
    /// Corresponds to `seL4_TCB_SetPriority`.
    #[inline]
    pub fn set_priority(self, authority: Tcb, priority: usize) -> Result<()> {
        invoke!(
            "Tcb::set_priority",
            sys::seL4_TCB_SetPriority(self.sys(), authority.sys(), priority as sys::seL4_Word)
        )
    }

    /// Sets the highest priority the thread may give itself or others.
    ///
    /// Corresponds to `seL4_TCB_SetMCPriority`.
    #[inline]
    pub fn set_mc_priority(self, authority: Tcb, mc_priority: usize) -> Result<()> {
        invoke!(
            "Tcb::set_mc_priority",
            sys::seL4_TCB_SetMCPriority(self.sys(), authority.sys(), mc_priority as sys::seL4_Word)
        )
    }

    /// Sets the maximum controlled priority and the priority at once.
    ///
    /// Corresponds to `seL4_TCB_SetSchedParams`.
    #[inline]
    pub fn set_sched_params(self, authority: Tcb, mc_priority: usize, priority: usize) -> Result<()> {
        invoke!(
            "Tcb::set_sched_params",
            sys::seL4_TCB_SetSchedParams(
                self.sys(),
                authority.sys(),
                mc_priority as sys::seL4_Word,
                priority as sys::seL4_Word,
            )
        )
    }

    /// Sets the thread's IPC buffer: address `buffer` inside `buffer_frame`.
    ///
    /// Corresponds to `seL4_TCB_SetIPCBuffer`.
    #[inline]
    pub fn set_ipc_buffer(self, buffer: usize, buffer_frame: Option<SmallPage>) -> Result<()> {
        invoke!(
            "Tcb::set_ipc_buffer",
            sys::seL4_TCB_SetIPCBuffer(self.sys(), buffer as sys::seL4_Word, optional(buffer_frame))
        )
    }

    /// Sets the thread's fault endpoint and CSpace and VSpace roots.
    ///
    /// Corresponds to `seL4_TCB_SetSpace`.
    #[inline]
    pub fn set_space(
        self,
        fault_endpoint: Option<Endpoint>,
        cspace_root: CNode,
        cspace_root_data: CNodeCapData,
        vspace_root: VSpace,
    ) -> Result<()> {
        invoke!(
            "Tcb::set_space",
            sys::seL4_TCB_SetSpace(
                self.sys(),
                optional(fault_endpoint),
                cspace_root.sys(),
                cspace_root_data.word() as sys::seL4_Word,
                vspace_root.sys(),
                0,
            )
        )
    }

    /// Stops the thread until it is resumed.
    ///
    /// Corresponds to `seL4_TCB_Suspend`.
    #[inline]
    pub fn suspend(self) -> Result<()> {
        invoke!("Tcb::suspend", sys::seL4_TCB_Suspend(self.sys()))
    }

    /// Makes the thread runnable.
    ///
    /// Corresponds to `seL4_TCB_Resume`.
    #[inline]
    pub fn resume(self) -> Result<()> {
        invoke!("Tcb::resume", sys::seL4_TCB_Resume(self.sys()))
    }

    /// Binds `notification` to the thread: a signal then also ends the
    /// thread's waits on endpoints.
    ///
    /// Corresponds to `seL4_TCB_BindNotification`.
    #[inline]
    pub fn bind_notification(self, notification: Notification) -> Result<()> {
        invoke!("Tcb::bind_notification", sys::seL4_TCB_BindNotification(self.sys(), notification.sys()))
    }

    /// Unbinds the thread's notification.
    ///
    /// Corresponds to `seL4_TCB_UnbindNotification`.
    #[inline]
    pub fn unbind_notification(self) -> Result<()> {
        invoke!("Tcb::unbind_notification", sys::seL4_TCB_UnbindNotification(self.sys()))
    }

    /// Sets the thread's TLS base (the FS base on x86_64). On the running
    /// thread this moves its thread-local variables: only a thread that is
    /// being set up should get a new one.
    ///
    /// Corresponds to `seL4_TCB_SetTLSBase`.
    #[inline]
    pub fn set_tls_base(self, tls_base: usize) -> Result<()> {
        invoke!("Tcb::set_tls_base", sys::seL4_TCB_SetTLSBase(self.sys(), tls_base as sys::seL4_Word))
    }

    /// Names the thread in the kernel's messages (fault reports, scheduler
    /// dumps); the name is cut to fit the IPC buffer.
    ///
    /// Corresponds to `seL4_DebugNameThread` (debug kernels only).
    #[inline]
    pub fn debug_name(self, name: &str) {
        sys_call!(sys::seL4_DebugNameThread(self.sys(), name))
    }

    /// Clears, then sets, thread flags (`seL4_TCBFlag_*`); returns the
    /// flags now in force.
    ///
    /// Corresponds to `seL4_TCB_SetFlags`.
    #[inline]
    pub fn set_flags(self, clear: usize, set: usize) -> Result<usize> {
        let reply =
            sys_call!(sys::seL4_TCB_SetFlags(self.sys(), clear as sys::seL4_Word, set as sys::seL4_Word));
        check(reply.error, "Tcb::set_flags")?;
        Ok(reply.flags as usize)
    }
}

/// Gives up the rest of the calling thread's time slice.
///
/// Corresponds to `seL4_Yield`.
#[inline]
pub fn yield_now() {
    crate::ipc_buffer::ensure_on_sel4();
    sys::seL4_Yield()
}
