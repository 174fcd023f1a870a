/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel smoke test: a static root task in plain C with raw syscalls. It
 * prints with DebugPutChar, identifies the initial caps, issues IOPort caps
 * (and checks each of Issue's errors), writes COM1 through an IOPort cap,
 * checks the error replies of IOPort accesses and of an invocation devkernel
 * does not implement yet, sets its TLS base both ways, survives timer ticks with SSE
 * state intact, and exits QEMU through isa-debug-exit with the number of
 * failed checks as the status (0 = all passed). See README.md to run it.
 */
#include "roottask.h"

enum { L_TCB_READ_REGISTERS = 2, L_TCB_SUSPEND = 11, L_TCB_SET_TLS_BASE = 15, L_IOPORT_ISSUE = 44, L_IN8 = 45,
       L_OUT8 = 48, L_OUT32 = 50 };
enum { E_OK = 0, E_INVALID_ARGUMENT = 1, E_INVALID_CAPABILITY = 2, E_ILLEGAL_OPERATION = 3, E_RANGE = 4,
       E_FAILED_LOOKUP = 6, E_TRUNCATED = 7, E_DELETE_FIRST = 8, E_REVOKE_FIRST = 9 };

struct reply {
    word info, mr[4];
};

static word identify(word cptr)
{
    word rdi = cptr, rsi = 0, mr[4] = {0};
    return raw_syscall(SYS_CAP_IDENTIFY, &rdi, &rsi, mr) & 0xffffffff;
}

/* seL4_Call with label, length, extra caps from ipc_buffer, MRs 0-3. */
static struct reply call(word cptr, word label, word extra_caps, word length, word m0, word m1, word m2, word m3)
{
    word rdi = cptr, rsi = (label << 12) | (extra_caps << 7) | length;
    word mr[4] = {m0, m1, m2, m3};
    raw_syscall(SYS_CALL, &rdi, &rsi, mr);
    return (struct reply){rsi, {mr[0], mr[1], mr[2], mr[3]}};
}

static word label_of(struct reply r)
{
    return r.info >> 12;
}

static word length_of(struct reply r)
{
    return r.info & 0x7f;
}

static struct reply issue(word first, word last, word index, word depth)
{
    ipc_buffer[122] = 2; /* caps_or_badges[0] = the root CNode */
    return call(7, L_IOPORT_ISSUE, 1, 4, first, last, index, depth);
}

static word com1_cap;

static void putc_ioport(char c)
{
    call(com1_cap, L_OUT8, 0, 2, 0x3f8, (word)c, 0, 0);
}

static word tls_word;

void smoke_main(word *bootinfo);
void smoke_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word empty_start = bootinfo[5];
    print("smoke: hello from the root task\n");

    /* Initial caps (ABI sections 11 and 16). */
    static const word tags[12] = {0, 12, 10, 9, 14, 11, 13, 31, 0, 1, 1, 20};
    for (word slot = 0; slot < 12; slot++) {
        check("cap identify", identify(slot), tags[slot]);
    }
    check("ipc buffer vaddr", (word)ipc_buffer & 0xfff, 0);
    check("bootinfo right after ipc buffer", (word)bootinfo, (word)ipc_buffer + 0x1000);
    check("untyped region non-empty", bootinfo[20] > bootinfo[19], 1);
    check("first untyped cap", identify(bootinfo[19]), 2);
    /* Boot info regions in seL4's order (ABI section 11). */
    check("nodeID", bootinfo[1], 0);
    check("numNodes", bootinfo[2], 1);
    check("numIOPTLevels", bootinfo[3], ~(word)0);
    check("cnode size bits", bootinfo[17], 12);
    check("userImagePaging start", bootinfo[11], 16);
    check("userImagePaging end", bootinfo[12], 19);
    check("PDPT cap", identify(16), 7);
    check("PD cap", identify(17), 5);
    check("PT cap", identify(18), 3);
    check("extraBIPages", bootinfo[15], 19);
    check("extraBIPages end", bootinfo[16], 20);
    check("extra boot info frame", identify(19), 1);
    check("userImageFrames start", bootinfo[9], 20);
    check("image frame", identify(20), 1);
    check("untypeds after frames", bootinfo[19], bootinfo[10]);
    check("empty after untypeds", bootinfo[5], bootinfo[20]);
    check("empty end", bootinfo[6], 4096);
    /* Extra boot info: ACPI RSDP, memory map, TSC frequency. */
    word *extra = (word *)((char *)bootinfo + 4096);
    check("rsdp chunk", extra[0], 3);
    check("rsdp chunk length", extra[1], 0x34);
    word *mmap_chunk = (word *)((char *)extra + 0x34);
    check("mmap chunk", mmap_chunk[0], 2);
    check("mmap chunk length", mmap_chunk[1], 0x4c4);
    word *tsc_chunk = (word *)((char *)mmap_chunk + 0x4c4);
    check("tsc chunk", tsc_chunk[0], 5);
    check("tsc chunk length", tsc_chunk[1], 0x14);
    check("tsc mhz non-zero", *(uint32_t *)&tsc_chunk[2] != 0, 1);
    check("extraLen", bootinfo[0], 0x50c);
    print("smoke: TSC MHz ");
    print_num(*(uint32_t *)&tsc_chunk[2]);
    print(", untyped caps ");
    print_num(bootinfo[20] - bootinfo[19]);
    print("\n");

    /* IOPortControl_Issue and its errors. */
    com1_cap = empty_start;
    struct reply r = issue(0x3f8, 0x3ff, com1_cap, 64);
    check("issue com1", label_of(r), E_OK);
    check("issued cap is an IOPort", identify(com1_cap), 19);
    r = issue(0x3f0, 0x3f8, empty_start + 1, 64);
    check("overlapping issue", label_of(r), E_REVOKE_FIRST);
    r = issue(0x60, 0x50, empty_start + 1, 64);
    check("last < first", label_of(r), E_INVALID_ARGUMENT);
    check("last < first argument", r.mr[0], 1);
    r = issue(0x60, 0x60, 1, 64);
    check("occupied slot", label_of(r), E_DELETE_FIRST);
    r = issue(0x60, 0x60, empty_start + 1, 0);
    check("depth 0", label_of(r), E_RANGE);
    check("depth 0 min", r.mr[0], 1);
    check("depth 0 max", r.mr[1], 64);
    r = issue(0x60, 0x60, empty_start + 1, 32);
    check("depth 32", label_of(r), E_FAILED_LOOKUP);
    check("depth 32 length", length_of(r), 5);
    check("depth 32 not source", r.mr[0], 0);
    check("depth 32 guard mismatch", r.mr[1], 4);
    check("depth 32 bits left", r.mr[2], 32);
    check("depth 32 guard found", r.mr[3], 0);
    check("depth 32 bits found", ipc_buffer[1 + 4], 52);
    r = call(7, L_IOPORT_ISSUE, 1, 3, 0x60, 0x60, empty_start + 1, 64);
    check("short issue", label_of(r), E_TRUNCATED);

    /* IOPort accesses. */
    const char *line = "smoke: written through an IOPort cap\n";
    while (*line) {
        putc_ioport(*line++);
    }
    r = call(com1_cap, L_OUT8, 0, 2, 0x3f7, 'x', 0, 0);
    check("out8 below range", label_of(r), E_ILLEGAL_OPERATION);
    r = call(com1_cap, L_OUT32, 0, 2, 0x3fe, 0, 0, 0);
    check("out32 across the end", label_of(r), E_ILLEGAL_OPERATION);
    r = call(com1_cap, L_OUT8, 0, 1, 0x3f8, 0, 0, 0);
    check("out8 truncated", label_of(r), E_TRUNCATED);
    r = call(com1_cap, L_IN8, 0, 1, 0x3fd, 0, 0, 0);
    check("in8 lsr", label_of(r), E_OK);
    check("in8 length", length_of(r), 1);
    check("in8 transmitter empty", r.mr[0] & 0x20, 0x20);

    /* Unimplemented and invalid invocations. */
    /* ReadRegisters of ourselves: IllegalOperation on seL4 ("Attempted to read
       our own registers") and on devkernel (not implemented yet). */
    r = call(1, L_TCB_READ_REGISTERS, 0, 2, 0, 1, 0, 0);
    check("TCB_ReadRegisters of self", label_of(r), E_ILLEGAL_OPERATION);
    r = call(8, L_TCB_SUSPEND, 0, 0, 0, 0, 0, 0);
    check("null cap", label_of(r), E_INVALID_CAPABILITY);
    check("null cap number", r.mr[0], 0);

    /* TLS base: the syscall, then the TCB method; read back through %fs. */
    tls_word = 0x1234;
    word rdi = (word)&tls_word, rsi = 0, mr[4] = {0};
    raw_syscall(SYS_SET_TLS_BASE, &rdi, &rsi, mr);
    word seen;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(seen));
    check("SetTLSBase", seen, 0x1234);
    static word other = 0x5678;
    r = call(1, L_TCB_SET_TLS_BASE, 0, 1, (word)&other, 0, 0, 0);
    check("TCB_SetTLSBase", label_of(r), E_OK);
    __asm__ volatile("mov %%fs:0, %0" : "=r"(seen));
    check("TCB_SetTLSBase value", seen, 0x5678);

    /* Name, yield, and timer ticks with SSE state live. */
    const char *name = "smoke";
    for (int i = 0; i < 6; i++) {
        ((char *)&ipc_buffer[1])[i] = name[i];
    }
    rdi = 1;
    raw_syscall(SYS_NAME_THREAD, &rdi, &rsi, mr);
    raw_syscall(SYS_DUMP_SCHEDULER, &rdi, &rsi, mr);
    rdi = 0;
    raw_syscall(SYS_YIELD, &rdi, &rsi, mr);
    word before = 0, after = 0;
    __asm__ volatile("movq %1, %%xmm3\n"
                     "mov $20000000, %%ecx\n"
                     "1: dec %%ecx\n jnz 1b\n"
                     "movq %%xmm3, %0"
                     : "=r"(after)
                     : "r"((word)0x0123456789abcdefull)
                     : "rcx", "xmm3");
    before = 0x0123456789abcdefull;
    check("xmm3 across timer ticks", after, before);
    /* "int $0xff" lands on the spurious vector: the kernel ignores it. */
    __asm__ volatile("int $0xff");

#ifdef SMOKE_FAULT
    /* Fault on purpose: the kernel reports it as seL4 does and suspends us. */
    print("smoke: faulting on purpose\n");
    if (SMOKE_FAULT == 1) {
        rdi = 0;
        raw_syscall(42, &rdi, &rsi, mr); /* unknown syscall */
    } else if (SMOKE_FAULT == 2) {
        word *volatile bad = (word *)0x10;
        *bad = 1; /* vm fault on data */
    } else if (SMOKE_FAULT == 3) {
        call(0x1000, L_TCB_SUSPEND, 0, 0, 0, 0, 0, 0); /* cap fault: guard mismatch */
    } else if (SMOKE_FAULT == 4) {
        __asm__ volatile("ud2"); /* user exception 6 */
    } else if (SMOKE_FAULT == 6) {
        __asm__ volatile("int $0xc8" : : "a"(0x123)); /* trap vector: unknown syscall */
    } else if (SMOKE_FAULT == 7) {
        __asm__ volatile("int3"); /* user exception 3 */
    } else if (SMOKE_FAULT == 8) {
        __asm__ volatile("int $0x80"); /* not a trap vector: general protection */
    } else {
        raw_syscall(-11, &rdi, &rsi, mr); /* DebugHalt */
    }
    print("smoke: still running after the fault\n");
#endif

    /* Exit QEMU: status = number of failures. */
    word exit_cap = empty_start + 2;
    r = issue(0xf4, 0xf7, exit_cap, 64);
    check("issue exit port", label_of(r), E_OK);
    print(failures ? "smoke: FAILED\n" : "smoke: all checks passed\n");
    call(exit_cap, L_OUT32, 0, 2, 0xf4, (word)failures, 0, 0);
    print("smoke: still running after isa-debug-exit\n");
    for (;;) {
    }
}

/* The kernel starts us with RSP = 0 and RDI = boot info: give ourselves a stack. */
unsigned char smoke_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea smoke_stack+16384(%rip), %rsp\n"
        "  call smoke_main\n"
        "  ud2\n");
