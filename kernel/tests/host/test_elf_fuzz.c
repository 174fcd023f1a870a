/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Mutation fuzzing of the root task ELF check, under AddressSanitizer and
 * UBSan: thousands of deterministic random mutations of valid files (the
 * real static fixture and a hand-made multi-header one). The check must
 * never read outside the file, overflow or crash; every file it accepts must
 * satisfy the loading invariants, recomputed here independently; and every
 * accepted image of reasonable size is copied into a buffer of exactly its
 * size, so a write outside the image is caught too.
 */
#include "boot_tests.h"

#include <boot/elf_image.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { ITERATIONS_PER_SEED_FILE = 4000, MAX_COPY_SIZE = 16 << 20 };

/* splitmix64: small, deterministic, good enough to pick mutations. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Values that sit on the edges the check must handle. */
static const uint64_t interesting[] = {
    0, 1, 0x38, 0x40, 0xfff, 0x1000, 0x1001, 0x400000, 0x401000,
    0x7fffffffc000ULL, 0x7fffffffd000ULL, 0x7fffffffe000ULL, 0x7fffffffffffULL, 0x800000000000ULL,
    0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xfffffffffffff000ULL, UINT64_MAX - 1, UINT64_MAX,
};

/* Offsets of the 8-byte fields worth hitting: e_entry, e_phoff, and each phdr's offset/vaddr/filesz/memsz. */
static size_t pick_field(uint64_t *rng, size_t len)
{
    static const size_t phdr_fields[] = { 8, 16, 32, 40 };
    if (next_random(rng) % 4 == 0) {
        return next_random(rng) % 2 ? 24 : 32;
    }
    size_t phdrs = (len - 64) / 56;
    if (phdrs > 8) {
        phdrs = 8;
    }
    size_t index = phdrs == 0 ? 0 : next_random(rng) % phdrs;
    return 64 + index * 56 + phdr_fields[next_random(rng) % 4];
}

static void mutate(uint8_t *buf, size_t *len, uint64_t *rng)
{
    unsigned count = 1 + (unsigned)(next_random(rng) % 4);
    for (unsigned i = 0; i < count; i++) {
        switch (next_random(rng) % 6) {
        case 0: /* flip a bit in the headers */
            buf[next_random(rng) % (64 + 8 * 56 < *len ? 64 + 8 * 56 : *len)] ^= (uint8_t)(1u << (next_random(rng) % 8));
            break;
        case 1: { /* an edge value in a header field */
            size_t at = pick_field(rng, *len);
            if (at + 8 <= *len) {
                test_put64(buf + at, interesting[next_random(rng) % (sizeof(interesting) / sizeof(interesting[0]))]);
            }
            break;
        }
        case 2: { /* a small change to a header field */
            size_t at = pick_field(rng, *len);
            if (at + 8 <= *len) {
                uint64_t delta = next_random(rng) % 0x2000;
                test_put64(buf + at, test_get64(buf + at) + (next_random(rng) % 2 ? delta : -delta));
            }
            break;
        }
        case 3: /* a random phdr type or count */
            if (next_random(rng) % 2 && *len >= 64 + 56) {
                static const uint32_t types[] = { 0, 1, 2, 3, 4, 6, 7, 0x6474e550, 0x6474e551, 0x6474e552 };
                size_t phdrs = (*len - 64) / 56;
                size_t index = next_random(rng) % (phdrs < 8 ? phdrs : 8);
                test_put32(buf + 64 + index * 56, types[next_random(rng) % 10]);
            } else {
                test_put16(buf + 56, (uint16_t)(next_random(rng) % 12));
            }
            break;
        case 4: /* truncate */
            *len = next_random(rng) % (*len + 1);
            break;
        default: /* a random byte anywhere */
            if (*len > 0) {
                buf[next_random(rng) % *len] = (uint8_t)next_random(rng);
            }
            break;
        }
        if (*len < 64) {
            return;
        }
    }
}

/* What an accepted file must satisfy, recomputed without the code under test. */
static void check_invariants(const uint8_t *file, size_t len, const struct user_image *img)
{
    ck_assert_uint_ge(len, 64);
    ck_assert_mem_eq(file, "\177ELF\002", 5);
    ck_assert_uint_eq(file[18] | (file[19] << 8), TEST_EM_X86_64);
    ck_assert_uint_eq(img->vbase % 0x1000, 0);
    ck_assert_uint_eq(img->vend % 0x1000, 0);
    ck_assert_uint_lt(img->vbase, img->vend);
    ck_assert_uint_le(img->vend + 0x2000, 0x7fffffffffffULL);
    ck_assert_uint_ge(img->entry, img->vbase);
    ck_assert_uint_lt(img->entry, img->vend);
    ck_assert_uint_eq(img->entry, test_get64(file + 24));

    uint64_t phoff = test_get64(file + 32);
    unsigned phnum = file[56] | (file[57] << 8);
    ck_assert_uint_le(phoff, len);
    ck_assert_uint_le((uint64_t)phnum * 56, len - phoff);
    uint64_t low = UINT64_MAX, high = 0;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = file + phoff + (uint64_t)i * 56;
        uint32_t type = (uint32_t)(ph[0] | (ph[1] << 8) | (ph[2] << 16) | ((uint32_t)ph[3] << 24));
        uint64_t offset = test_get64(ph + 8), vaddr = test_get64(ph + 16);
        uint64_t filesz = test_get64(ph + 32), memsz = test_get64(ph + 40);
        ck_assert_uint_ne(type, TEST_PT_INTERP);
        ck_assert_uint_ne(type, TEST_PT_DYNAMIC);
        ck_assert_uint_le(filesz, memsz);
        if (filesz > 0) {
            ck_assert_uint_le(offset, len);
            ck_assert_uint_le(filesz, len - offset);
        }
        if (memsz > 0) {
            ck_assert_uint_ge(vaddr, img->vbase);
            ck_assert_uint_le(memsz, img->vend - vaddr);
            low = vaddr < low ? vaddr : low;
            high = vaddr + memsz > high ? vaddr + memsz : high;
        }
    }
    ck_assert_uint_eq(img->vbase, low);
    ck_assert_uint_eq(img->vend, (high + 0xfff) & ~0xfffULL);
}

struct fuzz_totals {
    unsigned accepted, refused, copied;
};

static void fuzz_from(const uint8_t *seed, size_t seed_len, uint64_t rng, struct fuzz_totals *totals)
{
    uint8_t *work = malloc(seed_len);
    for (unsigned iteration = 0; iteration < ITERATIONS_PER_SEED_FILE; iteration++) {
        memcpy(work, seed, seed_len);
        size_t len = seed_len;
        mutate(work, &len, &rng);
        /* An exact-size heap copy: any read past len is an ASan error. */
        uint8_t *file = malloc(len == 0 ? 1 : len);
        memcpy(file, work, len);
        struct user_image img;
        const char *why = elf_image_check(file, len, &img);
        if (why != NULL) {
            ck_assert_uint_gt(strlen(why), 10);
            ck_assert_msg(strncmp(why, "root task ", 10) == 0, "message \"%s\" does not name the root task", why);
            totals->refused++;
        } else {
            check_invariants(file, len, &img);
            totals->accepted++;
            if (img.vend - img.vbase <= MAX_COPY_SIZE) {
                uint8_t *dest = malloc(img.vend - img.vbase);
                elf_image_copy(file, dest, &img);
                free(dest);
                totals->copied++;
            }
        }
        free(file);
    }
    free(work);
}

/* A hand-made seed with several header types, so mutations reach more paths. */
static size_t build_multi_header_seed(uint8_t *buf)
{
    struct test_phdr ph[5] = {
        { TEST_PT_LOAD, 0, 0x400000, 0x200, 0x200 },
        { TEST_PT_LOAD, 0x200, 0x401000, 0x100, 0x100 },
        { TEST_PT_LOAD, 0x300, 0x402300, 0x40, 0x1000 },
        { TEST_PT_TLS, 0x300, 0x402300, 0x10, 0x30 },
        { TEST_PT_GNU_STACK, 0, 0, 0, 0 },
    };
    test_elf_build(buf, 0x401000, ph, 5);
    for (size_t i = 64 + 5 * 56; i < 0x340; i++) {
        buf[i] = (uint8_t)(i * 7);
    }
    return 0x340;
}

START_TEST(fuzz_mutated_files)
{
    struct fuzz_totals totals = { 0, 0, 0 };
    size_t len;
    uint8_t *fixture = test_read_fixture("fixture_static.elf", &len);
    struct user_image img;
    ck_assert_ptr_null(elf_image_check(fixture, len, &img));
    fuzz_from(fixture, len, 0x5eed0001ULL, &totals);
    free(fixture);

    uint8_t seed[0x340];
    size_t seed_len = build_multi_header_seed(seed);
    ck_assert_ptr_null(elf_image_check(seed, seed_len, &img));
    fuzz_from(seed, seed_len, 0x5eed0002ULL, &totals);

    /* Both outcomes must actually be exercised, or the fuzzing proves little. */
    ck_assert_uint_eq(totals.accepted + totals.refused, 2 * ITERATIONS_PER_SEED_FILE);
    ck_assert_uint_gt(totals.accepted, 200);
    ck_assert_uint_gt(totals.refused, 2000);
    ck_assert_uint_gt(totals.copied, 100);
}
END_TEST

Suite *elf_fuzz_suite(void)
{
    Suite *s = suite_create("elf_fuzz");
    TCase *tc = tcase_create("mutations");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fuzz_mutated_files);
    suite_add_tcase(s, tc);
    return s;
}
