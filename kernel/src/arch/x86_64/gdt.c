/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The GDT and the TSS. User selectors are seL4's (CS 0x2b, SS 0x33, FS 0x3b,
 * GS 0x43). sysretq derives its selectors from STAR: CS = base + 16 and
 * SS = base + 8, so with base 0x18 it loads CS 0x2b and SS 0x23; entry 4 is
 * therefore a user data segment too, keeping SS valid for a later iretq. The
 * TSS sits after the user entries (0x48); its rsp0 points into the current
 * thread's saved context.
 */
#include <arch/x86_64/context.h>
#include <arch/x86_64/machine.h>
#include <stdint.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

static struct tss tss __attribute__((aligned(16)));

#define SEG_CODE64_KERNEL 0x00209a0000000000ull
#define SEG_DATA_KERNEL 0x0000920000000000ull
#define SEG_CODE32_USER 0x00cffa000000ffffull
#define SEG_DATA_USER 0x00cff2000000ffffull
#define SEG_CODE64_USER 0x0020fa0000000000ull

static uint64_t gdt[11] __attribute__((aligned(16))) = {
    0,                 /* 0x00 null */
    SEG_CODE64_KERNEL, /* 0x08 kernel code */
    SEG_DATA_KERNEL,   /* 0x10 kernel data */
    SEG_CODE32_USER,   /* 0x18 base of STAR's user selectors */
    SEG_DATA_USER,     /* 0x20 SS after sysretq (0x23) */
    SEG_CODE64_USER,   /* 0x28 user code (0x2b) */
    SEG_DATA_USER,     /* 0x30 user stack (0x33) */
    SEG_DATA_USER,     /* 0x38 TLS (0x3b) */
    SEG_DATA_USER,     /* 0x40 IPC buffer (0x43) */
    0, 0,              /* 0x48 TSS, filled in below */
};

struct descriptor_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

void tss_set_rsp0(uint64_t rsp0)
{
    tss.rsp0 = rsp0;
}

void gdt_init(void)
{
    uint64_t base = (uint64_t)(uintptr_t)&tss;
    uint64_t limit = sizeof(tss) - 1;
    /* No I/O permission bitmap: user port access goes through IOPort caps. */
    tss.iomap_base = sizeof(tss);
    gdt[SEL_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
                       (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[SEL_TSS / 8 + 1] = base >> 32;

    struct descriptor_pointer p = {sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt};
    __asm__ volatile("lgdt %0" : : "m"(p));
    /* Reload every segment register with the new table's selectors. */
    __asm__ volatile("pushq %0\n"
                     "leaq 1f(%%rip), %%rax\n"
                     "pushq %%rax\n"
                     "lretq\n"
                     "1:\n"
                     "movw %w1, %%ds\n"
                     "movw %w1, %%es\n"
                     "movw %w1, %%ss\n"
                     :
                     : "i"(SEL_KERNEL_CS), "r"(SEL_KERNEL_DS)
                     : "rax", "memory");
    __asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}
