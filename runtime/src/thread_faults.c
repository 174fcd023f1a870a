/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What happens when a thread the runtime created faults: the program ends
 * the way a Rust program on Linux ends, with a message that names the
 * thread, on every kernel. Without this a faulting thread would be
 * stopped by the kernel (which reports it only in a debug build) and its
 * joiner would wait for ever.
 *
 * Every thread from pthread_create gets a badged copy (badge: its record
 * index + 1) of one fault endpoint. The first pthread_create makes the
 * endpoint and a handler thread, which waits on it; a fault message wakes
 * it and it prints, for a VM fault in the unmapped guard below a stack,
 * std's own words ("thread 'NAME' has overflowed its stack" and "fatal
 * runtime error: stack overflow, aborting"), and for any other fault what
 * the kernel said (kind, address, instruction), then aborts the program.
 * The handler thread itself has no fault endpoint, nor has any thread made
 * before the handler existed: the kernel reports their faults as before.
 */
#include <stdatomic.h>

#include "internal.h"
#include "lock.h"
#include "thread.h"

#define HANDLER_STACK_SIZE ((size_t)2 << 20)

ssize_t write(int fd, const void *buffer, size_t count);
size_t strlen(const char *s);
NORETURN void abort(void);

enum fault_state {
    FAULTS_UNTRIED,  /* nothing made yet */
    FAULTS_STARTING, /* the handler thread is being made */
    FAULTS_RUNNING,  /* new threads get a fault endpoint */
    FAULTS_OFF       /* for good: the kernel reports faults */
};

/* slot 0: the endpoint; slot 1 + i: record i's badged copy */
static seL4_CPtr slots[1 + SEL4RT_MAX_THREADS];
static bool minted[SEL4RT_MAX_THREADS];
static atomic_int state;
static sel4rt_lock setup_lock;

void sel4rt_thread_faults_reserve_slots(void)
{
    for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
        slots[i] = sel4rt_bootinfo_take_top_slot();
    }
}

/* Text output without the heap or locks a faulting thread may hold. */
static void put(const char *text)
{
    (void)write(2, text, strlen(text));
}

static void put_hex(seL4_Word value)
{
    char digits[2 + 16 + 1];
    size_t at = sizeof(digits) - 1;
    digits[at] = '\0';
    do {
        digits[--at] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value != 0);
    digits[--at] = 'x';
    digits[--at] = '0';
    put(&digits[at]);
}

static void put_thread(const sel4rt_thread *t)
{
    put("thread '");
    put(t->name[0] != '\0' ? t->name : "<unnamed>");
    put("'");
}

/* A VM fault below the stack, in the window's unmapped guard: the stack
 * pointer ran past the bottom of the stack. */
static bool is_stack_overflow(const sel4rt_thread *t, seL4_Word address)
{
    uintptr_t window = sel4rt_thread_window(t->index);
    return address >= window && address < t->stack.base;
}

static NORETURN void report(const sel4rt_thread *t, seL4_MessageInfo_t info)
{
    seL4_Word label = seL4_MessageInfo_get_label(info);
    put("\n");
    put_thread(t);
    switch (label) {
    case seL4_Fault_VMFault: {
        seL4_Word address = seL4_GetMR(seL4_VMFault_Addr);
        if (is_stack_overflow(t, address)) {
            put(" has overflowed its stack\nfatal runtime error: stack overflow, aborting\n");
            abort();
        }
        put(" caused a VM fault on ");
        put(seL4_GetMR(seL4_VMFault_PrefetchFault) != 0 ? "instruction fetch" : "data");
        put(" at address ");
        put_hex(address);
        put(" (instruction ");
        put_hex(seL4_GetMR(seL4_VMFault_IP));
        put(", status ");
        put_hex(seL4_GetMR(seL4_VMFault_FSR));
        put(")");
        break;
    }
    case seL4_Fault_UserException:
        put(" caused CPU exception ");
        put_hex(seL4_GetMR(seL4_UserException_Number));
        put(" (instruction ");
        put_hex(seL4_GetMR(seL4_UserException_FaultIP));
        put(", error code ");
        put_hex(seL4_GetMR(seL4_UserException_Code));
        put(")");
        break;
    case seL4_Fault_CapFault:
        put(" caused a capability fault on cptr ");
        put_hex(seL4_GetMR(seL4_CapFault_Addr));
        put(" (instruction ");
        put_hex(seL4_GetMR(seL4_CapFault_IP));
        put(")");
        break;
    case seL4_Fault_UnknownSyscall:
        put(" made unknown system call ");
        put_hex(seL4_GetMR(seL4_UnknownSyscall_RAX));
        put(" (instruction ");
        put_hex(seL4_GetMR(seL4_UnknownSyscall_FaultIP));
        put(")");
        break;
    default:
        put(" caused fault ");
        put_hex(label);
        break;
    }
    put("\nfatal runtime error: a thread faulted, aborting\n");
    abort();
}

static void *handler_main(void *argument)
{
    (void)argument;
    for (;;) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t info = seL4_Recv(slots[0], &badge);
        sel4rt_thread *t = badge >= 1 ? sel4rt_thread_record((unsigned)(badge - 1)) : NULL;
        if (t != NULL) {
            report(t, info);
        }
        /* a badge of no record: not a fault of ours; the sender stays blocked */
    }
    return NULL;
}

void sel4rt_thread_faults_start(void)
{
    if (atomic_load(&state) != FAULTS_UNTRIED) {
        return;
    }
    sel4rt_lock_take(&setup_lock);
    if (atomic_load(&state) != FAULTS_UNTRIED) {
        sel4rt_lock_give(&setup_lock);
        return;
    }
    atomic_store(&state, FAULTS_STARTING);
    bool ready = slots[0] != seL4_CapNull && sel4rt_thread_memory_make_endpoint(slots[0]);
    pthread_t handler;
    /* while STARTING, the handler thread gets no fault endpoint itself */
    ready = ready && sel4rt_thread_create(&handler, HANDLER_STACK_SIZE, true, handler_main, NULL) == 0;
    atomic_store(&state, ready ? FAULTS_RUNNING : FAULTS_OFF);
    sel4rt_lock_give(&setup_lock);
}

seL4_CPtr sel4rt_thread_faults_endpoint(unsigned record)
{
    if (atomic_load(&state) != FAULTS_RUNNING || record >= SEL4RT_MAX_THREADS) {
        return seL4_CapNull;
    }
    seL4_CPtr slot = slots[1 + record];
    if (!minted[record]) {
        if (seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits, seL4_CapInitThreadCNode,
                            slots[0], seL4_WordBits, seL4_AllRights, record + 1) != seL4_NoError) {
            return seL4_CapNull;
        }
        minted[record] = true;
    }
    return slot;
}
