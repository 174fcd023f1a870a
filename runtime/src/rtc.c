/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The wall clock: the PC's CMOS real-time clock, read once at start-up
 * through an I/O port capability for ports 0x70-0x71 (index and data), so it
 * works on any seL4 that lets the root task have those ports; the capability
 * is deleted right after, so the ports are the program's again. Without the
 * capability or with an unreadable date, there is no wall clock and
 * CLOCK_REALTIME counts from boot, as before.
 */
#include "internal.h"
#include "rtc_date.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_SECONDS 0x00
#define REG_MINUTES 0x02
#define REG_HOURS 0x04
#define REG_DAY 0x07
#define REG_MONTH 0x08
#define REG_YEAR 0x09
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define REG_CENTURY 0x32 /* where the PC's BIOS (and QEMU) keep it */
#define STATUS_A_UPDATING 0x80
#define STATUS_B_BINARY 0x04
#define STATUS_B_24_HOUR 0x02

static uint8_t read_register(seL4_CPtr port, uint8_t reg)
{
    /* bit 7 of the index also gates NMIs: keep it clear, as the firmware leaves it */
    seL4_X86_IOPort_Out8(port, CMOS_INDEX, reg & 0x7fu);
    return seL4_X86_IOPort_In8(port, CMOS_DATA).result;
}

struct raw_date {
    uint8_t second, minute, hour, day, month, year, century;
};

static bool read_raw(seL4_CPtr port, struct raw_date *out)
{
    /* the clock's registers change during its once-a-second update: wait it out */
    for (int tries = 0; tries < 100000; tries++) {
        if ((read_register(port, REG_STATUS_A) & STATUS_A_UPDATING) == 0) {
            out->second = read_register(port, REG_SECONDS);
            out->minute = read_register(port, REG_MINUTES);
            out->hour = read_register(port, REG_HOURS);
            out->day = read_register(port, REG_DAY);
            out->month = read_register(port, REG_MONTH);
            out->year = read_register(port, REG_YEAR);
            out->century = read_register(port, REG_CENTURY);
            return true;
        }
    }
    return false;
}

int64_t sel4rt_rtc_read_unix_seconds(void)
{
    seL4_CPtr port = sel4rt_ioports_rtc();
    if (port == seL4_CapNull) {
        return -1;
    }
    struct raw_date first, second;
    /* read until two reads agree, so no update happened in between */
    for (int tries = 0; tries < 10; tries++) {
        if (!read_raw(port, &first) || !read_raw(port, &second)) {
            return -1;
        }
        if (__builtin_memcmp(&first, &second, sizeof(first)) != 0) {
            continue;
        }
        uint8_t status = read_register(port, REG_STATUS_B);
        bool bcd = (status & STATUS_B_BINARY) == 0;
        unsigned century = sel4rt_rtc_decode(first.century, bcd);
        struct sel4rt_rtc_date date = {
            .year = (century >= 19 && century <= 99 ? century : 20u) * 100u + sel4rt_rtc_decode(first.year, bcd),
            .month = sel4rt_rtc_decode(first.month, bcd),
            .day = sel4rt_rtc_decode(first.day, bcd),
            .hour = sel4rt_rtc_decode_hour(first.hour, bcd, (status & STATUS_B_24_HOUR) != 0),
            .minute = sel4rt_rtc_decode(first.minute, bcd),
            .second = sel4rt_rtc_decode(first.second, bcd),
        };
        return sel4rt_rtc_unix_seconds(&date);
    }
    return -1;
}
