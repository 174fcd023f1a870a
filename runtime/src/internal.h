/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Declarations shared between the runtime's files: the start-up steps each
 * file provides, the serial console, and setting errno. Functions that are
 * the runtime's own (not the C library's or the public sel4runtime_ API)
 * are named sel4rt_..., so that they cannot collide with a program's names
 * in the static link.
 */
#ifndef SEL4RUNTIME_INTERNAL_H
#define SEL4RUNTIME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4/sel4.h>

#include "layout.h"
#include "libc_abi.h"
#include "sel4runtime.h"

#define NORETURN __attribute__((noreturn))

/* bootinfo.c: remembers the boot info; hands out slots from the top of the
 * empty region for the runtime's own capabilities. */
void sel4rt_bootinfo_record(const seL4_BootInfo *bootinfo);
seL4_CPtr sel4rt_bootinfo_take_top_slot(void);
/* Payload of the first extra boot info chunk with this id, or NULL. */
const void *sel4rt_bootinfo_extra_chunk(seL4_Word id, size_t *size);

/* tls.c: lays out the initial thread's TLS and loads the FS base. */
void sel4rt_tls_init_initial_thread(void);
/* The initial thread's TLS block (for dl_iterate_phdr). */
void *sel4rt_tls_initial_block(void);

/* ioports.c: issues the runtime's I/O port capabilities. */
void sel4rt_ioports_init(void);
seL4_CPtr sel4rt_ioports_serial(void);
seL4_CPtr sel4rt_ioports_exit(void);
seL4_CPtr sel4rt_ioports_rtc(void);
void sel4rt_ioports_release_rtc(void);

/* rtc.c: the CMOS clock as seconds since 1970, or -1 when it cannot be read. */
int64_t sel4rt_rtc_read_unix_seconds(void);

/* serial.c: COM1 through the I/O port capability. */
void sel4rt_serial_init(void);
void sel4rt_serial_write(const char *data, size_t length);
void sel4rt_serial_drain(void);
/* Blocks until input arrives; 0 (end of file) without a console. */
size_t sel4rt_serial_read(char *buf, size_t length);
bool sel4rt_serial_input_ready(void);

/* time.c: the TSC clock. */
void sel4rt_time_init(void);
uint64_t sel4rt_time_now_ns(void);

/* random.c: fills buf with random bytes (RDRAND, or a TSC-seeded mix on
 * CPUs without it). */
void sel4rt_random_fill(void *buf, size_t length);

/* environment.c: starts `environ` with copies of the "NAME=value" entries
 * (each checked by arguments.c), later ones winning. */
void sel4rt_environment_init(char *const *entries, size_t count);

/* exit.c */
NORETURN void exit(int status);
NORETURN void sel4rt_exit_to_port(int status);

/* malloc.c: the heap behind malloc, for mmap too. */
void *sel4rt_heap_alloc_pages(size_t length);
bool sel4rt_heap_release_pages(void *addr);

/* thread_memory.c: retypes `count` objects from an untyped into the root
 * CNode from `slot` on (depth 0: the slots are direct indices). */
seL4_Error sel4rt_untyped_retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits,
                                 seL4_CPtr slot, seL4_Word count);

/* heap_grow.c: maps at least `bytes` more of fresh memory into the heap
 * window and adds it to h; false when untyped memory or slots run out.
 * The caller holds the heap lock. */
struct heap;
bool sel4rt_heap_grow(struct heap *h, size_t bytes);
/* Reserves the slots heap growth uses; at start-up, after the threads'. */
void sel4rt_heap_grow_init(void);

/* The initial stack (defined in startup.c, used by entry.S). */
struct initial_stack {
    unsigned char guard[SEL4RUNTIME_PAGE_SIZE];
    unsigned char stack[SEL4RUNTIME_STACK_SIZE];
};
extern struct initial_stack sel4runtime_stack_area;

/* stack_guard.c: unmaps the guard page of the initial stack. */
void sel4rt_stack_guard_init(void);

/* Sets errno and returns -1, the usual failure of a C library call. */
int *__errno_location(void);
static inline long fail_with(int error)
{
    *__errno_location() = error;
    return -1;
}

#endif
