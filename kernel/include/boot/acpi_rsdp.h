/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/* The ACPI RSDP search (see boot/acpi_rsdp.c). */
#ifndef BOOT_ACPI_RSDP_H
#define BOOT_ACPI_RSDP_H

#include <stdbool.h>
#include <stdint.h>

/* Bytes of an ACPI 2.0 RSDP, what seL4 copies into the extra boot info. */
#define ACPI_RSDP_SIZE 36

/* Copies the RSDP into out and returns true when the BIOS area has one. */
bool acpi_find_rsdp(uint8_t out[ACPI_RSDP_SIZE]);

#endif /* BOOT_ACPI_RSDP_H */
