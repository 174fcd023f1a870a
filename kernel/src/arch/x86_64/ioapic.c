/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The I/O APIC, reached through its register-select and window registers.
 * It is set up on first use: its pin count read, every pin masked and sent
 * to the boot CPU (APIC id 0). The redirection entries' low words are kept
 * here too, so masking does not read the device back.
 */
#include <arch/x86_64/ioapic.h>
#include <memlayout.h>

#define IOAPIC_PADDR 0xfec00000ull
#define IOAPIC_REGSEL 0x00
#define IOAPIC_WINDOW 0x10
#define REG_VERSION 0x01
#define REG_REDIRECTION 0x10
#define LOW_MASKED (1u << 16)
#define LOW_LEVEL_SHIFT 15
#define LOW_POLARITY_SHIFT 13
#define MAX_PINS 240

static bool probed;
static uint32_t n_ioapics, n_pins;
static uint32_t redirection_low[MAX_PINS];

static uint32_t ioapic_read(uint32_t reg)
{
    volatile uint32_t *base = kva(IOAPIC_PADDR);
    base[IOAPIC_REGSEL / 4] = reg;
    return base[IOAPIC_WINDOW / 4];
}

static void ioapic_write(uint32_t reg, uint32_t value)
{
    volatile uint32_t *base = kva(IOAPIC_PADDR);
    base[IOAPIC_REGSEL / 4] = reg;
    base[IOAPIC_WINDOW / 4] = value;
}

static void probe(void)
{
    if (probed) {
        return;
    }
    probed = true;
    uint32_t version = ioapic_read(REG_VERSION);
    if (version == 0xffffffffu) {
        return; /* nothing answers there */
    }
    n_ioapics = 1;
    n_pins = ((version >> 16) & 0xff) + 1;
    for (uint32_t pin = 0; pin < n_pins; pin++) {
        uint32_t high = ioapic_read(REG_REDIRECTION + 2 * pin + 1);
        ioapic_write(REG_REDIRECTION + 2 * pin + 1, high & 0x00ffffffu); /* APIC id 0 */
        /* Masked, vector 0; the reserved upper half is kept as read. */
        uint32_t low = LOW_MASKED | (ioapic_read(REG_REDIRECTION + 2 * pin) & 0xffff0000u);
        redirection_low[pin] = low;
        ioapic_write(REG_REDIRECTION + 2 * pin, low);
    }
}

uint32_t ioapic_count(void)
{
    probe();
    return n_ioapics;
}

uint32_t ioapic_pins(uint32_t ioapic)
{
    probe();
    return ioapic < n_ioapics ? n_pins : 0;
}

void ioapic_map_pin_to_vector(uint32_t ioapic, uint32_t pin, uint32_t level, uint32_t polarity, uint32_t vector)
{
    probe();
    if (ioapic >= n_ioapics || pin >= n_pins) {
        return;
    }
    uint32_t high = ioapic_read(REG_REDIRECTION + 2 * pin + 1);
    ioapic_write(REG_REDIRECTION + 2 * pin + 1, high & 0x00ffffffu);
    uint32_t low = LOW_MASKED | (level << LOW_LEVEL_SHIFT) | (polarity << LOW_POLARITY_SHIFT) | (vector & 0xff);
    low |= ioapic_read(REG_REDIRECTION + 2 * pin) & 0xffff0000u;
    redirection_low[pin] = low;
    ioapic_write(REG_REDIRECTION + 2 * pin, low);
}

void ioapic_mask(bool mask, uint32_t ioapic, uint32_t pin)
{
    probe();
    if (ioapic >= n_ioapics || pin >= n_pins) {
        return; /* as seL4: parts of the interrupt space that do not exist are ignored */
    }
    if (mask) {
        redirection_low[pin] |= LOW_MASKED;
    } else {
        redirection_low[pin] &= ~LOW_MASKED;
    }
    ioapic_write(REG_REDIRECTION + 2 * pin, redirection_low[pin]);
}
