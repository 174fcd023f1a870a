/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/* COM1 (0x3f8) at 115200 8N1, polled: the kernel's console. */
#ifndef ARCH_X86_64_SERIAL_H
#define ARCH_X86_64_SERIAL_H

#define COM1_PORT 0x3f8

void serial_init(void);
void serial_putc(char c);

#endif /* ARCH_X86_64_SERIAL_H */
