/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The benchmarks' console and exit, through IOPort capabilities rather than
 * debug system calls, which a release build of seL4 does not have: bytes go
 * to COM1 (0x3f8) with X86IOPortOut8, and the run ends by writing to QEMU's
 * isa-debug-exit device (0xf4), which makes QEMU exit with (v << 1) | 1.
 */
#include "bench.h"

#define COM1 0x3f8
#define COM1_LAST 0x3ff
#define DEBUG_EXIT 0xf4
#define DEBUG_EXIT_LAST 0xf7

static seL4_CPtr serial_port;
static seL4_CPtr exit_port;

void console_init(const seL4_BootInfo *bi)
{
    /* The first two free slots; objects_init starts allocating after them. */
    serial_port = bi->empty.start;
    exit_port = bi->empty.start + 1;
    seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, COM1, COM1_LAST, seL4_CapInitThreadCNode, serial_port,
                                 seL4_WordBits);
    seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, DEBUG_EXIT, DEBUG_EXIT_LAST, seL4_CapInitThreadCNode,
                                 exit_port, seL4_WordBits);
}

static void put_char(char c)
{
    seL4_X86_IOPort_Out8(serial_port, COM1, (uint8_t)c);
}

void print(const char *s)
{
    while (*s) {
        put_char(*s++);
    }
}

void print_decimal(uint64_t v)
{
    char digits[21];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        put_char(digits[--n]);
    }
}

void print_figure(const char *name, uint64_t total, uint64_t count)
{
    /* Tenths, rounded to nearest. */
    uint64_t tenths = (total * 10 + count / 2) / count;
    print(name);
    print(": ");
    print_decimal(tenths / 10);
    put_char('.');
    print_decimal(tenths % 10);
    print(" instructions\n");
}

void print_running(const char *name)
{
    print("bench: running ");
    print(name);
    print("\n");
}

_Noreturn void bench_exit(int status)
{
    seL4_X86_IOPort_Out32(exit_port, DEBUG_EXIT, (seL4_Word)status);
    /* Only reached when the port is missing: stop here without spinning. */
    for (;;) {
        seL4_Yield();
    }
}

void check(seL4_Error error, const char *what)
{
    if (error == seL4_NoError) {
        return;
    }
    print("bench: ");
    print(what);
    print(" failed: error ");
    print_decimal((uint64_t)error);
    print("\n");
    bench_exit(1);
}
