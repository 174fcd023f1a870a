/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The fastpath: the common shapes of Call and ReplyRecv (a short message
 * without caps, to a partner already waiting, who then runs) done directly,
 * with exactly the effects the general path would have. Anything else goes
 * the general way. The syscall entry in traps.S tries it first, by number.
 */
#ifndef API_FASTPATH_H
#define API_FASTPATH_H

/* The syscall numbers traps.S hands to the fastpath (SysCall, SysReplyRecv;
   fastpath.c checks they agree with the generated header). */
#define FASTPATH_SYS_CALL (-1)
#define FASTPATH_SYS_REPLY_RECV (-2)

#ifndef __ASSEMBLER__
/* Each does the whole system call and enters the next thread, never
   returning, when the call has the shape it handles; otherwise it returns
   having changed nothing, and the general path runs. The entry has saved
   the registers and FaultIP of current_thread. */
void fastpath_call(void);
void fastpath_reply_recv(void);
#endif

#endif /* API_FASTPATH_H */
