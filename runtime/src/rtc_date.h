/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Dates as the PC's CMOS real-time clock keeps them, and their conversion to
 * seconds since 1970 (UTC). Pure arithmetic, so the host tests can check it.
 */
#ifndef SEL4RUNTIME_RTC_DATE_H
#define SEL4RUNTIME_RTC_DATE_H

#include <stdbool.h>
#include <stdint.h>

struct sel4rt_rtc_date {
    unsigned year; /* full year, e.g. 2026 */
    unsigned month, day, hour, minute, second;
};

/* A CMOS register value in binary, from BCD when the clock says it keeps BCD. */
unsigned sel4rt_rtc_decode(uint8_t raw, bool bcd);

/* The hour register: 24-hour as is; 12-hour with bit 7 for PM (12 AM is 0:00). */
unsigned sel4rt_rtc_decode_hour(uint8_t raw, bool bcd, bool twenty_four_hour);

/* Seconds since 1970-01-01 00:00:00 UTC, or -1 for a date the clock cannot
 * hold (before 1970, month or day out of range, time past 23:59:59). */
int64_t sel4rt_rtc_unix_seconds(const struct sel4rt_rtc_date *date);

#endif
