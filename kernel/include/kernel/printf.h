/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The kernel's console output: printf to COM1. Understands %s %c %d %i %u %x
 * %p with the l/z length modifiers, a width and the - and 0 flags; %p prints as
 * seL4 16 does: like %#lx, "0x" and lowercase hex, and "0" for 0.
 *
 * This header is the one switch between the two configurations. The debug
 * build (the default) prints; the release build (compiled with
 * -DDEVKERNEL_RELEASE, as seL4 with KernelPrinting and KernelDebugBuild off)
 * prints nothing at all: every print below becomes an empty inline function
 * the compiler removes, and code that prints only when kernel_printing is
 * set (user_error) drops out with its arguments.
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>

#ifdef DEVKERNEL_RELEASE
#define kernel_printing 0
#else
#define kernel_printing 1
#endif

#if kernel_printing
void kputchar(char c);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
#else
/* Kept as functions (not empty macros) so the format is still checked and
   variables used only for printing still count as used. */
static inline void kputchar(char c) { (void)c; }
static inline __attribute__((format(printf, 1, 2))) void kprintf(const char *fmt, ...) { (void)fmt; }
static inline void kvprintf(const char *fmt, va_list ap)
{
    (void)fmt;
    (void)ap;
}
#endif

#endif /* KERNEL_PRINTF_H */
