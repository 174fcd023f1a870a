/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Thread control blocks (tcb): a thread's saved registers, FPU state, its
 * own small table of caps (CSpace root, VSpace root, IPC buffer frame), its
 * scheduling parameters and its debug name. One TCB object is 2^11 bytes
 * (seL4_TCBBits) of physical memory.
 */
#ifndef OBJECT_TCB_H
#define OBJECT_TCB_H

#include <arch/x86_64/context.h>
#include <kernel/lookup.h>
#include <object/cap.h>

/* Slots of a TCB's own cap table (seL4's tcb_cnode_index). */
enum tcb_slot {
    TCB_CTABLE = 0, /* CSpace root */
    TCB_VTABLE = 1, /* VSpace root (PML4) */
    TCB_REPLY = 2,
    TCB_CALLER = 3,
    TCB_BUFFER = 4, /* IPC buffer frame */
    TCB_SLOTS = 5,
};

enum thread_state {
    THREAD_INACTIVE = 0,
    THREAD_RUNNING,
    THREAD_RESTART, /* runnable; restarts its last syscall when next run */
    THREAD_BLOCKED_ON_RECEIVE,
    THREAD_BLOCKED_ON_SEND,
    THREAD_BLOCKED_ON_REPLY,
    THREAD_BLOCKED_ON_NOTIFICATION,
};

struct notification;

#define TCB_NAME_LENGTH 128
#define FPU_STATE_SIZE 512

struct tcb {
    struct user_context ctx;                            /* saved user registers (16-aligned) */
    uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(16))); /* FXSAVE image */
    struct cte slots[TCB_SLOTS];                         /* owned by the CSpace code */
    enum thread_state state;                             /* owned by the scheduler */
    uint64_t priority, mcp, domain;
    uint64_t time_slice;    /* ticks left in this slice */
    uint64_t ipc_buffer;    /* user vaddr of the IPC buffer */
    uint64_t fault_handler; /* cptr of the fault endpoint */
    struct tcb *sched_next, *sched_prev; /* ready queue links, owned by the scheduler */
    bool queued;
    struct tcb *debug_next; /* all threads, for DebugDumpScheduler */
    char name[TCB_NAME_LENGTH]; /* DebugNameThread */
    /* IPC state while blocked (seL4's thread_state fields), owned by the endpoint
       and notification code: the object waited on, and what a send carries. */
    void *blocking_object;
    uint64_t blocking_badge;
    bool blocking_can_grant, blocking_can_grant_reply, blocking_is_call;
    struct tcb *ep_next, *ep_prev; /* links in the endpoint or notification queue */
    struct notification *bound_notification;
    struct fault fault;                /* the fault being delivered, NullFault when none */
    struct lookup_fault fault_lookup;  /* why a cap fault's lookup failed */
    uint64_t flags;                    /* seL4_TCBFlag_* */
};
_Static_assert(sizeof(struct tcb) <= (1u << seL4_TCBBits), "a TCB fits its object");

/* The IPC buffer of thread, as a kernel pointer, or NULL when it has none
   usable (seL4's lookupIPCBuffer; is_receiver asks for a writable one). */
uint64_t *lookup_ipc_buffer(bool is_receiver, struct tcb *thread);

/* Puts a freshly retyped (zeroed) TCB object into seL4's initial thread state:
   inactive, priority and MCP 0, a full time slice, FPU state initialised. */
void tcb_init_object(struct tcb *t);

/* Called when the last cap to a TCB goes: unbinds its notification, cancels
   its IPC and takes it off every scheduler and debug list (seL4's finaliseCap
   for a thread). */
void tcb_finalise(struct tcb *t);

/* Stops t (seL4's suspend): its IPC is cancelled and it becomes inactive. */
void suspend_thread(struct tcb *t);
/* Starts a stopped t again at its restart address (seL4's restart). */
void restart_thread(struct tcb *t);

/* The register invocations (tcb_registers.c). */
exception_t decode_read_registers(struct tcb *target, uint64_t length, bool call, uint64_t *buffer);
exception_t decode_write_registers(struct tcb *target, uint64_t length, uint64_t *buffer);
exception_t decode_copy_registers(struct tcb *target, uint64_t length, uint64_t *buffer);

/* Decodes and performs an invocation of a thread cap. */
struct cte;
exception_t decode_tcb_invocation(uint64_t label, uint64_t length, struct cap cap, struct cte *slot, bool call,
                                  uint64_t *buffer);

#endif /* OBJECT_TCB_H */
