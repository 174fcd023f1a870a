/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/* Fatal stops: boot_failed for refused boot input, panic for kernel bugs (see kernel/panic.h). */
#include <arch/x86_64/cpu.h>
#include <kernel/panic.h>
#include <kernel/printf.h>

_Noreturn void boot_failed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kprintf("devkernel: boot failed: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    halt_forever();
}

_Noreturn void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kprintf("devkernel: panic: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    halt_forever();
}
