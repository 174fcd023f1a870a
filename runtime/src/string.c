/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Memory and string functions. The copy, fill and compare functions move a
 * word (8 bytes) at a time once the destination is aligned, since Rust code
 * calls them for every move of a large value. No system calls: the host
 * tests build this file with the names prefixed and compare against
 * reference results.
 */
#include <stddef.h>
#include <stdint.h>

/* The compiler must not turn the byte loops below into calls to the very
 * functions they implement. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

typedef uint64_t __attribute__((may_alias, aligned(1))) unaligned_word;
typedef uint64_t __attribute__((may_alias)) word;

#define WORD_SIZE 8u
#define ONES ((uint64_t)0x0101010101010101ull)

static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= 2 * WORD_SIZE) {
        while ((uintptr_t)d % WORD_SIZE != 0) {
            *d++ = *s++;
            n--;
        }
        while (n >= 4 * WORD_SIZE) {
            uint64_t a = ((const unaligned_word *)s)[0];
            uint64_t b = ((const unaligned_word *)s)[1];
            uint64_t c = ((const unaligned_word *)s)[2];
            uint64_t e = ((const unaligned_word *)s)[3];
            ((word *)d)[0] = a;
            ((word *)d)[1] = b;
            ((word *)d)[2] = c;
            ((word *)d)[3] = e;
            d += 4 * WORD_SIZE;
            s += 4 * WORD_SIZE;
            n -= 4 * WORD_SIZE;
        }
        while (n >= WORD_SIZE) {
            *(word *)d = *(const unaligned_word *)s;
            d += WORD_SIZE;
            s += WORD_SIZE;
            n -= WORD_SIZE;
        }
    }
    while (n-- > 0) {
        *d++ = *s++;
    }
}

/* Copies from the end down, for overlapping moves to a higher address. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    d += n;
    s += n;
    if (n >= 2 * WORD_SIZE) {
        while ((uintptr_t)d % WORD_SIZE != 0) {
            *--d = *--s;
            n--;
        }
        while (n >= WORD_SIZE) {
            d -= WORD_SIZE;
            s -= WORD_SIZE;
            *(word *)d = *(const unaligned_word *)s;
            n -= WORD_SIZE;
        }
    }
    while (n-- > 0) {
        *--d = *--s;
    }
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    copy_forward(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0) {
        return dst;
    }
    /* forward is safe when the destination starts below the source: each
     * word is read before any write can reach it */
    if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
        copy_forward(d, s, n);
    } else {
        copy_backward(d, s, n);
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char byte = (unsigned char)c;
    if (n >= 2 * WORD_SIZE) {
        uint64_t pattern = ONES * byte;
        while ((uintptr_t)d % WORD_SIZE != 0) {
            *d++ = byte;
            n--;
        }
        while (n >= 4 * WORD_SIZE) {
            ((word *)d)[0] = pattern;
            ((word *)d)[1] = pattern;
            ((word *)d)[2] = pattern;
            ((word *)d)[3] = pattern;
            d += 4 * WORD_SIZE;
            n -= 4 * WORD_SIZE;
        }
        while (n >= WORD_SIZE) {
            *(word *)d = pattern;
            d += WORD_SIZE;
            n -= WORD_SIZE;
        }
    }
    while (n-- > 0) {
        *d++ = byte;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    while (n >= WORD_SIZE && *(const unaligned_word *)x == *(const unaligned_word *)y) {
        x += WORD_SIZE;
        y += WORD_SIZE;
        n -= WORD_SIZE;
    }
    for (; n > 0; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n);
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n > 0; n--, p++) {
        if (*p == (unsigned char)c) {
            return (void *)p;
        }
    }
    return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = (const unsigned char *)s + n;
    while (n-- > 0) {
        if (*--p == (unsigned char)c) {
            return (void *)p;
        }
    }
    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p != '\0') {
        p++;
    }
    return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0') {
        n++;
    }
    return n;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x != '\0' && *x == *y) {
        x++;
        y++;
    }
    return (*x > *y) - (*x < *y);
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (; n > 0; n--, x++, y++) {
        if (*x != *y || *x == '\0') {
            return (*x > *y) - (*x < *y);
        }
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) {
            return (char *)s;
        }
        if (*s == '\0') {
            return NULL;
        }
    }
}

char *strrchr(const char *s, int c)
{
    const char *found = NULL;
    for (;; s++) {
        if (*s == (char)c) {
            found = s;
        }
        if (*s == '\0') {
            return (char *)found;
        }
    }
}

char *strcpy(char *restrict dst, const char *restrict src)
{
    char *d = dst;
    while ((*d++ = *src++) != '\0') {
    }
    return dst;
}

/* Copies at most n bytes and pads with zeroes, as the standard says. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i] != '\0'; i++) {
        dst[i] = src[i];
    }
    for (; i < n; i++) {
        dst[i] = '\0';
    }
    return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) {
        return (char *)haystack;
    }
    for (; *haystack != '\0'; haystack++) {
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0) {
            return (char *)haystack;
        }
    }
    return NULL;
}
