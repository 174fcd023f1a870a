/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Time: the TSC frequency (from CPUID when the CPU states it, otherwise
 * measured against the PIT over 1 ms, not seL4's 200 ms) and the kernel's
 * 2 ms tick from the local APIC timer in periodic mode, calibrated in the
 * same 1 ms window. The legacy 8259 PICs are remapped out of the exception
 * vectors and masked; interrupts reach the kernel only through the LAPIC,
 * whose request register also tells preemption points whether one waits.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <memlayout.h>

#define MSR_APIC_BASE 0x1b
#define LAPIC_TPR 0x80
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_IRR 0x200 /* 256 bits, 32 per register, registers 16 bytes apart */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0
#define LVT_MASKED 0x10000
#define LVT_PERIODIC 0x20000

#define PIT_HZ 1193182u
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE_PORT 0x61

static volatile uint32_t *lapic;
static uint32_t tsc_frequency_mhz;

static uint32_t lapic_read(uint32_t reg) { return lapic[reg / 4]; }
static void lapic_write(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

uint32_t tsc_mhz(void)
{
    return tsc_frequency_mhz;
}

void timer_ack(void)
{
    lapic_write(LAPIC_EOI, 0);
}

bool arch_interrupt_pending(void)
{
    /* As seL4 on pc99: any request in the IRR for a vector from the first
       IRQ to the kernel timer, read whole 32-vector registers at a time. The
       legacy PICs are masked, so the LAPIC is the only place to look. */
    for (uint32_t vector = VECTOR_IRQ_MIN; vector <= VECTOR_TIMER; vector += 32) {
        if (lapic_read(LAPIC_IRR + (vector / 32) * 0x10) != 0) {
            return true;
        }
    }
    return false;
}

static void pic_disable(void)
{
    /* Remap both PICs to 0x20..0x2f (their spurious vectors then miss the
       exceptions), then mask every line. */
    out8(0x20, 0x11);
    out8(0xa0, 0x11);
    out8(0x21, 0x20);
    out8(0xa1, 0x28);
    out8(0x21, 0x04);
    out8(0xa1, 0x02);
    out8(0x21, 0x01);
    out8(0xa1, 0x01);
    out8(0x21, 0xff);
    out8(0xa1, 0xff);
}

/* TSC MHz from CPUID leaf 0x15 (crystal ratio) or 0x16 (base MHz), or 0. */
static uint32_t tsc_mhz_from_cpuid(void)
{
    uint32_t max_leaf = cpuid(0, 0).eax;
    if (max_leaf >= 0x15) {
        struct cpuid_result r = cpuid(0x15, 0);
        if (r.eax && r.ebx && r.ecx) {
            return (uint32_t)((uint64_t)r.ecx * r.ebx / r.eax / 1000000);
        }
    }
    if (max_leaf >= 0x16) {
        uint32_t mhz = cpuid(0x16, 0).eax & 0xffff;
        if (mhz) {
            return mhz;
        }
    }
    return 0;
}

/* Counts TSC and LAPIC timer ticks over 1 ms of PIT channel 2 (one-shot). */
static void calibrate_1ms(uint64_t *tsc_ticks, uint32_t *lapic_ticks)
{
    uint8_t gate = in8(PIT_GATE_PORT);
    out8(PIT_GATE_PORT, gate & ~0x03); /* gate low, speaker off */
    out8(PIT_CMD, 0xb0);                /* channel 2, lobyte/hibyte, mode 0 */
    uint16_t count = (uint16_t)(PIT_HZ / 1000);
    out8(PIT_CH2, count & 0xff);
    out8(PIT_CH2, count >> 8);

    lapic_write(LAPIC_TIMER_DIVIDE, 0x3); /* divide by 16 */
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VECTOR_TIMER);
    lapic_write(LAPIC_TIMER_INITIAL, 0xffffffff);
    uint64_t t0 = rdtsc();
    out8(PIT_GATE_PORT, (gate & ~0x02) | 0x01); /* gate high: counting starts */
    /* OUT2 (bit 5) rises at terminal count; bounded so a missing PIT cannot hang boot. */
    for (uint32_t i = 0; i < 50000000 && !(in8(PIT_GATE_PORT) & 0x20); i++) {
    }
    uint64_t t1 = rdtsc();
    uint32_t remaining = lapic_read(LAPIC_TIMER_CURRENT);
    out8(PIT_GATE_PORT, gate);
    *tsc_ticks = t1 - t0;
    *lapic_ticks = 0xffffffff - remaining;
}

void timer_init(void)
{
    pic_disable();
    uint64_t base = rdmsr(MSR_APIC_BASE);
    wrmsr(MSR_APIC_BASE, base | 0x800); /* global enable */
    lapic = kva(base & 0xffffff000ull);
    lapic_write(LAPIC_TPR, 0);
    lapic_write(LAPIC_SVR, 0x100 | VECTOR_SPURIOUS);

    uint64_t tsc_ticks;
    uint32_t lapic_ticks;
    calibrate_1ms(&tsc_ticks, &lapic_ticks);
    tsc_frequency_mhz = tsc_mhz_from_cpuid();
    if (!tsc_frequency_mhz) {
        tsc_frequency_mhz = (uint32_t)(tsc_ticks / 1000);
    }
    if (lapic_ticks == 0) {
        lapic_ticks = 1000; /* a timer that did not move: tick anyway */
    }
    lapic_write(LAPIC_TIMER_DIVIDE, 0x3);
    lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VECTOR_TIMER);
    lapic_write(LAPIC_TIMER_INITIAL, lapic_ticks * CONFIG_TIMER_TICK_MS);
}
