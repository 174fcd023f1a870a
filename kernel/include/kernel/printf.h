/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The kernel's console output: printf to COM1. Understands %s %c %d %i %u %x
 * %p with the l/z length modifiers, a width and the - and 0 flags; %p prints as
 * seL4 16 does: like %#lx, "0x" and lowercase hex, and "0" for 0.
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>

void kputchar(char c);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

#endif /* KERNEL_PRINTF_H */
