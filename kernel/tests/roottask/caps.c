/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel capability stress test: builds structures whose deletion seL4
 * must handle without deep recursion or unbounded kernel entries, tears
 * them down, and checks that all memory comes back. A chain of 300 CNodes
 * each holding the only cap to the next, two CNodes holding each other, a
 * CNode holding itself, a full 4096-slot CNode of endpoint copies, and 256
 * TCBs; each is deleted or revoked, then the untyped they came from must
 * report all its bytes free, and a CNode made again in the same memory must
 * be empty. Last, a 64 MiB untyped is reset by a Retype while a one-shot
 * PIT interrupt is due: the reset must be preempted, the interrupt's
 * notification must wake a higher-priority thread before the Retype
 * returns, and the restarted Retype must still finish with a cleared
 * untyped. Exits QEMU with the number of failed checks (0 = all passed).
 * Passes unchanged on real seL4 16.0.0.
 */
#include <stdint.h>

typedef uint64_t word;

enum { SYS_CALL = -1, SYS_RECV = -5, SYS_PUTCHAR = -9 };
enum { L_RETYPE = 1, L_WRITE_REGISTERS = 3, L_SET_PRIORITY = 6, L_SET_IPC_BUFFER = 9, L_SET_SPACE = 10, L_REVOKE = 17, L_DELETE = 18,
       L_COPY = 20, L_MOVE = 22, L_IRQ_ACK = 27, L_IRQ_SET_HANDLER = 28, L_PD_MAP = 35, L_PT_MAP = 37,
       L_PAGE_MAP = 39, L_IOPORT_ISSUE = 44, L_OUT8 = 48, L_OUT32 = 50, L_IRQ_ISSUE_IOAPIC = 51 };
enum { T_UNTYPED = 0, T_TCB = 1, T_ENDPOINT = 2, T_NOTIFICATION = 3, T_CNODE = 4, T_4K = 8, T_PAGE_TABLE = 10,
       T_PAGE_DIRECTORY = 11 };
enum { ROOT_TCB = 1, ROOT_VSPACE = 3, IRQ_CONTROL = 4, IOPORT_CONTROL = 7 };
enum { E_OK = 0, E_FAILED_LOOKUP = 6, E_NOT_ENOUGH_MEMORY = 10 };
enum { ROOT = 2, UT_BITS = 22, CHAIN = 300 };

static word *ipc_buffer;
static int failures;

struct reply {
    word error, mr0;
};

static struct reply call(word cptr, word label, unsigned length, unsigned caps, const word *mr)
{
    register word r10 __asm__("r10") = length > 0 ? mr[0] : 0;
    register word r8 __asm__("r8") = length > 1 ? mr[1] : 0;
    register word r9 __asm__("r9") = length > 2 ? mr[2] : 0;
    register word r15 __asm__("r15") = length > 3 ? mr[3] : 0;
    for (unsigned i = 4; i < length; i++) {
        ipc_buffer[i + 1] = mr[i];
    }
    word rdi = cptr, rsi = (label << 12) | (caps << 7) | length;
    __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                     : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"((word)SYS_CALL)
                     : "rbx", "rcx", "r11", "memory");
    return (struct reply){rsi >> 12, r10};
}

static void print(const char *s)
{
    while (*s) {
        register word r10 __asm__("r10") = 0;
        word rdi = (word)*s++, rsi = 0;
        __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                         : "+D"(rdi), "+S"(rsi), "+r"(r10)
                         : "d"((word)SYS_PUTCHAR)
                         : "rbx", "rcx", "r11", "r8", "r9", "r15", "memory");
    }
}

static void print_num(word v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    print(buf + i);
}

static void check(const char *what, struct reply r, word error, word mr0)
{
    if (r.error == error && (error != E_NOT_ENOUGH_MEMORY || r.mr0 == mr0)) {
        return;
    }
    failures++;
    print("caps: FAILED ");
    print(what);
    print(": error ");
    print_num(r.error);
    print(" mr0 ");
    print_num(r.mr0);
    print("\n");
}

static struct reply retype(word ut, word type, word size, word slot, word count)
{
    ipc_buffer[122] = ROOT;
    word mr[6] = {type, size, 0, 0, slot, count};
    return call(ut, L_RETYPE, 6, 1, mr);
}

static struct reply cnode(word label, word node, word index, word depth, word src_root, word src, word src_depth)
{
    ipc_buffer[122] = src_root;
    word mr[5] = {index, depth, src, src_depth, 15};
    return call(node, label, label == L_COPY ? 5 : label == L_MOVE ? 4 : 2, label >= L_COPY ? 1 : 0, mr);
}

/* The untyped has no children left: asking for one byte more than it holds reports all of it. */
static void check_all_free(const char *what, word ut, word bits, word spare)
{
    check(what, retype(ut, T_UNTYPED, bits + 1, spare, 1), E_NOT_ENOUGH_MEMORY, 1ull << bits);
}

/* The thread that waits for the PIT's interrupt, and what it saw. */
static word worker_ntfn, worker_untyped, worker_spare, worker_bits;
static word *worker_buffer;
static volatile word in_reset, woken, woken_in_reset, woken_untyped_free;
static unsigned char worker_stack[4096] __attribute__((aligned(16)));

/*
 * Each time the interrupt comes, asks how much of the big untyped a Retype
 * could use, with a Retype one size too big (NotEnoughMemory tells). While
 * the caller's Retype is unfinished the untyped has no child and counts as
 * all free; once it is done, its new frame is taken.
 */
static void worker_main(void)
{
    for (;;) {
        register word r10 __asm__("r10") = 0;
        word rdi = worker_ntfn, rsi = 0;
        __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                         : "+D"(rdi), "+S"(rsi), "+r"(r10)
                         : "d"((word)SYS_RECV)
                         : "rbx", "rcx", "r11", "r8", "r9", "r15", "memory");
        woken_in_reset = in_reset;
        worker_buffer[5] = worker_spare;
        worker_buffer[6] = 1;
        worker_buffer[122] = ROOT;
        register word type __asm__("r10") = T_UNTYPED;
        register word size __asm__("r8") = worker_bits + 1;
        register word unused0 __asm__("r9") = 0;
        register word unused1 __asm__("r15") = 0;
        rdi = worker_untyped;
        rsi = ((word)L_RETYPE << 12) | (1 << 7) | 6;
        __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                         : "+D"(rdi), "+S"(rsi), "+r"(type), "+r"(size), "+r"(unused0), "+r"(unused1)
                         : "d"((word)SYS_CALL)
                         : "rbx", "rcx", "r11", "memory");
        woken_untyped_free = (rsi >> 12) == E_NOT_ENOUGH_MEMORY ? type : 0;
        woken++;
    }
}

static struct reply out8(word port_cap, word port, word value)
{
    word mr[2] = {port, value};
    return call(port_cap, L_OUT8, 2, 0, mr);
}

/*
 * A Retype that must first clear 2^bits bytes of dirty memory, with PIT
 * channel 0 set to interrupt (ISA IRQ 0, I/O APIC pin 2) about 3 ms after
 * the call starts: far sooner than the clearing ends. The kernel must stop
 * at a preemption point, deliver the interrupt to a thread of higher
 * priority than the caller, and then run the caller's Retype again from
 * where the clearing stood.
 */
static void check_preempted_reset(word best, word ut, word slot, word bits)
{
    word big = slot++, frame = slot++, half = slot++, pd = slot++, pt = slot++, ntfn = slot++, tcb = slot++;
    word irq = slot++, pit = slot++, buffer = slot++;
    volatile word *page = (volatile word *)0x1000000000ull; /* inside the PDPT that maps the image */
    check("retype the big untyped", retype(best, T_UNTYPED, bits, big, 1), E_OK, 0);

    /* Dirty the untyped's first page, then raise its watermark to the top. */
    check("retype the page directory", retype(ut, T_PAGE_DIRECTORY, 0, pd, 1), E_OK, 0);
    check("retype the page table", retype(ut, T_PAGE_TABLE, 0, pt, 1), E_OK, 0);
    word at[3] = {(word)page, 0, 0};      /* tables: vaddr, attributes */
    word rw_at[3] = {(word)page, 3, 0};   /* frames: vaddr, read-write, attributes */
    ipc_buffer[122] = ROOT_VSPACE;
    check("map the page directory", call(pd, L_PD_MAP, 2, 1, at), E_OK, 0);
    ipc_buffer[122] = ROOT_VSPACE;
    check("map the page table", call(pt, L_PT_MAP, 2, 1, at), E_OK, 0);
    check("retype a frame", retype(big, T_4K, 0, frame, 1), E_OK, 0);
    ipc_buffer[122] = ROOT_VSPACE;
    check("map the frame", call(frame, L_PAGE_MAP, 3, 1, rw_at), E_OK, 0);
    for (word i = 0; i < 512; i++) {
        page[i] = ~i;
    }
    check("retype the upper half", retype(big, T_UNTYPED, bits - 1, half, 1), E_OK, 0);
    check("revoke the big untyped", cnode(L_REVOKE, ROOT, big, 64, 0, 0, 0), E_OK, 0);

    /* A thread above the caller's priority, waiting for the interrupt. */
    check("retype a notification", retype(ut, T_NOTIFICATION, 0, ntfn, 1), E_OK, 0);
    check("retype a thread", retype(ut, T_TCB, 0, tcb, 1), E_OK, 0);
    worker_ntfn = ntfn;
    worker_untyped = big;
    worker_spare = half;
    worker_bits = bits;
    worker_buffer = (word *)((word)page + 0x1000);
    word buffer_at[3] = {(word)worker_buffer, 3, 0};
    check("retype the thread's IPC buffer", retype(ut, T_4K, 0, buffer, 1), E_OK, 0);
    ipc_buffer[122] = ROOT_VSPACE;
    check("map the thread's IPC buffer", call(buffer, L_PAGE_MAP, 3, 1, buffer_at), E_OK, 0);
    ipc_buffer[122] = buffer;
    check("set the thread's IPC buffer", call(tcb, L_SET_IPC_BUFFER, 1, 1, buffer_at), E_OK, 0);
    word prio[1] = {100};
    ipc_buffer[122] = ROOT_TCB;
    check("lower the caller's priority", call(ROOT_TCB, L_SET_PRIORITY, 1, 1, prio), E_OK, 0);
    prio[0] = 200;
    ipc_buffer[122] = ROOT_TCB;
    check("raise the thread's priority", call(tcb, L_SET_PRIORITY, 1, 1, prio), E_OK, 0);
    word space[3] = {0, 0, 0};
    ipc_buffer[122] = ROOT;
    ipc_buffer[123] = ROOT_VSPACE;
    check("give the thread our spaces", call(tcb, L_SET_SPACE, 3, 2, space), E_OK, 0);
    word regs[4] = {1, 2, (word)worker_main, (word)(worker_stack + sizeof worker_stack - 8)};
    check("start the thread", call(tcb, L_WRITE_REGISTERS, 4, 0, regs), E_OK, 0);

    /* PIT channel 0 in one-shot mode, its output held low until a count is
       loaded; its interrupt to the notification. */
    word ports[4] = {0x40, 0x43, pit, 64};
    ipc_buffer[122] = ROOT;
    check("issue the PIT ports", call(IOPORT_CONTROL, L_IOPORT_ISSUE, 4, 1, ports), E_OK, 0);
    check("PIT one-shot mode", out8(pit, 0x43, 0x30), E_OK, 0);
    word route[7] = {irq, 64, 0, 2, 0, 0, 20}; /* I/O APIC 0, pin 2, edge, active high, vector 20 */
    ipc_buffer[122] = ROOT;
    check("get the PIT interrupt", call(IRQ_CONTROL, L_IRQ_ISSUE_IOAPIC, 7, 1, route), E_OK, 0);
    ipc_buffer[122] = ntfn;
    check("interrupt to the notification", call(irq, L_IRQ_SET_HANDLER, 0, 1, 0), E_OK, 0);
    check("unmask the interrupt", call(irq, L_IRQ_ACK, 0, 0, 0), E_OK, 0);
    if (woken) {
        /* An edge from before the PIT was stopped was delivered at once. */
        check("unmask the interrupt again", call(irq, L_IRQ_ACK, 0, 0, 0), E_OK, 0);
    }
    word woken_before = woken;

    word count = 1193182 / 1000 * 3; /* about 3 ms */
    check("PIT count low", out8(pit, 0x40, count & 0xff), E_OK, 0);
    check("PIT count high", out8(pit, 0x40, count >> 8), E_OK, 0);
    in_reset = 1;
    struct reply r = retype(big, T_4K, 0, frame, 1);
    in_reset = 0;
    check("retype after the reset", r, E_OK, 0);
    if (woken != woken_before + 1 || !woken_in_reset || woken_untyped_free != 1ull << bits) {
        failures++;
        print("caps: FAILED the interrupt was not taken during the reset: woken ");
        print_num(woken - woken_before);
        print(" times, in the call ");
        print_num(woken_in_reset);
        print(", untyped free ");
        print_num(woken_untyped_free);
        print("\n");
    }
    ipc_buffer[122] = ROOT_VSPACE;
    check("map the new frame", call(frame, L_PAGE_MAP, 3, 1, rw_at), E_OK, 0);
    word dirty = 0;
    for (word i = 0; i < 512; i++) {
        dirty += page[i] != 0;
    }
    check("the reset cleared the old page", (struct reply){dirty, 0}, 0, 0);
    check("all but the frame free", retype(big, T_UNTYPED, bits + 1, half, 1), E_NOT_ENOUGH_MEMORY,
          (1ull << bits) - 4096);
    check("delete the thread", cnode(L_DELETE, ROOT, tcb, 64, 0, 0, 0), E_OK, 0);
}

void caps_main(word *bootinfo);
void caps_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word free = bootinfo[5];
    print("caps: start\n");

    /* The exit port, then the biggest RAM untyped. */
    word exit_port = free++;
    ipc_buffer[122] = ROOT;
    word issue[4] = {0xf4, 0xf7, exit_port, 64};
    check("issue the exit port", call(7, L_IOPORT_ISSUE, 4, 1, issue), E_OK, 0);
    word best = 0, best_bits = 0;
    const uint8_t *list = (const uint8_t *)(bootinfo + 21);
    for (word s = bootinfo[19]; s < bootinfo[20]; s++) {
        const uint8_t *d = list + 16 * (s - bootinfo[19]);
        if (!d[9] && d[8] > best_bits) {
            best = s;
            best_bits = d[8];
        }
    }
    word ut = free++;
    check("retype the test untyped", retype(best, T_UNTYPED, UT_BITS, ut, 1), E_OK, 0);
    word spare = free++;
    word base = free;

    /* A chain: node i holds the only cap to node i+1 in its slot 0. */
    check("retype the chain", retype(ut, T_CNODE, 1, base, 256), E_OK, 0);
    check("retype the chain's rest", retype(ut, T_CNODE, 1, base + 256, CHAIN - 256), E_OK, 0);
    for (word i = CHAIN - 1; i > 0; i--) {
        check("link the chain", cnode(L_MOVE, base + i - 1, 0, 1, ROOT, base + i, 64), E_OK, 0);
    }
    check("delete the chain's head", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);
    check("revoke after the chain", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the chain", ut, UT_BITS, spare);

    /* Two CNodes holding each other, and one holding itself. */
    check("retype a, b, c", retype(ut, T_CNODE, 1, base, 3), E_OK, 0);
    check("b into a", cnode(L_MOVE, base, 0, 1, ROOT, base + 1, 64), E_OK, 0);
    check("a into b", cnode(L_MOVE, base, 1, 2, ROOT, base, 64), E_OK, 0);
    check("c into itself", cnode(L_COPY, base + 2, 1, 1, ROOT, base + 2, 64), E_OK, 0);
    check("delete c's outer cap", cnode(L_DELETE, ROOT, base + 2, 64, 0, 0, 0), E_OK, 0);
    check("revoke after the cycles", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the cycles", ut, UT_BITS, spare);

    /* A full CNode of endpoint copies, deleted as a whole. */
    check("retype the big node", retype(ut, T_CNODE, 12, base, 1), E_OK, 0);
    check("retype an endpoint", retype(ut, T_ENDPOINT, 0, base + 1, 1), E_OK, 0);
    for (word i = 0; i < 4096; i++) {
        check("copy into the big node", cnode(L_COPY, base, i, 12, ROOT, base + 1, 64), E_OK, 0);
    }
    check("delete the big node", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);
    check("delete the endpoint", cnode(L_DELETE, ROOT, base + 1, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the big node", ut, UT_BITS, spare);
    /* The same memory again as a CNode: the old caps must not show through. */
    check("retype the big node again", retype(ut, T_CNODE, 12, base, 1), E_OK, 0);
    for (word i = 0; i < 4096; i += 273) {
        check("new node slot empty", cnode(L_MOVE, ROOT, base + 1, 64, base, i, 12), E_FAILED_LOOKUP, 0);
    }
    check("delete the new node", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);

    /* 256 threads, revoked together. */
    check("retype 256 TCBs", retype(ut, T_TCB, 0, base, 256), E_OK, 0);
    check("revoke the TCBs", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the TCBs", ut, UT_BITS, spare);

    /* 64 MiB, or half the biggest untyped when that is smaller. */
    check_preempted_reset(best, ut, base + CHAIN, best_bits > 26 ? 26 : best_bits - 1);

    print(failures ? "caps: some checks failed\n" : "caps: all checks passed\n");
    word out[2] = {0xf4, (word)failures};
    call(exit_port, L_OUT32, 2, 0, out);
}

unsigned char caps_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea caps_stack+16384(%rip), %rsp\n"
        "  call caps_main\n"
        "  ud2\n");
