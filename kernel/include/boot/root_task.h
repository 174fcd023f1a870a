/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Creating the root task exactly as seL4 does (ABI sections 11, 12, 15): its
 * image, address space, initial CSpace, boot info and extra boot info, its
 * untyped memory, and its thread, ready to run.
 */
#ifndef BOOT_ROOT_TASK_H
#define BOOT_ROOT_TASK_H

#include <boot/multiboot.h>

/* Builds the root task from the first module; boot_failed() on bad input. */
void create_root_task(struct boot_input *in);

#endif /* BOOT_ROOT_TASK_H */
