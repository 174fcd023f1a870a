/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Finding the ACPI RSDP in the BIOS read-only area (0xe0000..0xfffff, on
 * 16-byte boundaries, "RSD PTR " with a valid checksum), as seL4 does, so the
 * root task gets a copy in its extra boot info.
 */
#include <boot/acpi_rsdp.h>
#include <kernel/string.h>
#include <memlayout.h>

bool acpi_find_rsdp(uint8_t out[ACPI_RSDP_SIZE])
{
    for (uint64_t p = 0xe0000; p < 0x100000; p += 16) {
        const uint8_t *candidate = kva(p);
        if (memcmp(candidate, "RSD PTR ", 8) != 0) {
            continue;
        }
        uint8_t sum = 0;
        for (int i = 0; i < 20; i++) {
            sum += candidate[i];
        }
        if (sum == 0) {
            memcpy(out, candidate, ACPI_RSDP_SIZE);
            return true;
        }
    }
    return false;
}
