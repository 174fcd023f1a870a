/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Tests of the root task ELF check and copy: a real static x86_64 program
 * linked by the Makefile, real dynamic ones, and hand-made files for each
 * edge of the rules (ABI section 15). Every file sits in a heap buffer of
 * exactly its length, so AddressSanitizer reports any read past its end.
 */
#include "boot_tests.h"

#include <boot/elf_image.h>
#include <fixture_layout.h>

#include <stdlib.h>
#include <string.h>

#define ROUND_UP_PAGE(x) (((x) + 0xfffULL) & ~0xfffULL)

/* A heap copy of the first len bytes of buf, sized exactly. */
static uint8_t *exact_copy(const uint8_t *buf, size_t len)
{
    uint8_t *copy = malloc(len == 0 ? 1 : len);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, buf, len);
    return copy;
}

/* Checks the first len bytes of buf (copied to an exact-size buffer). */
static const char *check_bytes(const uint8_t *buf, size_t len, struct user_image *img)
{
    uint8_t *copy = exact_copy(buf, len);
    const char *why = elf_image_check(copy, len, img);
    free(copy);
    return why;
}

/* Builds a one-segment file: PT_LOAD of `filesz` bytes at file offset 0x1000. */
static size_t one_segment(uint8_t *buf, uint64_t entry, uint64_t vaddr, uint64_t filesz, uint64_t memsz)
{
    struct test_phdr ph = { TEST_PT_LOAD, 0x1000, vaddr, filesz, memsz };
    test_elf_build(buf, entry, &ph, 1);
    memset(buf + 0x1000, 0x5a, filesz);
    return 0x1000 + filesz;
}

static void expect_refused(const uint8_t *buf, size_t len, const char *message)
{
    struct user_image img;
    const char *why = check_bytes(buf, len, &img);
    ck_assert_ptr_nonnull(why);
    ck_assert_str_eq(why, message);
}

/* --- the real static program ------------------------------------------------ */

START_TEST(accepts_real_static_program)
{
    size_t len;
    uint8_t *file = test_read_fixture("fixture_static.elf", &len);
    struct user_image img = { 1, 1, 1 };
    ck_assert_ptr_null(elf_image_check(file, len, &img));
    ck_assert_uint_eq(img.vbase, 0x400000);
    ck_assert_uint_eq(img.entry, FIXTURE_START);
    /* The highest end is _end (bss) here; the .tbss end lies below it. */
    ck_assert_uint_lt(FIXTURE_TLS_VADDR + FIXTURE_TLS_MEMSZ, FIXTURE_END);
    ck_assert_uint_eq(img.vend, ROUND_UP_PAGE(FIXTURE_END));
    free(file);
}
END_TEST

START_TEST(copies_real_static_program)
{
    size_t len;
    uint8_t *file = test_read_fixture("fixture_static.elf", &len);
    struct user_image img;
    ck_assert_ptr_null(elf_image_check(file, len, &img));
    size_t size = img.vend - img.vbase;
    uint8_t *dest = malloc(size);
    memset(dest, 0xaa, size);
    elf_image_copy(file, dest, &img);

    /* The first PT_LOAD maps the file's own first bytes at vbase. */
    ck_assert_mem_eq(dest, file, TEST_ELF_HEADER_SIZE);
    /* .tdata holds fixture_tls_data = 0x5eed. */
    ck_assert_uint_eq(test_get64(dest + (FIXTURE_TLS_VADDR - img.vbase)), 0x5eed);
    /* bss and the tail of the last page: zero, whatever was there before. */
    for (uint64_t a = FIXTURE_BSS; a < img.vend; a++) {
        ck_assert_uint_eq(dest[a - img.vbase], 0);
    }
    /*
     * seL4 loads every header, so the PT_TLS header zeroes its .tbss size
     * after .tdata even where .data was copied. With this link fixture_marker
     * sits there; on real seL4 it reads 0 too.
     */
    uint64_t tbss_start = FIXTURE_TLS_VADDR + FIXTURE_TLS_FILESZ;
    uint64_t tbss_end = FIXTURE_TLS_VADDR + FIXTURE_TLS_MEMSZ;
    uint64_t marker = test_get64(dest + (FIXTURE_MARKER - img.vbase));
    if (FIXTURE_MARKER >= tbss_start && FIXTURE_MARKER + 8 <= tbss_end) {
        ck_assert_uint_eq(marker, 0);
    } else {
        ck_assert_uint_eq(marker, 0x1122334455667788ULL);
    }
    free(dest);
    free(file);
}
END_TEST

START_TEST(refuses_real_dynamic_programs)
{
    size_t len;
    uint8_t *pie = test_read_fixture("fixture_pie.elf", &len);
    expect_refused(pie, len, "root task is dynamically linked (PT_INTERP); only static programs can run");
    free(pie);
    uint8_t *static_pie = test_read_fixture("fixture_static_pie.elf", &len);
    expect_refused(static_pie, len,
                   "root task is dynamically linked (PT_DYNAMIC); only static programs can run");
    free(static_pie);
}
END_TEST

/* --- identity ------------------------------------------------------------------ */

START_TEST(refuses_non_elf)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    buf[1] = 'X';
    expect_refused(buf, len, "root task is not an ELF file (bad magic)");
    const char text[] = "#!/bin/sh\necho this is not an ELF file, it is long enough to have a header\n";
    expect_refused((const uint8_t *)text, sizeof(text), "root task is not an ELF file (bad magic)");
}
END_TEST

START_TEST(refuses_short_files)
{
    uint8_t buf[0x1100];
    one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    expect_refused(buf, 0, "root task is too short to be an ELF64 file");
    expect_refused(buf, 4, "root task is too short to be an ELF64 file");
    expect_refused(buf, 63, "root task is too short to be an ELF64 file");
}
END_TEST

START_TEST(refuses_elf32_and_bad_class)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    buf[4] = 1;
    expect_refused(buf, len, "root task is not an ELF64 file (EI_CLASS 1)");
    buf[4] = 0;
    expect_refused(buf, len, "root task is not an ELF64 file (EI_CLASS 0)");
    buf[4] = 3;
    expect_refused(buf, len, "root task is not an ELF64 file (EI_CLASS invalid)");
}
END_TEST

START_TEST(refuses_other_machines)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    static const char why[] = "root task is not an x86_64 program (e_machine is not EM_X86_64)";
    test_put16(buf + 18, TEST_EM_386);
    expect_refused(buf, len, why);
    test_put16(buf + 18, TEST_EM_AARCH64);
    expect_refused(buf, len, why);
    test_put16(buf + 18, 0x3e00); /* EM_X86_64 stored big-endian */
    expect_refused(buf, len, why);
}
END_TEST

/* --- headers inside the file ------------------------------------------------ */

START_TEST(refuses_truncated_program_headers)
{
    struct test_phdr ph[2] = {
        { TEST_PT_LOAD, 0, 0x400000, 0, 0x1000 },
        { TEST_PT_LOAD, 0, 0x401000, 0, 0x1000 },
    };
    uint8_t buf[64 + 2 * 56];
    size_t len = test_elf_build(buf, 0x400000, ph, 2);
    static const char why[] = "root task program headers lie outside the file";
    struct user_image img;
    ck_assert_ptr_null(check_bytes(buf, len, &img));
    expect_refused(buf, len - 1, why);
    expect_refused(buf, 64 + 56, why);
    expect_refused(buf, 64, why);
    /* e_phoff far past the end, and so large that phoff + size would wrap. */
    test_put64(buf + 32, 0x10000);
    expect_refused(buf, len, why);
    test_put64(buf + 32, UINT64_MAX - 8);
    expect_refused(buf, len, why);
}
END_TEST

START_TEST(refuses_segment_past_file_end)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    static const char why[] = "root task segment lies past the end of the file";
    struct user_image img;
    ck_assert_ptr_null(check_bytes(buf, len, &img));
    expect_refused(buf, len - 1, why);
    /* p_offset beyond the file, and p_offset + p_filesz wrapping to a small number. */
    test_put64(buf + 64 + 8, 0x2000);
    expect_refused(buf, len, why);
    test_put64(buf + 64 + 8, UINT64_MAX - 0x10);
    expect_refused(buf, len, why);
}
END_TEST

START_TEST(refuses_filesz_above_memsz)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0xff);
    expect_refused(buf, len, "root task segment has p_filesz larger than p_memsz");
    /* Also for a header outside the range (p_memsz 0), whose bytes seL4 would still copy. */
    struct test_phdr ph[2] = {
        { TEST_PT_LOAD, 0x1000, 0x400000, 0x100, 0x100 },
        { TEST_PT_NOTE, 0x1000, 0x500000, 0x10, 0 },
    };
    test_elf_build(buf, 0x400000, ph, 2);
    expect_refused(buf, len, "root task segment has p_filesz larger than p_memsz");
}
END_TEST

START_TEST(refuses_vaddr_plus_memsz_overflow)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    /* A second header whose end wraps past 2^64 to a small, harmless-looking value. */
    struct test_phdr ph[2] = {
        { TEST_PT_LOAD, 0x1000, 0x400000, 0x100, 0x100 },
        { TEST_PT_LOAD, 0x1000, 0xfffffffffffff000ULL, 0, 0x401000 },
    };
    test_elf_build(buf, 0x400000, ph, 2);
    expect_refused(buf, len, "root task segment wraps around the address space (p_vaddr + p_memsz overflows)");
    ph[1].vaddr = 1;
    ph[1].memsz = UINT64_MAX;
    test_elf_build(buf, 0x400000, ph, 2);
    expect_refused(buf, len, "root task segment wraps around the address space (p_vaddr + p_memsz overflows)");
}
END_TEST

/* --- the range ----------------------------------------------------------------- */

START_TEST(refuses_image_without_segments)
{
    uint8_t buf[64 + 56];
    size_t len = test_elf_build(buf, 0x400000, NULL, 0);
    expect_refused(buf, len, "root task has no segment with p_memsz > 0");
    struct test_phdr stack = { TEST_PT_GNU_STACK, 0, 0, 0, 0 };
    len = test_elf_build(buf, 0x400000, &stack, 1);
    expect_refused(buf, len, "root task has no segment with p_memsz > 0");
}
END_TEST

START_TEST(refuses_unaligned_start)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400010, 0x400010, 0x100, 0x100);
    struct user_image img;
    ck_assert_str_eq(check_bytes(buf, len, &img), "root task image start is not 4 KiB aligned");
    /* The range is reported so the caller can print it. */
    ck_assert_uint_eq(img.vbase, 0x400010);
    ck_assert_uint_eq(img.vend, 0x401000);
    ck_assert_uint_eq(img.entry, 0x400010);
}
END_TEST

START_TEST(refuses_end_beyond_user_top)
{
    static const char why[] = "root task image ends too high (end + 2 pages is above 0x7fffffffffff)";
    uint8_t buf[0x1100];
    struct user_image img;
    /* Highest accepted end: 0x7fffffffd000 + 2 pages = 0x7ffffffff000 <= 0x7fffffffffff. */
    size_t len = one_segment(buf, 0x7fffffffc000, 0x7fffffffc000, 0x100, 0x1000);
    ck_assert_ptr_null(check_bytes(buf, len, &img));
    ck_assert_uint_eq(img.vend, 0x7fffffffd000);
    /* One byte more rounds up to 0x7fffffffe000: too high. */
    len = one_segment(buf, 0x7fffffffc000, 0x7fffffffc000, 0x100, 0x1001);
    ck_assert_str_eq(check_bytes(buf, len, &img), why);
    ck_assert_uint_eq(img.vend, 0x7fffffffe000);
    /* Kernel half, and an end so high that rounding would wrap. */
    len = one_segment(buf, 0xffffffff80000000ULL, 0xffffffff80000000ULL, 0x100, 0x1000);
    expect_refused(buf, len, why);
    len = one_segment(buf, 0xfffffffffffff000ULL, 0xfffffffffffff000ULL, 0x100, 0xfff);
    expect_refused(buf, len, why);
}
END_TEST

START_TEST(refuses_entry_outside)
{
    static const char why[] = "root task entry point lies outside its image";
    uint8_t buf[0x1100];
    struct user_image img;
    /* Image [0x400000, 0x402000): memsz 0x1800 rounds up to two pages. */
    size_t len = one_segment(buf, 0x401fff, 0x400000, 0x100, 0x1800);
    ck_assert_ptr_null(check_bytes(buf, len, &img));
    ck_assert_uint_eq(img.entry, 0x401fff); /* in the rounded tail: accepted, as by seL4 */
    len = one_segment(buf, 0x402000, 0x400000, 0x100, 0x1800);
    expect_refused(buf, len, why);
    len = one_segment(buf, 0x3fffff, 0x400000, 0x100, 0x1800);
    expect_refused(buf, len, why);
    len = one_segment(buf, 0, 0x400000, 0x100, 0x1800);
    expect_refused(buf, len, why);
}
END_TEST

START_TEST(range_covers_every_header_type)
{
    /* seL4 takes the range over every header with p_memsz > 0, not only PT_LOAD. */
    struct test_phdr ph[4] = {
        { TEST_PT_LOAD, 0x1000, 0x400000, 0x100, 0x100 },
        { TEST_PT_GNU_STACK, 0, 0, 0, 0 },         /* p_memsz 0: ignored, though at 0 */
        { TEST_PT_TLS, 0x1000, 0x400f00, 0x10, 0x1200 }, /* .tbss past the last PT_LOAD */
        { TEST_PT_NOTE, 0x1000, 0x3ff000, 0x10, 0x10 },  /* lowest start */
    };
    uint8_t buf[0x1100];
    test_elf_build(buf, 0x400000, ph, 4);
    struct user_image img;
    ck_assert_ptr_null(check_bytes(buf, 0x1100, &img));
    ck_assert_uint_eq(img.vbase, 0x3ff000);
    ck_assert_uint_eq(img.vend, 0x403000); /* 0x400f00 + 0x1200 = 0x402100, rounded */
    ck_assert_uint_eq(img.entry, 0x400000);
}
END_TEST

START_TEST(accepts_file_at_any_alignment)
{
    uint8_t buf[0x1100];
    size_t len = one_segment(buf, 0x400000, 0x400000, 0x100, 0x100);
    uint8_t *odd = malloc(len + 1);
    memcpy(odd + 1, buf, len);
    struct user_image img;
    ck_assert_ptr_null(elf_image_check(odd + 1, len, &img));
    ck_assert_uint_eq(img.vbase, 0x400000);
    ck_assert_uint_eq(img.vend, 0x401000);
    uint8_t dest[0x1000];
    elf_image_copy(odd + 1, dest, &img);
    ck_assert_uint_eq(dest[0], 0x5a);
    ck_assert_uint_eq(dest[0xff], 0x5a);
    ck_assert_uint_eq(dest[0x100], 0);
    free(odd);
}
END_TEST

/* --- the copy ------------------------------------------------------------------- */

START_TEST(copy_places_bytes_and_zeroes_bss)
{
    /* Text at 0x400000 (one page of file bytes), data+bss at 0x402000 with a hole between. */
    struct test_phdr ph[2] = {
        { TEST_PT_LOAD, 0x1000, 0x400000, 0x20, 0x20 },
        { TEST_PT_LOAD, 0x2000, 0x402010, 0x8, 0x1100 },
    };
    uint8_t *file = calloc(1, 0x2008);
    test_elf_build(file, 0x400000, ph, 2);
    for (int i = 0; i < 0x20; i++) {
        file[0x1000 + i] = (uint8_t)(0x10 + i);
    }
    test_put64(file + 0x2000, 0x0123456789abcdefULL);
    struct user_image img;
    ck_assert_ptr_null(elf_image_check(file, 0x2008, &img));
    ck_assert_uint_eq(img.vbase, 0x400000);
    ck_assert_uint_eq(img.vend, 0x404000);

    uint8_t *dest = malloc(0x4000);
    memset(dest, 0xaa, 0x4000);
    elf_image_copy(file, dest, &img);
    for (int i = 0; i < 0x20; i++) {
        ck_assert_uint_eq(dest[i], 0x10 + i);
    }
    for (int i = 0x20; i < 0x2010; i++) {
        ck_assert_uint_eq(dest[i], 0); /* the hole is zeroed too */
    }
    ck_assert_uint_eq(test_get64(dest + 0x2010), 0x0123456789abcdefULL);
    for (int i = 0x2018; i < 0x4000; i++) {
        ck_assert_uint_eq(dest[i], 0); /* bss and the page tail */
    }
    free(dest);
    free(file);
}
END_TEST

START_TEST(copy_tls_header_zeroes_its_tbss)
{
    /*
     * The link of a program with thread-locals: .tdata (8 bytes) then .data
     * in one PT_LOAD; PT_TLS covers .tdata plus 0x20 bytes of .tbss, which
     * take no address space, so they shadow the start of .data. Loading
     * every header in order (as seL4 does) zeroes those 0x20 bytes.
     */
    struct test_phdr ph[2] = {
        { TEST_PT_LOAD, 0x1000, 0x400000, 0x40, 0x80 },
        { TEST_PT_TLS, 0x1000, 0x400000, 0x8, 0x28 },
    };
    uint8_t *file = calloc(1, 0x1040);
    test_elf_build(file, 0x400000, ph, 2);
    memset(file + 0x1000, 0x77, 0x40);
    struct user_image img;
    ck_assert_ptr_null(elf_image_check(file, 0x1040, &img));
    ck_assert_uint_eq(img.vend, 0x401000);

    uint8_t *dest = malloc(0x1000);
    elf_image_copy(file, dest, &img);
    for (int i = 0; i < 0x8; i++) {
        ck_assert_uint_eq(dest[i], 0x77); /* .tdata */
    }
    for (int i = 0x8; i < 0x28; i++) {
        ck_assert_uint_eq(dest[i], 0); /* .data under the .tbss shadow */
    }
    for (int i = 0x28; i < 0x40; i++) {
        ck_assert_uint_eq(dest[i], 0x77); /* the rest of .data */
    }
    for (int i = 0x40; i < 0x1000; i++) {
        ck_assert_uint_eq(dest[i], 0);
    }

    /* Headers in the other order: the PT_LOAD copy comes last and wins. */
    struct test_phdr swapped[2] = { ph[1], ph[0] };
    test_elf_build(file, 0x400000, swapped, 2);
    ck_assert_ptr_null(elf_image_check(file, 0x1040, &img));
    elf_image_copy(file, dest, &img);
    for (int i = 0; i < 0x40; i++) {
        ck_assert_uint_eq(dest[i], 0x77);
    }
    free(dest);
    free(file);
}
END_TEST

Suite *elf_image_suite(void)
{
    Suite *s = suite_create("elf_image");
    TCase *real = tcase_create("real programs");
    tcase_add_test(real, accepts_real_static_program);
    tcase_add_test(real, copies_real_static_program);
    tcase_add_test(real, refuses_real_dynamic_programs);
    suite_add_tcase(s, real);

    TCase *check = tcase_create("check");
    tcase_add_test(check, refuses_non_elf);
    tcase_add_test(check, refuses_short_files);
    tcase_add_test(check, refuses_elf32_and_bad_class);
    tcase_add_test(check, refuses_other_machines);
    tcase_add_test(check, refuses_truncated_program_headers);
    tcase_add_test(check, refuses_segment_past_file_end);
    tcase_add_test(check, refuses_filesz_above_memsz);
    tcase_add_test(check, refuses_vaddr_plus_memsz_overflow);
    tcase_add_test(check, refuses_image_without_segments);
    tcase_add_test(check, refuses_unaligned_start);
    tcase_add_test(check, refuses_end_beyond_user_top);
    tcase_add_test(check, refuses_entry_outside);
    tcase_add_test(check, range_covers_every_header_type);
    tcase_add_test(check, accepts_file_at_any_alignment);
    suite_add_tcase(s, check);

    TCase *copy = tcase_create("copy");
    tcase_add_test(copy, copy_places_bytes_and_zeroes_bss);
    tcase_add_test(copy, copy_tls_header_zeroes_its_tbss);
    suite_add_tcase(s, copy);
    return s;
}
