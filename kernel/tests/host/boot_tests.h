/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The suites of the boot logic host tests, one per file, and the functions
 * they share: building ELF files in memory and reading the fixtures the
 * Makefile links.
 */
#ifndef BOOT_TESTS_H
#define BOOT_TESTS_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

Suite *elf_image_suite(void);
Suite *elf_fuzz_suite(void);
Suite *untyped_split_suite(void);
Suite *untyped_window_suite(void);
Suite *boot_info_suite(void);
Suite *paging_entries_suite(void);
Suite *caps_suite(void);
Suite *registers_suite(void);
Suite *fastpath_lookup_suite(void);
Suite *preemption_suite(void);

/* The interrupt controller the host tests give preemption points
   (test_preemption.c): whether an interrupt is pending (true unless a test
   says otherwise) and how many times it was asked. */
extern bool test_interrupt_pending;
extern unsigned test_interrupt_checks;
/* Brings the work-unit count to zero, so a test knows where the next check is. */
void test_preemption_sync(void);

/* One program header of a hand-built ELF file. */
struct test_phdr {
    uint32_t type;
    uint64_t offset, vaddr, filesz, memsz;
};

/* ELF64 constants the tests write (System V gABI). */
enum {
    TEST_EM_386 = 3,
    TEST_EM_X86_64 = 62,
    TEST_EM_AARCH64 = 183,
    TEST_PT_LOAD = 1,
    TEST_PT_DYNAMIC = 2,
    TEST_PT_INTERP = 3,
    TEST_PT_NOTE = 4,
    TEST_PT_TLS = 7,
    TEST_PT_GNU_STACK = 0x6474e551,
    TEST_ELF_HEADER_SIZE = 64,
    TEST_PHDR_SIZE = 56,
};

/*
 * Writes an ELF64 x86_64 executable header with e_entry = entry and the n
 * program headers right after it (e_phoff 64) into buf, zeroing the first
 * min(size, 64 + 56n) bytes; buf must hold 64 + 56n bytes. Segment contents
 * are the caller's to place. Returns 64 + 56n.
 */
size_t test_elf_build(uint8_t *buf, uint64_t entry, const struct test_phdr *ph, unsigned n);

/* Little-endian stores into a file being built. */
void test_put16(uint8_t *p, uint16_t v);
void test_put32(uint8_t *p, uint32_t v);
void test_put64(uint8_t *p, uint64_t v);
uint64_t test_get64(const uint8_t *p);

/* Reads FIXTURE_DIR/name into a malloc'd buffer of exactly its size; aborts the test on error. */
uint8_t *test_read_fixture(const char *name, size_t *len);

#endif /* BOOT_TESTS_H */
