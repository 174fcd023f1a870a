/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Kernel operation costs, in guest instructions per operation (QEMU
 * `-icount`): Signal on a notification nobody waits on, Yield with no other
 * runnable thread, and a Call + ReplyRecv round trip with an empty message
 * between the root task and a server thread at the same priority, first in
 * the same address space, then in another one (a new PML4 mapping this
 * image's frames, so the server runs the same code). A third round trip,
 * `_len5`, carries five-word messages, one more than the registers hold,
 * which seL4's IPC fastpath leaves to the general path: it shows the general
 * path's cost, plus one word copied each way through the IPC buffers. Each
 * figure is the average over ITERATIONS operations, the loop's own few
 * instructions included. The simplest come first, so a kernel lacking threads or IPC
 * still prints them; `bench: running NAME` before each tells where a run
 * stopped. While a server starts and answers its first call, a watchdog
 * thread one priority below is runnable: it runs only when every other
 * thread is blocked, which means the kernel lost a message, and ends the run
 * with a message instead of letting it hang. It is suspended while a figure
 * is measured, because a runnable lower-priority thread costs the kernel's
 * scheduler a few instructions per switch.
 */
#include "bench.h"

#define ITERATIONS 10000
/* Where each server's IPC buffer is mapped, away from the image. */
#define SAME_AS_IPC_BUFFER 0x10000000UL
#define CROSS_AS_IPC_BUFFER 0x10001000UL
#define LONG_IPC_BUFFER 0x10002000UL
#define WATCHDOG_IPC_BUFFER 0x10003000UL
/* The root task's priority (seL4_MaxPrio); the servers get the same. */
#define PRIORITY 255

/* The servers: same address space, other address space, five-word messages. */
enum server { SAME_AS, CROSS_AS, LONG, SERVERS };
static struct tls_area server_tls[SERVERS];
static uint8_t server_stack[SERVERS][8192] __attribute__((aligned(16)));
static struct tls_area watchdog_tls;
static uint8_t watchdog_stack[4096] __attribute__((aligned(16)));

/* The benchmark under way, for the watchdog's message. */
static const char *running = "start-up";
static seL4_CPtr watchdog_tcb;

/* Five words: one more than the registers carry. */
#define LONG_MESSAGE (seL4_FastMessageRegisters + 1)

/* A server: answers every call on `endpoint` with an empty reply. */
static void echo_server(seL4_Word endpoint)
{
    seL4_Word badge;
    seL4_RecvWithMRs(endpoint, &badge, 0, 0, 0, 0);
    for (;;) {
        seL4_ReplyRecvWithMRs(endpoint, seL4_MessageInfo_new(0, 0, 0, 0), &badge, 0, 0, 0, 0);
    }
}

/* A server: answers every call on `endpoint` with a five-word reply. */
static void long_echo_server(seL4_Word endpoint)
{
    seL4_Word badge;
    seL4_RecvWithMRs(endpoint, &badge, 0, 0, 0, 0);
    for (;;) {
        seL4_ReplyRecvWithMRs(endpoint, seL4_MessageInfo_new(0, 0, 0, LONG_MESSAGE), &badge, 0, 0, 0, 0);
    }
}

/* Runs only when the root task and the servers are all blocked. */
static void watchdog(seL4_Word unused)
{
    (void)unused;
    print("bench: ");
    print(running);
    print(" is stuck: every thread is blocked\n");
    bench_exit(2);
}

static void bench_signal(void)
{
    print_running("signal_no_waiter");
    seL4_CPtr notification = alloc_object(seL4_NotificationObject, 0);
    seL4_Signal(notification);
    uint64_t start = read_tsc();
    for (int i = 0; i < ITERATIONS; i++) {
        seL4_Signal(notification);
    }
    print_figure("signal_no_waiter", read_tsc() - start, ITERATIONS);
}

static void bench_yield(void)
{
    print_running("yield");
    seL4_Yield();
    uint64_t start = read_tsc();
    for (int i = 0; i < ITERATIONS; i++) {
        seL4_Yield();
    }
    print_figure("yield", read_tsc() - start, ITERATIONS);
}

/* Starts an echo server in `vspace` and times round trips to it. */
static void bench_round_trip(const char *name, enum server server, seL4_CPtr vspace, seL4_Word ipc_buffer,
                             seL4_Word length)
{
    print_running(name);
    running = name;
    seL4_CPtr endpoint = alloc_object(seL4_EndpointObject, 0);
    start_thread(vspace, ipc_buffer, &server_tls[server], server_stack[server] + sizeof(server_stack[server]),
                 PRIORITY, length ? long_echo_server : echo_server, endpoint);
    seL4_MessageInfo_t message = seL4_MessageInfo_new(0, 0, 0, length);
    /* The first call lets the server reach its ReplyRecv loop. */
    check(seL4_TCB_Resume(watchdog_tcb), "TCB_Resume");
    seL4_CallWithMRs(endpoint, message, 0, 0, 0, 0);
    check(seL4_TCB_Suspend(watchdog_tcb), "TCB_Suspend");
    uint64_t start = read_tsc();
    for (int i = 0; i < ITERATIONS; i++) {
        seL4_CallWithMRs(endpoint, message, 0, 0, 0, 0);
    }
    print_figure(name, read_tsc() - start, ITERATIONS);
}

void bench_main(const seL4_BootInfo *bi, uint64_t tsc_at_entry)
{
    (void)tsc_at_entry;
    objects_init(bi);
    bench_signal();
    bench_yield();
    watchdog_tcb = start_thread(seL4_CapInitThreadVSpace, WATCHDOG_IPC_BUFFER, &watchdog_tls,
                                watchdog_stack + sizeof(watchdog_stack), PRIORITY - 1, watchdog, 0)
                       .tcb;
    check(seL4_TCB_Suspend(watchdog_tcb), "TCB_Suspend");
    bench_round_trip("ipc_call_replyrecv_same_as", SAME_AS, seL4_CapInitThreadVSpace, SAME_AS_IPC_BUFFER, 0);
    bench_round_trip("ipc_call_replyrecv_cross_as", CROSS_AS, new_vspace_sharing_image(bi), CROSS_AS_IPC_BUFFER,
                     0);
    bench_round_trip("ipc_call_replyrecv_same_as_len5", LONG, seL4_CapInitThreadVSpace, LONG_IPC_BUFFER,
                     LONG_MESSAGE);
}
