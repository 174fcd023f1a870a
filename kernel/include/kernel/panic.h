/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The two ways the kernel stops for good, with the message prefixes the
 * runner recognises: "devkernel: boot failed: " for boot input it refuses,
 * "devkernel: panic: " for an internal error. Both halt the CPU (cli; hlt).
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

_Noreturn void boot_failed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Checks an internal invariant; a failure is a kernel bug, reported as a panic. */
#define kassert(cond)                                                            \
    do {                                                                         \
        if (!(cond)) {                                                           \
            panic("assertion %s failed at %s:%d", #cond, __FILE__, __LINE__);    \
        }                                                                        \
    } while (0)

#endif /* KERNEL_PANIC_H */
