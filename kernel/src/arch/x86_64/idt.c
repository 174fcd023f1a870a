/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The IDT: all 256 vectors go to the stubs in traps.S. As in seL4, user code
 * may raise the breakpoint (int3) and the trap vectors 158..255 with "int n"
 * (DPL 3); any other "int n" takes a general protection fault.
 */
#include <arch/x86_64/context.h>
#include <arch/x86_64/machine.h>
#include <stdint.h>

struct idt_entry {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t zero;
} __attribute__((packed));

static struct idt_entry idt[256] __attribute__((aligned(16)));
extern const uint64_t interrupt_stubs[256];

struct idt_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        uint64_t a = interrupt_stubs[v];
        idt[v] = (struct idt_entry){
            .offset_low = (uint16_t)a,
            .selector = SEL_KERNEL_CS,
            .ist = 0,
            /* present, 64-bit interrupt gate (IF cleared), DPL 3 or 0 */
            .type_attr = (v == 3 || v >= VECTOR_TRAP_MIN) ? 0xee : 0x8e,
            .offset_mid = (uint16_t)(a >> 16),
            .offset_high = (uint32_t)(a >> 32),
            .zero = 0,
        };
    }
    struct idt_pointer p = {sizeof(idt) - 1, (uint64_t)(uintptr_t)idt};
    __asm__ volatile("lidt %0" : : "m"(p));
}
