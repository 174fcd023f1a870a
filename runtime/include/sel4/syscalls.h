/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * seL4 system calls for C programs on x86_64, as static inline functions
 * over the `syscall` instruction (ABI section 3), and access to the calling
 * thread's IPC buffer: message registers, capabilities to send, the receive
 * path. The names and behaviour are libsel4's.
 *
 * Registers: RDX syscall number, RDI capability / badge, RSI message info,
 * R10, R8, R9, R15 message registers 0-3 (the rest live in the IPC buffer).
 * The kernel returns with RSP zeroed, so every call keeps RSP in RBX (which
 * the kernel preserves) across the instruction.
 */
#ifndef SEL4_SYSCALLS_H
#define SEL4_SYSCALLS_H

#include <sel4/generated/constants.h>
#include <sel4/generated/types.h>

/*
 * The calling thread's IPC buffer. Thread-local because each thread has its
 * own; the C runtime defines it and sets it at start-up from the boot info.
 */
extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

/* The calling thread's IPC buffer. */
static inline seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
    return __sel4_ipc_buffer;
}

/* Tells the library where the calling thread's IPC buffer is mapped. */
static inline void seL4_SetIPCBuffer(seL4_IPCBuffer *ipc_buffer)
{
    __sel4_ipc_buffer = ipc_buffer;
}

/* Message register i of the IPC buffer. */
static inline seL4_Word seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

/* Sets message register i in the IPC buffer. */
static inline void seL4_SetMR(int i, seL4_Word mr)
{
    seL4_GetIPCBuffer()->msg[i] = mr;
}

/* The IPC buffer's word reserved for the user. */
static inline seL4_Word seL4_GetUserData(void)
{
    return seL4_GetIPCBuffer()->userData;
}

/* Sets the IPC buffer's word reserved for the user. */
static inline void seL4_SetUserData(seL4_Word data)
{
    seL4_GetIPCBuffer()->userData = data;
}

/* Badge i of a received message (capabilities that were unwrapped). */
static inline seL4_Word seL4_GetBadge(int i)
{
    return seL4_GetIPCBuffer()->caps_or_badges[i];
}

/* Extra capability i of the message to send. */
static inline seL4_CPtr seL4_GetCap(int i)
{
    return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

/* Sets extra capability i of the message to send. */
static inline void seL4_SetCap(int i, seL4_CPtr cptr)
{
    seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

/* Where a received capability is stored: slot (index, depth) under root. */
static inline void seL4_SetCapReceivePath(seL4_CPtr root, seL4_CPtr index, seL4_Word depth)
{
    seL4_IPCBuffer *buffer = seL4_GetIPCBuffer();
    buffer->receiveCNode = root;
    buffer->receiveIndex = index;
    buffer->receiveDepth = depth;
}

/* Reads the receive path set with seL4_SetCapReceivePath. */
static inline void seL4_GetCapReceivePath(seL4_CPtr *root, seL4_CPtr *index, seL4_Word *depth)
{
    seL4_IPCBuffer *buffer = seL4_GetIPCBuffer();
    if (root != 0) {
        *root = buffer->receiveCNode;
    }
    if (index != 0) {
        *index = buffer->receiveIndex;
    }
    if (depth != 0) {
        *depth = buffer->receiveDepth;
    }
}

/*
 * The one place the `syscall` instruction is issued. Every register the
 * kernel may write (RDI, RSI and the four message registers) is an in-out
 * operand; RCX and R11 are clobbered by the instruction itself; RBX holds
 * RSP across it.
 */
static inline void sel4_x86_64_syscall(seL4_Word sys, seL4_Word *rdi, seL4_Word *rsi, seL4_Word *mr0,
                                       seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    register seL4_Word r10 __asm__("r10") = *mr0;
    register seL4_Word r8 __asm__("r8") = *mr1;
    register seL4_Word r9 __asm__("r9") = *mr2;
    register seL4_Word r15 __asm__("r15") = *mr3;
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(*rdi), "+S"(*rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    *mr0 = r10;
    *mr1 = r8;
    *mr2 = r9;
    *mr3 = r15;
}

/* Loads the fast registers from the IPC buffer, as far as the message is long. */
static inline void sel4_load_fast_mrs(seL4_MessageInfo_t info, seL4_Word mrs[4])
{
    seL4_Word length = seL4_MessageInfo_get_length(info);
    for (seL4_Word i = 0; i < 4; i++) {
        mrs[i] = i < length ? seL4_GetMR((int)i) : 0;
    }
}

/* Stores the fast registers of a received message into the IPC buffer. */
static inline void sel4_store_fast_mrs(const seL4_Word mrs[4])
{
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, mrs[i]);
    }
}

/* Copies *mr into a fast register value if the message reaches register i. */
static inline seL4_Word sel4_fast_mr_in(seL4_MessageInfo_t info, int i, const seL4_Word *mr)
{
    return mr != 0 && (seL4_Word)i < seL4_MessageInfo_get_length(info) ? *mr : 0;
}

/* Writes a fast register value back through mr if the caller wants it. */
static inline void sel4_fast_mr_out(seL4_Word *mr, seL4_Word value)
{
    if (mr != 0) {
        *mr = value;
    }
}

/* Sends with registers given directly; `sys` is Send, NBSend or Reply. */
static inline void sel4_send_with_mrs(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                      seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word rdi = dest;
    seL4_Word rsi = info.words[0];
    seL4_Word m0 = sel4_fast_mr_in(info, 0, mr0);
    seL4_Word m1 = sel4_fast_mr_in(info, 1, mr1);
    seL4_Word m2 = sel4_fast_mr_in(info, 2, mr2);
    seL4_Word m3 = sel4_fast_mr_in(info, 3, mr3);
    sel4_x86_64_syscall(sys, &rdi, &rsi, &m0, &m1, &m2, &m3);
}

/* Sends with the message in the IPC buffer. */
static inline void sel4_send(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t info)
{
    seL4_Word mrs[4];
    sel4_load_fast_mrs(info, mrs);
    sel4_send_with_mrs(sys, dest, info, &mrs[0], &mrs[1], &mrs[2], &mrs[3]);
}

/* Any syscall that receives: returns the message info, the badge through sender. */
static inline seL4_MessageInfo_t sel4_receive_with_mrs(seL4_Word sys, seL4_CPtr cap, seL4_MessageInfo_t info,
                                                       seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                       seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word rdi = cap;
    seL4_Word rsi = info.words[0];
    seL4_Word m0 = sel4_fast_mr_in(info, 0, mr0);
    seL4_Word m1 = sel4_fast_mr_in(info, 1, mr1);
    seL4_Word m2 = sel4_fast_mr_in(info, 2, mr2);
    seL4_Word m3 = sel4_fast_mr_in(info, 3, mr3);
    sel4_x86_64_syscall(sys, &rdi, &rsi, &m0, &m1, &m2, &m3);
    sel4_fast_mr_out(mr0, m0);
    sel4_fast_mr_out(mr1, m1);
    sel4_fast_mr_out(mr2, m2);
    sel4_fast_mr_out(mr3, m3);
    sel4_fast_mr_out(sender, rdi);
    seL4_MessageInfo_t reply = { { rsi } };
    return reply;
}

/* Any syscall that receives, with the message in the IPC buffer. */
static inline seL4_MessageInfo_t sel4_receive(seL4_Word sys, seL4_CPtr cap, seL4_MessageInfo_t info,
                                              seL4_Word *sender)
{
    seL4_Word mrs[4];
    sel4_load_fast_mrs(info, mrs);
    seL4_MessageInfo_t reply = sel4_receive_with_mrs(sys, cap, info, sender, &mrs[0], &mrs[1], &mrs[2], &mrs[3]);
    sel4_store_fast_mrs(mrs);
    return reply;
}

/* Sends a message to dest, blocking until it is taken. */
static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    sel4_send((seL4_Word)seL4_SysSend, dest, info);
}

/* seL4_Send with message registers 0-3 passed directly (NULL means 0). */
static inline void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                                    seL4_Word *mr2, seL4_Word *mr3)
{
    sel4_send_with_mrs((seL4_Word)seL4_SysSend, dest, info, mr0, mr1, mr2, mr3);
}

/* Sends a message to dest if a receiver is waiting; otherwise drops it. */
static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    sel4_send((seL4_Word)seL4_SysNBSend, dest, info);
}

/* seL4_NBSend with message registers 0-3 passed directly (NULL means 0). */
static inline void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                                      seL4_Word *mr2, seL4_Word *mr3)
{
    sel4_send_with_mrs((seL4_Word)seL4_SysNBSend, dest, info, mr0, mr1, mr2, mr3);
}

/* Replies to the thread that last called this one. */
static inline void seL4_Reply(seL4_MessageInfo_t info)
{
    sel4_send((seL4_Word)seL4_SysReply, 0, info);
}

/* seL4_Reply with message registers 0-3 passed directly (NULL means 0). */
static inline void seL4_ReplyWithMRs(seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                     seL4_Word *mr3)
{
    sel4_send_with_mrs((seL4_Word)seL4_SysReply, 0, info, mr0, mr1, mr2, mr3);
}

/* Signals a notification. */
static inline void seL4_Signal(seL4_CPtr dest)
{
    seL4_Word none = 0;
    sel4_send_with_mrs((seL4_Word)seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1), &none, 0, 0, 0);
}

/* Waits for a message on src; the sender's badge goes to *sender. */
static inline seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return sel4_receive((seL4_Word)seL4_SysRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender);
}

/* seL4_Recv with message registers 0-3 returned directly. */
static inline seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                  seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return sel4_receive_with_mrs((seL4_Word)seL4_SysRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender, mr0,
                                 mr1, mr2, mr3);
}

/* Takes a message on src if one is waiting, without blocking. */
static inline seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return sel4_receive((seL4_Word)seL4_SysNBRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender);
}

/* Waits on a notification (seL4_Recv by another name). */
static inline void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    (void)seL4_Recv(src, sender);
}

/* seL4_Wait with message registers 0-3 returned directly. */
static inline seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                  seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_RecvWithMRs(src, sender, mr0, mr1, mr2, mr3);
}

/* Polls a notification without blocking (seL4_NBRecv by another name). */
static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBRecv(src, sender);
}

/* Sends a message to dest and waits for the reply (also: invokes a kernel object). */
static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    return sel4_receive((seL4_Word)seL4_SysCall, dest, info, 0);
}

/* seL4_Call with message registers 0-3 passed and returned directly (NULL means 0 / not wanted). */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                                  seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return sel4_receive_with_mrs((seL4_Word)seL4_SysCall, dest, info, 0, mr0, mr1, mr2, mr3);
}

/* Replies to the last caller, then waits for a message on src. */
static inline seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender)
{
    return sel4_receive((seL4_Word)seL4_SysReplyRecv, src, info, sender);
}

/* seL4_ReplyRecv with message registers 0-3 passed and returned directly. */
static inline seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                                       seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                       seL4_Word *mr3)
{
    return sel4_receive_with_mrs((seL4_Word)seL4_SysReplyRecv, src, info, sender, mr0, mr1, mr2, mr3);
}

/* Gives up the rest of the time slice. */
static inline void seL4_Yield(void)
{
    seL4_Word rdi = 0, rsi = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    sel4_x86_64_syscall((seL4_Word)seL4_SysYield, &rdi, &rsi, &m0, &m1, &m2, &m3);
}

/* A syscall whose only argument is RDI; returns RDI afterwards. */
static inline seL4_Word sel4_syscall_rdi(seL4_Word sys, seL4_Word arg)
{
    seL4_Word rdi = arg, rsi = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    sel4_x86_64_syscall(sys, &rdi, &rsi, &m0, &m1, &m2, &m3);
    return rdi;
}

/* Writes one character to the kernel's debug console. */
static inline void seL4_DebugPutChar(char c)
{
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

/* Prints the kernel's scheduler state. */
static inline void seL4_DebugDumpScheduler(void)
{
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysDebugDumpScheduler, 0);
}

/* Stops the machine (the kernel prints and halts). */
static inline void seL4_DebugHalt(void)
{
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysDebugHalt, 0);
}

/* Asks the kernel for a snapshot of capability state (debug builds). */
static inline void seL4_DebugSnapshot(void)
{
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysDebugSnapshot, 0);
}

/* The kernel's type tag of the capability at cap (cap_null_cap if empty). */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)sel4_syscall_rdi((seL4_Word)seL4_SysDebugCapIdentify, cap);
}

/* Names a thread in the kernel's messages; the name travels in the IPC buffer. */
static inline void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *text = (char *)&seL4_GetIPCBuffer()->msg[0];
    size_t room = sizeof(seL4_GetIPCBuffer()->msg) - 1;
    size_t i = 0;
    for (; i < room && name[i] != '\0'; i++) {
        text[i] = name[i];
    }
    text[i] = '\0';
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysDebugNameThread, tcb);
}

/* Sets the calling thread's TLS base (FS base); takes effect at once. */
static inline void seL4_SetTLSBase(seL4_Word tls_base)
{
    (void)sel4_syscall_rdi((seL4_Word)seL4_SysSetTLSBase, tls_base);
}

#endif /* SEL4_SYSCALLS_H */
