/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The console: a polled 16550 UART at COM1, driven through the I/O port
 * capability, so it works on a release kernel without debug system calls.
 * Bytes go out unchanged ("\n" stays "\n"). Each burst waits for the
 * transmitter FIFO to be empty, then writes up to 16 bytes (the FIFO size),
 * so a line costs few kernel calls. Reading waits (yielding) for the first
 * byte, then takes what has arrived, up to the end of a line, as a
 * terminal would hand it over.
 *
 * Without the capability (the kernel refused it) the console falls back to
 * seL4_DebugPutChar, which only debug kernels have.
 */
#include "internal.h"

#define COM1 0x3f8
#define REG_DATA 0           /* THR when written */
#define REG_INTERRUPT_ENABLE 1
#define REG_FIFO_CONTROL 2
#define REG_LINE_CONTROL 3
#define REG_MODEM_CONTROL 4
#define REG_LINE_STATUS 5

#define LCR_DIVISOR_LATCH 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_AND_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20   /* transmit FIFO empty: 16 bytes may be written */
#define LSR_IDLE 0x40        /* FIFO and shift register empty */
#define FIFO_SIZE 16

#define DIVISOR_115200 1     /* 115200 = 1.8432 MHz / 16 / 1 */

/* Polls that give up on a UART that never becomes ready (no such device). */
#define POLL_LIMIT 1000000

static bool ready;

static void out8(seL4_Word reg, uint8_t value)
{
    seL4_X86_IOPort_Out8(sel4rt_ioports_serial(), COM1 + reg, value);
}

static uint8_t in8(seL4_Word reg)
{
    seL4_X86_IOPort_In8_t result = seL4_X86_IOPort_In8(sel4rt_ioports_serial(), COM1 + reg);
    return result.error == seL4_NoError ? result.result : 0xff;
}

static bool wait_for(uint8_t status_bits)
{
    for (long i = 0; i < POLL_LIMIT; i++) {
        if ((in8(REG_LINE_STATUS) & status_bits) == status_bits) {
            return true;
        }
    }
    return false;
}

void sel4rt_serial_init(void)
{
    if (sel4rt_ioports_serial() == seL4_CapNull) {
        return;
    }
    /* 115200 8N1, FIFOs on, no interrupts: what the kernel uses too */
    out8(REG_INTERRUPT_ENABLE, 0);
    out8(REG_LINE_CONTROL, LCR_DIVISOR_LATCH);
    out8(REG_DATA, DIVISOR_115200 & 0xff);
    out8(REG_INTERRUPT_ENABLE, DIVISOR_115200 >> 8);
    out8(REG_LINE_CONTROL, LCR_8N1);
    out8(REG_FIFO_CONTROL, FCR_ENABLE_AND_CLEAR);
    out8(REG_MODEM_CONTROL, MCR_DTR_RTS_OUT2);
    ready = true;
}

void sel4rt_serial_write(const char *data, size_t length)
{
    if (!ready) {
        if (sel4rt_ioports_serial() != seL4_CapNull) {
            return; /* before sel4rt_serial_init: nothing sensible to do */
        }
        for (size_t i = 0; i < length; i++) {
            seL4_DebugPutChar(data[i]);
        }
        return;
    }
    while (length > 0) {
        if (!wait_for(LSR_THR_EMPTY)) {
            return;
        }
        size_t burst = length < FIFO_SIZE ? length : FIFO_SIZE;
        for (size_t i = 0; i < burst; i++) {
            out8(REG_DATA, (uint8_t)data[i]);
        }
        data += burst;
        length -= burst;
    }
}

void sel4rt_serial_drain(void)
{
    if (ready) {
        wait_for(LSR_THR_EMPTY | LSR_IDLE);
    }
}

bool sel4rt_serial_input_ready(void)
{
    return ready && (in8(REG_LINE_STATUS) & LSR_DATA_READY) != 0;
}

size_t sel4rt_serial_read(char *buf, size_t length)
{
    if (!ready || length == 0) {
        return 0; /* no console: end of file */
    }
    while (!sel4rt_serial_input_ready()) {
        seL4_Yield();
    }
    size_t n = 0;
    while (n < length && sel4rt_serial_input_ready()) {
        buf[n] = (char)in8(REG_DATA);
        if (buf[n++] == '\n') {
            break;
        }
    }
    return n;
}
