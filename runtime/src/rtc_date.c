/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * CMOS date arithmetic (see rtc_date.h). Days are counted with the civil
 * calendar's 400-year cycle, so no table of month lengths per year is needed.
 */
#include "rtc_date.h"

unsigned sel4rt_rtc_decode(uint8_t raw, bool bcd)
{
    return bcd ? (unsigned)(raw >> 4) * 10u + (raw & 0x0fu) : raw;
}

unsigned sel4rt_rtc_decode_hour(uint8_t raw, bool bcd, bool twenty_four_hour)
{
    if (twenty_four_hour) {
        return sel4rt_rtc_decode(raw, bcd);
    }
    bool pm = (raw & 0x80u) != 0;
    unsigned hour = sel4rt_rtc_decode((uint8_t)(raw & 0x7fu), bcd) % 12u;
    return pm ? hour + 12u : hour;
}

static bool leap(unsigned year)
{
    return (year % 4u == 0 && year % 100u != 0) || year % 400u == 0;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29u : days[month - 1];
}

int64_t sel4rt_rtc_unix_seconds(const struct sel4rt_rtc_date *d)
{
    if (d->year < 1970 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > days_in_month(d->year, d->month) || d->hour > 23 || d->minute > 59 || d->second > 59) {
        return -1;
    }
    /* Days since 1970-01-01 of the given date, counting March as the first month
     * of the year so that the leap day falls at the end. */
    int64_t y = (int64_t)d->year - (d->month <= 2 ? 1 : 0);
    int64_t era = y / 400;
    int64_t year_of_era = y - era * 400;
    int64_t month_from_march = (int64_t)d->month + (d->month > 2 ? -3 : 9);
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + (int64_t)d->day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    int64_t days = era * 146097 + day_of_era - 719468;
    return days * 86400 + (int64_t)d->hour * 3600 + (int64_t)d->minute * 60 + (int64_t)d->second;
}
