/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Random bytes for getrandom (std seeds HashMap with them). RDRAND when the
 * CPU has it, retried as Intel advises. QEMU's Nehalem model has no
 * RDRAND; there the bytes come from a SplitMix64 stream seeded and stirred
 * with the TSC: fine for hash seeds, NOT fit for cryptography.
 */
#include "internal.h"

#define RDRAND_RETRIES 10

static uint64_t read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

static bool cpu_has_rdrand(void)
{
    uint32_t eax = 1, ebx, ecx = 0, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    return (ecx >> 30) & 1;
}

static bool rdrand(uint64_t *out)
{
    for (int i = 0; i < RDRAND_RETRIES; i++) {
        unsigned char ok;
        __asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok)::"cc");
        if (ok) {
            return true;
        }
    }
    return false;
}

static uint64_t splitmix_state;

static uint64_t splitmix_next(void)
{
    splitmix_state += 0x9e3779b97f4a7c15ull ^ read_tsc();
    uint64_t z = splitmix_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void sel4rt_random_fill(void *buf, size_t length)
{
    static int has_rdrand = -1;
    if (has_rdrand < 0) {
        has_rdrand = cpu_has_rdrand();
    }
    unsigned char *out = buf;
    while (length > 0) {
        uint64_t value;
        if (!has_rdrand || !rdrand(&value)) {
            value = splitmix_next();
        }
        for (int i = 0; i < 8 && length > 0; i++, length--) {
            *out++ = (unsigned char)(value >> (8 * i));
        }
    }
}

ssize_t getrandom(void *buf, size_t length, unsigned int flags)
{
    (void)flags; /* never blocks, so GRND_NONBLOCK and GRND_RANDOM change nothing */
    sel4rt_random_fill(buf, length);
    return (ssize_t)length;
}

int getentropy(void *buf, size_t length)
{
    if (length > 256) {
        return (int)fail_with(EIO);
    }
    sel4rt_random_fill(buf, length);
    return 0;
}
