/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/* The few memory and string functions the kernel uses (gcc may also call memset/memcpy itself). */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memset(void *dest, int c, size_t n);
void *memcpy(void *restrict dest, const void *restrict src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);
/* Copies at most size-1 bytes and always terminates (when size > 0). */
void strlcpy_k(char *dest, const char *src, size_t size);

#endif /* KERNEL_STRING_H */
