/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Boot cost benchmark: the first instruction of this root task reads the TSC
 * (start.c). Under QEMU's `-icount shift=0,sleep=off` guest time advances
 * one unit per executed instruction, so that reading counts the
 * instructions the machine ran from reset to the root task: firmware,
 * multiboot loading and the kernel's boot. Prints
 * `boot_to_root_task: N instructions`.
 */
#include "bench.h"

void bench_main(const seL4_BootInfo *bi, uint64_t tsc_at_entry)
{
    (void)bi;
    print("boot_to_root_task: ");
    print_decimal(tsc_at_entry);
    print(" instructions\n");
}
