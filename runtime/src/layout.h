/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The root task's memory map as the runtime sees it, and the sizes of the
 * static areas the runtime reserves in .bss. Everything here is part of the
 * program image: the kernel maps the image with one 4 KiB frame capability
 * per page in the 4096-slot root CNode, so the image (code, data and these
 * areas together) should stay under about 4 MiB.
 *
 *   image start (0x400000 with the default link)
 *     .text .rodata .eh_frame_hdr .eh_frame    program code and tables
 *     .tdata .data .bss                        program data
 *       guard page     unmapped at start-up     (in .bss)
 *       initial stack  SEL4RUNTIME_STACK_SIZE   (in .bss)
 *       heap           SEL4RUNTIME_HEAP_SIZE    (in .bss)
 *       initial TLS    SEL4RUNTIME_TLS_STATIC_SIZE (in .bss)
 *   image end        IPC buffer (one page, bootinfo->ipcBuffer)
 *   image end + 4K   seL4_BootInfo
 *   image end + 8K   extra boot info chunks
 *   0x2000000000     heap window, 128 GiB: memory the heap grows into
 *                    (heap_grow.c), mapped upwards as needed
 *   0x4000000000     thread windows, 1 GiB each (thread.h, thread_memory.c)
 *
 * Included from assembly too, so only preprocessor definitions here.
 */
#ifndef SEL4RUNTIME_LAYOUT_H
#define SEL4RUNTIME_LAYOUT_H

#define SEL4RUNTIME_PAGE_SIZE 4096

/* Stack of the initial thread: 1 MiB, page aligned. */
#define SEL4RUNTIME_STACK_SIZE (1024 * 1024)

/* Static heap: 2 MiB; more regions can be added at run time. */
#define SEL4RUNTIME_HEAP_SIZE (2 * 1024 * 1024)

/* The window the heap grows into from untyped memory: 128 GiB to 256 GiB,
 * clear of the image, of 64 GiB (0x1000000000, where programs and tests
 * map their own pages) and of the thread windows at 256 GiB. */
#define SEL4RUNTIME_HEAP_AREA 0x2000000000
#define SEL4RUNTIME_HEAP_AREA_SIZE 0x2000000000

/* Static space for the initial thread's TLS block and its control block;
 * a larger PT_TLS segment is placed on the heap instead. */
#define SEL4RUNTIME_TLS_STATIC_SIZE (8 * 1024)

#endif
