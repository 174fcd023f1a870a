/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The arithmetic of Untyped_Retype, apart from any memory: object sizes per
 * type, the free-index watermark and its alignment, and whether a number of
 * objects fits. Pure functions, tested on the host.
 */
#ifndef OBJECT_UNTYPED_MATH_H
#define OBJECT_UNTYPED_MATH_H

#include <stdbool.h>
#include <stdint.h>

/* log2 of the size of an object of type (seL4_*Object) with the user's size
   argument (seL4's getObjectSize); user_size must be below 64. */
unsigned retype_object_bits(uint64_t type, uint64_t user_size);
/* The type is a frame (seL4's Arch_isFrameType), the only kind besides
   untypeds that device memory can hold. */
bool retype_is_frame_type(uint64_t type);
/* Bytes left above the watermark of an untyped of 2^size_bits bytes. */
uint64_t untyped_free_bytes(unsigned size_bits, uint64_t free_index);
/* count objects of 2^object_bits bytes fit into free_bytes (ignoring alignment, as seL4). */
bool untyped_fits(uint64_t free_bytes, unsigned object_bits, uint64_t count);
/* The first address at or above addr aligned to 2^bits. */
uint64_t align_up_bits(uint64_t addr, unsigned bits);
/* The physical address of the first of the objects of 2^object_bits bytes
   retyped from the untyped at paddr with its watermark at free_index. seL4
   aligns at the object's kernel-window address (paddr + PPTR_BASE), not at
   paddr: the two agree below 2^39 bytes, and above, untypeds are blocks
   aligned in the window (boot/untyped_split.c), so a child aligned there
   stays inside its parent. */
uint64_t untyped_object_paddr(uint64_t paddr, uint64_t free_index, unsigned object_bits);

#endif /* OBJECT_UNTYPED_MATH_H */
