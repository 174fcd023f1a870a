/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * CMOS clock arithmetic: BCD and 12-hour decoding, and dates to seconds since
 * 1970 against values computed independently (Python's calendar.timegm).
 */
#include "rtc_date.h"
#include "tests.h"

static int64_t seconds(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s)
{
    struct sel4rt_rtc_date date = {y, mo, d, h, mi, s};
    return sel4rt_rtc_unix_seconds(&date);
}

START_TEST(decodes_bcd_and_binary)
{
    ck_assert_uint_eq(sel4rt_rtc_decode(0x59, true), 59);
    ck_assert_uint_eq(sel4rt_rtc_decode(0x00, true), 0);
    ck_assert_uint_eq(sel4rt_rtc_decode(59, false), 59);
    ck_assert_uint_eq(sel4rt_rtc_decode_hour(0x23, true, true), 23);
    ck_assert_uint_eq(sel4rt_rtc_decode_hour(0x12, true, false), 0);         /* 12 AM */
    ck_assert_uint_eq(sel4rt_rtc_decode_hour(0x80 | 0x12, true, false), 12); /* 12 PM */
    ck_assert_uint_eq(sel4rt_rtc_decode_hour(0x80 | 0x01, true, false), 13);
    ck_assert_uint_eq(sel4rt_rtc_decode_hour(0x80 | 11, false, false), 23);
}
END_TEST

START_TEST(dates_become_unix_seconds)
{
    ck_assert_int_eq(seconds(1970, 1, 1, 0, 0, 0), 0);
    ck_assert_int_eq(seconds(2000, 1, 1, 0, 0, 0), 946684800);
    ck_assert_int_eq(seconds(2000, 2, 29, 12, 34, 56), 951827696);
    ck_assert_int_eq(seconds(2026, 11, 25, 16, 30, 0), 1795624200);
    ck_assert_int_eq(seconds(2100, 3, 1, 0, 0, 0), 4107542400);
    ck_assert_int_eq(seconds(2399, 12, 31, 23, 59, 59), 13569465599);
}
END_TEST

START_TEST(impossible_dates_are_refused)
{
    ck_assert_int_eq(seconds(1969, 12, 31, 23, 59, 59), -1);
    ck_assert_int_eq(seconds(2026, 0, 1, 0, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 13, 1, 0, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 2, 29, 0, 0, 0), -1); /* not a leap year */
    ck_assert_int_eq(seconds(2100, 2, 29, 0, 0, 0), -1); /* a century, not a leap year */
    ck_assert_int_eq(seconds(2000, 2, 30, 0, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 4, 31, 0, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 1, 0, 0, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 1, 1, 24, 0, 0), -1);
    ck_assert_int_eq(seconds(2026, 1, 1, 0, 60, 0), -1);
    ck_assert_int_eq(seconds(2026, 1, 1, 0, 0, 60), -1);
    /* BCD garbage decodes to numbers out of range and is refused, not wrapped */
    ck_assert_int_eq(seconds(2026, sel4rt_rtc_decode(0xff, true), 1, 0, 0, 0), -1);
}
END_TEST

Suite *rtc_date_suite(void)
{
    Suite *suite = suite_create("rtc_date");
    TCase *tc = tcase_create("arithmetic");
    tcase_add_test(tc, decodes_bcd_and_binary);
    tcase_add_test(tc, dates_become_unix_seconds);
    tcase_add_test(tc, impossible_dates_are_refused);
    suite_add_tcase(suite, tc);
    return suite;
}
