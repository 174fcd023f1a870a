/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Teaches: a root task in C. The runtime starts it like a hosted C program
 * (main(argc, argv), exit with main's value), `write` prints to the serial
 * console, `sel4runtime_bootinfo()` is what the kernel handed the root
 * task, and <sel4/sel4.h> has every system call and invocation.
 */
#include <string.h>
#include <unistd.h>

#include <sel4/sel4.h>
#include <sel4runtime.h>

/* The runtime has `write` but no printf: these print a text, and a text
 * followed by a number and a line end. */
static void say(const char *text)
{
    write(STDOUT_FILENO, text, strlen(text));
}

static void print(const char *text, seL4_Word number)
{
    char digits[24];
    size_t at = sizeof digits;
    digits[--at] = '\n';
    do {
        digits[--at] = (char)('0' + number % 10);
        number /= 10;
    } while (number != 0);
    say(text);
    write(STDOUT_FILENO, digits + at, sizeof digits - at);
}

int main(int argc, char **argv)
{
    say("Hello, world! (from C)\n");
    say(argv[0]);
    print(" started with argc = ", (seL4_Word)argc);

    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    print("untyped capabilities: ", bootinfo->untyped.end - bootinfo->untyped.start);

    /* A debug system call (debug kernels only): the kind of capability in a slot. */
    print("kind of the TCB capability (cap_thread_cap is 12): ", seL4_DebugCapIdentify(seL4_CapInitThreadTCB));

    /* An invocation: read COM1's line status register through the I/O
     * port capability the runtime made for the console. */
    seL4_X86_IOPort_In8_t status = seL4_X86_IOPort_In8(sel4runtime_serial_port(), 0x3fd);
    if (status.error != seL4_NoError) {
        print("X86_IOPort_In8 failed with error ", (seL4_Word)status.error);
        return 1;
    }
    print("COM1 line status: ", status.result);
    return 0;
}
