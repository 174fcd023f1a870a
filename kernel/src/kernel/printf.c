/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * A small printf for the kernel console; see kernel/printf.h for what it
 * understands. Each conversion is formatted into a buffer first, then padded
 * to the field width (left-justified with the '-' flag).
 */
#include <arch/x86_64/serial.h>
#include <kernel/printf.h>
#include <kernel/string.h>
#include <stdbool.h>
#include <stdint.h>

/* The release build has no console: printf.h makes every print empty. */
#if kernel_printing

void kputchar(char c)
{
    /* As seL4's console does: every newline goes out as CR LF. */
    if (c == '\n') {
        serial_putc('\r');
    }
    serial_putc(c);
}

/* Writes v in base into the end of buf; returns the first digit. */
static char *format_number(char *end, uint64_t v, unsigned base)
{
    do {
        *--end = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    return end;
}

static void put_padded(const char *s, size_t n, int width, bool left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left) {
        /* Zero padding goes after a sign. */
        if (pad == '0' && n > 0 && s[0] == '-') {
            kputchar('-');
            s++;
            n--;
        }
        while (fill-- > 0) {
            kputchar(pad);
        }
    }
    for (size_t i = 0; i < n; i++) {
        kputchar(s[i]);
    }
    if (left) {
        while (fill-- > 0) {
            kputchar(' ');
        }
    }
}

void kvprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            kputchar(*fmt);
            continue;
        }
        fmt++;
        bool left = false;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-') {
                left = true;
            } else if (*fmt == '0') {
                pad = '0';
            } else {
                break;
            }
        }
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        bool is_long = false;
        while (*fmt == 'l' || *fmt == 'z') {
            is_long = true;
            fmt++;
        }
        char buf[24];
        char *end = buf + sizeof(buf);
        char *s = end;
        switch (*fmt) {
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str) {
                str = "(null)";
            }
            put_padded(str, strnlen(str, 4096), width, left, ' ');
            continue;
        }
        case 'c':
            *--s = (char)va_arg(ap, int);
            break;
        case 'd':
        case 'i': {
            int64_t v = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
            s = format_number(end, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);
            if (v < 0) {
                *--s = '-';
            }
            break;
        }
        case 'u':
            s = format_number(end, is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10);
            break;
        case 'x':
            s = format_number(end, is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16);
            break;
        case 'p': {
            /* As seL4 16 prints pointers (like %#lx): "0x" and hex digits, "0" for null. */
            uint64_t v = (uint64_t)(uintptr_t)va_arg(ap, void *);
            s = format_number(end, v, 16);
            if (v) {
                *--s = 'x';
                *--s = '0';
            }
            break;
        }
        case '%':
            *--s = '%';
            break;
        case 0:
            return;
        default:
            *--s = *fmt;
            *--s = '%';
            break;
        }
        put_padded(s, (size_t)(end - s), width, left, pad);
    }
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

#endif /* kernel_printing */
