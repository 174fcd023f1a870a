/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Shared by the suites: a writer for hand-made ELF files (so each
 * edge case is a few lines in its test) and a reader for the linked
 * fixtures.
 */
#include "boot_tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void test_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void test_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

void test_put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

uint64_t test_get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

size_t test_elf_build(uint8_t *buf, uint64_t entry, const struct test_phdr *ph, unsigned n)
{
    size_t size = TEST_ELF_HEADER_SIZE + (size_t)n * TEST_PHDR_SIZE;
    memset(buf, 0, size);
    memcpy(buf, "\177ELF", 4);
    buf[4] = 2; /* ELFCLASS64 */
    buf[5] = 1; /* ELFDATA2LSB */
    buf[6] = 1; /* EV_CURRENT */
    test_put16(buf + 16, 2); /* ET_EXEC */
    test_put16(buf + 18, TEST_EM_X86_64);
    test_put32(buf + 20, 1);
    test_put64(buf + 24, entry);
    test_put64(buf + 32, TEST_ELF_HEADER_SIZE);
    test_put16(buf + 52, TEST_ELF_HEADER_SIZE);
    test_put16(buf + 54, TEST_PHDR_SIZE);
    test_put16(buf + 56, (uint16_t)n);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = buf + TEST_ELF_HEADER_SIZE + (size_t)i * TEST_PHDR_SIZE;
        test_put32(p + 0, ph[i].type);
        test_put32(p + 4, 7); /* RWX */
        test_put64(p + 8, ph[i].offset);
        test_put64(p + 16, ph[i].vaddr);
        test_put64(p + 24, ph[i].vaddr);
        test_put64(p + 32, ph[i].filesz);
        test_put64(p + 40, ph[i].memsz);
        test_put64(p + 48, 0x1000);
    }
    return size;
}

uint8_t *test_read_fixture(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open fixture %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    ck_assert_int_gt(size, 0);
    rewind(f);
    uint8_t *data = malloc((size_t)size);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *len = (size_t)size;
    return data;
}
