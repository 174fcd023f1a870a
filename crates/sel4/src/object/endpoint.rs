// SPDX-License-Identifier: MIT OR Apache-2.0
//
// IPC through endpoints: send, receive, call and reply. seL4 reports no
// error code for these (an invalid capability raises a fault to the
// thread's fault handler instead), so they return values, not `Result`.
// The `_with_mrs` forms pass the first four message registers in machine
// registers only and leave the IPC buffer's copy alone.

use crate::invoke::sys_call;
use crate::{sys, Badge, Endpoint, MessageInfo};

/// The four message registers that travel in machine registers.
pub type FastMessageRegisters = [usize; 4];

fn words(mrs: FastMessageRegisters) -> [sys::seL4_Word; 4] {
    mrs.map(|mr| mr as sys::seL4_Word)
}

fn usizes(mrs: [sys::seL4_Word; 4]) -> FastMessageRegisters {
    mrs.map(|mr| mr as usize)
}

impl Endpoint {
    /// Sends the message in the IPC buffer, waiting for a receiver.
    ///
    /// Corresponds to `seL4_Send`.
    #[inline]
    pub fn send(self, info: MessageInfo) {
        sys_call!(sys::seL4_Send(self.sys(), info.into_sys()))
    }

    /// Sends the message if a receiver is waiting; otherwise drops it.
    ///
    /// Corresponds to `seL4_NBSend`.
    #[inline]
    pub fn nb_send(self, info: MessageInfo) {
        sys_call!(sys::seL4_NBSend(self.sys(), info.into_sys()))
    }

    /// Waits for a message; returns its tag and the sender's badge. The
    /// message registers and any capability land in the IPC buffer and
    /// the receive path.
    ///
    /// Corresponds to `seL4_Recv`.
    #[inline]
    pub fn recv(self) -> (MessageInfo, Badge) {
        let mut badge: sys::seL4_Word = 0;
        let info = sys_call!(sys::seL4_Recv(self.sys(), Some(&mut badge)));
        (info.into(), Badge::new(badge as usize))
    }

    /// Takes a message if one is waiting (label and length 0 and badge 0 otherwise).
    ///
    /// Corresponds to `seL4_NBRecv`.
    #[inline]
    pub fn nb_recv(self) -> (MessageInfo, Badge) {
        let mut badge: sys::seL4_Word = 0;
        let info = sys_call!(sys::seL4_NBRecv(self.sys(), Some(&mut badge)));
        (info.into(), Badge::new(badge as usize))
    }

    /// Sends the message and waits for the reply, whose tag it returns
    /// (the reply's registers are in the IPC buffer).
    ///
    /// Corresponds to `seL4_Call`.
    #[inline]
    pub fn call(self, info: MessageInfo) -> MessageInfo {
        sys_call!(sys::seL4_Call(self.sys(), info.into_sys())).into()
    }

    /// Replies to the last caller, then waits for the next message.
    ///
    /// Corresponds to `seL4_ReplyRecv`.
    #[inline]
    pub fn reply_recv(self, info: MessageInfo) -> (MessageInfo, Badge) {
        let mut badge: sys::seL4_Word = 0;
        let info = sys_call!(sys::seL4_ReplyRecv(self.sys(), info.into_sys(), Some(&mut badge)));
        (info.into(), Badge::new(badge as usize))
    }

    /// [`Endpoint::send`] with message registers 0-3 given here (those
    /// past `info.length()` are not sent).
    ///
    /// Corresponds to `seL4_SendWithMRs`.
    #[inline]
    pub fn send_with_mrs(self, info: MessageInfo, mrs: FastMessageRegisters) {
        let [mr0, mr1, mr2, mr3] = words(mrs);
        sys_call!(sys::seL4_SendWithMRs(self.sys(), info.into_sys(), mr0, mr1, mr2, mr3))
    }

    /// [`Endpoint::recv`] returning message registers 0-3 too.
    ///
    /// Corresponds to `seL4_RecvWithMRs`.
    #[inline]
    pub fn recv_with_mrs(self) -> (MessageInfo, Badge, FastMessageRegisters) {
        let mut badge: sys::seL4_Word = 0;
        let [mut mr0, mut mr1, mut mr2, mut mr3] = [0; 4];
        let info = sys_call!(sys::seL4_RecvWithMRs(
            self.sys(),
            Some(&mut badge),
            &mut mr0,
            &mut mr1,
            &mut mr2,
            &mut mr3
        ));
        (info.into(), Badge::new(badge as usize), usizes([mr0, mr1, mr2, mr3]))
    }

    /// [`Endpoint::call`] with message registers 0-3 passed and returned here.
    ///
    /// Corresponds to `seL4_CallWithMRs`.
    #[inline]
    pub fn call_with_mrs(
        self,
        info: MessageInfo,
        mrs: FastMessageRegisters,
    ) -> (MessageInfo, FastMessageRegisters) {
        let [mut mr0, mut mr1, mut mr2, mut mr3] = words(mrs);
        let reply = sys_call!(sys::seL4_CallWithMRs(
            self.sys(),
            info.into_sys(),
            &mut mr0,
            &mut mr1,
            &mut mr2,
            &mut mr3
        ));
        (reply.into(), usizes([mr0, mr1, mr2, mr3]))
    }
}

/// Replies to the thread that last called this one, with the message in
/// the IPC buffer.
///
/// Corresponds to `seL4_Reply`.
#[inline]
pub fn reply(info: MessageInfo) {
    sys_call!(sys::seL4_Reply(info.into_sys()))
}
