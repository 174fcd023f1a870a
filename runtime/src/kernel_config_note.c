/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Which kernel configuration this root task was built for, in a section
 * the runner reads before boot (the contract is
 * crates/sel4-launcher/src/build_config_note.rs): a program built for a
 * debug kernel may make debug system calls, which a release kernel lacks,
 * so the runner refuses that pairing with a message instead of letting
 * the program fault. The build script writes SEL4RT_KERNEL_CONFIG from the
 * build's sel4_config_* cfgs.
 */
#include "internal.h"

#ifndef SEL4RT_KERNEL_CONFIG
#define SEL4RT_KERNEL_CONFIG "SEL4CFG1 unknown"
#endif

__attribute__((used, section(".sel4_kernel_config"))) const char
    sel4runtime_kernel_config[] = SEL4RT_KERNEL_CONFIG;
