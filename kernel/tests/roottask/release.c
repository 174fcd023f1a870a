/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * A root task for devkernel's release build, which has no debug calls. It
 * prints only through a COM1 IOPort cap, so every byte on the console is
 * its own: "release: before", a check that SetTLSBase (not a debug call)
 * still works, then a DebugPutChar. On the release kernel that call is an
 * UnknownSyscall fault; with no fault handler the thread is suspended and
 * the kernel prints nothing, so the output ends after "before" and only the
 * runner's time limit stops QEMU. On the debug kernel the call prints its
 * character and the task goes on to print "after" and exit with status 0.
 */
#include "roottask.h"

enum { L_IOPORT_ISSUE = 44, L_OUT8 = 48, L_OUT32 = 50 };

static word call(word cptr, word label, word extra_caps, word length, word m0, word m1, word m2, word m3)
{
    word rdi = cptr, rsi = (label << 12) | (extra_caps << 7) | length;
    word mr[4] = {m0, m1, m2, m3};
    raw_syscall(SYS_CALL, &rdi, &rsi, mr);
    return rsi >> 12;
}

static word issue(word first, word last, word index)
{
    ipc_buffer[122] = 2; /* caps_or_badges[0] = the root CNode */
    return call(7, L_IOPORT_ISSUE, 1, 4, first, last, index, 64);
}

static word com1_cap;

static void say(const char *s)
{
    for (; *s; s++) {
        call(com1_cap, L_OUT8, 0, 2, 0x3f8, (word)*s, 0, 0);
    }
}

static word tls_word = 0x5e14;

void release_main(word *bootinfo);
void release_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word empty_start = bootinfo[5];
    com1_cap = empty_start;
    word exit_cap = empty_start + 1;
    if (issue(0x3f8, 0x3ff, com1_cap) != 0 || issue(0xf4, 0xf7, exit_cap) != 0) {
        for (;;) {
        }
    }
    say("release: before\n");

    word rdi = (word)&tls_word, rsi = 0, mr[4] = {0};
    raw_syscall(SYS_SET_TLS_BASE, &rdi, &rsi, mr);
    word through_fs;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(through_fs));
    say(through_fs == tls_word ? "release: SetTLSBase works\n" : "release: SetTLSBase FAILED\n");

    rdi = '*';
    raw_syscall(SYS_PUTCHAR, &rdi, &rsi, mr);
    say("\nrelease: after\n");
    call(exit_cap, L_OUT32, 0, 2, 0xf4, 0, 0, 0);
    for (;;) {
    }
}

/* The kernel starts us with RSP = 0 and RDI = boot info: give ourselves a stack. */
unsigned char release_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea release_stack+16384(%rip), %rsp\n"
        "  call release_main\n"
        "  ud2\n");
