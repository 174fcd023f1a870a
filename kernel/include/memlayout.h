/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Where everything lives, physically and virtually.
 *
 * Virtual address map (x86_64, 4-level paging, every page table shares the
 * top PML4 entry, which belongs to the kernel):
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (USER_TOP inclusive);
 *                                             the root task's image, IPC buffer,
 *                                             boot info and extra boot info
 *   0xffff800000000000 .. 0xffffff7fffffffff  unused
 *   0xffffff8000000000 .. 0xffffffff7fffffff  PPTR window: physical 0 .. 510 GiB,
 *                                             1 GiB pages, kernel only; the kernel
 *                                             reaches every object through it
 *   0xffffffff80000000 .. 0xffffffffbfffffff  kernel ELF window: physical 0 .. 1 GiB;
 *                                             the kernel image is linked here
 *   0xffffffffc0000000 .. 0xffffffffffffffff  physical 1 .. 2 GiB (unused)
 *
 * Physical memory at boot:
 *
 *   0x00000000 .. 0x000fffff  BIOS, multiboot info; never handed out
 *   0x00100000 .. kernel_end  the kernel image (.boot at its physical address,
 *                             then .text/.data/.bss linked at KERNEL_ELF_BASE + phys)
 *   kernel_end .. +image      the root task's image, copied from the module
 *   then                      boot allocations: root CNode, TCB, paging structures,
 *                             IPC buffer, boot info, extra boot info
 *   the rest of RAM           untyped memory for the root task
 */
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H

#define KERNEL_PHYS_BASE 0x100000
#define KERNEL_ELF_BASE  0xffffffff80000000
#define PPTR_BASE        0xffffff8000000000
/* The PPTR window covers physical addresses below this. */
#define PPTR_WINDOW_SIZE (510ull << 30)

/* Highest user virtual address, inclusive (seL4's USER_TOP). */
#define USER_TOP 0x7fffffffffffull

/* Where kernel stacks and boot page tables are sized. */
#define KERNEL_STACK_SIZE 0x4000

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Kernel virtual address of physical address p (through the PPTR window). */
static inline void *kva(uint64_t p)
{
    return (void *)(uintptr_t)(p + PPTR_BASE);
}

/* Physical address of a kernel pointer, in either window. */
static inline uint64_t kpa(const void *v)
{
    uint64_t a = (uint64_t)(uintptr_t)v;
    return a >= KERNEL_ELF_BASE ? a - KERNEL_ELF_BASE : a - PPTR_BASE;
}
#endif

#endif /* MEMLAYOUT_H */
