/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The COM1 UART, polled. The kernel only writes; the root task may also
 * program and use the same UART through an IOPort capability, so the kernel
 * never assumes it owns the line settings after boot.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/serial.h>

#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_TX_EMPTY 0x20

void serial_init(void)
{
    out8(COM1_PORT + UART_IER, 0x00); /* no UART interrupts */
    out8(COM1_PORT + UART_LCR, 0x80); /* divisor latch */
    out8(COM1_PORT + UART_DATA, 0x01); /* 115200 baud: divisor 1 */
    out8(COM1_PORT + UART_IER, 0x00);
    out8(COM1_PORT + UART_LCR, 0x03); /* 8N1 */
    out8(COM1_PORT + UART_FCR, 0xc7); /* FIFOs on and cleared */
    out8(COM1_PORT + UART_MCR, 0x03); /* DTR, RTS */
}

void serial_putc(char c)
{
    /* Bounded wait: a wedged UART must not hang the kernel. */
    for (int i = 0; i < 100000 && !(in8(COM1_PORT + UART_LSR) & LSR_TX_EMPTY); i++) {
    }
    out8(COM1_PORT + UART_DATA, (uint8_t)c);
}
