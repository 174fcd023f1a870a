/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's memory and string functions (built with an rt_ prefix)
 * against simple reference loops, over every small length and alignment
 * and over overlapping moves in both directions.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tests.h"

void *rt_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *rt_memmove(void *dst, const void *src, size_t n);
void *rt_memset(void *dst, int c, size_t n);
int rt_memcmp(const void *a, const void *b, size_t n);
int rt_bcmp(const void *a, const void *b, size_t n);
void *rt_memchr(const void *s, int c, size_t n);
void *rt_memrchr(const void *s, int c, size_t n);
size_t rt_strlen(const char *s);
size_t rt_strnlen(const char *s, size_t max);
int rt_strcmp(const char *a, const char *b);
int rt_strncmp(const char *a, const char *b, size_t n);
char *rt_strchr(const char *s, int c);
char *rt_strrchr(const char *s, int c);
char *rt_strcpy(char *restrict dst, const char *restrict src);
char *rt_strncpy(char *restrict dst, const char *restrict src, size_t n);
char *rt_strcat(char *restrict dst, const char *restrict src);
char *rt_strstr(const char *haystack, const char *needle);

#define BUF 600

static unsigned char source[BUF], dest[BUF], expect[BUF];

static void randomise(unsigned char *buf, size_t n, uint64_t *seed)
{
    for (size_t i = 0; i < n; i++) {
        buf[i] = (unsigned char)test_random(seed);
    }
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

START_TEST(memcpy_every_length_and_alignment)
{
    uint64_t seed = 11;
    for (size_t s = 0; s < 16; s++) {
        for (size_t d = 0; d < 16; d++) {
            for (size_t n = 0; n < 300; n += (n < 40 ? 1 : 7)) {
                randomise(source, BUF, &seed);
                randomise(dest, BUF, &seed);
                for (size_t i = 0; i < BUF; i++) {
                    expect[i] = dest[i];
                }
                for (size_t i = 0; i < n; i++) {
                    expect[d + i] = source[s + i];
                }
                ck_assert_ptr_eq(rt_memcpy(dest + d, source + s, n), dest + d);
                ck_assert_int_eq(memcmp(dest, expect, BUF), 0);
            }
        }
    }
}
END_TEST

START_TEST(memmove_overlapping_both_ways)
{
    uint64_t seed = 12;
    for (size_t s = 0; s < 80; s++) {
        for (size_t d = 0; d < 80; d++) {
            for (size_t n = 0; n < 400; n += 13) {
                randomise(dest, BUF, &seed);
                for (size_t i = 0; i < BUF; i++) {
                    expect[i] = dest[i];
                }
                unsigned char temp[BUF];
                for (size_t i = 0; i < n; i++) {
                    temp[i] = dest[s + i];
                }
                for (size_t i = 0; i < n; i++) {
                    expect[d + i] = temp[i];
                }
                ck_assert_ptr_eq(rt_memmove(dest + d, dest + s, n), dest + d);
                ck_assert_int_eq(memcmp(dest, expect, BUF), 0);
            }
        }
    }
}
END_TEST

START_TEST(memset_every_length_and_alignment)
{
    uint64_t seed = 13;
    for (size_t d = 0; d < 16; d++) {
        for (size_t n = 0; n < 300; n++) {
            randomise(dest, BUF, &seed);
            for (size_t i = 0; i < BUF; i++) {
                expect[i] = dest[i];
            }
            int c = (int)(test_random(&seed) % 512) - 128; /* only the low byte counts */
            for (size_t i = 0; i < n; i++) {
                expect[d + i] = (unsigned char)c;
            }
            ck_assert_ptr_eq(rt_memset(dest + d, c, n), dest + d);
            ck_assert_int_eq(memcmp(dest, expect, BUF), 0);
        }
    }
}
END_TEST

START_TEST(memcmp_sign_and_position_of_first_difference)
{
    uint64_t seed = 14;
    for (size_t n = 0; n < 100; n++) {
        for (size_t at = 0; at <= n; at++) {
            randomise(source, n, &seed);
            for (size_t i = 0; i < n; i++) {
                dest[i] = source[i];
            }
            int want = 0;
            if (at < n) {
                dest[at] = (unsigned char)(source[at] ^ (1 + test_random(&seed) % 255));
                want = source[at] < dest[at] ? -1 : 1;
            }
            ck_assert_int_eq(sign(rt_memcmp(source, dest, n)), want);
            ck_assert_int_eq(rt_bcmp(source, dest, n) == 0, want == 0);
        }
    }
    /* bytes compare as unsigned */
    ck_assert_int_lt(rt_memcmp("\x01", "\xff", 1), 0);
}
END_TEST

START_TEST(search_functions)
{
    const char *text = "hello, seL4 world";
    ck_assert_ptr_eq(rt_memchr(text, 'o', 17), text + 4);
    ck_assert_ptr_eq(rt_memrchr(text, 'o', 17), text + 13);
    ck_assert_ptr_null(rt_memchr(text, 'z', 17));
    ck_assert_ptr_null(rt_memchr(text, 'o', 4));
    ck_assert_ptr_eq(rt_strchr(text, 'l'), text + 2);
    ck_assert_ptr_eq(rt_strchr(text, '\0'), text + 17);
    ck_assert_ptr_eq(rt_strrchr(text, 'l'), text + 15);
    ck_assert_ptr_null(rt_strchr(text, 'q'));
    ck_assert_ptr_eq(rt_strstr(text, "seL4"), text + 7);
    ck_assert_ptr_eq(rt_strstr(text, ""), text);
    ck_assert_ptr_null(rt_strstr(text, "seL5"));
}
END_TEST

START_TEST(string_functions)
{
    ck_assert_uint_eq(rt_strlen(""), 0);
    ck_assert_uint_eq(rt_strlen("seL4"), 4);
    ck_assert_uint_eq(rt_strnlen("seL4", 2), 2);
    ck_assert_uint_eq(rt_strnlen("seL4", 10), 4);
    ck_assert_int_eq(rt_strcmp("abc", "abc"), 0);
    ck_assert_int_lt(rt_strcmp("abc", "abd"), 0);
    ck_assert_int_gt(rt_strcmp("abcd", "abc"), 0);
    ck_assert_int_gt(rt_strcmp("\xff", "a"), 0);
    ck_assert_int_eq(rt_strncmp("abcX", "abcY", 3), 0);
    ck_assert_int_lt(rt_strncmp("abcX", "abcY", 4), 0);
    ck_assert_int_eq(rt_strncmp("a", "b", 0), 0);
    char buf[16];
    ck_assert_ptr_eq(rt_strcpy(buf, "root"), buf);
    ck_assert_str_eq(buf, "root");
    ck_assert_str_eq(rt_strcat(buf, "task"), "roottask");
    memset(buf, 'x', sizeof(buf));
    rt_strncpy(buf, "ab", 6);
    ck_assert_int_eq(memcmp(buf, "ab\0\0\0\0x", 7), 0);
    rt_strncpy(buf, "abcdef", 3);
    ck_assert_int_eq(memcmp(buf, "abc\0", 4), 0);
}
END_TEST

Suite *string_suite(void)
{
    Suite *s = suite_create("string");
    TCase *tc = tcase_create("string");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, memcpy_every_length_and_alignment);
    tcase_add_test(tc, memmove_overlapping_both_ways);
    tcase_add_test(tc, memset_every_length_and_alignment);
    tcase_add_test(tc, memcmp_sign_and_position_of_first_difference);
    tcase_add_test(tc, search_functions);
    tcase_add_test(tc, string_functions);
    suite_add_tcase(s, tc);
    return s;
}
