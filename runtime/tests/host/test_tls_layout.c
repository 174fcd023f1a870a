/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * TLS variant II layout: the block ends at an aligned thread pointer, the
 * control block fits after it, everything stays inside the buffer.
 */
#include "tests.h"
#include "tls_layout.h"

static size_t round_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
}

START_TEST(random_layouts_hold_the_invariants)
{
    uint64_t seed = 0x5eed7175u;
    for (int i = 0; i < 100000; i++) {
        uintptr_t buffer = (uintptr_t)(test_random(&seed) % (1ull << 40));
        size_t memsz = test_random(&seed) % 70000;
        size_t align = (size_t)1 << (test_random(&seed) % 13);
        size_t size = sel4rt_tls_area_size(memsz, align);
        ck_assert_uint_gt(size, 0);
        tls_layout layout;
        ck_assert(sel4rt_tls_layout_compute(buffer, size, memsz, align, &layout));
        size_t effective = align < 8 ? 8 : align;
        ck_assert_uint_eq(layout.thread_pointer % effective, 0);
        ck_assert_uint_eq(layout.thread_pointer - layout.block, round_up(memsz, effective));
        ck_assert_uint_ge(layout.block, buffer);
        ck_assert_uint_le(layout.thread_pointer + TLS_TCB_SIZE, buffer + size);
        /* one byte less may still fit, but never one alignment less */
        if (size > effective) {
            tls_layout ignored;
            size_t tight = round_up(memsz, effective) + TLS_TCB_SIZE - 1;
            ck_assert(!sel4rt_tls_layout_compute(buffer, tight, memsz, align, &ignored));
        }
    }
}
END_TEST

START_TEST(known_layout)
{
    /* 0x78 bytes at 8: block 0x78 below an 8-aligned thread pointer */
    tls_layout layout;
    ck_assert(sel4rt_tls_layout_compute(0x1000, 0x1000, 0x78, 8, &layout));
    ck_assert_uint_eq(layout.thread_pointer, 0x1078);
    ck_assert_uint_eq(layout.block, 0x1000);
    /* 64-byte alignment: the block rounds up to 0x80 and must start at or
     * above the buffer, so the thread pointer lands on 0x10c0 */
    ck_assert(sel4rt_tls_layout_compute(0x1008, 0x1000, 0x50, 64, &layout));
    ck_assert_uint_eq(layout.thread_pointer, 0x10c0);
    ck_assert_uint_eq(layout.block, 0x1040);
}
END_TEST

START_TEST(empty_segment_and_alignment_zero)
{
    tls_layout layout;
    ck_assert(sel4rt_tls_layout_compute(0x2000, sel4rt_tls_area_size(0, 0), 0, 0, &layout));
    ck_assert_uint_eq(layout.thread_pointer, 0x2000);
    ck_assert_uint_eq(layout.block, 0x2000);
}
END_TEST

START_TEST(bad_input_is_refused)
{
    tls_layout layout;
    ck_assert_uint_eq(sel4rt_tls_area_size(100, 24), 0);
    ck_assert(!sel4rt_tls_layout_compute(0x1000, 4096, 100, 24, &layout));
    ck_assert(!sel4rt_tls_layout_compute(0x1000, 16, 100, 8, &layout));
    ck_assert(!sel4rt_tls_layout_compute(UINTPTR_MAX - 64, 4096, 100, 8, &layout));
}
END_TEST

Suite *tls_layout_suite(void)
{
    Suite *s = suite_create("tls_layout");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, random_layouts_hold_the_invariants);
    tcase_add_test(tc, known_layout);
    tcase_add_test(tc, empty_segment_and_alignment_zero);
    tcase_add_test(tc, bad_input_is_refused);
    suite_add_tcase(s, tc);
    return s;
}
